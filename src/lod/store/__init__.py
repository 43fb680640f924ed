"""The store: one protocol (:class:`Store`), two engines, one factory (:func:`open_store`).

* :class:`OxigraphStore` (:mod:`lod.store.oxigraph`): Oxigraph embedded, on disk at ``LOD_STORE_PATH``, with
  :class:`ReadOnlyStore` (:mod:`lod.store.readonly`), a read-only view that follows the writer.

Named graphs hold the data (one per article, one for reference data); queries see their union as the
default graph. Every write replaces whole graphs at once, so a reader never sees half an article.
"""

from __future__ import annotations

from lod.settings import Settings
from lod.store.oxigraph import OxigraphStore, open_writer
from lod.store.protocol import (
    Boolean,
    GraphName,
    Opener,
    QueryResult,
    Reopenable,
    Solutions,
    Store,
    Triples,
    Versioned,
    to_rdflib,
)
from lod.store.readonly import ReadOnlyStore

__all__ = [
    "Boolean",
    "GraphName",
    "Opener",
    "OxigraphStore",
    "QueryResult",
    "ReadOnlyStore",
    "Reopenable",
    "Solutions",
    "Store",
    "Triples",
    "Versioned",
    "open_store",
    "to_rdflib",
]


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """The store the settings name: Oxigraph on disk at ``settings.store_path``.

    ``read_only`` gives a view that follows other processes' writes and takes no lock (``lod serve``,
    ``lod query``, ``lod dump``); otherwise the store is opened for writing (``lod build``, ``lod ingest``).

    Raises:
        StoreUnavailable: the store cannot be opened (locked by another writer, or unreadable).
    """
    if read_only:
        store = ReadOnlyStore(settings.store_path)
        store.current()
        return store
    return open_writer(settings.store_path)
