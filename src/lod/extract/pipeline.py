"""Putting the rules together: sentences, entities, statements, observations, events.

The article is read once (``document.py``), a figure's period is weighed in ``periods.py`` and its reporter in
``attribution.py``; their names are re-exported here for the code that imported them from this module.
"""

from __future__ import annotations

import re
from dataclasses import replace
from bisect import bisect_left
from datetime import date, timedelta

from lod.extract import rulefiles
from lod.extract.attribution import figure_reporter, mention_span
from lod.extract.cues import Gated
from lod.extract.dates import DateExpression, close_period
from lod.extract.document import Document, analyse, covered_until, headline_period, own_report, title_period
from lod.extract.entities import Mention
from lod.extract.events import violation_in, weapons_in
from lod.extract.incidents import find_incidents, link_causes, speakers_of
from lod.extract.lexicon import ARMED_ACTORS, COMMON_WEAPONS, EVENT_TYPES, FIGURE_SOURCES, FIGURE_WORDS, LIST_ITEM, RETURN_CUES
from lod.extract.mentions import surname
from lod.extract.numbers import find_numbers, has_count
from lod.extract.observations import FIGURE_AT, Figure, find_figures, flow_label, label_unit, names_no_flow
from lod.extract.periods import (
    FLOW_IN_WORDS_STARTS, Period, figure_period, refine_from_next, said_before, unit_before, words_flow_period,
)
from lod.extract.sentences import Sentence
from lod.extract.spans import SpanIndex
from lod.extract.statements import Found, StatementFinder
from lod.model.articles import Article
from lod.model.records import (
    EventRecord, Extraction, ObservationRecord, OrgMention, PersonRecord, PlaceMention, Span, StatementRecord,
)
from lod.places.reconcile import Reconciler

__all__ = ["EXTRACTOR", "QUALIFIER_CODES", "UNIT_CODES", "UNIT_WORDS", "Document", "Period", "analyse", "extract",
           "figure_period", "figure_reporter", "mention_span"]
# the names these had when they lived here
_Doc, _analyse, _period, _reporter, _mention_span = Document, analyse, figure_period, figure_reporter, mention_span

EXTRACTOR = "lod-rules/1"
QUALIFIER_CODES = {"more_than": "more-than", "at_least": "at-least", "about": "approximately", "up_to": "at-most",
                   "less_than": "less-than", "exact": "exact"}
UNIT_CODES = {"people": "persons", "individuals": "individuals", "families": "families", "households": "households"}
UNIT_WORDS = {code: word for word, code in UNIT_CODES.items()}  # a unit's code back to the word a figure reads with


def extract(article: Article, reconciler: Reconciler) -> Extraction:
    """Every fact the rules find in ``article``; an empty ``Extraction`` for an empty body."""
    if not article.body.strip():
        return Extraction(extractor=EXTRACTOR)
    doc = analyse(article, reconciler)
    statements = StatementFinder(doc.context).find(doc.body, doc.sentences, doc.dates)
    events = _events(doc)
    incidents, reported = find_incidents(article.key, doc.sentences, doc.places, doc.orgs, doc.dates, speakers_of(statements),
                               article.published_date, doc.context.org_display)
    observations = _observations(doc, reconciler, statements, events)
    link_causes(observations, reported, doc.sentences)
    with_figure = {o.sentence.start for o in observations if o.sentence}
    speech = not own_report(doc)  # the article's, looked up once: a report's own text is no one's speech
    records = _quotes_kept_whole(doc.body, [(found, _statement_record(doc, found, events, found.sentence.start in with_figure))
                                            for found in statements if _spoken(doc, found, speech)])
    return Extraction(
        organizations=_organizations(doc),
        people=_people(doc, reconciler),
        places=_places(doc),
        statements=records,
        observations=observations,
        events=events + incidents,
        extractor=EXTRACTOR,
    )


