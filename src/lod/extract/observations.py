"""Displacement observations: which numbers in a sentence are displacement *flows*.

A number counts when it is a head count (a people unit such as "people", "civilians", "families",
"households", or a bare number followed by a verb) and its predicate is a flow:

* object position: "has displaced nearly 900,000", "the displacement of 28,852 families", "forced N
  people out of their homes", "the number of civilians who fled ... has reached N" (``flow-object``);
* subject position: the first predicate after the figure is a flight verb ("fled", "were displaced",
  "moved", "escaped", "were forced to leave"; ``flow-subject``).

A number is not a flow when the nearer predicate is a casualty ("killed", "the death of"), a stock
("live in", "home to", "hosts", "sheltering", "population of", "in need"), a projection ("might cause
displacement of", "could"), or when it is money, a percentage, a date, a duration or counts things
(trucks, camps, airstrikes). Figures joined by "consisting of", "with a total of", "or" or a bracket
share one predicate and each makes an observation; "out of N" is a denominator and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lod.extract import rulefiles
from lod.extract.cues import Gated, end_width, search_end
from lod.extract.dates import MON, WEEKDAY
from lod.extract.endings import Endings
from lod.extract.lexicon import (
    ARABIC_ARTICLE, COMBATANT_UNITS, COUNTRY_ADJECTIVES, FIGURE_PREDICATES, FLOW_OBJECTS, FLOW_UNITS, FORCING_VERBS, NOT_FLOW_OBJECTS, PEOPLE_DEMONYMS,
    PEOPLE_GROUPS, POPULATION_SHARES, RANKED_FIGURE, RANKED_NEXT, SOURCE_CITATION,
    PERSON_UNITS, RETURN_CUES, UNIT_ABBREVIATIONS, UNIT_ADJECTIVES, alternation,
)
from lod.extract.numbers import NumberMention, find_numbers

# words before the unit: "more", "newly displaced", a nationality ("<demonym> refugees")
_ADJ = r"(?:" + alternation(UNIT_ADJECTIVES + COUNTRY_ADJECTIVES) + r")"
_PEOPLE = alternation(PERSON_UNITS + PEOPLE_DEMONYMS + tuple(UNIT_ABBREVIATIONS))
# the phrasings around figures, each named and explained in lod/rules/figures.yaml with its examples and
# counter-examples; the pieces given here are assembled from the lexicon's word lists
RULES = rulefiles.load("figures", ARTICLE=ARABIC_ARTICLE, ADJ=_ADJ, PEOPLE=_PEOPLE, PEOPLE_GROUPS=PEOPLE_GROUPS, FLOW_OBJECTS=FLOW_OBJECTS,
                       FLOW_UNITS=FLOW_UNITS, FORCING_VERBS=FORCING_VERBS, NOT_FLOW_OBJECTS=NOT_FLOW_OBJECTS,
                       FIGURE_PREDICATES_FLOW=FIGURE_PREDICATES["flow"], MON=MON, WEEKDAY=WEEKDAY)
_NOUN_BEFORE_UNIT = RULES.fragment("NOUN_BEFORE_UNIT")
_UNIT = RULES.pattern("unit")
_OF_UNIT = RULES.pattern("of_unit")
_OF_COUNTED_WHOLE = RULES.pattern("of_counted_whole")
_WHOLE_OF_A_PART = RULES.pattern("whole_of_a_part")
_UNIT_CODE = {"individuals": "individuals", "families": "families", "households": "households",
              **{short.lower(): unit for short, unit in UNIT_ABBREVIATIONS.items()}}
_BARE_FOLLOWERS = RULES.pattern("bare_followers")
_BARE_BEFORE_FLOW = RULES.pattern("bare_before_flow")
_CONNECTOR = RULES.pattern("connector")
_SKIP_AFTER = RULES.pattern("skip_after")
_INQUIRY_AFTER = RULES.pattern("inquiry_after")
_FLED_WITH = RULES.pattern("fled_with")
_DESCRIBED_PART = RULES.pattern("described_part")
_SKIP_BEFORE = RULES.pattern("skip_before")
_SKIP_WIDTH = end_width(_SKIP_BEFORE)  # a few characters: searched there only, not in the whole text before
_AGE_BEFORE_PEOPLE = RULES.pattern("age_before")

_FLOW_OBJECT = RULES.pattern("flow_object")
_WHO_THEY_ARE = RULES.pattern("who_they_are")
_CLOCK, _CLOCK_BEFORE = re.compile(r"[:.]\d\d\s*(?:[ap]\.?m\b|GMT|UTC|hrs\b|h\b|local\b)|:\d\d\b"), re.compile(r"\d:$")
_DEMOGRAPHIC_UNIT = RULES.pattern("demographic_unit")
_DIGIT = re.compile(r"\d")
_WHO_IN_BRACKETS = re.compile(r"\(\s*(?:(?:and\s+)?\d[\d,]*\s+(?:" + _DEMOGRAPHIC_UNIT.pattern + r")(?:\s+(?:and|or)\s+[a-z]+)?"
                              r"\s*[,;]?\s*)+\)", _DEMOGRAPHIC_UNIT.flags)
_DEMONYM_WORDS = frozenset((*COUNTRY_ADJECTIVES, *PEOPLE_DEMONYMS))
_CHAINED = re.compile(r"\s*,?\s*(?:and\s+)?")  # "70,000 children and 40,000 women", "177 males, 275 females"
_BRACKET_OPEN = re.compile(r"\s*\(\s*")


def _described(unit_text: str) -> bool:
    """Whether a part's unit says who its people are: children, women, a nationality ("63 Lebanese families")."""
    words = unit_text.split()
    return bool(_DEMOGRAPHIC_UNIT.match(unit_text)) or bool(words) and words[0] in _DEMONYM_WORDS


def _says_who(unit_text: str, gap: str, chained: bool, bracketed: bool = False) -> bool:
    """Whether a count after ``gap`` (the text from the count before it) says who that count's people are, as an
    aside ("including 4,000 children", ", among them ..."), in a breakdown in brackets, or after such a part."""
    return _described(unit_text) and (bool(_PART.search(gap)) and not _DIGIT.search(gap)
                                      or bracketed and bool(_BRACKET_OPEN.fullmatch(gap))
                                      or chained and bool(_CHAINED.fullmatch(gap)))


# (a clause of flight still is the part's predicate: "holds 45,000 people, including 13,000 who fled last week,")
_FLIGHT_WORD = re.compile(r"\b(?:" + FIGURE_PREDICATES["flow"] + r")\b", re.IGNORECASE)
_AND_FAMILIES = RULES.pattern("and_families")
# a relative clause that describes a part put in as an aside, closed by a comma, dash or bracket
_ASIDE_CLAUSE = re.compile(r"\s*(?:who|that|which|whom)\b[^,;:.–—()]*(?:,|[–—]|\))")
# "50,000 people, 20,000 of them children, fled": who a part of the flow are, told after its count
_OF_THEM_WHO = re.compile(r"\s*of\s+(?:them|whom)\s+(?:are\s+|were\s+)?(?:mostly\s+)?(?:" + _DEMOGRAPHIC_UNIT.pattern + ")",
                          _DEMOGRAPHIC_UNIT.flags)
