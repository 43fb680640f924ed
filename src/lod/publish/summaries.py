"""What a place's or an agent's page counts, computed once per build: for every place, area and reporter that
figures are reported for, how many figures there are, their timeline (per month and unit: how many were
reported and the sum of their lower bounds) and the latest ``LATEST`` of them, with the words a page writes
for each of those (:data:`WORDS`: the figure as printed, its area, period, reporter and sentence).

Counting a hub's figures live visits each of them: UNHCR reported 3,000 of the 20,000 figures of a 10,000-article
corpus, 130 ms of index lookups per page, and the cost grows with the store. ``write_dumps`` writes this index
beside the dumps (SQLite, one row per entity) in one pass over the observations; a page reads one row. The
index names the build it was computed from, and applies only while the dumps' catalog names the same build: an
ingest drops that name (:func:`lod.publish.dumps.mark_changed`); the index records where the file of changes was
(:func:`since`), so that pages (:mod:`lod.web.summaryindex`) keep it for what the writes since did not touch.

The live count (``lod.web.panels``) and this one share :func:`ordered` and :func:`tally`, and a test compares
the two on every entity of a built dataset.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from lod.publish.dumps import CATALOG_FILE, dumps_build
from lod.publish.facts import Facts, language, value
from lod.publish.members import Members
from lod.rdf import namespaces
from lod.store import Solutions, Store, changes

__all__ = ["AGENT", "EVENTS", "FILE", "LATEST", "LISTED", "PLACE", "PREFIXES", "STATEMENTS", "WORDS", "Index", "words", "Listing", "latest_first", "listing", "Counted", "Figure", "Links", "Summary", "compute", "compute_all", "compute_listings_all", "counting", "above", "Event", "events_of", "dates", "figures_of", "links_of", "members_of", "Said", "statements_of", "predicates", "lookup", "number", "ordered", "save", "since", "summarize", "tally", "write"]

FILE = "summaries.sqlite"  # its name in the dumps folder
LATEST = 25  # the figures a page lists, the latest first
PLACE, AGENT = "place", "agent"  # how the entity is counted: by where the figures are, or by who reported them
STATEMENTS, EVENTS = "statements", "events"  # an agent's statements; the events in a place and the places inside it
LISTED = 25  # the statements and events a page lists, the latest first

# The words a page writes for a figure, as three lookups that each take DISTINCT values (Oxigraph compares its term
# ids before decoding any term): the figure's own values, the names of the things it links to, and the sentences
# its spans quote. One query with an OPTIONAL per value multiplied the copies of each value (a triple comes once
# per graph that holds it in the union default graph): an observation restated in a few graphs made millions of
# rows. 25 of a hub's figures took 4-6 ms at 10,000 articles, so the build keeps them with the latest figures.
PREFIXES = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dct: <http://purl.org/dc/terms/>
"""  # the prefixes of the index's and the pages' queries ({dis}: the displacement namespace of the vocabulary)
WORDS = PREFIXES + """SELECT DISTINCT ?o ?p ?v WHERE {{ VALUES ?o {{ {iris} }} ?o ?p ?v
    FILTER(?p IN (dis:reportedFigure, dis:reportDate, dis:figureAsPrinted, schema:minValue, dis:figureQualifier,
                  dis:populationUnit, sdmx:refPeriod, dis:reportedBy, prov:wasDerivedFrom)) }}"""
_NAMES = PREFIXES + """SELECT DISTINCT ?x ?p ?name WHERE {{ VALUES ?x {{ {iris} }} ?x ?p ?name
    FILTER(?p IN (skos:prefLabel, rdfs:label, schema:name)) }}"""
_QUOTES = PREFIXES + """SELECT DISTINCT ?span ?exact WHERE {{ VALUES ?span {{ {iris} }} ?span oa:hasSelector ?s . ?s oa:exact ?exact }}"""
_VALUE_OF = {  # a figure's property -> its key in a row of words
    "displacement#reportedFigure": "figure", "displacement#reportDate": "reported", "displacement#figureAsPrinted": "printed",
    "https://schema.org/minValue": "min", "displacement#figureQualifier": "q", "displacement#populationUnit": "unit",
    "dimension#refPeriod": "periodNode", "displacement#reportedBy": "reporter", "prov#wasDerivedFrom": "span",
}
_WORDS_BATCH = 400  # pairs per query when the build writes them all

_SCHEMA = "https://schema.org/"
_SDMX = "http://purl.org/linked-data/sdmx/2009/dimension#"
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OA = "http://www.w3.org/ns/oa#"
_PROV = "http://www.w3.org/ns/prov#"


