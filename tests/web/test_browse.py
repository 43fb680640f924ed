"""Browse lists, checked against the plain ``ORDER BY`` query: every list, every sort, both directions, page by
page, on a store of the engine under test with ties, missing values, things written again in several article
graphs and labels kept in a graph of their own (as a shared graph of minted nodes may hold them)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from lod.settings import Settings
from lod.store import Solutions, Store, changes, to_rdflib
from lod.web.browse import LISTS, BrowseList, Table, index, table, updated
from lod.web.listindex import order_by

from _engines import filled
from conftest import make_settings  # tests/conftest.py

BASE = "http://example.org/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SCHEMA, SKOS, FOAF = "https://schema.org/", "http://www.w3.org/2004/02/skos/core#", "http://xmlns.com/foaf/0.1/"
SDMX = "http://purl.org/linked-data/sdmx/2009/dimension#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SIZE = 7  # rows a page: every list spans pages, the last one part full
COPIES = 3  # graphs a minted place and group are written in

PREFIXES = """PREFIX dis: <{vocab}displacement#> PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# Each whole list as one plain query (the lists' queries before they had an index, e1787ea), which the index's
# pages must equal once ordered with ORDER BY.
PLAIN = {
    "articles": """SELECT ?article ?headline ?published (SAMPLE(?pub) AS ?publisher) ?publisherIri WHERE {
        ?article a schema:NewsArticle ; schema:headline ?headline .
        OPTIONAL { ?article schema:datePublished ?published }
        OPTIONAL { ?article schema:publisher ?publisherIri . ?publisherIri skos:prefLabel|schema:name ?pub }
      } GROUP BY ?article ?headline ?published ?publisherIri""",
    "places": """SELECT ?place ?name ?level ?figures WHERE {
        { SELECT ?place (SAMPLE(?n) AS ?name) (SAMPLE(?lv) AS ?level) WHERE {
            { SELECT DISTINCT ?place WHERE {
                ?place a ?type . VALUES ?type { schema:AdministrativeArea schema:Place schema:Country } } }
            ?place schema:name ?n FILTER(LANG(?n) IN ("en", ""))
            OPTIONAL { ?place dis:adminLevel ?lv }
          } GROUP BY ?place }
        OPTIONAL { SELECT ?place (COUNT(DISTINCT ?o) AS ?f) WHERE { ?o sdmx:refArea ?place } GROUP BY ?place }
        BIND(COALESCE(?f, 0) AS ?figures)
      }""",
    "organizations": """SELECT ?org ?name ?figures ?statements WHERE {
        { SELECT ?org (SAMPLE(?l) AS ?name) WHERE {
            { SELECT DISTINCT ?org WHERE { ?org a org:Organization } }
            ?org skos:prefLabel ?l
          } GROUP BY ?org }
        OPTIONAL { SELECT ?org (COUNT(DISTINCT ?o) AS ?f) WHERE { ?o dis:reportedBy ?org } GROUP BY ?org }
        OPTIONAL { SELECT ?org (COUNT(DISTINCT ?st) AS ?s) WHERE { ?st schema:author ?org } GROUP BY ?org }
        BIND(COALESCE(?f, 0) AS ?figures) BIND(COALESCE(?s, 0) AS ?statements)
      }""",
    "people": """SELECT ?person ?name ?statements WHERE {
        { SELECT ?person (SAMPLE(?n) AS ?name) WHERE {
            { SELECT DISTINCT ?person WHERE { ?person a foaf:Person } }
            ?person schema:name|foaf:name ?n
          } GROUP BY ?person }
        OPTIONAL { SELECT ?person (COUNT(DISTINCT ?st) AS ?s) WHERE { ?st schema:author ?person } GROUP BY ?person }
        BIND(COALESCE(?s, 0) AS ?statements)
      }""",
    "observations": """SELECT DISTINCT ?o ?figure ?qualifier ?unit ?place ?placeName ?period ?reported ?reporter ?reporterName WHERE {
        ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure .
        OPTIONAL { ?o dis:figureQualifier/skos:prefLabel ?qualifier }
        OPTIONAL { ?o dis:populationUnit/skos:prefLabel ?unit }
        OPTIONAL { ?o sdmx:refArea ?place . ?place schema:name ?placeName }
        OPTIONAL { ?o sdmx:refPeriod/rdfs:label ?period }
        OPTIONAL { ?o dis:reportDate ?reported }
        OPTIONAL { ?o dis:reportedBy ?reporter . ?reporter skos:prefLabel ?reporterName }
      }""",
}