_FINITE_OR_RELATIVE = RULES.pattern("finite_or_relative")
_CITATION = re.compile(SOURCE_CITATION)
# The patterns anchored at the end that are searched in the whole text before a figure (``_PART`` ... ``_KIN_BEFORE``,
# ``FIGURE_AT``) are searched only when it ends with one of their last words (``lod.extract.endings``): the engine tries
# them at every character of it (0.5-4 us a figure each)
_PART = Endings(RULES.pattern("part"))
_GAPPED = RULES.pattern("gapped")
_VAGUE_FLOW = RULES.pattern("vague_flow")
_DEFINED_PART = RULES.pattern("defined_part")
FIGURE_AT = Endings(RULES.pattern("figure_at"))


# a count in brackets after a place: "Northtown (38,000)"
_PLACE_BRACKET = re.compile(r"[A-Z][\w’'-]+(?:\s+[\w’'-]+){0,2}\s*\(\s*$")
_OF_THEM = RULES.pattern("of_them")
_PART_WENT = RULES.pattern("part_went")
_PART_CAME = RULES.pattern("part_came")
# a label before a colon that says what the figure after it counts (bullets and headings of situation reports)
_LABEL = re.compile(r"^\s*(?:[•*-]\s*)?(?P<l>[^:;.]{3,80}):\s*$")
_LABEL_FLOW = RULES.pattern("label_flow")
_LABEL_NOT_FLOW = RULES.pattern("label_not_flow")
_LABEL_UNIT = RULES.pattern("label_unit")
_COMPARED = RULES.pattern("compared")
_SUBJECT_START = RULES.pattern("subject_start")
_OF_THESE = RULES.pattern("of_these")
_MORE_BEFORE = Endings(RULES.pattern("more_before"))
_MORE_AFTER_FIGURE = RULES.pattern("more_after_figure")
_MORE_TAIL = RULES.pattern("more_tail")
_ELLIPSIS_BEFORE = RULES.pattern("ellipsis_before")
_ELLIPSIS_AFTER = RULES.pattern("ellipsis_after")
_PERIOD_ONLY_CLAUSE = RULES.pattern("period_only_clause")
_CLAUSE_END = RULES.pattern("clause_end")
_RANKED = re.compile(RANKED_FIGURE, re.IGNORECASE)  # lexicon ranked_figure: "received the largest number of IDPs ("
_RANKED_NEXT = re.compile(RANKED_NEXT)  # lexicon ranked_next: "..., followed by Easttown (8,000)"
_INSERTION = RULES.pattern("insertion")
# a part counted first, then who it is: "50,000 people, 20,000 of them children, fled" (commas, dashes or brackets)
_OPEN_PART = re.compile(r"^\s*(?:,|[–—-]+|\()\s*$")
_OF_THEM_PART = RULES.pattern("of_them_part")
_AMONG = RULES.pattern("among")
_PARTICIPLE_UNIT = RULES.pattern("participle_unit")
_IN_NEED_BEFORE = RULES.pattern("in_need_before")
_FOR_BEFORE = RULES.pattern("for_before")
_CAUSED_BEFORE = RULES.pattern("caused_before")
_ADDITION_BEFORE = RULES.pattern("addition_before")
_VAGUE_HEAD_UNIT = RULES.pattern("vague_head_unit")
_NATURAL_CAUSE = RULES.pattern("natural_cause")
_DAY_RANGE_BEFORE = RULES.pattern("day_range_before")
_SENTENCE_STOP = re.compile(r"(?<=[a-z)])[.!?](?=[”\"’]?\s+[“\"]?[A-Z])")
_NUMBER_AGAIN = RULES.pattern("number_again")
_DISPLACED_UNIT = RULES.pattern("displaced_unit")  # (not "internally displaced")
_FINITE = RULES.pattern("finite")
_NOT_FLOW_OBJECT = RULES.pattern("not_flow_object")
# "half of the town's 40,000 residents have fled": the figure is the population, the share fled (lexicon population_shares)
_SHARE_BEFORE = re.compile(r"\b" + POPULATION_SHARES + r"\s*$", re.IGNORECASE)
_FLOW_UNIT = re.compile(r"(?:^|\s)" + FLOW_UNITS + r"$", re.IGNORECASE)
_FORCED_TAIL = RULES.pattern("forced_tail")
_TOTAL_VERBS = RULES.fragment("TOTAL_VERBS")
_NUMBER_OF_FLOW_UNIT = Endings(RULES.pattern("number_of_flow_unit"))
_NUMBER_OF = Endings(RULES.pattern("number_of"))
_BRING_TO = RULES.pattern("bring_to")
_NUMBER_OF_AFTER = RULES.pattern("number_of_after")
_PROJECTION_AFTER = RULES.pattern("projection_after")
_AUXILIARY = RULES.pattern("auxiliary")
_RELATIVE = RULES.pattern("relative")
_DEFINING = RULES.pattern("defining")
_FLED_AGAIN = RULES.pattern("fled_again")
_WHO = RULES.pattern("who")
_WHOSE_FLIGHT = RULES.pattern("whose_flight")
_SHARE_APPOSITION = RULES.pattern("share_apposition")
_WOUNDED_PART = RULES.pattern("wounded_part")
_OTHERS_AFTER = RULES.pattern("others_after")
_RETURNED_AFTER = RULES.pattern("returned_after")
_RETURN_FLEEING = RULES.pattern("return_fleeing")
_AIDED_AFTER = RULES.pattern("aided_after")
_INCLUDING_ASIDE = RULES.pattern("including_aside")
_PROJECTED_TOTAL = RULES.pattern("projected_total")
_FLOW_BRINGS_TOTAL = RULES.pattern("flow_brings_total")
_POPULATION_NUMBER = RULES.pattern("population_number")
_VEHICLES_CARRYING = RULES.pattern("vehicles_carrying")
_RETURNED = RULES.pattern("returned")
# people going home are no displacement flow (lexicon return_cues)
_RETURN = re.compile(r"\b(?:" + RETURN_CUES + r")\b", re.IGNORECASE)
_WHO_MOVED = RULES.fragment("WHO_MOVED")
_TOTAL_AFTER_FLOW = Endings(RULES.pattern("total_after_flow"))
_THOSE_NUMBER = RULES.pattern("those_number")
_FLOW_TOTAL = RULES.pattern("flow_total")
_THOSE_APPOSITION = RULES.pattern("those_apposition")
_WITH_FLOW = RULES.pattern("with_flow")
_CASUALTY_BEFORE = RULES.pattern("casualty_before")
_STOCK_BEFORE = RULES.pattern("stock_before")
_HOSTED_BEFORE = RULES.pattern("hosted_before")
_TAKEN_IN = RULES.pattern("taken_in")
_DATED_THEN_TAKEN_IN = RULES.pattern("dated_then_taken_in")
_IN_A_PERIOD = RULES.pattern("in_a_period")
_SHARE_OF_FLOW = RULES.pattern("share_of_flow")
_TOTAL_LEAD = RULES.pattern("total_lead")
_FRONTED_PERIOD = RULES.pattern("fronted_period")
_PERFECT_INTERNALLY = re.compile(r"\s*(?:have|has|had)\s+(?:now\s+)?been\s+internally\s+displaced\b", re.IGNORECASE)
_REGISTERED_AFTER = RULES.pattern("registered_after")
_COMPARED_LEAD = RULES.pattern("compared_lead")
_THIS_BRINGS_LEAD = RULES.pattern("this_brings_lead")
_NAME_NUMBER = RULES.pattern("name_number")
_FOLLOWED_AFTER = RULES.pattern("followed_after")
_QUOTED_COUNT = re.compile(r"[“\"](?P<n>(?:[a-z]+\s+){0,2}\d[\d,.]*(?:\s+(?:million|thousand))?)[”\"]")
_CLAUSE_BEFORE_COUNT = re.compile(r"(?P<c>[^,;.]{3,80}),\s*$")
_COUNT_CLOSES = RULES.pattern("count_closes")
_COUNT_WORD_BEFORE = RULES.pattern("count_word_before")
_QUOTE_OPENS_COUNT = re.compile(r"(?<=\w\s)[“\"](?=(?:[a-z]+\s+){0,2}\d)")
_FLEEING_UNIT = RULES.pattern("fleeing_unit")  # in a unit's words: "30,000 fleeing civilians"
_FRONTED_DAY = RULES.pattern("fronted_day")
_VAGUE_ESTIMATED = Endings(RULES.pattern("vague_estimated"))
_PROJECTION_BEFORE = RULES.pattern("projection_before")
_PROJECTED_CAUSE = RULES.pattern("projected_cause")
_AFTER = re.compile(
    "|".join(rf"(?P<{kind}>\b(?:{FIGURE_PREDICATES[kind]})\b)" for kind in ("flow", "casualty", "stock", "projection")),
    re.IGNORECASE,
)


