"""Named entities in an article body: organizations, people and places, each with its span and rule.

* Organizations: curated names and aliases from ``organizations.yaml`` (rule ``org-alias``), tolerant of
  case, possessives and "the"; otherwise a capitalised phrase ending in an organization word ("Group",
  "Front", "Office", "militias" ...; rule ``org-head``), and an acronym defined in brackets after one.
  A bare common noun ("the Team", "the regime", "its Russian ally") is a *reference*: it resolves to
  the entity but is not listed as a name.
* People: ``lod.extract.people`` (a name after a post, before an apposition or a reporting verb, bylines ...).
* Places: gazetteer names in any spelling (``place-gazetteer``), world places (``place-world``),
  capitalised names with a place noun ("Shemoun town", "the village of X"; ``place-noun``), lists
  after "such as" (``place-list``) and borders (``place-border``); each widened to its directional
  modifier and area noun as written ("southern X province").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lod.extract import rulefiles
from lod.extract.cues import Starts, cues, finditer_from, lowered, possible
from lod.extract.lexicon import (
    ARABIC_ARTICLE, AREA_SUFFIX, COUNTRY_ADJECTIVES, CROSSING_NOUNS, DIRECTION, HOLDER_PARTICIPLES, KIND_BEFORE_NAME, NEWS_AGENCY, ORG_HEADS,
    PEOPLE_DEMONYMS,
    PERSON_UNITS, PLACE_COUNCILS, PLACE_NOUNS, REPORTING_VERBS, ROLE_HEADS, STOPWORDS, TOPONYM_HEADS, alternation as words_alternation,
)
from lod.extract.mentions import (
    CAPITAL_LEAD, CAPITALS, NAME, NOT_A_PLACE_WORD, PLACE_SEQ, POSSESSIVE_END, TOKEN, Entities, Mention, Taken, alternation, trie,
)
from lod.extract.people import PeopleFinder, split_role
from lod.places.reconcile import Reconciler, place_key

__all__ = ["NAME", "PLACE_SEQ", "TOKEN", "EntityFinder", "Entities", "Mention", "alternation", "split_role", "trie"]

_ORG_HEADS = ORG_HEADS  # lexicon org_heads
_SP = r"[^\S\n]+"  # spaces within a line: a name never runs over a line break
# a name token, or two joined by a slash ("Shelter/NFI"); a full stop only after an initial ("U. N.")
_ORG_TOKEN = TOKEN + r"(?:/" + TOKEN + r")?(?:(?<=\b[A-Z])\.)?"
_LIST_ITEM = TOKEN + r"(?:[^\S\n]+" + ARABIC_ARTICLE + r"?" + TOKEN + r"){0,2}"
# the phrasings of organizations and places: each named and explained, with its examples and counter-examples, in
# lod/rules/entities.yaml; the shapes of names given here
RULES = rulefiles.load("entities", ARTICLE=ARABIC_ARTICLE, CAPITAL_LEAD=CAPITAL_LEAD, TOKEN=TOKEN, ORG_TOKEN=_ORG_TOKEN,
                       LIST_ITEM=_LIST_ITEM, SP=_SP, ORG_HEADS=_ORG_HEADS, DIRECTION=DIRECTION, AREA_SUFFIX=AREA_SUFFIX)
_ORG_PHRASE = RULES.pattern("org_phrase")
_AND_JOINT, _OWNER_JOINT = RULES.pattern("and_joint"), RULES.pattern("owner_joint")
_HEAD_AT_END = RULES.pattern("owner_head_at_end")
_SPEAKING_ACRONYM = RULES.pattern("speaking_acronym")
_POST_WORDS = RULES.pattern("post_words")
# a title ending in one of these words before a post ("ABC Emergency Relief Coordinator") is the post's, not a body
_WEAK_HEADS = frozenset(str(word) for word in RULES.data["weak_heads"])
# (a kind of body is no body's name: "A local nongovernmental organization (NGO) said")
_NOT_ORG_ACRONYMS = frozenset({"IDP", "IDPS", "UK", "US", "USA", "UAE", "AM", "PM", "GMT", "EST", "TV", "OK", "NW", "NE", "SW", "SE",
                               "NGO", "NGOS", "INGO", "INGOS", "CSO", "CSOS"})
_DEFINED_ACRONYM = RULES.pattern("defined_acronym")
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")
_GENERIC = frozenset("coalition team group regime foundation observatory council government department agency "
                     "office organization organisation ally allies army forces front".split())
_place_key = lru_cache(maxsize=1 << 16)(place_key)  # the same names come back all through an article
# compiled once: the people rules run for every capitalised phrase of the body
_PLACE_SEQ = re.compile(PLACE_SEQ)
_DASH = re.compile(r"\s*[-–—]")
_LEADING_ARTICLE = RULES.pattern("leading_article")
# Toponyms built on a head word (lexicon toponym_heads): "<head> X", "<head> al-X"
_PREFIX_TOPONYM = re.compile(
    r"(?<![\w’'-])(?:" + words_alternation(TOPONYM_HEADS) + r")"
    r"[^\S\n]+" + ARABIC_ARTICLE + r"?" + TOKEN
)
_PREFIX_TOPONYM_STARTS = Starts(_PREFIX_TOPONYM)  # searched at its head words only
_LIST_ITEM_RE = re.compile(_LIST_ITEM)
_WORDS = re.compile(r"[\w’'-]+")  # the words of a name (no anchor: searched between its ends as in its slice)
_COORDINATION = RULES.pattern("coordination")
# the body's capitalised-name patterns searched only where their matches can start (``lod.extract.cues.Starts``): at
# the capitals, found once per body for all of them, not entering each pattern at every character (1 MB of text:
# the acronym before a reporting verb 95 -> 23 ms, the others a fifth to a third less)
_ORG_PHRASE_STARTS, _SPEAKING_ACRONYM_STARTS = Starts(_ORG_PHRASE), Starts(_SPEAKING_ACRONYM)
_DEFINED_ACRONYM_STARTS, _COORDINATION_STARTS = Starts(_DEFINED_ACRONYM), Starts(_COORDINATION)
_SUCH_AS = RULES.pattern("such_as")
_SUCH_AS_STARTS = Starts(_SUCH_AS)
_NOUN_OF = RULES.pattern("noun_of")
_NOUN_OF_STARTS = Starts(_NOUN_OF)
_FLIGHT_PLACE_STARTS = Starts(RULES.pattern("flight_place"))
_DEMONYM = words_alternation(COUNTRY_ADJECTIVES)
_DEMONYMS = frozenset(COUNTRY_ADJECTIVES)
# a nationality adjective right before an organization's name, not itself the end of a capitalised name
_DEMONYM_BEFORE = re.compile(r"(?<![\w’'-])(?<![A-Z][a-z] )(?:" + _DEMONYM + r")[^\S\n]+$")


# a reporting verb right after a name: the name speaks
_SPEAKS = re.compile(r"[^\S\n]+(?:" + words_alternation(tuple(REPORTING_VERBS)) + r")\b")
_APOSTROPHE = re.compile(r"['’]")
# the patterns of the loops over mentions, compiled once (an inline ``re.search(r"...")`` looks its pattern up in
# ``re``'s cache at every call, and one built by concatenation is hashed again each time)
_POSSESSIVE_S = re.compile(r"['’]s$")
_GENERIC_TAIL = re.compile(r"[”\"]?\s+(?:team|group)\b")
_PLACE_IN_ORG = re.compile(r"\b(?P<p>in|for|of)\s+(?P<n>" + TOKEN + r"(?:\s+" + TOKEN + r")*)$")
_DEMONYM_ENDING = re.compile(r"(?:n|ns|ian|ish)\b")
_LIST_NAMES = re.compile(TOKEN + r"(?:\s+" + ARABIC_ARTICLE + r"?" + TOKEN + r")*")  # the names of "A, B and C"
# a name of one to three words, the later ones possibly after an Arabic article ("X al-Y")
_NAME_WORDS = TOKEN + r"(?:\s+" + ARABIC_ARTICLE + r"?" + TOKEN + r"){0,2}"
_NAME_PLACE_NOUN = re.compile(r"(?P<n>" + _NAME_WORDS + r")\s+(?P<d>" + PLACE_NOUNS + r")\b")
_NAME_CROSSING = re.compile(r"(?P<n>" + _NAME_WORDS + r")\s+(?P<d>" + CROSSING_NOUNS + r")\b")
_PLACE_COUNCIL = re.compile(r"(?i:" + PLACE_COUNCILS + r")\s+" + ARABIC_ARTICLE + r"?" + TOKEN + r"(?:\s+" + TOKEN + r"){0,2}")
# "the state news agency X" (after) or "X news agency" (before): a one-word name, or an acronym
_NEWS_AGENCY = re.compile(r"(?i:" + NEWS_AGENCY + r")\s+(?P<after>" + TOKEN + r")|(?<![\w’'-])(?P<before>(?:[ae]l-)?" + TOKEN
                          + r")(?=\s+(?i:" + NEWS_AGENCY + r"))")  # "the al-Qarazi daily": the article in lower case
_NEWS_AGENCY_CUES = cues(re.compile(NEWS_AGENCY, re.IGNORECASE))  # the words of lexicon news_agency, read from it
_HELD_BY = re.compile(HOLDER_PARTICIPLES + r"$")
_PEOPLE_WORDS = frozenset(w.lower() for w in (*PEOPLE_DEMONYMS, *PERSON_UNITS))
_SUCH_AS_ITEM = re.compile(r"(?:^|,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\bsuch\s+as\s+)(?P<p>" + _NAME_WORDS + r")")
_PLACE_WORD_BEFORE = re.compile(r"\b(?:in|into|to|near|from|of|at)[^\S\n]+$")  # "officials in X said": X is where
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|into|to|towards|toward|near|from|around|between)[^\S\n]+$")
_NON_SPACE = re.compile(r"\S+")
_LEADING_DETERMINER = re.compile(r"^(?:the|its|their|his|her)\s+", re.IGNORECASE)


def _alias_pattern(alias: str) -> str:
    """A regex for a curated alias: possessive and plural endings tolerated, spaces flexible."""
    parts = []
    tokens = re.split(r"\s+", alias.strip())
    if len(tokens) > 1 and tokens[0].lower() in ("the", "its", "their"):
        parts.append("(?i:" + tokens.pop(0) + ")")
    for token in tokens:
        word = _APOSTROPHE.sub("['’]", re.escape(token.rstrip("’'")))  # either apostrophe
        if re.fullmatch(r"[A-Z]{2,3}", token):  # an acronym may be written with full stops ("A.B.")
            word = "(?:" + word + "|" + r"\.".join(token) + r"\.)" + r"(?:['’]s)?"
        elif token.endswith("s") and len(token) > 3:
            word = _APOSTROPHE.sub("['’]", re.escape(token[:-1])) + r"(?:s|['’]s|s['’])?"
        elif token[-1:].isalpha():
            word += r"(?:['’]s)?"
        parts.append(word)
    return r"\s+".join(parts)


def _alias_lead(aliases: list[str], flags: int) -> str:
    """The characters case-sensitive aliases start with, tested before the look-behind so that the engine leaves most
    positions at once (mostly capitals: 77 -> 45 ns a character); "the", "its", "their" in any case. Nothing for
    case-insensitive ones, whose first letters are most of a text's in either case."""
    firsts = {alias.strip()[:1] for alias in aliases if alias.strip()}
    if flags & re.IGNORECASE or not firsts:
        return ""
    if firsts & set("'’"):
        firsts |= set("'’")  # either apostrophe (``_alias_pattern``)
    return "(?=[" + "".join(sorted(re.escape(first) for first in firsts)) + "]|(?i:t|i))"


