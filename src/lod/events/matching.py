"""One event, many sources: the same incident told by two articles, or by an article and a data set row, becomes
one event.

Two events from different graphs (sources) are the same incident when they

* share an event type (``sem:eventType``),
* lie in the same sub-district (admin level 3), compared at the district (level 2) when either place is known
  only to its district (an ACLED row with no admin3); a place known only to its governorate matches nothing, and
* have overlapping dates (``sem:hasBeginTimeStamp`` .. ``sem:hasEndTimeStamp``, both ends inclusive); an
  undated event matches nothing.

Matches are transitive (a row and two articles about one strike make one event). Every member of a group is
renamed, in every graph, to the group's smallest URI, so the event gathers all its sources: each graph keeps its
own label, casualty figures (12 killed in one, 15 in another, each with its reporter), attributions and spans.
Events of one graph are never merged with each other (an export lists distinct events; an article's restatements
are merged by extraction). ``lod build`` applies the rule over everything it builds; ``lod ingest`` does not (the
next build does). docs/model.md, "One event, many sources".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from lod.places import boundaries
from lod.rdf.namespaces import SCHEMA, SEM

__all__ = ["EventKey", "event_keys", "merge_events", "rename_events", "renames"]


class Readable(boundaries.Readable, Protocol):
    """What the rule reads of a graph (an rdflib Graph, or lod.model.mapping.TripleReader over a mapped article's triples):
    what :func:`lod.places.boundaries.enclosing_unit` reads, and subjects."""

    def subjects(self, predicate: Node, object: Node) -> Iterable[Node]: ...  # noqa: A002 - rdflib's name


@dataclass(frozen=True)
class EventKey:
    """What the rule compares: the event's types, its district and sub-district (if known) and its days."""

    uri: URIRef
    graph: URIRef
    types: frozenset[Node]
    district: Node
    sub_district: Node | None
    start: date
    end: date

    def matches(self, other: EventKey) -> bool:
        same_place = (self.sub_district == other.sub_district if self.sub_district is not None and other.sub_district is not None
                      else self.district == other.district)
        return (self.graph != other.graph and bool(self.types & other.types) and same_place
                and self.start <= other.end and other.start <= self.end)


def merge_events(graphs: dict[URIRef, Graph], known: Graph, level: URIRef) -> dict[URIRef, URIRef]:
    """Rename matching events across ``graphs`` (in place) to one URI per incident; returns old -> new.

    ``known`` holds the place hierarchy (the reference graph); ``level`` is ``dis:adminLevel``.
    """
    renamed = renames([key for name, graph in graphs.items() for key in event_keys(name, graph, known, level)])
    rename_events(graphs, renamed)
    return renamed


def rename_events(graphs: dict[URIRef, Graph], renamed: dict[URIRef, URIRef]) -> None:
    """Give each event of ``renamed`` (old -> new) its new URI in every graph, in place."""
    for graph in graphs.values():
        _rename(graph, renamed)


def renames(keys: list[EventKey]) -> dict[URIRef, URIRef]:
    """Old -> new URI of every event that matches another (the group's smallest URI); ``lod build`` computes the
    keys of each graph as it is prepared, and applies the renames as it writes the graphs."""
    parent = {k.uri: k.uri for k in keys}

    def root(uri: URIRef) -> URIRef:
        while parent[uri] != uri:
            parent[uri] = parent[parent[uri]]
            uri = parent[uri]
        return uri

    by_district: dict[Node, list[EventKey]] = {}
    for key in keys:
        by_district.setdefault(key.district, []).append(key)
    for group in by_district.values():  # only events in one district can match
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if not a.matches(b):
                    continue
                ra, rb = root(a.uri), root(b.uri)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {k.uri: root(k.uri) for k in keys if root(k.uri) != k.uri}


def event_keys(name: URIRef, graph: Readable, known: Readable, level: URIRef) -> list[EventKey]:
    """What the rule compares, for each event of the graph ``name``."""
    return _keys(name, graph, known, level)


def _keys(name: URIRef, graph: Readable, known: Readable, level: URIRef) -> list[EventKey]:
    out = []
    for event in set(graph.subjects(RDF.type, SEM.Event)):
        if not isinstance(event, URIRef):
            continue
        begin, end = graph.value(event, SEM.hasBeginTimeStamp), graph.value(event, SEM.hasEndTimeStamp)
        start = _date(begin) or _date(end)
        finish = _date(end) or start
        areas = {_areas(place, graph, known, level) for place in graph.objects(event, SEM.hasPlace)}
        types = frozenset(graph.objects(event, SEM.eventType))
        if start is None or finish is None or len(areas) != 1 or not types:
            continue
        ((district, sub_district),) = areas
        if district is not None:
            out.append(EventKey(event, name, types, district, sub_district, start, finish))
    return out


def _date(value: Node | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def _areas(place: Node, graph: Readable, known: Readable, level: URIRef) -> tuple[Node | None, Node | None]:
    """The district (level 2) and sub-district (level 3) that hold ``place`` (itself included), where known."""
    seen: set[Node] = set()
    todo = [place]
    found: dict[int, Node] = {}
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for source in (graph, known):
            value = source.value(node, level)
            if value is not None and str(value).isdigit() and int(str(value)) in (2, 3):
                found.setdefault(int(str(value)), node)
            todo.extend(source.objects(node, SCHEMA.containedInPlace))
    district = found.get(2)
    if district is None and 3 in found:  # a sub-district's district, from the hierarchy
        district = next((p for source in (graph, known) for p in source.objects(found[3], SCHEMA.containedInPlace)), None)
    return district, found.get(3)


def _rename(graph: Graph, renamed: dict[URIRef, URIRef]) -> None:
    for old, new in renamed.items():
        for s, p, o in list(graph.triples((old, None, None))):
            graph.remove((s, p, o))
            graph.add((new, p, o))
        for s, p, o in list(graph.triples((None, None, old))):
            graph.remove((s, p, o))
            graph.add((s, p, new))
