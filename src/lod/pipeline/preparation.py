"""Preparing articles: read, extract, correct, map and validate, one article at a time or many on every core.

:class:`Context` is what every article is checked against (vocabulary, shapes, reference data), loaded once
per command; :func:`prepare` turns one article file into its graph, conforming to the shapes, or refuses it.
:func:`prepare_all` runs a job over many articles in forked workers that inherit the context; a worker sends
back the article's graph as N-Triples with its summary, or the refusal, and the caller streams the graphs into
the store as they arrive, so no more than a few graphs are in memory at once.
"""

from __future__ import annotations

import copy
import gc
import multiprocessing
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from lod import derived
from lod.errors import LodError, ValidationFailed
from lod.events import read_table
from lod.events.matching import EventKey, event_keys
from lod.extract import extract
from lod.model.articles import Article, read_article
from lod.model.mapping import Mapped, Mapper
from lod.model.records import Extraction
from lod.pipeline import corrections as corr
from lod.pipeline.manifest import input_version
from lod.pipeline.validation import ArticleChecker, ValidationReport, load_ontology, load_shapes, validate
from lod.places.reconcile import Reconciler
from lod.places.reference import load_reconciler, reference_graph
from lod.rdf.lazygraph import source, subjects
from lod.rdf.namespaces import ORG, SCHEMA, dis, iri
from lod.rdf.ntriples import ntriples as graph_ntriples
from lod.rdf.uris import Uris
from lod.settings import Settings
from lod.shacl.data import Index, recurring_quads

__all__ = ["ARTICLE_GLOB", "Context", "Outcome", "Prepared", "PreparedTable", "check_reference", "extraction_for",
           "prepare", "prepare_all", "prepare_table", "workers"]

ARTICLE_GLOB = "*.txt"
UPLOADS = "uploads"  # under the data folder: articles published with POST /articles, which lod build reads too
# Links followed from an article's graph into the reference data, so the shapes see the types, the places
# containing a place and the organization units they check. Upwards only: a governorate's members are not the
# article's business (and there are thousands); the article's own nodes are the only focus nodes.
CONTEXT_LINKS = (SCHEMA.containedInPlace, ORG.hasUnit, ORG.unitOf, RDFS.subClassOf)
_FOLLOWED = frozenset((*CONTEXT_LINKS, SKOS.inScheme))  # links followed from a node of the context to the next
_CLASS_LINKS = frozenset((iri(RDF.type), iri(RDFS.subClassOf)))  # their objects are classes the shapes name

# Below this many articles, forking workers costs more than it saves.
_PARALLEL_FROM = 8
# A worker collects cyclic garbage itself after this many articles, instead of when the collector's thresholds
# say: an article leaves almost none (a worker's memory after 2,000 articles is the same without any collection),
# but the thresholds ran about 5 collections an article, walking the workers' growing caches: 1.7 of an
# article's 18 ms of CPU in the workers (600 articles, 3 interleaved rounds, load 5).
_COLLECT_EVERY = 256


_LOADED: dict[str, Context] = {}  # by input version; see Context.load


