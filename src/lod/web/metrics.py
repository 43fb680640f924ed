"""Prometheus metrics of one application, in a registry of its own, and the middleware that counts requests.

    metrics = Metrics(lambda: app.state.store, dumps)    # one per application (never the global registry)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    metrics.render()                                      # the text exposition that ``GET /metrics`` answers

Requests are labelled by the *template* of the route that answered (``/doc/{kind}/{key:path}``), never by the
raw path, so the number of series stays bounded; a request no route matched is ``route="(unmatched)"``.
SPARQL queries are counted by :class:`~lod.sparql.protocol.QueryService` through :meth:`Metrics.observe_query`.
``lod_store_quads`` is counted when scraped; as a count is a full scan of the store, a store that says when its
content may have changed (:class:`~lod.store.Versioned`) is counted again only then, and remembered in between;
and when the file of changes in the dumps folder says how many quads the store holds after its last change (a
build's count, followed by each write's own: :func:`lod.store.changes.total`), that is read instead of a count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lod import __version__
from lod.errors import StoreUnavailable
from lod.sparql.protocol import Outcome, QueryForm
from lod.store import Store, Versioned, changes

__all__ = ["UNMATCHED", "Metrics", "MetricsMiddleware", "route_template"]

UNMATCHED = "(unmatched)"
# A method outside this set is counted as "other": the label must not take any string a client sends.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
# The HTTP defaults of prometheus_client stop at 10 s; a query may run up to LOD_QUERY_TIMEOUT_S (30 s by default).
QUERY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    """The metrics of one application; ``store`` gives the application's store (None before it starts), ``dumps``
    is the folder of its file of changes."""

    def __init__(self, store: Callable[[], Store | None], dumps: Path | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "lod_http_requests", "HTTP requests answered, by route template.", ["method", "route", "status"], registry=self.registry
        )
        self.request_seconds = Histogram(
            "lod_http_request_duration_seconds", "Time to answer an HTTP request, by route template.", ["route"], registry=self.registry
        )
        self.queries = Counter(
            "lod_sparql_queries", "SPARQL queries run, by form and outcome.", ["form", "outcome"], registry=self.registry
        )
        self.query_seconds = Histogram(
            "lod_sparql_query_duration_seconds", "Time to answer a SPARQL query.", buckets=QUERY_BUCKETS, registry=self.registry
        )
        quads = Gauge("lod_store_quads", "Quads in the store.", registry=self.registry)
        quads.set_function(_QuadCount(store, dumps))
        Info("lod_build", "The version of lod serving.", registry=self.registry).info({"version": __version__})

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method if method in METHODS else "other", route, str(status)).inc()
        self.request_seconds.labels(route).observe(seconds)

    def observe_query(self, form: QueryForm, outcome: Outcome, seconds: float) -> None:
        """Count one SPARQL query (the ``observe`` hook of :class:`~lod.sparql.protocol.QueryService`)."""
        self.queries.labels(form, outcome).inc()
        self.query_seconds.observe(seconds)

    def render(self) -> bytes:
        """Every metric, in Prometheus' text exposition format (``prometheus_client.CONTENT_TYPE_LATEST``)."""
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Pure ASGI middleware: counts and times each HTTP request under the template of the route that answered."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        root_path = scope.get("root_path", "")
        status = 500  # unless a response starts: an exception the server answers itself

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            route = route_template(scope, root_path)
            self.metrics.observe_request(scope["method"], route, status, time.perf_counter() - started)


def route_template(scope: Scope, root_path: str = "") -> str:
    """The path template of the route that answered a request, once the router has seen ``scope``.

    The router records the route it chose in the scope it was given (``scope["route"]``), as Starlette and
    FastAPI do for their routes; a mount (static files) only extends ``root_path``, so it reads as
    ``/static/{path:path}``. A request nothing matched is :data:`UNMATCHED`.

    >>> route_template({"root_path": "/static"}), route_template({})
    ('/static/{path:path}', '(unmatched)')
    """
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    mounted: str = scope.get("root_path", "")
    if mounted != root_path and mounted.startswith(root_path):
        return mounted[len(root_path) :] + "/{path:path}"
    return UNMATCHED


class _QuadCount:
    """``len(store)``, remembered while a :class:`~lod.store.Versioned` store keeps the same version, and read from
    the file of changes when its last line says it (the writes' own counts, not the whole store's)."""

    _UNSEEN = object()

    def __init__(self, store: Callable[[], Store | None], dumps: Path | None = None) -> None:
        self._store = store
        self._dumps = dumps
        self._version: object = self._UNSEEN
        self._count = 0

    def __call__(self) -> float:
        store = self._store()
        if store is None:
            return float("nan")
        try:
            if not isinstance(store, Versioned):
                return len(store)  # it cannot say when it changed: count every time
            version = store.version()
            if version != self._version:
                known = changes.total(self._dumps) if self._dumps is not None else None
                self._count, self._version = (len(store) if known is None else known), version
        except StoreUnavailable:
            return float("nan")  # a scrape still answers, and says the store cannot be counted
        return self._count
