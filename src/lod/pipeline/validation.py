"""Checking graphs against the SHACL shapes in ``shapes/``: our own validator (:mod:`lod.shacl`), typed results.

pySHACL checked every article until it cost 60 ms of the 80 an article took to build; it stays a dependency as
the reference our validator is tested against (tests/shacl/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from weakref import WeakKeyDictionary

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import Node

from lod.errors import InputError, Where
from lod.rdf.namespaces import SH, prefixes
from lod.rdf.rdffiles import read_rdf_dir
from lod.shacl import Finding, ShapesError, Validator
from lod.shacl.data import Index

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
    """Validate ``data`` (without inference; ``ontology`` is mixed in when given): every target of every shape."""
    graphs = [data] if ontology is None else [data, ontology]
    return _report(_validator(shapes).validate(graphs), shapes)


_VALIDATORS: WeakKeyDictionary[Graph, Validator] = WeakKeyDictionary()


def _validator(shapes: Graph) -> Validator:
    """The shapes compiled once per shapes graph."""
    validator = _VALIDATORS.get(shapes)
    if validator is None:
        try:
            validator = _VALIDATORS[shapes] = Validator(shapes)
        except ShapesError as error:
            raise InputError(Where("shapes"), f"the shapes cannot be checked with: {error}") from None
    return validator


def _report(findings: list[Finding], shapes: Graph) -> ValidationReport:
    return sorted_report(_result(f, shapes) for f in findings)


def sorted_report(results: Iterable[ValidationResult]) -> ValidationReport:
    """One result per (focus, shape, path, value, message): a shape reports each failing component separately."""
    unique = list(dict.fromkeys(results))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    unique.sort(key=lambda r: (order.get(r.severity, 3), r.shape_id or "", str(r.focus), r.path_text, r.message))
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in unique), results=unique)


class ArticleChecker:
    """Validates one article's graph at a time against shapes read once.

    Only the article's own subjects are focus nodes: the context (the vocabulary and reference data its graph
    links to) is there for the shapes to look at, not to be checked again for every article
    (``check_reference`` checks it once).
    """

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._validator = _validator(shapes)

    def check(self, graph: Graph | list[tuple[Node, Node, Node]], context: Iterable[tuple[Node, Node, Node]],
              ntriples: bytes | None = None, context_quads: Sequence[Any] | None = None,
              context_index: Sequence[tuple[Node, Index]] | None = None,
              index: dict[Node, Index] | None = None) -> ValidationReport:
        """The article: a graph or its triples (and, if the caller has them, the same as rdflib's N-Triples,
        which the SPARQL-based constraints read); ``context``: a graph, or its triples
        (:meth:`lod.pipeline.preparation.Context.context_triples`), and if the caller keeps them, the same as Oxigraph
        quads (:func:`lod.shacl.data.recurring_quads`) and indexed by subject (``Data``'s ``index``); ``index``:
        the article's triples indexed by subject (:meth:`lod.model.mapping.Mapped.index`), with ``context_index``."""
        triples = graph if isinstance(graph, list) else list(graph)
        focus = dict.fromkeys(s for s, _, _ in triples) if index is None else dict.fromkeys(index)
        first = index if context_index is not None else None
        return _report(self._validator.validate([triples, context], focus, ntriples, context_quads, context_index, first),
                       self.shapes)


def _result(finding: Finding, shapes: Graph) -> ValidationResult:
    english = [m for m in finding.messages if m.language == "en"]
    severity = SEVERITIES.get(finding.severity, "Violation")
    return ValidationResult(
        focus=finding.focus,
        shape=finding.shape,
        shape_id=_shape_id(shapes, finding.shape),
        path=finding.path,
        message=str((english or finding.messages or ("",))[0]),
        severity=severity,
        value=finding.value,
        path_text=_path_text(shapes, finding.path) if finding.path is not None else "",
    )


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
