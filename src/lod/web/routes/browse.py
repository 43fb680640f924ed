"""``/browse/{list}``: articles, places, organizations, people and displacement figures as sortable tables."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from lod.errors import NotFound
from lod.web import browse as lists
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep

router = APIRouter(tags=["site"])


@router.get("/browse/{name}", response_class=HTMLResponse, name="browse")
def browse(
    name: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    templates: TemplatesDep,
    sort: str | None = Query(None, max_length=20, description="a column to sort by (the list names its sorts)"),
    page: int = Query(1, ge=1, le=100_000, description="page number, from 1"),
) -> Response:
    """One browse list, a page at a time."""
    spec = lists.LISTS.get(name)
    if spec is None:
        raise NotFound(str(request.url))
    found = lists.table(store, settings.vocab_uri, spec, sort, page)
    return templates.TemplateResponse(request, "browse.html", {"table": found, "lists": lists.LISTS})
