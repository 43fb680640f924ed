"""Word lists and patterns the rules share, read from ``lod/rules/lexicon.yaml``.

The rules are data: reporting verbs, role words, place descriptors, weapons, campaign words, toponym heads,
nationality adjectives and the words that count people live in that file, each pattern with examples and
counter-examples (``tests/extract/test_lexicon_data.py`` runs them). Names of places outside the gazetteer come from
GeoNames data (``lod.places.reference.world_places``), never from here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from lod.model.articles import MONTH_NAMES

LEXICON = Path(__file__).resolve().parents[1] / "rules" / "lexicon.yaml"
# libyaml's parser where PyYAML has it: the same data, 0.01 s against 0.13 s (every command reads the file)
_DATA: dict[str, Any] = yaml.load(LEXICON.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _words(name: str) -> tuple[str, ...]:
    return tuple(str(word) for word in _DATA[name])


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Reporting verbs -> statement type. Matched case-insensitively.
REPORTING_VERBS: dict[str, str] = {str(k): str(v) for k, v in _DATA["reporting_verbs"].items()}
PASSIVE_NOT_SPEECH = _words("passive_not_speech")
ISSUING_VERBS = _words("issuing_verbs")
ROLE_HEADS = _words("role_heads")
TITLES = frozenset(_words("titles"))
DIRECTION = "(?:" + _DATA["direction"]["pattern"] + ")"
AREA_SUFFIX = "(?:" + _DATA["area_suffix"]["pattern"] + ")"
PLACE_NOUNS = "(?:" + _DATA["place_nouns"]["pattern"] + ")"
CROSSING_NOUNS = "(?:" + _DATA["crossing_nouns"]["pattern"] + ")"
ARABIC_ARTICLE = "(?:" + _DATA["arabic_article"]["pattern"] + ")"
HOLDER_PARTICIPLES = "(?:" + _DATA["holder_participles"]["pattern"] + ")"
PLACE_COUNCILS = "(?:" + _DATA["place_councils"]["pattern"] + ")"
NEWS_AGENCY = "(?:" + _DATA["news_agency"]["pattern"] + ")"
WEAPONS: dict[str, str] = {slug: str(entry["pattern"]) for slug, entry in _DATA["weapons"].items()}
# Weapons that any report of fighting names: naming them is not an allegation (keys of WEAPONS)
COMMON_WEAPONS = frozenset(_words("common_weapons"))
EVENT_TRIGGERS: dict[str, str] = {key: str(entry["pattern"]) for key, entry in _DATA["event_triggers"].items()}
# Each campaign word's concept in the event-type scheme (ontology/concepts.ttl)
EVENT_TYPES: dict[str, str] = {str(k): str(v) for k, v in _DATA["event_types"].items()}
ARMED_ACTORS = frozenset(_words("armed_actors"))
STOPWORDS = frozenset(_words("stopwords"))
KIND_BEFORE_NAME = frozenset(_words("kind_before_name"))
TOPONYM_HEADS = tuple(str(w) for w in _DATA["toponym_heads"]["words"])
NOT_PERSON_HEADS = _words("not_person_heads")
HONORIFICS = frozenset(_words("honorifics"))
KUNYA_HEADS = frozenset(_words("kunya_heads"))
COUNTRY_ADJECTIVES = _words("demonyms")
PERSON_UNITS = _words("person_units")
ABBREVIATIONS = frozenset(_words("abbreviations"))
COMBATANT_UNITS = frozenset(_words("combatant_units"))
PEOPLE_DEMONYMS = _words("people_demonyms")
UNIT_ABBREVIATIONS = {str(short): str(unit) for short, unit in _DATA["unit_abbreviations"].items()}
UNIT_ADJECTIVES = _words("unit_adjectives")
PEOPLE_GROUPS = "(?:" + str(_DATA["people_groups"]["pattern"]) + ")"
# What follows a figure: flow, casualty, stock or projection (regex alternatives)
FIGURE_PREDICATES: dict[str, str] = {kind: str(entry["pattern"]) for kind, entry in _DATA["figure_predicates"].items()}
FLOW_UNITS = "(?:" + str(_DATA["flow_units"]["pattern"]) + ")"
FLOW_OBJECTS = "(?:" + "".join(str(_DATA["flow_objects"]["pattern"]).split()) + ")"
FORCING_VERBS = "(?:" + str(_DATA["forcing_verbs"]["pattern"]) + ")"
ORG_HEADS = "(?:" + "".join(str(_DATA["org_heads"]["pattern"]).split()) + ")"
RETURN_CUES = "(?:" + "".join(str(_DATA["return_cues"]["pattern"]).split()) + ")"
NOT_FLOW_OBJECTS = "(?:" + "".join(str(_DATA["not_flow_objects"]["pattern"]).split()) + ")"
POPULATION_SHARES = "(?:" + "".join(str(_DATA["population_shares"]["pattern"]).split()) + ")"
AUDIENCES = "(?:" + "".join(str(_DATA["audiences"]["pattern"]).split()) + ")"
COLLECTIVE_SPEAKERS = "(?:" + "".join(str(_DATA["collective_speakers"]["pattern"]).split()) + ")"
REPORTING_PERIOD = "(?:" + "".join(str(_DATA["reporting_period"]["pattern"]).split()) + ")"
FIGURE_WORDS = "(?:" + str(_DATA["figure_words"]["pattern"]) + ")"
LIST_ITEM = "(?:" + str(_DATA["list_item"]["pattern"]) + ")"
FLOW_NOUNS = "(?:" + str(_DATA["flow_nouns"]["pattern"]) + ")"
DESCRIBED_BODIES = "(?:" + "".join(str(_DATA["described_bodies"]["pattern"]).split()) + ")"
STATE_BODIES = "(?:" + "".join(str(_DATA["state_bodies"]["pattern"]).split()) + ")"
PLACE_BODIES = "(?:" + str(_DATA["place_bodies"]["pattern"]) + ")"
UNNAMED_SOURCES = "(?:" + str(_DATA["unnamed_sources"]["pattern"]) + ")"
PERSON_NOUNS = "(?:" + "".join(str(_DATA["person_nouns"]["pattern"]).split()) + ")"
SOURCE_CITATION = "(?:" + "".join(str(_DATA["source_citation"]["pattern"]).split()).replace(
    "{MONTH}", "|".join(name.capitalize() for name in MONTH_NAMES)) + ")"
FIGURE_SOURCES = "(?:" + "".join(str(_DATA["figure_sources"]["pattern"]).split()) + ")"
RANKED_FIGURE = "(?:" + "".join(str(_DATA["ranked_figure"]["pattern"]).split()) + ")"
RANKED_NEXT = "(?:" + str(_DATA["ranked_next"]["pattern"]) + ")"
# Patterns with their examples and counter-examples, for the test that keeps them honest
PATTERNS: dict[str, dict[str, Any]] = {
    **{f"{name}": _DATA[name] for name in ("direction", "area_suffix", "place_nouns", "crossing_nouns", "arabic_article", "holder_participles", "place_councils", "news_agency", "flow_units", "forcing_verbs")},
    "flow_objects": {**_DATA["flow_objects"], "pattern": FLOW_OBJECTS},
    "org_heads": {**_DATA["org_heads"], "pattern": ORG_HEADS},
    "return_cues": {**_DATA["return_cues"], "pattern": RETURN_CUES},
    "not_flow_objects": {**_DATA["not_flow_objects"], "pattern": NOT_FLOW_OBJECTS},
    "population_shares": {**_DATA["population_shares"], "pattern": POPULATION_SHARES},
    "people_groups": _DATA["people_groups"],
    "collective_speakers": {**_DATA["collective_speakers"], "pattern": COLLECTIVE_SPEAKERS},
    "audiences": {**_DATA["audiences"], "pattern": AUDIENCES},
    "reporting_period": {**_DATA["reporting_period"], "pattern": REPORTING_PERIOD},
    **{name: _DATA[name] for name in ("figure_words", "list_item", "flow_nouns")},
    "described_bodies": {**_DATA["described_bodies"], "pattern": DESCRIBED_BODIES},
    "state_bodies": {**_DATA["state_bodies"], "pattern": STATE_BODIES},
    "place_bodies": _DATA["place_bodies"],
    "unnamed_sources": _DATA["unnamed_sources"],
    "source_citation": {**_DATA["source_citation"], "pattern": SOURCE_CITATION},
    "person_nouns": {**_DATA["person_nouns"], "pattern": PERSON_NOUNS},
    "figure_sources": {**_DATA["figure_sources"], "pattern": FIGURE_SOURCES},
    "ranked_figure": {**_DATA["ranked_figure"], "pattern": RANKED_FIGURE},
    "ranked_next": _DATA["ranked_next"],
    **{f"weapon:{slug}": entry for slug, entry in _DATA["weapons"].items()},
    **{f"event:{key}": entry for key, entry in _DATA["event_triggers"].items()},
    **{f"predicate:{kind}": entry for kind, entry in _DATA["figure_predicates"].items()},
    "toponym_heads": {"pattern": r"(?:" + alternation(TOPONYM_HEADS) + r")\s+" + ARABIC_ARTICLE + r"?[A-Z][\w’'-]+", **_DATA["toponym_heads"]},
}
