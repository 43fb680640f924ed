"""The one-value columns of ``events.csv`` (:mod:`lod.publish.eventsheet`): each event's type, first and last
day, place, and the P-codes of the areas it lies in, picked by rules of their own from everything the data says
of the event, so the table is the same whoever reads the data (the store's queries, or the union's facts a build
kept while writing the dumps, :class:`lod.publish.facts.Facts`).

An event may have two types, places or codes at one level (an event several sources report, or an article's
type beside a data set row's). The rules:

- ``type``: of the event's types, those that are not ``skos:broader`` of another of them (the most specific),
  the least IRI; ``typeName``: that type's ``skos:prefLabel``, English or untagged first, the least.
- ``start`` / ``end``: the least begin and the greatest end (SPARQL's ``MIN``/``MAX``).
- ``place``: of the event's places, those that no other of them lies in (``schema:containedInPlace+``: the
  most specific), the least IRI; ``placeName``: that place's English or untagged ``schema:name``, the least.
- ``adm1``..``adm3``: the codes (``dct:identifier``) of every area at that level that any of the event's
  places lies in (``schema:containedInPlace*``), sorted, joined by ``|``.

Rows go by ``start`` (events without one first), then by event IRI. "Least" is by code point, as SPARQL orders
strings. Before the eighth session the query's ``SAMPLE`` and ``GROUP_CONCAT`` took the engine's choice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lod.publish.facts import Facts, language, value
from lod.rdf.namespaces import dis

__all__ = ["Described", "from_facts", "predicates", "rows"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_EVENT = f"<{_SEM}Event>".encode()
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_NAME = "https://schema.org/name"
_CONTAINED = "https://schema.org/containedInPlace"
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_LEVELS = {f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'.encode(): n for n in (1, 2, 3)}
_DATE = re.compile(rb'"[0-9]{4}-[0-9]{2}-[0-9]{2}"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


@dataclass
class Described:
    """What the data says of one event, for the picks: its types (IRI -> labels as (language, text)), each
    type's broader types, its begin and end days, its places (IRI -> English or untagged names), those that
    another of its places lies in, and the codes of the areas they lie in, by level."""

    types: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    broader: set[str] = field(default_factory=set)  # the types that are broader than another of its types
    start: str = ""
    end: str = ""
    places: dict[str, set[str]] = field(default_factory=dict)
    outer: set[str] = field(default_factory=set)  # the places that another of its places lies in
    codes: dict[int, set[str]] = field(default_factory=dict)


def rows(events: dict[str, Described]) -> list[dict[str, str]]:
    """One dict per event, keyed by the query variables of ``eventsheet.COLUMNS`` (absent values left out), in
    the table's order."""
    out: list[dict[str, str]] = []
    for e in sorted(events, key=lambda e: (events[e].start, e)):
        d = events[e]
        row = {"e": e}
        specific = [t for t in d.types if t not in d.broader] or list(d.types)
        if specific:
            row["type"] = kind = min(specific)
            labels = d.types[kind]
            if labels:
                row["typeName"] = min(labels, key=lambda label: (label[0] not in ("en", ""), label[1]))[1]
        if d.start:
            row["start"] = d.start
        if d.end:
            row["end"] = d.end
        if d.places:
            row["place"] = place = min([p for p in d.places if p not in d.outer] or d.places)
            if d.places[place]:
                row["placeName"] = min(d.places[place])
        for n, codes in d.codes.items():
            if codes:
                row[f"adm{n}"] = "|".join(sorted(codes))
        out.append(row)
    return out


def predicates(vocab: str) -> list[str]:
    """The predicates whose triples :func:`from_facts` reads."""
    d = str(dis(vocab))
    return [_RDF_TYPE, f"{_SEM}eventType", f"{_SKOS}prefLabel", f"{_SKOS}broader", f"{_SEM}hasBeginTimeStamp",
            f"{_SEM}hasEndTimeStamp", f"{_SEM}hasPlace", _NAME, _CONTAINED, f"{d}adminLevel", _IDENTIFIER]


def _objects(facts: Facts, predicate: str) -> dict[bytes, list[bytes]]:
    found: dict[bytes, list[bytes]] = defaultdict(list)
    for s, o in facts.terms(predicate):
        found[s].append(o)
    return found


