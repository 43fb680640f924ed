"""``lod.extract.endings``: an end-anchored pattern searched only in a text that ends with one of its last words finds
what the plain search finds, on every prefix of the test texts (the words before each reporting verb are prefixes)."""

from __future__ import annotations

import re

import pytest

from lod.extract import numbers, observations, statements
from lod.extract.endings import Endings

from .test_leads import _texts

# the edges: white space and a newline after the last word, case, a long s and a dotless i (matched ignoring case,
# not once lowered), an optional part that may be missing, words that end another word
EDGES = ["..., local activists", "..., the group,", "... the Team ,\n", "X rebel group", "residents (UN)", "(un)\n", "..., local ACTIVISTS \n", "the residents\n", "the residents\n\n", "the re\u017fidents",
         "the offıcials", "Aid workers", "the group", "the subgroup", "the Team ", "the town's residents and activists",
         "more than ", "some\n", "up to  ", "An ESTIMATED ", "approx. ", "at lea\u017ft ", "over", "hangover "]


def _prefixes() -> list[str]:
    found = list(EDGES)
    for text in _texts()[:60]:
        for verb in statements._VERB.finditer(text):
            found.append(text[max(0, verb.start() - 300): verb.start()])
        for digit in re.finditer(r"\d+", text):  # the 40 characters before a number, where a qualifier is looked for
            found += [text[max(0, digit.start() - 40): digit.start()], text[max(0, digit.start() - 300): digit.start()]]
    # the examples and counter-examples of the rules searched before a figure, each cut at every character
    examples = [text for rule in ("part", "figure_at", "more_before", "number_of", "number_of_flow_unit", "total_after_flow",
                                  "vague_estimated", "kin_before")
                for text in observations.RULES.patterns[rule].examples + observations.RULES.patterns[rule].counter]
    for text in EDGES + examples:
        found += [text[:end] for end in range(len(text) + 1)]
    return found


PREFIXES = _prefixes()
PATTERNS = {name: getattr(statements, name) for name in ("_NO_OWNER", "_DESCRIBED_BODY", "_SAME_SOURCE", "_OUR_TEAMS",
                                                         "_OWNED_PART", "_DEFINITE_DESCRIPTION", "_COLLECTIVE",
                                                         "_ROLE_AT_END", "_PLACE_BODY", "_STATE_BODY", "_SOURCE_NOUN")}
PATTERNS.update({name: getattr(statements, name).pattern for name in ("_KIND_SAID", "_DESCRIPTOR")})
PATTERNS["qualifier before a number"] = numbers._QUALIFIER_BEFORE.pattern
PATTERNS.update({name: getattr(observations, name).pattern for name in ("_PART", "FIGURE_AT", "_MORE_BEFORE", "_NUMBER_OF",
                                                                        "_NUMBER_OF_FLOW_UNIT", "_TOTAL_AFTER_FLOW",
                                                                        "_VAGUE_ESTIMATED", "_KIN_BEFORE")})
PATTERNS["optional tail"] = re.compile(r"(?:activists|residents)(?:\s+and\s+(?:monitors|aid\s+workers))?$", re.IGNORECASE)
PATTERNS["spaces"] = re.compile(r"\b(?:the|a)\s+group\s*$")
PATTERNS["branches"] = re.compile(r"(?:activists|residents)\s*$|\(UN\)$", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_endings_search_finds_what_the_pattern_finds(name: str) -> None:
    pattern = PATTERNS[name]
    ends = Endings(pattern)
    for text in PREFIXES:
        for pos in (0, max(0, len(text) - 80)):
            got, want = ends.search(text, pos), pattern.search(text, pos)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (name, text)


def test_endings_reads_the_last_words() -> None:
    ends = Endings(re.compile(r"(?:activists|residents)(?:\s+and\s+(?:monitors|aid\s+workers))?\s*$", re.IGNORECASE))
    assert ends.words == ("activists", "monitors", "residents", "workers") and ends.spaces
    assert Endings(statements._COLLECTIVE).words is not None  # the rules it is used for are told


@pytest.mark.parametrize("pattern", [r"\b[A-Z]\w+$", r"(?:the\s+)?$", r"group\b$", r"group", r"(?m)group$"],
                         ids=["class", "may be empty", "boundary", "no end anchor", "multiline"])
def test_endings_searches_as_usual_when_the_end_cannot_be_told(pattern: str) -> None:
    ends = Endings(re.compile(pattern))
    assert ends.words is None
    assert ends.possible("anything at all")


def test_endings_skips_a_text_that_ends_otherwise() -> None:
    ends = Endings(statements._COLLECTIVE)
    assert not ends.possible("The Assad regime is using incendiary weapons, cluster munitions")
    assert ends.possible("the Kurdish activists") and ends.possible("two re\u017fidents")  # not lowered: searched


def test_the_words_before_a_verb_without_a_comma_and_their_last_word() -> None:
    for text in PREFIXES:
        stripped = statements._without_comma(text)
        assert stripped == re.sub(r"\s*,$", "", text.rstrip()), text
        tail = re.search(r"([\w’'\-]+)$", stripped)
        assert statements._last_word(stripped) == (tail.group(1) if tail else ""), text