@dataclass(frozen=True)
class Counted:
    """A figure as a page counts it: which observation, in which area, reported when, at least how many of what."""

    iri: str
    area: str
    reported: str | None
    at_least: int
    unit: str | None


@dataclass(frozen=True)
class Summary:
    """What a page shows of an entity's figures: their number, their timeline (``(month, unit, figures, at
    least)``, by unit IRI), and the latest ``LATEST``."""

    total: int
    timeline: list[tuple[str, str, int, int]]
    latest: list[Counted]


@dataclass(frozen=True)
class Listing:
    """How many statements (or events) there are, and the latest ``LISTED`` of them."""

    total: int
    latest: list[str]


def latest_first(dated: dict[str, str | None]) -> list[str]:
    """IRIs by their date, the latest first, undated last; ties by IRI."""
    by_iri = sorted(dated)
    return sorted(by_iri, key=lambda i: (dated[i] is not None, dated[i] or ""), reverse=True)


def listing(dated: dict[str, str | None]) -> Listing:
    return Listing(len(dated), latest_first(dated)[:LISTED])


def dates(pairs: Iterable[tuple[str, str | None]], keep: Callable[[str, str], str]) -> dict[str, str | None]:
    """Each IRI's date among its (IRI, date or None) pairs: ``keep`` (``min``, ``max``) of its dates, None when it
    has none. The build and a page's live lists date statements and events by this one rule."""
    out: dict[str, str | None] = {}
    for iri, date in pairs:
        known = out.get(iri)
        out[iri] = date if known is None else known if date is None else keep(known, date)
    return out


def ordered(items: Iterable[Counted]) -> list[Counted]:
    """Each (observation, area) once, the latest report first, undated last; ties by observation, then area."""
    seen: dict[tuple[str, str], Counted] = {}
    for item in items:
        seen.setdefault((item.iri, item.area), item)
    by_iri = sorted(seen.values(), key=lambda c: (c.iri, c.area))
    return sorted(by_iri, key=lambda c: (c.reported is not None, c.reported or ""), reverse=True)


def tally(items: Iterable[Counted]) -> list[tuple[str, str, int, int]]:
    """Per month and unit, how many dated figures there are and the sum of their lower bounds (each observation
    once, however many areas it counts in)."""
    counted: set[str] = set()
    months: dict[tuple[str, str], list[int]] = {}
    for item in items:
        if item.reported is None or item.unit is None or item.iri in counted:
            continue
        counted.add(item.iri)
        month = months.setdefault((item.reported[:7], item.unit), [0, 0])
        month[0] += 1
        month[1] += item.at_least
    return [(m, u, n, low) for (m, u), (n, low) in sorted(months.items())]


def summarize(items: Iterable[Counted]) -> Summary:
    every = ordered(items)
    return Summary(len({c.iri for c in every}), tally(every), every[:LATEST])


def number(text: str) -> int:
    """A figure as a whole number (``2147``, ``2147.0``)."""
    try:
        return int(text)
    except ValueError:
        return int(Decimal(text))


Source = Store | Facts  # where the build's index reads the dataset: the store (queries), or the union's facts


def predicates(vocab: str) -> list[str]:
    """The predicates whose triples :func:`save` reads, for :class:`lod.publish.facts.Facts` to keep."""
    d = str(namespaces.dis(vocab))
    return sorted({
        f"{d}reportedFigure", f"{_SDMX}refArea", f"{d}reportedBy", f"{d}reportDate", f"{_SCHEMA}minValue", f"{d}populationUnit",
        f"{_SCHEMA}containedInPlace", f"{_SCHEMA}containsPlace", _RDF_TYPE, f"{_SCHEMA}datePublished", f"{_SCHEMA}appearance",
        f"{_SCHEMA}author", f"{_SEM}hasBeginTimeStamp", f"{_SEM}hasPlace", *(iri for iri in _words_predicates(vocab)),
        _SKOS_PREF_LABEL, _RDFS_LABEL, f"{_SCHEMA}name", f"{_OA}hasSelector", f"{_OA}exact",
    })


@dataclass(frozen=True)
class Figure:
    """What counting one figure reads of it (each value as :func:`compute` takes it): its areas, reporters, date,
    lower bound and unit. The index keeps one per figure, so that a write's figures can be taken out of the
    counts and put in again (:mod:`lod.web.summaryindex`) instead of counting a hub's figures again."""

    areas: tuple[str, ...]
    reporters: tuple[str, ...]
    reported: str | None
    at_least: int
    unit: str | None


