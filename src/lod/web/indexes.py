"""The indexes a server keeps in memory (the search index, the browse lists' orders): each taken once per version
of the data, under its own lock, and first in the background at a server's start."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from fastapi import FastAPI

from lod.store import Store, Versioned

__all__ = ["cached", "data_version", "in_background"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def data_version(app: FastAPI, store: Store, modified: object) -> object:
    """What changes whenever the data may have: the catalog's time (``modified``), this app's uploads (two within
    one second leave the time as it was), the store's own version where it keeps one."""
    return (modified, getattr(app.state, "published", 0), store.version() if isinstance(store, Versioned) else None)


def cached(lock: threading.Lock, cache: dict[str, tuple[object, T]], key: str, version: object,
           build: Callable[[], T]) -> T:
    """``cache[key]``, built again when ``version`` differs from the one it was built for. One lock per kind of
    index: an index is built once per version, not once per waiting request."""
    with lock:
        hit = cache.get(key)
        if hit is None or hit[0] != version:
            hit = cache[key] = (version, build())
        return hit[1]


def in_background(name: str, work: Callable[[], object]) -> None:
    """Run ``work`` in a daemon thread: a request that comes sooner waits for it through :func:`cached` instead of
    building the same index again."""

    def run() -> None:
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - the app stopped and closed its store, or the store is down:
            log.info("%s was not built in the background: %s", name, exc)  # a request builds it, or says why

    threading.Thread(target=run, name=name, daemon=True).start()