# observations -----------------------------------------------------------------------------
def _observations(doc: Document, reconciler: Reconciler, statements: list[Found], events: list[EventRecord]
                  ) -> list[ObservationRecord]:
    found: list[ObservationRecord] = []
    first: dict[tuple[int, str, str], ObservationRecord] = {}  # (figure, unit, qualifier) -> its first mention
    by_figure: dict[int, list[tuple[int, str, str]]] = {}  # figure -> the keys it was seen under
    by_sentence = {s.index: s for s in statements}
    previous: tuple[int, ObservationRecord] | None = None  # the last sentence with a flow, and its last figure's record
    title = " ".join((doc.article.title or "").split())
    # (a title of two topics, "X Refugee Returns/Syrian Refugees", is not all about going home)
    returning = bool(_RETURN_TITLE.search(title)) and not _FLIGHT.search(title) and not _RETURN_PREVENTED.search(title) \
        and not any(
        _PEOPLE_TOPIC.search(part) and not _RETURN_TITLE.search(part) for part in _TITLE_PARTS.split(title))
    heading = False  # under a heading that names a flow ("New displacements by district:"), its list items count
    flows: list[tuple[int, ObservationRecord]] = []  # each flow's sentence and record, in order
    heading_unit: str | None = None  # the unit a flow's heading names ("Newly displaced families by district:")
    dated_heading = False  # under a heading that states a period but names no flow ("Key figures (1-7 June):")
    heading_at = 0  # the heading's sentence: its period and its source are the items' ("Since 1 June, X recorded:")
    unnamed_day: date | None = None  # the day an unnamed source spoke ("a military source said on Sunday")
    heading_day: date | None = None  # the day a heading gives its items as of ("Key figures (as of 10 June):")
    # the source of a count that ends with a colon, which the counts in the sentences right after it carry ("1.4 million
    # displacements recorded by X in the last 12 months:" then "1.3 million from the north, including ...")
    introduced: tuple[int, OrgMention | None, date | None] | None = None
    # the period an institution's periodic report covers, as its title states it: its own counts with no date are of it
    titled = title_period(title, doc.today) if doc.context.institution else None
    covered = covered_until(doc) if doc.context.institution else None  # "It covers the period from 24 to 30 November"
    headline = headline_period(title, doc.today)  # ("36,000 more civilians flee X in past 48 hours")
    for index, sentence in enumerate(doc.sentences):
        if not _ITEM.match(sentence.text) and sentence.text.rstrip()[-1:] not in ".!?":
            # (a heading is a line with no full stop; what is under it keeps its day until the next such line, and a
            # count that ends in a colon is no heading unless it gives a day: "Key figures (as of 10 June):")
            heading_as_of = next((e.start for e in doc.dates[index] if e.kind == "as-of" and e.start), None)
            if heading_as_of or not sentence.text.rstrip().endswith(":"):
                heading_day = heading_as_of
        unnamed = _UNNAMED_SAID.search(sentence.text) if "source" in sentence.text or "official" in sentence.text else None
        if unnamed and (index not in by_sentence or by_sentence[index].speaker.rule == "speaker-unnamed"):
            unnamed_day = next((e.start for e in doc.dates[index] if e.kind == "point" and e.start
                                and abs(e.begin - unnamed.end()) <= 12), unnamed_day)
        if len(title.split()) >= 4 and " ".join(sentence.text.split()).startswith(title) and _restated_later(doc, index):
            continue  # the page repeats its headline at the head of the body, and the body tells its figures again
        listed = (heading or dated_heading) and bool(_LIST_ITEM.match(sentence.text))
        item = heading and listed
        if not listed:
            heading_at = index
        # a heading before a colon, or a table's first row whose cells name a flow ("| District | New IDPs (1-7 June) |")
        # a table's row of column names under a heading that names a flow ("New arrivals, 18-21 March:" then
        # "| Sub-district | Families |") keeps that heading, and its unit when the columns name none
        head_row = heading and not listed and _TABLE_ROW.search(sentence.text) is not None and not re.search(
            r"\d", sentence.text) and not names_no_flow(sentence.text)
        heading = item or head_row or ((_heading_line(doc, index) or _TABLE_ROW.search(sentence.text) is not None)
                                       and flow_label(sentence.text))
        # a heading that gives only dates ("Key figures (30 January - 5 February):"): items whose own label names a
        # flow ("• New families registered in X: 1,870") are counts of that period
        dated_heading = not item and (listed or not heading and sentence.text.rstrip().endswith(":") and any(
            e.kind in _STATED_KINDS for e in doc.dates[index]))
        if heading and not item:
            # "| Location | Newly arrived individuals |": the rows' unit
            heading_unit = label_unit(sentence.text) or (heading_unit if head_row else None)
        figures = find_figures(sentence.text, heading=item,
                               after_flow=UNIT_WORDS.get(previous[1].unit, "people")
                               if previous and previous[0] == index - 1 else None)
        if item and heading_unit:
            figures = [replace(f, unit=heading_unit) if not f.unit_text else f for f in figures]
        if not figures and previous and previous[0] == index - 1:
            figures = _figure_restated(sentence.text, previous[1].unit)
        elif not figures and index > 0 and _FIGURE_WORD.search(sentence.text) and _told_in_words(doc, index - 1):
            figures = _figure_restated(sentence.text, "people")  # "Thousands have fled. The agency put the figure at 20,000."
        if returning and not _FLIGHT.search(sentence.text):
            figures = []  # an article about going home: "1,300 families crossed into the country" is a return
        if figures and _WORLD.search(sentence.text):
            # "a record 38 million people have been displaced worldwide, with 2.2 million Iraqis ...": the world's
            # count and the other countries' beside it are no flight from here
            figures = [f for f in figures if not _WORLD.search(sentence.text, max(0, f.number.qstart - 60), f.end + 60)]
        if not figures:
            continue
        # A flow right after another, with no date in its own clause, is a part or a continuation of it ("... 11,000
        # people fled this week. About 8,000 found shelter in X and a further 3,000 fled to Y."): it takes that
        # flow's period, and its reporter when the sentence names none.
        before = previous[1] if previous and previous[0] == index - 1 else None
        if before is None or before.span.rule in _TOTAL_RULES:
            # a breakdown after a running total, or after a sentence that tells no count and no date ("Some 142,000 were
            # displaced between 1 and 10 February. This brings the total since 1 December to 700,000. Most of the newly
            # displaced moved north. X received 38,000 IDPs, Y some 21,500"): it is of the flow before them
            before = _flow_before(doc, index, flows) or before
        carried = (before.period_start, before.period_end, before.period_text) if before and (
            before.period_start or before.period_end) else None
        if carried is None and before is None and index > 0:
            carried = words_flow_period(doc, index - 1)
        twin = _twin_item(doc, index, flows) if not doc.dates[index] else None
        if twin is not None and (twin.period_start or twin.period_end):
            carried = (twin.period_start, twin.period_end, twin.period_text)  # the list's, not the note's before it
        if carried is not None and (_WHOLE_CONFLICT.search(sentence.text) or _TOTAL_REACHED.search(sentence.text)):
            # "... up to one million people have been displaced by the conflict", "the total number ... has reached N": a
            # total of its own time
            carried = None
        statement = by_sentence.get(index)
        if listed and heading_at < index:
            if carried is None:
                stated = [e for e in doc.dates[heading_at] if e.kind in _STATED_KINDS]
                if not stated and heading_at > 0 and _heading_line(doc, heading_at - 1):
                    # a table's first row under a heading that dates it ("Displacement figures, 1-11 October:")
                    stated = [e for e in doc.dates[heading_at - 1] if e.kind in _STATED_KINDS]
                said = by_sentence.get(heading_at)
                if stated:
                    start, end = close_period(stated[0], (said.date if said else None) or doc.today)
                    carried = (start, end, stated[0].text) if start or end else None
            if statement is None:
                statement = by_sentence.get(heading_at)
        reporter, reported = figure_reporter(doc, reconciler, statement, sentence)
        if statement is not None and reported is None and reporter is not None:
            # "X warns that 190,000 have fled since last month." then "X's spokesman offered the information in a
            # briefing on Monday.": the day it was told, in the next sentence (or the one after a part of the figure)
            reported = _told_next(doc, index) or reported
        if statement is None and introduced is not None and introduced[0] == index - 1:
            reporter, reported = introduced[1], introduced[2]  # "N displacements recorded by X:" then its counts
        introduced = (index, reporter, reported) if statement is not None and sentence.text.rstrip().endswith(":") or (
            statement is None and introduced is not None and introduced[0] == index - 1) else None
        if carried is not None and before is not None and statement is not None and (
                _other_source(before.reporter, reporter) or before.reporter is None and reporter is not None
                and statement.date is not None) and not _FIGURE_WORD.search(sentence.text):
            # (or a body that speaks on a day of its own after a flow no one was credited with: "105 buses brought
            # 6,786 people on Tuesday. On Tuesday, X said that 13,000 had left the enclave.")
            # "X said 12,000 fled this week. Y said 20,000 had left the town.": Y's count is its own ("Y put the figure
            # higher, saying 275,000 had fled" is another count of the same flight)
            carried = None
        if statement is None and index + 1 < len(doc.sentences):
            named_next = _source_named_next(doc, index + 1)  # "... fled. The figures were provided by X (on 12 June)."
            if named_next is not None:
                reporter, reported = named_next[0], named_next[1] or reported
        if reporter is None and statement is None and index + 1 < len(doc.sentences):
            # "... 39,000 civilians have fled over the last 24 hours. Name, director of X, told Y that the civilians left
            # their homes in A, B and C.": the one who tells of the same people next, with no count of their own
            told = by_sentence.get(index + 1)
            following = doc.sentences[index + 1].text
            if told is not None and (_THEY_FLED.search(following) or _THEY_AGAIN.match(following)) and not find_figures(following):
                # (or "Most of the families are staying with communities north of X, the agency stated")
                reporter, reported = figure_reporter(doc, reconciler, told, doc.sentences[index + 1])
        if reported is None and statement is None and unnamed_day and _THE_SOURCE.search(sentence.text):
            reported = unnamed_day  # "..., according to the source": the day that source spoke closes its periods
        places = _observation_places(doc, sentence)
        # a count ten times the flow before is a total of its own time, neither a part nor another estimate of that
        # flow ("... 3,000 fled on Monday. The war has driven 4.8 million from the country.")
        # "X said on Monday that 23,000 had fled. Of these, 5,000 arrived in the past three days.": the part goes on
        # with what X said that day, so the day closes its periods
        goes_on = before.report_date if before is not None and statement is None and reporter is None and \
            _GOES_ON.match(sentence.text) and not _OWN_SOURCE.search(sentence.text) else None
        # (a heading's "as of" day stands before the page's date: "KEY STATISTICS (AS OF 15 MAY)" in a 24 May update)
        # (the scale of the sentence before is its largest count, not its last list item's: "1,548,456 displacements,
        # including A (318,761), ..., B (1,546). This also includes around 43,000 under verification.")
        scale = max((r.figure for _, r in flows[-12:] if r.sentence == before.sentence), default=before.figure) \
            if before is not None else 0
        anchor = heading_day if heading_day and (reported is None or reported == doc.today) else \
            reported or goes_on or heading_day or doc.today
        periods = [figure_period(doc.dates[index], statement, anchor, sentence.text, figure,
                           carried if before is None or figure.number.value <= 10 * scale else None)
                   for figure in figures]
        for position in range(1, len(figures)):
            # "9,000 fled to X in the past week, 3,000 to Y": a part or list item with no date in its own stretch of
            # the sentence shares the period of the figure it continues
            if figures[position].rule in ("flow-list", "flow-part"):
                own_from = figures[position - 1].end
                own_to = figures[position + 1].number.qstart if position + 1 < len(figures) else len(sentence.text)
                # (not the day it was said: "30,000 fled since 10 June, of whom 6,000 were children, X said on Monday")
                own = [e for e in doc.dates[index] if figures[position].number.qstart <= e.begin < own_to and e.kind != "as-of"
                       and not said_before(sentence.text, e.begin)]
                compared = periods[position - 1][0]
                earlier = _EARLIER.search(sentence.text, figures[position].end, own_to)
                closed = periods[position - 1][1]
                if earlier and compared is not None and closed is not None and _COMPARED_BEFORE.search(
                        sentence.text[own_from: figures[position].number.qstart]):
                    # "reached 45,000 since 1 May, up from 30,000 a week earlier": the same total, closed that much earlier
                    back = _count_word(earlier.group("n")) * (7 if earlier.group("u").lower().startswith("week") else 1)
                    periods[position] = (compared, closed - timedelta(days=back), earlier.group(0))
                elif own and own[0].rule == "previous-week" and compared is not None:
                    # "3,100 arrived between 5 and 11 April, down from 6,200 the previous week": the week before that period
                    start, end = unit_before(compared, own[0].text)
                    periods[position] = (start, end, own[0].text)
                elif own:  # "9,000 fled over the past week, 2,000 of them on Monday": the part's own date
                    # (a part's "since" ends where its whole does: "17,500 fled between 14 October and 3 December,
                    # including 3,600 since early November")
                    start, end = close_period(own[0], closed if own[0].kind == "since" and compared is not None
                                              and closed is not None else reported or doc.today)
                    periods[position] = (start, end, own[0].text)
                elif not any(own_from <= e.begin < own_to for e in doc.dates[index]):
                    periods[position] = periods[position - 1]
        for position in range(1, len(figures)):
            # "62 – 66,000 ... as of 28 June": a range's two ends are one count of one time; "5,000 reached X on
            # Saturday, while 2,200 arrived in Y": two movements told side by side share the date
            if figures[position].number.range == "to" and figures[position - 1].number.range == "from" or (
                    periods[position][:2] == (None, None) and periods[position - 1][:2] != (None, None) and re.search(
                        r",\s+while\b", sentence.text[figures[position - 1].end: figures[position].number.qstart])):
                periods[position] = periods[position - 1]
        if reporter is None and statement is None and not _OWN_SOURCE.search(sentence.text) and (  # "..., saying 275,000
                carried is not None and any(p is carried for p in periods)  # had fled": a source of its own
                or before is not None and _GOES_ON.match(sentence.text)):  # "Another 4.8 million have fled abroad."
            reporter, reported = before.reporter if before else None, before.report_date if before else None
        if any(period[:2] == (None, None) for period in periods) and _VIOLENCE_SUBJECT.match(sentence.text):
            began = _violence_began(doc, index, flows)
            if began is not None:
                # "Since late April, X has been under bombardment. ... The violence has forced 330,000 to flee": the
                # violence the sentence refers back to is dated there
                start, end = close_period(began, anchor)
                periods = [(start, end, began.text) if period[:2] == (None, None) and (start or end) else period
                           for period in periods]
        if titled is not None and statement is None and reporter is not None and _publishers(doc, reporter):
            # ("Weekly IDP Situation Monitoring, 30 Jan - 5 Feb 2017": "8,521 IDP arrivals" are of that week)
            periods = [titled if period[:2] == (None, None) else period for period in periods]
        if covered is not None and statement is None and reporter is not None and _publishers(doc, reporter):
            # (a running count of the report's own, "since 24 November", stands at the last day it covers)
            periods = [(period[0], covered, period[2]) if period[1] == doc.today and period[0] is not None
                       and period[0] <= covered else period for period in periods]
        if headline is not None:  # the headline's count told again with no time of its own: the headline's time
            # (or with only its end, the headline's too: "280,000 in just over a week" under "... 280,000 since 27 November")
            periods = [headline[1] if (period[:2] == (None, None) or period[0] is None and period[1] == headline[1][1])
                       and figure.number.value in headline[0] else period for figure, period in zip(figures, periods)]
        seconds = [_second_source(doc, sentence, figure, figures[position - 1].end) if position else None
                   for position, figure in enumerate(figures)]
        for position, (figure, period) in enumerate(zip(figures, periods)):
            by = reporter
            if by is not None and statement is not None and _SAID_OF_ANOTHER_THING.fullmatch(
                    sentence.text, figure.end, statement.verb_start - sentence.start) and _SAYS_WHAT.match(
                    sentence.text, statement.verb_start - sentence.start + len(statement.verb)):
                by = None  # "3,000 fled on Monday, as the army said it had taken the town": the army said another thing
            # "X said 17,000 had fled, but Y said at least 75,000 had fled since May": Y's figure, and each source's
            # figure takes only a date told on its side of Y's name
            second = seconds[position]
            cut = next((at for _, at in filter(None, seconds[position + 1:])), None)
            if second is not None:
                by, named_at = second
                if not any(e.text == period[2] and e.begin >= named_at for e in doc.dates[index]):
                    period = (None, None, None)
            elif cut is not None and not any(e.text == period[2] and e.begin < cut for e in doc.dates[index]):
                period = (None, None, None)
            if by is None and (figure.rule == "flow-restated" or figure.rule == "flow-number-of" and _PUT_NUMBER.search(
                    sentence.text[: figure.number.qstart])):  # "the agency had put the figure at 45,000": its subject's
                # (and "X, in its latest update, put the number of people who fled ... at 45,000")
                named = [m for m in doc.orgs[bisect_left(doc.org_starts, sentence.start): bisect_left(doc.org_starts, sentence.end)]
                         if m.end <= sentence.start + figure.number.qstart and not m.reference]
                if named:
                    name = re.sub(r"^(?i:the)\s+", "", named[-1].text)
                    by = OrgMention(name, Span(named[-1].start, named[-1].end, named[-1].rule), named[-1].ref)
            record = _observation(doc, sentence, figure, by, reported, period,
                                  _clause_places(doc, sentence, figure, places) if ";" in sentence.text else places)
            if doc.triggers[index] and events:
                record.events = [events[0].key]
            if record.period_start is None and _OF_THE_GROUP.match(sentence.text[figure.number.end:]):
                if found:  # "400,000 of those who fled", "3,000 of the displaced": the period of the group it is part of
                    # (up to the day it stands at, when one is told: "as of 10 August, 6,500 of those who fled")
                    record.period_start, record.period_end = found[-1].period_start, record.period_end or found[-1].period_end
                    record.period_text = found[-1].period_text
            if found and statement is None and re.match(r"\s*of\s+(?:those|them|whom)\b", sentence.text[figure.number.end:]):
                # "70,000 of them arrived on Saturday": a part of the flow before, counted by the same source
                record.reporter, record.report_date = found[-1].reporter, found[-1].report_date
            refine_from_next(doc, index, record)
            key: tuple[int, str, str] = (record.figure, record.unit, record.qualifier)
            same_figure = by_figure.setdefault(record.figure, [])
            key = next((k for k in same_figure if _restated(first[k], record)), key)
            if key not in same_figure:
                same_figure.append(key)
            if key in first and not _another_time(first[key], record) and not (
                    first[key].sentence == record.sentence and first[key].span != record.span) and _caption(
                    doc, first[key]) and not _caption(doc, record):
                # (a photo's caption told it first: the article's own sentence is the observation)
                _merge(record, first[key])
                found[found.index(first[key])] = record
                first[key] = record
            elif key in first and not _another_time(first[key], record) and not (
                    first[key].sentence == record.sentence and first[key].span != record.span):  # "1,000 to X and another 1,000 to Y"
                _merge(first[key], record)
            else:
                first[key] = record
                found.append(record)
            previous = (index, first[key])
            flows.append((index, first[key]))
    return found