# a name before a small number between commas: "Umm Ahmad, 41, who fled", "Hassan (34)", "Um Fahd, (44) a woman"
# a name before an age ("said Umm Ahmad, 41,"; "Salwa Omar (a pseudonym), 31,")
_EACH_BEFORE = RULES.pattern("each_before")
_AGE_BEFORE = re.compile(r"\b[A-Z][a-z’'-]+(?:\s*\([^()\d]{1,30}\))?\s*(?:,\s*\(?|\()\s*$")  # (also "Name, (44) a woman")
_KIN_BEFORE = Endings(RULES.pattern("kin_before"))


@dataclass(frozen=True)
class Figure:
    """One displacement figure in a sentence (offsets relative to the sentence)."""

    number: NumberMention
    unit: str
    unit_text: str
    end: int
    rule: str


@dataclass
class _Candidate:
    number: NumberMention
    unit: str | None
    unit_text: str
    end: int


def _candidate(text: str, number: NumberMention) -> _Candidate | None:
    after = text[number.end:]
    if number.value <= 1:
        return None  # "one person displaced every 38 seconds": a rate, never a count of a flow
    if number.value < 120 and _AGE_BEFORE.search(text[: number.start]) and re.match(r"\s*[,)]", after):
        return None  # "said Umm Ahmad, 41, who fled": an age
    if number.value < 120 and _an_age(text, number.start):
        return None  # "of whom over half are children under 18": an age, which would take the whole's verb
    if number.value < 100 and _EACH_BEFORE.search(text, max(0, number.qstart - 40), number.qstart):
        return None  # "500 families, each on average numbering about six people": the size of each, no count
    if _CLOCK.match(after) or _CLOCK_BEFORE.search(text, max(0, number.start - 3), number.start):
        return None  # "at 2:30pm local time (12:30GMT)": a time of day
    if number.value < 20 and _KIN_BEFORE.search(text[: number.qstart]):
        return None  # "with his wife and four children": one family's members, not a count of people who fled
    if number.value <= 31 and _DAY_RANGE_BEFORE.search(text, max(0, number.start - 16), number.start):
        return None  # "between August 21-27": the range's last day
    skip = search_end(_SKIP_BEFORE, _SKIP_WIDTH, text, number.start)
    if skip and not (re.match(MON, skip.group(0), re.IGNORECASE) and number.value > 31 and not 1900 <= number.value <= 2100) \
            or _SKIP_AFTER.match(after):
        return None  # money, a day of a month ("May 12"), a resolution number; not "On 12 May 300 people fled"
    if re.match(r"\d", text[number.start:]) and 1900 <= number.value <= 2100 and "," not in number.text:
        unit = _UNIT.match(after)
        if (not unit or re.search(r"[A-Z]", unit.group("adj"))) and not _COUNT_WORD_BEFORE.search(text, max(0, number.start - 20), number.start):
            return None  # a year ("in 2016 Town residents fled"), not a count ("A further 2000 arrived")
    unit = _UNIT.match(after)
    if unit and _INQUIRY_AFTER.match(after[unit.end():]):
        return None  # "3,000 families assessed", "1,200 households surveyed by the team": people an inquiry met
    if unit:
        word = unit.group("u").lower()
        return _Candidate(number, _UNIT_CODE.get(word, "people"), unit.group(0).strip(), number.end + unit.end())
    if re.match(r"\s*(?:hours?|days?|weeks?|months?|years?)\b", after, re.IGNORECASE):
        return None
    whole = _OF_COUNTED_WHOLE.match(after)
    if whole:  # "displaced 20,000 of the town's 50,000 residents": the part counts in the whole's unit
        return _Candidate(number, _UNIT_CODE.get(whole.group("u").lower(), "people"), whole.group("u"), number.end + whole.end())
    part = _OF_UNIT.match(after)
    if part and not re.match(r"\s*of\s+(?:the|its|their|[\w’'-]+['’]s)\s+[\d,.]+", after):
        word = part.group("u").lower()  # not "20,000 of its 50,000 residents" (the whole is counted after "of")
        return _Candidate(number, _UNIT_CODE.get(word, "people"), part.group(0).strip(), number.end + part.end())
    if _NUMBER_OF_AFTER.match(after) and _BRING_TO.search(text[: number.qstart]):
        unit = re.match(r"\s*the\s+(?:total\s+|overall\s+)?number\s+of\s+(?:[\w-]+\s+){0,2}?(?P<u>" + _PEOPLE + r")\b", after,
                        re.IGNORECASE)
        code = _UNIT_CODE.get(unit.group("u").lower(), "people") if unit else None
        return _Candidate(number, code, unit.group("u") if unit else "", number.end)
    if number.range == "from":  # "between 5,000 and 7,000 people": the lower end counts what the upper end counts
        return _Candidate(number, None, "", number.end)
    if _BARE_BEFORE_FLOW.match(after) or _ELLIPSIS_AFTER.match(after):
        # "some 5,000 so far have fled", "5,000 — mostly women — fled"; "..., 3,000 to the coast" (a flow before decides)
        return _Candidate(number, None, "", number.end)
    if _MORE_BEFORE.search(text[max(0, number.qstart - 40): number.qstart]) and _MORE_TAIL.match(after):
        return _Candidate(number, None, "", number.end)  # "A further 3,000 followed on Tuesday"
    bracketed = re.match(r"\s*\(\s*(?:[a-z]+\s+){0,2}\d[\d,.]*(?:\s+million)?", after) if number.value >= 100 and after[:3].lstrip()[:1] == "(" else None
    if bracketed and _UNIT.match(after, bracketed.end()):
        return _Candidate(number, None, "", number.end)  # "Newly displaced families: 1,870 (9,350 individuals)": one count in two units
    if re.match(r"\s*\(\s*[A-Z][\w’' -]{1,40}\)", after):
        return _Candidate(number, None, "", number.end)  # "Displaced: 12,000 (Northtown)": a count of a list, by place
    if after[:1] == " " and _PART_CAME.match(after) and not (number.value <= 31 and re.search(
            MON + r"\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:to|and|-|–)\s*$", text[: number.start], re.IGNORECASE)):  # not "from August 10 to 24"
        return _Candidate(number, None, "", number.end)  # "Of the 20,000 displaced, 12,000 came from X": the flow before decides
    if _BARE_FOLLOWERS.match(after) and not re.match(r"\s*(?:of)\b", after, re.I) or re.match(r"\s*of\s+(?:those|them|whom)\b", after):
        return _Candidate(number, None, "", number.end)
    return None