Links = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # a place's containedInPlace and containsPlace, sorted


def compute(store: Source, vocab: str) -> dict[tuple[str, str], Summary]:
    """The summary of every place, area and reporter with figures, keyed by (``PLACE`` or ``AGENT``, IRI).

    A place counts the figures of its own, of the places inside it, and of the areas that include one of
    those (``lod.web.panels`` counts the same live); a reporter counts those it reported.
    """
    return compute_all(store, vocab)[0]


def compute_all(store: Source, vocab: str) -> tuple[dict[tuple[str, str], Summary], dict[str, Figure], Links]:
    """:func:`compute`, with what each figure counts by and each place's links up and down (what the index keeps
    beside the summaries)."""
    d = str(namespaces.dis(vocab))
    figures = _pairs(store, f"{d}reportedFigure")
    areas, reporters = _pairs(store, f"{_SDMX}refArea"), _pairs(store, f"{d}reportedBy")
    dates, minimum, units = (dict(_first(_pairs(store, p))) for p in (f"{d}reportDate", f"{_SCHEMA}minValue", f"{d}populationUnit"))
    figure = dict(_first(figures))
    up = _links(_pairs(store, f"{_SCHEMA}containedInPlace"))
    contains = _links(_pairs(store, f"{_SCHEMA}containsPlace"))
    above = _closure(up)
    by_reporter = _links(reporters)
    kept = {o: Figure(tuple(sorted(set(where))), tuple(sorted(set(by_reporter.get(o, ())))), dates.get(o),
                      number(minimum.get(o, figure[o])), units.get(o))
            for o, where in _links(areas).items() if o in figure}
    links = {place: (tuple(sorted(set(up.get(place, ())))), tuple(sorted(set(contains.get(place, ())))))
             for place in {*up, *contains}}
    counted: dict[tuple[str, str], list[Counted]] = defaultdict(list)
    by_o = _links(areas)
    for o, where in by_o.items():
        if o not in figure:
            continue
        low = number(minimum.get(o, figure[o]))
        for area in where:
            item = Counted(o, area, dates.get(o), low, units.get(o))
            for target in _places_counting(area, above, contains):
                counted[PLACE, target].append(item)
    for o, who in _links(reporters).items():
        if o not in figure:
            continue
        low = number(minimum.get(o, figure[o]))
        for area in by_o.get(o, ()):
            item = Counted(o, area, dates.get(o), low, units.get(o))
            for reporter in who:
                counted[AGENT, reporter].append(item)
    return {key: summarize(items) for key, items in counted.items()}, kept, links


def counting(area: str, links: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]], memo: dict[str, set[str]] | None = None) -> set[str]:
    """The places whose page counts a figure about ``area`` (as :func:`compute` finds them), from ``links``."""
    memo = {} if memo is None else memo
    targets = {area} | above(area, links, memo)
    for inside in links.get(area, ((), ()))[1]:
        targets |= {inside} | above(inside, links, memo)
    return targets


def above(place: str, links: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]], memo: dict[str, set[str]]) -> set[str]:
    """Every place ``place`` lies in, however far up, from ``links`` (``memo``: the walks done)."""
    if place not in memo:
        seen: set[str] = set()
        todo = list(links.get(place, ((), ()))[0])
        while todo:
            at = todo.pop()
            if at not in seen:
                seen.add(at)
                todo.extend(links.get(at, ((), ()))[0])
        memo[place] = seen
    return memo[place]


