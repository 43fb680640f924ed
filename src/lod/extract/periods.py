"""The period of a figure: the date expressions of its sentence (dates.py) weighed by clause, by who said it and when,
and by what the sentences around it say ("The displacement between 12 and 25 December", a flight told in words)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from lod.extract import rulefiles
from lod.extract.cues import Starts
from lod.extract.dates import DateExpression, close_period, month_end, reanchored
from lod.extract.document import Document
from lod.extract.lexicon import FIGURE_PREDICATES, FLOW_NOUNS
from lod.extract.numbers import has_count
from lod.extract.observations import DASH_BREAKDOWN, Figure, find_figures
from lod.extract.statements import Found
from lod.model.records import ObservationRecord

Period = tuple[date | None, date | None, str | None]

# a flight told in words, with no count: "Thousands of people fled the town over the weekend."
FLOW_IN_WORDS = re.compile(r"\b(?:" + FIGURE_PREDICATES["flow"] + r"|" + FLOW_NOUNS + r")\b", re.IGNORECASE)  # lexicon flow_nouns
# searched where its words start (``lod.extract.cues.Starts``): the engine tried its alternation at every character
FLOW_IN_WORDS_STARTS = Starts(FLOW_IN_WORDS)


def words_flow_period(doc: Document, index: int) -> Period | None:
    """The period of the sentence before when it tells the same movement in words and has no count of its own
    ("Thousands fled the town over the weekend. Some 5,000 reached the camp."): a figure that follows takes it."""
    sentence = doc.sentences[index]
    periods = [e for e in doc.dates[index] if e.kind in ("period", "past", "since")]
    # (one time told, and no other: "An agreement reached in September 2017 to evacuate X was implemented today" tells
    # of the agreement's month and of today's evacuation)
    if len(periods) != 1 or len(doc.dates[index]) != 1 or has_count(sentence.text) \
            or not FLOW_IN_WORDS_STARTS.search(sentence.text):  # a count, flow or not: not in words
        return None
    start, end = close_period(periods[0], doc.today)
    return (start, end, periods[0].text) if start or end else None


# the clause words: each named and explained, with its examples and counter-examples, in
# lod/rules/periods.yaml
RULES = rulefiles.load("periods")
_CLAUSE_BREAK = RULES.pattern("clause_break")


_INSERTED = RULES.pattern("inserted")
_WHERE_WHICH = RULES.pattern("where_which")
_EVENT_RELATIVE = RULES.pattern("event_relative")
_COMPARISON = RULES.pattern("comparison")
_CUMULATIVE = RULES.pattern("cumulative")
_SUPERLATIVE_SINCE = RULES.pattern("superlative_since")
_PROGRESSIVE_FLOW = RULES.pattern("progressive_flow")
_COUNT_REACHED = RULES.pattern("count_reached")
_OTHER_SOURCE_BETWEEN = RULES.pattern("other_source_between")
_DIGIT = re.compile(r"\d")
_BY_BEFORE = RULES.pattern("by_before")
_SAID_BEFORE = RULES.pattern("said_before")


def said_before(text: str, at: int) -> bool:
    """Whether a reporting verb comes right before ``at`` (the date there is when it was said)."""
    return bool(_SAID_BEFORE.search(text[:at]))


_FRONTED = RULES.pattern("fronted")
_MONTH_SAID_AFTER = RULES.pattern("month_said_after")
_SAID_AFTER = RULES.pattern("said_after")
_TIME_SHIFT = RULES.pattern("time_shift")
_WHEN_THEN = RULES.pattern("when_then")
_ANOTHER_ACT = RULES.pattern("another_act")
_PAST_HANDICAP = 10  # characters
_OWN_RELATIVE = RULES.pattern("own_relative")
_PARTS_LISTED = RULES.pattern("parts_listed")
_LIST_TAIL, _LIST_ITEM = RULES.pattern("list_tail"), RULES.pattern("list_item")
_INNER_STOP = re.compile(r"\.\s")  # the full stop that ends a quote's sentence inside a sentence (clause_break)


def _first_count(text: str, start: int, stop: int) -> int:
    """Where the first number between ``start`` and ``stop`` begins (``stop`` when there is none)."""
    digit = _DIGIT.search(text, start, stop)
    return digit.start() if digit else stop


def figure_period(expressions: list[DateExpression], statement: Found | None, reported: date | None, text: str = "",
            figure: Figure | None = None, carried: Period | None = None) -> Period:
    """The period of a figure: the nearest one in the figure's clause, else ``carried`` (the period of the flow
    this one continues), else the nearest in the sentence.

    The date the figure was reported (the statement's point date) is not its period.
    """
    # (not another clause's: "X said 31,000 arrived over the past two days, while Y put it at 18,000 as of Thursday")
    as_of = next((reanchored(e, reported).start for e in expressions if e.kind == "as-of"
                  and not (figure is not None and _OTHER_SOURCE_BETWEEN.search(text, *sorted((e.begin, figure.number.qstart))))),
                 None)
    if as_of is None and any(e.kind == "since" for e in expressions):
        # "By Monday evening, 12,000 had fled since Friday": the day a running count is given by closes its "since"
        by = next((e for e in expressions if e.kind == "point" and _BY_BEFORE.search(text[: e.begin])), None)
        if by is not None:
            as_of = by.start
            expressions = [e for e in expressions if e is not by]
    # "..., the monitoring group reported on Tuesday": the day it was said, not the figure's period
    said = [e for e in expressions if e.kind == "point" and _SAID_BEFORE.search(text[: e.begin])]
    if figure is not None:
        # "On 10 June, the agency said 5,000 had fled in the past week", "X on Friday reported that ...", "X's 10 June
        # update said ...": a day told before the verb that brings the figure is the day it was said, too
        # (up to the first count after the day: "On 17 May reports were received that 3,250 families (16,250 people)")
        said += [e for e in expressions if e.kind == "point" and e.start and e.finish <= figure.number.qstart
                 and e not in said and _SAID_AFTER.match(text, e.finish, _first_count(text, e.finish, figure.number.qstart))]
    reported = as_of or (said[0].start if said and (statement is None or statement.date is None) else None) or reported
    # "The agency said last week that 5,000 had fled": when it was said, a span too wide to be its reporting day, and not
    # the figure's period
    said_in = [e for e in expressions if e.kind == "period" and _SAID_BEFORE.search(text[: e.begin])]
    if figure is not None:  # "In July, the agency said the campaign since April has displaced 400,000": the month it was said
        said_in += [e for e in expressions if e.kind == "period" and e.finish <= figure.number.qstart and e not in said_in
                    and _FRONTED.match(text[: e.begin]) and any(d.kind == "since" and e.finish <= d.begin for d in expressions)
                    and _MONTH_SAID_AFTER.match(text[: figure.number.qstart], e.finish)]
    month_said = next((e for e in said_in if e.start and e.end and e.start.day == 1 and e.end == month_end(e.start.year, e.start.month)), None)
    if month_said is not None and not as_of and not (said and (statement is None or statement.date is None)):
        reported = month_said.end  # "X said in July: '... since the beginning of this year'": the month it was said closes it
    cited_at = statement.verb_start - statement.sentence.start if statement and statement.verb == "cited" else len(text)
    candidates = [e for e in expressions if e.kind != "as-of" and e not in said and e not in said_in and e.begin < cited_at
                  and not (statement and e.kind == "point" and e.text == statement.date_text)
                  and not (e.kind == "since" and _SUPERLATIVE_SINCE.search(text, max(0, e.begin - 100), e.begin))]
    if figure is not None:  # "5,000 fled the town, where 200 were killed last week": the date of the place's clause
        aside = [(m.start(), m.end()) for m in _WHERE_WHICH.finditer(text)
                 if not m.start() <= figure.number.qstart < m.end()]
        if "–" in text or "—" in text:  # "12,000 people – 5,000 on Monday and 7,000 on Tuesday – fled": the parts' days
            aside += [m.span("inner") for m in DASH_BREAKDOWN.finditer(text) if not m.start("inner") <= figure.number.qstart < m.end("inner")]
        # (a "since" in an aside before the figure dates the event it describes: "The offensive, which began on 1 June,
        # has displaced 5,000"; one after it tells of others: "8,400 entered X, where a million had found refuge since 2011")
        candidates = [e for e in candidates if not any(a <= e.begin < b and not (e.kind == "since" and b <= figure.number.qstart)
                                                       for a, b in aside)]
    if not candidates and said and figure is not None and _PROGRESSIVE_FLOW.match(text, figure.end):
        return said[0].start, said[0].start, said[0].text  # "2,000 are crossing, a spokesman said on Sunday": that day
    if not candidates:
        # "As of 9 June, 60,000 people were displaced": a total on a day, not a part of the flow told before
        # (the day it stands at is the flow's last: "as of Sunday, 30,542 people had been displaced", its start unknown)
        stood_at = [e for e in expressions if e.kind == "as-of"]
        # (the nearest to the figure: "a report on Sunday showed that until July 2015 some 15,500 arrived")
        stated = min(stood_at, key=lambda e: abs(e.begin - figure.number.qstart)) if stood_at and figure is not None \
            else next(iter(stood_at), None)
        return (None, reanchored(stated, reported).start, stated.text) if stated else carried or (None, None, None)
    chosen = candidates[0]
    if figure is not None:
        lo, hi = figure.number.qstart, figure.end
        # a part inserted before the verb ("5,000 people, including 2,000 children, fled on Monday", "5,000 people — 1,000
        # families — fled") is no clause of its own: the date after the verb is the whole's
        inserted = [(m.start(), m.end()) for m in _INSERTED.finditer(text)] if "," in text or "—" in text or "–" in text else []
        clause_breaks = list(_CLAUSE_BREAK.finditer(text))  # found once: the checks below read them three times
        breaks = [m.start() for m in clause_breaks if not any(a <= m.start() < b for a, b in inserted)]

        def clause(at: int) -> int:
            return sum(1 for b in breaks if b < at)

        # "in Idlib in the first quarter, ... and more recently in Daraa, where 300,000 were displaced": a time word
        # between a date and the figure after it tells another time
        shifted = [e for e in candidates if e.finish <= lo and _TIME_SHIFT.search(text, e.finish, lo)]
        if shifted:
            candidates = [e for e in candidates if e not in shifted]
            if not candidates:
                return carried or (None, None, None)

        def rank(e: DateExpression) -> tuple[int, int]:
            distance = lo - e.finish if e.finish <= lo else max(0, e.begin - hi)
            if e.begin >= hi and _OWN_RELATIVE.match(text[hi: e.begin]):
                distance = 0  # "7,000 families who fled the same neighbourhoods over the past two weeks"
            # (a span counted back from the reporting day yields to days written out about as near: "has doubled in the
            # past week, from 4,500 to 10,200 arriving in the seven days between Aug 21 and 27")
            return (clause(e.begin) != clause(lo), distance + (_PAST_HANDICAP if e.kind == "past" else 0))

        chosen = min(candidates, key=rank)
        if figure.rule in ("flow-number-of", "flow-total"):
            # "the number of people who have fled since December reached 900,000 this week": the running total's own
            # period is the one inside its noun phrase
            inside = [e for e in candidates if e.kind in ("since", "past") and e.finish <= lo and clause(e.begin) == clause(lo)]
            if inside:
                chosen = inside[-1]
        fronted = candidates[0]
        if fronted is not chosen and chosen.finish <= lo and _FRONTED.match(text[: fronted.begin]) and \
                text[fronted.finish:].lstrip().startswith(",") and ";" not in text[fronted.finish: chosen.begin]:
            # (not over a semicolon: "In 2015, 1.2 million fled; in 2016, 800,000": the second clause has its own)
            chosen = fronted  # "Since 9 March, after fighting over the last two months, 80,000 fled": the fronted one
        labelled = chosen is fronted and _FRONTED.match(text[: fronted.begin]) is not None and \
            text[fronted.finish:].lstrip()[:1] == ":"  # "16 March: Another 20,000 people cross ...": a timeline's day
        # (a quote's sentence before the figure's is nearer than the flow before: "“Over the past days, these villages have
        # been bombed. About 60 families have been displaced,” he noted.")
        quoted_before = chosen.finish <= lo and all(_INNER_STOP.match(text, b) for b in breaks if chosen.finish <= b < lo)
        if carried is not None and clause(chosen.begin) != clause(lo) and not labelled and not quoted_before:
            return carried
        # a day the count stood "as of" is its end when the date found is another figure's ("As of 30 November, 48,500
        # had been displaced, a sharp increase compared to the 14,000 recorded on 28 November")
        stood = next((e for e in expressions if e.kind == "as-of" and (e.finish <= lo or clause(e.begin) == clause(lo))), None)
        standing: Period = (None, stood.start, stood.text) if stood else (None, None, None)
        if stood is not None and clause(stood.begin) == clause(lo) != clause(chosen.begin):
            return standing  # "..., while X put the figure at 18,000 as of Thursday night": its own clause's day
        later_clause = max((b for b in breaks if b < chosen.begin), default=0)
        listed = _LIST_TAIL.match(text[: chosen.begin], later_clause) is not None and all(
            _LIST_ITEM.match(text, b) for b in breaks if hi <= b < chosen.begin)  # "A to X, B to Y, and C to Z in May"
        if clause(chosen.begin) > clause(lo) and _DIGIT.search(text, later_clause, chosen.begin) and not (
                chosen.kind == "since" and _PARTS_LISTED.match(text, later_clause)) and not listed:
            # "1,600 have been taken to the camp, adding that another 734 had crossed overnight": the later clause's
            # day is its own figure's (not the parts listed of this one: "521,939 displaced in X, including A (326,069),
            # B (91,675), ... due to fighting since 1 February 2016")
            return carried or standing
        opener = max((b for b in breaks if hi <= b < chosen.begin), default=None)
        if opener is not None and chosen.kind != "since" and _ANOTHER_ACT.match(text, opener):
            return carried or standing  # "... caused a million to flee, and triggered an intervention last week"
        if chosen.kind == "point" and clause(chosen.begin) != clause(lo) and not _FRONTED.match(text[: chosen.begin]) \
                and not listed:
            # "The army pressed its offensive on Thursday, and the agency said 120,000 had fled": the day of another
            # clause's event is not the figure's period
            return None, None, None
        opening = [m for m in clause_breaks if m.start() < lo]
        if clause(chosen.begin) != clause(lo) and opening and _CUMULATIVE.match(opening[-1].group(0)):
            return None, None, None  # "..., adding to the more than 800,000 who have crossed": a total of its own time
        if clause(chosen.begin) != clause(lo) and opening and _COMPARISON.match(opening[-1].group(0)):
            return None, None, None  # "1.8 million fled in 2015, up from 824,000": the compared figure is of another time
        later = [m for m in clause_breaks if hi <= m.start() <= chosen.begin]
        if later and _COMPARISON.match(later[-1].group(0)):
            # "N new displacements, up from 824,000 in 2016": the year of the other figure (a day the count stood "as
            # of" is still its end: "As of 30 November, 48,500 ..., an increase compared to the 14,000 of 28 November")
            return standing
        if later and _CUMULATIVE.match(later[-1].group(0)):
            return None, None, None  # "5,000 fled, bringing the total since January to 300,000": the total's period
        toll = _EVENT_RELATIVE.search(text, 0, lo) if chosen.kind == "point" else None
        if toll is not None and chosen.finish <= toll.start():
            return None, None, None  # "forces on Tuesday pushed on in an offensive that has displaced 50,000"
        when = _WHEN_THEN.match(text, chosen.finish) if chosen.kind == "since" and chosen.start else None
        if when is not None and when.start() <= lo and when.end() >= hi:
            return chosen.start, chosen.start, chosen.text  # "began on 28 August, when 1,700 families were displaced"
    if figure is not None and figure.rule in ("flow-number-of", "flow-total") and chosen.kind == "point" and \
            _COUNT_REACHED.search(text):
        return None, chosen.start, chosen.text  # "the number of refugees surpassed one million on Wednesday"
    if chosen.kind == "day-before":
        # "50 families left on Monday, after 30 families were allowed to leave the day before": the day before the one
        # told before it in the sentence, not before the reporting day
        told = [e.start for e in expressions if e.kind == "point" and e.start is not None and e.finish <= chosen.begin]
        if told:
            day = told[-1] - timedelta(days=1)
            return day, day, chosen.text
    start, end = close_period(chosen, reported)
    return start, end, chosen.text


def unit_before(start: date, text: str) -> tuple[date, date]:
    """The week (or month) that ends the day before ``start``: "the previous week" of a stated period."""
    last = start - timedelta(days=1)
    if "month" in text.lower():
        return last.replace(day=1), last
    return last - timedelta(days=6), last


_THEY_FLED = RULES.pattern("they_fled")
_FLOW_AGAIN_AT_START, _FLOW_POINTED_AT = RULES.pattern("flow_again_at_start"), RULES.pattern("flow_pointed_at")


def refine_from_next(doc: Document, index: int, record: ObservationRecord) -> None:
    """'The displacement between 12 and 25 December ...' right after a figure dates that figure."""
    if index + 1 >= len(doc.sentences):
        return
    following = doc.sentences[index + 1].text
    at_start = bool(_FLOW_AGAIN_AT_START.match(following) or _THEY_FLED.match(following))
    if not at_start and not _FLOW_POINTED_AT.search(following) or find_figures(following):
        return
    if has_count(following):
        return  # "The exodus is a sign of the violence, which has killed 36,000 since March 2011": that count's period
    ranges = [d for d in doc.dates[index + 1] if d.kind == "period" and d.start and d.end]
    told_month = record.period_start is not None and record.period_end is not None and record.period_start.day == 1 and \
        (record.period_end.year, record.period_end.month) == (record.period_start.year, record.period_start.month)
    if ranges and at_start and (record.period_start is None and record.period_end is None or told_month and (
            record.period_start <= ranges[0].start and ranges[0].end <= record.period_end)):  # type: ignore[operator]
        # (or a month's days: "120,000 fled this month. The people fled ... between October 5 and 22.")
        # (not over the figure's own time: "12,000 fled on Thursday. The exodus came after forces advanced overnight.")
        record.period_start, record.period_end, record.period_text = ranges[0].start, ranges[0].end, ranges[0].text
        return
    began = [d for d in doc.dates[index + 1] if d.kind == "since" and d.start]
    if began and record.period_start is None and record.period_end in (None, record.report_date or doc.today):
        # "5,000 had fled the town. The exodus began on 1 June.": a since period of the figure with none of its own (or
        # with only its end, the day it was said: "5,000 fled in just over a week. The exodus began on 1 June.")
        record.period_start, record.period_end = close_period(began[0], record.report_date or doc.today)
        record.period_text = began[0].text
