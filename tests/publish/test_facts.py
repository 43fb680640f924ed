"""What a build computes from the union's lines (lod.publish.facts) instead of asking the store: the same as the queries,
on the built corpus and the seed; and where the query's answer is the engine's choice, the query is asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox
import pytest

from lod.publish import figurerows, figures, summaries
from lod.publish import eventpicks, eventrows as sheetrows, eventsheet as spreadsheet
from lod.publish.facts import Facts, language, value
from lod.publish.union import Union
from lod.rdf.namespaces import dis
from lod.settings import Settings
from lod.store import Store, open_store

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _facts(text: bytes, predicates: list[str]) -> Facts:
    """Facts kept from N-Triples as Oxigraph writes them (sorted, each line once), as the dumps give them."""
    facts = Facts(predicates)
    lines = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES) or b""
    for line in sorted(set(lines.splitlines(keepends=True))):
        facts.add(line.split(b" ", 2)[1], line)
    return facts


@contextmanager
def _store_and_facts(settings: Settings, predicates: list[str]) -> Iterator[tuple[Store, Facts]]:
    """A built store, open read-only, and the facts of its union read from it (graph by graph, as `lod dump`
    does)."""
    store = open_store(settings, read_only=True)
    facts = Facts(predicates)
    try:
        with Union() as union:
            for name in [ox.DefaultGraph(), *(ox.NamedNode(n) for n in store.graph_names())]:
                union.add(ox.serialize((q.triple for q in store.quads(name)), format=ox.RdfFormat.N_TRIPLES) or b"")
            for line in union.lines():
                facts.add(line.split(b" ", 2)[1], line)
        yield store, facts
    finally:
        store.close()


def test_values_read_from_the_bytes_are_oxigraphs() -> None:
    text = (b'<http://a/s> <http://a/p> "tab\\there \\"quoted\\" \\u00e9"@EN .\n'
            b'<http://a/s> <http://a/p> "2019-11-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
            b'<http://a/s> <http://a/p> _:b1 .\n<http://a/s> <http://a/p> <http://a/o\\u00e9x> .\n'
            b'<http://a/s> <http://a/p> "\xd8\xad\xd9\x84\xd8\xa8"@ar .\n<http://a/s> <http://a/p> "plain" .\n')
    expected = sorted((t.object.value, getattr(t.object, "language", None) or "") for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    assert sorted((value(o), language(o)) for _, o in _facts(text, ["http://a/p"]).terms("http://a/p")) == expected
    assert ("tab\there \"quoted\" é", "en") in expected


def test_the_index_from_the_facts_is_the_index_from_the_store(corpus_settings: Settings) -> None:
    vocab = str(corpus_settings.vocab_uri)
    with _store_and_facts(corpus_settings, summaries.predicates(vocab)) as (store, facts):
        counted = summaries.compute(store, vocab)
        assert summaries.compute(facts, vocab) == counted and counted
        listed = summaries.compute_listings(store, vocab)
        assert summaries.compute_listings(facts, vocab) == listed and listed
        latest = {(c.iri, c.area) for summary in counted.values() for c in summary.latest}
        worded = summaries.words(store, vocab, latest)
        assert summaries.words(facts, vocab, latest) == worded and len(worded) == len(latest)


@pytest.mark.parametrize("built", ["corpus_settings", "built_settings"])
def test_the_figures_from_the_facts_are_the_figures_the_query_finds(built: str, request: pytest.FixtureRequest) -> None:
    settings: Settings = request.getfixturevalue(built)
    vocab = str(settings.vocab_uri)
    with _store_and_facts(settings, figurerows.predicates(vocab)) as (store, facts):
        queried = figures.rows(store, vocab)
    assert queried and figurerows.rows(facts, vocab) == queried
    # The build wrote the table from its facts: the query's table, byte for byte.
    assert (settings.dumps_dir / figures.CSV_FILE).read_bytes() == figures.hxl_csv(figures.COLUMNS, queried).encode("utf-8")


_OBSERVATION = """
@prefix dis: <{vocab}displacement#> .
@prefix schema: <https://schema.org/> .
<http://x/o1> a dis:DisplacementObservation ; dis:reportedFigure 10 ; dis:reportDate "2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .
<http://x/o2> a dis:DisplacementObservation ; dis:reportedFigure 20 ; dis:reportDate "2020-01-03"^^<http://www.w3.org/2001/XMLSchema#date> ;
    schema:minValue 15 .
