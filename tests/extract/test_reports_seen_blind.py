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


# (sets AA-AC, scored blind at eeeb772)
# a count quoted from its opening word inside the sentence is still the object of the flow's noun
def test_a_quote_that_opens_on_the_count(reconciler: Reconciler) -> None:
    got = record("The fighting over the past week has sparked an exodus of “more than 30,000 civilians, most of them "
                 "women and children”, the agency's director said.", reconciler)
    assert [(o["figure"], o["qualifier"]) for o in got["displacement"]] == [(30000, "more_than")]


def test_a_running_total_of_those_who_left_a_place(reconciler: Reconciler) -> None:
    got = record("More than 40,000 people have fled western Qarazan, the agency said, bringing the total who have left "
                 "the country's biggest city to 60,000 since August.", reconciler)
    assert {o["figure"]: o["period_start"] for o in got["displacement"]} == {40000: None, 60000: "2020-08-01"}


# a "since" period closed on a day of the next year, and on an undated page the latest full date told so far gives
# later day-months their year
def test_since_a_day_to_a_day_of_the_next_year_on_an_undated_page(reconciler: Reconciler) -> None:
    got = record("According to the agency, the number of displaced people since December 1, 2019, to February 17, "
                 "reached 875,000. Of them, 40,000 were displaced between 12-17 February.", reconciler,
                 published="not stated")
    periods = {o["figure"]: (o["period_start"], o["period_end"]) for o in got["displacement"]}
    assert periods == {875000: ("2019-12-01", "2020-02-17"), 40000: ("2020-02-12", "2020-02-17")}


# the start of "the offensive" told sentences before: "since the offensive began", "the offensive has so far forced"
@pytest.mark.parametrize("sentence", [
    "Some 12,000 people have fled Qarazan since the offensive began, the agency said.",
    "The agency says the offensive has so far forced up to 12,000 people to flee towards the border.",
])
def test_the_offensive_dated_sentences_before(reconciler: Reconciler, sentence: str) -> None:
    got = record("The incident is the deadliest since a regime offensive in Qarazan began on June 19. Westland said it "
                 "would keep its border closed. Rescuers are still at work. The agency called for calm.\n\n" + sentence,
                 reconciler, published="2021-06-28")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2021-06-19", "2021-06-28")


# a body's people speaking as a group speak for the body: "ABC activists documented", not a collective with none
@pytest.mark.parametrize(("sentence", "reporter"), [
    ("SOHR activists documented the displacement of more than 40,000 civilians in the past 24 hours from Saraqib.", "SOHR"),
    ("UNHCR officials said some 3,000 people crossed into Turkey on Monday.", "UNHCR"),
    ("Local activists said some 3,000 people crossed into Turkey on Monday.", None),
])
def test_a_bodys_activists_speak_for_it(reconciler: Reconciler, sentence: str, reporter: str | None) -> None:
    (found,) = record(sentence, reconciler)["displacement"]
    assert found["reported_by"] == reporter


# "as of today" in a quote is the day the quote was said: the count stands at that day, with no start of its own
def test_as_of_today_in_a_quote_said_yesterday(reconciler: Reconciler) -> None:
    got = record('"As of today, the number of Syrians who entered Westland has exceeded 60,000," Deputy Prime '
                 'Minister Aram Velde told reporters yesterday.', reconciler)
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == (None, "2021-05-13")



# "to date" counts up to the day it was said (open start, as "as of today"); "so far" alone stays open, as annotators
# read it (10 of 11 "so far" figures open, 8 of 10 "to date" figures ending on the report's day)
@pytest.mark.parametrize(("sentence", "period"), [
    ("To date, 4,000 people have been displaced from Qarazan, the agency said.", (None, "2021-05-14")),
    ("The Red Crescent has registered 4,000 people displaced in Qarazan to date.", (None, "2021-05-14")),
    ("So far, 4,000 people have been displaced from Qarazan, the agency said.", (None, None)),
    ("The agency keeps an up to date list: 4,000 people have been displaced from Qarazan.", (None, None)),
])
def test_to_date_ends_on_the_report_day(reconciler: Reconciler, sentence: str, period: tuple) -> None:
    (found,) = record(sentence, reconciler, published="2021-05-14")["displacement"]
    assert (found["period_start"], found["period_end"]) == period

# a part of a hosted population defined by a flight over a span of days is a flow ("home to 35,000 refugees,
# including 3,000 who arrived from X in just 10 days"); without any time it stays part of the population
@pytest.mark.parametrize(("tail", "figures"), [
    ("including 3,000 who arrived from Qusayr in just 10 days.", [3000]),
    ("including 3,000 who arrived from Qusayr within two weeks.", [3000]),
    ("including 3,000 who arrived from Qusayr.", []),
])
def test_a_hosted_part_that_fled_within_days(reconciler: Reconciler, tail: str, figures: list[int]) -> None:
    got = record("The town hosts some 35,000 refugees, " + tail, reconciler)
    assert [o["figure"] for o in got["displacement"]] == figures