def _an_age(text: str, start: int) -> bool:
    """Whether the number at ``start`` is an age of the people named before it ("children under 18", "boys aged 15 to
    17": the upper end too)."""
    lower = re.search(r"\d{1,3}\s*(?:to|and|-|–)\s*$", text[max(0, start - 12): start])
    if lower:
        start = max(0, start - 12) + lower.start()
    return _AGE_BEFORE_PEOPLE.search(text[max(0, start - 60): start]) is not None  # (the words just before it)


def _follows_figure(figures: list[Figure], groups: list[list[_Candidate]], index: int) -> bool:
    """Whether the group before this one gave a figure."""
    return bool(figures) and index > 0 and figures[-1].number is groups[index - 1][-1].number


def label_unit(label: str) -> str | None:
    """The unit a flow's label names for the bare counts after it ("Newly displaced families: 1,870"), or None."""
    found = _LABEL_UNIT.search(label)
    return found.group("u").lower() if found else None


def flow_label(text: str) -> bool:
    """Whether a label (a heading, or the words before a colon) names a flow: "Newly displaced by district",
    "Arrivals", not "Population" or "Returns"."""
    return bool(_LABEL_FLOW.search(text)) and not _LABEL_NOT_FLOW.search(text)


def names_no_flow(label: str) -> bool:
    """Whether a label names what is no flow ("Population", "Returnees", "Hosted families")."""
    return bool(_LABEL_NOT_FLOW.search(label))


