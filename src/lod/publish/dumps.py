"""Dumps of the whole dataset, and the catalog that lists them.

``dump()`` writes one format to any binary stream (``lod dump``); ``write_dumps()`` writes the N-Triples and
N-Quads dumps into the dumps folder with ``void.ttl`` (the VoID/DCAT description, :mod:`lod.publish.void`) and
``catalog.json`` beside them (``lod build``), and names the other files (Turtle, JSON-LD, every gzip) in the
catalog as pending, made later from those two by :mod:`lod.publish.derivation` (``lod dump --missing``, or
``lod serve`` in the background); with ``every`` it writes them all at once (``lod build --dumps``).
``read_catalog()`` reads that folder back for the web layer.

Turtle and N-Triples are graph formats, so they hold the union of all graphs (each triple once, sorted:
:mod:`lod.publish.union`). N-Quads and JSON-LD keep the named graphs, each graph's triples in the order of their sorted
N-Triples lines (:mod:`lod.publish.graphdump`). ``write_dumps`` reads the store once, graph by graph, and feeds every
format from that, so its memory does not grow with the dataset; a build that loads a new store feeds those
formats while it loads, and ``write_dumps`` does not read the graphs back. The JSON-LD dump is compact: ``"@context"`` is the published
context (``context.jsonld`` beside this module, also served at ``{base}context.jsonld``) embedded in the dump, so
it reads as plain JSON and parses offline. It is written streaming, one node per line, by :mod:`lod.publish.jsonld`, and
not by a JSON-LD processor.

The store holds no timestamps, so two builds give the same triples; build dates live only in the description.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Sequence

import pyoxigraph as ox
from zlib_ng import gzip_ng
from rdflib import Graph, URIRef

from lod.formats import DUMP_FORMATS, JSONLD, NQUADS, NTRIPLES, TURTLE, Format, by_name
from lod.publish import eventpicks, figurerows, figures
from lod.publish import eventrows as sheetrows
from lod.publish import eventsheet as event_table
from lod.publish.facts import Facts
from lod.publish.graphdump import GraphDump, in_graph, sorted_graph, temporary_beside
from lod.publish.jsonld import BinaryOutput, JsonLdWriter
from lod.publish.members import Members, gathered
from lod.publish.union import Union
from lod.publish.void import DATASET_NAME, Census, dataset_uri, describe, example_classes, statistics
from lod.publish.void import turtle as void_turtle
from lod.rdf.namespaces import prefixes, rebase
from lod.settings import Settings
from lod.store import Store

__all__ = [
    "DUMP_NAMES",
    "Catalog",
    "DumpFile",
    "Hashing",
    "Pending",
    "catalog_lock",
    "context_url",
    "dataset_uri",
    "document_loader",
    "dump",
    "dumps_build",
    "file_json",
    "graph_dump",
    "gzip_writer",
    "in_graph",
    "listed",
    "load_context",
    "mark_changed",
    "pending_json",
    "read_catalog",
    "source_of",
    "write_catalog_data",
    "write_dumps",
    "write_turtle",
]

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
DUMP_STEM = DATASET_NAME
DESCRIPTION_FILE = "void.ttl"
CATALOG_FILE = "catalog.json"
CATALOG_LOCK = ".catalog.lock"
MAKING = ".making.tmp"  # how the temporary files of lod.publish.derivation end  # held while catalog.json is read and written again, and files renamed into place
# Every dump file, in the order the listing shows them.
DUMP_NAMES = tuple(f"{DUMP_STEM}.{fmt.extension}{packed}" for fmt in DUMP_FORMATS for packed in ("", ".gz"))
# What a build writes itself: the N-Triples pass feeds VoID's counts, the pages' index and both tables, and the
# N-Quads are written as the store is loaded (and read by the bench's bulk load). The rest is made from these.
BUILT = (f"{DUMP_STEM}.{NTRIPLES.extension}", f"{DUMP_STEM}.{NQUADS.extension}")


def source_of(name: str) -> str:
    """The dump file another is made from: Turtle from the N-Triples, JSON-LD from the N-Quads, a gzip from its
    plain file."""
    if name.endswith(".gz"):
        return name.removesuffix(".gz")
    return {f"{DUMP_STEM}.{TURTLE.extension}": BUILT[0], f"{DUMP_STEM}.{JSONLD.extension}": BUILT[1]}[name]


@contextmanager
def catalog_lock(folder: Path) -> Iterator[None]:
    """The dumps folder's catalog held by this process (an exclusive ``flock``, released by the kernel if the
    process dies): a build, an ingest and the maker of derived files each read ``catalog.json`` and write it again."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / CATALOG_LOCK, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

