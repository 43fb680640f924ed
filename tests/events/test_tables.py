"""Data set files read into RDF: ACLED export rows become events, HXL movement rows become observations, every
row keeps its provenance, and a bad row is refused as file:row:column with the rule it breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, PROV, RDF, XSD

from events.conftest import ACLED_HEADER, ACLED_ROWS, HXL_HEADER, HXL_ROWS, write_acled, write_hxl, write_table
from lod.errors import InputError, LodError, Refused, ValidationFailed
from lod.pipeline.build import Context, PreparedTable, prepare_table
from lod.rdf.namespaces import DCT, DEFAULT_VOCAB, SCHEMA, SDMX_DIM, SEM, dis
from lod.settings import Settings

BASE = "http://127.0.0.1:8000/"
D = dis(DEFAULT_VOCAB)
ID = BASE + "id/"


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load(Settings())


def prepared(path: Path, ctx: Context) -> PreparedTable:
    return prepare_table(path, ctx)


def test_acled_rows_become_events_with_their_row(tmp_path: Path, ctx: Context) -> None:
    table = prepared(write_acled(tmp_path), ctx)
    g = table.graph
    event = URIRef(ID + "event/acled-idlib-syr101")
    assert (event, RDF.type, SEM.Event) in g
    assert g.value(event, SEM.eventType) == URIRef(DEFAULT_VOCAB + "concept/event-type/air-drone-strike")
    assert g.value(event, SEM.hasBeginTimeStamp) == Literal("2019-11-28", datatype=XSD.date)
    assert g.value(event, SEM.hasPlace) == URIRef(ID + "place/pcode/SY0702")  # "Idleb" / "Al Ma'ra" by name
    row = g.value(event, PROV.wasDerivedFrom)
    assert g.value(row, D.rowNumber) == Literal(2) and g.value(row, DCT.isPartOf) == URIRef(ID + "dataset/file/acled-idlib")
    assert str(g.value(row, SCHEMA.text)).startswith("SYR101,28 November 2019")
    (casualty,) = g.objects(event, D.casualties)
    assert g.value(casualty, D.casualtyCount) == Literal(12)
    assert g.value(casualty, D.casualtyType) == URIRef(DEFAULT_VOCAB + "concept/casualty-type/killed")
    (claim,) = g.objects(event, D.attribution)
    publisher = g.value(URIRef(ID + "dataset/file/acled-idlib"), DCT.publisher)
    assert g.value(claim, D.allegedBy) == publisher == g.value(casualty, PROV.wasAttributedTo)
    assert g.value(URIRef(ID + "event/acled-idlib-syr102"), SEM.hasPlace) == URIRef(ID + "place/pcode/SY0705")  # a P-code cell


def test_data_set_records_title_publisher_licence_and_source(tmp_path: Path, ctx: Context) -> None:
    g = prepared(write_hxl(tmp_path), ctx).graph
    dataset = URIRef(ID + "dataset/file/idp-movements")
    assert (dataset, RDF.type, DCAT.Dataset) in g
    assert g.value(dataset, DCT.license) == Literal("CC BY-IGO")
    assert str(g.value(dataset, DCT.title)).startswith("IDP movements")
    assert g.value(dataset, D.fileName) == Literal("idp-movements.csv")


def test_hxl_movements_become_observations(tmp_path: Path, ctx: Context) -> None:
    g = prepared(write_hxl(tmp_path), ctx).graph
    observations = sorted(g.subjects(RDF.type, D.DisplacementObservation), key=lambda o: int(g.value(o, D.reportedFigure)))
    assert [int(g.value(o, D.reportedFigure)) for o in observations] == [3000, 11812]
    first = observations[1]
    assert g.value(first, D.origin) == g.value(first, SDMX_DIM.refArea) == URIRef(ID + "place/pcode/SY0702")
    assert g.value(first, D.destination) == URIRef(ID + "place/pcode/SY07")
    assert g.value(first, SDMX_DIM.refPeriod) == URIRef(ID + "interval/2019-11-28--2019-11-30")
    assert g.value(first, D.reportDate) == Literal("2019-11-30", datatype=XSD.date)
    assert g.value(first, D.populationUnit) == URIRef(DEFAULT_VOCAB + "concept/population-unit/persons")
    assert g.value(g.value(first, PROV.wasDerivedFrom), D.rowNumber) == Literal(3)  # two header lines
    publisher = g.value(URIRef(ID + "dataset/file/idp-movements"), DCT.publisher)
    assert publisher is not None and all(g.value(o, D.reportedBy) == publisher for o in observations)  # the data set's publisher


def test_hxl_event_rows_become_events(tmp_path: Path, ctx: Context) -> None:
    header = "Date,Type,District,Place,Killed,Injured\n#date,#event+type,#adm2+code,#loc+name,#affected+killed,#affected+injured"
    g = prepared(write_table(tmp_path, "incidents", header, ["2019-11-28,Air/drone strike,SY0702,Maaret al-Numan,3,7"],
                             "title: t\npublisher: Test Monitor\nlicence: CC BY 4.0\n"), ctx).graph
    (event,) = g.subjects(RDF.type, SEM.Event)
    counts = {str(g.value(c, D.casualtyType)).rsplit("/", 1)[-1]: int(g.value(c, D.casualtyCount)) for c in g.objects(event, D.casualties)}
    assert counts == {"killed": 3, "injured": 7}
    assert g.value(event, D.locationAsPrinted) == Literal("Maaret al-Numan")


def refusal(error: LodError) -> list[str]:
    errors = error.errors if isinstance(error, Refused) else [error]
    return [str(e) for e in errors]


@pytest.mark.parametrize(("which", "rows", "where", "rule"), [
    ("acled", [ACLED_ROWS[0].replace("28 November 2019", "31 February 2019")], "acled-idlib.csv:2:2", "event_date: must be a date"),
    ("acled", [ACLED_ROWS[1].replace("SY0705", "SY0799")], "acled-idlib.csv:2:9", "unknown P-code"),
    ("acled", [ACLED_ROWS[0].replace("Al Ma'ra", "Atlantis")], "acled-idlib.csv:2:9", "not a district of Idleb (SY07)"),
    ("acled", [ACLED_ROWS[1], ACLED_ROWS[0].replace(",12", ",twelve")], "acled-idlib.csv:3:16", "fatalities: must be a whole number"),
    ("acled", [ACLED_ROWS[0].replace("Air/drone strike", "Armed clash")], "acled-idlib.csv:2:5", "not a sub-event type of event_type"),
    ("hxl", [HXL_ROWS[0], "2019-12-01,2019-12-05,SY9999,SY02,3000"], "idp-movements.csv:4:3", "#adm2+code+origin: unknown P-code"),
    ("hxl", ["2019-13-01,2019-12-05,SY0702,SY02,3000"], "idp-movements.csv:3:1", "#date+start: must be a date"),
], ids=["bad-date", "unknown-pcode", "unknown-admin-name", "fatalities-not-a-number", "type-mismatch", "hxl-unknown-pcode", "hxl-bad-date"])
def test_bad_cell_is_refused_with_file_row_column_and_rule(tmp_path: Path, ctx: Context, which: str, rows: list[str], where: str, rule: str) -> None:
    path = (write_acled if which == "acled" else write_hxl)(tmp_path, rows)
    with pytest.raises((InputError, Refused)) as caught:
        prepared(path, ctx)
    (message,) = refusal(caught.value)
    assert message.startswith(f"{tmp_path}/{where}: ") and rule in message, message


def test_negative_fatality_count_is_refused_by_the_shapes_at_its_cell(tmp_path: Path, ctx: Context) -> None:
    path = write_acled(tmp_path, [ACLED_ROWS[0], ACLED_ROWS[1].replace(",0", ",-4")])
    with pytest.raises(ValidationFailed) as caught:
        prepared(path, ctx)
    (violation,) = caught.value.report.violations
    assert violation.shape_id == "S17"
    assert str(caught.value).startswith(f"{path}:3:16: S17 ") and "got -4" in str(caught.value), str(caught.value)


@pytest.mark.parametrize(("which", "header", "where", "missing"), [
    ("acled", ACLED_HEADER.replace(",fatalities", ""), "acled-idlib.csv:1:16", "missing required column fatalities"),
    ("acled", ACLED_HEADER.replace("event_date,", ""), "acled-idlib.csv:1:16", "missing required column event_date"),
    ("hxl", HXL_HEADER.replace(",#affected+idps+ind", ",#meta"), "idp-movements.csv:2:6", "missing required column #affected+idps"),
], ids=["acled-fatalities", "acled-event-date", "hxl-figure"])
def test_missing_required_column_is_refused(tmp_path: Path, ctx: Context, which: str, header: str, where: str, missing: str) -> None:
    rows = [",".join(r.split(",")[:-1]) for r in ACLED_ROWS] if "fatalities" in missing else None
    path = (write_acled if which == "acled" else write_hxl)(tmp_path, rows, header)
    with pytest.raises(InputError) as caught:
        prepared(path, ctx)
    assert str(caught.value).startswith(f"{tmp_path}/{where}: {missing}"), str(caught.value)


def test_every_bad_cell_of_a_file_is_reported(tmp_path: Path, ctx: Context) -> None:
    rows = [ACLED_ROWS[0].replace("28 November 2019", "yesterday"), ACLED_ROWS[1].replace("SY0705", "SY0799")]
    with pytest.raises(Refused) as caught:
        prepared(write_acled(tmp_path, rows), ctx)
    assert [m.split(": ")[0].rsplit("/", 1)[-1] for m in refusal(caught.value)] == ["acled-idlib.csv:2:2", "acled-idlib.csv:3:9"]


def test_file_without_metadata_or_tags_is_refused(tmp_path: Path, ctx: Context) -> None:
    path = write_table(tmp_path, "plain", "a,b", ["1,2"], None)
    with pytest.raises(InputError, match=r"plain\.yaml: plain\.csv needs its metadata file plain\.yaml"):
        prepared(path, ctx)
    path.with_suffix(".yaml").write_text("title: t\npublisher: p\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plain\.yaml:1:1: the metadata file lacks licence"):
        prepared(path, ctx)
    path.with_suffix(".yaml").write_text("title: t\npublisher: p\nlicence: x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plain\.csv:1: neither the ACLED export columns nor an HXL hashtag row"):
        prepared(path, ctx)


@pytest.mark.parametrize(
    ("metadata", "words"),
    [
        ("licence: https://licences.example:4o4/by\n", "licence is not an IRI: Invalid character 'o'"),  # a letter in the port
        ("licence: CC BY 4.0\nsource: OCHA data\n", "source is not an IRI: Invalid IRI code point ' '"),
        ("licence: CC BY 4.0\nsource: ocha\n", "source is not an IRI: No scheme found"),  # relative
    ],
    ids=["licence-bad-port", "source-with-space", "source-relative"],
)
def test_metadata_iri_that_is_not_one_is_refused(tmp_path: Path, ctx: Context, metadata: str, words: str) -> None:
    # The licence (a URL) and the source become IRIs the build's loader does not check again: refused where read.
    path = write_table(tmp_path, "plain", "a,b", ["1,2"], None)
    path.with_suffix(".yaml").write_text("title: t\npublisher: p\n" + metadata, encoding="utf-8")
    with pytest.raises(InputError, match=r"plain\.yaml:1:1: the metadata's ") as caught:
        prepared(path, ctx)
    assert words in str(caught.value)


def test_same_file_maps_to_the_same_graph(tmp_path: Path, ctx: Context) -> None:
    from _rdf import isomorphic

    path = write_acled(tmp_path)
    assert isomorphic(prepared(path, ctx).graph, prepared(path, ctx).graph)