def find_figures(text: str, heading: bool = False, after_flow: str | None = None) -> list[Figure]:
    """The displacement figures in one sentence. ``heading``: the sentence is an item of a list under a heading that
    names a flow ("New displacements by district:" then "District A: 12,000"). ``after_flow``: the unit of the flow
    the sentence before ended with, which "Another 3,000 on Tuesday." continues."""
    if heading and "|" in text:  # a table's row ("| District A | 12,000 |"): its cells' bars, blanked in place
        text = text.replace("|", " ")
    if "”" in text or '"' in text:  # a count quoted alone ('estimated “more than 120,000” of the residents had fled'):
        text = _QUOTED_COUNT.sub(lambda m: " " + m.group("n") + " ", text)  # its quotation marks blanked in place
        # and a quote that opens on a count inside the sentence ('sparked an exodus of “more than 30,000 civilians,
        # most of them women”, X said'): the mark that opens it, blanked in place
        text = _QUOTE_OPENS_COUNT.sub(" ", text)
    if ")" in text or re.search(r"[A-Z][a-z]+ \d", text):  # an outlet's name that ends in a number ("(Channel 24) – ...",
        # "told Westland 24 that"), blanked in place
        text = _NAME_NUMBER.sub(lambda m: m.group(0)[: m.start("n") - m.start()] + " " * len(m.group("n")), text)
    if "[" in text or "*" in text:  # a note's mark after a number ("5,000[1] people", "5,000* people"), blanked in place
        text = re.sub(r"(?<=\d)(?:\[\d{1,3}\]|\*+)", lambda m: " " * len(m.group(0)), text)
    if ("–" in text or "—" in text) and (split := _breakdown(text, heading, after_flow)) is not None:
        return split  # "12,000 people – 5,000 from the town and 7,000 from the villages – have fled"
    if "(" in text:  # a source cited with its date ("60,000 (XYZ 02/07/2018)"): no counts, blanked in place
        text = _CITATION.sub(lambda m: " " * len(m.group(0)), text)
        # and who they are, in brackets ("889 people (177 males, 275 females and 437 children) arrived"): no counts
        text = _WHO_IN_BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    colon = text.find(":")
    # a sentence that opens with a label of a flow: every count of its list is one ("Arrivals - X: 12,000; Y: 8,000")
    # (its dates may hold numbers: "Displaced since 1 June 2016: ...", not a count: "Some 5,000 fled: ...")
    listed = heading or (colon > 0 and not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b|\b\d{1,2}\b", "", text[:colon]))
                         and flow_label(text[:colon]))
    numbers = find_numbers(text)
    candidates: list[_Candidate] = []
    for number in numbers:
        if re.search(r"\bout\s+of\s+(?:an?\s+(?:total\s+|pre-war\s+|estimated\s+)?(?:population|total)\s+of\s+)?$", text[: number.qstart],
                     re.IGNORECASE):
            continue  # a denominator: "44,000 civilians out of 428,000"
        if _WHOLE_OF_A_PART.search(text[: number.qstart]):
            continue  # the whole a part is counted of: "20,000 of the town's 50,000 residents" (a population)
        candidate = _candidate(text, number)
        if candidate is not None:
            candidates.append(candidate)
    # the lower end of a range counts only with its upper end ("12 to 15 trucks", "50 to 60 percent": neither)
    kept = {id(c.number) for c in candidates}
    candidates = [c for i, c in enumerate(candidates) if c.number.range != "from" or (
        i + 1 < len(candidates) and candidates[i + 1].number.range == "to" and id(candidates[i + 1].number) in kept)]
    groups: list[list[_Candidate]] = []
    for candidate in candidates:
        if groups and (_CONNECTOR.match(text[groups[-1][-1].end: candidate.number.qstart] + _total_lead(candidate.number)) or _apposition(
                text, groups[-1][-1], candidate)) and not (candidate.number.range != "to" and _MORE_AFTER_FIGURE.match(
                text, candidate.number.end)):  # (not "now holds 16,000, and 4,200 more arrived": a count added to it)
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    figures: list[Figure] = []
    part_end: int | None = None  # where the last group read as who the people of a counted flow are ends
    for index, group in enumerate(groups):
        if all(c.unit is None for c in group) and all(c.number.value < 10 for c in group):
            continue
        first, last = group[0], group[-1]
        before = text[: first.number.qstart]
        if re.fullmatch(r"passed|topped|tops|exceeded|exceeds|surpassed|surpasses|(?:does|do|did)\s+not\s+exceed",
                        first.number.qualifier_text, re.IGNORECASE):
            before = text[: first.number.start]  # "... has passed 130,000": the qualifier is the running total's verb
        before = re.split(r"[;:]|\bwhile\b|\bwhereas\b", before)[-1]
        limit = groups[index + 1][0].number.qstart if index + 1 < len(groups) else len(text)
        after = text[last.end: limit]
        stop = _SENTENCE_STOP.search(after) if "." in after or "!" in after or "?" in after else None
        if stop:  # a quote runs on over two sentences: "Two thousand of them were exhausted. They all have left ..."
            after = after[: stop.start() + 1]
        if index + 1 < len(groups) and (_INSERTION.match(after) or _AMONG.match(after) or (
                _OPEN_PART.match(after) and _OF_THEM_PART.match(text, groups[index + 1][-1].end))):
            # "some 35,000 people, among them 4,000 fighters, were evacuated": the predicate after the part is the
            # whole's; "50,000 children are among the 137,000 people who fled": the group's predicate is theirs
            inner_end = groups[index + 1][-1].end
            tail_limit = groups[index + 2][0].number.qstart if index + 2 < len(groups) else len(text)
            rest = text[inner_end: tail_limit]
            closing = re.match(r"[^,;.()–—]*[,)–—]", rest) if not _AMONG.match(after) else None
            after = rest[closing.end():] if closing else rest
        if len(group) > 1 and _PART.search(text[group[-2].end: last.number.qstart]) and (
                clause := _ASIDE_CLAUSE.match(after)) and not _FLIGHT_WORD.search(clause.group(0)):
            after = after[clause.end():]  # "8,500 refugees, including 63 families who had lived in X, have crossed"
        after = re.sub(r"\bout\s+of\s+(?:an?\s+(?:total\s+|pre-war\s+|estimated\s+)?(?:population|total)\s+of\s+(?:some\s+|about\s+|around\s+)?)?"
                       r"[\d,.]+(?:\s+(?:million|thousand))?", " ", after)
        share = _SHARE_APPOSITION.match(after) if "," in after[:2] or "–" in after or "—" in after or " -" in after else None
        if share and _AFTER.search(after, share.end()):
            after = after[share.end():]  # "12,500 people, most of them carrying what they could, walked out": the verb after
        wounded = _WOUNDED_PART.match(after)
        if wounded:  # "2,200 people, including 200 wounded, were evacuated": the wounded among them, then the verb
            after = after[wounded.end():]
        if "including" in after[:16] or "among them" in after[:18]:
            aside = _INCLUDING_ASIDE.match(after)
            if aside:  # "1,300 people including wounded fighters and civilians also arrived": the verb after who they are
                after = after[aside.end():]
        verdict, unit_override = _classify(before, after)
        fleeing_back = verdict in ("", None) and ("return" in after or "back" in after) and _RETURN_FLEEING.match(text, last.end)
        if fleeing_back:
            verdict = "flow-subject"  # "200,000 have returned to the country, with 72,000 others, due to the war": a flight
        if verdict is None and _share_before(before) and _FLEEING_UNIT.search(text, first.number.end, last.end):
            verdict = "flow-relative"  # "Most of the more than 30,000 fleeing civilians were women": a share of a flight
        if verdict is None and len(group) > 1 and _share_before(before) and re.fullmatch(
                r"\s*(?:[-–—]+|\()\s*", text[first.end: group[1].number.qstart]):
            # "one third of the city's 200,000 residents – some 70,000 people – had fled": the share counted in apposition
            group = group[1:]
            first = group[0]
            verdict, unit_override = _classify("", after)
        label = _LABEL.match(text[: first.number.qstart]) if index == 0 else None
        if label and flow_label(label.group("l")):
            verdict = "flow-label"  # "New displacements in 2017: 2.9 million", "Displaced since 1 June: 25,000 people"
            unit_override = label_unit(label.group("l"))  # "Newly displaced families: 1,870"
        if verdict == "" and listed and first.number.qstart > colon and re.fullmatch(r"[^.;]*?[:(,;]?\s*", before[-40:] if before else "") \
                and not _LABEL_NOT_FLOW.search(re.split(r"[;,]", text[colon + 1: first.number.qstart])[-1]):
            # (not a later label of what is no flow: "Arrivals: 12,000; returns: 4,000; deaths: 40")
            verdict = "flow-label"  # "Displaced: 12,000 (X), 8,000 (Y)"; "Arrivals by district - X: 12,000; Y: 8,000"
            unit_override = label_unit(text[:colon]) if flow_label(text[:colon]) else None  # (not a place's "(host families)")
        if verdict == "" and _RANKED.search(text[max(0, first.number.qstart - 160): first.number.qstart]):
            verdict = "flow-ranked"  # "X received the largest number of IDPs (12,000)", "Arrivals were highest in X, at 12,000"
        if verdict in ("", None) and _follows_figure(figures, groups, index) and \
                _RANKED_NEXT.search(text[max(0, first.number.qstart - 80): first.number.qstart]):
            verdict, unit_override = "flow-list", figures[-1].unit  # "..., followed by Y (8,000)": the ranking goes on
        if verdict == "" and any(_FLOW_UNIT.search(c.unit_text) for c in group) and not _WHO_THEY_ARE.match(after) \
                and not _AIDED_AFTER.match(after):  # ("... newly displaced people assisted with rations": an aid count)
            verdict = "flow-unit"  # "2.9 million new displacements": the unit is a flow ("1,200 of the arrivals are
            # children" says who some of them are: no flow of its own)
        if verdict == "" and _CAUSED_BEFORE.search(before[-60:]) and _DISPLACED_UNIT.match(last.unit_text):
            verdict = "flow-object"  # "the earthquake resulted in 171,843 displaced people": what the event caused
        if verdict == "" and _PARTICIPLE_UNIT.search(last.unit_text) and not _FINITE.search(re.split(r"[,;:]", after)[0]) \
                and not _IN_NEED_BEFORE.search(before[-100:]) and not _FOR_BEFORE.search(before[-30:]):
            # "300 killed and 20,000 displaced": the participle is the predicate (not beside those in need: "with 16.7
            # million people in need of aid and 7 million displaced" says who is displaced now, nor what is done for them:
            # "women were preparing meals for 178 displaced")
            verdict = "flow-unit"
        if verdict == "" and figures and figures[-1].number is groups[index - 1][-1].number and _PART.search(before):
            verdict = "flow-part"  # "15,000 have crossed, including 1,000 on Thursday": part of the flow before it
        if verdict == "" and _VAGUE_FLOW.search(before) and (_PART.search(before) or _OF_THEM.match(text[last.number.end:])):
            verdict = "flow-part"  # "Thousands fled, among them at least 5,000 children": a counted part of an uncounted flow
        if verdict in ("", None) and ("mong" in before or _PART.search(before)) and _DEFINED_PART.search(before[-160:]) \
                and not _RETURNED.search(after[:80]):
            verdict = "flow-part"  # "Those who fled, among them 1,800 children, are sleeping in the open"
        follows_flow = bool(figures) and index > 0 and figures[-1].number is groups[index - 1][-1].number
        more = _MORE_AFTER_FIGURE.match(after)
        if verdict == "" and (follows_flow or index == 0 and after_flow) and (
                _MORE_BEFORE.search(before[-40:]) or more) and _MORE_TAIL.match(after[more.end() if more else 0:]):
            # "9,000 fled on Monday, and 3,000 more on Tuesday", "... Another 3,000 followed on Tuesday.": the flow
            # goes on, its verb not repeated
            verdict, unit_override = "flow-list", figures[-1].unit if follows_flow else after_flow
        if verdict in ("", None) and (follows_flow or index == 0 and after_flow) and _NUMBER_AGAIN.search(before[-80:]):
            # "100,000 arrived in X, adding that the number has increased to nearly 120,000": the same flow, counted later
            verdict, unit_override = "flow-list", figures[-1].unit if follows_flow else after_flow
        if verdict in ("", None) and follows_flow and _ADDITION_BEFORE.search(before[-40:]) and not _RETURNED.search(after[:80]):
            # "6,000 Syrians have arrived, alongside 40 families who had been living on the coast": more people in the
            # same flight (what they did before it is no stock)
            verdict, unit_override = "flow-list", figures[-1].unit
        if verdict == "" and follows_flow and _FOLLOWED_AFTER.match(after):
            verdict = "flow-list"  # "750 crossed before noon, but in the afternoon a group of 5,000 people followed"
        if verdict == "" and index == 0 and after_flow and _COMPARED_LEAD.fullmatch(text, 0, first.number.qstart):
            verdict, unit_override = "flow-list", after_flow  # "This compares to 16,400 in December": the flow before, then
        if verdict in ("", None) and index == 0 and after_flow and _THIS_BRINGS_LEAD.fullmatch(text, 0, first.number.qstart):
            verdict, unit_override = "flow-total", after_flow  # "This brings the total since 1 May to 109,000"
        if verdict == "" and index == 0 and _OF_THESE.match(text[: first.number.qstart]) and _PART_WENT.match(text[last.end:]):
            verdict = "flow-part"  # "Of these, 12,000 went to X": a part, by where it went, of the flow just told
        if verdict in ("", None) and follows_flow and (_PART_WENT.match(text[last.end:]) or _PART_CAME.match(text[last.end:])):
            verdict, unit_override = "flow-list", figures[-1].unit  # "5,000 fled, 2,000 of whom went to the camps"
        if verdict == "" and index == 0 and after_flow and (_PART_WENT.match(text[last.end:]) and _SUBJECT_START.search(
                text[: first.number.qstart]) or _PART_CAME.match(text[last.end:]) and _OF_THESE.match(text[: first.number.qstart])):
            # "50,000 fled since Sunday. Around 30,000 of them went to the city": a part, by where it went, of the flow
            # the sentence before told
            verdict, unit_override = "flow-part", after_flow
        if verdict == "" and follows_flow and (_OF_THEM.match(text[last.number.end:]) or (
                (_ELLIPSIS_BEFORE.search(before) or re.search(r":\s*$", text[: first.number.qstart]))
                and _ELLIPSIS_AFTER.match(after)) or (_PERIOD_ONLY_CLAUSE.fullmatch(before) and _CLAUSE_END.match(after))):
            # "50,000 have been displaced, 20,000 of them in the past week"; "9,000 fled to the hills and 3,000 to
            # the coast": the verb of the figure before is not repeated
            verdict = "flow-list"
            unit_override = figures[-1].unit
        if verdict == "" and FIGURE_AT.search(before[-120:]) and (_VAGUE_FLOW.search(text[: first.number.qstart]) or follows_flow
                                                                or index == 0 and after_flow):
            # "Thousands have fled, and the agency puts the figure at 20,000"; "X said 200,000 had been uprooted, while
            # Y put the figure at more than 100,000": another body's count of the same flight
            verdict = "flow-restated"
        if (verdict == "" or verdict is None and _RECORDED_AFTER.match(after)) and follows_flow and _COMPARED.search(before):
            # "1.8 million new displacements, up from 824,000 in 2016"; "..., compared to the 14,000 recorded on 28 May"
            verdict, unit_override = "flow-list", figures[-1].unit
        if verdict == "" and follows_flow and figures[-1].unit in ("families", "households") and \
                last.unit in ("people", "individuals") and _IN_OTHER_UNITS.search(text[groups[index - 1][-1].end: first.number.qstart]):
            verdict = "flow-list"  # "2,800 families were displaced, totalling 14,000 people": the same flow counted in people
        gapped = index > 0 and _GAPPED.match(text[groups[index - 1][-1].end: first.number.qstart])
        if verdict == "" and figures and figures[-1].number is groups[index - 1][-1].number and gapped:
            verdict = "flow-list"  # "X received 38,000 IDPs, Y some 21,500 and Z 17,000": the verb is not repeated
            unit_override = figures[-1].unit
        if verdict == "" and _PLACE_BRACKET.search(before) and re.match(r"\s*\)", text[last.end:]):
            # "people fled to Northtown (38,000), Easttown (21,500) and Westtown (17,000)": the last predicate before the
            # list decides; with none, a word of flight ("Displacement by district: X (12,000), Y (8,000)")
            whole = text[: first.number.qstart]
            found = list(_AFTER.finditer(whole))
            # (a flow word right after a stock's is of the stock: "108,514 people remain displaced from A (83,650), ...")
            predicates = [m.lastgroup for i, m in enumerate(found) if not (
                i and found[i - 1].lastgroup == "stock" and re.fullmatch(r"\s+", whole[found[i - 1].end(): m.start()]))]
            if predicates[-1:] == ["flow"] or not predicates and _LABEL_FLOW.search(whole) and not _LABEL_NOT_FLOW.search(whole):
                verdict = "flow-list"
                unit_override = figures[-1].unit if figures else None
        if verdict in ("flow-subject", "flow-unit") and index > 0 and _PART.search(before) and not (
                figures and figures[-1].number is groups[index - 1][-1].number) and not _FINITE_OR_RELATIVE.search(
                re.split(r"[,;]", after)[0]):
            continue  # "home to 323,000 people, including 125,000 people displaced from elsewhere": a part of a population
        if verdict == "flow-relative" and index > 0 and _PART.search(before) and not (
                figures and figures[-1].number is groups[index - 1][-1].number) and _RETURNED.search(before[-160:]):
            continue  # "31,000 refugees returned ..., including 20,000 who crossed from X": a part of a return
        if verdict in ("", None) and len(groups) == 1 and _COUNT_CLOSES.match(after) and (
                flight := _CLAUSE_BEFORE_COUNT.search(before)) and _FLIGHT_WORD.search(flight.group("c")):
            verdict = "flow-subject"  # "... have been forced to flee, nearly 9,600 people.": the count closes the clause
        if verdict in ("flow-relative", "flow-part") and _IN_NEED_BEFORE.search(before[-120:]) and not _IN_A_PERIOD.match(after):
            continue  # "13.1 million are in need of aid, including 6.1 million who have been displaced": who is in need
        if verdict == "flow-relative" and len(group) > 1 and _classify(before, "")[0] is None and re.search(
                r"\bincluding\b", text[group[-2].end: group[-1].number.qstart], re.IGNORECASE):
            group = group[-1:]  # "The camp hosts 50,000 people, including 20,000 who fled": the clause defines the part only
        of_them = _OF_THEM_WHO.match(text, last.number.end)
        if verdict and index:
            gap = text[groups[index - 1][-1].end: first.number.qstart]
            if _says_who(last.unit_text, gap, False) or of_them and _OPEN_PART.match(gap) and not _DIGIT.search(gap) or (
                    part_end is not None and _says_who(last.unit_text, text[part_end: first.number.qstart], True)):
                # "165,000 fled, including 70,000 children (and 40,000 women)" (after any count: "73 were killed
                # including 27 children"): who they are; the groups after read the whole before them as the group before
                # ("..., or approximately 6,078 individuals")
                part_end, groups[index] = last.end, groups[index - 1]
                continue
        if not verdict or any(_RETURN.search(c.unit_text) for c in group) and not _FLED_AGAIN.match(after) \
                or _RETURNED_AFTER.match(after) and not fleeing_back:
            continue
        described = False
        for position, candidate in enumerate(group):
            before_end = group[position - 1].end if position else groups[index - 1][-1].end if index else None
            described = before_end is not None and _says_who(
                candidate.unit_text, text[before_end: candidate.number.qstart], described, bracketed=position > 0)
            if described:
                continue  # "9,000 people, including 4,000 children (and 800 women), have arrived": who they are
            if candidate.unit_text.split()[-1:] and candidate.unit_text.split()[-1] in COMBATANT_UNITS and not _AND_FAMILIES.match(
                    text, candidate.end):
                continue  # "300 Kurdish fighters have crossed to help defend the town": combatants, no flight of civilians
            partner = group[position + 1] if candidate.number.range == "from" and position + 1 < len(group) else None
            head = _VAGUE_HEAD_UNIT.search(text, max(0, candidate.number.qstart - 60), candidate.number.qstart) \
                if not candidate.unit and not partner and "of" in text[max(0, candidate.number.qstart - 60): candidate.number.qstart] else None
            # "Thousands of families, at least 4,000, fled": a bare count in apposition counts what the words before it
            unit = candidate.unit or (partner.unit if partner else None) or (
                _UNIT_CODE.get(head.group("u").lower()) if head else None) or unit_override or "people"
            figures.append(Figure(candidate.number, unit, candidate.unit_text, candidate.end, verdict))
    return figures


