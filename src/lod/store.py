"""The store: a small protocol, and Oxigraph on disk behind it.

Named graphs hold the data (one per article, one for reference data); queries see their union as the
default graph. Every write replaces whole graphs in one transaction, so a reader never sees half an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol, TypeVar, Union

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from lod import results
from lod.results import XSD_STRING
from lod.errors import QueryError, QueryRefused, QuerySyntaxError, StoreUnavailable
from lod.formats import Format
from lod.querytext import calls_service, keywords


_POSITION = re.compile(r"^error at (\d+):(\d+): ")
T = TypeVar("T")


@dataclass
class Boolean:
    """The answer to an ASK query."""

    value: bool

    def serialize(self, fmt: Format) -> bytes:
        return results.boolean_bytes(self.value, fmt)


@dataclass
class Solutions:
    """The rows of a SELECT query; ``capped`` is True when ``limit`` cut them short."""

    variables: list[str]
    rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]]
    capped: bool = False

    def serialize(self, fmt: Format) -> bytes:
        return results.solutions_bytes(self.variables, self.rows, fmt)

    def values(self) -> list[dict[str, str]]:
        """Rows as plain strings (the term's value), unbound variables left out."""
        return [
            {name: term.value for name, term in zip(self.variables, row) if term is not None}  # type: ignore[union-attr]
            for row in self.rows
        ]


@dataclass
class Triples:
    """The graph a CONSTRUCT or DESCRIBE query built."""

    triples: list[ox.Triple]
    capped: bool = False

    def serialize(self, fmt: Format) -> bytes:
        assert fmt.rdf is not None
        return ox.serialize(self.triples, format=fmt.rdf) or b""

    def to_rdflib(self) -> Graph:
        graph = Graph()
        for t in self.triples:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return graph


QueryResult = Union[Boolean, Solutions, Triples]


class Store(Protocol):
    """What the rest of lod needs from a store."""

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace each named graph by the given content, all in one transaction."""

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        """Drop named graphs, in one transaction."""

    def graph_names(self) -> list[URIRef]:
        """The named graphs the store holds."""

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Answer a SPARQL query over the union of all graphs (unless graphs are given)."""

    def __len__(self) -> int:
        """Number of quads."""


class OxigraphStore:
    """The default store: ``pyoxigraph.Store`` on disk (or in memory with ``path=None``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path))

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store itself, for code that must stream from it."""
        return self._store

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        # One SPARQL UPDATE request is one Oxigraph transaction: all graphs change, or none.
        parts = []
        for name, graph in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{name}>")
            body = graph.serialize(format="nt")
            if body.strip():
                parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
        if parts:
            self._store.update(" ;\n".join(parts))

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        parts = [f"DROP SILENT GRAPH <{name}>" for name in names]
        if parts:
            self._store.update(" ;\n".join(parts))

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        kwargs: dict[str, object] = {}
        if default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif "FROM" not in keywords(sparql):
            kwargs["use_default_graph_as_union"] = True  # the union, unless the query names its own dataset
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if calls_service(sparql):
            # Oxigraph would call the remote endpoint; a publisher's store never reaches the network.
            raise QueryRefused("SERVICE is not allowed: queries never reach other endpoints")
        try:
            result = self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except OSError as exc:
            raise QueryError(f"the query failed: {exc}") from None
        except SyntaxError as exc:
            # pyoxigraph puts the position in the message ("error at 1:25: ..."), not in lineno/offset.
            position = _POSITION.match(str(exc))
            line, column = (int(position[1]), int(position[2])) if position else (None, None)
            raise QuerySyntaxError(str(exc), line, column) from None
        if isinstance(result, ox.QueryBoolean):
            return Boolean(bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows, capped = _take((tuple(s[v] for v in variables) for s in result), limit)
            return Solutions(variables, rows, capped)
        triples: Iterator[ox.Triple] = iter(result)
        taken, capped = _take(triples, limit)
        return Triples(taken, capped)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def flush(self) -> None:
        """Write buffered data to disk, so a read-only view opened by another process sees it."""
        self._store.flush()

    def close(self) -> None:
        """Release the on-disk store now (Oxigraph holds a file lock until its object is freed)."""
        self._store = ox.Store()  # drop our reference to the on-disk one; an empty in-memory store remains

    def __len__(self) -> int:
        return len(self._store)


def open_store(path: str | Path, *, read_only: bool = False) -> OxigraphStore:
    """The on-disk store.

    Raises:
        StoreUnavailable: locked by another process (a running server, a build) or unreadable.
    """
    try:
        return OxigraphStore(path, read_only=read_only)
    except OSError as exc:
        reason = str(exc)
        if "lock" in reason.lower():
            reason = "it is locked by another process (is `lod serve` or another `lod` command running?)"
        raise StoreUnavailable(str(path), reason) from None


def _take(items: Iterable[T], limit: int | None) -> tuple[list[T], bool]:
    """The first ``limit`` items (all of them when None), and whether more were left."""
    out: list[T] = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)  # plain, as rdflib's parsers give it
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"cannot convert {term!r}")
