"""The data graph a validation reads: triples indexed both ways in dicts, and an Oxigraph store for SPARQL.

Core constraints walk the dict indexes (a few hundred triples per article: a dict look-up beats any query);
SPARQL-based constraints run in an in-memory Oxigraph store, filled only when a focus node has one.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from urllib.parse import quote
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from lod.rdf.namespaces import iri

Triple = tuple[Node, Node, Node]
Index = dict[Node, dict[Node, None]]  # one subject's predicates -> objects (as keys, in the order first given)
_EMPTY: dict[Node, None] = {}
_NONE: dict[Node, dict[Node, None]] = {}

# rdflib term -> Oxigraph term, kept across articles: the vocabulary and reference terms recur in every one.
_TO_OX: dict[Node, Any] = {}
_FROM_OX: dict[Any, Node] = {}
_QUADS: dict[Triple, Any] = {}
_LIMIT = 200_000  # terms and quads kept; the context of a build's articles holds far fewer
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TYPE, _SUBCLASS_OF = iri(RDF.type), iri(RDFS.subClassOf)  # the process's one object of each (lod.rdf.namespaces.iri)


class Data:
    """Triples of one or more graphs, deduplicated, with the look-ups SHACL needs."""

    def __init__(self, graphs: Sequence[Iterable[Triple]], ntriples: bytes | None = None,
                 quads: Sequence[Any] | None = None, index: Sequence[tuple[Node, Index]] | None = None,
                 first: dict[Node, Index] | None = None) -> None:
        """``graphs``: each read twice at most (for SPARQL); all but the first are taken to recur from one
        validation to the next (the context), so their Oxigraph terms are kept. ``ntriples``: the first graph
        as N-Triples (rdflib's, blank nodes labelled with their ids), which Oxigraph parses when SPARQL needs
        the store, instead of converting each term here. ``quads``: the other graphs' triples as Oxigraph
        quads, as :func:`recurring_quads` gives them (a caller that keeps them spares converting them again).
        ``index``: the other graphs' triples by subject, as this data would index them (the same subjects,
        predicates and objects in the same order), from a caller that keeps them so (the context of an article:
        its nodes' slices recur, and indexing them again was half the indexing); they are taken as they are
        and never changed, a subject the first graph has too merged into a copy. ``first`` (with ``index``): the
        first graph's triples by subject, the same way (an article's, as the mapping indexed them), taken as
        they are too."""
        self._graphs = graphs
        self._ntriples = ntriples
        self._quads = quads
        self._labelled = False  # blank nodes are Oxigraph's blank nodes with the rdflib ids as labels
        self.out: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._inv: dict[Node, dict[Node, dict[Node, None]]] | None = None  # made when first asked (see inv)
        self._new: list[Triple] = []  # each triple once, in the order first given (with index: the first graph's)
        out, new = self.out, self._new
        self._later: Sequence[Iterable[Triple]] = ()  # the graphs indexed already, which inv reads too
        if index is not None:
            self._later = graphs if first is not None else graphs[1:]
            if first is not None:
                out.update(first)
        for graph in graphs if index is None else graphs[:1] if first is None else ():
            for triple in graph:
                s, p, o = triple
                by_p = out.get(s)
                if by_p is None:
                    by_p = out[s] = {}
                objects = by_p.get(p)
                if objects is None:
                    objects = by_p[p] = {}
                known = len(objects)
                objects[o] = None  # one hash of o, not two: a Literal's is computed in Python, every time
                if len(objects) != known:
                    new.append(triple)
        for subject, given in index or ():
            mine = out.get(subject)
            if mine is None:
                out[subject] = given
                continue
            mine = out[subject] = {p: dict(objects) for p, objects in mine.items()}  # never changes what it was given
            for p, objects in given.items():  # a node of the context the article says something of too
                mine.setdefault(p, {}).update(objects)
        self._supers: dict[Node, set[Node]] = {}
        self._store: ox.Store | None = None
        self._from_ox: dict[Any, Node] = {}
        self._bnodes: dict[Node, Any] = {}
        self.rows: dict[tuple[int, Node], list[dict[str, Node]]] = {}  # (id(SPARQL constraint), $this) -> rows
        self.conformance: dict[tuple[int, Node], bool] = {}  # (id(shape), node) -> conforms, for nested shapes
        self.memo: dict[Any, Any] = {}  # what a check of lod.shacl.proofs reads once per data

    @property
    def inv(self) -> dict[Node, dict[Node, dict[Node, None]]]:
        """Object -> predicate -> subjects, made from the triples in the order they were first given (the same
        dicts in the same order as if made while reading them): only an inverse path or a target of the
        objects of a predicate asks for it, which no shape of an article's nodes does today (half of indexing
        an article and its context, 0.4 ms, was this index)."""
        inv = self._inv
        if inv is None:
            inv = self._inv = {}
            for s, p, o in itertools.chain(self._new, *self._later):  # a triple again changes nothing
                back = inv.get(o)
                if back is None:
                    back = inv[o] = {}
                subjects = back.get(p)
                if subjects is None:
                    subjects = back[p] = {}
                subjects[s] = None
        return inv

    def objects(self, subject: Node, predicate: Node) -> dict[Node, None]:
        """The objects (as the keys of a dict the caller must not change)."""
        return self.out.get(subject, _NONE).get(predicate, _EMPTY)

    def subjects(self, predicate: Node, obj: Node) -> dict[Node, None]:
        return self.inv.get(obj, _NONE).get(predicate, _EMPTY)

    def superclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class it is an ``rdfs:subClassOf*`` of, in this data."""
        found = self._supers.get(cls)
        if found is None:
            found = {cls}
            todo = [cls]
            while todo:
                for parent in self.objects(todo.pop(), _SUBCLASS_OF):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._supers[cls] = found
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        """A SHACL instance: ``node rdf:type/rdfs:subClassOf* cls``."""
        supers = self._supers
        for t in self.out.get(node, _NONE).get(_TYPE, _EMPTY):  # a loop, not a generator: about 300 calls an article
            found = supers.get(t)
            if cls in (found if found is not None else self.superclasses(t)):  # t is among its own
                return True
        return False

    def instances(self, cls: Node) -> dict[Node, None]:
        """Every SHACL instance of ``cls``."""
        found: dict[Node, None] = {}
        for sub in self.subclasses(cls):
            found.update(dict.fromkeys(self.subjects(_TYPE, sub)))
        return found

    def subclasses(self, cls: Node) -> set[Node]:
        found, todo = {cls}, [cls]
        while todo:
            for child in self.subjects(_SUBCLASS_OF, todo.pop()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    # ---- the Oxigraph side, for SPARQL-based constraints ----

    def store(self) -> ox.Store:
        if self._store is None:
            quads: list[Any] = []
            graphs = list(enumerate(self._graphs))
            if self._ntriples is not None:
                try:  # labels kept: the parser's blank nodes are to_ox's
                    quads = list(ox.parse(self._ntriples, format=ox.RdfFormat.N_TRIPLES))
                    self._labelled = True
                    graphs = graphs[1:]
                except SyntaxError:  # an IRI Oxigraph refuses: every term converted, as below
                    quads = []
            if self._quads is not None:  # the recurring graphs' quads given: only the first graph to convert
                graphs = [(index, graph) for index, graph in graphs if index == 0]
            for index, graph in graphs:
                recurring = index > 0
                for s, p, o in graph:
                    quad = _QUADS.get((s, p, o)) if recurring else None
                    if quad is None:
                        quad = ox.Quad(self.to_ox(s, recurring), self.to_ox(p, recurring), self.to_ox(o, recurring))
                        if recurring and not isinstance(s, BNode) and not isinstance(o, BNode):
                            if len(_QUADS) > _LIMIT:
                                _QUADS.clear()
                            _QUADS[(s, p, o)] = quad
                    quads.append(quad)
            if self._quads is not None:
                quads.extend(self._quads)
            self._store = ox.Store()
            self._store.extend(quads)
        return self._store

    def to_ox(self, term: Node, keep: bool = False) -> Any:
        """The Oxigraph term; ``keep``: remembered across validations (a term of the context)."""
        if isinstance(term, BNode):
            converted = self._bnodes.get(term)
            if converted is None:
                converted = ox.BlankNode()
                if self._labelled:
                    try:
                        converted = ox.BlankNode(str(term))
                    except ValueError:  # not a label N-Triples allows: not one of the parsed graph's
                        pass
                self._bnodes[term] = converted
                self._from_ox[converted] = term
            return converted
        if keep:
            return _kept(term)
        converted = _TO_OX.get(term)
        if converted is None:
            converted = _convert(term)
            self._from_ox.setdefault(converted, term)
        return converted

    def from_ox(self, term: Any) -> Node:
        """The rdflib term this data holds for an Oxigraph term (a query's result); computed terms are converted."""
        known = self._from_ox.get(term) or _FROM_OX.get(term)
        if known is not None:
            return known
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        language, datatype = term.language, term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, lang=language) if language else Literal(term.value, datatype=URIRef(datatype))


