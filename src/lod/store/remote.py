"""A SPARQL server as the store: the SPARQL 1.1 Protocol to read, SPARQL 1.1 Update or the Graph Store Protocol
to write, over HTTP (httpx).

    store = SparqlStore("http://127.0.0.1:7878/query", update_url="http://127.0.0.1:7878/update")

**Reading.** Every query is POSTed as a form (``query``, ``default-graph-uri``, ``named-graph-uri``), asking for
SPARQL JSON results, or N-Triples for a CONSTRUCT or DESCRIBE (told apart by the query's keywords, as
:func:`lod.sparql.protocol.query_form` does). The server must treat its default graph as the union of its named graphs, as lod's own store does
(``oxigraph serve --union-default-graph``, Virtuoso and GraphDB do by default, Fuseki with
``tdb2:unionDefaultGraph``): see docs/scale-out.md. Dumps stream their quads with one query each
(:meth:`SparqlStore.quads`, :meth:`SparqlStore.triples`), never held in memory whole.

**Writing.** With an update endpoint, all graphs of one write go in one SPARQL Update request (``DROP SILENT
GRAPH``, then ``INSERT { GRAPH ... } WHERE {}`` per graph: Virtuoso 7 refuses blank nodes in ``INSERT DATA``),
which Oxigraph and Virtuoso run as one transaction. With only a Graph
Store endpoint, each graph is replaced by its own ``PUT`` (deleted by ``DELETE``): a reader may then see some
graphs of a write before the others.

**Scope.** On a server shared with other data (Virtuoso keeps its own system graphs), lod reads and counts only
the named graphs whose IRI starts with ``graph_scope`` (``{LOD_BASE_URI}graph/`` from :func:`lod.store.open_store`).

**Failures.** A server that cannot be reached, refuses the credentials or fails (5xx, but a 500 answer to a
query) raises :class:`~lod.errors.StoreUnavailable` naming the endpoint; a query past ``timeout`` raises
:class:`~lod.errors.QueryTimeout`; a query the server rejects (400) raises
:class:`~lod.errors.QuerySyntaxError` (or :class:`~lod.errors.QueryError` when it is not about syntax), and a
query it fails on (500: Oxigraph's answer to an unknown function) :class:`~lod.errors.QueryError`.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping, Sequence

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.errors import QueryError, QueryTimeout, StoreUnavailable
from lod.store._text import refuse_service, replace_update, syntax_error
from lod.store.bounded import Bounded, TooLong
from lod.store.protocol import Boolean, GraphName, QueryResult, Solutions, Triples, take
from lod.store.querytext import keywords

__all__ = ["SparqlStore"]

JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
TURTLE = "text/turtle"
# Asked by the query's form: Virtuoso answers whatever comes first, a CONSTRUCT as JSON rows, a SELECT as RDF.
RESULTS_ACCEPT = f"{JSON_RESULTS}, application/json;q=0.9"
GRAPH_ACCEPT = f"{NTRIPLES}, {TURTLE};q=0.9, text/plain;q=0.5"
# Media types a server may answer a CONSTRUCT with, and how to read them (Virtuoso says text/plain for N-Triples).
GRAPH_TYPES = {NTRIPLES: ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES, TURTLE: ox.RdfFormat.TURTLE}


class SparqlStore:
    """A store behind a SPARQL 1.1 endpoint (and its update or Graph Store endpoint, to write)."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float = 30.0,
        graph_scope: str | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.graph_scope = graph_scope
        self._timeout = timeout
        self._client = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))

    # --- writing ------------------------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, add: Mapping[URIRef, Graph] | None = None,
                       after: str = "") -> None:
        if not graphs and not add and not after:
            return
        if self.update_url is not None:
            self._update(replace_update(graphs, template=True, add=add, after=after))
            return
        for name, graph in graphs.items():
            body = graph.serialize(format="nt").encode("utf-8")
            if body.strip():
                self._graph_store("PUT", name, body)
            else:
                self._graph_store("DELETE", name)
        for name, graph in (add or {}).items():  # the Graph Store Protocol's POST merges into the graph
            body = graph.serialize(format="nt").encode("utf-8")
            if body.strip():
                self._graph_store("POST", name, body)
        # ``after`` needs an update endpoint: unused shared descriptions stay until a whole build replaces them

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        names = list(names)
        if not names:
            return
        if self.update_url is not None:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names))
            return
        for name in names:
            self._graph_store("DELETE", name)

    def _update(self, update: str) -> None:
        assert self.update_url is not None
        self._send("POST", self.update_url, data={"update": update})

    def _graph_store(self, method: str, name: URIRef, body: bytes | None = None) -> None:
        if self.gsp_url is None:
            raise StoreUnavailable(self.query_url, "no update or Graph Store endpoint is configured (LOD_STORE_UPDATE_URL, LOD_STORE_GSP_URL)")
        headers = {"Content-Type": f"{NTRIPLES}; charset=utf-8"} if body is not None else {}
        response = self._send(method, self.gsp_url, params={"graph": str(name)}, content=body, headers=headers, missing_ok=True)
        del response

    # --- reading ------------------------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._scope_filter()} }}")
        return sorted(URIRef(row[0].value) for row in rows if isinstance(row[0], ox.NamedNode))

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        refuse_service(sparql)
        form: dict[str, str | list[str]] = {"query": sparql}
        if not default_graph and not named_graphs and "FROM" in keywords(sparql):
            default_graph, named_graphs = _dataset_of(sparql)
        if default_graph:
            form["default-graph-uri"] = list(default_graph)
        if named_graphs:
            form["named-graph-uri"] = list(named_graphs)
        accept = GRAPH_ACCEPT if _builds_a_graph(sparql) else RESULTS_ACCEPT
        response = self._send("POST", self.query_url, data=form, headers={"Accept": accept}, query=sparql)
        media_type = _media_type(response)
        if media_type == JSON_RESULTS or media_type == "application/json":
            body = response.content.replace(_VIRTUOSO_BNODE, _BNODE)
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return Boolean(bool(parsed))
            variables = [v.value for v in parsed.variables]
            rows, capped = take((tuple(s[v] for v in variables) for s in parsed), limit)
            return Solutions(variables, rows, capped)
        if media_type in GRAPH_TYPES:
            triples: Iterator[ox.Triple] = (q.triple for q in ox.parse(response.content, format=GRAPH_TYPES[media_type]))
            taken, capped = take(triples, limit)
            return Triples(taken, capped)
        raise QueryError(f"{self.query_url} answered with {media_type or 'no media type'}, which lod cannot read")

    def construct_ntriples(self, sparql: str) -> bytes:
        refuse_service(sparql)
        return ox.serialize(self.construct(sparql), format=ox.RdfFormat.N_TRIPLES) or b""

    def construct_written(self, sparql: str, fmt: ox.RdfFormat, max_bytes: int | None = None) -> bytes | None:
        refuse_service(sparql)
        if max_bytes is None:
            return ox.serialize(self.construct(sparql), format=fmt) or b""
        out = Bounded(max_bytes)
        try:  # the server's answer is read as it is written: past max_bytes, the rest is not read
            ox.serialize(self.construct(sparql), out, format=fmt)
        except TooLong:
            return None
        return out.getvalue()

    def construct(self, sparql: str) -> Iterator[ox.Triple]:
        with self._stream(sparql, f"{NTRIPLES}, text/plain;q=0.5") as (media_type, body):
            if media_type not in GRAPH_TYPES:
                raise QueryError(f"{self.query_url} answered a CONSTRUCT with {media_type or 'no media type'}")
            for quad in ox.parse(body, format=GRAPH_TYPES[media_type]):
                yield quad.triple

    def triples(self) -> Iterator[ox.Triple]:
        # lod's named graphs only: a server's default graph also holds its other graphs (Virtuoso's system ones)
        scoped = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._scope_filter()} }}"
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {scoped} }}")

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        if isinstance(graph, ox.DefaultGraph):
            return  # lod writes only named graphs; a server's own default graph is not part of the dataset
        if isinstance(graph, ox.NamedNode):
            for triple in self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} ORDER BY ?s"):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)
            return
        select = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._scope_filter()} }}"
        with self._stream(select, JSON_RESULTS) as (media_type, body):  # Virtuoso's TSV quotes its header
            solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            assert isinstance(solutions, ox.QuerySolutions)
            for row in solutions:
                s, p, o, g = row["s"], row["p"], row["o"], row["g"]
                yield ox.Quad(s, p, o, g)

    def __len__(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._scope_filter()} }}")
        term = rows[0][0] if rows else None
        return int(term.value) if isinstance(term, ox.Literal) else 0

    def close(self) -> None:
        self._client.close()

    # --- HTTP ---------------------------------------------------------------------------------------------

    def _scope_filter(self) -> str:
        return f"FILTER(STRSTARTS(STR(?g), {json.dumps(self.graph_scope)}))" if self.graph_scope else ""

    def _select(self, sparql: str) -> Sequence[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]]:
        result = self.query(sparql)
        if not isinstance(result, Solutions):
            raise QueryError(f"{self.query_url} did not answer a SELECT with solutions")
        return result.rows

    @contextmanager
    def _stream(self, sparql: str, accept: str) -> Iterator[tuple[str, io.BufferedReader]]:
        """The answer to a query, as a readable stream (for results too large to hold)."""
        request = self._client.build_request("POST", self.query_url, data={"query": sparql}, headers={"Accept": accept})
        try:
            response = self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise self._failure(exc, sparql) from None
        try:
            if response.status_code >= 400:
                response.read()
                self._check(response, sparql)
            yield _media_type(response), io.BufferedReader(_ResponseReader(response), 1 << 16)
        finally:
            response.close()

    def _send(self, method: str, url: str, *, query: str | None = None, missing_ok: bool = False, **kwargs: object) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise self._failure(exc, query) from None
        if missing_ok and response.status_code == 404:
            return response
        self._check(response, query)
        return response

    def _failure(self, error: httpx.HTTPError, query: str | None) -> Exception:
        if isinstance(error, httpx.TimeoutException) and not isinstance(error, httpx.ConnectTimeout) and query is not None:
            return QueryTimeout(f"the query ran longer than {self._timeout:g} s and was abandoned")
        return StoreUnavailable(str(error.request.url) if _has_request(error) else self.query_url, f"the SPARQL server does not answer ({type(error).__name__}: {error})")

    def _check(self, response: httpx.Response, query: str | None) -> None:
        """Raise the lod error an HTTP failure stands for."""
        status = response.status_code
        if status < 400:
            return
        message = response.text.strip()[:2000] or response.reason_phrase
        where = str(response.request.url).split("?")[0]
        if status in (401, 403):
            raise StoreUnavailable(where, f"the SPARQL server refused lod's credentials ({status}): {message}")
        if status == 400 and query is not None:
            if "syntax" in message.lower() or message.startswith("error at "):
                raise syntax_error(message)
            raise QueryError(message)
        if status in (408, 504):
            raise QueryTimeout(f"the SPARQL server stopped the query: {message}")
        if status == 500 and query is not None:  # it answered, and failed on this query (Oxigraph: an unknown function)
            raise QueryError(f"the SPARQL server could not answer the query: {message}")
        raise StoreUnavailable(where, f"the SPARQL server failed ({status}): {message}")


