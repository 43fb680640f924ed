"""Putting the rules together: sentences, entities, statements, observations, events."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from lod.articles import Article
from lod.extract.dates import DateExpression, close_period, find_dates, stated_today, title_hint
from lod.extract.entities import EntityFinder, Mention
from lod.extract.events import triggers_in, violation_in, weapons_in
from lod.extract.incidents import find_incidents, link_causes, speakers_of
from lod.extract.lexicon import (
    ARMED_ACTORS, COLLECTIVE_SPEAKERS, COMMON_WEAPONS, EVENT_TYPES, FIGURE_PREDICATES, FIGURE_WORDS, FLOW_NOUNS, LIST_ITEM,
    REPORTING_PERIOD, RETURN_CUES,
)
from lod.extract.observations import FIGURE_AT, Figure, find_figures, flow_label
from lod.extract.numbers import find_numbers
from lod.extract.sentences import Sentence, split_sentences
from lod.extract.spans import SpanIndex
from lod.extract.statements import Context, Found, StatementFinder
from lod.records import (
    EventRecord, Extraction, ObservationRecord, OrgMention, PersonRecord, PlaceMention, Span, StatementRecord,
)
from lod.reconcile import Reconciler

EXTRACTOR = "lod-rules/1"
QUALIFIER_CODES = {"more_than": "more-than", "at_least": "at-least", "about": "approximately", "up_to": "at-most",
                   "less_than": "less-than", "exact": "exact"}
UNIT_CODES = {"people": "persons", "individuals": "individuals", "families": "families", "households": "households"}
UNIT_WORDS = {code: word for word, code in UNIT_CODES.items()}  # a unit's code back to the word a figure reads with
# The finder of the reconciler used last: building one compiles every alias, so it is kept while the same
# reconciler is used (one per process: a command, or the web app's publishing context). One slot, not one per
# reconciler ever seen, which held every reconciler and its gazetteer alive for the life of the process.
_FINDER: list[tuple[Reconciler, EntityFinder]] = []


def _finder(reconciler: Reconciler) -> EntityFinder:
    if not _FINDER or _FINDER[0][0] is not reconciler:
        _FINDER[:] = [(reconciler, EntityFinder(reconciler))]
    return _FINDER[0][1]


@dataclass
class _Doc:
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

    def __post_init__(self) -> None:
        self.place_starts = [m.start for m in self.places]
        self.org_starts = [m.start for m in self.orgs]


def extract(article: Article, reconciler: Reconciler) -> Extraction:
    """Every fact the rules find in ``article``; an empty ``Extraction`` for an empty body."""
    if not article.body.strip():
        return Extraction(extractor=EXTRACTOR)
    doc = _analyse(article, reconciler)
    statements = StatementFinder(doc.context).find(doc.body, doc.sentences, doc.dates)
    events = _events(doc)
    incidents, reported = find_incidents(article.key, doc.sentences, doc.places, doc.orgs, doc.dates, speakers_of(statements),
                               article.published_date, doc.context.org_display)
    observations = _observations(doc, reconciler, statements, events)
    link_causes(observations, reported, doc.sentences)
    with_figure = {o.sentence.start for o in observations if o.sentence}
    records = [_statement_record(doc, found, events, found.sentence.start in with_figure) for found in statements
               if not _own_report(doc)]
    return Extraction(
        organizations=_organizations(doc),
        people=_people(doc, reconciler),
        places=_places(doc),
        statements=records,
        observations=observations,
        events=events + incidents,
        extractor=EXTRACTOR,
    )


def _analyse(article: Article, reconciler: Reconciler) -> _Doc:
    body = article.body
    finder = _finder(reconciler)
    sentences = split_sentences(body)
    orgs = finder.orgs(body)
    people = finder.people(body, orgs)
    places = finder.places(body, [(m.start, m.end) for m in orgs + people], orgs)
    published = article.published_date or stated_today(body)  # an undated page that says "today, 18 March 2018"
    hint = None if published else title_hint(article.title or "")
    dates = _since_then([find_dates(s.text, published, hint) for s in sentences])
    _reporting_period(article.title or "", published, sentences, dates)
    triggers = [triggers_in(s.text) for s in sentences]
    display: dict[str, str] = {}
    for mention in orgs:
        if mention.ref and not mention.reference:
            display.setdefault(mention.ref, mention.text)
    publisher_org, publisher_name = _publisher(article, finder, reconciler)
    if publisher_org and publisher_name:
        display.setdefault(publisher_org, publisher_name)
    header = f"{article.title} {article.published_text} {article.publisher}".lower()
    context = Context(people, orgs, display, publisher_org, publisher_name, "press release" in header, published,
                      [m for m in places if m.rule == "place-world"], institution=publisher_name is not None)
    return _Doc(article, body, sentences, orgs, people, places, dates, context, triggers, published)


# "during the reporting period", "in the period under review": the period a report's title states
_REPORTING_PERIOD = re.compile(r"\b" + REPORTING_PERIOD + r"\b", re.IGNORECASE)  # lexicon reporting_period


def _reporting_period(title: str, published: date | None, sentences: list[Sentence],
                      dates: list[list[DateExpression]]) -> None:
    """A report's "during the reporting period" is the period its title states ("Weekly Update, 1-7 June 2016")."""
    said = [i for i, s in enumerate(sentences) if "period" in s.text and _REPORTING_PERIOD.search(s.text)]
    if not said:
        return
    # a title gives its range bare ("1-7 June 2016", "1 June - 7 June 2016"): read it as "from ... to ..."
    ranged = re.sub(r"(?<![\w-])(?=\d{1,2}(?:\s+[A-Za-z]{3,9}\.?)?\s*(?:[-–]|to)\s*\d{1,2}\b)", "from ", title)
    stated = [e for e in find_dates(ranged, published) if e.kind == "period" and e.start and e.end and e.start < e.end]
    if not stated:
        return
    for index in said:
        found = _REPORTING_PERIOD.search(sentences[index].text)
        assert found is not None  # checked above
        dates[index] = sorted([*dates[index], replace(stated[0], text=found.group(0), begin=found.start(), finish=found.end(),
                                                      rule="reporting-period")], key=lambda e: e.begin)


