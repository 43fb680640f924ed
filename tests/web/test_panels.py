"""The panels of a busy place: every figure counted in its timeline and total, the latest ones in words, checked
against SPARQL aggregates over the same store; and its HTML page, served by uvicorn over that store."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from lod.rdf.namespaces import DEFAULT_VOCAB, dis, rebase
from lod.settings import Settings
from lod.store import Store, to_rdflib
from lod.web import describe, pages, panels
from lod.web.app import create_app

from _engines import filled

from ._serving import listener, running, url_of
from .conftest import SEED

TOWN = "place/geonames/169389"  # in Idleb (SY07) in the seed
DISTRICT = "place/pcode/SY0702"  # in Idleb too
REPORTER = "org/erc-team-northern-syria"
FIGURES = 4 * panels.FIGURE_LIMIT + 40  # more than a table lists; enough for a district with figures in both units
PLACE_TYPES = {"https://schema.org/Place"}
HUB = "org/much-cited"
CITING_KEY = "statement/cites"
CITING = describe.INCOMING_LIMIT + 20
SCHEMA_NAME = "https://schema.org/name"
OA_HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource"

_PREFIXES = """PREFIX dis: <{vocab}displacement#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
"""
# What a place page counts: its own observations, those of places inside it and of areas that include it.
_IN = """{{ ?o sdmx:refArea <{e}> BIND(<{e}> AS ?a) }} UNION {{ ?a schema:containedInPlace+ <{e}> . ?o sdmx:refArea ?a }}
    UNION {{ ?a schema:containsPlace/schema:containedInPlace* <{e}> . ?o sdmx:refArea ?a }}"""
# The timeline as one SPARQL aggregate (units named in English), and the latest figures by the store's ORDER BY.
_TIMELINE = """SELECT ?month ?unit (COUNT(DISTINCT ?o) AS ?n) (SUM(COALESCE(?min, ?figure)) AS ?low) WHERE {{
    {{ SELECT DISTINCT ?o WHERE {{ {where} }} }}
    ?o dis:reportDate ?reported ; dis:reportedFigure ?figure ; dis:populationUnit/skos:prefLabel ?unit
    FILTER(LANG(?unit) IN ("en", "")) OPTIONAL {{ ?o schema:minValue ?min }}
    BIND(SUBSTR(STR(?reported), 1, 7) AS ?month)
}} GROUP BY ?month ?unit ORDER BY ?month ?unit"""
# A figure reported for two places inside the page's place is listed once for each (the table says where).
_LATEST = """SELECT DISTINCT ?o ?a ?reported WHERE {{ {where} ?o dis:reportedFigure ?f OPTIONAL {{ ?o dis:reportDate ?reported }} }}
ORDER BY DESC(?reported) ?o ?a"""


@dataclass
class Busy:
    url: str
    base: str
    store: Store

    def select(self, query: str) -> list[dict[str, str]]:
        return self.store.query(_PREFIXES.format(vocab=DEFAULT_VOCAB) + query).values()  # type: ignore[union-attr]


def _citations(base: str) -> list[ox.Quad]:
    """``CITING`` statements that cite the hub (a link no panel shows), each from a span of an article."""
    n = ox.NamedNode
    graph, hub = n(base + "graph/hub"), n(base + "id/" + HUB)
    quads = [ox.Quad(hub, n(SCHEMA_NAME), ox.Literal("A much-cited body"), graph)]
    for i in range(CITING):
        citing, span = n(f"{base}id/{CITING_KEY}{i:04d}"), n(f"{base}id/article/hub/span/{i}-{i + 9}")
        quads += [
            ox.Quad(citing, n("http://purl.org/dc/terms/references"), hub, graph),
            ox.Quad(citing, n(SCHEMA_NAME), ox.Literal(f"Citation {i}"), graph),
            ox.Quad(citing, n("http://www.w3.org/ns/prov#wasDerivedFrom"), span, graph),
            ox.Quad(span, n(OA_HAS_SOURCE), n(base + "id/article/hub"), graph),
            ox.Quad(span, n("http://www.w3.org/ns/oa#hasSelector"), n(f"{base}id/article/hub/span/{i}-{i + 9}/quote"), graph),
            ox.Quad(n(f"{base}id/article/hub/span/{i}-{i + 9}/quote"), n("http://www.w3.org/ns/oa#exact"), ox.Literal(f"cited {i}"), graph),
        ]
    return quads


def _observations(base: str) -> list[ox.Quad]:
    """``FIGURES`` observations of the town (some undated, some without a lower bound, in two units, a few
    reported for the district too) in a graph of their own, and a unit named in English and Arabic."""
    n, d = ox.NamedNode, str(dis(DEFAULT_VOCAB))
    graph, integer = n(base + "graph/busy"), n("http://www.w3.org/2001/XMLSchema#integer")
    persons = n(DEFAULT_VOCAB + "concept/population-unit/persons")
    quads = [
        ox.Quad(persons, n("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("أشخاص", language="ar"), graph),
        ox.Quad(persons, n("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("persons", language="en"), graph),
    ]
    for i in range(FIGURES):
        o = n(f"{base}id/observation/busy{i:04d}")
        unit = persons if i % 3 else n(DEFAULT_VOCAB + "concept/population-unit/households")
        triples = [
            (n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(d + "DisplacementObservation")),
            (n(d + "reportedFigure"), ox.Literal(str(10 * i + 3), datatype=integer)),
            (n(d + "populationUnit"), unit),
            (n("http://purl.org/linked-data/sdmx/2009/dimension#refArea"), n(base + "id/" + TOWN)),
            (n(d + "reportedBy"), n(base + "id/" + REPORTER)),
        ]
        if i % 11:
            day = f"20{18 + i % 5}-{1 + i % 12:02d}-{1 + i % 27:02d}"
            triples.append((n(d + "reportDate"), ox.Literal(day, datatype=n("http://www.w3.org/2001/XMLSchema#date"))))
        if i % 4:
            triples.append((n("https://schema.org/minValue"), ox.Literal(str(10 * i + 4), datatype=integer)))
        if i % 29 == 0:
            triples.append((n("http://purl.org/linked-data/sdmx/2009/dimension#refArea"), n(base + "id/" + DISTRICT)))
        quads += [ox.Quad(o, p, v, graph) for p, v in triples]
    return quads


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Busy]:
    root = tmp_path_factory.mktemp("busy")
    sock = listener()
    url = url_of(sock)
    settings = Settings(base_uri=url, store_path=root / "store", dumps_dir=root / "dumps")
    seed = rebase(SEED.read_text(encoding="utf-8"), url, DEFAULT_VOCAB).encode()
    settings, store = filled(settings, seed, ox.RdfFormat.TRIG, extra=_observations(url) + _citations(url), keep=True)
    with running(create_app(settings, store), sock):
        yield Busy(url, url, store)


@pytest.mark.parametrize("place", [TOWN, "place/pcode/SY07", DISTRICT])
def test_a_place_panel_counts_every_figure_and_shows_the_latest(busy: Busy, place: str) -> None:
    entity = busy.base + "id/" + place
    shown = panels.panels(busy.store, DEFAULT_VOCAB, entity, PLACE_TYPES, None)
    where = _IN.format(e=entity)
    expected = [
        {"month": r["month"], "unit": r["unit"], "figures": int(r["n"]), "atLeast": int(r["low"])}
        for r in busy.select(_TIMELINE.format(where=where))
    ]
    assert shown.timeline == expected
    assert {r["unit"] for r in expected} == {"households", "persons"}  # the English label, never the Arabic one
    latest = [(r["o"], r["a"]) for r in busy.select(_LATEST.format(where=where))]
    assert shown.figures_total == len({o for o, _ in latest}) > 0
    assert [(f.observation, f.area) for f in shown.figures] == latest[: panels.FIGURE_LIMIT]
    assert shown.figures_capped == (len(latest) > panels.FIGURE_LIMIT)


def test_each_figure_is_in_words_with_its_lower_bound(busy: Busy) -> None:
    shown = panels.panels(busy.store, DEFAULT_VOCAB, busy.base + "id/" + TOWN, PLACE_TYPES, None)
    rows = busy.select("""SELECT ?o ?figure ?min ?unit WHERE { ?o dis:reportedFigure ?figure ; dis:populationUnit/skos:prefLabel ?unit
                          FILTER(LANG(?unit) = "en") OPTIONAL { ?o schema:minValue ?min } }""")
    expected = {r["o"]: (int(r.get("min", r["figure"])), f"{int(r['figure']):,} {r['unit']}") for r in rows}
    ours = {f.observation: (f.at_least, f.phrase) for f in shown.figures if "/observation/busy" in f.observation}
    assert len(ours) >= panels.FIGURE_LIMIT - 1  # all but the seed's own (it has a qualifier: "more than 2,147 ...")
    assert ours == {o: expected[o] for o in ours}
    assert any(low == int(phrase.split()[0].replace(",", "")) for low, phrase in ours.values())  # no minimum: the figure
    assert any(low > int(phrase.split()[0].replace(",", "")) for low, phrase in ours.values())


def test_pages_that_list_observations_name_them_as_the_figures_table_does(busy: Busy) -> None:
    """An observation named on another page: its figure in words and the English name of its place, the same as
    the place's figures table says it (one lookup each, whatever the number of graphs restating its values)."""
    shown = panels.panels(busy.store, DEFAULT_VOCAB, busy.base + "id/" + TOWN, PLACE_TYPES, None)
    named = panels.phrases(busy.store, DEFAULT_VOCAB, [f.observation for f in shown.figures])
    assert len(named) == len({f.observation for f in shown.figures}) > 10
    for figure in shown.figures:
        assert named[figure.observation].startswith(figure.phrase), figure
        assert figure.area_name and named[figure.observation].endswith(f" in {figure.area_name}")


