"""Search over the real build of the seed: spellings and scripts land on the right thing, best first."""

from __future__ import annotations

import pytest

from lod.places.search import SearchIndex
from lod.settings import Settings
from _engines import reader


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