def _since_then(dates: list[list[DateExpression]]) -> list[list[DateExpression]]:
    """"Since then" (or a closing "since") starts at the last date the two sentences before gave: "The offensive
    began on 1 June. Since then, 5,000 people have fled." Left open when they gave none."""
    for index, found in enumerate(dates):
        for position, expression in enumerate(found):
            if expression.kind == "first-day":
                # "On the first day and night, 10,000 were evacuated": the first day of what began at the last "since"
                earlier = [found[:position], *(dates[back] for back in range(index - 1, max(-1, index - 6), -1))]
                start = next((e.start for group in earlier for e in reversed(group) if e.kind == "since" and e.start), None)
                if start is not None:
                    found[position] = replace(expression, kind="period", start=start,
                                              end=start + timedelta(days=expression.days or 0))
                continue
            if expression.kind != "since-then":
                continue
            before = [e for e in found[:position] if e.start] or ([e for e in dates[index - 1] if e.start] if index else [])
            if not before and index > 1:
                before = [e for e in dates[index - 2] if e.start]
            if before:
                found[position] = replace(expression, kind="since", start=before[-1].start, end=None)
    return dates


_REPORT_TITLE = re.compile(r"\b(?:Flash\s+Update|Situation\s+Report|Sitrep|Situation\s+Update|Humanitarian\s+Update)\b",
                           re.IGNORECASE)


def _own_report(doc: _Doc) -> bool:
    """An institution's own situation report (a flash update or sitrep): its text, and the sources it
    cites ("according to the health agency"), are the report itself, not reported speech. The sources still attribute
    the figures."""
    c = doc.context
    return bool(c.institution and not c.press_release and _REPORT_TITLE.search(doc.article.title or ""))


# words that make a publisher's name a medium's, not an institution's ("... News", "... Times", "... Media Network")
_MEDIA_WORDS = re.compile(r"\b(?:News|Times|Post|Press|Media|Television|TV|Radio|Channel|Broadcasting|Tribune|Herald|"
                          r"Journal|Gazette|Daily|Magazine|Newspaper|Agency|Wire)\b")


def _publisher(article: Article, finder: EntityFinder, reconciler: Reconciler) -> tuple[str | None, str | None]:
    """The organization that published the article when it is an institution (its own report): the curated
    (non-media) organization, or an organization's name that is no medium's ("the X Refugee Council (XRC), press
    release"; its id is then None)."""
    mentions = finder.orgs(article.publisher)
    for mention in mentions:
        entry = reconciler.org_entry(mention.ref) if mention.ref else None
        if entry and entry.type == "media":
            return None, None
        if entry:
            return entry.id, mention.text
    for mention in mentions:
        if mention.rule == "org-head" and mention.start == 0 and not _MEDIA_WORDS.search(article.publisher):
            return None, mention.text
    return None, None


def _span(start: int, end: int, rule: str) -> Span | None:
    return Span(start, end, rule) if end > start >= 0 else None


