"""Incidents from articles: each trigger word fires on its example and not on its counter-example (the words are
data, src/lod/rules/incidents.yaml); casualties are read as counted; a reported incident becomes an event with
its type, dates, places, attribution and casualties; and the scores on the event annotations stay where
docs/extraction.md ("Events") says they are."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from lod.extract import extract
from lod.extract.events import casualties_in, incident_triggers, is_destination, target_in
from lod.model.articles import parse_article, read_article
from lod.model.records import EventRecord, Extraction
from lod.places.reconcile import Reconciler

ROOT = Path(__file__).resolve().parents[2]
RULES = yaml.safe_load((ROOT / "src" / "lod" / "rules" / "incidents.yaml").read_text(encoding="utf-8"))
SEED = ROOT / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


@pytest.mark.parametrize("trigger", RULES["triggers"], ids=lambda t: t["type"])
def test_trigger_fires_on_its_example_and_not_on_its_counter_example(trigger: dict[str, str]) -> None:
    assert trigger["type"] in [h.type for h in incident_triggers(trigger["example"])]
    assert trigger["type"] not in [h.type for h in incident_triggers(trigger["counter"])]


def test_hypothetical_sentences_report_no_incident() -> None:
    assert incident_triggers("Displacement of 200,000 is possible should ground fighting reach Khan Shaykhun, which could follow air strikes.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("killing at least 27 civilians and destroying two hospitals", [("killed", 27, "at-least", "civilians")]),
    ("14 civilians, among them five children, were killed on Monday in air strikes", [("killed", 14, "exact", "civilians")]),
    ("More than 100 pro-Syrian government fighters have been reported killed", [("killed", 100, "more-than", "fighters")]),
    ("killing 3 people and wounding 1,200", [("killed", 3, "exact", "people"), ("injured", 1200, "exact", None)]),
    ("at least 50,000 people have fled", []),
], ids=["killing-at-least", "were-killed", "reported-killed", "killed-and-wounded", "not-casualties"])
def test_casualties_as_counted(text: str, expected: list[tuple[str, int, str, str | None]]) -> None:
    assert [c[:4] for c in casualties_in(text)] == expected


def test_target_and_destination_words() -> None:
    assert target_in("destroying two hospitals and a bakery") == "two hospitals"
    assert target_in("air strikes on Ariha") is None
    assert is_destination("civilians sought refuge in areas near the ") and not is_destination("air strikes on ")


def incidents(extraction: Extraction) -> list[EventRecord]:
    return [e for e in extraction.events if e.span is not None and e.span.rule.startswith("incident-")]


def test_seed_incident_is_an_event_attributed_by_its_reporter(reconciler: Reconciler) -> None:
    (incident,) = incidents(extract(read_article(SEED), reconciler))
    assert incident.types == ["shelling-artillery-missile-attack"]
    assert (incident.start, incident.end) == (date(2019, 11, 28), date(2019, 11, 29))
    assert [p.name for p in incident.places] == ["Maaret al-Numan"]
    assert {a.ref for a in incident.actors} == {"syrian-government-forces"}
    assert incident.alleged_by == "Emergency Response Coordinators Team in Northern Syria"


def test_incident_with_casualties_target_and_the_displacement_it_caused(reconciler: Reconciler) -> None:
    article = parse_article(
        "Title: Strikes on Ariha\nSource URL: https://news.example/ariha\nPublisher: News Example\nPublished: 2020-02-04\n\n"
        "The White Helmets said that 14 civilians were killed on Monday in air strikes by the Assad regime on the market of Ariha.\n\n"
        "More than 3,000 people fled Ariha on Monday after air strikes hit the town's hospital, OCHA said.\n\n"
        "Fighting could reach Binnish, which might cause more shelling.\n", "ariha.txt")
    found = extract(article, reconciler)
    strikes = incidents(found)
    assert [(e.types, e.start) for e in strikes] == [(["air-drone-strike"], date(2020, 2, 3))]  # the restatement is the same incident
    (strike,) = strikes
    assert [(c.kind, c.count) for c in strike.casualties] == [("killed", 14)]
    assert strike.alleged_by == "White Helmets" and [a.ref for a in strike.actors] == ["syrian-government-forces"]
    assert strike.target == "the market"
    (observation,) = found.observations
    assert observation.figure == 3000 and strike.key in observation.events  # "fled Ariha ... after air strikes hit"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_event_extraction", ROOT / "bench" / "event_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("which", "floor"), [("gold-dev", 0.85), ("gold-dev-2", 0.5), ("written", 0.7)])
def test_event_extraction_scores_do_not_fall(which: str, floor: float) -> None:
    """Regression guard at the scores docs/extraction.md reports (measured once on the held-out sets, not tuned on)."""
    scores = _bench().score(which)
    assert scores["F1"] >= floor, scores
