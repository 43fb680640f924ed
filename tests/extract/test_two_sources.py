"""Two sources for one flight, and the forms probed on real wire copy of 2012-2018 that the rules missed (session 17):
a second body's figure in the same sentence, a figure "reported by" a body, another body's count in the next
sentence, "the day before" a day said, "since X began in mid-June", the English "as" after a place name, and a
population "which had" so many residents. Every sentence is written for the test, with invented towns and bodies."""

from __future__ import annotations

from typing import Any

import pytest

from lod.places.reconcile import Reconciler

from ._records import record

PUBLISHED = "2018-06-27"  # a Wednesday


def _flows(body: str, reconciler: Reconciler) -> list[tuple[Any, ...]]:
    got = record(body, reconciler, published=PUBLISHED)
    return [(o["figure"], o["period_start"], o["period_end"], o["reported_by"]) for o in got["displacement"]]


@pytest.mark.parametrize(("body", "flows"), [
    # a second body in the sentence gives its own figure, and each figure only the dates on its side of that body
    ("The Qarazan Rights Network said about 17,000 people have been displaced since last week, but the opposition-run "
     "Minar Council said at least 75,000 had fled the province.",
     [(17000, "2018-06-18", "2018-06-27", "Qarazan Rights Network"), (75000, None, None, "Minar Council")]),
    ("The Qarazan Rights Network said about 17,000 people have been displaced, while the Minar Council said at least "
     "75,000 had fled since Monday.",
     [(17000, None, None, "Qarazan Rights Network"), (75000, "2018-06-25", "2018-06-27", "Minar Council")]),
    # another body's count in the next sentence takes no period from the first
    ("The Minar Relief Agency said 12,000 people have left Qarazan since Monday.\n\n"
     "The Qarazan Rights Network said as many as 20,000 people have abandoned their homes.",
     [(12000, "2018-06-25", "2018-06-27", "Minar Relief Agency"), (20000, None, None, "Qarazan Rights Network")]),
])
def test_each_source_gives_its_own_figure_and_dates(reconciler: Reconciler, body: str, flows: list[tuple[Any, ...]]) -> None:
    assert _flows(body, reconciler) == flows


def test_a_list_of_one_source_is_not_split(reconciler: Reconciler) -> None:
    body = "The Qarazan Rights Network said 5,000 people fled on Monday and 2,000 on Tuesday, and that the roads were closed."
    assert [by for *_, by in _flows(body, reconciler)] == ["Qarazan Rights Network", "Qarazan Rights Network"]


@pytest.mark.parametrize("body", [
    "In Qarazan, in excess of 104,000 people are reported by the Minar Relief Agency to have been displaced.",
    "Some 104,000 people were counted by the Minar Relief Agency as displaced from Qarazan.",
])
def test_a_figure_reported_by_a_body(reconciler: Reconciler, body: str) -> None:
    assert [by for *_, by in _flows(body, reconciler)] == ["Minar Relief Agency"]


@pytest.mark.parametrize("body", [
    "A Minar Relief Agency report on Thursday estimated that 390,000 people have fled the region.",
    "A new Minar Relief Agency update released on Monday said 390,000 people had fled.",
])
def test_a_bodys_report_on_a_day_speaks_for_it(reconciler: Reconciler, body: str) -> None:
    assert [by for *_, by in _flows(body, reconciler)] == ["Minar Relief Agency"]


def test_a_bodys_officer_after_the_verb_speaks_for_it(reconciler: Reconciler) -> None:
    body = "Some 600 families arrived, said Lisa Qarazi, the Minar Relief Agency’s information officer in the North Valley."
    assert [by for *_, by in _flows(body, reconciler)] == ["Minar Relief Agency"]


@pytest.mark.parametrize("body", [
    "Up to 40,000 people fled towns in the north, a Minar Relief Agency spokesman has said.",
    "Up to 40,000 people fled towns in the north, the Minar Relief Agency spokesman said.",
    "Up to 40,000 people fled towns in the north, the outlet cited the Minar Relief Agency as saying on Tuesday.",
])
def test_a_post_or_a_citation_gives_the_body(reconciler: Reconciler, body: str) -> None:
    assert [by for *_, by in _flows(body, reconciler)] == ["Minar Relief Agency"]


def test_a_post_of_an_abbreviated_body_in_apposition(reconciler: Reconciler) -> None:
    body = ("The number of people leaving has risen in recent weeks, Sami Qarazi, the U.N. relief agency's representative "
            "in Minar, told reporters.\n\nFighting since late last year has displaced more than 240,000 people in the "
            "province, Qarazi said.")
    assert [by for *_, by in _flows(body, reconciler)] == ["U.N. relief agency"]


def test_the_day_a_launch_was_told_is_no_start_of_it(reconciler: Reconciler) -> None:
    body = ("Thousands fled the town after the offensive was launched, residents said on Monday.\n\n"
            "Over 6,000 people have fled the area since the beginning of the offensive.")
    assert [(start, end) for _, start, end, _ in _flows(body, reconciler)] == [(None, None)]


def test_a_post_of_a_body_that_belongs_to_another(reconciler: Reconciler) -> None:
    body = ("Sami Qarazi, the vice president of the opposition’s Minar Provincial Council, told reporters that some "
            "120,000 residents had fled their homes.")
    assert [by for *_, by in _flows(body, reconciler)] == ["Minar Provincial Council"]


