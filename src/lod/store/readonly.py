"""The on-disk store opened read-only, following a writer that changes it.

A read-only view of Oxigraph (RocksDB) is a snapshot taken when it opens. A :class:`ReadOnlyStore` compares the
store directory's files (names, sizes, times; the write-ahead log grows on every write) with what it saw when it
opened its view, before each use, and reopens it when they differ (about 15 ms). The query workers and the web
application both read through one, so ``lod ingest`` and ``lod build`` can write while ``lod serve`` runs. A
store folder that does not exist yet reads as an empty store.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.errors import StoreUnavailable
from lod.store.oxigraph import OxigraphStore, ReadOnlyOpener
from lod.store.protocol import GraphName, QueryResult

__all__ = ["ReadOnlyStore"]

T = TypeVar("T")
STABLE_ATTEMPTS = 5


class ReadOnlyStore:
    """The on-disk store opened read-only, and opened again whenever its files have changed.

    It reads beside a writer (``lod ingest``, ``lod build``) without taking RocksDB's lock, and implements the
    reading half of :class:`~lod.store.Store` (``query``, ``construct``, ``graph_names``, ``quads``,
    ``__len__``); writes raise :class:`~lod.errors.StoreUnavailable`. A folder that does not hold a store yet reads as empty until
    one appears. Safe to share between threads.
    """

    graph_scope: str | None = None  # the whole store is lod's

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._seen: tuple[tuple[str, int, int], ...] | None = None
        self._store: OxigraphStore | None = None
        self._generation = 0  # how many views were opened

    def current(self, *, reopen: bool = False) -> OxigraphStore:
        """The view of the store as it is now (inside :meth:`steady`, the view it had at the start).

        Raises:
            StoreUnavailable: the folder holds a store that cannot be opened.
        """
        held = _held.get()
        if held is not None and held[0] is self and not reopen:
            return held[1]
        with self._lock:
            seen = _fingerprint(self.path)
            if not reopen and self._store is not None and seen == self._seen:
                return self._store
            self._store = None
            store = OxigraphStore()
            for _ in range(STABLE_ATTEMPTS):
                store = _open_read_only(self.path) if seen is not None else OxigraphStore()
                # A view opened while the writer swapped its files may hold an older state (a manifest
                # read before a flush, the log that held the newer writes already gone): keep only a view
                # whose files did not change while it opened, so a reader never goes back in time.
                after = _fingerprint(self.path)
                if after == seen:
                    break
                seen = after
            self._store, self._seen = store, seen
            self._generation += 1
            return store

    @contextmanager
    def steady(self) -> Iterator[None]:
        """One view for the work inside (a page): the folder is looked at once, at the start, not before each
        query (seven times for an HTML page), and every part of the page reads the same state of the store."""
        view = self.current()
        generation: object = self._generation if view is self._store else object()  # a newer view since: a version of its own
        token = _held.set((self, view, generation))
        try:
            yield
        finally:
            _held.reset(token)

    def _read(self, read: Callable[[OxigraphStore], T]) -> T:
        try:
            return read(self.current())
        except StoreUnavailable:  # the writer compacted files away under our view: look again, once
            return read(self.current(reopen=True))

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        return self._read(lambda s: s.query(sparql, default_graph=default_graph, named_graphs=named_graphs, limit=limit))

    def graph_names(self) -> list[URIRef]:
        return self._read(lambda s: s.graph_names())

    def construct_ntriples(self, sparql: str) -> bytes:
        return self._read(lambda s: s.construct_ntriples(sparql))

    def construct_written(self, sparql: str, fmt: ox.RdfFormat, max_bytes: int | None = None) -> bytes | None:
        return self._read(lambda s: s.construct_written(sparql, fmt, max_bytes))

    def construct(self, sparql: str) -> Iterator[ox.Triple]:
        return self.current().construct(sparql)

    def triples(self) -> Iterator[ox.Triple]:
        return self.current().triples()

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        return self.current().quads(graph)

    def __len__(self) -> int:
        return self._read(len)

    def version(self) -> object:
        """The view in use: a new one is opened after every write (see :class:`~lod.store.protocol.Versioned`);
        inside :meth:`steady`, the held view's, though another thread opened a newer one since (what is kept for a
        version must come from that version's view)."""
        held = _held.get()
        if held is not None and held[0] is self:
            return held[2]
        self.current()
        return self._generation

    def reopener(self) -> ReadOnlyOpener:
        return ReadOnlyOpener(str(self.path))

    def close(self) -> None:
        with self._lock:
            self._store, self._seen = None, None

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, add: Mapping[URIRef, Graph] | None = None,
                       after: str = "") -> None:
        raise StoreUnavailable(str(self.path), "this process opened it read-only")

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        raise StoreUnavailable(str(self.path), "this process opened it read-only")


def _open_read_only(path: Path, attempts: int = 10) -> OxigraphStore:
    """Open the store read-only, again if the primary's compaction removed a file while we read its manifest.

    Raises:
        StoreUnavailable: it still fails after ``attempts`` tries.
    """
    for attempt in range(attempts):
        try:
            return OxigraphStore(path, read_only=True)
        except (OSError, RuntimeError) as exc:  # RocksDB reports a vanished .sst as "Corruption" (a RuntimeError)
            if attempt == attempts - 1:
                raise StoreUnavailable(str(path), str(exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _fingerprint(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Names, sizes and modification times of the store's files, leaving out RocksDB's own logs and lock;
    None when the folder holds no store (yet). A table file (``.sst``) never changes once written, so its
    name says enough, and the folder's names change only with its own modification time: the folder is
    listed again only then, and otherwise the few other files are looked at (this runs before every query;
    a store of 10,000 articles has a hundred table files)."""
    try:
        folder = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    key = str(path)
    listed = _listings.get(key)
    if listed is None or listed[0] != folder.st_mtime_ns:
        names = _names(path)
        if names is None:
            return None
        listed = _listings[key] = (folder.st_mtime_ns, names)
    out = []
    for name in listed[1]:
        if name.endswith(".sst"):
            out.append((name, 0, 0))
            continue
        try:
            stat = os.stat(os.path.join(path, name))
        except FileNotFoundError:  # removed by the writer while we looked
            continue
        out.append((name, stat.st_size, stat.st_mtime_ns))
    if not any(name == "CURRENT" for name, _, _ in out):
        return None
    return tuple(out)


_listings: dict[str, tuple[int, tuple[str, ...]]] = {}  # folder -> (its modification time, its files' names)
# The view held by ReadOnlyStore.steady in this context (an event loop's task, or a thread): (store, view, its generation).
_held: ContextVar[tuple[ReadOnlyStore, OxigraphStore, object] | None] = ContextVar("lod_held_view", default=None)


def _names(path: Path) -> tuple[str, ...] | None:
    try:
        with os.scandir(path) as entries:
            return tuple(sorted(e.name for e in entries if not e.name.startswith(("LOG", "LOCK"))))
    except (FileNotFoundError, NotADirectoryError):
        return None
