"""The rows of ``observations.csv`` (:mod:`lod.publish.figures`) from the union's facts (:class:`lod.publish.facts.Facts`) a build
kept while writing the dumps, without asking the store: its query and the look-ups of the units each place lies in
were 2 of the main process's CPU seconds at 1,000 articles, and grow with the store.

The query keeps, of each observation, the first of its solutions in its order (``ORDER BY DESC(?reported) ?o``):
when an observation has two values for one column, which comes first is the engine's choice. Those tables are
left to the query: :func:`rows` gives None when any observation (or a unit a place lies in) has two values where
the query would pick one, or when a date or a level is written in a form whose order or value this module does
not read as the engine does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TypeVar

from lod.publish.facts import Facts, value
from lod.rdf import namespaces

__all__ = ["predicates", "rows"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SCHEMA = "https://schema.org/"
_SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_SDMX = "http://purl.org/linked-data/sdmx/2009/dimension#"
_TIME = "http://www.w3.org/2006/time#"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_DCT = "http://purl.org/dc/terms/"
_DATE = re.compile(rb'"[0-9]{4}-[0-9]{2}-[0-9]{2}"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')
_INTEGER = re.compile(rb'"(0|-?[1-9][0-9]*)"\^\^<http://www\.w3\.org/2001/XMLSchema#integer>')
_PLAIN = re.compile(rb'"[^"]*"')  # a simple literal (its escapes, if any, do not change how it orders)


def predicates(vocab: str) -> list[str]:
    """The predicates whose triples :func:`rows` reads."""
    d = str(namespaces.dis(vocab))
    return [_RDF_TYPE, f"{d}reportedFigure", f"{_SCHEMA}minValue", f"{_SCHEMA}maxValue", f"{d}figureQualifier", f"{d}populationUnit",
            f"{d}figureCategory", _SKOS_PREF_LABEL, f"{_SDMX}refArea", f"{_SCHEMA}name", f"{_SDMX}refPeriod", f"{_TIME}hasBeginning",
            f"{_TIME}hasEnd", f"{_TIME}inXSDDate", f"{d}periodAsPrinted", f"{d}reportDate", f"{d}reportedBy", f"{_PROV}wasDerivedFrom",
            f"{_OA}hasSource", f"{_SCHEMA}url", f"{_OA}hasSelector", f"{_OA}exact", f"{_SCHEMA}containsPlace",
            f"{_SCHEMA}containedInPlace", f"{d}adminLevel", f"{_DCT}identifier"]


class _Ambiguous(Exception):
    """Two values where the query takes the first the engine gives."""


def rows(facts: Facts, vocab: str) -> list[dict[str, str]] | None:
    """What :func:`lod.publish.figures.rows` gives for the store whose union ``facts`` kept (of :func:`predicates`), or None
    when the engine's order would choose among values (see above)."""
    try:
        return _rows(facts, vocab)
    except _Ambiguous:
        return None


class _Links:
    """The facts' objects by subject, a predicate at a time, as N-Triples terms."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._tables: dict[str, dict[bytes, list[bytes]]] = {}

    def objects(self, predicate: str) -> dict[bytes, list[bytes]]:
        found = self._tables.get(predicate)
        if found is None:
            found = self._tables[predicate] = defaultdict(list)
            for s, o in self._facts.terms(predicate):
                found[s].append(o)
        return found

    def path(self, start: bytes, *steps: str) -> list[bytes]:
        """The objects at the end of ``steps`` from ``start``, each distinct term once (in no order)."""
        ends = {start}
        for step in steps:
            table = self.objects(step)
            ends = {o for node in ends for o in table.get(node, ())}
        return list(ends)


T = TypeVar("T")


def _one(values: set[T]) -> T | None:
    """The one value, or None; two: the engine would choose."""
    if len(values) > 1:
        raise _Ambiguous
    return next(iter(values), None)


def _optional(found: list[bytes]) -> list[bytes | None]:
    """An OPTIONAL's values: those found, or one unbound."""
    return [*found] if found else [None]


def _named(pairs: set[tuple[bytes, bytes | None]]) -> tuple[str, str | None] | None:
    """The one (thing, its name or None) of an OPTIONAL name's rows, by value."""
    return _one({(value(thing), None if name is None else value(name)) for thing, name in pairs})


