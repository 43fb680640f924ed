"""Every displacement figure as one table, for spreadsheets: CSV with an HXL hashtag row under the header
(https://hxlstandard.org/), as humanitarian analysts load it into their tools.

One row per observation: the figure as reported and its bounds, the qualifier and unit, where (the place or
area as worded, and the P-coded governorate, district and sub-district it lies in: several joined by ``|``
when an area spans more than one), over which period, when and by whom it was reported, the article's URL and
the sentence it was taken from.
"""

from __future__ import annotations

import csv
import io

from lod.publish import figurerows

from lod.publish.facts import Facts
from lod.rdf import namespaces
from lod.store import Solutions, Store

__all__ = ["COLUMNS", "CSV_FILE", "csv_text", "rows"]

CSV_FILE = "observations.csv"  # its name in the dumps folder

# (header, HXL hashtag, query variable)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("observation", "#meta+id", "o"),
    ("figure", "#affected+idps", "figure"),
    ("at_least", "#affected+idps+min", "min"),
    ("at_most", "#affected+idps+max", "max"),
    ("qualifier", "#meta+qualifier", "qualifier"),
    ("unit", "#indicator+unit", "unit"),
    ("category", "#indicator+category", "category"),
    ("place", "#loc+name", "placeName"),
    ("place_uri", "#loc+id", "place"),
    ("adm1_pcode", "#adm1+code", "adm1"),
    ("adm1_name", "#adm1+name", "adm1name"),
    ("adm2_pcode", "#adm2+code", "adm2"),
    ("adm2_name", "#adm2+name", "adm2name"),
    ("adm3_pcode", "#adm3+code", "adm3"),
    ("adm3_name", "#adm3+name", "adm3name"),
    ("period_start", "#date+start", "start"),
    ("period_end", "#date+end", "end"),
    ("period_as_printed", "#date+text", "periodText"),
    ("reported_on", "#date+reported", "reported"),
    ("reported_by", "#org+name", "reporterName"),
    ("reported_by_uri", "#org+id", "reporter"),
    ("source_url", "#meta+url", "url"),
    ("sentence", "#description", "sentence"),
)

_QUERY = """
PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?o ?figure ?min ?max ?qualifier ?unit ?category ?place ?placeName ?start ?end ?periodText ?reported
       ?reporter ?reporterName ?url ?sentence
WHERE {
    # Each part DISTINCT on its own: a triple held by several article graphs comes back once per graph from the
    # union, and a dozen OPTIONALs multiplied those copies into millions of rows. Inside a part, each triple
    # pattern is a sub-select of its own, so that Oxigraph joins them by hashing both sides instead of looking
    # each row's next triple up in the store (a RocksDB iterator a row): 17 -> 7 CPU s at 10,000 articles.
    { SELECT DISTINCT ?o ?figure WHERE { ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure } }
    OPTIONAL { SELECT DISTINCT ?o ?min WHERE { {OBS} { SELECT ?o ?min WHERE { ?o schema:minValue ?min } } } }
    OPTIONAL { SELECT DISTINCT ?o ?max WHERE { {OBS} { SELECT ?o ?max WHERE { ?o schema:maxValue ?max } } } }
    OPTIONAL { SELECT DISTINCT ?o ?qualifier WHERE { {OBS} { SELECT ?o ?q WHERE { ?o dis:figureQualifier ?q } }
        { SELECT ?q ?qualifier WHERE { ?q skos:prefLabel ?qualifier } } } }
    OPTIONAL { SELECT DISTINCT ?o ?unit WHERE { {OBS} { SELECT ?o ?u WHERE { ?o dis:populationUnit ?u } }
        { SELECT ?u ?unit WHERE { ?u skos:prefLabel ?unit } } } }
    OPTIONAL { SELECT DISTINCT ?o ?category WHERE { {OBS} { SELECT ?o ?c WHERE { ?o dis:figureCategory ?c } }
        { SELECT ?c ?category WHERE { ?c skos:prefLabel ?category } } } }
    OPTIONAL { SELECT DISTINCT ?o ?place ?placeName WHERE { {OBS} { SELECT ?o ?place WHERE { ?o sdmx:refArea ?place } }
        OPTIONAL { SELECT ?place ?placeName WHERE { ?place schema:name ?placeName } } } }
    OPTIONAL { SELECT DISTINCT ?o ?start WHERE { {OBS} { SELECT ?o ?p WHERE { ?o sdmx:refPeriod ?p } }
        { SELECT ?p ?b WHERE { ?p time:hasBeginning ?b } } { SELECT ?b ?start WHERE { ?b time:inXSDDate ?start } } } }
    OPTIONAL { SELECT DISTINCT ?o ?end WHERE { {OBS} { SELECT ?o ?p WHERE { ?o sdmx:refPeriod ?p } }
        { SELECT ?p ?e WHERE { ?p time:hasEnd ?e } } { SELECT ?e ?end WHERE { ?e time:inXSDDate ?end } } } }
    OPTIONAL { SELECT DISTINCT ?o ?periodText WHERE { {OBS} { SELECT ?o ?periodText WHERE { ?o dis:periodAsPrinted ?periodText } } } }
    OPTIONAL { SELECT DISTINCT ?o ?reported WHERE { {OBS} { SELECT ?o ?reported WHERE { ?o dis:reportDate ?reported } } } }
    OPTIONAL { SELECT DISTINCT ?o ?reporter ?reporterName WHERE { {OBS} { SELECT ?o ?reporter WHERE { ?o dis:reportedBy ?reporter } }
        OPTIONAL { SELECT ?reporter ?reporterName WHERE { ?reporter skos:prefLabel ?reporterName } } } }
    OPTIONAL { SELECT DISTINCT ?o ?url ?sentence WHERE { {OBS} { SELECT ?o ?span WHERE { ?o prov:wasDerivedFrom ?span } }
        { SELECT ?span ?source WHERE { ?span oa:hasSource ?source } } { SELECT ?source ?url WHERE { ?source schema:url ?url } }
        OPTIONAL { SELECT ?span ?sentence WHERE { { SELECT ?span ?selector WHERE { ?span oa:hasSelector ?selector } }
            { SELECT ?selector ?sentence WHERE { ?selector oa:exact ?sentence } } } } } }
}
ORDER BY DESC(?reported) ?o
""".replace("{OBS}", "{ SELECT ?o WHERE { ?o a dis:DisplacementObservation } }")

