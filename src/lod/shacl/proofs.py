"""Proving, without running it, that a SPARQL constraint of our shapes has no result for a focus node.

A SPARQL-based constraint costs a store to fill and a query to parse, plan and run (5 of an article's 11 ms
of checking), and for an article that conforms it finds nothing. For the ``sh:select`` texts of ``shapes/``
known here (matched word for word, blanks aside; the prefixes come from the constraint's own ``sh:prefixes``),
a few dict look-ups in :class:`~lod.shacl.data.Data` tell whether the query could give a row for a focus node.
They answer one way only: "no row" when that is certain, "maybe" for anything else (a row, a term of another
kind or datatype than these look-ups read, a lexical form the engine would read otherwise), and then the query
runs as before. So a report is exactly what the query gives: when a check here says "maybe", the constraint's
results come from Oxigraph. A shape whose query changes, or a new one, is simply run in Oxigraph until a
check for it is written here (``tests/shacl/test_proofs.py`` holds every check to its query).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from lod.rdf.namespaces import iri
from lod.shacl.data import Data

__all__ = ["Check", "check_for"]

# data, focus node -> True when the query may have a row for the node (run it), False when it has none
Check = Callable[[Data, Node], bool]
Resolve = Callable[[str], URIRef]  # "dis:reportDate" -> the IRI, by the constraint's prefixes

_TYPE, _DATE, _STRING, _INTEGER = iri(RDF.type), iri(XSD.date), iri(XSD.string), iri(XSD.integer)
_EMPTY: dict[Node, None] = {}
_NONE: dict[Node, dict[Node, None]] = {}
_BLANKS = re.compile(r"[ \t\r\n]+")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]{0,17}")  # as Oxigraph writes one back, and far from overflow


def _day(text: str) -> date | None:
    """A day written YYYY-MM-DD that exists (what Oxigraph reads as the same xsd:date), else None."""
    if _DAY.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _date_value(term: Node) -> date | None:
    """An ``xsd:date`` literal's day, None for any other term or form."""
    if isinstance(term, Literal) and term.datatype == _DATE:
        return _day(str(term))
    return None


def _published_day(term: Node) -> date | None:
    """``SUBSTR(STR(?published), 1, 10)`` read as an ``xsd:date``, for a literal (None for anything else)."""
    return _day(str(term)[:10]) if isinstance(term, Literal) else None


def _integer(term: Node | None) -> int | None:
    """An ``xsd:integer`` literal in canonical form (its string is the engine's too), None otherwise."""
    if isinstance(term, Literal) and term.datatype == _INTEGER and _CANONICAL_INTEGER.fullmatch(str(term)):
        return int(str(term))
    return None


def _string(term: Node) -> str | None:
    """The text of a plain or ``xsd:string`` literal (no language), None otherwise."""
    if isinstance(term, Literal) and term.language is None and term.datatype in (None, _STRING):
        return str(term)
    return None


def _text(term: Node) -> str | None:
    """``STR()`` of a string literal, with or without a language; None for any other term."""
    if isinstance(term, Literal) and term.datatype in (None, _STRING):
        return str(term)
    return None


def _along(data: Data, node: Node, *predicates: URIRef) -> list[Node]:
    """The values of a sequence path (read from the index itself: :meth:`Data.objects` a node and a step)."""
    out = data.out
    nodes = [node]
    for predicate in predicates:
        nodes = [o for n in nodes for o in out.get(n, _NONE).get(predicate, _EMPTY)]
    return nodes


# ---- one check per query ----

def _created_after_publication(ns: Resolve) -> Check:
    created, appearance, published = ns("schema:dateCreated"), ns("schema:appearance"), ns("schema:datePublished")

    def check(data: Data, this: Node) -> bool:
        for value in data.objects(this, created):
            if not (isinstance(value, Literal) and value.datatype == _DATE):
                continue  # DATATYPE(?value) = xsd:date is false, or an error: no row
            day = _day(str(value))
            for pub in _along(data, this, appearance, published):
                other = _published_day(pub)
                if day is None or other is None or day > other:
                    return True
        return False

    return check


