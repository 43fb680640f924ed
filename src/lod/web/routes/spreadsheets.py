"""Every displacement figure as CSV with HXL hashtags: ``/observations.csv`` (from the store as it is now) and
``/dumps/observations.csv`` (the file the last build or ingest wrote beside the other dumps)."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from lod import figures
from lod.errors import NotFound
from lod.web.conditional import Validators, not_modified
from lod.web.deps import SettingsDep, StoreDep, modified_at

router = APIRouter(tags=["data"])

CSV = "text/csv; charset=utf-8"


@router.get("/observations.csv", name="observations_csv", response_class=Response)
@router.head("/observations.csv", name="observations_csv", include_in_schema=False)
def observations_csv(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """One row per displacement figure: P-codes and admin names, period, qualifier, unit, reporter, source,
    sentence; the second row holds the HXL hashtags."""
    modified = modified_at(request)
    validators = Validators(hashlib.sha256(f"csv|{modified.isoformat()}".encode()).hexdigest()[:32], modified)
    headers = {**validators.headers(), "Content-Disposition": 'inline; filename="observations.csv"'}
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=headers)
    return Response(figures.csv_text(store, settings.vocab_uri).encode("utf-8"), media_type=CSV, headers=headers)


@router.get(f"/dumps/{figures.CSV_FILE}", name="observations_dump", response_class=FileResponse)
@router.head(f"/dumps/{figures.CSV_FILE}", name="observations_dump", include_in_schema=False)
def observations_dump(request: Request, settings: SettingsDep) -> Response:
    """The figures table as the last build wrote it."""
    path = settings.dumps_dir / figures.CSV_FILE
    if not path.is_file():
        raise NotFound(str(request.url))
    return FileResponse(path, media_type=CSV, filename=figures.CSV_FILE, content_disposition_type="inline")
