"""An article read once: sentences, organizations, people, places, dates and the context every rule shares (the
publisher, whether the text is an institution's own report, the dates a report's title states)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from lod.extract import rulefiles
from lod.extract.dates import (
    MON, MONTHS, DateExpression, close_period, derived_day, find_dates, month_end, stated_today, title_hint, title_month,
)
from lod.extract.entities import EntityFinder, Mention
from lod.extract.events import triggers_in
from lod.extract.lexicon import REPORTING_PERIOD
from lod.extract.numbers import find_numbers
from lod.extract.sentences import Sentence, split_sentences
from lod.extract.statements import Context
from lod.model.articles import STATED_MONTH, TITLE, URL_PATH, Article
from lod.places.reconcile import Reconciler

# The finder of the reconciler used last: building one compiles every alias, so it is kept while the same
# reconciler is used (one per process: a command, or the web app's publishing context). One slot, not one per
# reconciler ever seen, which held every reconciler and its gazetteer alive for the life of the process.
_FINDER: list[tuple[Reconciler, EntityFinder]] = []


def _finder(reconciler: Reconciler) -> EntityFinder:
    if not _FINDER or _FINDER[0][0] is not reconciler:
        _FINDER[:] = [(reconciler, EntityFinder(reconciler))]
    return _FINDER[0][1]


@dataclass
class Document:
    """An article read once: its sentences, mentions, dates and context, which every later step shares."""

    article: Article
    body: str
    sentences: list[Sentence]
    orgs: list[Mention]
    people: list[Mention]
    places: list[Mention]
    dates: list[list[DateExpression]]
    context: Context
    triggers: list[list[tuple[str, int, int]]]  # the campaign words of each sentence
    today: date | None  # the publication date, or the day an undated text says is today
    place_starts: list[int] = field(default_factory=list)
    org_starts: list[int] = field(default_factory=list)
    finder: EntityFinder | None = None  # the finder that read it (the headline's places are looked up with it)

    def __post_init__(self) -> None:
        self.place_starts = [m.start for m in self.places]
        self.org_starts = [m.start for m in self.orgs]


# a URL path that names a month (".../2019/05/...") and no day of it
_URL_MONTH = re.compile(r"/(?:19|20)\d\d[/-]\d{1,2}(?:/|$)")
_URL_DAY = re.compile(r"(?:19|20)\d\d(?:[/-]\d{1,2}[/-]|\d\d)\d{1,2}(?:[/_.-]|$)|/(?:19|20)\d\d/[a-z]{3,9}/\d{1,2}(?:[/_.-]|$)", re.IGNORECASE)


def _month_only(article: Article) -> bool:
    """Whether the page's date is a month, not a day: a stated month, or a URL that names only the month."""
    if article.published_from == STATED_MONTH:
        return True
    path = article.url.split("?")[0]
    return article.published_from == URL_PATH and bool(_URL_MONTH.search(path)) and not _URL_DAY.search(path)


def analyse(article: Article, reconciler: Reconciler) -> Document:
    body = article.body
    finder = _finder(reconciler)
    sentences = split_sentences(body)
    orgs = finder.orgs(body)
    people = finder.people(body, orgs)
    places = finder.places(body, [(m.start, m.end) for m in orgs + people], orgs)
    if _month_only(article):
        # a page dated by its month only ("/2019/05/", "Published: May 2019"): its day is unknown, so a weekday or a
        # "since" stays open, as on an undated page; the month still gives a year to dates that name a month
        published, hint = None, article.published_date
    else:
        # an undated page that says "today, 18 March 2018", or whose lead dates what it reports ("X witnessed fresh
        # displacements from Aug. 11 to Aug. 14, 2019."): the day its relative dates count from (a day read from the
        # title or the address, where a page first went up, may be followed by days weeks later: a live blog)
        published = stated_today(body, article.published_date) or (
            derived_day(article.published_date) if article.published_date and article.published_from in (TITLE, URL_PATH)
            else article.published_date) or _lead_day(sentences)
        hint = None if published else title_hint(article.title or "")
    # "CITY, June 10 (Agency) - ...": the copy was filed that day, which its "since Tuesday" and "past week" count from
    published = _dateline_day(body, published, hint) or _report_day(article.title or "", published) or published
    dates = _the_year(_since_then(_read_dates(sentences, published, hint), [s.text for s in sentences]),
                      article.title or "")
    _reporting_period(article.title or "", published, sentences, dates)
    triggers = [triggers_in(s.text) for s in sentences]
    display: dict[str, str] = {}
    for mention in orgs:
        if mention.ref and not mention.reference:
            display.setdefault(mention.ref, mention.text)
    publisher_org, publisher_name = _publisher(article, finder, reconciler)
    if publisher_org is None and sentences and (briefing := _BRIEFING_SUMMARY.search(sentences[0].text)):
        # a briefing note copied onto another site: the body whose spokesperson spoke is the text's own
        at = sentences[0].start + briefing.end()
        speaker = next((m for m in orgs if m.start == at and m.ref), None)
        if speaker is not None:
            publisher_org, publisher_name = speaker.ref, speaker.text
    if publisher_org and publisher_name:
        display.setdefault(publisher_org, publisher_name)
    header = f"{article.title} {article.published_text} {article.publisher}".lower()
    context = Context(people, orgs, display, publisher_org, publisher_name, "press release" in header, published,
                      [m for m in places if m.rule == "place-world"], institution=publisher_name is not None,
                      org_names=_curated_names(reconciler, orgs), outlet=article.publisher or None,
                      media=frozenset(m.text for m in orgs if _a_medium(m, reconciler)))
    return Document(article, body, sentences, orgs, people, places, dates, context, triggers, published, finder=finder)