def from_facts(facts: Facts, vocab: str) -> list[dict[str, str]] | None:
    """The rows of :func:`rows` from the union's facts; None where this module does not read a value as the
    engine does (an event that is a blank node, a begin or end that is not a plain ``xsd:date``): then the
    store is asked."""
    kinds, labels, up = _objects(facts, f"{_SEM}eventType"), _objects(facts, f"{_SKOS}prefLabel"), _objects(facts, f"{_SKOS}broader")
    begins, ends = _objects(facts, f"{_SEM}hasBeginTimeStamp"), _objects(facts, f"{_SEM}hasEndTimeStamp")
    where, names, within = _objects(facts, f"{_SEM}hasPlace"), _objects(facts, _NAME), _objects(facts, _CONTAINED)
    levels, identifiers = _objects(facts, f"{str(dis(vocab))}adminLevel"), _objects(facts, _IDENTIFIER)
    areas: dict[bytes, tuple[dict[int, set[str]], set[bytes]]] = {}

    def codes_of(place: bytes) -> tuple[dict[int, set[str]], set[bytes]]:
        """The codes of every area at levels 1-3 that ``place`` is in (itself included), by level, and the
        areas it is in (itself included)."""
        known = areas.get(place)
        if known is None:
            found: dict[int, set[str]] = defaultdict(set)
            seen, todo = {place}, [place]
            while todo:
                area = todo.pop()
                for level in levels.get(area, ()):
                    n = _LEVELS.get(level)
                    if n is not None:
                        found[n].update(value(c) for c in identifiers.get(area, ()))
                for outer in within.get(area, ()):
                    if outer not in seen:
                        seen.add(outer)
                        todo.append(outer)
            areas[place] = known = found, seen
        return known

    events: dict[str, Described] = {}
    for e, cls in facts.terms(_RDF_TYPE):
        if cls != _EVENT:
            continue
        if e[:1] != b"<":
            return None  # where a blank node sorts is the engine's choice
        d = events[value(e)] = Described()
        types = set(kinds.get(e, ()))
        d.types = {value(t): {(language(label), value(label)) for label in labels.get(t, ())} for t in types}
        d.broader = {value(b) for t in types for b in up.get(t, ()) if b in types}
        for days, pick, attribute in ((begins, min, "start"), (ends, max, "end")):
            terms = days.get(e, ())
            if not all(_DATE.fullmatch(t) for t in terms):
                return None  # a day written in a form whose order this module does not read as the engine does
            if terms:
                setattr(d, attribute, value(pick(terms)))
        places = set(where.get(e, ()))
        for p in places:
            d.places[value(p)] = {value(n) for n in names.get(p, ()) if language(n) in ("en", "")}
            codes, inside = codes_of(p)
            for n, found in codes.items():
                d.codes.setdefault(n, set()).update(found)
            d.outer.update(value(o) for o in inside & places if o != p)
    return rows(events)


def described(events: Iterable[dict[str, str]], types: Iterable[dict[str, str]], places: Iterable[dict[str, str]],
              codes: Iterable[dict[str, str]]) -> dict[str, Described]:
    """The events as :func:`rows` needs them, from the solutions of the store's queries (see
    :mod:`lod.publish.eventsheet`): ``events`` (``e``, ``start``, ``end``), ``types`` (``e``, ``t``, ``tn``,
    ``tl`` its language, ``up`` a broader type), ``places`` (``e``, ``p``, ``pn``, ``up`` another of its places
    that ``p`` lies in), ``codes`` (``e``, ``n``, ``c``)."""
    out: dict[str, Described] = {}
    for r in events:
        out[r["e"]] = Described(start=r.get("start", ""), end=r.get("end", ""))
    ups: dict[str, set[str]] = defaultdict(set)
    for r in types:
        d = out[r["e"]]
        labels = d.types.setdefault(r["t"], set())
        if "tn" in r:
            labels.add((r.get("tl", ""), r["tn"]))
        if "up" in r:
            ups[r["e"]].add(r["up"])
    for e, broader in ups.items():
        out[e].broader = broader & set(out[e].types)
    for r in places:
        names = out[r["e"]].places.setdefault(r["p"], set())
        if "pn" in r:
            names.add(r["pn"])
        if "up" in r:
            out[r["e"]].outer.add(r["up"])
    for r in codes:
        out[r["e"]].codes.setdefault(int(r["n"]), set()).add(r["c"])
    return out
