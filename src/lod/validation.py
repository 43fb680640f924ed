"""Checking graphs against the SHACL shapes in ``shapes/``: a thin wrapper over pySHACL that returns typed results."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from pyshacl import ShapesGraph, Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl import validate as _pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef, plugin
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor
from rdflib.term import Node

from lod.namespaces import SH, prefixes
from lod.rdffiles import read_rdf_dir

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_PATH_OPERATORS = {SH.inversePath: "^{}", SH.zeroOrMorePath: "{}*", SH.oneOrMorePath: "{}+", SH.zeroOrOnePath: "{}?"}


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult``; ``shape_id`` is the ``dct:identifier`` (``"S09"``) of the shape that reported it."""

    focus: Node
    shape: Node
    shape_id: str | None
    path: Node | None
    message: str
    severity: str
    value: Node | None
    path_text: str = ""


@dataclass
class ValidationReport:
    """The outcome of a validation; ``conforms`` means no Violation (warnings are allowed)."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    def describe(self, source: str = "", locate: Callable[[Node], str | None] | None = None) -> str:
        """One line per result: ``where: S09 (observation <iri>): dis:reportedFigure: message; got -5.``"""
        return "\n".join(_describe(r, source, locate) for r in self.results)


def _parse_dir(directory: Path, base: str, vocab: str) -> Graph:
    """Every ``*.ttl`` of a folder; a file that does not parse raises RdfSyntaxError (``path:line:col``)."""
    graph = read_rdf_dir(directory, base, vocab)
    for name, namespace in prefixes(base, vocab).items():
        graph.bind(name, namespace)  # so reports print dis:reportedFigure, not the full IRI
    return graph


def load_shapes(shapes_dir: Path, base: str, vocab: str) -> Graph:
    """Every ``shapes/*.ttl``, rewritten from the default base and vocabulary namespace to ``base`` and ``vocab``."""
    return _parse_dir(Path(shapes_dir), base, vocab)


def load_ontology(ontology_dir: Path, base: str, vocab: str) -> Graph:
    """Every ``ontology/*.ttl``, rewritten from the default base and vocabulary namespace to ``base`` and ``vocab``."""
    return _parse_dir(Path(ontology_dir), base, vocab)


def validate(data: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (without inference; ``ontology`` is mixed in when given) and collect the results."""
    with _queries_parsed_once():
        _, report, _ = _pyshacl_validate(
            data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True, abort_on_first=False
        )
    assert isinstance(report, Graph)
    return _collect(report, shapes, lambda node: node)


def _collect(report: Graph, shapes: Graph, original: Callable[[Node], Node]) -> ValidationReport:
    nodes = [n for n in report.subjects(RDF.type, SH.ValidationResult) if (None, SH.detail, n) not in report]
    # One result per (focus, shape, path, value): pySHACL reports each failing component of a shape separately.
    results = list(dict.fromkeys(_result(report, shapes, node, original) for node in nodes))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    results.sort(key=lambda r: (order.get(r.severity, 3), r.shape_id or "", str(r.focus), r.path_text, r.message))
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in results), results=results)


class ArticleChecker:
    """Validates one article's graph at a time against shapes read once.

    The shapes are harvested once per checker (pySHACL would harvest them again for every graph), and only the
    article's own subjects are focus nodes: the context (the vocabulary and reference data its graph links to)
    is there for the shapes to look at, not to be checked again for every article (``check_reference`` checks it
    once). Blank nodes are skolemized for the run, because pySHACL's focus filter keeps IRIs only, and turned
    back into the article's blank nodes in the report.
    """

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._harvested = ShapesGraph(shapes)
        _ = self._harvested.shapes  # harvest now, once

    def check(self, graph: Graph, context: Graph) -> ValidationReport:
        # Blank nodes are skolemized as the triples are copied: rdflib's skolemize() cost a seventh of the run.
        data = Graph()
        skolems: dict[BNode, URIRef] = {}
        focus: set[Node] = set()
        for s, p, o in graph:
            if isinstance(s, BNode):
                s = skolems.get(s) or skolems.setdefault(s, s.skolemize())
            if isinstance(o, BNode):
                o = skolems.get(o) or skolems.setdefault(o, o.skolemize())
            focus.add(s)
            data.add((s, p, o))
        for triple in context:
            data.add(triple)
        blanks: dict[Node, Node] = {iri: node for node, iri in skolems.items()}
        options = {"inference": "none", "allow_warnings": True, "abort_on_first": False, "focus_nodes": list(focus),
                   "inplace": True}
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=Graph(), options=options)
        validator.shacl_graph = self._harvested  # the harvested shapes, instead of harvesting them again
        with _queries_parsed_once():
            _, report, _ = validator.run()  # type: ignore[no-untyped-call]
        assert isinstance(report, Graph)
        return _collect(report, self.shapes, lambda node: blanks.get(node, node))


class _OnceParsingProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, parsing each distinct query text once: pySHACL runs a constraint's query per focus node."""

    def query(  # type: ignore[override]
        self, strOrQuery: Any, initBindings: Any = None, initNs: Mapping[str, Any] | None = None, base: str | None = None, DEBUG: bool = False  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


@lru_cache(maxsize=256)
def _prepared(text: str, base: str | None, namespaces: tuple[tuple[str, Any], ...]) -> Any:
    return translateQuery(parseQuery(text), base, dict(namespaces))


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    plugin.register("sparql", Processor, __name__, "_OnceParsingProcessor")
    try:
        yield
    finally:
        plugin.register("sparql", Processor, "rdflib.plugins.sparql.processor", "SPARQLProcessor")


def _result(report: Graph, shapes: Graph, node: Node, original: Callable[[Node], Node]) -> ValidationResult:
    shape = _required(report, node, SH.sourceShape)
    path = report.value(node, SH.resultPath)
    messages = list(report.objects(node, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
    severity = report.value(node, SH.resultSeverity)
    return ValidationResult(
        focus=original(_required(report, node, SH.focusNode)),
        shape=shape,
        shape_id=_shape_id(shapes, shape),
        path=path,
        message=str((english or messages or [""])[0]),
        severity=SEVERITIES.get(severity, "Violation") if isinstance(severity, URIRef) else "Violation",
        value=_original_or_none(report.value(node, SH.value), original),
        path_text=_path_text(report, path) if path is not None else "",
    )


def _original_or_none(node: Node | None, original: Callable[[Node], Node]) -> Node | None:
    return None if node is None else original(node)


def _required(report: Graph, node: Node, prop: URIRef) -> Node:
    """The value of a property every SHACL validation result has exactly once (``sh:focusNode``, ``sh:sourceShape``)."""
    value = report.value(node, prop)
    if value is None:
        raise ValueError(f"the validation report's result {node.n3()} has no {prop.n3()}")
    return value


def _shape_id(shapes: Graph, shape: Node | None) -> str | None:
    """The identifier of ``shape`` or of the nearest shape that (through property shapes or lists) contains it."""
    seen: set[Node] = set()
    todo = [shape] if shape is not None else []
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        identifier = shapes.value(current, DCTERMS.identifier)
        if identifier is not None:
            return str(identifier)
        if isinstance(current, BNode):
            todo.extend(shapes.subjects(None, current))
    return None


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL path as a SPARQL property path with prefixed names."""
    if isinstance(path, URIRef):
        return path.n3(graph.namespace_manager)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, p) for p in Collection(graph, path))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    for operator, template in _PATH_OPERATORS.items():
        inner = graph.value(path, operator)
        if inner is not None:
            return template.format(_path_text(graph, inner))
    return str(path)


def _kind(focus: Node) -> str:
    """``observation`` for ``.../id/observation/abc``; ``span`` for an article's span."""
    if isinstance(focus, BNode):
        return "blank node"
    if "/span/" in str(focus):
        return "span"
    match = re.search(r"/id/([^/]+)/", str(focus))
    return match.group(1) if match else "node"


def _describe(result: ValidationResult, source: str, locate: Callable[[Node], str | None] | None) -> str:
    where = (locate(result.focus) if locate else None) or source
    focus = f"<{result.focus}>" if isinstance(result.focus, URIRef) else result.focus.n3()
    parts = [f"{result.shape_id or '?'} ({_kind(result.focus)} {focus})"]
    if result.path_text:
        parts.append(result.path_text)
    message = result.message.rstrip(".")
    if result.value is not None and result.value != result.focus:
        shown = result.value.n3()
        if isinstance(result.value, Literal):
            plain = result.value.datatype in (None, XSD.string) and not result.value.language
            shown = f'"{result.value}"' if plain else str(result.value)
        message += f"; got {shown}"
    parts.append(message + ".")
    line = ": ".join(parts)
    return f"{where}: {line}" if where else line
