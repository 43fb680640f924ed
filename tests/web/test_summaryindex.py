"""The build's summaries after writes: what a write touched (its places and every place they lie in, its
reporters) is counted again, the rest is still read from the index, and both equal a live count of the store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from lod.pipeline.build import build
from lod.publish import summaries
from lod.publish.summaries import AGENT, EVENTS, PLACE, STATEMENTS
from lod.settings import Settings
from lod.store import Store, open_store
from lod.web import eventpanel, panels, summaryindex

from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

TOKEN = "test-token-summaries-0123456789"
IDLEB = "place/pcode/SY07"  # the governorate of the seed's places, and of Saraqeb
SYRIA = "place/pcode/SY"
SEED_REPORTER = "org/erc-team-northern-syria"  # reported the seed's figures; the posted article's are OCHA's
OCHA = "org/ocha"


def article(figure: int, said: str = "") -> str:
    return ("Title: Families flee Saraqeb\nSource URL: https://example.org/x/summaries\nPublisher: OCHA\n"
            f"Published: 2020-01-28\n\nMore than {figure} families fled Saraqeb on Monday, OCHA said.\n{said}")


STATED = "\nAbdelbaset Abdullatif said that the regime is targeting the displaced.\n"  # one of the seed's speakers


@dataclass
class Server:
    url: str
    settings: Settings
    http: httpx.Client

    def post(self, text: str) -> None:
        response = self.http.post("/articles", content=text.encode(), headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
        assert response.status_code in (200, 201), response.text

    def iri(self, key: str) -> str:
        return f"{self.url}id/{key}"


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path_factory.mktemp("summaries"), base_uri=url, ingest_token=TOKEN)
    build(settings)
    from lod.web.app import create_app

    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=300) as http:
        yield Server(url, settings, http)


def _live(store: Store, vocab: str, kind: str, entity: str) -> object:
    if kind in (PLACE, AGENT):
        return panels.count_live(store, vocab, kind, entity)
    return (eventpanel.listed_events if kind == EVENTS else panels.listed_statements)(store, vocab, entity)


def _read(index: summaries.Index, kind: str, entity: str) -> object:
    return index.figures(kind, entity) if kind in (PLACE, AGENT) else index.listing(kind, entity)


def test_after_writes_the_index_holds_for_what_they_did_not_touch(server: Server) -> None:
    folder, vocab = server.settings.dumps_dir, server.settings.vocab_uri
    keys = [(PLACE, server.iri(IDLEB)), (PLACE, server.iri(SYRIA)), (AGENT, server.iri(SEED_REPORTER)), (AGENT, server.iri(OCHA)),
            (STATEMENTS, server.iri(SEED_REPORTER)), (EVENTS, server.iri(IDLEB))]
    built = {key: summaries.lookup(folder, *key) if key[0] in (PLACE, AGENT) else summaries.lookup_listing(folder, *key) for key in keys}
    assert built[PLACE, server.iri(IDLEB)] is not None and built[PLACE, server.iri(IDLEB)].total > 0
    before = server.http.get(f"/doc/{IDLEB}", headers={"Accept": "text/html"})  # its panels kept until the store changes
    assert before.status_code == 200 and "more than 700 families" not in before.text
    for figure in (500, 700):  # a new article, then the same one replaced with its figure changed
        server.post(article(figure))
        assert summaries.lookup(folder, PLACE, server.iri(IDLEB)) is None  # the catalog no longer names the build
        store = open_store(server.settings, read_only=True)
        try:
            index = summaryindex.for_pages(folder, store, vocab)
            assert isinstance(index, summaryindex.Followed) and index.writes is not None
            for key in keys:
                assert _read(index, *key) == _live(store, vocab, *key), key  # right, read or counted again
            # Saraqeb's governorate and country, and OCHA, were counted again; ERC's figures are the build's.
            assert {server.iri(IDLEB), server.iri(SYRIA)} <= index.writes.places
            assert server.iri(OCHA) in index.writes.touched and server.iri(SEED_REPORTER) not in index.writes.touched
            assert _read(index, AGENT, server.iri(SEED_REPORTER)) == built[AGENT, server.iri(SEED_REPORTER)]
            idleb = index.figures(PLACE, server.iri(IDLEB))
            assert idleb is not None and idleb.total == built[PLACE, server.iri(IDLEB)].total + 1  # type: ignore[union-attr]
            assert index.words([(c.iri, c.area) for c in idleb.latest]) is None  # looked up live after a write
        finally:
            store.close()
    page = server.http.get(f"/doc/{IDLEB}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "more than 700 families" in page.text and not re.search(r"More than 500 families", page.text)


def test_after_a_build_the_index_is_the_builds_again(server: Server) -> None:
    server.post(article(500))
    build(server.settings)
    store = open_store(server.settings, read_only=True)
    try:
        index = summaryindex.for_pages(server.settings.dumps_dir, store, server.settings.vocab_uri)
        assert not isinstance(index, summaryindex.Followed) or not index.writes or not index.writes.touched
        idleb = index.figures(PLACE, server.iri(IDLEB))
        assert idleb == panels.count_live(store, server.settings.vocab_uri, PLACE, server.iri(IDLEB))
    finally:
        store.close()


def test_after_writes_every_count_is_the_index_with_the_writes_figures_moved(server: Server) -> None:
    """The touched hubs' figures are the build's with the written figures taken out and put in (not counted again),
    and every place and agent the store counts reads the same as a live count."""
    folder, vocab = server.settings.dumps_dir, server.settings.vocab_uri
    for figure in (500, 700):  # a new article, then the same one replaced with its figure changed
        server.post(article(figure, STATED))
    store = open_store(server.settings, read_only=True)
    try:
        index = summaryindex.for_pages(folder, store, vocab)
        assert isinstance(index, summaryindex.Followed) and index.writes is not None
        every = summaries.compute(store, vocab)
        assert (PLACE, server.iri(SYRIA)) in every and (AGENT, server.iri(OCHA)) in every
        for kind, entity in every:
            assert index.figures(kind, entity) == panels.count_live(store, vocab, kind, entity), (kind, entity)
        listings = summaries.compute_listings(store, vocab)
        for kind, entity in listings:
            live = (eventpanel.listed_events if kind == EVENTS else panels.listed_statements)(store, vocab, entity)
            assert index.listing(kind, entity) == live, (kind, entity)
        said = index.writes.looked.get("said")  # the statements were moved, not listed again
        assert said is not None and said.new and set(said.new) <= index.writes.touched
        assert not [key for key in index.writes.listed if key[0] == STATEMENTS]  # (what is listed live is kept there)
        for speaker in {author for authors, _ in said.new.values() for author in authors}:
            built = summaries.lookup_listing(folder, STATEMENTS, speaker, follow=True)
            assert built is not None
            assert summaryindex._stated(folder, built, said, speaker) == listings[STATEMENTS, speaker], speaker
        moved = index.writes.looked.get("moved")
        assert moved is not None and moved.events_old is not None  # the figures and events were moved, not taken again
        built = summaries.lookup(folder, PLACE, server.iri(SYRIA), follow=True)
        assert built is not None
        assert summaryindex._updated(built, moved, PLACE, server.iri(SYRIA)) == every[PLACE, server.iri(SYRIA)]
        listed = summaries.lookup_listing(folder, EVENTS, server.iri(SYRIA), follow=True)
        assert listed is not None and listed.total > 0
        assert summaryindex._listed(folder, listed, moved, server.iri(SYRIA)) == eventpanel.listed_events(store, vocab, server.iri(SYRIA))
    finally:
        store.close()


def test_a_latest_figure_taken_out_with_none_to_follow_is_counted_again() -> None:
    """When a figure taken out was among the latest and nothing put in fills its place, the next one is not in
    the index: the update says so (None) and the page counts live."""
    area = "http://example.org/id/place/a"
    latest = [summaries.Counted(f"http://example.org/o{i:02}", area, f"2020-01-{i + 1:02}", 10, "u") for i in range(summaries.LATEST)]
    built = summaries.Summary(40, [("2020-01", "u", 40, 400)], list(reversed(latest)))
    gone = summaries.Figure((area,), (), "2020-01-25", 10, "u")
    moved = summaryindex._Moved({latest[-1].iri: gone}, {}, None, {}, {}, {})
    assert summaryindex._updated(built, moved, PLACE, area) is None
    later = summaries.Figure((area,), (), "2020-02-01", 12, "u")  # the same figure, reported later: it fills its place
    moved = summaryindex._Moved({latest[-1].iri: gone}, {latest[-1].iri: later}, None, {}, {}, {})
    updated = summaryindex._updated(built, moved, PLACE, area)
    assert updated is not None and updated.total == 40 and updated.latest[0].reported == "2020-02-01"
    assert updated.timeline == [("2020-01", "u", 39, 390), ("2020-02", "u", 1, 12)]
