"""An rdflib graph as N-Triples, byte for byte what rdflib's writer gives (``graph.serialize(format="nt")``), faster.

rdflib checks and formats every IRI again for each triple it writes; a build writes each article's graph once (it
is validated, then stored), and most of its IRIs recur: the predicates, the classes, the reference data's places
and organizations. Here each IRI's text is made once per process (rdflib's own ``n3``, so an IRI rdflib refuses is
refused the same way) and literals are quoted by rdflib's own function.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

__all__ = ["ntriples"]

_IRIS: dict[Node, str] = {}  # IRI -> <IRI>, as rdflib's URIRef.n3 writes it
_LIMIT = 100_000  # IRIs kept: those of past articles are not seen again, the shared ones come back at once


def ntriples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> bytes:
    """``graph`` (or its triples, in its order) as rdflib's N-Triples writer writes it: one line a triple, in the
    graph's order, UTF-8."""
    iris = _IRIS
    if len(iris) > _LIMIT:
        iris.clear()
    lines = []
    for s, p, o in graph:
        subject = iris.get(s) if type(s) is URIRef else None
        if subject is None:
            subject = s.n3()
            if type(s) is URIRef:
                iris[s] = subject
        predicate = iris.get(p)
        if predicate is None:
            predicate = iris[p] = p.n3()
        if isinstance(o, Literal):
            obj = _quoteLiteral(o)
        elif type(o) is URIRef:
            known = iris.get(o)
            if known is None:
                known = iris[o] = o.n3()
            obj = known
        else:
            obj = o.n3()
        lines.append(f"{subject} {predicate} {obj} .\n")
    return "".join(lines).encode("utf-8")