# observations -----------------------------------------------------------------------------
def _observations(doc: _Doc, reconciler: Reconciler, statements: list[Found], events: list[EventRecord]
                  ) -> list[ObservationRecord]:
    found: list[ObservationRecord] = []
    first: dict[tuple[int, str, str], ObservationRecord] = {}  # (figure, unit, qualifier) -> its first mention
    by_figure: dict[int, list[tuple[int, str, str]]] = {}  # figure -> the keys it was seen under
    by_sentence = {s.index: s for s in statements}
    previous: tuple[int, ObservationRecord] | None = None  # the last sentence with a flow, and its last figure's record
    title = " ".join((doc.article.title or "").split())
    returning = bool(_RETURN_TITLE.search(title)) and not _FLIGHT.search(title)
    heading = False  # under a heading that names a flow ("New displacements by district:"), its list items count
    heading_at = 0  # the heading's sentence: its period and its source are the items' ("Since 1 June, X recorded:")
    for index, sentence in enumerate(doc.sentences):
        if len(title.split()) >= 4 and " ".join(sentence.text.split()).startswith(title) and _restated_later(doc, index):
            continue  # the page repeats its headline at the head of the body, and the body tells its figures again
        item = heading and bool(_LIST_ITEM.match(sentence.text))
        if not item:
            heading_at = index
        heading = item or (sentence.text.rstrip().endswith(":") and flow_label(sentence.text))
        figures = find_figures(sentence.text, heading=item,
                               after_flow=UNIT_WORDS.get(previous[1].unit, "people")
                               if previous and previous[0] == index - 1 else None)
        if not figures and previous and previous[0] == index - 1:
            figures = _figure_restated(sentence.text, previous[1].unit)
        elif not figures and index > 0 and _FIGURE_WORD.search(sentence.text) and _told_in_words(doc, index - 1):
            figures = _figure_restated(sentence.text, "people")  # "Thousands have fled. The agency put the figure at 20,000."
        if returning and not _FLIGHT.search(sentence.text):
            figures = []  # an article about going home: "1,300 families crossed into the country" is a return
        if not figures:
            continue
        # A flow right after another, with no date in its own clause, is a part or a continuation of it ("... 11,000
        # people fled this week. About 8,000 found shelter in X and a further 3,000 fled to Y."): it takes that
        # flow's period, and its reporter when the sentence names none.
        before = previous[1] if previous and previous[0] == index - 1 else None
        carried = (before.period_start, before.period_end, before.period_text) if before and (
            before.period_start or before.period_end) else None
        if carried is None and before is None and index > 0:
            carried = _words_flow_period(doc, index - 1)
        statement = by_sentence.get(index)
        if item and heading_at < index:
            if carried is None:
                stated = [e for e in doc.dates[heading_at] if e.kind in ("period", "past", "since")]
                said = by_sentence.get(heading_at)
                if stated:
                    start, end = close_period(stated[0], (said.date if said else None) or doc.today)
                    carried = (start, end, stated[0].text) if start or end else None
            if statement is None:
                statement = by_sentence.get(heading_at)
        reporter, reported = _reporter(doc, reconciler, statement, sentence)
        places = _observation_places(doc, sentence)
        # a count ten times the flow before is a total of its own time, neither a part nor another estimate of that
        # flow ("... 3,000 fled on Monday. The war has driven 4.8 million from the country.")
        periods = [_period(doc.dates[index], statement, reported or doc.today, sentence.text, figure,
                           carried if before is None or figure.number.value <= 10 * before.figure else None)
                   for figure in figures]
        for position in range(1, len(figures)):
            # "9,000 fled to X in the past week, 3,000 to Y": a part or list item with no date in its own stretch of
            # the sentence shares the period of the figure it continues
            if figures[position].rule in ("flow-list", "flow-part"):
                own_from = figures[position - 1].end
                own_to = figures[position + 1].number.qstart if position + 1 < len(figures) else len(sentence.text)
                own = [e for e in doc.dates[index] if figures[position].number.qstart <= e.begin < own_to and e.kind != "as-of"]
                if own:  # "9,000 fled over the past week, 2,000 of them on Monday": the part's own date
                    start, end = close_period(own[0], reported or doc.today)
                    periods[position] = (start, end, own[0].text)
                elif not any(own_from <= e.begin < own_to for e in doc.dates[index]):
                    periods[position] = periods[position - 1]
        for position in range(1, len(figures)):
            # "5,000 reached X on Saturday, while 2,200 arrived in Y": two movements told side by side share the date
            if periods[position][:2] == (None, None) and periods[position - 1][:2] != (None, None) and re.search(
                    r",\s+while\b", sentence.text[figures[position - 1].end: figures[position].number.qstart]):
                periods[position] = periods[position - 1]
        if carried is not None and any(p is carried for p in periods) and reporter is None and statement is None \
                and not _OWN_SOURCE.search(sentence.text):  # "..., saying 275,000 had fled": a source of its own
            reporter, reported = before.reporter if before else None, before.report_date if before else None
        for figure, period in zip(figures, periods):
            by = reporter
            if by is None and figure.rule == "flow-restated":  # "the agency had put the figure at 45,000": its subject's
                named = [m for m in doc.orgs[bisect_left(doc.org_starts, sentence.start): bisect_left(doc.org_starts, sentence.end)]
                         if m.end <= sentence.start + figure.number.qstart and not m.reference]
                if named:
                    name = re.sub(r"^(?i:the)\s+", "", named[-1].text)
                    by = OrgMention(name, Span(named[-1].start, named[-1].end, named[-1].rule), named[-1].ref)
            record = _observation(doc, sentence, figure, by, reported, period, places)
            if doc.triggers[index] and events:
                record.events = [events[0].key]
            if record.period_start is None and record.period_end is None and re.match(r"\s*of\s+(?:those|them|whom)\b",
                                                                                       sentence.text[figure.number.end:]):
                if found:  # "400,000 of those who fled": the period of the group it is part of
                    record.period_start, record.period_end = found[-1].period_start, found[-1].period_end
                    record.period_text = found[-1].period_text
            if found and statement is None and re.match(r"\s*of\s+(?:those|them|whom)\b", sentence.text[figure.number.end:]):
                # "70,000 of them arrived on Saturday": a part of the flow before, counted by the same source
                record.reporter, record.report_date = found[-1].reporter, found[-1].report_date
            _refine_from_next(doc, index, record)
            key: tuple[int, str, str] = (record.figure, record.unit, record.qualifier)
            same_figure = by_figure.setdefault(record.figure, [])
            key = next((k for k in same_figure if _restated(first[k], record)), key)
            if key not in same_figure:
                same_figure.append(key)
            if key in first and not _another_time(first[key], record):
                _merge(first[key], record)
            else:
                first[key] = record
                found.append(record)
            previous = (index, first[key])
    return found