def _source_not_in_appearance(ns: Resolve) -> Check:
    derived, source, appearance, article = (ns("prov:wasDerivedFrom"), ns("oa:hasSource"), ns("schema:appearance"),
                                            ns("schema:NewsArticle"))

    def check(data: Data, this: Node) -> bool:
        listed = data.objects(this, appearance)
        return any(article in data.objects(value, _TYPE) and value not in listed
                   for value in _along(data, this, derived, source))

    return check


_PARENT_CODE = re.compile(r"[A-Z]{2}[0-9]*")


def _code_outside_parent(ns: Resolve) -> Check:
    identifier, contained = ns("dct:identifier"), ns("schema:containedInPlace")

    def check(data: Data, this: Node) -> bool:
        codes = data.objects(this, identifier)
        if not codes:
            return False
        for value in data.objects(this, contained):
            for parent in data.objects(value, identifier):
                prefix = _string(parent)
                if prefix is None:
                    return True
                if _PARENT_CODE.fullmatch(prefix) is None:
                    continue  # REGEX false: no row
                for code in codes:
                    text = _string(code)
                    if text is None or not text.startswith(prefix):
                        return True
        return False

    return check


_SEPARATED_DIGITS = re.compile("([0-9])[,.'\u00a0\u202f ]([0-9])")


def _figure_not_in_text(ns: Resolve) -> Check:
    figure, printed_as, derived, selector, exact = (ns("dis:reportedFigure"), ns("dis:figureAsPrinted"),
                                                    ns("prov:wasDerivedFrom"), ns("oa:hasSelector"), ns("oa:exact"))

    def check(data: Data, this: Node) -> bool:
        values = data.objects(this, figure)
        if not values:
            return False
        exacts = _along(data, this, derived, selector, exact)
        if not exacts:
            return False  # FILTER EXISTS false: no row
        texts: list[str] = []
        for e in exacts:
            text = _text(e)
            if text is None:
                return True
            texts.append(text)
        squeezed = [_SEPARATED_DIGITS.sub(r"\1\2", t) for t in texts]
        printed: list[str | None] = []
        for p in data.objects(this, printed_as) or (None,):
            printed.append(None if p is None else _string(p))
            if p is not None and printed[-1] is None:
                return True
        for value in values:
            number = str(value) if _integer(value) is not None else _string(value)
            if number is None:
                return True
            for shown in printed:
                if not any(number in s or (shown is not None and shown in t) for t, s in zip(texts, squeezed)):
                    return True
        return False

    return check


def _same_cell(ns: Resolve) -> Check:
    area, unit, reporter, observation = (ns("sdmx:refArea"), ns("dis:populationUnit"), ns("dis:reportedBy"),
                                         ns("dis:DisplacementObservation"))

    def check(data: Data, this: Node) -> bool:
        cells = data.memo.get(check)
        if cells is None:  # every observation's (area, unit, reporter) triples, once per data
            cells = data.memo[check] = {}
            for node, by_p in data.out.items():
                if observation in by_p.get(_TYPE, ()):
                    for a in by_p.get(area, ()):
                        for u in by_p.get(unit, ()):
                            for r in by_p.get(reporter, ()):
                                cells.setdefault((a, u, r), []).append(node)
        for a in data.objects(this, area):
            for u in data.objects(this, unit):
                for r in data.objects(this, reporter):
                    if any(other != this for other in cells.get((a, u, r), ())):
                        return True
        return False

    return check


def _bounds_disagree(ns: Resolve) -> Check:
    figure, qualifier, low, high = (ns("dis:reportedFigure"), ns("dis:figureQualifier"), ns("schema:minValue"),
                                    ns("schema:maxValue"))
    more, least, less, most, exact = (ns("fq:more-than"), ns("fq:at-least"), ns("fq:less-than"), ns("fq:at-most"),
                                      ns("fq:exact"))

    def check(data: Data, this: Node) -> bool:
        values, qualifiers = data.objects(this, figure), data.objects(this, qualifier)
        if not values or not qualifiers:
            return False
        lows = [_integer(n) for n in data.objects(this, low)]
        highs = [_integer(n) for n in data.objects(this, high)]
        if None in lows or None in highs:
            return True  # a bound that is not a canonical xsd:integer
        for value in values:
            for q in qualifiers:
                if not isinstance(q, URIRef):
                    return True
                if q not in (more, least, less, most, exact):
                    continue  # every branch false: no row
                v = _integer(value)
                if v is None:
                    return True
                for lo in lows or (None,):
                    for hi in highs or (None,):
                        if q == more:
                            fails = lo is None or lo != v + 1
                        elif q == least:
                            fails = lo is None or lo != v
                        elif q == less:
                            fails = hi is None or hi != v - 1
                        elif q == most:
                            fails = hi is None or hi != v
                        else:
                            fails = lo is None or hi is None or lo != v or hi != v
                        if fails:
                            return True
        return False

    return check