def test_an_agent_panel_counts_every_figure_it_reported(busy: Busy) -> None:
    entity = busy.base + "id/" + REPORTER
    shown = panels.panels(busy.store, DEFAULT_VOCAB, entity, {"http://www.w3.org/ns/org#Organization"}, None)
    reported = busy.select(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o dis:reportedBy <{entity}> ; sdmx:refArea ?a }}")
    assert shown.figures_total == int(reported[0]["n"]) == FIGURES + 1
    assert len(shown.figures) == panels.FIGURE_LIMIT


def test_a_busy_place_page_says_how_many_figures_and_embeds_only_what_it_shows(busy: Busy) -> None:
    total = len({r["o"] for r in busy.select(_LATEST.format(where=_IN.format(e=busy.base + "id/" + TOWN)))})
    with httpx.Client(base_url=busy.url, timeout=30) as http:
        page = http.get(f"/doc/{TOWN}", headers={"Accept": "text/html"})
        turtle = http.get(f"/doc/{TOWN}.ttl")
    assert page.status_code == 200 and turtle.status_code == 200
    caption = re.search(r"<caption>(.*?)</caption>", page.text, re.S)
    assert caption and f"the latest {panels.FIGURE_LIMIT} of {total:,}" in caption.group(1)
    assert f'href="{busy.url}observations.csv"' in caption.group(1)
    every = re.search(r'<a href="([^"]*sparql\?query=[^"]*)">every one of them</a>', caption.group(1))
    assert every
    with httpx.Client(timeout=30) as http:
        listed = http.get(html.unescape(every.group(1)))
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(listed.text)))
    assert len({r["observation"] for r in rows}) == total
    assert [(r["observation"], r["area"]) for r in rows][: panels.FIGURE_LIMIT] == [
        (o, a) for o, a in ((r["o"], r["a"]) for r in busy.select(_LATEST.format(where=_IN.format(e=busy.base + "id/" + TOWN))))
    ][: panels.FIGURE_LIMIT]
    assert len(re.findall(r'<table class="listing figures">.*?</table>', page.text, re.S)) == 1
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S)
    assert block
    embedded = ox.parse(block.group(1).encode(), format=ox.RdfFormat.JSON_LD)
    subjects = {q.subject.value for q in embedded if isinstance(q.subject, ox.NamedNode)}
    assert busy.base + "id/" + TOWN in subjects
    assert not {s for s in subjects if "/id/observation/" in s}  # the figures are in the table, not the JSON-LD
    # The Turtle document still names what points at the town, its figures included, up to the limit.
    described = ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)
    pointing = {(q.subject.value, q.predicate.value) for q in described if q.object == ox.NamedNode(busy.base + "id/" + TOWN)}
    assert total > describe.INCOMING_LIMIT
    assert len(pointing) == describe.INCOMING_LIMIT
    assert {s for s, _ in pointing if "/id/observation/" in s}
    assert json.loads(block.group(1))  # JSON a machine reads


