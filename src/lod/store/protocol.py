"""What lod needs from a store, whatever the engine: the :class:`Store` protocol and its typed query results.

Terms are pyoxigraph's term values (``NamedNode``, ``BlankNode``, ``Literal``, ``Triple``, ``Quad``), the one
term model of lod; no engine object (a pyoxigraph ``Store``, an HTTP client, a path) crosses this seam.
Capabilities some engines have and others lack are second protocols, not flags:

* :class:`Reopenable`: the store can be opened again in another process (a query worker that can be killed at
  its timeout, :mod:`lod.sparql.workers`); an engine without it (a remote server) answers under an HTTP timeout.
* :class:`Versioned`: the store can say cheaply whether its content may have changed (the metrics count quads
  again only then).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator, Mapping, Protocol, TypeVar, Union, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from lod.formats import Format
from lod.store import results
from lod.store.results import XSD_STRING

__all__ = [
    "Boolean",
    "GraphName",
    "Opener",
    "QueryResult",
    "Reopenable",
    "Solutions",
    "Store",
    "Term",
    "Triples",
    "Versioned",
    "holds_graph",
    "take",
    "to_rdflib",
]

T = TypeVar("T")
Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
GraphName = Union[ox.NamedNode, ox.DefaultGraph]


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
    rows: list[tuple[Term | None, ...]]
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
    """What the rest of lod needs from a store: named graphs replaced whole, SPARQL queries, streamed reads.

    Named graphs hold the data (one per article, one for reference data, one for the vocabulary); queries see
    their union as the default graph.
    """

    # The IRI prefix of lod's named graphs when the store shares its data with other data (a remote server, such
    # as Virtuoso with its system graphs), else None: counts over the whole store then look at those graphs alone.
    graph_scope: str | None

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, add: Mapping[URIRef, Graph] | None = None,
                       after: str = "") -> None:
        """Replace each named graph by the given content, all together (one transaction where the engine has them);
        ``add``: triples added to what these graphs hold (the shared graph of nodes minted from a name); ``after``:
        a SPARQL Update run last in the same request (dropping shared descriptions no article uses any more),
        where the engine has an update endpoint (a server reached by the Graph Store Protocol alone skips it).

        Raises:
            StoreUnavailable: the store cannot be written (locked, read-only, or its server does not answer).
        """

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        """Drop named graphs, all together."""

    def graph_names(self) -> list[URIRef]:
        """The named graphs the store holds, sorted."""

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Answer a SPARQL query over the union of all graphs (unless graphs are given); at most ``limit`` rows.

        Raises:
            QuerySyntaxError: the query does not parse.
            QueryRefused: the query would reach another endpoint (``SERVICE``).
            QueryError: the engine failed to answer.
            StoreUnavailable: the store cannot be read.
        """

    def construct(self, sparql: str) -> Iterator[ox.Triple]:
        """The triples of a CONSTRUCT query over the union of all graphs, streamed (for dumps of any size)."""

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the dataset once (the union of its graphs, no other data the engine holds), streamed:
        the graph-format dumps."""

    def construct_ntriples(self, sparql: str) -> bytes:
        """The graph a CONSTRUCT query over the union of all graphs builds, written by the engine as N-Triples
        (one triple per line; no term object per triple crosses into Python: an entity's document).

        Raises:
            QuerySyntaxError, QueryRefused, QueryError, StoreUnavailable: as :meth:`query`.
        """

    def construct_written(self, sparql: str, fmt: ox.RdfFormat, max_bytes: int | None = None) -> bytes | None:
        """The graph a CONSTRUCT query over the union of all graphs builds, written by the engine in ``fmt``
        (the triples in the order the query gives them); None as soon as the writing passes ``max_bytes``, where
        the engine stops.

        Raises:
            QuerySyntaxError, QueryRefused, QueryError, StoreUnavailable: as :meth:`query`.
        """

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Every quad of the dataset (``graph`` None), or those of one graph, streamed; one graph's quads come
        grouped by subject."""

    def __len__(self) -> int:
        """Number of quads."""

    def close(self) -> None:
        """Release what the store holds (a file lock, connections); the object is not used afterwards."""


Opener = Callable[[], Store]


@runtime_checkable
class Reopenable(Protocol):
    """A store another process can open on its own (to run queries in a worker that can be killed)."""

    def reopener(self) -> Opener | None:
        """A picklable callable that opens a read-only view of this store in another process, or None when
        this store cannot be shared between processes (it lives in memory)."""


@runtime_checkable
class Versioned(Protocol):
    """A store that knows, cheaply, whether its content may have changed."""

    def version(self) -> object:
        """A value that changes whenever the content may have changed (compare with ``==``)."""


@runtime_checkable
class Steady(Protocol):
    """A store that can hold one view of its content for a piece of work (one page: its description and its
    panels from the same state, the store looked at once instead of before each query)."""

    def steady(self) -> AbstractContextManager[None]:
        """Within the block, this store's reads in this context see the view it had at the start."""


def holds_graph(store: Store, name: str) -> bool:
    """Whether the named graph ``name`` (an IRI checked by the caller) holds a triple: one look-up, where the list
    of every graph name costs the store's number of graphs (10,000 at 10,000 articles)."""
    result = store.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Boolean)
    return result.value


def take(items: Iterable[T], limit: int | None) -> tuple[list[T], bool]:
    """The first ``limit`` items (all of them when None), and whether more were left."""
    if limit is None:
        return list(items), False
    out = list(islice(items, limit + 1))
    if len(out) > limit:
        del out[limit:]
        return out, True
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
