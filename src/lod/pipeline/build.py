"""The publishing pipeline: parse -> extract -> correct -> map -> validate -> store -> publish.

``build`` publishes everything in ``data/``, all or nothing: every article is prepared and validated
(:mod:`lod.pipeline.preparation`, on every core) before the live store changes. An article whose file, corrections and
inputs (:mod:`lod.pipeline.manifest`) are unchanged since the last build is not prepared again, and a build with nothing
changed returns at once. When many articles changed (or there is no store yet), the new store is bulk-loaded
beside the live one, streaming each graph in as it is prepared, and swapped in whole (:mod:`lod.pipeline.staging`);
when few changed, they are replaced in the live store in one transaction. Either way a refusal, or a kill,
leaves the previous store as it was. The N-Triples and N-Quads dumps, the tables and the pages' index are written
after the store, and only by ``build``; the Turtle and JSON-LD dumps and the gzips are made later from those
(:mod:`lod.publish.derivation`: ``lod dump --missing``, or ``lod serve`` in the background), or at once with
``dumps=True`` (``lod build --dumps``, for static publishing).

``ingest`` adds or replaces one article in one transaction; its cost does not depend on the size of the store
(it writes no dumps: ``lod build`` or ``lod dump`` do).
"""

from __future__ import annotations

import gc
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from lod.errors import ArticleError, LodError, PublishFailed, Refused, Where
from lod.events import TABLE_GLOB
from lod.events.matching import EventKey, rename_events, renames
from lod.pipeline.manifest import Entry, Manifest, article_hash, build_id, input_version
from lod.pipeline.preparation import (
    ARTICLE_GLOB,
    Context,
    Outcome,
    Prepared,
    PreparedTable,
    check_reference,
    extraction_for,
    prepare,
    prepare_all,
    prepare_table,
)
from lod.pipeline.preparation import UPLOADS
from lod.pipeline.shared import candidates, prune_update, staged_lines
from lod.pipeline.staging import clean_leftovers, exchange, staging_path, writer_lock
from lod.pipeline.validation import ValidationReport
from lod.publish import members, summaries
from lod.publish.derivation import make_missing
from lod.publish.dumps import dumps_build, graph_dump, in_graph, mark_changed
from lod.publish.dumps import write_dumps as _write_dumps
from lod.publish.facts import Facts
from lod.publish.members import Members
from lod.publish.graphdump import GraphDump, renamed_lines, sorted_lines
from lod.settings import Settings
from lod.store import OxigraphStore, Solutions, Store, Triples, changes, holds_graph, open_store, to_rdflib
from lod.store.oxigraph import open_writer

__all__ = ["ARTICLE_GLOB", "BuildReport", "Built", "Context", "Prepared", "PreparedTable", "build", "check_reference", "store_article",
           "extraction_for", "ingest", "ingest_table", "prepare", "prepare_table", "write_dumps"]

# Up to this many changed articles are replaced in the live store in one transaction; more are staged.
IN_PLACE_MAX = 200
SERVER_BATCH = 200  # graphs one request to a SPARQL server replaces, in a build of more than IN_PLACE_MAX
_YOUNG = 100_000  # new objects between two collections of the youngest generation during a build (see _rarely_collected)


@dataclass
class Built:
    """One article (or data set file) a build prepared and stored."""

    path: str
    graph: str
    triples: int
    report: ValidationReport


@dataclass
class BuildReport:
    articles: list[Built] = field(default_factory=list)  # the articles prepared (new or changed)
    unchanged: int = 0  # articles and data set files skipped because nothing they depend on changed
    removed: list[URIRef] = field(default_factory=list)
    quads: int = 0
    staged: bool = False  # the store was rebuilt beside the live one and swapped in
    tables: list[Built] = field(default_factory=list)  # the data set files prepared (new or changed)

    def add(self, built: Built) -> None:
        (self.tables if built.path.lower().endswith(".csv") else self.articles).append(built)


