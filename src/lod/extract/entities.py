"""Named entities in an article body: organizations, people and places, each with its span and rule.

* Organizations: curated names and aliases from ``organizations.yaml`` (rule ``org-alias``), tolerant of
  case, possessives and "the"; otherwise a capitalised phrase ending in an organization word ("Group",
  "Front", "Office", "militias" ...; rule ``org-head``), and an acronym defined in brackets after one.
  A bare common noun ("the Team", "the regime", "its Russian ally") is a *reference*: it resolves to
  the entity but is not listed as a name.
* People: a capitalised name after a post ("Secretary-General of the X, Name"; ``person-role-before``),
  before an apposition ("Name, the head of X,"; ``person-apposition``), "Name, for the X," (``person-for-org``),
  before a reporting verb (``person-speaker``), and bylines (``person-byline``).
* Places: gazetteer names in any spelling (``place-gazetteer``), world places (``place-world``),
  capitalised names with a place noun ("Shemoun town", "the village of X"; ``place-noun``), lists
  after "such as" (``place-list``) and borders (``place-border``); each widened to its directional
  modifier and area noun as written ("southern X province").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass, field
from functools import lru_cache

from lod.extract.spans import SpanIndex
from lod.extract.lexicon import (
    AREA_SUFFIX, COUNTRY_ADJECTIVES, DIRECTION, NOT_PERSON_HEADS, ORG_HEADS, PLACE_NOUNS, REPORTING_VERBS, ROLE_HEADS,
    STOPWORDS,
    TITLES, TOPONYM_HEADS, alternation as words_alternation,
)
from lod.reconcile import Reconciler, place_key

TOKEN = r"[A-Z\u00C0-\u00DE][^\W\d_]*(?:[-’'][A-Za-z\u00C0-\u024F][^\W\d_]*)*"
NAME = TOKEN + r"(?:[^\S\n]+(?:(?:al|el|bin|ibn|abu|abdul|de|van|von)[-\s])?" + TOKEN + r"){1,3}"
PLACE_SEQ = TOKEN + r"(?:[^\S\n]+(?:(?i:al|el|an|ash|as|ar|ad|at|az|es|ed|ez|en)[-\s])?" + TOKEN + r"){0,3}"
_ORG_HEADS = ORG_HEADS  # lexicon org_heads
_SP = r"[^\S\n]+"  # spaces within a line: a name never runs over a line break
# a name token, or two joined by a slash ("Shelter/NFI"); a full stop only after an initial ("U. N.")
_ORG_TOKEN = TOKEN + r"(?:/" + TOKEN + r")?(?:(?<=\b[A-Z])\.)?"
_ORG_PHRASE = re.compile(
    r"(?<![\w’'/])(?P<name>(?:" + _ORG_TOKEN + _SP + r"(?:(?:of|for|the|and|on)" + _SP + r")*){1,6}(?:" + _ORG_HEADS + r")\b)"
    r"(?:\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\))?"
)
_DEFINED_ACRONYM = re.compile(r"(?P<name>(?:" + TOKEN + _SP + r"(?:(?:of|for|the|and|on)" + _SP + r")*){1,8})\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")
_GENERIC = frozenset("coalition team group regime foundation observatory council government department agency "
                     "office organization organisation ally allies army forces front".split())
_VERB_ALT = "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True))
_ROLE_ALT = "|".join(re.escape(r) for r in sorted(ROLE_HEADS, key=len, reverse=True))
_place_key = lru_cache(maxsize=1 << 16)(place_key)  # the same names come back all through an article
# compiled once: the people rules run for every capitalised phrase of the body
_NAME = re.compile(NAME)
_PLACE_SEQ = re.compile(PLACE_SEQ)
_DASH = re.compile(r"\s*[-–—]")
_ROLE = re.compile(_ROLE_ALT)
_ROLE_BEFORE = re.compile(r"(?P<role>(?:(?:the|a|an)\s+)?(?:[\w.’'\-]+\s+){0,5}?(?:" + _ROLE_ALT + r"))"
                          r"(?:\s+(?:of|for)\s+(?:the\s+)?(?P<org>[^,;.]{2,80}?))?\s*,?\s*$")
# (the role ends at a comma, or at the end of the sentence: never over a full stop and a space or a line break)
_APPOSITION = re.compile(r",\s+(?:the|a|an|its|his|her)\s+(?P<role>(?:[^,;.\n]|\.(?=\S)){2,120}?)\s*(?:,|\.(?:\s|$)|$)")
# an apposition without an article: "Name, ORG's operations director, said", "..., said Name, spokesman for
# the X (ACRONYM)." (``person-apposition``); the role must contain a role word
_BARE_APPOSITION = re.compile(r",\s+(?P<role>(?:[A-Z][^,;]{0,80}?['’]s\s+)?(?:[\w\-]+\s+){0,3}?(?:" + _ROLE_ALT + r")"
                              r"(?:\s+(?:of|for|at|with|to)\s+(?:the\s+)?[^,;]{2,120}?)?(?:\s+in\s+(?:the\s+)?[A-Z][^,;]{1,60}?)?)"
                              r"\s*(?:,|;|(?<![A-Z])\.(?:\s|$)|$)")
# "Name, a nurse in X, ...": a person described by an indefinite noun phrase (``person-description``)
_DESCRIPTION = re.compile(r",\s+(?:an?)\s+(?P<role>[a-z0-9][\w\-]*(?:\s+[a-z][\w\-]*){0,2})\b[^,;.]{0,80}(?:[,;]|\.(?:\s|$)|$)")
_VERB_BEFORE = re.compile(r"(?:" + "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True))
                          + r")[^\S\n]+$", re.IGNORECASE)
_FOR_ORG = re.compile(r",\s+(?:speaking\s+)?for\s+(?:the\s+)?(?P<org>[^,;]{2,120}?)\s*,")
_VERB_AFTER = re.compile(r"\s+(?:also\s+|further\s+|painfully\s+|has\s+|had\s+)?(?:" + _VERB_ALT + r")\b", re.IGNORECASE)
_BYLINE_AFTER = re.compile(r"\s*(?:,\s*" + NAME + r"\s*)*\|")
_BYLINE_BEFORE = re.compile(r"\|\s*$")
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el)-")
_PLACE_PREFIX = re.compile(r"(?:" + words_alternation(NOT_PERSON_HEADS) + r")")
# a one-word name that speaks: before a reporting verb after a quote or a comma ('”, Youssef recalls'), or after an
# inverted verb at the end of the sentence ('..., said Osman.')
_SINGLE_SPEAKER = re.compile(r"(?:[”\"’],?[^\S\n]+|,[^\S\n]+)(?P<n>[A-Z][a-z]{2,})(?=[^\S\n]+(?:" + _VERB_ALT + r")\b|"
                             r",[^\S\n]+an?[^\S\n]+[^,;.”\"]{2,60},[^\S\n]+(?:" + _VERB_ALT + r")\b)|"
                             r"\b(?:said|says|added|recalls|recalled)[^\S\n]+(?P<m>[A-Z][a-z]{2,})(?=[.,])")
_OWNER_BEFORE = re.compile(r"(?<![\w’'])(?P<org>[A-Z][A-Z.]{1,9})['’]s[^\S\n]+$")
_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling)[^\S\n]+$", re.IGNORECASE)
# "Name, who fled X last week, told ...": a relative clause between a name and its reporting verb
_RELATIVE_THEN_VERB = re.compile(r",[^\S\n]+who[^,;.]{2,120},[^\S\n]+(?:also[^\S\n]+)?(?:" + _VERB_ALT + r")\b", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"(?:the|its|their)\s+", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"['’]s$")
_ORG_HEAD_WORD = re.compile(_ORG_HEADS)
# Toponyms built on a head word (lexicon toponym_heads): "<head> X", "<head> al-X"
_PREFIX_TOPONYM = re.compile(
    r"(?<![\w’'-])(?:" + words_alternation(TOPONYM_HEADS) + r")"
    r"[^\S\n]+(?:(?i:al|el|an|ash|as|ar|ad|at|az|es|ed|ez|en|ul)[-\s])?" + TOKEN
)
_LIST_ITEM = TOKEN + r"(?:[^\S\n]+(?:(?i:al|el|an|ash|as|ar|ad|at|az|es|ed|ez|en)[-\s])?" + TOKEN + r"){0,2}"
_COORDINATION = re.compile(
    r"(?<![\w’'-])" + _LIST_ITEM + r"(?:(?:[^\S\n]*,[^\S\n]*|,?[^\S\n]+(?:and|or)[^\S\n]+)" + _LIST_ITEM + r")+"
)
_NOT_A_PLACE_WORD = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                               r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mr|Mrs|Ms|Dr)\b")
_NOT_A_NAME = re.compile(r"\b(?:" + PLACE_NOUNS + r"|Agreement|Council|Crisis)\b", re.IGNORECASE)
_DEMONYM = words_alternation(COUNTRY_ADJECTIVES)
# a nationality adjective right before an organization's name, not itself the end of a capitalised name
_DEMONYM_BEFORE = re.compile(r"(?<![\w’'-])(?<![A-Z][a-z] )(?:" + _DEMONYM + r")[^\S\n]+$")


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


def _alias_pattern(alias: str) -> str:
    """A regex for a curated alias: possessive and plural endings tolerated, spaces flexible."""
    parts = []
    tokens = re.split(r"\s+", alias.strip())
    if len(tokens) > 1 and tokens[0].lower() in ("the", "its", "their"):
        parts.append("(?i:" + tokens.pop(0) + ")")
    for token in tokens:
        word = re.escape(token.rstrip("’'"))
        if token.endswith("s") and len(token) > 3:
            word = re.escape(token[:-1]) + r"(?:s|['’]s|s['’])?"
        elif token[-1:].isalpha():
            word += r"(?:['’]s)?"
        parts.append(word)
    return r"\s+".join(parts)


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


class _Taken:
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


class EntityFinder:
    """Finds entities with one reconciler; build once, use for many articles."""

    def __init__(self, reconciler: Reconciler) -> None:
        self.reconciler = reconciler
        self._org = lru_cache(maxsize=1 << 12)(reconciler.org)  # a name recurs all through an article
        self._place = lru_cache(maxsize=1 << 14)(reconciler.place)
        sensitive: list[str] = []
        insensitive: list[str] = []
        for org in reconciler.organizations:
            for alias in org.names:
                core = re.sub(r"^(?:the|its|their)\s+", "", alias, flags=re.IGNORECASE)
                target = sensitive if (" " not in core or core.isupper()) else insensitive
                target.append(alias)
        def build(aliases: list[str], flags: int) -> re.Pattern[str]:
            ordered = sorted(set(aliases), key=len, reverse=True)
            return re.compile(r"(?<![\w’'.-])(?:" + alternation(ordered, _alias_pattern) + r")(?![\w-]|\.\w)", flags)
        self._sensitive = build(sensitive, 0)
        self._insensitive = build(insensitive, re.IGNORECASE)
        self._world = re.compile(
            # the lookahead fails fast on the lower-case letters that start most positions: a place is written
            # with a capital, and matches in lower case are dropped anyway
            r"(?-i:(?=[A-Z\u00C0-\u00DE]))(?<![\w-])(?:" + trie(sorted(reconciler.world))
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        # "the <demonym> border", "the <demonym>-<demonym> border", "<country>'s border"
        country = r"(?:" + _DEMONYM + "|" + trie(sorted(reconciler.world)) + r")"
        self._border = re.compile(r"(?=[A-Z\u00C0-\u00DE])\b" + country + r"(?:[-–]" + country + r")?(?:['’]s)?\s+border\b")

    # organizations ------------------------------------------------------------------
    def orgs(self, body: str) -> list[Mention]:
        found: list[Mention] = []
        taken = _Taken(len(body))
        candidates = [(m, "org-alias") for pattern in (self._insensitive, self._sensitive) for m in _overlapping(pattern, body)]
        candidates.sort(key=lambda c: (-(c[0].end() - c[0].start()), c[0].start()))
        for match, rule in candidates:
            if taken.overlaps(match.start(), match.end()):
                continue
            text = match.group(0)
            start, end = match.start(), match.end()
            if re.search(r"['’]s$", text) and self._org(text) is None:
                text, end = text[:-2], end - 2
            generic_tail = re.match(r"[”\"]?\s+(?:team|group)\b", body[end:end + 8])
            if generic_tail and " " in text and not text.lower().endswith(("team", "group")):
                end += generic_tail.end()
                text = body[start:end]
            bracket = _BRACKETED_ACRONYM.match(body, end)  # at ``end``, without copying the rest of the body
            if bracket and self._org(bracket.group(1)) == self._org(text):
                end = bracket.end()
                text = body[start:end]
            ref = self._org(text)
            demonym = _DEMONYM_BEFORE.search(body, max(0, start - 24), start)
            if demonym and " " in text and text[:1].isupper() and not taken.overlaps(demonym.start(), start):
                start = demonym.start()  # "the <demonym> Disaster Authority": the name as written
                text = body[start:end]
                ref = self._org(text) or ref
            taken.append((start, end))
            found.append(Mention("org", start, end, text, rule, ref, _is_reference(body, start, text)))
        acronyms: dict[str, str] = {}
        for match in _ORG_PHRASE.finditer(body):
            name = _trim_leading(match.group("name"))
            start = match.start("name") + match.group("name").find(name)
            end = match.end("acr") + 1 if match.group("acr") else match.end("name")
            if len(name.split()) < 2 or taken.overlaps(start, end):
                continue
            text = body[start:end]
            ref = self._org(text)
            taken.append((start, end))
            found.append(Mention("org", start, end, text, "org-head", ref, False))
            if match.group("acr"):
                acronyms[match.group("acr")] = text
        for match in _DEFINED_ACRONYM.finditer(body):
            acronyms.setdefault(match.group("acr"), _trim_leading(match.group("name")).strip())
        for acronym, full in acronyms.items():
            if acronym.upper() in ("IDP", "IDPS", "UK", "US", "USA"):
                continue
            for match in re.finditer(r"(?<![\w(])" + re.escape(acronym) + r"(?![\w)])", body):
                if not taken.overlaps(match.start(), match.end()):
                    taken.append((match.start(), match.end()))
                    found.append(Mention("org", match.start(), match.end(), acronym, "org-acronym",
                                         self._org(full) or self._org(acronym)))
        return sorted(found, key=lambda m: m.start)

    # people --------------------------------------------------------------------------
    def people(self, body: str, orgs: list[Mention]) -> list[Mention]:
        org_spans = SpanIndex([(m.start, m.end) for m in orgs])
        found: dict[tuple[int, int], Mention] = {}
        for match in _NAME.finditer(body):
            start, end, name = self._clean_name(body, match.start(), match.end(), org_spans)
            if name is None:
                continue
            weak_ok = not name.startswith("\x00")
            name = name.lstrip("\x00")
            before = body[max(0, start - 160): start]
            after = body[end: end + 200]
            role = org_text = None
            rule = ""
            pre = _ROLE_BEFORE.search(before[before.rfind("\n") + 1:])  # a post is on the name's line
            app = _APPOSITION.match(after)
            forg = _FOR_ORG.match(after)
            verb = _VERB_AFTER.match(after)
            if pre and _ROLE.search(pre.group("role")):
                role, org_text, rule = pre.group("role"), pre.group("org"), "person-role-before"
            elif app and _ROLE.search(app.group("role")):
                role, rule = app.group("role"), "person-apposition"
            elif (bare := _BARE_APPOSITION.match(after)) and (_VERB_BEFORE.search(before) or _VERB_AFTER.match(after[bare.end():])
                                                              or re.search(r"['’]s\s", bare.group("role"))):
                role, rule = bare.group("role"), "person-apposition"
                role = re.sub(r"\s+in\s+(?:the\s+)?[A-Z][^,;]*$", "", role)  # "..., coordinator in X": X is where
                of = re.match(r"(?P<role>.+?)\s+(?:of|for|at|with|to)\s+(?:the\s+)?(?P<org>.+)$", role)
                if of and not re.search(r"['’]s\s", role):
                    role, org_text = of.group("role"), of.group("org")
            elif forg:
                org_text, rule = forg.group("org"), "person-for-org"
            elif verb or _RELATIVE_THEN_VERB.match(after):
                rule = "person-speaker"
            elif _VERB_BEFORE.search(before) and re.match(r"\s*[.,;]", after) and not _TOLD_BEFORE.search(before):
                rule = "person-speaker"  # inverted: '..., said Name.' (after "told", the name is the one told)
            elif (desc := _DESCRIPTION.match(after)) and desc.group("role").split()[0] not in ("few", "number", "lot"):
                role, rule = desc.group(0).strip(" ,.;\n\t").split(None, 1)[1], "person-description"
            elif _BYLINE_AFTER.match(after) or _BYLINE_BEFORE.search(before):
                role, rule = "author (byline)", "person-byline"
            elif _ARABIC_ARTICLE.search(name) and not _PLACE_PREFIX.match(name):
                rule = "person-arabic-name"
            if not rule or (not weak_ok and rule not in ("person-apposition", "person-speaker", "person-description",
                                                         "person-role-before", "person-for-org")):
                continue
            role, org_text = _split_role(role, org_text)
            owner = _OWNER_BEFORE.search(before)
            if org_text is None and owner:  # "RCR's Anna Berg said": the organization she speaks for
                org_text = owner.group("org")
            found[(start, end)] = Mention("person", start, end, name, rule, None, False, role, org_text)
        taken = SpanIndex([(m.start, m.end) for m in (*orgs, *found.values())])
        known = {word for m in found.values() for word in m.text.split()}  # "Cutts" after "Mark Cutts"
        for match in _SINGLE_SPEAKER.finditer(body):  # "Youssef recalls", "..., said Osman."
            group = "n" if match.group("n") else "m"
            start, end, name = match.start(group), match.end(group), match.group(group)
            if (taken.overlaps(start, end) or name in known or name in STOPWORDS or name in TITLES or name in ROLE_HEADS
                    or _NOT_A_PLACE_WORD.match(name) or name in COUNTRY_ADJECTIVES or _ORG_HEAD_WORD.fullmatch(name)
                    or self._world.fullmatch(name) or _well_known_place(self.reconciler, name)
                    or self._org(name) is not None or _sentence_start(body, start)):
                continue
            found[(start, end)] = Mention("person", start, end, name, "person-single-name", None, False, None, None)
        return sorted(found.values(), key=lambda m: m.start)

    def _clean_name(self, body: str, start: int, end: int, org_spans: SpanIndex) -> tuple[int, int, str | None]:
        start = org_spans.skip(start)  # cut an organization name off the front
        text = body[start:end]
        tokens = list(re.finditer(r"\S+", text))
        while tokens and (tokens[0].group(0) in STOPWORDS or tokens[0].group(0) in TITLES
                          or tokens[0].group(0).isupper() or tokens[0].group(0).rstrip(",") in ROLE_HEADS
                          or _POSSESSIVE_END.search(tokens[0].group(0))):
            tokens.pop(0)
        if len(tokens) < 2:
            return start, end, None
        start = start + tokens[0].start()
        end = start + (tokens[-1].end() - tokens[0].start())
        name = body[start:end]
        if org_spans.overlaps(start, end) or any(t.group(0) in STOPWORDS or t.group(0) in ROLE_HEADS
                                                 or _ORG_HEAD_WORD.fullmatch(t.group(0)) for t in tokens):
            return start, end, None
        if self._world.fullmatch(name) or self._place(name) is not None:
            return start, end, None
        if _NOT_A_NAME.search(name):
            return start, end, None
        world = self._world.search(name)
        if world and not (world.end() == len(name) and world.start() > 0 and self._place(name.split()[0]) is None
                          and not self._world.fullmatch(name.split()[0])):
            return start, end, None
        if world:  # "Name Aydin": a surname that is also a town; taken only in a speaker's context (below)
            return start, end, "\x00" + name
        return start, end, name

    # places --------------------------------------------------------------------------
    def places(self, body: str, masks: list[tuple[int, int]], org_mentions: list[Mention] | None = None) -> list[Mention]:
        found: list[Mention] = []
        taken = _Taken(len(body), masks)
        for org in org_mentions or ():  # "Team in Northern X": the place inside an org name still counts
            inner = re.search(r"\b(?P<p>in|for|of)\s+(?P<n>" + TOKEN + r"(?:\s+" + TOKEN + r")*)$", org.text)
            if inner and inner.group("p") != "in" and not (self._world.fullmatch(inner.group("n"))
                                                            or self._place(inner.group("n"))):
                inner = None  # "Observatory for Human Rights": not a place
            if inner:
                s = org.start + inner.start("n")
                found.append(Mention("place", s, org.start + inner.end("n"), inner.group("n"), "place-in-org-name", None))

        def add(start: int, end: int, rule: str, ref: str | None) -> None:
            start, end = _widen(body, start, end)
            if taken.overlaps(start, end):
                return
            taken.append((start, end))
            text = body[start:end]
            entry = self._place(text) if ref is None else None
            found.append(Mention("place", start, end, text, rule, ref if ref is not None else (entry.id if entry else None)))

        for match in self._border.finditer(body):
            add(match.start(), match.end(), "place-border", None)
        for match in self._world.finditer(body):
            text = match.group(0)
            if text.islower() or (text.isupper() and len(text) > 3 and text not in ("USA",) and not _DASH.match(body, match.end())):
                if text.islower():
                    continue
            if re.match(r"(?:n|ns|ian|ish)\b", body[match.end(): match.end() + 4]):
                continue
            add(match.start(), match.end(), "place-world", None)
        for match in re.finditer(r"(?:\b(?:the\s+)?(?:town|village|city|region|area|districts?|sub-districts?)\s+of\s+)(?P<n>" + TOKEN + r"(?:\s+(?:(?i:al|el|an|ash|as|ar)[-\s])?" + TOKEN + r")*)", body):
            for part in re.finditer(r"[^,]+", match.group("n")):
                add(match.start("n") + part.start(), match.start("n") + part.end(), "place-noun", None)
        for match in _PREFIX_TOPONYM.finditer(body):  # "<head> X", "<head> al-X": whole, known or not
            add(match.start(), match.end(), "place-prefix", None)
        known: dict[str, list[tuple[int, int]]] = {}  # the same capitalised phrases recur all through an article
        for match in _PLACE_SEQ.finditer(body):
            phrase = match.group(0)
            if phrase not in known:
                known[phrase] = self._gazetteer_names(phrase)
            for start, end in known[phrase]:
                add(match.start() + start, match.start() + end, "place-gazetteer", None)
        for match in re.finditer(r"(?P<n>" + TOKEN + r"(?:\s+(?:(?i:al|el|an|ash|as|ar)[-\s])?" + TOKEN + r"){0,2})\s+(?P<d>" + PLACE_NOUNS + r")\b", body):
            name = match.group("n")
            first = name.split()[0]
            if first in STOPWORDS:
                continue
            if match.group("d") in ("town", "village", "camp"):
                add(match.start("n"), match.end("n"), "place-noun", None)
            else:
                add(match.start("n"), match.end("d"), "place-noun", None)
        for match in re.finditer(r"\b(?:towns|villages|cities|areas|places|communities|population\s+centres|population\s+centers)\b[^.;]{0,80}?\bsuch\s+as\s+(?P<list>[^.;]+)", body):
            offset = match.start("list")
            for item in re.finditer(r"(?:^|,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\bsuch\s+as\s+)(?P<p>" + TOKEN + r"(?:\s+(?:(?i:al|el|an|ash|as|ar)[-\s])?" + TOKEN + r"){0,2})", match.group("list")):
                add(offset + item.start("p"), offset + item.end("p"), "place-list", None)
        self._coordinated(body, found, add, masks)
        return sorted(found, key=lambda m: m.start)

    def _coordinated(self, body: str, found: list[Mention], add: Callable[[int, int, str, str | None], None],
                     masks: list[tuple[int, int]]) -> None:
        """"in Town A, Town B and Town C": names listed with a known place are places too (``place-coordinated``).

        A list is capitalised names joined by commas and a final "and"/"or", within one line. Names that
        are months, weekdays, stopwords, nationality adjectives or already an organization or person
        (masked) are not taken.
        """
        starts = {m.start: m for m in found if m.rule != "place-in-org-name"}
        named = {w for start, end in masks for w in re.findall(r"[\w’'-]+", body[start:end])}  # "Cutts" after "Mark Cutts"
        for match in _COORDINATION.finditer(body):
            items = [m for m in re.finditer(_LIST_ITEM, match.group(0))]
            anchored = [i for i in items if match.start() + i.start() in starts]
            locative = re.search(r"\b(?:in|into|to|towards|toward|near|from|around|between)[^\S\n]+$",
                                 body[max(0, match.start() - 12): match.start()])
            if not anchored and not locative:
                continue
            for item in items:
                name = item.group(0)
                first = name.split()[0]
                if first in STOPWORDS or first in COUNTRY_ADJECTIVES or _NOT_A_PLACE_WORD.match(first):
                    continue
                if all(w in named for w in name.split()):
                    continue
                add(match.start() + item.start(), match.start() + item.end(), "place-coordinated", None)
        return None

    def _gazetteer_names(self, phrase: str) -> list[tuple[int, int]]:
        """The spans in ``phrase`` of the longest gazetteer names, left to right."""
        found: list[tuple[int, int]] = []
        tokens = list(re.finditer(r"\S+", phrase))
        i = 0
        while i < len(tokens):
            matched = False
            for j in range(len(tokens), i, -1):
                s, e = tokens[i].start(), tokens[j - 1].end()
                text = phrase[s:e].rstrip("’'")
                e = s + len(text)
                words = text.split()
                if words[0] in STOPWORDS or (len(words) == 1 and (text in STOPWORDS or len(text) < 3)):
                    continue
                if _POSSESSIVE_END.search(text):
                    text, e = text[:-2], e - 2
                key = _place_key(text)
                if not key:
                    continue
                loose_ok = len(key) >= 5
                hits = self.reconciler.candidates(text) if loose_ok else self.reconciler._exact.get(key, [])
                if hits:
                    found.append((s, e))
                    i, matched = j, True
                    break
            if not matched:
                i += 1
        return found


def _overlapping(pattern: re.Pattern[str], body: str) -> list[re.Match[str]]:
    """Matches of ``pattern``, and a longer one that starts after a match's leading article: the alias "The
    Union" must not hide "Union Children's Fund"."""
    found: list[re.Match[str]] = []
    for match in pattern.finditer(body):
        found.append(match)
        article = _LEADING_ARTICLE.match(match.group(0))
        longer = pattern.match(body, match.start() + article.end()) if article else None
        if longer and longer.end() > match.end():
            found.append(longer)
    return found


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    """Take in a directional modifier before and an area noun after, as written."""
    before = re.search(r"(?:\b" + DIRECTION + r"(?:\s+rural)?\s+)+$", body[max(0, start - 40): start], re.IGNORECASE)
    if before and not re.match(r"[A-Z]", before.group(0)) or (before and start - len(before.group(0)) > 0 and body[start - len(before.group(0)) - 2: start - len(before.group(0))].strip() not in ("", ".")):
        start -= len(before.group(0))
    elif before and re.match(r"(?:North|South|East|West)", before.group(0)):
        start -= len(before.group(0))
    after = re.match(r"[^\S\n]+(?:" + AREA_SUFFIX + r"|sub-districts?|districts?)\b", body[end: end + 40], re.IGNORECASE)
    if after:
        end += after.end()
    return start, end


