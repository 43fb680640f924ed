"""Oxigraph on disk (or in memory): the embedded engine behind the :class:`~lod.store.Store` protocol.

Every write replaces whole graphs in one SPARQL UPDATE request, which Oxigraph runs as one transaction, so a
reader never sees half an article. Only this module and :mod:`lod.store.readonly` know that the store is a
folder of RocksDB files.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.errors import QueryError, StoreUnavailable
from lod.store._text import refuse_service, replace_update, syntax_error
from lod.store.bounded import Bounded, TooLong
from lod.store.protocol import Boolean, GraphName, QueryResult, Solutions, Triples, take
from lod.store.querytext import keywords

if TYPE_CHECKING:
    from lod.store.readonly import ReadOnlyStore

__all__ = ["BULK_CHUNK", "OxigraphStore", "ReadOnlyOpener", "open_writer"]

# Quads per call of Oxigraph's bulk loader. One call sorts batches of up to a million quads, one per thread,
# all in memory: 1.5 GB for the 2.5 million quads of 10,000 articles on two cores, about 0.9 KB a quad. Calls of
# this size keep the loader under 450 MB whatever the size of the build, and load as fast. Each call writes its
# own sorted files, which overlap the other calls' files: a store of one call is compact and compressed as it
# is; a store of several is compacted by ``optimize()``, whose files Oxigraph writes uncompressed at these
# sizes (1.6 times larger, as Oxigraph's own bulk load of more than a million quads), but reads faster than the
# overlapping files (docs/performance.md, Build). So a call takes as many quads as memory allows.
BULK_CHUNK = 500_000

# Every triple of the default graph and the named graphs, once. CONSTRUCT alone forgets what it emitted after
# about a million triples; DISTINCT keeps them all (memory grows with the union). Oxigraph scans graph by graph
# and subject by subject, so a Turtle dump still groups each subject's triples.
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"

class OxigraphStore:
    """The default store: ``pyoxigraph.Store`` on disk (or in memory with ``path=None``)."""

    graph_scope: str | None = None  # the whole store is lod's

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path))

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store itself (for tests of this engine; lod's own code goes through the protocol)."""
        return self._store

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, add: Mapping[URIRef, Graph] | None = None,
                       after: str = "") -> None:
        # One SPARQL UPDATE request is one Oxigraph transaction: all graphs change, or none.
        update = replace_update(graphs, add=add, after=after)
        if update:
            self._store.update(update)

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        parts = [f"DROP SILENT GRAPH <{name}>" for name in names]
        if parts:
            self._store.update(" ;\n".join(parts))

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        kwargs: dict[str, object] = {}
        if default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif not _names_dataset(sparql):
            kwargs["use_default_graph_as_union"] = True  # the union, unless the query names its own dataset
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        refuse_service(sparql)
        try:  # results are lazy: the engine reads the store while they are taken, so that is inside too
            result = self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
            if isinstance(result, ox.QueryBoolean):
                return Boolean(bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows, capped = take((tuple(s) for s in result), limit)  # a solution iterates in the variables' order
                return Solutions(variables, rows, capped)
            triples: Iterator[ox.Triple] = iter(result)
            taken, capped = take(triples, limit)
            return Triples(taken, capped)
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise self._failed(exc) from None

    def construct_ntriples(self, sparql: str) -> bytes:
        refuse_service(sparql)
        try:  # evaluated and written in one call, which lets go of the GIL once, not once per triple
            result = self._store.query(sparql, use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("construct_ntriples() takes a CONSTRUCT or DESCRIBE query")
            return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise self._failed(exc) from None

    def construct_written(self, sparql: str, fmt: ox.RdfFormat, max_bytes: int | None = None) -> bytes | None:
        refuse_service(sparql)
        try:  # evaluated while written, in one call: past max_bytes the writer raises and the evaluation ends
            result = self._store.query(sparql, use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("construct_written() takes a CONSTRUCT or DESCRIBE query")
            if max_bytes is None:
                return result.serialize(format=fmt) or b""
            out = Bounded(max_bytes)
            result.serialize(out, format=fmt)
            return out.getvalue()
        except TooLong:
            return None
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise self._failed(exc) from None

    def _failed(self, error: OSError | RuntimeError | SyntaxError) -> Exception:
        """What an engine error means: the query's syntax, the store (an I/O error, or RocksDB's status for a
        file that is corrupt or went away under a read-only view, which :mod:`lod.store.readonly` opens again:
        503), or what the engine cannot evaluate in this query (an unknown function: 400)."""
        text = str(error)
        if isinstance(error, SyntaxError):
            return syntax_error(text)
        if isinstance(error, OSError) or text.startswith(_STORAGE_FAILURES):
            return StoreUnavailable(str(self.path or "the in-memory store"), f"reading it failed: {text}")
        return QueryError(f"the query failed: {text}")

    def construct(self, sparql: str) -> Iterator[ox.Triple]:
        result = self._store.query(sparql, use_default_graph_as_union=True)
        assert isinstance(result, ox.QueryTriples), "construct() takes a CONSTRUCT query"
        return iter(result)

    def triples(self) -> Iterator[ox.Triple]:
        return self.construct(UNION)

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        # Oxigraph scans its GSPO index: each subject's quads come together.
        return iter(self._store) if graph is None else self._store.quads_for_pattern(None, None, None, graph)

    def reopener(self) -> ReadOnlyOpener | None:
        """How a query worker opens this store read-only (None in memory: nothing to share)."""
        return ReadOnlyOpener(str(self.path)) if self.path is not None else None

    def flush(self) -> None:
        """Write buffered data to disk, so a read-only view opened by another process sees it."""
        self._store.flush()

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads with Oxigraph's bulk loader, streaming, ``BULK_CHUNK`` quads per call so memory stays flat:
        not a transaction, so only for a store nobody reads yet (``lod build`` stages a new store with it,
        :mod:`lod.pipeline.staging`). Blank nodes keep their labels."""
        remaining = iter(quads)
        for first in remaining:
            self._store.bulk_extend(chain((first,), islice(remaining, BULK_CHUNK - 1)))

    def bulk_extend_nquads(self, nquads: Iterable[bytes], *, checked: bool = False) -> None:
        """:meth:`bulk_extend` with N-Quads (each piece whole lines), parsed as they are loaded. Blank nodes keep
        their labels: Oxigraph's own ``bulk_load`` gives them new ones (random numbers), so a store's graphs would
        no longer be the bytes a build wrote in the dumps. ``checked``: the IRIs and language tags were checked
        where they were made, and are not checked again (Oxigraph's lenient parser: half the parse, 0.6-0.9 CPU s
        of the 5 s a build's 327,782 quads of 1,000 articles take to load).

        Raises:
            SyntaxError: a line is not N-Quads.
        """
        self.bulk_extend(chain.from_iterable(ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=checked) for text in nquads))

    def graph_ntriples(self, name: str) -> bytes:
        """One named graph's triples as N-Triples, as Oxigraph writes them (in its order), without a Python object
        per triple."""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""

    def optimize(self) -> None:
        """Compact the files on disk (after a bulk load), so readers open it fast and it takes less room."""
        self._store.optimize()

    def close(self) -> None:
        """Release the on-disk store now (Oxigraph holds a file lock until its object is freed)."""
        self._store = ox.Store()  # drop our reference to the on-disk one; an empty in-memory store remains

    def __len__(self) -> int:
        return len(self._store)


@dataclass(frozen=True)
class ReadOnlyOpener:
    """Opens the store at ``path`` read-only, following its writer (picklable: sent to query workers)."""

    path: str

    def __call__(self) -> ReadOnlyStore:
        from lod.store.readonly import ReadOnlyStore  # readonly builds on this module

        store = ReadOnlyStore(self.path)
        store.current()
        return store


# How RocksDB's status names a failure of the storage itself (its Status::ToString), as pyoxigraph passes it on.
_STORAGE_FAILURES = ("Corruption", "IO error", "Not found", "Incomplete", "Shutdown in progress", "Busy", "Timed out",
                     "Try again", "Aborted", "Result incomplete")


def open_writer(path: str | Path) -> OxigraphStore:
    """The on-disk store, for writing.

    Raises:
        StoreUnavailable: locked by another process (a running build or ingest) or unreadable.
    """
    try:
        return OxigraphStore(path)
    except OSError as exc:
        reason = str(exc)
        if "lock" in reason.lower():
            reason = "it is locked by another process (is another `lod build` or `lod ingest` running?)"
        raise StoreUnavailable(str(path), reason) from None


def _names_dataset(sparql: str) -> bool:
    """Whether the query has a ``FROM`` clause; a text without those letters in any case has none (the lexer of
    :func:`keywords` is only run on the rest: a page's queries are many and never name one)."""
    return "from" in sparql.lower() and "FROM" in keywords(sparql)
