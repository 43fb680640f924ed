"""Weapons named in a sentence (as concept slugs) and the campaign an article reports (one event).

>>> weapons_in("using barrel bombs, cluster munitions and nail-filled bombs")
['barrel-bomb', 'cluster-munition', 'nail-bomb']
"""

from __future__ import annotations

import re

from lod.extract.lexicon import EVENT_TRIGGERS, WEAPONS

_WEAPONS = [(slug, re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE)) for slug, pattern in WEAPONS.items()]
_TRIGGERS = [(kind, re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)) for kind, pattern in EVENT_TRIGGERS.items()]
# One pass that tells whether any pattern matches: most sentences name no weapon and no campaign.
_ANY_WEAPON = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _WEAPONS), re.IGNORECASE)
_ANY_TRIGGER = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _TRIGGERS), re.IGNORECASE)
_VIOLATION = re.compile(r"in\s+violation\s+of\s+(?:the\s+)?(?P<what>[^,.;]{3,80}?(?:agreement|ceasefire|cease-fire|truce|resolution|deal))", re.IGNORECASE)


def weapons_in(text: str) -> list[str]:
    """Weapon concept slugs in order of first mention."""
    if not _ANY_WEAPON.search(text):
        return []
    firsts = sorted((m.start(), slug) for slug, pattern in _WEAPONS if (m := pattern.search(text)))
    return [slug for _, slug in firsts]


def triggers_in(text: str) -> list[tuple[str, int, int]]:
    """(event type, start, end) of each campaign word in ``text``."""
    if not _ANY_TRIGGER.search(text):
        return []
    return sorted(((kind, m.start(), m.end()) for kind, pattern in _TRIGGERS for m in pattern.finditer(text)),
                  key=lambda t: t[1])


def violation_in(text: str) -> str | None:
    match = _VIOLATION.search(text)
    return match.group("what").strip("‘’'\" ") if match else None