# The P-coded units each place lies in, asked for the places at hand only: a path with both ends open inside an
# OPTIONAL made Oxigraph walk the whole gazetteer (minutes on the full one).
_ADMIN = """
PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?place ?level ?code ?name WHERE {
    VALUES ?place { {places} }
    ?place schema:containsPlace?/schema:containedInPlace* ?u .
    ?u dis:adminLevel ?level ; dct:identifier ?code ; schema:name ?name .
    FILTER(?level IN (1, 2, 3))
}
ORDER BY ?place ?level ?code
"""
PLACES_PER_QUERY = 500


def rows(store: Store, vocab: str) -> list[dict[str, str]]:
    """One dict per observation, keyed by the query variables of ``COLUMNS`` (absent values left out); ``vocab`` is
    the vocabulary namespace (``Settings.vocab_uri``)."""
    dis = str(namespaces.dis(vocab))
    result = store.query(_QUERY.replace("{dis}", dis))
    assert isinstance(result, Solutions)
    seen: set[str] = set()
    out = []
    for row in result.values():
        if row["o"] not in seen:  # one row per observation, even if a value came in two forms
            seen.add(row["o"])
            out.append(row)
    units = _units(store, dis, sorted({row["place"] for row in out if "place" in row}))
    for row in out:
        for level, (codes, names) in units.get(row.get("place", ""), {}).items():
            row[f"adm{level}"], row[f"adm{level}name"] = "|".join(codes), "|".join(names)
    return out


def _units(store: Store, dis: str, places: list[str]) -> dict[str, dict[int, tuple[list[str], list[str]]]]:
    """For each place, the codes and names of the units it lies in, by admin level (several when an area spans them)."""
    out: dict[str, dict[int, tuple[list[str], list[str]]]] = {}
    for i in range(0, len(places), PLACES_PER_QUERY):
        chunk = " ".join(f"<{p}>" for p in places[i : i + PLACES_PER_QUERY])
        result = store.query(_ADMIN.replace("{dis}", dis).replace("{places}", chunk))
        assert isinstance(result, Solutions)
        for row in result.values():
            codes, names = out.setdefault(row["place"], {}).setdefault(int(row["level"]), ([], []))
            if row["code"] not in codes:
                codes.append(row["code"])
                names.append(row["name"])
    return out


def csv_text(store: Store, vocab: str, facts: Facts | None = None) -> str:
    """The CSV: a header row, the HXL hashtag row, then one row per observation. ``facts``: the store's union's
    triples of :func:`lod.publish.figurerows.predicates`, read instead of the store when they decide every row."""
    found = figurerows.rows(facts, vocab) if facts is not None else None
    return hxl_csv(COLUMNS, found if found is not None else rows(store, vocab))


def hxl_csv(columns: tuple[tuple[str, str, str], ...], table: list[dict[str, str]]) -> str:
    """A header row, the HXL hashtag row, then one line per row (shared by every spreadsheet we publish)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _, _ in columns])
    writer.writerow([tag for _, tag, _ in columns])
    for row in table:
        writer.writerow([row.get(var, "") for _, _, var in columns])
    return buffer.getvalue()
