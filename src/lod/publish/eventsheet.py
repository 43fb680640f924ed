"""Every event as one table, for spreadsheets: CSV with an HXL hashtag row under the header, as
``observations.csv`` does for figures (``/events.csv``, and ``events.csv`` beside the dumps).

One row per event (an event several sources report is one row): its type, first and last day, place and the
P-coded governorate, district and sub-district it lies in, the casualty counts each source reports (``12 | 15``,
with their reporters in the same order), the alleged actors and who alleges them, and the sources (article URLs
or data set rows).
"""

from __future__ import annotations


from lod.publish import eventpicks
from lod.publish import eventrows as sheetrows
from lod.publish.facts import Facts
from lod.publish.figures import hxl_csv
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["COLUMNS", "CSV_FILE", "csv_text", "rows"]

CSV_FILE = "events.csv"

# (header, HXL hashtag, query variable)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("event", "#event+id", "e"),
    ("type", "#event+type", "typeName"),
    ("type_uri", "#event+type+id", "type"),
    ("start", "#date+start", "start"),
    ("end", "#date+end", "end"),
    ("place", "#loc+name", "placeName"),
    ("place_uri", "#loc+id", "place"),
    ("adm1_pcode", "#adm1+code", "adm1"),
    ("adm2_pcode", "#adm2+code", "adm2"),
    ("adm3_pcode", "#adm3+code", "adm3"),
    ("killed", "#affected+killed", "killed"),
    ("killed_reported_by", "#affected+killed+source", "killedBy"),
    ("injured", "#affected+injured", "injured"),
    ("injured_reported_by", "#affected+injured+source", "injuredBy"),
    ("alleged_actors", "#org+actor", "actors"),
    ("alleged_by", "#org+actor+source", "allegedBy"),
    ("sources", "#meta+source", "sources"),
)

_PREFIXES = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
"""
# What lod.publish.eventpicks picks the one-value columns from: each event's first and last day, its types with
# their labels and broader types, its places with their names, and the codes of the areas they lie in.
_EVENTS = _PREFIXES + """SELECT ?e (MIN(?b) AS ?start) (MAX(?f) AS ?end) WHERE {
    # Each part DISTINCT on its own: an event several sources report sits in several article graphs, and the
    # union returns its triples once per graph, which the OPTIONALs would multiply.
    { SELECT DISTINCT ?e WHERE { ?e a sem:Event } }
    OPTIONAL { SELECT DISTINCT ?e ?b WHERE { ?e a sem:Event ; sem:hasBeginTimeStamp ?b } }
    OPTIONAL { SELECT DISTINCT ?e ?f WHERE { ?e a sem:Event ; sem:hasEndTimeStamp ?f } }
} GROUP BY ?e"""
_TYPES = _PREFIXES + """SELECT DISTINCT ?e ?t ?tn ?tl ?up WHERE {
    ?e a sem:Event ; sem:eventType ?t
    OPTIONAL { ?t skos:prefLabel ?tn BIND(LANG(?tn) AS ?tl) }
    OPTIONAL { ?t skos:broader ?up . ?e sem:eventType ?up }
}"""
_PLACES = _PREFIXES + """SELECT DISTINCT ?e ?p ?pn ?up WHERE {
    ?e a sem:Event ; sem:hasPlace ?p OPTIONAL { ?p schema:name ?pn FILTER(LANG(?pn) IN ("en", "")) }
    OPTIONAL { ?e sem:hasPlace ?up . ?p schema:containedInPlace+ ?up }
}"""
_CODES = _PREFIXES + """SELECT DISTINCT ?e ?n ?c WHERE {
    { SELECT DISTINCT ?e ?u WHERE { ?e a sem:Event ; sem:hasPlace/schema:containedInPlace* ?u } }
    VALUES ?n { 1 2 3 } ?u dis:adminLevel ?n ; dct:identifier ?c
}"""
_CASUALTIES = """PREFIX dis: <{dis}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?e ?figure ?kind ?count ?by WHERE {
    ?e dis:casualties ?figure . ?figure dis:casualtyCount ?count ; dis:casualtyType/skos:notation ?kind .
    FILTER(?kind IN ("KILLED", "INJURED"))
    OPTIONAL { ?figure prov:wasAttributedTo/skos:prefLabel ?by }
} ORDER BY ?e ?figure"""
_CLAIMS = """PREFIX dis: <{dis}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?e ?claim ?actor ?by WHERE {
    ?e dis:attribution ?claim . ?claim dis:allegedActor/skos:prefLabel ?actor .
    # The alleger's names each once before the join: an organization an article names (not in the reference
    # data) has its label in every article graph naming it, and the union gives it once per graph, so the path
    # joined 3,374 claims with 10,000 copies of one label (33 million rows, 17 CPU s at 10,000 articles; 1.5 now).
    OPTIONAL { ?claim dis:allegedBy ?who . { SELECT DISTINCT ?who ?by WHERE { { ?who skos:prefLabel ?by } UNION { ?who schema:name ?by } } } }
} ORDER BY ?e ?claim"""
_SOURCES = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT DISTINCT ?e ?source WHERE {
    ?e a sem:Event ; prov:wasDerivedFrom ?from .
    OPTIONAL { ?from oa:hasSource/schema:url ?url }
    BIND(COALESCE(STR(?url), STR(?from)) AS ?source)
} ORDER BY ?e ?source"""


def rows(store: Store, vocab: str, facts: Facts | None = None) -> list[dict[str, str]]:
    """One dict per event, keyed by the query variables of ``COLUMNS`` (absent values left out); ``vocab`` is the
    vocabulary namespace (``Settings.vocab_uri``); the one-value columns are picked by
    :mod:`lod.publish.eventpicks`'s rules, in its order. ``facts``: the store's union's triples of
    :func:`lod.publish.eventpicks.predicates` and :func:`lod.publish.eventrows.predicates`, read instead of the
    queries where they decide the rows."""
    def select(query: str) -> list[dict[str, str]]:
        result = store.query(query.replace("{dis}", str(dis(vocab))))
        assert isinstance(result, Solutions)
        return result.values()

    picked = eventpicks.from_facts(facts, vocab) if facts is not None else None
    if picked is None:
        picked = eventpicks.rows(eventpicks.described(*(select(q) for q in (_EVENTS, _TYPES, _PLACES, _CODES))))
    out = {r["e"]: r for r in picked}
    joined: dict[tuple[str, str], list[str]] = {}
    for r in select(_CASUALTIES):
        kind = "killed" if r["kind"] == "KILLED" else "injured"
        joined.setdefault((r["e"], kind), []).append(r["count"])
        joined.setdefault((r["e"], kind + "By"), []).append(r.get("by", ""))
    told = sheetrows.claims(facts, vocab) if facts is not None else None
    for r in told if told is not None else select(_CLAIMS):
        joined.setdefault((r["e"], "actors"), []).append(r["actor"])
        joined.setdefault((r["e"], "allegedBy"), []).append(r.get("by", ""))
    derived = sheetrows.sources(facts) if facts is not None else None
    for r in derived if derived is not None else select(_SOURCES):
        joined.setdefault((r["e"], "sources"), []).append(r["source"])
    for (event, name), values in joined.items():
        if event in out:
            out[event][name] = " | ".join(values)
    return list(out.values())


def csv_text(store: Store, vocab: str, facts: Facts | None = None) -> str:
    """The CSV: a header row, the HXL hashtag row, then one row per event (``facts``: see :func:`rows`)."""
    return hxl_csv(COLUMNS, rows(store, vocab, facts))
