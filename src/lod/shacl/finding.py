"""One validation result as SHACL defines it (§3.6), before the project's own report type is made of it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from lod.rdf.namespaces import SH


@dataclass(frozen=True)
class Finding:
    focus: Node
    shape: Node  # sh:sourceShape
    component: URIRef  # sh:sourceConstraintComponent
    severity: URIRef
    path: Node | None  # sh:resultPath: the path node in the shapes graph, or the predicate sh:closed found
    value: Node | None
    messages: tuple[Literal, ...]
    constraint: Node | None = None  # sh:sourceConstraint (SPARQL-based constraints)


def report_graph(findings: list[Finding], shapes: Graph) -> Graph:
    """A ``sh:ValidationReport`` graph of ``findings``, with each result's path copied in from ``shapes``."""
    report, node = Graph(), BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(not findings)))
    for finding in findings:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, finding.focus))
        report.add((result, SH.sourceShape, finding.shape))
        report.add((result, SH.sourceConstraintComponent, finding.component))
        report.add((result, SH.resultSeverity, finding.severity))
        for message in finding.messages:
            report.add((result, SH.resultMessage, message))
        if finding.value is not None:
            report.add((result, SH.value, finding.value))
        if finding.constraint is not None:
            report.add((result, SH.sourceConstraint, finding.constraint))
        if finding.path is not None:
            report.add((result, SH.resultPath, _copy(shapes, finding.path, report)))
    return report


def _copy(source: Graph, node: Node, target: Graph) -> Node:
    """A copy of a blank-node structure (a path) under fresh blank nodes: no two results share one."""
    if not isinstance(node, BNode):
        return node
    copy = BNode()
    is_list = source.value(node, RDF.first) is not None  # a list is a sequence path, whatever else it says
    for p, o in source.predicate_objects(node):
        if not is_list or p in (RDF.first, RDF.rest):
            target.add((copy, p, _copy(source, o, target)))
    return copy
