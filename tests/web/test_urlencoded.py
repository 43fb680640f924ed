"""URL-encoded text is read into the same pairs as ``urllib.parse.parse_qsl`` reads, whatever the text."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lod.web.describe import describe_query
from lod.web.urlencoded import pairs

# Pieces that make the cases where quoted-printable and percent-escapes part ways: lone and short escapes, "="
# in names and values, line breaks (soft breaks), escapes of bytes that are not UTF-8, text outside ASCII.
PIECES = ["%", "%2", "%41", "%e2%82%ac", "%ff", "%C3", "%3D", "%26", "%2B", "%0A", "%%41", "=", "==", "&", "+",
          "a", "F", "9", "g", " ", "\n", "\r\n", "=\n", "_", ";", "é", "€"]


def _parsed(text: str, errors: str) -> list[tuple[str, str]] | str:
    try:
        return parse_qsl(text, keep_blank_values=True, errors=errors)
    except UnicodeDecodeError:
        return "not UTF-8"


def _ours(text: str, errors: str) -> list[tuple[str, str]] | str:
    try:
        return pairs(text, errors)
    except UnicodeDecodeError:
        return "not UTF-8"


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join), st.sampled_from(["replace", "strict"]))
def test_pairs_are_what_parse_qsl_reads(text: str, errors: str) -> None:
    assert _ours(text, errors) == _parsed(text, errors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("query=ASK%20%7B%7D&format=", [("query", "ASK {}"), ("format", "")]),
        ("a=%41%2", [("a", "A%2")]),  # a short escape is kept as it is
        ("a=100%&b=%3d%3D", [("a", "100%"), ("b", "==")]),
        ("a=%ff", [("a", "\ufffd")]),
        ("&&x&y=1=2", [("x", ""), ("y", "1=2")]),
    ],
)
def test_pairs_of_known_texts(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected == parse_qsl(text, keep_blank_values=True)


def test_an_entity_query_reads_back_whole() -> None:
    query = describe_query("http://127.0.0.1:8000/id/place/aleppo")
    assert pairs("query=" + quote(query, safe="") + "&format=ttl") == [("query", query), ("format", "ttl")]


def test_escapes_that_are_not_utf8_raise_when_strict() -> None:
    with pytest.raises(UnicodeDecodeError):
        pairs("query=%C3%28", errors="strict")