def recurring_quads(triples: Iterable[Triple]) -> list[Any] | None:
    """Triples that recur from one validation to the next (a context's) as Oxigraph quads, their terms kept as
    :class:`Data` keeps them (so a query's answer maps back to the same rdflib terms), for ``Data(quads=)``;
    None if a blank node is among them (those are each validation's own)."""
    quads = []
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            return None
        quads.append(ox.Quad(_kept(s), _kept(p), _kept(o)))
    return quads


def _kept(term: Node) -> Any:
    """The Oxigraph term of a term that recurs, remembered both ways across validations."""
    converted = _TO_OX.get(term)
    if converted is None:
        converted = _convert(term)
        if len(_TO_OX) > _LIMIT:
            _TO_OX.clear()
            _FROM_OX.clear()
        _TO_OX[term] = converted
        _FROM_OX.setdefault(converted, term)
    return converted


def _convert(term: Node) -> Any:
    if isinstance(term, URIRef):
        try:
            return ox.NamedNode(str(term))
        except ValueError:  # an IRI Oxigraph refuses (a bad article's): escaped, and mapped back by from_ox
            escaped = quote(str(term), safe=":/?#[]@!$&'()*+,;=~")
            try:
                return ox.NamedNode(escaped)
            except ValueError:
                return ox.NamedNode("urn:lod:invalid-iri:" + hashlib.sha256(str(term).encode()).hexdigest())
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")
