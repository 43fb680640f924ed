"""Weapons named in a sentence (as concept slugs), the campaign an article reports (one event), and the incidents
it reports (air strikes, shelling, ground assaults ...: ``incident_triggers``, ``casualties_in``, ``target_in``).

>>> weapons_in("using barrel bombs, cluster munitions and nail-filled bombs")
['barrel-bomb', 'cluster-munition', 'nail-bomb']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from lod.extract import rulefiles
from lod.extract.cues import Cued, cues, lowered, possible
from lod.extract.lexicon import EVENT_TRIGGERS, WEAPONS
from lod.model.records import Qualifier

_WEAPONS = [(slug, re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE)) for slug, pattern in WEAPONS.items()]
_TRIGGERS = [(kind, re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)) for kind, pattern in EVENT_TRIGGERS.items()]
# The words each pattern cannot match without (``lod.extract.cues``): most sentences name no weapon and no campaign,
# and a pattern is run only on a sentence that has its words.
_CUED_WEAPONS = Cued(_WEAPONS)
_CUED_TRIGGERS = Cued(_TRIGGERS)
# the phrasing of a violation: each named and explained, with its examples and counter-examples, in
# lod/rules/events.yaml
RULES = rulefiles.load("events")
_VIOLATION = RULES.pattern("violation")


def weapons_in(text: str) -> list[str]:
    """Weapon concept slugs in order of first mention."""
    firsts = sorted((m.start(), slug) for slug, pattern in _CUED_WEAPONS.runnable(text) if (m := pattern.search(text)))
    return [slug for _, slug in firsts]


def triggers_in(text: str) -> list[tuple[str, int, int]]:
    """(event type, start, end) of each campaign word in ``text``."""
    return sorted(((kind, m.start(), m.end()) for kind, pattern in _CUED_TRIGGERS.runnable(text)
                   for m in pattern.finditer(text)), key=lambda t: t[1])


def violation_in(text: str) -> str | None:
    match = _VIOLATION.search(text)
    return match.group("what").strip("‘’'\" ") if match else None


# ---- incidents ----------------------------------------------------------------------------------------------
# One event per reported incident: an air strike, shelling, a ground assault, a change of territory. The words
# are data (lod/rules/incidents.yaml); docs/extraction.md ("Events") says what counts and how it scores.

_RULES = yaml.safe_load((Path(__file__).resolve().parents[1] / "rules" / "incidents.yaml").read_text(encoding="utf-8"))
INCIDENT_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (t["type"], re.compile(r"\b(?:" + t["pattern"] + r")\b", re.IGNORECASE)) for t in _RULES["triggers"]
]
_CUED_INCIDENTS = Cued(INCIDENT_TRIGGERS)
_TARGET = re.compile(r"\b" + _RULES["targets"] + r"\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(_RULES["hypothetical"], re.IGNORECASE)
_DESTINATION = re.compile(_RULES["destination"], re.IGNORECASE)
MAX_DAYS = int(_RULES["max_days"])
_QUALIFIERS: dict[str, Qualifier] = {
    "at least": "at-least", "no fewer than": "at-least", "more than": "more-than", "over": "more-than",
    "some": "approximately", "about": "approximately", "around": "approximately", "nearly": "approximately",
    "almost": "approximately", "up to": "at-most",
}
_CASUALTIES = [RULES.pattern("casualty_passive"), RULES.pattern("casualty_active")]
_CASUALTY_CUES = [(pattern, cues(pattern)) for pattern in _CASUALTIES]
_KIND = {"killed": "killed", "killing": "killed", "wounded": "injured", "wounding": "injured", "injured": "injured",
         "injuring": "injured"}


@dataclass(frozen=True)
class IncidentHit:
    """A trigger in a sentence: the event type and where the words are (offsets in the sentence)."""

    type: str
    start: int
    end: int


def incident_triggers(text: str) -> list[IncidentHit]:
    """The incident words of a sentence, one per event type (the first), in order; none in a hypothetical one.

    >>> [h.type for h in incident_triggers("36 airstrikes and dozens of rocket strikes hit the town on Friday.")]
    ['air-drone-strike', 'shelling-artillery-missile-attack']
    """
    hits = [IncidentHit(kind, m.start(), m.end()) for kind, pattern in _CUED_INCIDENTS.runnable(text)
            if (m := pattern.search(text))]
    if not hits or _HYPOTHETICAL.search(text):
        return []
    return sorted(hits, key=lambda h: h.start)


def casualties_in(text: str) -> list[tuple[str, int, Qualifier, str | None, int, int]]:
    """(killed|injured, count, qualifier, noun, start, end) for each casualty figure of a sentence.

    >>> casualties_in("killing at least 27 civilians and wounding 40")
    [('killed', 27, 'at-least', 'civilians', 0, 29), ('injured', 40, 'exact', None, 34, 45)]
    """
    found: dict[tuple[int, str], tuple[str, int, Qualifier, str | None, int, int]] = {}
    lower = lowered(text)
    for pattern, sets in _CASUALTY_CUES:
        if not possible(sets, lower):
            continue  # no "killed", "wounded" ... in it: the pattern, tried at each digit, cannot match
        for m in pattern.finditer(text):
            qualifier = _QUALIFIERS.get(re.sub(r"\s+", " ", (m.group("q") or "").lower()), "exact")
            kind = _KIND[m.group("kind").lower()]
            unit = m.group("unit").split()[-1] if m.group("unit") else None
            found.setdefault((m.start("n"), kind), (kind, int(m.group("n").replace(",", "")), qualifier, unit, m.start(), m.end()))
    return sorted(found.values(), key=lambda c: c[4])


def target_in(text: str) -> str | None:
    """What an attack hit, as worded ("two hospitals and a bakery" gives "two hospitals")."""
    match = _TARGET.search(text)
    return match.group(0) if match else None


def is_destination(before: str) -> bool:
    """Whether a place named right after ``before`` is where people went ("sought refuge in areas near X")."""
    return bool(_DESTINATION.search(before[-40:]))
