"""Numbers in digits and in words, with the qualifier before them.

>>> [(n.value, n.qualifier) for n in find_numbers("well over 300,000 people and nearly half a million more")]
[(300000, 'more_than'), (500000, 'about')]
>>> [(n.value, n.qualifier) for n in find_numbers("more than a half-million Syrians and a quarter-million more")]
[(500000, 'more_than'), (250000, 'exact')]
>>> [n.value for n in find_numbers("1.5 million, one million, a million, 2,147, 2,5 million")]
[1500000, 1000000, 1000000, 2147, 2500000]
>>> find_numbers("tens of thousands and hundreds of thousands")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lod.extract import rulefiles
from lod.extract.endings import Endings
from lod.extract.mentions import trie

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")(?:-(?:" + "|".join(
    k for k in _UNITS if 0 < _UNITS[k] < 10) + r"))?\b"
_SCALE = r"(?:hundred|thousand|million|billion)\b(?!s)"
# Where a number can start: a digit, "a" or "an" and a space or hyphen ("a million", "a-quarter"), or the first three
# letters of a number word or of "half". Checked at each word's start before the alternatives below, it lets the
# engine drop most words at once (half the time of a sentence's scan); it rules no number out
# (tests/extract/test_leads.py finds the same numbers without it).
_LEADS = sorted({word[:3] for word in [*_UNITS, *_TENS, "half"]})
NUMBER_LEAD = r"(?=[\da" + "".join(sorted({lead[0] for lead in _LEADS})) + r"])(?=\d|an?[-\s]|" + trie(_LEADS) + ")"
NUMBER = re.compile(
    r"(?<![\w.,$€£])" + NUMBER_LEAD + r"(?:"
    r"(?P<fraction>half|a\s+half|(?:a|one)[-\s]quarter|three[-\s]quarters|(?:a|one)[-\s]third|two[-\s]thirds)\s+(?:of\s+)?an?\s+(?P<fscale>million|billion)\b"
    r"|(?P<hfraction>(?:a|one)\s+half|(?:a|one)[-\s]quarter|half)-(?P<hscale>million|billion)\b"  # "a half-million"
    r"|(?P<digits>\d{1,3},\d{1,2}(?=\s*(?:million|billion|m\b|bn\b))|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?!\d|[.,]\d)|\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d|\s*(?:million|billion|thousand|m\b|bn\b))|\d+(?:\.\d+)?)(?:\s*(?P<dscale>" + _SCALE + r"|m\b|mln\b|mn\b|bn\b)|(?P<kilo>[kK]\b))?"
    r"|(?P<words>(?:" + _WORD + r")(?:\s+(?:and\s+)?(?:" + _WORD + r"|" + _SCALE + r"))*|an?\s+(?:" + _SCALE + r")(?:\s+" + _SCALE + r")?)"
    r")(?![\w,]*\d)",
    re.IGNORECASE,
)
# the words around a number: each named and explained, with its examples and counter-examples, in
# lod/rules/numbers.yaml
RULES = rulefiles.load("numbers")
# the words before a figure that qualify it, by qualifier (lod/rules/numbers.yaml: qualifier_<code>)
QUALIFIERS: list[tuple[str, str]] = [(RULES.patterns["qualifier_" + code].pattern.pattern, code)
                                     for code in ("more_than", "at_least", "about", "up_to", "less_than", "exact")]
_ESTIMATED_VERB = RULES.pattern("estimated_verb")
# searched only in a window that ends with a qualifier's last word (``Endings``): the engine tries the qualifiers'
# alternation at each of the 40 characters before every number, and most numbers have no qualifier
_QUALIFIER_BEFORE = Endings(re.compile(
    r"\b(?P<q>" + "|".join(f"(?:{pattern})" for pattern, _ in QUALIFIERS) + r")\s+$", re.IGNORECASE
))


_QUOTED_QUALIFIER = re.compile(r"[\"“](?P<q>[^\"“”\d]{2,24})[\"”]\s+$")
_ROUGH_AFTER = RULES.pattern("rough_after")
_OR_MORE_AFTER = RULES.pattern("or_more_after")
_PLUS_AFTER = RULES.pattern("plus_after")
_AND_A_HALF = RULES.pattern("and_a_half")


@dataclass(frozen=True)
class NumberMention:
    """A number in ``text[start:end]``; ``qstart`` is where its qualifier begins (== start if bare)."""

    value: int
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    qualifier_text: str = ""
    qstart: int = 0
    words: bool = False
    range: str = ""  # "from" or "to" for the two ends of a range ("between 5,000 and 7,000", "5,000-7,000")


def _words_value(text: str) -> int | None:
    total, current = 0, 0
    for token in re.findall(r"[a-z]+", text.lower()):
        if token in ("and",):
            continue
        if token in ("a", "an"):
            current = max(current, 1)
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
    return total + current


def _value(match: re.Match[str]) -> int | None:
    if match.group("fraction") or match.group("hfraction"):  # "half a million", "a half-million", "a quarter-million"
        share = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
                 "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3}
        fraction = share[" ".join((match.group("fraction") or match.group("hfraction")).lower().replace("-", " ").split())]
        return int(round(fraction * SCALES[(match.group("fscale") or match.group("hscale")).lower()]))
    if match.group("digits"):
        digits = match.group("digits")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) and not match.group("dscale"):
            digits = digits.replace(".", "")  # "80.000": a full stop between thousands, as much of Europe writes
        elif re.fullmatch(r"\d{1,3},\d{1,2}", digits):
            digits = digits.replace(",", ".")  # "1,2 million": a decimal comma before a scale word
        number = float(re.sub(r"[,\u00a0\u2009\u202f ]", "", digits))  # "10,000", "10 000"
        scale = "thousand" if match.group("kilo") else (match.group("dscale") or "").lower()
        scale = {"m": "million", "mln": "million", "mn": "million", "bn": "billion"}.get(scale, scale)
        return int(round(number * SCALES.get(scale, 1)))
    return _words_value(match.group("words"))


def qualifier_before(text: str, start: int) -> tuple[str, str, int]:
    """(code, words, start of the words) of the qualifier ending right before ``start``."""
    if start and text[start - 1] in "~≈":  # "~5,000 people", as tables and posts write "about"
        return "about", text[start - 1], start - 1
    if start and text[start - 1] in "\"“":  # a quotation opening between the qualifier and its figure: 'some "10,200 ...'
        code, words, qstart = qualifier_before(text, start - 1)
        return (code, words, qstart) if words else ("exact", "", start)
    window = text[max(0, start - 40): start]
    found = _QUALIFIER_BEFORE.search(window)
    if not found:
        quoted = _QUOTED_QUALIFIER.search(window)
        if quoted:  # 'including "at least" 350 members': the qualifier in quotation marks
            code, words, qstart = qualifier_before(text[: start - len(window) + quoted.end("q")] + " ",
                                                   start - len(window) + quoted.end("q") + 1)
            if words and qstart == start - len(window) + quoted.start("q"):
                return code, words, qstart - 1
        return "exact", "", start
    words = found.group("q")
    folded = " ".join(words.lower().split())
    if folded == "estimated" and _ESTIMATED_VERB.search(window[: found.start("q")]):
        return "exact", "", start  # "the agency estimated 5,000": a reporting verb, which changes no qualifier
    for pattern, code in QUALIFIERS:
        if re.fullmatch(pattern, folded):
            return code, words, start - len(window) + found.start("q")
    return "exact", "", start


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text`` with its qualifier; plural vague amounts ("thousands") are not numbers."""
    return list(_numbers(text))


