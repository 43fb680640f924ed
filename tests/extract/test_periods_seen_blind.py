"""Periods met on real pages read blind in the eighteenth session, each rule written again on an invented sentence:
a "since" after a superlative, a flight told as under way on the day it was said, and a day on which reports of a
flight were received."""

from __future__ import annotations

import pytest

from lod.extract import extract, to_record_json
from lod.model.articles import parse_article
from lod.places.reconcile import Reconciler

from ._records import record


def _periods(body: str, reconciler: Reconciler, published: str | None) -> list[tuple[str | None, str | None]]:
    got = record(body, reconciler, published=published)
    return [(o["period_start"], o["period_end"]) for o in got["displacement"]]


@pytest.mark.parametrize(("body", "periods"), [
    # a superlative compares with the past: the "since" is no period of the figure
    ("More than 30,000 civilians had been displaced by the assault, one of the largest upheavals since the war began "
     "in 2011.", [(None, None)]),
    ("More than 30,000 civilians have been displaced since the war began in 2011.", [("2011-01-01", "2019-10-19")]),
    ("An estimated 3,600 people, most of them already displaced once, have fled Qarazan since 10 October.",
     [("2019-10-10", "2019-10-19")]),
])
def test_a_since_after_a_superlative(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-10-19") == periods


@pytest.mark.parametrize(("body", "periods"), [
    ("Up to 2,000 refugees are crossing the border into Westland, a spokesman told reporters on Sunday.",
     [("2012-03-04", "2012-03-04")]),
    ("Up to 2,000 refugees have crossed the border into Westland, a spokesman told reporters on Sunday.", [(None, None)]),
])
def test_a_flight_under_way_on_the_day_it_was_said(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2012-03-04") == periods


def test_the_day_reports_were_received_is_no_period(reconciler: Reconciler) -> None:
    body = "On 17 October reports were also received that 3,250 families (around 16,250 people) had been displaced."
    assert _periods(body, reconciler, "2019-10-18") == [(None, None), (None, None)]
    body = "On 17 October, 3,250 families (around 16,250 people) were displaced."
    assert _periods(body, reconciler, "2019-10-18") == [("2019-10-17", "2019-10-17")] * 2


def test_a_later_clause_with_its_own_count_keeps_its_day(reconciler: Reconciler) -> None:
    body = ("He said over 1,600 refugees have been transported from the border to the camp, adding though that another 734 "
            "people had been registered crossing the border overnight.")
    got = record(body, reconciler, published="2019-10-19")["displacement"]
    assert [(o["figure"], o["period_start"]) for o in got] == [(1600, None), (734, "2019-10-18")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set BO) "since earlier this month" names no day: a vague start, as "since the start of the offensive" is
    ("A total of 110,000 civilians have left Qarazan since earlier this month.", [(None, None)]),
    ("A total of 110,000 civilians left Qarazan earlier this month.", [("2018-03-01", "2018-03-25")]),
])
def test_since_earlier_this_month_is_vague(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2018-03-25") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set BO) the day of the push, not of the offensive's toll so far
    ("Forces on Tuesday pushed deeper into Qarazan in a weeklong offensive that the UN estimates has displaced up to "
     "50,000 people.", [(None, None)]),
    ("Forces on Tuesday pushed deeper into Qarazan in an offensive that displaced up to 50,000 people on Monday.",
     [("2018-06-25", "2018-06-25")]),
    # (a weekday after "since" is the start, not the subject of a verb in -ed: "since Sunday reached")
    ("An offensive that has displaced up to 50,000 people since Sunday reached Qarazan on Tuesday.",
     [("2018-06-24", "2018-06-27")]),
])
def test_an_offensive_s_toll_so_far_has_no_day_of_another_verb(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2018-06-27") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set BP) an event's start named with an acronym in brackets; "the end of April" starts on its last day; a running
    # count "since X" told again "as of" a day is one flow, closed that day
    ("Since the start of military action in North East Westland (NEW) on 9 October, 15,759 individuals have crossed "
     "into Qarazan.", [("2019-10-09", "2019-11-17")]),
    ("In Qarazan more than 400,000 people were displaced between the end of April and the end of August.",
     [("2019-04-30", "2019-08-31")]),
    ("Since 9 October, 15,759 individuals have crossed into Qarazan. As of 16 November 2019, a total 15,759 Westland "
     "refugees have crossed into Qarazan.", [("2019-10-09", "2019-11-16")]),
    # (a count "as of" a day before the running count began is another one)
    ("Since 9 October, 15,759 individuals have crossed into Qarazan. As of 16 September 2019, a total 15,759 Westland "
     "refugees had crossed into Qarazan.", [("2019-10-09", "2019-11-17"), (None, "2019-09-16")]),
])
def test_running_counts_and_month_ends_of_agency_updates(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-11-17") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set BQ) "a 24-hour period" is the last day before the reporting date; "beginning on Thursday" runs from that day
    ("About 8,000 people fled into Westland in a 24-hour period, the UN said on Friday.", [("2012-11-08", "2012-11-09")]),
    ("About 11,000 refugees poured out of Qarazan in a 24-hour period beginning on Thursday, the UN said.",
     [("2012-11-08", "2012-11-09")]),
    # (a truce of that length is no period)
    ("About 11,000 refugees poured out of Qarazan during a 24-hour truce, the UN said.", [(None, None)]),
])
def test_a_period_of_hours(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2012-11-10") == periods


def test_the_day_in_a_bracketed_dateline_is_no_period(reconciler: Reconciler) -> None:
    # (set BT) "City, (Agency - Outlet - 6th Dec, 2024) ..." is when the copy was filed
    body = ("Easttown, (XYZ - Westland News - 6th Dec, 2024) The fighting has displaced around 280,000 people in Qarazan, "
            "the UN said.")
    assert _periods(body, reconciler, "2024-12-06") == [(None, None)]
    assert _periods("The fighting displaced around 280,000 people in Qarazan on 5 Dec, 2024, the UN said.", reconciler,
                    "2024-12-06") == [("2024-12-05", "2024-12-05")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set BS) a part's "since" ends where its whole's stated period does
    ("In total, more than 17,500 people fled to Qarazan between October 14 and December 3, including approximately "
     "3,600 people since early November.", [("2019-10-14", "2019-12-03"), ("2019-11-01", "2019-12-03")]),
    # (a whole that runs to the reporting date gives that end)
    ("Some 9,000 people fled over the past week, including 2,000 since Monday.",
     [("2019-11-29", "2019-12-06"), ("2019-12-02", "2019-12-06")]),
])
def test_a_part_s_since_ends_with_its_whole(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-12-06") == periods


def test_a_part_of_the_year_that_opens_the_sentence(reconciler: Reconciler) -> None:
    # (set BS) "The first six months of 2015 has seen ... the displacement of over 1 million people"
    body = "The first six months of 2015 has seen fresh fighting and the displacement of over 1 million people in Qarazan."
    assert _periods(body, reconciler, "2015-08-01") == [("2015-01-01", "2015-06-30")]


def test_a_body_speaking_on_its_own_day_takes_no_period_from_an_uncredited_flow(reconciler: Reconciler) -> None:
    # (set BR) the buses' day is no period of the count the ministry gave that day
    body = ("Earlier on Tuesday, 105 buses transporting 6,786 people from Qarazan arrived at the crossing.\n\n"
            "On Tuesday, the Westland Defence Ministry said that 13,000 civilians left Qarazan.")
    assert _periods(body, reconciler, "2018-03-27") == [("2018-03-27", "2018-03-27"), (None, None)]
    # (a body that names no day of its own goes on with the flight before: "3,000 more")
    body = ("Earlier on Tuesday, 105 buses transporting 6,786 people from Qarazan arrived at the crossing.\n\n"
            "The Westland Defence Ministry said that 3,000 more civilians left Qarazan.")
    assert _periods(body, reconciler, "2018-03-27") == [("2018-03-27", "2018-03-27")] * 2


@pytest.mark.parametrize(("body", "period"), [
    # (set BU) an event told in a relative clause with its month: a flight since that month
    ("The violence that escalated in December 2019 caused 960,000 people to be newly displaced from Qarazan.",
     ("2019-12-01", "2020-04-30")),
    ("Fighting that erupted in early March has forced 96,000 people to flee Qarazan.", ("2020-03-01", "2020-04-30")),
    # (with no relative clause, the month is the flight's own)
    ("Fighting escalated in March and forced 96,000 people to flee Qarazan.", ("2020-03-01", "2020-03-31")),
    # (set BU) "within three days from 9 February": from that day, for that many days
    ("This included some 143,000 people displaced within three days from 9 February.", ("2020-02-09", "2020-02-12")),
    ("Some 143,000 people were displaced from Qarazan in the two weeks after 9 February.", ("2020-02-09", "2020-02-23")),
])
def test_periods_from_an_event_or_a_day(reconciler: Reconciler, body: str, period: tuple[str, str]) -> None:
    assert _periods(body, reconciler, "2020-04-30") == [period]


@pytest.mark.parametrize(("body", "period"), [
    # (set CA) attacks under way for some days: the flight they forced is of those last days
    ("The displaced headed to the border due to the attacks that have been underway for two days which forced a total "
     "of 12,884 civilians to leave their homes.", ("2020-01-15", "2020-01-17")),
    # (set CC) a "since" event told with an irregular verb and how long ago
    ("Some 11,500 people have fled Qarazan since the forces broke the defences and took the town two weeks ago.",
     ("2020-01-03", "2020-01-17")),
])
def test_periods_from_how_long_an_event_has_lasted(reconciler: Reconciler, body: str, period: tuple[str, str]) -> None:
    assert _periods(body, reconciler, "2020-01-17") == [period]


@pytest.mark.parametrize(("body", "period"), [
    # (set CB) "as of this morning" is the reporting day: the "since" in the sentence is the period
    ("As of this morning [Geneva time], nearly 19,000 people had been evacuated out of Qarazan since 15 December.",
     ("2016-12-15", "2016-12-20")),
    # (set CB) the day of a briefing is when it was said, no period of the flight
    ('The spokesperson, at today\'s press briefing in Geneva, said, "So far more than 10,100 refugees have crossed into '
     'Westland."', (None, None)),
    # (set BZ) "mentioned today, October 3, that ...": the day it was said
    ("The directorate mentioned today, December 20, that approximately 20,000 people have fled Qarazan due to the war.",
     (None, None)),
])
def test_the_day_it_was_said_is_no_period(reconciler: Reconciler, body: str, period: tuple[str | None, str | None]) -> None:
    assert _periods(body, reconciler, "2016-12-20") == [period]


@pytest.mark.parametrize(("body", "period"), [
    # a count of months in a perfect tense is the past months, as a count of days or weeks is
    ("Some 30,000 people have fled Qarazan in the space of a month.", ("2019-11-20", "2019-12-20")),
    ("Some 30,000 people have fled Qarazan in two months.", ("2019-10-20", "2019-12-20")),
    # (in a simple past, a duration of its own time)
    ("Some 30,000 people fled Qarazan in two months in 2016.", ("2016-01-01", "2016-12-31")),
])
def test_a_count_of_months(reconciler: Reconciler, body: str, period: tuple[str, str]) -> None:
    assert _periods(body, reconciler, "2019-12-20") == [period]


@pytest.mark.parametrize(("title", "body", "period"), [
    # (set CI) a tracking report's own counts with no date of their own are of the period its title names
    ("Weekly IDP Situation Monitoring Initiative 30 Jan – 5 Feb 2017", "8,521 IDP arrivals were recorded in Qarazan.",
     ("2017-01-30", "2017-02-05")),
    ("IDP Movements in northern Westland, 16 - 31 July", "Assessed communities in Qarazan witnessed 13,766 IDP arrivals.",
     ("2017-07-16", "2017-07-31")),
    ("Monthly Overview of IDP Movements, July 2017", "Assessed communities in Qarazan witnessed 13,766 IDP arrivals.",
     ("2017-07-01", "2017-07-31")),
    # (a flash update's counts run since dates of their own; a report's number is no day)
    ("Flash Update #13 (Reporting period: 24 July - 31 July 2017)", "Some 13,766 people have arrived in Qarazan.",
     (None, None)),
    ("Weekly Flash Update No.2 - 20 July 2017", "Some 13,766 people have arrived in Qarazan.", (None, None)),
])
def test_a_tracking_report_s_title_period(reconciler: Reconciler, title: str, body: str,
                                          period: tuple[str | None, str | None]) -> None:
    got = record(body, reconciler, published="2017-07-31", publisher="Westland Refugee Council", title=title)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [period]


def test_a_campaign_its_maker_began_in_a_month(reconciler: Reconciler) -> None:
    # (set CH) "a military campaign that the Westland government began in April, which has ... displaced 440,000"
    body = ("Qarazan has witnessed a military campaign that the Westland government began in April, which has killed "
            "some 500 civilians and displaced more than 440,000 people.")
    assert _periods(body, reconciler, "2019-08-14") == [("2019-04-01", "2019-08-14")]


def test_the_violence_told_before_dates_the_flight_it_forced(reconciler: Reconciler) -> None:
    # (set CK) "Since late April, X has been under bombardment. ... The violence has forced 330,000 people to flee"
    body = ("Since late April, Qarazan has been under the relentless bombardment of the government and its allies.\n\n"
            "The attacks have killed nearly 500 civilians so far.\n\n"
            "The violence has forced around 330,000 people to flee their homes, the United Nations said.")
    assert _periods(body, reconciler, "2019-06-26") == [("2019-04-01", "2019-06-26")]
    # (a flow told in between has its own period; a sentence that names no violence dates none)
    body = ("Since late April, the camp has been full.\n\n"
            "The violence has forced around 330,000 people to flee their homes, the United Nations said.")
    assert _periods(body, reconciler, "2019-06-26") == [(None, None)]


def test_a_day_in_brackets_after_the_day_it_was_said(reconciler: Reconciler) -> None:
    # (set CG) "the UN said Friday (March 23rd)": the day it was said, twice, and no period of the flight
    body = "Nearly 170,000 people have fled Qarazan, the UN said Friday (March 23rd), AFP reported."
    assert _periods(body, reconciler, "2018-03-23") == [(None, None)]


def test_since_an_event_yesterday(reconciler: Reconciler) -> None:
    # (set CR) "... since we opened the border yesterday": from the day before the words
    body = ('"Around 45,000 people have crossed the border as of now since we opened the border yesterday," the minister '
            "told reporters.")
    assert _periods(body, reconciler, "2014-09-20") == [("2014-09-19", "2014-09-20")]


def test_a_time_word_between_a_date_and_a_figure(reconciler: Reconciler) -> None:
    # (set CO) "... in Qarazan in the first quarter of the year, ... and more recently in Westtown, where military
    # operations displaced over 300,000 people": the first quarter is not the second figure's
    body = ("The largest movement occurred in Qarazan in the first quarter of the year as the offensive displaced nearly "
            "400,000 people, and more recently in Westtown, where military operations displaced over 300,000 people.")
    assert _periods(body, reconciler, "2018-08-01") == [("2018-01-01", "2018-03-31"), (None, None)]


def test_a_dateline_with_an_agency_and_no_dash(reconciler: Reconciler) -> None:
    # (set BZ, scored blind at b41e283) "Westtown, Dec 3 (XYZ Agency) More than ... from November 26-30": the
    # dateline's day is when the copy was filed, the range is the period
    body = ("Westtown, Dec 3 (XYZ Agency) More than 48,500 people have been displaced by fighting in Qarazan from "
            "November 26-30, the agency said.")
    assert _periods(body, reconciler, "2024-12-03") == [("2024-11-26", "2024-11-30")]


def test_a_total_that_has_reached_a_count_keeps_no_period_of_the_flow_before(reconciler: Reconciler) -> None:
    # (set BW, scored blind at b41e283) "... crossed in the past four days. ... the number of the total Syrians who have
    # crossed into X has reached 1,570,000": a running total, not the four days' flight
    body = ("Some 200,000 Syrian Kurds have crossed into Westland in the past four days, officials said.\n\n"
            "With the latest exodus, the number of the total Syrians who have crossed into Westland has reached "
            "1,570,000, figures show.")
    assert _periods(body, reconciler, "2014-09-22") == [("2014-09-18", "2014-09-22"), (None, None)]


@pytest.mark.parametrize(("sentence", "period"), [
    # (set CT, scored blind at 05802dc) written on a Tuesday: the Tuesday before, as "last Tuesday" alone
    ("5,000 civilians have fled since the rebels launched their campaign last Tuesday.", ("2016-08-30", "2016-09-06")),
    ("5,000 civilians have fled since last Tuesday.", ("2016-08-30", "2016-09-06")),
    ("5,000 civilians have fled since last Monday.", ("2016-09-05", "2016-09-06")),
    ("5,000 civilians fled last Tuesday.", ("2016-08-30", "2016-08-30")),
])
def test_since_last_weekday_written_on_that_weekday(reconciler: Reconciler, sentence: str,
                                                    period: tuple[str, str]) -> None:
    assert _periods(sentence, reconciler, "2016-09-06") == [period]


@pytest.mark.parametrize(("sentence", "period"), [
    # (set CT, scored blind at 05802dc) the start's day, then what happened that day
    ("Mass displacement began gradually on 28 August, when some 1,700 families were displaced from Westtown.",
     ("2016-08-28", "2016-08-28")),
    # (a "when" clause that tells no count leaves the period since the day)
    ("Since 1 June, when the offensive began, some 1,700 families were displaced from Westtown.",
     ("2016-06-01", "2016-09-06")),
    ("Nearly 19,000 people had been evacuated out of Westtown since 15 August, when the evacuations had begun.",
     ("2016-08-15", "2016-09-06")),
    # (set CV) a count since the start of operations on a day
    ("Over 160,000 people have been displaced following the start of military operations in Qarazan on 9 August.",
     ("2016-08-09", "2016-09-06")),
    ("On 10 August, 5,000 people fled Westtown after the shelling on 9 August.", ("2016-08-10", "2016-08-10")),
])
def test_a_start_and_what_followed_it(reconciler: Reconciler, sentence: str, period: tuple[str, str]) -> None:
    assert _periods(sentence, reconciler, "2016-09-06") == [period]


def test_a_since_in_an_aside_after_the_figure_is_of_others(reconciler: Reconciler) -> None:
    # (set DC, scored blind at 1275b75) "... 8,400 Syrians had entered X, where more than a million Syrians had already
    # found refuge since the start of the conflict in 2011": the million's time, not the 8,400's
    body = ("The minister said that 8,400 Syrians had entered Westland legally, where more than a million Syrians had "
            "already found refuge since the start of the conflict in 2011.")
    assert _periods(body, reconciler, "2024-12-10")[0] == (None, None)


def test_a_breakdown_after_the_total_told_again(reconciler: Reconciler) -> None:
    # (set DC, scored blind at 1275b75) the total, its source's own words telling it again, then its parts
    body = ("At least 17471 refugees have entered Westland between November 14th and 25th, the Social Affairs Ministry "
            "said on Thursday.\n\n"
            "“The ministry has registered around 17,471 refugees between November 14th and 25th,” the ministry said in a "
            "statement.\n\n"
            "The statement mentioned that 17390 have entered the area of Qarazan and 81 sought refuge in Westtown.")
    assert _periods(body, reconciler, "2013-11-29") == [("2013-11-14", "2013-11-25")] * 3
    # (a sentence between with another count is of something else)
    body = ("At least 17471 refugees have entered Westland between November 14th and 25th, the Social Affairs Ministry "
            "said on Thursday.\n\n"
            "The ministry has registered 900 tents since November 1st.\n\n"
            "The statement mentioned that 17390 have entered the area of Qarazan and 81 sought refuge in Westtown.")
    assert _periods(body, reconciler, "2013-11-29") == [("2013-11-14", "2013-11-25"), (None, None), (None, None)]


@pytest.mark.parametrize(("sentence", "published", "period"), [
    # (set DE, scored blind at 4b4f093) since a truce took effect on a weekday
    ("Aram Velde said 1,150 people had been evacuated from Westtown since the cease-fire went into effect there on "
     "Friday.", "2014-02-11", ("2014-02-07", "2014-02-11")),
    # (set DI) a range whose years are stated needs no page date
    ("From 4 December 2018 through the end of March 2019, more than 63,500 people were displaced to the camp.", None,
     ("2018-12-04", "2019-03-31")),
])
def test_since_a_truce_and_a_stated_range(reconciler: Reconciler, sentence: str, published: str | None,
                                          period: tuple[str, str]) -> None:
    assert _periods(sentence, reconciler, published) == [period]


def test_the_headline_s_time_for_its_count_told_again(reconciler: Reconciler) -> None:
    # (sets CA and BT) "36,000 more civilians flee X in past 48 hours", then the body's "another 36,000" with no time
    title = "36,000 more civilians flee Qarazan in past 48 hours"
    body = "The attacks on Qarazan province have caused another 36,000 civilians to flee toward the border."
    got = record(body, reconciler, published="2020-01-23", title=title)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2020-01-21", "2020-01-23")]
    # (another count is not the headline's)
    got = record(body.replace("36,000", "30,000"), reconciler, published="2020-01-23", title=title)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [(None, None)]


def test_the_time_told_in_the_sentences_around_a_count(reconciler: Reconciler) -> None:
    # (set CP) the next sentence tells when the same people fled, after an agency's credit and a long "since" clause
    body = ("An estimated 5,000 people have been displaced by clashes in Qarazan, the UN says.\n\n"
            "(XYZ) -- The civilians have fled communities near the border since Westland launched an offensive to drive a "
            "militia out of the Qarazan region on Saturday.")
    assert _periods(body, reconciler, "2018-01-24") == [("2018-01-20", "2018-01-24")]
    # (set CF) the sentence before dates the violence the count's sentence tells of
    body = ("The agency is concerned about the escalation in violence taking place in Qarazan since October 5.\n\n"
            "Continuous shelling and airstrikes have targeted more than 1,100 locations in Qarazan, resulting in dozens of "
            "deaths and at least 20,000 people being displaced.")
    assert _periods(body, reconciler, "2023-10-09") == [("2023-10-05", "2023-10-09")]


@pytest.mark.parametrize(("sentence", "published", "period"), [
    # (set CU, scored blind at 05802dc) a season's first day, the last one over for "last"
    ("Some 24,000 people have crossed into Westland since last summer.", "2013-02-15", ("2012-06-01", "2013-02-15")),
    ("Some 24,000 people have crossed into Westland since last summer.", "2013-07-15", ("2012-06-01", "2013-07-15")),
    ("Some 24,000 people have crossed into Westland since last summer.", "2013-10-01", ("2013-06-01", "2013-10-01")),
    ("Some 5,000 have fled Qarazan since the summer of 2012.", "2013-10-01", ("2012-06-01", "2013-10-01")),
    ("Some 5,000 have fled Qarazan since last summer.", None, (None, None)),
    # (set BS) a part of a month, or two, is the month
    ("At least 200 people per day crossed from Qarazan to Westland during mid- to late November.", "2019-12-06",
     ("2019-11-01", "2019-11-30")),
])
def test_seasons_and_parts_of_a_month(reconciler: Reconciler, sentence: str, published: str | None,
                                      period: tuple[str | None, str | None]) -> None:
    assert _periods(sentence, reconciler, published) == [period]


@pytest.mark.parametrize(("body", "published", "periods"), [
    # (set DN, scored blind at f45fd90) the date of another act of the same subject is not the count's
    ("The offensive has caused almost a million people to flee their homes, and triggered a direct military "
     "intervention last week.", "2020-03-04", [(None, None)]),
    # (a "since" after ", and" tells of the flight: "have fled X, and headed towards safer areas since ...")
    ("More than 100,000 civilians have fled Qarazan, and headed towards safer areas since the beginning of January.",
     "2018-01-17", [("2018-01-01", "2018-01-17")]),
    # (set DK) "as of Sunday, 30,542 people had been displaced": the day the count stood at, a count right after it
    ("The spokesman told reporters that as of Sunday, 30,542 people had been displaced from Qarazan.", "2018-09-10",
     [(None, "2018-09-09")]),
    # (set DK) a day a few days after the page's date is of its year (a page dated by a photo caption)
    ("Fighting forced about 100,000 people to leave their homes between August 28 and September 5.", "2016-09-01",
     [("2016-08-28", "2016-09-05")]),
    # (set DM) a sentence before that tells a month and today tells no one time of the count after it
    ("\"An agreement reached in September 2017 to evacuate the fighters was implemented today,\" the monitor said.\n\n"
     "\"At least 1,300 people have been transferred,\" the monitor's head said.", "2018-03-14", [(None, None)]),
])
def test_dates_that_belong_elsewhere(reconciler: Reconciler, body: str, published: str,
                                     periods: list[tuple[str | None, str | None]]) -> None:
    assert _periods(body, reconciler, published) == periods


def test_overnight_into_a_weekday(reconciler: Reconciler) -> None:
    # (set DK, scored blind at f45fd90) "184 crossed on Monday, followed by 277 who arrived overnight into Tuesday"
    body = "The spokeswoman said 184 refugees crossed into Westland on Monday, followed by 277 who arrived overnight into Tuesday."
    assert _periods(body, reconciler, "2019-10-16") == [("2019-10-14", "2019-10-14"), ("2019-10-14", "2019-10-15")]


def test_both_ends_of_a_range_share_its_time(reconciler: Reconciler) -> None:
    # (set BY) "an estimated 62 – 66,000 individuals as of 28 June, ... on 28/29 June displacement numbers have since
    # reached 160,000": the range is one count of one time; the later total is a count of its own
    body = ("Sustained hostilities since 17 June have led to the displacement of an estimated 62 – 66,000 individuals as "
            "of 28 June, with initial estimates indicating that due to a further increase in hostilities on 29 June "
            "displacement numbers have since reached 160,000 individuals.")
    got = record(body, reconciler, published="2018-06-29")
    assert [(o["figure"], o["period_start"], o["period_end"]) for o in got["displacement"]][:2] == [
        (62000, "2018-06-17", "2018-06-28"), (66000, "2018-06-17", "2018-06-28")]
    assert 160000 in [o["figure"] for o in got["displacement"]]


@pytest.mark.parametrize(("body", "published", "periods"), [
    # (set DS, scored blind at e00e136) days written out about as near as a span counted back: the days
    ("The pace of arrivals has doubled in the past week, from 4,500 a week ago to 10,200 people arriving in the seven "
     "days between Aug 21 and 27.", "2012-08-29", [("2012-08-21", "2012-08-27")]),
    # (set DS) a month before a count of three digits: the month ("the previous average in December 400-500 daily")
    ("In the last two weeks arrivals decreased to approximately 155 per day with the previous average in December "
     "400-500 daily arrivals.", "2013-01-08", [("2012-12-25", "2013-01-08"), ("2012-12-01", "2012-12-31"),
                                               ("2012-12-01", "2012-12-31")]),
    # (set DQ) "Last November": the latest November before the reporting month
    ("Last November, about 157,000 people fled eastern Westtown.", "2017-01-26", [("2016-11-01", "2016-11-30")]),
    ("Last November, about 157,000 people fled eastern Westtown.", "2016-11-20", [("2015-11-01", "2015-11-30")]),
])
def test_the_written_day_and_the_named_month(reconciler: Reconciler, body: str, published: str,
                                             periods: list[tuple[str | None, str | None]]) -> None:
    assert _periods(body, reconciler, published) == periods


def test_the_reported_period_of_a_titled_update(reconciler: Reconciler) -> None:
    # (set DS) "... recorded during the reported period" in "Bi-Monthly Update No.33, 26 December - 8 January 2013"
    got = record("A total of 2,164 new arrivals in Westland were recorded during the reported period.", reconciler,
                 published="2013-01-08", title="Syria Situation Bi-Monthly Update No.33, 26 December - 8 January 2013")
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2012-12-26", "2013-01-08")]


def test_a_place_s_state_in_a_relative_clause_dates_no_flight(reconciler: Reconciler) -> None:
    # (set DT, scored blind at e00e136) "... escaped the enclave that has been under attack for the past month"
    body = ("More than 105,000 civilians have escaped the shrinking enclave of Qarazan that has been under attack for the "
            "past month, the agency said Saturday.")
    assert _periods(body, reconciler, "2018-03-24") == [(None, None)]


def test_days_weeks_after_a_title_s_date_keep_its_year(reconciler: Reconciler) -> None:
    # (set DR, scored blind at fced669) an undated report titled "1 - 30 September 2017" tells of 8 October
    got = record("An estimated 63,902 people have been displaced from 1 September to 8 October.", reconciler,
                 published=None, title="Northeast Syria Situation Report No. 16 (1 - 30 September 2017)")
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2017-09-01", "2017-10-08")]
    # (a page dated by its dateline keeps the strict reading, as does one whose date is stated: a day weeks after it is
    # of the year before)
    got = record("WESTTOWN, 3 December 2019 - Some 5,000 people fled Qarazan between 20 and 22 December.", reconciler,
                 published=None)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2018-12-20", "2018-12-22")]
    got = record("An estimated 63,902 people have been displaced from 1 September to 8 October.", reconciler,
                 published="2017-09-30", title="Northeast Syria Situation Report No. 16")
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2016-09-01", "2016-10-08")]



def test_days_weeks_after_an_address_s_date_keep_its_year(reconciler: Reconciler) -> None:
    # (set EJ, scored blind at 9e42cdb) a live blog whose address is dated 30 March tells of 9 April: the page went up
    # on the address's day and grew after it
    article = parse_article("Title: Live: flight from Westtown\nSource URL: https://example.org/2017/03/30/westtown-live/\n"
                            "Publisher: Example News\n\nAccording to ABC, 150 people reached Qarazan on April 9.")
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2017-04-09", "2017-04-09")]

def test_the_counted_people_s_own_clause_dates_them(reconciler: Reconciler) -> None:
    # (set DR) "75 left on Sunday, on the heels of 7,000 families who fled the same neighbourhoods over the past two weeks"
    body = ("Seventy-five residents left the neighbourhoods of Westtown on Sunday, on the heels of approximately 7,000 "
            "families who fled the same neighbourhoods over the past two weeks, the agency reported.")
    assert _periods(body, reconciler, "2015-08-11") == [("2015-08-09", "2015-08-09"), ("2015-07-28", "2015-08-11")]


@pytest.mark.parametrize(("body", "published", "periods"), [
    # (set DZ, scored blind at 634940e) a quote's sentences are clauses: the figure's own sentence has its own time
    ("“Thousands of people crossed into Westland yesterday. Reports vary between 8,500 and 30,000 people having crossed "
     "in the past 48 hours,” the spokeswoman told reporters.", "2012-07-20",
     [("2012-07-18", "2012-07-20"), ("2012-07-18", "2012-07-20")]),
    # (set DO) ... and a quote's sentence before the figure's is nearer than a flow told before the quote
    ("Some 5,000 people fled Westtown in 2015, officials said.\n\n“Over the past days, these villages have been shelled "
     "by more than 100 shells. About 60 families have been displaced from their homes,” the spokesman noted.",
     "2019-12-03", [("2015-01-01", "2015-12-31"), (None, None)]),
    # (set DX) a "since" after the parts listed of a figure is the figure's and its parts'
    ("521,939 people displaced in northern Westland, including Qarazan (326,069), Westtown (91,675) governorates, due "
     "to fighting since 1 February 2016 (figures as of 25 January).", "2017-02-02",
     [("2016-02-01", "2017-01-25")] * 3),
    # (set EA) a span of years and a half is vague: no period, and none carried from the sentence before
    ("About 130,000 people crossed into Westland since Thursday.\n\nThe conflict had already pushed more than a million "
     "people over the border in the past 3½ years.", "2014-09-22", [("2014-09-18", "2014-09-22"), (None, None)]),
])
def test_quotes_lists_and_vague_spans(reconciler: Reconciler, body: str, published: str,
                                      periods: list[tuple[str | None, str | None]]) -> None:
    assert _periods(body, reconciler, published) == periods


@pytest.mark.parametrize(("published", "period"), [
    # (set DU, scored blind at fced669) said in that year: from its first day; said later: no one time
    ("2018-04-25", ("2018-01-01", "2018-04-25")),
    ("2019-04-25", (None, None)),
])
def test_the_first_few_months_of_a_year(reconciler: Reconciler, published: str,
                                        period: tuple[str | None, str | None]) -> None:
    body = ("In the first few months of 2018, nearly 700,000 people have been displaced in Westland, many more than "
            "once.")
    assert _periods(body, reconciler, published) == [period]


def test_the_exodus_told_next_keeps_the_figure_s_own_day(reconciler: Reconciler) -> None:
    # (set EF, scored blind at 5292b6b) "12,000 fled the enclave on Thursday ... The exodus came after forces advanced
    # overnight": the cause's night is not the flight's day
    body = ("The monitor said more than 12,000 people fled the enclave on Thursday.\n\n"
            "The exodus came after government forces advanced overnight, seizing half of the town of Qarazan.")
    assert _periods(body, reconciler, "2018-03-15") == [("2018-03-15", "2018-03-15")]
    # (a figure with no time of its own takes the range told of the same exodus next)
    body = "The monitor said more than 12,000 people fled the enclave.\n\nThe exodus between 12 and 14 March was the largest."
    assert _periods(body, reconciler, "2018-03-15") == [("2018-03-12", "2018-03-14")]


def test_in_n_weeks_with_a_perfect_verb_after_an_aside(reconciler: Reconciler) -> None:
    # (set EE, scored blind at 5292b6b) "In two weeks, the conflict in X — where the U.S. ordered the withdrawal of its
    # forces as Y's forces advanced into Z territory — has displaced more than 200,000 people": the last two weeks
    body = ("In two weeks, the conflict in northeastern Qarazan — where the president ordered the withdrawal of U.S. "
            "forces as Westland forces advanced into the territory — has displaced more than 200,000 people.")
    assert _periods(body, reconciler, "2019-10-21") == [("2019-10-07", "2019-10-21")]
    # (with no perfect verb, a span of two weeks is a duration of no stated time)
    body = "Some 30,000 people fled Qarazan in two weeks in 2016 as the army advanced."
    assert _periods(body, reconciler, "2019-10-21") == [("2016-01-01", "2016-12-31")]


def test_a_count_the_fighting_has_created_is_of_no_morning(reconciler: Reconciler) -> None:
    # (set CB) "A relative calm is being reported there this morning after weeks of intense fighting which has created a
    # humanitarian crisis with up to one million people displaced": the morning is the calm's
    body = ("“A relative calm is being reported there this morning after weeks of intense fighting which has created a "
            "humanitarian crisis with up to one million people displaced,” the spokeswoman told journalists.")
    assert _periods(body, reconciler, "2020-03-06") == [(None, None)]


@pytest.mark.parametrize(("body", "periods"), [
    # (set EJ, scored blind at 9e42cdb) a list of counts whose last item has no verb of its own: its period is the list's
    ("It counted 1,574 people displaced within Westtown, 1,192 who moved to Qarazan, and 906 to Aram in the week to "
     "April 9.", [("2017-04-02", "2017-04-09")] * 3),
    ("About 2,000 people fled Qarazan, and 500 to Westtown on Monday.", [("2017-04-10", "2017-04-10")] * 2),
    # (a later clause with a verb of its own keeps its day)
    ("About 1,600 people fled Westtown, and 734 crossed into Qarazan on Monday.", [(None, None), ("2017-04-10", "2017-04-10")]),
])
def test_a_list_of_counts_shares_the_period_after_it(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2017-04-16") == periods


def test_since_an_event_began_comma_in_a_year(reconciler: Reconciler) -> None:
    # (set ER, scored blind at fef716e) "displaced ... since the war began, in 2011": a since, not the year 2011
    body = "Figures from the ABC indicate that 6.6 million people were internally displaced in Westland since the war began, in 2011."
    assert _periods(body, reconciler, "2019-07-08") == [("2011-01-01", "2019-07-08")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set ET, scored blind at 8ab8401) a part of a month told with no "in", after a place
    ("Some 200,000 civilians have fled the violence right after clashes broke out in Qarazan late July.",
     [("2012-07-01", "2012-07-31")]),
    # a war's toll told in a relative clause with a said verb in it ("that the agency said had prompted"): not the day of
    # the battle before it
    ("Troops forced rebels to abandon a suburb on Friday, in the latest battle of a civil war that the agency said had "
     "prompted more than 200,000 people to flee the country.", [(None, None)]),
])
def test_a_month_part_without_in_and_a_war_s_toll(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2012-09-12") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set EQ, scored blind at e680cc2) a month that opens the sentence before a reporting verb is when it was said; it
    # closes the "since" told after it
    ("In July, the agency said the government’s campaign to capture Qarazan since April has displaced more than 400,000 "
     "people.", [("2019-04-01", "2019-07-31")]),
    # (with no "since", the month is the figure's period)
    ("In July, 5,000 people fled Qarazan, the agency said.", [("2019-07-01", "2019-07-31")]),
])
def test_a_fronted_month_said_closes_a_since(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-08-20") == periods


def test_a_count_after_and_is_no_second_day(reconciler: Reconciler) -> None:
    # (set EU, scored blind at dc3cd6b) "opened on June 14 and 4,400 individuals entered": June 14, not 14 to 4 June
    body = "The border opened on June 14 and 4,400 individuals entered Westland, with a further 4,000 on Monday, June 15."
    assert _periods(body, reconciler, "2015-06-16") == [("2015-06-14", "2015-06-14"), ("2015-06-15", "2015-06-15")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set EX, scored blind at f8889a9; sets EB and EV read the same) a month's middle is its 15th
    ("Since the beginning of the offensive in mid-June, some 325,000 civilians have fled Qarazan.",
     [("2018-06-15", "2018-07-11")]),
    ("Some 48,654 displaced people from Qarazan arrived in Westtown between mid-March and mid-April 2018.",
     [("2018-03-15", "2018-04-15")]),
    # (a whole month stays whole)
    ("Since June, some 25,000 civilians have fled Qarazan.", [("2018-06-01", "2018-07-11")]),
])
def test_a_month_s_middle_is_its_15th(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2018-07-11") == periods


@pytest.mark.parametrize(("body", "title", "periods"), [
    # (set FF, scored blind at fd98915; set CV reads the same) a span told only as "just over a week" ends on the
    # day it was said, its start untold
    ("The escalation in fighting has displaced about 370,000 people in just over a week, the agency said on Friday.",
     "Test", [(None, "2024-12-06")]),
    ("Fighting has forced more than 200,000 civilians to flee Qarazan in more than a month.", "Test", [(None, "2024-12-06")]),
    # ("in less than a month" stays the month back)
    ("Fighting has forced more than 200,000 civilians to flee Qarazan in less than a month.", "Test",
     [("2024-11-06", "2024-12-06")]),
    # (a start told after it still counts: the next sentence's start, the headline's "since")
    ("Some 280,000 people were displaced in just over a week, the agency said.\n\nThe exodus began on November 27.", "Test",
     [("2024-11-27", "2024-12-06")]),
    ("Some 280,000 people were displaced in just over a week, the agency said.",
     "Agency Says Fighting Has Displaced 280,000 Since November 27", [("2024-11-27", "2024-12-06")]),
])
def test_a_span_of_just_over_a_week_ends_on_the_report_day(reconciler: Reconciler, body: str, title: str,
                                                            periods: list) -> None:
    got = record(body, reconciler, published="2024-12-06", title=title)
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set FJ, scored blind at 699bec9) a count that stood "until" a month or the end of a year: its end, no start
    ("The department also confirmed that 85 thousand refugees reached Westland until the end of 2016.",
     [(None, "2016-12-31")]),
    # (the day nearest the figure, not the day its report came out: "released a report on Sunday which showed that until
    # July 2015 ...")
    ("The group released a report on Sunday which showed that until July 2015 approximately 15,500 refugees arrived in "
     "Westland.", [(None, "2015-07-31")]),
])
def test_a_count_until_a_month_or_a_year_s_end(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2018-01-02") == periods


def test_the_day_before_a_day_told_in_the_sentence(reconciler: Reconciler) -> None:
    # (set FN, scored blind at c7e1ffe) "50 families left ... Monday, after 30 families were allowed to leave the day
    # before": Sunday, not the day before the report
    body = ("Fifty families left the besieged city of Qarazan for Westtown Monday, after 30 families were allowed to leave "
            "the day before, the agency reported.")
    assert _periods(body, reconciler, "2014-11-25") == [("2014-11-24", "2014-11-24"), ("2014-11-23", "2014-11-23")]


def test_a_dateline_with_no_agency_is_no_period(reconciler: Reconciler) -> None:
    # (set FA, scored blind at fd98915) "Easttown, Jan 25 As many as 3,500 families have so far fled": the day the copy
    # was filed, not the flight's day ("so far" stays open)
    body = "Easttown, Jan 25 As many as 3,500 families have so far fled their homes in Qarazan amid airstrikes."
    assert _periods(body, reconciler, "2022-01-25") == [(None, None)]


# twenty-eighth session


@pytest.mark.parametrize(("body", "periods"), [
    # a headline's present tense is a flight told: its own month, not another sentence's span (set ED)
    ("Attacks in Qarazan displace at least 310,000 people in May, damage and destroy health centres.",
     [("2019-05-01", "2019-05-31")]),
    ("Fighting displaces 5,000 families in Westtown.", [(None, None)]),
    # (a purpose is no flight)
    ("He said the attacks aimed to kill and displace more than a million people.", []),
    ("The offensive threatens to displace 100,000 people.", []),
])
def test_a_headline_in_the_present_tense(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-06-24") == periods


def test_a_count_told_again_on_the_same_day_with_its_start(reconciler: Reconciler) -> None:
    # "displaces over 270,000 as of July 2" in the lead, then "has displaced more than 270,000 in two weeks as of
    # Monday, July 2": one count, whose start the second telling gives (set EH)
    body = ("Fighting in Qarazan has displaced over 270,000 people as of July 2.\n\n"
            "Fighting in Qarazan has displaced more than 270,000 people in two weeks as of Monday, July 2, as forces "
            "pressed on.")
    assert _periods(body, reconciler, "2018-07-04") == [("2018-06-18", "2018-07-02")]


@pytest.mark.parametrize(("body", "periods"), [
    # "starting on Monday evening", told on Tuesday: from that day to the day it was told (set DM)
    ("About 2,000 civilians departed the district by bus starting on Monday evening, a journalist told reporters on "
     "Tuesday.", [("2018-03-12", "2018-03-13")]),
    ("About 2,000 civilians departed the district by bus on Monday evening, a journalist told reporters on Tuesday.",
     [("2018-03-12", "2018-03-12")]),
])
def test_a_flight_starting_on_a_day(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2018-03-13") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # a running count that reached a figure on a day stands at that day; its start is not told (sets CW, CZ, EX)
    ("The number of people who have fled into Westland surpassed one million on Wednesday, according to the agency.",
     [(None, "2014-04-02")]),
    ("The number of displaced people in Qarazan has reached 47,450 with the arrival on Saturday evening of the last "
     "convoy.", [(None, "2014-03-29")]),
    # (a flight on a day is that day)
    ("More than 1,000 people fled into Westland on Wednesday, according to the agency.",
     [("2014-04-02", "2014-04-02")]),
])
def test_a_count_that_reached_a_figure_on_a_day(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2014-04-03") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # the day of a statement by a body is the day it was issued, not the period (set FU)
    ("According to a statement by the Westland Relief Agency on Sunday, over 130,000 people have been uprooted from "
     "rural areas around Qarazan.", [(None, None)]),
    ("According to the Westland Relief Agency, over 130,000 people were uprooted from Qarazan on Sunday.",
     [("2019-10-13", "2019-10-13")]),
])
def test_the_day_of_a_statement_by_a_body(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2019-10-14") == periods


def test_items_of_one_list_share_its_period_over_a_note_between(reconciler: Reconciler) -> None:
    # (sets BS, CS, DR, FS) a flash update's list: a heading's 12 months, an item with a breakdown, a note with a count
    # of its own, a count so far this month, and another item opened alike: the list's period, not the month's
    body = ("1,574,959 displacements recorded by the Westland Cluster in the last 12 months from affected areas of "
            "the north and the south:\n\n"
            "1,548,456 displacements from affected areas of the north, including Qarazan (318,761), Westtown (315,824) "
            "and Eastville (1,546) governorates.\n\n"
            "This also includes around 43,000 displacements still under verification.\n\n"
            "Nearly 30,000 displacements have been recorded so far in February 2018, most of them from Qarazan.\n\n"
            "26,503 displacements from affected areas of the south.")
    year = ("2017-02-14", "2018-02-14")
    assert _periods(body, reconciler, "2018-02-14") == [year, year, year, year, year, year,
                                                         ("2018-02-01", "2018-02-14"), year]


@pytest.mark.parametrize(("body", "periods"), [
    # (set FT) the day a medium quoted someone "as saying" is the day it was said, not the period
    ("As many as 611 civilians have been evacuated from the old town of Qarazan, the news agency quoted Governor Aram "
     "Velde as saying on Sunday.", [(None, None)]),
    ("As many as 611 civilians were evacuated from the old town of Qarazan on Sunday, the news agency quoted Governor "
     "Aram Velde as saying.", [("2014-02-09", "2014-02-09")]),
])
def test_the_day_someone_was_quoted_as_saying(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2014-02-09") == periods


@pytest.mark.parametrize(("body", "published", "periods"), [
    # (set GC, scored blind at eafc805) "since its official opening on 30 April": since that day
    ("More than 1,000 refugees have arrived at the camp since its official opening on 30 April.", "2014-05-03",
     [("2014-04-30", "2014-05-03")]),
    # (set FV) a month's middle after the day said is last year's: no period ends before it starts
    ("The conflict since mid-June has forced over 300,000 people into displacement.", "2018-06-07",
     [("2017-06-15", "2018-06-07")]),
    ("The conflict since mid-June has forced over 300,000 people into displacement.", "2018-07-06",
     [("2018-06-15", "2018-07-06")]),
])
def test_since_an_opening_and_since_a_month_s_middle(reconciler: Reconciler, body: str, published: str,
                                                      periods: list) -> None:
    assert _periods(body, reconciler, published) == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set GC, scored blind at ab473b1) "since Thursday" written on a Thursday is since the Thursday before
    ("More than 30,000 people have fled into Westland since Thursday.", [("2013-08-15", "2013-08-22")]),
    ("More than 30,000 people have fled into Westland since Thursday morning.", [("2013-08-22", "2013-08-22")]),
    ("More than 30,000 people have fled into Westland since Wednesday.", [("2013-08-21", "2013-08-22")]),
])
def test_since_the_weekday_of_the_reporting_day(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2013-08-22") == periods


def test_a_report_s_counts_stand_at_the_last_day_it_covers(reconciler: Reconciler) -> None:
    # (set GD, scored blind at eafc805) an institution's situation report "covers the period from 24 to 30 November",
    # issued on 1 December: its own "since 24 November" stands at the 30th
    text = ("Title: Qarazan - Situation Report No. 1\nSource URL: https://www.unocha.org/report/1\nPublisher: OCHA\n"
            "Published: 2016-12-01\n\nThis report is produced by OCHA. It covers the period from 24 November to 30 "
            "November 2016.\n\nHostilities intensified significantly since 24 November, resulting in the displacement "
            "of an estimated 31,500 people within Qarazan city.")
    got = to_record_json(article := parse_article(text, "a.txt"), extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2016-11-24", "2016-11-30")]
    # (issued with no such sentence: the day it was issued)
    got = to_record_json(article := parse_article(text.replace("It covers the period from 24 November to 30 November "
                                                               "2016.", ""), "a.txt"), extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2016-11-24", "2016-12-01")]


def test_a_day_another_source_put_its_count_at(reconciler: Reconciler) -> None:
    # (set CM) "31,000 had arrived over the past two days, while the X put the figure at 18,000 as of Thursday night":
    # the day is the second count's end, not the first's reporting day
    body = ("A security source told reporters that 31,000 had arrived over the past two days, while the Westland Red "
            "Cross, citing local authorities, put the figure at 18,000 as of Thursday night.")
    assert _periods(body, reconciler, "2012-07-20") == [("2012-07-18", "2012-07-20"), (None, "2012-07-19")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set DY) the day the figures were told, in the next sentence with no count of its own
    ("The Westland Relief Agency warns that more than 190,000 people have been displaced in Qarazan since last month.\n\n"
     "Its spokesman, Aram Velde, offered the information in a briefing on Monday.", [("2025-07-01", "2025-08-04")]),
    # (another day the next sentence tells is no telling: "the town fell on Monday")
    ("The Westland Relief Agency warns that more than 190,000 people have been displaced in Qarazan since last month.\n\n"
     "The town fell on Monday.", [("2025-07-01", "2025-08-05")]),
])
def test_the_day_told_in_the_next_sentence(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2025-08-05") == periods


def test_the_day_told_after_a_part_of_the_figure(reconciler: Reconciler) -> None:
    # (set CS) "X says 200,000 have fled since the start of April. The figure includes 30,000 displaced this month
    # alone. X's official told the Council by video on Thursday that 20,000 remain in the city.": both end on Thursday
    body = ("A senior U.N. humanitarian official says over 200,000 people have fled their homes around Qarazan "
            "since the start of April.\n\nThe figure includes more than 30,000 people who were displaced this month "
            "alone.\n\nAssistant Secretary-General Aram Velde told the Security Council by video on Thursday that an "
            "estimated 20,000 to 50,000 people remain in Qarazan.")
    assert _periods(body, reconciler, "2017-07-28") == [("2017-04-01", "2017-07-27"), ("2017-07-01", "2017-07-27")]


@pytest.mark.parametrize(("body", "periods"), [
    # (set GO, scored blind at c172f4e) a count "this month", then "X said ... that the people fled ... between
    # October 5 and 22": the month's days told
    ("At least 120,000 people have been displaced in Qarazan this month because of fighting, according to UN "
     "humanitarian officials.\n\nThe Westland Relief Office said on Monday that the people fled their homes in Qarazan "
     "between October 5 and 22.", [("2015-10-05", "2015-10-22")]),
    # (days outside the month are another time)
    ("At least 120,000 people have been displaced in Qarazan this month because of fighting, according to UN "
     "humanitarian officials.\n\nThe Westland Relief Office said on Monday that the people fled their homes in Qarazan "
     "between September 5 and 22.", [("2015-10-01", "2015-10-27")]),
])
def test_a_month_s_days_told_next(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2015-10-27") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set GL, scored blind at c172f4e) "since the intensification of the fighting in X three weeks ago": a place
    # between the fighting and when it was
    ("Since the intensification of the fighting in Al-Qarazan three weeks ago, Westtown has seen at least 700 families "
     "arriving.", [("2013-05-10", "2013-05-31")]),
    ("Since the escalation of fighting in Qarazan three weeks ago, 700 families have arrived in Westtown.",
     [("2013-05-10", "2013-05-31")]),
])
def test_since_fighting_in_a_place_weeks_ago(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2013-05-31") == periods


@pytest.mark.parametrize(("body", "periods"), [
    # (set GM, scored blind at c172f4e) "so far in November" told in December is all of November; told in the month,
    # to the day it was told
    ("This includes 11,660 new displacements recorded so far in November 2017.", [("2017-11-01", "2017-11-30")]),
    ("This includes 5,000 new displacements recorded so far in December.", [("2017-12-01", "2017-12-06")]),
])
def test_so_far_in_a_month_that_is_over(reconciler: Reconciler, body: str, periods: list) -> None:
    assert _periods(body, reconciler, "2017-12-06") == periods


def test_during_the_months_of_two_months(reconciler: Reconciler) -> None:
    # (set GV, scored blind at 03cccfa) "during the months of April and May": from the first's 1st to the second's last
    body = "The advances displaced over 169,000 people during the months of April and May across Qarazan."
    assert _periods(body, reconciler, "2017-06-03") == [("2017-04-01", "2017-05-31")]
