"""The links into an entity, a page at a time (lod.web.incoming): every page together is the set the plain SPARQL
query gives, in one order, each page at most a document's worth; the same pages whether the store remembers an
entity's links (a read-only view, which says when it changed) or reads them again for every page (a writer here,
a remote server under ``make test-remote``); and after a write, the new links are on the pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest

from lod.errors import NotFound
from lod.store import OxigraphStore, Solutions, Store, Versioned
from lod.store.readonly import ReadOnlyStore
from lod.web import incoming
from lod.web.describe import incoming_query

BASE = "http://example.org/"
HUB = BASE + "id/org/hub"
QUIET = BASE + "id/org/quiet"
LINKS = 2 * incoming.PAGE_SIZE + 7  # three pages, the last short


def _quads() -> list[ox.Quad]:
    """Things linking to the hub by one or two properties, in several graphs (a link stated twice counts once),
    and blank nodes linking to it too (not listed: a page names things)."""
    n = ox.NamedNode
    quads = [ox.Quad(n(HUB), n("https://schema.org/name"), ox.Literal("The hub"), n(BASE + "graph/hub"))]
    for i in range(LINKS):
        thing, graph = n(f"{BASE}id/statement/s{(i * 37) % LINKS:04d}"), n(f"{BASE}graph/g{i % 3}")
        link = n("http://purl.org/dc/terms/references" if i % 5 else "https://schema.org/about")
        quads += [
            ox.Quad(thing, link, n(HUB), graph),
            ox.Quad(thing, link, n(HUB), n(BASE + "graph/again")),
            ox.Quad(thing, n("https://schema.org/name"), ox.Literal(f"Statement {i}", language="en"), graph),
        ]
        if i % 9 == 0:
            quads.append(ox.Quad(thing, n("http://purl.org/dc/terms/subject"), n(HUB), graph))
    quads.append(ox.Quad(ox.BlankNode("b"), n("http://purl.org/dc/terms/references"), n(HUB), n(BASE + "graph/b")))
    quads.append(ox.Quad(n(BASE + "id/statement/one"), n("http://purl.org/dc/terms/references"), n(QUIET), n(BASE + "graph/b")))
    return quads


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("incoming") / "store"
    writer = OxigraphStore(path)
    writer.engine.bulk_extend(_quads())
    writer.flush()
    writer.close()
    return path


def _walk(store: Store, entity: str) -> list[incoming.Page]:
    pages = [incoming.page(store, entity)]
    while pages[-1].next is not None:
        pages.append(incoming.page(store, entity, pages[-1].next))
        assert len(pages) < 100
    return pages


def _expected(store: Store, entity: str) -> list[tuple[str, str]]:
    result = store.query(incoming_query(entity))
    assert isinstance(result, Solutions)
    return sorted((r["in"], r["link"]) for r in result.values())


def test_every_page_together_is_the_sparql_set_in_order(folder: Path) -> None:
    view = ReadOnlyStore(folder)
    assert isinstance(view, Versioned)
    pages = _walk(view, HUB)
    expected = _expected(view, HUB)
    assert len(expected) > 2 * incoming.PAGE_SIZE  # more than two pages: the walk is tested past the first
    assert [len(p.links) for p in pages] == [incoming.PAGE_SIZE, incoming.PAGE_SIZE, len(expected) - 2 * incoming.PAGE_SIZE]
    assert [pair for p in pages for pair in p.links] == expected  # each link once, in order, none missing
    assert {p.total for p in pages} == {len(expected)}
    assert all(p.after == before.next for before, p in zip(pages, pages[1:]))


def test_a_store_that_reads_again_gives_the_same_pages(folder: Path) -> None:
    """A writer is not Versioned: each page reads the links from its own start on (as a remote store does)."""
    view, writer = ReadOnlyStore(folder), OxigraphStore(folder, read_only=True)
    assert not isinstance(writer, Versioned)
    remembered, read = _walk(view, HUB), _walk(writer, HUB)
    assert [(p.links, p.next, p.names) for p in remembered] == [(p.links, p.next, p.names) for p in read]
    assert read[0].total == remembered[0].total and read[1].total is None  # a later page did not count them all


def test_each_page_names_its_things(folder: Path) -> None:
    page = incoming.page(ReadOnlyStore(folder), HUB)
    names = incoming.names_of(page)
    assert {thing for thing, _ in page.links} | {HUB} == set(names)
    assert names.pop(HUB) == "The hub" and all(name.startswith("Statement ") for name in names.values())


def test_a_page_describes_itself_in_hydra(folder: Path) -> None:
    first = incoming.page(ReadOnlyStore(folder), HUB)
    collection = "http://site.test/incoming/doc/org/hub"
    graph = {q.triple for q in ox.parse(incoming.page_ntriples(first, collection, collection), format=ox.RdfFormat.N_TRIPLES)}
    n, hydra = ox.NamedNode, incoming.HYDRA
    # The first page's URL is the collection's: it is the collection, and a view of it with a next page.
    assert ox.Triple(n(collection), n(hydra + "view"), n(collection)) in graph
    assert ox.Triple(n(collection), n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(hydra + "PartialCollectionView")) in graph
    assert ox.Triple(n(collection), n(hydra + "totalItems"), ox.Literal(str(first.total), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))) in graph
    view_next = [t for t in graph if t.predicate == n(hydra + "next")]
    assert [t.object.value for t in view_next] == [incoming.next_url(collection, first.links[-1])]
    assert {t.object.value for t in graph if t.predicate == n(hydra + "member")} == {thing for thing, _ in first.links}
    links = {(t.subject.value, t.predicate.value) for t in graph if t.object == n(HUB) and isinstance(t.subject, ox.NamedNode)}
    assert links == set(first.links)  # and the blank node of hydra:manages, whose hydra:object is the hub


def test_the_next_page_names_itself_by_the_last_link(folder: Path) -> None:
    first = incoming.page(ReadOnlyStore(folder), HUB)
    assert first.next == first.links[-1]
    token = incoming.next_url("http://site.test/c", first.next).split("?after=", 1)[1]
    assert incoming.parse_after(unquote(token)) == first.next


@pytest.mark.parametrize("after", ["", "not-an-iri", f"{BASE}a", f"{BASE}a <b>", f'{BASE}a {BASE}"b'])
def test_a_page_after_something_that_is_no_link_is_not_found(after: str) -> None:
    with pytest.raises(NotFound):
        incoming.parse_after(after)


def test_a_quiet_entity_is_one_page(folder: Path) -> None:
    page = incoming.page(ReadOnlyStore(folder), QUIET)
    assert page.links == ((BASE + "id/statement/one", "http://purl.org/dc/terms/references"),)
    assert page.next is None and page.total == 1


def test_a_write_puts_the_new_link_on_the_pages(tmp_path: Path) -> None:
    writer = OxigraphStore(tmp_path / "store")
    writer.engine.bulk_extend(_quads())
    writer.flush()
    view = ReadOnlyStore(tmp_path / "store")
    before = [pair for p in _walk(view, HUB) for pair in p.links]
    new = ox.NamedNode(BASE + "id/statement/new")
    writer.engine.add(ox.Quad(new, ox.NamedNode("http://purl.org/dc/terms/references"), ox.NamedNode(HUB), ox.NamedNode(BASE + "graph/new")))
    writer.flush()
    writer.close()
    after = [pair for p in _walk(view, HUB) for pair in p.links]
    assert after == sorted([*before, (new.value, "http://purl.org/dc/terms/references")])
