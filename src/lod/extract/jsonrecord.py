"""An ``Extraction`` as the reviewable record of ``../shared/articles/README.md``, with the span and
the rule of every fact as extra fields."""

from __future__ import annotations

from datetime import date
from typing import Any

from lod.model.articles import Article
from lod.model.records import Extraction, Span

# The record format has five qualifiers (exact, at_least, more_than, about, up_to): a figure bounded from above
# ("fewer than 1,000", "under 500") is written up_to, as "up to" and "as many as" are; the RDF keeps less-than
QUALIFIERS = {"more-than": "more_than", "at-least": "at_least", "approximately": "about", "at-most": "up_to",
              "less-than": "up_to", "exact": "exact"}
UNITS = {"persons": "people", "individuals": "individuals", "families": "families", "households": "households"}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def to_record_json(article: Article, extraction: Extraction) -> dict[str, Any]:
    """The gold-record form of one article's extraction (qualifier/unit codes as in the README)."""
    body = article.body
    displacement = []
    for o in extraction.observations:
        sentence = o.sentence or o.span
        low, high = o.bounds
        displacement.append({
            "figure": o.figure,
            "qualifier": QUALIFIERS[o.qualifier],
            "unit": UNITS[o.unit],
            "places": [p.name for p in o.places],
            "period_start": _iso(o.period_start),
            "period_end": _iso(o.period_end),
            "reported_by": o.reporter.name if o.reporter else None,
            "reported_on": _iso(o.report_date),
            "text": body[sentence.start: sentence.end],
            "span": _span(o.span),
            "rule": o.span.rule,
            "figure_text": body[o.span.start: o.span.end],
            "bounds": [low, high],
            "place_refs": [p.ref for p in o.places],
            "reporter_ref": o.reporter.ref if o.reporter else None,
            "period_text": o.period_text,
            "events": o.events,
        })
    organizations = []
    for org in extraction.organizations:
        if org.span and org.span.rule.startswith("ref:"):
            continue
        organizations.append(org.name)
    return {
        "file": article.path,
        "title": article.title,
        "source_url": article.url,
        "publisher": article.publisher,
        "published": article.published_text,
        "published_date": article.published_date.isoformat() if article.published_date else None,
        "published_from": article.published_from,
        "displacement": displacement,
        "organizations": organizations,
        "people": [{"name": p.name, "role": p.role, "org": p.org.name if p.org else None,
                    "span": _span(p.span), "rule": p.span.rule if p.span else None} for p in extraction.people],
        "places": [p.name for p in extraction.places],
        "statements": [{"speaker": s.speaker, "verb": s.verb, "text": body[s.span.start: s.span.end],
                        "speaker_kind": s.speaker_kind, "type": s.type, "date": _iso(s.date),
                        "span": _span(s.span), "rule": s.span.rule, "weapons": s.weapons, "events": s.events}
                       for s in extraction.statements],
        "events": [{"key": e.key, "label": e.label, "types": e.types, "span": _span(e.span),
                    "actors": [a.name for a in e.actors], "actor_refs": [a.ref for a in e.actors],
                    "places": [p.name for p in e.places], "weapons": e.weapons, "violates": e.violates}
                   for e in extraction.events],
        "place_details": [{"name": p.name, "ref": p.ref, "span": _span(p.span), "rule": p.span.rule if p.span else None}
                          for p in extraction.places],
        "organization_details": [{"name": o.name, "ref": o.ref, "span": _span(o.span), "rule": o.span.rule if o.span else None}
                                 for o in extraction.organizations],
        "extractor": extraction.extractor,
    }