_TOTAL_RULES = frozenset({"flow-total", "flow-number-of"})
# the phrasings that link figures: each named and explained, with its examples and counter-examples, in
# lod/rules/pipeline.yaml
RULES = rulefiles.load("pipeline", RETURN_CUES=RETURN_CUES, LIST_ITEM=LIST_ITEM)
_GOES_ON = RULES.pattern("goes_on")
_ITEM_OPENING = RULES.pattern("item_opening")
_WORLD = RULES.pattern("world")
_TOLD_ON_BEFORE = RULES.pattern("told_on_before")
_PHOTO_CAPTION = RULES.pattern("photo_caption")
_SAID_OF_ANOTHER_THING, _SAYS_WHAT = RULES.pattern("said_of_another_thing"), RULES.pattern("says_what")
_OF_THE_GROUP = RULES.pattern("of_the_group")
_WHOLE_CONFLICT = RULES.pattern("whole_conflict")
_THEY_AGAIN = RULES.pattern("they_again")
_TOTAL_REACHED = RULES.pattern("total_reached")
_SECOND_SOURCE_BEFORE = RULES.pattern("second_source_before")
_SECOND_SOURCE_VERB = RULES.pattern("second_source_verb")


def _second_source(doc: Document, sentence: Sentence, figure: Figure, after: int) -> tuple[OrgMention, int] | None:
    """The body a figure is given by when a second source is named after ``after`` (the first's place) in its sentence,
    and where in the sentence it is named: "X said about 17,000 had fled, but the opposition-run Y council said at
    least 75,000 had"."""
    at = sentence.start + figure.number.qstart
    low, high = bisect_left(doc.org_starts, sentence.start + after), bisect_left(doc.org_starts, at)
    for mention in reversed(doc.orgs[low:high]):
        if mention.end < at and _SECOND_SOURCE_VERB.match(doc.body, mention.end, at) and \
                _SECOND_SOURCE_BEFORE.search(doc.body, sentence.start + after, mention.start):
            name = re.sub(r"^(?i:the)\s+", "", mention.text)
            return OrgMention(name, Span(mention.start, mention.end, mention.rule), mention.ref), mention.start - sentence.start
    return None


