"""lod.store.changes: the lines of what one-graph writes touched, read from where a reader had got to."""

from __future__ import annotations

from pathlib import Path

import pytest

from lod.store import changes


def test_a_reader_gets_what_was_written_after_its_mark(tmp_path: Path) -> None:
    assert changes.since(tmp_path, None) is None  # no mark: build again
    assert changes.mark(tmp_path) == changes.NONE and changes.since(tmp_path, changes.NONE) == (set(), changes.NONE)
    changes.record(tmp_path, ["http://x/a"])
    assert changes.since(tmp_path, changes.NONE) is None  # a file that came after the mark: a build may have begun it
    changes.record(tmp_path, ["http://x/b"])
    start = changes.mark(tmp_path)
    assert changes.since(tmp_path, start) == (set(), start)
    changes.record(tmp_path, ["http://x/b", "http://x/c"])
    changes.record(tmp_path, ["http://x/d"])
    found = changes.since(tmp_path, start)
    assert found is not None and found[0] == {"http://x/b", "http://x/c", "http://x/d"}
    assert found[1] == changes.mark(tmp_path)


def test_a_build_begins_the_file_again_so_no_earlier_mark_holds(tmp_path: Path) -> None:
    """A reader that last looked before a build, then a write: the write's line alone would leave the rows the
    build changed as they were; the reader must build again."""
    changes.record(tmp_path, ["http://x/a"])
    before = changes.mark(tmp_path)
    changes.begin_again(tmp_path)  # what lod build does once the new store is in place
    changes.record(tmp_path, ["http://x/b"])
    assert changes.since(tmp_path, before) is None
    after = changes.mark(tmp_path)
    changes.record(tmp_path, ["http://x/c"])
    assert changes.since(tmp_path, after) == ({"http://x/c"}, changes.mark(tmp_path))


def test_a_build_begins_the_file_where_there_was_none(tmp_path: Path) -> None:
    changes.begin_again(tmp_path / "dumps")
    begun = changes.mark(tmp_path / "dumps")
    assert changes.since(tmp_path / "dumps", begun) == (set(), begun)  # no line of a write in it
    assert changes.since(tmp_path / "dumps", changes.NONE) is None  # a reader from before the build builds again


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


def test_a_mark_from_two_files_back_does_not_hold(tmp_path: Path) -> None:
    """A reader that slept through two builds: the third file may get the first one's inode from the file
    system (it did, every time, on this project's machines), yet it is another file."""
    for _ in range(20):
        changes.record(tmp_path, ["http://x/a"])
        start = changes.mark(tmp_path)
        changes.begin_again(tmp_path)
        changes.begin_again(tmp_path)
        for n in range(3):
            changes.record(tmp_path, [f"http://x/{n}"])
        assert changes.since(tmp_path, start) is None


def test_a_file_an_older_lod_began_is_begun_again_by_the_next_write(tmp_path: Path) -> None:
    (tmp_path / changes.FILE).write_bytes(b'{"touched": ["http://x/a"]}\n')  # no first line naming the file
    old = changes.mark(tmp_path)
    assert changes.since(tmp_path, old) is None
    changes.record(tmp_path, ["http://x/b"])
    start = changes.mark(tmp_path)
    assert changes.since(tmp_path, old) is None and changes.since(tmp_path, start) == (set(), start)
    changes.record(tmp_path, ["http://x/c"])
    assert changes.since(tmp_path, start) == ({"http://x/c"}, changes.mark(tmp_path))


def test_no_folder_no_line(tmp_path: Path) -> None:
    changes.record(tmp_path / "missing", ["http://x/a"])
    assert not (tmp_path / "missing").exists()
