"""SPARQL text that every engine sends: graph replacement as one update, the SERVICE refusal, parser errors."""

from __future__ import annotations

import re
from typing import Mapping

from rdflib import BNode, Graph, URIRef

from lod.errors import QueryRefused, QuerySyntaxError
from lod.store.querytext import calls_service, keywords

__all__ = ["refuse_service", "replace_update", "syntax_error"]

_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def replace_update(graphs: Mapping[URIRef, Graph], *, template: bool = False, add: Mapping[URIRef, Graph] | None = None,
                   after: str = "") -> str:
    """One SPARQL Update that replaces each graph by its content, then adds the ``add`` graphs' triples to theirs,
    then runs ``after`` (empty: nothing to do).

    A blank node label may not appear in two ``INSERT DATA`` blocks of one request, so a graph that shares
    blank nodes with an earlier one is written with its own labels. With ``template``, each graph is written
    as ``INSERT { ... } WHERE {}``, where blank nodes are fresh ones: Virtuoso 7 refuses blank nodes in
    ``INSERT DATA``.
    """
    parts = []
    seen: set[BNode] = set()
    adding = add or {}
    for index, (name, graph) in enumerate([*graphs.items(), *adding.items()]):
        if index < len(graphs):
            parts.append(f"DROP SILENT GRAPH <{name}>")
        blank = {node for node in graph.all_nodes() if isinstance(node, BNode)}
        if blank & seen:
            graph = _relabelled(graph, f"g{index}x")
            blank = {node for node in graph.all_nodes() if isinstance(node, BNode)}
        seen |= blank
        body = graph.serialize(format="nt")
        if body.strip():
            insert = f"INSERT {{ GRAPH <{name}> {{\n{body}\n}} }} WHERE {{}}" if template else f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}"
            parts.append(insert)
    if after:
        parts.append(after)
    return " ;\n".join(parts)


def _relabelled(graph: Graph, prefix: str) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(tuple(BNode(prefix + term) if isinstance(term, BNode) else term for term in triple))  # type: ignore[arg-type]
    return out


def refuse_service(sparql: str) -> None:
    """Refuse a query that would call a remote endpoint: a publisher's store never reaches the network.

    Raises:
        QueryRefused: the query uses ``SERVICE``.
    """
    if calls_service(sparql):
        raise QueryRefused("SERVICE is not allowed: queries never reach other endpoints")


def syntax_error(message: str) -> QuerySyntaxError:
    """A parser's message as a QuerySyntaxError; Oxigraph puts the position in the message ("error at 1:25: ...")."""
    position = _POSITION.match(message)
    line, column = (int(position[1]), int(position[2])) if position else (None, None)
    return QuerySyntaxError(message, line, column)
