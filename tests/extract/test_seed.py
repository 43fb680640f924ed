"""The seed article yields the facts the issue lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lod.errors import ArticleError
from lod.extract import extract
from lod.model.articles import parse_article, read_article
from lod.model.records import Extraction
from lod.places.reconcile import Reconciler

SEED = Path(__file__).resolve().parents[2] / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


@pytest.fixture(scope="module")
def seed(reconciler: Reconciler) -> Extraction:
    return extract(read_article(SEED), reconciler)


def test_seed_organizations(seed: Extraction) -> None:
    refs = {o.ref for o in seed.organizations}
    assert {"snc", "snc-media-department", "erc-team-northern-syria", "syrian-government-forces",
            "russian-armed-forces"} <= refs


def test_seed_person_and_post(seed: Extraction) -> None:
    (person,) = seed.people
    assert (person.name, person.role, person.org and person.org.ref) == ("Abdelbaset Abdullatif", "Secretary-General", "snc")


def test_seed_statements(seed: Extraction) -> None:
    assert len(seed.statements) == 7
    assert [s.speaker for s in seed.statements[:4]] == ["Abdelbaset Abdullatif"] * 4
    assert [s.type for s in seed.statements] == [
        "condemnation", "assessment", "assessment", "allegation", "report", "appeal", "report"]
    assert all(s.date is not None and s.span.rule for s in seed.statements)
    assert seed.statements[3].weapons == ["incendiary-weapon", "cluster-munition", "conventional-missile",
                                          "nail-bomb", "barrel-bomb", "chemical-weapon"]


def test_seed_observations(seed: Extraction) -> None:
    first, second = seed.observations
    assert (first.figure, first.qualifier, first.unit, first.bounds) == (2147, "more-than", "households", (2148, None))
    assert (first.period_start, first.period_end, first.report_date) == (date(2019, 11, 28), date(2019, 11, 29), date(2019, 11, 29))
    assert (second.figure, second.qualifier, second.unit) == (50000, "at-least", "persons")
    assert (second.period_start, second.period_end, second.report_date) == (date(2019, 11, 1), date(2019, 11, 25), date(2019, 11, 25))
    assert [p.ref for p in second.places] == ["SY0702", "geonames:169023", "SY07"] or [p.ref for p in second.places][2] == "SY07"
    assert first.reporter and second.reporter and first.reporter.ref == second.reporter.ref == "erc-team-northern-syria"


def test_seed_event(seed: Extraction) -> None:
    (event,) = [e for e in seed.events if e.span is None or not e.span.rule.startswith("incident-")]  # the campaign
    assert event.label == "bombing campaign"
    assert {a.ref for a in event.actors} == {"syrian-government-forces", "russian-armed-forces"}
    assert len(event.weapons) >= 6


@pytest.mark.parametrize("text", ["", "Title: T\nSource URL: https://x.org\nPublisher: P\nPublished: 2020-01-01\n\n   "])
def test_empty_or_headless_articles_raise_a_clear_error(text: str) -> None:
    with pytest.raises(ArticleError):
        parse_article(text)