<http://x/o3> a dis:DisplacementObservation ; dis:reportedFigure 30 .
"""


def _rows(turtle: str, vocab: str) -> list[dict[str, str]] | None:
    text = ox.serialize(ox.parse(turtle.format(vocab=vocab), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES) or b""
    return figurerows.rows(_facts(text, figurerows.predicates(vocab)), vocab)


def test_the_figures_are_left_to_the_query_where_the_engine_would_choose() -> None:
    vocab = "http://v/"
    found = _rows(_OBSERVATION, vocab)
    assert found is not None and [r["o"] for r in found] == ["http://x/o2", "http://x/o1", "http://x/o3"]
    assert found[0]["min"] == "15" and "min" not in found[1]
    # Two values of one column: which row the query keeps is the engine's order.
    assert _rows(_OBSERVATION + '<http://x/o2> <https://schema.org/minValue> 16 .\n', vocab) is None
    # A report date whose text does not order as its value does.
    assert _rows(_OBSERVATION.replace('"2020-01-02"', '"2020-01-02Z"'), vocab) is None


@pytest.fixture
def events_settings(events_build: object) -> Settings:
    return events_build.settings  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("built", ["corpus_settings", "events_settings"])
def test_the_events_sources_and_claims_from_the_facts_are_what_the_queries_find(built: str, request: pytest.FixtureRequest) -> None:
    settings: Settings = request.getfixturevalue(built)
    vocab = str(settings.vocab_uri)
    with _store_and_facts(settings, sheetrows.predicates(vocab)) as (store, facts):
        asked = {name: store.query(getattr(spreadsheet, name).replace("{dis}", str(dis(vocab)))).values()  # type: ignore[union-attr]
                 for name in ("_SOURCES", "_CLAIMS")}
        table = spreadsheet.csv_text(store, vocab)
    assert asked["_SOURCES"] and sheetrows.sources(facts) == asked["_SOURCES"]
    assert sheetrows.claims(facts, vocab) == asked["_CLAIMS"]
    # The build wrote the table with its facts: the queries' table, byte for byte.
    assert (settings.dumps_dir / spreadsheet.CSV_FILE).read_bytes() == table.encode("utf-8")


# The aggregate query events.csv was made by before the eighth session: its SAMPLE and GROUP_CONCAT took the
# engine's choice. The picks of lod.publish.eventpicks must be among what it could give.
_OLD_EVENTS = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?e (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types) (MIN(?b) AS ?start) (MAX(?f) AS ?end)
       (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?places)
       (GROUP_CONCAT(DISTINCT ?c1; separator="|") AS ?adm1) (GROUP_CONCAT(DISTINCT ?c2; separator="|") AS ?adm2)
       (GROUP_CONCAT(DISTINCT ?c3; separator="|") AS ?adm3)
WHERE {
    { SELECT DISTINCT ?e WHERE { ?e a sem:Event } }
    OPTIONAL { SELECT DISTINCT ?e ?t WHERE { ?e a sem:Event ; sem:eventType ?t } }
    OPTIONAL { SELECT DISTINCT ?e ?b WHERE { ?e a sem:Event ; sem:hasBeginTimeStamp ?b } }
    OPTIONAL { SELECT DISTINCT ?e ?f WHERE { ?e a sem:Event ; sem:hasEndTimeStamp ?f } }
    OPTIONAL { SELECT DISTINCT ?e ?p WHERE { ?e a sem:Event ; sem:hasPlace ?p } }
""" + "".join(f"""    OPTIONAL {{ SELECT DISTINCT ?e ?c{n} WHERE {{
        ?e a sem:Event ; sem:hasPlace/schema:containedInPlace* ?u{n} . ?u{n} dis:adminLevel {n} ; dct:identifier ?c{n} }} }}
""" for n in (1, 2, 3)) + "} GROUP BY ?e"


