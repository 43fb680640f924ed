"""Rules met on real pages read blind in the twenty-first session (sets I and K, scored before any rule was written
from them), each written again on an invented sentence."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


def _by_figure(got: dict) -> dict[int, dict]:
    return {o["figure"]: o for o in got["displacement"]}


# a running total told after the flow it adds to, its subject "This": a flow of its own period
@pytest.mark.parametrize(("second", "total", "period"), [
    ("This brings the total new and secondary displacements in Qarazan to about 90,000 between 1 May and 26 June.",
     90000, ("2021-05-01", "2021-06-26")),
    ("This brings the total since 1 May to 90,000.", 90000, ("2021-05-01", "2021-06-28")),
    ("It takes the number of people who have fled since April to 90,000.", 90000, ("2021-04-01", "2021-06-28")),
])
def test_this_brings_the_total(reconciler: Reconciler, second: str, total: int, period: tuple[str, str]) -> None:
    got = record("Some 12,000 people fled Qarazan between 5 and 22 June, the agency said. " + second, reconciler,
                 published="2021-06-28")
    found = _by_figure(got)
    assert set(found) == {12000, total}
    assert (found[total]["period_start"], found[total]["period_end"]) == period


def test_this_brings_the_number_of_refugees_hosted_is_a_stock(reconciler: Reconciler) -> None:
    got = record("Some 12,000 people fled Qarazan between 5 and 22 June, the agency said. This brings the number of "
                 "refugees in Westland to 1.1 million.", reconciler, published="2021-06-28")
    assert set(_by_figure(got)) == {12000}


# a briefing's source cited in brackets at the end: the reporter, and the latest day cited is the day it reported
# (not the figure's period, and the figure's own day is no reporting day)
@pytest.mark.parametrize(("sentence", "reporter", "reported", "period"), [
    ("As many as 14,000 people were newly displaced in and from Qarazan between 5 and 22 June due to heavy fighting "
     "(OCHA, 26 June 2021; OCHA, 10 June 2021).", "OCHA", "2021-06-26", ("2021-06-05", "2021-06-22")),
    ("Some 2,000 people fled Qarazan on 20 June (OCHA, 21 June 2021).", "OCHA", "2021-06-21",
     ("2021-06-20", "2021-06-20")),
    ("Some 3,000 people fled Qarazan on 20 June (Source: UNHCR).", "UNHCR", None, ("2021-06-20", "2021-06-20")),
])
def test_a_source_cited_in_brackets(reconciler: Reconciler, sentence: str, reporter: str, reported: str | None,
                                    period: tuple[str, str]) -> None:
    (found,) = record(sentence, reconciler, published="2021-06-28")["displacement"]
    assert (found["reported_by"], found["reported_on"]) == (reporter, reported)
    assert (found["period_start"], found["period_end"]) == period


# semicolons part a summary line into counts of their own: a count's places are not another count's
def test_places_of_another_counts_clause_are_not_the_figures(reconciler: Reconciler) -> None:
    got = record("As many as 14,000 new conflict displacements in Saraqib between 5 and 22 June; as many as 43,000 "
                 "returns from Lebanon and Jordan between January and May.", reconciler, published="2021-06-28")
    assert [(o["figure"], o["places"]) for o in got["displacement"]] == [(14000, ["Saraqib"])]


def test_places_of_a_clause_without_a_count_stay(reconciler: Reconciler) -> None:
    got = record("More than 500 Syrians arrived in Kilis on Tuesday alone; they were sent to a camp in Reyhanli.",
                 reconciler, published="2021-06-28")
    assert [(o["figure"], o["places"]) for o in got["displacement"]] == [(500, ["Kilis", "Reyhanli"])]