def _other_source(first: OrgMention | None, then: OrgMention | None) -> bool:
    """Whether two figures are named as coming from two different bodies (both named)."""
    if first is None or then is None:
        return False
    if first.ref and then.ref:
        return first.ref != then.ref
    return " ".join(first.name.lower().split()) != " ".join(then.name.lower().split())


def _told_next(doc: Document, index: int) -> date | None:
    """The day the next sentence says the figures were told ("... offered the information in a briefing on Monday.",
    "... told the Council by video on Thursday that ..."), or the one after a part of the figure ("The figure includes
    30,000 ...")."""
    for at in range(index + 1, min(index + 3, len(doc.sentences))):
        following = doc.sentences[at].text
        if at == index + 1 and _GOES_ON.match(following):
            continue  # (over a part of the figure: "The figure includes 30,000 displaced this month alone.")
        told = [e for e in doc.dates[at] if e.kind in ("point", "as-of") and e.start is not None
                and _TOLD_ON_BEFORE.search(following, max(0, e.begin - 120), e.begin)]
        return told[0].start if len(told) == 1 else None
    return None


def _twin_item(doc: Document, index: int, flows: list[tuple[int, ObservationRecord]]) -> ObservationRecord | None:
    """The flow of an earlier item of the same list, opened with the same words after its count, in the five
    sentences before ("1,548,456 displacements from affected areas of the north ... Nearly 30,000 displacements so far
    in February. 26,503 displacements from affected areas of the south")."""
    mine = _ITEM_OPENING.match(doc.sentences[index].text)
    if mine is None:
        return None
    words = mine.group("words").lower()
    for at, record in reversed(flows[-12:]):
        if at < index - 5:
            break
        theirs = _ITEM_OPENING.match(doc.sentences[at].text)
        if theirs is not None and theirs.group("words").lower() == words:
            return record
    return None


