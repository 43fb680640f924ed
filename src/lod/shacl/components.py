"""SHACL Core constraint components (SHACL §4): each reports the value nodes that fail it, or that the count fails."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from lod.rdf.namespaces import SH
from lod.shacl.data import Data
from lod.shacl.paths import ShapesError

# A failure: the value it is about, the result path if not the shape's (sh:closed), messages if not the shape's.
Hit = tuple[Node | None, Node | None, tuple[Literal, ...] | None]
Values = Iterable[Node]


Test = Callable[[Data, Node], bool]  # a value-wise component's test of one value node


class Conformable(Protocol):
    """A shape, as the shape-based components see it; ``flat``: the tests it conforms by when it is a node shape
    whose constraints all test the focus alone (see ``lod.shacl.shapes.Shape``), else None."""

    flat: tuple[Test, ...] | None

    def conforms(self, data: Data, node: Node) -> bool: ...


class Constraint:
    """One constraint component of one shape."""

    component: URIRef  # sh:sourceConstraintComponent
    source: Node | None = None  # sh:sourceConstraint, for SPARQL-based constraints

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        raise NotImplementedError

    def prefetch(self, data: Data, nodes: Iterable[Node]) -> None:
        """Get ready for these focus nodes at once (a SPARQL query for all of them)."""


@dataclass
class EachValue(Constraint):
    """A component that tests every value node on its own (class, datatype, pattern, node, or, ...)."""

    component: URIRef
    test: Callable[[Data, Node], bool]

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        test = self.test
        for value in values:
            if not test(data, value):
                yield value, None, None


@dataclass
class Count(Constraint):
    """sh:minCount / sh:maxCount."""

    component: URIRef
    low: int = 0
    high: int | None = None

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        if self.outside(len(values) if isinstance(values, (dict, list)) else sum(1 for _ in values)):
            yield None, None, None

    def outside(self, count: int) -> bool:
        """Whether ``count`` values break the bounds (also written out in ``lod.shacl.shapes.Shape``)."""
        return count < self.low or (self.high is not None and count > self.high)


@dataclass
class HasValue(Constraint):
    expected: Node
    component: URIRef = SH.HasValueConstraintComponent

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        if self.expected not in values:
            yield None, None, None


@dataclass
class UniqueLang(Constraint):
    component: URIRef = SH.UniqueLangConstraintComponent

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        seen: dict[str, int] = {}
        for value in values:
            if isinstance(value, Literal) and value.language:
                tag = value.language.lower()
                seen[tag] = seen.get(tag, 0) + 1
        for count in seen.values():
            if count > 1:
                yield None, None, None


@dataclass
class Qualified(Constraint):
    """sh:qualifiedValueShape with sh:qualifiedMinCount or sh:qualifiedMaxCount (one component each)."""

    component: URIRef
    shape: Conformable
    siblings: list[Conformable] = field(default_factory=list)  # when sh:qualifiedValueShapesDisjoint
    low: int = 0
    high: int | None = None

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        count = sum(1 for v in values if self.shape.conforms(data, v)
                    and not any(s.conforms(data, v) for s in self.siblings))
        if count < self.low or (self.high is not None and count > self.high):
            yield None, None, None


@dataclass
class PropertyPair(Constraint):
    """sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals: the value nodes against ``focus predicate``."""

    component: URIRef
    predicate: URIRef

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        others = data.objects(focus, self.predicate)
        kind = self.component
        if kind == SH.EqualsConstraintComponent:
            values = dict.fromkeys(values)
            yield from ((v, None, None) for v in values if v not in others)
            yield from ((o, None, None) for o in others if o not in values)
        elif kind == SH.DisjointConstraintComponent:
            yield from ((v, None, None) for v in values if v in others)
        else:
            allowed = (-1,) if kind == SH.LessThanConstraintComponent else (-1, 0)
            for value in values:  # one result per pair that fails
                yield from ((value, None, None) for other in others if compare(value, other) not in allowed)


@dataclass
class Closed(Constraint):
    allowed: frozenset[Node]
    component: URIRef = SH.ClosedConstraintComponent

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        for value in values:
            for predicate, objects in data.out.get(value, {}).items():
                if predicate not in self.allowed:
                    yield from ((o, predicate, None) for o in objects)


# ---- the tests of the value-wise components ----

def is_class(cls: Node) -> Callable[[Data, Node], bool]:
    return lambda data, value: data.is_instance(value, cls)


def has_datatype(datatype: Node) -> Callable[[Data, Node], bool]:
    is_lang_string, string = datatype == RDF.langString, XSD.string  # once, not per value (see lod.rdf.namespaces.Terms)
    if datatype == string:
        datatype = string

    def test(data: Data, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        if is_lang_string:
            return bool(value.language)
        if value.language:
            return False
        if datatype is string:
            return value.datatype is None or value.datatype == string
        return value.datatype == datatype and not value.ill_typed
    return test


_KINDS = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
          SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}


def has_kind(kind: Node) -> Callable[[Data, Node], bool]:
    types = _KINDS.get(kind)  # type: ignore[call-overload]
    if types is None:
        raise ShapesError(f"not a node kind: {kind.n3()}")
    return lambda data, value: isinstance(value, types)


def in_range(bound: Node, allowed: tuple[int, ...]) -> Callable[[Data, Node], bool]:
    """sh:minInclusive and friends: ``compare(value, bound)`` must be one of ``allowed``."""
    return lambda data, value: compare(value, bound) in allowed


def has_length(low: int, high: int | None) -> Callable[[Data, Node], bool]:
    return lambda data, value: not isinstance(value, BNode) and low <= len(str(value)) <= (high if high is not None else len(str(value)))


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def matches(pattern: str, flags: str) -> Callable[[Data, Node], bool]:
    if "q" in flags:
        pattern = re.escape(pattern)
    compiled = re.compile(pattern, sum(_FLAGS.get(f, 0) for f in set(flags)))
    return lambda data, value: not isinstance(value, BNode) and compiled.search(str(value)) is not None


def in_languages(tags: list[str]) -> Callable[[Data, Node], bool]:
    wanted = [t.lower() for t in tags]

    def test(data: Data, value: Node) -> bool:
        if not isinstance(value, Literal) or not value.language:
            return False
        tag = value.language.lower()
        return any(tag == w or tag.startswith(w + "-") or w == "*" for w in wanted)
    return test


def one_of(members: list[Node]) -> Callable[[Data, Node], bool]:
    allowed = set(members)
    return lambda data, value: value in allowed


def conforming(shapes: list[Conformable], low: int, high: int | None) -> Callable[[Data, Node], bool]:
    """sh:node (one shape, 1..1), sh:not (0..0), sh:and (all), sh:or (1..), sh:xone (1..1). When every shape is
    flat (an sh:or of ``[ sh:class ... ]``), their tests are run here, and an sh:or stops at the first that
    conforms: they have no side effect (a shape that is not flat remembers its answer, and may refer to itself)."""
    flats: list[tuple[Test, ...]] = []  # the shapes' tests, read at the first value: they are all compiled by then
    settled: list[bool] = []

    def test(data: Data, value: Node) -> bool:
        if not settled:
            found = [shape.flat for shape in shapes]
            if all(f is not None for f in found):
                flats.extend(f for f in found if f is not None)
            settled.append(True)
        if not flats:
            count = sum(1 for shape in shapes if shape.conforms(data, value))
            return low <= count and (high is None or count <= high)
        count = 0
        for tests in flats:
            for one in tests:
                if not one(data, value):
                    break
            else:
                count += 1
                if high is None and count >= low:
                    return True
        return low <= count and (high is None or count <= high)
    return test


def compare(a: Node, b: Node) -> int | None:
    """-1, 0 or 1 as ``a`` is less than, equal to or greater than ``b``; None when they cannot be compared."""
    if not isinstance(a, Literal) or not isinstance(b, Literal) or a.ill_typed or b.ill_typed:
        return None
    x, y = a.value, b.value
    if _is_number(x) and _is_number(y):
        if isinstance(x, Decimal) != isinstance(y, Decimal):
            x, y = float(x), float(y)
    elif a.datatype != b.datatype or a.language != b.language:
        return None
    try:
        return -1 if x < y else 1 if x > y else 0
    except TypeError:  # a date-time with a time zone against one without, say
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