def build(settings: Settings, store: Store | None = None, *, dumps: bool = False) -> BuildReport:
    """Map, validate and load everything in ``settings.data_dir``; nothing is written unless all of it conforms.

    With ``store`` given, or a SPARQL server as the store (``settings.store_url``), write into it in one request,
    preparing every article; otherwise into the on-disk store at ``settings.store_path``, skipping unchanged
    articles. ``dumps``: write every dump file now (otherwise the catalog names the Turtle and JSON-LD dumps and the
    gzips as pending, for :mod:`lod.publish.derivation` to make).

    Raises:
        Refused: one or more inputs failed; ``errors`` lists each with where and why.
        StoreUnavailable: another writer holds the store.
    """
    if store is None and settings.store_url:
        store = open_store(settings)  # a SPARQL server: every article, in one request
    with nullcontext() if store is not None else writer_lock(settings.store_path):
        if store is None:
            clean_leftovers(settings.store_path)
        paths = [str(p) for p in sorted((settings.data_dir / "articles").glob(ARTICLE_GLOB))]
        paths += [str(p) for p in sorted((settings.data_dir / UPLOADS).glob(ARTICLE_GLOB))]  # kept by POST /articles
        paths += [str(p) for p in sorted((settings.data_dir / "events").glob(TABLE_GLOB))]
        version = input_version(settings)
        hashes = {path: _hash(path, version) for path in paths}
        manifest = Manifest.read(settings.store_path) if store is None else Manifest()
        name = build_id(version, hashes)
        if store is None and manifest.build == name and dumps_build(settings.dumps_dir) == name:
            if dumps:  # what a build without --dumps left to make
                _make_missing(settings)
            return BuildReport(unchanged=len(paths), quads=manifest.quads)
        with ExitStack() as stack:
            stack.enter_context(_rarely_collected())
            ctx = Context.load(settings, version)
            with _frozen():
                if manifest.version != version:
                    check_reference(ctx)
                changed = [p for p in paths if p not in manifest.articles or manifest.articles[p].hash != hashes[p]]
                stale = [p for p in manifest.articles if p not in hashes]
                live = store is not None or _holds_store(settings.store_path)
                done = Manifest(version, name, 0, {p: e for p, e in manifest.articles.items() if p in hashes and p not in changed})
                fed: GraphDump | None = None  # the dumps of every graph, written while a new store is loaded
                if live and len(changed) + len(stale) <= IN_PLACE_MAX:
                    report = _in_place(settings, store, ctx, manifest, changed, stale, hashes, done)
                elif store is not None:  # a SPARQL server: every article checked, then written a batch at a time
                    report = _batched(store, ctx, changed)
                else:
                    fed = stack.enter_context(graph_dump(settings, dumps)) if store is None else None
                    report = _staged(settings, ctx, manifest if live else Manifest(), changed, hashes, done, fed)
                report.unchanged = len(paths) - len(report.articles) - len(report.tables)
                changes.begin_again(settings.dumps_dir, report.quads)  # no line tells of a build: every reader builds again
                with _opened(settings, store) as target:
                    write_dumps(target, settings, build=name, graphs=fed, every=dumps)
                return report


def ingest(path: str | Path, settings: Settings, store: Store | None = None) -> Prepared:
    """Add or replace one article (its whole graph, in one transaction). Writes no dumps.

    Raises:
        ArticleError, CorrectionsError, ValidationFailed: refused; the store is unchanged.
        StoreUnavailable: another writer holds the store.
    """
    ctx = Context.load(settings)
    item = prepare(path, ctx)
    _store_one(settings, store, ctx, ctx.uris.article_graph(item.article.key), item.mapped.own_graph(), item.mapped.shared_graph())
    return item


def ingest_table(path: str | Path, settings: Settings, store: Store | None = None, text: str | None = None,
                 metadata: str | None = None) -> PreparedTable:
    """Add or replace one data set file's graph, in one transaction. Writes no dumps.

    Raises:
        InputError, Refused, ValidationFailed: refused; the store is unchanged.
        StoreUnavailable: another writer holds the store.
    """
    ctx = Context.load(settings)
    item = prepare_table(path, ctx, text, metadata)
    _store_one(settings, store, ctx, ctx.uris.dataset_graph(item.key), item.graph)
    return item


def store_article(item: Prepared, ctx: Context, settings: Settings) -> None:
    """Write an article already prepared (``POST /articles``, with the app's one context), as ``ingest`` does."""
    _store_one(settings, None, ctx, ctx.uris.article_graph(item.article.key), item.mapped.own_graph(), item.mapped.shared_graph())


