"""Reading a data set file's rows: the ACLED export columns, or any CSV with an HXL hashtag row (read with libhxl).

``read_rows`` tells the two apart by the header, checks that the columns a row needs are there, and turns each
row into an ``EventRow`` or a ``MovementRow``. Every cell that breaks a rule is reported (``file:row:column``),
all of them at once; one bad row refuses the whole file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lod.errors import InputError, LodError, Refused, Where
from lod.events.records import Cell, EventRow, MovementRow, Row
from lod.places.gazetteer import Gazetteer, GazetteerEntry
from lod.places.reconcile import place_key

TABLE_GLOB = "*.csv"
ACLED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
                 "admin2", "admin3", "location", "latitude", "longitude", "source", "notes", "fatalities")
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "admin1", "fatalities")
LEVEL_NAMES = {1: "governorate", 2: "district", 3: "sub-district"}
PCODE = re.compile(r"^[A-Z]{2}\d*$")


@dataclass(frozen=True)
class EventTypes:
    """The event-type scheme as the readers need it: label -> concept slug, and each concept's broader one."""

    by_label: dict[str, str]
    broader: dict[str, str]

    def find(self, cell: Cell) -> str:
        slug = self.by_label.get(cell.text.strip().casefold())
        if slug is None:
            raise cell.refuse("not an event type of the event-type scheme (its ACLED names, labels or alternative labels)")
        return slug


def read_rows(path: str, text: str, gazetteer: Gazetteer, types: EventTypes) -> list[Row]:
    """The rows of the file ``path`` holding ``text``.

    Raises:
        InputError: a missing column, or a file that is neither an ACLED export nor HXL-tagged.
        Refused: one or more cells break their rule; each error names file:row:column.
    """
    header = next(csv.reader(io.StringIO(text)), [])
    names = [h.strip().lower() for h in header]
    if sum(1 for name in names if name in ACLED_COLUMNS) >= 3:
        return _collect(_acled_rows(path, text, names, gazetteer, types))
    return _collect(_hxl_rows(path, text, gazetteer, types))


def _collect(rows: Sequence[Callable[[], Row]]) -> list[Row]:
    out: list[Row] = []
    errors: list[LodError] = []
    for make in rows:
        try:
            out.append(make())
        except InputError as exc:
            errors.append(exc)
        except Refused as exc:
            errors.extend(exc.errors)
    if errors:
        raise errors[0] if len(errors) == 1 else Refused(errors)
    return out


def _rule_errors(checks: list[Callable[[], None]]) -> None:
    """Run every check of one row, so a row with two bad cells reports both."""
    errors: list[LodError] = []
    for check in checks:
        try:
            check()
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else Refused(errors)


# ---- ACLED export --------------------------------------------------------------------------------

def _acled_rows(path: str, text: str, names: list[str], gazetteer: Gazetteer, types: EventTypes) -> list[Callable[[], Row]]:
    missing = [name for name in ACLED_REQUIRED if name not in names]
    if missing:
        raise InputError(Where(path, 1, len(names) + 1),
                         f"missing required column {', '.join(missing)} (an ACLED export needs {', '.join(ACLED_REQUIRED)})")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    makers: list[Callable[[], Row]] = []
    line = reader.line_num + 1
    for values in reader:
        if any(v.strip() for v in values):
            makers.append(_acled_maker(path, line, names, values, gazetteer, types))
        line = reader.line_num + 1
    return makers


