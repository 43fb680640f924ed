"""Typed records for every kind of fact an article states.

Extraction produces them, the corrections file adds to or fixes them, and mapping turns them into RDF.
Every record keeps the character span of the article body it came from and the rule that found it,
so each fact can be explained and traced back to its sentence. Offsets are Unicode code points
into ``Article.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

Qualifier = Literal["exact", "approximately", "more-than", "at-least", "less-than", "at-most"]
Unit = Literal["persons", "households", "families", "individuals"]
Category = Literal["new-displacement", "idps", "returns"]
StatementType = Literal["allegation", "condemnation", "assessment", "report", "appeal", "press-release"]
AgentKind = Literal["person", "organization"]

# The allowed values, in order (corrections files are checked against them).
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
UNITS: tuple[Unit, ...] = get_args(Unit)
CATEGORIES: tuple[Category, ...] = get_args(Category)
STATEMENT_TYPES: tuple[StatementType, ...] = get_args(StatementType)
AGENT_KINDS: tuple[AgentKind, ...] = get_args(AgentKind)


@dataclass(frozen=True)
class Span:
    """A slice ``body[start:end]`` and the rule that picked it (``corrections``, ``figure-pattern`` ...)."""

    start: int
    end: int
    rule: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")


@dataclass
class OrgMention:
    """An organization named in the text, as written; ``ref`` is the curated id once reconciled."""

    name: str
    span: Span | None = None
    ref: str | None = None


@dataclass
class PlaceMention:
    """A toponym as written; ``ref`` is a gazetteer id (``SY07``, ``geonames:169389``) once reconciled."""

    name: str
    span: Span | None = None
    ref: str | None = None


@dataclass
class PersonRecord:
    """A person and, when stated, the post they hold (``role`` in ``org``)."""

    name: str
    span: Span | None = None
    role: str | None = None
    org: OrgMention | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class StatementRecord:
    """Who said what, when: one sentence of reported speech (or a press release's assertion)."""

    speaker: str
    speaker_kind: AgentKind
    verb: str
    type: StatementType
    span: Span
    date: date | None = None
    date_text: str | None = None
    weapons: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass
class ObservationRecord:
    """A displacement figure as reported: kept as printed, with derived values beside it."""

    figure: int
    qualifier: Qualifier
    unit: Unit
    span: Span
    figure_text: str = ""
    unit_text: str = ""
    qualifier_text: str = ""
    category: Category = "new-displacement"
    places: list[PlaceMention] = field(default_factory=list)
    area_text: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_text: str | None = None
    duration: str | None = None
    reporter: OrgMention | None = None
    report_date: date | None = None
    sentence: Span | None = None
    statement: int | None = None
    events: list[str] = field(default_factory=list)

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """Inclusive (min, max) implied by the qualifier; None where the qualifier sets no bound."""
        n = self.figure
        return {
            "exact": (n, n),
            "more-than": (n + 1, None),
            "at-least": (n, None),
            "less-than": (None, n - 1),
            "at-most": (None, n),
        }.get(self.qualifier, (None, None))


@dataclass
class CasualtyRecord:
    """People killed or injured in an event, as the source counts them ("at least 27 civilians")."""

    kind: Literal["killed", "injured"]
    count: int
    qualifier: Qualifier = "exact"
    counted_as: str | None = None
    span: Span | None = None


@dataclass
class EventRecord:
    """An event the article reports (a bombing campaign, an air strike), with actors, places and weapons as claimed.

    ``alleged_by`` names who attributes the event to ``actors`` (the speaker of the sentence; the article's
    publisher when none is named); without it the actors are the article's own wording (``sem:hasActor``).
    """

    key: str
    label: str
    span: Span | None = None
    types: list[str] = field(default_factory=list)
    actors: list[OrgMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    violates: str | None = None
    alleged_by: str | None = None
    alleged_by_kind: AgentKind = "organization"
    casualties: list[CasualtyRecord] = field(default_factory=list)
    target: str | None = None


@dataclass
class Extraction:
    """Everything found in one article."""

    organizations: list[OrgMention] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    observations: list[ObservationRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    extractor: str = "lod-rules"
