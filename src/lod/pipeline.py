"""The publishing pipeline: parse -> extract -> correct -> map -> validate -> store -> publish.

``build`` maps everything in ``data/`` and validates all of it before writing anything; ``ingest`` adds or
replaces one article. Each article's graph is written in one transaction, so the store never holds half
an article, and a refused input leaves the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from lod import corrections as corr
from lod.articles import Article, read_article
from lod.errors import LodError, PublishFailed, Refused, ValidationFailed
from lod.events import TABLE_GLOB, read_table
from lod.events.matching import merge_events
from lod.extract import extract
from lod.mapping import Mapped, Mapper
from lod.namespaces import ORG, SCHEMA, dis
from lod.publish import write_dumps as _write_dumps
from lod.records import Extraction
from lod.reconcile import Reconciler
from lod.reference import load_reconciler, reference_graph
from lod.settings import Settings
from lod.store import Store, Triples, open_store, to_rdflib
from lod.uris import Uris
from lod.validation import ValidationReport, load_ontology, load_shapes, validate

ARTICLE_GLOB = "*.txt"
# Links followed from an article's graph into the reference data, so the shapes see the types and the
# place hierarchy and the organization units they check without re-validating the whole gazetteer for every
# article.
CONTEXT_LINKS = (SCHEMA.containedInPlace, SCHEMA.containsPlace, ORG.hasUnit, ORG.unitOf)


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
    checked: Graph = field(default_factory=Graph)  # vocabulary + reference without the generated communities

    @classmethod
    def load(cls, settings: Settings) -> Context:
        uris = Uris(settings.base_uri)
        reference_dir = settings.data_dir / "reference"
        vocabulary = load_ontology(settings.ontology_dir, uris.base)
        reconciler = load_reconciler(reference_dir)
        reference = reference_graph(reference_dir, reconciler, uris)
        known = ReadOnlyGraphAggregate([vocabulary, reference])  # no copy of the 60,000 community triples
        checked = vocabulary + reference_graph(reference_dir, reconciler, uris, communities=False)
        return cls(settings, uris, vocabulary, load_shapes(settings.shapes_dir, uris.base), reference, known,
                   Mapper(uris, known, reconciler.org), reconciler, checked)

    def context_for(self, graph: Graph) -> Graph:
        """The slice of vocabulary and reference data an article's graph links to."""
        out = Graph()
        seen: set[URIRef] = set()
        todo = [o for o in graph.objects() if isinstance(o, URIRef)]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in self.known.predicate_objects(node):
                out.add((node, p, o))
                if p in CONTEXT_LINKS or p == SKOS.inScheme:
                    todo.append(o)  # type: ignore[arg-type]
        return out


@dataclass
class Prepared:
    """An article ready to store: its graph, conforming to the shapes."""

    article: Article
    mapped: Mapped
    report: ValidationReport

    @property
    def graph(self) -> Graph:
        return self.mapped.graph


@dataclass
class PreparedTable:
    """A data set file ready to store (``data/events/X.csv``): its graph, conforming to the shapes."""

    key: str
    path: str
    mapped: Mapped
    report: ValidationReport

    @property
    def graph(self) -> Graph:
        return self.mapped.graph


@dataclass
class BuildReport:
    articles: list[Prepared] = field(default_factory=list)
    removed: list[URIRef] = field(default_factory=list)
    quads: int = 0
    tables: list[PreparedTable] = field(default_factory=list)


def extraction_for(article: Article, ctx: Context) -> tuple[Extraction, dict[int, str]]:
    """Extraction, then the corrections file beside the article (if any), which wins.

    Returns the records and, for those the corrections file stated, the file line they came from.
    """
    found = extract(article, ctx.reconciler)
    path = corr.corrections_path(article.path)
    if not path.exists():
        return found, {}
    return corr.apply(found, corr.load_corrections(path, article), article)


def prepare(path: str | Path, ctx: Context) -> Prepared:
    """Read, extract, correct, map and validate one article.

    Raises:
        ArticleError, CorrectionsError: the input cannot be read.
        ValidationFailed: the article's graph does not conform; the report names file, entity, shape and line.
    """
    article = read_article(path)
    extraction, origins = extraction_for(article, ctx)
    mapped = ctx.mapper.map(article, extraction, origins)
    report = validate(mapped.graph + ctx.context_for(mapped.graph), ctx.shapes, ctx.vocabulary)
    if not report.conforms:
        raise ValidationFailed(report, str(path), mapped.locations)
    return Prepared(article, mapped, report)


def prepare_table(path: str | Path, ctx: Context, text: str | None = None, metadata: str | None = None) -> PreparedTable:
    """Read, check, map and validate one data set file (``text``/``metadata`` stand in for the files, for uploads).

    Raises:
        InputError, Refused: a cell or the metadata file cannot be read (``file:row:column`` and the rule).
        ValidationFailed: the rows' graph does not conform; the report names the cell each result is about.
    """
    info, mapped = read_table(path, ctx.uris, ctx.vocabulary, ctx.reconciler, text, metadata)
    report = validate(mapped.graph + ctx.context_for(mapped.graph), ctx.shapes, ctx.vocabulary)
    if not report.conforms:
        raise ValidationFailed(report, str(path), mapped.locations)
    return PreparedTable(info.key, info.path, mapped, report)


