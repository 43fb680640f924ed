"""Places named where people fled from or to, lists of villages, and a person whose first name a village shares
(rules added after the eighteenth session's blind sets); every sentence is written for the test, with invented towns."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


@pytest.mark.parametrize(("body", "places"), [
    ("Some 3,000 people had fled Qarazan and Minar since Friday, residents said.", ["Qarazan", "Minar"]),
    ("About 400 families arrived in Kafr Westa on Monday.", ["Kafr Westa"]),
    ("Nearly 700 families were displaced from Tal Minar, Qarazan and Westa.",
     ["Tal Minar", "Qarazan", "Westa"]),
])
def test_a_name_after_the_verb_of_flight_is_a_place(reconciler: Reconciler, body: str, places: list[str]) -> None:
    got = record(body, reconciler)
    assert all(place in got["places"] for place in places)
    assert all(place in got["displacement"][0]["places"] for place in places)


@pytest.mark.parametrize("body", [
    "About 400 families fled ISIS on Monday.",  # an acronym: a group
    "Residents fled Turkish shelling on Monday.",  # a demonym
    "Some 300 people fled Monday night.",  # a day
])
def test_what_people_flee_that_is_no_place(reconciler: Reconciler, body: str) -> None:
    assert record(body, reconciler)["places"] == []


@pytest.mark.parametrize(("body", "places"), [
    ("An estimated 700 families fled the villages of Minar and Qarazan.", ["Minar", "Qarazan"]),
    ("Shelling hit the towns of Kafr Minar, Qarazan, and Tal al-Westa on Monday.", ["Kafr Minar", "Qarazan", "Tal al-Westa"]),
])
def test_a_plural_place_noun_lists_places(reconciler: Reconciler, body: str, places: list[str]) -> None:
    assert record(body, reconciler)["places"] == places


def test_a_comma_ends_the_name_after_a_place_noun(reconciler: Reconciler) -> None:
    got = record("Around the border town of Qarazan, Turkish officials say 300 people fled.", reconciler)
    assert got["places"] == ["Qarazan"]


def test_a_first_name_before_said_is_no_village(reconciler: Reconciler) -> None:
    # "Malik" is close to a village's name in the gazetteer, but a lone name that speaks is a person
    got = record("Malik said 3,000 people had fled Qarazan since Friday.", reconciler)
    assert "Malik" not in got["places"] and got["displacement"][0]["places"] == ["Qarazan"]
    # where officials speak from is still a place
    assert "Malik" in record("Officials in Malik said 300 people fled.", reconciler)["places"]