# --- the published JSON-LD context ---------------------------------------------------------------


def context_url(base: str) -> str:
    """Where the web app serves the context, and what every JSON-LD dump names as its ``@context``."""
    return base + "context.jsonld"


def load_context(base: str, vocab: str) -> dict[str, Any]:
    """The context document (``{"@context": {...}}``) with its IRIs under ``base`` and ``dis:`` under ``vocab``."""
    document: dict[str, Any] = json.loads(_context_text(base, vocab))
    return document


@lru_cache(maxsize=8)
def _context_text(base: str, vocab: str) -> str:
    return rebase(CONTEXT_FILE.read_text(encoding="utf-8"), base, vocab)


def document_loader(base: str, vocab: str) -> Callable[..., dict[str, Any]]:
    """A PyLD document loader that answers our context URL from the local file and refuses everything else.

    Use it to read a dump offline: ``jsonld.to_rdf(doc, {"documentLoader": document_loader(base, vocab)})``.
    """
    url = context_url(base)

    def load(requested: str, options: object = None) -> dict[str, Any]:
        if requested != url:
            from pyld.jsonld import JsonLdError  # here: PyLD and the requests it imports cost every command 0.1 s

            message = f"refusing to fetch {requested}"
            raise JsonLdError(message, "jsonld.LoadDocumentError", code="loading document failed")
        document = load_context(base, vocab)
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}

    return load


# --- one dump to a stream ------------------------------------------------------------------------


def dump(store: Store, fmt: Format, out: IO[bytes], *, base: str, vocab: str, gzip: bool = False) -> None:
    """Write the whole dataset to ``out`` in ``fmt`` (one of ``DUMP_FORMATS``), gzipped if asked.

    Raises:
        ValueError: ``fmt`` is not a dump format, or an IRI cannot be written in compact JSON-LD.
    """
    if not gzip:
        _dump(store, fmt, out, base, vocab)
        return
    with gzip_writer(out) as zipped:
        _dump(store, fmt, zipped, base, vocab)


# zlib-ng's level: the four dumps of 1,000 generated articles (145 MB) took 1.71 CPU s at level 6 (11.0 MB),
# 0.94 at 3 (13.0 MB), 0.69 at 2 (14.1 MB), 0.51 at 1 (18.1 MB).
GZIP_LEVEL = 3


def gzip_writer(raw: IO[bytes] | Hashing) -> gzip.GzipFile:
    """A gzip stream into ``raw`` at ``GZIP_LEVEL``, with no name or time in its header (the bytes depend on the
    content alone), deflated by zlib-ng: half the CPU of zlib's at the same level, and a few per cent smaller (a
    10,000-article build gzips 1.1 GB of dumps)."""
    return gzip_ng.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL, mtime=0, filename="")  # type: ignore[no-untyped-call]


