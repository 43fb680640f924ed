"""The words a pattern cannot match without (``lod.extract.cues``): derived soundly, and never skipping a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lod.extract import dates, events, observations, periods
from lod.extract.cues import Cued, Starts, Words, cues, end_width, lowered, possible, search_end
from lod.extract.numbers import find_numbers

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"


def _sets(pattern: str, flags: int = 0) -> list[list[str]]:
    return [sorted(words) for words in cues(re.compile(pattern, flags), shortest=1, most=9)]


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfled\b", [["fled"]]),
    (r"(?:from|between)\s+\d+", [["between", "from"]]),
    (r"rockets?(?=\s+and)", [["rocket"]]),  # the look-ahead's "and" is not counted
    (r"(?:early\s+)?June", [["june"]]),  # an optional part needs nothing
    (r"(?:a|\d+)\s+days", [["days"]]),  # a branch without a literal: the alternation needs nothing
    (r"x{0,3}yz", [["yz"]]),
    (r"(?:ab){2}c", [["ab"], ["c"]]),  # a repeat at least once needs its part
    (r"(?-i:IS|ISIS)\s+took", [["is"], ["took"]]),  # a case-sensitive part is looked for lowered too
    (r"[Ff]lee", [["lee"]]),  # a class is no literal
    (r"(?:January|Jan)\.?", [["jan"]]),  # "january" adds nothing to "jan"
    (r"\d+", []),
])
def test_cues_are_the_literals_every_match_has(pattern: str, expected: list[list[str]]) -> None:
    assert sorted(_sets(pattern, re.IGNORECASE)) == sorted(expected)


def test_short_words_and_the_number_of_sets_are_bounded() -> None:
    pattern = re.compile(r"\bin\s+the\s+past\s+(?:week|month)\s+since\b", re.IGNORECASE)
    assert [sorted(words) for words in cues(pattern)] == [["since"], ["past"], ["month", "week"]]


def test_a_text_with_a_letter_that_matches_only_ignoring_case_is_never_gated() -> None:
    pattern = re.compile(r"\bsince\b", re.IGNORECASE)
    text = "\u017fince Monday"  # a long s: "since" under re.IGNORECASE, not once lowered
    assert pattern.search(text) and lowered(text) is None and possible(cues(pattern), lowered(text))
    assert [key for key, _ in Cued([("since", pattern)]).runnable(text)] == ["since"]
    assert not possible(cues(pattern), lowered("On Monday"))


def _sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found += json.loads(line).get("excerpt") or []
    return found


def test_no_pattern_that_uses_cues_matches_a_sentence_without_them() -> None:
    patterns = [p for _, p in dates._PATTERNS] + [p for _, p in events._WEAPONS + events._TRIGGERS + events.INCIDENT_TRIGGERS]
    sentences = _sentences()
    matched = 0
    for pattern in patterns:
        sets = cues(pattern)
        for text in sentences:
            if pattern.search(text):
                matched += 1
                assert possible(sets, lowered(text)), (pattern.pattern[:80], text)
    assert matched > 300 and len(sentences) > 500  # the sets exercise the patterns


@pytest.mark.parametrize(("pattern", "width"), [
    (r"(?:USD\s?|No\.\s?|:)$", 4),
    (r"\bfled\s+$", None),  # no longest match
    (r"fled$|left", None),  # not only at the end
    (r"(?m)x$", None),  # MULTILINE: "$" before every line break
])
def test_end_width(pattern: str, width: int | None) -> None:
    assert end_width(re.compile(pattern)) == width


def test_a_search_at_the_end_finds_what_a_search_of_the_slice_finds() -> None:
    patterns = [re.compile(r"(?:[$€£]|US\$|USD\s?|\bNo\.\s?|\bresolution\s|:)$", re.IGNORECASE), re.compile(r"(?<=a)b\s?$"),
                re.compile(r"\bx\.?$")]
    texts = _sentences()[:200] + ["USD\n", "resolution 2254", "ab ", "a b", "ab\n", "x.", "ax", " x"]
    found = 0
    for pattern in patterns:
        width = end_width(pattern)
        assert width is not None
        for text in texts:
            for end in range(len(text) + 1):
                expected = pattern.search(text[:end])
                got = search_end(pattern, width, text, end)
                assert (got and (got.span(), got.group(0))) == (expected and (expected.span(), expected.group(0)))
                found += expected is not None
    assert found > 50


@pytest.mark.parametrize(("pattern", "flags", "words", "exact", "classes"), [
    (r"\bsince\s+\d+", re.IGNORECASE, ("since",), (), None),
    (r"(?:between|from)\s+\d+", re.IGNORECASE, ("betwee", "from"), (), None),  # six characters at most
    (r"(?:on\s+)?(?:Mon|Tue)day", re.IGNORECASE, ("monday", "on", "tueday"), (), None),  # optional, or what follows
    (r"(?-i:ISIS|IS)\s+took", re.IGNORECASE, (), ("IS",), None),  # "ISIS" begins with "IS"; as written, not lowered
    (r"(?i:the)\s+UN\b", 0, ("the",), (), None),  # the word ends where the case changes
    (r"[Ff]lee", 0, (), ("Flee", "flee"), None),  # a class of a few letters: one word each
    (r"\b\d{1,2}\s+June", 0, (), (), r"[\d](?<=\b[\d])"),  # digits: looked for by the engine, the boundary kept
    (r"(?<![\w-])al-\w+", 0, (), ("al-",), None),  # a look-behind has no width
    (r"\w+\s+said", 0, None, (), None),  # may begin with any letter
    (r"\s+said", 0, None, (), None),  # a space: nearly every word has one after it
    (r"(?:a|an)\s+estimated", re.IGNORECASE, None, (), None),  # "a": in most words
    (r"x?y*", 0, None, (), None),  # may match the empty text: searched as usual
    (r"\u00c9t\u00e9", re.IGNORECASE, ("\u00e9t\u00e9",), (), None),  # a letter beyond ASCII, lowered
    (r"\u00b5s", re.IGNORECASE, None, (), None),  # the micro sign: the engine's folds (Greek mu), not lower()'s
    (r"\u00e9t\u00e9", 0, (), ("\u00e9t\u00e9",), None),  # as written
    (r"(?<![\w-])[A-Z\u00c0-\u00de][a-z]+", 0, (), (), "[A-Z\u00c0-\u00de]"),  # capitals: looked for by the engine
    (r"(?=[A-Z])(?<!\w)\w+\s+said", 0, (), (), "[A-Z]"),  # a look-ahead of one class: the match begins with it
    (r"(?=[A-Z])\w+|according", 0, (), ("accord",), "[A-Z]"),  # capitals, or a word as written
    (r"(?=[A-Z])\w+", re.IGNORECASE, None, (), None),  # ignoring case, "[A-Z]" is any letter
    (r"(?i:(?=[A-Z]))\w+", 0, None, (), None),  # the same in a group that ignores case
    (r"(?-i:(?=[A-Z]))\w+", re.IGNORECASE, (), (), "[A-Z]"),  # a group that keeps case in a pattern that ignores it
    (r"[A-Za-z]+\s+said", 0, None, (), None),  # lower-case letters: most characters of a text
    (r"[A-Z ]\w+", 0, None, (), None),  # a space: nearly every word has one before it
    (r"(?!\d)[A-Z]\w+", 0, (), (), "[A-Z]"),  # a negative look-ahead tells nothing, what follows does
])
def test_starts_are_the_words_a_match_begins_with(pattern: str, flags: int, words: tuple[str, ...] | None,
                                                   exact: tuple[str, ...], classes: str | None) -> None:
    starts = Starts(re.compile(pattern, flags))
    assert (starts.words, starts.exact) == (words, exact)
    assert (starts.classes.pattern if starts.classes else None) == classes


def _articles() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((DATA.parents[2] / "data" / "articles").glob("*.txt"))]


STARTED = [p for _, p in dates._PATTERNS]
# the edges: a long s and a dotless i (matched ignoring case, not once lowered), a capital I with a dot (two characters
# lowered), a Kelvin sign (a "k" ignoring case, and lowered)
EDGES = ["\u017fince 3 May, \u017fince Monday", "\u0130n 2019, in 2018 \u0131n June", "wee\u212a of 3 March, since \u212aey",
         "Between 1 and 3 June, FROM 2 TO 4 JULY, since Tuesday's attack on 12 Aug."]


@pytest.mark.parametrize("pattern", STARTED, ids=[rule for rule, _ in dates._PATTERNS])
def test_a_pattern_searched_where_its_matches_start_finds_what_it_finds(pattern: re.Pattern[str]) -> None:
    starts = Starts(pattern)
    for text in _sentences() + _articles() + EDGES:
        got = [(m.span(), m.groups()) for m in starts.finditer(text, lowered(text))]
        assert got == [(m.span(), m.groups()) for m in pattern.finditer(text)], text[:80]


def test_most_date_rules_are_searched_where_they_start() -> None:
    told = [rule for rule, pattern in dates._PATTERNS if Starts(pattern).words is not None]
    assert len(told) >= 0.9 * len(dates._PATTERNS)


@pytest.mark.parametrize("words", [dates._LOOKED_FOR, Cued(events._WEAPONS + events._TRIGGERS).words,
                                   ("a", "ab", "abc", "b", "bc", "c", "ca"), ("é", "ſince", "ünï"), ()],
                         ids=["dates", "events", "nested", "beyond-ascii", "none"])
def test_the_words_present_are_those_a_text_contains(words: tuple[str, ...]) -> None:
    looked = Words(words)
    texts = [text.lower() for text in _sentences() + _articles()] + ["", "abc", "cab", "b", "ſince the ünïcode café"]
    for text in texts:
        assert looked.present(text) == {word for word in words if word in text}, text[:80]


@pytest.mark.parametrize("text", ["Shelling hit the town.", "Airstrikes hit the town.", "\u017fhelling", ""])
def test_possible_needs_a_word_of_every_set(text: str) -> None:
    sets = cues(re.compile(r"\bshell(?:s|ing)\s+(?:hit|struck)", re.IGNORECASE))
    lower = lowered(text)
    assert possible(sets, lower) == (lower is None or all(any(word in lower for word in words) for words in sets))


@pytest.mark.parametrize("name", ["_BRING_TO_CUED", "_FLOW_TOTAL_CUED", "_THOSE_NUMBER_CUED", "_WITH_FLOW_CUED",
                                  "_CASUALTY_BEFORE_CUED", "_NOT_FLOW_OBJECT_CUED", "_HOSTED_BEFORE_CUED", "_TAKEN_IN_CUED",
                                  "_STOCK_BEFORE_CUED", "_FLOW_OBJECT_CUED", "_RETURN_CUED"])
def test_a_gated_pattern_finds_what_its_search_finds(name: str) -> None:
    gated = getattr(observations, name)
    texts = _sentences()
    texts += [text[: number.qstart] for text in list(texts) for number in find_numbers(text)]  # before each figure
    texts += ["\u017ftock", "The camp ho\u017fts 5,000", "were KILLED", "5,000 were displaced",
              "Those displaced in the east now number ", "New arrivals rose this week, with some ",
              "Families crossed back home; 5,000 returnees", "The camp took in about ", "The camp TOOK IN "]
    found = 0
    for text in texts:
        got, want = gated.search(text), gated.pattern.search(text)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), text
        found += want is not None
    assert gated.cues and found  # gated, and the texts exercise it


def test_the_flow_words_searched_where_they_start_find_what_their_search_finds() -> None:
    starts = periods.FLOW_IN_WORDS_STARTS
    assert starts.words  # searched at its words, not at every character
    for text in _sentences() + ["They FLED.", "\u017fhe fled", "the exodus", "no such words here"]:
        got, want = starts.search(text), periods.FLOW_IN_WORDS.search(text)
        assert (got and got.span()) == (want and want.span()), text
