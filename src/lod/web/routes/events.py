"""``POST /events``: publish one event or displacement data set file sent over HTTP, or refuse it with where and why.

Authenticated as ``POST /articles`` is (``LOD_INGEST_TOKEN`` as a bearer token). The body is a
``multipart/form-data`` form with a ``table`` file (the CSV: ACLED columns or HXL hashtags, docs/events.md) and a
``metadata`` file (its YAML: title, publisher, licence). ``201 Created`` with ``Location`` the data set's URI, ``200``
when it replaced the file published under the same name; ``400`` with ``path``/``line``/``column`` for a cell that
cannot be read (``errors`` lists every one), ``422`` when the shapes refuse a row, ``503`` when another writer holds
the store. The store is unchanged after any refusal. The work is :func:`lod.web.tableuploads.publish_table`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from lod.publish import eventsheet as spreadsheet
from lod.web.deps import SettingsDep, StoreDep
from lod.web.forms import FORM, form_file, read_form
from lod.web.routes.articles import Authorized
from lod.web.routes.spreadsheets import dumped_csv, live_csv
from lod.web.tableuploads import TableUpload, publish_table

__all__ = ["router"]

MAX_TABLE_BYTES = 8 * 1024 * 1024
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
    form = await read_form(request, MAX_TABLE_BYTES)
    table, table_name = await form_file(form.get("table"), MAX_TABLE_BYTES)
    metadata, metadata_name = await form_file(form.get("metadata"), MAX_TABLE_BYTES)
    if table is None or metadata is None:
        raise HTTPException(400, "the form needs a 'table' file (CSV) and a 'metadata' file (YAML)")
    upload = TableUpload(table, metadata, table_name or "", metadata_name or "")
    published = await run_in_threadpool(publish_table, upload, settings, store)
    return JSONResponse(published.as_json(), status_code=200 if published.replaced else 201, headers={"Location": published.dataset})


@router.get("/events.csv", name="events_csv", response_class=Response, tags=["data"])
@router.head("/events.csv", name="events_csv", include_in_schema=False)
def events_csv(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """One row per event: type, days, place and P-codes, casualties and alleged actors by source, and the sources;
    the second row holds the HXL hashtags (lod.publish.eventsheet)."""
    return live_csv(request, spreadsheet.CSV_FILE, "events-csv", lambda: spreadsheet.csv_text(store, settings.vocab_uri))


@router.get(f"/dumps/{spreadsheet.CSV_FILE}", name="events_dump", response_class=FileResponse, tags=["data"])
@router.head(f"/dumps/{spreadsheet.CSV_FILE}", name="events_dump", include_in_schema=False)
def events_dump(request: Request, settings: SettingsDep) -> Response:
    """The events table as the last build wrote it."""
    return dumped_csv(request, settings, spreadsheet.CSV_FILE)
