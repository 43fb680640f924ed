"""What an entity page shows beyond its properties, by kind: the figures reported for a place (and places inside
it), by an organization or a person, and the statements they made; where a place lies (town, district,
governorate); an article's body with every extracted span marked and the facts taken from it.

Each panel is one or two SPARQL queries that start from the entity and stop at ``FIGURE_LIMIT`` or ``LIST_LIMIT`` rows, so a
page costs what the entity's neighbourhood costs. How many figures a place or an agent has, their timeline and
the latest of them come from the build's summaries (:mod:`lod.publish.summaries`) when they apply, as a hub's figures
are thousands; else they are counted live. Plain data for ``templates/_panels.html``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from lod.publish.summaries import AGENT, EVENTS, LATEST, PLACE, PREFIXES, STATEMENTS, Counted, Index, Listing, Summary, dates, listing, number, ordered, summarize, words
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store, Versioned
from lod.web.eventpanel import EventPanel, PlaceEvent, event_panel, events_in, listed_events
from lod.web.sourcerows import SourceRow, source_rows
from lod.web.versioncache import kept

__all__ = ["FIGURE_LIMIT", "LIST_LIMIT", "ArticleBody", "Figure", "Panels", "Part", "count_live", "figures_query", "listed_statements", "panels", "phrases"]

FIGURE_LIMIT = LATEST  # the figures a table lists, the latest first (a link gives every one)
LIST_LIMIT = 100  # the places inside a place a page lists (its events and an agent's statements: LISTED, the latest)
PLACE_TYPES = {"https://schema.org/Place", "https://schema.org/AdministrativeArea", "https://schema.org/Country"}
AGENT_TYPES = {"http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Person", "https://schema.org/Person"}
LEVELS = ("country", "governorate", "district", "sub-district", "community", "neighbourhood")

_PREFIXES = PREFIXES  # one block for the index's and the pages' queries (lod.publish.summaries)

# Every observation a page counts, with what its timeline and its order need: one pass over the entity's own
# figures (each branch an index lookup per observation), so a page costs what the place's figures cost. The values
# are taken DISTINCT, one row per value, not joined as OPTIONALs: a triple comes once per graph that holds it in the
# union, and four OPTIONALs multiplied the copies (after a dozen uploads of one story, 13^4 rows per figure: a
# governorate's page 4.6 s, now what the pairs cost).
_OBSERVATIONS = """SELECT DISTINCT ?o ?area ?p ?v WHERE {{
    {{ SELECT DISTINCT ?o ?area WHERE {{ {where} }} }}
    {{ ?o dis:reportedFigure ?v BIND("figure" AS ?p) }} UNION {{ ?o dis:reportDate ?v BIND("reported" AS ?p) }}
    UNION {{ ?o schema:minValue ?v BIND("min" AS ?p) }} UNION {{ ?o dis:populationUnit ?v BIND("unit" AS ?p) }}
}}"""
_UNITS = """SELECT ?u ?label WHERE {{ VALUES ?u {{ {iris} }} ?u skos:prefLabel ?label }}
ORDER BY ?u DESC(LANG(?label) IN ("en", "")) ?label"""
# Observations about a place: its own, those of places and areas inside it, and of areas that include it.
_IN_PLACE = """{{ ?o sdmx:refArea <{e}> BIND(<{e}> AS ?area) }}
    UNION {{ ?area schema:containedInPlace+ <{e}> . ?o sdmx:refArea ?area }}
    UNION {{ ?x schema:containedInPlace* <{e}> . ?area schema:containsPlace ?x . ?o sdmx:refArea ?area }}"""
# (Written as two patterns from <e> down, not as the path containsPlace/containedInPlace*: Oxigraph evaluated that
# path from every containsPlace link of the store, 20 ms per page whatever the place.)
_EVERY_FIGURE = """SELECT ?observation ?figure ?unit ?area ?reported ?reporter WHERE {{
    {{ SELECT DISTINCT ?o ?area WHERE {{ {where} }} }}
    ?o dis:reportedFigure ?figure .
    OPTIONAL {{ ?o dis:populationUnit/skos:prefLabel ?unit FILTER(LANG(?unit) IN ("en", "")) }}
    OPTIONAL {{ ?o dis:reportDate ?reported }}
    OPTIONAL {{ ?o dis:reportedBy ?reporter }}
    BIND(?o AS ?observation)
}} ORDER BY DESC(?reported) ?o ?area"""
_DATED_STATEMENTS = """SELECT DISTINCT ?s ?d WHERE {{
    ?s schema:author <{e}> ; a dis:Statement OPTIONAL {{ ?s schema:appearance ?a . ?a schema:datePublished ?d }}
}}"""
_STATEMENTS = """SELECT ?s (SAMPLE(?k) AS ?kind) (SAMPLE(?t) AS ?text) ?article (SAMPLE(?h) AS ?headline) (SAMPLE(?d) AS ?date) WHERE {{
    VALUES ?s {{ {iris} }}
    OPTIONAL {{ ?s dct:type/skos:prefLabel ?k }}
    OPTIONAL {{ ?s schema:text ?t }}
    OPTIONAL {{ ?s schema:appearance ?article OPTIONAL {{ ?article schema:headline ?h }} OPTIONAL {{ ?article schema:datePublished ?d }} }}
}} GROUP BY ?s ?article ORDER BY DESC(?date) ?s"""
_PATH = """SELECT DISTINCT ?unit ?name ?level WHERE {{
    <{e}> schema:containedInPlace+ ?unit . ?unit schema:name ?name FILTER(LANG(?name) IN ("en", ""))
    OPTIONAL {{ ?unit dis:adminLevel ?level }}
}}"""
_PARTS = """SELECT ?part (SAMPLE(?n) AS ?name) (SAMPLE(?l) AS ?level) WHERE {{
    {{ SELECT DISTINCT ?part WHERE {{ ?part schema:containedInPlace <{e}> }} LIMIT {limit} }}
    OPTIONAL {{ ?part schema:name ?n FILTER(LANG(?n) IN ("en", "")) }}
    OPTIONAL {{ ?part dis:adminLevel ?l }}
}} GROUP BY ?part ORDER BY ?level ?name"""
_SPANS = """SELECT ?span ?start ?end ?exact ?fact ?type WHERE {{
    ?span oa:hasSource <{e}> .
    OPTIONAL {{ ?span oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }}
    OPTIONAL {{ ?span oa:hasSelector ?q . ?q oa:exact ?exact }}
    OPTIONAL {{ ?fact prov:wasDerivedFrom ?span ; a ?type
               FILTER(?type IN (dis:DisplacementObservation, dis:Statement, <http://semanticweb.cs.vu.nl/2009/11/sem/Event>,
                                <http://www.w3.org/ns/org#Membership>)) }}
}}"""


@dataclass(frozen=True)
class Figure:
    """One reported figure, in words."""

    observation: str
    phrase: str  # "more than 2,147 households"
    unit: str
    at_least: int
    area: str | None
    area_name: str | None
    period: str | None
    reported: str | None
    reporter: str | None
    reporter_name: str | None
    sentence: str | None


@dataclass(frozen=True)
class Part:
    """A place on a place's path or inside it."""

    iri: str
    name: str
    level: str | None


@dataclass(frozen=True)
class Statement:
    iri: str
    kind: str | None
    text: str | None
    article: str | None
    headline: str | None
    date: str | None


@dataclass(frozen=True)
class Mark:
    """A span of an article's body and the facts taken from it."""

    start: int
    end: int
    span: str
    facts: list[tuple[str, str]]  # (kind in words, IRI)


@dataclass(frozen=True)
class ArticleBody:
    """The body cut into plain text and marked spans, in order."""

    pieces: list[tuple[str, Mark | None]]
    marks: list[Mark]


@dataclass
class Panels:
    kind: str  # place, agent, article, observation, event, row or other
    figures: list[Figure] = field(default_factory=list)
    figures_total: int = 0  # how many figures there are; the table shows the latest FIGURE_LIMIT
    figures_query: str | None = None  # a SELECT of every one of them (figures_query)
    timeline: list[dict[str, object]] = field(default_factory=list)
    path: list[Part] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    body: ArticleBody | None = None
    map_place: str | None = None  # the place whose map the page draws
    event: EventPanel | None = None  # an event's what, where, when, who, casualties and sources (eventpanel.py)
    events: list[PlaceEvent] = field(default_factory=list)  # the latest events in a place and inside it
    events_total: int = 0
    statements_total: int = 0
    rows: list[SourceRow] = field(default_factory=list)  # the data set rows it comes from (or the row itself), with licences

    @property
    def figures_capped(self) -> bool:
        """Whether the table leaves out older figures."""
        return self.figures_total > len(self.figures)

    @property
    def timeline_events(self) -> list[dict[str, object]]:
        """The dated events of a place page, drawn on its timeline beside the figures."""
        return [{"day": e.begin, "label": e.label, "type": e.type or "event"} for e in self.events if e.begin]

    @property
    def parts_by_level(self) -> list[tuple[str, list[Part]]]:
        """The places inside, grouped by level (districts before sub-districts, towns last), each by name."""
        order = [*LEVELS, "place"]
        groups: dict[str, list[Part]] = {}
        for part in sorted(self.parts, key=lambda p: (order.index(p.level) if p.level in order else 99, p.name.lower())):
            groups.setdefault(part.level or "place", []).append(part)
        return list(groups.items())


def panels(store: Store, vocab: str, entity: str, types: set[str], body: str | None,
           index: Callable[[], Index | None] | None = None) -> Panels:
    """The panels for ``entity`` (an IRI the store knows), chosen by its types; what the build's index holds
    (figures, statements and events of places and agents) is read there, the rest (and all of it without an
    index that applies) counted live. ``index`` gives the index, asked only when a hub's panels are made (a
    look at the dumps folder and the file of changes, for nothing on every other page)."""
    terms = str(dis(vocab))
    # A place's or an agent's panels read many of the store's triples (their figures, events, statements, places
    # inside): made once per version of the store (lod.web.versioncache), as a hub's page is asked again and again.
    if types & PLACE_TYPES or terms + "ReportedArea" in types:
        return kept(store, ("panels", vocab, PLACE, entity), lambda: _place(store, vocab, entity, index() if index else None))
    if types & AGENT_TYPES:
        return kept(store, ("panels", vocab, AGENT, entity), lambda: _agent(store, vocab, entity, index() if index else None))
    if "https://schema.org/NewsArticle" in types:
        return Panels("article", body=_article(store, vocab, entity, body or ""))
    if "http://semanticweb.cs.vu.nl/2009/11/sem/Event" in types:
        event = event_panel(store, vocab, entity)
        place = event.places[0].iri if event.places else None
        return Panels("event", event=event, path=_path(store, vocab, place) if place else [], map_place=place)
    if terms + "DisplacementObservation" in types:
        area = _select(store, vocab, f"SELECT ?a WHERE {{ <{entity}> sdmx:refArea ?a }} LIMIT 1")
        place = area[0]["a"] if area else None
        path = ([Part(place, "", None)] + _path(store, vocab, place)) if place else []
        return Panels("observation", path=path[1:], map_place=place, rows=source_rows(store, vocab, entity))
    if terms + "SourceRow" in types:
        return Panels("row", rows=source_rows(store, vocab, entity))
    return Panels("other")


def _place(store: Store, vocab: str, entity: str, index: Index | None) -> Panels:
    counted = _counted(store, vocab, index, PLACE, entity)
    listed = (index.listing(EVENTS, entity) if index else None) or listed_events(store, vocab, entity)
    return Panels(
        "place",
        figures=_figures(store, vocab, counted.latest, index),
        figures_total=counted.total,
        figures_query=figures_query(vocab, PLACE, entity),
        timeline=_timeline(store, vocab, counted.timeline),
        path=_path(store, vocab, entity),
        parts=[_part(r, "part", "place") for r in _select(store, vocab, _PARTS.format(e=entity, limit=LIST_LIMIT))],
        map_place=entity,
        events=events_in(store, vocab, listed.latest),
        events_total=listed.total,
    )


def _agent(store: Store, vocab: str, entity: str, index: Index | None) -> Panels:
    counted = _counted(store, vocab, index, AGENT, entity)
    said = (index.listing(STATEMENTS, entity) if index else None) or listed_statements(store, vocab, entity)
    figures = _figures(store, vocab, counted.latest, index)
    return Panels("agent", figures=figures, figures_total=counted.total, figures_query=figures_query(vocab, AGENT, entity),
                  statements=_statements(store, vocab, said.latest), statements_total=said.total)


def phrases(store: Store, vocab: str, iris: list[str]) -> dict[str, str]:
    """Words for observations (``more than 2,147 households in Maaret al-Numan``), for pages that list them."""
    if not iris:
        return {}
    listed = " ".join(f"<{i}>" for i in iris[:500])
    pairs = {(r["o"], r["area"]) for r in _select(store, vocab, f"SELECT DISTINCT ?o ?area WHERE {{ VALUES ?o {{ {listed} }} ?o sdmx:refArea ?area }}")}
    placed = {o for o, _ in pairs}
    pairs |= {(o, o) for o in iris[:500] if o not in placed}  # no area: words without a place name (an observation has none)
    found = words(store, vocab, pairs)
    units = _unit_labels(store, vocab, {r["unit"] for r in found.values() if "unit" in r})
    out: dict[str, str] = {}
    for (o, _), r in sorted(found.items()):
        said = " ".join(w for w in (r.get("qualifier"), r.get("printed") or f"{number(r['figure']):,}", units.get(r.get("unit", ""))) if w)
        out.setdefault(o, f"{said} in {r['areaName']}" if r.get("areaName") else said)
    return out


def _counted(store: Store, vocab: str, index: Index | None, kind: str, entity: str) -> Summary:
    """The build's summary of the entity's figures, or the same counted live."""
    found = index.figures(kind, entity) if index is not None else None
    return found if found is not None else count_live(store, vocab, kind, entity)


def listed_statements(store: Store, vocab: str, agent: str) -> Listing:
    """The statements ``agent`` made, the latest ``LISTED`` first (by their article's date), found live (what
    :mod:`lod.publish.summaries` keeps for a build)."""
    return listing(dates(((r["s"], r.get("d")) for r in _select(store, vocab, _DATED_STATEMENTS.format(e=agent))), max))


def _statements(store: Store, vocab: str, iris: list[str]) -> list[Statement]:
    if not iris:
        return []
    rank = {iri: i for i, iri in enumerate(iris)}
    rows = _select(store, vocab, _STATEMENTS.format(iris=" ".join(f"<{i}>" for i in iris)))
    return sorted((Statement(r["s"], r.get("kind"), r.get("text"), r.get("article"), r.get("headline"), r.get("date")) for r in rows),
                  key=lambda s: rank[s.iri])


def figures_query(vocab: str, kind: str, entity: str) -> str:
    """A SELECT of every figure a place (``PLACE``) or an agent (``AGENT``) page counts, the latest first: what
    its table lists the latest ``FIGURE_LIMIT`` of."""
    return _PREFIXES.format(dis=dis(vocab)) + _EVERY_FIGURE.format(where=_where(kind, entity))


def _where(kind: str, entity: str) -> str:
    return _IN_PLACE.format(e=entity) if kind == PLACE else f"?o dis:reportedBy <{entity}> ; sdmx:refArea ?area ."


def count_live(store: Store, vocab: str, kind: str, entity: str) -> Summary:
    """The figures that count for a place (``PLACE``) or that an agent reported (``AGENT``), counted from every
    one of them (what :mod:`lod.publish.summaries` computes for a whole build)."""
    return summarize(_observations(store, vocab, _where(kind, entity)))


def _observations(store: Store, vocab: str, where: str) -> list[Counted]:
    """Each observation ``where`` finds (binding ``?o`` and its ``?area``) that has a figure, once per area, latest
    report first; of several values of one property the least, as the build's index takes them."""
    values: dict[tuple[str, str], dict[str, str]] = {}
    for r in _select(store, vocab, _OBSERVATIONS.format(where=where)):
        found = values.setdefault((r["o"], r["area"]), {})
        if r["p"] not in found or r["v"] < found[r["p"]]:
            found[r["p"]] = r["v"]
    return ordered(
        Counted(o, area, r.get("reported"), number(r.get("min", r["figure"])), r.get("unit"))
        for (o, area), r in values.items() if "figure" in r
    )


def _figures(store: Store, vocab: str, latest: list[Counted], index: Index | None = None) -> list[Figure]:
    """These observations in words, in the order given: as the build's index keeps them, or looked up."""
    if not latest:
        return []
    pairs = [(o.iri, o.area) for o in latest]
    kept = index.words(pairs) if index is not None else None
    rows = kept if kept is not None and len(kept) == len(set(pairs)) else words(store, vocab, pairs)
    units = _unit_labels(store, vocab, {o.unit for o in latest if o.unit is not None})
    found: dict[tuple[str, str], Figure] = {}
    for r in rows.values():
        figure, unit = number(r["figure"]), units.get(r.get("unit", ""), "")
        phrase = " ".join(w for w in (r.get("qualifier"), r.get("printed") or f"{figure:,}", unit) if w)
        found.setdefault(
            (r["o"], r["area"]),
            Figure(
                r["o"], phrase, unit, number(r.get("min", r["figure"])), r.get("area"), r.get("areaName"),
                r.get("period"), r.get("reported"), r.get("reporter"), r.get("reporterName"), r.get("sentence"),
            ),
        )
    return [found[o.iri, o.area] for o in latest if (o.iri, o.area) in found]


def _timeline(store: Store, vocab: str, months: list[tuple[str, str, int, int]]) -> list[dict[str, object]]:
    """Per month and unit name: how many observations were reported, and the sum of their lower bounds."""
    labels = _unit_labels(store, vocab, {unit for _, unit, _, _ in months})
    named: dict[tuple[str, str], list[int]] = {}
    for month, unit, n, low in months:
        if (label := labels.get(unit)) is not None:
            totals = named.setdefault((month, label), [0, 0])
            totals[0] += n
            totals[1] += low
    return [{"month": m, "unit": u, "figures": n, "atLeast": low} for (m, u), (n, low) in sorted(named.items())]


def _unit_labels(store: Store, vocab: str, units: set[str]) -> dict[str, str]:
    """The name of each unit: English (or untagged) if it has one. A store that says when it changed keeps
    the names it was asked for until then (a place's or agent's page asked twice, for the same few units)."""
    if not units:
        return {}
    known: dict[str, str | None] = {}
    if isinstance(store, Versioned):
        key = (store.version(), vocab)
        cached = _unit_names.get(store)
        if cached is None or cached[0] != key:
            cached = _unit_names[store] = (key, {})
        known = cached[1]
    if missing := sorted(units - known.keys()):
        found: dict[str, str] = {}
        for r in _select(store, vocab, _UNITS.format(iris=" ".join(f"<{u}>" for u in missing))):
            found.setdefault(r["u"], r["label"])
        known.update({u: found.get(u) for u in missing})
    return {u: label for u in units if (label := known.get(u)) is not None}


_unit_names: weakref.WeakKeyDictionary[Store, tuple[tuple[object, str], dict[str, str | None]]] = weakref.WeakKeyDictionary()


def _path(store: Store, vocab: str, entity: str) -> list[Part]:
    """What ``entity`` lies in, the smallest first (sub-district, district, governorate, country)."""
    rows = _select(store, vocab, _PATH.format(e=entity))
    units = {r["unit"]: r for r in rows}
    return sorted((_part(r, "unit") for r in units.values()), key=lambda p: -LEVELS.index(p.level) if p.level in LEVELS else 0)


def _part(row: dict[str, str], var: str, otherwise: str | None = None) -> Part:
    level = row.get("level")
    word = LEVELS[int(level)] if level is not None and level.isdigit() and int(level) < len(LEVELS) else otherwise
    return Part(row[var], row.get("name") or row[var].rsplit("/", 1)[-1], word)


def _article(store: Store, vocab: str, entity: str, body: str) -> ArticleBody:
    """The body with each span found at its offsets (or, failing that, by its quote) and the facts from it."""
    found: dict[str, Mark] = {}
    for r in _select(store, vocab, _SPANS.format(e=entity)):
        mark = found.get(r["span"])
        if mark is None:
            start, end = _locate(body, r.get("start"), r.get("end"), r.get("exact"))
            if start is None:
                continue
            mark = found[r["span"]] = Mark(start, end, r["span"], [])
        if r.get("fact") and (fact := (_FACT_WORDS.get(r["type"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], "fact"), r["fact"])) not in mark.facts:
            mark.facts.append(fact)
    marks: list[Mark] = []
    pieces: list[tuple[str, Mark | None]] = []
    at = 0
    for mark in sorted(found.values(), key=lambda m: (m.start, -m.end)):
        if mark.start < at:  # overlapping spans: the first one is marked, the later one listed only
            marks.append(mark)
            continue
        pieces.append((body[at : mark.start], None))
        pieces.append((body[mark.start : mark.end], mark))
        marks.append(mark)
        at = mark.end
    pieces.append((body[at:], None))
    return ArticleBody(pieces, marks)


_FACT_WORDS = {"DisplacementObservation": "displacement figure", "Statement": "statement", "Event": "event", "Membership": "post held"}


def _locate(body: str, start: str | None, end: str | None, exact: str | None) -> tuple[int | None, int]:
    if start is not None and end is not None and start.isdigit() and end.isdigit():
        s, e = int(start), int(end)
        if 0 <= s < e <= len(body) and (exact is None or body[s:e] == exact):
            return s, e
    if exact:
        at = body.find(exact)
        if at >= 0:
            return at, at + len(exact)
    return None, 0


def _select(store: Store, vocab: str, query: str) -> list[dict[str, str]]:
    result = store.query(_PREFIXES.format(dis=dis(vocab)) + query)
    assert isinstance(result, Solutions)
    return result.values()
