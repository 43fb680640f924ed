"""An rdflib graph as N-Triples, byte for byte what rdflib's writer gives (``graph.serialize(format="nt")``), faster.

rdflib checks and formats every IRI again for each triple it writes; a build writes each article's graph once (it
is validated, then stored), and most of its IRIs recur: the predicates, the classes, the reference data's places
and organizations. Here each IRI's text is made once per process (rdflib's own ``n3``, so an IRI rdflib refuses is
refused the same way) and literals are quoted by rdflib's own function. A short literal's text is remembered by
the literal's identity (the mapping gives the same object again for a name, a number, a day: see
``lod.model.mapping._literal``), which spares both quoting it and hashing it (rdflib hashes a literal in Python).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

__all__ = ["ntriples"]

_IRIS: dict[Node, str] = {}  # IRI -> <IRI>, as rdflib's URIRef.n3 writes it
_LIMIT = 100_000  # IRIs kept: those of past articles are not seen again, the shared ones come back at once
# id(literal) -> (the literal, its text): the literal is held, so its id names no other object while kept
_LITERALS: dict[int, tuple[Literal, str]] = {}
_SHORT = 100  # characters: a longer literal is an article's own text (its body, a quote), not seen again


def ntriples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> bytes:
    """``graph`` (or its triples, in its order) as rdflib's N-Triples writer writes it: one line a triple, in the
    graph's order, UTF-8."""
    _trim()
    iris, literals = _IRIS, _LITERALS
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
        if type(o) is URIRef:
            obj = iris.get(o)
            if obj is None:
                obj = iris[o] = o.n3()
        else:
            kept = literals.get(id(o))
            obj = kept[1] if kept is not None and kept[0] is o else _other(o)
        lines.append(f"{subject} {predicate} {obj} .\n")
    return "".join(lines).encode("utf-8")


def _trim() -> None:
    if len(_IRIS) > _LIMIT:
        _IRIS.clear()
    if len(_LITERALS) > _LIMIT:
        _LITERALS.clear()


def _other(term: Node) -> str:
    """A literal's or blank node's text (an IRI subclass's too), a short literal's remembered by its identity."""
    if isinstance(term, Literal):
        text = _quoteLiteral(term)
        if len(term) <= _SHORT:
            _LITERALS[id(term)] = (term, text)
        return text
    return term.n3()
