"""The members of the listings ``/id/`` (the kinds of things, with how many of each), ``/id/{kind}/`` (the things
of one kind) and ``/graph/`` (the named graphs, with their triples), in order, held once per version of the data.

Each listing asked the whole store per request (``COUNT(DISTINCT ?s)`` over every subject, ``ORDER BY ?s OFFSET``,
a triple count per graph): 11-14 s for ``/id/place/`` on a store of 73,000 quads, and the cost grew with the
store. :class:`Members` is held once per version and a page is a slice of it from the key it starts after (keyset
paging, ``?after=<IRI>``): its cost is the page's, and a deep page costs no more than the first.

A build keeps it in the pages' index (:mod:`lod.publish.summaries`), gathered from the lines it writes anyway
(:func:`gathered`: the union's subjects, each graph's count and :func:`headline`), so that a server's start reads it instead of
asking the whole store (5.7 s of queries at 10,000 articles); :func:`build` asks the store (a store shared with
other data, an index of an older lod, writes that cannot be followed).

After a write of one graph (:mod:`lod.store.changes`: the IRIs the graph named before and now, and the graph's
own name) :meth:`Members.updated` asks again only about those IRIs (is each still a subject?) and those graphs
(and the shared graph, where a write adds and prunes the descriptions of nodes minted from names): the cost is
the write's, not the store's. The counts are the lengths of the lists held, right after every write.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from lod.publish.facts import value
from lod.store import Solutions, Store

__all__ = ["BATCH", "HEADLINE", "Members", "build", "gathered", "headline", "kind_of", "least_headline"]

BATCH = 400  # IRIs per query when a write's are asked about
HEADLINE = "https://schema.org/headline"  # an article graph is listed by its headline


@dataclass(frozen=True)
class Members:
    """The things under ``{base}id/`` by kind (each kind's IRIs sorted, code point by code point, as SPARQL's
    ``ORDER BY`` sorts IRIs) and the named graphs that hold triples: each its number of triples and a headline."""

    base: str
    kinds: dict[str, list[str]]
    graphs: dict[str, tuple[int, str | None]]
    graph_order: list[str]

    def updated(self, store: Store, touched: Collection[str], shared: Iterable[str] = ()) -> Members:
        """A new index: this one with the IRIs in ``touched`` listed again where they are subjects, and the graphs
        among them, the graphs new or gone, and the ``shared`` graphs counted again."""
        space = self.base + "id/"
        kinds = {kind: list(iris) for kind, iris in self.kinds.items()}
        things = sorted(iri for iri in touched if kind_of(iri, space))
        subjects = _subjects(store, things)
        for iri in things:
            listed = kinds.setdefault(kind_of(iri, space), [])
            at = bisect_right(listed, iri)
            held = at > 0 and listed[at - 1] == iri
            if held and iri not in subjects:
                del listed[at - 1]
            elif not held and iri in subjects:
                insort(listed, iri)
        kinds = {kind: iris for kind, iris in kinds.items() if iris}
        names = {str(g) for g in store.graph_names()}
        again = (names & (set(touched) | set(shared))) | (names - self.graphs.keys())
        graphs = {g: held for g, held in self.graphs.items() if g in names and g not in again}
        graphs.update(_graphs(store, sorted(again)))
        return Members(self.base, kinds, graphs, sorted(graphs))


def build(store: Store, base: str) -> Members:
    """The index of the store as it is now: one query for the subjects, two for the graphs."""
    space = base + "id/"
    # Every subject, its IRI's prefix tested here: the same FILTER in the query is tested on each triple before
    # DISTINCT (3.1-4.3 s against 0.9-1.6 s at 1,000 articles, 316,088 quads), even in a subquery.
    result = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")
    assert isinstance(result, Solutions)
    kinds: dict[str, list[str]] = {}
    for (s,) in result.rows:
        if isinstance(s, ox.NamedNode) and (kind := kind_of(s.value, space)):
            kinds.setdefault(kind, []).append(s.value)
    for iris in kinds.values():
        iris.sort()
    graphs = _graphs(store, None)
    return Members(base, kinds, graphs, sorted(graphs))


def kind_of(iri: str, space: str) -> str:
    """The kind of a thing named under ``space`` (``{base}id/``): the segment after it; "" for any other IRI."""
    return iri[len(space):].split("/", 1)[0] if iri.startswith(space) else ""


def _subjects(store: Store, iris: list[str]) -> set[str]:
    """Those of ``iris`` that are the subject of a triple."""
    found: set[str] = set()
    for at in range(0, len(iris), BATCH):
        values = " ".join(f"<{iri}>" for iri in iris[at : at + BATCH])
        result = store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
        assert isinstance(result, Solutions)
        found.update(row["s"] for row in result.values())
    return found


def _graphs(store: Store, names: list[str] | None) -> dict[str, tuple[int, str | None]]:
    """Every graph's (``names`` None) or these graphs' number of triples and a headline of a thing in it; a graph
    with no triple is not listed."""
    if names is not None and not names:
        return {}
    values = "" if names is None else f"VALUES ?g {{ {' '.join(f'<{g}>' for g in names)} }}"
    counts = store.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
    # Every headline, the least kept (SAMPLE's choice was the engine's: the build's index must pick the same one).
    headlines = store.query(f"SELECT DISTINCT ?g ?h WHERE {{ {values} GRAPH ?g {{ ?s <{HEADLINE}> ?h }} }}")
    assert isinstance(counts, Solutions) and isinstance(headlines, Solutions)
    named: dict[str, str] = {}
    for row in headlines.values():
        named[row["g"]] = least_headline(named.get(row["g"]), row["h"])
    return {row["g"]: (int(row["n"]), named.get(row["g"])) for row in counts.values() if int(row["n"])}


def least_headline(held: str | None, found: str) -> str:
    """The headline a graph is listed by, of two: the least (code point by code point)."""
    return found if held is None or found < held else held


def headline(ntriples: bytes) -> str | None:
    """The headline a graph is listed by, from its N-Triples lines as Oxigraph writes them: the least of them."""
    held: str | None = None
    at = ntriples.find(_HEADLINE_TERM)  # the headline's lines looked for, not every line split
    while at >= 0:
        start, end = ntriples.rfind(b"\n", 0, at) + 1, ntriples.find(b"\n", at)
        _, predicate, rest = ntriples[start:end].split(b" ", 2)  # an IRI or a blank node label holds no space
        if predicate == _HEADLINE_TERM:  # (not the same IRI as a subject, an object or in a literal)
            held = least_headline(held, value(rest[:-2]))  # the object, without " ."
        at = ntriples.find(_HEADLINE_TERM, end)
    return held


def gathered(base: str, things: Iterable[bytes], graphs: dict[str, int], headlines: dict[str, str]) -> Members:
    """The members from what a build writes anyway: ``things``, the union's subjects under ``{base}id/`` (each
    once, N-Triples terms); ``graphs``, each named graph's number of triples (those that hold any); ``headlines``,
    each graph's :func:`headline`."""
    space = base + "id/"
    kinds: dict[str, list[str]] = {}
    for term in things:
        iri = term[1:-1].decode("utf-8")
        if kind := kind_of(iri, space):
            kinds.setdefault(kind, []).append(iri)
    for iris in kinds.values():
        iris.sort()
    listed = {g: (n, headlines.get(g)) for g, n in graphs.items() if n}
    return Members(base, kinds, listed, sorted(listed))


_HEADLINE_TERM = f"<{HEADLINE}>".encode()
