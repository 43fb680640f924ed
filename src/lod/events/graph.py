"""A data set file as RDF: the data set, its rows, and the events and displacement observations they state.

The graph follows docs/model.md ("Events"); ``Mapped.locations`` sends every node to the cell it came from
(``file:row:column``), so a shape that fires on a row's event or casualty figure names that cell.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, PROV, RDF, RDFS, SKOS, TIME, XSD

from lod.errors import InputError, Where
from lod.events.dataset import DatasetInfo, read_metadata
from lod.events.records import EventRow, MovementRow, Row
from lod.events.tables import EventTypes, read_rows
from lod.model.mapping import Mapped
from lod.places.gazetteer import GazetteerEntry
from lod.places.reconcile import Reconciler
from lod.rdf.namespaces import DCT, GEO, ORG, QB, SCHEMA, SDMX_DIM, SEM, dis
from lod.rdf.uris import Uris, digest, normalise, slug


def event_types(vocabulary: Graph, uris: Uris) -> EventTypes:
    """Every way the event-type scheme names a concept (ACLED name, notation, labels), case-folded."""
    scheme = uris.scheme("event-type")
    prefix = str(uris.concept("event-type", ""))
    by_label: dict[str, str] = {}
    broader: dict[str, str] = {}
    for concept in vocabulary.subjects(SKOS.inScheme, scheme):
        key = str(concept).removeprefix(prefix)
        for prop in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel):
            for label in vocabulary.objects(concept, prop):
                by_label.setdefault(str(label).casefold(), key)
        up = vocabulary.value(concept, SKOS.broader)
        if up is not None:
            broader[key] = str(up).removeprefix(prefix)
    return EventTypes(by_label, broader)


def read_table(path: str | Path, uris: Uris, vocabulary: Graph, reconciler: Reconciler, text: str | None = None,
               metadata: str | None = None) -> tuple[DatasetInfo, Mapped]:
    """Read, check and map one data set file (``text`` and ``metadata`` stand in for the files, for uploads).

    Raises:
        InputError, Refused: the metadata file or a cell cannot be read; each error names file:row:column.
    """
    info = read_metadata(path, metadata)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(Where(str(path)), f"cannot read the file: {exc}") from None
    rows = read_rows(str(path), text, reconciler.gazetteer, event_types(vocabulary, uris))
    return info, _TableMapper(info, uris, reconciler).map(rows)


class _TableMapper:
    def __init__(self, info: DatasetInfo, uris: Uris, reconciler: Reconciler) -> None:
        self.info = info
        self.u = uris
        self.d = dis(uris.vocab)
        self.reconciler = reconciler
        self.g = Graph()
        self.locations: dict[URIRef, str] = {}
        self.dataset = uris.id("dataset", f"file/{info.key}")

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        self.g.add((s, p, o))  # type: ignore[arg-type]

    def map(self, rows: list[Row]) -> Mapped:
        info, ds = self.info, self.dataset
        self.add(ds, RDF.type, DCAT.Dataset)
        self.add(ds, RDF.type, PROV.Entity)
        self.add(ds, DCT.title, Literal(info.title, lang="en"))
        self.add(ds, DCT.publisher, self.org(info.publisher))
        licence = info.licence
        self.add(ds, DCT.license, URIRef(licence) if licence.startswith(("http://", "https://")) else Literal(licence))
        if info.source:
            self.add(ds, DCT.source, URIRef(info.source))
        self.add(ds, self.d.fileName, Literal(Path(info.path).name))
        self.locations[ds] = str(Path(info.path).with_suffix(".yaml"))
        for row in rows:
            source = self.row(row)
            if isinstance(row, EventRow):
                self.event(row, source)
            elif isinstance(row, MovementRow):
                self.movement(row, source)
        return Mapped(self.g, self.locations)

    def org(self, name: str) -> URIRef:
        """A curated organization by its names or its ACLED actor name (``close_match``), else one of our own."""
        ref = self.reconciler.org(name) or next((o.id for o in self.reconciler.organizations if name in o.close_match), None)
        if ref:
            return self.u.org(ref)
        uri = self.u.org("h/" + digest("org", normalise(name)))
        self.add(uri, RDF.type, ORG.Organization)
        self.add(uri, RDF.type, SCHEMA.Organization)
        self.add(uri, SKOS.prefLabel, Literal(name, lang="en"))
        return uri

    def place(self, entry: GazetteerEntry) -> URIRef:
        assert entry.pcode is not None
        return self.u.pcode_place(entry.pcode)

    def row(self, row: Row) -> URIRef:
        uri = URIRef(f"{self.dataset}/row/{row.number}")
        self.add(uri, RDF.type, self.d.SourceRow)
        self.add(uri, RDF.type, PROV.Entity)
        self.add(uri, RDFS.label, Literal(f"{Path(row.path).name}, row {row.number}", lang="en"))
        self.add(uri, self.d.rowNumber, Literal(row.number))
        self.add(uri, DCT.isPartOf, self.dataset)
        self.add(uri, SCHEMA.text, Literal(row.text))
        self.locations[uri] = f"{row.path}:{row.number}"
        return uri

    def event(self, row: EventRow, source: URIRef) -> URIRef:
        d = self.d
        local = slug(row.event_id) if row.event_id else f"row-{row.number}"
        uri = self.u.event(f"{self.info.key}-{local}")
        self.add(uri, RDF.type, SEM.Event)
        self.add(uri, RDF.type, SCHEMA.Event)
        where = row.location or (row.place.name if row.place else "")
        self.add(uri, RDFS.label, Literal(f"{row.type_label}, {where}, {row.start}", lang="en"))
        self.add(uri, SEM.eventType, self.u.concept("event-type", row.type))
        if row.event_id:
            self.add(uri, DCT.identifier, Literal(row.event_id))
        for prop, day in ((SEM.hasBeginTimeStamp, row.start), (SEM.hasEndTimeStamp, row.end)):
            if day is not None:
                self.add(uri, prop, Literal(day.isoformat(), datatype=XSD.date))
        if row.place is not None:
            self.add(uri, SEM.hasPlace, self.place(row.place))
        if row.location:
            self.add(uri, d.locationAsPrinted, Literal(row.location))
        if row.lat is not None and row.lon is not None:
            geometry = URIRef(f"{uri}/geometry")
            self.add(uri, GEO.hasGeometry, geometry)
            self.add(geometry, RDF.type, GEO.Geometry)
            self.add(geometry, GEO.asWKT, Literal(f"POINT({row.lon} {row.lat})", datatype=GEO.wktLiteral))
        self.add(uri, PROV.wasDerivedFrom, source)
        self.locations[uri] = row.where("type")
        publisher = self.org(self.info.publisher)
        if row.actor:
            claim = URIRef(f"{uri}/attribution/{digest(self.info.key, row.number, normalise(row.actor))}")
            self.add(uri, d.attribution, claim)
            self.add(claim, RDF.type, d.Attribution)
            self.add(claim, RDF.type, SCHEMA.Claim)
            self.add(claim, d.allegedActor, self.org(row.actor))
            self.add(claim, d.allegedBy, publisher)
            self.add(claim, PROV.wasDerivedFrom, source)
            self.locations[claim] = row.where("actor1")
        for kind, count, column in (("killed", row.killed, ("fatalities", "killed")), ("injured", row.injured, ("injured",))):
            if count is None:
                continue
            figure = URIRef(f"{uri}/casualties/{digest(self.info.key, row.number, kind)}")
            self.add(uri, d.casualties, figure)
            self.add(figure, RDF.type, d.CasualtyFigure)
            self.add(figure, RDF.type, SCHEMA.Observation)
            self.add(figure, d.casualtyType, self.u.concept("casualty-type", kind))
            self.add(figure, d.casualtyCount, Literal(count))
            self.add(figure, d.countQualifier, self.u.concept("figure-qualifier", "exact"))
            self.add(figure, PROV.wasAttributedTo, publisher)
            self.add(figure, PROV.wasDerivedFrom, source)
            self.locations[figure] = next((row.where(c) for c in column if c in row.cells), row.where(column[0]))
        return uri

    def movement(self, row: MovementRow, source: URIRef) -> URIRef:
        d = self.d
        assert row.origin is not None and row.destination is not None
        reporter = self.org(self.info.publisher)
        report_date = row.end or row.start
        origin, destination = self.place(row.origin), self.place(row.destination)
        period = self.interval(row.start, row.end)
        uri = self.u.observation(reporter, report_date, origin, period, row.unit, "exact", row.figure)
        self.add(uri, RDF.type, d.DisplacementObservation)
        self.add(uri, RDF.type, QB.Observation)
        self.add(uri, RDF.type, SCHEMA.Observation)
        self.add(uri, QB.dataSet, self.u.dataset)
        self.add(uri, d.reportedFigure, Literal(row.figure))
        if row.figure_text:
            self.add(uri, d.figureAsPrinted, Literal(row.figure_text))
        self.add(uri, d.figureQualifier, self.u.concept("figure-qualifier", "exact"))
        self.add(uri, SCHEMA.minValue, Literal(row.figure))
        self.add(uri, SCHEMA.maxValue, Literal(row.figure))
        self.add(uri, d.populationUnit, self.u.concept("population-unit", row.unit))
        self.add(uri, d.figureCategory, self.u.concept("figure-category", "new-displacement"))
        self.add(uri, SDMX_DIM.refArea, origin)
        self.add(uri, d.origin, origin)
        self.add(uri, d.destination, destination)
        if period is not None:
            self.add(uri, SDMX_DIM.refPeriod, period)
            self.locations.setdefault(period, row.where("start" if "start" in row.cells else "end"))
        self.add(uri, d.reportedBy, reporter)
        if report_date is not None:
            self.add(uri, d.reportDate, Literal(report_date.isoformat(), datatype=XSD.date))
        self.add(uri, PROV.wasDerivedFrom, source)
        self.locations[uri] = row.where("figure")
        return uri

    def interval(self, start: date | None, end: date | None) -> URIRef | None:
        if start is None and end is None:
            return None
        uri = self.u.interval(start, end)
        self.add(uri, RDF.type, TIME.ProperInterval)
        self.add(uri, RDFS.label, Literal(f"{start or '…'} to {end or '…'}", lang="en"))
        for prop, day in ((TIME.hasBeginning, start), (TIME.hasEnd, end)):
            if day is not None:
                instant = self.u.id("instant", day.isoformat())
                self.add(uri, prop, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date))
        return uri
