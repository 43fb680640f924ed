"""Browse lists: articles, places, organizations, people and observations as sortable tables, a page at a time.

A list's order comes from its :class:`~lod.web.listindex.ListIndex`: one query per version of the store
(``keys``: each thing's id, the values it is sorted by and any other column it can give, one row per thing),
sorted once per sort key, both directions read from the same order. A page is a slice of that order; the columns
the index does not hold are read for the page's ids only (``details``, with a ``VALUES`` of them in its
``{values}`` slot). Places, organizations and people need no query per page (their counts are in the index: a
count that grows with the store is taken once per version, not per page); articles and figures one, bounded by
the page. The whole index is taken at a server's start and after a build; after a write of one graph it is
updated from the rows that write touched (``updated``: the same keys query cut to those ids; docs/performance.md).
Sorts are chosen from each list's own, never from the request's text.

A thing is one row; with several values for a sorted column (two dates, two names) it is sorted by the smallest.
A figure about several places, or reported by several organizations, shows once per place or organization. The
lists that count links take each thing DISTINCT first, its name next, and each count in a query of its own: a
thing minted from a name that many articles use may have its types and name written in many graphs, and one join
over the union's copies multiplied them. No query names a graph: a label counts wherever it is written.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from lod.rdf.namespaces import dis
from lod.store import Solutions, Store
from lod.web.listindex import ListIndex, SortKey
from lod.web.listing import PAGE_SIZE, Page

__all__ = ["LISTS", "BrowseList", "Column", "Table", "index", "keys", "table", "updated"]

_PREFIXES = """
PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ASC, DESC = False, True


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
    id: str  # the variable naming a row's thing
    keys: str  # a SELECT of every thing's id, its sorted variables and any column it can give: one row per thing;
    # ``{values}`` where a VALUES of ids cuts it to some things (each group that finds the id or counts for it)
    columns: tuple[Column, ...]
    sorts: dict[str, SortKey]  # sort key -> (variable, descending) terms, natural direction; the first is the default
    details: str | None = None  # a SELECT of the other columns, with a ``{values}`` slot for the ids of a page


@dataclass(frozen=True)
class Table:
    spec: BrowseList
    sort: str
    reverse: bool  # the other direction of the sort's natural one
    rows: list[dict[str, str]]
    page: Page
    count: int = 0
    pages: int = field(default=1)

    @property
    def order(self) -> str:
        """``asc`` or ``desc``: the direction of the sort's first column on this page."""
        return "desc" if self.spec.sorts[self.sort][0][1] != self.reverse else "asc"