def _flow_before(doc: Document, index: int, flows: list[tuple[int, ObservationRecord]]) -> ObservationRecord | None:
    """The last flow of the three sentences before that is no running total, when every sentence between tells only a
    running total, or the same movement in words with neither a count nor a date ("Most of the newly displaced moved
    north.")."""
    recent = [(at, record) for at, record in flows[-6:] if at >= index - 3]
    if not any(record.span.rule not in _TOTAL_RULES for _, record in recent):
        return None  # the cheap test first: no flow of that kind in the three sentences before
    between: list[int] = []
    for back in range(index - 1, max(-1, index - 4), -1):
        here = [record for at, record in recent if at == back]
        if here and any(r.span.rule not in _TOTAL_RULES for r in here):
            flow = [r for r in here if r.span.rule not in _TOTAL_RULES][-1]
            # a sentence between that counts or dates is of something else ("The roads were cut on Monday."), unless it
            # only tells the same count again ('"We registered around 17,471 between 14 and 25 November," it said.')
            again = all(flow.figure in {n.value for n in find_numbers(doc.sentences[at].text)} for at in between)
            return flow if again else None
        if here or not (doc.dates[back] or not FLOW_IN_WORDS_STARTS.search(doc.sentences[back].text)
                         or find_numbers(doc.sentences[back].text)):
            continue  # a running total, or the same movement in words with no count and no date
        between.append(back)
    return None


