"""Reconciling names as written to curated entities: places to the gazetteer, organizations to
``organizations.yaml``.

Places are matched on two keys. ``place_key`` is exact up to case, diacritics, apostrophes,
hyphens and the Arabic article (``al-``, ``an-``, ``ash-`` ...); ``skeleton_key`` is looser and
transliteration-aware (``ou``/``u``, ``q``/``k``, ``gh``/``g``, vowels dropped, doubled letters
collapsed), so "Maaret al-Numan", "Ma'arrat An-Nu'man" and "Maarat al-Nouman" meet. A descriptor
("province", "sub-district of", "town of", "southern rural") is stripped first and says which
feature type to prefer.

>>> place_key("Ma’arrat An-Nu’man") == place_key("Maarrat al-Numan")
True
>>> skeleton_key("Maaret al-Nu'man") == skeleton_key("Maarat al-Nouman")
True
>>> strip_descriptors("the sub-districts of Jisr al-Shughour")
('Jisr al-Shughour', 'district')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from rapidfuzz import fuzz, process

from lod.places.gazetteer import Gazetteer, GazetteerEntry

Hint = Literal["governorate", "district", "populated place", "area"]
# The gazetteer rows that place names reconcile to (the country row and neighbourhoods are left out).
PLACE_TYPES = frozenset({"governorate", "district", "sub-district", "community", "populated place",
                         "district (GeoNames ADM2)"})

_APOSTROPHES = "'’‘`ʿʾ´ʻ"
_NO_APOSTROPHES = {ord(c): None for c in _APOSTROPHES}
# compiled once: the keys are computed for every new name an article has
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SILENT_H = re.compile(r"(?<=[aeiou])h$")
_H_AFTER_CONSONANT = re.compile(r"(?<=[bcdfgjklmnpqrstvxz])h")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
_LEADING_THE = re.compile(r"^the ")
_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ARTICLES = frozenset(
    "al el an ash as ar ad at az es ech ed ez en er et esh ul il".split()
)

_DIRECTIONS = (
    r"(?:north|south|east|west|northwest|northeast|southwest|southeast|central|eastern|western|northern|"
    r"southern|northwestern|northeastern|southwestern|southeastern|upper|lower|greater|rural)"
)
_LEAD = re.compile(
    r"^(?:the\s+)?(?P<desc>(?:(?:" + _DIRECTIONS + r")\s+)*(?:(?:rural|countryside|outskirts|suburbs|"
    r"sub-?districts?|districts?|provinces?|governorates?|towns?|city|cities|villages?|region|areas?)\s+of\s+)?)"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?:[\s-]+(?P<desc>provinces?|governorates?|sub-?districts?|districts?|city|town|village|region|"
    r"area|countryside|de-escalation\s+(?:zone|area)|camps?))+$",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits, diacritics and apostrophes dropped."""
    if text.isascii():  # most names: nothing to decompose and no combining mark (the loop below is most of the cost)
        return text.translate(_NO_APOSTROPHES).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_NO_APOSTROPHES)
    return text.lower()


def _tokens(name: str) -> list[str]:
    tokens = [t for t in _NOT_ALNUM.split(_fold(name)) if t]
    kept = [t for t in tokens if t not in _ARTICLES]
    return kept or tokens


def place_key(name: str) -> str:
    """Exact key: folded, articles dropped, no separators.

    >>> place_key("Jisr-Ash-Shugur")
    'jisrshugur'
    """
    return "".join(_tokens(name))


def skeleton_key(name: str) -> str:
    """Transliteration-tolerant key: consonant skeleton of ``place_key``.

    >>> skeleton_key("Saraqeb"), skeleton_key("Saraqib"), skeleton_key("Idleb"), skeleton_key("Idlib")
    ('srkb', 'srkb', 'dlb', 'dlb')
    """
    return _skeleton(place_key(name))


def _skeleton(key: str) -> str:
    """``skeleton_key`` of a name whose ``place_key`` is ``key``."""
    key = _SILENT_H.sub("", key)  # "Sarmadah", "Atmeh": a final h after a vowel is silent
    for old, new in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("dj", "j"), ("ch", "sh"), ("ph", "f"), ("q", "k"), ("w", "u")):
        key = key.replace(old, new)
    key = _H_AFTER_CONSONANT.sub("", key)  # sh, gh, kh, th, dh
    key = _VOWELS.sub("", key)
    return _DOUBLED.sub(r"\1", key)


CLOSE = 80  # rapidfuzz ratio (0-100) a skeleton match needs: guards against chance collisions
FUZZY = 88  # ratio a name with no exact or skeleton match needs to reconcile to the nearest gazetteer name
FUZZY_MIN_LENGTH = 6  # shorter keys are too close to too many names


def _initial(key: str) -> str:
    """The first letter, all vowels alike ("Efrin" and "Afrin")."""
    return "a" if key[:1] in "aeiou" else key[:1]