def _plain(vocab: str, spec: BrowseList, sort: str, reverse: bool) -> str:
    order = order_by(spec.sorts[sort], spec.id, reverse=reverse)
    return PREFIXES.format(vocab=vocab) + f"SELECT * WHERE {{ {{ {PLAIN[spec.slug]} }} }} ORDER BY {order}"


def _quads(vocab: str) -> str:
    dis = vocab + "displacement#"
    shared = f"<{BASE}graph/shared>"
    lines: list[str] = []

    def add(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"{s} {p} {o} {g} .")

    for n in range(23):  # articles: headlines and dates tie, some have no date; publishers' names in the shared graph
        g, a = f"<{BASE}graph/article/{n}>", f"<{BASE}id/article/{n:02}>"
        add(a, RDF_TYPE, f"<{SCHEMA}NewsArticle>", g)
        add(a, f"<{SCHEMA}headline>", f'"Headline {n % 7}"@en', g)
        if n % 6:
            add(a, f"<{SCHEMA}datePublished>", f'"2020-01-{n % 5 + 1:02}"^^<{XSD}date>', g)
        add(a, f"<{SCHEMA}publisher>", f"<{BASE}id/org/p{n % 3}>", g)
    for n in range(3):
        add(f"<{BASE}id/org/p{n}>", f"<{SKOS}prefLabel>", f'"Publisher {n}"@en', shared)
    for n in range(17):  # places: names tie, some have no level; place 0 written in several graphs
        graphs = [f"<{BASE}graph/article/{k}>" for k in range(COPIES)] if n == 0 else [shared]
        p = f"<{BASE}id/place/{n:02}>"
        for g in graphs:
            add(p, RDF_TYPE, f"<{SCHEMA}{'Place' if n % 2 else 'AdministrativeArea'}>", g)
            add(p, f"<{SCHEMA}name>", f'"Place {n % 6}"@en', g)
            if n % 5:
                add(p, f"<{dis}adminLevel>", f'"{n % 4}"^^<{XSD}integer>', g)
    for n in range(17):  # organizations: names tie; org 0 written in several graphs
        graphs = [f"<{BASE}graph/article/{k}>" for k in range(COPIES)] if n == 0 else [shared]
        for g in graphs:
            add(f"<{BASE}id/org/o{n:02}>", RDF_TYPE, "<http://www.w3.org/ns/org#Organization>", g)
            add(f"<{BASE}id/org/o{n:02}>", f"<{SKOS}prefLabel>", f'"Org {n % 4}"@en', g)
    for n in range(16):  # people
        add(f"<{BASE}id/person/{n:02}>", RDF_TYPE, f"<{FOAF}Person>", shared)
        add(f"<{BASE}id/person/{n:02}>", f"<{SCHEMA}name>", f'"Person {n % 5}"', shared)
    for n in range(30):  # statements by organizations and people, some counted in several graphs
        g = f"<{BASE}graph/article/{n % 23}>"
        add(f"<{BASE}id/statement/{n:02}>", f"<{SCHEMA}author>", f"<{BASE}id/org/o{n % 5:02}>", g)
        add(f"<{BASE}id/statement/p{n:02}>", f"<{SCHEMA}author>", f"<{BASE}id/person/{n % 7:02}>", g)
    for n in range(31):  # figures: values tie, some have no date or no place
        g, o = f"<{BASE}graph/article/{n % 23}>", f"<{BASE}id/observation/{n:02}>"
        add(o, RDF_TYPE, f"<{dis}DisplacementObservation>", g)
        add(o, f"<{dis}reportedFigure>", f'"{(n * 37) % 11 * 100}"^^<{XSD}integer>', g)
        if n % 4:
            add(o, f"<{dis}reportDate>", f'"2019-{n % 9 + 1:02}-01"^^<{XSD}date>', g)
        if n % 10:
            add(o, f"<{SDMX}refArea>", f"<{BASE}id/place/{n % 17:02}>", g)
        add(o, f"<{dis}reportedBy>", f"<{BASE}id/org/o{n % 4:02}>", g)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Store]:
    settings = make_settings(Path(tmp_path_factory.mktemp("browse")), keep=True)
    return filled(settings, _quads(settings.vocab_uri).encode(), ox.RdfFormat.N_QUADS, keep=True)