def test_a_news_agency_described_before_its_name_reports(reconciler: Reconciler) -> None:
    body = "The state-run Qarazan news agency reported that 747 refugees crossed into Minar."
    assert [by for *_, by in _flows(body, reconciler)] == ["Qarazan"]


def test_a_body_named_later_replaces_a_monitor(reconciler: Reconciler) -> None:
    body = ("At least 13,000 civilians have fled the town of Qarazan since the offensive began, a monitor said Monday.\n\n"
            "\"At least 13,000 civilians have fled Qarazan since the operation began on May 31,\" said Sami Qarazi, head of "
            "the Syrian Observatory for Human Rights monitoring group.")
    assert [by for *_, by in _flows(body, reconciler)] == ["Syrian Observatory for Human Rights"]


@pytest.mark.parametrize("body", [
    "An attack on the northeastern Syrian city of Qarazan displaced 60,000 people.",
    "Some 60,000 people fled the Kurdish city of Qarazan.",
])
def test_a_demonym_before_a_place_noun_names_no_place(reconciler: Reconciler, body: str) -> None:
    got = record(body, reconciler, published=PUBLISHED)
    assert got["places"] == ["Qarazan"]


@pytest.mark.parametrize(("body", "by"), [
    ("Minar Relief Agency officials say about 21,000 people arrived in the past week.", "Minar Relief Agency"),
    ("Minar Relief Agency staff said about 5,000 people arrived on Monday.", "Minar Relief Agency"),
    ("Local officials said about 5,000 people arrived on Monday.", None),
])
def test_a_bodys_officials_speak_for_it(reconciler: Reconciler, body: str, by: str | None) -> None:
    assert [got for *_, got in _flows(body, reconciler)] == [by]


def test_a_posts_own_of_is_no_body(reconciler: Reconciler) -> None:
    body = "Some 3,000 refugees crossed the border this week, MRA deputy chief of staff Sami Qarazi said."
    assert [by for *_, by in _flows(body, reconciler)] == ["MRA"]


def test_a_figure_reported_is_not_a_figure_reported_by(reconciler: Reconciler) -> None:
    assert [by for *_, by in _flows("In Qarazan, some 4,000 people are reported to have been displaced.",
                                    reconciler)] == [None]


def test_another_estimate_of_the_same_flight_keeps_its_period(reconciler: Reconciler) -> None:
    body = ("The Minar Relief Agency said 12,000 people have left Qarazan since Monday.\n\n"
            "The Qarazan Rights Network put the figure higher, saying 20,000 people had fled.")
    assert [(start, end) for _, start, end, _ in _flows(body, reconciler)] == [("2018-06-25", "2018-06-27")] * 2


def test_the_day_before_a_day_said_to_an_audience(reconciler: Reconciler) -> None:
    body = ("The envoy told the Minar Security Council on Friday that more than 40,000 people were able to flee "
            "Qarazan the day before.")
    assert [(start, end) for _, start, end, _ in _flows(body, reconciler)] == [("2018-06-21", "2018-06-21")]


@pytest.mark.parametrize(("body", "period"), [
    # (a month's middle is its 15th, as the blind annotations of sets EB, EV and EX read it)
    ("At least 45,000 civilians have fled their homes since a campaign against the rebels began in mid-June, the "
     "Minar Relief Agency estimated on Tuesday.", ("2018-06-15", "2018-06-26")),
    ("At least 45,000 civilians have fled their homes since the offensive began in early May.", ("2018-05-01", "2018-06-27")),
    # not a month of an event that is no start
    ("At least 45,000 civilians fled in mid-June.", ("2018-06-01", "2018-06-30")),
])
def test_since_an_event_began_in_part_of_a_month(reconciler: Reconciler, body: str, period: tuple[str, str]) -> None:
    assert [(start, end) for _, start, end, _ in _flows(body, reconciler)] == [period]


@pytest.mark.parametrize(("body", "places"), [
    ("About 30,000 have left the northern town of Qarazan as Minaran forces stepped up a siege.", ["Qarazan"]),
    ("About 20,000 have left Ras Al Qarazan, Tell as-Minar and Maarat An Numar.",
     ["Ras Al Qarazan", "Tell as-Minar", "Maarat An Numar"]),
])
def test_the_english_as_after_a_place_is_not_an_arabic_article(reconciler: Reconciler, body: str,
                                                                 places: list[str]) -> None:
    got = record(body, reconciler, published=PUBLISHED)
    assert [o["places"] for o in got["displacement"]] == [places]


def test_a_population_which_had_residents_is_no_flight(reconciler: Reconciler) -> None:
    body = ("Some 12,000 people have left the enclave this week, with many others — in an area which had more than "
            "350,000 residents before the offensive — moved deeper into it.")
    assert [figure for figure, *_ in _flows(body, reconciler)] == [12000]


@pytest.mark.parametrize(("title", "body", "figures"), [
    # an armed group's return is no going home: people who crossed are counted
    ("Civilians Leave Qarazan after the Militants' Return", "More than 300 people crossed into Minar over the past few days.",
     [300]),
    ("Thousands return to Qarazan", "More than 300 people crossed into Qarazan over the past few days.", []),
    # in a story of return, people who left their homes fled
    ("Thousands return to Qarazan", "More than 300 people have left their homes in Minar over the past few days.", [300]),
])
def test_a_title_of_return_and_leaving(reconciler: Reconciler, title: str, body: str, figures: list[int]) -> None:
    got = record(body, reconciler, published=PUBLISHED, title=title)
    assert [o["figure"] for o in got["displacement"]] == figures