class Hashing:
    """A binary file written through, counting and hashing (SHA-256) what goes in."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out, self.sha, self.size = out, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self._out.write(data)

    def flush(self) -> None:
        self._out.flush()


def _dump(store: Store, fmt: Format, out: BinaryOutput, base: str, vocab: str) -> int:
    """Write one dump; return how many triples (graph formats) or quads (dataset formats) it holds."""
    if fmt == NQUADS:
        count = 0
        for graph, _, text in graph_texts(store):
            out.write(in_graph(text, graph))
            count += text.count(b"\n")
        return count
    if fmt in (TURTLE, NTRIPLES):
        with Union() as union:
            for _, _, text in graph_texts(store):
                union.add(text)
            if fmt == NTRIPLES:
                return _write_lines(union.lines(), out).lines
            with tempfile.TemporaryFile() as lines:
                count = _write_lines(union.lines(), lines).lines
                lines.seek(0)
                write_turtle(lines, out, base, vocab)
                return count
    if fmt == JSONLD:
        context = load_context(base, vocab)["@context"]
        writer = JsonLdWriter(context, out)
        writer.begin(context)  # embedded: the dump reads offline
        for graph, quads, _ in graph_texts(store):
            writer.add(graph, quads)
        writer.end()
        return len(store)
    raise ValueError(f"{fmt} is not a dump format; use one of {', '.join(f.name for f in DUMP_FORMATS)}")


def graph_texts(store: Store) -> Iterator[tuple[ox.NamedNode | ox.DefaultGraph, list[ox.Quad], bytes]]:
    """Each graph's quads and its triples as N-Triples, in the order of the sorted lines (each subject's together,
    :func:`lod.publish.graphdump.sorted_graph`): the default graph's first (lod writes none there, but a store may hold
    some), then each named graph's."""
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *(ox.NamedNode(name) for name in store.graph_names())]
    for graph in graphs:
        quads = list(store.quads(graph))
        if quads or not isinstance(graph, ox.DefaultGraph):
            text, ordered = sorted_graph(quads)
            yield graph, ordered, text


def graph_dump(settings: Settings, every: bool = True) -> GraphDump:
    """Where a build writes the N-Quads dump (and, with ``every``, the JSON-LD one) and gathers the union while it
    loads the store, for :func:`write_dumps` to finish; temporary files left by killed runs are deleted first."""
    settings.dumps_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(settings.dumps_dir)
    context = load_context(settings.base_uri, settings.vocab_uri)["@context"]
    return GraphDump(settings.dumps_dir / f"{DUMP_STEM}.{NQUADS.extension}",
                     settings.dumps_dir / f"{DUMP_STEM}.{JSONLD.extension}" if every else None, context)


_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass
class _Written:
    """What :func:`_write_lines` wrote: lines, and (given a URI space) the distinct subjects among them, those
    under the space, the distinct predicates and the distinct objects of ``rdf:type``, as N-Triples terms."""

    lines: int = 0
    entities: int = 0
    things: list[bytes] = field(default_factory=list)  # the subjects under the space (the listings' members)
    subjects: int = 0
    predicates: set[bytes] = field(default_factory=set)
    classes: set[bytes] = field(default_factory=set)
    examples: dict[bytes, bytes] = field(default_factory=dict)  # class -> the smallest IRI under the space it types

    def census(self, examples: tuple[str, ...] = ()) -> Census:
        """VoID's counts of subjects, properties and classes, the vocabulary IRIs (predicates and IRI classes), and
        the example resource of each of ``examples`` (classes given to :func:`_write_lines`) that has one."""
        used = {term[1:-1].decode("utf-8") for term in self.predicates | self.classes if term.startswith(b"<")}
        found = [self.examples.get(f"<{cls}>".encode()) for cls in examples]
        return Census(self.subjects, len(self.predicates), len(self.classes), used,
                      [iri.decode("utf-8") for iri in found if iri is not None])


def _write_lines(lines: Iterator[bytes], out: BinaryOutput, space: str = "", examples: tuple[str, ...] = (),
                 facts: Facts | None = None) -> _Written:
    """Write N-Triples lines, sorted (each subject's together), in batches; count them and, given ``space``, what
    VoID counts: subjects, those that are IRIs starting with ``space`` (VoID's entities), predicates and classes,
    and of each class in ``examples`` the smallest IRI under ``space`` typed with it (counted here, queries would
    read every triple of the store again); ``facts`` (with ``space``) is given every line."""
    written, batch, previous = _Written(), [], b""
    start = b"<" + space.encode() if space else None
    predicates, classes, least, things = written.predicates, written.classes, written.examples, written.things
    wanted = {f"<{cls}>".encode() for cls in examples}
    keep = facts.add if facts is not None else None
    for line in lines:
        batch.append(line)
        if start is not None:
            subject, predicate, rest = line.split(b" ", 2)  # an IRI or blank node label holds no space
            if keep is not None:
                keep(predicate, line)
            if subject != previous:
                written.subjects += 1
                if subject.startswith(start):
                    written.entities += 1
                    things.append(subject)
                previous = subject
            predicates.add(predicate)
            if predicate == _RDF_TYPE:
                cls = rest[:-3]  # the object, without " .\n"
                classes.add(cls)
                # UTF-8 bytes order IRIs as their code points do (SPARQL's ORDER BY STR(?s))
                if cls in wanted and subject.startswith(start) and (cls not in least or subject[1:-1] < least[cls]):
                    least[cls] = subject[1:-1]
        if len(batch) == 10_000:
            out.write(b"".join(batch))
            written.lines += len(batch)
            batch = []
    out.write(b"".join(batch))
    written.lines += len(batch)
    return written


