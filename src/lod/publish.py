"""Dumps of the whole dataset, and the VoID/DCAT description that lists them.

``dump()`` writes one format to any binary stream (``lod dump``); ``write_dumps()`` writes every format,
plain and gzipped, into the dumps folder with ``void.ttl`` and ``catalog.json`` beside them (``lod build``);
``read_catalog()`` reads that folder back for the web layer.

Turtle and N-Triples are graph formats, so they hold the union of all graphs (each triple once). N-Quads and
JSON-LD keep the named graphs. The JSON-LD dump is compact: ``"@context"`` is the published context
(``{base}context.jsonld``, from ``context.jsonld`` beside this module), so it reads as plain JSON. It is written
here, streaming, one node per line, and not by a JSON-LD processor: compacting Oxigraph's expanded JSON-LD
with PyLD is about 15 times slower (1.7 s against 0.1 s for 10,000 quads) and holds the whole document in
memory. Every value is written either in the exact form its term's ``@type`` coerces or as an explicit
``@value``/``@id`` object, so the dump expands back to exactly the store's quads.

The store holds no timestamps, so two builds give the same triples; build dates live only in the description.
"""

from __future__ import annotations

import gzip as gzip_module
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from pyld.jsonld import JsonLdError
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from lod.formats import DUMP_FORMATS, JSONLD, NQUADS, NTRIPLES, TURTLE, Format, by_name
from lod.namespaces import SCHEMA, SD, dis, prefixes, rebase
from lod.settings import Settings
from lod.store import OxigraphStore

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
DUMP_STEM = "lod"
DESCRIPTION_FILE = "void.ttl"
CATALOG_FILE = "catalog.json"

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "https://www.iana.org/assignments/media-types/"
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
CC_BY_IGO = URIRef("https://creativecommons.org/licenses/by/3.0/igo/")
W3C_FORMATS = {TURTLE: "Turtle", NTRIPLES: "N-Triples", NQUADS: "N-Quads", JSONLD: "JSON-LD"}

# Every triple of the default graph and the named graphs, once. CONSTRUCT alone forgets what it emitted after
# about a million triples; DISTINCT keeps them all (memory grows with the union). Oxigraph scans graph by graph
# and subject by subject, so the Turtle still groups each subject's triples.
_UNION = (
    "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
)


# --- the published JSON-LD context ---------------------------------------------------------------


def context_url(base: str) -> str:
    """Where the web app serves the context, and what every JSON-LD dump names as its ``@context``."""
    return base + "context.jsonld"


def load_context(base: str) -> dict[str, Any]:
    """The context document (``{"@context": {...}}``) with its IRIs under ``base``."""
    return json.loads(_context_text(base))  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def _context_text(base: str) -> str:
    return rebase(CONTEXT_FILE.read_text(encoding="utf-8"), base)


def document_loader(base: str) -> Callable[..., dict[str, Any]]:
    """A PyLD document loader that answers our context URL from the local file and refuses everything else.

    Use it to read a dump offline: ``jsonld.to_rdf(doc, {"documentLoader": document_loader(base)})``.
    """
    url = context_url(base)

    def load(requested: str, options: object = None) -> dict[str, Any]:
        if requested != url:
            message = f"refusing to fetch {requested}"
            raise JsonLdError(message, "jsonld.LoadDocumentError", code="loading document failed")
        document = load_context(base)
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}

    return load


# --- one dump to a stream ------------------------------------------------------------------------


def dump(store: OxigraphStore, fmt: Format, out: IO[bytes], *, base: str, gzip: bool = False) -> None:
    """Write the whole dataset to ``out`` in ``fmt`` (one of ``DUMP_FORMATS``), gzipped if asked.

    Raises:
        ValueError: ``fmt`` is not a dump format, or an IRI cannot be written in compact JSON-LD.
    """
    if not gzip:
        _dump(store, fmt, out, base)
        return
    with gzip_module.GzipFile(fileobj=out, mode="wb", compresslevel=6, mtime=0, filename="") as zipped:
        _dump(store, fmt, zipped, base)


