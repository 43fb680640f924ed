"""``/search?q=``: places, organizations, people and articles by name (see :mod:`lod.places.search`).

The index is built from the store on the first search and again after the data changes (a build or an
ingest writes a new catalog), so the server never needs a restart to find new names.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse

from lod.formats import HTML, Format
from lod.places.search import SearchIndex
from lod.publish import dumps as publish
from lod.settings import Settings
from lod.store import Store
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.representation import choose

log = logging.getLogger(__name__)

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
    catalog = publish.read_catalog(settings.dumps_dir)
    version: datetime = catalog.modified if catalog is not None else app.state.started_at

    def build() -> None:
        try:
            _cached(app, app.state.store, settings.vocab_uri, version)
        except Exception as exc:  # noqa: BLE001 - the app stopped and closed its store, or the store is down:
            log.info("the search index was not built in the background: %s", exc)  # a search builds it, or says why

    threading.Thread(target=build, name="search-index", daemon=True).start()


def _index(request: Request, store: StoreDep, vocab: str) -> SearchIndex:
    """The index for the data as it is now, built when the data has changed since the last one."""
    return _cached(request.app, store, vocab, modified_at(request))


def _cached(app: FastAPI, store: Store, vocab: str, version: datetime) -> SearchIndex:
    # One lock per app: a process may serve several (the tests do), and one app's build must not hold up another's.
    with app.state.search_lock:
        cached = getattr(app.state, "search_index", None)
        if cached is None or cached[0] != version:
            cached = (version, SearchIndex.build(store, vocab))
            app.state.search_index = cached
        index: SearchIndex = cached[1]
    return index


