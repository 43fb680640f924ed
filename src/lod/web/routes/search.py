"""``/search?q=``: places, organizations, people and articles by name (see :mod:`lod.places.search`).

The index is built from the store at a server's start (in the background) and kept per version of the data, so
the server never needs a restart to find new names. After a write of one graph (``lod ingest``, ``POST /articles``
in any worker) the rows of the things it touched are taken again (:mod:`lod.store.changes`), at the cost of those
things; after any other change (a build, another writer) the index is built again from the whole store.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse

from lod.formats import HTML, Format
from lod.places.search import SearchIndex
from lod.settings import Settings
from lod.store import Store, changes
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.indexes import data_version, followed, in_background
from lod.web.representation import choose

router = APIRouter(tags=["site"])

JSON = Format("json", "application/json", "json")
KINDS = ("place", "organization", "person", "article")


@router.get("/search", name="search")
def search(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    templates: TemplatesDep,
    q: str = Query("", max_length=200, description="words of a name, in any spelling or script"),
    kind: str | None = Query(None, pattern="^(place|organization|person|article)$", description="only things of this kind"),
) -> Response:
    """Things whose names match ``q``, best first, each linking to its page (HTML, or JSON on request)."""
    fmt = choose(request, (HTML, JSON), None)
    hits = _index(request, store, settings.vocab_uri).search(q, kind) if q.strip() else []
    if fmt == JSON:
        found = [{"uri": h.iri, "kind": h.kind, "label": h.label, "matched": h.matched} for h in hits]
        return JSONResponse({"query": q, "results": found})
    context = {"hits": hits, "search_query": q, "kind": kind, "kinds": KINDS}
    return templates.TemplateResponse(request, "search.html", context)


def warm(app: FastAPI) -> None:
    """Build the index in the background now (about 2-4 s for the full gazetteer), so the first search does
    not wait for it; a search that comes sooner waits for this build instead of starting its own."""
    settings: Settings = app.state.settings
    store: Store = app.state.store
    in_background("search-index", lambda: _cached(app, store, settings.vocab_uri, data_version(app, store, app.state.started_at)))


def _index(request: Request, store: StoreDep, vocab: str) -> SearchIndex:
    """The index for the data as it is now, built when the data has changed since the last one."""
    return _cached(request.app, store, vocab, data_version(request.app, store, modified_at(request)))


def _cached(app: FastAPI, store: Store, vocab: str, version: object) -> SearchIndex:
    def update(index: SearchIndex, touched: set[str]) -> SearchIndex | None:
        return index if index.update(store, vocab, touched) else None

    held: dict[str, tuple[object, tuple[changes.Mark, SearchIndex]]] = app.state.search_indexes
    return followed(app, app.state.search_lock, held, "search", version,
                    lambda: SearchIndex.build(store, vocab), update)
