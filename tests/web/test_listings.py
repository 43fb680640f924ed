"""The listings ``/id/``, ``/id/{kind}/`` and ``/graph/`` on real servers: walked page by page through their
``Link: rel="next"`` headers they give every thing (every graph) exactly once, in URI order, with the counts the
store holds; ``?page=N`` still answers; after a write, its new things and graph are listed and counted; a server
starts with the members the build kept (the store's), and after writes with those updated."""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pyoxigraph as ox
import pytest

from lod.pipeline.build import build
from lod.publish import members, summaries
from lod.rdf.uris import Uris
from lod.settings import Settings
from lod.store import Solutions, Store, open_store
from lod.web.listing import PAGE_SIZE
from lod.web.members import taken

from _engines import reader
from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

ROW = re.compile(r'<td><code>([^<]*)</code></td>(?:<td class="num">([^<]*)</td>)?')
TOKEN = "test-token-listings-0123456789"


def rows(page: httpx.Response) -> list[tuple[str, str]]:
    """(URI, how many) of each row of a listing page."""
    assert page.status_code == 200, page.text
    return [(html.unescape(iri), html.unescape(note or "")) for iri, note in ROW.findall(page.text)]


def walk(http: httpx.Client, path: str, rel: str = "next") -> list[list[tuple[str, str]]]:
    """Every page of a listing, from the one at ``path`` (its first), following ``Link: rel="next"`` (or ``rel``)."""
    pages = []
    url: str | None = path
    link = re.compile(rf'<([^>]*)>; rel="{rel}"')
    while url is not None:
        answer = http.get(url)
        pages.append(rows(answer))
        found = link.search(answer.headers.get("link", ""))
        if found:
            assert f'href="{html.escape(found.group(1))}"' in answer.text  # the HTML links to the same page
        url = urljoin(str(answer.url), found.group(1)) if found else None
    return pages


def subjects(store: Store, base: str) -> dict[str, list[str]]:
    """The store's subjects under ``{base}id/``, by kind, in code point order."""
    space = base + "id/"
    result = store.query(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{space}")) }}')
    assert isinstance(result, Solutions)
    kinds: dict[str, list[str]] = {}
    for row in result.values():
        if kind := row["s"][len(space):].split("/", 1)[0]:
            kinds.setdefault(kind, []).append(row["s"])
    return {kind: sorted(iris) for kind, iris in kinds.items()}


def graph_sizes(store: Store) -> dict[str, int]:
    return Counter(str(q.graph_name.value) for q in store.quads() if hasattr(q.graph_name, "value"))


def test_paging_a_kind_gives_every_thing_once_in_uri_order(corpus_settings: Settings, served_corpus: str) -> None:
    expected = subjects(reader(corpus_settings), corpus_settings.base_uri)
    with httpx.Client(base_url=served_corpus, timeout=120) as http:
        kinds = rows(http.get("/id/"))
        assert kinds == [(f"{corpus_settings.base_uri}id/{k}/", f"{len(v):,}") for k, v in sorted(expected.items())]
        paged = 0
        for kind, iris in sorted(expected.items()):
            pages = walk(http, f"/id/{kind}/")
            assert all(len(page) <= PAGE_SIZE for page in pages)
            assert [iri for page in pages for iri, _ in page] == iris, kind
            paged += len(pages) > 1
        assert paged, "no kind of the corpus fills more than a page: the walk tests no next link"


def test_a_page_number_still_answers_with_the_same_things(corpus_settings: Settings, served_corpus: str) -> None:
    kind, iris = max(subjects(reader(corpus_settings), corpus_settings.base_uri).items(), key=lambda k: len(k[1]))
    assert len(iris) > PAGE_SIZE
    with httpx.Client(base_url=served_corpus, timeout=120) as http:
        pages = walk(http, f"/id/{kind}/")
        assert rows(http.get(f"/id/{kind}/?page=2")) == pages[1]
        assert rows(http.get(f"/id/{kind}/?page=1000")) == []
        assert http.get("/id/no-such-kind/").status_code == 404


def test_the_graph_listing_gives_every_graph_once_with_its_triples(corpus_settings: Settings, served_corpus: str) -> None:
    sizes = graph_sizes(reader(corpus_settings))
    expected = [(g, f"{n:,} triples") for g, n in sorted(sizes.items())]
    with httpx.Client(base_url=served_corpus, timeout=120) as http:
        assert [row for page in walk(http, "/graph/") for row in page] == expected
        # fewer graphs than a page holds: the page after the tenth begins with the eleventh
        assert rows(http.get("/graph/", params={"after": expected[9][0]})) == expected[10:10 + PAGE_SIZE]


def article(town: str, figure: int) -> str:
    return ("Title: Families flee\nSource URL: https://example.org/x/listings\nPublisher: OCHA\n"
            f"Published: 2020-01-28\n\nMore than {figure} families fled {town} on Monday, OCHA said.\n")


@pytest.fixture
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, httpx.Client]]:
    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path_factory.mktemp("listings"), base_uri=url, ingest_token=TOKEN)
    build(settings)
    from lod.web.app import create_app

    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=300, headers={"Accept": "text/html"}) as http:
        yield settings, http