# "The figures were provided by X.", "That is according to X.": the source of the figures told just before (lexicon
# figure_sources), searched only in a sentence that has its words (most name no figures)
_FIGURE_SOURCE = Gated(re.compile(FIGURE_SOURCES, re.IGNORECASE))


def _source_named_next(doc: Document, at: int) -> tuple[OrgMention, date | None] | None:
    """The organization a sentence with no count of its own names as the source of the figures before it, and the day
    it says they were issued ("... released by X on 12 June"), else None."""
    sentence = doc.sentences[at]
    found = _FIGURE_SOURCE.search(sentence.text)
    if not found or find_figures(sentence.text):
        return None
    named = [m for m in doc.orgs[bisect_left(doc.org_starts, sentence.start): bisect_left(doc.org_starts, sentence.end)]
             if not m.reference]
    if not named:
        return None
    at_text = sentence.start + found.start()
    mention = min(named, key=lambda m: abs(m.start - at_text))
    issued = next((e.start for e in doc.dates[at] if e.kind in ("as-of", "point") and e.start), None)
    return OrgMention(re.sub(r"^(?i:the)\s+", "", mention.text), Span(mention.start, mention.end, mention.rule), mention.ref), issued


def _restated_later(doc: Document, index: int) -> bool:
    """Whether every figure of a sentence is given again later in the body (a headline repeated at its head)."""
    values = {f.number.value for f in find_figures(doc.sentences[index].text)}
    later = {f.number.value for s in doc.sentences[index + 1:] for f in find_figures(s.text)} if values else set()
    return values <= later


_FIGURE_WORD = re.compile(r"\b" + FIGURE_WORDS + r"\b", re.IGNORECASE)  # lexicon figure_words


def _spoken(doc: Document, found: Found, speech: bool) -> bool:
    """Whether a statement found is someone's speech: not a source cited in brackets, and in an agency's own report
    (``speech`` False) only another named speaker it quotes ("The Special Envoy Name has announced that ..."), not the
    agency's own text or a body's data verbs ("X recorded 5,000 arrivals")."""
    if found.rule == "cited-source":
        return False
    return speech or (found.rule == "speaker-name" and found.type != "report"
                      and found.speaker.org_ref != doc.context.publisher_org)


def _told_in_words(doc: Document, index: int) -> bool:
    """The sentence tells a flight with no count of its own ("Thousands of people have fled the town.")."""
    text = doc.sentences[index].text
    return bool(FLOW_IN_WORDS_STARTS.search(text)) and not has_count(text)


def _heading_line(doc: Document, index: int) -> bool:
    """Whether a sentence is a heading line: it ends with a colon, or it is a short line with no full stop above a
    table's row ("IDP movements, 1-7 June" then "| Origin | Destination | Individuals |")."""
    text = doc.sentences[index].text.rstrip()
    if text.endswith(":"):
        return True
    return len(text) <= 100 and text[-1:] not in ".!?\"”'’)|" and "|" not in text and index + 1 < len(doc.sentences) \
        and _TABLE_ROW.search(doc.sentences[index + 1].text) is not None


def _figure_restated(text: str, unit_code: str) -> list[Figure]:
    """A count given for the flow of the sentence before as "the figure" ("... had put the figure at 45,000")."""
    unit = UNIT_WORDS.get(unit_code, "people")
    found = []
    for number in find_numbers(text):
        if FIGURE_AT.search(text[: number.qstart]) and not re.match(r"\s*(?:%|percent|per\s+cent)", text[number.end:]):
            found.append(Figure(number, unit, "", number.end, "flow-restated"))
    return found


