"""``POST /articles``: publish one article sent over HTTP, or refuse it with the report.

* Authenticated with a bearer token (``LOD_INGEST_TOKEN``); without one configured the route answers 403, and a
  missing or wrong token gets 401 with ``WWW-Authenticate: Bearer``. Tokens are compared in constant time.
* The body is the article itself (``text/plain; charset=utf-8``), or a ``multipart/form-data`` form with an
  ``article`` file and, optionally, a ``corrections`` file (YAML). At most ``lod.model.articles.MAX_BYTES`` each.
* ``201 Created`` with ``Location: /id/article/{key}`` for a new article; ``200`` when it replaced one (same
  URIs). A refusal leaves the store unchanged: 400 for an article or corrections file that cannot be read
  (``line``, ``column``), 422 when the shapes refuse it (``results``), 503 when the store is held by another writer.

The work is :meth:`lod.web.uploads.Publisher.publish` (the application's one publisher, built at start-up), run
in a worker thread. Accepted articles are kept under ``{LOD_DATA_DIR}/uploads/``, so ``lod build`` keeps them.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from lod.model.articles import MAX_BYTES
from lod.web.deps import PublisherDep, SettingsDep, StoreDep
from lod.web.forms import FORM, FORM_OVERHEAD, form_file, read_body, read_form
from lod.web.uploads import Upload

__all__ = ["FORM", "FORM_OVERHEAD", "Authorized", "router"]

TEXT = "text/plain"
DISABLED = "ingest over HTTP is disabled; set LOD_INGEST_TOKEN"
_PROBLEM: dict[str, object] = {"content": {"application/problem+json": {}}}

router = APIRouter(tags=["publishing"])
_bearer = HTTPBearer(auto_error=False, description="The token set as `LOD_INGEST_TOKEN`.")


def _authorized(settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Refuse the request unless it carries the configured token (403 when none is configured)."""
    expected = settings.ingest_token.get_secret_value() if settings.ingest_token is not None else ""
    if not expected:
        raise HTTPException(403, DISABLED)
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "send the ingest token as 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})


Authorized = Annotated[None, Depends(_authorized)]


@router.post(
    "/articles",
    status_code=201,
    summary="Publish an article (authenticated)",
    response_description="The article is published; `Location` is its URI.",
    responses={
        200: {"description": "The article replaced the one already published under the same URIs."},
        400: {"description": "The article or its corrections cannot be read; `path`, `line`, `column` say where.", **_PROBLEM},
        401: {"description": "No or a wrong bearer token.", **_PROBLEM},
        403: {"description": "Publishing over HTTP is disabled (`LOD_INGEST_TOKEN` is not set).", **_PROBLEM},
        413: {"description": f"A file larger than {MAX_BYTES} bytes.", **_PROBLEM},
        415: {"description": f"A body that is neither `{TEXT}; charset=utf-8` nor `{FORM}`.", **_PROBLEM},
        422: {"description": "The shapes refuse the article; `results` lists each result and its `location`.", **_PROBLEM},
        503: {"description": "The store is held by another writer; try again.", **_PROBLEM},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                TEXT: {"schema": {"type": "string"}, "example": "Title: ...\nSource URL: https://example.org/x\n"
                       "Publisher: OCHA\nPublished: 2020-01-28\n\nMore than 500 families fled Saraqeb on Monday.\n"},
                FORM: {"schema": {
                    "type": "object",
                    "required": ["article"],
                    "properties": {
                        "article": {"type": "string", "format": "binary", "description": "The article (UTF-8 text)."},
                        "corrections": {"type": "string", "format": "binary", "description": "Its corrections file (YAML)."},
                    },
                }},
            },
        }
    },
)
async def post_article(request: Request, _: Authorized, publisher: PublisherDep, store: StoreDep) -> JSONResponse:
    """Validate the article against the shapes, then publish it (its named graph replaced whole), or refuse it."""
    upload = await _read_upload(request)
    published = await run_in_threadpool(publisher.publish, upload, store)
    request.app.state.newest_modified = datetime.now(timezone.utc).replace(microsecond=0)  # Last-Modified moves on
    request.app.state.published = getattr(request.app.state, "published", 0) + 1  # the browse lists are ordered again
    location = str(request.url_for("see_other", kind="article", key=published.key))
    return JSONResponse(published.as_json(), status_code=200 if published.replaced else 201, headers={"Location": location})


async def _read_upload(request: Request) -> Upload:
    """The article (and corrections) from the body: plain text, or a form with ``article`` and ``corrections``."""
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    if media_type == TEXT:
        _refuse_other_charsets(parameters)
        return Upload(await read_body(request, MAX_BYTES))
    if media_type != FORM:
        raise HTTPException(415, f"send the article as {TEXT}; charset=utf-8, or as {FORM} with an 'article' file, not {media_type or 'no content type'}")
    form = await read_form(request, MAX_BYTES)
    article, article_name = await form_file(form.get("article"), MAX_BYTES)
    if article is None:
        raise HTTPException(400, "the form has no 'article' file")
    corrections, corrections_name = await form_file(form.get("corrections"), MAX_BYTES)
    return Upload(article, article_name or "", corrections, corrections_name or "")


def _refuse_other_charsets(parameters: str) -> None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HTTPException(415, f"send the article in UTF-8, not {value.strip()}")