class _ResponseReader(io.RawIOBase):
    """A streamed httpx response as a raw binary file, for the parsers."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks = _bnodes_fixed(response.iter_bytes())
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


# Virtuoso writes blank nodes in SPARQL JSON results as "nodeID://b10002", which is not a blank node label. An
# unescaped quote starts a JSON string, so this pattern is never inside a literal's value.
_VIRTUOSO_BNODE, _BNODE = b'"nodeID://', b'"'


def _bnodes_fixed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The bytes with Virtuoso's blank node prefix dropped, also where it straddles two chunks."""
    keep = len(_VIRTUOSO_BNODE) - 1
    carry = b""
    for chunk in chunks:
        data = (carry + chunk).replace(_VIRTUOSO_BNODE, _BNODE)
        carry, data = data[-keep:], data[:-keep]
        if data:
            yield data
    if carry:
        yield carry


def _dataset_of(sparql: str) -> tuple[list[str], list[str]]:
    """The graphs a query's ``FROM`` and ``FROM NAMED`` clauses name (rdflib parses it; prefixes resolved), to send
    as the protocol's ``default-graph-uri`` and ``named-graph-uri`` too: ``oxigraph serve --union-default-graph``
    answers over the union whatever the query's FROM says, but follows the protocol's parameters (which the
    SPARQL Protocol lets override FROM, here with the same graphs). A text rdflib cannot read is sent as it is."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        clauses = translateQuery(parseQuery(sparql)).algebra.get("datasetClause") or []
    except (ParseBaseException, RecursionError, ValueError, TypeError, AttributeError, KeyError, NotImplementedError):
        return [], []
    default = [str(c["default"]) for c in clauses if "default" in c]
    named = [str(c["named"]) for c in clauses if "named" in c]
    return default, named


def _builds_a_graph(sparql: str) -> bool:
    """Whether the query is a CONSTRUCT or DESCRIBE (by its keywords: a subquery can only be a SELECT)."""
    found = keywords(sparql)
    return "CONSTRUCT" in found or "DESCRIBE" in found


def _media_type(response: httpx.Response) -> str:
    header: str = response.headers.get("content-type", "")
    return header.partition(";")[0].strip().lower()


def _has_request(error: httpx.HTTPError) -> bool:
    try:
        error.request
    except RuntimeError:
        return False
    return True
