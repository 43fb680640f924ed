"""Every format lod reads or writes, defined once.

Negotiation, the CLI's ``--format`` choices, dumps, file loading and the docs all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """A serialization: its name, media type, file extension and the engine formats behind it."""

    name: str
    media_type: str
    extension: str
    aliases: tuple[str, ...] = ()
    supports_datasets: bool = False
    rdf: ox.RdfFormat | None = field(default=None, compare=False)
    results: ox.QueryResultsFormat | None = field(default=None, compare=False)
    rdflib_name: str | None = None

    def __str__(self) -> str:
        return self.name

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


TURTLE = Format("ttl", "text/turtle", "ttl", ("application/x-turtle",), rdf=ox.RdfFormat.TURTLE, rdflib_name="turtle")
NTRIPLES = Format("nt", "application/n-triples", "nt", ("text/plain",), rdf=ox.RdfFormat.N_TRIPLES, rdflib_name="nt")
NQUADS = Format("nq", "application/n-quads", "nq", ("text/x-nquads",), True, rdf=ox.RdfFormat.N_QUADS, rdflib_name="nquads")
TRIG = Format("trig", "application/trig", "trig", (), True, rdf=ox.RdfFormat.TRIG, rdflib_name="trig")
JSONLD = Format("jsonld", "application/ld+json", "jsonld", ("application/json",), True, rdf=ox.RdfFormat.JSON_LD, rdflib_name="json-ld")
RDFXML = Format("rdf", "application/rdf+xml", "rdf", ("application/xml",), rdf=ox.RdfFormat.RDF_XML, rdflib_name="xml")
HTML = Format("html", "text/html", "html", ("application/xhtml+xml",))

SPARQL_JSON = Format("srj", "application/sparql-results+json", "srj", ("application/json",), results=ox.QueryResultsFormat.JSON)
SPARQL_XML = Format("srx", "application/sparql-results+xml", "srx", ("application/xml",), results=ox.QueryResultsFormat.XML)
SPARQL_CSV = Format("csv", "text/csv", "csv", (), results=ox.QueryResultsFormat.CSV)
SPARQL_TSV = Format("tsv", "text/tab-separated-values", "tsv", (), results=ox.QueryResultsFormat.TSV)

RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, NQUADS, TRIG)
# What an entity document offers, in order of preference for */* (Turtle first for machines).
DOCUMENT_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)
GRAPH_RESULT_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML)
SOLUTION_RESULT_FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)
DUMP_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, NQUADS, JSONLD)
ALL_FORMATS: tuple[Format, ...] = (*RDF_FORMATS, HTML, *SOLUTION_RESULT_FORMATS)


def by_name(name: str, among: tuple[Format, ...] = ALL_FORMATS) -> Format:
    """Find a format by its short name or extension (``ttl``, ``jsonld``).

    Raises:
        KeyError: no such format.
    """
    for fmt in among:
        if name in (fmt.name, fmt.extension):
            return fmt
    raise KeyError(name)


def by_extension(extension: str, among: tuple[Format, ...] = ALL_FORMATS) -> Format | None:
    """The format whose file extension is ``extension`` (with or without the dot), or None."""
    ext = extension.lstrip(".").lower()
    return next((f for f in among if f.extension == ext), None)


def by_media_type(media_type: str, among: tuple[Format, ...] = ALL_FORMATS) -> Format | None:
    """The format for a media type, ignoring parameters and case, or None."""
    bare = media_type.split(";", 1)[0].strip().lower()
    return next((f for f in among if bare in f.media_types), None)


def from_ntriples(data: bytes, fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    """N-Triples (as an engine wrote them) in ``fmt``, parsed straight into the writer: no list of triples between."""
    assert fmt.rdf is not None
    if fmt.rdf == ox.RdfFormat.N_TRIPLES:
        return data
    return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=fmt.rdf, prefixes=prefixes) or b""
