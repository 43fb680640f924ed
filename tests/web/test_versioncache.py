"""Results kept per version of the store (lod.web.versioncache): made once while the store is unchanged, made
again after a write, and never kept for a store that cannot say when it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from lod.store import OxigraphStore
from lod.store.oxigraph import open_writer
from lod.store.readonly import ReadOnlyStore
from lod.web.versioncache import kept


def _write(path: Path, n: int) -> None:
    writer = open_writer(path)
    writer.engine.add(ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), ox.NamedNode("http://example.org/p"), ox.Literal(str(n)),
                              ox.NamedNode("http://example.org/g")))
    writer.flush()
    writer.close()


def _counter() -> tuple[list[int], Callable[[], int]]:
    made: list[int] = []

    def make() -> int:
        made.append(len(made) + 1)
        return made[-1]

    return made, make


def test_a_result_is_kept_until_the_store_changes(tmp_path: Path) -> None:
    _write(tmp_path / "store", 1)
    store = ReadOnlyStore(tmp_path / "store")
    made, make = _counter()
    assert kept(store, "k", make) == 1 and kept(store, "k", make) == 1
    assert kept(store, "other", make) == 2
    _write(tmp_path / "store", 2)
    assert kept(store, "k", make) == 3 and kept(store, "k", make) == 3
    with store.steady():  # the held view's version
        assert kept(store, "k", make) == 3
    store.close()


def test_a_store_that_cannot_say_when_it_changed_keeps_nothing() -> None:
    store = OxigraphStore()
    made, make = _counter()
    assert [kept(store, "k", make) for _ in range(3)] == [1, 2, 3]
