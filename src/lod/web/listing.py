"""What the store lists: its named graphs, the kinds of things under ``/id/``, and the things of one kind or
in one graph, a page at a time. Plain data for ``templates/listing.html``. The graphs and the things of each kind
come in order from :mod:`lod.publish.members` (held per version of the data); a graph's subjects and the
vocabulary's concepts or schemes are asked per request, at the cost of that graph or of those things, never of the
whole store. A page is a slice from the key it starts after; labels are read for the page's things alone.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import pyoxigraph as ox

from lod.store import Boolean, Solutions, Store, Triples
from lod.publish.members import Members

__all__ = ["PAGE_SIZE", "Item", "Page", "Slice", "graph_slice", "graph_subjects", "graph_triples", "kind_slice", "kinds",
           "labelled_slice", "typed_subjects"]

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
    return None if iris is None else labelled_slice(store, iris, after, number)


def labelled_slice(store: Store, iris: list[str], after: str | None, number: int) -> Slice:
    """The page of ``iris`` (sorted) after the IRI ``after`` (else page ``number``, from 1), each with its label."""
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


def typed_subjects(store: Store, prefix: str, types: list[str]) -> list[str]:
    """The things of one of ``types`` whose IRI starts with ``prefix``, sorted: the vocabulary's concepts or schemes.
    Asked by type (the store's index of ``rdf:type`` gives those things alone), where a test of every subject's IRI
    against the prefix cost the whole store per request; every thing the vocabulary and the build name under
    ``/def/concept/`` or ``/def/scheme/`` is typed so (tests/web/test_listings.py checks it against the store)."""
    values = " ".join(f"<{t}>" for t in types)
    result = store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?t {{ {values} }} ?s a ?t }}")
    assert isinstance(result, Solutions)
    return sorted(s.value for (s,) in result.rows if isinstance(s, ox.NamedNode) and s.value.startswith(prefix))


def graph_subjects(store: Store, graph: str) -> list[str]:
    """The IRIs that are subjects of the named graph ``graph`` (an IRI checked by the caller), sorted: its page is a
    slice of them, and costs the graph's size, not the store's. (The IRI test in Python: the same FILTER in the
    query is tested on every triple before DISTINCT.)"""
    result = store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Solutions)
    return sorted(s.value for (s,) in result.rows if isinstance(s, ox.NamedNode))


def graph_triples(store: Store, graph: str) -> list[ox.Triple]:
    """Every triple of the named graph ``graph`` (an IRI checked by the caller)."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Triples)
    return result.triples


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    """The label each of ``iris`` is shown by (those without one left out), the best property's first, as :func:`_ranked` picks it."""
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


def _select(store: Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    return result.values()
