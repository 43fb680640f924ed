"""What the entity finders share: a mention with its span and rule, the token and name patterns, the letter-tree
and first-letter alternations of many names, and the claimed-offsets set (``lod.extract.entities`` re-exports them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lod.extract import rulefiles
from lod.extract.lexicon import ARABIC_ARTICLE, ORG_HEADS, PLACE_NOUNS

TOKEN = r"[A-Z\u00C0-\u00DE][^\W\d_]*(?:[-’'][A-Za-z\u00C0-\u024F][^\W\d_]*)*"
# what a pattern that opens with a TOKEN can start with, put before its look-behind: the engine leaves the lower-case
# letters, spaces and marks that are most of a text at this one test
CAPITAL_LEAD = r"(?=[A-Z\u00C0-\u00DE])"
# that class as ``lod.extract.cues.Starts`` writes it, so that its positions in a body are found once for all
CAPITALS = re.compile("[A-Z\u00C0-\u00DE]")
NAME = TOKEN + r"(?:[^\S\n]+(?:(?:al|el|bin|ibn|abu|abdul|de|van|von)[-\s]|a-)?" + TOKEN + r"){1,3}"  # ("Osama a-Sayasana")
PLACE_SEQ = TOKEN + r"(?:[^\S\n]+" + ARABIC_ARTICLE + r"?" + TOKEN + r"){0,3}"
# the words that are not place names: each named and explained, with its examples and counter-examples, in
# lod/rules/mentions.yaml
RULES = rulefiles.load("mentions", PLACE_NOUNS=PLACE_NOUNS)
NOT_A_PLACE_WORD = RULES.pattern("not_a_place_word")
NOT_A_NAME = RULES.pattern("not_a_name")
POSSESSIVE_END = re.compile(r"['’]s$")
_ARTICLE_LEAD = re.compile(r"^(?:" + ARABIC_ARTICLE + r")(?=\w)")


def surname(name: str) -> str:
    """The word a person is called by later: the last of the name, without an Arabic article joined to it
    ("Mohamed al-Hallaj" -> "Hallaj")."""
    return _ARTICLE_LEAD.sub("", name.split()[-1]) if name.split() else name


ORG_HEAD_WORD = re.compile(ORG_HEADS)


@dataclass(frozen=True)
class Mention:
    """An entity mention ``body[start:end]``; ``ref`` is the curated id or gazetteer id when known."""

    kind: str
    start: int
    end: int
    text: str
    rule: str
    ref: str | None = None
    reference: bool = False
    role: str | None = None
    org_text: str | None = None


@dataclass
class Entities:
    orgs: list[Mention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)


def alternation(names: list[str], pattern: Callable[[str], str]) -> str:
    """``pattern(name)`` for each name, as one alternation that keeps the order of ``names``.

    Names are grouped by first letter behind a lookahead, so at each word the engine tries the few
    names that can start there, not all of them. Leftmost-first priority is unchanged as long as names
    in different groups cannot match at the same place: their first letters must be letters or digits
    (which ``pattern`` keeps as they are) in different case classes. Otherwise the plain form is used.
    """
    plain = "|".join(pattern(name) for name in names)
    groups: dict[str, list[str]] = {}
    for name in names:
        first = name.lstrip()[:1]
        if not first.isalnum():
            return plain
        groups.setdefault(first.lower(), []).append(pattern(name))
    firsts = list(groups)
    if any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in firsts for b in firsts if a != b):
        return plain  # e.g. "ı" and "i", or "ſ" and "s": one case class
    return "|".join(f"(?i:(?={re.escape(first)}))(?:{'|'.join(alternatives)})" for first, alternatives in groups.items())


def trie(names: list[str]) -> str:
    """The literal ``names`` as one regex shaped like a letter tree ("Bar|Barn" -> "Bar(?:n)?").

    At each position the engine follows one branch per letter instead of trying every name: a few thousand place
    names cost about what one does. Longer names are tried first (a branch before its end), as in an alternation
    sorted longest first.

    >>> trie(["Bar", "Barn", "Bun"])
    'B(?:ar(?:n)?|un)'
    """
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in node.items() if char]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + inner + ")?" if "" in node else inner

    return emit(root)


class Taken:
    """Character offsets already claimed by a mention (linear time, whatever the number of mentions)."""

    def __init__(self, size: int, spans: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.cells = bytearray(size + 1)
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.cells[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.cells.find(1, start, end) != -1