def _rows(facts: Facts, vocab: str) -> list[dict[str, str]]:
    d = str(namespaces.dis(vocab))
    kind = f"<{d}DisplacementObservation>".encode()
    observations = {s for s, o in facts.terms(_RDF_TYPE) if o == kind}
    links = _Links(facts)
    path, one = links.path, _one

    out: list[dict[str, str]] = []
    for o in observations:
        figures = {value(f) for f in links.objects(f"{d}reportedFigure").get(o, ())}
        if not figures:
            continue
        if o[:1] != b"<":
            raise _Ambiguous  # a blank node's place in the order is the engine's
        row = {"o": value(o), "figure": str(one(figures))}
        for var, steps in (("min", (f"{_SCHEMA}minValue",)), ("max", (f"{_SCHEMA}maxValue",)),
                           ("qualifier", (f"{d}figureQualifier", _SKOS_PREF_LABEL)), ("unit", (f"{d}populationUnit", _SKOS_PREF_LABEL)),
                           ("category", (f"{d}figureCategory", _SKOS_PREF_LABEL)),
                           ("start", (f"{_SDMX}refPeriod", f"{_TIME}hasBeginning", f"{_TIME}inXSDDate")),
                           ("end", (f"{_SDMX}refPeriod", f"{_TIME}hasEnd", f"{_TIME}inXSDDate")),
                           ("periodText", (f"{d}periodAsPrinted",)), ("reported", (f"{d}reportDate",))):
            terms = path(o, *steps)
            if var == "reported" and any(_DATE.fullmatch(t) is None for t in terms):
                raise _Ambiguous  # ordered by value: only these dates order as their text does
            single = one({value(t) for t in terms})
            if single is not None:
                row[var] = single
        places = {(p, n) for p in path(o, f"{_SDMX}refArea") for n in _optional(path(p, f"{_SCHEMA}name"))}
        if any(p[:1] != b"<" for p, _ in places):
            raise _Ambiguous  # the units are asked for by IRI
        reporters = {(r, n) for r in path(o, f"{d}reportedBy") for n in _optional(path(r, _SKOS_PREF_LABEL))}
        sources: set[tuple[bytes, bytes | None]] = set()
        for span in path(o, f"{_PROV}wasDerivedFrom"):
            sentences = _optional(path(span, f"{_OA}hasSelector", f"{_OA}exact"))
            sources |= {(url, s) for url in path(span, f"{_OA}hasSource", f"{_SCHEMA}url") for s in sentences}
        for pairs, var, named in ((places, "place", "placeName"), (reporters, "reporter", "reporterName"), (sources, "url", "sentence")):
            found = _named(pairs)
            if found is not None:
                row[var] = found[0]
                if found[1] is not None:
                    row[named] = found[1]
        out.append(row)
    out.sort(key=lambda r: r["o"])
    out.sort(key=lambda r: (r.get("reported") is not None, r.get("reported", "")), reverse=True)
    units = _units(facts, d, {row["place"] for row in out if "place" in row}, links)
    for row in out:
        for level, (codes, names) in units.get(row.get("place", ""), {}).items():
            row[f"adm{level}"], row[f"adm{level}name"] = "|".join(codes), "|".join(names)
    return out


def _units(facts: Facts, d: str, places: set[str], links: _Links) -> dict[str, dict[int, tuple[list[str], list[str]]]]:
    """:func:`lod.publish.figures._units` from the facts: each place's units by level, codes in their order, each with
    its one name."""
    path = links.path
    levels = facts.terms(f"{d}adminLevel")
    if any(_INTEGER.fullmatch(written) is None for _, written in levels):
        raise _Ambiguous  # compared by value: only canonical integers are read here
    level_of: dict[bytes, list[int]] = defaultdict(list)
    for u, written in levels:
        number = int(value(written))
        if number in (1, 2, 3):
            level_of[u].append(number)
    up = links.objects(f"{_SCHEMA}containedInPlace")
    out: dict[str, dict[int, tuple[list[str], list[str]]]] = {}
    for place in sorted(places):
        start = f"<{place}>".encode()
        seen: set[bytes] = set()
        todo = [start, *path(start, f"{_SCHEMA}containsPlace")]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(up.get(node, ()))
        found: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for u in seen:
            for level in level_of.get(u, []):
                for code in path(u, f"{_DCT}identifier"):
                    if _PLAIN.fullmatch(code) is None:
                        raise _Ambiguous  # ordered by the engine's rules for typed and tagged literals
                    for name in path(u, f"{_SCHEMA}name"):
                        found[level][value(code)].add(value(name))
        if found:
            units = out[place] = {}
            for level in sorted(found):
                codes = sorted(found[level])
                if any(len(found[level][code]) > 1 for code in codes):
                    raise _Ambiguous
                units[level] = (codes, [next(iter(found[level][code])) for code in codes])
    return out
