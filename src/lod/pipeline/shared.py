"""The shared graph: what the nodes minted from a name are, written once for all the articles naming them.

An organization outside the reference data, a place outside the gazetteer, a person, a post, a concept of an open
scheme and the extractor get an IRI made from their name, not from the article; their types and labels are the
same whichever article writes them (:attr:`lod.model.mapping.Mapped.shared`). They go to one named graph
(:attr:`lod.rdf.uris.Uris.shared_graph`), added to, never replaced, by each write; what an article says about
them (who mentions them, who said what, who holds which post) stays in the article's graph.

A description no article graph uses any more (the articles naming it were changed or removed) is dropped: a
write of a few articles asks which shared nodes the graphs it replaces used (:func:`candidates`) and drops, in
the same transaction, those of them nothing else uses (:func:`prune_update`); a staged build keeps the old
descriptions whose nodes a kept article still uses (:func:`staged_lines`). A node still used keeps every label
any article gave it, including one only a removed article gave (a spelling): the next build from an empty
store is exact.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import URIRef

from lod.publish.graphdump import sorted_lines
from lod.store import Solutions, Store
from lod.store.oxigraph import OxigraphStore

__all__ = ["candidates", "prune_update", "staged_lines"]


def prune_update(shared: URIRef, subjects: Iterable[URIRef] | None = None) -> str:
    """A SPARQL Update dropping the descriptions in ``shared`` of nodes no other graph names (as subject or
    object); of ``subjects`` only, when given (empty: nothing to do)."""
    values = ""
    if subjects is not None:
        listed = " ".join(f"<{s}>" for s in sorted(set(subjects)))
        if not listed:
            return ""
        values = f"VALUES ?s {{ {listed} }}"
    return (f"DELETE {{ GRAPH <{shared}> {{ ?s ?p ?o }} }} WHERE {{ {values} GRAPH <{shared}> {{ ?s ?p ?o }}"
            f" FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?q ?x }} FILTER(?g != <{shared}>) }}"
            f" FILTER NOT EXISTS {{ GRAPH ?g {{ ?y ?q ?s }} FILTER(?g != <{shared}>) }} }}")


def candidates(store: Store, shared: URIRef, graphs: Iterable[URIRef]) -> list[URIRef]:
    """The nodes described in ``shared`` that these graphs name (before they are replaced or dropped): the only
    descriptions the write can leave unused. Reads the graphs' own triples, not the shared graph's."""
    names = " ".join(f"<{g}>" for g in sorted(set(graphs)))
    if not names:
        return []
    result = store.query(
        f"SELECT ?s WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ {{ ?s ?p ?o }} UNION {{ ?x ?p ?s }} }}"
        f" FILTER(isIRI(?s)) }} }} FILTER EXISTS {{ GRAPH <{shared}> {{ ?s ?p2 ?o2 }} }} }}")
    assert isinstance(result, Solutions)
    return [URIRef(row[0].value) for row in result.rows if isinstance(row[0], ox.NamedNode)]


def staged_lines(new: Iterable[bytes], old: OxigraphStore | None, shared: URIRef, kept: set[str]) -> bytes:
    """The shared graph of a staged build, as sorted N-Triples lines (:func:`lod.publish.graphdump.sorted_lines`):
    the ``new`` lines (of the articles prepared, as rdflib writes them) and, from the ``old`` store, the
    descriptions of nodes that one of the ``kept`` graphs (the unchanged articles, copied) still names."""
    lines = sorted_lines(b"".join(new))
    if old is None or not kept or shared not in old.graph_names():
        return lines
    before = sorted_lines(old.graph_ntriples(str(shared)), as_oxigraph=True).splitlines(keepends=True)
    described = {line.split(b" ", 1)[0] for line in lines.splitlines()}
    maybe = sorted({line.split(b" ", 1)[0] for line in before} - described)
    used: set[bytes] = set()
    if maybe:
        result = old.query(
            f"SELECT DISTINCT ?s ?g WHERE {{ VALUES ?s {{ {' '.join(s.decode() for s in maybe)} }}"
            f" {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ GRAPH ?g {{ ?x ?p ?s }} }} }}")
        assert isinstance(result, Solutions)
        used = {f"<{row[0].value}>".encode() for row in result.rows
                if isinstance(row[0], ox.NamedNode) and isinstance(row[1], ox.NamedNode) and row[1].value in kept}
    carried = [line for line in before if line.split(b" ", 1)[0] in used]
    return sorted_lines(lines + b"".join(carried), as_oxigraph=True) if carried else lines
