"""The corrections file: facts stated or fixed by hand, beside an article (same name, ``.yaml``).

It adds records, replaces an extracted record that covers the same text, or suppresses one; what it
says wins over extraction. Quotes (``text:``) locate the span in the article body, so a person never
counts characters. A field with a fixed set of values (``type``, ``qualifier``, ``unit``, ``category``,
``speaker_kind``) must hold one of them; other values are taken as written, the shapes judge them, and a
report points back to the line of this file. The format is documented in docs/corrections.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml

from lod.errors import CorrectionsError, Where
from lod.model.articles import Article
from lod.model.records import (
    AGENT_KINDS,
    CATEGORIES,
    QUALIFIERS,
    STATEMENT_TYPES,
    UNITS,
    EventRecord,
    Extraction,
    ObservationRecord,
    OrgMention,
    PersonRecord,
    PlaceMention,
    Span,
    StatementRecord,
)
from lod.pipeline import blockyaml

RULE = "corrections"
R = TypeVar("R")  # a record
C = TypeVar("C", bound=str)  # one of a fixed set of values
SECTIONS = {"replace", "organizations", "people", "places", "statements", "observations", "events", "suppress"}


_STR = "tag:yaml.org,2002:str"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that remembers the line of every mapping as ``__line__`` (libyaml's parser when PyYAML has
    it: ten times faster than the pure-Python one, which a build of thousands of articles notices)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A string is its node's text (what SafeConstructor.construct_yaml_str returns), without the look-ups
        # PyYAML makes for every node: most of a corrections file's 200 or so nodes are strings, and this was a
        # fifth of reading one (0.85 -> 0.69 ms).
        if type(node) is yaml.ScalarNode and node.tag == _STR:
            return node.value
        return super().construct_object(node, deep)


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in loader.construct_mapping(node, deep=True).items():
        if not isinstance(key, str):  # YAML reads `yes:` or `12:` as a boolean or a number
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be text, got {key!r} (quote it)", node.start_mark
            )
        mapping[key] = value
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
        raw = path.read_bytes()
    except OSError as exc:
        raise CorrectionsError(Where(str(path)), f"cannot read corrections: {exc}") from None
    return corrections_from_bytes(raw, path, article)


def corrections_from_bytes(raw: bytes, path: str | Path, article: Article) -> Corrections:
    """Read a corrections file's bytes (from disk, or sent over HTTP), named ``path`` in errors.

    Raises:
        CorrectionsError: YAML that does not parse, an unknown section, a quote not found in the article.
    """
    path = Path(path)
    try:
        text = raw.decode("utf-8")
        data = blockyaml.load(text)  # the plainest YAML, read line by line (a tenth the CPU); else PyYAML
        if data is blockyaml.OTHER:
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Where(str(path), mark.line + 1, mark.column + 1) if mark else Where(str(path))
        raise CorrectionsError(where, f"YAML syntax: {exc.problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(Where(str(path)), f"cannot read corrections: {exc}") from None
    except RecursionError:  # YAML nested thousands deep: the loader recurses once per level
        raise CorrectionsError(Where(str(path)), "YAML nested too deeply to read; corrections are a few levels deep") from None
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
                name=self.text(item, "name"),
                span=self.find(self.text(item, "text"), item) if item.get("text") else None,
                role=self.optional_text(item, "role"),
                org=self.org(item["org"]) if item.get("org") else None,
                aliases=self.strings(item, "aliases"),
            )))
        for item in self.items(data, "events"):
            ex.events.append(self.track(item, EventRecord(
                key=self.text(item, "key"),
                label=self.text(item, "label"),
                span=self.find(self.text(item, "text"), item) if item.get("text") else None,
                types=self.strings(item, "types"),
                actors=[self.org(a) for a in self.entries(item, "actors")],
                places=[self.place(p) for p in self.entries(item, "places")],
                weapons=self.strings(item, "weapons"),
                start=self.day(item, "start"),
                end=self.day(item, "end"),
                violates=self.optional_text(item, "violates"),
            )))
        for item in self.items(data, "statements"):
            ex.statements.append(self.track(item, StatementRecord(
                speaker=self.optional_text(item, "speaker") or "",
                speaker_kind=self.choice(item, "speaker_kind", AGENT_KINDS, "person"),
                verb=self.optional_text(item, "verb") or "",
                type=self.choice(item, "type", STATEMENT_TYPES, "assessment"),
                span=self.find(self.text(item, "text"), item),
                date=self.day(item, "date"),
                weapons=self.strings(item, "weapons"),
                events=self.strings(item, "events"),
            )))
        for item in self.items(data, "observations"):
            ex.observations.append(self.observation(item, ex.statements))
        self.out.suppress = [self.suppression(rule) for rule in self.items(data, "suppress")]
        return self.out

    def items(self, data: dict[str, Any], section: str) -> list[dict[str, Any]]:
        value = data.get(section) or []
        if not isinstance(value, list) or not all(isinstance(v, (dict, str)) for v in value):
            raise self.fail(data, f"section {section!r} must be a list of entries")
        return [v if isinstance(v, dict) else {"name": v} for v in value]

    def track(self, item: dict[str, Any], record: R) -> R:
        self.out.origins[id(record)] = str(Where(self.path, item.get("__line__")))
        return record

    def text(self, item: dict[str, Any], key: str) -> str:
        """A string field that must be there."""
        value = self.optional_text(item, key)
        if value is None:
            raise self.fail(item, f"entry lacks {key!r}")
        return value

    def optional_text(self, item: dict[str, Any], key: str) -> str | None:
        """A string field, None when missing or empty (YAML may read ``12345`` or ``yes`` as other types: those are refused)."""
        value = item.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            raise self.fail(item, f"{key}: expected text, got {value!r} (quote it)")
        return value

    def strings(self, item: dict[str, Any], key: str) -> list[str]:
        """A list of strings; a bare string would otherwise be split into characters."""
        value = item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(item, f"{key}: expected a list of names, like [a, b], got {value!r}")
        return list(value)

    def entries(self, item: dict[str, Any], key: str) -> list[Any]:
        value = item.get(key) or []
        if not isinstance(value, list):
            raise self.fail(item, f"{key}: expected a list, got {value!r}")
        return value

    def choice(self, item: dict[str, Any], key: str, allowed: tuple[C, ...], default: C) -> C:
        """One of ``allowed``; ``default`` when the key is missing."""
        value = item.get(key, default)
        for option in allowed:
            if value == option:
                return option
        raise self.fail(item, f"{key}: {value!r} is not one of {', '.join(allowed)}")

    def suppression(self, rule: dict[str, Any]) -> dict[str, Any]:
        kinds = ("statement", "observation", "person", "event")
        if "kind" in rule:
            self.choice(rule, "kind", kinds, kinds[0])
        if not rule.get("text") and "figure" not in rule:
            raise self.fail(rule, "a suppress rule needs a text it contains or a figure, or it would match nothing")
        return rule

    def day(self, item: dict[str, Any], key: str) -> date | None:
        value = item.get(key)
        if value is None or isinstance(value, date) and not isinstance(value, datetime):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(item, f"{key}: {value!r} is not a date (YYYY-MM-DD)") from None

    def find(self, quote: str, item: dict[str, Any]) -> Span:
        occurrence = item.get("occurrence", 1)
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            raise self.fail(item, f"occurrence: expected a whole number from 1, got {occurrence!r}")
        start = -1
        for _ in range(occurrence):
            start = self.article.body.find(quote, start + 1)
            if start < 0:
                raise self.fail(item, f"quote not found in {self.article.path}: {quote[:60]!r}")
        return Span(start, start + len(quote), RULE)

    def org(self, value: Any) -> OrgMention:
        if isinstance(value, dict):
            return OrgMention(self.text(value, "name"), ref=self.optional_text(value, "ref"))
        if not isinstance(value, str):
            raise self.fail(None, f"an organization must be a name or {{name, ref}}, got {value!r}")
        return OrgMention(value)

    def place(self, value: Any) -> PlaceMention:
        if isinstance(value, dict):
            return PlaceMention(self.text(value, "name"), ref=self.optional_text(value, "ref"))
        if not isinstance(value, str):
            raise self.fail(None, f"a place must be a name or {{name, ref}}, got {value!r}")
        return PlaceMention(value)

    def observation(self, item: dict[str, Any], statements: list[StatementRecord]) -> ObservationRecord:
        span = self.find(self.text(item, "text"), item)
        period = item.get("period") or {}
        if not isinstance(period, dict):
            raise self.fail(item, f"period: expected {{start: YYYY-MM-DD, end: YYYY-MM-DD, text: ...}}, got {period!r}")
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
            qualifier=self.choice(item, "qualifier", QUALIFIERS, "exact"),
            unit=self.choice(item, "unit", UNITS, "persons"),
            span=span,
            figure_text=self.optional_text(item, "figure_text") or "",
            unit_text=self.optional_text(item, "unit_text") or "",
            qualifier_text=self.optional_text(item, "qualifier_text") or "",
            category=self.choice(item, "category", CATEGORIES, "new-displacement"),
            places=[self.place(p) for p in self.entries(item, "places")],
            area_text=self.optional_text(item, "area"),
            period_start=self.day(period, "start") if period else None,
            period_end=self.day(period, "end") if period else None,
            period_text=self.optional_text(period, "text"),
            duration=self.optional_text(period, "duration"),
            reporter=self.org(item["reported_by"]) if item.get("reported_by") else None,
            report_date=self.day(item, "reported_on"),
            statement=statement,
            events=self.strings(item, "events"),
        ))


def apply(extracted: Extraction, corrections: Corrections, article: Article) -> tuple[Extraction, dict[int, str]]:
    """Merge: corrections replace extracted records covering the same text, add the rest, drop suppressed.

    Neither input is changed. Returns the merged records and, keyed by ``id(record)``, the corrections-file
    line of each record the file stated (for validation reports).
    """
    fix = corrections.extraction
    if corrections.replace:
        return fix, dict(corrections.origins)
    body = article.body
    out = Extraction(extractor=f"{extracted.extractor}+corrections")
    origins: dict[int, str] = {}

    def stated(record: Any, copy: Any) -> Any:
        if id(record) in corrections.origins:
            origins[id(copy)] = corrections.origins[id(record)]
        return copy

    def overlaps(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    def suppressed(kind: str, span: Span | None, figure: int | None = None) -> bool:
        for rule in corrections.suppress:
            if rule.get("kind", kind) != kind:
                continue
            if rule.get("text") and (span is None or rule["text"] not in body[span.start:span.end]):
                continue
            if "figure" in rule and rule["figure"] != figure:
                continue
            return True
        return False

    renumbered: dict[int, int] = {}
    for i, st in enumerate(extracted.statements):
        if suppressed("statement", st.span) or any(overlaps(st.span, f.span) for f in fix.statements):
            continue
        renumbered[i] = len(out.statements)
        out.statements.append(st)
    offset = len(out.statements)
    out.statements += [stated(st, replace(st)) for st in fix.statements]
    for obs in extracted.observations:
        if suppressed("observation", obs.span, obs.figure):
            continue
        if any(overlaps(obs.span, f.span) and (f.figure == obs.figure or f.unit == obs.unit) for f in fix.observations):
            continue
        out.observations.append(replace(obs, statement=renumbered.get(obs.statement) if obs.statement is not None else None))
    for obs in fix.observations:
        moved = obs.statement + offset if obs.statement is not None else None
        out.observations.append(stated(obs, replace(obs, statement=moved)))
    names = {p.name for p in fix.people}
    out.people = [p for p in extracted.people if p.name not in names and not suppressed("person", p.span)]
    out.people += [stated(p, replace(p)) for p in fix.people]
    keys = {e.key for e in fix.events}
    out.events = [e for e in extracted.events  # extracted keys carry the article key as a prefix
                  if e.key.removeprefix(f"{article.key}-") not in keys and not suppressed("event", e.span)]
    out.events += [stated(e, replace(e)) for e in fix.events]
    org_names = {o.name for o in fix.organizations}
    out.organizations = [o for o in extracted.organizations if o.name not in org_names] + fix.organizations
    place_names = {p.name for p in fix.places}
    out.places = [p for p in extracted.places if p.name not in place_names] + fix.places
    return out, origins
