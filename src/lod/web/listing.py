"""What the store lists: its named graphs, the kinds of things under ``/id/``, and the things of one kind or
in one graph, a page at a time. Plain data for ``templates/listing.html``; every query is bounded by a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox

from lod.store import Solutions, Store, Triples

__all__ = ["PAGE_SIZE", "Item", "Page", "graph_items", "graph_triples", "graphs", "kind_items", "kinds", "prefix_items"]

PAGE_SIZE = 100

# The label a listed thing is shown by, best first (the same order the entity pages use; a statement by its words).
# Each property a branch of its own, its values DISTINCT: a triple comes once per graph that holds it in the union,
# and six OPTIONALs joined one after the other multiplied the copies (after a dozen uploads of one story, a page of
# /id/place/ took 25 s).
_LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "https://schema.org/name", "http://www.w3.org/2000/01/rdf-schema#label",
           "https://schema.org/headline", "http://purl.org/dc/terms/title", "https://schema.org/text")
_LABEL = "OPTIONAL { " + " UNION ".join(f"{{ ?s <{p}> ?l BIND({rank} AS ?rank) }}" for rank, p in enumerate(_LABELS)) + " }"


@dataclass(frozen=True)
class Item:
    """One listed thing: its IRI, a name (None when it has no label) and a count or note."""

    iri: str
    label: str | None
    note: str = ""


@dataclass(frozen=True)
class Page:
    """One page of a listing; ``more`` says whether a next page exists."""

    items: list[Item]
    number: int
    more: bool

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.more else None


def graphs(store: Store) -> list[Item]:
    """Every named graph with its number of triples and, for an article's graph, the article's headline."""
    rows = _select(
        store,
        """SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?h) AS ?headline) WHERE {
             GRAPH ?g { ?s ?p ?o OPTIONAL { ?s <https://schema.org/headline> ?h } } } GROUP BY ?g ORDER BY ?g""",
    )
    return [Item(row["g"], row.get("headline"), f"{int(row['n']):,} triples") for row in rows]


def kinds(store: Store, base: str) -> list[Item]:
    """The kinds of things under ``{base}id/`` (``article``, ``place``...), with how many of each."""
    space = json.dumps(base + "id/")
    rows = _select(
        store,
        f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
              ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space}))
              BIND(STRBEFORE(CONCAT(STRAFTER(STR(?s), {space}), "/"), "/") AS ?kind)
            }} GROUP BY ?kind ORDER BY ?kind""",
    )
    return [Item(f"{base}id/{row['kind']}/", row["kind"], f"{int(row['n']):,}") for row in rows if row.get("kind")]


def kind_items(store: Store, base: str, kind: str, number: int) -> Page:
    """Page ``number`` (from 1) of the things whose IRI starts with ``{base}id/{kind}/``, in IRI order."""
    return prefix_items(store, f"{base}id/{kind}/", number)


def prefix_items(store: Store, prefix: str, number: int) -> Page:
    """Page ``number`` (from 1) of the things whose IRI starts with ``prefix``, in IRI order."""
    where = f"?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {json.dumps(prefix)}))"
    return _page(store, where, number)


def graph_items(store: Store, graph: str, number: int) -> Page:
    """Page ``number`` of the subjects of the named graph ``graph`` (an IRI checked by the caller)."""
    return _page(store, f"GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(isIRI(?s))", number)


def graph_triples(store: Store, graph: str) -> list[ox.Triple]:
    """Every triple of the named graph ``graph`` (an IRI checked by the caller)."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Triples)
    return result.triples


def _page(store: Store, where: str, number: int) -> Page:
    number = max(1, number)
    rows = _select(
        store,
        f"""SELECT DISTINCT ?s ?rank ?l WHERE {{
              {{ SELECT DISTINCT ?s WHERE {{ {where} }} ORDER BY ?s LIMIT {PAGE_SIZE + 1} OFFSET {(number - 1) * PAGE_SIZE} }}
              {_LABEL}
            }}""",
    )
    labels: dict[str, tuple[int, str] | None] = {}
    for row in rows:  # the first label of the best property, as COALESCE then SAMPLE chose it
        best, rank = labels.get(row["s"]), int(row.get("rank", len(_LABELS)))
        if "l" in row and (best is None or rank < best[0]):
            labels[row["s"]] = (rank, row["l"])
        else:
            labels.setdefault(row["s"], None)
    items = [Item(s, found[1] if found else None) for s, found in sorted(labels.items())]
    return Page(items[:PAGE_SIZE], number, len(items) > PAGE_SIZE)


def _select(store: Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    return result.values()
