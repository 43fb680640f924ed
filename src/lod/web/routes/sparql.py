"""``GET`` and ``POST /sparql``: the SPARQL 1.1 Protocol for queries, read-only.

* ``GET ?query=``, ``POST`` of a form (``application/x-www-form-urlencoded``, ``query=``) and ``POST`` of the
  query itself (``application/sparql-query``, UTF-8); ``default-graph-uri`` and ``named-graph-uri`` (repeatable)
  in the URL or the form.
* Results are negotiated from ``Accept`` (SELECT and ASK: JSON, XML, CSV, TSV; CONSTRUCT and DESCRIBE:
  Turtle, N-Triples, JSON-LD, RDF/XML). A ``format`` (or ``output``, ``results``) parameter overrides it: a
  format name (``srj``, ``csv``, ``ttl``...), a media type, ``json`` / ``xml``, or a name other endpoints take
  (``turtle``, ``n3``, ``rdf+xml``, ``json-ld``..., what SPARQLWrapper sends, as Fuseki and Virtuoso do). A
  name we do not know is ignored when the request has an ``Accept`` header, and refused (400) otherwise.
* An answer that refuses the query (4xx) or says it was stopped (503) comes after ``LOD_REFUSAL_PAUSE_S``
  (half a second), which slows a loop of bad queries and costs the server nothing.
* A body over ``3 * LOD_QUERY_MAX_BYTES`` (percent-encoding triples a byte at most) or a query over
  ``LOD_QUERY_MAX_BYTES`` is refused with 413 before anything parses it.
* A ``GET`` without a query answers the service description, or the query editor for browsers. ``HEAD``
  answers the same headers without the body.
* Updates (``update=``, ``application/sparql-update``) are refused with 403. A capped result carries
  ``X-Lod-Result-Capped: true`` and ``X-Lod-Result-Limit: <n>``.

The router's lifespan starts the :class:`~lod.sparql.protocol.QueryService` (its worker processes) as
``app.state.sparql`` once the application's own lifespan has set ``app.state.store``, unless one is set already;
it counts queries in ``app.state.metrics`` when the application has one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from lod.errors import QueryError, QueryRefused, QueryTooLarge
from lod.formats import GRAPH_RESULT_FORMATS, HTML, SOLUTION_RESULT_FORMATS, Format, by_media_type, by_name
from lod.negotiation import negotiate
from lod.settings import Settings
from lod.sparql.protocol import QueryService, service_description
from lod.store import Store
from lod.web.deps import modified_at
from lod.web.indexes import cached, data_version
from lod.web.metrics import Metrics
from lod.web.urlencoded import pairs

__all__ = ["router"]

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
DESCRIPTION_FORMATS = (*GRAPH_RESULT_FORMATS, HTML)
FORMAT_WORDS = {
    "json": "application/sparql-results+json, application/ld+json",
    "application/json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    # The names other endpoints (Fuseki, Virtuoso) take, and SPARQLWrapper sends.
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "text/n3": "text/turtle",
    "text/rdf+n3": "text/turtle",
    "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "sparql-results+json": "application/sparql-results+json",
    "sparql-results+xml": "application/sparql-results+xml",
}
FORMAT_PARAMETERS = ("format", "output", "results")
Params = Sequence[tuple[str, str]]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if getattr(app.state, "sparql", None) is not None:
        yield
        return
    metrics: Metrics | None = getattr(app.state, "metrics", None)
    service = QueryService(app.state.settings, app.state.store, observe=metrics.observe_query if metrics else None)
    await run_in_threadpool(service.start)
    app.state.sparql = service
    try:
        yield
    finally:
        app.state.sparql = None
        await run_in_threadpool(service.close)


class _Route(APIRoute):
    """FastAPI's route (its place in the OpenAPI description, its errors) without its parameter solving: each
    endpoint takes the request alone and reads the query string itself (:func:`_params`). The solver reads it
    whether or not a parameter is declared, with urllib: 0.5-1 ms for an entity's describe query."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = self.endpoint

        async def handle(request: Request) -> Response:
            response: Response = await endpoint(request)
            return response

        return handle


router = APIRouter(tags=["sparql"], lifespan=_lifespan, route_class=_Route)


@router.head("/sparql", include_in_schema=False)  # above: GET is the first route, which a 405 names in Allow
@router.get("/sparql", summary="SPARQL query, service description or query editor")
async def sparql_get(request: Request) -> Response:
    params = _params(request)
    query = _one_query(params)
    if query is None:
        return await _describe(request)
    return await _run(request, query, params)


@router.post("/sparql", summary="SPARQL query by form or directly")
async def sparql_post(request: Request) -> Response:
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    params = _params(request)
    settings: Settings = request.app.state.settings
    body = await _body(request, 3 * settings.query_max_bytes)
    if media_type == FORM:
        params += _form(body)
        query = _one_query(params)
        if query is None:
            raise QueryError("missing the query: send query=... in the form")
    elif media_type == DIRECT:
        _refuse_updates(params)
        query = _utf8(body, parameters)
    elif media_type == UPDATE:
        raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only")
    else:
        raise HTTPException(415, f"send the query as {FORM} (query=...) or as {DIRECT}, not {media_type or 'no content type'}")
    return await _run(request, query, params)


