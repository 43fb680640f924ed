"""The triples of a few predicates, kept from the union of every graph while a build writes it as the N-Triples
dump (:mod:`lod.publish.dumps`), for what the build computes over the whole dataset afterwards (the pages' index,
:mod:`lod.publish.summaries`).

Asking the store instead costs a whole-store query per predicate, each reading RocksDB again (3.4 of the main
process's CPU seconds at 1,000 articles). The union's lines are each distinct triple of the store once, which
is what a query over the union default graph sees; its lines are read anyway (VoID's counts), and keeping those
of a few predicates costs a dictionary look-up a line. Terms stay N-Triples bytes (as Oxigraph writes them)
until a value is asked for: :func:`value` reads it from the bytes, and asks Oxigraph's parser only when the
term holds an escape.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["Facts", "is_iri", "language", "value"]


class Facts:
    """The union's triples whose predicate is one of ``predicates`` (IRIs), given line by line to :meth:`add`."""

    def __init__(self, predicates: Iterable[str]) -> None:
        self._terms: dict[bytes, list[tuple[bytes, bytes]]] = {f"<{p}>".encode(): [] for p in predicates}

    def add(self, predicate: bytes, line: bytes) -> None:
        """One N-Triples line of the union as Oxigraph writes them (``S P O .`` and a line break), and its
        predicate as written in it."""
        kept = self._terms.get(predicate)
        if kept is not None:
            subject, _, rest = line.split(b" ", 2)  # an IRI or a blank node label holds no space
            kept.append((subject, rest[:-3]))  # the object, without " .\n"

    def terms(self, predicate: str) -> list[tuple[bytes, bytes]]:
        """(subject, object) of each triple of ``predicate`` (one of those kept), as N-Triples terms, in some order.

        Raises:
            KeyError: ``predicate`` is not one of those kept.
        """
        return self._terms[f"<{predicate}>".encode()]

    def pairs(self, predicate: str) -> list[tuple[str, str]]:
        """(subject, object) values of the triples of ``predicate`` whose subject is an IRI: what ``SELECT DISTINCT
        ?s ?o WHERE { ?s <predicate> ?o FILTER(isIRI(?s)) }`` gives as strings, in some order."""
        return [(s[1:-1].decode("utf-8"), value(o)) for s, o in self.terms(predicate) if s[:1] == b"<"]


def is_iri(term: bytes) -> bool:
    return term[:1] == b"<" and term[:2] != b"<<"


def value(term: bytes) -> str:
    """The value of an N-Triples term as Oxigraph writes it (a query's ``term.value``): an IRI without its
    brackets, a blank node's label, a literal's lexical form."""
    if is_iri(term):
        return term[1:-1].decode("utf-8")
    if term[:2] == b"_:":
        return term[2:].decode("utf-8")
    if term[:1] == b'"':
        end = term.rindex(b'"')  # a datatype or language tag holds no quote
        if b"\\" not in term[1:end]:
            return term[1:end].decode("utf-8")
    found = _parsed(term)
    if isinstance(found, ox.Triple):
        raise ValueError(f"a quoted triple has no value: {term.decode('utf-8', 'replace')}")
    return found.value


def language(term: bytes) -> str:
    """The language tag of a literal (lower case, as Oxigraph writes it), or ``""``."""
    if term[:1] != b'"':
        return ""
    suffix = term[term.rindex(b'"') + 1 :]
    if not suffix or suffix[:2] == b"^^":
        return ""
    if suffix[:1] == b"@" and b"--" not in suffix:
        return suffix[1:].decode("ascii")
    found = _parsed(term)
    return (found.language or "") if isinstance(found, ox.Literal) else ""


def _parsed(term: bytes) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    """A term read by Oxigraph (one with an escape, a quoted triple, a base direction)."""
    quad: ox.Quad = next(iter(ox.parse(b"<urn:x:s> <urn:x:p> " + term + b" .\n", format=ox.RdfFormat.N_TRIPLES)))
    return quad.object