def test_a_write_is_listed_and_counted_at_once(writable: tuple[Settings, httpx.Client]) -> None:
    settings, http = writable

    reference = f"{settings.base_uri}graph/reference"  # 168 pages, the same before and after: not walked

    def listed() -> tuple[list[tuple[str, str]], dict[str, list[str]], list[tuple[str, str]], dict[str, list[str]]]:
        kinds = rows(http.get("/id/"))
        things = {kind: [iri for page in walk(http, f"/id/{kind}/") for iri, _ in page]
                  for kind in (iri.rstrip("/").rsplit("/", 1)[-1] for iri, _ in kinds)}
        graphs = [row for page in walk(http, "/graph/") for row in page]
        held = {g: [iri for page in walk(http, "/" + g[len(settings.base_uri):]) for iri, _ in page]
                for g, _ in graphs if g != reference}  # each graph's page, its subjects held per version
        return kinds, things, graphs, held

    def stored() -> tuple[list[tuple[str, str]], dict[str, list[str]], list[tuple[str, str]], dict[str, list[str]]]:
        store = open_store(settings, read_only=True)
        try:
            things = subjects(store, settings.base_uri)
            sizes = graph_sizes(store)
            held = {g: graph_subjects(store, g) for g in sizes if g != reference}
        finally:
            store.close()
        kinds = [(f"{settings.base_uri}id/{k}/", f"{len(v):,}") for k, v in sorted(things.items())]
        return kinds, things, [(g, f"{n:,} triples") for g, n in sorted(sizes.items())], held

    before = listed()
    assert before == stored()
    for text in (article("Saraqeb", 300), article("Saraqeb and Ariha", 700)):  # a new graph, then the same replaced
        answer = http.post("/articles", content=text.encode(), headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
        assert answer.status_code in (200, 201), answer.text
        after = listed()
        assert after == stored()
        assert after != before
        before = after
    # A server started now takes the build's members with the writes since asked again: the store's.
    store = open_store(settings, read_only=True)
    try:
        shared = [str(Uris(settings.base_uri, settings.vocab_uri).shared_graph)]
        assert taken(settings.dumps_dir, store, settings.base_uri, shared)[1] == members.build(store, settings.base_uri)
    finally:
        store.close()


def test_the_build_keeps_the_members_a_server_starts_with(corpus_settings: Settings, tmp_path: Path) -> None:
    base = corpus_settings.base_uri
    store = reader(corpus_settings)
    live = members.build(store, base)
    kept = summaries.members_of(corpus_settings.dumps_dir, base)
    assert kept is not None and kept[1] == live  # every kind's IRIs in order, every graph's triples and headline
    assert any(headline for _, headline in live.graphs.values())
    # A server reads them from the index, not from the store: one taken out there is missing from what it starts with.
    folder = tmp_path / "dumps"
    shutil.copytree(corpus_settings.dumps_dir, folder)
    kind, iris = max(live.kinds.items(), key=lambda k: len(k[1]))
    with sqlite3.connect(folder / summaries.FILE) as db:
        db.execute("UPDATE kind SET iris = ? WHERE kind = ?", ("\n".join(iris[1:]), kind))
    db.close()
    started = taken(folder, store, base, [])[1]
    assert started.kinds[kind] == iris[1:] and started.graphs == live.graphs


def graph_subjects(store: Store, graph: str) -> list[str]:
    """The IRIs that are subjects of one named graph, read from the store's quads, in code point order."""
    return sorted({q.subject.value for q in store.quads(ox.NamedNode(graph)) if isinstance(q.subject, ox.NamedNode)})


def test_a_graph_page_walked_forth_and_back_gives_each_subject_once(corpus_settings: Settings, served_corpus: str) -> None:
    base, store = corpus_settings.base_uri, reader(corpus_settings)
    articles = sorted(str(g) for g in store.graph_names() if "/graph/article/" in str(g))
    paged = 0
    for graph in (f"{base}graph/shared", f"{base}graph/vocabulary", articles[0]):
        expected = graph_subjects(store, graph)
        assert expected, graph
        with httpx.Client(base_url=served_corpus, timeout=120, headers={"Accept": "text/html"}) as http:  # else Turtle
            path = "/" + graph[len(base):]
            pages = walk(http, path)
            assert [iri for page in pages for iri, _ in page] == expected, graph
            assert all(len(page) <= PAGE_SIZE for page in pages)
            if len(pages) > 1:
                paged += 1
                last = http.get(path, params={"page": len(pages)})
                assert rows(last) == pages[-1]
                assert walk(http, str(last.url), "prev")[::-1] == pages  # the prev links lead back through the same pages
                assert rows(http.get(path, params={"page": 2})) == pages[1]
            head = http.get(path).headers["link"]
            assert 'rel="alternate"' in head  # the formats the graph is offered in, beside the pager's links
    assert paged, "no graph of the corpus fills more than a page: the walk tests no next link"


def test_a_graph_name_that_is_no_iri_or_no_graph_is_404(served_corpus: str) -> None:
    with httpx.Client(base_url=served_corpus, timeout=120) as http:
        for path in ("/graph/a%3Eb", "/graph/a%20b", '/graph/a"b', "/graph/article/no-such-article"):
            assert http.get(path).status_code == 404, path


@pytest.mark.parametrize("kind", ["concept", "scheme"])
def test_the_vocabulary_listings_give_every_thing_under_their_prefix_once(corpus_settings: Settings, served_corpus: str,
                                                                        kind: str) -> None:
    prefix = f"{corpus_settings.vocab_uri}{kind}/"
    result = reader(corpus_settings).query(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{prefix}")) }}')
    assert isinstance(result, Solutions)
    expected = sorted(row["s"] for row in result.values())  # what the listing gave when it tested every subject
    assert expected
    with httpx.Client(base_url=served_corpus, timeout=120) as http:
        pages = walk(http, f"/def/{kind}/")
        assert [iri for page in pages for iri, _ in page] == expected
        if len(pages) > 1:
            assert rows(http.get(f"/def/{kind}/", params={"page": 2})) == pages[1]