def _well_known_place(reconciler: Reconciler, name: str) -> bool:
    """The name of a governorate or district ("<governorate> said"): a speaker's one-word name may be a town's or a
    village's name too ("Karim")."""
    return any(entry.feature_type in ("governorate", "district") for entry in reconciler.candidates(name))


def _sentence_start(body: str, start: int) -> bool:
    """Whether ``start`` opens a sentence or a line (a capital there says nothing about a name)."""
    return bool(re.search(r"(?:^|[.!?]\s+|\n\s*)$", body[max(0, start - 3): start]))


def _trim_leading(name: str) -> str:
    tokens = name.split()
    while tokens and (tokens[0] in STOPWORDS or tokens[0].lower() in ("of", "for", "and", "on", "the")):
        tokens.pop(0)
    return " ".join(tokens)


def _is_reference(body: str, start: int, text: str) -> bool:
    core = re.sub(r"^(?:the|its|their|his|her)\s+", "", text, flags=re.IGNORECASE)
    words = core.split()
    if len(words) == 1 and words[0].lower().rstrip("’'s") in _GENERIC | {"coalition", "team"}:
        return True
    if words and words[-1].lower() in ("ally", "allies") or core[:1].islower():
        return True
    return False


def _split_role(role: str | None, org_text: str | None) -> tuple[str | None, str | None]:
    """"the Agency’s Deputy Coordinator" -> ("Deputy Coordinator", "Agency"); "Director of X" stays split."""
    if role is None:
        return None, org_text
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip())
    possessive = re.match(r"(?P<org>.+?)['’]s\s+(?P<role>.+)$", role)
    if possessive and org_text is None:
        org_text, role = possessive.group("org"), possessive.group("role")
    of = re.match(r"(?P<role>.+?)\s+of\s+(?:the\s+)?(?P<org>.+)$", role)
    if of and org_text is None and not re.search(r"\bfor\b", role):
        role, org_text = of.group("role"), of.group("org")
    # "spokeswoman for the X refugee agency": a post held for a named body (a capital in its name)
    for_org = re.match(r"(?P<role>(?:[\w\-]+\s+){0,3}?[\w\-]+)\s+for\s+(?:the\s+)?(?P<org>(?=[^,;]*[A-Z])[^,;]+)$", role)
    if for_org and org_text is None and _ROLE.search(for_org.group("role")):
        role, org_text = for_org.group("role"), for_org.group("org")
    # "RCR spokeswoman": an acronym before the post is the organization
    acronym = re.match(r"(?P<org>[A-Z][A-Z.]{1,9})\s+(?P<role>[a-z].*)$", role)
    if acronym and org_text is None:
        org_text, role = acronym.group("org"), acronym.group("role")
    if org_text:
        org_text = re.sub(r"^(?:the)\s+", "", org_text.strip())
    return role, org_text
