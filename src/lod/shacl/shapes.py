"""Shapes read once from a shapes graph and compiled into :class:`Shape` objects with their constraints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from lod.rdf.namespaces import SH, iri
from lod.shacl import components as c
from lod.shacl.data import Data
from lod.shacl.finding import Finding
from lod.shacl.paths import Path, Predicate, ShapesError, read_path
from lod.shacl.sparql import SparqlConstraint

_COUNTS = {SH.minCount: (SH.MinCountConstraintComponent, True), SH.maxCount: (SH.MaxCountConstraintComponent, False)}
_RANGES = {SH.minInclusive: (SH.MinInclusiveConstraintComponent, (1, 0)),
           SH.minExclusive: (SH.MinExclusiveConstraintComponent, (1,)),
           SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, (-1, 0)),
           SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, (-1,))}
_PAIRS = {SH.equals: SH.EqualsConstraintComponent, SH.disjoint: SH.DisjointConstraintComponent,
          SH.lessThan: SH.LessThanConstraintComponent, SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent}
_LOGIC = {SH["and"]: (SH.AndConstraintComponent, "all"), SH["or"]: (SH.OrConstraintComponent, 1),
          SH.xone: (SH.XoneConstraintComponent, 1)}
_TRUE = Literal(True)
_EMPTY: dict[Node, None] = {}
_NONE: dict[Node, dict[Node, None]] = {}
Values = dict[Node, None] | tuple[Node]


@dataclass(frozen=True)
class Targets:
    nodes: frozenset[Node] = frozenset()
    classes: frozenset[Node] = frozenset()
    subjects_of: frozenset[Node] = frozenset()
    objects_of: frozenset[Node] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.nodes or self.classes or self.subjects_of or self.objects_of)

    def focus_nodes(self, data: Data) -> dict[Node, None]:
        found = dict.fromkeys(self.nodes)
        for cls in self.classes:
            found.update(data.instances(cls))
        for predicate in self.subjects_of:
            found.update(dict.fromkeys(s for s, by_p in data.out.items() if predicate in by_p))
        for predicate in self.objects_of:
            found.update(dict.fromkeys(o for o, by_p in data.inv.items() if predicate in by_p))
        return found

    def targets(self, data: Data, node: Node) -> bool:
        return (node in self.nodes or any(data.is_instance(node, cls) for cls in self.classes)
                or any(p in data.out.get(node, {}) for p in self.subjects_of)
                or any(p in data.inv.get(node, {}) for p in self.objects_of))


@dataclass(eq=False)
class Shape:
    """A node shape (``path`` None) or a property shape."""

    node: Node
    path: Path | None = None
    path_node: Node | None = None
    severity: URIRef = SH.Violation
    messages: tuple[Literal, ...] = ()
    deactivated: bool = False
    targets: Targets = field(default_factory=Targets)
    constraints: list[c.Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    _prefetching: list[c.Constraint] | None = field(default=None, repr=False)  # see prefetch
    # Compiled from the above by ShapesGraph: the path's IRI when it is one predicate, and for a node shape whose
    # every constraint tests the focus node alone (``[ sh:class schema:Place ]`` in an sh:or), those tests, which
    # conform exactly when all pass (a deactivated shape: none)
    predicate: Node | None = None
    flat: tuple[c.Test, ...] | None = None

    def findings(self, data: Data, focus: Node) -> Iterator[Finding]:
        """The results for ``focus``, in order (collected in one list: a generator a shape and a value node, a
        few hundred an article, cost more than the tests they ran)."""
        out: list[Finding] = []
        self._collect(data, focus, out)
        return iter(out)

    def _collect(self, data: Data, focus: Node, out: list[Finding]) -> None:
        if self.deactivated:
            return
        predicate = self.predicate
        if predicate is not None:  # the path's values read here, not through Path.values and Data.objects
            values: Values = data.out.get(focus, _NONE).get(predicate, _EMPTY)
        else:
            values = self.path.values(data, focus) if self.path is not None else (focus,)
        self._test(data, focus, values, out)

    def _test(self, data: Data, focus: Node, values: Values, out: list[Finding]) -> None:
        """The constraints of this shape over ``values`` (``focus``'s along the path), then its property shapes."""
        for constraint in self.constraints:
            # The two components of most constraints (about 450 an article) tested here, without the generator
            # of their hits: the same tests in the same order, the same findings
            if type(constraint) is c.EachValue:
                test = constraint.test
                for value in values:
                    if not test(data, value):
                        out.append(Finding(focus, self.node, constraint.component, self.severity, self.path_node,
                                           value, self.messages, constraint.source))
            elif type(constraint) is c.Count:  # Count.outside, written out: about 200 an article
                count, high = len(values), constraint.high
                if count < constraint.low or (high is not None and count > high):
                    out.append(Finding(focus, self.node, constraint.component, self.severity, self.path_node,
                                       None, self.messages, constraint.source))
            else:
                for hit, path, messages in constraint.hits(data, focus, values):
                    out.append(Finding(focus, self.node, constraint.component, self.severity, path or self.path_node,
                                       hit, messages if messages is not None else self.messages, constraint.source))
        if not self.properties:
            return
        if self.path is None:  # a node shape: its one value is the focus, whose predicates are read once for all
            by_p = data.out.get(focus, _NONE)
            for prop in self.properties:
                predicate = prop.predicate
                if predicate is not None and not prop.deactivated:
                    prop._test(data, focus, by_p.get(predicate, _EMPTY), out)
                else:
                    prop._collect(data, focus, out)
            return
        for prop in self.properties:
            for value in values:
                prop._collect(data, value, out)

    def _fails(self, data: Data, focus: Node) -> bool:
        """Whether :meth:`findings` has any for ``focus``: the same tests in the same order, up to the first that
        fails, none made into a result."""
        if self.deactivated:
            return False
        predicate = self.predicate
        if predicate is not None:  # as in _collect
            values: Values = data.out.get(focus, _NONE).get(predicate, _EMPTY)
        else:
            values = self.path.values(data, focus) if self.path is not None else (focus,)
        for constraint in self.constraints:
            if type(constraint) is c.EachValue:  # as in _collect
                test = constraint.test
                for value in values:
                    if not test(data, value):
                        return True
            elif type(constraint) is c.Count:
                count, high = len(values), constraint.high
                if count < constraint.low or (high is not None and count > high):
                    return True
            else:
                for _ in constraint.hits(data, focus, values):
                    return True
        for prop in self.properties:
            for value in values:
                if prop._fails(data, value):
                    return True
        return False

    def prefetch(self, data: Data, nodes: list[Node]) -> None:
        """Let the constraints of this shape and of its property shapes (whose focus nodes these are too) run
        their queries for all of ``nodes`` at once."""
        prefetching = self._prefetching
        if prefetching is None:  # those that do something (SPARQL-based ones): a few of a shape's dozens
            prefetching = self._prefetching = [
                k for k in (*self.constraints, *(k for prop in self.properties for k in prop.constraints))
                if type(k).prefetch is not c.Constraint.prefetch]
        for constraint in prefetching:
            constraint.prefetch(data, nodes)

    def conforms(self, data: Data, node: Node) -> bool:
        """No result at all for ``node`` (whatever their severity), remembered per data (but for a flat shape,
        whose tests are quicker than the memo)."""
        flat = self.flat
        if flat is not None:
            for test in flat:
                if not test(data, node):
                    return False
            return True
        key = (id(self), node)
        known = data.conformance.get(key)
        if known is None:
            data.conformance[key] = True  # a shape that refers to itself: assume it conforms meanwhile
            known = data.conformance[key] = not self._fails(data, node)
        return known


def _compile(shape: Shape) -> None:
    """A shape's :attr:`Shape.predicate` and :attr:`Shape.flat`, from its path and constraints (its own alone: the
    shapes it refers to may not be filled yet)."""
    shape.predicate = shape.path.iri if type(shape.path) is Predicate else None
    if shape.deactivated:
        shape.flat = ()
    elif shape.path is None and not shape.properties and all(type(k) is c.EachValue for k in shape.constraints):
        shape.flat = tuple(k.test for k in shape.constraints if isinstance(k, c.EachValue))
    else:
        shape.flat = None


def _one(node: Node) -> Node:
    """An IRI as the process's one object of it (:func:`lod.rdf.namespaces.iri`: the data's vocabulary terms are the
    same objects, so a look-up of one never compares two in Python); any other node as it is."""
    return iri(node) if type(node) is URIRef else node


class ShapesGraph:
    """Every shape of a shapes graph, compiled once; ``targeted`` are those with targets."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._compiled: dict[Node, Shape] = {}
        roots = {*graph.subjects(RDF.type, SH.NodeShape), *graph.subjects(RDF.type, SH.PropertyShape)}
        for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            roots.update(graph.subjects(predicate, None))
        self.targeted = [s for s in (self.shape(n) for n in roots) if s.targets and not s.deactivated]

    def shape(self, node: Node) -> Shape:
        shape = self._compiled.get(node)
        if shape is None:
            shape = self._compiled[node] = Shape(node)  # registered first: shapes may refer to each other
            self._fill(shape)
        return shape

    def _fill(self, shape: Shape) -> None:
        g, node = self.graph, shape.node
        path_node = g.value(node, SH.path)
        if path_node is not None:
            shape.path, shape.path_node = read_path(g, path_node), path_node
        shape.severity = g.value(node, SH.severity) or SH.Violation  # type: ignore[assignment]
        shape.messages = tuple(m for m in g.objects(node, SH.message) if isinstance(m, Literal))
        shape.deactivated = g.value(node, SH.deactivated) == _TRUE
        classes = {_one(n) for n in g.objects(node, SH.targetClass)}
        if (node, RDF.type, RDFS.Class) in g and ((node, RDF.type, SH.NodeShape) in g or (node, RDF.type, SH.PropertyShape) in g):
            classes.add(_one(node))  # an implicit class target
        shape.targets = Targets(frozenset(g.objects(node, SH.targetNode)), frozenset(classes),
                                frozenset(g.objects(node, SH.targetSubjectsOf)), frozenset(g.objects(node, SH.targetObjectsOf)))
        shape.constraints = list(self._constraints(shape))
        shape.properties = [self.shape(p) for p in g.objects(node, SH.property)]
        _compile(shape)

    def _constraints(self, shape: Shape) -> Iterator[c.Constraint]:
        g, node = self.graph, shape.node
        one = g.value
        for predicate, (component, is_min) in _COUNTS.items():
            for n in g.objects(node, predicate):
                yield c.Count(component, low=int(n)) if is_min else c.Count(component, high=int(n))  # type: ignore[call-overload]
        for cls in g.objects(node, SH["class"]):
            yield c.EachValue(SH.ClassConstraintComponent, c.is_class(_one(cls)))
        for datatype in g.objects(node, SH.datatype):
            yield c.EachValue(SH.DatatypeConstraintComponent, c.has_datatype(_one(datatype)))
        for kind in g.objects(node, SH.nodeKind):
            yield c.EachValue(SH.NodeKindConstraintComponent, c.has_kind(kind))
        for predicate, (component, order) in _RANGES.items():
            for bound in g.objects(node, predicate):
                yield c.EachValue(component, c.in_range(bound, order))
        for n in g.objects(node, SH.minLength):
            yield c.EachValue(SH.MinLengthConstraintComponent, c.has_length(int(n), None))  # type: ignore[call-overload]
        for n in g.objects(node, SH.maxLength):
            yield c.EachValue(SH.MaxLengthConstraintComponent, c.has_length(0, int(n)))  # type: ignore[call-overload]
        for pattern in g.objects(node, SH.pattern):
            yield c.EachValue(SH.PatternConstraintComponent, c.matches(str(pattern), str(one(node, SH.flags) or "")))
        for tags in g.objects(node, SH.languageIn):
            yield c.EachValue(SH.LanguageInConstraintComponent, c.in_languages([str(t) for t in self._list(tags)]))
        if one(node, SH.uniqueLang) is not None and str(one(node, SH.uniqueLang)) == "true":
            yield c.UniqueLang()
        for members in g.objects(node, SH["in"]):
            yield c.EachValue(SH.InConstraintComponent, c.one_of([_one(m) for m in self._list(members)]))
        for value in g.objects(node, SH.hasValue):
            yield c.HasValue(value)
        for other in g.objects(node, SH.node):
            yield c.EachValue(SH.NodeConstraintComponent, c.conforming([self.shape(other)], 1, 1))
        for other in g.objects(node, SH["not"]):
            yield c.EachValue(SH.NotConstraintComponent, c.conforming([self.shape(other)], 0, 0))
        for predicate, (component, low) in _LOGIC.items():
            for members in g.objects(node, predicate):
                shapes: list[c.Conformable] = [self.shape(m) for m in self._list(members)]
                count = len(shapes) if low == "all" else 1
                high = 1 if predicate == SH.xone else None
                yield c.EachValue(component, c.conforming(shapes, count, high))
        yield from self._qualified(shape)
        for predicate, component in _PAIRS.items():
            for other in g.objects(node, predicate):
                yield c.PropertyPair(component, _one(other))  # type: ignore[arg-type]
        if one(node, SH.closed) == _TRUE:
            closed: set[Node] = {_one(p) for prop in g.objects(node, SH.property) for p in g.objects(prop, SH.path) if isinstance(p, URIRef)}
            for ignored in g.objects(node, SH.ignoredProperties):
                closed.update(_one(n) for n in self._list(ignored))
            yield c.Closed(frozenset(closed))
        for constraint in g.objects(node, SH.sparql):
            if one(constraint, SH.deactivated) != _TRUE:
                yield SparqlConstraint(g, constraint, shape.path)

    def _qualified(self, shape: Shape) -> Iterator[c.Constraint]:
        g, node = self.graph, shape.node
        qualified = g.value(node, SH.qualifiedValueShape)
        if qualified is None:
            return
        siblings: list[c.Conformable] = []
        if g.value(node, SH.qualifiedValueShapesDisjoint) == _TRUE:
            for parent in g.subjects(SH.property, node):
                for prop in g.objects(parent, SH.property):
                    siblings.extend(self.shape(q) for q in g.objects(prop, SH.qualifiedValueShape) if q != qualified)
        low, high = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
        target = self.shape(qualified)
        if low is not None:
            yield c.Qualified(SH.QualifiedMinCountConstraintComponent, target, siblings, low=int(low))  # type: ignore[call-overload]
        if high is not None:
            yield c.Qualified(SH.QualifiedMaxCountConstraintComponent, target, siblings, high=int(high))  # type: ignore[call-overload]

    def _list(self, head: Node) -> list[Node]:
        try:
            return list(Collection(self.graph, head))
        except Exception as error:  # noqa: BLE001 - rdflib raises bare exceptions for broken lists
            raise ShapesError(f"not an RDF list: {head.n3()}") from error