def words(store: Source, vocab: str, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """The words of each (observation, area) pair that has a figure, one row each: ``o``, ``area``, ``figure``
    and, when known, ``printed``, ``qualifier`` (its English name, none for "exact"), ``unit``, ``min``,
    ``areaName``, ``period``, ``reported``, ``reporter``, ``reporterName`` and ``sentence``. Where a figure has
    several values for one of them the least is taken, so the words do not depend on the engine's order."""
    todo = sorted(set(pairs))
    values: dict[str, dict[str, list[str]]] = {}
    for o, p, v in _values(store, vocab, sorted({o for o, _ in todo})):
        key = next((k for suffix, k in _VALUE_OF.items() if p.endswith(suffix)), None)
        if key is not None:
            values.setdefault(o, {}).setdefault(key, []).append(v)
    first = {o: {k: min(vs) for k, vs in found.items()} for o, found in values.items()}
    named = {a for _, a in todo} | {f[k] for f in first.values() for k in ("q", "periodNode", "reporter") if k in f}
    names: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for x, p, label, language in _named(store, vocab, sorted(named)):
        rank = 0 if language == "en" else 1 if not language else 2
        names.setdefault((x, p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]), []).append((rank, label))
    quotes: dict[str, list[str]] = {}
    for span, exact in _quotes(store, vocab, sorted({f["span"] for f in first.values() if "span" in f})):
        quotes.setdefault(span, []).append(exact)

    def name(x: str | None, prop: str, any_language: bool = False) -> str | None:
        found = [n for n in names.get((x or "", prop), []) if any_language or n[0] < 2]
        return min(found)[1] if found else None

    exact = f"{vocab}concept/figure-qualifier/exact"
    out: dict[tuple[str, str], dict[str, str]] = {}
    for o, area in todo:
        f = first.get(o, {})
        if "figure" not in f:
            continue
        row = {"o": o, "area": area, **{k: v for k, v in f.items() if k in ("figure", "reported", "printed", "min", "unit", "reporter")}}
        extra = {
            "qualifier": name(f.get("q"), "prefLabel") if f.get("q") != exact else None,
            "areaName": name(area, "name"),
            "period": name(f.get("periodNode"), "label", any_language=True),
            "reporterName": name(f.get("reporter"), "prefLabel"),
            "sentence": min(quotes[f["span"]]) if f.get("span") in quotes else None,
        }
        row |= {k: v for k, v in extra.items() if v is not None}
        out[o, area] = row
    return out


def _words_predicates(vocab: str) -> list[str]:
    """The properties of a figure that :data:`WORDS` asks for."""
    d = str(namespaces.dis(vocab))
    return [f"{d}reportedFigure", f"{d}reportDate", f"{d}figureAsPrinted", f"{_SCHEMA}minValue", f"{d}figureQualifier",
            f"{d}populationUnit", f"{_SDMX}refPeriod", f"{d}reportedBy", f"{_PROV}wasDerivedFrom"]


def _values(source: Source, vocab: str, iris: list[str]) -> Iterable[tuple[str, str, str]]:
    """(figure, property, value) of each :data:`WORDS` property of these figures."""
    if not isinstance(source, Facts):
        yield from _triples(source, WORDS, vocab, iris)
        return
    wanted = {f"<{iri}>".encode() for iri in iris}
    for predicate in _words_predicates(vocab):
        for s, o in source.terms(predicate):
            if s in wanted:
                yield s[1:-1].decode("utf-8"), predicate, value(o)


def _quotes(source: Source, vocab: str, iris: list[str]) -> Iterable[tuple[str, str]]:
    """(span, the words it quotes) of these spans: their selectors' ``oa:exact``, each once."""
    if not isinstance(source, Facts):
        for quoting, _, words in _triples(source, _QUOTES, vocab, iris):
            yield quoting, words
        return
    wanted = {f"<{iri}>".encode() for iri in iris}
    selectors: dict[bytes, list[bytes]] = defaultdict(list)
    for s, o in source.terms(f"{_OA}hasSelector"):
        if s in wanted:
            selectors[o].append(s)
    found = {(span, exact) for selector, exact in source.terms(f"{_OA}exact") for span in selectors.get(selector, ())}
    for span, exact in found:
        yield span[1:-1].decode("utf-8"), value(exact)


def _triples(store: Store, query: str, vocab: str, iris: list[str]) -> Iterable[tuple[str, str, str]]:
    for at in range(0, len(iris), _WORDS_BATCH):
        result = store.query(query.format(dis=namespaces.dis(vocab), iris=" ".join(f"<{i}>" for i in iris[at : at + _WORDS_BATCH])))
        assert isinstance(result, Solutions)
        for row in result.rows:
            a, b, *c = (t.value if isinstance(t, (ox.NamedNode, ox.BlankNode, ox.Literal)) else "" for t in row)
            yield a, b, c[0] if c else b


def _named(store: Source, vocab: str, iris: list[str]) -> Iterable[tuple[str, str, str, str]]:
    """(thing, property, name, its language) of each name of these things."""
    if isinstance(store, Facts):
        wanted = {f"<{iri}>".encode() for iri in iris}
        for p in (_SKOS_PREF_LABEL, _RDFS_LABEL, f"{_SCHEMA}name"):
            for thing, name in store.terms(p):
                if thing in wanted and name[:1] == b'"':
                    yield thing[1:-1].decode("utf-8"), p, value(name), language(name)
        return
    for at in range(0, len(iris), _WORDS_BATCH):
        result = store.query(_NAMES.format(dis=namespaces.dis(vocab), iris=" ".join(f"<{i}>" for i in iris[at : at + _WORDS_BATCH])))
        assert isinstance(result, Solutions)
        for x, prop, n in result.rows:
            if isinstance(x, ox.NamedNode) and isinstance(prop, ox.NamedNode) and isinstance(n, ox.Literal):
                yield x.value, prop.value, n.value, n.language or ""


