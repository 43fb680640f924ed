"""Browse lists: articles, places, organizations, people and observations as sortable tables, a page at a time.

Each list is one SPARQL query with an ``ORDER BY`` chosen from its own sorts (never from the request's text)
and ``LIMIT``/``OFFSET``. A page still sorts the whole list, so its cost grows with the dataset (linearly).

The lists that count links take each thing DISTINCT first, its name next, and each count in a query of its own:
a thing minted from a name that many articles use (a group speaking in every article, a place outside the
gazetteer) has its types and its name written again in each of their graphs, and one join over the union's copies
multiplied them (types x names x statements: the organizations page of a 1,000-article corpus did not answer in
two minutes). The figures list is DISTINCT: a place's name written in many graphs came back once per graph, and the
first page at 10,000 articles showed 21 figures in 51 rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from lod.rdf.namespaces import dis
from lod.store import Solutions, Store
from lod.web.listing import PAGE_SIZE, Page

__all__ = ["LISTS", "Column", "Table", "BrowseList", "table"]

_PREFIXES = """
PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@dataclass(frozen=True)
class Column:
    """A column: the variable shown, its heading, and the variable holding the IRI it links to."""

    var: str
    heading: str
    link: str | None = None
    numeric: bool = False


@dataclass(frozen=True)
class BrowseList:
    slug: str
    title: str
    lede: str
    where: str  # a SELECT body binding the columns' variables; ``{order}`` etc. are added around it
    columns: tuple[Column, ...]
    sorts: dict[str, str]  # sort key -> ORDER BY clause; the first is the default


@dataclass(frozen=True)
class Table:
    spec: BrowseList
    sort: str
    rows: list[dict[str, str]]
    page: Page


