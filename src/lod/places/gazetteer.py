"""The Syria gazetteer: OCHA admin units and communities with P-codes, and GeoNames places.

``load_gazetteer`` reads ``data/reference/syria-gazetteer.csv`` (columns described in the data README)
into frozen ``GazetteerEntry`` rows. ``Gazetteer.entries`` is a plain list in file order, so the
reference graph can iterate it; lookups by id or P-code are dictionaries built once.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

FeatureType = str  # "country" | "governorate" | "district" | "sub-district" | "community" | "neighbourhood" | "populated place" ...


@dataclass(frozen=True)
class GazetteerEntry:
    """One gazetteer row. ``id`` is the P-code for OCHA rows and ``geonames:<id>`` for GeoNames rows."""

    id: str
    source: str
    feature_type: FeatureType
    name: str
    level: int | None = None
    pcode: str | None = None
    parent_pcode: str | None = None
    admin1_pcode: str | None = None
    geonameid: str | None = None
    alt_names_latin: tuple[str, ...] = ()
    names_ar: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    population: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The main name followed by the Latin-script alternate names."""
        return (self.name, *self.alt_names_latin)


@dataclass
class Gazetteer:
    """All entries, in file order, with lookups by id and by P-code."""

    entries: list[GazetteerEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {entry.id: entry for entry in self.entries}
        self._by_pcode = {entry.pcode: entry for entry in self.entries if entry.pcode}

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id (``SY07``, ``geonames:169389``), or None."""
        return self._by_id.get(entry_id)

    def by_pcode(self, pcode: str) -> GazetteerEntry | None:
        return self._by_pcode.get(pcode)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _entry(row: dict[str, str]) -> GazetteerEntry:
    level = row.get("level", "").strip()
    population = row.get("population", "").strip()
    return GazetteerEntry(
        id=row["id"].strip(),
        source=row.get("source", "").strip(),
        feature_type=row.get("feature_type", "").strip(),
        name=row.get("name", "").strip(),
        level=int(level) if level.isdigit() else None,
        pcode=row.get("pcode", "").strip() or None,
        parent_pcode=row.get("parent_pcode", "").strip() or None,
        admin1_pcode=row.get("admin1_pcode", "").strip() or None,
        geonameid=row.get("geonameid", "").strip() or None,
        alt_names_latin=_split(row.get("alt_names_latin", "")),
        names_ar=_split(row.get("names_ar", "")),
        lat=_float(row.get("lat", "")),
        lon=_float(row.get("lon", "")),
        population=int(population) if population.isdigit() else 0,
    )


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read the gazetteer CSV.

    >>> from pathlib import Path
    >>> gaz = load_gazetteer(Path(__file__).parents[3] / "data/reference/syria-gazetteer.csv")
    >>> gaz.get("SY07").name
    'Idleb'

    Raises:
        OSError: the file cannot be read.
        KeyError: the file has no ``id`` column.
    """
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Gazetteer([_entry(row) for row in rows if row.get("id", "").strip()])