def check_reference(ctx: Context) -> ValidationReport:
    """The reference data and vocabulary must conform too.

    Raises:
        ValidationFailed: they do not.
    """
    report = validate(ctx.checked, ctx.shapes, ctx.vocabulary)
    if not report.conforms:
        raise ValidationFailed(report, str(ctx.settings.data_dir / "reference"))
    return report


def build(settings: Settings, store: Store | None = None) -> BuildReport:
    """Map, validate and load everything in ``settings.data_dir``; nothing is written unless all of it conforms.

    Raises:
        Refused: one or more inputs failed; ``errors`` lists each with where and why.
    """
    ctx = Context.load(settings)
    check_reference(ctx)
    paths = sorted((settings.data_dir / "articles").glob(ARTICLE_GLOB))
    prepared: list[Prepared] = []
    errors: list[LodError] = []
    for path in paths:
        try:
            prepared.append(prepare(path, ctx))
        except LodError as exc:
            errors.append(exc)
    tables: list[PreparedTable] = []
    for path in sorted((settings.data_dir / "events").glob(TABLE_GLOB)):
        try:
            tables.append(prepare_table(path, ctx))
        except Refused as exc:
            errors.extend(exc.errors)
        except LodError as exc:
            errors.append(exc)
    if errors:
        raise Refused(errors)
    sources = {ctx.uris.article_graph(p.article.key): p.graph for p in prepared}
    sources.update({ctx.uris.dataset_graph(t.key): t.graph for t in tables})
    merge_events(sources, ctx.known, dis(ctx.uris.base).adminLevel)  # one event, many sources (docs/model.md)
    with _opened(settings, store) as target:
        _write_shared(target, ctx)
        wanted = set()
        for item in prepared:
            name = ctx.uris.article_graph(item.article.key)
            wanted.add(name)
            _replace_changed(target, {name: item.graph})
        for table in tables:
            name = ctx.uris.dataset_graph(table.key)
            wanted.add(name)
            _replace_changed(target, {name: table.graph})
        prefixes = (f"{ctx.uris.base}graph/article/", f"{ctx.uris.base}graph/dataset/")
        stale = [g for g in target.graph_names() if str(g).startswith(prefixes) and g not in wanted]
        target.remove_graphs(stale)
        write_dumps(target, settings)
        return BuildReport(prepared, stale, len(target), tables)


def ingest(path: str | Path, settings: Settings, store: Store | None = None) -> Prepared:
    """Add or replace one article (its whole graph, in one transaction).

    Raises:
        ArticleError, CorrectionsError, ValidationFailed: refused; the store is unchanged.
    """
    ctx = Context.load(settings)
    item = prepare(path, ctx)
    with _opened(settings, store) as target:
        if ctx.uris.reference_graph not in target.graph_names():
            _write_shared(target, ctx)
        _replace_changed(target, {ctx.uris.article_graph(item.article.key): item.graph})
        write_dumps(target, settings)
    return item


def ingest_table(path: str | Path, settings: Settings, store: Store | None = None, text: str | None = None,
                 metadata: str | None = None) -> PreparedTable:
    """Add or replace one data set file's graph, in one transaction.

    Raises:
        InputError, Refused, ValidationFailed: refused; the store is unchanged.
    """
    ctx = Context.load(settings)
    item = prepare_table(path, ctx, text, metadata)
    with _opened(settings, store) as target:
        if ctx.uris.reference_graph not in target.graph_names():
            _write_shared(target, ctx)
        _replace_changed(target, {ctx.uris.dataset_graph(item.key): item.graph})
        write_dumps(target, settings)
    return item


def _write_shared(store: Store, ctx: Context) -> None:
    """The vocabulary and reference graphs, together in one transaction."""
    _replace_changed(store, {ctx.uris.vocabulary_graph: ctx.vocabulary, ctx.uris.reference_graph: ctx.reference})


def _replace_changed(store: Store, graphs: dict[URIRef, Graph]) -> None:
    """Replace the graphs whose content changed, in one transaction, and leave the others untouched.

    Rewriting an unchanged graph would give its blank nodes new labels, so every rebuild would change the
    dumps' bytes, checksums and ETags although no fact changed.
    """
    changed = {name: graph for name, graph in graphs.items() if not _same(graph, store, name)}
    if changed:
        store.replace_graphs(changed)


def _same(graph: Graph, store: Store, name: URIRef) -> bool:
    """Whether the store holds this graph. Without blank nodes that is set equality, which is much cheaper
    than an isomorphism test on the reference graph's 60,000 community triples."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Triples)
    if len(result.triples) != len(graph):
        return False
    stored = {(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result.triples}
    if any(isinstance(term, BNode) for triple in stored for term in triple) or \
            any(isinstance(term, BNode) for triple in graph for term in triple):
        return isomorphic(graph, result.to_rdflib())
    return stored == set(graph)


def write_dumps(store: Store, settings: Settings) -> None:
    """The dumps and their description, after the store was written.

    Raises:
        PublishFailed: a dump could not be written (the previous dumps stay in place).
    """
    try:
        _write_dumps(store, settings)
    except (OSError, ValueError) as exc:
        raise PublishFailed(str(settings.dumps_dir), str(exc)) from None


@contextmanager
def _opened(settings: Settings, store: Store | None) -> Iterator[Store]:
    """The given store, or the on-disk one opened for this command and released after it."""
    if store is not None:
        yield store
        return
    opened = open_store(settings)
    try:
        yield opened
    finally:
        opened.close()