def has_count(text: str) -> bool:
    """Whether a text counts anything of a hundred or more (a flow or not; not a year written bare)."""
    return any(n.value >= 100 and not (1900 <= n.value <= 2100 and "," not in n.text) for n in find_numbers(text))


def _word_spans(match: re.Match[str]) -> list[tuple[int, int, int | None]]:
    """A run of number words, cut where "and" starts a second count: "between eight thousand five hundred and eighteen
    thousand" is 8,500 and 18,000 (a scale no smaller than the last one used cannot belong to the same count)."""
    text, base = match.string, match.start()
    spans: list[tuple[int, int]] = []
    start, last_scale, last_and, previous, previous_end = base, 0, -1, "", -1
    for token in re.finditer(r"[a-z]+", match.group(0), re.IGNORECASE):
        word = token.group(0).lower()
        if word == "and":
            last_and = token.start()
        elif word in SCALES and word != "hundred":
            if last_scale and SCALES[word] >= last_scale and base + last_and > start:
                spans.append((start, base + last_and - 1))
                start = base + last_and + 4
            last_scale = SCALES[word]
        elif (word in _TENS or word in _UNITS) and (previous in _TENS or previous in _UNITS) and base + last_and > start \
                and last_and > previous_end:
            # "between fifty and eighty thousand": two counts, the first of the second's scale
            spans.append((start, base + last_and - 1))
            start = base + last_and + 4
        if word != "and":
            previous, previous_end = word, token.end()
    if not spans:
        return [(match.start(), match.end(), _value(match))]
    spans.append((start, match.end()))
    values = [_words_value(text[s:e]) for s, e in spans]
    last = text[spans[-1][0]: spans[-1][1]].split()[-1].lower()
    if last in SCALES:  # (the first count borrows the scale the second ends with)
        values = [v * SCALES[last] if v is not None and v < 1000 and not re.search(r"(?i)hundred|thousand|million|billion",
                                                                                 text[s:e]) else v
                  for (s, e), v in zip(spans, values)]
    return [(s, e, v) for (s, e), v in zip(spans, values)]


