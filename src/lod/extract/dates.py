"""Dates and periods in running text, resolved against an anchor (the publication date).

``find_dates`` returns every expression with its span: points ("on Friday", "on Dec. 27",
"yesterday") and periods ("in the past 24 hours", "since the beginning of November", "between
April and September this year", "last week"). Relative periods ("past five days", "since X") are
kept open-ended and closed later against the reporting date by ``close_period``.

>>> from datetime import date
>>> [(d.kind, d.start, d.end) for d in find_dates("said on Friday", date(2019, 12, 1))]
[('point', datetime.date(2019, 11, 29), datetime.date(2019, 11, 29))]
>>> d = find_dates("in the past five days", date(2019, 12, 21))[0]
>>> close_period(d, date(2019, 12, 20))
(datetime.date(2019, 12, 15), datetime.date(2019, 12, 20))
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from lod.extract import rulefiles
from lod.extract.cues import Starts, Words, all_words, cues, gateable
from lod.extract.numbers import SCALES, _words_value
from lod.model.articles import MONTH_NAMES

RULES = rulefiles.load("dates")  # the rules' words and patterns: lod/rules/dates.yaml
_MONTH_NAMES = list(MONTH_NAMES)  # lod/rules/months.yaml
MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
MONTHS["sept"] = 9
WEEKDAYS = {str(name): i for i, name in enumerate(RULES.data["weekdays"])}
SEASONS = {str(name): int(month) for name, month in RULES.data["seasons"].items()}

MON = RULES.fragment("MON")
WEEKDAY = RULES.fragment("WEEKDAY")


Kind = Literal["point", "period", "since", "past", "as-of", "since-then", "first-day", "day-before", "anaphor"]


@dataclass(frozen=True)
class DateExpression:
    """A date or period found in text. ``kind`` ``since`` and ``past`` still need a reporting date to close."""

    kind: Kind
    start: date | None
    end: date | None
    text: str
    begin: int
    finish: int
    rule: str
    days: int | None = None
    months: int | None = None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")[:3]]


class _Hint(date):
    """The last day of the month (or year) an undated page's title names: a report on "September 2017" tells of days in
    the weeks after it too ("displaced from 1 September to 8 October"), so a day up to ``_LATE_AFTER_HINT`` days later is
    of its year."""


class _Derived(date):
    """A page's day read from its title or address, not stated as its date (a report "on 1 - 30 September 2017"): it may tell
    of days weeks after it, as after a hint."""


def derived_day(day: date) -> date:
    """``day`` marked as read from a title or an address (see ``_Derived``)."""
    return _Derived(day.year, day.month, day.day)


_LATE_AFTER_HINT = 45


def _year_for(month: int, day: int | None, anchor: date | None, explicit: str | None, this: str | None) -> int:
    """The year of a day and month: stated, else the latest on or before the anchor.

    Raises:
        ValueError: no year is stated and there is no anchor (the article's date is unknown).
    """
    if explicit:
        return int(explicit)
    if anchor is None:
        raise ValueError("no anchor date")
    if this:
        return anchor.year - (1 if this.lower().startswith("last") else 0)
    # (a day a few days after the anchor is of its year: a page dated by a photo's caption of 1 September that tells of
    # "28 August to 5 September", a copy put online a day before its dateline; weeks after a title's month)
    candidate = date(anchor.year, month, min(day or 1, 28))
    late = _LATE_AFTER_HINT if isinstance(anchor, (_Hint, _Derived)) else 7
    return anchor.year if candidate <= anchor + timedelta(days=late) else anchor.year - 1


def _mid_before(m: re.Match[str], group: str) -> bool:
    """Whether the month in ``group`` is told as its middle ("mid-June", "the middle of June"): its 15th, as the
    annotations read a range's or a "since"'s end of that kind."""
    return _MID.search(m.string, max(m.start(), m.start(group) - 16), m.start(group)) is not None


_MID = RULES.patterns["mid_before"].pattern


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _day_month(m: re.Match[str], prefix: str, anchor: date | None, year_group: str | None = None) -> date | None:
    day = m.group(prefix + "d1") or m.group(prefix + "d2")
    month_text = m.group(prefix + "m1") or m.group(prefix + "m2")
    if not day or not month_text:
        return None
    month = _month(month_text)
    explicit = m.group(year_group) if year_group else None
    this = m.group(year_group + "this") if year_group else None
    try:
        return date(_year_for(month, int(day), anchor, explicit, this), month, int(day))
    except ValueError:
        return None


# rules that need the publication date whatever the text says
# relative dates that need only the year, which the month a page is dated by (or its title's) gives: "this year",
# "last year", "since the beginning of this year", "so far this year"
_BY_YEAR = frozenset({"this-year", "last-year", "this-year-start", "so-far-this"})
_PERFECT_BEFORE = RULES.patterns["perfect_before"].pattern
# (past an aside too: "In two weeks, the conflict in X — where forces advanced into Y territory — has displaced"; an
# initial's full stop ends no sentence: "U.S.")
_PERFECT_AFTER = re.compile(r"(?:[^.;]|(?<=\b[A-Z])\.){0,180}?\b(?:have|has)\s+(?:been\s+)?[a-z]+ed\b")
_ANCHORED = frozenset({"about-a-span", "to-date", "last-month-named", "since-event-yesterday", "hours-from-day", "since-dawn", "as-of-weekday", "as-of-today", "since-event-last", "since-last-month", "days-ago", "since-weekend", "began-weekday", "this-year", "last-year", "weekday-range", "overnight", "weekend", "so-far-this", "since-event-ago", "previous-week", "last-week", "this-week", "this-year-start", "since-weekday", "weekday", "yesterday", "day-only"})

# The rules in the order they are tried (lod/rules/dates.yaml), each with its name (its branch in ``_resolve``)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(rule.name, rule.pattern) for rule in RULES.rules]

# Words (lower case) without one of which a rule cannot match: most sentences with a date skip most rules.
_NEEDS: dict[str, tuple[str, ...]] = {rule.name: rule.needs for rule in RULES.rules if rule.needs is not None}

_NEED_WORDS = tuple(sorted({word for words in _NEEDS.values() for word in words}))
_MONTH_HEADS = tuple(name[:3] for name in _MONTH_NAMES)
# The words each pattern cannot match without (``lod.extract.cues``: a month's or a weekday's name, "since", ...):
# a sentence without them skips the pattern. Looked up once per sentence with the rules' words above.
_CUES = [cues(pattern) for _, pattern in _PATTERNS]
_LOOKED_FOR = tuple(sorted(set(_NEED_WORDS) | set(_MONTH_HEADS) | all_words(_CUES)))
_ANY_WORDS = frozenset(_NEED_WORDS) | frozenset(_MONTH_HEADS)  # a word some rule needs, or a month
_WORDS = Words(_LOOKED_FOR)


# each pattern searched only where its matches can start (``lod.extract.cues.Starts``): "since", "between", a digit
_STARTS = [Starts(pattern) for _, pattern in _PATTERNS]


def _checks(cued: bool) -> list[tuple[str, Starts, tuple[frozenset[str], ...]]]:
    """Each pattern with the word sets a sentence must meet (one word of each) for it to run."""
    return [(rule, starts, ((frozenset(_NEEDS[rule]),) if rule in _NEEDS else ()) + (sets if cued else ()))
            for (rule, _), starts, sets in zip(_PATTERNS, _STARTS, _CUES)]


_CHECKED, _NEEDS_CHECKED = _checks(True), _checks(False)


def _count(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in ("a", "an"):
        return 1
    if text.startswith("couple"):  # "the past couple of days"
        return 2
    if text in ("twenty-four",):
        return 24
    if text in ("forty-eight",):
        return 48
    value = _words_value(text)
    return value if value and value not in SCALES.values() else None


def _resolve(rule: str, m: re.Match[str], anchor: date | None, hint: date | None = None) -> DateExpression | None:  # noqa: C901 - one branch per rule
    text, begin, finish = m.group(0), m.start(), m.end()

    def make(kind: Kind, start: date | None, end: date | None, **extra: int | None) -> DateExpression:
        return DateExpression(kind, start, end, text, begin, finish, rule, **extra)

    if anchor is None and (rule in _ANCHORED or (rule in ("duration-to", "doc-date") and m.group("w"))) and not (
            hint and rule in _BY_YEAR and (m.groupdict().get("u") or m.groupdict().get("u2") or m.groupdict().get("u3") or "year").lower() == "year"):
        # "on Friday" in an article of unknown date: the period stays open (a day still, which may be when it was said)
        return make("point" if rule == "weekday" else "as-of" if rule in ("doc-date", "as-of-weekday") else "period", None, None)
    anchor = anchor or (_Hint(hint.year, hint.month, hint.day) if hint else None)  # "In August" of an "August 2018" report

    try:
        if rule in ("range-days", "range-days-bare"):
            month = _month(m.group("m"))
            year = _year_for(month, int(m.group("a")), anchor, m.group("y"), m.group("ythis"))
            return make("period", date(year, month, int(m.group("a"))), date(year, month, int(m.group("b"))))
        if rule in ("range-years", "dash-years"):
            from_year, to_year = int(m.group("y1")), int(m.group("y2"))
            return make("period", date(from_year, 1, 1), date(to_year, 12, 31)) if from_year < to_year else None
        if rule in ("month-list", "dash-months"):
            m2 = _month(m.group("m2"))
            y2 = _year_for(m2, 1, anchor, m.group("y2"), m.group("y2this"))
            m1 = _month(m.group("m1"))
            y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)  # "in December 2017 and January 2018"
            return make("period", date(y1, m1, 1), month_end(y2, m2))
        if rule == "as-of-year":
            year_last = date(int(m.group("y")), 12, 31)
            return make("as-of", year_last, year_last)
        if rule == "as-of-month":
            month = _month(m.group("m"))
            year = _year_for(month, 1, anchor, m.group("y"), m.group("ythis"))
            month_last = month_end(year, month)
            return make("as-of", month_last, month_last)
        if rule == "month-so-far":
            month = _month(m.group("m") or m.groupdict().get("m2") or "")
            return make("since", date(_year_for(month, 1, anchor, None, None), month, 1), None)
        if rule == "week-of":
            first_day = _day_month(m, "w", anchor, "wy")
            if first_day and m.group("span").lower() == "month":
                following = date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
                return make("period", first_day, following.replace(day=min(first_day.day, calendar.monthrange(
                    following.year, following.month)[1])))
            return make("period", first_day, first_day + timedelta(days=6)) if first_day else None
        if rule == "doc-date":
            if m.group("w"):
                assert anchor is not None  # checked above
                issued = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()])
                return make("as-of", issued, issued)
            day = _day_month(m, "s", anchor, "sy")
            return make("as-of", day, day) if day else None
        if rule == "day-before":
            return make("day-before", None, None)
        if rule == "as-of-weekday":
            assert anchor is not None  # _ANCHORED
            day = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()])
            return make("as-of", day, day)
        if rule == "as-of":
            day = _day_month(m, "s", anchor, "sy")
            return make("as-of", day, day) if day else None
        if rule == "since-then":
            return make("since-then", None, None)
        if rule in ("that-time", "day-after"):
            unit = (m.groupdict().get("u") or m.groupdict().get("u2") or "").lower()
            # months: 1 for "that month", -1 for "the same period", "during this time" (the whole span dated last)
            return make("anaphor", None, None, days=int(rule == "day-after"),
                        months=1 if unit == "month" else -1 if unit.endswith("period") or unit == "time" else 0)
        if rule == "first-day":
            return make("first-day", None, None, days=1 if m.group("night") else 0)
        if rule == "since-event-yesterday":  # "since we opened the border yesterday"
            assert anchor is not None  # _ANCHORED
            return make("since", anchor - timedelta(days=1), None)
        if rule == "since-weekend":
            assert anchor is not None  # _ANCHORED
            return make("since", weekday_on_or_before(anchor - timedelta(days=1), 5), None)
        if rule == "began-date":
            return make("since", _day_month(m, "s", anchor, "sy"), None)
        if rule == "began-weekday":
            assert anchor is not None  # _ANCHORED
            return make("since", weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()]), None)
        if rule == "this-year":
            assert anchor is not None  # _ANCHORED
            return make("since", date(anchor.year, 1, 1), None)
        if rule == "last-year":
            assert anchor is not None  # _ANCHORED
            return make("period", date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31))
        if rule == "range-months":
            m2 = _month(m.group("m2"))
            y2 = _year_for(m2, 1, anchor, m.group("y2"), m.group("y2this"))
            m1 = _month(m.group("m1"))
            y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
            start = month_end(y1, m1) if m.group("e1") else date(y1, m1, 15 if _mid_before(m, "m1") else 1)
            return make("period", start, date(y2, m2, 15) if _mid_before(m, "m2") else month_end(y2, m2))
        if rule == "range-numeric":
            ends = []
            for first_key, second_key, year_key in (("a1", "a2", "ay"), ("b1", "b2", "by")):
                one, two = int(m.group(first_key)), int(m.group(second_key))
                day_number, month_number = (two, one) if two > 12 >= one else (one, two)
                ends.append(date(int(m.group(year_key)), month_number, day_number))
            return make("period", ends[0], ends[1]) if ends[0] <= ends[1] else None
        if rule in ("range-dates", "on-dates", "through-dates", "dash-dates"):
            second = _day_month(m, "b", anchor, "yb")
            first = _day_month(m, "a", anchor, None)
            if first is None and second is not None and m.groupdict().get("yb") and not m.groupdict().get("ya"):
                # "between September 23 and October 20, 2024" with no publication date: the year written once serves both
                first = _day_month(m, "a", second, None)
            if first and m.groupdict().get("ya"):  # "between 1 January 2011 and 17 March 2012": the first end's own year
                first = date(int(m.group("ya")), first.month, min(first.day, month_end(int(m.group("ya")), first.month).day))
            elif first and second and first > second:
                first = first.replace(year=second.year - (1 if first.month > second.month else 0))
            return make("period", first, second)
        if rule == "in-n-days" and not _PERFECT_BEFORE.search(m.string[max(0, m.start() - 100): m.start()]) \
                and not _PERFECT_AFTER.match(m.string, m.end()):
            return None  # "30,000 fled in four days in 2016": a duration, not the last days ("In just one week, 6,000
            # have been displaced": the last week)
        if rule in ("past-duration", "since-duration", "in-n-days", "n-day-exodus", "event-duration"):
            unit = (m.groupdict().get("u") or m.groupdict().get("u1") or "hours").lower()
            n: int | None
            if m.groupdict().get("n1"):  # "in the span of just one week", "within a day"
                n = 1
            elif m.groupdict().get("n") is None:  # "the past week" is one week back; "the past days" is vague
                n = None if unit.endswith("s") else 1
            else:
                n = _count(m.group("n"))
            if n is None and rule == "since-duration":
                return None  # "in the days since the offensive began on 1 June": the "since" that follows says when
            if n is None:
                return make("period", None, None)  # "the past few days": vague
            if unit.startswith("hour"):
                return make("past", None, None, days=max(1, round(n / 24)))
            if unit.startswith("day"):
                return make("past", None, None, days=n)
            if unit.startswith("week"):
                return make("past", None, None, days=7 * n)
            if unit == "fortnight":
                return make("past", None, None, days=14 * n)
            return make("past", None, None, months=n)
        if rule == "part-of-month":
            month = _month(m.group("m"))
            year = _year_for(month, 1, anchor, m.group("y"), m.group("ythis"))
            unit, which = m.group("u").lower(), m.group("w").lower()
            last = month_end(year, month)
            n = 1 if m.group("n") is None and not unit.endswith("s") else _count(m.group("n") or "")
            if unit == "half":  # "in the first half of June": the 1st to the 15th; the second half, the rest
                if m.group("n") is not None or which == "third":
                    return None
                start, end = (date(year, month, 1), date(year, month, 15)) if which == "first" else \
                    (date(year, month, 16), last)
            elif n is None:
                return make("period", None, None)  # "in the first days of June": how many is not said
            else:
                length = n * (14 if unit == "fortnight" else 7 if unit.startswith("week") else 1)
                start = last - timedelta(days=length - 1) if which == "last" else \
                    date(year, month, 1) + timedelta(days=length * {"first": 0, "second": 1, "third": 2}[which])
                end = min(start + timedelta(days=length - 1), last)
            if m.group("m0"):  # "in August and the first week of September": from the whole month before it
                before = _month(m.group("m0"))
                start = date(year if before <= month else year - 1, before, 1)
            return make("period", start, end)
        if rule == "part-of-year":
            if m.group("y"):
                year = int(m.group("y"))
            elif anchor is None:
                return make("period", None, None)
            else:
                year = anchor.year - (1 if m.group("this").lower() == "last" else 0)
            if m.group("u").lower() == "months":  # "the first five months of the year"
                n = _count(m.group("n") or "")
                if n is None and m.group("w").lower() == "first" and anchor is not None and year == anchor.year:
                    return make("since", date(year, 1, 1), None)  # "in the first few months of 2018": since it began
                if n is None or not 1 <= n <= 12 or m.group("w").lower() not in ("first", "last"):
                    return None
                if m.group("w").lower() == "first":
                    return make("period", date(year, 1, 1), month_end(year, n))
                return make("period", date(year, 13 - n, 1), date(year, 12, 31))
            months = 6 if m.group("u").lower() == "half" else 3
            index = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": 12 // months - 1}[m.group("w").lower()]
            if index >= 12 // months:
                return None
            return make("period", date(year, 1 + index * months, 1), month_end(year, (index + 1) * months))
        if rule == "weekend":
            assert anchor is not None  # _ANCHORED
            saturday = weekday_on_or_before(anchor, 5)
            return make("period", saturday, min(saturday + timedelta(days=1), anchor))
        if rule == "hours-from-day":  # "in a 24-hour period beginning on Thursday": Thursday to Friday
            assert anchor is not None  # _ANCHORED
            first = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()])
            return make("period", first, first + timedelta(days=max(1, round((_count(m.group("n")) or 24) / 24))))
        if rule == "days-from-date":  # "within three days from 9 February": 9 to 12 February
            first, n = _day_month(m, "s", anchor, "sy"), _count(m.group("n"))
            if first is None or n is None:
                return make("period", None, None)
            return make("period", first, first + timedelta(days=n * (7 if m.group("u").lower().startswith("week") else 1)))
        if rule == "weekday-range":
            assert anchor is not None  # _ANCHORED
            last = weekday_on_or_before(anchor, WEEKDAYS[m.group("w2").lower()])
            first = weekday_on_or_before(last, WEEKDAYS[m.group("w1").lower()])
            return make("period", first, last)
        if rule == "overnight":
            assert anchor is not None  # _ANCHORED
            morning = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()]) if m.group("w") else anchor
            return make("period", morning - timedelta(days=1), morning)
        if rule in ("in-year", "year-label"):
            year = int(m.group("y") or m.group("y2"))
            return make("period", date(year, 1, 1), date(year, 12, 31))
        if rule == "so-far-this":
            assert anchor is not None  # _ANCHORED
            unit = (m.group("u") or m.group("u2") or m.group("u3")).lower()
            return make("since", date(anchor.year, 1 if unit == "year" else anchor.month, 1), None)
        if rule == "duration-to":
            if m.group("w"):
                assert anchor is not None  # checked above
                last_day: date | None = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()])
            else:
                last_day = _day_month(m, "t", anchor, "ty")
            unit = m.group("u").lower()
            n = 1 if m.group("n") is None else _count(m.group("n"))
            if n is None or last_day is None:
                return make("period", None, None)
            days = max(1, round(n / 24)) if unit == "hours" else n * (7 if unit.startswith("week") else 1)
            return make("period", last_day - timedelta(days=days), last_day)
        if rule == "range-month-date":
            until = _day_month(m, "b", anchor, "yb")
            if until is None:
                return None
            first_month = _month(m.group("m1"))
            return make("period", date(until.year if first_month <= until.month else until.year - 1, first_month, 1), until)
        if rule == "range-date-month":
            month = _month(m.group("m"))
            stated = m.group("ya") if not m.group("y") and not m.group("ythis") else None  # "from 20 May 2015 to June"
            if stated and _month(m.group("am1") or m.group("am2")) > month:
                stated = str(int(stated) + 1)
            year = _year_for(month, 1, anchor, m.group("y") or stated, m.group("ythis"))
            end = month_end(year, month)
            first = _day_month(m, "a", anchor, None)
            if m.group("ya"):  # (a stated year needs no anchor: "From 4 December 2018 through the end of March 2019")
                first = date(int(m.group("ya")), _month(m.group("am1") or m.group("am2")), int(m.group("ad1") or m.group("ad2")))
            elif first and first > end:
                first = first.replace(year=end.year - 1)
            return make("period", first, end)
        if rule == "week-to":
            last_day = _day_month(m, "w", anchor, "wy")
            return make("period", last_day - timedelta(days=7), last_day) if last_day else None  # as "past N weeks"
        if rule == "since-event-ago":
            assert anchor is not None  # _ANCHORED
            n = 1 if m.group("n") is None else _count(m.group("n"))
            if n is None:
                return make("period", None, None)
            unit = m.group("u").lower()
            if unit.startswith("year") and n > 1:  # "began three years ago": a rounded count of years, no day
                return make("since", None, None)
            if unit.startswith("year"):  # "since the uprising began a year ago": that day of the year before
                year = anchor.year - n
                return make("since", date(year, anchor.month, min(anchor.day, calendar.monthrange(year, anchor.month)[1])), None)
            if unit.startswith("month"):  # "since the conflict began 17 months ago": that month, from its first day
                month = anchor.month - n
                year, month = anchor.year + (month - 1) // 12, (month - 1) % 12 + 1
                return make("since", date(year, month, 1), None)
            return make("since", anchor - timedelta(days=n * (7 if unit.startswith("week") else 1)), None)
        if rule in ("last-week", "previous-week"):
            assert anchor is not None  # _ANCHORED
            unit = (m.group("u") or m.groupdict().get("u2") or "").lower()
            if unit == "month":
                first = (anchor.replace(day=1) - timedelta(days=1)).replace(day=1)
                return make("period", first, month_end(first.year, first.month))
            monday = anchor - timedelta(days=anchor.weekday() + 7)
            if unit == "weekend":
                return make("period", monday + timedelta(days=5), monday + timedelta(days=6))
            return make("period", monday, monday + timedelta(days=6))
        if rule == "this-week":  # from the Monday (or the 1st) to the publication date
            assert anchor is not None  # _ANCHORED
            first = anchor.replace(day=1) if m.group("u").lower() == "month" else anchor - timedelta(days=anchor.weekday())
            return make("period", first, anchor)
        if rule == "this-year-start":
            assert anchor is not None  # _ANCHORED
            unit = (m.group("u") or m.group("u2")).lower()
            if unit == "week":
                return make("since", anchor - timedelta(days=anchor.weekday()), None)
            return make("since", date(anchor.year, 1 if unit == "year" else anchor.month, 1), None)
        if rule == "since-event-last":
            assert anchor is not None  # _ANCHORED
            back = 0 if m.group("which").lower().endswith("this") else 1
            if m.group("u").lower() == "month":
                first = anchor.replace(day=1)
                for _ in range(back):
                    first = (first - timedelta(days=1)).replace(day=1)
                return make("since", first, None)
            return make("since", anchor - timedelta(days=anchor.weekday() + 7 * back), None)
        if rule == "since-last-month":
            assert anchor is not None  # _ANCHORED
            ended = (m.group("p") or "").lower() == "end"
            if m.group("u").lower() == "week":
                monday = anchor - timedelta(days=anchor.weekday() + 7)
                return make("since", monday + timedelta(days=6) if ended else monday, None)
            first = (anchor.replace(day=1) - timedelta(days=1)).replace(day=1)
            return make("since", month_end(first.year, first.month) if ended else first, None)
        if rule == "days-ago":
            assert anchor is not None  # _ANCHORED
            n = _count(m.group("n"))
            day = anchor - timedelta(days=n) if n and n <= 31 else None
            return make("point", day, day) if day else None
        if rule in ("numeric-date", "dotted-date"):
            a, b = int(m.group("a")), int(m.group("b"))
            day_number, month_number = (b, a) if b > 12 >= a else (a, b)
            stated = date(int(m.group("y")), month_number, day_number)
            return make("since" if (m.group("pre") or "").lower() == "since" else "point", stated,
                        None if (m.group("pre") or "").lower() == "since" else stated)
        if rule == "iso-date":
            stated = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            since = (m.group("pre") or "").lower() == "since"
            return make("since" if since else "point", stated, None if since else stated)
        if rule == "year-so-far":
            return make("since", date(int(m.group("y") or m.group("y2")), 1, 1), None)
        if rule == "year-list":
            first_year, last_year = int(m.group("y1")), int(m.group("y2"))
            return make("period", date(first_year, 1, 1), date(last_year, 12, 31)) if first_year < last_year else None
        if rule == "since-event-date" and m.group("w"):  # "since fighting broke out on Friday": as "since Friday"
            if anchor is None or isinstance(anchor, _Hint):  # an undated page: a weekday stays open (a title's month is no day)
                return make("period", None, None)
            weekday = _named_weekday(anchor, m.group("w"), bool(m.group("last")))
            return DateExpression("since", weekday, None, text, begin, finish, "since-weekday")
        if rule == "since-season":
            return make("since", _season_start(SEASONS[m.group("s").lower()], m.group("y"), (m.group("which") or "").lower(),
                                               anchor), None)
        if rule in ("since-date", "since-event-date", "from-date-to-now", "after-start-date"):
            return make("since", _day_month(m, "s", anchor, "sy"), None)
        if rule in ("since-month", "since-event-month", "began-month"):
            month = _month(m.group("m"))
            mid = _mid_before(m, "m")  # (the year of the month's middle: "since mid-June" said on 7 June is last June's)
            year = _year_for(month, 15 if mid else 1, anchor, m.group("y"), m.group("ythis"))
            at_end = rule == "since-month" and bool(m.group("end"))
            day_number = calendar.monthrange(year, month)[1] if at_end else 15 if mid else 1
            return make("since", date(year, month, day_number), None)
        if rule == "day-only":
            assert anchor is not None  # _ANCHORED
            wanted = int(m.group("d"))
            day = anchor - timedelta(days=next(back for back in range(62) if (anchor - timedelta(days=back)).day == wanted))
            since = m.group("pre").lower() == "since"
            return make("since" if since else "point", day, None if since else day)
        if rule == "since-dawn":
            assert anchor is not None  # _ANCHORED
            return make("since", anchor, None)
        if rule == "since-weekday":
            assert anchor is not None  # _ANCHORED
            # "since Thursday of last week": that weekday in the calendar week before the reporting day's
            if m.groupdict().get("lw"):
                return make("since", weekday_on_or_before(anchor - timedelta(days=anchor.weekday() + 1),
                                                          WEEKDAYS[m.group("w").lower()]), None)
            # ("since Thursday" written on a Thursday: the Thursday before, as "last Thursday"; "since Monday morning"
            # may be that day's)
            same_day = bool(m.groupdict().get("last")) or not _TIME_OF_DAY.search(m.group(0))
            return make("since", _named_weekday(anchor, m.group("w"), same_day), None)
        if rule == "since-event-year":  # "since the uprising began last year": from that year's 1 January
            if m.group("y"):
                return make("since", date(int(m.group("y")), 1, 1), None)
            return make("since", date(anchor.year - 1, 1, 1), None) if anchor else make("period", None, None)
        if rule == "since-year":  # "since 2011", "since late last year": from that year's 1 January
            if m.group("y"):
                return make("since", date(int(m.group("y")), 1, 1), None)
            return make("since", date(anchor.year - 1, 1, 1), None) if anchor else make("period", None, None)
        if rule in ("vague", "the-year", "event-subject"):
            return make("period", None, None)
        if rule == "day-month":
            day = _day_month(m, "p", anchor, "py")
            return make("point", day, day) if day else None
        if rule == "last-month-named":
            assert anchor is not None  # _ANCHORED
            month = _month(m.group("m"))
            year = anchor.year if month < anchor.month else anchor.year - 1
            return make("period", date(year, month, 1), month_end(year, month))
        if rule in ("month-year", "month-subject", "month-label"):
            month = _month(m.group("m") or m.group("m2"))
            year = _year_for(month, 1, anchor, m.group("y") or m.groupdict().get("y2"), m.groupdict().get("ythis"))
            return make("period", date(year, month, 1), month_end(year, month))
        if rule == "weekday":
            assert anchor is not None  # _ANCHORED
            day = _named_weekday(anchor, m.group("w"), m.group(0).lower().startswith("last"))
            return make("point", day, day)
        if rule in ("as-of-today", "to-date", "about-a-span"):
            assert anchor is not None  # _ANCHORED
            return make("as-of", anchor, anchor)
        if rule == "yesterday":
            assert anchor is not None  # _ANCHORED
            word = " ".join(m.group("w").lower().split())
            day = anchor - timedelta(days=1) if word in ("yesterday", "last night") else anchor
            return make("point", day, day)
    except (ValueError, KeyError):
        return make("period", None, None) if anchor is None else None  # no year to be had: stays open
    return None


def _season_start(month: int, year: str | None, which: str, anchor: date | None) -> date:
    """The first day of a season: of a stated year, else the latest that began on or before ``anchor`` (for "last",
    the latest that was over by then).

    Raises:
        ValueError: no year is stated and there is no anchor.
    """
    if year:
        return date(int(year), month, 1)
    if anchor is None:
        raise ValueError("no anchor date")
    start = date(anchor.year if date(anchor.year, month, 1) <= anchor else anchor.year - 1, month, 1)
    if which == "last" and date(start.year + (start.month + 3 > 12), (start.month + 2) % 12 + 1, 1) > anchor:
        start = start.replace(year=start.year - 1)  # "last summer" said in July: the summer before
    return start


_TIME_OF_DAY = RULES.patterns["time_of_day"].pattern


def _named_weekday(anchor: date, weekday: str, last: bool) -> date:
    """The day a weekday names, on or before ``anchor``: "last Friday" written on a Friday is the week before."""
    day = weekday_on_or_before(anchor, WEEKDAYS[weekday.lower()])
    return day - timedelta(days=7) if last and day == anchor else day


def find_dates(text: str, anchor: date | None, hint: date | None = None) -> list[DateExpression]:
    """Date expressions in ``text``, left to right, without overlaps (earlier rules win).

    ``anchor`` is the publication date; None when the article's date is unknown, and then only dates with a
    stated year are resolved (the others stay open). ``hint`` is the latest day the article can speak of when its
    date is unknown (the end of the month or year its title names): it gives a month without a year its year, and
    never resolves a relative date ("on Friday", "last week").
    """
    lower = text.lower()
    present = _WORDS.present(lower)  # each word looked for once per sentence, or not at all (``Words``)
    if present.isdisjoint(_ANY_WORDS):
        return []  # no word any rule needs, and no month (the two rules without such words need one)
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    cued = gateable(text)
    for rule, starts in _runnable(present, cued):
        for m in starts.finditer(text, lower if cued else None):
            if rule == "month-year" and m.group("m").rstrip(".") == "may" and not m.group("y"):
                continue  # "in may": the modal verb's neighbour, not the month (written "May")
            begin, finish = m.span()
            if any(a < finish and begin < b for a, b in taken):
                continue
            expression = _resolve(rule, m, anchor, hint)
            if expression is not None:
                found.append(expression)
                taken.append((begin, finish))
    return sorted(found, key=lambda d: d.begin)


def _runnable(present: frozenset[str], cued: bool) -> tuple[tuple[str, Starts], ...]:
    """The rules, in order, whose words a sentence has (one of each of their sets): the same few sets of words come
    back sentence after sentence, so each set's rules are listed once (a pure function of the set)."""
    key = (present, cued)
    rules = _RUNNABLE.get(key)
    if rules is None:
        if len(_RUNNABLE) >= 4096:
            _RUNNABLE.clear()
        rules = _RUNNABLE[key] = tuple((rule, pattern) for rule, pattern, checks in (_CHECKED if cued else _NEEDS_CHECKED)
                                       if not any(map(present.isdisjoint, checks)))
    return rules


_RUNNABLE: dict[tuple[frozenset[str], bool], tuple[tuple[str, Starts], ...]] = {}


_TITLE_MONTH = RULES.patterns["title_month"].pattern
_TITLE_YEAR = re.compile(r"(?<![\d/-])(?P<y>(?:19|20)\d\d)(?![\d/-])")


_TODAY = RULES.patterns["today"].pattern


def stated_today(text: str, published: date | None = None) -> date | None:
    """The day a text says is today ("since today morning, the 18th of March 2018"; "today (30 November)" on a page
    dated 2 December: the text was written two days before it went up), else None."""
    found = _TODAY.search(text)
    if not found:
        return None
    try:
        if found.group("y"):
            return date(int(found.group("y")), _month(found.group("m")), int(found.group("d")))
        if published is None:
            return None
        day = date(published.year, _month(found.group("m")), int(found.group("d")))
        day = day if day <= published else day.replace(year=published.year - 1)
        return day if (published - day).days <= 7 else None
    except ValueError:
        return None


def title_month(title: str) -> tuple[date, date, str] | None:
    """The month a title names as a whole ("Monthly Overview, July 2019"): its first and last day; not a day's month
    ("Flash Update, 20 July 2019")."""
    for found in _TITLE_MONTH.finditer(title or ""):
        if not re.search(r"\d\s*$", title[: found.start()]):
            last = month_end(int(found.group("y")), _month(found.group("m")))
            return last.replace(day=1), last, found.group(0)
    return None


def title_hint(title: str) -> date | None:
    """The last day of the month (or year) a title names ("Situation Report #8, August 2018"), else None."""
    found = _TITLE_MONTH.search(title or "")
    if found:
        return month_end(int(found.group("y")), _month(found.group("m")))
    years = {int(y) for y in _TITLE_YEAR.findall(title or "")}
    return date(years.pop(), 12, 31) if len(years) == 1 else None


# rules that name a day of the week, resolved on or before the publication date
_WEEKDAY_RULES = frozenset({"since-weekday", "since-weekend", "weekday", "weekday-range", "weekend", "began-weekday"})


# relative dates other than weekdays, resolved on the publication date when found: "last week", "this month", "last
# month", "this year", "so far this year", "since last month", "yesterday", "three days ago"
_RELATIVE = _ANCHORED - _WEEKDAY_RULES - {"as-of-weekday", "since-event-last", "began-weekday", "overnight", "day-only"}


def _later_than(expression: DateExpression, reported: date) -> bool:
    """Whether a relative date read on the publication date cannot be what was said on ``reported``: it ends after
    that day (a "since" starts on or after it), or it stayed open for want of a date."""
    if expression.start is None:
        return expression.kind == "period"
    if expression.kind == "since":
        return expression.start >= reported
    return (expression.end or expression.start) > reported


def reanchored(expression: DateExpression, reported: date | None) -> DateExpression:
    """A relative date read again against the day it was said, when that day is stated and the reading on the
    publication date cannot be right ("The agency said on 28 June that 5,000 had fled this month", published in
    July: June, not July); the conventions resolve relative dates against the stated reporting date."""
    if expression.rule not in _RELATIVE or reported is None or not _later_than(expression, reported):
        return expression
    again = [e for e in find_dates(expression.text, reported)
             if e.rule == expression.rule and e.begin == 0 and e.finish == len(expression.text)]
    return replace(again[0], begin=expression.begin, finish=expression.finish) if again else expression


def close_period(expression: DateExpression, reported: date | None) -> tuple[date | None, date | None]:
    """The (start, end) of a period once the reporting date is known (None where it is not)."""
    expression = reanchored(expression, reported)
    if expression.kind == "past":
        if reported is None:
            return None, None
        if expression.months:
            month = reported.month - expression.months
            year = reported.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            day = min(reported.day, calendar.monthrange(year, month)[1])
            return date(year, month, day), reported
        return reported - timedelta(days=expression.days or 0), reported
    if expression.rule in _WEEKDAY_RULES and expression.start and reported and expression.start > reported:
        # "The agency said on Friday that 5,000 had crossed since Tuesday" (or "fled on Tuesday"): the Tuesday before
        # the day it was said, not the one before publication
        back = timedelta(days=7 * ((expression.start - reported).days // 7 + 1))
        if expression.kind == "since":
            return expression.start - back, reported
        if expression.rule == "weekend":  # its Sunday was cut at the publication date
            return expression.start - back, min(expression.start - back + timedelta(days=1), reported)
        if expression.kind in ("point", "period") and expression.end:
            return expression.start - back, expression.end - back
    if expression.kind == "since":
        if expression.rule == "month-so-far" and expression.start and reported and \
                month_end(expression.start.year, expression.start.month) < reported:
            return expression.start, month_end(expression.start.year, expression.start.month)  # "so far in November", told in December
        return expression.start, reported
    if expression.kind == "day-before":
        return (reported - timedelta(days=1), reported - timedelta(days=1)) if reported else (None, None)
    if expression.kind in ("as-of", "since-then", "first-day", "anaphor"):
        return None, None  # a reporting date, or a start still to be found in the sentences before
    return expression.start, expression.end