@dataclass
class Context:
    """What every article is checked against, loaded once per command."""

    settings: Settings
    uris: Uris
    vocabulary: Graph
    shapes: Graph
    reference: Graph
    known: Graph
    mapper: Mapper
    reconciler: Reconciler
    checker: ArticleChecker = field(init=False)
    _slices: dict[URIRef, _Links] = field(init=False, default_factory=dict)  # nodes of the known graphs
    _unknown: set[URIRef] = field(init=False, default_factory=set)  # recent nodes they say nothing of
    _subjects: frozenset[URIRef] | None = field(init=False, default=None)  # every node the known graphs say something of

    def __post_init__(self) -> None:
        self.checker = ArticleChecker(self.shapes)
        # Most nodes an article links to are its own, of which the known graphs say nothing: asking rdflib's
        # aggregate so for each (about 100 an article) cost more than the walk of the nodes they do know.
        # Known up front when the reference data is a lazy graph (its subjects are its chunks' keys).
        said = subjects(self.reference)
        known = self.known.graphs if isinstance(self.known, ReadOnlyGraphAggregate) else [self.known]
        if said is not None and all(g is self.vocabulary or g is self.reference for g in known):
            self._subjects = frozenset({URIRef(s[1:-1]) for s in said if s.startswith("<")}
                                       | {s for s in self.vocabulary.subjects(unique=True) if isinstance(s, URIRef)})
        # the mapping's look-ups in the known graphs (the places an area's members lie in, up to their
        # governorate) from the slices the check reads for the same nodes: each node's triples read through
        # rdflib once, not once by the mapping and again by the check (first meetings of a node: about half a
        # ms an article over a worker's first 500)
        self.mapper.read_known_through(_Known(self))

    _memo: dict[str, Any] = field(init=False, default_factory=dict)  # shared by copies: see load
    version: str = field(init=False, default="")  # lod.pipeline.manifest.input_version of what it was loaded from

    @classmethod
    def load(cls, settings: Settings, version: str | None = None) -> Context:
        """The context for ``settings``: loaded once per process for the same inputs (ontology, shapes,
        reference data, code, base URI and vocabulary namespace, by content: ``version``, as
        :func:`lod.pipeline.manifest.input_version` gives it; a caller that has it already passes it), since loading it
        costs seconds and every build, ingest and validation needs it. Copies share everything but their
        settings; nothing in them is written after loading but caches of what the inputs imply."""
        version = version or input_version(settings)
        loaded = _LOADED.get(version)
        if loaded is None:
            loaded = cls._read(settings)
            loaded.version = version
            if len(_LOADED) >= 2:  # the server's or the build's, and one more (a test with another base)
                _LOADED.pop(next(iter(_LOADED)))
            _LOADED[version] = loaded
        ctx = copy.copy(loaded)
        ctx.settings = settings
        return ctx

    @classmethod
    def _read(cls, settings: Settings) -> Context:
        uris = Uris(settings.base_uri, settings.vocab_uri)
        reference_dir = settings.data_dir / "reference"
        vocabulary = load_ontology(settings.ontology_dir, uris.base, uris.vocab)
        kept = derived.Entry(settings.cache_dir, derived.key(reference_dir))  # what an earlier process derived
        reconciler = load_reconciler(reference_dir, kept)
        reference = reference_graph(reference_dir, reconciler, uris, kept=kept)
        known = ReadOnlyGraphAggregate([vocabulary, reference])  # no copy of the 60,000 community triples
        return cls(settings, uris, vocabulary, load_shapes(settings.shapes_dir, uris.base, uris.vocab), reference, known,
                   Mapper(uris, known, reconciler.org), reconciler)

    def kept(self, name: str) -> Any | None:
        """What :meth:`keep` kept as ``name`` for the same inputs (this process or an earlier one), or None."""
        data = derived.Entry(self.settings.cache_dir, derived.for_version(self.version)).read(name)
        try:
            return pickle.loads(data) if data is not None and self.version else None
        except Exception:  # noqa: BLE001 - written by another version of a library: made again
            return None

    def keep(self, name: str, value: Any) -> None:
        """Keep ``value`` (something the inputs alone decide: the reference data's validation report) for the
        next process loading the same inputs (:mod:`lod.derived`)."""
        if self.version:
            derived.Entry(self.settings.cache_dir, derived.for_version(self.version)).write(
                name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def context_for(self, graph: Graph) -> Graph:
        """The slice of vocabulary and reference data an article's graph links to."""
        out = Graph()
        for triple in self.context_triples(graph):
            out.add(triple)
        return out

    def context_triples(self, graph: Iterable[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
        """:meth:`context_for` (of a graph or its triples) as triples, each once: what the checker reads (a
        Graph costs more to fill than the checking of the article took)."""
        return self._context(graph)[0]

    def _context(self, graph: Iterable[tuple[Node, Node, Node]]) -> tuple[list[tuple[Node, Node, Node]], list[Any] | None]:
        """:meth:`context_triples`, and the same as Oxigraph quads (None if a node's hold a blank node)."""
        out, quads, _ = self._slices_of(graph)
        return out, quads

    def _slices_of(self, graph: Iterable[tuple[Node, Node, Node]]) -> tuple[list[tuple[Node, Node, Node]], list[Any] | None, list[tuple[Node, Index]]]:
        """:meth:`_context`, and the same indexed by subject (:class:`lod.shacl.data.Data`'s ``index``). The
        order is that of the slices of the linked nodes one after the other with the repeats left out: a node
        reached again (a governorate two towns lie in) is skipped with all it leads to, which its first visit
        gave already."""
        out: list[tuple[Node, Node, Node]] = []
        quads: list[Any] | None = []
        index: list[tuple[Node, Index]] = []
        seen: set[URIRef] = set()
        slices, unknown, said = self._slices, self._unknown, self._subjects
        # an article's objects: about 280, of which about 100 IRIs, most of them its own (isinstance asks rdflib's
        # abstract base classes about every literal: the common types are looked at first)
        linked = {o for _, _, o in graph if type(o) is URIRef or (type(o) not in _NOT_IRIS and isinstance(o, URIRef))}
        for node in linked:
            if node not in slices and (node in unknown or (said is not None and node not in said)):
                continue  # nothing to walk: _links would give _NO_LINKS (its own nodes, most of them)
            todo = [node]
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                links = self._links(current)
                if links.triples:
                    out.extend(links.triples)
                    index.append((current, links.by_predicate))
                todo.extend(links.followed)
                if quads is not None:
                    if links.quads is None:
                        quads = None
                    else:
                        quads.extend(links.quads)
        return out, quads, index

    def check(self, graph: Graph | list[tuple[Node, Node, Node]], ntriples: bytes | None = None,
              index: dict[Node, Index] | None = None) -> ValidationReport:
        """An article's (or data set's) graph, or its triples, checked against the shapes, with the context it
        links to; ``ntriples``: the graph as rdflib's N-Triples, if the caller has it (the SPARQL constraints
        read it); ``index``: the triples by subject, if the caller has them so (:meth:`lod.model.mapping.Mapped.index`)."""
        # Once: reading an rdflib graph costs more than checking it (and list(graph) would read it twice: the
        # length it asks first is a count of every triple).
        triples = graph if isinstance(graph, list) else list(iter(graph))
        context, quads, slices = self._slices_of(triples)
        return self.checker.check(triples, context, ntriples, quads, slices, index)

    def shared(self) -> dict[URIRef, Graph]:
        """The graphs every build writes beside the articles': the vocabulary and the reference data."""
        return {self.uris.vocabulary_graph: self.vocabulary, self.uris.reference_graph: self.reference}

    def shared_ntriples(self) -> dict[URIRef, bytes]:
        """:meth:`shared` as N-Triples, written once per context (rdflib's writer takes 2 s for the reference
        data's 70,000 triples, which the same inputs give unchanged to every build of the process)."""
        written: dict[URIRef, bytes] | None = self._memo.get("shared")
        if written is None:
            written = {name: source(graph) or graph.serialize(format="nt", encoding="utf-8")
                       for name, graph in self.shared().items()}
            self._memo["shared"] = written
        return written

    def _links(self, node: URIRef) -> _Links:
        """What ``node`` says in the known graphs, and the nodes it leads to along ``_FOLLOWED`` in the order a
        walk visits them (last first), computed once a node; most nodes are an article's own, which say
        nothing there, and share one empty answer."""
        cached = self._slices.get(node)
        if cached is not None:
            return cached
        if node in self._unknown or (self._subjects is not None and node not in self._subjects):
            return _NO_LINKS
        triples: list[tuple[Node, Node, Node]] = []
        followed: list[URIRef] = []
        for p, o in self.known.predicate_objects(node):
            p = iri(cast(URIRef, p))  # the shapes' and the mapping's object of it (lod.rdf.namespaces.iri)
            if p in _CLASS_LINKS and type(o) is URIRef:
                o = iri(o)
            triples.append((node, p, o))
            if p in _FOLLOWED and isinstance(o, URIRef):
                followed.append(o)
        if not triples:
            # an article's own node: remembered for the article's other links to it, then let go, or a process
            # preparing 10,000 articles would hold the 230,000 nodes they name
            if len(self._unknown) >= _UNKNOWN_KEPT:
                self._unknown.clear()
            self._unknown.add(node)
            return _NO_LINKS
        by_p: Index = {}
        for _, p, o in triples:
            by_p.setdefault(p, {})[o] = None
        found = _Links(triples, followed, recurring_quads(triples), by_p)
        self._slices[node] = found
        return found


class _Links(NamedTuple):
    """A node of the known graphs: its triples, the nodes it leads to, its triples as Oxigraph quads (None if one
    holds a blank node), and indexed."""

    triples: Sequence[tuple[Node, Node, Node]]
    followed: Sequence[URIRef]
    quads: list[Any] | None
    by_predicate: Index  # its triples by predicate, then object, as Data indexes them


_NO_LINKS = _Links((), (), [], {})  # an article's own node in the known graphs
_NOT_IRIS = frozenset({Literal, BNode})  # the other terms' types (see Context._slices_of)
_UNKNOWN_KEPT = 10_000


@dataclass
class Prepared:
    """An article ready to store: its graph, conforming to the shapes."""

    article: Article
    mapped: Mapped
    report: ValidationReport
    ntriples: bytes = b""  # the graph as N-Triples (what a build stores), without the shared lines
    shared: bytes = b""  # the lines for the shared graph (Mapped.shared)

    @property
    def graph(self) -> Graph:
        return self.mapped.graph


def extraction_for(article: Article, ctx: Context, corrections: corr.Corrections | None = None) -> tuple[Extraction, dict[int, str]]:
    """Extraction, then the corrections (given, or the file beside the article if any), which win.

    Returns the records and, for those the corrections file stated, the file line they came from.
    """
    found = extract(article, ctx.reconciler)
    if corrections is None:
        path = corr.corrections_path(article.path)
        if not path.exists():
            return found, {}
        corrections = corr.load_corrections(path, article)
    return corr.apply(found, corrections, article)


def prepare(path: str | Path, ctx: Context) -> Prepared:
    """Read, extract, correct, map and validate one article.

    Raises:
        ArticleError, CorrectionsError: the input cannot be read.
        ValidationFailed: the article's graph does not conform; the report names file, entity, shape and line.
    """
    return prepare_article(read_article(path), ctx)


def prepare_article(article: Article, ctx: Context, corrections: corr.Corrections | None = None) -> Prepared:
    """Extract, correct, map and validate an article already read (``corrections`` None: the file beside it);
    ``POST /articles`` reads the upload in memory and calls this.

    Raises:
        CorrectionsError: the corrections file cannot be read.
        ValidationFailed: the article's graph does not conform.
    """
    extraction, origins = extraction_for(article, ctx, corrections)
    mapped = ctx.mapper.map(article, extraction, origins)
    triples = mapped.triples()  # read once (no rdflib graph is made for them: see Mapped)
    ntriples = graph_ntriples(triples)  # once: validated, then stored
    report = ctx.check(triples, ntriples, mapped.index())
    if not report.conforms:
        raise ValidationFailed(report, article.path, mapped.locations)
    return Prepared(article, mapped, report, *mapped.split(ntriples, triples))


_CHECKED = "reference-report.pickle"  # check_reference's report, kept for the same inputs (1.8 s to make)


def check_reference(ctx: Context) -> ValidationReport:
    """The reference data and vocabulary must conform too.

    Raises:
        ValidationFailed: they do not.
    """
    report = ctx._memo.get("reference")
    if report is None:
        report = ctx.kept(_CHECKED)
    if report is None:  # the same inputs conform once and for all (see Context.load), in any process
        # The vocabulary and the reference data without the generated communities, made only here: most
        # commands (extract, ingest, serve) never check them, and a second reference graph costs a second.
        reference = reference_graph(ctx.settings.data_dir / "reference", ctx.reconciler, ctx.uris, communities=False)
        report = validate(ctx.vocabulary + reference, ctx.shapes, ctx.vocabulary)
        if report.conforms:
            ctx.keep(_CHECKED, report)
    ctx._memo["reference"] = report
    if not report.conforms:
        raise ValidationFailed(report, str(ctx.settings.data_dir / "reference"))
    return report


@dataclass
class PreparedTable:
    """A data set file ready to store (``data/events/X.csv``): its graph, conforming to the shapes."""

    key: str
    path: str
    mapped: Mapped
    report: ValidationReport
    ntriples: bytes = b""  # the graph as N-Triples (what a build stores)

    @property
    def graph(self) -> Graph:
        return self.mapped.graph


def prepare_table(path: str | Path, ctx: Context, text: str | None = None, metadata: str | None = None) -> PreparedTable:
    """Read, check, map and validate one data set file (``text``/``metadata`` stand in for the files, for uploads).

    Raises:
        InputError, Refused: a cell or the metadata file cannot be read (``file:row:column`` and the rule).
        ValidationFailed: the rows' graph does not conform; the report names the cell each result is about.
    """
    info, mapped = read_table(path, ctx.uris, ctx.vocabulary, ctx.reconciler, text, metadata)
    triples = mapped.triples()
    ntriples = graph_ntriples(triples)
    report = ctx.check(triples, ntriples)
    if not report.conforms:
        raise ValidationFailed(report, str(path), mapped.locations)
    return PreparedTable(info.key, info.path, mapped, report, ntriples)


@dataclass
class Outcome:
    """One article prepared: its graph (N-Triples) and report, or the error that refused it."""

    path: str
    graph_name: str = ""
    ntriples: bytes = b""
    triples: int = 0
    report: ValidationReport | None = None
    shared: bytes = b""  # lines for the shared graph (Prepared.shared)
    error: LodError | None = None
    events: list[EventKey] = field(default_factory=list)  # what "one event, many sources" compares


_context: Context | None = None  # what a forked worker prepares against, set in the parent before the fork


def outcome_of(path: str, ctx: Context) -> Outcome:
    """:func:`prepare` one article (or :func:`prepare_table` one ``.csv`` data set file), its graph as N-Triples.

    Raises:
        LodError: as :func:`prepare`.
    """
    shared = b""
    if path.lower().endswith(".csv"):
        table = prepare_table(path, ctx)
        name, mapped, report, ntriples = ctx.uris.dataset_graph(table.key), table.mapped, table.report, table.ntriples
    else:
        item = prepare(path, ctx)
        name, mapped, report, ntriples = ctx.uris.article_graph(item.article.key), item.mapped, item.report, item.ntriples
        shared = item.shared
    events = event_keys(name, mapped.reader(), _Known(ctx), dis(ctx.uris.vocab).adminLevel)
    return Outcome(path, str(name), ntriples, ntriples.count(b"\n"), report, events=events, shared=shared)  # a line a triple: len(graph) reads them all


class _Known:
    """The look-ups :func:`event_keys` makes in the known graphs, read from the context's slice of each node
    (:meth:`Context._links`, computed once a node; the same triples in the same order as the known graphs give
    them) instead of through rdflib's graph aggregate (0.5 ms an article)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        if not isinstance(subject, URIRef):
            return list(self.ctx.known.objects(subject, predicate))
        return [o for _, p, o in self.ctx._links(subject).triples if p == predicate]

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(iter(self.objects(subject, predicate)), None)

    def subjects(self, predicate: Node, object: Node) -> list[Node]:  # noqa: A002 - rdflib's name
        return list(self.ctx.known.subjects(predicate, object))


def workers() -> int:
    """How many processes prepare articles: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)))