def _close(a: str, b: str) -> bool:
    """Same first letter (vowels alike) and similar spelling.

    >>> _close("maarethurma", "maarrathurmah"), _close("hazanu", "hamadi")
    (True, False)
    """
    return _closeness(a, b) > 0


def _closeness(a: str, b: str) -> float:
    """``fuzz.ratio(a, b)`` when ``_close(a, b)``, else 0: the ratio computed once."""
    if not a or _initial(a) != _initial(b):
        return 0
    ratio = fuzz.ratio(a, b)
    return ratio if ratio >= CLOSE else 0


def strip_descriptors(name: str, lead: bool = True) -> tuple[str, Hint | None]:
    """Split ``name`` into its core toponym and the feature type its descriptor points to (``lead=False``:
    only the trailing descriptor is taken off)."""
    text = " ".join(name.split())
    hint: Hint | None = None
    lead_match = _LEAD.match(text) if lead else None
    if lead_match and lead_match.end() < len(text):
        desc = lead_match.group("desc").lower()
        text = text[lead_match.end():]
        hint = _hint(desc) if desc.strip() else None
    trail = _TRAIL.search(text)
    if trail and trail.start() > 0:
        hint = _hint(trail.group(0).lower()) or hint
        text = text[: trail.start()]
    return text.strip(" ,"), hint


def _hint(desc: str) -> Hint | None:
    if re.search(r"district", desc):
        return "district"
    if re.search(r"province|governorate", desc):
        return "governorate"
    if re.search(r"\b(?:city|cities|town|village)", desc):
        return "populated place"
    if re.search(r"region|area|countryside|rural|outskirts|suburbs|zone|" + _DIRECTIONS, desc):
        return "area"
    return None


@dataclass(frozen=True)
class OrgEntry:
    """A curated organization (a row of ``organizations.yaml``)."""

    id: str
    label: str
    type: str = "organization"
    aliases: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    unit_of: str | None = None
    close_match: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases, *self.hidden)


