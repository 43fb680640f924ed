from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from lod.places.reconcile import _APOSTROPHES, FUZZY, FUZZY_MIN_LENGTH, Reconciler, _fold, _initial, place_key
from lod.places.reference import load_reconciler

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


@pytest.fixture(scope="module")
def reconciler() -> Reconciler:
    return load_reconciler(REFERENCE)


@pytest.mark.parametrize(("name", "expected"), [
    ("Maaret al-Numan", "geonames:167611"),
    ("Ma'arrat An-Nu'man", "geonames:167611"),
    ("Maarat al-Nouman", "geonames:167611"),
    ("Saraqeb", "geonames:164816"),
    ("Jisr-ash-Shugur", "geonames:169023"),
    ("Idleb", "geonames:169389"),
    ("Idlib province", "SY07"),
    ("southern Idleb governorate", "SY07"),
    ("the sub-districts of Maaret al-Nu'man", "SY0702"),
    ("district of Jisr al-Shughour", "SY0704"),
    ("the town of Saraqib", "geonames:164816"),
    ("Geneva", None),
    ("Team", None),
    # transliteration variants (issue 8, point 4): silent final h, vowel initials, doubled letters, fuzzy spelling
    ("Sarmadah", "C4121"),
    ("Kansafrah", "C4309"),
    ("Efrin", "geonames:174186"),
    ("Kafr Sijnah", "C4110"),
    ("Idlib", "geonames:169389"),
    ("Rural Damascus", "SY03"),
    ("Smith Jones", None),
])
def test_reconcile_place(reconciler: Reconciler, name: str, expected: str | None) -> None:
    entry = reconciler.place(name)
    assert (entry.id if entry else None) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Syrian Response Coordinators Group", "erc-team-northern-syria"),
    ("response coordinator’s team", "erc-team-northern-syria"),
    ("Syria's Response Coordination Group", "erc-team-northern-syria"),
    ("the U.N.", "un"),
    ("Humanitarian Relief Foundation (IHH)", "ihh"),
    ("Office for the Coordination of Humanitarian Affairs (OCHA)", "ocha"),
    ("Office of the UN High Commissioner for Refugees", "unhcr"),  # the office, as UN News names it (set EK)
    ("Acme Relief", None),
])
def test_reconcile_org(reconciler: Reconciler, name: str, expected: str | None) -> None:
    assert reconciler.org(name) == expected


def test_fuzzy_looks_only_at_keys_that_can_reach_the_threshold(reconciler: Reconciler) -> None:
    # the keys fuzzy leaves out by their length could not have been the nearest: the same answer as over every key
    keys = sorted(reconciler._exact)[::25]
    names = [variant for key in keys for variant in (key, key[:-1], key + "a", key[:-3], key + "abcd", key[:4] + key[5:],
                                                     key[: len(key) // 2] + "x" + key[len(key) // 2:])]
    names += ["Kafr Sijnah", "Ahmad Hassan", "Mohammed Abdullah", "Tal Abyad Hassakeh", "Jabal al-Zawiya"]
    compared = 0
    for name in names:
        key = place_key(name)
        if len(key) < FUZZY_MIN_LENGTH:
            continue
        best = process.extractOne(key, reconciler._by_initial.get(_initial(key), []), scorer=fuzz.ratio, score_cutoff=FUZZY)
        assert reconciler.fuzzy(name) == (list(reconciler._exact.get(best[0], [])) if best else []), name
        compared += bool(best)
    assert compared > 100  # most variants are near a key: the answers compared are not all empty


def test_an_ascii_name_folds_as_by_decomposition() -> None:
    # _fold's short way for ASCII text gives what decomposing it gives (every ASCII character, and names)
    def decomposed(text: str) -> str:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return text.translate({ord(c): None for c in _APOSTROPHES}).lower()

    for text in ["".join(map(chr, range(128))), "Ma'arrat An-Nu`man", "JISR ASH-SHUGHUR", "Tal Abyad", ""]:
        assert _fold(text) == decomposed(text)