def _store_one(settings: Settings, store: Store | None, ctx: Context, name: URIRef, graph: Graph,
               described: Graph | None = None) -> None:
    """Replace one graph; ``described``: its nodes minted from a name, added to the shared graph (and the shared
    descriptions the graph it replaces used, dropped when nothing else uses them, in the same transaction)."""
    locked = store is None and not settings.store_url  # the on-disk store, under its writer's lock
    if store is None and settings.store_url:
        store = open_store(settings)
    with nullcontext() if store is not None else writer_lock(settings.store_path):
        with _opened(settings, store) as target:
            if store is None:
                # The next build must look at this graph's file again, and write the dumps again.
                manifest = Manifest.read(settings.store_path)
                manifest.articles = {p: e for p, e in manifest.articles.items() if e.graph != str(name)}
                manifest.build = ""
                manifest.write(settings.store_path)
            # Two look-ups, not the list of every graph (the store's number of graphs): a write costs its article.
            shared = {} if holds_graph(target, str(ctx.uris.reference_graph)) else ctx.shared()
            add, after, pruned = _described(target, ctx, described, [name] if holds_graph(target, str(name)) else [])
            # What a server's indexes must take again (a first write, with the reference data: all of it).
            touched = None if shared else changes.touched(target, name, graph, *filter(None, [described]))
            # The quads this write can change: its graph's, and the shared descriptions it adds or may prune.
            # (A blank node added there is a new one, which no count before and after finds: the count is left unknown.)
            changing = [*(s for g in (add or {}).values() for s in g.subjects() if isinstance(s, URIRef)), *pruned]
            blank = any(isinstance(s, BNode) for g in (add or {}).values() for s in g.subjects())
            countable = locked and touched is not None and not blank
            before = _quads(target, name, ctx.uris.shared_graph, changing) if countable else None
            _replace_changed(target, {**shared, name: graph}, add=add, after=after)
            added = None if before is None else _quads(target, name, ctx.uris.shared_graph, changing) - before
            if touched is None and settings.dumps_dir.is_dir():  # no line tells of this write: readers build again
                changes.begin_again(settings.dumps_dir)  # and count the store (the build's count no longer holds)
        mark_changed(settings.dumps_dir)  # Last-Modified follows the data; the dumps wait for the next build
        if touched is not None:
            changes.record(settings.dumps_dir, touched, added)


def write_dumps(store: Store, settings: Settings, *, build: str = "", graphs: GraphDump | None = None, every: bool = True) -> None:
    """The dumps and their description, after the store was written (``graphs``: every graph of it given to
    :func:`lod.publish.dumps.graph_dump` as it was loaded; ``every``: every dump file, not only those serving
    needs at once).

    Raises:
        PublishFailed: a dump could not be written (the previous dumps stay in place).
    """
    def index(facts: Facts | None, listed: Members | None) -> None:  # the pages' index, before the catalog names its build
        # (a store shared with other data: the listings' members asked of the store, once here, not at each server's start)
        listed = listed if listed is not None else members.build(store, settings.base_uri)
        summaries.save(facts if facts is not None else store, settings.dumps_dir, settings.vocab_uri, build, listed)

    try:
        _write_dumps(store, settings, build=build, graphs=graphs, index=index if build else None,
                     index_reads=summaries.predicates(settings.vocab_uri), every=every)
    except (OSError, ValueError, sqlite3.Error) as exc:
        raise PublishFailed(str(settings.dumps_dir), str(exc)) from None


def _make_missing(settings: Settings) -> None:
    """The dump files the catalog names as pending, made now (waiting for a maker that holds the folder).

    Raises:
        PublishFailed: one could not be made.
    """
    try:
        make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri)
    except (OSError, ValueError) as exc:
        raise PublishFailed(str(settings.dumps_dir), str(exc)) from None


# --- a few articles: one transaction in the live store ---------------------------------------------------