def write_turtle(ntriples: IO[bytes], out: BinaryOutput, base: str, vocab: str) -> None:
    """N-Triples, each subject's lines together, as Turtle with our prefixes (parsed straight into the writer).

    Parsed leniently (IRIs and language tags not checked again): the lines are the union of what the store holds,
    either written by Oxigraph from the store or the very lines a build's loader took, whose IRIs were checked
    where they were made (:func:`_write_union`, :meth:`lod.store.OxigraphStore.bulk_extend_nquads`).
    Checking every IRI of every line again was half the parse, 0.4-0.6 of the 1.2 CPU s of the 330,000 triples
    of 1,000 articles; the Turtle is the same bytes."""
    ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True), out, format=ox.RdfFormat.TURTLE,  # type: ignore[arg-type]
                 prefixes=prefixes(base, vocab))


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


@dataclass(frozen=True)
class Pending:
    """A dump file the catalog names that is not made yet (or not since the last build): made from ``source``, a
    file of the catalog, by :mod:`lod.publish.derivation`. ``failed``: why the last maker could not make it (it
    tries again at its next start: ``lod serve`` starting, ``lod dump --missing``); empty while it is to be made."""

    name: str
    format: Format
    gzip: bool
    triples: int
    source: str
    failed: str = ""

    @property
    def media_type(self) -> str:
        return "application/gzip" if self.gzip else self.format.media_type


@dataclass
class Catalog:
    """What ``write_dumps`` wrote: the files and their VoID/DCAT description, and the files still to be made."""

    dataset: URIRef
    files: list[DumpFile]
    description: Graph
    triples: int
    issued: datetime
    modified: datetime
    pending: list[Pending] = field(default_factory=list)

    def file(self, name: str) -> DumpFile | None:
        return next((f for f in self.files if f.name == name), None)

    def waiting(self, name: str) -> Pending | None:
        """The pending (or failed) file of that name, if the catalog names one."""
        return next((p for p in self.pending if p.name == name), None)

    @property
    def making(self) -> bool:
        """Whether a file is still to be made (not one that failed: its maker tries again at its next start)."""
        return any(not p.failed for p in self.pending)

    @property
    def changed(self) -> datetime:
        """When the catalog last changed: the data's ``modified``, or a file made after it."""
        return max([self.modified, *(f.modified for f in self.files)])


