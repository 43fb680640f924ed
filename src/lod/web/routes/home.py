"""The home page, health, metrics, the JSON-LD context, and the pages behind problem type URIs."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from lod.errors import NotFound
from lod.publish import dumps as publish
from lod.settings import Settings
from lod.store import Store
from lod.web import examples, overview, problems
from lod.web.deps import MetricsDep, SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.indexes import cached, data_version

router = APIRouter(tags=["site"])


@router.get("/", response_class=HTMLResponse, name="home")
@router.head("/", response_class=HTMLResponse, name="home", include_in_schema=False)
def home(request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep) -> Response:
    """What the dataset holds, how to query it, where to download it."""
    context = {
        "overview": _overview(request, settings, store),
        "examples": examples.load(settings.base_uri, settings.vocab_uri),
        "catalog": publish.read_catalog(settings.dumps_dir),
        "base": settings.base_uri,
        "vocab": settings.vocab_uri,
    }
    links = f'<{request.url_for("void")}>; rel="describedby"; type="text/turtle"'
    return templates.TemplateResponse(request, "home.html", context, headers={"Link": links})


def _overview(request: Request, settings: Settings, store: Store) -> overview.Overview:
    """The counts and latest articles, taken once per version of the data: they count every thing of the store,
    so asking them per request made the home page's cost the store's."""
    version = data_version(request.app, store, modified_at(request))
    held: dict[str, tuple[object, overview.Overview]] = request.app.state.overviews
    return cached(request.app.state.overview_lock, held, "overview", version, lambda: overview.overview(store, settings.vocab_uri))


@router.head("/health", include_in_schema=False)  # above: GET is the first route, which a 405 names in Allow
@router.get("/health", tags=["operations"])
def health(store: StoreDep) -> dict[str, str]:
    """Liveness: the process answers and the store answers a query."""
    store.query("ASK { }")
    return {"status": "ok"}


@router.get("/metrics", tags=["operations"], response_class=Response)
def metrics(metrics: MetricsDep) -> Response:
    """Prometheus metrics: requests by route template, SPARQL queries by form and outcome, quads in the store.

    A plain ``def``, so counting the store's quads runs in a worker thread, not on the event loop."""
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.head("/context.jsonld", name="jsonld_context", include_in_schema=False)
@router.get("/context.jsonld", name="jsonld_context", tags=["data"])
def jsonld_context(settings: SettingsDep) -> JSONResponse:
    """The JSON-LD context the dumps name, so they read as plain JSON."""
    return JSONResponse(publish.load_context(settings.base_uri, settings.vocab_uri), media_type="application/ld+json")


@router.get("/problems/{slug}", response_class=HTMLResponse, name="problem_type", tags=["operations"])
def problem_type(slug: str, request: Request, templates: TemplatesDep) -> Response:
    """What a problem ``type`` in an error response means."""
    found = problems.by_slug(slug)
    if found is None:
        raise NotFound(str(request.url))
    title, problem = found
    return templates.TemplateResponse(request, "problem.html", {"title": title, "problem": problem})