class EntityFinder:
    """Finds entities with one reconciler; build once, use for many articles."""

    def __init__(self, reconciler: Reconciler) -> None:
        self.reconciler = reconciler
        self._org = lru_cache(maxsize=1 << 12)(reconciler.org)  # a name recurs all through an article
        self._place = lru_cache(maxsize=1 << 14)(reconciler.place)
        # a capitalised phrase's gazetteer names depend on the phrase alone, and the same phrases come back article
        # after article (a town's name, "The", a month): looked up once per process, not once per article
        self._gazetteer = lru_cache(maxsize=1 << 14)(self._gazetteer_names)
        self.headline_places = lru_cache(maxsize=1 << 12)(self._headline_places)  # once per title, not per sentence
        self.publishers: dict[str, tuple[str | None, str | None]] = {}  # ``lod.extract.document``'s, by publisher
        sensitive: list[str] = []
        insensitive: list[str] = []
        for org in reconciler.organizations:
            for alias in org.names:
                core = re.sub(r"^(?:the|its|their)\s+", "", alias, flags=re.IGNORECASE)
                target = sensitive if (" " not in core or core.isupper()) else insensitive
                target.append(alias)
        def build(aliases: list[str], flags: int) -> re.Pattern[str]:
            ordered = sorted(set(aliases), key=len, reverse=True)
            return re.compile(_alias_lead(ordered, flags) + r"(?<![\w’'.-])(?:" + alternation(ordered, _alias_pattern)
                              + r")(?:(?!\w|-\w|\.\w)|(?=" + HOLDER_PARTICIPLES + r"\b))", flags)  # "X-held": X
        # (a hyphen before a space is a dash: "and- according to X- at least 24,000")
        self._sensitive = build(sensitive, 0)
        self._insensitive = build(insensitive, re.IGNORECASE)
        self._aliases = (Starts(self._insensitive), Starts(self._sensitive))  # searched where an alias can start
        self._world = re.compile(
            # the lookahead fails fast on the lower-case letters that start most positions: a place is written
            # with a capital, and matches in lower case are dropped anyway
            r"(?-i:(?=[A-Z\u00C0-\u00DE]))(?<![\w-])(?:" + trie(sorted(reconciler.world))
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        # "the <demonym> border", "the <demonym>-<demonym> border", "<country>'s border"
        country = r"(?:" + _DEMONYM + "|" + trie(sorted(reconciler.world)) + r")"
        self._people = PeopleFinder(reconciler, self._world, self._place, self._org)
        # (not "the X border gate": a crossing, named by the place before it)
        self._border = re.compile(r"(?=[A-Z\u00C0-\u00DE])\b" + country + r"(?:[-–]" + country + r")?(?:['’]s)?\s+border\b"
                                  r"(?!\s+(?:gate|crossing|post|point)s?\b)")

    # organizations ------------------------------------------------------------------
    def orgs(self, body: str) -> list[Mention]:
        found: list[Mention] = []
        taken = Taken(len(body))
        lower = lowered(body)
        candidates = [(m, "org-alias") for starts in self._aliases for m in _overlapping(starts, body, lower)]
        candidates.sort(key=lambda c: (-(c[0].end() - c[0].start()), c[0].start()))
        for match, rule in candidates:
            if taken.overlaps(match.start(), match.end()):
                continue
            text = match.group(0)
            start, end = match.start(), match.end()
            if _POSSESSIVE_S.search(text) and self._org(text) is None:
                text, end = text[:-2], end - 2
            generic_tail = _GENERIC_TAIL.match(body[end:end + 8])
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
        ends = {m.end for m in found}  # where the bodies found so far end (kept as the loop finds more)
        for match in _ORG_PHRASE_STARTS.finditer(body, lower):
            name = _trim_leading(match.group("name"))
            start = match.start("name") + match.group("name").find(name)
            end = match.end("acr") + 1 if match.group("acr") else match.end("name")
            if taken.overlaps(start, end) and not match.group("acr"):
                # "the X Directorate for Refugees of the Y Council": the body named before the one
                # it belongs to, already found
                end = _before_owner(body, start, end, taken)
                # "the X Programme and the Food and Y Organization": the body coordinated after one already found
                start = _after_known(body, start, end, taken, ends)
                name = body[start:end]
            if len(name.split()) < 2 or taken.overlaps(start, end):
                continue
            if name.split()[-1] in _WEAK_HEADS and not match.group("acr") and _POST_WORDS.match(body, end):
                continue
            text = body[start:end]
            ref = self._org(text)
            taken.append((start, end))
            ends.add(end)
            found.append(Mention("org", start, end, text, "org-head", ref, False))
            if match.group("acr"):
                acronyms[match.group("acr")] = text
        for match in _PLACE_COUNCIL.finditer(body) if "ouncil" in body else ():  # "the local council of X"
            if not taken.overlaps(match.start(), match.end()):
                taken.append((match.start(), match.end()))
                found.append(Mention("org", match.start(), match.end(), match.group(0), "org-place-council", None, False))
        for match in _NEWS_AGENCY.finditer(body) if possible(_NEWS_AGENCY_CUES, lower) else ():  # "the state news agency X"
            group = "after" if match.group("after") else "before"
            name, start, end = match.group(group), match.start(group), match.end(group)
            if name.endswith(("'s", "’s")) or name in COUNTRY_ADJECTIVES or name in STOPWORDS or self._world.fullmatch(name):
                continue  # "a country's news agency", "the <demonym> news agency", "The news agency": no name
            if not taken.overlaps(start, end):
                taken.append((start, end))
                found.append(Mention("org", start, end, name, "org-news-agency", self._org(name), False))
        for match in _DEFINED_ACRONYM_STARTS.finditer(body, lower) if "(" in body else ():  # "Name (ACRONYM)": a bracket needed
            acronyms.setdefault(match.group("acr"), _trim_leading(match.group("name")).strip())
        for acronym, full in acronyms.items():
            if acronym.upper() in _NOT_ORG_ACRONYMS:
                continue
            # the acronym first, then what may not stand before it: a pattern that opens with a literal is looked for
            # by the engine's fast scan, not tried at every character of the body (1.9 against 48 ns a character)
            escaped = re.escape(acronym)
            for match in re.finditer(escaped + r"(?<![\w(]" + escaped + r")(?![\w)])", body):
                if not taken.overlaps(match.start(), match.end()):
                    taken.append((match.start(), match.end()))
                    found.append(Mention("org", match.start(), match.end(), acronym, "org-acronym",
                                         self._org(full) or self._org(acronym)))
        for match in _SPEAKING_ACRONYM_STARTS.finditer(body, lower):
            # "..., the ABC said", "according to XYZ": an acronym that speaks is an organization's name
            group = "acr" if match.group("acr") else "acr2"
            acronym, start, end = match.group(group), match.start(group), match.end(group)
            if acronym in _NOT_ORG_ACRONYMS or taken.overlaps(start, end) or self._world.fullmatch(acronym):
                continue
            taken.append((start, end))
            found.append(Mention("org", start, end, acronym, "org-acronym-speaker", self._org(acronym)))
        return sorted(found, key=lambda m: m.start)

    def people(self, body: str, orgs: list[Mention]) -> list[Mention]:
        """The people named in ``body`` (``lod.extract.people``)."""
        return self._people.find(body, orgs)

    # places --------------------------------------------------------------------------
    def places(self, body: str, masks: list[tuple[int, int]], org_mentions: list[Mention] | None = None) -> list[Mention]:
        found: list[Mention] = []
        taken = Taken(len(body), masks)
        lower = lowered(body)
        for org in org_mentions or ():  # "Team in Northern X": the place inside an org name still counts
            inner = _PLACE_IN_ORG.search(org.text)
            council = org.rule == "org-place-council"  # "the local council of X": X is a town, known or not
            if inner and inner.group("p") != "in" and not council and not (self._world.fullmatch(inner.group("n"))
                                                            or self._place(inner.group("n"))):
                inner = None  # "Observatory for Human Rights": not a place
            if inner:
                s = org.start + inner.start("n")
                # a town's council is where it speaks from: its place counts as the sentence's (a team's region does not)
                rule = "place-council" if council else "place-in-org-name"
                found.append(Mention("place", s, org.start + inner.end("n"), inner.group("n"), rule, None))

        def add(start: int, end: int, rule: str, ref: str | None) -> None:
            start, end = _widen(body, start, end)
            if taken.overlaps(start, end):
                return
            taken.append((start, end))
            text = body[start:end]
            entry = self._place(text) if ref is None else None
            found.append(Mention("place", start, end, text, rule, ref if ref is not None else (entry.id if entry else None)))

        for match in finditer_from(self._border, body, CAPITALS):  # both begin with a look-ahead of a capital
            add(match.start(), match.end(), "place-border", None)
        for match in finditer_from(self._world, body, CAPITALS):
            text = match.group(0)
            if text.islower() or (text.isupper() and len(text) > 3 and text not in ("USA",) and not _DASH.match(body, match.end())):
                if text.islower():
                    continue
            if _DEMONYM_ENDING.match(body[match.end(): match.end() + 4]):
                continue
            add(match.start(), match.end(), "place-world", None)
        for match in _NOUN_OF_STARTS.finditer(body, lower):
            for part in _LIST_NAMES.finditer(match.group("n")):
                add(match.start("n") + part.start(), match.start("n") + part.end(), "place-noun", None)
        for match in _PREFIX_TOPONYM_STARTS.finditer(body, lower):  # "<head> X", "<head> al-X": whole, known or not
            add(match.start(), match.end(), "place-prefix", None)
        known: dict[str, tuple[tuple[int, int], ...]] = {}  # the same capitalised phrases recur all through an article
        for match in _PLACE_SEQ.finditer(body):
            phrase = match.group(0)
            if phrase not in known:
                known[phrase] = self._gazetteer(phrase)
            if (" " not in phrase and _SPEAKS.match(body, match.end()) and self._village(phrase)
                    and not _PLACE_WORD_BEFORE.search(body, max(0, match.start() - 12), match.start())):
                continue  # "Malik said": a person whose name a village shares (a capital or province may speak)
            for start, end in known[phrase]:
                add(match.start() + start, match.start() + end, "place-gazetteer", None)
        for match in _NAME_PLACE_NOUN.finditer(body):
            name = match.group("n")
            first = name.split()[0]
            if first in STOPWORDS or _HELD_BY.search(name) or all(word in _DEMONYMS for word in name.split()):
                continue  # (not "the northern Syrian city of X": a demonym before a place noun names no place)
            if match.group("d") in ("town", "village", "camp"):
                add(match.start("n"), match.end("n"), "place-noun", None)
            else:
                add(match.start("n"), match.end("d"), "place-noun", None)
        for match in _NAME_CROSSING.finditer(body):  # "the Akcakale border gate": the name, without the noun
            words = match.group("n").split()
            lead = 0
            while lead < len(words) and words[lead] in STOPWORDS:  # "The X crossing": X
                lead += 1
            if lead == len(words) or any(w.lower() in _PEOPLE_WORDS for w in words[lead:]):
                continue
            start = match.start("n") + match.group("n").index(words[lead])
            add(start, match.end("n"), "place-crossing", None)
        for match in _FLIGHT_PLACE_STARTS.finditer(body, lower):  # "fled X", "arrived in X": known or not
            for part in _LIST_NAMES.finditer(match.group("n")):
                name = part.group(0)
                first = name.split()[0]
                if (first in STOPWORDS or first in _DEMONYMS or NOT_A_PLACE_WORD.match(first) or name.isupper()
                        or POSSESSIVE_END.search(name) or first.lower() in _PEOPLE_WORDS or self._org(name)):
                    continue  # (not "fled ABC", "fled Qarazan's militias", "fled Syrian shelling")
                add(match.start("n") + part.start(), match.start("n") + part.end(), "place-flight", None)
        for match in _SUCH_AS_STARTS.finditer(body, lower):
            offset = match.start("list")
            for item in _SUCH_AS_ITEM.finditer(match.group("list")):
                add(offset + item.start("p"), offset + item.end("p"), "place-list", None)
        self._coordinated(body, lower, found, add, masks)
        return sorted(found, key=lambda m: m.start)

    def _coordinated(self, body: str, lower: str | None, found: list[Mention],
                     add: Callable[[int, int, str, str | None], None], masks: list[tuple[int, int]]) -> None:
        """"in Town A, Town B and Town C": names listed with a known place are places too (``place-coordinated``).

        A list is capitalised names joined by commas and a final "and"/"or", within one line. Names that
        are months, weekdays, stopwords, nationality adjectives or already an organization or person
        (masked) are not taken.
        """
        starts = {m.start: m for m in found if m.rule != "place-in-org-name"}
        named = {w for start, end in masks for w in _WORDS.findall(body, start, end)}  # "Cutts" after "Mark Cutts"
        for match in _COORDINATION_STARTS.finditer(body, lower):
            items = list(_LIST_ITEM_RE.finditer(match.group(0)))
            anchored = [i for i in items if match.start() + i.start() in starts]
            locative = _LOCATIVE_BEFORE.search(
                                 body[max(0, match.start() - 12): match.start()])
            if not anchored and not locative:
                continue
            for item in items:
                name = item.group(0)
                first = name.split()[0]
                if first in STOPWORDS or first in COUNTRY_ADJECTIVES or NOT_A_PLACE_WORD.match(first) or first in ROLE_HEADS:
                    continue  # (not "Name, Governor of X": a post)
                if all(w in named for w in name.split()):
                    continue
                add(match.start() + item.start(), match.start() + item.end(), "place-coordinated", None)
        return None

    def _headline_places(self, title: str) -> tuple[tuple[str, str], ...]:
        """The known places a headline names, as (text, reference): not a word of an organization's name ("Fleeing X
        State fighters"), but a town a body's name holds ("Local Council of X")."""
        orgs = self.orgs(title)
        found = []
        for m in self.places(title, [(o.start, o.end) for o in orgs], orgs):
            entry = self._place(m.text) if m.ref is None and m.rule in ("place-council", "place-in-org-name") else None
            ref = m.ref or (entry.id if entry else None)
            if ref:
                found.append((m.text, ref))
        return tuple(found)

    def _village(self, name: str) -> bool:
        """Whether ``name`` is no more than a village or small town (or not an exact gazetteer name at all)."""
        entry = self._place(name)
        return entry is None or ((entry.level or 4) >= 3 and entry.population < 100_000)

    def _gazetteer_names(self, phrase: str) -> tuple[tuple[int, int], ...]:
        """The spans in ``phrase`` of the longest gazetteer names, left to right."""
        found: list[tuple[int, int]] = []
        tokens = list(_NON_SPACE.finditer(phrase))
        i = 0
        while i < len(tokens):
            matched = False
            for j in range(len(tokens), i, -1):
                s, e = tokens[i].start(), tokens[j - 1].end()
                text = phrase[s:e].rstrip("’'")
                e = s + len(text)
                words = text.split()
                if words[0] in STOPWORDS or (len(words) == 1 and (text in STOPWORDS or len(text) < 3)) or \
                        all(word in _DEMONYMS for word in words):  # "Kurdish" is no misspelt village ("Kardish")
                    continue
                if POSSESSIVE_END.search(text):
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
        return tuple(found)


def _overlapping(starts: Starts, body: str, lower: str | None) -> list[re.Match[str]]:
    """Matches of a pattern (searched where they can start; ``lower`` is ``lowered(body)``), and a longer one that
    starts after a match's leading article: the alias "The Union" must not hide "Union Children's Fund"."""
    found: list[re.Match[str]] = []
    pattern = starts.pattern
    for match in starts.finditer(body, lower):
        found.append(match)
        article = _LEADING_ARTICLE.match(match.group(0))
        longer = pattern.match(body, match.start() + article.end()) if article else None
        if longer and longer.end() > match.end():
            found.append(longer)
    return found


_DIRECTION_BEFORE = RULES.pattern("direction_before")
_DIRECTION_CUES = cues(_DIRECTION_BEFORE)  # most places have no direction word before them: the search is skipped
_CAPITAL = re.compile(r"[A-Z]")
_COMPASS = RULES.pattern("compass")
_AREA_AFTER = RULES.pattern("area_after")
_ARTICLE_BEFORE = RULES.pattern("article_before")


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    """Take in a directional modifier before and an area noun after, as written."""
    window = body[max(0, start - 40): start]
    before = _DIRECTION_BEFORE.search(window) if possible(_DIRECTION_CUES, lowered(window)) else None
    if before and not _CAPITAL.match(before.group(0)) or (before and start - len(before.group(0)) > 0 and body[start - len(before.group(0)) - 2: start - len(before.group(0))].strip() not in ("", ".")):
        start -= len(before.group(0))
    elif before and _COMPASS.match(before.group(0)):
        start -= len(before.group(0))
    after = _AREA_AFTER.match(body[end: end + 40])
    if after:
        end += after.end()
    if start >= 3 and body[start - 1] == "-":  # "al-Bab": the article as written, though the gazetteer has "Bab"
        article = _ARTICLE_BEFORE.search(body[max(0, start - 5): start])
        if article:
            start -= len(article.group(0))
    return start, end


def _trim_leading(name: str) -> str:
    tokens = name.split()
    while tokens and (tokens[0] in STOPWORDS or tokens[0].lower() in ("of", "for", "and", "on", "the")
                      or tokens[0] in ROLE_HEADS and len(tokens) > 2 and tokens[1] in ("of", "for")
                      or (tokens[0].endswith("-based") or _HELD_BY.search(tokens[0])) and len(tokens) > 1
                      or tokens[0] in KIND_BEFORE_NAME and len(tokens) > 2):
        # "Head of the X Office", "the Westland-based X Times", "the ABC-led X Cluster", "the NGO X Group": the post, the
        # seat, the body that leads it or the kind is no part of the name
        tokens.pop(0)
    if tokens and tokens[0] in ROLE_HEADS and "of" in tokens[1:4]:
        # "Spokeswoman Name of the X Council", "Director General of the X Agency": the body after the post and name
        return _trim_leading(" ".join(tokens[tokens.index("of", 1) + 1:]))
    return " ".join(tokens)


def _is_reference(body: str, start: int, text: str) -> bool:
    core = _LEADING_DETERMINER.sub("", text)
    words = core.split()
    if len(words) == 1 and words[0].lower().rstrip("’'s") in _GENERIC | {"coalition", "team"}:
        return True
    if words and words[-1].lower() in ("ally", "allies") or core[:1].islower():
        return True
    return False


def _before_owner(body: str, start: int, end: int, taken: Taken) -> int:
    """The end of the longest part of the name at ``start``..``end`` before an "of"/"for" that is free of ``taken`` and
    still ends in a body's head word; ``end`` when there is none."""
    for joint in reversed(list(_OWNER_JOINT.finditer(body, start, end))):
        if not taken.overlaps(start, joint.start()) and _HEAD_AT_END.search(body, start, joint.start()):
            return joint.start()
    return end


def _after_known(body: str, start: int, end: int, taken: Taken, ends: set[int]) -> int:
    """The start of the part of the name at ``start``..``end`` after an "and" right after a body already found (one
    of ``ends``), when that part is free of ``taken``; ``start`` when there is none."""
    if not taken.overlaps(start, end):
        return start
    for joint in _AND_JOINT.finditer(body, start, end):
        if joint.start() in ends and not taken.overlaps(joint.end(), end):
            return joint.end()
    return start
