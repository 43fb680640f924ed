"""An entity's description indexed for its page: the few lookups a page makes, answered from dictionaries.

rdflib's ``Graph`` would do, but its memory store builds and dispatches an event for every triple added, which
was a quarter of an HTML page's time; a page only reads (``value``, ``objects``, ``predicate_objects``,
``subject_predicates``), in the order the description gave the triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib.term import Node

__all__ = ["Neighbourhood"]


class Neighbourhood:
    """Triples of rdflib terms, indexed by subject and by object; read-only once built."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]] = ()) -> None:
        self._out: dict[Node, dict[Node, list[Node]]] = {}
        self._in: dict[Node, list[tuple[Node, Node]]] = {}
        for triple in triples:
            self.add(triple)

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        s, p, o = triple
        objects = self._out.setdefault(s, {}).setdefault(p, [])
        if o in objects:  # a set of triples, as a graph is
            return
        objects.append(o)
        self._in.setdefault(o, []).append((s, p))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of ``subject predicate`` (the first given), or None."""
        objects = self._out.get(subject, {}).get(predicate)
        return objects[0] if objects else None

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._out.get(subject, {}).get(predicate, ()))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return ((p, o) for p, objects in self._out.get(subject, {}).items() for o in objects)

    def subject_predicates(self, obj: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._in.get(obj, ()))

    def __len__(self) -> int:
        return sum(len(objects) for predicates in self._out.values() for objects in predicates.values())
