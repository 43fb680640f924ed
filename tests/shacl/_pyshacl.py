"""pySHACL, the reference our validator is held to: its report read into the same ValidationResult records."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from pyshacl import ShapesGraph, Validator
from pyshacl import validate as pyshacl_validate
from pyshacl.graph_abstraction import DataGraph
from rdflib import Graph, Literal, URIRef, plugin
from rdflib.namespace import RDF
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor
from rdflib.term import Node

from lod.pipeline.validation import SEVERITIES, ValidationReport, ValidationResult, _path_text, _shape_id, sorted_report
from lod.rdf.namespaces import SH


def reference(data: Graph, shapes: Graph, focus: set[Node] | None = None) -> ValidationReport:
    """pySHACL over all of ``data`` (no inference), keeping only the results about ``focus`` when given."""
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                    abort_on_first=False)
    assert isinstance(report, Graph)
    return _read(report, shapes, focus)


def _read(report: Graph, shapes: Graph, focus: set[Node] | None = None) -> ValidationReport:
    nodes = [n for n in report.subjects(RDF.type, SH.ValidationResult) if (None, SH.detail, n) not in report]
    results = [_result(report, shapes, node) for node in nodes]
    return sorted_report(r for r in results if focus is None or r.focus in focus)


class FocusReference:
    """pySHACL with only an article's subjects as focus nodes and the context as data, the way lod's build checks
    an article: each shape that targets one of them validates just those. (Not pySHACL's ``focus_nodes``
    option, which lod used before: it also filters the nodes that nested shapes of sh:or, sh:node and
    sh:qualifiedValueShape check, so those passed whenever their value was not one of the article's nodes.)
    Much faster than :func:`reference`, which validates all of the context too."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._harvested = ShapesGraph(shapes)
        self._targeted = [s for s in self._harvested.shapes if any(s.target()) and not s.deactivated]

    def check(self, graph: Graph, context: Graph) -> ValidationReport:
        data = Graph()
        data += graph
        data += context
        focus = set(graph.subjects())
        options = {"inference": "none", "allow_warnings": True, "abort_on_first": False, "inplace": True}
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=Graph(), options=options)
        validator.shacl_graph = self._harvested
        executor = validator.make_executor()
        target = DataGraph.from_rdflib(data)
        reports = []
        with _queries_parsed_once():
            for shape in self._targeted:
                nodes = [n for n in shape.focus_nodes(target) if n in focus]
                if nodes:
                    reports.extend(shape.validate(executor, target, focus=nodes)[1])
        report, _ = validator.create_validation_report(self._harvested, not reports, reports)
        return _read(report, self.shapes)


class _OnceParsingProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, parsing each distinct query text once: pySHACL runs a query per focus node."""

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


def _result(report: Graph, shapes: Graph, node: Node) -> ValidationResult:
    shape = report.value(node, SH.sourceShape)
    focus = report.value(node, SH.focusNode)
    assert shape is not None and focus is not None
    path = report.value(node, SH.resultPath)
    messages = list(report.objects(node, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
    severity = report.value(node, SH.resultSeverity)
    return ValidationResult(
        focus=focus,
        shape=shape,
        shape_id=_shape_id(shapes, shape),
        path=path if isinstance(path, URIRef) or path is None else shapes_path(shapes, report, path),
        message=str((english or messages or [""])[0]),
        severity=SEVERITIES.get(severity, "Violation") if isinstance(severity, URIRef) else "Violation",
        value=report.value(node, SH.value),
        path_text=_path_text(report, path) if path is not None else "",
    )


def shapes_path(shapes: Graph, report: Graph, path: Node) -> Node:
    """The shapes graph's node for a path pySHACL copied into its report (the one with the same text)."""
    text = _path_text(report, path)
    for candidate in shapes.objects(None, SH.path):
        if _path_text(shapes, candidate) == text:
            return candidate
    raise AssertionError(f"no path {text} in the shapes")