def _period_ends_after_report(ns: Resolve) -> Check:
    reported, period, end, day = ns("dis:reportDate"), ns("sdmx:refPeriod"), ns("time:hasEnd"), ns("time:inXSDDate")

    def check(data: Data, this: Node) -> bool:
        ends = _along(data, this, period, end, day)
        for r in data.objects(this, reported):
            for value in ends:
                a, b = _date_value(value), _date_value(r)
                if a is None or b is None or a > b:
                    return True
        return False

    return check


def _report_after_publication(ns: Resolve) -> Check:
    reported, derived, source, published = (ns("dis:reportDate"), ns("prov:wasDerivedFrom"), ns("oa:hasSource"),
                                            ns("schema:datePublished"))

    def check(data: Data, this: Node) -> bool:
        values = data.objects(this, reported)
        if not values:
            return False
        for pub in _along(data, this, derived, source, published):
            other = _published_day(pub)
            for value in values:
                day = _date_value(value)
                if day is None or other is None or day > other:
                    return True
        return False

    return check


def _period_ends_before_it_begins(ns: Resolve) -> Check:
    beginning, end, day = ns("time:hasBeginning"), ns("time:hasEnd"), ns("time:inXSDDate")

    def check(data: Data, this: Node) -> bool:
        return _out_of_order(_along(data, this, beginning, day), _along(data, this, end, day), _date_value, strict=True)

    return check


def _span_start_not_before_end(ns: Resolve) -> Check:
    selector, start, end = ns("oa:hasSelector"), ns("oa:start"), ns("oa:end")

    def check(data: Data, this: Node) -> bool:
        return _out_of_order(_along(data, this, selector, start), _along(data, this, selector, end), _integer, strict=False)

    return check


def _out_of_order(firsts: Iterable[Node], lasts: Iterable[Node], value_of: Callable[[Node], Any], *, strict: bool) -> bool:
    """Whether some first value is after a last one (or, not ``strict``, equal to it), or either is unreadable:
    a row the query may give."""
    for value in firsts:
        for other in lasts:
            a, b = value_of(value), value_of(other)
            if a is None or b is None or (a > b if strict else a >= b):
                return True
    return False


def _span_length_differs(ns: Resolve) -> Check:
    selector, exact, start, end = ns("oa:hasSelector"), ns("oa:exact"), ns("oa:start"), ns("oa:end")

    def check(data: Data, this: Node) -> bool:
        quotes = _along(data, this, selector, exact)
        if not quotes:
            return False
        starts, ends = _along(data, this, selector, start), _along(data, this, selector, end)
        for quote in quotes:
            text = _text(quote)
            for s in starts:
                for e in ends:
                    a, b = _integer(s), _integer(e)
                    if text is None or a is None or b is None or (a < b and b - a != len(text)):
                        return True
        return False

    return check