def _pages(store: Store, vocab: str, spec: BrowseList, sort: str, reverse: bool) -> list[Table]:
    found = index(store, vocab, spec)
    first = table(store, vocab, spec, found, sort, 1, reverse=reverse, size=SIZE)
    return [first, *(table(store, vocab, spec, found, sort, n, reverse=reverse, size=SIZE) for n in range(2, first.pages + 1))]


CASES = [(name, sort, reverse) for name, spec in sorted(LISTS.items()) for sort in spec.sorts for reverse in (False, True)]


@pytest.mark.parametrize(("name", "sort", "reverse"), CASES, ids=[f"{n}-{s}-{'reverse' if r else 'natural'}" for n, s, r in CASES])
def test_pages_in_every_order_are_the_plain_order_by_query_cut_in_pages(stored: tuple[Settings, Store], name: str, sort: str, reverse: bool) -> None:
    settings, store = stored
    spec = LISTS[name]
    plain = store.query(_plain(settings.vocab_uri, spec, sort, reverse))
    assert isinstance(plain, Solutions)
    expected = plain.values()
    pages = _pages(store, settings.vocab_uri, spec, sort, reverse)
    assert len(expected) > 2 * SIZE  # more than two pages: the orders are tested across page edges
    assert [row for page in pages for row in page.rows] == expected
    assert all(len(page.rows) == SIZE for page in pages[:-1]) and 0 < len(pages[-1].rows) <= SIZE
    assert [p.count for p in pages] == [len(expected)] * len(pages) == [len({r[spec.id] for r in expected})] * len(pages)
    assert [(p.page.previous, p.page.next) for p in (pages[0], pages[-1])] == [(None, 2), (len(pages) - 1, None)]


def test_a_page_past_the_end_is_empty_and_says_how_many_there_are(stored: tuple[Settings, Store]) -> None:
    settings, store = stored
    spec = LISTS["observations"]
    found = index(store, settings.vocab_uri, spec)
    past = table(store, settings.vocab_uri, spec, found, "figure", 6, size=SIZE)
    assert (past.rows, past.count, past.pages, past.page.next) == ([], 31, 5, None)
    assert table(store, settings.vocab_uri, spec, found, "no such sort", 1, size=SIZE).sort == "date"


def test_the_other_direction_is_the_reverse_of_the_natural_one(stored: tuple[Settings, Store]) -> None:
    settings, store = stored
    for spec in LISTS.values():
        for sort in spec.sorts:
            natural = [r[spec.id] for p in _pages(store, settings.vocab_uri, spec, sort, False) for r in p.rows]
            other = [r[spec.id] for p in _pages(store, settings.vocab_uri, spec, sort, True) for r in p.rows]
            assert other == natural[::-1], (spec.slug, sort)


def test_a_figure_about_a_place_named_in_many_graphs_is_listed_once(stored: tuple[Settings, Store]) -> None:
    settings, store = stored
    rows = [r for p in _pages(store, settings.vocab_uri, LISTS["observations"], "figure", False) for r in p.rows]
    assert len(rows) == 31 == len({r["o"] for r in rows})
    assert {r["placeName"] for r in rows if r.get("place") == f"{BASE}id/place/00"} == {"Place 0"}


def test_things_named_in_many_graphs_are_one_row_with_their_links_counted_once(stored: tuple[Settings, Store]) -> None:
    settings, store = stored
    orgs = {r["org"]: r for p in _pages(store, settings.vocab_uri, LISTS["organizations"], "name", False) for r in p.rows}
    # o00 is written in three graphs; it reported the figures n % 4 == 0 (8 of 31) and made the statements n % 5 == 0 (6 of 30)
    assert (orgs[f"{BASE}id/org/o00"]["name"], orgs[f"{BASE}id/org/o00"]["figures"], orgs[f"{BASE}id/org/o00"]["statements"]) == ("Org 0", "8", "6")
    places = {r["place"]: r for p in _pages(store, settings.vocab_uri, LISTS["places"], "figures", False) for r in p.rows}
    assert (places[f"{BASE}id/place/00"]["name"], places[f"{BASE}id/place/00"]["figures"]) == ("Place 0", "1")  # n = 17 (n = 0 has no place)
    assert places[f"{BASE}id/place/01"]["figures"] == "2"  # n = 1 and 18


def _graph(nquads: str) -> dict[URIRef, Graph]:
    """N-Quads as one rdflib graph per graph name."""
    graphs: dict[URIRef, Graph] = {}
    for quad in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS):
        g = graphs.setdefault(URIRef(quad.graph_name.value), Graph())  # type: ignore[union-attr]
        g.add(tuple(to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))  # type: ignore[arg-type]
    return graphs


