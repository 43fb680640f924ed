"""The VoID/DCAT description of the dataset and its dump files (``void.ttl`` in the dumps folder).

``statistics()`` counts the dataset in the store; ``describe()`` turns the counts and the dump files written by
:func:`lod.publish.dumps.write_dumps` into one graph. Build dates live only here: the store holds no timestamps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

import pyoxigraph as ox

from lod.formats import DUMP_FORMATS, JSONLD, NQUADS, NTRIPLES, TURTLE, Format
from lod.places.reference import ATTRIBUTION_GEONAMES, ATTRIBUTION_OCHA, SOURCE_GEONAMES, SOURCE_OCHA
from lod.rdf.namespaces import SCHEMA, SD, dis, prefixes
from lod.rdf.ntriples import ntriples
from lod.store import Solutions, Store

if TYPE_CHECKING:
    from lod.publish.dumps import DumpFile, Pending

__all__ = ["Census", "Statistics", "dataset_uri", "describe", "distribute", "example_classes", "statistics", "turtle"]

DATASET_NAME = "lod"  # the last segment of the dataset's IRI, and the stem of its dump files

SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
# The ADMS status of a distribution (DCAT-AP's): a file still being prepared; a ready one has no status.
UNDER_DEVELOPMENT = URIRef("http://purl.org/adms/status/UnderDevelopment")
WITHDRAWN = URIRef("http://purl.org/adms/status/Withdrawn")  # a file its maker could not make (tried again at its next start)
IANA = "https://www.iana.org/assignments/media-types/"
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
CC_BY_IGO = URIRef("https://creativecommons.org/licenses/by/3.0/igo/")
W3C_FORMATS = {TURTLE: "Turtle", NTRIPLES: "N-Triples", NQUADS: "N-Quads", JSONLD: "JSON-LD"}


def dataset_uri(base: str) -> URIRef:
    """The IRI of the dataset that the description and the dumps are about."""
    return URIRef(f"{base}id/dataset/{DATASET_NAME}")


@dataclass
class Statistics:
    """What VoID says about the dataset, counted over the union of all graphs."""

    triples: int
    entities: int
    classes: int
    properties: int
    distinct_subjects: int
    distinct_objects: int
    graphs: dict[str, int]
    vocabularies: list[str]
    examples: list[str]


@dataclass
class Census:
    """What VoID counts in the union of the graphs, counted by the caller (while writing the N-Triples dump)."""

    subjects: int
    properties: int
    classes: int
    used: set[str]  # the IRIs of every predicate and every class
    examples: list[str] | None = None  # VoID's example resources (see ``example_classes``), when counted too


def example_classes(vocab: str) -> tuple[URIRef, ...]:
    """The classes of VoID's example resources: of each, the smallest IRI under the URI space (so the same data
    always gives the same examples)."""
    return (SCHEMA.NewsArticle, dis(vocab).DisplacementObservation, dis(vocab).Statement, SCHEMA.AdministrativeArea)


def statistics(store: Store, base: str, vocab: str, *, triples: int | None = None, entities: int | None = None,
               census: Census | None = None, graphs: dict[str, int] | None = None) -> Statistics:
    """Count what VoID says about the dataset in ``store``, whose own IRIs start with ``base`` (its vocabulary's with
    ``vocab``). ``triples``, ``entities``, ``census`` and ``graphs`` (each named graph's quads): the counts when the
    caller has them (counted while writing the dumps), which spares a ``DISTINCT`` over every triple of the store
    (a hash set of all of them) and queries that read every triple again."""

    def select(query: str) -> list[list[str]]:
        rows = store.query(query)
        assert isinstance(rows, Solutions)
        return [[row[name] for name in rows.variables] for row in rows.values()]

    space = json.dumps(f"{base}id/")
    # A store that shares its server with other data (a remote store: Virtuoso keeps its own system graphs in its
    # default graph) says which graphs are ours; every count is then of those graphs alone.
    scope = store.graph_scope
    ours = f"FILTER(STRSTARTS(STR(?g), {json.dumps(scope)}))" if scope else ""

    def triple(s: str = "?s", p: str = "?p", o: str = "?o") -> str:
        return f"GRAPH ?g {{ {s} {p} {o} }} {ours}" if scope else f"{s} {p} {o}"

    if triples is None:
        [[counted]] = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {triple()} }} }}")
        triples = int(counted)
    if census is None:
        [[subjects, properties, objects]] = select(
            f"SELECT (COUNT(DISTINCT ?s) AS ?ns) (COUNT(DISTINCT ?p) AS ?np) (COUNT(DISTINCT ?o) AS ?no) WHERE {{ {triple()} }}"
        )
    else:
        [[objects]] = select(f"SELECT (COUNT(DISTINCT ?o) AS ?no) WHERE {{ {triple()} }}")
        subjects, properties = str(census.subjects), str(census.properties)
    if entities is None:
        [[found]] = select(
            f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {triple()} FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) }}"
        )
        entities = int(found)
    if census is None:
        [[classes]] = select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {triple(p='a', o='?c')} }}")
        used = {iri for [iri] in select(
            f"SELECT DISTINCT ?i WHERE {{ {{ {triple(p='?i')} }} UNION {{ {triple(p='a', o='?i')} FILTER isIRI(?i) }} }}")}
    else:
        classes, used = str(census.classes), census.used
    if graphs is None:
        graphs = {g: int(n) for g, n in select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ours} }} GROUP BY ?g")}
    known = sorted(prefixes(base, vocab).values(), key=len, reverse=True)
    vocabularies = {next((ns for ns in known if iri.startswith(ns)), _namespace_of(iri)) for iri in used}
    examples = census.examples if census is not None else None
    if examples is None:
        examples = []
        for cls in example_classes(vocab):
            # ORDER BY rather than MIN ... HAVING without GROUP BY, which Virtuoso refuses.
            examples += [row[0] for row in select(
                f"SELECT ?s WHERE {{ {triple(p='a', o=f'<{cls}>')} FILTER STRSTARTS(STR(?s), {space}) }} ORDER BY STR(?s) LIMIT 1"
            )]
    return Statistics(
        triples=triples,
        entities=entities,
        classes=int(classes),
        properties=int(properties),
        distinct_subjects=int(subjects),
        distinct_objects=int(objects),
        graphs=graphs,
        vocabularies=sorted(vocabularies - {f"{base}id/"}),
        examples=examples,
    )


def _namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def describe(files: list[DumpFile], stats: Statistics, base: str, vocab: str, *, issued: datetime, modified: datetime,
             pending: list[Pending] | None = None) -> Graph:
    """The VoID + DCAT description of the dataset and its dump files (and of those still ``pending``)."""
    g = Graph()
    for name, iri in {**prefixes(base, vocab), "spdx": str(SPDX), "sd": str(SD), "adms": str(ADMS)}.items():
        g.bind(name, iri, override=True, replace=True)
    ds = dataset_uri(base)
    when = Literal(modified.isoformat(), datatype=XSD.dateTime)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("Conflict and displacement reports as linked data", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "News articles about conflict and displacement in Syria, mapped to organizations, statements, places, events "
        "and displacement observations, each traced to the sentence it came from.", lang="en")))
    g.add((ds, DCTERMS.license, CC_BY_4))
    g.add((ds, DCTERMS.rights, Literal(
        "Our data: CC BY 4.0. Place data from the gazetteer: Syria administrative boundaries and P-codes (COD-AB, "
        "2020-12-17), UNCS and UN OCHA (OCHA Syria), and Syria community P-codes (admin 4), UN OCHA Syria, via HDX, "
        "CC BY-IGO; GeoNames, CC BY 4.0.", lang="en")))
    for source, title, licence, citation in (
        (SOURCE_OCHA, "Syria administrative boundaries (COD-AB)", CC_BY_IGO, ATTRIBUTION_OCHA),
        (SOURCE_GEONAMES, "GeoNames", CC_BY_4, ATTRIBUTION_GEONAMES),
    ):
        g.add((ds, DCTERMS.source, source))
        g.add((source, DCTERMS.title, Literal(title)))
        g.add((source, DCTERMS.license, licence))
        g.add((source, DCTERMS.bibliographicCitation, Literal(citation)))
    g.add((ds, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.dateTime)))
    g.add((ds, DCTERMS.modified, when))
    g.add((ds, DCAT.landingPage, URIRef(base)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    g.add((ds, VOID.uriSpace, Literal(f"{base}id/")))
    for prop, value in (
        (VOID.triples, stats.triples), (VOID.entities, stats.entities), (VOID.classes, stats.classes),
        (VOID.properties, stats.properties), (VOID.distinctSubjects, stats.distinct_subjects),
        (VOID.distinctObjects, stats.distinct_objects),
    ):
        g.add((ds, prop, Literal(value, datatype=XSD.integer)))
    for example in stats.examples:
        g.add((ds, VOID.exampleResource, URIRef(example)))
    for vocabulary in stats.vocabularies:
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for fmt in DUMP_FORMATS:
        g.add((ds, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{W3C_FORMATS[fmt]}")))
    for graph, count in sorted(stats.graphs.items()):
        subset = URIRef(f"{ds}#{graph[len(base):] if graph.startswith(base) else graph}")
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, URIRef(graph)))
        g.add((subset, VOID.triples, Literal(count, datatype=XSD.integer)))
    distribute(g, files, pending or [], base)
    return g


def distribute(g: Graph, files: list[DumpFile], pending: list[Pending], base: str) -> None:
    """Describe in ``g`` (a description from :func:`describe`) the dump files, ready and pending, in place of
    those it described: a ready file is a ``void:dataDump`` with its size and checksum; a pending one a
    distribution with the ADMS status "under development", the same download URL (503 until it is made) and no
    size or checksum yet."""
    ds = dataset_uri(base)
    for old in list(g.objects(ds, DCAT.distribution)):
        for checksum in list(g.objects(old, SPDX.checksum)):
            g.remove((checksum, None, None))
        g.remove((old, None, None))
    g.remove((ds, DCAT.distribution, None))
    g.remove((ds, VOID.dataDump, None))
    for f in files:
        dist = _distribution(g, ds, f.name, f.format, f.gzip, f.triples, base, "")
        g.add((ds, VOID.dataDump, URIRef(f"{base}dumps/{f.name}")))
        g.add((dist, DCAT.byteSize, Literal(f.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.modified, Literal(f.modified.isoformat(), datatype=XSD.dateTime)))
        checksum = BNode()
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(f.sha256, datatype=XSD.hexBinary)))
    for p in pending:
        note = (f" Could not be made from {p.source} ({p.failed}): its download answers 503; tried again at the next start"
                " of the server or by `lod dump --missing`." if p.failed else
                f" Being prepared from {p.source}: its download answers 503 until it is ready.")
        dist = _distribution(g, ds, p.name, p.format, p.gzip, p.triples, base, note)
        g.add((dist, ADMS.status, WITHDRAWN if p.failed else UNDER_DEVELOPMENT))


def _distribution(g: Graph, ds: URIRef, name: str, fmt: Format, gzip: bool, triples: int, base: str, note: str) -> URIRef:
    dist = URIRef(f"{ds}#dump-{name}")
    url = URIRef(f"{base}dumps/{name}")
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    packed = ", gzip-compressed" if gzip else ""
    scope = "quads, every graph kept" if fmt.supports_datasets else "triples, the union of all graphs"
    g.add((dist, DCTERMS.title, Literal(f"{W3C_FORMATS[fmt]} dump{packed}", lang="en")))
    g.add((dist, DCTERMS.description, Literal(f"{triples} {scope}{packed}.{note}", lang="en")))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.accessURL, URIRef(f"{base}dumps/")))
    g.add((dist, DCAT.mediaType, URIRef(IANA + fmt.media_type)))
    if gzip:
        g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
    g.add((dist, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((dist, DCTERMS.license, CC_BY_4))
    return dist


def turtle(description: Graph, base: str, vocab: str) -> bytes:
    """The description as Turtle, each subject's triples together (sorted), written by Oxigraph: rdflib's Turtle
    writer took 3.5 CPU seconds for the 40,000 triples that the subsets of 10,000 articles' graphs make."""
    lines = sorted(ntriples(description).splitlines(keepends=True))
    pending = {"adms": str(ADMS)} if (None, ADMS.status, None) in description else {}
    used = {name: iri for name, iri in sorted({**prefixes(base, vocab), "spdx": str(SPDX), "sd": str(SD), **pending}.items())
            if name != "id"}  # the dump files' IRIs would need escapes as id: names (id:dataset\/lod\#dump-...)
    return ox.serialize(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=used) or b""