LISTS: dict[str, BrowseList] = {
    spec.slug: spec
    for spec in (
        BrowseList(
            "articles",
            "Articles",
            "Every article read, newest first.",
            "article",
            """SELECT ?article (MIN(?h) AS ?headline) (MIN(?p) AS ?published) WHERE {
                 {values} ?article a schema:NewsArticle ; schema:headline ?h .
                 OPTIONAL { ?article schema:datePublished ?p }
               } GROUP BY ?article""",
            (Column("headline", "Headline", "article"), Column("published", "Published"), Column("publisher", "Publisher", "publisherIri")),
            {"date": (("published", DESC), ("headline", ASC)), "headline": (("headline", ASC),)},
            details="""SELECT ?article ?publisherIri (SAMPLE(?pub) AS ?publisher) WHERE {
                 {values} ?article schema:publisher ?publisherIri . ?publisherIri skos:prefLabel|schema:name ?pub
               } GROUP BY ?article ?publisherIri""",
        ),
        BrowseList(
            "places",
            "Places",
            "Places and areas, with how many displacement figures are reported for each.",
            "place",
            """SELECT ?place ?name ?level ?figures WHERE {
                 { SELECT ?place (MIN(?n) AS ?name) (MIN(?lv) AS ?level) WHERE {
                     { SELECT DISTINCT ?place WHERE {
                         {values} { ?place a schema:AdministrativeArea } UNION { ?place a schema:Place } UNION { ?place a schema:Country } } }
                     ?place schema:name ?n FILTER(LANG(?n) IN ("en", ""))
                     OPTIONAL { ?place dis:adminLevel ?lv }
                   } GROUP BY ?place }
                 OPTIONAL { SELECT ?place (COUNT(DISTINCT ?o) AS ?f) WHERE { {values} ?o sdmx:refArea ?place } GROUP BY ?place }
                 BIND(COALESCE(?f, 0) AS ?figures)
               }""",
            (Column("name", "Name", "place"), Column("level", "Admin level", numeric=True), Column("figures", "Figures", numeric=True)),
            {"figures": (("figures", DESC), ("name", ASC)), "name": (("name", ASC),), "level": (("level", ASC), ("name", ASC))},
        ),
        BrowseList(
            "organizations",
            "Organizations",
            "Organizations, with the figures they reported and the statements made in their name.",
            "org",
            """SELECT ?org ?name ?figures ?statements WHERE {
                 { SELECT ?org (MIN(?l) AS ?name) WHERE {
                     { SELECT DISTINCT ?org WHERE { {values} ?org a org:Organization } }
                     ?org skos:prefLabel ?l
                   } GROUP BY ?org }
                 OPTIONAL { SELECT ?org (COUNT(DISTINCT ?o) AS ?f) WHERE { {values} ?o dis:reportedBy ?org } GROUP BY ?org }
                 OPTIONAL { SELECT ?org (COUNT(DISTINCT ?st) AS ?s) WHERE { {values} ?st schema:author ?org } GROUP BY ?org }
                 BIND(COALESCE(?f, 0) AS ?figures) BIND(COALESCE(?s, 0) AS ?statements)
               }""",
            (Column("name", "Name", "org"), Column("figures", "Figures reported", numeric=True), Column("statements", "Statements", numeric=True)),
            {"figures": (("figures", DESC), ("name", ASC)), "name": (("name", ASC),), "statements": (("statements", DESC), ("name", ASC))},
        ),
        BrowseList(
            "people",
            "People",
            "People quoted, with the statements they made.",
            "person",
            """SELECT ?person ?name ?statements WHERE {
                 { SELECT ?person (MIN(?n) AS ?name) WHERE {
                     { SELECT DISTINCT ?person WHERE { {values} ?person a foaf:Person } }
                     ?person schema:name|foaf:name ?n
                   } GROUP BY ?person }
                 OPTIONAL { SELECT ?person (COUNT(DISTINCT ?st) AS ?s) WHERE { {values} ?st schema:author ?person } GROUP BY ?person }
                 BIND(COALESCE(?s, 0) AS ?statements)
               }""",
            (Column("name", "Name", "person"), Column("statements", "Statements", numeric=True)),
            {"statements": (("statements", DESC), ("name", ASC)), "name": (("name", ASC),)},
        ),
        BrowseList(
            "observations",
            "Displacement figures",
            "Every displacement figure as reported: how many, where, over which period, according to whom.",
            "o",
            """SELECT ?o (MIN(?f) AS ?figure) (MIN(?r) AS ?reported) (MIN(?pn) AS ?placeName) WHERE {
                 {values} ?o a dis:DisplacementObservation ; dis:reportedFigure ?f .
                 OPTIONAL { ?o dis:reportDate ?r }
                 OPTIONAL { ?o sdmx:refArea ?area . ?area schema:name ?pn }
               } GROUP BY ?o""",
            (
                Column("qualifier", "Qualifier", "o"),
                Column("figure", "Figure", "o", numeric=True),
                Column("unit", "Unit"),
                Column("placeName", "Where", "place"),
                Column("period", "Period"),
                Column("reported", "Reported"),
                Column("reporterName", "Reported by", "reporter"),
            ),
            {"date": (("reported", DESC),), "figure": (("figure", DESC),), "place": (("placeName", ASC),)},
            # Each column's values DISTINCT before they are joined: a triple comes once per graph that holds it in
            # the union, and five OPTIONALs multiplied the copies (a page of 4 figures after a dozen uploads of
            # one story: 11.8 s, now 2 ms, the same rows).
            details="""SELECT DISTINCT ?o ?qualifier ?unit ?place ?placeName ?period ?reporter ?reporterName WHERE {
                 {values}
                 OPTIONAL { SELECT DISTINCT ?o ?qualifier WHERE { {values} ?o dis:figureQualifier/skos:prefLabel ?qualifier } }
                 OPTIONAL { SELECT DISTINCT ?o ?unit WHERE { {values} ?o dis:populationUnit/skos:prefLabel ?unit } }
                 OPTIONAL { SELECT DISTINCT ?o ?place ?placeName WHERE { {values} ?o sdmx:refArea ?place . ?place schema:name ?placeName } }
                 OPTIONAL { SELECT DISTINCT ?o ?period WHERE { {values} ?o sdmx:refPeriod/rdfs:label ?period } }
                 OPTIONAL { SELECT DISTINCT ?o ?reporter ?reporterName WHERE { {values} ?o dis:reportedBy ?reporter . ?reporter skos:prefLabel ?reporterName } }
               }""",
        ),
    )
}