def prepare_all(paths: list[str], ctx: Context) -> Iterator[Outcome]:
    """:func:`outcome_of` every path, in order, on every core when there are enough paths; a refused article
    gives an outcome with its error."""
    global _context
    processes = min(workers(), len(paths))
    if len(paths) < _PARALLEL_FROM or processes < 2:
        for path in paths:
            yield _portable(path, ctx)
        return
    # The first article here, before the fork: what a process builds the first time it prepares one (the
    # extractor's finders and compiled patterns, modules imported on first use, the shapes' first look-ups:
    # about 0.25 s) is then made once and inherited by every worker, instead of made again in each.
    first = _portable(paths[0], ctx)
    _context = ctx
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=_start) as pool:
            yield first
            yield from pool.imap(_run, paths[1:], chunksize=4)
    finally:
        _context = None


_prepared = 0  # articles this worker prepared


def _start() -> None:
    """A worker's start: no collection of cyclic garbage but every ``_COLLECT_EVERY`` articles (see ``_run``)."""
    gc.disable()


def _run(path: str) -> Outcome:
    global _prepared
    assert _context is not None
    outcome = _portable(path, _context)
    _prepared += 1
    if _prepared % _COLLECT_EVERY == 0:
        gc.collect()
        gc.freeze()  # what is left is live (mostly caches): later collections need not walk it again
    if outcome.error is not None:
        outcome.error = _Portable(outcome.error)
    return outcome


def _portable(path: str, ctx: Context) -> Outcome:
    try:
        return outcome_of(path, ctx)
    except LodError as exc:
        return Outcome(path, error=exc)


class _Portable(LodError):
    """An error on its way from a worker. Our errors' constructors take other arguments than
    ``Exception.args`` (all that pickle would pass), so it travels as its class and attributes, and arrives as
    the original error."""

    def __init__(self, error: LodError) -> None:
        super().__init__()
        self.error = error

    def __reduce__(self) -> tuple[Any, ...]:
        error = self.error
        return (_rebuild, (type(error), dict(error.__dict__), error.args))


def _rebuild(cls: type[LodError], state: dict[str, Any], args: tuple[Any, ...]) -> LodError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error
