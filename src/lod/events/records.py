"""What a data set row says, as typed records, and the rules each cell must follow.

A ``Cell`` remembers its line and column, so every refusal names ``file:row:column``; the checks here are the
ones a cell must pass before it can become RDF at all (a date that is a date, a count that is a number, a
P-code the gazetteer knows, a known event type). What RDF can express is left to the shapes (a negative
fatality count is an integer, and S17 refuses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from lod.errors import InputError, Where
from lod.model.records import Unit
from lod.places.gazetteer import Gazetteer, GazetteerEntry

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text and where it is (line of the file, column from 1)."""

    path: str
    row: int
    column: int
    header: str
    text: str

    @property
    def where(self) -> Where:
        return Where(self.path, self.row, self.column)

    def refuse(self, rule: str) -> InputError:
        return InputError(self.where, f"{self.header}: {rule}; got {self.text!r}")

    def date(self) -> date:
        """Rule: a date, written YYYY-MM-DD or as ACLED prints it (28 November 2019)."""
        text = self.text.strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise self.refuse("must be a date, YYYY-MM-DD or '28 November 2019'")

    def count(self) -> int:
        """Rule: a whole number (thousands separators allowed); the shapes check its range."""
        text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", self.text.strip())
        if not re.fullmatch(r"[+-]?\d+", text):
            raise self.refuse("must be a whole number")
        return int(text)

    def number(self) -> float:
        try:
            return float(self.text.strip())
        except ValueError:
            raise self.refuse("must be a decimal number (degrees)") from None

    def pcode(self, gazetteer: Gazetteer) -> GazetteerEntry:
        """Rule: a P-code of the gazetteer (data/reference/syria-gazetteer.csv)."""
        entry = gazetteer.by_pcode(self.text.strip())
        if entry is None:
            raise self.refuse("unknown P-code: not in the gazetteer (data/reference/syria-gazetteer.csv)")
        return entry


@dataclass
class Row:
    """One data row: its line, its cells as printed, and the cells each field was read from."""

    path: str
    number: int
    text: str
    cells: dict[str, Cell] = field(default_factory=dict)

    def where(self, name: str) -> str:
        cell = self.cells.get(name)
        return str(cell.where) if cell is not None else f"{self.path}:{self.number}"


@dataclass
class EventRow(Row):
    """A conflict event as a data set row states it."""

    event_id: str | None = None
    type: str = ""  # event-type concept slug
    type_label: str = ""
    start: date | None = None
    end: date | None = None
    place: GazetteerEntry | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor: str | None = None
    killed: int | None = None
    injured: int | None = None


@dataclass
class MovementRow(Row):
    """A displacement movement: how many left ``origin`` for ``destination`` over the period."""

    start: date | None = None
    end: date | None = None
    origin: GazetteerEntry | None = None
    destination: GazetteerEntry | None = None
    figure: int = 0
    figure_text: str = ""
    unit: Unit = "persons"