def _restated_later(doc: _Doc, index: int) -> bool:
    """Whether every figure of a sentence is given again later in the body (a headline repeated at its head)."""
    values = {f.number.value for f in find_figures(doc.sentences[index].text)}
    later = {f.number.value for s in doc.sentences[index + 1:] for f in find_figures(s.text)} if values else set()
    return values <= later


_FIGURE_WORD = re.compile(r"\b" + FIGURE_WORDS + r"\b", re.IGNORECASE)  # lexicon figure_words


def _told_in_words(doc: _Doc, index: int) -> bool:
    """The sentence tells a flight with no count of its own ("Thousands of people have fled the town.")."""
    text = doc.sentences[index].text
    return bool(_FLOW_IN_WORDS.search(text)) and not any(
        n.value >= 100 and not (1900 <= n.value <= 2100 and "," not in n.text) for n in find_numbers(text))


def _figure_restated(text: str, unit_code: str) -> list[Figure]:
    """A count given for the flow of the sentence before as "the figure" ("... had put the figure at 45,000")."""
    unit = UNIT_WORDS.get(unit_code, "people")
    found = []
    for number in find_numbers(text):
        if FIGURE_AT.search(text[: number.qstart]) and not re.match(r"\s*(?:%|percent|per\s+cent)", text[number.end:]):
            found.append(Figure(number, unit, "", number.end, "flow-restated"))
    return found


# an item of a list under a heading: "• District A: 12,000", "District B - 8,000 people"
_LIST_ITEM = re.compile(LIST_ITEM)  # lexicon list_item


# a flight told in words, with no count: "Thousands of people fled the town over the weekend."
_FLOW_IN_WORDS = re.compile(r"\b(?:" + FIGURE_PREDICATES["flow"] + r"|" + FLOW_NOUNS + r")\b", re.IGNORECASE)  # lexicon flow_nouns


def _words_flow_period(doc: _Doc, index: int) -> Period | None:
    """The period of the sentence before when it tells the same movement in words and has no count of its own
    ("Thousands fled the town over the weekend. Some 5,000 reached the camp."): a figure that follows takes it."""
    sentence = doc.sentences[index]
    periods = [e for e in doc.dates[index] if e.kind in ("period", "past", "since")]
    counts = [n for n in find_numbers(sentence.text) if n.value >= 100 and not (1900 <= n.value <= 2100 and "," not in n.text)]
    if len(periods) != 1 or counts or not _FLOW_IN_WORDS.search(sentence.text):  # a count, flow or not: not in words
        return None
    start, end = close_period(periods[0], doc.today)
    return (start, end, periods[0].text) if start or end else None


