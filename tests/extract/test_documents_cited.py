"""A figure's source named through its document ("according to the latest UNHCR figures") or cited in brackets with a
day and no year ("(UNHCR, 12 February)"), each on invented sentences with counter-examples."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record

FLIGHT = "More than 5,000 people have fled Qarazan since 1 February"


@pytest.mark.parametrize(("source", "reporter"), [
    (", according to an UNHCR update.", "UNHCR"),
    (", according to the latest UNHCR figures.", "UNHCR"),
    (", according to a new UNHCR report.", "UNHCR"),
    (", according to the most recent UNHCR situation report.", "UNHCR"),
    (", according to an update by UNHCR.", "UNHCR"),
    # (a body of no document is no source: a town's residents, a word that is no document)
    (", according to residents of Westtown.", None),
    (", according to the latest UNHCR staff.", None),
])
def test_the_body_whose_document_it_is_reports(reconciler: Reconciler, source: str, reporter: str | None) -> None:
    (found,) = record(FLIGHT + source, reconciler, published="2020-02-14")["displacement"]
    assert found["reported_by"] == reporter


@pytest.mark.parametrize(("citation", "reporter", "end"), [
    (" (UNHCR, 12 February).", "UNHCR", "2020-02-12"),
    (" (UNHCR, February 12).", "UNHCR", "2020-02-12"),
    (" (UNHCR, 12 February 2020).", "UNHCR", "2020-02-12"),
    # (no comma before a day with no year: a name with a number, no citation)
    (" (UNHCR 12 February).", None, "2020-02-14"),
])
def test_a_cited_source_with_a_day_and_no_year(reconciler: Reconciler, citation: str, reporter: str | None,
                                               end: str) -> None:
    (found,) = record(FLIGHT + citation, reconciler, published="2020-02-14")["displacement"]
    assert (found["reported_by"], found["period_start"], found["period_end"]) == (reporter, "2020-02-01", end)


@pytest.mark.parametrize(("opening", "reported_on"), [
    ("In a statement on Tuesday, UNHCR said", "2020-02-11"),
    ("In an update on Tuesday, UNHCR said", "2020-02-11"),
    ("In a joint statement released Tuesday, UNHCR said", "2020-02-11"),
    ("In its latest update, dated 10 February, UNHCR said", "2020-02-10"),
    # (a place and a day before the speaker: the day is not that of a document, and not the speaker's own)
    ("In Westtown on Tuesday, UNHCR said", None),
    # (dated figures that open the sentence, after the body's name at most)
    ("Figures released by UNHCR on Tuesday show", "2020-02-11"),
    ("UNHCR figures released on Tuesday show", "2020-02-11"),
    ("UNHCR figures show", None),
    # (or after the verb: "X said in a statement on Tuesday")
    ("UNHCR said in a statement on Tuesday", "2020-02-11"),
])
def test_a_dated_document_opening_the_sentence_gives_the_reporting_day(reconciler: Reconciler, opening: str,
                                                                       reported_on: str | None) -> None:
    (found,) = record(f"{opening} that more than 5,000 people had fled Qarazan since Sunday.", reconciler,
                      published="2020-02-14")["displacement"]
    assert (found["reported_by"], found["reported_on"]) == ("UNHCR", reported_on)


@pytest.mark.parametrize(("source", "reporter"), [
    (", according to the Turkish disaster agency AFAD.", "AFAD"),
    (", according to figures from Westland's disaster agency AFAD.", "AFAD"),
    (", according to the aid group Norwegian Refugee Council.", "Norwegian Refugee Council"),
    (", according to the Britain-based monitoring group the Norwegian Refugee Council.", "Norwegian Refugee Council"),
    # (a body named later in a clause of its own is not the source named)
    (", according to the agency, which said Norwegian Refugee Council staff were there.", None),
])
def test_a_body_named_after_what_kind_of_body_it_is_reports(reconciler: Reconciler, source: str,
                                                            reporter: str | None) -> None:
    (found,) = record(FLIGHT + source, reconciler, published="2020-02-14")["displacement"]
    assert found["reported_by"] == reporter


