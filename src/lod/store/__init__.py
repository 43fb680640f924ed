"""The store: one protocol (:class:`Store`), two engines, one factory (:func:`open_store`).

* :class:`OxigraphStore` (:mod:`lod.store.oxigraph`): Oxigraph embedded, on disk at ``LOD_STORE_PATH``, with
  :class:`ReadOnlyStore` (:mod:`lod.store.readonly`), a read-only view that follows the writer.
* :class:`SparqlStore` (:mod:`lod.store.remote`): any SPARQL 1.1 server at ``LOD_STORE_URL`` (writes through
  ``LOD_STORE_UPDATE_URL`` or ``LOD_STORE_GSP_URL``); then nothing is written locally but the dumps.

Named graphs hold the data (one per article, one for reference data); queries see their union as the
default graph. Every write replaces whole graphs at once, so a reader never sees half an article.
"""

from __future__ import annotations

import httpx

from lod.settings import Settings
from lod.store.oxigraph import OxigraphStore, open_writer
from lod.store.protocol import (
    Boolean,
    GraphName,
    Opener,
    QueryResult,
    Reopenable,
    Solutions,
    Steady,
    Store,
    Triples,
    Versioned,
    holds_graph,
    to_rdflib,
)
from lod.store.readonly import ReadOnlyStore
from lod.store.remote import SparqlStore

__all__ = [
    "Boolean",
    "GraphName",
    "Opener",
    "OxigraphStore",
    "QueryResult",
    "ReadOnlyStore",
    "Reopenable",
    "Solutions",
    "SparqlStore",
    "Steady",
    "Store",
    "Triples",
    "Versioned",
    "embedded",
    "holds_graph",
    "open_store",
    "to_rdflib",
]


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """The store the settings name: the SPARQL server at ``settings.store_url`` when set, else Oxigraph on disk at
    ``settings.store_path``.

    On disk, ``read_only`` gives a view that follows other processes' writes and takes no lock (``lod serve``,
    ``lod query``, ``lod dump``); otherwise the store is opened for writing (``lod build``, ``lod ingest``). A
    server is shared by every reader and writer alike: ``read_only`` changes nothing there.

    Raises:
        StoreUnavailable: the store cannot be opened (locked by another writer, or unreadable).
    """
    if settings.store_url:
        return SparqlStore(
            settings.store_url,
            update_url=settings.store_update_url,
            gsp_url=settings.store_gsp_url,
            auth=_auth(settings),
            timeout=settings.query_timeout_s,
            graph_scope=f"{settings.base_uri}graph/",
        )
    if read_only:
        store = ReadOnlyStore(settings.store_path)
        store.current()
        return store
    return open_writer(settings.store_path)


def embedded(store: Store) -> bool:
    """Whether ``store`` answers from this machine's disk (its calls use the CPU), not from a server over the
    network (its calls wait: a caller on an event loop runs those in a thread)."""
    return not isinstance(store, SparqlStore)


def _auth(settings: Settings) -> httpx.Auth | None:
    if not settings.store_user:
        return None
    password = settings.store_password.get_secret_value() if settings.store_password is not None else ""
    if settings.store_auth == "digest":
        return httpx.DigestAuth(settings.store_user, password)
    return httpx.BasicAuth(settings.store_user, password)
