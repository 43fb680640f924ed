"""Vary the sentences of correctly extracted figures as other publishers write them, and list what breaks.

For every displacement figure of the tuned sets (``gold-dev.jsonl``, ``gold-dev-2.jsonl`` without the held-back
split, ``tests/data/extraction/written*.jsonl``) that the extractor gets right (figure, unit, qualifier and period),
its sentence is rewritten in one way at a time (another qualifier, the number without a comma or in words, a
bullet, a heading or an unrelated sentence before it, another word for people, the period or the source moved to
the front, ...) and the article extracted again. A variant is broken when the figure is lost or its period changes.
The held-back split is never read.

Usage: ``python bench/extraction_variants.py [--kind KIND] [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import DEFAULT_GOLD, DEFAULT_GOLD_2, HELD_BACK, build_text  # noqa: E402

from lod.errors import LodError  # noqa: E402
from lod.extract import extract, to_record_json  # noqa: E402
from lod.model.articles import parse_article  # noqa: E402
from lod.places.reference import load_reconciler  # noqa: E402

QUALIFIERS = {
    "more than": "more_than", "over": "more_than", "well over": "more_than", "at least": "at_least",
    "no fewer than": "at_least", "some": "about", "about": "about", "around": "about", "an estimated": "about",
    "almost": "about", "nearly": "about", "approximately": "about", "up to": "up_to", "roughly": "about",
    "close to": "about", "as many as": "up_to",
    # sixteenth session: forms the conventions' words cover ("over", "at least", "a bare number")
    "a total of": "exact", "a total of at least": "at_least", "upwards of": "more_than", "in excess of": "more_than",
    "just over": "more_than", "a little over": "more_than", "not less than": "at_least", "a minimum of": "at_least",
}
QUALIFIER_RE = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
LEAD_WORDS = {"the", "some", "more", "about", "an", "at", "nearly", "almost", "over", "around", "a", "up",
              "approximately", "in", "since", "over", "during", "on", "according"}
WORDS = {1000: "one thousand", 2000: "two thousand", 3000: "three thousand", 4000: "four thousand",
         5000: "five thousand", 6000: "six thousand", 7000: "seven thousand", 8000: "eight thousand",
         10000: "ten thousand", 12000: "twelve thousand", 15000: "fifteen thousand", 20000: "twenty thousand",
         30000: "thirty thousand", 40000: "forty thousand", 50000: "fifty thousand", 100000: "one hundred thousand"}

Variant = tuple[str, str, str | None]  # kind, new sentence, expected qualifier (None: unchanged)


def number_text(figure: int, sentence: str) -> str | None:
    for text in (f"{figure:,}", f"{figure}"):
        if len(re.findall(rf"(?<![\d,.]){re.escape(text)}(?![\d,])", sentence)) == 1:
            return text
    if figure % 100_000 == 0 and figure >= 1_000_000:
        text = f"{figure / 1_000_000:g} million"
        if sentence.count(text) == 1:
            return text
    return None


def lower_first(sentence: str) -> str | None:
    first = sentence.split(" ", 1)[0]
    return sentence[0].lower() + sentence[1:] if first.lower() in LEAD_WORDS else None


_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        words.append((_ONES[rest] if rest < 20 else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")))
    return " and ".join(words) if hundreds and rest else " ".join(words)


def in_words(figure: int) -> str | None:
    """A count as a writer spells it out ("twelve thousand five hundred"), for counts of whole hundreds under a million."""
    if figure % 100 or not 100 <= figure < 1_000_000:
        return None
    thousands, rest = divmod(figure, 1000)
    words = [f"{_below_thousand(thousands)} thousand"] if thousands else []
    if rest:
        words.append(_below_thousand(rest))
    return " ".join(words)


def day_text(iso: str) -> str:
    """'2016-06-01' as a writer puts it: '1 June 2016'."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTH_NAMES[m - 1]} {y}"


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def variants(sentence: str, figure: int, unit: str, qualifier: str, year: int | None = None,
             gold_period: tuple[str | None, str | None] = (None, None), published: str | None = None) -> Iterator[Variant]:
    num = number_text(figure, sentence)
    if num is None:
        return
    at = re.search(rf"(?:\b({QUALIFIER_RE})\s+)?(?<![\d,.]){re.escape(num)}(?![\d,])", sentence, re.I)
    assert at is not None
    head, tail = sentence[:at.start()], sentence[at.end():]
    in_range = re.search(r"(?:\d\s*(?:to|and|[-–])|between|from)\s*$", head) or re.match(r"\s*(?:to|and|[-–])\s*\d", tail)
    for q, code in QUALIFIERS.items():
        if in_range:
            break
        if at.group(1) and at.group(1).lower() == q:
            continue
        word = q.capitalize() if not head else q
        yield f"qualifier {q}", f"{head}{word} {num}{tail}", code
    if at.group(1) and not in_range:
        bare = head + (num if head else num) + tail
        yield "qualifier none", bare, "exact"
    qual = at.group(1) + " " if at.group(1) else ""
    if "," in num:
        yield "number no comma", f"{head}{qual}{num.replace(',', '')}{tail}", None
        yield "number thin space", f"{head}{qual}{num.replace(',', ' ')}{tail}", None
    if figure in WORDS and num == f"{figure:,}":
        yield "number in words", f"{head}{qual}{WORDS[figure]}{tail}", None
    elif num == f"{figure:,}" and (spelled := in_words(figure)):
        yield "number in words (any)", f"{head}{qual}{spelled}{tail}", None
    if num == f"{figure:,}" and figure % 100 == 0 and 1000 <= figure < 1_000_000:
        # "12 thousand", "12.5 thousand"
        yield "number thousand", f"{head}{qual}{figure / 1000:g} thousand{tail}", None
    yield "heading", sentence, None
    yield "sentence before", sentence, None
    yield "bullet", "• " + sentence, None
    yield "dash bullet", "- " + sentence, None
    lowered = lower_first(sentence)
    if lowered:
        yield "lead adverb", "Meanwhile, " + lowered, None
    unit_at = re.match(r"\s+(people|persons|civilians|individuals|Syrians|refugees)\b", tail)
    if unit_at and unit == "people":
        for other in ("people", "persons", "civilians", "Syrians", "residents"):
            if other != unit_at.group(1):
                yield f"unit {other}", f"{head}{qual}{num} {other}{tail[unit_at.end():]}", None
    by = re.match(r"^(?P<rest>.+?),? (?P<src>according to [^,]+)\.$", sentence)
    if by and (lowered := lower_first(by.group("rest"))):
        yield "source to front", f"{by.group('src')[0].upper()}{by.group('src')[1:]}, {lowered}.", None
    said = re.match(r"^(?P<rest>.+?), (?P<src>(?:the )?[A-Z][\w.'’ -]{1,60}?) (?P<verb>said|says|reported)\.$", sentence)
    if said and (lowered := lower_first(said.group("rest"))):
        src = said.group("src")
        yield "source said to front", f"{src[0].upper()}{src[1:]} {said.group('verb')} {lowered}.", None
        yield "source said that", f"{src[0].upper()}{src[1:]} {said.group('verb')} that {lowered}.", None
    said_front = re.match(r"^(?P<src>(?:The )?[A-Z][\w.'’() -]{1,60}?) (?P<verb>said|says|reported|estimated|estimates)"
                          r"(?P<day> on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?(?: that)? (?P<rest>.+)\.$", sentence)
    if said_front and (lowered := lower_first(said_front.group("rest"))) is not None:
        rest = said_front.group("rest")
        src = said_front.group("src")
        src = src[0].lower() + src[1:] if src.startswith("The ") else src
        yield "source said to back", f"{rest[0].upper()}{rest[1:]}, {src} {said_front.group('verb')}{said_front.group('day') or ''}.", None
    for old, others in ((r"\bin the past\b", ("over the past", "during the past", "in the last", "over the last", "within the past")),
                        (r"\bhave fled\b", ("fled", "had fled")), (r"(?<!have )(?<!had )\bfled\b", ("have fled",)),
                        (r"\bhave been displaced\b", ("were displaced", "had been displaced")),
                        (r"\bwere displaced\b", ("have been displaced",)),
                        # sixteenth session: other verbs of flight for the same movement
                        (r"\bhave fled\b", ("have been forced to flee", "have been uprooted", "have escaped")),
                        (r"(?<!have )(?<!had )\bfled\b", ("were forced to flee", "escaped")),
                        (r"\bwere displaced\b", ("were uprooted", "were forced from their homes")),
                        (r"\bhave been displaced\b", ("have been uprooted", "have been driven from their homes"))):
        if len(re.findall(old, sentence)) == 1:
            for other in others:
                yield f"words {other}", re.sub(old, other, sentence), None
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    day_month = re.search(rf"(?<!\d and )(?<!\d to )(?<![\d-])\b(\d{{1,2}}) ({months})\b", sentence)
    if day_month:
        d, m = day_month.groups()
        yield "date month first", sentence.replace(day_month.group(0), f"{m} {d}"), None
        yield "date ordinal", sentence.replace(day_month.group(0), f"{d}{'st' if d.endswith('1') and d != '11' else 'nd' if d.endswith('2') and d != '12' else 'rd' if d.endswith('3') and d != '13' else 'th'} {m}"), None
    month_day = re.search(rf"\b({months}) (\d{{1,2}})\b(?!,? \d)", sentence)
    if month_day:
        m, d = month_day.groups()
        yield "date day first", sentence.replace(month_day.group(0), f"{d} {m}"), None
    since = re.match(r"^(?P<rest>.+?),? since (?P<date>\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2}|early [A-Z][a-z]+|[A-Z][a-z]+)(?P<end>[,.].*)$", sentence)
    if since and (lowered := lower_first(since.group("rest"))) and since.group("date").split()[-1] in months.split("|") + [
            d for d in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
                        "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31")]:
        date_text = since.group("date")
        on = "in" if date_text.split()[-1] in months.split("|") and not date_text[0].isdigit() else "on"
        yield "since then", f"The offensive began {on} {date_text}. Since then, {lowered}{since.group('end')}", None
        # tenth session of 2026-12-02 (helper E2): the start named by a pronoun
        yield "since it began", f"The offensive began {on} {date_text}. Since it began, {lowered}{since.group('end')}", None
    active = re.match(rf"^(?P<subj>[A-Z][^,]+?) (?:has|have) displaced (?P<obj>(?:(?:{QUALIFIER_RE}) )?{re.escape(num)}"
                      r"(?: (?:people|civilians|residents|Syrians|persons))?)(?P<rest>[ ,.].*)$", sentence)
    if active:
        subj = active.group("subj")
        subj = subj[0].lower() + subj[1:] if subj.split()[0] in ("The", "An", "A") else subj
        obj = active.group("obj")
        yield "passive", f"{obj[0].upper()}{obj[1:]} have been displaced by {subj}{active.group('rest')}", None
    passive = re.match(rf"^(?P<obj>(?:(?:{QUALIFIER_RE}) )?{re.escape(num)}(?: [a-zA-Z]+)?) (?:have|had) been displaced by "
                       r"(?P<agent>[^,.]+?)(?P<rest>(?: (?:in|since|over|during|on|from|between) .*)?[,.].*)$", sentence, re.I)
    if passive and (lowered := lower_first(passive.group("obj"))):
        agent = passive.group("agent")
        yield "active", f"{agent[0].upper()}{agent[1:]} has displaced {lowered}{passive.group('rest')}", None
    month_in = re.search(rf"\b(?:in|during) (?P<m>{months})(?: (?P<y>(?:19|20)\d\d))?\b(?! \d)", sentence)
    if month_in and year:
        # "... in May." -> "Fighting escalated in May 2016. ... that month."
        yield "month named before", f"Fighting escalated in {month_in.group('m')} {month_in.group('y') or year}. " + \
            sentence.replace(month_in.group(0), "that month"), None
    source = re.match(r"^(?P<rest>.+?), according to (?P<src>[^,]+)\.$", sentence)
    if source:
        yield "source in next sentence", f"{source.group('rest')}. The figures come from {source.group('src')}.", None
    period = re.match(r"^(?P<rest>.+?),? (?P<p>(?:in|over|during) the (?:past|last) [^,.]+|since [^,.]+|"
                      r"between [^,.]+ and [^,.]+|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                      r"|last week|this week)(?P<end>[,.].*)$", sentence)
    if period and (lowered := lower_first(period.group("rest"))):
        p = period.group("p")
        yield "period to front", f"{p[0].upper()}{p[1:]}, {lowered}{period.group('end')}", None


    start, end = gold_period
    if start and end and start != end:
        # the figure's period stated as a range of days: "between 1 June 2016 and 10 June 2016", "from ... to ..."
        stated = re.search(r"\b(?:(?:in|over|during|within) the (?:past|last) [^,.;]+?(?: days| weeks| hours| months)|"
                           r"since [^,.;]+?(?=[,.;]| to \d| \w+ (?:said|says|reported))|between [^,.;]+? and [^,.;]+?(?=[,.;])|"
                           r"last week|this week)", sentence)
        if stated:
            yield "period as a day range", sentence.replace(stated.group(0), f"between {day_text(start)} and {day_text(end)}"), None
            yield "period as from-to", sentence.replace(stated.group(0), f"from {day_text(start)} to {day_text(end)}"), None
            # tenth session of 2026-12-02 (helper E2): two dates joined by a dash, as situation reports write them
            yield "period as a dash range", sentence.replace(stated.group(0), f"{day_text(start)} – {day_text(end)}"), None
    month_only = re.search(rf"\b(?:in|during) (?P<m>{months}) (?P<y>(?:19|20)\d\d)\b", sentence)
    if month_only:
        # the month in a heading above the paragraph, and "during the month" in the sentence
        yield "month in a heading", f"Displacement in {month_only.group('m')} {month_only.group('y')}\n\n" + \
            sentence.replace(month_only.group(0), "during the month"), None
    said_back = re.match(r"^(?P<rest>.+?),? (?:according to (?P<a>[^,]+)|(?P<s>(?:the )?[A-Z][\w.'’ -]{1,60}?) (?:said|says|reported))\.$",
                         sentence)
    if said_back and (lowered := lower_first(said_back.group("rest"))) is not None:
        src = said_back.group("a") or said_back.group("s")
        # sixteenth session: the source as a headline's colon before the figure ("UNHCR: 12,000 people fled ...")
        yield "source colon front", f"{src[0].upper()}{src[1:]}: {said_back.group('rest')}.", None
    if published and said_back and (lowered := lower_first(said_back.group("rest"))) is not None and said_back.group("s"):
        # eleventh session (helper E4): the page's day told before the verb, as the day it was said ("On 15 June, the
        # agency said ..."), and the same day as a list heading's "as of": neither is the figure's period
        src = said_back.group("s")
        src = src[0].lower() + src[1:] if src.startswith("The ") else src
        yield "said day to front", f"On {day_text(published)}, {src} said {lowered}.", None
    if published:
        y, m, d = (int(x) for x in published.split("-"))
        yield "dateline", f"NORTHTOWN, {MONTH_NAMES[m - 1]} {d} (Wire) - {sentence}", None
        yield "as-of heading", f"Key figures (as of {day_text(published)}):\n\n• {sentence}", None
    if num == f"{figure:,}" and not qual:
        # "12,000+ people": a plus after the number, at least
        yield "number plus", f"{head}{num}+{tail}", "more_than"
    if sentence.endswith(".") and figure >= 100 and not re.search(r"\b(?:of whom|among them)\b", sentence):
        part = f"{figure // 4:,}"
        # figures split by category: the part after the whole, by who they are or where they went
        yield "split of whom children", f"{sentence[:-1]}, of whom {part} were children.", None
        yield "split among them women", f"{sentence[:-1]}, among them {part} women.", None
        yield "split next sentence", f"{sentence} Of these, {part} were children.", None