_STATED_KINDS = ("period", "past", "since")  # the dates a heading states for the items under it
# an item of a list under a heading: "• District A: 12,000", "District B - 8,000 people"
_LIST_ITEM = re.compile(LIST_ITEM)  # lexicon list_item
_TABLE_ROW = re.compile(r"\S\s*\|\s*\S|\S\t|\S {3,}\S")  # cells apart: a bar, a tab or three spaces


_RETURN_TITLE = RULES.pattern("return_title")
_RETURN_PREVENTED = RULES.pattern("return_prevented")
_PEOPLE_TOPIC = RULES.pattern("people_topic")
_TITLE_PARTS = re.compile(r"\s*[/;|&]\s*|\s+and\s+")
_FLIGHT = RULES.pattern("flight")
_THEY_FLED = RULES.pattern("they_fled")
_UNNAMED_SAID = RULES.pattern("unnamed_said")
_THE_SOURCE = RULES.pattern("the_source")
_OWN_SOURCE = RULES.pattern("own_source")


_EARLIER = RULES.pattern("earlier")
_ITEM = RULES.pattern("item")
_COMPARED_BEFORE = RULES.pattern("compared_before")


def _count_word(word: str) -> int:
    return {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(word.lower()) or int(word)


_PUT_NUMBER = RULES.pattern("put_number")


def _observation(doc: Document, sentence: Sentence, figure: Figure, reporter: OrgMention | None, reported: date | None,
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


_HEADS = {"persons": "persons", "individuals": "persons", "families": "families", "households": "households"}


def _restated(earlier: ObservationRecord, again: ObservationRecord) -> bool:
    """The same figure again from the same source, in other words ("Over 80,000 people have fled" ... "the
    displacement of some 80,000 individuals"): one observation. Another source's figure stays its own."""
    if earlier.figure != again.figure or _HEADS[earlier.unit] != _HEADS[again.unit] or earlier.sentence == again.sentence:
        return False
    if (earlier.unit, earlier.qualifier) == (again.unit, again.qualifier):
        return False  # the same key: merged anyway
    mine, theirs = earlier.reporter, again.reporter
    if mine is None and theirs is not None:
        # "More than 150,000 have been displaced, a Kurdish official and a monitoring group said." ... "X said at least
        # 150,000 had fled": the same count, now with who counted it ("estimates put their number at 90,000")
        return True
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return (mine.ref or mine.name.lower()) == (theirs.ref or theirs.name.lower())


def _caption(doc: Document, record: ObservationRecord) -> bool:
    """Whether the record's sentence is a photo's caption (it ends with the photo's credit)."""
    sentence = record.sentence or record.span
    return _PHOTO_CAPTION.search(doc.body, sentence.start, sentence.end) is not None


def _another_time(earlier: ObservationRecord, again: ObservationRecord) -> bool:
    """The same figure for another period ("2,000 fled on Monday ... 2,000 more fled on Tuesday"): two observations.
    The same start closed on another day is the same flow told again ("since 19 June ... (XYZ 03/07/2018)", then
    "Displaced since 19 June: 270,000" in a key-figures box closed on the publication date)."""
    if earlier.period_start is not None and earlier.period_start == again.period_start:
        return False
    if _stood_within(earlier, again) or _stood_within(again, earlier):
        return False  # "Since 9 October, 15,759 have crossed" ... "As of 16 November, a total 15,759 have crossed"
    if _closed_same_day(earlier, again) or _closed_same_day(again, earlier):
        return False  # "displaces 270,000 as of 2 July" ... "has displaced 270,000 in two weeks as of 2 July"
    return (earlier.period_start or earlier.period_end) is not None and (again.period_start or again.period_end) is not None \
        and (earlier.period_start, earlier.period_end) != (again.period_start, again.period_end)


def _stood_within(running: ObservationRecord, stood: ObservationRecord) -> bool:
    """Whether ``stood`` is the day a running count "since X" stood at ("as of 16 November"), within that count's span."""
    return running.period_start is not None and running.period_end is not None and stood.period_start is None and \
        stood.period_end is not None and running.period_start <= stood.period_end <= running.period_end and \
        bool(re.match(r"\s*since\b", running.period_text or "", re.IGNORECASE))


def _closed_same_day(running: ObservationRecord, stood: ObservationRecord) -> bool:
    """Whether ``stood`` is a count with no start on the day ``running`` ends."""
    return running.period_start is not None and stood.period_start is None and stood.period_end is not None and \
        stood.period_end == running.period_end


def _merge(first: ObservationRecord, again: ObservationRecord) -> None:
    """A restatement adds the details the first mention lacks (period, reporter, date, places)."""
    if first.period_start is None and first.period_end is None:
        first.period_start, first.period_end, first.period_text = again.period_start, again.period_end, again.period_text
    elif _stood_within(first, again):
        first.period_end = again.period_end  # a running count "since X" closed on the day the restatement stands at
    elif _closed_same_day(again, first):
        first.period_start, first.period_text = again.period_start, again.period_text  # its start told again
    if again.reporter and (first.reporter is None or first.reporter.ref is None and again.reporter.ref):
        first.reporter = again.reporter
        first.report_date = first.report_date or again.report_date
    if first.report_date is None:
        first.report_date = again.report_date
    known = {p.name for p in first.places}
    first.places += [p for p in again.places if p.name not in known and first.places == []]


def _observation_places(doc: Document, sentence: Sentence) -> list[PlaceMention]:
    low = bisect_left(doc.place_starts, sentence.start)
    high = bisect_left(doc.place_starts, sentence.end)
    inside = [m for m in doc.places[low:high] if m.rule != "place-in-org-name"]
    places = [PlaceMention(m.text, Span(m.start, m.end, m.rule), m.ref) for m in inside]
    origins = [m for m in inside if not _is_destination(doc.body, m)]
    if not origins:
        finder = doc.finder
        if finder is not None:
            known = {p.name for p in places}
            places += [PlaceMention(text, None, ref) for text, ref in finder.headline_places(doc.article.title)
                       if text not in known]
    return places


def _clause_places(doc: Document, sentence: Sentence, figure: Figure, places: list[PlaceMention]) -> list[PlaceMention]:
    """Not the places of another count's clause when semicolons part the sentence ("14,000 new displacements in X;
    31,000 returns from Y and Z"); the headline's when none is left ("... 500 arrived on Tuesday; they were sent
    to a camp in X" keeps X)."""
    text, kept = sentence.text, []
    for place in places:
        at = place.span.start - sentence.start if place.span is not None else figure.number.qstart
        low = text.rfind(";", 0, at) + 1
        high = text.find(";", at) if text.find(";", at) >= 0 else len(text)
        if low <= figure.number.qstart < high or not _DIGITS.search(text, low, high):
            kept.append(place)
    if kept or not places:
        return kept
    finder = doc.finder
    return [PlaceMention(text, None, ref) for text, ref in finder.headline_places(doc.article.title)] if finder else []


_DIGITS = re.compile(r"\d")


_TOWARDS_BEFORE = RULES.pattern("towards_before")


def _is_destination(body: str, mention: Mention) -> bool:
    before = body[max(0, mention.start - 30): mention.start]
    return mention.rule == "place-border" or bool(_TOWARDS_BEFORE.search(before))


# statements -------------------------------------------------------------------------------
def _statement_record(doc: Document, found: Found, events: list[EventRecord], has_figure: bool) -> StatementRecord:
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


_VIOLENCE_SUBJECT = RULES.pattern("violence_subject")
_VIOLENCE_WORD = RULES.pattern("violence_word")


def _violence_began(doc: Document, index: int, flows: list[tuple[int, ObservationRecord]]) -> DateExpression | None:
    """The "since" of the violence told in the three sentences before ``index`` with no flow of their own ("Since late
    April, X has been under relentless bombardment."), the nearest first."""
    with_flow = {at for at, _ in flows}
    for back in range(index - 1, max(-1, index - 4), -1):
        if back in with_flow:
            return None  # (a flow told in between has its own period, which the pipeline carries)
        since = [e for e in doc.dates[back] if e.kind == "since" and e.start]
        if since and _VIOLENCE_WORD.search(doc.sentences[back].text):
            return since[0]
    return None


def _publishers(doc: Document, reporter: OrgMention) -> bool:
    """Whether a figure's reporter is the institution that published the text."""
    c = doc.context
    return reporter.ref == c.publisher_org if c.publisher_org else reporter.name == c.publisher_name


def _quotes_kept_whole(body: str, made: list[tuple[Found, StatementRecord]]) -> list[StatementRecord]:
    """A quote that runs on in the next sentence of the same paragraph is one statement ('"..." said Name. "..."'): the
    sentence that goes on with it joins the one before."""
    records: list[StatementRecord] = []
    for found, record in made:
        last = records[-1] if records else None
        if last is not None and found.rule == "quote-continuation" and last.speaker == record.speaker \
                and not body[last.span.end: record.span.start].strip() and "\n" not in body[last.span.end: record.span.start]:
            records[-1] = replace(last, span=Span(last.span.start, record.span.end, last.span.rule))
            continue
        records.append(record)
    return records


# events -----------------------------------------------------------------------------------
_PREFERRED = ("bombing-campaign", "military-campaign", "offensive", "onslaught", "assault", "escalation")


def _events(doc: Document) -> list[EventRecord]:
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
_LEADING_DETERMINER = re.compile(r"^(?:the|its|their)\s+", re.IGNORECASE)
_LEADING_DETERMINER_OF_NAME = re.compile(r"^(?i:the|its|their)\s+(?=[A-Z])")


def _organizations(doc: Document) -> list[OrgMention]:
    seen: dict[str, OrgMention] = {}
    for mention in doc.orgs:  # one per surface form: an acronym, its dotted form and the full name are all listed
        surface = _LEADING_DETERMINER.sub("", mention.text).lower()
        key = f"{mention.ref}|{surface}" if not mention.reference else f"{mention.ref}|ref"
        current = seen.get(key)
        if current is None:
            rule = ("ref:" if mention.reference else "") + mention.rule
            name = _LEADING_DETERMINER_OF_NAME.sub("", mention.text) if not mention.reference else mention.text
            seen[key] = OrgMention(name, Span(mention.start, mention.end, rule), mention.ref)
    return list(seen.values())


def _people(doc: Document, reconciler: Reconciler) -> list[PersonRecord]:
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
        called = surname(record.name)
        if re.search(r"(?<![\w-])" + re.escape(called) + r"(?![\w-])", doc.body.replace(record.name, "")):
            record.aliases.append(called)
    return list(people.values())


def _places(doc: Document) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for mention in doc.places:
        seen.setdefault(mention.text, PlaceMention(mention.text, Span(mention.start, mention.end, mention.rule), mention.ref))
    return list(seen.values())