def _in_place(settings: Settings, store: Store | None, ctx: Context, manifest: Manifest, changed: list[str],
              stale: list[str], hashes: dict[str, str], done: Manifest) -> BuildReport:
    """Prepare the changed articles, then replace them (and drop the stale ones) in one transaction; ``done``
    (the manifest of the unchanged articles) gets the changed ones and is written after the transaction."""
    outcomes = list(prepare_all(changed, ctx))
    graphs, report = _collect(outcomes, manifest, set(changed) | set(stale))
    rename_events(graphs, renames([key for outcome in outcomes for key in outcome.events]))  # one event, many sources
    with _opened(settings, store) as target:
        wanted = {URIRef(e.graph) for e in done.articles.values()} | set(graphs)
        prefixes = (f"{ctx.uris.base}graph/article/", f"{ctx.uris.base}graph/dataset/")
        report.removed = [g for g in target.graph_names() if str(g).startswith(prefixes) and g not in wanted]
        replacing: dict[URIRef, Graph] = {} if done.version == manifest.version else ctx.shared()
        replacing.update(graphs)
        if store is None and (replacing or report.removed):
            # Until the transaction is known to be done, the manifest promises nothing about these articles.
            Manifest(manifest.version, "", 0, dict(done.articles)).write(settings.store_path)
        described = Graph().parse(data=b"".join(o.shared for o in outcomes if o.error is None), format="nt")
        existing = set(target.graph_names())
        before = [g for g in graphs if g in existing] + report.removed
        add, after, _ = _described(target, ctx, described, before)
        _replace_changed(target, replacing, removing=report.removed, add=add, after=after)
        report.quads = done.quads = len(target)
    if store is None:
        done.articles.update({b.path: Entry(hashes[b.path], b.graph) for b in report.articles + report.tables})
        done.write(settings.store_path)
    return report


# --- many articles: a new store, bulk-loaded beside the live one and swapped in ----------------------------


def _staged(settings: Settings, ctx: Context, manifest: Manifest, changed: list[str], hashes: dict[str, str],
            done: Manifest, fed: GraphDump | None = None) -> BuildReport:
    """Bulk-load a new store beside the live one, streaming each changed article in as it is prepared and
    copying the unchanged ones from the live store, then swap it in with ``done`` (the manifest) inside.
    ``fed``: given each graph as it is loaded, in the store's order (by name), for the dumps."""
    live, staging = settings.store_path, staging_path(settings.store_path)
    report = BuildReport(staged=True)
    errors: list[LodError] = []
    unchanged = {p: manifest.articles[p] for p in hashes if p not in changed and p in manifest.articles}
    seen: dict[str, str] = {}
    old = open_writer(live) if unchanged else None
    new = OxigraphStore(staging)
    spool = tempfile.TemporaryFile(dir=live.parent)  # the prepared graphs, on disk until the events are merged
    described: set[bytes] = set()  # the lines of the shared graph the prepared articles give
    try:
        spooled, keys = _spooled(changed, ctx, spool, seen, errors, report, described)
        for path, entry in unchanged.items():
            if entry.graph in seen:
                errors.append(_duplicate(path, seen[entry.graph]))
            seen.setdefault(entry.graph, path)
        if errors:
            raise Refused(errors)
        renaming = renames(keys)
        touched = {str(key.graph) for key in keys if key.uri in renaming}  # the graphs holding a renamed event

        # Every graph as N-Triples lines as Oxigraph writes them, sorted (lod.publish.graphdump.sorted_lines): the dumps
        # are fed those bytes (no Python object per quad), and the bulk loader the same as N-Quads.
        shared = {str(shared_name): sorted_lines(text) for shared_name, text in ctx.shared_ntriples().items()}
        at = {name: (offset, length) for name, offset, length in spooled}
        kept = {entry.graph for entry in unchanged.values()}
        names = staged_lines(described, old, ctx.uris.shared_graph, kept)
        if names:
            shared[str(ctx.uris.shared_graph)] = names
        renamed_iris = {f"<{a}>".encode(): f"<{b}>".encode() for a, b in renaming.items()}

        def graph(name: str) -> bytes:
            if name in shared:
                return shared[name]
            if name in kept:
                assert old is not None
                return sorted_lines(old.graph_ntriples(name), as_oxigraph=True)
            offset, length = at[name]
            spool.seek(offset)
            text = sorted_lines(spool.read(length))
            return text if name not in touched else renamed_lines(text, renamed_iris)

        loaded = 0  # quads: each graph's lines are distinct, and so are the graphs (len() reads the whole store)

        def nquads() -> Iterator[bytes]:
            nonlocal loaded
            for name in sorted([*shared, *at, *kept]):  # the store's order of graphs, which the dumps keep
                text, node = graph(name), ox.NamedNode(name)
                loaded += text.count(b"\n")
                yield fed.add_lines(node, text) if fed is not None else in_graph(text, node)

        # Not checked again: every IRI is one lod made (lod.rdf.uris), a source URL or a data set's licence or source
        # checked where it was read (lod.rdf.iri), the reference data's, or Oxigraph's own (a graph kept from the old
        # store); rdflib refuses to write an IRI with a space, quote or angle bracket in the workers besides.
        new.bulk_extend_nquads(nquads(), checked=True)
        new.optimize()
        new.flush()
        report.quads = done.quads = loaded
        report.removed = [URIRef(e.graph) for e in manifest.articles.values() if e.graph not in seen]
        done.articles.update({b.path: Entry(hashes[b.path], b.graph) for b in report.articles + report.tables})
        done.write(staging)
    except BaseException:
        new.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        spool.close()
        if old is not None:
            old.close()
    new.close()
    exchange(staging, live)
    shutil.rmtree(staging, ignore_errors=True)  # the previous store, now in the staging folder
    return report