def write_dumps(
    store: Store, settings: Settings, *, now: datetime | None = None, build: str = "", graphs: GraphDump | None = None,
    index: Callable[[Facts | None, Members | None], None] | None = None, index_reads: Sequence[str] = (), every: bool = True,
) -> Catalog:
    """Write the N-Triples and N-Quads dumps (with ``every``, the Turtle and JSON-LD ones too, and each plain and
    gzipped), then ``observations.csv`` (every figure, for spreadsheets: :mod:`lod.publish.figures`), ``events.csv``
    (every event: :mod:`lod.publish.eventsheet`), ``void.ttl`` and ``catalog.json``, into ``settings.dumps_dir``.
    Without ``every`` the catalog names the other dump files as pending (:class:`Pending`), and the files of those
    names a previous run left are deleted with the catalog's change: they are of the previous data.

    Everything is first written to hidden temporary files, then renamed into place one after the other, so a
    reader sees each file whole (old or new), and a failed build leaves the previous dumps untouched. Temporary
    files that a killed run left behind are deleted first. ``build`` (the name :mod:`lod.pipeline.manifest` gives the
    input) is recorded in ``catalog.json``, so ``lod build`` knows these dumps are those of that input.
    ``graphs``: every graph of ``store`` already given to it (:func:`graph_dump`, by a build as it loaded the
    store; with ``every``, one that writes the JSON-LD dump), which then are not read from the store again; the
    caller closes it. ``index``: called once the files
    are written, before any is renamed into place, with the triples of the predicates ``index_reads`` that the
    union of the whole store holds (:class:`lod.publish.facts.Facts`, kept as the N-Triples dump is written; None for a
    store with a ``graph_scope``, whose union is of lod's graphs alone: ask the store), and the listings' members
    (:mod:`lod.publish.members`, None for such a store). The figures table and part of the events table are made
    from such facts too.

    Raises:
        ValueError: an IRI cannot be written in compact JSON-LD (see ``dump``).
    """
    base, vocab, folder = settings.base_uri, settings.vocab_uri, settings.dumps_dir
    fed = graphs if graphs is not None else graph_dump(settings, every)
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    issued = _previous_issued(folder) or now
    files: list[DumpFile] = []
    staged: list[tuple[Path, Path]] = []
    try:
        if graphs is None:
            for graph, quads in _store_graphs(store):
                fed.add(graph, quads)
        fed.finish()
        plain = {fmt: _stage(staged, folder / f"{DUMP_STEM}.{fmt.extension}") for fmt in ((TURTLE, NTRIPLES) if every else (NTRIPLES,))}
        plain[NQUADS] = fed.nquads
        staged.append((fed.nquads, folder / f"{DUMP_STEM}.{NQUADS.extension}"))
        if fed.jsonld is not None:
            plain[JSONLD] = fed.jsonld
            staged.append((fed.jsonld, folder / f"{DUMP_STEM}.{JSONLD.extension}"))
        examples = tuple(str(cls) for cls in example_classes(vocab))
        # A store shared with other data (graph_scope): the union is of lod's graphs alone, the tables ask the store.
        facts = None if store.graph_scope else Facts({*figurerows.predicates(vocab), *sheetrows.predicates(vocab), *eventpicks.predicates(vocab), *index_reads})
        counts, written = _write_union(fed, plain, base, vocab, examples, facts)
        pending: list[Pending] = []
        for fmt in DUMP_FORMATS:
            name = f"{DUMP_STEM}.{fmt.extension}"
            if fmt not in plain:
                pending.append(Pending(name, fmt, False, counts[fmt], source_of(name)))
            elif every:
                files.extend(_gzipped(plain[fmt], _stage(staged, folder / f"{name}.gz"), folder / name, fmt, counts[fmt], now))
                continue
            else:
                files.append(_described_file(plain[fmt], folder / name, fmt, counts[fmt], now))
            pending.append(Pending(f"{name}.gz", fmt, True, counts[fmt], name))
        # A store shared with other data (graph_scope) has its own counts; the union is of lod's graphs alone.
        census = None if store.graph_scope else written.census(examples)
        stats = statistics(store, base, vocab, triples=counts[NTRIPLES], entities=written.entities, census=census,
                           graphs=None if census is None else fed.graphs)
        pending.sort(key=lambda p: _MAKING_ORDER.index(p.name))
        description = describe(files, stats, base, vocab, issued=issued, modified=now, pending=pending)
        catalog = Catalog(dataset_uri(base), files, description, stats.triples, issued, now, pending)
        _stage(staged, folder / figures.CSV_FILE).write_text(figures.csv_text(store, vocab, facts), encoding="utf-8", newline="")
        _stage(staged, folder / event_table.CSV_FILE).write_text(event_table.csv_text(store, vocab, facts), encoding="utf-8", newline="")
        _stage(staged, folder / DESCRIPTION_FILE).write_bytes(void_turtle(description, base, vocab))
        _stage(staged, folder / CATALOG_FILE).write_text(_catalog_json(catalog, build), encoding="utf-8")
        if index is not None:
            # The listings' members, from the union's subjects and each graph's lines (a store shared with other
            # data: None, the index's caller asks the store).
            listed = None if store.graph_scope else gathered(base, written.things, fed.graphs, fed.headlines)
            index(facts, listed)
        with catalog_lock(folder):  # a maker of derived files commits none of the previous data's meanwhile
            for temporary, final in staged:
                os.replace(temporary, final)
            for waiting in pending:  # the previous data's: never served as this data's
                (folder / waiting.name).unlink(missing_ok=True)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if graphs is None:
            fed.close()
    return catalog


