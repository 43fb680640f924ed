"""Who said it (issue 8, point 4): sentences written for the test."""

from __future__ import annotations

from lod.reconcile import Reconciler

from ._records import record


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
