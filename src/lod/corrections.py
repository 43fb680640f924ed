"""The corrections file: facts stated or fixed by hand, beside an article (same name, ``.yaml``).

It adds records, replaces an extracted record that covers the same text, or suppresses one; what it
says wins over extraction. Quotes (``text:``) locate the span in the article body, so a person never
counts characters. Values are taken as written; the shapes judge them, and a report points back to
the line of this file. The format is documented in docs/corrections.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from lod.articles import Article
from lod.errors import CorrectionsError, Where
from lod.records import (
    EventRecord,
    Extraction,
    ObservationRecord,
    OrgMention,
    PersonRecord,
    PlaceMention,
    Span,
    StatementRecord,
)

RULE = "corrections"
SECTIONS = {"replace", "organizations", "people", "places", "statements", "observations", "events", "suppress"}


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping as ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@dataclass
class Corrections:
    """A parsed corrections file."""

    path: str
    replace: bool = False
    extraction: Extraction = field(default_factory=Extraction)
    suppress: list[dict[str, Any]] = field(default_factory=list)
    origins: dict[int, str] = field(default_factory=dict)


def corrections_path(article_path: str | Path) -> Path:
    return Path(article_path).with_suffix(".yaml")


def load_corrections(path: str | Path, article: Article) -> Corrections:
    """Read a corrections file for ``article``.

    Raises:
        CorrectionsError: YAML that does not parse, an unknown section, a quote not found in the article.
    """
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Where(str(path), mark.line + 1, mark.column + 1) if mark else Where(str(path))
        raise CorrectionsError(where, f"YAML syntax: {exc.problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(Where(str(path)), f"cannot read corrections: {exc}") from None
    if data is None:
        return Corrections(str(path))
    if not isinstance(data, dict):
        raise CorrectionsError(Where(str(path), 1, 1), "corrections must be a mapping of sections")
    return _Reader(path, article).read(data)


class _Reader:
    def __init__(self, path: Path, article: Article) -> None:
        self.path = str(path)
        self.article = article
        self.out = Corrections(self.path)

    def fail(self, item: dict[str, Any] | None, message: str) -> CorrectionsError:
        line = item.get("__line__") if isinstance(item, dict) else None
        return CorrectionsError(Where(self.path, line), message)

    def read(self, data: dict[str, Any]) -> Corrections:
        unknown = set(data) - SECTIONS - {"__line__"}
        if unknown:
            raise self.fail(data, f"unknown section(s): {', '.join(sorted(unknown))} (expected {', '.join(sorted(SECTIONS))})")
        ex = self.out.extraction
        ex.extractor = "corrections"
        self.out.replace = bool(data.get("replace", False))
        for item in self.items(data, "organizations"):
            ex.organizations.append(self.org(item))
        for item in self.items(data, "places"):
            ex.places.append(self.place(item))
        for item in self.items(data, "people"):
            ex.people.append(self.track(item, PersonRecord(
                name=self.required(item, "name"),
                span=self.find(item.get("text"), item) if item.get("text") else None,
                role=item.get("role"),
                org=self.org(item["org"]) if item.get("org") else None,
                aliases=list(item.get("aliases", [])),
            )))
        for item in self.items(data, "events"):
            ex.events.append(self.track(item, EventRecord(
                key=self.required(item, "key"),
                label=self.required(item, "label"),
                span=self.find(item["text"], item) if item.get("text") else None,
                types=list(item.get("types", [])),
                actors=[self.org(a) for a in item.get("actors", [])],
                places=[self.place(p) for p in item.get("places", [])],
                weapons=list(item.get("weapons", [])),
                start=self.day(item, "start"),
                end=self.day(item, "end"),
                violates=item.get("violates"),
            )))
        for item in self.items(data, "statements"):
            ex.statements.append(self.track(item, StatementRecord(
                speaker=str(item.get("speaker") or ""),
                speaker_kind=item.get("speaker_kind", "person"),
                verb=str(item.get("verb", "")),
                type=item.get("type", "assessment"),
                span=self.find(self.required(item, "text"), item),
                date=self.day(item, "date"),
                weapons=list(item.get("weapons", [])),
                events=list(item.get("events", [])),
            )))
        for item in self.items(data, "observations"):
            ex.observations.append(self.observation(item, ex.statements))
        self.out.suppress = [s for s in self.items(data, "suppress")]
        return self.out

    def items(self, data: dict[str, Any], section: str) -> list[dict[str, Any]]:
        value = data.get(section) or []
        if not isinstance(value, list) or not all(isinstance(v, (dict, str)) for v in value):
            raise self.fail(data, f"section {section!r} must be a list of entries")
        return [v if isinstance(v, dict) else {"name": v} for v in value]

    def track(self, item: dict[str, Any], record: Any) -> Any:
        self.out.origins[id(record)] = str(Where(self.path, item.get("__line__")))
        return record

    def required(self, item: dict[str, Any], key: str) -> Any:
        if item.get(key) in (None, ""):
            raise self.fail(item, f"entry lacks {key!r}")
        return item[key]

    def day(self, item: dict[str, Any], key: str) -> date | None:
        value = item.get(key)
        if value is None or isinstance(value, date) and not isinstance(value, datetime):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(item, f"{key}: {value!r} is not a date (YYYY-MM-DD)") from None

    def find(self, quote: str, item: dict[str, Any]) -> Span:
        occurrence = int(item.get("occurrence", 1))
        start = -1
        for _ in range(occurrence):
            start = self.article.body.find(quote, start + 1)
            if start < 0:
                raise self.fail(item, f"quote not found in {self.article.path}: {quote[:60]!r}")
        return Span(start, start + len(quote), RULE)

    def org(self, value: Any) -> OrgMention:
        if isinstance(value, dict):
            return OrgMention(self.required(value, "name"), ref=value.get("ref"))
        return OrgMention(str(value))

    def place(self, value: Any) -> PlaceMention:
        if isinstance(value, dict):
            return PlaceMention(self.required(value, "name"), ref=value.get("ref"))
        return PlaceMention(str(value))

    def observation(self, item: dict[str, Any], statements: list[StatementRecord]) -> ObservationRecord:
        span = self.find(self.required(item, "text"), item)
        period = item.get("period") or {}
        figure = item.get("figure")
        if not isinstance(figure, int) or isinstance(figure, bool):
            raise self.fail(item, f"figure must be a whole number, got {figure!r}")
        statement = None
        if item.get("statement"):
            quote = str(item["statement"])
            statement = next((i for i, s in enumerate(statements)
                              if self.article.body[s.span.start:s.span.end] == quote), None)
            if statement is None:
                raise self.fail(item, f"statement {quote[:60]!r} is not among this file's statements")
        return self.track(item, ObservationRecord(
            figure=figure,
            qualifier=item.get("qualifier", "exact"),
            unit=item.get("unit", "persons"),
            span=span,
            figure_text=str(item.get("figure_text", "")),
            unit_text=str(item.get("unit_text", "")),
            qualifier_text=str(item.get("qualifier_text", "")),
            category=item.get("category", "new-displacement"),
            places=[self.place(p) for p in item.get("places", [])],
            area_text=item.get("area"),
            period_start=self.day(period, "start") if period else None,
            period_end=self.day(period, "end") if period else None,
            period_text=period.get("text") if period else None,
            duration=period.get("duration") if period else None,
            reporter=self.org(item["reported_by"]) if item.get("reported_by") else None,
            report_date=self.day(item, "reported_on"),
            statement=statement,
            events=list(item.get("events", [])),
        ))


def apply(extracted: Extraction, corrections: Corrections, body: str) -> Extraction:
    """Merge: corrections replace extracted records covering the same text, add the rest, drop suppressed."""
    fix = corrections.extraction
    if corrections.replace:
        return fix
    out = Extraction(extractor=f"{extracted.extractor}+corrections")

    def overlaps(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    def suppressed(kind: str, span: Span | None, figure: int | None = None) -> bool:
        for rule in corrections.suppress:
            if rule.get("kind", kind) != kind:
                continue
            text = rule.get("text")
            if text and (span is None or text not in body[span.start:span.end]):
                continue
            if "figure" in rule and rule["figure"] != figure:
                continue
            if text or "figure" in rule:
                return True
        return False

    statement_map: dict[int, int] = {}
    kept_statements = []
    for i, st in enumerate(extracted.statements):
        if suppressed("statement", st.span) or any(overlaps(st.span, f.span) for f in fix.statements):
            continue
        statement_map[i] = len(kept_statements)
        kept_statements.append(st)
    offset = len(kept_statements)
    out.statements = kept_statements + fix.statements
    for obs in extracted.observations:
        if suppressed("observation", obs.span, obs.figure):
            continue
        if any(overlaps(obs.span, f.span) and (f.figure == obs.figure or f.unit == obs.unit) for f in fix.observations):
            continue
        obs.statement = statement_map.get(obs.statement) if obs.statement is not None else None
        out.observations.append(obs)
    for obs in fix.observations:
        if obs.statement is not None:
            obs.statement += offset
        out.observations.append(obs)
    names = {p.name for p in fix.people}
    out.people = [p for p in extracted.people if p.name not in names and not suppressed("person", p.span)] + fix.people
    keys = {e.key for e in fix.events}

    def corrected(event: EventRecord) -> bool:  # extracted keys may carry the article key as a prefix
        return event.key in keys or any(event.key.endswith(f"-{key}") for key in keys)

    out.events = [e for e in extracted.events if not corrected(e) and not suppressed("event", e.span)] + fix.events
    org_names = {o.name for o in fix.organizations}
    out.organizations = [o for o in extracted.organizations if o.name not in org_names] + fix.organizations
    place_names = {p.name for p in fix.places}
    out.places = [p for p in extracted.places if p.name not in place_names] + fix.places
    return out