_IN_OTHER_UNITS = RULES.pattern("in_other_units")
_RECORDED_AFTER = RULES.pattern("recorded_after")  # the count compared with, as it was taken


DASH_BREAKDOWN = RULES.pattern("dash_breakdown")


_PART_WHERE = RULES.pattern("part_where")


def _breakdown(text: str, heading: bool, after_flow: str | None) -> list[Figure] | None:
    """The figures of a sentence whose figure is broken down between dashes: the whole is read with the breakdown
    left out, and each count of the breakdown is a part of it when the whole is a flow. None when there is no
    breakdown, or no figure before it."""
    found = DASH_BREAKDOWN.search(text)
    if found is None or not any(n.end <= found.start() for n in find_numbers(text)) or _AFTER.search(found.group("inner")):
        return None  # (a clause of its own between the dashes: "– 300 were killed and 40 injured –")
    blanked = text[: found.start()] + " " * (found.end() - found.start() - 1) + text[found.end() - 1:]
    whole = find_figures(blanked, heading, after_flow)
    before = [f for f in whole if f.end <= found.start()]
    if not before:
        return whole
    parts = []
    for number in find_numbers(text):
        if not found.start("inner") <= number.qstart < found.end("inner"):
            continue
        candidate = _candidate(text, number)
        if candidate is None and number.value >= 10 and "," in number.text and _PART_WHERE.match(text, number.end):
            candidate = _Candidate(number, None, "", number.end)  # "7,000 to host communities": a part by where it went
        if candidate is not None:
            parts.append(Figure(number, candidate.unit or before[-1].unit, candidate.unit_text, candidate.end, "flow-part"))
    return sorted(whole + parts, key=lambda f: f.number.qstart)


