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
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from lod.extract.cues import Starts, Words, all_words, cues, gateable
from lod.extract.numbers import SCALES, _words_value

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
MONTHS["sept"] = 9
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
      r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d)|\s+(?P<{0}this>this\s+year|last\s+year))?"
_DAYMON = r"(?:(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\s))?(?P<{0}d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{0}m1>" + MON + r")|(?P<{0}m2>" + MON + \
          r")\s+(?P<{0}d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))"
_COUNT = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|several|couple\s+of)"
_STATIC = r"(?:the\s+(?:beginning|start|end|middle|evening|morning|night)\s+of\s+|(?:early|mid|late)[-\s]+)?"
# "since the government's advance on 26 July", "since the army's offensive on Tuesday": an event named by its noun
# ("since the clashes of 5 June": fighting named by its noun too, and its date after "of")
_EVENT_NOUN = (r"(?:the\s+|its\s+|their\s+|[\w’'-]+['’]s\s+)(?:[\w’'-]+\s+){0,3}?(?:advance|offensive|assault|attack|operation|"
               r"bombardment|escalation|push|incursion|onslaught|clashes|fighting|battle)\s+(?:on\s+|in\s+|of\s+)")
# "since the offensive began on April 30": the start of an event with a stated date
# "since the bridge reopened on 15 August", "since the army began its campaign to take the city in November": any
# past verb, and a few words after it, before the date
_EVENT_START = (r"\bsince\s+(?:(?:the\s+|this\s+|its\s+)?(?:[\w’'.-]+\s+){0,8}?(?:began|begun|started|was\s+launched|"
                r"launched|erupted|escalated|resumed|intensified|broke\s+out|fell|[a-z]{3,}ed)\s+"
                # ("... launched a major offensive, backed by air strikes, on 1 February": one phrase between commas)
                r"(?:[\w’'-]+\s+|[\w’'-]+,\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+,\s+){0,10}?"
                r"(?:on\s+|in\s+)?|"
                # "since the start of the offensive on 3 June", "since the launch of its assault in May"
                r"the\s+(?:start|beginning|launch|outbreak|onset)\s+of\s+(?:[\w’'-]+\s+){1,6}?(?:on|in)\s+|" + _EVENT_NOUN + r")")