def load_organizations(path: str | Path) -> list[OrgEntry]:
    """Read ``organizations.yaml``.

    Raises:
        OSError: the file cannot be read.
        ValueError: an entry has no ``id`` or ``label``.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    entries = []
    for row in data:
        if not isinstance(row, dict) or not row.get("id") or not row.get("label"):
            raise ValueError(f"{path}: every organization needs an id and a label: {row!r}")
        entries.append(OrgEntry(
            id=str(row["id"]),
            label=str(row["label"]),
            type=str(row.get("type", "organization")),
            aliases=tuple(str(a) for a in row.get("aliases") or ()),
            hidden=tuple(str(a) for a in row.get("hidden") or ()),
            unit_of=row.get("unit_of"),
            close_match=tuple(str(a) for a in row.get("close_match") or ()),
        ))
    return entries


def org_keys(name: str) -> list[str]:
    """Comparison keys for an organization name: case, punctuation, a leading "the" and
    possessive forms do not matter.

    >>> org_keys("the Syria’s Response Coordination Group")
    ['syrias response coordination group', 'syria response coordination group']
    """
    folded = _fold(name).replace(".", "")
    folded = _NOT_ALNUM.sub(" ", folded).strip()
    folded = _LEADING_THE.sub("", folded)
    keys = [folded]
    no_possessive = re.sub(r"(?<=\w)s\b(?= )", "", folded) if "'" in name or "’" in name else folded
    if no_possessive != folded:
        keys.append(no_possessive)
    return keys


@dataclass(eq=False)  # compared and hashed by identity: one per reference folder (see lod.places.reference)
class Reconciler:
    """Place and organization reconciliation over one gazetteer and one organization list."""

    gazetteer: Gazetteer
    organizations: list[OrgEntry] = field(default_factory=list)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # extra names by gazetteer id (place-aliases.yaml)
    world: tuple[str, ...] = ()  # names of places outside Syria (lod.places.reference.world_places)

    def __post_init__(self) -> None:
        self._exact: dict[str, list[GazetteerEntry]] = {}
        self._loose: dict[str, list[GazetteerEntry]] = {}
        # the place keys of the names of each entry of ``_loose[key]``, in the same order: a skeleton match compares
        # the name with each of them, which were computed again for every candidate of every new name
        self._loose_keys: dict[str, list[tuple[str, ...]]] = {}
        for entry in self.gazetteer.entries:
            if entry.feature_type not in PLACE_TYPES:
                continue  # city neighbourhoods: too many homonyms of common words
            names = list(entry.names) + list(self.aliases.get(entry.id, ()))
            name_keys = tuple(place_key(name) for name in names)
            for name_key in name_keys:
                for index, key in ((self._exact, name_key), (self._loose, _skeleton(name_key))):
                    bucket = index.setdefault(key, [])
                    if key and entry not in bucket:
                        bucket.append(entry)
                        if index is self._loose:
                            self._loose_keys.setdefault(key, []).append(name_keys)
        self._cache: dict[str, list[GazetteerEntry]] = {}
        self._by_initial: dict[str, list[str]] = {}
        self._choices: dict[tuple[str, int], list[str]] = {}  # ``_fuzzy_choices``
        for key in self._exact:
            if len(key) >= FUZZY_MIN_LENGTH - 2:
                self._by_initial.setdefault(_initial(key), []).append(key)
        self._orgs: dict[str, str] = {}
        self._org_by_id = {org.id: org for org in self.organizations}
        for org in self.organizations:
            for name in org.names:
                for key in org_keys(name):
                    self._orgs.setdefault(key, org.id)

    # places
    def candidates(self, core: str) -> list[GazetteerEntry]:
        """Entries whose exact key matches, then those whose skeleton matches."""
        cached = self._cache.get(core)
        if cached is None:
            cached = self._cache[core] = self._candidates(core)
        return cached

    def _candidates(self, core: str) -> list[GazetteerEntry]:
        key = place_key(core)
        exact = self._exact.get(key, [])
        loose_key = _skeleton(key)
        loose: list[GazetteerEntry] = []
        if len(loose_key) >= 2:
            scored = [(max(_closeness(key, name_key) for name_key in name_keys), e)
                      for e, name_keys in zip(self._loose.get(loose_key, []), self._loose_keys.get(loose_key, []))
                      if e not in exact]
            loose = [e for score, e in sorted(scored, key=lambda pair: -pair[0]) if score]
        return exact + loose

    def fuzzy(self, core: str) -> list[GazetteerEntry]:
        """The entries of the nearest gazetteer name (rapidfuzz ratio >= ``FUZZY``, same initial), for a name that
        has no exact or skeleton match: "Kafr Sijnah" for Kafr Sajna."""
        key = place_key(core)
        if len(key) < FUZZY_MIN_LENGTH:
            return []
        best = process.extractOne(key, self._fuzzy_choices(_initial(key), len(key)), scorer=fuzz.ratio, score_cutoff=FUZZY)
        return list(self._exact.get(best[0], [])) if best else []

    def _fuzzy_choices(self, initial: str, length: int) -> list[str]:
        """The keys of ``_by_initial[initial]``, in order, that can reach ``FUZZY`` against a key of ``length``
        letters: the ratio of two keys is at most ``100 * (1 - |a - b| / (a + b))`` for lengths a and b (the
        insertions and deletions between them are at least their difference), so a key much longer or shorter cannot
        (a tenth of the 1,000 keys of a common initial, 100 -> 20-50 us a name that matches none). Listed once per
        initial and length."""
        kept = self._choices.get((initial, length))
        if kept is None:
            kept = self._choices[(initial, length)] = [
                key for key in self._by_initial.get(initial, [])
                if 100 * (1 - abs(len(key) - length) / (len(key) + length)) >= FUZZY - 1]  # 1: no rounding can matter
        return kept

    def place(self, name: str) -> GazetteerEntry | None:
        """The gazetteer entry a toponym (with or without descriptor) refers to, or None.

        ``X province``/``governorate`` prefers the governorate, ``district``/``sub-district of X`` the
        district, a town/city or a bare name the populated place, and a region or area (``southern
        Idlib``, ``Idlib countryside``) the governorate when there is one.
        """
        core, hint = strip_descriptors(name)
        if not core or not _LETTER.search(core):
            return None
        whole, _ = strip_descriptors(name, lead=False)  # "Rural Damascus": a name that starts like a descriptor
        found = self._exact.get(place_key(whole), []) if whole != core else []
        found = found or self.candidates(core) or self.fuzzy(core)
        if not found:
            return None
        order: dict[Hint | None, tuple[str, ...]] = {
            "governorate": ("governorate", "district", "populated place", "sub-district", "community"),
            "district": ("district", "sub-district", "governorate", "populated place", "community"),
            "populated place": ("populated place", "community", "district", "sub-district", "governorate"),
            "area": ("governorate", "district", "sub-district", "populated place", "community"),
            None: ("populated place", "district", "governorate", "community", "sub-district"),
        }
        for feature_type in order[hint]:
            typed = [e for e in found if e.feature_type == feature_type]
            if typed:
                return max(typed, key=lambda e: e.population) if feature_type == "populated place" else typed[0]
        return found[0]

    # organizations
    def org(self, name: str) -> str | None:
        """The curated org id for a name as written, or None.

        A trailing acronym in brackets is tried on its own ("Humanitarian Relief Foundation (IHH)").
        """
        tries = [name]
        bracket = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", name)
        if bracket:
            tries += [bracket.group(1), bracket.group(2)]
        tries += [re.sub(r"^(?:the\s+)?", "", name, flags=re.IGNORECASE)]
        for attempt in tries:
            for key in org_keys(attempt):
                if key in self._orgs:
                    return self._orgs[key]
        return None

    def org_entry(self, org_id: str) -> OrgEntry | None:
        return self._org_by_id.get(org_id)