def _spooled(changed: list[str], ctx: Context, spool: IO[bytes], seen: dict[str, str], errors: list[LodError],
             report: BuildReport, described: set[bytes]) -> tuple[list[tuple[str, int, int]], list[EventKey]]:
    """Prepare the ``changed`` articles, each accepted one's N-Triples written to ``spool`` (so memory stays flat)
    and added to ``report``, its lines for the shared graph to ``described``: where each graph lies in the spool
    (name, offset, length), and the events told."""
    spooled: list[tuple[str, int, int]] = []
    keys: list[EventKey] = []
    for outcome in prepare_all(changed, ctx):
        if _accept(outcome, seen, errors):
            report.add(Built(outcome.path, outcome.graph_name, outcome.triples, outcome.report))  # type: ignore[arg-type]
            keys.extend(outcome.events)
            spooled.append((outcome.graph_name, spool.tell(), len(outcome.ntriples)))
            spool.write(outcome.ntriples)
            described.update(outcome.shared.splitlines(keepends=True))
    return spooled, keys


# --- many articles into a SPARQL server: checked first, then written a batch at a time ----------------------


def _batched(store: Store, ctx: Context, changed: list[str]) -> BuildReport:
    """Prepare and check every article first, keeping their graphs on disk (so memory stays flat), and write
    nothing if one is refused; then replace the shared graphs and the articles' graphs ``SERVER_BATCH`` at a
    time (one request each), and drop lod's graphs that no file gives any more. A request that fails stops
    the build with the store's error; building again writes what is missing (a graph already there, the same,
    is left as it is)."""
    report = BuildReport()
    errors: list[LodError] = []
    seen: dict[str, str] = {}
    described: set[bytes] = set()
    with tempfile.TemporaryFile() as spool:
        spooled, keys = _spooled(changed, ctx, spool, seen, errors, report, described)
        if errors:
            raise Refused(errors)
        renaming = renames(keys)  # one event told by several articles: one IRI, across batches
        prefixes = (f"{ctx.uris.base}graph/article/", f"{ctx.uris.base}graph/dataset/")
        existing = set(store.graph_names())
        report.removed = sorted(g for g in existing if str(g).startswith(prefixes) and str(g) not in seen)
        # Every article is prepared: the shared graph is theirs, replaced whole.
        names = {ctx.uris.shared_graph: Graph().parse(data=b"".join(sorted(described)), format="nt")}
        _replace_new(store, {**ctx.shared(), **names}, existing, report.removed)
        for start in range(0, len(spooled), SERVER_BATCH):
            graphs: dict[URIRef, Graph] = {}
            for name, offset, length in spooled[start : start + SERVER_BATCH]:
                spool.seek(offset)
                graphs[URIRef(name)] = Graph().parse(data=spool.read(length), format="nt")
            rename_events(graphs, renaming)
            _replace_new(store, graphs, existing)
    report.quads = len(store)
    return report


def _replace_new(store: Store, graphs: dict[URIRef, Graph], existing: set[URIRef], removing: Iterable[URIRef] = ()) -> None:
    """:func:`_replace_changed`, asking the store only about the graphs it already has (a first build into an
    empty server asks nothing)."""
    changed = {name: graph for name, graph in graphs.items() if name not in existing or not _same(graph, store, name)}
    changed.update({name: Graph() for name in removing})
    if changed:
        store.replace_graphs(changed)


# --- shared parts -------------------------------------------------------------------------------------------