def _dump(store: OxigraphStore, fmt: Format, out: IO[bytes], base: str) -> int:
    """Write one dump; return how many triples (graph formats) or quads (dataset formats) it holds."""
    engine = store.engine
    if fmt == NQUADS:
        engine.dump(out, format=ox.RdfFormat.N_QUADS)
        return len(engine)
    if fmt in (TURTLE, NTRIPLES):
        counter = _Counter(engine.query(_UNION))  # type: ignore[arg-type]
        assert fmt.rdf is not None
        ox.serialize(counter, out, format=fmt.rdf, prefixes=prefixes(base) if fmt == TURTLE else None)
        return counter.count
    if fmt == JSONLD:
        return _JsonLdWriter(load_context(base)["@context"], out).write(engine, context_url(base))
    raise ValueError(f"{fmt} is not a dump format; use one of {', '.join(f.name for f in DUMP_FORMATS)}")


class _Counter:
    def __init__(self, items: Iterable[ox.Triple]) -> None:
        self._items = iter(items)
        self.count = 0

    def __iter__(self) -> Iterator[ox.Triple]:
        for item in self._items:
            self.count += 1
            yield item


# --- compact JSON-LD, streamed ----------------------------------------------------------------------

_XSD = str(XSD)
_RDF_TYPE = str(RDF.type)
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,14})")  # JSON numbers stay exact below 2**53


