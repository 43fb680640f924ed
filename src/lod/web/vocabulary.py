"""Our vocabulary and shapes as served: ``ontology/*.ttl`` and ``shapes/*.ttl``, rebased, with term labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from lod.rdf.namespaces import QB, SH, prefixes

from lod.rdf.rdffiles import read_rdf_dir
from lod.settings import Settings

__all__ = ["Constraint", "Header", "Section", "Term", "Vocabulary", "header", "load", "sections"]


@dataclass
class Vocabulary:
    """The ontology graph, the shapes graph, and the label of every term either defines."""

    ontology: Graph = field(default_factory=Graph)
    shapes: Graph = field(default_factory=Graph)
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, term: str) -> str | None:
        return self.labels.get(term)


def load(settings: Settings) -> Vocabulary:
    """Read both folders (missing folders give empty graphs).

    Raises:
        RdfSyntaxError: a file does not parse.
    """
    ontology = read_rdf_dir(settings.ontology_dir, settings.base_uri, settings.vocab_uri) if settings.ontology_dir.is_dir() else Graph()
    shapes = read_rdf_dir(settings.shapes_dir, settings.base_uri, settings.vocab_uri) if settings.shapes_dir.is_dir() else Graph()
    labels: dict[str, str] = {}
    for predicate in (SKOS.prefLabel, RDFS.label):
        for term, label in ontology.subject_objects(predicate):
            if isinstance(term, URIRef) and getattr(label, "language", None) in (None, "en"):
                labels.setdefault(str(term), str(label))
    return Vocabulary(ontology, shapes, labels)


# --- the documentation page ------------------------------------------------------------------------


@dataclass
class Term:
    """One documented term: a class, property, concept scheme, concept or shape."""

    iri: str
    anchor: str
    label: str
    comment: str | None
    facts: list[tuple[str, list[tuple[str, str]]]]  # (what, [(text, href)])
    constraints: list[Constraint] = field(default_factory=list)


@dataclass
class Constraint:
    """One property shape, as a row: the path, how many, of what, and the message when it fails."""

    path: tuple[str, str]
    count: str
    values: str
    message: str | None


@dataclass
class Header:
    """What the document's ``owl:Ontology`` says about itself."""

    title: str | None
    description: str | None
    version: str | None
    modified: str | None
    license: str | None


@dataclass
class Section:
    title: str
    terms: list[Term]


_SECTIONS: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("Classes", (OWL.Class, RDFS.Class)),
    ("Properties", (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, QB.DimensionProperty, QB.MeasureProperty, QB.AttributeProperty)),
    ("Concept schemes", (SKOS.ConceptScheme,)),
    ("Concepts", (SKOS.Concept,)),
    ("Shapes", (SH.NodeShape,)),
)
_FACTS: tuple[tuple[str, URIRef], ...] = (
    ("subclass of", RDFS.subClassOf),
    ("subproperty of", RDFS.subPropertyOf),
    ("domain", RDFS.domain),
    ("range", RDFS.range),
    ("in scheme", SKOS.inScheme),
    ("notation", SKOS.notation),
    ("close match", SKOS.closeMatch),
    ("targets", SH.targetClass),
    ("identifier", DCTERMS.identifier),
    ("message", SH.message),
)


def sections(graph: Graph, base: str, vocab: str) -> list[Section]:
    """Every class, property, concept scheme, concept and shape the graph defines, sorted by label."""
    out: list[Section] = []
    seen: set[Node] = set()
    for title, types in _SECTIONS:
        subjects = {s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef) and s not in seen}
        seen |= subjects
        terms = sorted((_term(graph, s, base, vocab) for s in subjects), key=lambda t: t.label.lower())
        if terms:
            out.append(Section(title, terms))
    return out


def _term(graph: Graph, subject: URIRef, base: str, vocab: str) -> Term:
    label = next((str(o) for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title) for o in graph.objects(subject, p)), None)
    comment = next((str(o) for p in (RDFS.comment, SKOS.definition, DCTERMS.description) for o in graph.objects(subject, p)), None)
    facts: list[tuple[str, list[tuple[str, str]]]] = []
    for what, predicate in _FACTS:
        values = [_fact(graph, o, base, vocab) for o in sorted(graph.objects(subject, predicate), key=str)]
        if values:
            facts.append((what, values))
    constraints = sorted((_constraint(graph, p, base, vocab) for p in graph.objects(subject, SH.property)), key=lambda c: c.path)
    iri = str(subject)
    anchor = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return Term(iri, anchor, label or anchor, comment, facts, constraints)


def header(graph: Graph, url: str) -> Header | None:
    """The header of the graph's ``owl:Ontology`` named ``url`` (or ``url/displacement``), else its first one."""
    ontologies = sorted(graph.subjects(RDF.type, OWL.Ontology), key=lambda o: (str(o) not in (url, url + "/displacement"), str(o)))
    if not ontologies:
        return None
    ontology = ontologies[0]

    def text(predicate: URIRef) -> str | None:
        value = graph.value(ontology, predicate)
        return str(value) if value is not None else None

    return Header(text(DCTERMS.title), text(DCTERMS.description), text(OWL.versionInfo), text(DCTERMS.modified), text(DCTERMS.license))


def _constraint(graph: Graph, shape: Node, base: str, vocab: str) -> Constraint:
    path = graph.value(shape, SH.path)
    low, high = graph.value(shape, SH.minCount), graph.value(shape, SH.maxCount)
    count = f"{low if low is not None else 0}..{high if high is not None else '*'}"
    kinds = [_fact(graph, o, base, vocab)[0] for p in (SH["class"], SH.datatype, SH.nodeKind) for o in graph.objects(shape, p)]
    if (pattern := graph.value(shape, SH.pattern)) is not None:
        kinds.append(f"matching {pattern}")
    if (minimum := graph.value(shape, SH.minInclusive)) is not None:
        kinds.append(f">= {minimum}")
    message = graph.value(shape, SH.message)
    shown = _fact(graph, path, base, vocab) if path is not None and not isinstance(path, BNode) else ("(a path)", "")
    return Constraint(shown, count, ", ".join(kinds), str(message) if message is not None else None)


def _fact(graph: Graph, node: Node, base: str, vocab: str) -> tuple[str, str]:
    if isinstance(node, URIRef):
        iri = str(node)
        label = next((str(o) for p in (SKOS.prefLabel, RDFS.label) for o in graph.objects(node, p)), None)
        return label or _curie(iri, base, vocab), iri
    return str(node), ""


def _curie(iri: str, base: str, vocab: str) -> str:
    for name, namespace in sorted(prefixes(base, vocab).items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return iri
