"""The review record uses the codes of ../shared/articles/README.md: five qualifiers and four units."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record

README_QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to"}


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Fewer than 1,000 people fled the town on Monday.", "up_to"),
    ("Just under 500 families fled the town on Monday.", "about"),  # nearly 500, as "almost" (not a bound)
    ("As many as 1,000 people fled the town on Monday.", "up_to"),
    ("Nearly 1,000 people fled the town on Monday.", "about"),
    ("No fewer than 1,000 people fled the town on Monday.", "at_least"),
])
def test_a_qualifier_is_one_of_the_record_formats_five(sentence: str, qualifier: str, reconciler: Reconciler) -> None:
    got = record(sentence, reconciler)
    assert [o["qualifier"] for o in got["displacement"]] == [qualifier]
    assert {o["qualifier"] for o in got["displacement"]} <= README_QUALIFIERS
