"""Search over the real build of the seed: spellings and scripts land on the right thing, best first."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from lod.places.search import SearchIndex
from lod.settings import Settings
from lod.store import changes
from _engines import filled, reader
from conftest import make_settings  # tests/conftest.py
from web.test_browse import _quads, _writes  # a store of every kind of thing, and writes of one graph to it


@pytest.fixture(scope="module")
def index(built_settings: Settings) -> SearchIndex:
    return SearchIndex.build(reader(built_settings), built_settings.vocab_uri)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Maarat al-Numan", "id/place/geonames/167611"),  # the town the article's figures are about
        ("maaret al numan", "id/place/geonames/167611"),
        ("معرة النعمان", "id/place/geonames/167611"),
        ("Idleb", "id/place/pcode/SY07"),  # the governorate before its district of the same name
        ("Idlib", "id/place/geonames/169389"),  # the city is spelled so; the governorate is "Idleb"
        ("Syrian National Coalition", "id/org/snc"),  # an alias
        ("Abdelbaset", "id/person/"),
    ],
)
def test_the_first_hit_is_the_right_thing(index: SearchIndex, built_settings: Settings, query: str, expected: str) -> None:
    hits = index.search(query)
    assert hits, query
    assert hits[0].iri.startswith(built_settings.base_uri + expected), (query, hits[:3])


def test_kind_filter_and_levels(index: SearchIndex) -> None:
    places = index.search("Idleb", kind="place")
    assert places and all(h.kind == "place" for h in places)
    assert places[0].detail == "governorate"
    assert {h.detail for h in places} >= {"governorate", "district"}
    assert index.search("Idleb", kind="person") == []


def test_prefix_and_nothing(index: SearchIndex) -> None:
    assert index.search("Idl")[0].label == "Idleb"
    assert index.search("") == [] and index.search("  ,, ") == []
    assert index.search("Zzyzx Qwerty") == []
    index.search("\"unbalanced AND (")  # FTS5 syntax in the words is taken as words, never an error


def test_after_each_write_the_updated_index_is_the_one_built_from_the_whole_store(tmp_path: Path) -> None:
    """Writes of one graph (a replaced article with a new place, person and reporter, a new article, an emptied
    one, one that held copies of a place and a group): the index updated from the IRIs each touched holds the
    same names and things, with the same kinds, labels, levels and uses, as one built again."""
    settings = make_settings(tmp_path)
    settings, store = filled(settings, _quads(settings.vocab_uri).encode(), ox.RdfFormat.N_QUADS)
    vocab = settings.vocab_uri
    index = SearchIndex.build(store, vocab)
    for write in _writes(vocab):
        (graph_name, graph), = write.items()
        touched = changes.touched(store, graph_name, graph)
        store.replace_graphs(write)
        assert index.update(store, vocab, touched)
        assert index.rows() == SearchIndex.build(store, vocab).rows(), graph_name
    assert [h.iri for h in index.search("place 3")] == [h.iri for h in SearchIndex.build(store, vocab).search("place 3")]
    store.close()


def test_an_index_holding_a_thing_without_an_iri_is_not_updated(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    nquads = b'_:b <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Place> <http://example.org/graph/a> .\n' \
             b'_:b <https://schema.org/name> "Nowhere" <http://example.org/graph/a> .\n'
    settings, store = filled(settings, nquads, ox.RdfFormat.N_QUADS)
    index = SearchIndex.build(store, settings.vocab_uri)
    assert [h.label for h in index.search("nowhere")] == ["Nowhere"]
    assert not index.update(store, settings.vocab_uri, ["http://example.org/id/place/x"])  # its rows cannot be named
    store.close()
