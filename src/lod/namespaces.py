"""The vocabularies we reuse, and our own namespace under the configured base URI."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD, DefinedNamespace

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

# Files in ontology/, shapes/ and data/reference/ are written against this base; loading rebases them.
DEFAULT_BASE = "http://127.0.0.1:8000/"
VOCAB_PATH = "def/displacement#"


def dis(base: str) -> Namespace:
    """Our vocabulary's namespace under ``base``."""
    return Namespace(base + VOCAB_PATH)


def rebase(text: str, base: str, old: str = DEFAULT_BASE) -> str:
    """Rewrite text written against ``old`` (by default DEFAULT_BASE) so its IRIs live under ``base``."""
    return text if base == old else text.replace(old, base)


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


def prefixes(base: str) -> dict[str, str]:
    """Prefix map for output, including ``dis:`` and the entity space under ``base``."""
    out = {name: str(ns) for name, ns in PREFIXES.items()}
    out["dis"] = str(dis(base))
    out["id"] = base + "id/"
    return out