def _lead_day(sentences: list[Sentence]) -> date | None:
    """The last day the first sentence of an undated page states with its year (a day, or a span's last day), else
    None: the news the lead reports is of that day."""
    if not sentences:
        return None
    days = [e.end for e in find_dates(sentences[0].text, None) if e.kind in ("point", "period") and e.start and e.end
            and _YEAR.search(e.text) and (e.end - e.start).days <= 31 and not _MONTH_ONLY.fullmatch(e.text.strip())]
    return max(days) if days else None


def _read_dates(sentences: list[Sentence], published: date | None, hint: date | None) -> list[list[DateExpression]]:
    """Each sentence's dates. On a page with no date at all, the latest full date the text has stated so far gives
    the months after it their year ("since 1 December 2019 to 17 February, 875,000 fled. Of them, 40,000 between
    12 and 17 February": 2020)."""
    read: list[list[DateExpression]] = []
    latest: date | None = None
    for sentence in sentences:
        found = _sentence_dates(sentence.text, published, hint)
        if latest is not None and published is None and hint is None and not any(_YEAR.search(e.text) for e in found):
            found = find_dates(sentence.text, None, latest)
        found = _closed_since(sentence.text, _since_an_event_then(sentence.text, _after_dateline(sentence.text, found)))
        read.append(found)
        if published is None and hint is None:
            # (days the text speaks of, not the start of a long "since": "since the war began in 2011" says nothing of now)
            stated = [e.end for e in found if e.start and e.end and e.kind in ("point", "period") and _YEAR.search(e.text)
                      and _DAY_IN.search(_YEAR.sub("", e.text)) and (e.end - e.start).days <= 92]
            latest = max([*stated, *([latest] if latest else [])], default=None)
    return read


def _sentence_dates(text: str, published: date | None, hint: date | None) -> list[DateExpression]:
    """A sentence's dates. On a page with no date at all, a full date the sentence states ("As of 28 July, 192,000
    were displaced (ABC, 31 July 2025).") is the latest it can speak of: it gives its months their year."""
    found = find_dates(text, published, hint)
    if published is None and hint is None:
        # (a dated document's day too: "..., X said in a report dated 12 March 2019")
        stated = [e.start for e in found if e.kind in ("point", "as-of") and e.start and e.start == e.end and _YEAR.search(e.text)]
        if stated:
            return find_dates(text, None, max(stated))
    return found


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY_IN = re.compile(r"\b\d{1,2}\b")


# "during the reporting period", "in the period under review": the period a report's title states
_REPORTING_PERIOD = re.compile(r"\b" + REPORTING_PERIOD + r"\b", re.IGNORECASE)  # lexicon reporting_period


def _title_periods(title: str, published: date | None) -> list[DateExpression]:
    """The periods a report's title states ("Weekly Update, 1-7 June 2016", "IDP Movements, 16 - 31 July")."""
    # a title gives its range bare ("1-7 June 2016", "1 June - 7 June 2016"): read it as "from ... to ..."
    # (a report's number is no day: "Flash Update No.2 - 20 October 2019")
    ranged = re.sub(r"(?<![\w-])(?<!No\.)(?<!No\.\s)(?<!#)(?=\d{1,2}(?:\s+[A-Za-z]{3,9}\.?)?\s*(?:[-–]|to)\s*\d{1,2}\b)",
                    "from ", title)
    return [e for e in find_dates(ranged, published) if e.kind == "period" and e.start and e.end and e.start < e.end]


