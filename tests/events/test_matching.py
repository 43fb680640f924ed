"""One event, many sources: the rule (same type, same sub-district or district, overlapping dates, different
sources) on small graphs, and in lod build on an article and an ACLED row that report the same strike with
different casualty counts, both kept with their source."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from conftest import make_settings
from events.conftest import write_acled
from lod.events.matching import merge_events
from lod.pipeline.build import build
from lod.rdf.namespaces import DEFAULT_VOCAB, SCHEMA, SEM, dis
from lod.settings import Settings
from lod.store import Solutions
from lod.web.app import create_app
from _engines import reader
from web._serving import listener, running, url_of

BASE = "http://127.0.0.1:8000/"
D = dis(DEFAULT_VOCAB)
ID = BASE + "id/"
AIR = URIRef(DEFAULT_VOCAB + "concept/event-type/air-drone-strike")
SHELLING = URIRef(DEFAULT_VOCAB + "concept/event-type/shelling-artillery-missile-attack")


def place_tree() -> Graph:
    """A district with two sub-districts, and a town in one of them; a governorate above."""
    g = Graph()
    for code, level, parent in (("SY07", 1, None), ("SY0702", 2, "SY07"), ("SY070200", 3, "SY0702"), ("SY070201", 3, "SY0702")):
        node = URIRef(ID + f"place/pcode/{code}")
        g.add((node, D.adminLevel, Literal(level)))
        if parent:
            g.add((node, SCHEMA.containedInPlace, URIRef(ID + f"place/pcode/{parent}")))
    g.add((URIRef(ID + "place/geonames/1"), SCHEMA.containedInPlace, URIRef(ID + "place/pcode/SY070200")))
    return g


def event(name: str, kind: URIRef, place: str, start: str, end: str | None = None) -> tuple[URIRef, Graph]:
    g = Graph()
    uri = URIRef(ID + f"event/{name}")
    g.add((uri, RDF.type, SEM.Event))
    g.add((uri, SEM.eventType, kind))
    g.add((uri, SEM.hasPlace, URIRef(ID + f"place/{place}")))
    g.add((uri, SEM.hasBeginTimeStamp, Literal(start, datatype=XSD.date)))
    g.add((uri, SEM.hasEndTimeStamp, Literal(end or start, datatype=XSD.date)))
    g.add((URIRef(ID + f"observation/{name}"), D.cause, uri))
    return uri, g


@pytest.mark.parametrize(("second", "same"), [
    (("b", AIR, "pcode/SY070200", "2019-11-28"), True),                      # the town lies in that sub-district
    (("b", AIR, "pcode/SY070200", "2019-11-27", "2019-11-29"), True),        # a period overlapping the day
    (("b", AIR, "pcode/SY070201", "2019-11-28"), False),                     # another sub-district of the district
    (("b", AIR, "pcode/SY0702", "2019-11-28"), True),                        # known only to the district: compared there
    (("b", SHELLING, "pcode/SY070200", "2019-11-28"), False),                # another type
    (("b", AIR, "pcode/SY070200", "2019-11-29"), False),                     # days that do not overlap
    (("b", AIR, "pcode/SY07", "2019-11-28"), False),                         # known only to its governorate
], ids=["same", "overlapping-period", "other-sub-district", "district-only", "other-type", "other-day", "governorate-only"])
def test_matching_rule(second: tuple[str, ...], same: bool) -> None:
    a, first = event("a", AIR, "geonames/1", "2019-11-28")
    b, other = event(*second)  # type: ignore[arg-type]
    renamed = merge_events({URIRef("g:1"): first, URIRef("g:2"): other}, place_tree(), D.adminLevel)
    assert (renamed == {b: a}) == same and (renamed == {}) == (not same)
    if same:  # every reference follows: the observation caused by b is now caused by a
        assert (URIRef(ID + "observation/b"), D.cause, a) in other and (b, None, None) not in other


def test_events_of_one_source_are_never_merged() -> None:
    a, first = event("a", AIR, "pcode/SY070200", "2019-11-28")
    _, second = event("b", AIR, "pcode/SY070200", "2019-11-28")
    assert merge_events({URIRef("g:1"): first + second}, place_tree(), D.adminLevel) == {}


def test_matches_are_transitive() -> None:
    a, g1 = event("a", AIR, "pcode/SY070200", "2019-11-27", "2019-11-28")
    b, g2 = event("b", AIR, "pcode/SY070200", "2019-11-28", "2019-11-29")
    c, g3 = event("c", AIR, "pcode/SY070200", "2019-11-29", "2019-11-30")
    assert merge_events({URIRef("g:1"): g1, URIRef("g:2"): g2, URIRef("g:3"): g3}, place_tree(), D.adminLevel) == {b: a, c: a}


ARTICLE = """Title: Air strikes on Maarat al-Numan market
Source URL: https://news.example/maarat-market
Publisher: News Example
Published: 2019-11-29