def records() -> Iterator[tuple[str, dict[str, Any]]]:
    sources = [(DEFAULT_GOLD, None), (DEFAULT_GOLD_2, HELD_BACK)]
    sources += [(p, None) for p in sorted((ROOT / "tests" / "data" / "extraction").glob("written*.jsonl"))]
    for path, exclude in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if exclude and re.search(exclude, record["file"]):
                continue
            yield path.name, record


def find(got: dict[str, Any], figure: int, unit: str, qualifier: str) -> dict[str, Any] | None:
    return next((o for o in got["displacement"]
                 if (o["figure"], o["unit"], o["qualifier"]) == (figure, unit, qualifier)), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", help="only variants whose kind starts with this")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every broken variant")
    args = parser.parse_args(argv)
    reconciler = load_reconciler(ROOT / "data" / "reference")
    run: Callable[[dict[str, Any]], dict[str, Any] | None]

    def run(record: dict[str, Any]) -> dict[str, Any] | None:
        try:
            article = parse_article(build_text(record, "paragraph"), record["file"])
        except LodError:
            return None
        return to_record_json(article, extract(article, reconciler))

    tried: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    lines = []
    for source, record in records():
        got = run(record)
        if got is None:
            continue
        for gold in record["displacement"]:
            hit = find(got, gold["figure"], gold["unit"], gold["qualifier"])
            if hit is None or (hit["period_start"], hit["period_end"]) != (gold["period_start"], gold["period_end"]):
                continue
            index = next((i for i, s in enumerate(record["excerpt"]) if gold["text"] in s), None)
            if index is None:
                continue
            sentence = gold["text"]
            year = int(gold["period_start"][:4]) if gold.get("period_start") else None
            for kind, new, qualifier in variants(sentence, gold["figure"], gold["unit"], gold["qualifier"], year,
                                                 (gold["period_start"], gold["period_end"]), record.get("published_date")):
                if args.kind and not kind.startswith(args.kind):
                    continue
                excerpt = list(record["excerpt"])
                excerpt[index] = excerpt[index].replace(sentence, new)
                if kind == "heading":
                    excerpt.insert(index, "Displacement")
                elif kind == "sentence before":
                    excerpt.insert(index, "The situation there remains tense.")
                changed = dict(record, excerpt=excerpt)
                after = run(changed)
                tried[kind] += 1
                expected = qualifier or gold["qualifier"]
                found = find(after, gold["figure"], gold["unit"], expected) if after else None
                if found is None:
                    why = "lost"
                elif (found["period_start"], found["period_end"]) != (hit["period_start"], hit["period_end"]):
                    why = f"period {found['period_start']}..{found['period_end']} (was {hit['period_start']}..{hit['period_end']})"
                else:
                    continue
                broken[kind] += 1
                lines.append(f"[{kind}] {record['file']} {gold['figure']}: {why}\n    {new}")
    for kind in sorted(tried):
        print(f"{kind:<24} {tried[kind]:4d} tried {broken[kind]:4d} broken")
    if args.verbose:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
