"""Writing a whole store beside the live one and swapping it in: how ``lod build`` stays all-or-nothing.

A build that rewrites many articles bulk-loads a new Oxigraph store into a hidden folder beside the store
(``.store.staging-PID``), and only when every article conformed and was loaded, exchanges the two folders in
one ``renameat2(RENAME_EXCHANGE)`` call: a reader or a kill -9 sees the old store or the new one, never a mix.
The old store, now in the hidden folder, is then deleted; a run killed before that leaves the folder, and the
next writer deletes it (:func:`clean_leftovers`).

Writers (``lod build``, ``lod ingest``) take :func:`writer_lock` first, so a build's swap never races another
writer. Readers take no lock: :class:`lod.store.readonly.ReadOnlyStore` notices the folder changed and reopens.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lod.errors import StoreUnavailable

__all__ = ["clean_leftovers", "exchange", "staging_path", "writer_lock"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_path(store: Path) -> Path:
    """The hidden folder beside ``store`` that this process stages a new store in."""
    return store.parent / f".{store.name}.staging-{os.getpid()}"


def clean_leftovers(store: Path) -> list[Path]:
    """Delete staging folders that killed runs left beside ``store``; call it holding :func:`writer_lock`."""
    removed = []
    for leftover in store.parent.glob(f".{store.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


@contextmanager
def writer_lock(store: Path) -> Iterator[None]:
    """Hold the writers' lock of ``store`` (a lock file beside it) for the duration.

    Raises:
        StoreUnavailable: another writer holds it.
    """
    store.parent.mkdir(parents=True, exist_ok=True)
    lock = store.parent / f".{store.name}.lock"
    handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreUnavailable(
                str(store), "it is locked by another process (is another `lod build` or `lod ingest` running?)"
            ) from None
        yield
    finally:
        os.close(handle)  # closing releases the lock


def exchange(new: Path, live: Path) -> None:
    """Put the folder ``new`` at ``live`` in one step; the previous ``live`` (if any) ends up at ``new``.

    Raises:
        OSError: the file system cannot exchange the folders.
    """
    if not live.exists():
        os.rename(new, live)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    done = libc.renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(live), _RENAME_EXCHANGE)
    if done != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"cannot exchange {new} and {live}: {os.strerror(code) or errno.errorcode.get(code)}")
