"""Every displacement figure as CSV with HXL hashtags: ``/observations.csv`` (from the store as it is now) and
``/dumps/observations.csv`` (the file the last build or ingest wrote beside the other dumps)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from lod.errors import NotFound
from lod.publish import figures
from lod.settings import Settings
from lod.web.conditional import Validators, not_modified
from lod.web.deps import SettingsDep, StoreDep, modified_at

__all__ = ["dumped_csv", "live_csv", "router"]

router = APIRouter(tags=["data"])

CSV = "text/csv; charset=utf-8"


@router.get("/observations.csv", name="observations_csv", response_class=Response)
@router.head("/observations.csv", name="observations_csv", include_in_schema=False)
def observations_csv(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """One row per displacement figure: P-codes and admin names, period, qualifier, unit, reporter, source,
    sentence; the second row holds the HXL hashtags."""
    return live_csv(request, figures.CSV_FILE, "csv", lambda: figures.csv_text(store, settings.vocab_uri))


@router.get(f"/dumps/{figures.CSV_FILE}", name="observations_dump", response_class=FileResponse)
@router.head(f"/dumps/{figures.CSV_FILE}", name="observations_dump", include_in_schema=False)
def observations_dump(request: Request, settings: SettingsDep) -> Response:
    """The figures table as the last build wrote it."""
    return dumped_csv(request, settings, figures.CSV_FILE)


def live_csv(request: Request, name: str, tag: str, text: Callable[[], str]) -> Response:
    """A table made from the store as it is now (``text()``), validated by the data's last change (``tag`` keeps
    each table's ETags apart), or 304."""
    modified = modified_at(request)
    validators = Validators(hashlib.sha256(f"{tag}|{modified.isoformat()}".encode()).hexdigest()[:32], modified)
    headers = {**validators.headers(), "Content-Disposition": f'inline; filename="{name}"'}
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=headers)
    return Response(text().encode("utf-8"), media_type=CSV, headers=headers)


def dumped_csv(request: Request, settings: Settings, name: str) -> Response:
    """The table ``name`` as the last build wrote it beside the dumps (404 before the first build)."""
    path = settings.dumps_dir / name
    if not path.is_file():
        raise NotFound(str(request.url))
    return FileResponse(path, media_type=CSV, filename=name, content_disposition_type="inline")
