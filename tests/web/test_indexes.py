"""lod.web.indexes: an index is built once per version of the data, and an upload within the same second is a new version."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from pathlib import Path
from typing import Any

from lod.store import changes

from lod.web.indexes import cached, data_version


def test_an_index_is_built_again_only_when_the_version_changes() -> None:
    built: list[int] = []
    cache: dict[str, tuple[object, int]] = {}
    lock = threading.Lock()

    def build() -> int:
        built.append(len(built))
        return len(built)

    assert [cached(lock, cache, "k", v, build) for v in ("a", "a", "b", "b", "a")] == [1, 1, 2, 2, 3]
    assert cached(lock, cache, "other", "a", build) == 4  # each key its own index


def test_an_upload_moves_the_version_when_the_time_does_not(tmp_path: Path) -> None:
    app: Any = SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(dumps_dir=tmp_path)))
    store: Any = object()  # keeps no version of its own
    before = data_version(app, store, "12:00:00")
    app.state.published = 1
    assert data_version(app, store, "12:00:00") != before
    assert data_version(app, store, "12:00:00") == data_version(app, store, "12:00:00")


def test_another_process_writing_moves_the_version_when_the_time_does_not(tmp_path: Path) -> None:
    app: Any = SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(dumps_dir=tmp_path)))
    store: Any = object()
    before = data_version(app, store, "12:00:00")
    changes.record(tmp_path, ["http://example.org/id/article/a"])  # another worker's upload, the same second
    after = data_version(app, store, "12:00:00")
    assert after != before
    changes.record(tmp_path, ["http://example.org/id/article/b"])
    assert data_version(app, store, "12:00:00") != after


def test_an_index_is_updated_when_it_can_be_and_built_when_it_cannot() -> None:
    cache: dict[str, tuple[object, int]] = {}
    lock = threading.Lock()
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return 100 * len(built)

    def update(held: int) -> int | None:
        return held + 1 if held % 100 < 2 else None  # twice, then it cannot be: built again

    assert [cached(lock, cache, "k", v, build, update) for v in ("a", "a", "b", "c", "d", "e")] == [100, 100, 101, 102, 200, 201]