def _acled_maker(path: str, line: int, names: list[str], values: list[str], gazetteer: Gazetteer,
                 types: EventTypes) -> Callable[[], Row]:
    cells = {name: Cell(path, line, i + 1, name, values[i] if i < len(values) else "") for i, name in enumerate(names)}

    def make() -> Row:
        row = EventRow(path, line, ",".join(values), {k: c for k, c in cells.items() if c.text.strip()})
        row.event_id = cells["event_id_cnty"].text.strip() or None
        row.actor = cells["actor1"].text.strip() or None
        row.location = cells["location"].text.strip() or None if "location" in cells else None

        def when() -> None:
            row.start = row.end = cells["event_date"].date()

        def kind() -> None:
            row.type = types.find(cells["sub_event_type"])
            row.type_label = cells["sub_event_type"].text.strip()
            parent = types.find(cells["event_type"])
            if types.broader.get(row.type, row.type) != parent and row.type != parent:
                raise cells["sub_event_type"].refuse(f"is not a sub-event type of event_type {cells['event_type'].text!r}")

        def where() -> None:
            row.place = _admin_place([cells[f"admin{n}"] for n in (1, 2, 3) if f"admin{n}" in cells], gazetteer)

        def point() -> None:
            if cells.get("latitude") and cells["latitude"].text.strip() and cells.get("longitude") and cells["longitude"].text.strip():
                row.lat, row.lon = cells["latitude"].number(), cells["longitude"].number()

        def killed() -> None:
            row.killed = cells["fatalities"].count() if cells["fatalities"].text.strip() else None

        _rule_errors([when, kind, where, point, killed])
        return row

    return make


def _admin_place(cells: list[Cell], gazetteer: Gazetteer) -> GazetteerEntry:
    """The smallest admin area named by admin1..admin3 (names within their parent, or P-codes)."""
    current: GazetteerEntry | None = None
    for level, cell in enumerate(cells, start=1):
        text = cell.text.strip()
        if not text:
            if level == 1:
                raise cell.refuse("must name the governorate")
            break
        if PCODE.match(text):
            current = cell.pcode(gazetteer)
            continue
        below = [e for e in gazetteer.entries if e.level == level and e.pcode
                 and (current is None or e.parent_pcode == current.pcode)]
        if not below and current is not None:
            break  # the gazetteer has no areas at this level here: keep the parent
        key = place_key(text)
        found = next((e for e in below if key in {place_key(n) for n in e.names}), None)
        if found is None:
            within = f" of {current.name} ({current.pcode})" if current else ""
            raise cell.refuse(f"not a {LEVEL_NAMES.get(level, 'area')}{within} in the gazetteer")
        current = found
    assert current is not None
    return current


# ---- HXL -----------------------------------------------------------------------------------------

def _hxl_rows(path: str, text: str, gazetteer: Gazetteer, types: EventTypes) -> list[Callable[[], Row]]:
    import hxl  # here, not at the top: libhxl and its requests take a tenth of a second to import, which every
    from hxl.model import TagPattern  # command paid though only a data set file in HXL needs them

    try:
        source = hxl.data(io.BytesIO(text.encode("utf-8")), hxl.InputOptions(allow_local=False))
        columns = list(source.columns)
        data = [(row.source_row_number + 1, list(row.values)) for row in source]
    except hxl.HXLException as exc:
        raise InputError(Where(path, 1), "neither the ACLED export columns nor an HXL hashtag row "
                         f"(#date, #event+type, #adm1+code ...) in the first lines: {exc}") from None
    tag_line = next((line for line, _ in data), 2) - 1

    def find(*patterns: str) -> int | None:
        for pattern in patterns:
            index = TagPattern.parse(pattern).find_column_index(columns)
            if index is not None:
                return int(index)
        return None

    def require(name: str, *patterns: str) -> int:
        index = find(*patterns)
        if index is None:
            raise InputError(Where(path, tag_line, len(columns) + 1),
                             f"missing required column {name} (HXL hashtag {' or '.join(patterns)})")
        return index

    if find("#event+type") is not None:
        spec = {"type": require("#event+type", "#event+type"), "date": require("#date", "#date"),
                "place": require("#adm1+code or #adm2+code or #adm3+code", "#adm3+code-origin-dest", "#adm2+code-origin-dest", "#adm1+code-origin-dest")}
        optional = {"location": find("#loc+name"), "lat": find("#geo+lat"), "lon": find("#geo+lon"),
                    "killed": find("#affected+killed"), "injured": find("#affected+injured")}
        make: Callable[[int, list[str], dict[str, int | None]], Callable[[], Row]] = _hxl_event_maker(path, columns, gazetteer, types)
        return [make(line, values, {**spec, **optional}) for line, values in data]
    spec = {"origin": require("#adm1+code+origin or a finer level", "#adm3+code+origin", "#adm2+code+origin", "#adm1+code+origin"),
            "destination": require("#adm1+code+dest or a finer level", "#adm3+code+dest", "#adm2+code+dest", "#adm1+code+dest"),
            "figure": require("#affected+idps", "#affected+idps")}
    dates = {"start": find("#date+start", "#date-end"), "end": find("#date+end", "#date-start")}
    if dates["start"] is None and dates["end"] is None:
        require("#date", "#date")
    return [_hxl_movement_maker(path, columns, gazetteer)(line, values, {**spec, **dates}) for line, values in data]