@lru_cache(maxsize=4)  # the rules read a sentence's numbers, then those of the sentence or two before, again
def _numbers(text: str) -> tuple[NumberMention, ...]:
    found: list[NumberMention] = []
    for match in NUMBER.finditer(text):
        spans = _word_spans(match) if match.group("words") and " and " in match.group(0) else \
            [(match.start(), match.end(), _value(match))]
        for start, end, value in spans:
            _add(text, match, start, end, value, found)
    return tuple(_ranges(text, found))


def _add(text: str, match: re.Match[str], start: int, end: int, value: int | None, found: list[NumberMention]) -> None:
    if not value:  # None, or a zero ("000" of "10 000" written with a plain space): no count
        return
    if text.startswith(" and a half", end):
        half = _AND_A_HALF.match(text, end)
        if half and (half.group("scale") or re.search(r"(?:million|billion)$", text[start:end], re.IGNORECASE)):
            # "two and a half million", "a million and a half"
            scale = SCALES[(half.group("scale") or text[start:end].split()[-1]).lower()]
            value = int((value / (1 if half.group("scale") else scale) + 0.5) * scale)
            end = half.end()
    code, words, qstart = qualifier_before(text, start)
    odd = _ROUGH_AFTER.match(text, end)
    if odd and code == "exact":  # "5,000 or so people", "5,000-odd families"
        code, words, end = "about", odd.group(0).strip(" -"), odd.end()
    more = _OR_MORE_AFTER.match(text, end)
    if more and code == "exact":
        code, words, end = "at_least", more.group(0).strip(), more.end()
    plus = _PLUS_AFTER.match(text, end)
    if plus:  # "2 million-plus Syrians", "5,000+ people": more than, unless another word qualifies it
        if code == "exact":
            code, words = "more_than", plus.group(0)
        end = plus.end()
    found.append(NumberMention(value, start, end, text[start:end], code, words, qstart,
                               words=not match.group("digits")))


_RANGE_GAP = RULES.pattern("range_gap")
_RANGE_OPEN = RULES.pattern("range_open")
_RANGE_QUALIFIERS = ("exact", "about")
# "AMMAN, 30 June 2015 – 120,000 people", "BEIRUT, June 20 – 12,000 people": a dateline's year or day before a
# spaced dash is no lower end
_SPACED_DASH = re.compile(r"\s+[-–—]{1,2}\s+")
_MONTH_BEFORE = RULES.pattern("month_before")


def _date_end(text: str, low: NumberMention, high: NumberMention, gap: str) -> bool:
    """A date's day ("since January 20 to 137,000") or, before a spaced dash, its year is no lower end."""
    if low.value <= 31 < high.value and _MONTH_BEFORE.search(text[max(0, low.start - 12): low.start]):
        return True
    return bool(_SPACED_DASH.fullmatch(gap)) and 1900 <= low.value <= 2100 and low.text.isdigit()


def _ranges(text: str, found: list[NumberMention]) -> list[NumberMention]:
    for i in range(len(found) - 1):
        low, high = found[i], found[i + 1]
        gap = text[low.end: high.qstart]
        if not _RANGE_GAP.fullmatch(gap) or low.range or high.qualifier != "exact" or low.qualifier not in _RANGE_QUALIFIERS:
            continue
        if 1900 <= low.value <= 2100 and low.text.isdigit() and text[max(0, low.qstart - 3): low.qstart].lower() == "in ":
            continue  # "from 1.3 million in 2015 to 824,000": a year, then the figure it changed to
        if _date_end(text, low, high, gap):
            continue
        opened = _RANGE_OPEN.search(text[: low.qstart])
        if gap.strip().lower() == "and" and not opened:
            continue  # "5,000 and 7,000": two figures, not a range
        value = low.value
        scale = re.search(r"\s(million|billion|thousand)$", high.text, re.IGNORECASE)
        if scale and not re.search(r"[a-z]", low.text, re.IGNORECASE) and float(low.text.replace(",", "")) < 1000:
            # "between 1.5 and 2 million" (not "270,000 to three hundred and thirty thousand")
            value = int(round(float(low.text.replace(",", "")) * SCALES[scale.group(1).lower()]))
        elif (low.text.isdigit() and low.value < 1000 and high.value >= 1000 and high.text.endswith(",000")
              and low.value * 1000 < high.value < low.value * 2000
              and (re.fullmatch(r"\s*[-–]\s*", gap) or opened and gap.strip().lower() in ("to", "and"))):
            # "62-66,000", "62 – 66,000", "between 62 and 66,000": the thousands are written once, on the upper end
            # (an upper end under twice the lower's thousands: not "between 5 and 66,000")
            value = low.value * 1000
        if value >= high.value:
            continue
        qstart = opened.start() if opened else low.qstart
        words = text[qstart: low.start].strip()
        found[i] = NumberMention(value, low.start, low.end, low.text, "at_least", words, qstart, low.words, "from")
        found[i + 1] = NumberMention(high.value, high.start, high.end, high.text, "up_to", "", high.qstart, high.words,
                                     "to")
    return found