def _apposition(text: str, first: _Candidate, second: _Candidate) -> bool:
    """"2,500 families, about 12,000 people, had reached X": the same people counted in another unit, between commas."""
    # (the first may carry a short modifier: "23 families from our street, about 140 people, left")
    return bool(first.unit and second.unit and first.unit != second.unit and re.fullmatch(
        r"(?:\s+(?:from|of|in)\s+[^,;:.\d()]{1,40}?)?\s*,\s*", text[first.end: second.number.qstart])
        and re.match(r"\s*(?:,|[.;]\s*$|$)", text[second.end:]))  # (or at the sentence's end: "... to 1,000 persons, about 160 families.")


def _defined_by_flight(after: str, among: bool = False) -> tuple[str | None, str | None] | None:
    """A figure whose people are defined by a flight ("5,000 people who fled last week are living in tents", "aid for
    11,000 people who fled the town") counts the flow, whatever the sentence goes on to say of them; a return ("who
    had fled ... returned") is none, unless the figure is the group some were ``among`` ("Thousands, who were among
    100,000 that fled, have returned"). None when no such relative clause follows the figure."""
    if "whose" in after[:12] and _WHOSE_FLIGHT.match(after):
        return "flow-relative", None  # "3,600 Syrians whose exodus this month has strained ...": their flight
    if not _WHO.match(after):
        return None  # the cheap test first: most figures are followed by no relative clause
    first = _AFTER.search(after)
    if not first or first.lastgroup != "flow" or not _DEFINING.fullmatch(after[: first.start()]):
        return None
    clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
    if not among and (_RETURN.search(re.split(r"[;:,]", after)[0]) or _RETURNED.search(clause)):
        return None, None
    return "flow-relative", None


def _total_lead(number: NumberMention) -> str:
    """"a total of" when the number's qualifier took it ("..., with a total of at least 167,131 people"): a connector's
    words, given back to the text between two figures."""
    lead = _TOTAL_LEAD.match(number.qualifier_text)
    return lead.group(0) + " " if lead else ""


def _share_before(before: str) -> bool:
    """Whether a share of a population comes right before the figure ("half of the town's 40,000 residents")."""
    of = before.rfind(" of ", max(0, len(before) - 60))
    return of >= 0 and bool(_SHARE_BEFORE.search(before[max(0, of - 45):]))


# _classify's rules, searched only in a text that has their cue words (``lod.extract.cues.Gated``): searched at every
# character of the text before each figure, they were most of its cost
(_BRING_TO_CUED, _FLOW_TOTAL_CUED, _THOSE_NUMBER_CUED, _WITH_FLOW_CUED, _CASUALTY_BEFORE_CUED, _NOT_FLOW_OBJECT_CUED) = (
    Gated(_BRING_TO), Gated(_FLOW_TOTAL), Gated(_THOSE_NUMBER), Gated(_WITH_FLOW), Gated(_CASUALTY_BEFORE), Gated(_NOT_FLOW_OBJECT))
_CONCERNED_FOR_CUED = Gated(RULES.pattern("concerned_for"))
_AID_FOR_CUED, _AID_FOR_FLEEING = Gated(RULES.pattern("aid_for")), RULES.pattern("aid_for_fleeing")
_SHARE_OF = RULES.pattern("share_of")
_NUMBER_PRESENT = RULES.pattern("number_present")
_HEDGE_ASIDE = RULES.pattern("hedge_aside")
(_HOSTED_BEFORE_CUED, _TAKEN_IN_CUED, _STOCK_BEFORE_CUED, _FLOW_OBJECT_CUED, _RETURN_CUED) = (
    Gated(_HOSTED_BEFORE), Gated(_TAKEN_IN), Gated(_STOCK_BEFORE), Gated(_FLOW_OBJECT), Gated(_RETURN))