At least 15 civilians were killed on Thursday in air strikes with barrel bombs on the market of Maarat al-Numan, the White Helmets said.
More than 300 families fled Maarat al-Numan on Thursday after air strikes hit the town.
"""


def test_build_makes_one_event_of_an_article_and_a_row_keeping_both_counts(tmp_path: Path) -> None:
    settings: Settings = make_settings(tmp_path)
    (settings.data_dir / "articles" / "maarat-market.txt").write_text(ARTICLE, encoding="utf-8")
    write_acled(settings.data_dir / "events")  # SYR101: Air/drone strike, Al Ma'ra, 28 November 2019, 12 fatalities
    build(settings)
    store = reader(settings)
    result = store.query(f"""
        PREFIX dis: <{D}> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?event ?count ?source WHERE {{
          GRAPH ?g {{ ?event dis:casualties [ dis:casualtyCount ?count ; prov:wasAttributedTo ?source ] }}
          ?event sem:eventType <{AIR}> }} ORDER BY ?count""")
    assert isinstance(result, Solutions)
    rows = [(r["event"].rsplit("/", 1)[-1], r["count"], r["source"].rsplit("/", 1)[-1]) for r in result.values()]
    assert len({r[0] for r in rows}) == 1, rows  # one event ...
    assert [r[1] for r in rows] == ["12", "15"]  # ... with both counts, each with its source
    assert rows[0][2] != rows[1][2]
    weapons = store.query(f"""SELECT DISTINCT ?w WHERE {{ <{ID}event/{rows[0][0]}> <{D}claimedWeapon> ?w }} ORDER BY ?w""")
    assert isinstance(weapons, Solutions)  # the weapons the article's sentence names ("air strikes with barrel bombs")
    assert [r["w"].rsplit("/", 1)[-1] for r in weapons.values()] == ["aerial-bomb", "barrel-bomb"]
    # The event's page shows both, each with who reports it and the row or the sentence it is read from.
    sock = listener()
    with running(create_app(settings), sock), httpx.Client(base_url=url_of(sock), timeout=60) as http:  # at /doc/: a redirect would lead to the base URI
        html = http.get(f"/doc/event/{rows[0][0]}", headers={"Accept": "text/html"}).text
    table = re.search(r'<table class="listing casualties">(.*?)</table>', html, re.S)
    assert table, html[:500]
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
             for tr in re.findall(r"<tr>(.*?)</tr>", table.group(1).split("<tbody>", 1)[-1], re.S)]
    assert [c[0] for c in cells] == ["12 people killed", "at least 15 civilians killed"], cells
    assert cells[0][1] == "ACLED" and cells[0][2].startswith("SYR101,28 November 2019")
    assert cells[1][1] == "Syria Civil Defence" and cells[1][2].startswith("At least 15 civilians were killed")  # the White Helmets
    caused = re.search(r'<section class="event-caused">(.*?)</section>', html, re.S)  # and the flight it caused
    assert caused and re.search(r">300 families\s*</a>", caused.group(1)), html
