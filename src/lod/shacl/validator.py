"""Validating data against compiled shapes: every target of every shape, or only the focus nodes given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from lod.rdf.namespaces import iri
from lod.shacl.data import Data, Index, Triple
from lod.shacl.finding import Finding
from lod.shacl.shapes import Shape, ShapesGraph

_TYPE = iri(RDF.type)  # the process's one object of it (lod.rdf.namespaces.iri)


class Validator:
    """Shapes read once; :meth:`validate` runs them over one data graph (or several, read as their union)."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = ShapesGraph(shapes)
        self._by_class: dict[Node, list[Shape]] = {}
        self._others: list[Shape] = []  # shapes with targets other than classes
        for shape in self.shapes.targeted:
            for cls in shape.targets.classes:
                self._by_class.setdefault(cls, []).append(shape)
            if shape.targets.nodes or shape.targets.subjects_of or shape.targets.objects_of:
                self._others.append(shape)

    def validate(self, graphs: Sequence[Iterable[Triple]], focus: Iterable[Node] | None = None,
                 ntriples: bytes | None = None, quads: Sequence[Any] | None = None,
                 index: Sequence[tuple[Node, Index]] | None = None, first: dict[Node, Index] | None = None) -> list[Finding]:
        """The results for every target of every shape, or (``focus`` given) for those nodes only: each is
        checked against the shapes that target it in this data. ``ntriples``: the first graph as N-Triples, if
        the caller has it; ``quads``: the other graphs as Oxigraph quads, if the caller keeps them (see
        :class:`Data`); ``index``: the other graphs indexed by subject, if the caller keeps them so (see
        :class:`Data`), and ``first`` the first graph so (the same)."""
        data = Data(graphs, ntriples, quads, index, first)
        plan: dict[int, tuple[Shape, list[Node]]] = {}
        if focus is None:
            for shape in self.shapes.targeted:
                plan[id(shape)] = (shape, list(shape.targets.focus_nodes(data)))
        else:
            by_types: dict[tuple[Node, ...], list[Shape]] = {}  # nodes of the same types: the same class targets
            for node in focus:
                for shape in self._shapes_for(data, node, by_types):
                    plan.setdefault(id(shape), (shape, []))[1].append(node)
        findings: list[Finding] = []
        for shape, nodes in plan.values():
            shape.prefetch(data, nodes)
            for node in nodes:
                findings.extend(shape.findings(data, node))
        return findings

    def _shapes_for(self, data: Data, node: Node, by_types: dict[tuple[Node, ...], list[Shape]]) -> list[Shape]:
        """The shapes that target ``node``: those of its classes, found once per data for the same types in the
        same order (``by_types``: a few kinds of node make an article's ~46), then any other that targets it."""
        types = tuple(data.objects(node, _TYPE))
        shapes = by_types.get(types)
        if shapes is None:
            found: dict[int, Shape] = {}
            for cls in types:
                for ancestor in data.superclasses(cls):
                    for shape in self._by_class.get(ancestor, ()):
                        found[id(shape)] = shape
            shapes = by_types[types] = list(found.values())
        if not self._others:
            return shapes
        known = {id(shape) for shape in shapes}
        others = [shape for shape in self._others if id(shape) not in known and shape.targets.targets(data, node)]
        return shapes + others if others else shapes