# a headline about people going home, and the words that make a movement a flight whatever the headline says
_RETURN_TITLE = re.compile(r"\b(?:" + RETURN_CUES + r"|return(?:s|ed|ing)?)\b", re.IGNORECASE)
_FLIGHT = re.compile(r"\b(?:fle[de]\w*|flee\w*|displac\w+|uproot\w+|forced|forcibly|escap\w+|evacuat\w+|expelled|driven)\b",
                     re.IGNORECASE)
_OWN_SOURCE = re.compile(r"\b(?:said|says|saying|told|according\s+to|reported|estimated|estimates)\b", re.IGNORECASE)


def _observation(doc: _Doc, sentence: Sentence, figure: Figure, reporter: OrgMention | None, reported: date | None,
                 period: tuple[date | None, date | None, str | None], places: list[PlaceMention]) -> ObservationRecord:
    number = figure.number
    start = sentence.start + number.qstart
    end = sentence.start + figure.end
    return ObservationRecord(
        figure=number.value,
        qualifier=QUALIFIER_CODES[number.qualifier],  # type: ignore[arg-type]
        unit=UNIT_CODES[figure.unit],  # type: ignore[arg-type]
        span=Span(start, end, figure.rule),
        figure_text=number.text,
        unit_text=figure.unit_text,
        qualifier_text=number.qualifier_text,
        places=list(places),
        area_text=", ".join(p.name for p in places) or None,
        period_start=period[0],
        period_end=period[1],
        period_text=period[2],
        reporter=reporter,
        report_date=reported,
        sentence=Span(sentence.start, sentence.end, "sentence-split"),
    )


def _reporter(doc: _Doc, reconciler: Reconciler, statement: Found | None, sentence: Sentence
              ) -> tuple[OrgMention | None, date | None]:
    c = doc.context
    if statement is None:
        if c.institution and sentence.text[:1] not in "\"“" and not _UNNAMED_SOURCE.search(sentence.text):
            return OrgMention(c.org_display.get(c.publisher_org or "", c.publisher_name or ""), None, c.publisher_org), c.published
        return None, None
    speaker = statement.speaker
    if speaker.rule == "speaker-collective":  # "activists say": a group of people, not an organization
        return None, statement.date
    span = _mention_span(doc, sentence, speaker.org_ref)
    if speaker.kind == "organization":
        return OrgMention(speaker.name, span, speaker.org_ref), statement.date
    if speaker.org_name:
        ref = reconciler.org(speaker.org_name)
        name = speaker.org_name
        owner = re.match(r"(?:the\s+)?(?P<o>.+?)['’]s?\s+\w", speaker.org_name)
        if ref is None and owner and (owner_ref := reconciler.org(owner.group("o"))):  # "the X's political committee"
            ref = owner_ref
            name = c.org_display.get(owner_ref, owner.group("o"))
        if ref is None:  # "the foundation's coordinator": the organization of that kind named in the article
            head = speaker.org_name.split()[-1].lower().rstrip("’'s")
            for mention in doc.orgs:
                entry = reconciler.org_entry(mention.ref) if mention.ref else None
                if entry and head in entry.label.lower().split():
                    ref, name = entry.id, mention.text
                    break
        if ref:
            name = c.org_display.get(ref, name) if name.lower().startswith(("the ", "foundation")) else name
        return OrgMention(name, _mention_span(doc, sentence, ref), ref), statement.date
    return None, statement.date


# a source that names no organization ("according to local officials"): the figure is not the publisher's own
_UNNAMED_SOURCE = re.compile(r"\baccording\s+to\s+(?:the\s+|some\s+)?" + COLLECTIVE_SPEAKERS + r"\b|"
                             r"\b(?i:an?|one)\s+(?:[\w.’'-]+\s+){0,3}(?i:official|source|activist|doctor|resident)\s+"
                             r"(?i:said|says|told|tells)\b")


def _mention_span(doc: _Doc, sentence: Sentence, ref: str | None) -> Span | None:
    low = bisect_left(doc.org_starts, sentence.start)
    high = bisect_left(doc.org_starts, sentence.end)
    for mention in doc.orgs[low:high]:
        if ref and mention.ref == ref:
            return Span(mention.start, mention.end, mention.rule)
    return None


# Where one clause of a sentence ends and the next, with its own figure and period, begins.
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—]\s|,\s+(?:in\s+addition\s+to|bringing|taking|raising|while|whereas|but|and|"
                           r"as\s+well\s+as|compared\s+(?:with|to)|up\s+from|down\s+from|after|including|adding\s+to)\b|\b(?:while|whereas)\b")