def _writes(vocab: str) -> list[dict[URIRef, Graph]]:
    """Writes of one graph at a time: an article replaced (a headline changed, a figure gone, one about a new place
    reported by another group, a statement by a new person), a new article, one emptied, one that held a copy of
    a place and a group written in several graphs replaced without them."""
    dis = vocab + "displacement#"
    g3, a3 = f"<{BASE}graph/article/3>", f"<{BASE}id/article/03>"
    new_place, new_person = f"<{BASE}id/place/new>", f"<{BASE}id/person/new>"
    replaced = "\n".join([
        f"{a3} {RDF_TYPE} <{SCHEMA}NewsArticle> {g3} .",
        f'{a3} <{SCHEMA}headline> "Headline 0"@en {g3} .',  # ties with others now
        f"{a3} <{SCHEMA}publisher> <{BASE}id/org/p1> {g3} .",
        f"<{BASE}id/observation/03> {RDF_TYPE} <{dis}DisplacementObservation> {g3} .",
        f'<{BASE}id/observation/03> <{dis}reportedFigure> "100"^^<{XSD}integer> {g3} .',  # 26 is gone
        f"<{BASE}id/observation/03> <{SDMX}refArea> {new_place} {g3} .",
        f"<{BASE}id/observation/03> <{dis}reportedBy> <{BASE}id/org/o16> {g3} .",
        f"{new_place} {RDF_TYPE} <{SCHEMA}Place> {g3} .",
        f'{new_place} <{SCHEMA}name> "Place 3"@en {g3} .',
        f"{new_person} {RDF_TYPE} <{FOAF}Person> {g3} .",
        f'{new_person} <{SCHEMA}name> "Person 0" {g3} .',
        f"<{BASE}id/statement/new> <{SCHEMA}author> {new_person} {g3} .",
        f"<{BASE}id/statement/new2> <{SCHEMA}author> <{BASE}id/org/o02> {g3} .",
    ])
    g99, a99 = f"<{BASE}graph/article/99>", f"<{BASE}id/article/99>"
    added = "\n".join([
        f"{a99} {RDF_TYPE} <{SCHEMA}NewsArticle> {g99} .",
        f'{a99} <{SCHEMA}headline> "Headline 9"@en {g99} .',
        f'{a99} <{SCHEMA}datePublished> "2020-01-03"^^<{XSD}date> {g99} .',
        f"<{BASE}id/observation/99> {RDF_TYPE} <{dis}DisplacementObservation> {g99} .",
        f'<{BASE}id/observation/99> <{dis}reportedFigure> "700"^^<{XSD}integer> {g99} .',
        f"<{BASE}id/observation/99> <{SDMX}refArea> <{BASE}id/place/00> {g99} .",
    ])
    g1 = f"<{BASE}graph/article/1>"  # held copies of place 00 and org o00; keeps its article only
    kept = "\n".join([f"<{BASE}id/article/01> {RDF_TYPE} <{SCHEMA}NewsArticle> {g1} .",
                      f'<{BASE}id/article/01> <{SCHEMA}headline> "Headline 1"@en {g1} .'])
    return [_graph(replaced), _graph(added), {URIRef(f"{BASE}graph/article/5"): Graph()}, _graph(kept)]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_after_each_write_the_updated_index_pages_are_the_plain_order_by_query(tmp_path: Path, name: str) -> None:
    settings, store = filled(make_settings(tmp_path), _quads(make_settings(tmp_path).vocab_uri).encode(), ox.RdfFormat.N_QUADS)
    spec, vocab = LISTS[name], settings.vocab_uri
    found = index(store, vocab, spec)
    for write in _writes(vocab):
        (graph_name, graph), = write.items()
        touched = changes.touched(store, graph_name, graph)
        store.replace_graphs(write)
        found = updated(store, vocab, spec, found, touched)
        for sort in spec.sorts:
            for reverse in (False, True):
                plain = store.query(_plain(vocab, spec, sort, reverse))
                assert isinstance(plain, Solutions)
                pages = [table(store, vocab, spec, found, sort, n, reverse=reverse, size=SIZE) for n in range(1, 10)]
                assert [row for page in pages for row in page.rows] == plain.values(), (graph_name, sort, reverse)
                assert pages[0].count == len({r[spec.id] for r in plain.values()})
    store.close()