# "the offensive, which began on 1 June, has displaced ...": a "since" period from that day
_BEGAN = (r"\b(?:began|begun|started|erupted|was\s+launched|were\s+launched|kicked\s+off|"
          # "The offensive, launched on Monday, has displaced ...", "the campaign launched on 1 June"
          r"(?:(?<=,\s)|(?<=offensive\s)|(?<=campaign\s)|(?<=operation\s)|(?<=assault\s))launched)\s+(?:on\s+|in\s+)?")

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
    candidate = date(anchor.year, month, min(day or 1, 28))
    return anchor.year if candidate <= anchor else anchor.year - 1


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
# a perfect tense before a count of days ("have fled in four days", "has reached 23,000 in four days")
_PERFECT_BEFORE = re.compile(r"\b(?:have|has)\b(?:(?!\b(?:had|was|were|in\s+(?:19|20)\d\d)\b)[^.;])*$", re.I)
_ANCHORED = frozenset({"as-of-weekday", "since-event-last", "since-last-month", "days-ago", "since-weekend", "began-weekday", "this-year", "last-year", "weekday-range", "overnight", "weekend", "so-far-this", "since-event-ago", "previous-week", "last-week", "this-week", "this-year-start", "since-weekday", "weekday", "yesterday", "day-only"})

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ranges first, so "From 1 to 29 December" is not read as two points
    # "between 1-10 June": a hyphen with no spaces too
    ("range-days", re.compile(r"\b(?:from|between)\s+(?:the\s+)?(?P<a>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:to|and|until)\s+(?:the\s+)?|\s*[-–]\s*)(?P<b>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MON + r")" + _YEAR.format("y"), re.I)),
    ("range-months", re.compile(r"\b(?:from|between)\s+(?:the\s+(?:beginning|start|middle|end)\s+of\s+|(?:early|mid|late)[-\s]+)?(?P<m1>" + MON + r")(?:\s+(?P<y1>(?:19|20)\d\d))?\s+(?:to|and|until|through)\s+(?:the\s+(?:beginning|start|middle|end)\s+of\s+|(?:early|mid|late)[-\s]+)?(?P<m2>" + MON + r")(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)" + _YEAR.format("y2"), re.I)),
    # "between 2012 and 2015", "from 2014 to 2016": the years from the first to the last
    ("range-years", re.compile(r"\b(?:from|between)\s+(?P<y1>(?:19|20)\d\d)\s+(?:to|and|until|through|-|–)\s+(?P<y2>(?:19|20)\d\d)\b", re.I)),
    # "on the night of 12 to 13 June": both days
    ("range-days", re.compile(r"\b(?:on\s+)?the\s+night\s+of\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?\s+(?:to|-|–|and)\s+(?P<b>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MON + r")" + _YEAR.format("y"), re.I)),
    # "on 10 and 11 March", "on March 10 and 11": those days
    ("range-days", re.compile(r"\bon\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?(?:\s+and\s+|\s*[-–]\s*)(?P<b>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MON + r")" + _YEAR.format("y"), re.I)),
    ("range-days", re.compile(r"\bon\s+(?P<m>" + MON + r")\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?\s+and\s+(?P<b>\d{1,2})(?:st|nd|rd|th)?\b(?!\s+" + MON + r")" + _YEAR.format("y"), re.I)),
    # "from January 20 to the end of February", "between 3 May and late June": to the month's last day
    ("range-date-month", re.compile(r"\b(?:from|between)\s+" + _DAYMON.format("a") + r"(?:,?\s+(?P<ya>(?:19|20)\d\d))?\s+(?:to|and|until|through)\s+"
                                    r"(?:the\s+(?:beginning|start|middle|end)\s+of\s+|(?:early|mid|late)[-\s]+)?(?P<m>" + MON + r")\b(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)"
                                    + _YEAR.format("y"), re.I)),
    # "between late May and 10 June", "from May until 10 June": from the month's first day to that day
    ("range-month-date", re.compile(r"\b(?:from|between)\s+(?:the\s+(?:beginning|start|middle)\s+of\s+|(?:early|mid|late)[-\s]+)?(?P<m1>" + MON
                                    + r")\s+(?:to|and|until|through|till)\s+" + _DAYMON.format("b") + _YEAR.format("yb"), re.I)),
    ("range-dates", re.compile(r"\b(?:from|between)\s+" + _DAYMON.format("a") + r"(?:,?\s+(?P<ya>(?:19|20)\d\d))?\s+(?:to|and|until|through|till)\s+" + _DAYMON.format("b") + _YEAR.format("yb"), re.I)),
    # "from 15/12/2017 to 31/01/2018", "between 15.12.2017 and 31.01.2018": numeric dates, day first (month first when the
    # first number cannot be a month)
    ("range-numeric", re.compile(r"\b(?:from|between)\s+(?P<a1>\d{1,2})(?P<sep>[./])(?P<a2>\d{1,2})(?P=sep)(?P<ay>(?:19|20)\d\d)\s*"
                                 r"(?:to|and|until|through|till|-|–)\s*(?P<b1>\d{1,2})(?P=sep)(?P<b2>\d{1,2})(?P=sep)(?P<by>(?:19|20)\d\d)\b", re.I)),
    # "from June 1 to 10": the month first
    # "in the period 1-10 June", "fled 1-10 June": a bare range of days
    ("range-days-bare", re.compile(r"(?<![\d,.])(?P<a>\d{1,2})\s*[-–]\s*(?P<b>\d{1,2})\s+(?P<m>" + MON + r")" + _YEAR.format("y"), re.I)),
    # "June 12-18", "Dec. 3-9, 2017" (the month first, as in wire copy): those days
    ("range-days-bare", re.compile(r"\b(?P<m>" + MON + r")\s+(?P<a>[12]?\d|3[01])\s*[-–]\s*(?P<b>[12]?\d|3[01])\b(?![-–/.]?\d)" + _YEAR.format("y"), re.I)),
    ("range-days", re.compile(r"\b(?:from|between)\s+(?P<m>" + MON + r")\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:to|and|until)\s+|\s*[-–]\s*)(?P<b>\d{1,2})(?:st|nd|rd|th)?\b(?!\s+" + MON + r")" + _YEAR.format("y"), re.I)),
    # "in May and June", "during April, May and June 2018": from the first month to the last
    # (a part of a month is the month: "in late May and early June")
    ("month-list", re.compile(r"\b(?:in|during|throughout|over)\s+(?:(?:early|mid|late)[-\s]+)?(?P<m1>" + MON + r")(?:\s+(?P<y1>(?:19|20)\d\d))?(?:,\s+" + MON + r")*,?\s+and\s+(?:(?:early|mid|late)[-\s]+)?(?P<m2>" + MON + r")(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)" + _YEAR.format("y2"), re.I)),
    # "in the ten days since the offensive began": that many days back from the reporting date
    ("since-duration", re.compile(r"\b(?:in|over|during|within)\s+the\s+(?:past\s+|last\s+)?(?:" + _COUNT + r"\s+)?(?P<u>days?|weeks?|months?)\s+since\b", re.I)),
    # "in the first ten days of July", "the first week of December", "the last two weeks of May 2018"
    ("part-of-month", re.compile(r"\b(?:in|during|over|within|for|of)\s+the\s+(?P<w>first|last|second|third)\s+(?:" + _COUNT
                                 + r"\s+)?(?P<u>days?|weeks?|fortnight|half)\s+of\s+(?P<m>" + MON + r")" + _YEAR.format("y"), re.I)),
    # "in the first half of 2015", "the second quarter of this year"
    ("part-of-year", re.compile(r"\b(?:in|during|over|within|for|of)\s+the\s+(?P<w>first|second|third|fourth|last)\s+"
                                r"(?:" + _COUNT + r"\s+)?(?P<u>half|quarter|months)\s+of\s+(?:(?P<y>(?:19|20)\d\d)\b|(?P<this>this|last|the)\s+year\b)", re.I)),
    # "over the weekend", "at the weekend": the last Saturday and Sunday up to the publication date
    ("weekend", re.compile(r"\b(?:over|during|at|on|this)\s+(?:the\s+)?weekend\b", re.I)),
    # "in the 24 hours to Monday morning", "in the 48 hours to Friday", "in the week to Friday", "the three days to 10
    # June": that many days back from the day named (24 hours are one day)
    ("duration-to", re.compile(r"\b(?:in|during|over|within)\s+the\s+(?:past\s+|last\s+)?(?:" + _COUNT + r"\s+)?(?P<u>hours|days|weeks?)\s+"
                               r"(?:up\s+)?(?:to|until|ending(?:\s+on)?)\s+(?:(?:" + WEEKDAY + r",?\s+)?" + _DAYMON.format("t")
                               + _YEAR.format("ty") + r"|(?P<w>" + WEEKDAY + r")\b)", re.I)),
    ("past-duration", re.compile(r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+(?:" + _COUNT + r"\s+)?(?P<u>hours?|days?|weeks?|months?|fortnight)\b", re.I)),
    ("past-duration", re.compile(r"\bthis\s+past\s+(?P<u>week|month|fortnight)\b", re.I)),
    ("past-duration", re.compile(r"\b(?P<n>\d+|twenty-four|forty-eight)\s+hours\b(?=\s+(?:to|up\s+to|until)\b|[,.]?\s*$)", re.I)),
    # "3,000 flee the town in 24 hrs": a headline's count of the last hours
    # ("in just 48 hours" too)
    ("past-duration", re.compile(r"\bin\s+(?:just\s+|only\s+)?(?P<n>\d+|twenty-four|forty-eight)\s+(?:hours|hrs)\b(?!\s+(?:of|a\s+day|per))", re.I)),
    # "so far this year": from the 1st of the year (or month) to the reporting date
    ("so-far-this", re.compile(r"\b(?:so\s+far\s+this\s+(?P<u>year|month)|this\s+(?P<u2>year|month)\s+(?:so\s+far|alone|to\s+date))\b", re.I)),
    # "in the week to 10 June", "in the week up to June 10": the seven days ending that day
    ("week-to", re.compile(r"\b(?:in|during|over)\s+the\s+week\s+(?:up\s+)?(?:to|until|ending)\s+(?:" + WEEKDAY + r",?\s+)?" + _DAYMON.format("w") + _YEAR.format("wy"), re.I)),
    # "since the offensive began two weeks ago": a "since" period from that many days before the publication date
    ("since-event-ago", re.compile(_EVENT_START + r"(?:(?:its|their|a|an|the)\s+(?:[\w’'-]+\s+){0,6}?)?(?:" + _COUNT + r"\s+)?(?P<u>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    # "on Saturday and Sunday", "between Monday and Wednesday": the days from the first to the second
    # (wire copy drops the "on": "fled Wednesday and Thursday")
    ("weekday-range", re.compile(r"\b(?:(?:on|between|from)\s+)?(?P<w1>" + WEEKDAY + r")\s+(?:and|to|until)\s+(?P<w2>" + WEEKDAY + r")\b", re.I)),
    # "overnight": the night before the publication date
    ("overnight", re.compile(r"\bovernight\b(?!\s+(?:stay|shelter|bag|flight|train|bus))", re.I)),
    # "since fighting erupted last week", "since the offensive began last month", "... earlier this month": from the
    # first day of that week or month
    ("since-event-last", re.compile(_EVENT_START + r"(?P<which>last|(?:earlier\s+)?this)\s+(?P<u>week|month)\b", re.I)),
    # "since early last month", "since the end of last month": from the first (or last) day of the month before;
    # "since last week": from the Monday of the week before (a since period, closed on the reporting date)
    ("since-last-month", re.compile(r"\bsince\s+(?:the\s+(?P<p>beginning|start|middle|end)\s+of\s+|(?P<q>early|mid|late)[-\s]+)?last\s+(?P<u>month|week)\b", re.I)),
    ("previous-week", re.compile(r"\b(?:the\s+(?:previous|preceding)|the)\s+(?P<u>week|month)\s+before\b|\bthe\s+previous\s+(?P<u2>week|month)\b(?!s)", re.I)),
    # "last week" is the calendar week before; a bare "past week" is seven days back (past-duration, below)
    ("last-week", re.compile(r"\b(?:last\s+(?P<u>week|month|weekend)|past\s+(?P<u2>weekend))\b(?!s)", re.I)),
    ("past-duration", re.compile(r"\bpast\s+(?P<u>week|month|fortnight)\b(?!s)", re.I)),
    # "44,000 have fled in four days": a count of days in a perfect tense is the past N days (checked in _resolve)
    ("in-n-days", re.compile(r"\b(?:in|within|over)\s+(?:just\s+|only\s+)?(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
                             r"(?P<u>days|weeks)\b(?!\s+(?:of|after|before|later|ago|since|from|to)\b)", re.I)),
    ("this-week", re.compile(r"\b(?:earlier\s+)?this\s+(?P<u>week|month)\b", re.I)),
    ("this-year-start", re.compile(r"\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+(?P<u>year|month|week)\b", re.I)),
    # "three days ago": that day
    ("days-ago", re.compile(r"(?<!since\s)\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago\b", re.I)),
    # "since 01/06/2016", "on 1/6/2016": numeric dates, day first (month first when the first number cannot be a month)
    ("numeric-date", re.compile(r"\b(?:(?P<pre>since|on|from)\s+)?(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)\b", re.I)),
    # "as of 10 June": the day the figure stands at, its reporting date; no period of its own
    ("as-of", re.compile(r"\bas\s+(?:of|at)\s+(?:" + WEEKDAY + r",?\s+)?" + _DAYMON.format("s") + _YEAR.format("sy"), re.I)),
    # "as of Monday (morning)": that weekday, as "as of 10 June" (a reporting date, no period)
    ("as-of-weekday", re.compile(r"\bas\s+(?:of|at)\s+(?P<w>" + WEEKDAY + r")(?:\s+(?:morning|evening|night|afternoon))?\b(?!,?\s+\d)", re.I)),
    # "the office's update of 10 June", "a report published on Monday", "in its latest update on Friday": the day the
    # figures were issued, their reporting date (as "as of")
    ("doc-date", re.compile(r"\b(?:update|report|statement|bulletin|release|briefing|figures|data|assessment|snapshot|sitrep)"
                            # "In a statement Tuesday, X said" (a fronted phrase of wire copy, the "on" dropped)
                            r"(?:,\s*dated\s+|\s+(?:of|dated|from)\s+|\s+(?=(?-i:" + WEEKDAY + r"),)|\s+(?:(?:published|issued|released|posted)\s+(?:by\s+(?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,4}?\s+)?)?on\s+)(?:(?:" + WEEKDAY
                            + r"),?\s+)?(?:" + _DAYMON.format("s") + _YEAR.format("sy") + r"|(?P<w>" + WEEKDAY + r")\b)", re.I)),
    # "in its 14 May update", "according to a Tuesday statement": the day before the document's noun
    ("doc-date", re.compile(r"\b(?:in|according\s+to)\s+(?:its|their|the|a|an)\s+(?:(?:latest|last|weekly|daily|new)\s+)?(?:" + _DAYMON.format("s")
                            + _YEAR.format("sy") + r"|(?P<w>(?-i:" + WEEKDAY + r")))\s+(?:update|report|statement|bulletin|release|briefing|sitrep)\b", re.I)),
    # "the previous day", "the day before": the day before the reporting date
    ("day-before", re.compile(r"\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b(?!\s+(?:yesterday|the))", re.I)),
    # "as of the end of May": its last day
    ("as-of-month", re.compile(r"\bas\s+(?:of|at)\s+(?:the\s+end\s+of\s+)?(?P<m>" + MON + r")(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)" + _YEAR.format("y"), re.I)),
    # "in June so far", "so far in June": from the 1st to the reporting date
    ("month-so-far", re.compile(r"\b(?:in\s+(?P<m>" + MON + r")\s+so\s+far|so\s+far\s+in\s+(?P<m2>" + MON + r"))\b", re.I)),
    # "the week of 6 June": that day and the six after it
    ("week-of", re.compile(r"\b(?:during|in|over)\s+the\s+week\s+of\s+" + _DAYMON.format("w") + _YEAR.format("wy"), re.I)),
    # "since then", "have fled since.": from the date the text gave before
    # ("have fled since, the agency said": a closing "since" before the attribution too)
    ("since-then", re.compile(r"\bsince\s+then\b|\bsince(?=\s*[.;]|\s*$)|(?<=\w\s)since(?=\s*,)", re.I)),
    # "that month", "The same day", "That day alone": the day or the month the text dated last; "the following day",
    # "a day later": the day after it (both resolved by ``lod.extract.document``, open when no date came before)
    ("that-time", re.compile(r"\b(?:(?:on|in|during|over|for)\s+)?(?:that|the\s+same)\s+(?P<u>day|month)\b"
                             r"(?!\s+(?:before|after|of|that|when|on|in)\b|['’]s)", re.I)),
    ("day-after", re.compile(r"\b(?:(?:on\s+)?the\s+(?:following|next)\s+day|a\s+day\s+later|(?:on\s+)?the\s+day\s+after)\b"
                             r"(?!\s+(?:the|that|its|his|her|their|a|an|tomorrow)\b|\s+[A-Z0-9])", re.I)),
    # "on the first day and night": the first day (and the night after) of the operation the text dated before
    ("first-day", re.compile(r"\b(?:on|during|in|over)\s+the\s+first\s+day(?P<night>\s+and\s+night)?\b", re.I)),
    ("since-weekend", re.compile(r"\bsince\s+(?:the|last)\s+weekend\b", re.I)),
    ("began-date", re.compile(_BEGAN + _DAYMON.format("s") + _YEAR.format("sy"), re.I)),
    ("began-weekday", re.compile(_BEGAN + r"(?:last\s+)?(?P<w>" + WEEKDAY + r")\b", re.I)),
    ("since-event-date", re.compile(_EVENT_START + _DAYMON.format("s") + _YEAR.format("sy"), re.I)),
    ("since-event-month", re.compile(_EVENT_START + r"(?:last\s+)?(?P<m>" + MON + r")(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)" + _YEAR.format("y"), re.I)),
    ("since-event-year", re.compile(_EVENT_START + r"(?:(?P<y>(?:19|20)\d\d)\b|(?P<last>last\s+year)\b)", re.I)),
    ("since-date", re.compile(r"\bsince\s+(?:the\s+(?:evening|morning|night)\s+of\s+)?(?:" + WEEKDAY + r",?\s+)?(?:the\s+)?"
                              + _DAYMON.format("s") + _YEAR.format("sy"), re.I)),
    # "since the end of January" from its last day, as "since the end of last month"
    ("since-month", re.compile(r"\bsince\s+(?:last\s+)?(?:(?P<end>the\s+end\s+of\s+)|" + _STATIC + r")(?P<m>" + MON + r")(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)"
                               + _YEAR.format("y"), re.I)),
    ("since-weekday", re.compile(r"\bsince\s+(?:" + _EVENT_NOUN + r")?(?:last\s+|(?:early|late)\s+(?:on\s+)?)?(?P<w>" + WEEKDAY + r")(?:\s+(?:morning|evening|night|afternoon))?\b", re.I)),
    ("since-year", re.compile(r"\bsince\s+" + _STATIC + r"(?P<y>(?:19|20)\d\d)\b", re.I)),
    # "since the offensive began" with no date after it: open here, dated by the sentence before that says when it was
    # launched (``lod.extract.document``)
    ("vague", re.compile(r"\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+(?:campaign|offensive|war|conflict|escalation)\b|"
                         r"\bsince\s+the\s+(?:campaign|offensive|operation|assault|escalation|bombardment)\s+(?:began|started|was\s+launched)"
                         r"(?!\s*(?:on|in|at|last|earlier|this|late|early|mid|a|an|about|around|some|over|more|nearly|almost|just|\d|"
                         r"two|three|four|five|six|seven|eight|nine|ten|several)\b)\b|"
                         r"\bover\s+the\s+(?:last|past)\s+year\b|\bin\s+recent\s+(?:days|weeks|months)\b|\bearlier\s+this\s+year\b", re.I)),
    ("day-month", re.compile(r"\b(?:on\s+)?" + _DAYMON.format("p") + _YEAR.format("py"), re.I)),
    # "since the 12th", "on the 3rd" with no month: that day of the month, on or before the reporting date
    ("day-only", re.compile(r"\b(?P<pre>on|since)\s+the\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:" + MON
                            + r")\b)(?!\s+(?:[a-z]+\s+)?(?:day|days|week|hour|anniversary|time|century|floor|round|of|consecutive)\b)", re.I)),
    # "during the year", "over the course of the year": the year the text named last (resolved by the document,
    # ``lod.extract.document``); open when it named none
    ("the-year", re.compile(r"\b(?:during|throughout|over|in)\s+(?:the\s+course\s+of\s+)?the\s+(?:same\s+)?year\b"
                            r"(?!\s*(?:,\s*)?(?:19|20)\d\d)", re.I)),
    # "in 2014", "during 2015", "throughout 2013": that year
    ("in-year", re.compile(r"\b(?:in|during|throughout|over)\s+(?:the\s+year\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d|\s*[-–]\s*\d)", re.I)),
    ("month-year", re.compile(r"\b(?:(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?(?:(?:early|mid|late)[-\s]+)?|"
                              # "at the end of May", "in the middle of June": the month, as "in late May"
                              r"(?:at|in)\s+the\s+(?:beginning|start|middle|end)\s+of\s+)(?P<m>" + MON + r")(?:\s+(?P<y>(?:19|20)\d\d)|\s+(?P<ythis>this\s+year|last\s+year))?\b(?!\s+\d)", re.I)),
    # "July saw the displacement of ...", "March 2018 brought": the month as the subject
    ("month-subject", re.compile(r"(?:^|(?<=[.;:]\s))(?P<m>" + MON + r")\b(?:\s+(?P<y>(?:19|20)\d\d))?\s+(?:saw|witnessed|brought|recorded)\b")),
    # "this year", "earlier this year": from 1 January to the reporting date; "last year": the whole year before
    ("this-year", re.compile(r"\b(?<!earlier\s)(?<!later\s)this\s+year\b", re.I)),
    ("last-year", re.compile(r"\b(?:in\s+|during\s+|throughout\s+)?(?<!the\s)last\s+year\b", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(?P<w>" + WEEKDAY + r")(?:\s+(?:morning|evening|night|afternoon))?\b", re.I)),
    ("yesterday", re.compile(r"\b(?P<w>yesterday|today|last\s+night|this\s+morning|earlier\s+today)\b", re.I)),
]

# Words (lower case) without one of which a rule cannot match: most sentences with a date skip most rules.
_NEEDS: dict[str, tuple[str, ...]] = {
    "range-days": ("from", "between", "on ", "night"), "range-days-bare": tuple(name[:3] for name in _MONTH_NAMES), "since-event-last": ("since",), "range-months": ("from", "between"), "range-dates": ("from", "between"),
    "part-of-month": ("first", "last", "second", "third"), "part-of-year": ("half", "quarter", "months"),
    "weekend": ("weekend",), "past-duration": ("past", "last", "previous", "preceding", "hours", "hrs"), "in-n-days": ("days", "weeks"),
    "so-far-this": ("this",), "week-to": ("week",), "duration-to": ("hours", "days", "week"), "range-date-month": ("from", "between"), "range-month-date": ("from", "between"), "since-event-ago": (" ago",), "weekday-range": ("day",),
    "overnight": ("overnight",), "since-last-month": ("last month", "last week"), "days-ago": (" ago",), "numeric-date": ("/",), "previous-week": ("previous", "preceding", "before"), "last-week": ("last", "past"),
    "this-week": ("this",), "this-year-start": ("since",), "since-event-date": ("since",),
    "since-event-month": ("since",), "since-event-year": ("since",), "since-date": ("since",),
    "since-month": ("since",), "since-weekday": ("since",), "since-year": ("since",), "vague": ("since", "year", "recent"),
    "in-year": ("19", "20"), "month-subject": ("saw", "witnessed", "brought", "recorded"), "weekday": ("day",), "month-list": (" and ",), "range-years": ("from", "between"), "range-numeric": ("from", "between"), "since-duration": ("since",), "as-of": ("as ",), "as-of-weekday": ("as ",), "doc-date": ("update", "report", "statement", "bulletin", "release", "briefing", "figures", "data", "assessment", "snapshot", "sitrep"), "day-before": ("previous day", "preceding day", "day before"), "as-of-month": ("as ",), "month-so-far": ("so far",), "week-of": ("week of",), "since-then": ("since",), "first-day": ("first day",), "that-time": ("that day", "that month", "same day", "same month"),
    "day-after": ("following day", "next day", "day later", "day after"),
    "since-weekend": ("weekend",), "began-date": ("began", "begun", "started", "erupted", "launched", "kicked"),
    "began-weekday": ("began", "begun", "started", "erupted", "launched", "kicked"), "this-year": ("this year",),
    "last-year": ("last year",), "the-year": ("the year", "same year"),
    "yesterday": ("yesterday", "today", "night", "morning"), "day-only": ("on the", "since the"),
}

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
            hint and rule in _BY_YEAR and (m.groupdict().get("u") or m.groupdict().get("u2") or "year").lower() == "year"):
        # "on Friday" in an article of unknown date: the period stays open (a day still, which may be when it was said)
        return make("point" if rule == "weekday" else "as-of" if rule in ("doc-date", "as-of-weekday") else "period", None, None)
    anchor = anchor or hint  # "In August" of a report whose title says "August 2018"

    try:
        if rule in ("range-days", "range-days-bare"):
            month = _month(m.group("m"))
            year = _year_for(month, int(m.group("a")), anchor, m.group("y"), m.group("ythis"))
            return make("period", date(year, month, int(m.group("a"))), date(year, month, int(m.group("b"))))
        if rule == "range-years":
            from_year, to_year = int(m.group("y1")), int(m.group("y2"))
            return make("period", date(from_year, 1, 1), date(to_year, 12, 31)) if from_year < to_year else None
        if rule == "month-list":
            m2 = _month(m.group("m2"))
            y2 = _year_for(m2, 1, anchor, m.group("y2"), m.group("y2this"))
            m1 = _month(m.group("m1"))
            y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)  # "in December 2017 and January 2018"
            return make("period", date(y1, m1, 1), month_end(y2, m2))
        if rule == "as-of-month":
            month = _month(m.group("m"))
            year = _year_for(month, 1, anchor, m.group("y"), m.group("ythis"))
            month_last = month_end(year, month)
            return make("as-of", month_last, month_last)
        if rule == "month-so-far":
            month = _month(m.group("m") or m.group("m2"))
            return make("since", date(_year_for(month, 1, anchor, None, None), month, 1), None)
        if rule == "week-of":
            first_day = _day_month(m, "w", anchor, "wy")
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
            return make("anaphor", None, None, days=int(rule == "day-after"), months=int((m.groupdict().get("u") or "").lower() == "month"))
        if rule == "first-day":
            return make("first-day", None, None, days=1 if m.group("night") else 0)
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
            return make("period", date(y1, m1, 1), month_end(y2, m2))
        if rule == "range-numeric":
            ends = []
            for first_key, second_key, year_key in (("a1", "a2", "ay"), ("b1", "b2", "by")):
                one, two = int(m.group(first_key)), int(m.group(second_key))
                day_number, month_number = (two, one) if two > 12 >= one else (one, two)
                ends.append(date(int(m.group(year_key)), month_number, day_number))
            return make("period", ends[0], ends[1]) if ends[0] <= ends[1] else None
        if rule == "range-dates":
            second = _day_month(m, "b", anchor, "yb")
            first = _day_month(m, "a", anchor, None)
            if first and second and first > second:
                first = first.replace(year=second.year - (1 if first.month > second.month else 0))
            return make("period", first, second)
        if rule == "in-n-days" and not _PERFECT_BEFORE.search(m.string[max(0, m.start() - 100): m.start()]):
            return None  # "30,000 fled in four days in 2016": a duration, not the last days
        if rule in ("past-duration", "since-duration", "in-n-days"):
            unit = (m.groupdict().get("u") or "hours").lower()
            if m.groupdict().get("n") is None:  # "the past week" is one week back; "the past days" is vague
                n = None if unit.endswith("s") else 1
            else:
                n = _count(m.group("n"))
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
            unit = m.group("u").lower()
            if unit == "half":  # "in the first half of June": the 1st to the 15th; the second half, the rest
                if m.group("n") is not None or m.group("w").lower() == "third":
                    return None
                first_half = m.group("w").lower() == "first"
                return make("period", date(year, month, 1 if first_half else 16),
                            date(year, month, 15) if first_half else month_end(year, month))
            n = 1 if m.group("n") is None and not unit.endswith("s") else _count(m.group("n") or "")
            if n is None:
                return make("period", None, None)  # "in the first days of June": how many is not said
            length = n * (14 if unit == "fortnight" else 7 if unit.startswith("week") else 1)
            which = m.group("w").lower()
            last = month_end(year, month)
            if which == "last":
                return make("period", last - timedelta(days=length - 1), last)
            first = date(year, month, 1) + timedelta(days=length * {"first": 0, "second": 1, "third": 2}[which])
            return make("period", first, min(first + timedelta(days=length - 1), last))
        if rule == "part-of-year":
            if m.group("y"):
                year = int(m.group("y"))
            elif anchor is None:
                return make("period", None, None)
            else:
                year = anchor.year - (1 if m.group("this").lower() == "last" else 0)
            if m.group("u").lower() == "months":  # "the first five months of the year"
                n = _count(m.group("n") or "")
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
        if rule == "weekday-range":
            assert anchor is not None  # _ANCHORED
            last = weekday_on_or_before(anchor, WEEKDAYS[m.group("w2").lower()])
            first = weekday_on_or_before(last, WEEKDAYS[m.group("w1").lower()])
            return make("period", first, last)
        if rule == "overnight":
            assert anchor is not None  # _ANCHORED
            return make("period", anchor - timedelta(days=1), anchor)
        if rule == "in-year":
            year = int(m.group("y"))
            return make("period", date(year, 1, 1), date(year, 12, 31))
        if rule == "so-far-this":
            assert anchor is not None  # _ANCHORED
            unit = (m.group("u") or m.group("u2")).lower()
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
            if first and m.group("ya"):
                first = first.replace(year=int(m.group("ya")))
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
            if unit.startswith("year"):  # "since the uprising began a year ago": that day of the year before
                year = anchor.year - n
                return make("since", date(year, anchor.month, min(anchor.day, calendar.monthrange(year, anchor.month)[1])), None)
            if unit.startswith("month"):
                month = anchor.month - n
                year, month = anchor.year + (month - 1) // 12, (month - 1) % 12 + 1
                return make("since", date(year, month, min(anchor.day, calendar.monthrange(year, month)[1])), None)
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
            unit = m.group("u").lower()
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
        if rule == "numeric-date":
            a, b = int(m.group("a")), int(m.group("b"))
            day_number, month_number = (b, a) if b > 12 >= a else (a, b)
            stated = date(int(m.group("y")), month_number, day_number)
            return make("since" if (m.group("pre") or "").lower() == "since" else "point", stated,
                        None if (m.group("pre") or "").lower() == "since" else stated)
        if rule in ("since-date", "since-event-date"):
            return make("since", _day_month(m, "s", anchor, "sy"), None)
        if rule in ("since-month", "since-event-month"):
            month = _month(m.group("m"))
            year = _year_for(month, 1, anchor, m.group("y"), m.group("ythis"))
            at_end = rule == "since-month" and bool(m.group("end"))
            return make("since", date(year, month, calendar.monthrange(year, month)[1] if at_end else 1), None)
        if rule == "day-only":
            assert anchor is not None  # _ANCHORED
            wanted = int(m.group("d"))
            day = anchor - timedelta(days=next(back for back in range(62) if (anchor - timedelta(days=back)).day == wanted))
            since = m.group("pre").lower() == "since"
            return make("since" if since else "point", day, None if since else day)
        if rule == "since-weekday":
            assert anchor is not None  # _ANCHORED
            return make("since", weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()]), None)
        if rule == "since-event-year":  # "since the uprising began last year": from that year's 1 January
            if m.group("y"):
                return make("since", date(int(m.group("y")), 1, 1), None)
            return make("since", date(anchor.year - 1, 1, 1), None) if anchor else make("period", None, None)
        if rule == "since-year":
            return make("since", date(int(m.group("y")), 1, 1), None)
        if rule in ("vague", "the-year"):
            return make("period", None, None)
        if rule == "day-month":
            day = _day_month(m, "p", anchor, "py")
            return make("point", day, day) if day else None
        if rule in ("month-year", "month-subject"):
            month = _month(m.group("m"))
            year = _year_for(month, 1, anchor, m.group("y"), m.groupdict().get("ythis"))
            return make("period", date(year, month, 1), month_end(year, month))
        if rule == "weekday":
            assert anchor is not None  # _ANCHORED
            day = weekday_on_or_before(anchor, WEEKDAYS[m.group("w").lower()])
            if day == anchor and m.group(0).lower().startswith("last"):
                day -= timedelta(days=7)  # "last Friday" written on a Friday is the week before
            return make("point", day, day)
        if rule == "yesterday":
            assert anchor is not None  # _ANCHORED
            word = " ".join(m.group("w").lower().split())
            day = anchor - timedelta(days=1) if word in ("yesterday", "last night") else anchor
            return make("point", day, day)
    except (ValueError, KeyError):
        return make("period", None, None) if anchor is None else None  # no year to be had: stays open
    return None


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


_TITLE_MONTH = re.compile(r"\b(?P<m>" + MON + r")\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_TITLE_YEAR = re.compile(r"(?<![\d/-])(?P<y>(?:19|20)\d\d)(?![\d/-])")


_TODAY = re.compile(r"\btoday(?:\s+(?:morning|afternoon|evening))?,?\s+(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                    r"(?P<m>" + MON + r"),?\s+(?P<y>(?:19|20)\d\d)\b", re.I)


def stated_today(text: str) -> date | None:
    """The day a text says is today ("since today morning, the 18th of March 2018"), else None."""
    found = _TODAY.search(text)
    if not found:
        return None
    try:
        return date(int(found.group("y")), _month(found.group("m")), int(found.group("d")))
    except ValueError:
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


def close_period(expression: DateExpression, reported: date | None) -> tuple[date | None, date | None]:
    """The (start, end) of a period once the reporting date is known (None where it is not)."""
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
        return expression.start, reported
    if expression.kind == "day-before":
        return (reported - timedelta(days=1), reported - timedelta(days=1)) if reported else (None, None)
    if expression.kind in ("as-of", "since-then", "first-day", "anaphor"):
        return None, None  # a reporting date, or a start still to be found in the sentences before
    return expression.start, expression.end