# The order the derived files are made in: the gzips of what is there first (cheap), then each new format and its gzip.
_MAKING_ORDER = tuple(f"{DUMP_STEM}.{ext}" for ext in ("nt.gz", "nq.gz", "ttl", "ttl.gz", "jsonld", "jsonld.gz"))


def _gzipped(source: Path, zipped: Path, final: Path, fmt: Format, triples: int, now: datetime) -> list[DumpFile]:
    """``source`` (to be renamed ``final``) gzipped into ``zipped``, in one read that hashes both; both files."""
    source_sha, size = hashlib.sha256(), 0
    with source.open("rb") as plain, zipped.open("wb") as raw:
        packed = Hashing(raw)
        with gzip_writer(packed) as deflating:
            while chunk := plain.read(1 << 20):
                source_sha.update(chunk)
                size += len(chunk)
                deflating.write(chunk)
    gz = final.with_name(final.name + ".gz")
    return [DumpFile(final.name, final, fmt, False, size, source_sha.hexdigest(), triples, now),
            DumpFile(gz.name, gz, fmt, True, packed.size, packed.sha.hexdigest(), triples, now)]


def _described_file(written: Path, final: Path, fmt: Format, triples: int, now: datetime, packed: bool = False) -> DumpFile:
    """A file written (to be renamed ``final``), its size and SHA-256 read back."""
    sha, size = hashlib.sha256(), 0
    with written.open("rb") as data:
        while chunk := data.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return DumpFile(final.name, final, fmt, packed, size, sha.hexdigest(), triples, now)


def _store_graphs(store: Store) -> Iterator[tuple[ox.NamedNode | ox.DefaultGraph, list[ox.Quad]]]:
    """Each graph's quads as the store gives them: the default graph's, then each named graph's."""
    yield ox.DefaultGraph(), list(store.quads(ox.DefaultGraph()))
    for name in store.graph_names():
        graph = ox.NamedNode(name)
        yield graph, list(store.quads(graph))


def _write_union(fed: GraphDump, plain: dict[Format, Path], base: str, vocab: str,
                 examples: tuple[str, ...] = (), facts: Facts | None = None) -> tuple[dict[Format, int], _Written]:
    """The union of the graphs ``fed`` was given: its sorted lines are the N-Triples dump and, read back, the
    Turtle one. Returns each format's count of quads or triples, and what VoID counts in the union (with the
    example resource of each class of ``examples``); ``facts`` is given every line."""
    with plain[NTRIPLES].open("wb") as out:
        union_lines = _write_lines(fed.union.lines(), out, f"{base}id/", examples, facts)
    if TURTLE in plain:
        with plain[NTRIPLES].open("rb") as lines, plain[TURTLE].open("wb") as out:
            write_turtle(lines, out, base, vocab)
    triples = union_lines.lines
    return {NQUADS: fed.quads, JSONLD: fed.quads, NTRIPLES: triples, TURTLE: triples}, union_lines


def _stage(staged: list[tuple[Path, Path]], final: Path) -> Path:
    """A hidden temporary file beside ``final``, readable by the web server once renamed."""
    temporary = temporary_beside(final)
    staged.append((temporary, final))
    return temporary


