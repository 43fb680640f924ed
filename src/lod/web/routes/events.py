"""``POST /events``: publish one event or displacement data set file sent over HTTP, or refuse it with where and why.

Authenticated as ``POST /articles`` is (``LOD_INGEST_TOKEN`` as a bearer token). The body is a
``multipart/form-data`` form with a ``table`` file (the CSV: ACLED columns or HXL hashtags, docs/events.md) and a
``metadata`` file (its YAML: title, publisher, licence). ``201 Created`` with ``Location`` the data set's URI, ``200``
when it replaced the file published under the same name; ``400`` with ``path``/``line``/``column`` for a cell that
cannot be read (``errors`` lists every one), ``422`` when the shapes refuse a row, ``503`` when another writer holds
the store. The store is unchanged after any refusal. The work is :func:`lod.web.tableuploads.publish_table`.
"""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from lod.errors import NotFound
from lod.events import spreadsheet
from lod.web.conditional import Validators, not_modified
from lod.web.deps import SettingsDep, StoreDep, modified_at
from lod.web.routes.articles import FORM, FORM_OVERHEAD, Authorized, _body, _replay
from lod.web.tableuploads import TableUpload, publish_table

__all__ = ["router"]

MAX_TABLE_BYTES = 8 * 1024 * 1024
CSV = "text/csv; charset=utf-8"
_PROBLEM: dict[str, object] = {"content": {"application/problem+json": {}}}

router = APIRouter(tags=["publishing"])


@router.post(
    "/events",
    status_code=201,
    summary="Publish an event or displacement data set file (authenticated)",
    response_description="The data set is published; `Location` is its URI.",
    responses={
        200: {"description": "The file replaced the one already published under the same name."},
        400: {"description": "A cell or the metadata cannot be read; `path`, `line`, `column` (and `errors`) say where.", **_PROBLEM},
        401: {"description": "No or a wrong bearer token.", **_PROBLEM},
        403: {"description": "Publishing over HTTP is disabled (`LOD_INGEST_TOKEN` is not set).", **_PROBLEM},
        413: {"description": f"A file larger than {MAX_TABLE_BYTES} bytes.", **_PROBLEM},
        415: {"description": f"A body that is not `{FORM}`.", **_PROBLEM},
        422: {"description": "The shapes refuse a row; `results` lists each result and its `location` (file:row:column).", **_PROBLEM},
        503: {"description": "The store is held by another writer; try again.", **_PROBLEM},
    },
    openapi_extra={"requestBody": {"required": True, "content": {FORM: {"schema": {
        "type": "object",
        "required": ["table", "metadata"],
        "properties": {
            "table": {"type": "string", "format": "binary", "description": "The CSV (ACLED export columns or an HXL hashtag row)."},
            "metadata": {"type": "string", "format": "binary", "description": "Its metadata (YAML: title, publisher, licence, source)."},
        },
    }}}}},
)
async def post_events(request: Request, settings: SettingsDep, store: StoreDep, _: Authorized) -> JSONResponse:
    """Check every row against its rules and the shapes, then publish the file's graph whole, or refuse it."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != FORM:
        raise HTTPException(415, f"send the data set as {FORM} with a 'table' file and a 'metadata' file, not {media_type or 'no content type'}")
    body = await _body(request, 2 * MAX_TABLE_BYTES + FORM_OVERHEAD)
    try:
        form = await MultiPartParser(request.headers, _replay(body), max_files=2, max_fields=8, max_part_size=MAX_TABLE_BYTES).parse()
    except MultiPartException as exc:
        raise HTTPException(400, f"the form cannot be read: {exc.message}") from None
    table, table_name = await _part(form.get("table"))
    metadata, metadata_name = await _part(form.get("metadata"))
    if table is None or metadata is None:
        raise HTTPException(400, "the form needs a 'table' file (CSV) and a 'metadata' file (YAML)")
    upload = TableUpload(table, metadata, table_name or "", metadata_name or "")
    published = await run_in_threadpool(publish_table, upload, settings, store)
    return JSONResponse(published.as_json(), status_code=200 if published.replaced else 201, headers={"Location": published.dataset})


async def _part(value: UploadFile | str | None) -> tuple[bytes | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str):
        return value.encode("utf-8"), None
    data = await value.read()
    if len(data) > MAX_TABLE_BYTES:
        raise HTTPException(413, f"{value.filename or 'a file'} is {len(data)} bytes, more than the {MAX_TABLE_BYTES} allowed")
    return data, value.filename


@router.get("/events.csv", name="events_csv", response_class=Response, tags=["data"])
@router.head("/events.csv", name="events_csv", include_in_schema=False)
def events_csv(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """One row per event: type, days, place and P-codes, casualties and alleged actors by source, and the sources;
    the second row holds the HXL hashtags (lod.events.spreadsheet)."""
    modified = modified_at(request)
    validators = Validators(hashlib.sha256(f"events-csv|{modified.isoformat()}".encode()).hexdigest()[:32], modified)
    headers = {**validators.headers(), "Content-Disposition": 'inline; filename="events.csv"'}
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=headers)
    return Response(spreadsheet.csv_text(store, settings.vocab_uri).encode("utf-8"), media_type=CSV, headers=headers)


@router.get(f"/dumps/{spreadsheet.CSV_FILE}", name="events_dump", response_class=FileResponse, tags=["data"])
@router.head(f"/dumps/{spreadsheet.CSV_FILE}", name="events_dump", include_in_schema=False)
def events_dump(request: Request, settings: SettingsDep) -> Response:
    """The events table as the last build wrote it."""
    path = settings.dumps_dir / spreadsheet.CSV_FILE
    if not path.is_file():
        raise NotFound(str(request.url))
    return FileResponse(path, media_type=CSV, filename=spreadsheet.CSV_FILE, content_disposition_type="inline")
