"""People named in an article body, each with the rule that found them, a role and an organization when stated.

A capitalised name after a post ("Secretary-General of the X, Name"; ``person-role-before``), before an apposition
("Name, the head of X,"; "Name, ORG's coordinator in Y,"; ``person-apposition``), "Name, for the X,"
(``person-for-org``), before a reporting verb or after an inverted one (``person-speaker``; "Name, who fled ...,
told"), before an indefinite description ("Name, a 54-year-old farmer,"; ``person-description``), in bylines
(``person-byline``) and Arabic names with "al-" (``person-arabic-name``); a one-word name in a speaker's context
(``person-single-name``). A name whose last word is also a town ("... Aydin") is taken only in a speaker's context.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lod.extract import rulefiles
from lod.extract.cues import Starts, finditer_from, lowered
from lod.extract.lexicon import COUNTRY_ADJECTIVES, DIRECTION, HONORIFICS, KUNYA_HEADS, NOT_PERSON_HEADS, PERSON_NOUNS, REPORTING_VERBS, ROLE_HEADS, STOPWORDS, TITLES
from lod.extract.lexicon import alternation as words_alternation
from lod.extract.mentions import (
    NAME, NOT_A_NAME, NOT_A_PLACE_WORD, ORG_HEAD_WORD, POSSESSIVE_END, Mention,
)
from lod.extract.spans import SpanIndex
from lod.places.reconcile import Reconciler

_VERB_ALT = "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True))
_ROLE_ALT = "|".join(re.escape(r) for r in sorted(ROLE_HEADS, key=len, reverse=True))
_NAME = re.compile(NAME)
_AGE_AFTER_NAME = re.compile(r"\s*\((?:\d{1,3}|[a-z][^()\n]{2,60})\)|,\s*\d{1,3}(?=,)")  # "(34)", "(name changed ...)"
_POST_NAME = re.compile(r"(?<![\w-])(?:" + _ROLE_ALT + r")[^\S\n]+(?=(?P<n>" + NAME + r"))")  # overlapping: "Deputy X Minister Name"
_NAME_STARTS, _POST_NAME_STARTS = Starts(_NAME), Starts(_POST_NAME)  # searched at capitals and the posts' words only
_ROLE = re.compile(_ROLE_ALT)
_POSTS_WITH_OF = "|".join(re.escape(r) for r in sorted(ROLE_HEADS, key=len, reverse=True) if " of " in r)
_POST_WITH_OF = re.compile(r"\b(?:" + _POSTS_WITH_OF + r")$")  # "Deputy Head of Mission": one post, no body after "of"
_POST_BODY_AFTER = re.compile(r"(?P<role>.+?)(?P<to>\s+(?:of|for|at|with|to)\s+)(?:the\s+)?(?P<org>.+)$")
_BODY_AFTER = re.compile(r"(?P<to>\s+(?:of|for|at|with|to)\s+)(?:the\s+)?(?P<org>.+)$")
_POST_WITH_OF_START = re.compile(r"(?:[\w\-]+\s+){0,2}?(?:" + _POSTS_WITH_OF + r")(?=\s|$)")
# the phrasings that tell a speaking person: each named and explained, with its examples and counter-examples, in
# lod/rules/people.yaml
RULES = rulefiles.load("people", ROLE_ALT=_ROLE_ALT, VERB_ALT=_VERB_ALT, PERSON_NOUNS=PERSON_NOUNS)
_ROLE_BEFORE = RULES.pattern("role_before")
_APPOSITION = RULES.pattern("apposition")
_NO_BODY_END = RULES.pattern("no_body_end")
_BARE_APPOSITION = RULES.pattern("bare_apposition")
_DESCRIPTION = RULES.pattern("description")
# (and "according to" or "quoted", which name their source as a verb does: "According to Name, Governor of X, ...",
# "ABC quoted Name, ABCO spokesman, as saying")
# (a title may stand between: 'said Dr. Name', 'said Gen Name')
_VERB_BEFORE = re.compile(r"(?:" + "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True))
                          + r"|according[^\S\n]+to|quoted|quoting|cited|citing)[^\S\n]+(?:(?:" + "|".join(sorted(TITLES, key=len, reverse=True))
                          + r")\.?[^\S\n]+)?$", re.IGNORECASE)
_FOR_ORG = RULES.pattern("for_org")
_VERB_AFTER = RULES.pattern("verb_after")
_ENDS_WITH_ROLE = re.compile(r"\b(?:" + _ROLE_ALT + r")$")  # "... and Emergency Relief Coordinator": a post, not a body
_LABEL_AFTER = re.compile(r"(?:,[^\S\n]*(?P<org>[A-Z][^:\n,|\d]{1,60}))?:[^\S\n]+[A-Z“\"]")
_BYLINE_AFTER = re.compile(r"\s*(?:,\s*" + NAME + r"\s*)*\|")
_BYLINE_BEFORE = re.compile(r"\|\s*$")
_ARABIC_ARTICLE = RULES.pattern("arabic_article")
# "Name, head of the X Church in Y, was forced to flee": a post of a named body says a person is named
_POST_OF_BODY = RULES.pattern("post_of_body")
_FROM_ORG_AFTER = RULES.pattern("from_org_after")
# the label a release puts before the post of whose statement it is: "Statement by ABC Executive Director Name"
_LABEL_LEAD = RULES.pattern("label_lead")
_DIRECTION_BEFORE = re.compile(r"^(?:the\s+)?(?:" + DIRECTION + r")\s+", re.IGNORECASE)
_WHERE_BEFORE = RULES.pattern("where_before")
_GROUP_AFTER = RULES.pattern("group_after")
_PLACE_PREFIX = re.compile(r"(?:" + words_alternation(NOT_PERSON_HEADS) + r")")
_NON_SPACE = re.compile(r"\S+")  # compiled once: ``_clean_name`` runs for every capitalised run of the body
_SENTENCE_BREAK_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_SINGLE_SPEAKER = RULES.pattern("single_speaker")
# where a match of it can start: a quote or a comma, a capital, or a verb of its second branch (``cues.finditer_from``)
_SINGLE_SPEAKER_STARTS = re.compile(r"[”\"’,A-Z]")
_SINGLE_SPEAKER_WORDS = ("said", "says", "added", "recall", "asked", "explained", "continued", "stressed")
_OF_ORG_AFTER = RULES.pattern("of_org_after")
_OF_DESCRIPTION_AFTER = RULES.pattern("of_description_after")
_POST_AROUND_BODY = RULES.pattern("post_around_body")
_RELATIVE_CLAUSE = RULES.pattern("relative_clause")
_PLACE_BODY_IN_POST = RULES.pattern("place_body_in_post")
_ORIGIN_POST = RULES.pattern("origin_post")
_VERB_IN_ROLE = re.compile(r"\s+(?:" + _VERB_ALT + r")\b")
_OF_ORG_SPEAKS = RULES.pattern("of_org_speaks")
_OWNER_BEFORE = re.compile(r"(?<![\w’'])(?P<org>[A-Z][A-Z.]{1,9})['’]s[^\S\n]+$")
_TOLD_BEFORE = RULES.pattern("told_before")
_RELATIVE_THEN_VERB = RULES.pattern("relative_then_verb")
# months whose names are first names too ("Jan", "May", "June", "April"): a name next to a reporting verb may start with one
_MONTH_FIRST_NAMES = frozenset({"Jan", "May", "June", "April", "August", "Augusta"})
_STRONG = frozenset({"person-apposition", "person-speaker", "person-description", "person-role-before", "person-for-org",
                     "person-age"})
_AGE_BEFORE_NAME = re.compile(r"\b\d{1,3}-year-old\s+$")


_BODY_THEN_POST = re.compile(r"[^\S\n]*(?:\([A-Z][\w.&-]{1,12}\)[^\S\n]*)?")  # between a body's name and its post


def _body_in_post(orgs: list[Mention], low: int, high: int, role: str) -> tuple[str, str] | None:
    """The organization named inside a post written between body offsets ``low`` and ``high`` ("ORG Deputy Country
    Director", "ABC Spokesperson"), and the post without it; None when the post names none."""
    inner = next((o for o in orgs if low <= o.start and o.end <= high and o.text in role), None)
    if inner is None:
        return None
    return inner.text, re.sub(r"^['’]s\s+", "", " ".join(role.replace(inner.text, "", 1).split()))


class PeopleFinder:
    """Finds people with the finder's world-place pattern and cached place and organization lookups."""

    def __init__(self, reconciler: Reconciler, world: re.Pattern[str], place: Callable[[str], object | None],
                 org: Callable[[str], str | None]) -> None:
        self.reconciler = reconciler
        self._world = world
        self._place = place
        self._org = org

    def _a_place(self, text: str) -> bool:
        """Whether ``text`` names a place, a direction before it or not ("for northwestern Westland")."""
        if self._world.fullmatch(text) or self._place(text) is not None:
            return True
        bare = _DIRECTION_BEFORE.sub("", text, count=1)
        return bare != text and bool(self._world.fullmatch(bare) or self._place(bare) is not None)

    def find(self, body: str, orgs: list[Mention]) -> list[Mention]:
        org_spans = SpanIndex([(m.start, m.end) for m in orgs])
        found: dict[tuple[int, int], Mention] = {}
        # a name right after a post ("<Demonym> President Name Surname said") as well: the capitalised run from the
        # demonym on is longer than a name and is refused whole
        lower = lowered(body)
        spans = [(m.start(), m.end()) for m in _NAME_STARTS.finditer(body, lower)]
        spans += [(m.start("n"), m.end("n")) for m in _POST_NAME_STARTS.finditer(body, lower)]
        # a name right after an organization's name ("Head of the X Office Name Surname told"): the capitalised run
        # over both is no name, the name after the organization may be
        spans += [(n.start(), n.end()) for o in orgs if body[o.end: o.end + 1] == " " and (n := _NAME.match(body, o.end + 1))]
        # one word that speaks alone ("Ali said of the gunmen"): the surname of a person named before it with no cue
        speaking = {m.group(g) for m in finditer_from(_SINGLE_SPEAKER, body, _SINGLE_SPEAKER_STARTS, _SINGLE_SPEAKER_WORDS)
                    for g in ("n", "m") if m.group(g)}
        for match_start, match_end in sorted(set(spans)):
            start, end, name, town_surname = self._clean_name(body, match_start, match_end, org_spans)
            if name is None:
                continue
            before = body[max(0, start - 160): start]
            after = body[end: end + 200]
            age = _AGE_AFTER_NAME.match(after)
            if age:  # "said Name (34), a farmer who ...", "Name, 41, a mother of three": the age (or a remark), then who they are
                after = after[age.end():]
            role = org_text = None
            rule = ""
            pre = _ROLE_BEFORE.search(before[before.rfind("\n") + 1:])  # a post is on the name's line
            app = _APPOSITION.match(after)
            forg = _FOR_ORG.match(after)
            verb = _VERB_AFTER.match(after)
            if pre and _ROLE.search(pre.group("role")) and not _TOLD_BEFORE.search(before):  # after "told": the one told
                role, org_text, rule = _LABEL_LEAD.sub("", pre.group("role")), pre.group("org"), "person-role-before"
                if org_text and not re.search(r"[A-Z]", org_text):  # "X's deputy chief of staff": the post's own words
                    role, org_text = before[before.rfind("\n") + 1:][pre.start("role"): pre.end("org")], None
                elif not org_text or self._a_place(org_text):
                    # "ORG regional director for the <region> Name", "ABC Spokesperson Name": the body named in the post
                    at = start - len(before) + before.rfind("\n") + 1 + pre.start("role")
                    org_text, role = _body_in_post(orgs, at, at + len(role), role) or (org_text, role)
                    if not org_text:  # "ORG (XO) spokesman Name": the body named right before the post, its acronym between
                        org_text = next((o.text for o in orgs if o.end <= at and _BODY_THEN_POST.fullmatch(body, o.end, at)), None)
                if not org_text and (of_org := _FROM_ORG_AFTER.match(after)) \
                        and not self._a_place(of_org.group("org")):
                    org_text = of_org.group("org")  # "spokesperson Name from the Office for X (XO)": that body's
            elif app and _ROLE.search(app.group("role")):
                role, rule = app.group("role"), "person-apposition"
                inner = _body_in_post(orgs, end, end + app.end() + 40, role)
                if inner and _ENDS_WITH_ROLE.search(inner[1]) and len(inner[1].split()) <= 3:
                    org_text, role = inner  # "Name, an ABC Relief official, said": the body named in the post
                elif inner and (around := _POST_AROUND_BODY.match(inner[1])):
                    # "Name, an official with the NGO X,", "Name, an X official in Westtown,": the body and the post
                    org_text, role = inner[0], around.group("post")
            elif (bare := _BARE_APPOSITION.match(after)) and (_VERB_BEFORE.search(before) or _VERB_AFTER.match(after[bare.end():])
                                                              or re.search(r"['’]s\s", bare.group("role"))
                                                              or _POST_OF_BODY.match(bare.group("role"))):
                role, rule = bare.group("role"), "person-apposition"
                role = re.sub(r"\s+in\s+(?:the\s+)?[A-Z][^,;]*$", "", role)  # "..., coordinator in X": X is where
                # (after a post that has its own "of": "Head of Mission for the X")
                lead = _POST_WITH_OF_START.match(role)
                of = _BODY_AFTER.match(role, lead.end()) if lead else _POST_BODY_AFTER.match(role)
                if of and not re.search(r"['’]s\s", role) and not _NO_BODY_END.search(of.group("org")):
                    # (not what a post is for: "regional humanitarian coordinator for the Westland crisis" keeps it whole)
                    role, org_text = role[: of.start("to")] if lead else of.group("role"), of.group("org")
                if org_text and self._a_place(org_text):
                    # "Name, ORG Deputy Country Director for <country>,": the body named before the post, not the country
                    org_text, role = _body_in_post(orgs, end, end + bare.end(), role) or (org_text, role)
            elif forg:
                org_text, rule = forg.group("org"), "person-for-org"
            elif (speaks := _OF_ORG_SPEAKS.match(after)) and not _TOLD_BEFORE.search(before):
                org_text, rule = speaks.group("org"), "person-speaker"  # 'Name of the X Council said'
                if self._a_place(org_text):
                    org_text = None  # 'Name from Westtown said': where they are from
            elif verb or _RELATIVE_THEN_VERB.match(after):
                rule = "person-speaker"
            elif _VERB_BEFORE.search(before) and (of_org := _OF_ORG_AFTER.match(after)) and not _TOLD_BEFORE.search(before):
                org_text, rule = of_org.group("org"), "person-speaker"  # inverted: '..., said Name of ORG.'
            elif _VERB_BEFORE.search(before) and (re.match(r"\s*(?:[.,;]|who\s)", after) or _OF_DESCRIPTION_AFTER.match(after)) \
                    and not _TOLD_BEFORE.search(before):
                # inverted: '..., said Name.', '..., said Name who heads X', '..., said Name of the refugee authority.'
                # (after "told", the one told)
                rule = "person-speaker"
            elif (desc := _DESCRIPTION.match(after)) and desc.group("role").split()[0] not in ("few", "number", "lot"):
                role, rule = desc.group(0).strip(" ,.;\n\t").split(None, 1)[1], "person-description"
                role = _RELATIVE_CLAUSE.sub("", role)  # "a citizen journalist who was part of the evacuation told X"
                role = _VERB_IN_ROLE.split(role, maxsplit=1)[0]  # "Name, a resident told X": the post ends at the verb
            elif (lab := _LABEL_AFTER.match(after)) and re.search(r"(?:^|\n)\s*$", before):
                org_text, rule = lab.group("org"), "person-label"  # a transcript's "Name, ORG: ..."
            elif _BYLINE_AFTER.match(after) or _BYLINE_BEFORE.search(before):
                role, rule = "author (byline)", "person-byline"
            elif _AGE_BEFORE_NAME.search(before):
                rule = "person-age"  # "43-year-old Name was hoping to ...": a person described by their age
            elif _ARABIC_ARTICLE.search(name) and not _PLACE_PREFIX.match(name) and not _WHERE_BEFORE.search(before) \
                    and not _GROUP_AFTER.match(after):
                # (not after a word of where: "displaced from Qarazan al-Balad" is a place the gazetteer lacks)
                rule = "person-arabic-name"
            elif name.split()[-1] in speaking and len(name.split()) <= 3 and body.find(name.split()[-1], end) > 0:
                rule = "person-speaks-later"  # "..., Dhulfiqar Ali had escaped ..." then '"...," Ali said
            if not rule and age and re.match(r",\s*\d{1,3}\s*,", body[end: end + 8]):
                rule = "person-age"  # "Aram Velde, 45, and her children spent the night": an age is a person's
            if not rule or (town_surname and rule not in _STRONG):
                continue
            if org_text and _ENDS_WITH_ROLE.search(org_text.strip()):
                # "the Under-Secretary-General for X Affairs and Emergency Relief Coordinator": one post; "Spokesperson
                # for the ABC Secretary-General Name": a post of a body named before its holder's post
                named = (re.sub(r"^[Tt]he\s+", "", o.text) for o in orgs)
                head = next((n for n in named if org_text.startswith(n + " ") and _ROLE.fullmatch(org_text[len(n):].strip())), None)
                if head and rule == "person-role-before" and pre and re.search(
                        r"[a-z],\s*$", before[before.rfind("\n") + 1:][: pre.start("role")]):
                    role = org_text[len(head):].strip()  # "Name, spokesman for the ABC Secretary-General Name2": the last post
                org_text = head
            role, org_text = split_role(role, org_text)
            if org_text and role and rule == "person-apposition" and " " in role and self._a_place(org_text):
                # "an official in the municipality of Ain Issa": the place's body; "an activist with the X in the
                # border town of Tal Shihab": where, not whose
                held = _PLACE_BODY_IN_POST.search(role)
                org_text, role = (f"{held.group('body')} of {org_text}", role[: held.start()]) if held else (None, role)
            owner = _OWNER_BEFORE.search(before)
            if org_text is None and owner:  # "RCR's Anna Berg said": the organization she speaks for
                org_text = owner.group("org")
            found[(start, end)] = Mention("person", start, end, name, rule, None, False, role, org_text)
        taken = SpanIndex([(m.start, m.end) for m in (*orgs, *found.values())])
        known = {word for m in found.values() for word in m.text.split()}  # "Cutts" after "Mark Cutts"
        # "Youssef recalls", "..., said Osman."
        for match in finditer_from(_SINGLE_SPEAKER, body, _SINGLE_SPEAKER_STARTS, _SINGLE_SPEAKER_WORDS):
            group = next(g for g in ("n", "m", "d", "g", "a") if match.group(g))
            start, end, name = match.start(group), match.end(group), match.group(group)
            if (taken.overlaps(start, end) or name in known or name in STOPWORDS or name in TITLES or name in ROLE_HEADS
                    or NOT_A_PLACE_WORD.match(name) or name in COUNTRY_ADJECTIVES or ORG_HEAD_WORD.fullmatch(name)
                    or self._world.fullmatch(name) or _well_known_place(self.reconciler, name)
                    or self._org(name) is not None or (_sentence_start(body, start) and group not in ("g", "d"))):
                continue
            found[(start, end)] = Mention("person", start, end, name, "person-single-name", None, False, None, None)
        return sorted(found.values(), key=lambda m: m.start)

    def _clean_name(self, body: str, start: int, end: int, org_spans: SpanIndex
                    ) -> tuple[int, int, str | None, bool]:
        """The name's span and text (None when it is no person's name), and whether its last word is a town's."""
        start = org_spans.skip(start)  # cut an organization name off the front
        text = body[start:end]
        tokens = list(_NON_SPACE.finditer(text))
        # "said Jan Egeland": a first name that is also a month's (a stopword elsewhere), next to a reporting verb
        month_name = (len(tokens) >= 2 and tokens[0].group(0) in _MONTH_FIRST_NAMES and tokens[1].group(0)[:1].isupper()
                      and (_VERB_BEFORE.search(body[max(0, start - 40): start]) is not None
                           or _VERB_AFTER.match(body[end: end + 40]) is not None))
        honoured = len(tokens) == 2 and tokens[0].group(0) in HONORIFICS and tokens[1].group(0)[:1].isupper()
        while tokens and not month_name and not honoured and (tokens[0].group(0) in STOPWORDS or tokens[0].group(0) in TITLES
                          or tokens[0].group(0).isupper() or tokens[0].group(0).rstrip(",") in ROLE_HEADS
                          or POSSESSIVE_END.search(tokens[0].group(0))
                          or _POST_WITH_OF.search(body, max(0, start - 40), start + tokens[0].end())):  # "[Head of] Mission"
            tokens.pop(0)
        owned = next((i for i, t in enumerate(tokens[1:-1], 1) if POSSESSIVE_END.search(t.group(0))), None)
        if owned is not None:
            tokens = tokens[: owned + 1]  # "Bashar al-Assad’s Alawite minority": the name ends at its possessive
        if len(tokens) < 2:
            return start, end, None, False
        start = start + tokens[0].start()
        end = start + (tokens[-1].end() - tokens[0].start())
        owner = POSSESSIVE_END.search(tokens[-1].group(0))
        if owner:  # "Bashar al-Assad’s government": the person is named without the possessive
            end -= len(owner.group(0))
        name = body[start:end]
        if org_spans.overlaps(start, end) or any(t.group(0) in STOPWORDS and not (month_name and i == 0) or t.group(0) in ROLE_HEADS
                                                 or ORG_HEAD_WORD.fullmatch(t.group(0)) for i, t in enumerate(tokens)):
            return start, end, None, False
        if self._world.fullmatch(name) or self._place(name) is not None and not self._kunya_speaks(body, name, start, end):
            return start, end, None, False
        if NOT_A_NAME.search(name):
            return start, end, None, False
        world = self._world.search(name)
        if world and world.start() == 0 and len(name[world.end():].split()) >= 2 and name[world.end():world.end() + 1] == " ":
            # "the agency's representative in Westland Jean Paul Name": the place where the post is held, then the name
            return self._clean_name(body, start + world.end() + 1, end, org_spans)
        if world and not (world.end() == len(name) and world.start() > 0 and self._place(name.split()[0]) is None
                          and not self._world.fullmatch(name.split()[0])):
            return start, end, None, False
        # "Name Aydin": a surname that is also a town; taken only in a speaker's context (``find``)
        return start, end, name, world is not None


    def _kunya_speaks(self, body: str, name: str, start: int, end: int) -> bool:
        """"Abu Ammar tells ...", '"...," said Abu Ammar': a kunya name that speaks is a person's, unless the gazetteer
        has that very name (a village "Abu Omar" is only like it)."""
        if len(name.split()) != 2 or name.split()[0] not in KUNYA_HEADS:
            return False
        if not (_VERB_AFTER.match(body, end) or _VERB_BEFORE.search(body[max(0, start - 40): start])):
            return False
        folded = name.lower()
        return not any(entry.name.lower() == folded or folded in (n.lower() for n in entry.alt_names_latin)
                       for entry in self.reconciler.candidates(name))


def _well_known_place(reconciler: Reconciler, name: str) -> bool:
    """The name of a governorate or district ("<governorate> said"): a speaker's one-word name may be a town's or a
    village's name too ("Karim")."""
    return any(entry.feature_type in ("governorate", "district") for entry in reconciler.candidates(name))


def _sentence_start(body: str, start: int) -> bool:
    """Whether ``start`` opens a sentence or a line (a capital there says nothing about a name)."""
    return bool(_SENTENCE_BREAK_BEFORE.search(body[max(0, start - 3): start]))


def split_role(role: str | None, org_text: str | None) -> tuple[str | None, str | None]:
    """"the Agency’s Deputy Coordinator" -> ("Deputy Coordinator", "Agency"); "Director of X" stays split."""
    if role is None:
        return None, org_text
    role = re.sub(r"^(?:according\s+to|" + _VERB_ALT + r")\s+", "", role.strip(), flags=re.IGNORECASE)
    # ('..., said spokesman Name', '..., according to provincial Governor Name')
    role = re.sub(r"^(?:the|a|an)\s+", "", role)
    possessive = re.match(r"(?P<org>.+?)['’]s\s+(?P<role>.+)$", role)
    post_of = re.match(r"(?P<role>(?:[\w\-]+\s+){0,3}?[\w\-]+)\s+of\s+", role)
    if possessive and org_text is None and not (post_of and _ROLE.search(post_of.group("role"))
                                                and len(post_of.group(0)) <= len(possessive.group("org"))):
        org_text, role = possessive.group("org"), possessive.group("role")
    of = re.match(r"(?P<role>.+?)\s+of\s+(?:the\s+)?(?P<org>.+)$", role)
    if of and org_text is None and not re.search(r"\bfor\b", role) and re.search(r"[A-Z]", of.group("org")) \
            and not _POST_WITH_OF.search(role) and not _ORIGIN_POST.search(of.group("role")):
        # (nor "Deputy Head of Mission": a post of the lexicon; nor "a native of X": where they are from)
        # (not "chief of staff": a post's own words, with no body's name after "of")
        role, org_text = of.group("role"), of.group("org")
    # "spokeswoman for the X refugee agency": a post held for a named body (a capital in its name)
    for_org = re.match(r"(?P<role>(?:[\w\-]+\s+){0,3}?[\w\-]+)\s+for\s+(?:the\s+)?(?P<org>(?=[^,;]*[A-Z])[^,;]+)$", role)
    if for_org and org_text is None and _ROLE.search(for_org.group("role")) and not _ENDS_WITH_ROLE.search(for_org.group("org")) \
            and not _NO_BODY_END.search(for_org.group("org")):  # (not "coordinator for the Westland crisis": no body)
        role, org_text = for_org.group("role"), for_org.group("org")
    # "RCR spokeswoman": an acronym before the post is the organization
    acronym = re.match(r"(?P<org>[A-Z][A-Z.]{1,9})\s+(?P<role>[a-z].*)$", role)
    if acronym and org_text is None:
        org_text, role = acronym.group("org"), acronym.group("role")
    if org_text:
        org_text = re.sub(r"^(?:the)\s+", "", org_text.strip())
        # "the opposition's X Provincial Council": the body named, not who it belongs to
        org_text = re.sub(r"^[a-z][\w\-]*['’]s\s+(?=[A-Z])", "", org_text)
    return role, org_text