def _previous_issued(folder: Path) -> datetime | None:
    try:
        return datetime.fromisoformat(json.loads((folder / CATALOG_FILE).read_text(encoding="utf-8"))["issued"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_catalog(dumps_dir: Path) -> Catalog | None:
    """The catalog ``write_dumps`` left in ``dumps_dir``, or None before the first build.

    Cheap to call per request: the parsed catalog is reused until a build or a write of one graph replaces
    ``catalog.json``, and its description (``void.ttl``, the costly part) until a build replaces that file.
    Treat it as read-only.
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
    files, pending = listed(data, dumps_dir)
    description = _description(dumps_dir / DESCRIPTION_FILE, identity[1])
    issued, modified = datetime.fromisoformat(data["issued"]), datetime.fromisoformat(data["modified"])
    return Catalog(URIRef(data["dataset"]), files, description, data["triples"], issued, modified, pending)


def listed(data: dict[str, Any], dumps_dir: Path) -> tuple[list[DumpFile], list[Pending]]:
    """The ready and the pending files of a ``catalog.json``'s data."""
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
    pending = [Pending(p["name"], by_name(p["format"], DUMP_FORMATS), p["gzip"], p["triples"], p["source"],
                       str(p.get("reason") or "could not be made") if p.get("status") == "failed" else "")
               for p in data.get("pending", [])]
    return files, pending


@lru_cache(maxsize=2)
def _description(void: Path, identity: tuple[int, int, int]) -> Graph:
    """``void.ttl`` parsed, once per version of that file: a write of one graph rewrites ``catalog.json`` alone
    (:func:`mark_changed`), and parsing the description again took 240-400 ms at 10,000 articles."""
    return Graph().parse(void, format="turtle")


def dumps_build(folder: Path) -> str | None:
    """The build recorded in the folder's ``catalog.json`` (see ``write_dumps``), if any."""
    try:
        build = json.loads((folder / CATALOG_FILE).read_text(encoding="utf-8")).get("build")
    except (OSError, ValueError, AttributeError):
        return None
    return build if isinstance(build, str) and build else None


def mark_changed(folder: Path, *, now: datetime | None = None) -> None:
    """Record in ``catalog.json`` that the store changed after these dumps were written (``lod ingest``), without
    rewriting them: the catalog's ``modified`` (what the web app sends as Last-Modified) moves to ``now``, and the
    build it named is dropped, so the next ``lod build`` writes the dumps again. No catalog, nothing to do.
    """
    index = folder / CATALOG_FILE
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
        previous = datetime.fromisoformat(data["modified"])
    except (OSError, ValueError, KeyError, TypeError):
        return
    moment = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    with catalog_lock(folder):  # read again under the lock: the maker of derived files may have written it
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        data["modified"] = max(previous, moment).isoformat()
        data.pop("build", None)
        write_catalog_data(folder, data)


def write_catalog_data(folder: Path, data: dict[str, Any]) -> None:
    """``catalog.json`` replaced by ``data`` (a temporary file renamed); hold :func:`catalog_lock`."""
    index = folder / CATALOG_FILE
    temporary = _stage([], index)
    try:
        temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, index)
    finally:
        temporary.unlink(missing_ok=True)


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the hidden temporary files (``.lod.nq.x1y2.tmp``) that runs killed while writing dumps left."""
    names = [f"{DUMP_STEM}.{fmt.extension}" for fmt in DUMP_FORMATS]
    names += [f"{name}.gz" for name in names] + [figures.CSV_FILE, DESCRIPTION_FILE, CATALOG_FILE]
    removed = []
    for name in names:
        for leftover in folder.glob(f".{name}.*.tmp"):
            if leftover.name.endswith(MAKING):  # a maker's, perhaps running now: it cleans its own
                continue
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _catalog_json(catalog: Catalog, build: str = "") -> str:
    files = [file_json(f) for f in catalog.files]
    data = {
        "dataset": str(catalog.dataset),
        "triples": catalog.triples,
        "issued": catalog.issued.isoformat(),
        "modified": catalog.modified.isoformat(),
        "description": DESCRIPTION_FILE,
        "files": files,
    }
    if catalog.pending:
        data["pending"] = [pending_json(p) for p in catalog.pending]
    if build:
        data["build"] = build
    return json.dumps(data, indent=2) + "\n"


def file_json(f: DumpFile) -> dict[str, Any]:
    """One ready file as ``catalog.json`` lists it."""
    return {"name": f.name, "format": f.format.name, "media_type": f.format.media_type, "gzip": f.gzip, "size": f.size,
            "sha256": f.sha256, "triples": f.triples, "modified": f.modified.isoformat()}


def pending_json(p: Pending) -> dict[str, Any]:
    """One pending file as ``catalog.json`` lists it (one that failed: with ``"status": "failed"`` and the ``reason``)."""
    out = {"name": p.name, "format": p.format.name, "media_type": p.format.media_type, "gzip": p.gzip, "triples": p.triples,
           "source": p.source}
    return {**out, "status": "failed", "reason": p.failed} if p.failed else out
