"""Splitting an article body into sentences, with offsets.

A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) before white space and a
capital, digit, quote or bullet; a line break always ends one. Abbreviations (``Dr.``, ``Dec.``,
initials) do not end a sentence, and neither does a full stop inside a quotation that closes later
in the same paragraph, so a quote running over two sentences stays whole.

>>> [s.text for s in split_sentences('Dr. Adams said so. "We fled. All of us," he said.\\nNext line')]
['Dr. Adams said so.', '"We fled. All of us," he said.', 'Next line']
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from lod.extract.lexicon import ABBREVIATIONS
from lod.extract.spans import SpanIndex

# (or glued to the next by a page that lost its space: "... latest arrivals.Since the reopening, ...")
_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[•\-–—A-Z0-9\u00C0-\u024F])|(?<=[a-z]{3})[.!?](?=[“\"]?[A-Z][a-z])")
_OPEN_CLOSE = {"“": "”", "«": "»"}
_QUOTE_CHARS = re.compile('[“”«»"]')
_CLOSES_QUOTE = re.compile('[”»"]')
_WORD_CHARS = frozenset(string.ascii_letters + ".")


@dataclass(frozen=True)
class Sentence:
    """``text == body[start:end]``."""

    start: int
    end: int
    text: str


def _quote_regions(paragraph: str) -> list[tuple[int, int]]:
    """Spans of quotations that open and close inside ``paragraph``."""
    regions: list[tuple[int, int]] = []
    straight_open: int | None = None
    curly_open: int | None = None
    for quote in _QUOTE_CHARS.finditer(paragraph):  # only quote characters change the state
        index, char = quote.start(), quote.group(0)
        if char in _OPEN_CLOSE:
            curly_open = index if curly_open is None else curly_open
        elif char in _OPEN_CLOSE.values() and curly_open is not None:
            regions.append((curly_open, index))
            curly_open = None
        elif char == '"':
            if straight_open is None:
                straight_open = index
            else:
                regions.append((straight_open, index))
                straight_open = None
    return regions


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot  # the run of letters and dots ending at ``dot``, found backwards (a paragraph may be long)
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    if start == dot:
        return False
    word = text[start:dot].lower().strip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and text[dot - 1].isupper())


def split_sentences(body: str) -> list[Sentence]:
    """All sentences of ``body`` in order; offsets are code points into ``body``."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", body):
        text = para.group(0)
        inside_quotes = SpanIndex(sorted((a + 1, b) for a, b in _quote_regions(text)))  # a < dot < b
        start = 0
        for match in _END.finditer(text):
            dot = match.start()
            if text[dot] == "." and match.group(0) == "." and _is_abbreviation(text, dot):
                continue
            if inside_quotes.covers(dot) and not _CLOSES_QUOTE.search(match.group(0)):
                continue  # (a full stop that the quotation's closing mark follows ends the sentence: '... week." She added')
            _add(sentences, body, para.start() + start, para.start() + match.end())
            start = match.end()
        _add(sentences, body, para.start() + start, para.end())
    return sentences


def _add(sentences: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, body[start:end]))