def _cells(path: str, line: int, columns: list[object], values: list[str], spec: dict[str, int | None]) -> dict[str, Cell]:
    out = {}
    for name, index in spec.items():
        if index is not None:
            text = values[index] if index < len(values) and values[index] is not None else ""
            out[name] = Cell(path, line, index + 1, str(getattr(columns[index], "display_tag", name)), str(text))
    return out


def _hxl_event_maker(path: str, columns: list[object], gazetteer: Gazetteer, types: EventTypes
                     ) -> Callable[[int, list[str], dict[str, int | None]], Callable[[], Row]]:
    def outer(line: int, values: list[str], spec: dict[str, int | None]) -> Callable[[], Row]:
        cells = _cells(path, line, columns, values, spec)

        def make() -> Row:
            row = EventRow(path, line, ",".join(str(v or "") for v in values), {k: c for k, c in cells.items() if c.text.strip()})
            row.location = cells["location"].text.strip() or None if "location" in cells else None

            def when() -> None:
                row.start = row.end = cells["date"].date()

            def kind() -> None:
                row.type = types.find(cells["type"])
                row.type_label = cells["type"].text.strip()

            def where() -> None:
                row.place = cells["place"].pcode(gazetteer)

            def point() -> None:
                if "lat" in row.cells and "lon" in row.cells:
                    row.lat, row.lon = cells["lat"].number(), cells["lon"].number()

            def counts() -> None:
                row.killed = cells["killed"].count() if "killed" in row.cells else None
                row.injured = cells["injured"].count() if "injured" in row.cells else None

            _rule_errors([when, kind, where, point, counts])
            return row

        return make

    return outer


def _hxl_movement_maker(path: str, columns: list[object], gazetteer: Gazetteer
                        ) -> Callable[[int, list[str], dict[str, int | None]], Callable[[], Row]]:
    from hxl.model import TagPattern

    def outer(line: int, values: list[str], spec: dict[str, int | None]) -> Callable[[], Row]:
        if spec.get("start") is None and spec.get("end") is None:
            spec = {**spec, "start": TagPattern.parse("#date").find_column_index(columns)}
        cells = _cells(path, line, columns, values, spec)

        def make() -> Row:
            row = MovementRow(path, line, ",".join(str(v or "") for v in values), {k: c for k, c in cells.items() if c.text.strip()})
            attributes = set(getattr(columns[spec["figure"] or 0], "attributes", ()))
            row.unit = "households" if "hh" in attributes else "persons"

            def when() -> None:
                start = cells["start"].date() if "start" in cells else None
                end = cells["end"].date() if "end" in cells else None
                row.start, row.end = start or end, end or start

            def origin() -> None:
                row.origin = cells["origin"].pcode(gazetteer)

            def destination() -> None:
                row.destination = cells["destination"].pcode(gazetteer)

            def figure() -> None:
                row.figure = cells["figure"].count()
                row.figure_text = cells["figure"].text.strip()

            _rule_errors([when, origin, destination, figure])
            return row

        return make

    return outer