Period = tuple[date | None, date | None, str | None]
# a relative clause about a place or a thing, not the people counted
_INSERTED = re.compile(r"(?:,\s+(?:including|among\s+them|of\s+whom|mostly|most\s+of\s+them)\b(?:[^,;:—–()]|(?<=\d),(?=\d)){1,60},"
                       r"|\s[–—]\s(?:[^,;:—–]|(?<=\d),(?=\d)){1,60}\s[–—])\s+(?:have\s+|had\s+|were\s+|was\s+|are\s+)?[a-z]")
_WHERE_WHICH = re.compile(r",\s+(?:where|which)\b[^,;]*", re.IGNORECASE)
_COMPARISON = re.compile(r",\s+(?:up\s+from|down\s+from|compared\s+(?:with|to))\b", re.IGNORECASE)
# a clause that adds the figure to a total: the total does not share the period of the clause before
_CUMULATIVE = re.compile(r",\s+(?:in\s+addition\s+to|adding\s+to|bringing|taking|raising)\b", re.IGNORECASE)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told(?:\s+[\w.’'-]+){1,3}|reported|announced|stated|added|noted|confirmed|"
                          r"estimated)\s+$", re.IGNORECASE)
# what may come before a period that opens the sentence ("• Since 9 March, ...")
_FRONTED = re.compile(r"^[\W\d]{0,3}(?:(?:And|But|So)\s+)?$")


def _period(expressions: list[DateExpression], statement: Found | None, reported: date | None, text: str = "",
            figure: Figure | None = None, carried: Period | None = None) -> Period:
    """The period of a figure: the nearest one in the figure's clause, else ``carried`` (the period of the flow
    this one continues), else the nearest in the sentence.

    The date the figure was reported (the statement's point date) is not its period.
    """
    as_of = next((e.start for e in expressions if e.kind == "as-of"), None)
    # "..., the monitoring group reported on Tuesday": the day it was said, not the figure's period
    said = [e for e in expressions if e.kind == "point" and _SAID_BEFORE.search(text[: e.begin])]
    reported = as_of or (said[0].start if said and statement is None else None) or reported
    # "The agency said last week that 5,000 had fled": when it was said, a span too wide to be its reporting day, and not
    # the figure's period
    said_in = [e for e in expressions if e.kind == "period" and _SAID_BEFORE.search(text[: e.begin])]
    candidates = [e for e in expressions if e.kind != "as-of" and e not in said and e not in said_in
                  and not (statement and e.kind == "point" and e.text == statement.date_text)]
    if figure is not None:  # "5,000 fled the town, where 200 were killed last week": the date of the place's clause
        aside = [(m.start(), m.end()) for m in _WHERE_WHICH.finditer(text)
                 if not m.start() <= figure.number.qstart < m.end()]
        candidates = [e for e in candidates if e.kind == "since" or not any(a <= e.begin < b for a, b in aside)]
    if not candidates:
        # "As of 9 June, 60,000 people were displaced": a total on a day, not a part of the flow told before
        return (None, None, None) if as_of else carried or (None, None, None)
    chosen = candidates[0]
    if figure is not None:
        lo, hi = figure.number.qstart, figure.end
        # a part inserted before the verb ("5,000 people, including 2,000 children, fled on Monday", "5,000 people — 1,000
        # families — fled") is no clause of its own: the date after the verb is the whole's
        inserted = [(m.start(), m.end()) for m in _INSERTED.finditer(text)] if "," in text or "—" in text or "–" in text else []
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text) if not any(a <= m.start() < b for a, b in inserted)]

        def clause(at: int) -> int:
            return sum(1 for b in breaks if b < at)

        def rank(e: DateExpression) -> tuple[int, int]:
            distance = lo - e.finish if e.finish <= lo else max(0, e.begin - hi)
            return (clause(e.begin) != clause(lo), distance)

        chosen = min(candidates, key=rank)
        if figure.rule in ("flow-number-of", "flow-total"):
            # "the number of people who have fled since December reached 900,000 this week": the running total's own
            # period is the one inside its noun phrase
            inside = [e for e in candidates if e.kind in ("since", "past") and e.finish <= lo and clause(e.begin) == clause(lo)]
            if inside:
                chosen = inside[-1]
        fronted = candidates[0]
        if fronted is not chosen and chosen.finish <= lo and _FRONTED.match(text[: fronted.begin]) and \
                text[fronted.finish:].lstrip().startswith(","):
            chosen = fronted  # "Since 9 March, after fighting over the last two months, 80,000 fled": the fronted one
        if carried is not None and clause(chosen.begin) != clause(lo):
            return carried
        if chosen.kind == "point" and clause(chosen.begin) != clause(lo) and not _FRONTED.match(text[: chosen.begin]):
            # "The army pressed its offensive on Thursday, and the agency said 120,000 had fled": the day of another
            # clause's event is not the figure's period
            return None, None, None
        opening = [m for m in _CLAUSE_BREAK.finditer(text) if m.start() < lo]
        if clause(chosen.begin) != clause(lo) and opening and _CUMULATIVE.match(opening[-1].group(0)):
            return None, None, None  # "..., adding to the more than 800,000 who have crossed": a total of its own time
        if clause(chosen.begin) != clause(lo) and opening and _COMPARISON.match(opening[-1].group(0)):
            return None, None, None  # "1.8 million fled in 2015, up from 824,000": the compared figure is of another time
        later = [m for m in _CLAUSE_BREAK.finditer(text) if hi <= m.start() <= chosen.begin]
        if later and _COMPARISON.match(later[-1].group(0)):
            return None, None, None  # "N new displacements, up from 824,000 in 2016": the year of the other figure
        if later and _CUMULATIVE.match(later[-1].group(0)):
            return None, None, None  # "5,000 fled, bringing the total since January to 300,000": the total's period
    start, end = close_period(chosen, reported)
    return start, end, chosen.text