class _JsonLdWriter:
    """Writes the store as ``{"@context": url, "@graph": [default nodes..., {"@id": g, "@graph": [...]}...]}``."""

    def __init__(self, context: dict[str, Any], out: IO[bytes]) -> None:
        self._out = out
        self._buffer: list[str] = []
        self._size = 0
        # A prefix is a plain string ending in / or #; longest namespace first so the most specific wins.
        namespaces = {name: iri for name, iri in context.items() if isinstance(iri, str) and iri[-1:] in "/#"}
        self._namespaces = sorted(((iri, name) for name, iri in namespaces.items()), key=lambda p: -len(p[0]))
        self._terms = set(context)
        # Property IRI -> (term, its @type coercion as a full IRI or "@id", or None).
        self._properties: dict[str, tuple[str, str | None]] = {}
        for term, definition in context.items():
            if term in namespaces:
                continue
            if isinstance(definition, str):
                iri, coercion = definition, None
            else:
                iri, coercion = definition["@id"], definition.get("@type")
            if coercion is not None and coercion != "@id":
                coercion = self._expand(coercion, namespaces)
            self._properties[self._expand(iri, namespaces)] = (term, coercion)
        self._compact = lru_cache(maxsize=1 << 16)(self._compact_iri)

    @staticmethod
    def _expand(curie: str, namespaces: dict[str, str]) -> str:
        prefix, _, local = curie.partition(":")
        return namespaces[prefix] + local if prefix in namespaces else curie

    def write(self, engine: ox.Store, url: str) -> int:
        self._emit('{"@context": ' + json.dumps(url) + ',\n"@graph": [')
        separator = "\n"
        for node in self._nodes(engine.quads_for_pattern(None, None, None, ox.DefaultGraph())):
            self._emit(separator + node)
            separator = ",\n"
        graphs = sorted((g for g in engine.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
        for graph in graphs:
            head = separator + '{"@id": ' + json.dumps(self._compact(graph.value)) + ', "@graph": [\n'
            inner = ""
            for node in self._nodes(engine.quads_for_pattern(None, None, None, graph)):
                self._emit((inner or head) + node)
                inner = separator = ",\n"
            if inner:
                self._emit("\n]}")
        self._emit("\n]}\n")
        self._flush()
        return len(engine)

    def _nodes(self, quads: Iterable[ox.Quad]) -> Iterator[str]:
        """Node objects as JSON text, one per run of quads with the same subject (Oxigraph's GSPO order)."""
        subject: object = None
        node: dict[str, list[Any]] = {}
        for quad in quads:
            if quad.subject != subject:
                if node:
                    yield self._node_text(subject, node)
                subject, node = quad.subject, {}
            predicate = quad.predicate.value
            obj = quad.object
            if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
                node.setdefault("@type", []).append(self._compact(obj.value))
                continue
            key, coercion = self._properties.get(predicate) or (self._compact(predicate), None)
            node.setdefault(key, []).append(self._value(obj, coercion))
        if node:
            yield self._node_text(subject, node)

    def _node_text(self, subject: object, node: dict[str, list[Any]]) -> str:
        out: dict[str, Any] = {"@id": self._term_id(subject)}
        if "@type" in node:
            types = node.pop("@type")
            out["@type"] = types[0] if len(types) == 1 else types
        for key in sorted(node):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        return json.dumps(out, ensure_ascii=False, separators=(", ", ": "))

    def _term_id(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return self._compact(term.value)  # type: ignore[no-any-return]
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        raise ValueError(f"cannot write {term!r} as a JSON-LD node")

    def _value(self, obj: object, coercion: str | None) -> Any:
        if isinstance(obj, (ox.NamedNode, ox.BlankNode)):
            ref = self._term_id(obj)
            return ref if coercion == "@id" else {"@id": ref}
        if not isinstance(obj, ox.Literal):
            raise ValueError(f"cannot write {obj!r} in JSON-LD")
        value, datatype = obj.value, obj.datatype.value
        if obj.language:
            direction = getattr(obj, "direction", None)  # RDF 1.2 base direction, when pyoxigraph has it
            return {"@value": value, "@language": obj.language, **({"@direction": direction} if direction else {})}
        if datatype == _XSD + "integer" and coercion in (None, datatype) and _CANONICAL_INTEGER.fullmatch(value):
            if value != "-0":  # a native JSON number reads back as exactly this literal
                return int(value)
        if datatype == coercion:
            return value
        if coercion is None:
            if datatype == _XSD + "string":
                return value
            if datatype == _XSD + "boolean" and value in ("true", "false"):
                return value == "true"
        if datatype == _XSD + "string":
            return {"@value": value}
        return {"@value": value, "@type": self._compact(datatype)}

    def _compact_iri(self, iri: str) -> str:
        for namespace, name in self._namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace) :]
                if not local.startswith("//"):
                    return f"{name}:{local}"
        scheme = iri.partition(":")[0]
        if scheme in self._terms:
            # JSON-LD would read "geo:..." as a compact IRI under our prefix; there is no escape for that.
            raise ValueError(f"cannot write {iri} in JSON-LD: its scheme is a term of our context")
        return iri

    def _emit(self, text: str) -> None:
        self._buffer.append(text)
        self._size += len(text)
        if self._size > 1 << 20:
            self._flush()

    def _flush(self) -> None:
        self._out.write("".join(self._buffer).encode("utf-8"))
        self._buffer, self._size = [], 0


# --- every dump, with its description ---------------------------------------------------------------


@dataclass(frozen=True)
class DumpFile:
    """One file in the dumps folder."""

    name: str
    path: Path
    format: Format
    gzip: bool
    size: int
    sha256: str
    triples: int  # triples of the union (graph formats) or quads (dataset formats)
    modified: datetime

    @property
    def media_type(self) -> str:
        """What to send as Content-Type when serving the file as it is."""
        return "application/gzip" if self.gzip else self.format.media_type


@dataclass
class Catalog:
    """What ``write_dumps`` wrote: the files and their VoID/DCAT description."""

    dataset: URIRef
    files: list[DumpFile]
    description: Graph
    triples: int
    issued: datetime
    modified: datetime

    def file(self, name: str) -> DumpFile | None:
        return next((f for f in self.files if f.name == name), None)


def dataset_uri(base: str) -> URIRef:
    return URIRef(f"{base}id/dataset/{DUMP_STEM}")


def write_dumps(store: OxigraphStore, settings: Settings, *, now: datetime | None = None) -> Catalog:
    """Write every dump format, plain and gzipped, then ``void.ttl`` and ``catalog.json``, into ``settings.dumps_dir``.

    Everything is first written to hidden temporary files, then renamed into place one after the other, so a
    reader sees each file whole (old or new), and a failed build leaves the previous dumps untouched.

    Raises:
        ValueError: an IRI cannot be written in compact JSON-LD (see ``dump``).
    """
    base, folder = settings.base_uri, settings.dumps_dir
    folder.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    issued = _previous_issued(folder) or now
    files: list[DumpFile] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for fmt in DUMP_FORMATS:
            name = f"{DUMP_STEM}.{fmt.extension}"
            plain, zipped = _stage(staged, folder / name), _stage(staged, folder / f"{name}.gz")
            with plain.open("wb") as out:
                count = _dump(store, fmt, out, base)
            with plain.open("rb") as source, zipped.open("wb") as raw:
                with gzip_module.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0, filename="") as packed:
                    shutil.copyfileobj(source, packed, 1 << 20)
            for path, final, gz in ((plain, name, False), (zipped, f"{name}.gz", True)):
                size, sha = _size_and_sha256(path)
                files.append(DumpFile(final, folder / final, fmt, gz, size, sha, count, now))
        stats = _statistics(store.engine, base)
        description = describe(files, stats, base, issued=issued, modified=now)
        catalog = Catalog(dataset_uri(base), files, description, stats.triples, issued, now)
        _stage(staged, folder / DESCRIPTION_FILE).write_bytes(description.serialize(format="turtle").encode("utf-8"))
        _stage(staged, folder / CATALOG_FILE).write_text(_catalog_json(catalog), encoding="utf-8")
        for temporary, final in staged:
            os.replace(temporary, final)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return catalog


