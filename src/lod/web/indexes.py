"""The indexes a server keeps in memory (the search index, the browse lists' orders): each taken once per version
of the data, under its own lock, and first in the background at a server's start."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from fastapi import FastAPI

from lod.store import Store, Versioned, changes

__all__ = ["MOST_TOUCHED", "cached", "data_version", "followed", "in_background"]

log = logging.getLogger(__name__)

T = TypeVar("T")

MOST_TOUCHED = 20_000  # IRIs touched since an index was taken past which it is built again, not updated


def data_version(app: FastAPI, store: Store, modified: object) -> object:
    """What changes whenever the data may have: the catalog's time (``modified``), this app's uploads (two within
    one second leave the time as it was), the store's own version where it keeps one, and the end of the file of
    changes (:mod:`lod.store.changes`: another process's write within the same second, to a remote store)."""
    folder = app.state.settings.dumps_dir
    version = store.version() if isinstance(store, Versioned) else None
    return (modified, getattr(app.state, "published", 0), version, changes.mark(folder))


def cached(lock: threading.Lock, cache: dict[str, tuple[object, T]], key: str, version: object,
           build: Callable[[], T], update: Callable[[T], T | None] | None = None) -> T:
    """``cache[key]``, built again when ``version`` differs from the one it was built for, or updated from the
    one it holds when that can be (``update`` gives None when it cannot). One lock per kind of index: an
    index is built once per version, not once per waiting request."""
    with lock:
        hit = cache.get(key)
        if hit is None or hit[0] != version:
            value = update(hit[1]) if hit is not None and update is not None else None
            hit = cache[key] = (version, value if value is not None else build())
        return hit[1]


def followed(app: FastAPI, lock: threading.Lock, cache: dict[str, tuple[object, tuple[changes.Mark, T]]], key: str,
             version: object, build: Callable[[], T], update: Callable[[T, set[str]], T | None],
             start: Callable[[], tuple[changes.Mark, T]] | None = None) -> T:
    """:func:`cached` for an index that follows the file of changes (:mod:`lod.store.changes`): held with how far
    into the file it has read; when the data changed, updated from the IRIs the writes since then touched
    (``update`` gives None when it cannot), else built again: when the file tells of no write (a build, another
    writer, a file begun again) or of so many that a build is cheaper. ``start``: how it is taken instead of
    ``build`` (one kept by the build, with its own mark)."""
    folder = app.state.settings.dumps_dir

    def take() -> tuple[changes.Mark, T]:
        if start is not None:
            return start()
        return changes.mark(folder), build()  # the mark first: writes after it come again

    def again(held: tuple[changes.Mark, T]) -> tuple[changes.Mark, T] | None:
        news = changes.since(folder, held[0])
        if news is None or not news[0] or len(news[0]) > MOST_TOUCHED:
            return None
        value = update(held[1], news[0])
        return None if value is None else (news[1], value)

    return cached(lock, cache, key, version, take, again)[1]


def in_background(name: str, work: Callable[[], object]) -> None:
    """Run ``work`` in a daemon thread: a request that comes sooner waits for it through :func:`cached` instead of
    building the same index again."""

    def run() -> None:
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - the app stopped and closed its store, or the store is down:
            log.info("%s was not built in the background: %s", name, exc)  # a request builds it, or says why

    threading.Thread(target=run, name=name, daemon=True).start()
