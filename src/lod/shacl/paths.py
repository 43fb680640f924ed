"""SHACL property paths (SHACL §2.3.1): read from the shapes graph, followed through :class:`Data`."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from lod.rdf.namespaces import SH, iri
from lod.shacl.data import Data

_REPEATS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


class ShapesError(ValueError):
    """The shapes graph is not well-formed SHACL (a path or a list we cannot read)."""


class Path:
    """A path: ``values`` follows it from a node (``inverse``: against the arrows)."""

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        raise NotImplementedError

    def sparql(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Predicate(Path):
    iri: URIRef

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        return data.subjects(self.iri, node) if inverse else data.objects(node, self.iri)

    def sparql(self) -> str:
        return f"<{self.iri}>"


@dataclass(frozen=True)
class Inverse(Path):
    inner: Path

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        return self.inner.values(data, node, not inverse)

    def sparql(self) -> str:
        return f"^({self.inner.sparql()})"


@dataclass(frozen=True)
class Sequence(Path):
    steps: tuple[Path, ...]

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        current: dict[Node, None] = {node: None}
        for step in reversed(self.steps) if inverse else self.steps:
            following: dict[Node, None] = {}
            for here in current:
                following.update(step.values(data, here, inverse))
            current = following
        return current

    def sparql(self) -> str:
        return "(" + "/".join(step.sparql() for step in self.steps) + ")"


@dataclass(frozen=True)
class Alternative(Path):
    options: tuple[Path, ...]

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        found: dict[Node, None] = {}
        for option in self.options:
            found.update(option.values(data, node, inverse))
        return found

    def sparql(self) -> str:
        return "(" + "|".join(option.sparql() for option in self.options) + ")"


@dataclass(frozen=True)
class Repeat(Path):
    inner: Path
    operator: str  # "*", "+" or "?"

    def values(self, data: Data, node: Node, inverse: bool = False) -> dict[Node, None]:
        step = self.inner.values(data, node, inverse)
        if self.operator == "?":
            return {node: None, **step}
        found: dict[Node, None] = {node: None} if self.operator == "*" else {}
        todo = list(step)
        while todo:
            here = todo.pop()
            if here in found:
                continue
            found[here] = None
            todo.extend(n for n in self.inner.values(data, here, inverse) if n not in found)
        return found

    def sparql(self) -> str:
        return f"({self.inner.sparql()}){self.operator}"


def read_path(graph: Graph, node: Node) -> Path:
    """The path that ``node`` (an ``sh:path`` value) describes."""
    if isinstance(node, URIRef):
        return Predicate(iri(node))
    if graph.value(node, RDF.first) is not None:
        steps = tuple(read_path(graph, step) for step in Collection(graph, node))
        if len(steps) < 2:
            raise ShapesError(f"a sequence path needs two members or more: {node.n3()}")
        return Sequence(steps)
    options = graph.value(node, SH.alternativePath)
    if options is not None:
        return Alternative(tuple(read_path(graph, option) for option in Collection(graph, options)))
    inner = graph.value(node, SH.inversePath)
    if inner is not None:
        return Inverse(read_path(graph, inner))
    for predicate, operator in _REPEATS.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return Repeat(read_path(graph, inner), operator)
    raise ShapesError(f"not a SHACL path: {node.n3()}")
