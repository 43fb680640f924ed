"""lod.store.changes: the lines of what one-graph writes touched, read from where a reader had got to."""

from __future__ import annotations

from pathlib import Path

import pytest

from lod.store import changes


def test_a_reader_gets_what_was_written_after_its_mark(tmp_path: Path) -> None:
    assert changes.since(tmp_path, None) is None  # no mark: build again
    assert changes.mark(tmp_path) == changes.NONE and changes.since(tmp_path, changes.NONE) == (set(), changes.NONE)
    changes.record(tmp_path, ["http://x/a"])
    first = changes.since(tmp_path, changes.NONE)  # a file that came after the mark: read whole
    assert first is not None and first[0] == {"http://x/a"} and first[1] == changes.mark(tmp_path)
    changes.record(tmp_path, ["http://x/b"])
    start = changes.mark(tmp_path)
    assert changes.since(tmp_path, start) == (set(), start)
    changes.record(tmp_path, ["http://x/b", "http://x/c"])
    changes.record(tmp_path, ["http://x/d"])
    found = changes.since(tmp_path, start)
    assert found is not None and found[0] == {"http://x/b", "http://x/c", "http://x/d"}
    assert found[1] == changes.mark(tmp_path)


def test_a_line_still_being_written_is_read_next_time(tmp_path: Path) -> None:
    changes.record(tmp_path, ["http://x/a"])
    start = changes.mark(tmp_path)
    with (tmp_path / changes.FILE).open("ab") as handle:
        handle.write(b'{"touched": ["http://x/')
    assert changes.since(tmp_path, start) == (set(), start)


def test_a_file_begun_again_cannot_be_read_from_an_old_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changes.record(tmp_path, ["http://x/a"])
    start = changes.mark(tmp_path)
    monkeypatch.setattr(changes, "LIMIT", 1)  # the next line begins the file again
    changes.record(tmp_path, ["http://x/b"])
    assert changes.since(tmp_path, start) is None
    assert changes.since(tmp_path, changes.Mark(changes.mark(tmp_path).file, 0)) is not None


def test_no_folder_no_line(tmp_path: Path) -> None:
    changes.record(tmp_path / "missing", ["http://x/a"])
    assert not (tmp_path / "missing").exists()
