"""What an event page shows: what happened, where (with the map), when, who is alleged to have done it and by
whom, the casualties each source reports, the sentences and data set rows it comes from (with the data set's
licence), and the displacement said to follow from it. Plain data for ``templates/_event.html``; a few SPARQL
queries that start from the event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lod.publish.summaries import Listing, dates, listing
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["EventPanel", "PlaceEvent", "event_panel", "events_in", "listed_events"]

_PREFIXES = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
_WHAT = """SELECT DISTINCT ?type ?typeName ?begin ?end ?place ?placeName WHERE {{
    OPTIONAL {{ <{e}> sem:eventType ?type OPTIONAL {{ ?type skos:prefLabel ?typeName }} }}
    OPTIONAL {{ <{e}> sem:hasBeginTimeStamp ?begin }}
    OPTIONAL {{ <{e}> sem:hasEndTimeStamp ?end }}
    OPTIONAL {{ <{e}> sem:hasPlace ?place OPTIONAL {{ ?place schema:name ?placeName FILTER(LANG(?placeName) IN ("en", "")) }} }}
}}"""
_CLAIMS = """SELECT ?actor (SAMPLE(?an) AS ?actorName) ?by (SAMPLE(?bn) AS ?byName) ?source WHERE {{
    <{e}> dis:attribution ?claim . ?claim dis:allegedActor ?actor ; dis:allegedBy ?by .
    OPTIONAL {{ ?claim prov:wasDerivedFrom ?source }}
    OPTIONAL {{ ?actor skos:prefLabel|schema:name ?an }}
    OPTIONAL {{ ?by skos:prefLabel|schema:name ?bn }}
}} GROUP BY ?actor ?by ?source ORDER BY ?byName"""
_CASUALTIES = """SELECT ?figure ?kind ?count ?qualifier ?countedAs ?by (SAMPLE(?bn) AS ?byName) ?source (SAMPLE(?x) AS ?text) WHERE {{
    <{e}> dis:casualties ?figure . ?figure dis:casualtyCount ?count ; dis:casualtyType/skos:prefLabel ?kind .
    OPTIONAL {{ ?figure dis:countQualifier ?q . ?q skos:prefLabel ?qualifier FILTER(?q != <{vocab}concept/figure-qualifier/exact>) }}
    OPTIONAL {{ ?figure dis:countedAs ?countedAs }}
    OPTIONAL {{ ?figure prov:wasAttributedTo ?by OPTIONAL {{ ?by skos:prefLabel|schema:name ?bn }} }}
    OPTIONAL {{ ?figure prov:wasDerivedFrom ?source OPTIONAL {{ ?source oa:hasSelector/oa:exact|schema:text ?x }} }}
}} GROUP BY ?figure ?kind ?count ?qualifier ?countedAs ?by ?source ORDER BY ?kind ?count"""
_SOURCES = """SELECT ?source (SAMPLE(?x) AS ?text) ?from (SAMPLE(?t) AS ?title) (SAMPLE(?l) AS ?licence) (SAMPLE(?n) AS ?row) WHERE {{
    <{e}> prov:wasDerivedFrom ?source .
    OPTIONAL {{ ?source oa:hasSelector/oa:exact ?x }}
    OPTIONAL {{ ?source schema:text ?x }}
    OPTIONAL {{ ?source oa:hasSource ?from OPTIONAL {{ ?from schema:headline ?t }} }}
    OPTIONAL {{ ?source dct:isPartOf ?from . OPTIONAL {{ ?from dct:title ?t }} OPTIONAL {{ ?from dct:license ?l }} }}
    OPTIONAL {{ ?source dis:rowNumber ?n }}
}} GROUP BY ?source ?from ORDER BY ?from ?source"""
# From the place down to the events (only events have sem:hasPlace); with "a sem:Event" beside the path,
# Oxigraph started from every event of the store (40 ms for a governorate, 0.1-7 ms this way).
_DATED = """SELECT ?e ?b WHERE {{
    {{ SELECT DISTINCT ?e WHERE {{ ?p schema:containedInPlace* <{e}> . ?e sem:hasPlace ?p }} }}
    FILTER EXISTS {{ ?e a sem:Event }}
    OPTIONAL {{ ?e sem:hasBeginTimeStamp ?b }}
}}"""
_EVENTS = """SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?tn) AS ?typeName) (MIN(?b) AS ?begin) (MAX(?f) AS ?end)
       (COUNT(DISTINCT ?src) AS ?sources) WHERE {{
    VALUES ?e {{ {iris} }}
    OPTIONAL {{ ?e rdfs:label ?l }}
    OPTIONAL {{ ?e sem:eventType/skos:prefLabel ?tn }}
    OPTIONAL {{ ?e sem:hasBeginTimeStamp ?b }}
    OPTIONAL {{ ?e sem:hasEndTimeStamp ?f }}
    OPTIONAL {{ ?e prov:wasDerivedFrom ?src }}
}} GROUP BY ?e"""
_CAUSED = """SELECT DISTINCT ?o ?figure ?unit ?reported WHERE {{
    ?o dis:cause <{e}> ; dis:reportedFigure ?figure .
    OPTIONAL {{ ?o dis:populationUnit/skos:prefLabel ?unit }}
    OPTIONAL {{ ?o dis:reportDate ?reported }}
}} ORDER BY ?reported ?o LIMIT 200"""


@dataclass(frozen=True)
class Named:
    iri: str
    name: str


@dataclass(frozen=True)
class Claim:
    actor: Named
    by: Named
    source: str | None


@dataclass(frozen=True)
class Casualty:
    kind: str
    count: str
    qualifier: str | None
    counted_as: str | None
    by: Named | None
    source: str | None
    text: str = ""  # the words the count is read from (its own span, or the row)


@dataclass(frozen=True)
class Source:
    iri: str
    text: str
    origin: str | None  # the article or data set
    title: str | None
    licence: str | None
    row: str | None

    @property
    def licence_is_link(self) -> bool:
        return bool(self.licence and self.licence.startswith(("http://", "https://")))


@dataclass(frozen=True)
class Caused:
    observation: str
    figure: str
    unit: str | None
    reported: str | None


@dataclass(frozen=True)
class PlaceEvent:
    """An event in a place (or a place inside it), for the place's page."""

    iri: str
    label: str
    type: str | None
    begin: str | None
    end: str | None
    sources: int


