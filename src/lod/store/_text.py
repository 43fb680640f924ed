"""SPARQL text that every engine sends: graph replacement as one update, the SERVICE refusal, parser errors."""

from __future__ import annotations

import re
from typing import Mapping

from rdflib import Graph, URIRef

from lod.errors import QueryRefused, QuerySyntaxError
from lod.querytext import calls_service, keywords

__all__ = ["refuse_service", "replace_update", "syntax_error"]

_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def replace_update(graphs: Mapping[URIRef, Graph]) -> str:
    """One SPARQL Update that replaces each graph by its content (empty: nothing to do)."""
    parts = []
    for name, graph in graphs.items():
        parts.append(f"DROP SILENT GRAPH <{name}>")
        body = graph.serialize(format="nt")
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
    return " ;\n".join(parts)


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