def index(store: Store, vocab: str, spec: BrowseList) -> ListIndex:
    """The order of ``spec``'s rows under each of its sorts, from the store as it is now."""
    return ListIndex.build(store, keys(vocab, spec), spec.id, spec.sorts)


def updated(store: Store, vocab: str, spec: BrowseList, found: ListIndex, touched: Collection[str]) -> ListIndex:
    """``found`` with the rows of the things in ``touched`` (IRIs a write may have changed the row of) taken
    again from the store: the keys query cut to those things, a query as long as they are many."""
    return found.updated(store, keys(vocab, spec, touched), touched)


def keys(vocab: str, spec: BrowseList, ids: Collection[str] | None = None) -> str:
    """``spec``'s keys query: of every thing (``ids`` None) or of those in ``ids`` alone."""
    values = "" if ids is None else f"VALUES ?{spec.id} {{ {' '.join(f'<{i}>' for i in sorted(ids))} }}"
    return _PREFIXES.format(dis=dis(vocab)) + spec.keys.replace("{values}", values)


def table(
    store: Store, vocab: str, spec: BrowseList, found: ListIndex, sort: str | None, number: int,
    *, reverse: bool = False, size: int = PAGE_SIZE,
) -> Table:
    """Page ``number`` (from 1, ``size`` rows) of ``spec``'s list in the order of ``sort`` (one of its sort keys;
    the default when it is not), or its reverse: the page's rows from ``found``, their other columns from the store."""
    key = sort if sort in spec.sorts else next(iter(spec.sorts))
    number = max(1, number)
    rows = _with_details(store, vocab, spec, found.page(key, (number - 1) * size, size, reverse=reverse))
    pages = max(1, -(-len(found) // size))
    return Table(spec, key, reverse, rows, Page([], number, number < pages), len(found), pages)


def _with_details(store: Store, vocab: str, spec: BrowseList, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each row with the columns ``details`` gives for it (a row for each of its answers: two places, two rows)."""
    if spec.details is None or not rows:
        return rows
    values = f"VALUES ?{spec.id} {{ {' '.join(f'<{row[spec.id]}>' for row in rows)} }}"
    result = store.query(_PREFIXES.format(dis=dis(vocab)) + spec.details.replace("{values}", values))
    assert isinstance(result, Solutions)
    found: dict[str, list[dict[str, str]]] = {}
    for detail in sorted(result.values(), key=lambda d: sorted(d.items())):
        found.setdefault(detail.get(spec.id, ""), []).append(detail)
    return [{**row, **detail} for row in rows for detail in found.get(row[spec.id], [{}])]