def title_period(title: str, published: date | None) -> tuple[date, date, str] | None:
    """The period an institution's periodic report covers, as its title states it: a range ("Weekly IDP Situation
    Monitoring, 30 Jan - 5 Feb 2017") or a monthly report's month ("Monthly Overview of IDP Movements, July 2019")."""
    if not _TRACKING_TITLE.search(title):
        return None  # (a flash update's or a situation report's counts run since dates of their own)
    stated = _title_periods(title, published)
    if len(stated) == 1 and stated[0].start and stated[0].end:
        return stated[0].start, stated[0].end, stated[0].text
    return title_month(title)


def headline_period(title: str, published: date | None) -> tuple[frozenset[int], tuple[date | None, date | None, str]] | None:
    """The counts a headline gives and the one time it gives them ("36,000 more civilians flee X in past 48 hours"):
    the body's telling of the same count with no time of its own is of that time. None when the headline gives no count,
    or no time, or more than one."""
    found = [e for e in find_dates(title, published) if e.start or e.end or e.kind == "past"]
    values = frozenset(n.value for n in find_numbers(title)) if len(found) == 1 else frozenset()
    if not values:
        return None
    start, end = close_period(found[0], published)
    return (values, (start, end, found[0].text)) if start or end else None


def covered_until(doc: Document) -> date | None:
    """The last day of the period a report says it covers, in its first sentences ("It covers the period from 24
    November to 30 November 2016."), when that day is on or before the report's date."""
    for index, sentence in enumerate(doc.sentences[:8]):
        if "period" in sentence.text and _COVERS_PERIOD.search(sentence.text):
            stated = [e.end for e in doc.dates[index] if e.kind == "period" and e.start and e.end]
            if stated and (doc.today is None or stated[0] <= doc.today):
                return stated[0]
            return None
    return None


def _reporting_period(title: str, published: date | None, sentences: list[Sentence],
                      dates: list[list[DateExpression]]) -> None:
    """A report's "during the reporting period" is the period its title states ("Weekly Update, 1-7 June 2016")."""
    said = [i for i, s in enumerate(sentences) if "period" in s.text and _REPORTING_PERIOD.search(s.text)]
    if not said:
        return
    stated = _title_periods(title, published)
    if not stated:
        return
    for index in said:
        found = _REPORTING_PERIOD.search(sentences[index].text)
        assert found is not None  # checked above
        dates[index] = sorted([*dates[index], replace(stated[0], text=found.group(0), begin=found.start(), finish=found.end(),
                                                      rule="reporting-period")], key=lambda e: e.begin)


# the phrasings a document is read by: each named and explained, with its examples and counter-examples, in
# lod/rules/document.yaml
RULES = rulefiles.load("document", MON=MON)
_MONTH_ONLY = RULES.pattern("month_only")
_BRIEFING_SUMMARY = RULES.pattern("briefing_summary")
_SINCE_THE_START = RULES.pattern("since_the_start")
_TRACKING_TITLE = RULES.pattern("tracking_title")
_MEDIUM_NAME = RULES.pattern("medium_name")
_LAUNCHED = RULES.pattern("launched")
_COVERS_PERIOD = RULES.pattern("covers_period")