# "The report confirms that ..." after "X has released a report ...": X's words, and X reports the figure
def test_the_report_is_the_body_that_released_it(reconciler: Reconciler) -> None:
    got = record("The Qarazan Relief Office (QRO) has released a report detailing the displacement crisis in the east. "
                 "The report confirms that these clashes have resulted in the displacement of 6,500 families.", reconciler)
    (found,) = got["displacement"]
    assert found["reported_by"] == "Qarazan Relief Office (QRO)"
    assert [s["speaker"] for s in got["statements"]] == ["Qarazan Relief Office (QRO)"]


# a person described at length ("Name, a resident of the X camp which is near ..., told Y, ...") still speaks
def test_a_long_description_after_a_name(reconciler: Reconciler) -> None:
    got = record("Aram Velde, a resident of the Qarazan refugee camp which is near the boundary between areas under the "
                 "control of two rebel groups in the north of the province, told the paper, “Fear has overcome us.”",
                 reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]


def test_a_dam_described_at_length_is_no_person(reconciler: Reconciler) -> None:
    got = record("The fighters advanced on Qarazan Dam, a major target in their military campaign to isolate and "
                 "capture the group's biggest urban stronghold.", reconciler)
    assert got["people"] == []


# "according to the Britain-based war monitor": the monitor named before; "according to the U.K.-based X Network": X
@pytest.mark.parametrize(("second", "speaker"), [
    ("According to the Britain-based war monitor, at least 17 civilians were killed on Thursday.",
     "Syrian Observatory for Human Rights"),
    ("According to the U.K.-based Qarazan Network for Human Rights, at least 214 civilians have been killed.",
     "Qarazan Network for Human Rights"),
])
def test_according_to_a_described_or_located_body(reconciler: Reconciler, second: str, speaker: str) -> None:
    got = record("Air strikes have killed 46 people since yesterday, the Syrian Observatory for Human Rights said on "
                 "Thursday.\n\nThe Observatory says the air strike was part of a barrage of missiles that hit the area as "
                 "regime forces make a push to gain territory and head toward a strategic border crossing."
                 "\n\n" + second, reconciler)
    assert [s["speaker"] for s in got["statements"]][-1] == speaker


# "..., a UN spokesman told reporters." then "Name, the deputy UN spokesman, said": the lead's spokesman is that person
def test_a_spokesman_named_in_the_next_sentence(reconciler: Reconciler) -> None:
    got = record('The United Nations is "deeply concerned about the safety of civilians" in Qarazan, a UN spokesman '
                 'told reporters here Wednesday.\n\n"Fighting has dramatically spread," Aram Velde, the deputy UN '
                 'spokesman, said at a daily news briefing here.', reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]


def test_a_spokesman_of_another_body_named_next_is_not_the_leads(reconciler: Reconciler) -> None:
    got = record('The United Nations is "deeply concerned about the safety of civilians" in Qarazan, a UN spokesman '
                 'told reporters here Wednesday.\n\n"Fighting has dramatically spread," Aram Velde, the ICRC '
                 'spokesman, said at a news briefing.', reconciler)
    assert [s["speaker"] for s in got["statements"]][0] != "Aram Velde"


# (sets AE, AF and AD, scored blind at 8dc4b32 and 69a78b1)
# running totals of the internally displaced over a stated span, and a unit given again at the sentence's end
@pytest.mark.parametrize(("sentence", "expected"), [
    ("According to the report, the number of internally displaced people from April 29 to May 6 has amounted to "
     "103539 persons, about 16619 families.", {103539: "2021-04-29", 16619: "2021-04-29"}),
    ("The total number of people, who have been internally displaced between February 2 and May 6, is more than "
     "317868 persons, the equivalent to 51022 families.", {317868: "2021-02-02", 51022: "2021-02-02"}),
    ("The number of internally displaced people in the camp has reached 103,539.", {}),
])
def test_running_totals_of_the_internally_displaced(reconciler: Reconciler, sentence: str,
                                                    expected: dict[int, str]) -> None:
    got = record(sentence, reconciler)
    assert {o["figure"]: o["period_start"] for o in got["displacement"]} == expected


# "during that period" is the span told before, not the day the source spoke ("between June 3 and 15, the agency said
# Tuesday")
def test_that_period_is_the_span_told_before_not_the_day_said(reconciler: Reconciler) -> None:
    got = record("Some 23,000 people have fled from Qarazan to Westland between June 3 and 15, the agency said Tuesday. "
                 "“New fighting has seen 23,135 refugees fleeing across the border,” during that period, spokesman Aram "
                 "Velde said.", reconciler, published="2021-06-16")
    found = _by_figure(got)
    assert (found[23135]["period_start"], found[23135]["period_end"]) == ("2021-06-03", "2021-06-15")
    assert found[23135]["reported_by"] == found[23000]["reported_by"]  # the agency's spokesman


# a page that lost the space after a full stop still has two sentences there
def test_sentences_glued_by_a_lost_space(reconciler: Reconciler) -> None:
    got = record("They were sent to camps set up in the past week, adding to the 150,000 refugees who are overwhelming "
                 "the region’s ability.“Compared to the past few days, this is the smallest number,” an official told "
                 "the paper.Since the reopening, more than 10,000 Syrians have crossed the border.", reconciler)
    assert [o["figure"] for o in got["displacement"]] == [10000]