def _collect(outcomes: Iterable[Outcome], manifest: Manifest, replaced: set[str]) -> tuple[dict[URIRef, Graph], BuildReport]:
    """The graphs of the outcomes, or the refusal of every failed one."""
    seen = {e.graph: p for p, e in manifest.articles.items() if p not in replaced}
    errors: list[LodError] = []
    graphs: dict[URIRef, Graph] = {}
    report = BuildReport()
    for outcome in outcomes:
        if _accept(outcome, seen, errors):
            graphs[URIRef(outcome.graph_name)] = Graph().parse(data=outcome.ntriples, format="nt")
            report.add(Built(outcome.path, outcome.graph_name, outcome.triples, outcome.report))  # type: ignore[arg-type]
    if errors:
        raise Refused(errors)
    return graphs, report


def _accept(outcome: Outcome, seen: dict[str, str], errors: list[LodError]) -> bool:
    """Whether the outcome is a graph to store; a refusal or a second article with the same URL is recorded."""
    if isinstance(outcome.error, Refused):
        errors.extend(outcome.error.errors)
        return False
    if outcome.error is not None:
        errors.append(outcome.error)
        return False
    if outcome.graph_name in seen:
        errors.append(_duplicate(outcome.path, seen[outcome.graph_name]))
        return False
    seen[outcome.graph_name] = outcome.path
    return True


def _duplicate(path: str, other: str) -> ArticleError:
    return ArticleError(Where(path, 1, 1), f"has the same Source URL as {other}: one article, one file")


def _replace_changed(store: Store, graphs: dict[URIRef, Graph], removing: Iterable[URIRef] = (),
                     add: dict[URIRef, Graph] | None = None, after: str = "") -> None:
    """Replace the graphs whose content changed and drop ``removing``, then (when one did) add ``add`` and run
    ``after`` (:meth:`lod.store.Store.replace_graphs`), in one transaction; leave the others.

    Rewriting an unchanged graph would give its blank nodes new labels, so every rebuild would change the
    dumps' bytes, checksums and ETags although no fact changed.
    """
    changed = {name: graph for name, graph in graphs.items() if not _same(graph, store, name)}
    changed.update({name: Graph() for name in removing})
    if changed:
        store.replace_graphs(changed, add=add, after=after)


def _described(store: Store, ctx: Context, described: Graph | None,
               before: list[URIRef]) -> tuple[dict[URIRef, Graph] | None, str, list[URIRef]]:
    """What :func:`_replace_changed` adds to the shared graph (``described``), the update dropping the shared
    descriptions that the graphs replaced or dropped (``before``, as the store holds them now) alone used, and
    the nodes whose descriptions that update may drop."""
    shared = ctx.uris.shared_graph
    add = {shared: described} if described is not None and len(described) else None
    maybe = candidates(store, shared, before)
    return add, prune_update(shared, maybe), maybe


def _quads(store: Store, name: URIRef, shared: URIRef, subjects: Iterable[URIRef]) -> int:
    """The quads of the graph ``name`` and of the descriptions of ``subjects`` in ``shared``: what a write of one
    graph can change, counted at the write's cost, not the store's."""
    listed = " ".join(f"<{s}>" for s in sorted(set(subjects)))
    described = f" UNION {{ VALUES ?s {{ {listed} }} GRAPH <{shared}> {{ ?s ?p ?o }} }}" if listed else ""
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ GRAPH <{name}> {{ ?s ?p ?o }} }}{described} }}")
    assert isinstance(result, Solutions)
    [count] = result.rows[0]
    assert isinstance(count, ox.Literal)
    return int(count.value)


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


def _hash(path: str, version: str) -> str:
    try:
        return article_hash(Path(path), version)
    except OSError:
        return ""  # unreadable: prepared again, and refused with the reason


def _holds_store(path: Path) -> bool:
    return (path / "CURRENT").exists()


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects alive now (the context: about a million rdflib objects, which live as long as the build)
    left out of the garbage collector's full collections until the end of the block. Each full collection
    walked them all: 11 of them in the parent of a 1,000-article build, 2 of its CPU seconds, and about 2 ms of
    each article's 15 in the workers, which, forked inside the block, also keep sharing those pages with the
    parent instead of copying them when the collector writes to them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _rarely_collected() -> Iterator[None]:
    """The collector run every ``_YOUNG`` new objects (not 700) until the end of the block: loading the context,
    the bulk load and the dumps make millions of objects and almost no cycles, and the 2,000 collections they
    cost were 0.9 of the parent's 13 CPU seconds at 1,000 articles (about 0.05 now)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(_YOUNG, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


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
