"""SPARQL-based constraints (SHACL §5): ``sh:select`` run in Oxigraph with ``$this`` pre-bound."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from lod.rdf.namespaces import SH
from lod.shacl.components import Constraint, Hit, Values
from lod.shacl.data import Data
from lod.shacl.paths import Path, ShapesError
from lod.shacl.proofs import check_for

_THIS = ox.Variable("this")
_EMPTY = ox.Store()
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")
# A query is run once for many focus nodes (VALUES in its outermost group) only when that means the same as
# pre-binding $this in each run: it selects $this and has no sub-query, MINUS, BIND or VALUES that could see
# $this unbound. Otherwise it runs once per focus node with $this substituted (Oxigraph's pre-binding).
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_UNBATCHABLE = re.compile(r"\b(MINUS|BIND|VALUES|SERVICE)\b|\{\s*SELECT\b", re.IGNORECASE)
_SELECTS_THIS = re.compile(r"^\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?([^{]*[?$]this\b|\*)", re.IGNORECASE)


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
        prefixes = _prefixes(shapes, node)
        self.query = _prologue(prefixes) + text
        # a look-up that proves the query has no row for a node, if lod.shacl.proofs has one for this text
        self._check = check_for(text, prefixes)
        where = _WHERE.search(text)
        self._batched: tuple[str, str] | None = None  # the query before and after the VALUES block
        if where and _SELECTS_THIS.search(text) and not _UNBATCHABLE.search(text):
            head = _prologue(prefixes) + text[:where.end()]
            self._batched = (head, text[where.end():])
        try:  # a query that does not parse is an error in the shapes, found when they are read
            _EMPTY.query(self.query)
            if self._batched is not None:
                _EMPTY.query(f"{self._batched[0]} VALUES ?this {{ }} {self._batched[1]}")
        except (SyntaxError, ValueError) as error:
            raise ShapesError(f"the sh:select of {node.n3()} is not SPARQL Oxigraph can run: {error}") from None
        self.messages = tuple(m for m in shapes.objects(node, SH.message) if isinstance(m, Literal))

    def prefetch(self, data: Data, nodes: Iterable[Node]) -> None:
        """Run the query once for all of ``nodes`` (IRIs; see _UNBATCHABLE) but those it is proven to have no
        row for, keeping each one's rows."""
        if self._check is not None:
            nodes = [n for n in nodes if not self._settled(data, n)]
        if self._batched is None:
            return
        iris = [n for n in nodes if isinstance(n, URIRef) and (id(self), n) not in data.rows]
        if not iris:
            return
        found: dict[Node, list[dict[str, Node]]] = {n: [] for n in iris}
        values = " ".join(str(data.to_ox(n)) for n in iris)
        head, tail = self._batched
        for bound in _rows(data, data.store().query(f"{head} VALUES ?this {{ {values} }} {tail}")):
            this = bound.get("this")
            if this in found:
                found[this].append(bound)
        for node, rows in found.items():
            data.rows[(id(self), node)] = rows

    def _settled(self, data: Data, node: Node) -> bool:
        """The node's rows are known: found before, or proven to be none (and so noted)."""
        key = (id(self), node)
        if key in data.rows:
            return True
        assert self._check is not None
        if self._check(data, node):
            return False
        data.rows[key] = []
        return True

    def hits(self, data: Data, focus: Node, values: Values) -> Iterator[Hit]:
        if self._check is not None:
            self._settled(data, focus)
        rows = data.rows.get((id(self), focus))
        if rows is None:
            rows = list(_rows(data, data.store().query(self.query, substitutions={_THIS: data.to_ox(focus)})))
        for bound in rows:
            bound.setdefault("this", focus)
            path = bound.get("path")
            messages: tuple[Literal, ...] | None = None
            if "message" in bound:
                messages = (Literal(str(bound["message"])),)
            elif self.messages:
                messages = tuple(_filled(m, bound) for m in self.messages)
            yield bound.get("value"), path if isinstance(path, URIRef) else None, messages


def _rows(data: Data, rows: object) -> Iterator[dict[str, Node]]:
    assert isinstance(rows, ox.QuerySolutions)
    names = [(v, str(v.value)) for v in rows.variables]
    for row in rows:
        yield {name: data.from_ox(row[v]) for v, name in names if row[v] is not None}


def _filled(message: Literal, bound: dict[str, Node]) -> Literal:
    """``{$this}``, ``{?value}``: the variable's value, as pySHACL writes it (the term's string)."""
    text = _PLACEHOLDER.sub(lambda m: str(bound[m.group(1)]) if m.group(1) in bound else m.group(0), str(message))
    return Literal(text, lang=message.language) if text != str(message) else message


def _prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    """Prefix -> namespace, for the ``sh:declare`` of every ``sh:prefixes`` value of the constraint."""
    found: dict[str, str] = {}
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise ShapesError(f"an sh:declare without sh:prefix or sh:namespace: {holder.n3()}")
            found[str(prefix)] = str(namespace)
    return found


def _prologue(prefixes: dict[str, str]) -> str:
    """PREFIX lines for the constraint's prefixes."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in prefixes.items())
