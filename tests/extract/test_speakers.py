"""Who said it (issue 8, point 4): sentences written for the test."""

from __future__ import annotations

from typing import Any

from lod.articles import parse_article
from lod.extract import extract, to_record_json
from lod.reconcile import Reconciler


def record(body: str, reconciler: Reconciler) -> dict[str, Any]:
    article = parse_article("Title: Test\nSource URL: https://example.org/a\nPublisher: Example News\n"
                            f"Published: 2021-05-14\n\n{body}")
    return to_record_json(article, extract(article, reconciler))


def test_a_one_word_name_after_a_quote_speaks(reconciler: Reconciler) -> None:
    got = record("It was “like a nightmare”, Karim recalls.\n\n“We left with nothing,” said Mona.\n\n"
                 "“The roads were full,” she said.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Karim", "recalls"), ("Mona", "said"),
                                                                       ("Mona", "said")]
    assert {p["name"] for p in got["people"]} == {"Karim", "Mona"}


def test_a_capital_that_opens_a_sentence_is_not_a_speaker(reconciler: Reconciler) -> None:
    got = record("Officials said the road was closed.", reconciler)
    assert got["people"] == []


def test_a_surname_is_not_a_second_person(reconciler: Reconciler) -> None:
    got = record("Aid chief Mark Lowden said the camps were full.\n\n“We need access,” Lowden said.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Mark Lowden"]
    assert [s["speaker"] for s in got["statements"]] == ["Mark Lowden", "Mark Lowden"]