def _since_then(dates: list[list[DateExpression]], sentence_texts: list[str]) -> list[list[DateExpression]]:
    """"Since then" (or a closing "since") starts at the last date the two sentences before gave: "The offensive
    began on 1 June. Since then, 5,000 people have fled." Left open when they gave none."""
    for index, found in enumerate(dates):
        for position, expression in enumerate(found):
            if expression.kind == "first-day":
                # "On the first day and night, 10,000 were evacuated": the first day of what began at the last "since"
                earlier = [found[:position], *(dates[back] for back in range(index - 1, max(-1, index - 6), -1))]
                # (or of the span told last: "in the month from 15 August, when it reopened" then "On the day it
                # reopened, 7,000 crossed")
                start = next((e.start for group in earlier for e in reversed(group)
                              if e.kind in ("since", "period") and e.start and e.start != e.end), None)
                if start is not None:
                    found[position] = replace(expression, kind="period", start=start,
                                              end=start + timedelta(days=expression.days or 0))
                continue
            if (expression.rule == "vague" and _SINCE_THE_START.match(expression.text)
                    or expression.rule == "event-subject" and len(found) == 1) and index:
                # "Since the start of the offensive, ...", "The offensive has displaced N": dated by a sentence just
                # before that says when it began ("The army launched an offensive on the area on Dec. 23")
                # (not the day it was said: "... after the offensive was launched, residents said on Monday")
                # (a day announced with the launch is its day: "X announced Oct. 9 the launch of the operation")
                began = next((e for back in range(index - 1, max(-1, index - 7), -1) for e in dates[back]
                              if e.kind in ("point", "since") and e.start and (launched := _LAUNCHED.search(sentence_texts[back]))
                              and (not _SAID_BEFORE.search(sentence_texts[back][: e.begin])
                                   or 0 <= launched.start() - e.finish <= 6)), None)
                if began is not None:
                    found[position] = replace(expression, kind="since", start=began.start, end=None)
                continue
            if expression.kind == "anaphor":
                resolved = _anaphor(expression, [found[:position], *(dates[back] for back in range(index - 1, max(-1, index - 3), -1))])
                if resolved.start and _SINCE_BEFORE.search(sentence_texts[index][: expression.begin]):
                    # "since the campaign began that month": a "since" period from that day, or the month's first
                    resolved = replace(resolved, kind="since", end=None)
                found[position] = resolved
                continue
            if expression.kind != "since-then":
                continue
            # (not the day it was said: "The agency said on Tuesday that 5,000 had fled since.")
            before = [e for e in found[:position] if e.start and not _SAID_BEFORE.search(sentence_texts[index][: e.begin])] \
                or ([e for e in dates[index - 1] if e.start] if index else [])
            if not before and index > 1:
                before = [e for e in dates[index - 2] if e.start]
            if before:
                found[position] = replace(expression, kind="since", start=before[-1].start, end=None)
        if any(e.rule == "event-subject" and e.start is None for e in found):
            # "The offensive has displaced N" with no start told before, or with a date of its own: no period of it
            dates[index] = [e for e in found if not (e.rule == "event-subject" and e.start is None)]
    return dates


_SINCE_BEFORE = RULES.pattern("since_before")
_SINCE_AN_EVENT_BEFORE = RULES.pattern("since_an_event_before")
_SINCE_THE_START_OF = RULES.pattern("since_the_start_of")
_EVENT_THEN_FORCING, _EVENT_VERB_BEFORE = RULES.pattern("event_then_forcing"), RULES.pattern("event_verb_before")
_AT_THE_END = RULES.pattern("at_the_end")
_SAID_BEFORE = rulefiles.load("periods").pattern("said_before")  # the rule lod.extract.periods reads a said-day by


def _anaphor(expression: DateExpression, earlier: list[list[DateExpression]]) -> DateExpression:
    """"That month" is the month of the last date the text gave (that sentence first, then the two before); "that day"
    / "the same day" that day, "the following day" / "a day later" the day after it. Open when the last date is no
    single day (or, for a month, spans more than one month). "In the same period" / "during that period" is the last
    span the text dated, whatever its kind."""
    if expression.months == -1:  # "in the same period": the span the text dated last, closed as it is
        # (a span before a day: "between 3 and 15 June, the agency said Tuesday" then "during that period")
        spans = [e for group in earlier for e in reversed(group)
                 if e.kind in ("point", "period", "since", "past") and e.rule not in ("that-time", "day-after")
                 and (e.start or e.kind == "past")]
        span = next((e for e in spans if e.kind != "point"), spans[0] if spans else None)
        return expression if span is None else replace(span, text=expression.text, begin=expression.begin,
                                                       finish=expression.finish, rule=expression.rule)
    last = next((e for group in earlier for e in reversed(group) if e.kind in ("point", "period") and e.start and e.end), None)
    if last is None or last.start is None or last.end is None:
        return expression
    if expression.months:
        if (last.start.year, last.start.month) != (last.end.year, last.end.month):
            return expression
        return replace(expression, kind="period", start=last.start.replace(day=1), end=month_end(last.start.year, last.start.month))
    if last.start != last.end:
        return expression
    day = last.start + timedelta(days=expression.days or 0)
    return replace(expression, kind="period", start=day, end=day)


