"""The web application: ``create_app(settings, store)``; uvicorn runs ``--factory lod.web.app:create_app``.

Every :class:`~lod.errors.LodError` becomes an RFC 9457 problem detail here, and only here: routes raise,
``_problem`` answers. The status of an error is found by walking its class's MRO through ``PROBLEMS``. Any
other exception is a bug: it is logged (by the server) and answered as a bare 500 problem, without internals.

The application opens the store itself read-only (``open_store(settings, read_only=True)``: a view that follows
the writer's changes), so ``lod ingest``, ``lod build`` and its own ``POST /articles`` can write while it serves.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from lod import errors

from lod.publish import dumps as publish
from lod.publish.jsonld import for_script
from lod.settings import ROOT, Settings
from lod.store import Store, open_store
from lod.web import assets, docs, editor, errorpage, links, problems, vocabulary
from lod.web.dumpmaker import DumpMaker
from lod.web.heldgraphs import HeldSubjects
from lod.web.metrics import Metrics, MetricsMiddleware
from lod.web.routes import articles, browse, dumps, entities, events, graphs, home, maps, search, sparql, spreadsheets
from lod.web.routes import vocabulary as vocabulary_routes
from lod.web.security import HEADERS as SECURITY_HEADERS
from lod.web.security import BodyTimeout, PublicBase, SecurityHeaders
from lod.web.uploads import Publisher

__all__ = ["create_app"]

HERE = Path(__file__).parent
YASGUI_DIR = ROOT / "node_modules" / "@zazuko" / "yasgui" / "build"
# How pages name formats (a ``title`` field on lod.formats.Format would be the better home).
FORMAT_TITLES = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML", "nq": "N-Quads", "html": "HTML"}
EXPOSED_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Content-Location",
    "Content-Length",
    "Vary",
    "X-Lod-Result-Capped",
    "X-Lod-Result-Limit",
]


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The application over ``store`` (opened read-only from ``settings.store_path`` at startup when None)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store is None
        app.state.store = store if store is not None else open_store(settings, read_only=True)
        # The publishing context (vocabulary, shapes, gazetteer, reconciler), loaded once for every upload.
        app.state.publisher = Publisher(settings) if _ingest_enabled(settings) else None
        app.state.started_at = _built_at(settings)
        app.state.vocabulary = vocabulary.load(settings)
        if opened:  # a served dataset (not a test's store): the first search or list should not wait for its index
            search.warm(app)
            browse.warm(app)
            graphs.warm(app)
            app.state.dump_maker.start()  # the dump files the last build left pending, made in the background
        try:
            yield
        finally:
            app.state.dump_maker.stop()
            if opened:
                app.state.store.close()
                app.state.store = None

    app = FastAPI(
        title="lod: conflict and displacement reports as linked data",
        summary="Dereferenceable URIs, SPARQL 1.1, dumps and the vocabulary of the lod dataset.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by lod.web.docs from our own copy of Swagger UI, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.dump_maker = DumpMaker(settings)
    app.state.search_lock = threading.Lock()
    app.state.search_indexes = {}
    app.state.browse_lock = threading.Lock()
    app.state.browse_indexes = {}
    app.state.members_lock = threading.Lock()
    app.state.members_indexes = {}
    app.state.overview_lock = threading.Lock()
    app.state.overviews = {}
    app.state.graph_subjects = HeldSubjects()
    app.state.documents_lock = threading.Lock()  # the VoID description and the service description, written
    app.state.documents = {}  # once per version and format: each lists every named graph
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.auto_reload = False  # shipped with the package: no stat of every template per page
    app.state.templates.env.globals["format_title"] = FORMAT_TITLES
    app.state.templates.env.filters["script_json"] = for_script  # JSON inside <script>: < > & escaped
    app.state.templates.env.globals["site_url"] = links.site_url
    app.state.templates.env.globals["url_for"] = links.url_for
    app.state.render_query_editor = editor.render
    app.state.metrics = Metrics(lambda: getattr(app.state, "store", None), settings.dumps_dir)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    app.add_middleware(BodyTimeout, seconds=settings.http_timeout_s)  # a body that stops coming: 408
    app.add_middleware(PublicBase, base_uri=settings.base_uri)  # links from LOD_BASE_URI, never the Host header
    app.add_middleware(SecurityHeaders)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)  # added last, so outermost: it sees every answer
    app.add_exception_handler(errors.LodError, _problem)
    app.add_exception_handler(StarletteHTTPException, _http_problem)
    app.add_exception_handler(RequestValidationError, _validation_problem)
    app.add_exception_handler(Exception, _unexpected_problem)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/assets/yasgui", StaticFiles(directory=YASGUI_DIR, check_dir=False), name="yasgui")
    assets.mount(app)
    # Documents first: every request walks the routes in this order, and most ask for a document or /sparql.
    # /id/{kind}/ (a listing, in graphs) before /id/{kind}/{key:path}; /def/concept/ before /def/{name}/...
    for router in (graphs.router, entities.router, sparql.router, home.router, docs.router, search.router, browse.router, spreadsheets.router, events.router, maps.router, dumps.router, vocabulary_routes.router, articles.router):
        app.include_router(router)
    return app


def _ingest_enabled(settings: Settings) -> bool:
    return settings.ingest_token is not None and bool(settings.ingest_token.get_secret_value())


def _built_at(settings: Settings) -> datetime:  # the fallback when no build has written a catalog
    """When the data was last built: the build's own record beside the dumps, else when the app started."""
    catalog = publish.read_catalog(settings.dumps_dir)
    return catalog.modified if catalog is not None else datetime.now(timezone.utc).replace(microsecond=0)


def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.LodError)
    problem = problems.for_error(exc)
    response = _respond(request, problem.status, problem.slug, exc.title, str(exc), problems.extensions(exc))
    if isinstance(exc, errors.DumpPending):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _http_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    response = _respond(request, exc.status_code, None, _reason(exc.status_code), str(exc.detail), {})
    response.headers.update(headers)
    return response


def _unexpected_problem(request: Request, exc: Exception) -> Response:
    """Anything else is a bug: the server logs it with its traceback; the client learns only that it failed."""
    detail = "the server could not answer this request; the error has been logged"
    response = _respond(request, 500, problems.PROBLEMS[errors.LodError].slug, _reason(500), detail, {})
    # Answered by Starlette's outermost error middleware, outside SecurityHeaders: add them here.
    response.headers.update({name.decode(): value.decode() for name, value in SECURITY_HEADERS})
    return response


def _validation_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    invalid = [{"location": list(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
    return _respond(request, 422, "invalid-request", "Invalid Request", "the request's parameters are not valid", {"errors": invalid})


def _respond(request: Request, status: int, slug: str | None, title: str, detail: str, extra: dict[str, object]) -> Response:
    body: dict[str, object] = {
        "type": str(request.url_for("problem_type", slug=slug)) if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    if errorpage.wants_html(request):
        return errorpage.html_page(request, body)
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