def test_a_hub_document_names_the_first_links_to_it_but_not_their_sources(busy: Busy) -> None:
    with httpx.Client(base_url=busy.url, timeout=30) as http:
        turtle = http.get(f"/doc/{HUB}.ttl")
    assert turtle.status_code == 200
    described = list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    hub = ox.NamedNode(busy.base + "id/" + HUB)
    pointing = {q.subject for q in described if q.object == hub}
    assert len(pointing) == describe.INCOMING_LIMIT < CITING
    assert all(any(q.subject == s and q.predicate.value == SCHEMA_NAME for q in described) for s in pointing)  # by name
    assert not [q for q in described if q.predicate.value == OA_HAS_SOURCE]  # their sources are in their documents
    own = http_get_turtle(busy, f"/doc/{CITING_KEY}0000.ttl")  # where they are
    assert [q for q in own if q.predicate.value == OA_HAS_SOURCE]


def test_a_hub_page_says_how_many_links_there_are_and_where_they_all_are(busy: Busy) -> None:
    with httpx.Client(base_url=busy.url, timeout=30) as http:
        page = http.get(f"/doc/{HUB}", headers={"Accept": "text/html"})
        note = re.search(r'<p class="more">(.*?)</p>', page.text, re.S)
        assert page.status_code == 200 and note
        assert f"{CITING} links point here; the first {describe.INCOMING_LIMIT} are listed" in note.group(1)
        href = re.search(r'href="([^"]+)"', note.group(1))
        assert href
        listed = http.get(href.group(1).replace("&amp;", "&"))
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("text/csv")
    rows = listed.text.strip().splitlines()
    assert rows[0].split(",") == ["in", "link"] and len(rows) == CITING + 1
    assert {r.split(",")[0] for r in rows[1:]} == {f"{busy.base}id/{CITING_KEY}{i:04d}" for i in range(CITING)}