# a dateline ("CITY, Jan. 7 (Agency) --", "CITY, Country, May 22 (Agency) -"): where and when the copy was filed
_DATELINE = RULES.pattern("dateline")
_DATELINE_BRACKETED = RULES.pattern("dateline_bracketed")


_UNTIL = RULES.pattern("until")


def _since_an_event_then(text: str, found: list[DateExpression]) -> list[DateExpression]:
    """"Since the beginning of an offensive by X against Y last month": a "since" period from the start of that
    month (or week), not the month itself, when the event's words stand between "since" and the time."""
    for position, expression in enumerate(found):
        if expression.rule == "last-week" and expression.start and _SINCE_AN_EVENT_BEFORE.search(text, 0, expression.begin):
            found[position] = replace(expression, kind="since", end=None)
        elif expression.kind in ("point", "period") and expression.start and _EVENT_THEN_FORCING.match(text, expression.finish) \
                and _EVENT_VERB_BEFORE.search(text, max(0, expression.begin - 120), expression.begin):
            # "The conflict escalated in X in early December, forcing more than 23,000 to flee": the flight since then
            found[position] = replace(expression, kind="since", end=None)
        elif expression.kind in ("point", "period") and expression.start and _SINCE_THE_START_OF.search(text, 0, expression.begin):
            # "Since the start of hostilities at the end of April, ...": from that day (the month's last, for its end)
            start = expression.end if _AT_THE_END.search(expression.text) and expression.end else expression.start
            found[position] = replace(expression, kind="since", start=start, end=None)
    return found


def _closed_since(text: str, found: list[DateExpression]) -> list[DateExpression]:
    """A "since" period with its end stated after it ("since the start of the campaign on 26 April until the end of
    May"): closed on that day (or the month's last day), not on the reporting date."""
    for position, expression in enumerate(found):
        if expression.kind != "since" or expression.start is None:
            continue
        until = _UNTIL.match(text, expression.finish)
        if not until:
            continue
        year = int(until.group("y")) if until.group("y") else expression.start.year
        try:
            if until.group("m"):
                month = MONTHS[until.group("m").rstrip(".").lower()]
                end = month_end(year, month)
            else:
                month = MONTHS[(until.group("dm") or until.group("md")).rstrip(".").lower()]
                end = date(year, month, int(until.group("d") or until.group("dd")))
        except (KeyError, ValueError):
            continue
        if end < expression.start and not until.group("y"):
            end = end.replace(year=year + 1) if not (end.month == 2 and end.day == 29) else end  # "since 1 December 2019 to 17 February"
        if end >= expression.start:
            found[position] = replace(expression, kind="period", end=end, finish=until.end())
    return found


# a date that opens the body before a dash, with no place: "15/06/2016 - ...", "15 June 2016 – ...", "June 15, 2016 | ..."
_DATE_LEAD = re.compile(r"\s*(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d\d|(?:\d{1,2}\s+" + MON + r"|" + MON + r"\s+\d{1,2}),?\s+(?:19|20)\d\d)"
                        r"\s*(?:--|[-–—|])\s")


def _dateline_day(body: str, published: date | None, hint: date | None) -> date | None:
    """The day a dateline at the head of the body gives, when it is on or before the page's date (a copy filed on 10
    June and put on a page on 15 June) or within the month a page is dated by; else None."""
    anchor = published or hint
    found = (_DATELINE.match(body) or _DATE_LEAD.match(body)) if anchor else None
    if found is None or anchor is None:
        return None
    day = next((e.start for e in find_dates(found.group(0), anchor) if e.kind == "point" and e.start and e.start == e.end), None)
    if day is None or day > anchor or (published is None and (day.year, day.month) != (anchor.year, anchor.month)):
        return None
    if day.year < anchor.year and not _YEAR.search(found.group(0)) and _days_after(day.replace(year=anchor.year) if
                                                                                  (day.month, day.day) != (2, 29) else None, anchor):
        return None  # "December 14" on a page dated 13 December: filed a day later, not a year before
    return day


def _days_after(day: date | None, anchor: date) -> bool:
    """Whether ``day`` falls in the week after ``anchor`` (a dateline a day or two after a page's stated date)."""
    return day is not None and 0 < (day - anchor).days <= 7


