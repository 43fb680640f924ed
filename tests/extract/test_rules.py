"""Unit tests of the extraction rules, on sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from lod.extract import extract, to_record_json
from lod.extract.dates import close_period, find_dates
from lod.extract.numbers import find_numbers
from lod.extract.observations import find_figures
from lod.extract.sentences import split_sentences
from lod.model.articles import parse_article
from lod.places.reconcile import Reconciler


def article(body: str, published: str = "2020-03-06", publisher: str = "Example News") -> object:
    return parse_article(f"Title: Test\nSource URL: https://example.org/a\nPublisher: {publisher}\n"
                         f"Published: {published}\n\n{body}")


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("well over 12,400 people", 12400, "more_than"),
    ("no fewer than 3,000 families", 3000, "at_least"),
    ("an estimated 75,000 residents", 75000, "about"),
    ("up to half a million people", 500000, "up_to"),
    ("one million civilians", 1000000, "exact"),
    ("nearly 2.5 million Syrians", 2500000, "about"),
    ("some forty thousand people", 40000, "about"),
])
def test_numbers_value_and_qualifier(text: str, value: int, qualifier: str) -> None:
    number = find_numbers(text)[0]
    assert (number.value, number.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["thousands of people", "tens of thousands fled", "hundreds of thousands"])
def test_numbers_vague_amounts_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("About 9,000 people fled Atarib over the weekend.", [(9000, "people")]),
    ("The shelling has displaced 1,250 households from Sarmin.", [(1250, "households")]),
    ("Over 700 families, comprising 4,100 individuals, left their homes.", [(700, "families"), (4100, "individuals")]),
    ("The number of people who fled the area has reached 31,000.", [(31000, "people")]),
    ("The strikes killed 14 civilians and wounded 30 more.", []),
    ("Some 80,000 people live in the camps near Atmeh.", []),
    ("The region hosts more than 2 million displaced people.", []),
    ("A new push could force 200,000 people out of their homes.", []),
    ("The agency sent 45 trucks carrying food to 12,000 people.", []),
    ("Donors pledged $60 million for 300,000 people in need.", []),
    ("At least 6,000 fled, while 40 were killed.", [(6000, "people")]),
])
def test_figures_flows_and_distractors(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert [(f.number.value, f.unit) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize(("text", "anchor", "reported", "period"), [
    ("in the past 48 hours", date(2020, 3, 6), date(2020, 3, 5), (date(2020, 3, 3), date(2020, 3, 5))),
    ("since the start of February", date(2020, 3, 6), date(2020, 3, 4), (date(2020, 2, 1), date(2020, 3, 4))),
    ("since January 15", date(2020, 3, 6), date(2020, 3, 6), (date(2020, 1, 15), date(2020, 3, 6))),
    ("between March and June this year", date(2020, 9, 1), None, (date(2020, 3, 1), date(2020, 6, 30))),
    ("last week", date(2020, 3, 6), None, (date(2020, 2, 24), date(2020, 3, 1))),
    ("over the past three weeks", date(2020, 3, 6), date(2020, 3, 6), (date(2020, 2, 14), date(2020, 3, 6))),
])
def test_dates_periods(text: str, anchor: date, reported: date | None, period: tuple[date, date]) -> None:
    assert close_period(find_dates(text, anchor)[0], reported) == period


def test_dates_weekday_on_or_before_publication() -> None:
    (expression,) = find_dates("the agency said on Tuesday", date(2020, 3, 6))  # a Friday
    assert expression.start == date(2020, 3, 3)


def test_sentences_keep_a_two_sentence_quote_whole() -> None:
    body = 'Fighting went on. "We left at night. Nobody stayed," the farmer said. Dr. Amin agreed.'
    assert [s.text for s in split_sentences(body)] == [
        "Fighting went on.", '"We left at night. Nobody stayed," the farmer said.', "Dr. Amin agreed."]


def test_report_abbreviations_end_no_sentence() -> None:
    body = "Some 5,000 people fled, incl. 2,000 children. Others stayed in Mt. Hermon villages. Most left."
    assert [s.text for s in split_sentences(body)] == [
        "Some 5,000 people fled, incl. 2,000 children.", "Others stayed in Mt. Hermon villages.", "Most left."]


def test_extract_reporter_period_and_continuation(reconciler: Reconciler) -> None:
    body = ("The Response Coordinators Group said on Wednesday that more than 3,300 families fled Saraqeb "
            "in the past three days. The group on Monday said that around 20,000 people have left Ariha "
            "since February 1. It urged donors to send tents.")
    record = to_record_json(article(body), extract(article(body), reconciler))
    first, second = record["displacement"]
    assert (first["figure"], first["qualifier"], first["unit"]) == (3300, "more_than", "families")
    assert (first["period_start"], first["period_end"], first["reported_on"]) == ("2020-03-01", "2020-03-04", "2020-03-04")
    assert first["place_refs"] == ["geonames:164816"]
    assert (second["period_start"], second["period_end"]) == ("2020-02-01", "2020-03-02")
    assert first["reporter_ref"] == second["reporter_ref"] == "erc-team-northern-syria"
    assert [s["verb"] for s in record["statements"]] == ["said", "said", "urged"]
    assert record["statements"][2]["type"] == "appeal"


def test_extract_person_post_and_surname(reconciler: Reconciler) -> None:
    body = ("Head of the Syrian Interim Government, Salem Karimi, denounced the shelling of Atarib. "
            "Karimi stressed that the town was empty. He added that aid was needed.")
    extraction = extract(article(body), reconciler)
    (person,) = extraction.people
    assert (person.name, person.role, person.org and person.org.ref) == ("Salem Karimi", "Head", "syrian-interim-government")
    assert [(s.speaker, s.type) for s in extraction.statements] == [
        ("Salem Karimi", "condemnation"), ("Salem Karimi", "assessment"), ("Salem Karimi", "assessment")]


def test_extract_nothing_to_find(reconciler: Reconciler) -> None:
    extraction = extract(article("The weather was mild and the market reopened."), reconciler)
    assert extraction.observations == [] and extraction.statements == []


def test_extract_one_megabyte_of_text(reconciler: Reconciler) -> None:
    paragraph = "Residents said 1,200 people fled Sarmin in the past two days as shelling went on. " * 10 + "\n\n"
    body = paragraph * (1_000_000 // len(paragraph))
    extraction = extract(article(body), reconciler)
    assert len(extraction.observations) == 1  # the same figure restated is one observation


def test_extract_odd_characters(reconciler: Reconciler) -> None:
    body = "\u200b\ufeffZero\u00a0width 5\u202f000 people \U0001F600 fled Idleb\u2026 \x00 ok."
    extract(article(body), reconciler)  # no crash