def test_links_are_counted_up_to_a_cap_past_which_a_page_says_more_than(busy: Busy) -> None:
    hub = busy.base + "id/" + HUB
    assert describe.incoming_count(busy.store, hub) == CITING
    assert describe.incoming_count(busy.store, hub, upto=CITING) == CITING
    assert describe.incoming_count(busy.store, hub, upto=CITING - 21) == CITING - 20  # one more than the cap: "more than"
    assert pages.INCOMING_COUNTED > CITING  # the page above says the exact number


def http_get_turtle(busy: Busy, path: str) -> list[ox.Triple]:
    answer = httpx.get(busy.url.rstrip("/") + path, timeout=30)
    assert answer.status_code == 200
    return [q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.TURTLE)]


# The links into an entity, a page at a time (lod.web.incoming): what a document says of them, and the pages.
HYDRA_NEXT = "http://www.w3.org/ns/hydra/core#next"
RDF_SUFFIXES = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML}


def _graph(answer: httpx.Response, suffix: str) -> Graph:
    """The answer read by pyoxigraph, as an rdflib graph (to compare by isomorphism: hydra:manages is a blank node)."""
    graph = Graph()
    for quad in ox.parse(answer.content, format=RDF_SUFFIXES[suffix]):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _next(answer: httpx.Response) -> str | None:
    found = re.search(r'<([^>]*)>; rel="next"', answer.headers.get("link", ""))
    return found.group(1) if found else None


def test_a_hub_document_says_where_every_link_to_it_is_in_every_format(busy: Busy) -> None:
    collection = f"{busy.url}incoming/doc/{HUB}"
    with httpx.Client(base_url=busy.url, timeout=30) as http:
        answers = {suffix: http.get(f"/doc/{HUB}.{suffix}") for suffix in RDF_SUFFIXES}
        negotiated = http.get(f"/doc/{HUB}", headers={"Accept": "text/turtle"})
        quiet = http.get(f"/doc/{CITING_KEY}0000.ttl")
    graphs = {suffix: _graph(answer, suffix) for suffix, answer in answers.items()}
    for suffix, answer in answers.items():
        assert answer.status_code == 200 and _next(answer) == collection, suffix
        assert isomorphic(graphs[suffix], graphs["ttl"]), suffix
    assert _next(negotiated) == collection and isomorphic(_graph(negotiated, "ttl"), graphs["ttl"])
    assert (URIRef(f"{busy.url}doc/{HUB}"), URIRef(HYDRA_NEXT), URIRef(collection)) in graphs["ttl"]
    assert _next(quiet) is None and URIRef(HYDRA_NEXT) not in set(_graph(quiet, "ttl").predicates())


