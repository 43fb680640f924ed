"""SPARQL queries, read-only and under a timeout, independent of the web framework.

    service = QueryService(settings, store)   # one per application
    service.start()                           # spawns the workers (a no-op for an in-memory store)
    answer = service.execute("SELECT * { ?s ?p ?o }", accept="text/csv")
    answer.body, answer.format, answer.capped
    service.close()

**Timeouts.** pyoxigraph cannot interrupt a query, so a store that another process can open
(:class:`~lod.store.Reopenable`: Oxigraph on disk) is queried by a small pool of worker processes
(``lod.sparql.workers``), each opening its own read-only view with the store's ``reopener()``. A query that runs
past ``settings.query_timeout_s`` has its worker killed, which really stops the work and gives its memory
back, and a fresh worker takes its place; the caller gets :class:`~lod.errors.QueryTimeout`. The results are
serialized in the worker and only bytes come back. A caller waits at most as long again for a free worker.
Any other store is queried in the calling thread: a remote one (:class:`~lod.store.SparqlStore`) under its
HTTP timeout, which is the same setting; an in-memory one (unit tests) without a timeout.

**Freshness.** The workers' views follow the writer (:class:`~lod.store.ReadOnlyStore`), so ``lod ingest``
and ``lod build`` can write while ``lod serve`` runs.

**Base IRI.** Relative IRIs in a query resolve against the endpoint's own IRI (``{base_uri}sparql``), as
the protocol allows: the query is sent with ``BASE <...>`` before its first line (its own BASE still wins).

**Safety.** Updates are refused: a text that does not parse as a query but parses as an update raises
:class:`~lod.errors.QueryRefused`, so ``LOAD`` never runs. Oxigraph evaluates ``SERVICE`` by calling the
remote endpoint, so a query whose parsed algebra holds a ``SERVICE`` pattern
(:func:`lod.store.querytext.calls_service`, not a scan of the text) is refused before it runs; workers
also drop their network access (``lod.sparql.confinement``: fresh user and network namespaces, where Linux
allows it: :attr:`QueryService.network_confined` says whether they did). ``FROM <iri>`` and
``FROM NAMED <iri>`` select graphs already in the store and never fetch anything.

**Limits.** A query text larger than ``settings.query_max_bytes`` raises :class:`~lod.errors.QueryTooLarge`;
one nested deeper than :data:`lod.store.querytext.MAX_NESTING` is refused before any parser sees it (Oxigraph's
recursive parser would overflow its stack). Each worker's memory is capped at ``settings.query_memory_mb``:
a query that needs more ends its worker and raises :class:`~lod.errors.QueryOutOfMemory`. A query stopped
by either limit is refused at once, without a worker, when it comes again within minutes
(:mod:`lod.sparql.cooldown`), so a loop or a retry cannot keep every worker busy with it.

**Capped results.** At most ``settings.result_limit`` rows (SELECT) or triples (CONSTRUCT, DESCRIBE) are
returned; :attr:`Answer.capped` says when more were there. The web layer reports it in the
``X-Lod-Result-Capped`` and ``X-Lod-Result-Limit`` headers.

**Observing.** ``QueryService(..., observe=hook)`` calls ``hook(form, outcome, seconds)`` once per
:meth:`QueryService.execute`, whatever its end: the form the query text declares (:func:`query_form`), how it
ended (:data:`Outcome`), and how long it took. The web application counts queries with it (``lod.web.metrics``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Sequence

import pyoxigraph as ox

from lod.errors import NotAcceptable, QueryError, QueryOutOfMemory, QueryRefused, QuerySyntaxError, QueryTimeout, QueryTooLarge, StoreUnavailable
from lod.formats import GRAPH_RESULT_FORMATS, SOLUTION_RESULT_FORMATS, Format, by_name
from lod.negotiation import negotiate
from lod.settings import Settings
from lod.sparql.cooldown import Cooldown
from lod.sparql.jobs import Form, Job, Reply, answer
from lod.sparql.workers import Pool
from lod.store import ReadOnlyStore, Reopenable, Store
from lod.store.querytext import calls_service, check_nesting, keywords

__all__ = [
    "Answer",
    "Observer",
    "Outcome",
    "QueryForm",
    "QueryService",
    "ReadOnlyStore",
    "outcome_of",
    "query_form",
    "service_description",
    "uses_service",
]

QueryForm = Literal["select", "ask", "construct", "describe", "unknown"]
Outcome = Literal["ok", "syntax_error", "refused", "timeout", "memory", "error"]
Observer = Callable[[QueryForm, Outcome, float], None]


@dataclass(frozen=True)
class Answer:
    """A serialized query result: the bytes, their format, the query form, and whether the cap cut it short."""

    body: bytes
    format: Format
    form: Form
    capped: bool = False


class QueryService:
    """Answers SPARQL queries over a store: read-only, capped, and (on disk) under a timeout."""

    def __init__(self, settings: Settings, store: Store, *, workers: int | None = None, observe: Observer | None = None) -> None:
        self.settings = settings
        self.store = store
        self._observe = observe
        opener = store.reopener() if isinstance(store, Reopenable) else None
        memory = settings.query_memory_mb * 2**20
        workers = settings.query_workers if workers is None else workers
        self._pool = Pool(opener, workers, memory) if opener is not None and workers > 0 else None
        self._cooldown = Cooldown()

    def start(self) -> None:
        """Start the worker processes (they open the store read-only)."""
        if self._pool is not None:
            self._pool.start()

    def close(self) -> None:
        """Stop every worker, busy or not."""
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> QueryService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def network_confined(self) -> bool | None:
        """Whether the workers run without network access: True when each started in its own empty network
        namespace, False when Linux refused one (then only the ``SERVICE`` refusal guards the network), None
        when queries run in-process (an in-memory store). Waits for the workers to start."""
        return self._pool.confined() if self._pool is not None else None

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the live workers (empty when queries run in-process)."""
        return self._pool.pids() if self._pool is not None else []

    def execute(
        self,
        query: str,
        *,
        accept: str | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Answer:
        """Run ``query`` and serialize its result in the format ``accept`` prefers.

        Raises:
            QuerySyntaxError: the query does not parse (the parser's message, line and column).
            QueryRefused: an update, or a query that would call a remote ``SERVICE``.
            QueryError: a graph name that is not an IRI, or an empty query.
            NotAcceptable: no format for this query's form fits ``accept``.
            QueryTimeout: the query ran out of time (or no worker came free in time).
        """
        started = time.perf_counter()
        try:
            answer = self._execute(query, accept, default_graphs, named_graphs)
        except Exception as exc:  # counted, then raised as it was
            self._observed(query, outcome_of(exc), started)
            raise
        self._observed(query, "ok", started)
        return answer

    def _observed(self, query: str, outcome: Outcome, started: float) -> None:
        if self._observe is not None:
            form = query_form(query) if len(query) <= self.settings.query_max_bytes else "unknown"
            self._observe(form, outcome, time.perf_counter() - started)

    def _execute(self, query: str, accept: str | None, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> Answer:
        if not query.strip():
            raise QueryError("the query is empty")
        size = len(query.encode("utf-8", "surrogatepass"))
        if size > self.settings.query_max_bytes:
            raise QueryTooLarge(f"the query is {size} bytes, more than the {self.settings.query_max_bytes} allowed")
        check_nesting(query)
        if uses_service(query):
            raise QueryRefused("SERVICE is not allowed: this endpoint never calls other endpoints")
        for iri in (*default_graphs, *named_graphs):
            _check_iri(iri)
        solutions_format = _acceptable(accept, SOLUTION_RESULT_FORMATS)
        graph_format = _acceptable(accept, GRAPH_RESULT_FORMATS)
        if solutions_format is None and graph_format is None:
            raise NotAcceptable([*SOLUTION_RESULT_FORMATS, *GRAPH_RESULT_FORMATS])
        job = Job(
            f"BASE <{self.settings.base_uri}sparql> {query}",
            tuple(default_graphs),
            tuple(named_graphs),
            self.settings.result_limit,
            solutions_format.name if solutions_format else None,
            graph_format.name if graph_format else None,
            keywords(query),  # lexed once, here (the nesting check above lexed the same text)
        )
        if self._pool is None:
            reply = answer(self.store, job)
            return _unpack(reply, len(job.query) - len(query))
        key = self._cooldown.key(query, [*default_graphs, "", *named_graphs])
        self._cooldown.check(key)
        try:
            reply = self._pool.run(job, self.settings.query_timeout_s)
            return _unpack(reply, len(job.query) - len(query))
        except QueryError as exc:
            self._cooldown.remember(key, exc)
            raise


def query_form(query: str) -> QueryForm:
    """The form a query text declares, from its keywords (a subquery can only be a SELECT), or ``unknown``.

    >>> query_form("ASK { { SELECT ?s { ?s ?p ?o } LIMIT 1 } }"), query_form("SELEC * { ?s ?p ?o }")
    ('ask', 'unknown')
    """
    found = keywords(query)
    for form in ("construct", "describe", "ask", "select"):
        if form.upper() in found:
            return form
    return "unknown"


def outcome_of(error: Exception) -> Outcome:
    """How a query that raised ``error`` ended.

    >>> outcome_of(QueryRefused("SERVICE is not allowed")), outcome_of(NotAcceptable([]))
    ('refused', 'error')
    """
    if isinstance(error, QuerySyntaxError):
        return "syntax_error"
    if isinstance(error, (QueryRefused, QueryTooLarge)):
        return "refused"
    if isinstance(error, QueryTimeout):
        return "timeout"
    if isinstance(error, QueryOutOfMemory):
        return "memory"
    return "error"


def _acceptable(accept: str | None, offered: Sequence[Format]) -> Format | None:
    try:
        return negotiate(accept, offered)
    except NotAcceptable:
        return None


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"not an absolute IRI: {iri!r} ({exc})") from None


def _unpack(reply: Reply, shift: int) -> Answer:
    """The worker's reply as an Answer, or the error it reported (``shift``: the BASE we put before line 1)."""
    if reply[0] == "ok":
        _, form, name, body, capped = reply
        return Answer(body, by_name(name), form, capped)
    _, kind, message, line, column = reply
    if kind == "syntax":
        if line == 1 and column is not None:
            # The parser's message starts with the position ("error at 1:25: ", see lod.store): shift it too.
            position = f"error at 1:{column}: "
            column = max(1, column - shift)
            if message.startswith(position):
                message = f"error at 1:{column}: " + message[len(position) :]
        raise QuerySyntaxError(message, line, column)
    if kind == "refused":
        raise QueryRefused(message)
    if kind == "not-acceptable":
        raise NotAcceptable(GRAPH_RESULT_FORMATS if message == "graph" else SOLUTION_RESULT_FORMATS)
    if kind == "query":
        raise QueryError(message)
    if kind == "memory":
        raise QueryOutOfMemory("the query needed more memory than one query may use, and was stopped")
    if kind == "unavailable":
        raise StoreUnavailable("the store", message)
    raise RuntimeError(f"the query worker failed: {message}")


# --- SERVICE detection ------------------------------------------------------------------------------------

def uses_service(query: str) -> bool:
    """Whether the query's algebra calls a remote ``SERVICE`` (:func:`lod.store.querytext.calls_service`).

    >>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT ?service { ?service <http://example.org/SERVICE> "SERVICE" } # SERVICE')
    False
    """
    return calls_service(query)


# --- the service description --------------------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def service_description(endpoint: str, graph_names: Sequence[str], settings: Settings) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``.

    >>> from lod.settings import Settings
    >>> len(service_description("http://example.org/sparql", ["http://example.org/g"], Settings())) > 10
    True
    """

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service = ox.NamedNode(endpoint)
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(
            service,
            RDFS_COMMENT,
            ox.Literal(
                f"Read-only. Each query stops after {settings.query_timeout_s:g} s; results are capped at "
                f"{settings.result_limit} rows or triples (header X-Lod-Result-Capped). SERVICE is refused.",
                language="en",
            ),
        ),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    for fmt in (*SOLUTION_RESULT_FORMATS, *GRAPH_RESULT_FORMATS):
        engine = fmt.results or fmt.rdf
        assert engine is not None
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(engine.iri)))
    for name in graph_names:
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(name)),
        ]
    return triples
