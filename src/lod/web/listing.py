"""What the store lists: its named graphs, the kinds of things under ``/id/``, and the things of one kind or
in one graph, a page at a time. Plain data for ``templates/listing.html``; every query is bounded by a page.
The graphs and the things of each kind come in order from :mod:`lod.publish.members` (held per version of the data),
a page from the key it starts after; their labels are read for the page's things alone.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass

import pyoxigraph as ox

from lod.store import Solutions, Store, Triples
from lod.publish.members import Members

__all__ = ["PAGE_SIZE", "Item", "Page", "Slice", "graph_items", "graph_slice", "graph_triples", "kind_slice", "kinds", "prefix_items"]

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
class Slice:
    """One page of a listing held in order (:mod:`lod.publish.members`): its items, where it starts in the whole
    list (from 0) and the list's length; the key the previous page starts after ("" for the first page, None when
    this is the first) and the key the next starts after (None on the last page)."""

    items: list[Item]
    start: int
    total: int
    previous: str | None
    next: str | None


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


def kinds(members: Members) -> list[Item]:
    """The kinds of things under ``{base}id/`` (``article``, ``place``...), with how many of each, from the index."""
    return [Item(f"{members.base}id/{kind}/", kind, f"{len(iris):,}") for kind, iris in sorted(members.kinds.items())]


def kind_slice(store: Store, members: Members, kind: str, after: str | None, number: int) -> Slice | None:
    """The page of the things of ``kind`` after the IRI ``after`` (else page ``number``, from 1), in IRI order,
    each with its label; None for a kind with nothing in it."""
    iris = members.kinds.get(kind)
    if iris is None:
        return None
    start = _start(iris, after, number)
    page = iris[start : start + PAGE_SIZE]
    labels = _labels(store, page)
    return _slice(iris, start, [Item(iri, labels.get(iri)) for iri in page])


def graph_slice(members: Members, after: str | None, number: int) -> Slice:
    """The page of the named graphs after the IRI ``after`` (else page ``number``), each with its number of
    triples and, for an article's graph, the article's headline."""
    names = members.graph_order
    start = _start(names, after, number)
    items = [Item(g, members.graphs[g][1], f"{members.graphs[g][0]:,} triples") for g in names[start : start + PAGE_SIZE]]
    return _slice(names, start, items)


def _start(keys: list[str], after: str | None, number: int) -> int:
    return bisect_right(keys, after) if after is not None else min(len(keys), (max(1, number) - 1) * PAGE_SIZE)


def _slice(keys: list[str], start: int, items: list[Item]) -> Slice:
    end = start + len(items)
    previous = None if start == 0 else (keys[start - PAGE_SIZE - 1] if start > PAGE_SIZE else "")
    return Slice(items, start, len(keys), previous, keys[end - 1] if items and end < len(keys) else None)


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


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    """The label each of ``iris`` is shown by (those without one left out), as :func:`_page` picks it."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    return {s: label for s, label in _ranked(_select(store, f"SELECT DISTINCT ?s ?rank ?l WHERE {{ VALUES ?s {{ {values} }} {_LABEL} }}")).items()
            if label is not None}


def _ranked(rows: list[dict[str, str]]) -> dict[str, str | None]:
    """Each subject's first label of the best property, as COALESCE then SAMPLE chose it (None: no label)."""
    labels: dict[str, tuple[int, str] | None] = {}
    for row in rows:
        best, rank = labels.get(row["s"]), int(row.get("rank", len(_LABELS)))
        if "l" in row and (best is None or rank < best[0]):
            labels[row["s"]] = (rank, row["l"])
        else:
            labels.setdefault(row["s"], None)
    return {s: found[1] if found else None for s, found in labels.items()}


def _page(store: Store, where: str, number: int) -> Page:
    number = max(1, number)
    rows = _select(
        store,
        f"""SELECT DISTINCT ?s ?rank ?l WHERE {{
              {{ SELECT DISTINCT ?s WHERE {{ {where} }} ORDER BY ?s LIMIT {PAGE_SIZE + 1} OFFSET {(number - 1) * PAGE_SIZE} }}
              {_LABEL}
            }}""",
    )
    items = [Item(s, label) for s, label in sorted(_ranked(rows).items())]
    return Page(items[:PAGE_SIZE], number, len(items) > PAGE_SIZE)


def _select(store: Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    return result.values()
