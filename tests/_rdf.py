"""What a store holds, graph by graph, compared as RDF: "the store stays as it was" in one place; and
``isomorphic`` for rdflib graphs, by Oxigraph's RDFC-1.0 canonical form (rdflib's own test took seconds on the
shapes' thousand triples of nested blank nodes, this takes a tenth of one).

A graph without blank nodes is equal to another when their sets of triples are equal (pyoxigraph terms,
hashed in Rust); only the triples with blank nodes need an isomorphism test (``same_triples``). The reference
graph's 60,000 gazetteer triples have none, so a snapshot of the seed store costs a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

from lod.settings import Settings
from lod.store import OxigraphStore, Store, open_store, to_rdflib


@dataclass(frozen=True)
class Blank:
    """A graph with blank nodes: its triples without any (compared as a set) and the rdflib graph of the others
    (compared up to blank node labels), apart, as ``same_triples`` does: a blank node maps only to a blank node.
    Canonicalizing the whole union of the seed build (69,000 triples, a few with blank nodes) took a minute."""

    ground: frozenset[ox.Triple]
    blank: Graph

    def __len__(self) -> int:
        return len(self.ground) + len(self.blank)


Held = dict[str, "frozenset[ox.Triple] | Blank"]


def held(where: Settings | Path) -> Held:
    """Every graph of the store the settings name (of any engine), or of the on-disk store at a path, by name
    (the default graph as ``""``; nothing when there is no store yet)."""
    if isinstance(where, Settings) and where.store_url:
        store: Store = open_store(where, read_only=True)
    else:
        store_path = where.store_path if isinstance(where, Settings) else where
        if not (store_path / "CURRENT").exists():
            return {}
        store = OxigraphStore(store_path, read_only=True)
    try:
        return held_quads(store.quads())
    finally:
        store.close()


def held_quads(quads: Iterable[ox.Quad]) -> Held:
    """The graphs of ``quads`` (a store's, or a dump file's as parsed), by name, as ``held`` gives them."""
    # Grouped by the graph name term and each quad's own triple (made in Rust): half the CPU of reading the name's
    # value and making a triple of three terms in Python, for each of the seed build's 69,000 quads.
    by_term: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]] = {}
    for q in quads:
        by_term.setdefault(q.graph_name, []).append(q.triple)
    graphs: dict[str, list[ox.Triple]] = {}
    for term, triples in by_term.items():
        graphs.setdefault(term.value if isinstance(term, ox.NamedNode) else "", []).extend(triples)
    return {name: held_graph(triples) for name, triples in graphs.items()}


def same(a: Held, b: Held) -> bool:
    """Whether two snapshots hold the same graphs (isomorphic where blank nodes are in them)."""
    if a.keys() != b.keys():
        return False
    for name, graph in a.items():
        other = b[name]
        if isinstance(graph, Blank) and isinstance(other, Blank):
            if graph.ground != other.ground or not isomorphic(graph.blank, other.blank):
                return False
        elif graph != other:  # a set against a set, or a graph with blank nodes against one without
            return False
    return True


def same_triples(a: set[tuple[Node, Node, Node]], b: set[tuple[Node, Node, Node]]) -> bool:
    """Two sets of rdflib triples are the same graph: the triples without blank nodes as sets, the others
    isomorphic (a blank node maps only to a blank node, so the two parts can be compared apart)."""
    a_blank, b_blank = _with_blank_nodes(a), _with_blank_nodes(b)
    return a - a_blank == b - b_blank and isomorphic(_rdflib_graph(a_blank), _rdflib_graph(b_blank))


def _with_blank_nodes(triples: set[tuple[Node, Node, Node]]) -> set[tuple[Node, Node, Node]]:
    return {t for t in triples if isinstance(t[0], BNode) or isinstance(t[2], BNode)}


def _rdflib_graph(triples: set[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def held_graph(triples: Iterable[ox.Triple]) -> frozenset[ox.Triple] | Blank:
    """One graph's triples as ``held`` gives them: a set, or a :class:`Blank` when some have blank nodes."""
    triples = list(triples)
    blank = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
    if not blank:
        return frozenset(triples)
    graph = Graph()
    for t in blank:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return Blank(frozenset(triples).difference(blank), graph)


def isomorphic(a: Graph, b: Graph) -> bool:
    """Whether two rdflib graphs are the same up to blank node labels (their RDFC-1.0 canonical forms are equal)."""
    return len(a) == len(b) and _canonical(a) == _canonical(b)


def _canonical(graph: Graph) -> set[ox.Quad]:
    triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)
