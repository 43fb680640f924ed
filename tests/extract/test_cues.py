"""The words a pattern cannot match without (``lod.extract.cues``): derived soundly, and never skipping a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lod.extract import dates, events
from lod.extract.cues import Cued, cues, lowered, possible

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