def _refine_from_next(doc: _Doc, index: int, record: ObservationRecord) -> None:
    """'The displacement between 12 and 25 December ...' right after a figure dates that figure."""
    if index + 1 >= len(doc.sentences):
        return
    following = doc.sentences[index + 1].text
    if not re.match(r"(?:The|This|That)\s+(?:mass\s+|latest\s+|recent\s+|new\s+|wave\s+of\s+)?(?:displacement|exodus)\b", following):
        return
    if find_figures(following):
        return
    ranges = [d for d in doc.dates[index + 1] if d.kind == "period" and d.start and d.end]
    if ranges:
        record.period_start, record.period_end, record.period_text = ranges[0].start, ranges[0].end, ranges[0].text


_HEADS = {"persons": "persons", "individuals": "persons", "families": "families", "households": "households"}


def _restated(earlier: ObservationRecord, again: ObservationRecord) -> bool:
    """The same figure again from the same source, in other words ("Over 80,000 people have fled" ... "the
    displacement of some 80,000 individuals"): one observation. Another source's figure stays its own."""
    if earlier.figure != again.figure or _HEADS[earlier.unit] != _HEADS[again.unit] or earlier.sentence == again.sentence:
        return False
    if (earlier.unit, earlier.qualifier) == (again.unit, again.qualifier):
        return False  # the same key: merged anyway
    mine, theirs = earlier.reporter, again.reporter
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return (mine.ref or mine.name.lower()) == (theirs.ref or theirs.name.lower())


def _another_time(earlier: ObservationRecord, again: ObservationRecord) -> bool:
    """The same figure for another period ("2,000 fled on Monday ... 2,000 more fled on Tuesday"): two observations."""
    return (earlier.period_start or earlier.period_end) is not None and (again.period_start or again.period_end) is not None \
        and (earlier.period_start, earlier.period_end) != (again.period_start, again.period_end)


def _merge(first: ObservationRecord, again: ObservationRecord) -> None:
    """A restatement adds the details the first mention lacks (period, reporter, date, places)."""
    if first.period_start is None and first.period_end is None:
        first.period_start, first.period_end, first.period_text = again.period_start, again.period_end, again.period_text
    if again.reporter and (first.reporter is None or first.reporter.ref is None and again.reporter.ref):
        first.reporter = again.reporter
        first.report_date = first.report_date or again.report_date
    if first.report_date is None:
        first.report_date = again.report_date
    known = {p.name for p in first.places}
    first.places += [p for p in again.places if p.name not in known and first.places == []]


def _observation_places(doc: _Doc, sentence: Sentence) -> list[PlaceMention]:
    low = bisect_left(doc.place_starts, sentence.start)
    high = bisect_left(doc.place_starts, sentence.end)
    inside = [m for m in doc.places[low:high] if m.rule != "place-in-org-name"]
    places = [PlaceMention(m.text, Span(m.start, m.end, m.rule), m.ref) for m in inside]
    origins = [m for m in inside if not _is_destination(doc.body, m)]
    if not origins:
        finder = _FINDER[0][1] if _FINDER else None
        if finder is not None:
            headline = [m for m in finder.places(doc.article.title, []) if m.ref]
            known = {p.name for p in places}
            places += [PlaceMention(m.text, None, m.ref) for m in headline if m.text not in known]
    return places


def _is_destination(body: str, mention: Mention) -> bool:
    before = body[max(0, mention.start - 30): mention.start]
    return mention.rule == "place-border" or bool(re.search(r"\b(?:near|to|towards|into|reach(?:ed)?|in\s+areas\s+near)\s+(?:the\s+)?$", before))


