"""The links into one entity, a page at a time: where an entity's document sends a client for the links it leaves
out (it lists at most :data:`lod.web.describe.INCOMING_LIMIT`).

The links are the (thing, property) pairs with ``?thing ?property <entity>`` (things that are IRIs), ordered by the
thing's IRI and then the property's, code point by code point: the same order on every engine. A page is named by
the last pair of the page before it (keyset paging, ``?after=<thing> <property>``), never by a number: a page
holds the first ``PAGE_SIZE`` pairs after that pair, so a link written between two requests moves no other link to
another page, and no page skips over the ones before it with ``OFFSET``.

The store has no index in that order (Oxigraph's are by term ids, and its ``ORDER BY`` over a hub's 9,000 links
takes a second): the links are read unordered and put in order here. A store that says when it changed
(:class:`lod.store.Versioned`, the embedded one) keeps an entity's links in order in memory once read, so every page
after is a slice of them; a remote store's page reads the links from the given thing on. Either way a page's cost
follows the entity's own links (about 15 microseconds a link at 10,000 articles, the first read), never the store's
size, and a deep page costs no more than the first.

A page says what it is in Hydra's terms, as Linked Data Fragments do: the collection
(``hydra:Collection``, ``hydra:manages [ hydra:object <entity> ]``, ``hydra:member``), the page
(``hydra:PartialCollectionView``, ``hydra:first``, ``hydra:next``), and ``hydra:totalItems`` whenever the page
read every link anyway (every page of the embedded store, the first of a remote one). The things on a page come
with their names and types, as in a document.
"""

from __future__ import annotations

import heapq
import weakref
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox

from lod.errors import NotFound
from lod.store import Solutions, Store, Versioned
from lod.web.describe import INCOMING_LIMIT, SUMMARY, check_iri
from lod.web.pages import LABELS

__all__ = ["HYDRA", "PAGE_SIZE", "Page", "after_param", "document_links", "names_of", "next_url", "page", "page_ntriples", "parse_after"]

HYDRA = "http://www.w3.org/ns/hydra/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PAGE_SIZE = INCOMING_LIMIT  # a page holds as many links as a document


@dataclass(frozen=True)
class Page:
    """One page of the links into ``entity``: its pairs in order, the names of their things and of the entity
    (N-Triples lines), the pair the next page starts after (None on the last page), and how many links there are
    in all (None when the page did not read them all)."""

    entity: str
    after: tuple[str, str] | None
    links: tuple[tuple[str, str], ...]
    names: tuple[bytes, ...]
    next: tuple[str, str] | None
    total: int | None


def page(store: Store, entity: str, after: tuple[str, str] | None = None) -> Page:
    """The page of the links into ``entity`` after the pair ``after`` (the first page without).

    Raises:
        NotFound: ``entity`` or a term of ``after`` is not an IRI.
    """
    e = check_iri(entity)
    if (every := _remembered(store, e)) is not None:  # every link, in order: the page is a slice of them
        start = bisect_right(every, after) if after else 0
        links = tuple(every[start : start + PAGE_SIZE])
        more = start + PAGE_SIZE < len(every)
        return Page(entity, after, links, _names(store, e, links), links[-1] if more else None, len(every))
    pairs = _pairs(store, e, after)
    if after:
        pairs = [pair for pair in pairs if pair > after]
    first = heapq.nsmallest(PAGE_SIZE + 1, pairs)
    links, more = tuple(first[:PAGE_SIZE]), len(first) > PAGE_SIZE
    return Page(entity, after, links, _names(store, e, links), links[-1] if more else None, None if after else len(pairs))


