"""``/browse/{list}``: articles, places, organizations, people and displacement figures as sortable tables.

Each list's order (:class:`~lod.web.listindex.ListIndex`) is kept per version of the data (a build or an ingest
wrote a new catalog, this app published an article, the on-disk store says its content changed, a line was added
to the file of changes). After a write of one graph (``lod ingest``, ``POST /articles`` in any worker) the index
is updated from the rows that write touched (:mod:`lod.store.changes`), in milliseconds; after any other change
it is taken again from the whole store. At a server's start it is taken in the background, as the search index is.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import HTMLResponse

from lod.errors import NotFound
from lod.settings import Settings
from lod.store import Store, changes
from lod.web import browse as lists
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.indexes import data_version, followed, in_background
from lod.web.listindex import ListIndex

router = APIRouter(tags=["site"])



@router.get("/browse/{name}", response_class=HTMLResponse, name="browse")
def browse(
    name: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    templates: TemplatesDep,
    sort: str | None = Query(None, max_length=20, description="a column to sort by (the list names its sorts)"),
    order: str | None = Query(None, pattern="^(asc|desc)$", description="ascending or descending (each sort has its own default)"),
    page: int = Query(1, ge=1, le=100_000, description="page number, from 1"),
) -> Response:
    """One browse list, a page at a time."""
    spec = lists.LISTS.get(name)
    if spec is None:
        raise NotFound(str(request.url))
    key = sort if sort in spec.sorts else next(iter(spec.sorts))
    reverse = order is not None and (order == "desc") != spec.sorts[key][0][1]
    found = _index(request.app, store, settings.vocab_uri, spec, _version(request, store))
    table = lists.table(store, settings.vocab_uri, spec, found, key, page, reverse=reverse)
    return templates.TemplateResponse(request, "browse.html", {"table": table, "lists": lists.LISTS})


def warm(app: FastAPI) -> None:
    """Take every list's order in the background now, so the first page of each does not wait for it."""
    settings: Settings = app.state.settings
    store: Store = app.state.store

    def build() -> None:
        version = data_version(app, store, app.state.started_at)
        for spec in lists.LISTS.values():
            _index(app, store, settings.vocab_uri, spec, version)

    in_background("browse-index", build)


def _version(request: Request, store: Store) -> object:
    return data_version(request.app, store, modified_at(request))


def _index(app: FastAPI, store: Store, vocab: str, spec: lists.BrowseList, version: object) -> ListIndex:
    """The list's index for ``version``: the one held, with the rows the writes since touched taken again when
    the file of changes tells of them all; else built from the whole store."""
    held: dict[str, tuple[object, tuple[changes.Mark, ListIndex]]] = app.state.browse_indexes
    return followed(app, app.state.browse_lock, held, spec.slug, version,
                    lambda: lists.index(store, vocab, spec),
                    lambda found, touched: lists.updated(store, vocab, spec, found, touched))
