"""Each way of writing a displacement figure and its period (tests/data/extraction/phrasings.yaml) through the whole
extractor: the examples give their figures and periods, the counter-examples give no figure (or leave the period
open). The sentences are ours, written for the test from the annotation conventions (issue 8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lod.extract import extract, to_record_json
from lod.model.articles import parse_article
from lod.places.reconcile import Reconciler

from ._records import record

PHRASINGS: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "extraction" / "phrasings.yaml").read_text(encoding="utf-8"))
PUBLISHED = "2016-06-15"

FIGURES = [(name, case["text"], [tuple(f) for f in case["figures"]]) for name, entry in PHRASINGS["figures"].items()
           for case in entry["examples"]] + \
          [(name, text, []) for name, entry in PHRASINGS["figures"].items() for text in entry["counter"]]
PERIODS = [(name, case["text"], [tuple(p) for p in case["periods"]]) for name, entry in PHRASINGS["periods"].items()
           for case in [*entry["examples"], *entry["counter"]]]


def test_every_category_has_an_example_and_a_counter_example() -> None:
    for kind in ("figures", "periods"):
        assert all(entry["examples"] and entry["counter"] for entry in PHRASINGS[kind].values())


@pytest.mark.parametrize(("category", "text", "expected"), FIGURES, ids=[f"{c}:{t[:50]}" for c, t, _ in FIGURES])
def test_figures(category: str, text: str, expected: list[tuple[int, str, str]], reconciler: Reconciler) -> None:
    got = record(text, reconciler, published=PUBLISHED)
    assert [(o["figure"], o["qualifier"], o["unit"]) for o in got["displacement"]] == expected


@pytest.mark.parametrize(("category", "text", "expected"), PERIODS, ids=[f"{c}:{t[:50]}" for c, t, _ in PERIODS])
def test_periods(category: str, text: str, expected: list[tuple[str | None, str | None]], reconciler: Reconciler) -> None:
    got = record(text, reconciler, published=PUBLISHED)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == expected


@pytest.mark.parametrize(("title", "expected"), [
    # a report's title gives the day it counts from (posted on 15 June)
    ("Flash Update No. 3, 10 June 2016", ("2016-06-03", "2016-06-10")),
    ("Situation Report No. 3 (as of 10 June 2016)", ("2016-06-03", "2016-06-10")),
    # not a title that names no report, nor a report's day more than two months before the page's
    ("Thousands flee the fighting of 10 June 2016", ("2016-06-08", "2016-06-15")),
    ("Flash Update No. 3, 10 March 2016", ("2016-06-08", "2016-06-15")),
])
def test_a_report_title_gives_the_day_it_counts_from(title: str, expected: tuple[str, str], reconciler: Reconciler) -> None:
    got = record("Some 5,000 people have fled in the past week.", reconciler, published=PUBLISHED, title=title)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("Thousands of refugees return home from the neighbouring country", []),
    ("Thousands flee as the army advances", [1300]),
    ("Displacement continues as the first returns reach the town", [1300]),
])
def test_an_article_about_going_home(title: str, expected: list[int], reconciler: Reconciler) -> None:
    """A movement with no word of flight, in an article whose headline is about going home, is a return."""
    got = record("More than 1,300 families crossed into the province from the neighbouring country since early July.",
                 reconciler, published=PUBLISHED, title=title)
    assert [o["figure"] for o in got["displacement"]] == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("The monitor recorded the flight of more civilians since today morning, the 18th of March 2016, after more than "
     "5,000 people fled during the past 72 hours.", [("2016-03-15", "2016-03-18")]),
    ("More than 5,000 people fled during the past 72 hours.", [(None, None)]),
])
def test_an_undated_page_that_says_which_day_is_today(body: str, expected: list[tuple[str | None, str | None]],
                                                      reconciler: Reconciler) -> None:
    article = parse_article(f"Title: Test\nSource URL: https://example.org/a\nPublisher: Example News\n\n{body}")
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == expected
