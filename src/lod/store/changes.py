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

Lines also carry how many quads the store holds after the change (``quads``), where the writer knows it: a build
begins the file with its count, and a write of one graph adds what it changed to the last line's count (it counts
its own graph and the shared descriptions it touched before and after, under the writer's lock). ``/metrics``
reads :func:`total` instead of counting every quad of the store again after each write (seconds at 10,000
articles). A line without a count (a first write, which also writes the reference data; a remote store, whose
writers hold no common lock) leaves the count unknown until the next build: readers count the store.

The file is begun again (a new file under the same name, so a reader's mark no longer holds) past
:data:`LIMIT` bytes: each line is some kilobytes, so that is some thousands of writes. Each file begins with a
line naming it by a random token, which a mark holds: not its inode, which the file system gives again to a
later file (a reader that slept through two builds would read the third file from its old offset).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph, URIRef

from lod.store.protocol import Solutions, Store

__all__ = ["FILE", "LIMIT", "NONE", "Mark", "begin_again", "mark", "record", "since", "total", "touched"]

FILE = "changes.jsonl"
LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class Mark:
    """A place in the file: which file (the token of its first line) and how far into it."""

    file: str
    offset: int


NONE = Mark("", 0)  # no file yet: any file later is one the reader cannot follow
_UNNAMED = Mark("-", 0)  # a file without a first line naming it (an older lod's): no mark into it holds


def touched(store: Store, name: URIRef, *graphs: Graph) -> set[str]:
    """The IRIs named (as subject or object) in the graph ``name`` as the store holds it now, and in ``graphs``
    (what will be written), and ``name`` itself: asked of that one graph, so the cost is the graph's, not the
    store's."""
    result = store.query(
        f"SELECT DISTINCT ?t WHERE {{ GRAPH <{name}> {{ {{ ?t ?p ?o }} UNION {{ ?s ?p ?t }} }} FILTER(isIRI(?t)) }}"
    )
    assert isinstance(result, Solutions)
    found = {row["t"] for row in result.values()} | {str(name)}  # the graph itself: its listing's count changes
    for graph in graphs:
        for s, _, o in graph:
            found.update(str(t) for t in (s, o) if isinstance(t, URIRef))
    return found


def record(folder: Path, iris: Iterable[str], added: int | None = None) -> None:
    """Append what one write touched (after it is written); ``added``: the quads it added less those it removed,
    given only by a writer that holds the store's lock (the count on the last line plus ``added`` is the store's
    count then). No folder, nothing written: readers build again."""
    if not folder.is_dir():
        return
    path = folder / FILE
    entry: dict[str, object] = {"touched": sorted(iris)}
    try:
        before = total(folder)
        if path.stat().st_size > LIMIT or _token(path) is None:
            _begin_again(path)
    except FileNotFoundError:
        before = None
        _begin(path)
    if added is not None and before is not None:
        entry["quads"] = before + added
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)  # one write with O_APPEND: lines of two writers do not mix
    finally:
        os.close(fd)


def total(folder: Path) -> int | None:
    """The quads in the store after the change the file's last line tells of, if that line says (see the module's
    docstring); None when it does not, or there is no file."""
    try:
        with (folder / FILE).open("rb") as handle:
            line = _last_line(handle)
    except OSError:
        return None
    try:
        count = json.loads(line).get("quads")
    except (ValueError, AttributeError):
        return None
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def mark(folder: Path) -> Mark:
    """Where the file ends now (:data:`NONE` when there is no file yet)."""
    try:
        with (folder / FILE).open("rb") as handle:
            file = _read_token(handle)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return NONE
    return Mark(file, size) if file is not None else _UNNAMED


def since(folder: Path, start: Mark | None) -> tuple[set[str], Mark] | None:
    """The IRIs the writes after ``start`` touched, and the mark after the last whole line; None when the lines
    since ``start`` cannot be known: no mark, the file was begun again or removed, or there is a file now and
    there was none at :data:`NONE` (it may have been begun by a build, whose changes no line tells of)."""
    if start is None:
        return None
    try:
        with (folder / FILE).open("rb") as handle:
            file = _read_token(handle)
            if file is None or file != start.file:
                return None
            begin = max(start.offset, handle.tell())
            handle.seek(begin)
            text = handle.read()
    except FileNotFoundError:
        return (set(), start) if start == NONE else None
    except OSError:
        return None
    whole = text[: text.rfind(b"\n") + 1]  # a line still being written is read next time
    found: set[str] = set()
    for line in whole.splitlines():
        found.update(json.loads(line)["touched"])
    return found, Mark(file, begin + len(whole))


def begin_again(folder: Path, quads: int | None = None) -> None:
    """Begin the file again, with no line of a write (after a change no line tells of: a whole build, which writes ``folder``
    anyway), so that no reader's mark holds any more and each builds its index again; ``quads``: the store's count
    now, when the caller knows it (a build)."""
    folder.mkdir(parents=True, exist_ok=True)
    _begin_again(folder / FILE, quads)


def _begin_again(path: Path, quads: int | None = None) -> None:
    os.replace(_named_part(path, quads), path)


def _begin(path: Path) -> None:
    """A first file where there is none; a file another writer began meanwhile is kept."""
    part = _named_part(path)
    try:
        os.link(part, path)
    except FileExistsError:
        pass
    finally:
        part.unlink()


def _named_part(path: Path, quads: int | None = None) -> Path:
    """A new file beside ``path`` holding only the line that names it (with the store's count, when known)."""
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    first: dict[str, object] = {"begun": secrets.token_hex(16)}
    if quads is not None:
        first["quads"] = quads
    part.write_bytes((json.dumps(first) + "\n").encode("ascii"))
    return part


def _last_line(handle: BinaryIO) -> bytes:
    """The file's last whole line, read from its end (a line still being written is not one)."""
    end = handle.seek(0, os.SEEK_END)
    size = 4096
    while True:
        start = max(0, end - size)
        handle.seek(start)
        tail = handle.read(end - start)
        tail = tail[: tail.rfind(b"\n") + 1]  # up to the last whole line's end
        before = tail.rfind(b"\n", 0, len(tail) - 1)
        if before >= 0 or start == 0:
            return tail[before + 1 :]
        size *= 4


def _read_token(handle: BinaryIO) -> str | None:
    """The token of the file's first line, the handle left after it; None for a file that does not begin so."""
    first = handle.readline(200)
    try:
        token = json.loads(first)["begun"]
    except (ValueError, KeyError, TypeError):
        return None
    return token if isinstance(token, str) and first.endswith(b"\n") else None


def _token(path: Path) -> str | None:
    with path.open("rb") as handle:
        return _read_token(handle)