@pytest.mark.parametrize("built", ["corpus_settings", "events_settings"])
def test_the_events_picks_from_the_facts_are_the_queries_and_among_the_old_querys(built: str, request: pytest.FixtureRequest) -> None:
    settings: Settings = request.getfixturevalue(built)
    vocab = str(settings.vocab_uri)
    with _store_and_facts(settings, eventpicks.predicates(vocab)) as (store, facts):
        queried = spreadsheet.rows(store, vocab)
        old = {r["e"]: r for r in store.query(_OLD_EVENTS.replace("{dis}", str(dis(vocab)))).values()}  # type: ignore[union-attr]
    picked = eventpicks.from_facts(facts, vocab)
    assert picked and picked == [{k: v for k, v in r.items() if k in _PICKED} for r in queried]
    assert sorted(old) == sorted(r["e"] for r in picked)
    assert [r["e"] for r in picked] == [e for _, e in sorted((old[e].get("start", ""), e) for e in old)]
    for row in picked:
        was = old[row["e"]]
        assert row.get("type", "") in (was.get("types") or "").split(" ") or not was.get("types")
        assert row.get("place", "") in (was.get("places") or "").split(" ") or not was.get("places")
        assert (row.get("start"), row.get("end")) == (was.get("start"), was.get("end"))
        for n in ("adm1", "adm2", "adm3"):
            assert sorted(row.get(n, "").split("|")) == sorted(was.get(n, "").split("|"))


_PICKED = {"e", "type", "typeName", "start", "end", "place", "placeName", "adm1", "adm2", "adm3"}

_TWO_OF_EACH = """
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dis: <{dis}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x/e2> a sem:Event ; sem:hasBeginTimeStamp "2020-01-02"^^xsd:date .
<http://x/e1> a sem:Event ; sem:eventType <http://t/b>, <http://t/a>, <http://t/0> ;
    sem:hasBeginTimeStamp "2020-01-05"^^xsd:date, "2020-01-03"^^xsd:date ; sem:hasEndTimeStamp "2020-01-04"^^xsd:date, "2020-01-09"^^xsd:date ;
    sem:hasPlace <http://p/gov>, <http://p/town>, <http://p/other> .
<http://t/b> skos:broader <http://t/0> ; skos:prefLabel "b"@en, "bé"@fr .
<http://t/a> skos:prefLabel "a"@en .
<http://p/town> schema:containedInPlace <http://p/district> ; schema:name "Town"@en, "Ville"@fr .
<http://p/district> schema:containedInPlace <http://p/gov> ; dis:adminLevel 2 ; dct:identifier "SY0102" .
<http://p/gov> dis:adminLevel 1 ; dct:identifier "SY01" .
<http://p/other> schema:containedInPlace <http://p/gov2> .
<http://p/gov2> dis:adminLevel 1 ; dct:identifier "SY02" .
<http://x/e0> a sem:Event .
"""


def _picked(turtle: str) -> list[dict[str, str]] | None:
    vocab = "http://v/"
    text = ox.serialize(ox.parse(turtle.replace("{dis}", str(dis(vocab))), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES) or b""
    return eventpicks.from_facts(_facts(text, eventpicks.predicates(vocab)), vocab)


def test_the_events_picks_follow_their_rules() -> None:
    found = _picked(_TWO_OF_EACH)
    assert found is not None and [r["e"] for r in found] == ["http://x/e0", "http://x/e2", "http://x/e1"]  # no start first
    e1 = found[2]
    # the types not broader than another of them (a, b; not 0), the least; the places no other lies in (town,
    # other; not gov), the least; the codes of every place, sorted
    assert e1 == {"e": "http://x/e1", "type": "http://t/a", "typeName": "a", "start": "2020-01-03", "end": "2020-01-09",
                  "place": "http://p/other", "adm1": "SY01|SY02", "adm2": "SY0102"}
    without = _picked(_TWO_OF_EACH.replace("<http://t/b>, <http://t/a>,", "<http://t/b>,").replace("<http://p/other>", "<http://p/town2>"))
    assert without is not None and (without[2]["type"], without[2]["typeName"], without[2]["place"], without[2]["placeName"]) == (
        "http://t/b", "b", "http://p/town", "Town")
    # A begin that is not a plain xsd:date: its order is the engine's to read, the store is asked.
    assert _picked(_TWO_OF_EACH.replace('"2020-01-02"^^xsd:date', '"2020-01-02T10:00:00"^^xsd:dateTime')) is None