# a key-figures heading's "as of" day closes the periods of the counts under it; a count ending in a colon gives its
# source ("recorded by X") to the counts right after it
def test_a_heading_as_of_day_and_a_source_before_a_colon(reconciler: Reconciler) -> None:
    got = record("KEY DISPLACEMENT STATISTICS (AS OF 15 MAY 2021)\n\n1,485,295 displacements recorded by the ABC Cluster "
                 "in the last 12 months from affected areas of the north and south:\n\n1,393,647 displacements from "
                 "affected areas of the north. Around 15,000 displacements were recorded so far in May 2021.",
                 reconciler, published="2021-05-24", publisher="UNHCR")
    found = _by_figure(got)
    assert (found[1485295]["period_start"], found[1485295]["period_end"]) == ("2020-05-15", "2021-05-15")
    assert (found[15000]["period_start"], found[15000]["period_end"]) == ("2021-05-01", "2021-05-15")
    assert {o["reported_by"] for o in got["displacement"]} == {"ABC Cluster"}


# a title of displacement and returns ("Overview of IDP Movements and Spontaneous Returns") is not all about going
# home; "IDP departures" are people who fled
def test_a_title_of_movements_and_returns(reconciler: Reconciler) -> None:
    got = record("Throughout July, assessed communities witnessed a total of 52,910 IDP arrivals and 33,778 IDP "
                 "departures, a decrease compared to June.", reconciler, published="2021-07-31",
                 title="Monthly Overview of IDP Movements and Spontaneous Returns, July 2021")
    assert {o["figure"]: o["period_start"] for o in got["displacement"]} == {52910: "2021-07-01", 33778: "2021-07-01"}


def test_a_title_about_returns_alone(reconciler: Reconciler) -> None:
    got = record("Some 1,300 families crossed into the country last week.", reconciler,
                 title="Thousands of refugees return home")
    assert got["displacement"] == []


# "Since the start of hostilities at the end of April": a "since" period from the end of April
@pytest.mark.parametrize(("sentence", "start"), [
    ("Since the start of hostilities at the end of April, more than 400,000 people have been displaced.", "2021-04-30"),
    ("Since the launch of the operation on 9 April, more than 400,000 people have been displaced.", "2021-04-09"),
])
def test_since_the_start_of_an_event_on_a_date(reconciler: Reconciler, sentence: str, start: str) -> None:
    (found,) = record(sentence, reconciler, published="2021-08-29")["displacement"]
    assert (found["period_start"], found["period_end"]) == (start, "2021-08-29")


# "14,216 families—equal to about 92,119 people—": both counts; a lead that dates fresh displacements gives them (and
# the undated page's relative dates) their days
def test_a_lead_that_dates_fresh_displacements_on_an_undated_page(reconciler: Reconciler) -> None:
    got = record("The Qarazan Response Team said that the southern countryside witnessed fresh displacements from Aug. 11 "
                 "to Aug. 14, 2019.\n\nOn Wednesday, the group issued a statement in which it said that more than "
                 "14,216 families—equal to about 92,119 people—had recently been displaced from the south.\n\nThe "
                 "statement added that over the previous 24 hours, more than 6,000 families had been displaced.",
                 reconciler, published="not stated")
    periods = {o["figure"]: (o["period_start"], o["period_end"]) for o in got["displacement"]}
    assert periods == {14216: ("2019-08-11", "2019-08-14"), 92119: ("2019-08-11", "2019-08-14"),
                       6000: ("2019-08-13", "2019-08-14")}


def test_a_lead_that_dates_only_a_month_gives_no_day(reconciler: Reconciler) -> None:
    got = record("The war began in March 2011.\n\nOver the previous 24 hours, more than 6,000 families had been "
                 "displaced.", reconciler, published="not stated")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == (None, None)


# (sets AG-AI, scored blind at a988903)
# people reached by aid and a part of those in need who are displaced are no flight
@pytest.mark.parametrize("sentence", [
    "Nearly a quarter of a million urgently need aid and more than 60,000 people have been reached by convoys.",
    "From January to April, some 764,000 people have been reached through relief convoys.",
    "More than 13.1 million Syrians are in need of humanitarian aid including 6.1 million who have been displaced "
    "within the country.",
])
def test_reached_by_aid_and_in_need_are_no_flight(reconciler: Reconciler, sentence: str) -> None:
    assert record(sentence, reconciler)["displacement"] == []


def test_people_who_reached_a_town_fled(reconciler: Reconciler) -> None:
    assert [o["figure"] for o in record("More than 2,000 people reached Qarazan on Monday.", reconciler)["displacement"]] \
        == [2000]


# "X announced Oct. 9 the launch of the operation": the day "since the operation began" counts from
def test_the_launch_announced_on_a_day(reconciler: Reconciler) -> None:
    got = record("The president announced Oct. 9 the launch of the military operation east of the river.\n\nThe monitor "
                 "has estimated that some 60,000 civilians have fled since the operation began.", reconciler,
                 published="2021-10-11")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2021-10-09", "2021-10-11")