def _stage(staged: list[tuple[Path, Path]], final: Path) -> Path:
    """A hidden temporary file beside ``final``, readable by the web server once renamed."""
    handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    temporary.chmod(0o644)
    staged.append((temporary, final))
    return temporary


def _previous_issued(folder: Path) -> datetime | None:
    try:
        return datetime.fromisoformat(json.loads((folder / CATALOG_FILE).read_text(encoding="utf-8"))["issued"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_catalog(dumps_dir: Path) -> Catalog | None:
    """The catalog ``write_dumps`` left in ``dumps_dir``, or None before the first build.

    Cheap to call per request: the parsed catalog is reused until a build replaces its files. Treat it as
    read-only.
    """
    index, void = dumps_dir / CATALOG_FILE, dumps_dir / DESCRIPTION_FILE
    try:
        identity = tuple((s.st_ino, s.st_mtime_ns, s.st_size) for s in (index.stat(), void.stat()))
    except FileNotFoundError:
        return None
    return _read_catalog(dumps_dir, identity)


@lru_cache(maxsize=4)
def _read_catalog(dumps_dir: Path, identity: tuple[tuple[int, int, int], ...]) -> Catalog:
    data = json.loads((dumps_dir / CATALOG_FILE).read_text(encoding="utf-8"))
    files = [
        DumpFile(
            name=f["name"],
            path=dumps_dir / f["name"],
            format=by_name(f["format"], DUMP_FORMATS),
            gzip=f["gzip"],
            size=f["size"],
            sha256=f["sha256"],
            triples=f["triples"],
            modified=datetime.fromisoformat(f["modified"]),
        )
        for f in data["files"]
    ]
    description = Graph().parse(dumps_dir / DESCRIPTION_FILE, format="turtle")
    issued, modified = datetime.fromisoformat(data["issued"]), datetime.fromisoformat(data["modified"])
    return Catalog(URIRef(data["dataset"]), files, description, data["triples"], issued, modified)


def _catalog_json(catalog: Catalog) -> str:
    files = [
        {
            "name": f.name,
            "format": f.format.name,
            "media_type": f.format.media_type,
            "gzip": f.gzip,
            "size": f.size,
            "sha256": f.sha256,
            "triples": f.triples,
            "modified": f.modified.isoformat(),
        }
        for f in catalog.files
    ]
    data = {
        "dataset": str(catalog.dataset),
        "triples": catalog.triples,
        "issued": catalog.issued.isoformat(),
        "modified": catalog.modified.isoformat(),
        "description": DESCRIPTION_FILE,
        "files": files,
    }
    return json.dumps(data, indent=2) + "\n"


def _size_and_sha256(path: Path) -> tuple[int, str]:
    sha = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            sha.update(chunk)
    return path.stat().st_size, sha.hexdigest()


# --- the VoID/DCAT description --------------------------------------------------------------------------


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


def _statistics(engine: ox.Store, base: str) -> Statistics:
    def select(query: str) -> list[list[str]]:
        rows = engine.query(query, use_default_graph_as_union=True)  # type: ignore[arg-type]
        return [[term.value for term in row] for row in rows]  # type: ignore[union-attr]

    space = json.dumps(f"{base}id/")
    [[triples]] = select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    [[subjects, properties, objects]] = select(
        "SELECT (COUNT(DISTINCT ?s) AS ?ns) (COUNT(DISTINCT ?p) AS ?np) (COUNT(DISTINCT ?o) AS ?no) WHERE { ?s ?p ?o }"
    )
    [[entities]] = select(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) }}"
    )
    [[classes]] = select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")
    graphs = {g: int(n) for g, n in select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    used = select("SELECT DISTINCT ?i WHERE { { ?s ?i ?o } UNION { ?s a ?i FILTER isIRI(?i) } }")
    known = sorted(prefixes(base).values(), key=len, reverse=True)
    vocabularies = {next((ns for ns in known if iri.startswith(ns)), _namespace_of(iri)) for [iri] in used}
    examples = []
    for cls in (SCHEMA.NewsArticle, dis(base).DisplacementObservation, dis(base).Statement, SCHEMA.AdministrativeArea):
        # The smallest IRI of each kind, so the same data always gives the same examples.
        examples += [row[0] for row in select(
            f"SELECT (MIN(STR(?s)) AS ?e) WHERE {{ ?s a <{cls}> FILTER STRSTARTS(STR(?s), {space}) }}"
            " HAVING (COUNT(?s) > 0)"
        )]
    return Statistics(
        triples=int(triples),
        entities=int(entities),
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


def describe(files: list[DumpFile], stats: Statistics, base: str, *, issued: datetime, modified: datetime) -> Graph:
    """The VoID + DCAT description of the dataset and its dump files."""
    g = Graph()
    for name, iri in {**prefixes(base), "spdx": str(SPDX), "sd": str(SD)}.items():
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
        "Our data: CC BY 4.0. Place data from the gazetteer: Syria administrative boundaries (COD-AB), UNCS and "
        "UN OCHA, via HDX, CC BY-IGO; GeoNames, CC BY 4.0.", lang="en")))
    for source, title, licence, citation in (
        (URIRef("https://data.humdata.org/dataset/cod-ab-syr"), "Syria administrative boundaries (COD-AB)", CC_BY_IGO,
         "Syria administrative boundaries (COD-AB), UNCS and UN OCHA, via HDX, CC BY-IGO"),
        (URIRef("https://www.geonames.org/"), "GeoNames", CC_BY_4, "GeoNames, CC BY 4.0"),
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
    for f in files:
        dist = URIRef(f"{ds}#dump-{f.name}")
        url = URIRef(f"{base}dumps/{f.name}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        packed = ", gzip-compressed" if f.gzip else ""
        scope = "quads, every graph kept" if f.format.supports_datasets else "triples, the union of all graphs"
        g.add((dist, DCTERMS.title, Literal(f"{W3C_FORMATS[f.format]} dump{packed}", lang="en")))
        g.add((dist, DCTERMS.description, Literal(f"{f.triples} {scope}{packed}.", lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.accessURL, URIRef(f"{base}dumps/")))
        g.add((dist, DCAT.mediaType, URIRef(IANA + f.format.media_type)))
        if f.gzip:
            g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        g.add((dist, DCAT.byteSize, Literal(f.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, VOID.triples, Literal(f.triples, datatype=XSD.integer)))
        g.add((dist, DCTERMS.license, CC_BY_4))
        g.add((dist, DCTERMS.modified, Literal(f.modified.isoformat(), datatype=XSD.dateTime)))
        checksum = BNode()
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(f.sha256, datatype=XSD.hexBinary)))
    return g
