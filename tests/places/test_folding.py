"""Folding names: spellings of one name meet, different names stay apart."""

from __future__ import annotations

import pytest

from lod.places.folding import skeleton, words


@pytest.mark.parametrize(
    "spellings",
    [
        ["Maarat al-Numan", "Ma‘arrat an Nu‘mān", "Ma'arrat An Nu'man", "Maaret el Noman", "Maarrat al-Nu'man"],
        ["Idleb", "Idlib", "IDLIB"],
        ["Jisr al-Shughour", "Jisr-Ash-Shugur", "Jisr ash Shughūr"],
        ["معرة النعمان", "مَعَرّة النعمان", "معره النعمان"],
        ["إدلب", "ادلب"],
    ],
)
def test_spellings_of_one_name_fold_to_one_key(spellings: list[str]) -> None:
    assert len({tuple(skeleton(s)) for s in spellings}) == 1, [skeleton(s) for s in spellings]


def test_different_names_stay_apart() -> None:
    assert skeleton("Idleb") != skeleton("Aleppo")
    assert skeleton("Kafr Nobol") != skeleton("Kafr Takharim")


def test_articles_are_dropped_unless_they_are_the_whole_name() -> None:
    assert words("Maarat al-Numan") == ["maarat", "numan"]
    assert words("النعمان") == ["نعمان"]
    assert words("Al") == ["al"]