Event = tuple[tuple[str, ...], str | None]  # an event's places (sorted) and its date, as the events' lists take them
Said = tuple[tuple[str, ...], str | None]  # a statement's authors (sorted) and its date, as the agents' lists take them


def compute_listings(store: Source, vocab: str) -> dict[tuple[str, str], Listing]:
    """The statements of every agent (dated by their article) and the events of every place (dated by their
    start, counted in every place they lie in), keyed by (``STATEMENTS`` or ``EVENTS``, IRI)."""
    return compute_listings_all(store, vocab)[0]


def compute_listings_all(store: Source, vocab: str) -> tuple[dict[tuple[str, str], Listing], dict[str, Event], dict[str, Said]]:
    """:func:`compute_listings`, with each event's places and date and each statement's authors and date (what the
    index keeps beside the lists)."""
    d = str(namespaces.dis(vocab))
    statements = _subjects(store, _RDF_TYPE, f"{d}Statement")
    published = dict(_pairs(store, f"{_SCHEMA}datePublished"))
    said = dates(((s, published.get(article)) for s, article in _pairs(store, f"{_SCHEMA}appearance") if s in statements), max)
    lists: dict[tuple[str, str], dict[str, str | None]] = defaultdict(dict)
    authors: dict[str, set[str]] = defaultdict(set)
    for s, author in _pairs(store, f"{_SCHEMA}author"):
        if s in statements:
            lists[STATEMENTS, author][s] = said.get(s)
            authors[s].add(author)
    events = _subjects(store, _RDF_TYPE, f"{_SEM}Event")
    begins = dates(_pairs(store, f"{_SEM}hasBeginTimeStamp"), min)
    above = _closure(_links(_pairs(store, f"{_SCHEMA}containedInPlace")))
    placed: dict[str, set[str]] = defaultdict(set)
    for e, place in _pairs(store, f"{_SEM}hasPlace"):
        if e in events:
            placed[e].add(place)
            for target in {place} | above.get(place, set()):
                lists[EVENTS, target][e] = begins.get(e)
    kept = {e: (tuple(sorted(places)), begins.get(e)) for e, places in placed.items()}
    stated = {s: (tuple(sorted(who)), said.get(s)) for s, who in authors.items()}
    return {key: listing(dated) for key, dated in lists.items()}, kept, stated


def _places_counting(area: str, above: dict[str, set[str]], contains: dict[str, list[str]]) -> set[str]:
    """The places whose page counts a figure about ``area``: the area, what it lies in, and each place it
    includes with what that place lies in."""
    targets = {area} | above.get(area, set())
    for inside in contains.get(area, ()):
        targets |= {inside} | above.get(inside, set())
    return targets


def _subjects(store: Source, predicate: str, obj: str) -> set[str]:
    """The IRIs with ``obj`` (an IRI) as their ``predicate``."""
    if isinstance(store, Facts):
        term = f"<{obj}>".encode()
        return {s[1:-1].decode("utf-8") for s, o in store.terms(predicate) if o == term and s[:1] == b"<"}
    result = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s <{predicate}> <{obj}> FILTER(isIRI(?s)) }}")
    assert isinstance(result, Solutions)
    return {r["s"] for r in result.values()}


def _pairs(store: Source, predicate: str) -> list[tuple[str, str]]:
    """(subject, object) values of ``predicate`` whose subject is an IRI, each distinct pair of terms once."""
    if isinstance(store, Facts):
        return store.pairs(predicate)
    result = store.query(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o FILTER(isIRI(?s)) }}")
    assert isinstance(result, Solutions)
    return [(r["s"], r["o"]) for r in result.values()]