@dataclass
class EventPanel:
    types: list[Named] = field(default_factory=list)
    begin: str | None = None
    end: str | None = None
    places: list[Named] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    caused: list[Caused] = field(default_factory=list)

    @property
    def when(self) -> str:
        """"2019-11-28", "2019-11-28 to 2019-11-29", or "" when the sources give no date."""
        if self.begin and self.end and self.begin != self.end:
            return f"{self.begin} to {self.end}"
        return self.begin or self.end or ""

    def source_text(self, iri: str | None) -> str:
        """The sentence or row a claim or a figure comes from, for the tables."""
        return next((s.text for s in self.sources if s.iri == iri), "") if iri else ""


def event_panel(store: Store, vocab: str, entity: str) -> EventPanel:
    """The panel of the event ``entity``; a merged event shows every source's details side by side."""
    def select(query: str) -> list[dict[str, str]]:
        result = store.query(_PREFIXES.format(dis=dis(vocab)) + query.format(e=entity, vocab=vocab))
        assert isinstance(result, Solutions)
        return result.values()

    panel = EventPanel()
    for r in select(_WHAT):
        if r.get("type") and all(t.iri != r["type"] for t in panel.types):
            panel.types.append(Named(r["type"], r.get("typeName") or r["type"].rsplit("/", 1)[-1]))
        if r.get("place") and all(p.iri != r["place"] for p in panel.places):
            panel.places.append(Named(r["place"], r.get("placeName") or "a place"))
        if r.get("begin") and (panel.begin is None or r["begin"] < panel.begin):
            panel.begin = r["begin"]
        if r.get("end") and (panel.end is None or r["end"] > panel.end):
            panel.end = r["end"]
    panel.claims = [Claim(Named(r["actor"], r.get("actorName") or "an actor"), Named(r["by"], r.get("byName") or "a source"), r.get("source"))
                    for r in select(_CLAIMS)]
    panel.casualties = [Casualty(r["kind"], r["count"], r.get("qualifier"), r.get("countedAs"),
                                 Named(r["by"], r.get("byName") or "a source") if r.get("by") else None, r.get("source"),
                                 r.get("text") or "")
                        for r in select(_CASUALTIES)]
    panel.sources = [Source(r["source"], r.get("text") or "", r.get("from"), r.get("title"), r.get("licence"), r.get("row"))
                     for r in select(_SOURCES)]
    panel.caused = [Caused(r["o"], r["figure"], r.get("unit"), r.get("reported")) for r in select(_CAUSED)]
    return panel


def listed_events(store: Store, vocab: str, place: str) -> Listing:
    """The events in ``place`` and the places inside it, the latest ``LISTED`` first, found live (what
    :mod:`lod.publish.summaries` keeps for a build)."""
    return listing(dates(((r["e"], r.get("b")) for r in _select(store, vocab, _DATED.format(e=place))), min))


def events_in(store: Store, vocab: str, iris: list[str]) -> list[PlaceEvent]:
    """These events for a place's page, in the order given."""
    if not iris:
        return []
    found = {r["e"]: PlaceEvent(r["e"], r.get("label") or r["e"].rsplit("/", 1)[-1], r.get("typeName"), r.get("begin"), r.get("end"),
                                int(r.get("sources") or 0))
             for r in _select(store, vocab, _EVENTS.format(iris=" ".join(f"<{i}>" for i in iris)))}
    return [found[i] for i in iris if i in found]


def _select(store: Store, vocab: str, query: str) -> list[dict[str, str]]:
    result = store.query(_PREFIXES.format(dis=dis(vocab)) + query)
    assert isinstance(result, Solutions)
    return result.values()
