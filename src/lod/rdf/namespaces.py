"""The vocabularies we reuse, and our own: the ``dis:`` vocabulary and its concept schemes live under a namespace
of their own (``LOD_VOCAB_URI``, by default a persistent w3id.org URI), whatever base URI the data is served under."""

from __future__ import annotations

import re

from typing import Any

from rdflib import Namespace as _Namespace
from rdflib import URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD, DefinedNamespace


_IRIS: dict[URIRef, URIRef] = {}  # the one object of each vocabulary IRI in this process (see iri)


def iri(term: URIRef) -> URIRef:
    """The one object of this process for the IRI ``term`` (the first given). rdflib compares two different
    objects of the same IRI in Python (``Identifier.__eq__``) at every dict look-up, and one object with itself
    not at all: the terms of the vocabularies (here), of the shapes and of the context of an article
    (:mod:`lod.shacl`, :mod:`lod.pipeline.preparation`) are the same objects, so validating an article compares none
    (about 600 calls an article). For vocabulary terms only: the table is never emptied."""
    return _IRIS.setdefault(term, term)


class Namespace(_Namespace):
    """rdflib's ``Namespace``, each term made once: rdflib makes a new URIRef (and checks its characters) at every
    ``SCHEMA.name``, which mapping and validating articles do hundreds of times an article."""

    def __getattr__(self, name: str) -> URIRef:
        term = iri(super().__getattr__(name))
        self.__dict__[name] = term
        return term


class Terms:
    """The terms of one of rdflib's own vocabularies (``Terms(RDF).type``), each looked up once: rdflib's
    ``RDF.type`` runs a metaclass look-up and makes a new URIRef at every use."""

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace: Any = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term: URIRef = iri(getattr(self._namespace, name))
        self.__dict__[name] = term
        return term


SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCT = DCTERMS

# Files in ontology/, shapes/ and data/reference/ are written against these two; loading rebases them.
DEFAULT_BASE = "http://127.0.0.1:8000/"
DEFAULT_VOCAB = "https://w3id.org/lod-syria/def/"
# Where the vocabulary lived before it had a namespace of its own: text written against it still loads.
LEGACY_VOCAB = DEFAULT_BASE + "def/"
VOCAB_NAME = "displacement#"
VOCAB_PATH = "def/" + VOCAB_NAME  # the vocabulary's document on every deployment, ``{LOD_BASE_URI}def/displacement``


def dis(vocab: str) -> Namespace:
    """The ``dis:`` namespace under the vocabulary namespace ``vocab`` (``Settings.vocab_uri``, not the base URI)."""
    return Namespace(vocab + VOCAB_NAME)


def rebase(text: str, base: str, vocab: str) -> str:
    """Rewrite text written against DEFAULT_VOCAB (or LEGACY_VOCAB) and DEFAULT_BASE so its vocabulary IRIs live
    under ``vocab`` and the rest under ``base``, in one pass (so one rewrite never feeds the next)."""
    mapping = {DEFAULT_VOCAB: vocab, LEGACY_VOCAB: vocab, DEFAULT_BASE: base}
    if all(old == new for old, new in mapping.items() if old != LEGACY_VOCAB) and LEGACY_VOCAB not in text:
        return text
    return _OLD.sub(lambda match: mapping[match.group()], text)


_OLD = re.compile("|".join(re.escape(old) for old in sorted((DEFAULT_VOCAB, LEGACY_VOCAB, DEFAULT_BASE), key=len, reverse=True)))


# rdflib's own vocabularies are DefinedNamespace classes, not Namespace objects; str() gives the IRI of both.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "time": TIME,
    "qb": QB,
    "sdmx-dimension": SDMX_DIM,
    "sem": SEM,
    "skos": SKOS,
    "dct": DCTERMS,
    "foaf": FOAF,
    "geo": GEO,
    "dcat": DCAT,
    "void": VOID,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}


def prefixes(base: str, vocab: str) -> dict[str, str]:
    """Prefix map for output, including ``dis:`` under ``vocab`` and the entity space under ``base``."""
    out = {name: str(ns) for name, ns in PREFIXES.items()}
    out["dis"] = str(dis(vocab))
    out["id"] = base + "id/"
    return out
