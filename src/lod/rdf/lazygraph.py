"""An rdflib graph read from N-Triples one subject at a time, as it is asked about.

The reference graph holds about 70,000 triples, and rdflib takes seconds to make that many terms and index them;
a command that maps or checks a few articles asks about a few hundred of its nodes. :func:`lazy_graph` keeps the
N-Triples grouped by subject (:func:`by_subject`) and parses a subject's lines the first time a pattern names that
subject; a pattern without a subject, the graph's length or a removal parses the rest first, so the graph always
answers as the whole graph would. The text itself stays available (:func:`source`), for writers that want
N-Triples anyway. Threads may share one (the web app prepares uploads in its thread pool): reading and filling
take one lock, and a pattern's matches are listed under it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

__all__ = ["by_subject", "lazy_graph", "source", "subjects"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Chunks = dict[str, bytes]  # a subject as N-Triples writes it ("<iri>", "_:label") -> its lines


def by_subject(ntriples: bytes) -> Chunks:
    """N-Triples lines grouped by subject (lines as written by rdflib or Oxigraph: one triple a line, the subject
    first and followed by a space), subjects and lines in sorted order."""
    chunks: dict[str, list[bytes]] = {}
    for line in sorted(set(ntriples.splitlines(keepends=True))):
        if line.strip():
            chunks.setdefault(line[: line.index(b" ")].decode("utf-8"), []).append(line)
    return {subject: b"".join(lines) for subject, lines in chunks.items()}


def lazy_graph(chunks: Chunks, rewrite: Callable[[bytes], bytes] = lambda text: text) -> Graph:
    """A read-only graph of ``chunks`` (:func:`by_subject`), each ``rewrite``-n when it is parsed (the subjects
    must be given rewritten already)."""
    return Graph(store=_LazyStore(chunks, rewrite))


def source(graph: Graph) -> bytes | None:
    """The N-Triples a :func:`lazy_graph` was made from (rewritten), or None for any other graph."""
    store = graph.store
    return store.ntriples() if isinstance(store, _LazyStore) else None


def subjects(graph: Graph) -> frozenset[str] | None:
    """The subjects of a :func:`lazy_graph`, as N-Triples writes them (``<iri>``, ``_:label``), read from its
    chunks without parsing any; None for any other graph."""
    store = graph.store
    return frozenset(store._chunks) if isinstance(store, _LazyStore) else None


class _LazyStore(SimpleMemory):
    """rdflib's simplest in-memory store, filled a subject at a time from N-Triples."""

    def __init__(self, chunks: Chunks, rewrite: Callable[[bytes], bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._pending = set(chunks)
        self._rewrite = rewrite
        self._terms: dict[Any, Node] = {}  # Oxigraph term -> rdflib term, made once (predicates, places recur)
        self._lock = threading.RLock()

    def ntriples(self) -> bytes:
        return self._rewrite(b"".join(self._chunks.values()))

    def pending(self) -> int:
        """Subjects not read yet."""
        return len(self._pending)

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        with self._lock:
            if self._pending:
                subject = triple_pattern[0]
                if subject is None:
                    self._load_all()
                elif isinstance(subject, URIRef):
                    self._load_subject(f"<{subject}>")
                elif isinstance(subject, BNode):
                    self._load_subject(f"_:{subject}")
            return iter(list(super().triples(triple_pattern, context)))

    def __len__(self, context: Any = None) -> int:
        with self._lock:
            self._load_all()
            return super().__len__(context)

    def remove(self, triple_pattern: Any, context: Any = None) -> None:
        with self._lock:
            self._load_all()
            super().remove(triple_pattern, context)

    def _load_subject(self, key: str) -> None:
        if key in self._pending:
            self._load(self._chunks[key])
            self._pending.discard(key)  # only once its triples are in: another thread waits on the lock meanwhile

    def _load_all(self) -> None:
        if self._pending:
            self._load(b"".join(self._chunks[key] for key in sorted(self._pending)))
            self._pending = set()

    def _load(self, text: bytes) -> None:
        term, add = self._term, super().add
        nowhere: Any = None  # the store holds one graph
        for quad in ox.parse(self._rewrite(text), format=ox.RdfFormat.N_TRIPLES):
            add((term(quad.subject), term(quad.predicate), term(quad.object)), nowhere)

    def _term(self, term: Any) -> Node:
        """An Oxigraph term as rdflib's N-Triples parser would give it (blank nodes keep their labels, so a
        subject parsed later is the same node as the object that led to it)."""
        made = self._terms.get(term)
        if made is None:
            made = self._terms[term] = _rdflib(term)
        return made


def _rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)  # a plain literal, as rdflib writes and reads it
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
