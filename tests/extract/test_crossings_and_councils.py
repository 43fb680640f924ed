"""Places named by a border crossing, names that say who holds a place, and a town's council as a source (rules
added after the twentieth written set's first run); every sentence is written for the test, with invented towns."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


@pytest.mark.parametrize(("body", "place"), [
    ("Most came through the Qarazan border post, officials said.", "Qarazan"),
    ("Thousands crossed at the Tal Minar border gate on Friday.", "Tal Minar"),
    ("The Qarazan crossing was closed on Monday.", "Qarazan"),
])
def test_the_name_before_a_crossing_noun_is_a_place(reconciler: Reconciler, body: str, place: str) -> None:
    assert place in record(body, reconciler)["places"]


def test_a_known_town_before_a_border_gate_is_the_place(reconciler: Reconciler) -> None:
    # a town outside Syria (data/reference/world-places.yaml) before "border gate" names the crossing, not "X border"
    got = record("More than 13,000 Syrians have crossed through the Reyhanli border gate since Wednesday.", reconciler)
    assert "Reyhanli" in got["places"] and "Reyhanli border" not in got["places"]


@pytest.mark.parametrize("body", [
    "Some 1,400 Syrians crossing on Thursday were sent back.",
    "Refugees crossing the river were stopped.",
])
def test_people_crossing_are_no_place(reconciler: Reconciler, body: str) -> None:
    got = record(body, reconciler)["places"]
    assert not any(word in place for place in got for word in ("Syrians", "Refugees"))


def test_a_name_that_says_who_holds_a_town_is_no_place(reconciler: Reconciler) -> None:
    got = record("Fighters advanced on the HTS-held town of Qarazan and the Rebel Front-controlled village of Minar.", reconciler)
    assert not any(place.endswith(("-held", "-controlled")) for place in got["places"])
    assert "HTS" in got["organizations"]  # the curated name before "-held" is still found


def test_a_towns_council_speaks_and_reports(reconciler: Reconciler) -> None:
    got = record("About 3,000 people have arrived in the camps since Sunday, the local council of Qarazan told "
                 "reporters on Wednesday.", reconciler)
    assert "local council of Qarazan" in got["organizations"]
    assert [o["reported_by"] for o in got["displacement"]] == ["local council of Qarazan"]
    assert [s["speaker"] for s in got["statements"]] == ["local council of Qarazan"]
    assert "Qarazan" in got["displacement"][0]["places"]  # where the council is counts as the sentence's place


def test_councils_in_general_are_no_organization(reconciler: Reconciler) -> None:
    got = record("Local councils in the area said 3,000 people had arrived since Sunday.", reconciler)
    assert not any("council" in org.lower() for org in got["organizations"])


@pytest.mark.parametrize(("body", "org"), [
    ("Some 1,400 people crossed on Thursday, according to the state news agency Qarnews.", "Qarnews"),
    ("Kurdish news agency Qarnews reported that 3,000 people had fled.", "Qarnews"),
    ("Iran's Qarnews news agency said 3,000 people had fled.", "Qarnews"),
])
def test_a_news_agency_named_beside_its_description(reconciler: Reconciler, body: str, org: str) -> None:
    assert org in record(body, reconciler)["organizations"]


@pytest.mark.parametrize("body", [
    "The news agency said 3,000 people had fled.",
    "The Turkish news agency said 3,000 people had fled.",
    "Turkey's news agency said 3,000 people had fled.",
])
def test_a_news_agency_with_no_name_is_no_organization(reconciler: Reconciler, body: str) -> None:
    got = record(body, reconciler)["organizations"]
    assert not any(word in org for org in got for word in ("Turkish", "Turkey", "The"))


@pytest.mark.parametrize("body", [
    "On Saturday alone, some 500 people arrived in the camp, the Norwegian Refugee Council office there reported.",
    "Some 500 people arrived in the camp on Saturday, the Norwegian Refugee Council field office in Qarazan said.",
])
def test_a_bodys_branch_or_office_speaks_for_it(reconciler: Reconciler, body: str) -> None:
    got = record(body, reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]
    assert [s["speaker"] for s in got["statements"]] == ["Norwegian Refugee Council"]



@pytest.mark.parametrize(("body", "place"), [
    ("Most went to the camps of al-Hol and Ain Issa.", "al-Hol"),
    ("Some 3,000 people fled towards al-Bab on Monday.", "al-Bab"),
])
def test_the_arabic_article_in_lower_case_stays_in_the_name(reconciler: Reconciler, body: str, place: str) -> None:
    assert place in record(body, reconciler)["places"]


def test_a_campaign_named_before_its_kind_speaks(reconciler: Reconciler) -> None:
    got = record("The Norwegian Refugee Council campaign said at least 1,500 people had fled since Sunday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]


def test_people_now_displaced_are_a_stock(reconciler: Reconciler) -> None:
    got = record("Inside the country, the agency estimates that 1.2 million people are now displaced.", reconciler)
    assert got["displacement"] == []


def test_hospitals_as_a_source_are_no_institutions_report(reconciler: Reconciler) -> None:
    got = record("Hospitals in the Qarazan Valley report that around 1,000 families have crossed over the past four days.",
                 reconciler, publisher="Norwegian Refugee Council")
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [(1000, None)]


def test_a_security_body_named_by_its_head_word_speaks(reconciler: Reconciler) -> None:
    got = record("Qarazan's General Security said 18,000 people had entered the country on Thursday alone.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Qarazan's General Security"]  # as written


def test_the_source_after_a_body_s_source_is_that_source(reconciler: Reconciler) -> None:
    got = record("Around 2,850 people entered through the crossing over the weekend, a General Security source told "
                 "reporters on Monday. Another 1,100 returned through the same crossing, the source said.", reconciler)
    assert len(got["statements"]) == 2
    assert got["statements"][1]["speaker"] == got["statements"][0]["speaker"]


def test_a_bodys_unnamed_post_speaks_for_it(reconciler: Reconciler) -> None:
    got = record("The Norwegian Refugee Council's regional director told reporters that 3,000 people had fled since Sunday.",
                 reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Norwegian Refugee Council"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]


@pytest.mark.parametrize(("body", "verb"), [
    ("The Qarazan Relief Council has denied that the crossing was closed.", "has denied"),
    ("The Qarazan Relief Council blamed the shelling for the exodus.", "blamed"),
])
def test_a_denial_or_a_blame_is_a_statement(reconciler: Reconciler, body: str, verb: str) -> None:
    got = record(body, reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Qarazan Relief Council", verb)]


def test_a_verb_in_the_passive_has_no_speaker_before_it(reconciler: Reconciler) -> None:
    got = record("The Qarazan Relief Council was denied access to the camp on Monday.", reconciler)
    assert got["statements"] == []
