"""What the writes of one graph at a time changed, written down for every process that keeps an index of the store.

A write of one graph (``lod ingest``, ``POST /articles``, ``POST /events``) appends one line to ``changes.jsonl``
beside the dumps, after the write: the IRIs the graph named before and names now (subjects and objects), the
things whose rows in a list built from the store may differ. A process that keeps an index (the browse lists,
:mod:`lod.web.indexes`) remembers where it had read up to (a :class:`Mark`) and, when the data changed, takes the
lines written since then instead of the whole store again. A change no line tells of (a whole build, a writer
that is not lod on a remote server, a file begun again) gives no line, and the reader builds its index again.
A whole build begins the file again (:func:`begin_again`) once the new store is in place: a reader's mark from
before it no longer holds, so a write after the build cannot pass for the only change since (its lines alone
would leave the rows the build changed as they were).

The file is begun again (a new file under the same name, so a reader's mark no longer holds) past
:data:`LIMIT` bytes: each line is some kilobytes, so that is some thousands of writes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from lod.store.protocol import Solutions, Store

__all__ = ["FILE", "LIMIT", "NONE", "Mark", "begin_again", "mark", "record", "since", "touched"]

FILE = "changes.jsonl"
LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class Mark:
    """A place in the file: which file (its inode) and how far into it."""

    file: int
    offset: int


NONE = Mark(0, 0)  # no file yet (no inode is 0): any file later is one the reader cannot follow


def touched(store: Store, name: URIRef, *graphs: Graph) -> set[str]:
    """The IRIs named (as subject or object) in the graph ``name`` as the store holds it now, and in ``graphs``
    (what will be written): asked of that one graph, so the cost is the graph's, not the store's."""
    result = store.query(
        f"SELECT DISTINCT ?t WHERE {{ GRAPH <{name}> {{ {{ ?t ?p ?o }} UNION {{ ?s ?p ?t }} }} FILTER(isIRI(?t)) }}"
    )
    assert isinstance(result, Solutions)
    found = {row["t"] for row in result.values()}
    for graph in graphs:
        for s, _, o in graph:
            found.update(str(t) for t in (s, o) if isinstance(t, URIRef))
    return found


def record(folder: Path, iris: Iterable[str]) -> None:
    """Append what one write touched (after it is written). No folder, nothing written: readers build again."""
    if not folder.is_dir():
        return
    path = folder / FILE
    line = (json.dumps({"touched": sorted(iris)}, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        if path.stat().st_size + len(line) > LIMIT:
            _begin_again(path)
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)  # one write with O_APPEND: lines of two writers do not mix
    finally:
        os.close(fd)


def mark(folder: Path) -> Mark:
    """Where the file ends now (:data:`NONE` when there is no file yet)."""
    try:
        stat = (folder / FILE).stat()
    except OSError:
        return NONE
    return Mark(stat.st_ino, stat.st_size)


def since(folder: Path, start: Mark | None) -> tuple[set[str], Mark] | None:
    """The IRIs the writes after ``start`` touched, and the mark after the last whole line; None when the lines
    since ``start`` cannot be known: no mark, the file was begun again or removed, or there is a file now and
    there was none at :data:`NONE` (it may have been begun by a build, whose changes no line tells of)."""
    if start is None:
        return None
    try:
        with (folder / FILE).open("rb") as handle:
            file = os.fstat(handle.fileno()).st_ino
            if file != start.file:
                return None
            handle.seek(start.offset)
            text = handle.read()
    except FileNotFoundError:
        return (set(), start) if start == NONE else None
    except OSError:
        return None
    whole = text[: text.rfind(b"\n") + 1]  # a line still being written is read next time
    found: set[str] = set()
    for line in whole.splitlines():
        found.update(json.loads(line)["touched"])
    return found, Mark(file, start.offset + len(whole))


def begin_again(folder: Path) -> None:
    """Begin the file again, empty (after a change no line tells of: a whole build, which writes ``folder``
    anyway), so that no reader's mark holds any more and each builds its index again."""
    folder.mkdir(parents=True, exist_ok=True)
    _begin_again(folder / FILE)


def _begin_again(path: Path) -> None:
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(b"")
    os.replace(part, path)
