"""Leads: look-aheads put before a pattern so the engine drops most positions at once (``NUMBER_LEAD``,
``VERB_LEAD``). A lead must rule no match out: each pattern finds the same matches with and without it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lod.extract import entities, numbers, people, statements
from lod.extract.cues import Starts, finditer_from, lowered
from lod.extract.document import _finder
from lod.extract.lexicon import REPORTING_VERBS
from lod.extract.mentions import CAPITAL_LEAD, CAPITALS
from lod.places.reconcile import Reconciler

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "extraction"
# the edges of the leads: capitals, a long s (an "s" ignoring case), "a"/"an" before a hyphen or a line break
EDGES = ["Ten thousand fled; TWENTY-FIVE more. \u017fix hundred and \u017feven", "A-quarter of a million, an\n80,000, a half",
         "Half a million; ONE-THIRD of a million; 1,2 million; 3k; 4.5 bn; \u0661\u0662 (Arabic digits)",
         "SAID the agency, Said X, she \u017faid, they told us. Adding: it explained", "x5,000 $300 2,147 households"]


def _texts() -> list[str]:
    found = list(EDGES)
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found += json.loads(line).get("excerpt") or []
    found += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    return found


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _plain_verbs() -> re.Pattern[str]:
    """The verbs as a plain alternation, longest first (what ``statements._VERB`` was before its letter tree), after
    the same passive guard."""
    return re.compile(r"\b" + statements._PASSIVE + r"(?:" + "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


def _without(pattern: re.Pattern[str], lead: str) -> re.Pattern[str]:
    assert pattern.pattern.count(lead) == 1
    return re.compile(pattern.pattern.replace(lead, "", 1), pattern.flags)


@pytest.mark.parametrize(("led", "plain"), [
    (numbers.NUMBER, _without(numbers.NUMBER, numbers.NUMBER_LEAD)),
    (statements._VERB, _plain_verbs()),
    (entities._ORG_PHRASE, _without(entities._ORG_PHRASE, CAPITAL_LEAD)),
    (entities._DEFINED_ACRONYM, _without(entities._DEFINED_ACRONYM, CAPITAL_LEAD)),
    (entities._COORDINATION, _without(entities._COORDINATION, CAPITAL_LEAD)),
], ids=["numbers", "reporting verbs", "organization phrases", "defined acronyms", "coordinated names"])
def test_a_lead_rules_no_match_out(led: re.Pattern[str], plain: re.Pattern[str]) -> None:
    assert led.pattern != plain.pattern
    texts = _texts()
    assert sum(len(_matches(plain, text)) for text in texts) > 20
    for text in texts:
        assert _matches(led, text) == _matches(plain, text), text[:80]


def test_the_edges_are_found() -> None:
    assert [m.group(0) for m in numbers.NUMBER.finditer(EDGES[0])] == ["Ten thousand", "TWENTY-FIVE",
                                                                        "\u017fix hundred and \u017feven"]
    assert [m.group(0) for m in statements._VERB.finditer(EDGES[3])] == ["SAID", "Said", "\u017faid", "told", "Adding",
                                                                          "explained"]


def _cuts(texts: list[str]) -> list[str]:
    """Every sentence cut before each space and comma: the text before a verb, as ``subject_before`` reads it."""
    return [text[:i] for text in texts if len(text) <= 300 for i, char in enumerate(text) if char in " ,"] + EDGES + [
        "The agency also ", "she said on Dec. 3, 2019, ", "X, on Jan. 12 ,\n", "it \u017ftrongly", "X in a press\nrelease "]


def test_an_adverbial_is_stripped_only_from_a_text_ending_with_its_last_word() -> None:
    cuts = _cuts(_texts())
    stripped = [text for text in cuts if statements._ADVERBIAL.sub("", text) != text]
    assert len(stripped) > 50
    assert all(statements._ends_with(text, statements._ADVERBIAL_LAST) for text in stripped)
    assert not statements._ends_with("The agency said", statements._ADVERBIAL_LAST)


def test_a_date_is_stripped_only_from_a_text_ending_with_a_digit() -> None:
    cuts = _cuts(_texts())
    stripped = [text for text in cuts if statements._ON_DATE_AT_END.sub("", text) != text]
    assert len(stripped) >= 2
    assert all(statements._ends_in_digit(text) for text in stripped)
    assert not statements._ends_in_digit("on Monday, ")


def test_a_one_word_speaker_is_looked_for_only_where_it_can_start() -> None:
    texts = _texts() + ['"We left," Youssef recalls.', "..., said 61-year-old Hamid.", "Yusuf, a bakery worker, fled.",
                        "\nMohammed, 28, who fled on Saturday, told us", "it said Osman. X, 3, said"]
    found = 0
    for text in texts:
        expected = _matches(people._SINGLE_SPEAKER, text)
        assert [(m.span(), m.groups()) for m in finditer_from(people._SINGLE_SPEAKER, text, people._SINGLE_SPEAKER_STARTS,
                                                              people._SINGLE_SPEAKER_WORDS)] == expected, text[:80]
        found += len(expected)
    assert found >= 10


def test_the_case_sensitive_aliases_lead_rules_no_match_out(reconciler: Reconciler) -> None:
    pattern = _finder(reconciler)._sensitive
    start = pattern.pattern.index("(?<![")
    assert start > 0
    plain = re.compile(pattern.pattern[start:], pattern.flags)
    texts = _texts() + ["the UN said; THE UN; its OCHA office; İts"]
    assert sum(len(_matches(plain, text)) for text in texts) > 20
    for text in texts:
        assert _matches(pattern, text) == _matches(plain, text), text[:80]


def test_a_casualty_pattern_is_skipped_only_where_it_cannot_match() -> None:
    from lod.extract import events
    from lod.extract.cues import lowered, possible
    texts = _texts() + ["Shelling killed 12 civilians.", "at least 27 civilians were killed", "killing 3 and wounding 40"]
    matched = 0
    for text in texts:
        for pattern, sets in events._CASUALTY_CUES:
            if pattern.search(text):
                matched += 1
                assert possible(sets, lowered(text)), text[:80]
    assert matched >= 3
    assert events.casualties_in("Shelling killed 12 civilians; 40 people were wounded")[0][:2] == ("injured", 40)


def test_the_capitalised_names_searched_at_the_capitals_find_what_they_find(reconciler: Reconciler) -> None:
    finder = _finder(reconciler)
    patterns = [entities._ORG_PHRASE, entities._SPEAKING_ACRONYM, entities._DEFINED_ACRONYM, entities._COORDINATION,
                entities._SUCH_AS, entities._NOUN_OF, people._NAME, people._POST_NAME]
    texts = _texts() + ["\u00c9cole Normale Sup\u00e9rieure said; \u00c9TAT, \u00c0leppo and \u00d7Idlib (ABC)",
                        "according to SANA, the SDF said; UNHCR and the World Food Programme (WFP) said",
                        "the Turkish border; the Syrian-Turkish border; Jordan\u2019s border; towns such as Ariha, Saraqeb",
                        "THE TOWN OF Ariha; the villages of Kafr Nabl and al-Bara; sub-districts of Jisr al-Shughour"]
    found = 0
    for pattern in patterns:
        starts = Starts(pattern)
        assert starts.classes is not None or starts.exact, pattern.pattern[:60]  # searched at its capitals or words
        for text in texts:
            expected = _matches(pattern, text)
            assert [(m.span(), m.groups()) for m in starts.finditer(text, lowered(text))] == expected, text[:80]
            found += len(expected)
    for pattern in (finder._world, finder._border):  # a look-ahead of a capital first: searched from the capitals
        assert pattern.pattern.startswith(("(?-i:" + CAPITAL_LEAD + ")", CAPITAL_LEAD))
        for text in texts:
            expected = _matches(pattern, text)
            assert [(m.span(), m.groups()) for m in finditer_from(pattern, text, CAPITALS)] == expected, text[:80]
            found += len(expected)
    assert found > 200
    assert Starts(entities._ORG_PHRASE).classes == CAPITALS  # one class, its positions found once per body


def test_the_aliases_and_toponym_heads_searched_where_they_start_find_what_they_find(reconciler: Reconciler) -> None:
    finder = _finder(reconciler)
    patterns = [finder._insensitive, finder._sensitive, entities._PREFIX_TOPONYM]
    texts = _texts() + ["the UN said; THE UN; its OCHA office; \u0130ts", "M\u00c9DECINS SANS FRONTI\u00c8RES said; Deir ez-Zor",
                        "\u017eyrian Observatory; Ain al-Arab, AIN Issa"]
    found = 0
    for pattern in patterns:
        starts = Starts(pattern)
        assert starts.words is not None  # their beginnings are told
        for text in texts:
            expected = _matches(pattern, text)
            assert [(m.span(), m.groups()) for m in starts.finditer(text, lowered(text))] == expected, text[:80]
            found += len(expected)
    assert found > 50
    # the insensitive aliases' 49 start words are found in the long texts by an automaton, in the short ones word by word
    assert Starts(finder._insensitive)._finders[0] is not None and min(map(len, texts)) < 500 < max(map(len, texts))
