"""The build's index of what each place's and agent's page counts (lod.publish.summaries): the same as counting live,
and set aside as soon as the store changes after the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lod.publish import dumps as publish, summaries
from lod.publish.summaries import AGENT, EVENTS, PLACE, STATEMENTS, Counted, Listing, Summary
from lod.settings import Settings
from lod.store import open_store
from lod.web.eventpanel import listed_events
from lod.web.panels import count_live, listed_statements


def _index(folder: Path) -> dict[tuple[str, str], Summary]:
    import sqlite3

    with sqlite3.connect(folder / summaries.FILE) as db:
        keys = db.execute("SELECT kind, entity FROM summary").fetchall()
    found = {(kind, entity): summaries.lookup(folder, kind, entity) for kind, entity in keys}
    return {key: value for key, value in found.items() if value is not None}


def test_the_index_counts_what_pages_count_live(corpus_settings: Settings) -> None:
    index = _index(corpus_settings.dumps_dir)
    store = open_store(corpus_settings, read_only=True)
    try:
        vocab = str(corpus_settings.vocab_uri)
        assert {kind for kind, _ in index} == {PLACE, AGENT}
        assert max(s.total for s in index.values()) >= summaries.LATEST  # the country: a full list
        for (kind, entity), summary in index.items():
            assert summary == count_live(store, vocab, kind, entity), (kind, entity)
        # Places no figure counts for are not in the index, and count nothing live either.
        quiet = [r["p"] for r in store.query(  # type: ignore[union-attr]
            "SELECT ?p WHERE { ?p <https://schema.org/containedInPlace> ?up } ORDER BY ?p LIMIT 400").values()]
        quiet = [p for p in quiet if (PLACE, p) not in index][:20]
        assert len(quiet) == 20
        for place in quiet:
            assert summaries.lookup(corpus_settings.dumps_dir, PLACE, place) == Summary(0, [], [])
            assert count_live(store, vocab, PLACE, place) == Summary(0, [], [])
    finally:
        store.close()


def test_the_index_keeps_the_words_of_every_latest_figure_as_pages_find_them_live(corpus_settings: Settings) -> None:
    index = _index(corpus_settings.dumps_dir)
    pairs = sorted({(c.iri, c.area) for summary in index.values() for c in summary.latest})
    assert len(pairs) > summaries.LATEST
    kept = summaries.Index(corpus_settings.dumps_dir).words(pairs)
    assert kept is not None and set(kept) == set(pairs)
    store = open_store(corpus_settings, read_only=True)
    try:
        live = summaries.words(store, str(corpus_settings.vocab_uri), pairs)
    finally:
        store.close()
    assert kept == live
    assert all(row["figure"] and row.get("reporterName") and row.get("sentence") for row in kept.values())


def _listings(folder: Path) -> dict[tuple[str, str], Listing]:
    import sqlite3

    with sqlite3.connect(folder / summaries.FILE) as db:
        keys = db.execute("SELECT kind, entity FROM listing").fetchall()
    found = {(kind, entity): summaries.lookup_listing(folder, kind, entity) for kind, entity in keys}
    return {key: value for key, value in found.items() if value is not None}


@pytest.mark.parametrize("built", ["corpus_settings", "events_settings"])
def test_the_index_lists_the_statements_and_events_pages_find_live(built: str, request: pytest.FixtureRequest) -> None:
    settings: Settings = request.getfixturevalue(built)
    listings = _listings(settings.dumps_dir)
    assert {kind for kind, _ in listings} == {STATEMENTS, EVENTS}
    assert max(found.total for found in listings.values()) > 1
    store = open_store(settings, read_only=True)
    try:
        vocab = str(settings.vocab_uri)
        for (kind, entity), found in listings.items():
            live = listed_statements(store, vocab, entity) if kind == STATEMENTS else listed_events(store, vocab, entity)
            assert found == live, (kind, entity)
        assert summaries.lookup_listing(settings.dumps_dir, EVENTS, "http://example.org/nowhere") == Listing(0, [])
    finally:
        store.close()


@pytest.fixture
def events_settings(events_build: object) -> Settings:
    return events_build.settings  # type: ignore[attr-defined,no-any-return]


def test_latest_first_undated_last_each_pair_once() -> None:
    items = [
        Counted("o2", "a", "2020-01-05", 5, "u"),
        Counted("o1", "b", None, 1, "u"),
        Counted("o1", "a", "2021-03-01", 1, "u"),
        Counted("o3", "a", "2020-01-05", 7, "v"),
        Counted("o1", "a", "2021-03-01", 1, "u"),
    ]
    assert [(c.iri, c.area) for c in summaries.ordered(items)] == [("o1", "a"), ("o2", "a"), ("o3", "a"), ("o1", "b")]
    # Each observation once per month and unit, however many areas it counts in; undated ones not at all.
    assert summaries.tally(summaries.ordered(items)) == [("2020-01", "u", 1, 5), ("2020-01", "v", 1, 7), ("2021-03", "u", 1, 1)]
    assert summaries.summarize(items).total == 3


def test_a_listing_keeps_the_latest_and_counts_all() -> None:
    dated: dict[str, str | None] = {f"s{i:03}": f"2020-01-{1 + i % 28:02}" for i in range(60)} | {"undated": None}
    found = summaries.listing(dated)
    assert found.total == 61 and len(found.latest) == summaries.LISTED
    assert found.latest[0] == "s027" and "undated" not in found.latest
    assert [dated[i] for i in found.latest] == sorted((dated[i] for i in found.latest), reverse=True)


@pytest.fixture
def dumps(built_settings: Settings, tmp_path: Path) -> Path:
    """A copy of the built seed's dumps folder (catalog and index), to change."""
    folder = tmp_path / "dumps"
    folder.mkdir()
    for name in (publish.CATALOG_FILE, publish.DESCRIPTION_FILE, summaries.FILE):
        shutil.copy(built_settings.dumps_dir / name, folder / name)
    return folder


def _reporters(folder: Path) -> list[str]:
    return [entity for kind, entity in _index(folder) if kind == AGENT]


def test_an_ingest_sets_the_index_aside(dumps: Path) -> None:
    reporters = _reporters(dumps)
    assert reporters and summaries.lookup(dumps, AGENT, reporters[0]) is not None
    publish.mark_changed(dumps)  # what lod ingest and POST /articles do after writing
    assert summaries.lookup(dumps, AGENT, reporters[0]) is None


def test_an_index_of_another_build_is_not_read(dumps: Path, built_settings: Settings) -> None:
    store = open_store(built_settings, read_only=True)
    try:
        summaries.save(store, dumps, str(built_settings.vocab_uri), "another build")
    finally:
        store.close()
    assert publish.dumps_build(dumps)
    assert summaries.lookup(dumps, AGENT, "http://example.org/anyone") is None


def test_an_index_keeping_another_number_of_figures_is_not_read(dumps: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reporter = _reporters(dumps)[0]
    monkeypatch.setattr(summaries, "LATEST", summaries.LATEST + 1)  # as a newer lod would list
    assert summaries.lookup(dumps, AGENT, reporter) is None