def _report_day(title: str, published: date | None) -> date | None:
    """The day a report's title gives ("Flash Update No. 3, 10 June 2016", "Situation Report (as of 10 June 2016)"),
    when it is on or before the page's date and at most two months before it: the report counts its "past week" and
    its "since" from that day, not from the day a site put it up."""
    if published is None or not _REPORT_TITLE.search(title):
        return None
    days = [e.start for e in find_dates(title, published) if e.kind in ("point", "as-of") and e.start and e.start == e.end
            and _YEAR.search(e.text)]
    return days[-1] if days and days[-1] <= published and (published - days[-1]).days <= 62 else None




def _after_dateline(text: str, found: list[DateExpression]) -> list[DateExpression]:
    """The dates of a sentence without its dateline's: the day the copy was filed is no period of what it reports."""
    dateline = (_DATELINE.match(text) or _DATE_LEAD.match(text) or _DATELINE_BRACKETED.match(text)) \
        if found and found[0].begin < 100 else None
    return [e for e in found if e.begin >= dateline.end()] if dateline else found


def _the_year(dates: list[list[DateExpression]], title: str) -> list[list[DateExpression]]:
    """"During the year" is the year the text named last, in that sentence or the three before ("In 2018, ... During
    the year, ..."), else the one year the title names ("Global Trends: Forced Displacement in 2018"); open otherwise."""
    title_years = {int(y) for y in re.findall(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])", title)}
    for index, found in enumerate(dates):
        for position, expression in enumerate(found):
            if expression.rule != "the-year":
                continue
            earlier = [found[:position], *(dates[back] for back in range(index - 1, max(-1, index - 4), -1))]
            year = next((e.start.year for group in earlier for e in reversed(group)
                         if e.rule == "in-year" and e.start is not None), None)
            if year is None and len(title_years) == 1:
                year = next(iter(title_years))
            if year is not None:
                found[position] = replace(expression, start=date(year, 1, 1), end=date(year, 12, 31))
    return dates


_REPORT_TITLE = RULES.pattern("report_title")


def own_report(doc: Document) -> bool:
    """An institution's own situation report (a flash update or sitrep): its text, and the sources it
    cites ("according to the health agency"), are the report itself, not reported speech. The sources still attribute
    the figures."""
    c = doc.context
    return bool(c.institution and not c.press_release and _REPORT_TITLE.search(doc.article.title or ""))


_MEDIA_WORDS = RULES.pattern("media_words")


def _a_medium(mention: Mention, reconciler: Reconciler) -> bool:
    """Whether an organization named is a medium (a curated one, or a name with a medium's word: "... News Agency")."""
    entry = reconciler.org_entry(mention.ref) if mention.ref else None
    return entry.type == "media" if entry else bool(_MEDIUM_NAME.search(mention.text))


def _curated_names(reconciler: Reconciler, orgs: list[Mention]) -> dict[str, tuple[str, ...]]:
    """The label and aliases of each curated organization named: what a later "the agency" may refer to."""
    names = {}
    for mention in orgs:
        entry = reconciler.org_entry(mention.ref) if mention.ref else None
        if entry is not None:
            names[entry.id] = (entry.label, *entry.aliases)
    return names


def _publisher(article: Article, finder: EntityFinder, reconciler: Reconciler) -> tuple[str | None, str | None]:
    """The organization that published the article when it is an institution (its own report): the curated
    (non-media) organization, or an organization's name that is no medium's ("the X Refugee Council (XRC), press
    release"; its id is then None). Found once per publisher and finder (a build's articles share a few publishers)."""
    known = finder.publishers.get(article.publisher)
    if known is None:
        if len(finder.publishers) >= 4096:
            finder.publishers.clear()
        known = finder.publishers[article.publisher] = _publisher_of(article.publisher, finder, reconciler)
    return known


def _publisher_of(publisher: str, finder: EntityFinder, reconciler: Reconciler) -> tuple[str | None, str | None]:
    mentions = finder.orgs(publisher)
    for mention in mentions:
        entry = reconciler.org_entry(mention.ref) if mention.ref else None
        if entry and entry.type == "media" and re.search(r"\bvia\s*$", publisher[: mention.start]):
            continue  # "X (XO), via ABC": the site that carried X's own text
        if entry and entry.type == "media":
            return None, None
        if entry:
            return entry.id, mention.text
    for mention in mentions:
        if mention.rule == "org-head" and mention.start == 0 and not _MEDIA_WORDS.search(publisher):
            return None, mention.text
    return None, None
