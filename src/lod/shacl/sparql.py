"""SPARQL-based constraints (SHACL §5): ``sh:select`` run in Oxigraph with ``$this`` pre-bound."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from lod.namespaces import SH
from lod.shacl.components import Constraint, Hit, Values
from lod.shacl.data import Data
from lod.shacl.paths import Path, ShapesError

_THIS = ox.Variable("this")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


class SparqlConstraint(Constraint):
    """One ``sh:SPARQLConstraint``; a result row is a failure, ``?value``/``?path``/``?message`` say about what."""

    component = SH.SPARQLConstraintComponent

    def __init__(self, shapes: Graph, node: Node, path: Path | None) -> None:
        self.source = node
        select = shapes.value(node, SH.select)
        if select is None:
            raise ShapesError(f"a SPARQL constraint without sh:select: {node.n3()}")
        text = str(select)
        if path is not None:
            text = text.replace("$PATH", path.sparql())
        self.query = _prologue(shapes, node) + text
        self.messages = tuple(m for m in shapes.objects(node, SH.message) if isinstance(m, Literal))

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        store = data.store()
        rows = store.query(self.query, substitutions={_THIS: data.to_ox(focus)})
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            bound = {str(v.value): data.from_ox(row[v]) for v in rows.variables if row[v] is not None}
            bound.setdefault("this", focus)
            path = bound.get("path")
            messages: tuple[Literal, ...] | None = None
            if "message" in bound:
                messages = (Literal(str(bound["message"])),)
            elif self.messages:
                messages = tuple(_filled(m, bound) for m in self.messages)
            yield bound.get("value"), path if isinstance(path, URIRef) else None, messages


def _filled(message: Literal, bound: dict[str, Node]) -> Literal:
    """``{$this}``, ``{?value}``: the variable's value, as pySHACL writes it (the term's string)."""
    text = _PLACEHOLDER.sub(lambda m: str(bound[m.group(1)]) if m.group(1) in bound else m.group(0), str(message))
    return Literal(text, lang=message.language) if text != str(message) else message


def _prologue(shapes: Graph, node: Node) -> str:
    """PREFIX lines for the ``sh:declare`` of every ``sh:prefixes`` value of the constraint."""
    lines = []
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise ShapesError(f"an sh:declare without sh:prefix or sh:namespace: {holder.n3()}")
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)