@pytest.mark.parametrize("key", [HUB, TOWN])
def test_every_page_of_the_links_in_together_is_the_sparql_set(busy: Busy, key: str) -> None:
    entity = URIRef(busy.base + "id/" + key)
    expected = {(r["in"], r["link"]) for r in busy.store.query(describe.incoming_query(str(entity))).values()}  # type: ignore[union-attr]
    pages: list[list[tuple[str, str]]] = []
    url: str | None = f"{busy.url}incoming/doc/{key}"
    with httpx.Client(timeout=30) as http:
        while url is not None:
            answer = http.get(url, headers={"Accept": "text/turtle"})
            assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
            graph = _graph(answer, "ttl")
            pages.append(sorted((str(s), str(p)) for s, p in graph.subject_predicates(entity) if isinstance(s, URIRef)))
            stated = [str(o) for o in graph.objects(URIRef(url), URIRef(HYDRA_NEXT))]
            assert stated == ([_next(answer)] if _next(answer) else [])  # the page says what its Link header says
            url = _next(answer)
            assert len(pages) < 50
    assert len(expected) > describe.INCOMING_LIMIT and len(pages) == -(-len(expected) // describe.INCOMING_LIMIT)
    assert all(len(page) <= describe.INCOMING_LIMIT for page in pages)
    listed = [pair for page in pages for pair in page]
    assert listed == sorted(expected)  # every link once, in order across the pages


def test_a_page_of_links_is_the_same_graph_in_every_format(busy: Busy) -> None:
    with httpx.Client(timeout=30) as http:
        second = _next(http.get(f"{busy.url}incoming/doc/{TOWN}.ttl"))
        assert second and "?after=" in second
        collection, query = second.split("?", 1)
        answers = {suffix: http.get(f"{collection}.{suffix}?{query}") for suffix in RDF_SUFFIXES}
        negotiated = http.get(second, headers={"Accept": "application/ld+json"})
    turtle = _graph(answers["ttl"], "ttl")
    assert len(set(turtle.subject_predicates(URIRef(busy.base + "id/" + TOWN)))) > describe.INCOMING_LIMIT / 2
    for suffix, answer in answers.items():
        assert answer.status_code == 200 and answer.headers["content-location"] == f"{collection}.{suffix}?{query}"
        assert isomorphic(_graph(answer, suffix), turtle), suffix
    assert negotiated.headers["content-location"] == f"{collection}.jsonld?{query}" and "Accept" in negotiated.headers["vary"]
    assert isomorphic(_graph(negotiated, "jsonld"), turtle)


def test_a_hub_page_links_to_every_link_a_page_at_a_time(busy: Busy) -> None:
    with httpx.Client(base_url=busy.url, timeout=30) as http:
        page = http.get(f"/doc/{HUB}", headers={"Accept": "text/html"})
        pages = re.search(r'<a rel="next" href="([^"]+)">', page.text)
        assert pages and pages.group(1) == f"{busy.url}incoming/doc/{HUB}"
        first = http.get(pages.group(1), headers={"Accept": "text/html"})
        rows = re.findall(r'<tr><td><a href="([^"]+)">', first.text)
        following = re.search(r'<a rel="next" href="([^"]+)">', first.text)
        assert following
        second = http.get(html.unescape(following.group(1)), headers={"Accept": "text/html"})
    assert first.status_code == second.status_code == 200
    rows += re.findall(r'<tr><td><a href="([^"]+)">', second.text)
    assert sorted(rows) == sorted(f"{busy.url}doc/{CITING_KEY}{i:04d}" for i in range(CITING))
    assert f"of {CITING}" in first.text and 'rel="next"' not in second.text.split("<main", 1)[1]


@pytest.mark.parametrize("path", [f"incoming/doc/{HUB}x", "incoming/elsewhere/x", "incoming/doc/", f"incoming/doc/{HUB}?after=nothing",
                                  f"incoming/doc/{HUB}?after=http%3A%2F%2Fa%2Fb"])
def test_links_into_nothing_are_not_found(busy: Busy, path: str) -> None:
    assert httpx.get(busy.url + path, timeout=30).status_code == 404