async def _run(request: Request, query: str, params: Params) -> Response:
    service: QueryService = request.app.state.sparql
    try:
        answer = await run_in_threadpool(
            service.execute,
            query,
            accept=_accept(request, params),
            default_graphs=[v for k, v in params if k == "default-graph-uri"],
            named_graphs=[v for k, v in params if k == "named-graph-uri"],
        )
    except QueryError:
        await _pause(request)
        raise
    headers = {"Vary": "Accept"}
    if answer.capped:
        headers |= {"X-Lod-Result-Capped": "true", "X-Lod-Result-Limit": str(service.settings.result_limit)}
    return Response(answer.body, media_type=answer.format.media_type, headers=headers)


async def _describe(request: Request) -> Response:
    fmt = negotiate(_accept(request, _params(request)), DESCRIPTION_FORMATS)
    if fmt is HTML:
        render = getattr(request.app.state, "render_query_editor", None)
        page = await _maybe_await(render(request)) if render is not None else _MINIMAL_EDITOR
        return page if isinstance(page, Response) else HTMLResponse(page, headers={"Vary": "Accept"})
    settings: Settings = request.app.state.settings
    store: Store = request.app.state.store
    rdf = fmt.rdf
    assert rdf is not None

    def written() -> bytes:
        graphs = [str(name) for name in store.graph_names()]
        triples = service_description(settings.base_uri + "sparql", graphs, settings)
        return ox.serialize(triples, format=rdf, prefixes={"sd": "http://www.w3.org/ns/sparql-service-description#"}) or b""

    # It names every graph: written once per version of the data and format, not per request.
    held: dict[str, tuple[object, bytes]] = request.app.state.documents
    version = data_version(request.app, store, modified_at(request))
    body = cached(request.app.state.documents_lock, held, f"service-{fmt.name}", version, written)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})


async def _pause(request: Request) -> None:
    """Wait ``LOD_REFUSAL_PAUSE_S`` before a refusal: no thread or worker waits meanwhile, and a client looping
    over bad queries is slowed to a few a second per connection."""
    settings: Settings = request.app.state.settings
    await asyncio.sleep(settings.refusal_pause_s)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes (before it is all read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        await _pause(request)
        raise QueryTooLarge(f"the body is {declared} bytes, more than the {limit} allowed")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            await _pause(request)
            raise QueryTooLarge(f"the body is more than the {limit} bytes allowed")
        chunks.append(chunk)
    return b"".join(chunks)


def _params(request: Request) -> list[tuple[str, str]]:
    """The URL's parameters, as Starlette's ``request.query_params`` reads them (its bytes as Latin-1), faster."""
    return pairs(request.scope["query_string"].decode("latin-1"))


def _one_query(params: Params) -> str | None:
    """The single ``query`` parameter, or None; updates and repeated queries are refused."""
    _refuse_updates(params)
    queries = [value for key, value in params if key == "query"]
    if len(queries) > 1:
        raise QueryError(f"give exactly one query parameter, not {len(queries)}")
    return queries[0] if queries else None


def _refuse_updates(params: Params) -> None:
    if any(key in ("update", "using-graph-uri", "using-named-graph-uri") for key, _ in params):
        raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only")


def _form(body: bytes) -> list[tuple[str, str]]:
    try:
        return pairs(body.decode("utf-8"), errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise QueryError("the form is not URL-encoded UTF-8") from None


def _utf8(body: bytes, content_type_parameters: str) -> str:
    for parameter in content_type_parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HTTPException(415, f"send the query in UTF-8, not {value.strip()}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"the query is not UTF-8 (byte {exc.start})") from None


def _accept(request: Request, params: Params) -> str | None:
    """The Accept header, unless a ``format``/``output``/``results`` parameter names a format we know.

    Raises:
        QueryError: the parameters name only formats we do not know, and there is no Accept header.
    """
    accept = request.headers.get("accept")
    wanted = [value for key, value in params if key in FORMAT_PARAMETERS and value.strip()]
    for value in wanted:
        if (media_type := _format_media_type(value.strip())) is not None:
            return media_type
    if wanted and accept is None:
        raise QueryError(f"unknown format {wanted[0]!r}")
    return accept


def _format_media_type(name: str) -> str | None:
    """The media type(s) a ``format`` value names, or None."""
    if name.lower() in FORMAT_WORDS:
        return FORMAT_WORDS[name.lower()]
    fmt = by_media_type(name) if "/" in name else _by_name(name)
    return fmt.media_type if fmt is not None else None


def _by_name(name: str) -> Format | None:
    try:
        return by_name(name, (*SOLUTION_RESULT_FORMATS, *GRAPH_RESULT_FORMATS))
    except KeyError:
        return None


async def _maybe_await(value: object) -> object:
    if hasattr(value, "__await__"):
        return await value
    return value


_MINIMAL_EDITOR = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL</title></head>
<body><h1>SPARQL endpoint</h1>
<form method="get" action="sparql">
<textarea name="query" rows="12" cols="80">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br>
<button type="submit">Run</button></form></body></html>
"""