def _classify(before: str, after: str) -> tuple[str | None, str | None]:
    """(rule, unit) for a flow; (None, None) when a word says it is not one; ("", None) when no word decides."""
    after = after.split(";", 1)[0]  # a semicolon ends the figure's clause: "5,000 displaced since 1 June; 200 killed"
    if "(" in after:
        after = _HEDGE_ASIDE.sub("", after)  # "325,443 displacements (some may be secondary) in X": no projection
    if "due to" in after or "because of" in after or "caused by" in after or "owing to" in after:
        if _NATURAL_CAUSE.search(after):
            return None, None  # "400 families fled their homes ... due to flooding": no flight from violence
    tail = re.split(r"[,;:–—(]|\b(?:said|says|say|told|reported|according\s+to)\b", before[-80:])[-1]
    if _PROJECTION_BEFORE.search(" ".join(tail.split()[-8:])) or "will" in tail and _PROJECTED_CAUSE.search(tail):
        return None, None  # "could displace up to 700,000", not "The agency, which will hold talks, said 5,000 fled"
    if "of" in before and _POPULATION_NUMBER.search(before, max(0, len(before) - 140)):
        return None, None  # "The number of residents including those displaced totaled 100,000": a population
    if " to" in before[-6:] and _PROJECTED_TOTAL.search(before, max(0, len(before) - 200)):
        return None, None  # "this could push the number of displaced people to 1 million": a projection
    if _NUMBER_PRESENT.search(before, max(0, len(before) - 120)):
        return None, None  # "bringing the number of families currently present in the camp to 718": who is there
    if _BRING_TO_CUED.search(before) and _NUMBER_OF_AFTER.match(after):
        return "flow-number-of", None  # "bringing to 1.1 million the number of refugees who have fled the country"
    number_of = _NUMBER_OF.search(before)
    if number_of:
        word = (number_of.group("u") or "people").lower()  # "the number who left": people
        return "flow-number-of", _UNIT_CODE.get(word, "people")
    if _FLOW_TOTAL_CUED.search(before) or _THOSE_NUMBER_CUED.search(before) or _NUMBER_OF_FLOW_UNIT.search(before) \
            or _WITH_FLOW_CUED.search(before) or before[-2:].strip() in (",", "-", "–", "—") and _THOSE_APPOSITION.search(before[-160:]):
        if _WHO_THEY_ARE.match(after):
            return "", None  # "Of the new arrivals, 3,000 are children": who some of them are, no count of the flow
        return "flow-total", None
    if " to" in before[-6:] and _FLOW_BRINGS_TOTAL.search(before, max(0, len(before) - 240)):
        return "flow-total", None  # "The latest evacuations bring the total number of civilians evacuated to 1,000"
    total = _TOTAL_AFTER_FLOW.search(before)
    if total:
        clause = before[: total.start()]
        flowed = _AFTER.search(clause)
        if flowed and flowed.lastgroup == "flow" and not _PROJECTION_BEFORE.search(clause):
            return "flow-total", None
        return None, None
    if _CASUALTY_BEFORE_CUED.search(before) or _NOT_FLOW_OBJECT_CUED.search(before) or _CONCERNED_FOR_CUED.search(before):
        return None, None
    if _HOSTED_BEFORE_CUED.search(before) and not _IN_A_PERIOD.match(after):
        # "X hosts 1 million Syrians who fled the war", "home to 20,000 people who fled": a stock ("shelters 45,000
        # refugees who arrived in the past year" tells a dated flight: a flow)
        return None, None
    defined = _defined_by_flight(after, among=before.rstrip().endswith("among"))
    if defined is not None:
        return defined
    if _AID_FOR_CUED.search(before) and not _AID_FOR_FLEEING.match(after):
        return None, None  # "supplies for 50,000 displaced people has arrived": the aid moved
    if _SHARE_OF.search(before, max(0, len(before) - 40)):
        return None, None  # "70,000 out of the 80,000 people in the district": the people there
    if _share_before(before):
        share_of_flow = _SHARE_OF_FLOW.match(after)
        if share_of_flow and _IN_A_PERIOD.match(after, share_of_flow.end()):
            return "flow-relative", None  # "half of the 56,000 people displaced in March were children"
        return None, None
    if _TAKEN_IN_CUED.search(before) and (_IN_A_PERIOD.match(after) or _FRONTED_PERIOD.match(before) or _FRONTED_DAY.match(before)
                                          or _DATED_THEN_TAKEN_IN.search(before[-120:])):
        return "flow-object", None  # "the camp took in 5,000 people last week" (without a period: a stock)
    if _STOCK_BEFORE_CUED.search(before) and not _VAGUE_ESTIMATED.search(before):
        return None, None
    if _PROJECTION_AFTER.match(_OTHERS_AFTER.split(after, 1)[0]):
        return None, None
    if before[-6:].rstrip().endswith("with") and _FLED_WITH.search(before[-60:]):
        return "flow-object", None  # "We left with 23 families from our street": they fled too
    if "registered" in after and (_FRONTED_PERIOD.match(before) or _FRONTED_DAY.match(before)) and _REGISTERED_AFTER.match(after):
        return "flow-subject", None  # "In the past week, some 14,000 persons registered with the agency"
    if ("carrying" in before or "transporting" in before or "ferrying" in before) and _VEHICLES_CARRYING.search(before[-300:]):
        return "flow-object", None  # "30 buses reached X on Friday carrying 1,900 people": the people moved
    obj = _FLOW_OBJECT_CUED.search(before)
    if obj:
        if obj.group("forced") is None or _FORCED_TAIL.match(after):
            return "flow-object", None
    first = _AFTER.search(after)
    if first and first.lastgroup == "stock" and re.fullmatch(r"(?:living|residing|staying|sheltering|remaining|sheltered|trapped)",
                                                             first.group(0), re.IGNORECASE) \
            and not _AUXILIARY.search(after[: first.start()]):
        # a reduced relative clause: "5,000 people living in the villages have fled": the finite verb after it decides
        clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
        finite = re.search(r"\b(?:have|has|had|were|was|are|is)\s+(?:now\s+|also\s+|since\s+)?(?:been\s+)?(?=\w)", clause, re.IGNORECASE)
        if finite and not re.search(r"\b(?:could|might|may|would|will|must)\s+$", clause[: finite.start()], re.IGNORECASE):
            then = _AFTER.search(clause, finite.end())
            if then and then.lastgroup == "flow" and then.start() == finite.end():
                first = then
    if first and first.lastgroup == "flow" and "of" in after[: first.start()]:
        described = _DESCRIBED_PART.search(after, 0, first.start())
        if described and _AUXILIARY.search(after, 0, described.start()):
            return "", None  # "8,500 people have received kits, 60 per cent of them newly displaced": who some are
    if first and first.lastgroup == "flow":
        if _RETURN_CUED.search(re.split(r"[;:,]", after)[0]):
            return None, None  # "5,000 refugees crossed back into the country", "left the camp to return home"
        relative = _RELATIVE.fullmatch(after[: first.start()])
        if relative or re.fullmatch(r"(?:displaced|uprooted)", first.group(0), re.IGNORECASE) and not _AUXILIARY.search(after[: first.start()]):
            clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
            second = re.search(r"\b(?:are|is|were|was|have|has|had|remain|remained|now)\b", clause, re.IGNORECASE)
            then = _AFTER.search(clause, second.start()) if second else None
            if then and then.lastgroup != "flow":
                return None, None  # "N people displaced since X (who fled X) are sheltering in the open": a stock
            went_home = _RETURNED.search(clause) if relative else None
            if went_home and not (then and then.start() < went_home.start()):
                return None, None  # "200 families who had fled the fighting returned to the town": a return
        return "flow-subject", None
    if first and first.lastgroup == "stock" and _FRONTED_PERIOD.match(before) and _PERFECT_INTERNALLY.match(after):
        return "flow-subject", None  # "Since 1 December, 1.1 million people have been internally displaced": a dated flight
    return (None, None) if first else ("", None)