LISTS: dict[str, BrowseList] = {
    spec.slug: spec
    for spec in (
        BrowseList(
            "articles",
            "Articles",
            "Every article read, newest first.",
            """SELECT ?article ?headline ?published (SAMPLE(?pub) AS ?publisher) ?publisherIri WHERE {
                 ?article a schema:NewsArticle ; schema:headline ?headline .
                 OPTIONAL { ?article schema:datePublished ?published }
                 OPTIONAL { ?article schema:publisher ?publisherIri . ?publisherIri skos:prefLabel|schema:name ?pub }
               } GROUP BY ?article ?headline ?published ?publisherIri""",
            (Column("headline", "Headline", "article"), Column("published", "Published"), Column("publisher", "Publisher", "publisherIri")),
            {"date": "DESC(?published) ?headline", "headline": "?headline"},
        ),
        BrowseList(
            "places",
            "Places",
            "Places and areas, with how many displacement figures are reported for each.",
            """SELECT ?place ?name ?level ?figures WHERE {
                 { SELECT ?place (SAMPLE(?n) AS ?name) (SAMPLE(?lv) AS ?level) WHERE {
                     { SELECT DISTINCT ?place WHERE {
                         ?place a ?type . VALUES ?type { schema:AdministrativeArea schema:Place schema:Country } } }
                     ?place schema:name ?n FILTER(LANG(?n) IN ("en", ""))
                     OPTIONAL { ?place dis:adminLevel ?lv }
                   } GROUP BY ?place }
                 OPTIONAL { SELECT ?place (COUNT(DISTINCT ?o) AS ?f) WHERE { ?o sdmx:refArea ?place } GROUP BY ?place }
                 BIND(COALESCE(?f, 0) AS ?figures)
               }""",
            (Column("name", "Name", "place"), Column("level", "Admin level", numeric=True), Column("figures", "Figures", numeric=True)),
            {"figures": "DESC(?figures) ?name", "name": "?name", "level": "?level ?name"},
        ),
        BrowseList(
            "organizations",
            "Organizations",
            "Organizations, with the figures they reported and the statements made in their name.",
            """SELECT ?org ?name ?figures ?statements WHERE {
                 { SELECT ?org (SAMPLE(?l) AS ?name) WHERE {
                     { SELECT DISTINCT ?org WHERE { ?org a org:Organization } }
                     ?org skos:prefLabel ?l
                   } GROUP BY ?org }
                 OPTIONAL { SELECT ?org (COUNT(DISTINCT ?o) AS ?f) WHERE { ?o dis:reportedBy ?org } GROUP BY ?org }
                 OPTIONAL { SELECT ?org (COUNT(DISTINCT ?st) AS ?s) WHERE { ?st schema:author ?org } GROUP BY ?org }
                 BIND(COALESCE(?f, 0) AS ?figures) BIND(COALESCE(?s, 0) AS ?statements)
               }""",
            (Column("name", "Name", "org"), Column("figures", "Figures reported", numeric=True), Column("statements", "Statements", numeric=True)),
            {"figures": "DESC(?figures) ?name", "name": "?name", "statements": "DESC(?statements) ?name"},
        ),
        BrowseList(
            "people",
            "People",
            "People quoted, with the statements they made.",
            """SELECT ?person ?name ?statements WHERE {
                 { SELECT ?person (SAMPLE(?n) AS ?name) WHERE {
                     { SELECT DISTINCT ?person WHERE { ?person a foaf:Person } }
                     ?person schema:name|foaf:name ?n
                   } GROUP BY ?person }
                 OPTIONAL { SELECT ?person (COUNT(DISTINCT ?st) AS ?s) WHERE { ?st schema:author ?person } GROUP BY ?person }
                 BIND(COALESCE(?s, 0) AS ?statements)
               }""",
            (Column("name", "Name", "person"), Column("statements", "Statements", numeric=True)),
            {"statements": "DESC(?statements) ?name", "name": "?name"},
        ),
        BrowseList(
            "observations",
            "Displacement figures",
            "Every displacement figure as reported: how many, where, over which period, according to whom.",
            """SELECT DISTINCT ?o ?figure ?qualifier ?unit ?place ?placeName ?period ?reported ?reporter ?reporterName WHERE {
                 ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure .
                 OPTIONAL { ?o dis:figureQualifier/skos:prefLabel ?qualifier }
                 OPTIONAL { ?o dis:populationUnit/skos:prefLabel ?unit }
                 OPTIONAL { ?o sdmx:refArea ?place . ?place schema:name ?placeName }
                 OPTIONAL { ?o sdmx:refPeriod/rdfs:label ?period }
                 OPTIONAL { ?o dis:reportDate ?reported }
                 OPTIONAL { ?o dis:reportedBy ?reporter . ?reporter skos:prefLabel ?reporterName }
               }""",
            (
                Column("qualifier", "Qualifier", "o"),
                Column("figure", "Figure", "o", numeric=True),
                Column("unit", "Unit"),
                Column("placeName", "Where", "place"),
                Column("period", "Period"),
                Column("reported", "Reported"),
                Column("reporterName", "Reported by", "reporter"),
            ),
            {"date": "DESC(?reported) ?o", "figure": "DESC(?figure) ?o", "place": "?placeName ?o"},
        ),
    )
}


def table(store: Store, vocab: str, spec: BrowseList, sort: str | None, number: int) -> Table:
    """Page ``number`` (from 1) of ``spec``'s list, in the order of ``sort`` (one of its sort keys)."""
    key = sort if sort in spec.sorts else next(iter(spec.sorts))
    number = max(1, number)
    query = (
        _PREFIXES.format(dis=dis(vocab))
        + f"SELECT * WHERE {{ {{ {spec.where} }} }} ORDER BY {spec.sorts[key]} "
        + f"LIMIT {PAGE_SIZE + 1} OFFSET {(number - 1) * PAGE_SIZE}"
    )
    result = store.query(query)
    assert isinstance(result, Solutions)
    rows = result.values()
    return Table(spec, key, rows[:PAGE_SIZE], Page([], number, len(rows) > PAGE_SIZE))