# statements -------------------------------------------------------------------------------
def _statement_record(doc: _Doc, found: Found, events: list[EventRecord], has_figure: bool) -> StatementRecord:
    weapons = weapons_in(found.sentence.text)
    kind = found.type
    if kind == "assessment" and len([w for w in weapons if w not in COMMON_WEAPONS]) >= 2:
        kind = "allegation"
    elif kind == "assessment" and has_figure:
        kind = "report"
    event_keys = [events[0].key] if events and doc.triggers[found.index] else []
    return StatementRecord(
        speaker=found.speaker.name,
        speaker_kind=found.speaker.kind,  # type: ignore[arg-type]
        verb=found.verb,
        type=kind,  # type: ignore[arg-type]
        span=Span(found.sentence.start, found.sentence.end, found.rule),
        date=found.date,
        date_text=found.date_text,
        weapons=weapons,
        events=event_keys,
    )


# events -----------------------------------------------------------------------------------
_PREFERRED = ("bombing-campaign", "military-campaign", "offensive", "onslaught", "assault", "escalation")


def _events(doc: _Doc) -> list[EventRecord]:
    hits: list[tuple[str, int, int, Sentence]] = []
    for sentence, triggers in zip(doc.sentences, doc.triggers):
        for kind, start, end in triggers:
            hits.append((kind, sentence.start + start, sentence.start + end, sentence))
    if not hits:
        return []
    kinds = [h[0] for h in hits]
    main = min(kinds, key=_PREFERRED.index)
    label_hit = next(h for h in hits if h[0] == main)
    sentences = {h[3] for h in hits}
    in_sentences = SpanIndex(sorted((s.start, s.end) for s in sentences))
    actors: dict[str, OrgMention] = {}
    places: dict[str, PlaceMention] = {}
    for mention in doc.orgs:
        if mention.ref in ARMED_ACTORS and in_sentences.covers(mention.start):
            actors.setdefault(mention.ref, OrgMention(doc.context.org_display.get(mention.ref, mention.text),
                                                      Span(mention.start, mention.end, mention.rule), mention.ref))
    for mention in doc.places:
        if in_sentences.covers(mention.start) and mention.rule != "place-in-org-name":
            places.setdefault(mention.ref or mention.text, PlaceMention(mention.text, Span(mention.start, mention.end, mention.rule), mention.ref))
    weapons = weapons_in(doc.body)
    violates = next((v for v in (violation_in(s.text) for s in sorted(sentences, key=lambda s: s.start)) if v), None)
    label = doc.body[label_hit[1]: label_hit[2]]
    return [EventRecord(
        key=f"{doc.article.key}-{main}",
        label=label,
        span=Span(label_hit[1], label_hit[2], f"event-{main}"),
        types=sorted({EVENT_TYPES[k] for k in kinds}),
        actors=list(actors.values()),
        places=list(places.values()),
        weapons=weapons,
        violates=violates,
    )]


# entities ---------------------------------------------------------------------------------
def _organizations(doc: _Doc) -> list[OrgMention]:
    seen: dict[str, OrgMention] = {}
    for mention in doc.orgs:  # one per surface form: an acronym, its dotted form and the full name are all listed
        surface = re.sub(r"^(?:the|its|their)\s+", "", mention.text, flags=re.IGNORECASE).lower()
        key = f"{mention.ref}|{surface}" if not mention.reference else f"{mention.ref}|ref"
        current = seen.get(key)
        if current is None:
            rule = ("ref:" if mention.reference else "") + mention.rule
            name = re.sub(r"^(?i:the|its|their)\s+(?=[A-Z])", "", mention.text) if not mention.reference else mention.text
            seen[key] = OrgMention(name, Span(mention.start, mention.end, rule), mention.ref)
    return list(seen.values())


def _people(doc: _Doc, reconciler: Reconciler) -> list[PersonRecord]:
    people: dict[str, PersonRecord] = {}
    for mention in doc.people:
        record = people.get(mention.text)
        if record is None:
            record = people[mention.text] = PersonRecord(mention.text, Span(mention.start, mention.end, mention.rule))
        if mention.role and record.role is None:
            record.role = mention.role
            if mention.org_text:
                record.org = OrgMention(mention.org_text, None, reconciler.org(mention.org_text))
        elif mention.org_text and record.org is None:
            record.org = OrgMention(mention.org_text, None, reconciler.org(mention.org_text))
    for record in people.values():
        surname = record.name.split()[-1]
        if re.search(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", doc.body.replace(record.name, "")):
            record.aliases.append(surname)
    return list(people.values())


def _places(doc: _Doc) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for mention in doc.places:
        seen.setdefault(mention.text, PlaceMention(mention.text, Span(mention.start, mention.end, mention.rule), mention.ref))
    return list(seen.values())