def _pairs(store: Store, entity: str, after: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    """The links into ``entity`` (from the thing of ``after`` on: ``FILTER(STR(?in) >= ...)``), in no order."""
    start = f' FILTER(STR(?in) >= "{after[0]}")' if after else ""
    result = store.query(f"SELECT DISTINCT ?in ?link WHERE {{ ?in ?link <{entity}> FILTER(!isBlank(?in)){start} }}")
    assert isinstance(result, Solutions)
    return [(row[0].value, row[1].value) for row in result.rows if isinstance(row[0], ox.NamedNode) and isinstance(row[1], ox.NamedNode)]


# A store that says when it changed (lod.store.Versioned) keeps, per process, the links of the entities last paged
# through, in order, until it changes: a client walking a hub's 9,000 links in 180 pages reads them from the store
# once (about 15 microseconds a link at 10,000 articles), not 180 times. At most REMEMBERED links in all (about
# 250 bytes each); an entity with fewer than a page's worth is not kept.
REMEMBERED = 100_000
_remembered_links: weakref.WeakKeyDictionary[Store, tuple[object, OrderedDict[str, list[tuple[str, str]]]]] = weakref.WeakKeyDictionary()


def _remembered(store: Store, entity: str) -> list[tuple[str, str]] | None:
    """Every link into ``entity``, sorted, from memory or read once; None for a store that cannot say when it
    changed (each page then reads the links from its own on)."""
    if not isinstance(store, Versioned):
        return None
    version = store.version()
    held = _remembered_links.get(store)
    if held is None or held[0] != version:
        held = _remembered_links[store] = (version, OrderedDict())
    kept = held[1]
    if (every := kept.get(entity)) is not None:
        kept.move_to_end(entity)
        return every
    every = sorted(_pairs(store, entity))
    if PAGE_SIZE < len(every) <= REMEMBERED:
        kept[entity] = every
        while sum(len(links) for links in kept.values()) > REMEMBERED:
            kept.popitem(last=False)
    return every


def _names(store: Store, entity: str, links: tuple[tuple[str, str], ...]) -> tuple[bytes, ...]:
    """The names, types and texts of the things on a page (and of the entity), as a document gives them."""
    things = sorted({entity} | {thing for thing, _ in links})
    values = " ".join(f"<{t}>" for t in things)
    query = (f"CONSTRUCT {{ ?in ?sp ?sv }} WHERE {{ {{ SELECT DISTINCT ?in ?sp ?sv WHERE {{ VALUES ?in {{ {values} }} "
             f"?in ?sp ?sv FILTER(?sp IN ({SUMMARY})) }} }} }}")
    lines = set(store.construct_ntriples(query).splitlines())
    lines.discard(b"")
    return tuple(sorted(lines))


_LABELS = tuple(str(p) for p in LABELS)  # the pages' names, in the pages' order (lod.web.pages.label_of)


def names_of(found: Page) -> dict[str, str]:
    """A name for each thing on the page, and for the entity, that has one (English, or untagged, first), for people."""
    ranked: dict[str, tuple[int, str]] = {}
    for quad in ox.parse(b"\n".join(found.names), format=ox.RdfFormat.N_TRIPLES):
        label, thing = quad.object, quad.subject
        if quad.predicate.value in _LABELS and isinstance(label, ox.Literal) and isinstance(thing, ox.NamedNode):
            rank = _LABELS.index(quad.predicate.value) * 2 + (label.language not in (None, "en"))
            if thing.value not in ranked or (rank, label.value) < ranked[thing.value]:
                ranked[thing.value] = (rank, label.value)
    return {thing: label for thing, (_, label) in ranked.items()}


def after_param(pair: tuple[str, str]) -> str:
    """The ``after`` query parameter naming the page after ``pair``, URL-quoted."""
    return quote(f"{pair[0]} {pair[1]}", safe="")


def parse_after(value: str | None) -> tuple[str, str] | None:
    """``<thing> <property>`` (the ``after`` parameter, unquoted) as a pair; None for no parameter.

    Raises:
        NotFound: it is not two IRIs: no page follows it.
    """
    if value is None:
        return None
    thing, space, link = value.partition(" ")
    if not (thing and space and link):
        raise NotFound(value)
    return check_iri(thing), check_iri(link)


def page_ntriples(found: Page, collection: str, here: str) -> bytes:
    """The page as N-Triples: the links, their things' names, and Hydra's description of the collection
    (``collection``, the first page's URL) and of this page (``here``, its URL)."""
    e, hydra = found.entity, HYDRA
    lines = [f"<{thing}> <{link}> <{e}> .".encode() for thing, link in found.links]
    lines += list(found.names)
    lines += [
        f"<{collection}> <{RDF_TYPE}> <{hydra}Collection> .".encode(),
        f"<{collection}> <{hydra}manages> _:manages .".encode(),
        f"_:manages <{hydra}object> <{e}> .".encode(),
        f"<{collection}> <{hydra}view> <{here}> .".encode(),
        f"<{here}> <{RDF_TYPE}> <{hydra}PartialCollectionView> .".encode(),
        f"<{here}> <{hydra}first> <{collection}> .".encode(),
    ]
    lines += [f"<{collection}> <{hydra}member> <{thing}> .".encode() for thing in sorted({t for t, _ in found.links})]
    if found.next is not None:
        lines.append(f"<{here}> <{hydra}next> <{next_url(collection, found.next)}> .".encode())
    if found.total is not None:
        lines.append(f'<{collection}> <{hydra}totalItems> "{found.total}"^^<http://www.w3.org/2001/XMLSchema#integer> .'.encode())
    return b"".join(line + b"\n" for line in dict.fromkeys(lines))


def next_url(collection: str, pair: tuple[str, str]) -> str:
    """The URL of the page after ``pair`` (``collection`` is the first page's URL, without a query)."""
    return f"{collection}?after={after_param(pair)}"


def document_links(document: str, collection: str) -> bytes:
    """What an entity's document says when it lists fewer links than there are: its next page is the first page
    of the whole list, ``collection`` (N-Triples lines)."""
    return (f"<{document}> <{HYDRA}next> <{collection}> .\n"
            f"<{collection}> <{RDF_TYPE}> <{HYDRA}Collection> .\n").encode()