def _first(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One value per subject (the least, so the choice does not depend on the engine's order)."""
    return sorted(pairs, reverse=True)


def _links(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for s, o in pairs:
        out[s].append(o)
    return out


def _closure(up: dict[str, list[str]]) -> dict[str, set[str]]:
    """Everything each place lies in, however far up (a loop in the data ends the walk)."""
    out: dict[str, set[str]] = {}
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            place = todo.pop()
            if place not in seen:
                seen.add(place)
                todo.extend(up.get(place, ()))
        out[start] = seen
    return out


def save(store: Source, folder: Path, vocab: str, build: str, members: Members | None = None) -> None:
    """Compute the index and put it in ``folder`` for the build named ``build``, replacing the previous one in
    one rename. ``lod build`` calls it before the dumps' catalog names the build, so until the catalog does,
    pages count live. ``store``: the store, or the facts of :func:`predicates` kept from its union (the same
    index, without a query); ``members``: the listings' (:mod:`lod.publish.members`), kept beside."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f".{FILE}.tmp"
    staged.unlink(missing_ok=True)
    since = changes.mark(folder)  # before reading: a write after it comes again (the build begun the file anew)
    try:
        summaries, figures, links = compute_all(store, vocab)
        latest = {(c.iri, c.area) for summary in summaries.values() for c in summary.latest}
        listings, events, stated = compute_listings_all(store, vocab)
        write(staged, summaries, build, listings, words(store, vocab, latest), since, figures, links, events, members, stated)
        os.replace(staged, folder / FILE)
    finally:
        staged.unlink(missing_ok=True)


def write(path: Path, summaries: dict[tuple[str, str], Summary], build: str,
          listings: dict[tuple[str, str], Listing] | None = None, worded: dict[tuple[str, str], dict[str, str]] | None = None,
          since: changes.Mark | None = None, figures: dict[str, Figure] | None = None, links: Links | None = None,
          events: dict[str, Event] | None = None, members: Members | None = None, stated: dict[str, Said] | None = None) -> None:
    """The index at ``path`` (a new file), for the build named ``build``; ``since``: where the file of changes was
    when it was computed (the writes after it are read from there: :func:`since`); ``figures`` and ``links``:
    what a write's figures are taken out of the counts by (:func:`figures_of`, :func:`links_of`), and its
    statements out of their authors' lists (``stated``: :func:`statements_of`); ``members``: the listings'
    (:func:`members_of`)."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute("CREATE TABLE build (name TEXT NOT NULL, latest INTEGER NOT NULL, listed INTEGER NOT NULL)")
            db.execute("INSERT INTO build VALUES (?, ?, ?)", (build, LATEST, LISTED))
            if since is not None and since.file not in ("", "-"):
                db.execute("CREATE TABLE since (file TEXT NOT NULL, offset INTEGER NOT NULL)")
                db.execute("INSERT INTO since VALUES (?, ?)", (since.file, since.offset))
            db.execute("CREATE TABLE listing (kind TEXT, entity TEXT, total INTEGER, latest TEXT, PRIMARY KEY (kind, entity)) WITHOUT ROWID")
            db.executemany("INSERT INTO listing VALUES (?, ?, ?, ?)", (
                (kind, entity, found.total, json.dumps(found.latest)) for (kind, entity), found in sorted((listings or {}).items())
            ))
            db.execute("CREATE TABLE summary (kind TEXT, entity TEXT, total INTEGER, timeline TEXT, latest TEXT, "
                       "PRIMARY KEY (kind, entity)) WITHOUT ROWID")
            db.executemany("INSERT INTO summary VALUES (?, ?, ?, ?, ?)", (
                (kind, entity, s.total, json.dumps(s.timeline),
                 json.dumps([[c.iri, c.area, c.reported, c.at_least, c.unit] for c in s.latest]))
                for (kind, entity), s in sorted(summaries.items())
            ))
            if figures is not None and links is not None and events is not None:
                db.execute("CREATE TABLE event (event TEXT PRIMARY KEY, state TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO event VALUES (?, ?)", ((e, json.dumps(state)) for e, state in sorted(events.items())))
                db.execute("CREATE TABLE figure (observation TEXT PRIMARY KEY, state TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO figure VALUES (?, ?)", (
                    (o, json.dumps([f.areas, f.reporters, f.reported, f.at_least, f.unit])) for o, f in sorted(figures.items())
                ))
                db.execute("CREATE TABLE link (place TEXT PRIMARY KEY, up TEXT, contains TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO link VALUES (?, ?, ?)", (
                    (place, json.dumps(up), json.dumps(inside)) for place, (up, inside) in sorted(links.items())
                ))
            if stated is not None:
                db.execute("CREATE TABLE statement (statement TEXT PRIMARY KEY, state TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO statement VALUES (?, ?)", ((x, json.dumps(state)) for x, state in sorted(stated.items())))
            if members is not None:
                # A kind's IRIs in one row, in order, a line each (an IRI holds no line break): 400,000 rows of one
                # IRI each cost seconds to write and to read at a server's start.
                db.execute("CREATE TABLE members (base TEXT NOT NULL)")
                db.execute("INSERT INTO members VALUES (?)", (members.base,))
                db.execute("CREATE TABLE kind (kind TEXT PRIMARY KEY, iris TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO kind VALUES (?, ?)", sorted((k, "\n".join(iris)) for k, iris in members.kinds.items()))
                db.execute("CREATE TABLE graph (graph TEXT PRIMARY KEY, triples INTEGER, headline TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO graph VALUES (?, ?, ?)", ((g, *members.graphs[g]) for g in members.graph_order))
            db.execute("CREATE TABLE words (observation TEXT, area TEXT, row TEXT, PRIMARY KEY (observation, area)) WITHOUT ROWID")
            db.executemany("INSERT INTO words VALUES (?, ?, ?)", (
                (o, a, json.dumps(row, sort_keys=True)) for (o, a), row in sorted((worded or {}).items())
            ))
    finally:
        db.close()


def lookup(folder: Path, kind: str, entity: str, *, follow: bool = False) -> Summary | None:
    """The summary of ``entity`` counted as ``kind``, if ``folder`` holds the index of the build its dumps are
    of (an empty one when no figure counts for it), else None: count live. ``follow``: also an index that writes
    followed, whose caller takes again what they touched (:func:`since`)."""
    db = _open(folder, follow)
    if db is None:
        return None
    row = db.execute("SELECT total, timeline, latest FROM summary WHERE kind = ? AND entity = ?", (kind, entity)).fetchone()
    if row is None:
        return Summary(0, [], [])
    timeline = [(m, u, n, low) for m, u, n, low in json.loads(row[1])]
    latest = [Counted(o, a, r, low, u) for o, a, r, low, u in json.loads(row[2])]
    return Summary(row[0], timeline, latest)


def lookup_listing(folder: Path, kind: str, entity: str, *, follow: bool = False) -> Listing | None:
    """The statements (``STATEMENTS``) or events (``EVENTS``) of ``entity``, as :func:`lookup` finds figures."""
    db = _open(folder, follow)
    if db is None:
        return None
    row = db.execute("SELECT total, latest FROM listing WHERE kind = ? AND entity = ?", (kind, entity)).fetchone()
    return Listing(0, []) if row is None else Listing(row[0], json.loads(row[1]))


def lookup_words(folder: Path, pairs: list[tuple[str, str]], *, follow: bool = False) -> dict[tuple[str, str], dict[str, str]] | None:
    """The :data:`WORDS` rows the index keeps for these pairs (those of the latest figures of some page), or None
    without an index of the dumps' build."""
    db = _open(folder, follow)
    if db is None:
        return None
    found: dict[tuple[str, str], dict[str, str]] = {}
    for o, a in pairs:
        row = db.execute("SELECT row FROM words WHERE observation = ? AND area = ?", (o, a)).fetchone()
        if row is not None:
            found[o, a] = json.loads(row[0])
    return found


def figures_of(folder: Path, iris: Iterable[str]) -> dict[str, Figure] | None:
    """The figures among ``iris`` as the index's build counted them; None without such an index (or one of an
    older lod, which kept none)."""
    states = _states(folder, "figure", "observation", iris)
    if states is None:
        return None
    return {o: Figure(tuple(areas), tuple(reporters), reported, at_least, unit)
            for o, (areas, reporters, reported, at_least, unit) in states.items()}


def events_of(folder: Path, iris: Iterable[str]) -> dict[str, Event] | None:
    """The events among ``iris`` as the index's build listed them (places, date); None without them."""
    states = _states(folder, "event", "event", iris)
    return None if states is None else {e: (tuple(places), date) for e, (places, date) in states.items()}


def statements_of(folder: Path, iris: Iterable[str]) -> dict[str, Said] | None:
    """The statements among ``iris`` as the index's build listed them (authors, date); None without them."""
    states = _states(folder, "statement", "statement", iris)
    return None if states is None else {x: (tuple(authors), date) for x, (authors, date) in states.items()}


def _states(folder: Path, table: str, key: str, iris: Iterable[str]) -> dict[str, list[Any]] | None:
    """The decoded ``state`` of each of ``iris`` found in ``table`` (one of this module's own tables, keyed by the
    column ``key``); None without the index or the table."""
    db = _open(folder, True)
    if db is None:
        return None
    found: dict[str, list[Any]] = {}
    try:
        for iri in iris:
            row = db.execute(f"SELECT state FROM {table} WHERE {key} = ?", (iri,)).fetchone()
            if row is not None:
                found[iri] = json.loads(row[0])
    except sqlite3.Error:
        return None
    return found


def members_of(folder: Path, base: str) -> tuple[changes.Mark, Members] | None:
    """The listings' members as the index's build found them, with where the file of changes was then (the writes
    since are after it: :func:`since`); None without them (an index of an older lod, of a store shared with other
    data, of another base, or a file of changes begun again since)."""
    mark = since(folder)
    db = _open(folder, True)
    if mark is None or db is None:
        return None
    try:
        row = db.execute("SELECT base FROM members").fetchone()
        if row is None or row[0] != base:
            return None
        kinds = {kind: iris.split("\n") for kind, iris in db.execute("SELECT kind, iris FROM kind")}
        graphs = {g: (n, headline) for g, n, headline in db.execute("SELECT graph, triples, headline FROM graph")}
    except sqlite3.Error:
        return None
    return mark, Members(base, kinds, graphs, sorted(graphs))


class _LinkTable(Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]):
    """The places' links as the index's build found them, each read when first asked for (a walk up from a few
    areas reads a few rows, not the 10,000 of the table)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._read: dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}

    def __getitem__(self, place: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if place not in self._read:
            db = _open(self._folder, True)
            row = db.execute("SELECT up, contains FROM link WHERE place = ?", (place,)).fetchone() if db is not None else None
            self._read[place] = None if row is None else (tuple(json.loads(row[0])), tuple(json.loads(row[1])))
        found = self._read[place]
        if found is None:
            raise KeyError(place)
        return found

    def __iter__(self) -> Iterator[str]:
        db = _open(self._folder, True)
        return iter([row[0] for row in db.execute("SELECT place FROM link")] if db is not None else [])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def links_of(folder: Path) -> Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] | None:
    """Every place's links up and down as the index's build found them (read as asked for); None without them."""
    db = _open(folder, True)
    if db is None:
        return None
    try:
        db.execute("SELECT 1 FROM link LIMIT 1").fetchall()
    except sqlite3.Error:
        return None  # an index of an older lod
    return _LinkTable(folder)


@dataclass(frozen=True)
class Index:
    """The index in a dumps folder, for pages: figures by place or agent, statements by agent, events by place."""

    folder: Path

    def figures(self, kind: str, entity: str) -> Summary | None:
        return lookup(self.folder, kind, entity)

    def listing(self, kind: str, entity: str) -> Listing | None:
        return lookup_listing(self.folder, kind, entity)

    def words(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]] | None:
        return lookup_words(self.folder, pairs)


def since(folder: Path, now: changes.Mark | None = None) -> changes.Mark | None:
    """Where the file of changes was when the folder's index was computed, if that file is still the one a write
    appends to (a build begins it again before it computes its index): every write since then is a line after
    this mark, and the index holds for what they did not touch. None: no such index (or one of an older lod).
    ``now``: the file's mark, when the caller has read it already (a page reads it once)."""
    db = _open(folder, True)
    if db is None:
        return None
    try:
        row = db.execute("SELECT file, offset FROM since").fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return changes.Mark(row[0], row[1]) if row[0] == (now if now is not None else changes.mark(folder)).file else None


_local = threading.local()


def _open(folder: Path, follow: bool = False) -> sqlite3.Connection | None:
    """This thread's read-only connection to the index, if it is that of the dumps' build (``follow``: or of a
    build that writes followed, which drop the build's name from the catalog). The index and the catalog are
    replaced by renames, never written in place, so their inodes say when to look again."""
    try:
        identity = (str(folder), LATEST, LISTED, *((s.st_ino, s.st_mtime_ns, s.st_size) for s in ((folder / FILE).stat(), (folder / CATALOG_FILE).stat())))
    except FileNotFoundError:
        return None
    cached: tuple[tuple[object, ...], sqlite3.Connection | None, bool] | None = getattr(_local, "db", None)
    if cached is None or cached[0] != identity:
        if cached is not None and cached[1] is not None:
            cached[1].close()
        build = dumps_build(folder)
        db = _connect(folder / FILE, build)
        cached = (identity, db, db is not None and build is not None)
        _local.db = cached
    return cached[1] if cached[2] or follow else None


def _connect(path: Path, build: str | None) -> sqlite3.Connection | None:
    """The index at ``path``, if it is that of ``build`` (None: of any build, which the caller checks)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        row = db.execute("SELECT name, latest, listed FROM build").fetchone()
    except sqlite3.Error:  # not an index, or one of an older lod
        return None
    if row is None or (build is not None and row[0] != build) or tuple(row[1:]) != (LATEST, LISTED):
        db.close()  # another build's, or one keeping another number of figures
        return None
    return db
