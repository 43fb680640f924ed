"""lod.web.indexes: an index is built once per version of the data, and an upload within the same second is a new version."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

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


def test_an_upload_moves_the_version_when_the_time_does_not() -> None:
    app: Any = SimpleNamespace(state=SimpleNamespace())
    store: Any = object()  # keeps no version of its own
    before = data_version(app, store, "12:00:00")
    app.state.published = 1
    assert data_version(app, store, "12:00:00") != before
    assert data_version(app, store, "12:00:00") == data_version(app, store, "12:00:00")
