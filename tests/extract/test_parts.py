"""Who the people of a counted flow are is no flow of its own (a rule added in the eighteenth session, after two
annotators reading real pages blind left such counts out); every sentence is written for the test."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


@pytest.mark.parametrize(("body", "figures"), [
    ("At least 16,500 people have been displaced, including an estimated 7,000 children.", [16500]),
    ("Nearly 9,000 people, including some 4,000 children, have arrived in Qarazan.", [9000]),
    ("Some 27,500 people had fled, among them 7,000 children and 4,000 women.", [27500]),
    # a part by time or place is a flow of its own
    ("Some 15,000 have crossed, including 1,000 on Thursday.", [15000, 1000]),
    # a part of a flow that is not counted is the only count there is
    ("Thousands fled, among them at least 5,000 children.", [5000]),
    ("Those who made it across, among them about 1,800 children, are sleeping in the open.", [1800]),
    # a nationality says who a part are too
    ("About 8,500 refugees, 1,791 families, including 63 Lebanese families, have crossed into Westland.", [8500, 1791]),
    # the clause that describes a part put in as an aside is not the whole's predicate
    ("About 8,500 refugees, including 63 families who had been living in Qarazan, have crossed into Westland.", [8500, 63]),
    # a chain of such parts, and the count in another unit after them
    ("Some 94 people, including 43 women and 20 children, had been evacuated from the camp.", [94]),
    ("The number of displaced families had reached 1,476 (including 40 Lebanese families and 1,184 Syrian families), "
     "or approximately 6,078 individuals.", [1476, 6078]),
    # who the part of a count of the dead are is no flow either
    ("In the past 10 days, 73 civilians were killed including 27 children and at least 11,700 families have fled.", [11700]),
    ("The convoy crossed into the district at 2:30pm local time (12:30GMT).", []),  # a time of day
    ("Efforts to evacuate the 14 families (83 individuals) still in the camp are underway.", []),  # not done yet
    ("Another 734 people had been registered crossing the border overnight.", [734]),
])
def test_children_among_a_counted_flow_are_who_they_are(reconciler: Reconciler, body: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(body, reconciler)["displacement"]] == figures


def test_a_running_total_before_a_clause_of_time(reconciler: Reconciler) -> None:
    # "N after militants seized ...": no unit "militants" after the count; the running total's unit is its own
    got = record("The number of people displaced from Qarazan has risen to approximately 120,000 after opposition "
                 "militants seized control of the northern area, an official said on Tuesday.", reconciler)
    assert [(o["figure"], o["qualifier"], o["unit"]) for o in got["displacement"]] == [(120000, "about", "people")]
