"""Periods told outside the figure's own clause, met on real pages read blind in the twenty-second session (set AY,
scored before any rule was written from it), each written again on an invented sentence."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


def _period(found: dict) -> tuple[str | None, str | None]:
    return found["period_start"], found["period_end"]


# an event's day with its consequence after it: the flight since that day, to the reporting date
@pytest.mark.parametrize(("sentence", "period"), [
    ("Hostilities east of Qarazan intensified on 25 May causing the displacement of more than 26,000 people.",
     ("2021-05-25", "2021-06-05")),
    ("Fighting east of Qarazan escalated on 25 May, triggering the flight of more than 26,000 people.",
     ("2021-05-25", "2021-06-05")),
    # (the day of the flight itself is that day only)
    ("More than 26,000 people fled Qarazan on 25 May as hostilities intensified.", ("2021-05-25", "2021-05-25")),
])
def test_an_event_day_causing_the_displacement(reconciler: Reconciler, sentence: str,
                                               period: tuple[str, str]) -> None:
    (found,) = record(sentence, reconciler, published="2021-06-05")["displacement"]
    assert _period(found) == period


# "in recent fighting" is no date: a total after a dated flow does not take that flow's day
@pytest.mark.parametrize(("second", "period"), [
    ("A total of almost 66,000 people were displaced in recent fighting.", (None, None)),
    ("A total of almost 66,000 people were displaced in the recent escalation.", (None, None)),
])
def test_recent_fighting_is_vague(reconciler: Reconciler, second: str, period: tuple[None, None]) -> None:
    got = record("Some 26,000 people fled Qarazan on 25 May. " + second, reconciler, published="2021-06-05")
    found = {o["figure"]: o for o in got["displacement"]}
    assert _period(found[26000]) == ("2021-05-25", "2021-05-25")
    assert _period(found[66000]) == period


# "have fled the hostilities" after a sentence that says when the offensive opened: since that day
@pytest.mark.parametrize(("second", "period"), [
    ("The agency estimates that 271,800 people have fled the hostilities thus far.", ("2021-05-16", "2021-06-05")),
    ("Some 271,800 people have been displaced by the offensive.", ("2021-05-16", "2021-06-05")),
    # (a flight from the war at large is not the offensive's)
    ("Some 271,800 people have been displaced by the war.", (None, None)),
    ("Some 271,800 people have fled the fighting, the agency said.", (None, None)),
])
def test_a_flight_from_the_offensive_opened_before(reconciler: Reconciler, second: str,
                                                   period: tuple[str | None, str | None]) -> None:
    got = record("On May 16, 2021, the army opened an offensive in Qarazan and Westland. " + second, reconciler,
                 published="2021-06-05")
    (found,) = got["displacement"]
    assert _period(found) == period


def test_a_flight_from_the_offensive_with_no_offensive_day_told(reconciler: Reconciler) -> None:
    (found,) = record("The agency estimates that 271,800 people have fled the hostilities thus far.", reconciler,
                      published="2021-06-05")["displacement"]
    assert _period(found) == (None, None)


# a round count of years before the reporting date is no day: the start stays open, the end is the reporting date
@pytest.mark.parametrize(("ago", "period"), [
    ("three years ago", (None, "2021-06-05")),
    ("a year ago", ("2020-06-05", "2021-06-05")),
    ("17 months ago", ("2020-01-01", "2021-06-05")),
])
def test_since_an_uprising_began_years_ago(reconciler: Reconciler, ago: str,
                                           period: tuple[str | None, str]) -> None:
    (found,) = record(f"Westland has taken in more than 847,000 refugees since the uprising began {ago}.", reconciler,
                      published="2021-06-05")["displacement"]
    assert _period(found) == period


# the next sentence points back at the flight ("this influx") and says since when: the figure's period
@pytest.mark.parametrize(("second", "period"), [
    ("Aid partners have been on the ground in Westland since last Friday to cope with this influx.",
     ("2021-06-04", "2021-06-08")),
    ("Aid partners have been on the ground in Westland since last Friday to cope with the influx of aid.",
     (None, None)),
    # (a range there is the partners' own, not the flight's)
    ("Aid partners worked between 1 and 3 June to cope with this influx.", (None, None)),
])
def test_a_since_day_told_of_this_influx(reconciler: Reconciler, second: str,
                                         period: tuple[str | None, str | None]) -> None:
    got = record("An estimated 6,000 people have fled their homes in Qarazan, making their way over the border. "
                 + second, reconciler, published="2021-06-08")
    (found,) = got["displacement"]
    assert _period(found) == period


# a breakdown after a dash, each part with its month: counts of their own, of those months
@pytest.mark.parametrize("dash", [" - ", " — ", ", "])
def test_a_breakdown_by_month_after_a_dash(reconciler: Reconciler, dash: str) -> None:
    got = record(f"The agency estimated that 390,000 people have been displaced in Qarazan over the past two months{dash}"
                 "315,000 in December and 75,000 in January.", reconciler, published="2021-01-31")
    assert {o["figure"]: _period(o) for o in got["displacement"]} == {
        390000: ("2020-11-30", "2021-01-31"), 315000: ("2020-12-01", "2020-12-31"), 75000: ("2021-01-01", "2021-01-31")}


# "The exodus ..." then a since date of another count in that sentence: not the flight's period (set BB)
@pytest.mark.parametrize(("second", "period"), [
    ("The exodus is a sign of the violence, which has killed more than 36,000 people since March 2011.", (None, None)),
    ("The exodus began on 1 June.", ("2021-06-01", "2021-06-08")),
])
def test_the_exodus_dated_next_unless_another_count_is(reconciler: Reconciler, second: str,
                                                       period: tuple[str | None, str | None]) -> None:
    (found,) = record("As many as 11,000 people fled Qarazan into Westland. " + second, reconciler,
                      published="2021-06-08")["displacement"]
    assert _period(found) == period


# "from April 29 to the day" (a translation of "until today"): a since period to the reporting date (set AE's miss)
@pytest.mark.parametrize(("words", "period"), [
    ("from April 29 to the day", ("2021-04-29", "2021-05-06")),
    ("from April 29 until today", ("2021-04-29", "2021-05-06")),
    ("from April 29 to the day after", ("2021-04-29", "2021-04-29")),
])
def test_from_a_day_to_the_day(reconciler: Reconciler, words: str, period: tuple[str, str]) -> None:
    (found,) = record(f"The number of internally displaced people {words} has amounted to 103,539 persons.", reconciler,
                      published="2021-05-06")["displacement"]
    assert _period(found) == period


# "On the day it reopened" after "in the month from 15 August, when it reopened": that first day (set AV's miss)
@pytest.mark.parametrize(("second", "period"), [
    ("On the day it reopened, 7,000 people crossed the border.", ("2021-08-15", "2021-08-15")),
    ("On the first day, 7,000 people crossed the border.", ("2021-08-15", "2021-08-15")),
    ("On the day it closed, 7,000 people crossed the border.", ("2021-08-15", "2021-09-15")),
])
def test_on_the_day_it_reopened(reconciler: Reconciler, second: str, period: tuple[str, str]) -> None:
    got = record("Some 60,000 refugees crossed the border into Westland in the month from 15th August, when it reopened "
                 "after three months of closure. " + second, reconciler, published="2021-10-02")
    found = {o["figure"]: o for o in got["displacement"]}
    assert _period(found[7000]) == period


# "in just over a week" is more than a week, no span: its start is untold, its end the day it was said (sets CV and FF
# read it so; set BE left both open); "over a week" and "in a week" are one
@pytest.mark.parametrize(("words", "period"), [
    ("In just over a week", (None, "2021-10-18")),
    ("Over a week", ("2021-10-11", "2021-10-18")),
    ("In a week", ("2021-10-11", "2021-10-18")),
])
def test_just_over_a_week(reconciler: Reconciler, words: str, period: tuple[str | None, str | None]) -> None:
    (found,) = record(f"{words}, at least 165,000 people have been displaced in Qarazan.", reconciler,
                      published="2021-10-18")["displacement"]
    assert _period(found) == period


# a weekday before a full date is one day, the day it was said: a "since" after it ends there, on a page with no date
@pytest.mark.parametrize(("sentence", "period"), [
    ("ABC said on Thursday, 15 August 2019 that more than 3,000 people have fled Qarazan since Monday.",
     ("2019-08-12", "2019-08-15")),
    ("ABC said on Thursday 15 August 2019 that 3,000 people had fled Qarazan in the past three days.",
     ("2019-08-12", "2019-08-15")),
    # (the date without its weekday, as before)
    ("ABC said on 15 August 2019 that more than 3,000 people have fled Qarazan since Monday.",
     ("2019-08-12", "2019-08-15")),
])
def test_a_weekday_before_a_full_date_is_one_day(reconciler: Reconciler, sentence: str, period: tuple[str, str]) -> None:
    (found,) = record(sentence, reconciler, published=None)["displacement"]
    assert _period(found) == period
    assert found["reported_on"] == "2019-08-15"


# the year's turn and a town's fall are the starts they name
@pytest.mark.parametrize(("sentence", "period"), [
    ("Some 5,000 people have fled Qarazan since the turn of the year.", ("2020-01-01", "2020-02-14")),
    ("Some 5,000 people have fled Qarazan since New Year.", ("2020-01-01", "2020-02-14")),
    ("Some 5,000 people have fled Qarazan since the fall of Westtown on 28 January.", ("2020-01-28", "2020-02-14")),
    ("Some 5,000 people have fled Qarazan since the capture of Westtown in January.", ("2020-01-01", "2020-02-14")),
    # (a turn of the century is no start a reader can date; a fall told alone is the day of the flight)
    ("Some 5,000 people have fled Qarazan since the turn of the century.", (None, None)),
    ("Some 5,000 people fled Qarazan on 28 January after the fall of Westtown.", ("2020-01-28", "2020-01-28")),
])
def test_a_turn_of_the_year_and_a_fall_start_a_since(reconciler: Reconciler, sentence: str,
                                                     period: tuple[str | None, str | None]) -> None:
    (found,) = record(sentence, reconciler, published="2020-02-14")["displacement"]
    assert _period(found) == period
