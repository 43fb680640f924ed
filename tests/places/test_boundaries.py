"""Admin units' polygons, points placed in them, and reported areas placed in the hierarchy."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from lod.errors import InputError
from lod.places.boundaries import FOLDER, boundaries_graph, enclosing_unit, geojson_geometry, load, wkt
from lod.rdf.namespaces import DEFAULT_VOCAB, GEO, SCHEMA, dis
from lod.rdf.uris import Uris
from lod.settings import ROOT, Settings
from _engines import reader

BOUNDARIES = ROOT / "data" / "reference" / FOLDER
BASE = "http://127.0.0.1:8000/"
MAARAT = (36.6766, 35.6476)  # the town of Ma'arrat an Nu'man (GeoNames point)


@pytest.fixture(scope="module")
def units() -> list:  # type: ignore[type-arg]
    return load(BOUNDARIES)


def test_every_level_loads_and_one_point_lies_in_one_unit_per_level(units: list) -> None:  # type: ignore[type-arg]
    assert {u.level for u in units} == {0, 1, 2, 3} and len(units) == 1 + 14 + 62 + 272
    holding = {u.level: u.pcode for u in units if u.contains(*MAARAT)}
    assert holding == {0: "SY", 1: "SY07", 2: "SY0702", 3: "SY070200"}


def test_wkt_round_trips_through_geojson(units: list) -> None:  # type: ignore[type-arg]
    idleb = next(u for u in units if u.pcode == "SY07")
    geometry = geojson_geometry(wkt(idleb.polygons))
    assert geometry is not None and geometry["type"] in ("Polygon", "MultiPolygon")
    rings = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    assert [[[tuple(p) for p in ring] for ring in polygon] for polygon in rings] == idleb.polygons
    assert geojson_geometry("POINT(36.67 35.65)") == {"type": "Point", "coordinates": [36.67, 35.65]}
    assert geojson_geometry("LINESTRING(1 2, 3 4)") is None


def test_points_are_placed_in_the_deepest_unit_the_gazetteer_knows(units: list) -> None:  # type: ignore[type-arg]
    uris = Uris(BASE, DEFAULT_VOCAB)
    places = Graph()
    for pcode in ("SY07", "SY0702"):
        places.add((uris.pcode_place(pcode), RDF.type, SCHEMA.AdministrativeArea))
    town, point = uris.geonames_place("167611"), uris.id("geometry", "geonames/167611")
    places.add((town, GEO.hasGeometry, point))
    places.add((point, GEO.asWKT, Literal(f"POINT({MAARAT[0]} {MAARAT[1]})", datatype=GEO.wktLiteral)))
    graph = boundaries_graph(units, places, uris)
    assert set(graph.objects(town, SCHEMA.containedInPlace)) == {uris.pcode_place("SY0702")}  # no SY070200 here
    assert graph.value(uris.pcode_place("SY07"), GEO.hasGeometry) == uris.id("geometry", "pcode/SY07")


def test_an_area_lies_in_the_lowest_unit_holding_all_its_members() -> None:
    uris, level = Uris(BASE, DEFAULT_VOCAB), dis(DEFAULT_VOCAB).adminLevel
    known = Graph()
    for pcode, parent, n in (("SY07", None, 1), ("SY0702", "SY07", 2), ("SY0704", "SY07", 2)):
        known.add((uris.pcode_place(pcode), level, Literal(n)))
        if parent:
            known.add((uris.pcode_place(pcode), SCHEMA.containedInPlace, uris.pcode_place(parent)))
    town = URIRef(BASE + "id/place/geonames/1")
    known.add((town, SCHEMA.containedInPlace, uris.pcode_place("SY0702")))
    assert enclosing_unit(known, [town], DEFAULT_VOCAB) == uris.pcode_place("SY0702")
    assert enclosing_unit(known, [town, uris.pcode_place("SY0704")], DEFAULT_VOCAB) == uris.pcode_place("SY07")
    assert enclosing_unit(known, [URIRef(BASE + "id/place/h/x")], DEFAULT_VOCAB) is None


def test_bad_geojson_names_the_file_and_position(tmp_path: Path) -> None:
    (tmp_path / "syria-adm1.geojson").write_text('{"features": [\n  {"type": }', encoding="utf-8")
    with pytest.raises(InputError, match=r"syria-adm1.geojson:2:"):
        load(tmp_path)
    (tmp_path / "syria-adm1.geojson").write_text('{"features": [{"properties": {}, "geometry": {}}]}', encoding="utf-8")
    with pytest.raises(InputError, match="pcode"):
        load(tmp_path)


def test_the_seed_build_places_the_reported_areas(built_settings: Settings) -> None:
    store, base = reader(built_settings), built_settings.base_uri
    rows = store.query(
        f"""SELECT ?area ?unit WHERE {{ ?area a <{built_settings.vocab_uri}displacement#ReportedArea> ;
              <https://schema.org/containedInPlace> ?unit }}"""
    ).values()  # type: ignore[union-attr]
    # with the full gazetteer the lowest unit is the sub-district (Ma'arrat An-Nu'man, SY070200)
    assert {r["unit"].rsplit("/", 1)[-1] for r in rows} == {"SY070200", "SY07"}
    wkt_rows = store.query(
        f"SELECT ?w WHERE {{ <{base}id/place/pcode/SY07> <{GEO.hasGeometry}>/<{GEO.asWKT}> ?w }}"
    ).values()  # type: ignore[union-attr]
    assert wkt_rows and wkt_rows[0]["w"].startswith(("POLYGON", "MULTIPOLYGON"))