# a wire dateline with no dash ("BEIRUT, July 19 About 20,000 ...") is when the copy was filed, not the period
def test_a_dateline_without_a_dash(reconciler: Reconciler) -> None:
    got = record("QARAZAN, July 19 About 20,000 Syrians have travelled across the main border crossing over the past "
                 "24 hours, a security source said.", reconciler, published="2021-07-19")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2021-07-18", "2021-07-19")


# "since the latest violence two days ago": from two days before
def test_since_the_latest_violence_days_ago(reconciler: Reconciler) -> None:
    got = record("Since the latest violence two days ago, another 3,000 had crossed the border, the agency said.",
                 reconciler, published="2021-12-19")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2021-12-17", "2021-12-19")


# "According to the Syrian News Agency (SANA), ...": the agency, known by its acronym, speaks (a name the curated list
# does not hold, then the acronym it does)
def test_according_to_a_name_and_its_acronym(reconciler: Reconciler) -> None:
    got = record("According to the Syrian News Agency (SANA), about 5,000 persons have been transferred to temporary "
                 "housing in the capital.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["SANA"]
    assert [o["reported_by"] for o in got["displacement"]] == ["SANA"]


# "..., a senior UN aid official said." then "..., Name told the council": the body's official, and so again when
# the text names her by her surname; "ABC, an aid group, said ..." then "A spokesman told ...": ABC's spokesman
def test_the_official_named_after_the_lead_speaks_for_the_body(reconciler: Reconciler) -> None:
    got = record("More than 270,000 Syrians have fled fighting in Qarazan since mid-December, a senior UN aid official "
                 "said on Tuesday.\n\nCamps for the displaced are overstretched, assistant secretary-general for "
                 "humanitarian affairs Aram Velde told the council.\n\nSome 15,000 people have been displaced within the "
                 "district, said Velde.", reconciler)
    assert {o["figure"]: o["reported_by"] for o in got["displacement"]} == {270000: "UN", 15000: "UN"}


def test_a_spokesman_after_the_body_that_spoke(reconciler: Reconciler) -> None:
    got = record("Mercy Corps, an international aid group, said on Thursday that it had been forced to suspend food "
                 "deliveries.\n\nA spokesman told the AP news agency that about 21,000 Syrians who have fled the fighting "
                 "recently arrived at the nearby border.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Mercy Corps"]


# (sets AJ-AL and AK, scored blind at 7db774a)
@pytest.mark.parametrize(("sentence", "figures"), [
    ("A further 2000 arrived during the course of the night.", [2000]),
    ("In 2014 the town was shelled.", []),
    ("Many civilians who have remained in the conflict zone have been forced to flee, nearly 9,600 people.", [9600]),
    ("Many civilians were killed, nearly 9,600 people.", []),
    ("As of today, some 1,500 Turkmen brothers and sisters have come to our border, the governor said.", [1500]),
    ("In the past few days more than 100,000 Syrian Kurds have rushed over the border.", [100000]),
    ("Nearly 600,000 Syrians are surging toward the border to escape the advance.", [600000]),
    ("They have joined more than 300,000 people displaced from areas farther south since the launch of an offensive in "
     "early December, bringing to 586,000 the number of people now on the move.", [300000, 586000]),
    ("Around 9,000 fled into Westland, while 1,000 escaped to Eastland and another 1,000 to Northland.", [9000, 1000, 1000]),
    ("By June 26, between fifty and eighty thousand residents fled toward the north.", [50000, 80000]),
])
def test_flows_met_in_sets_aj_to_al(reconciler: Reconciler, sentence: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(sentence, reconciler)["displacement"]] == figures


def test_number_words_of_two_counts_keep_their_scales() -> None:
    from lod.extract.numbers import find_numbers
    assert [n.value for n in find_numbers("between fifty and eighty thousand")] == [50000, 80000]
    assert [n.value for n in find_numbers("one hundred and fifty people")] == [150]
    assert [n.value for n in find_numbers("between eight thousand five hundred and eighteen thousand")] == [8500, 18000]


# spans of days written as "in the span of just one week", "within a week" (with a perfect before or after), not "in
# four days of talks" (nor "in two weeks of fighting": tests/data/extraction/phrasings.yaml)
@pytest.mark.parametrize(("sentence", "period"), [
    ("The official emphasised that in the span of just one week, 6,382 civilians have been displaced from their homes.",
     ("2023-08-31", "2023-09-07")),
    ("Some 5,000 people have fled the town within a week.", ("2023-08-31", "2023-09-07")),
])
def test_spans_of_days_before_or_after_a_perfect(reconciler: Reconciler, sentence: str, period: tuple[str, str]) -> None:
    (found,) = record(sentence, reconciler, published="2023-09-07")["displacement"]
    assert (found["period_start"], found["period_end"]) == period


# "Statistics of the X Council indicate that ..." gives the council the figure; "120,000 of them relocating to Y" is a part
def test_statistics_of_a_council_and_a_part_relocating(reconciler: Reconciler) -> None:
    got = record("Statistics of Qarazan Local Council indicate that since 2019, nearly 5,000 families have been displaced "
                 "to the region.\n\nThe operation displaced about 150,000 residents, with more than 120,000 of them "
                 "relocating to Tabqa.", reconciler)
    assert {o["figure"]: o["reported_by"] for o in got["displacement"]} == {
        5000: "Qarazan Local Council", 150000: None, 120000: None}


# "The UK-based monitoring group said": the monitor named before, not the armed group named last
def test_a_monitoring_group_is_the_monitor(reconciler: Reconciler) -> None:
    got = record("Gunmen have abducted 230 civilians in a town hours after it fell to Islamic State, according to the "
                 "Syrian Observatory for Human Rights.\n\nThe UK-based monitoring group said the civilians were taken on "
                 "Thursday.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Syrian Observatory for Human Rights"] * 2


# "Archbishop Name, head of the X Church in Y, was forced to flee. He told ...": a person (title left off), then his words;
# a church is a body, no person's name
def test_a_prelate_named_with_his_post_speaks_later(reconciler: Reconciler) -> None:
    got = record("Archbishop Aram Velde Hindo, head of the Qarazan Catholic Church in the city, was forced to flee.\n\nHe "
                 "told the agency that the locals had joined the fighters.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Aram Velde Hindo"]
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde Hindo"]


def test_an_office_of_affairs_is_no_person(reconciler: Reconciler) -> None:
    got = record("Aram Velde, director of the Office of Displaced Affairs in the region, confirmed the numbers to the "
                 "website.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Aram Velde"]


# "..., according to Name, a spokesperson for X, AFP reported.": the source the outlet relays speaks
def test_an_outlet_relaying_an_according_to(reconciler: Reconciler) -> None:
    got = record("People arriving at shelters have described “running in the face of shelling,” according to Aram Velde, "
                 "a spokesperson for the UN children’s agency, AFP reported.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]


def test_an_outlet_that_reports_alone(reconciler: Reconciler) -> None:
    got = record("Some 5,000 people fled the town on Monday, AFP reported.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["AFP"]


# "Name, 45, and her children ... “...,” she told X": an age after a name makes a person, whom "she" is
def test_a_person_named_with_an_age_speaks_as_she(reconciler: Reconciler) -> None:
    got = record("The president announced the launch of the operation.\n\nSalma Qarazi, 45, and her children spent their "
                 "first night in the city. “We ran out as planes hovered over us,” she told the paper.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Salma Qarazi"]
    assert [s["speaker"] for s in got["statements"]] == ["Salma Qarazi"]


def test_the_un_humanitarian_agency_is_ocha(reconciler: Reconciler) -> None:
    got = record("Around 38,500 people have fled to areas further north, the UN humanitarian agency said.", reconciler)
    assert [o["reporter_ref"] for o in got["displacement"]] == ["ocha"]


# (sets AM and AO, scored blind at 38125ac)
@pytest.mark.parametrize(("sentence", "expected"), [
    ("The official told Westland 24 that the government had opened its arms to the refugees fleeing the north.", []),
    ("The official told Westland 24 people had fled the north.", [(24, "exact")]),
    ("The attacks have forced no few than 215,000 civilians to flee the region since November.", [(215000, "at_least")]),
])
def test_an_outlets_number_and_a_misspelt_bound(reconciler: Reconciler, sentence: str,
                                               expected: list[tuple[int, str]]) -> None:
    got = record(sentence, reconciler)
    assert [(o["figure"], o["qualifier"]) for o in got["displacement"]] == expected


# (set AN, scored blind at ca33564)
@pytest.mark.parametrize(("sentence", "figures"), [
    ("She said another 500 families, each on average numbering about six people, arrived overnight.", [500]),
    ("The influx brought to more than 30,000 the number of Syrians reaching the camp this month.", [30000]),
    ("Westland is currently hosting about 2 million refugees who fled the country after it was engulfed by a civil war "
     "in 2011.", []),
    ("The camp shelters 45,000 refugees who arrived in the past year.", [45000]),
])
def test_sizes_running_totals_and_hosted_refugees(reconciler: Reconciler, sentence: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(sentence, reconciler)["displacement"]] == figures


# a title about returns that do not happen is not about going home; people who sneaked across a border fled
def test_a_title_of_prevented_returns(reconciler: Reconciler) -> None:
    got = record("More than 23,000 civilians have crossed the border into the province over the past two weeks.",
                 reconciler, title="Militia prevents Syrian refugees return to Qarazan")
    assert [o["figure"] for o in got["displacement"]] == [23000]


def test_people_who_sneaked_across_then_more(reconciler: Reconciler) -> None:
    got = record("On Monday night nearly 1,000 Syrians sneaked across the northern border, according to officials at "
                 "UNHCR. On Tuesday night, there were 790 more.", reconciler)
    assert [o["figure"] for o in got["displacement"]] == [1000, 790]


# (sets AP-AR, scored blind at a43d5d0)
@pytest.mark.parametrize(("sentence", "figures"), [
    ("Some 670 refugees landed in the past week.", [670]),
    ("At least 70,000 people have crossed into the country in less than two days, and the real figure may be more than "
     "100,000, the representative said.", [70000, 100000]),
    ("Refugees continue to pour in, with over 3,000 Syrians entering the country between Monday night and Tuesday.",
     [3000]),
    ("Now added to these are the displaced from the east, whose number has reached 47,450 with the arrival on Saturday "
     "of the last batch.", [47450]),
    ("The group has expelled around 60,000 people from their homes in the east.", [60000]),
])
def test_flows_met_in_sets_ap_to_ar(reconciler: Reconciler, sentence: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(sentence, reconciler)["displacement"]] == figures


def test_refugees_washed_over_the_border_under_a_title_of_returns(reconciler: Reconciler) -> None:
    got = record("Officials have said that more than 130,000 refugees from Qarazan had washed over the border within days "
                 "since Friday.", reconciler, title="Thousands of Kurdish Refugees Returning to Qarazan")
    assert [o["figure"] for o in got["displacement"]] == [130000]


# on an undated page, "since the civil war began in 2011" gives no year to a later "since April"
def test_the_start_of_a_war_is_no_date_of_the_page(reconciler: Reconciler) -> None:
    got = record("The battle, one of the fiercest since the civil war began in 2011, is intensifying. The assault has "
                 "displaced more than 100,000 people since April.", reconciler, published="not stated")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == (None, None)


# "today (30 November)" in the text of a page dated 2 December: the text's day, which its "past 72 hours" counts from
def test_the_texts_own_today_before_the_page_date(reconciler: Reconciler) -> None:
    got = record("As the battle intensifies, 20,000 people have fled their homes over the past 72 hours.\n\nToday (30 "
                 "November) the agency gained access to parts of the east.", reconciler, published="2016-12-02")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2016-11-27", "2016-11-30")


def test_a_today_weeks_before_the_page_date_is_not_its_day(reconciler: Reconciler) -> None:
    got = record("Some 20,000 people have fled their homes over the past 72 hours.\n\nToday (3 October) marks a year "
                 "since the siege began.", reconciler, published="2016-12-02")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2016-11-29", "2016-12-02")


@pytest.mark.parametrize(("sentence", "period"), [
    ("At least 70,000 people have crossed into the country in less than two days.", ("2021-05-12", "2021-05-14")),
    ("Some 5,000 people have fled the town in the space of a week.", ("2021-05-07", "2021-05-14")),
])
def test_less_than_two_days_and_the_space_of_a_week(reconciler: Reconciler, sentence: str, period: tuple[str, str]) -> None:
    (found,) = record(sentence, reconciler)["displacement"]
    assert (found["period_start"], found["period_end"]) == period


# "The conflict escalated in X in early December, forcing more than 23,000 people to flee": the flight since then
def test_an_event_dated_then_forcing_a_flight(reconciler: Reconciler) -> None:
    got = record("The conflict escalated in Qarazan, the group's last stronghold in the province, in early December, "
                 "forcing more than 23,000 people to flee to the camp, the UN spokesman said.", reconciler,
                 published="2019-02-01")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2018-12-01", "2019-02-01")


def test_a_flight_in_a_month_without_an_event_before_it(reconciler: Reconciler) -> None:
    got = record("More than 23,000 people fled to the camp in early December, the spokesman said.", reconciler,
                 published="2019-02-01")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2018-12-01", "2018-12-31")


# (sets AS-AU, scored blind at be2be26)
def test_a_three_day_exodus_after_a_stock_on_a_day(reconciler: Reconciler) -> None:
    got = record("The number of Syrian refugees in Westland has reached around 60,000 Monday after some 7,000 people "
                 "fled across the border in a three-day mass exodus, according to official data.", reconciler,
                 published="2012-08-13")
    assert [(o["figure"], o["period_start"], o["period_end"]) for o in got["displacement"]] == [
        (7000, "2012-08-10", "2012-08-13")]


def test_a_crowd_followed_and_arrivals_reported_as_new(reconciler: Reconciler) -> None:
    got = record("A spokesperson says 750 people initially crossed the river on Thursday, followed by a huge crowd of "
                 "between 5000 and 7000.\n\nDuring the 24hrs of 26-27 Feb 2013, 327 Syrians were reported by AFAD as "
                 "new arrivals which brings the total number of new arrivals 35,809 and the number of voluntary returns "
                 "during the same period is 15,410.", reconciler, published="2013-02-28")
    assert [o["figure"] for o in got["displacement"]] == [750, 5000, 7000, 327]


def test_the_day_an_according_to_spoke_is_no_period(reconciler: Reconciler) -> None:
    got = record("Over 350,000 people have fled the city to border areas due to attacks, according to civil defense "
                 "sources on Friday.", reconciler, published="2018-07-06")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == (None, None)


@pytest.mark.parametrize(("published", "day"), [
    ("Güncelleme Tarihi: 20 Ağustos 2013, 18:11", "2013-08-20"),
    ("publié le 5 février 2016", "2016-02-05"),
    ("14 ottobre 2019", "2019-10-14"),  # (set CJ, scored blind at b41e283)
    ("1 de dezembro de 2024", "2024-12-01"),
])
def test_a_page_date_in_the_outlets_language(reconciler: Reconciler, published: str, day: str) -> None:
    got = record("Some 3,000 more Syrian refugees have crossed the border early Tuesday.", reconciler, published=published)
    assert got["published_date"] == day


# (sets AV and AW, scored blind at ef3197d)
def test_a_month_from_a_day_and_months_ago_from_the_first(reconciler: Reconciler) -> None:
    got = record("Some 60,000 refugees crossed the border in the month from 15th August, when it reopened.\n\nMore than "
                 "200,000 Syrians have entered the neighbouring countries since the conflict began 17 months ago.",
                 reconciler, published="2012-10-02")
    assert {o["figure"]: (o["period_start"], o["period_end"]) for o in got["displacement"]} == {
        60000: ("2012-08-15", "2012-09-15"), 200000: ("2011-05-01", "2012-10-02")}


def test_contingency_plans_for_a_flight_are_a_projection(reconciler: Reconciler) -> None:
    got = record("The UN refugee agency said it was making contingency plans for all 400,000 inhabitants of the town to "
                 "flee into Westland.", reconciler)
    assert got["displacement"] == []


# (set AP): '..., Syria, warns Save the Children.' (the body after the verb, not the country before it); '"...,” said
# Save the Children’s Syria Country Director Name.' (the body's post-holder, a straight quote closed by a curly one)
def test_a_body_after_its_verb_and_its_post_holder(reconciler: Reconciler) -> None:
    got = record("Thousands of children have been forced from their homes in the latest fighting in Idlib City, Syria, "
                 "warns Save the Children.\n\n\"This weekend I stood with a distraught father,” said Save the Children’s "
                 "Syria Country Director Aram Velde.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Save the Children", "Aram Velde"]


def test_a_country_before_its_verb_still_speaks(reconciler: Reconciler) -> None:
    got = record("Thousands have fled across the border, Turkey says.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Turkey"]


# (sets AW and AX, scored blind at ef3197d and 28655d6)
def test_a_monitor_named_next_and_its_head(reconciler: Reconciler) -> None:
    got = record("Air strikes killed at least 30 civilians on Saturday, a monitor said, while another 150,000 are reported "
                 "to have fled the city since Wednesday.\n\nThe Britain-based Syrian Observatory for Human Rights could not "
                 "say who carried out the strikes.\n\nOn Saturday morning, “around 10,000 civilians streamed out of the "
                 "enclave,” Observatory head Rami Abdel Rahman said.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Britain-based Syrian Observatory for Human Rights",
                                                         "Rami Abdel Rahman"]
    assert {o["figure"]: o["reporter_ref"] for o in got["displacement"]} == {150000: "sohr", 10000: "sohr"}


def test_a_dateline_city_without_a_comma(reconciler: Reconciler) -> None:
    got = record("QARAZAN Aug 9 More than 2,000 people fled violence to reach the neighbouring country in the past two "
                 "days, the authorities said on Thursday.", reconciler, published="2012-08-09")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2012-08-07", "2012-08-09")


def test_believed_to_have_crossed(reconciler: Reconciler) -> None:
    got = record("The new figure includes some 20,000 now believed to have crossed over on Thursday.", reconciler)
    assert [o["figure"] for o in got["displacement"]] == [20000]


# "An Nahar daily quoted informed sources as saying that ...": the outlet speaks for sources it does not name
@pytest.mark.parametrize(("sentence", "speakers"), [
    ("Al Qarazan daily quoted informed sources as saying that more than 20,000 have crossed the border since Wednesday.",
     ["Al Qarazan daily"]),
    ("He quoted informed sources as saying that more than 20,000 have crossed the border since Wednesday.", []),
])
def test_an_outlet_quoting_unnamed_sources(reconciler: Reconciler, sentence: str, speakers: list[str]) -> None:
    assert [s["speaker"] for s in record(sentence, reconciler)["statements"]] == speakers


def test_during_the_course_of_the_night(reconciler: Reconciler) -> None:
    got = record("A further 2000 arrived during the course of the night.", reconciler, published="2013-01-25")
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2013-01-24", "2013-01-25")


@pytest.mark.parametrize(("publisher", "reporter"), [
    # (set BS) an institution's own text carried by another site: the institution reports its figures
    ("US Agency for International Development (USAID), via ReliefWeb", "US Agency for International Development (USAID)"),
    ("Westland Refugee Council, via Reuters", "Westland Refugee Council"),
    # (twenty-fifth session) an aid agency known by its acronym alone, and one whose name carries its acronym
    ("CARE", "CARE"),
    ("Danish Refugee Council (DRC)", "Danish Refugee Council (DRC)"),
    # (a medium's own page, or a body's page on a medium's site: no one's report)
    ("Reuters", None),
    ("Xinhua", None),
    ("Reuters, Westland Refugee Council", None),
])
def test_an_institution_s_text_via_another_site_is_its_own(reconciler: Reconciler, publisher: str,
                                                           reporter: str | None) -> None:
    got = record("In total, more than 17,500 people fled to Qarazan between 14 October and 3 December.", reconciler,
                 published="2019-12-06", publisher=publisher, title="Complex Emergency Fact Sheet #2")
    assert [o["reported_by"] for o in got["displacement"]] == [reporter]


@pytest.mark.parametrize(("sentence", "reporter"), [
    # (set BU) the body that leads another is no source: the body led is
    ("More than 590,000 displacements have been recorded since 1 May, according to the ABC-led Camp Coordination and "
     "Camp Management (CCCM) Cluster.", "Camp Coordination and Camp Management (CCCM) Cluster"),
    ("More than 5,000 people fled Qarazan, according to the Westland-backed Qarazan Relief Council.",
     "Qarazan Relief Council"),
])
def test_a_body_led_by_another(reconciler: Reconciler, sentence: str, reporter: str) -> None:
    got = record(sentence, reconciler, published="2019-08-22")
    assert [o["reported_by"] for o in got["displacement"]] == [reporter]


@pytest.mark.parametrize(("sentence", "figures"), [
    # (set BU) an aid count of people counted by their flight is no count of the flight
    ("Some 264,500 newly displaced people were assisted with ready-to-eat rations since 1 May.", []),
    ("264,500 newly displaced people assisted with ready-to-eat rations since 1 May", []),
    ("264,500 newly displaced people arrived in Qarazan since 1 May", [264500]),
])
def test_an_aid_count_of_the_displaced(reconciler: Reconciler, sentence: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(sentence, reconciler, published="2019-08-22")["displacement"]] == figures


def test_informal_reports_in_an_agency_update_are_no_one_s(reconciler: Reconciler) -> None:
    # (set BY) "However, informal reports indicated that ...": not the agency's own count; and "Qarazan al-Balad" after
    # "from" is a place, not a person's name
    got = record("However, informal reports indicated that as many as 45,000 people may have been displaced from Qarazan "
                 "al-Balad since 28 July.\n\nOver 38,600 people have fled Qarazan since 28 July.", reconciler,
                 published="2021-08-23", publisher="Westland Refugee Council", title="Flash Update 3")
    assert [o["reported_by"] for o in got["displacement"]] == [None, "Westland Refugee Council"]
    assert got["people"] == []


@pytest.mark.parametrize(("sentence", "reporter"), [
    # (set BX) buses that reached a place carrying people: a flight; a medium's correspondent reports for the medium
    ("An Anadolu Agency correspondent reported that 30 buses had reached Qarazan on Friday carrying more than 1,900 "
     "people.", "Anadolu Agency"),
    ("At least 80 buses left Qarazan carrying 1,900 people, an AFP correspondent in rebel-held territory said.", "AFP"),
])
def test_buses_carrying_people_told_by_a_correspondent(reconciler: Reconciler, sentence: str, reporter: str) -> None:
    got = record(sentence, reconciler, published="2018-03-23")
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [(1900, reporter)]


def test_buses_that_wait_carry_no_flight(reconciler: Reconciler) -> None:
    got = record("Thirty buses were waiting at the crossing on Friday, carrying 1,900 people.", reconciler,
                 published="2018-03-23")
    assert got["displacement"] == []


def test_an_arabic_name_of_a_place_or_a_group_is_no_person(reconciler: Reconciler) -> None:
    # (set BX) "the settlement of Qarazan al-Mudiq", "the Qarazan al-Rahman group": no one who speaks
    got = record("According to Aram Velde, militants of the Faylaq al-Westi group continue to leave the area. "
                 "\"All of them were taken to the settlement of Qalaat al-Westi,\" he said.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Aram Velde"]
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]


def test_a_camp_manager_speaks_for_no_body(reconciler: Reconciler) -> None:
    # (set CC) "the manager of Westtown camp in Qarazan": a place; the camp's administration would be a body
    got = record("Speaking to reporters, Aram Velde, the manager of Westtown camp in northern Qarazan, said more than "
                 "20,000 people from Eastdale province arrived in the camp.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_plo_official(reconciler: Reconciler) -> None:
    # (set CR) "a PLO official in Damascus said Sunday": the body is known
    got = record("Some 2,000 people have managed to leave Qarazan camp, a PLO official in Damascus said Sunday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["PLO"]


@pytest.mark.parametrize(("sentence", "reporter"), [
    # (set CR) a bare post names no office: no body reports the figure; a place's governor is that office
    ("More than 200 civilians were evacuated from Qarazan on Wednesday, governor Aram Velde told reporters.", None),
    ("More than 200 civilians were evacuated from Qarazan on Wednesday, Qarazan Governor Aram Velde told reporters.",
     "Qarazan Governor"),
])
def test_a_governor_s_office(reconciler: Reconciler, sentence: str, reporter: str | None) -> None:
    assert [o["reported_by"] for o in record(sentence, reconciler)["displacement"]] == [reporter]


def test_dg_echo_by_its_long_name(reconciler: Reconciler) -> None:
    # (set CH) an ECHO Daily Flash names its publisher in full: a known body, not "European Commission's Directorate"
    got = record("More than 75,000 people have been displaced from Qarazan in the month of August.", reconciler,
                 publisher="European Commission's Directorate-General for European Civil Protection and Humanitarian Aid "
                           "Operations (DG ECHO)", title="Syria – Conflict (ECHO Daily Flash of 23 August 2019)")
    assert [o["reported_by"] for o in got["displacement"]] == [
        "European Commission's Directorate-General for European Civil Protection and Humanitarian Aid Operations"]