# The sh:select texts of shapes/, blanks collapsed, and the check of each.
_CHECKS: dict[str, Callable[[Resolve], Check]] = {
    'SELECT $this ?value WHERE { $this schema:dateCreated ?value ; schema:appearance/schema:datePublished ?published . '
    'FILTER (DATATYPE(?value) = xsd:date && ?value > STRDT(SUBSTR(STR(?published), 1, 10), xsd:date)) }':
        _created_after_publication,
    'SELECT $this ?value WHERE { $this prov:wasDerivedFrom/oa:hasSource ?value . ?value a schema:NewsArticle . '
    'FILTER NOT EXISTS { $this schema:appearance ?value } }':
        _source_not_in_appearance,
    'SELECT $this ?value WHERE { $this dct:identifier ?code ; schema:containedInPlace ?value . '
    '?value dct:identifier ?parent . FILTER (REGEX(?parent, "^[A-Z]{2}[0-9]*$") && !STRSTARTS(?code, ?parent)) }':
        _code_outside_parent,
    'SELECT $this ?value WHERE { $this dis:reportedFigure ?value . OPTIONAL { $this dis:figureAsPrinted ?printed } '
    'FILTER EXISTS { $this prov:wasDerivedFrom/oa:hasSelector/oa:exact ?any } '
    'FILTER NOT EXISTS { $this prov:wasDerivedFrom/oa:hasSelector/oa:exact ?exact . '
    'FILTER (CONTAINS(REPLACE(STR(?exact), "([0-9])[,.\'\u00a0\u202f ]([0-9])", "$1$2"), STR(?value)) '
    '|| (BOUND(?printed) && CONTAINS(STR(?exact), STR(?printed)))) } }':
        _figure_not_in_text,
    'SELECT $this ?value WHERE { $this sdmx:refArea ?area ; dis:populationUnit ?unit ; dis:reportedBy ?reporter . '
    '?value a dis:DisplacementObservation ; sdmx:refArea ?area ; dis:populationUnit ?unit ; dis:reportedBy ?reporter . '
    'FILTER (?value != $this) FILTER NOT EXISTS { $this sdmx:refPeriod ?p . FILTER NOT EXISTS { ?value sdmx:refPeriod ?p } } '
    'FILTER NOT EXISTS { ?value sdmx:refPeriod ?q . FILTER NOT EXISTS { $this sdmx:refPeriod ?q } } '
    'FILTER NOT EXISTS { $this dis:figureCategory ?c . ?value dis:figureCategory ?d . FILTER (?c != ?d) } }':
        _same_cell,
    'SELECT $this ?value WHERE { $this dis:reportedFigure ?value ; dis:figureQualifier ?q . '
    'OPTIONAL { $this schema:minValue ?lo } OPTIONAL { $this schema:maxValue ?hi } '
    'FILTER ((?q = fq:more-than && (!BOUND(?lo) || ?lo != ?value + 1)) || (?q = fq:at-least && (!BOUND(?lo) || ?lo != ?value)) '
    '|| (?q = fq:less-than && (!BOUND(?hi) || ?hi != ?value - 1)) || (?q = fq:at-most && (!BOUND(?hi) || ?hi != ?value)) '
    '|| (?q = fq:exact && (!BOUND(?lo) || !BOUND(?hi) || ?lo != ?value || ?hi != ?value))) }':
        _bounds_disagree,
    'SELECT $this ?value WHERE { $this dis:reportDate ?reported ; sdmx:refPeriod/time:hasEnd/time:inXSDDate ?value . '
    'FILTER (?value > ?reported) }':
        _period_ends_after_report,
    'SELECT $this ?value WHERE { $this dis:reportDate ?value ; prov:wasDerivedFrom/oa:hasSource/schema:datePublished ?published . '
    'FILTER (?value > STRDT(SUBSTR(STR(?published), 1, 10), xsd:date)) }':
        _report_after_publication,
    'SELECT $this ?value WHERE { $this time:hasBeginning/time:inXSDDate ?value ; time:hasEnd/time:inXSDDate ?end . '
    'FILTER (?value > ?end) }':
        _period_ends_before_it_begins,
    'SELECT $this ?value WHERE { $this oa:hasSelector/oa:start ?value ; oa:hasSelector/oa:end ?end . FILTER (?value >= ?end) }':
        _span_start_not_before_end,
    'SELECT $this ?value WHERE { $this oa:hasSelector/oa:exact ?value ; oa:hasSelector/oa:start ?start ; '
    'oa:hasSelector/oa:end ?end . FILTER (?start < ?end && ?end - ?start != STRLEN(?value)) }':
        _span_length_differs,
}


def _collapsed(text: str) -> str:
    """Runs of blanks (ASCII ones: a no-break space in a query's text is part of it) as one space."""
    return _BLANKS.sub(" ", text).strip()


def check_for(select: str, prefixes: dict[str, str]) -> Check | None:
    """The check for a ``sh:select`` text, with its prefixes (name -> namespace); None if there is none (the
    query always runs), or if it names a prefix the constraint does not declare."""
    make = _CHECKS.get(_collapsed(select))
    if make is None:
        return None

    def resolve(name: str) -> URIRef:
        prefix, _, local = name.partition(":")
        return iri(URIRef(prefixes[prefix] + local))

    try:
        return make(resolve)
    except KeyError:
        return None
