"""Incidents an article reports: each air strike, shelling, ground assault or change of territory becomes an event.

A sentence reports an incident when it has an incident word (``events.incident_triggers``, words in
``lod/rules/incidents.yaml``), names a place, and is not hypothetical; its date or period (resolved against the speaker's
date or the publication date) must be at most ``MAX_DAYS`` long, or the sentence describes a campaign. The event
keeps, from the same sentence: the places, the weapons, the armed actors it is attributed to and who says so
(the sentence's speaker, else the publisher), the casualties as counted, and what was hit. The same incident
restated later in the article (same type, a place in common, overlapping dates) stays one event.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from lod.extract.dates import DateExpression, close_period
from lod.extract.entities import Mention
from lod.extract.events import MAX_DAYS, casualties_in, incident_triggers, is_destination, target_in, weapons_in
from lod.extract.lexicon import ARMED_ACTORS
from lod.extract.sentences import Sentence
from lod.extract.statements import Found
from lod.model.records import CasualtyRecord, EventRecord, ObservationRecord, OrgMention, PlaceMention, Span
from lod.rdf.uris import normalise


def find_incidents(key: str, sentences: Sequence[Sentence], places: Sequence[Mention], orgs: Sequence[Mention],
                   dates: Sequence[Sequence[DateExpression]], speakers: dict[int, tuple[str, str, date | None]],
                   published: date | None, display: dict[str, str]) -> tuple[list[EventRecord], dict[int, list[str]]]:
    """Incident events of one article, and the keys of the incidents each sentence reports (by its start offset;
    a restatement gives the key of the incident it restates). ``speakers`` maps a sentence's index to
    (speaker, kind, date said)."""
    out: list[EventRecord] = []
    by_sentence: dict[int, list[str]] = {}
    place_starts = [m.start for m in places]  # mentions come sorted by start: a sentence's are a slice
    org_starts = [m.start for m in orgs]
    for index, sentence in enumerate(sentences):
        hits = incident_triggers(sentence.text)
        if not hits:
            continue
        inside = places[bisect_left(place_starts, sentence.start): bisect_left(place_starts, sentence.end)]
        where = [m for m in inside if m.rule != "place-in-org-name"
                 and not is_destination(sentence.text[: m.start - sentence.start])]
        if not where:
            continue
        speaker = speakers.get(index)
        start, end = _when(dates[index], speaker[2] if speaker else None, published)
        if start is not None and end is not None and (end - start).days > MAX_DAYS:
            continue
        actors: dict[str | None, OrgMention] = {}
        for mention in orgs[bisect_left(org_starts, sentence.start): bisect_left(org_starts, sentence.end)]:
            if mention.ref in ARMED_ACTORS:
                actors.setdefault(mention.ref, OrgMention(display.get(mention.ref, mention.text),
                                                         Span(mention.start, mention.end, mention.rule), mention.ref))
        mentions: dict[str, PlaceMention] = {}
        for m in where:
            mentions.setdefault(m.ref or m.text, PlaceMention(m.text, Span(m.start, m.end, m.rule), m.ref))
        casualties = [CasualtyRecord(kind, count, qualifier, unit, Span(sentence.start + s, sentence.start + e, "incident-casualties"))  # type: ignore[arg-type]
                      for kind, count, qualifier, unit, s, e in casualties_in(sentence.text)]
        for hit in hits:
            record = EventRecord(
                key=f"{key}-incident-{sentence.start}-{hit.type}",
                label=f"{hit.type.replace('-', ' ')}: {sentence.text[hit.start:hit.end]}, {', '.join(p.name for p in mentions.values())}",
                span=Span(sentence.start, sentence.end, f"incident-{hit.type}"),
                types=[hit.type],
                actors=list(actors.values()),
                places=list(mentions.values()),
                weapons=weapons_in(sentence.text),
                start=start,
                end=end,
                alleged_by=(speaker[0] if speaker else "") if actors or casualties else None,
                alleged_by_kind="person" if speaker and speaker[1] == "person" else "organization",
                casualties=casualties,
                target=target_in(sentence.text),
            )
            earlier = next((e for e in out if _restated(record, e)), None)
            if earlier is None:
                out.append(record)
            by_sentence.setdefault(sentence.start, []).append((earlier or record).key)
    return out, by_sentence


def _when(found: Sequence[DateExpression], said: date | None, published: date | None) -> tuple[date | None, date | None]:
    """The sentence's first period (else its first date other than the day it was said), closed against the day
    it was said (else the publication date)."""
    periods = [e for e in found if e.kind not in ("point", "as-of")]
    # "As of 20 December, ground fighting resumed": for an incident the day stated is its date
    points = [e if e.kind != "as-of" else replace(e, kind="point") for e in found
              if e.kind in ("point", "as-of") and not (said is not None and e.start == said)]
    for expression in periods + points:
        start, end = close_period(expression, said or published)
        if start is not None or end is not None:
            return start or end, end or start
    return None, None


def _restated(new: EventRecord, old: EventRecord) -> bool:
    """The same incident told again: same type, a place in common, and dates that overlap (or are both unknown)."""
    if new.types != old.types or not _place_keys(new) & _place_keys(old):
        return False
    if new.start is None or old.start is None:
        return new.start is None and old.start is None
    return new.start <= (old.end or old.start) and old.start <= (new.end or new.start)


def speakers_of(found: Sequence[Found]) -> dict[int, tuple[str, str, date | None]]:
    """Each sentence's first speaker: (name, person|organization, the date it was said)."""
    out: dict[int, tuple[str, str, date | None]] = {}
    for statement in found:
        out.setdefault(statement.index, (statement.speaker.name, statement.speaker.kind, statement.date))
    return out


def link_causes(observations: Sequence[ObservationRecord], by_sentence: dict[int, list[str]],
                sentences: Sequence[Sentence]) -> None:
    """A displacement figure stated in the sentence of an incident ("fled ... as a result of shelling") is caused by it."""
    starts = [s.start for s in sentences]
    for observation in observations:
        inner = observation.sentence or observation.span
        at = bisect_right(starts, inner.start) - 1 if inner is not None else -1
        sentence = sentences[at] if at >= 0 and inner is not None and inner.start < sentences[at].end else None
        if sentence is not None:
            observation.events.extend(k for k in by_sentence.get(sentence.start, []) if k not in observation.events)


def _place_keys(event: EventRecord) -> set[str]:
    return {p.ref for p in event.places if p.ref} | {normalise(p.name) for p in event.places}
