"""The dump files made after a build, off its write path: Turtle from the N-Triples dump, JSON-LD from the N-Quads
dump, and the gzip of each plain file (``lod dump --missing``; ``lod serve`` starts it in the background).

A build writes the N-Triples and N-Quads dumps (the one pass over the union that VoID's counts, the pages' index and
both tables need) and names the other files in ``catalog.json`` as pending, each with the file it is made from
(:func:`lod.publish.dumps.source_of`). :func:`make_missing` makes them one by one into hidden temporary files
(``.lod.ttl.x1y2.making.tmp``) and commits each under the catalog's lock only if its source is still the file the
catalog lists (same SHA-256): renamed into place, listed as ready with its size and checksum, and described in
``void.ttl``. A build meanwhile names new sources, and the file made from the old one is dropped.

A file that cannot be made (an error reading its source or writing it) is listed as failed, with the reason, in
``catalog.json`` (``"status": "failed"``), the listing and the DCAT description, and its download says why; the
others are still made. Each maker tries the failed files again when it starts (``lod dump --missing``, the maker a
starting ``lod serve`` runs). The source is read once, hashed as it is read: a file made from bytes other than
those the catalog lists (a build replaced the source meanwhile) is dropped.

One maker at a time per folder: it holds ``.maker.lock`` (an ``flock``, which the kernel releases if its holder
dies), so every worker and replica sharing the folder may try to start one. A maker's temporary files are left
alone by builds and deleted by the next maker (one killed mid-write leaves one behind).

The files are the bytes ``lod build --dumps`` writes: the JSON-LD writer is given each graph's N-Triples lines,
recovered from the N-Quads dump (which holds them in the same order), and the Turtle writer parses the N-Triples
dump as the build does; the gzips use the same settings.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from lod.formats import JSONLD, TURTLE
from lod.publish.dumps import (
    CATALOG_FILE,
    DESCRIPTION_FILE,
    DUMP_NAMES,
    MAKING,
    DumpFile,
    Hashing,
    Pending,
    catalog_lock,
    file_json,
    gzip_writer,
    listed,
    load_context,
    write_catalog_data,
    write_turtle,
)
from lod.publish.graphdump import GraphName
from lod.publish.jsonld import JsonLdWriter
from lod.publish.void import distribute
from lod.publish.void import turtle as void_turtle

__all__ = ["MAKER_LOCK", "held", "make_missing", "waiting"]

MAKER_LOCK = ".maker.lock"


def waiting(folder: Path) -> list[str]:
    """The names of the pending files of the folder's catalog, those that failed too (none without a catalog)."""
    data = _catalog(folder)
    return [p["name"] for p in data.get("pending", [])] if data is not None else []


def held(folder: Path) -> bool:
    """Whether a maker holds the folder's lock now."""
    try:
        with open(folder / MAKER_LOCK, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except OSError:
        return False


def make_missing(folder: Path, base: str, vocab: str, *, wait: bool = True) -> list[str] | None:
    """Make every pending file of the folder's catalog whose source is ready (those that failed before too), and
    commit each; return the names made, or None when another maker holds the folder (and not ``wait``: otherwise
    wait for it, then make what it left). No catalog: nothing to make. A file that cannot be made is listed as
    failed with the reason, and the others are still made.

    Raises:
        OSError: a file could not be read or written (the first such error, after the others were made).
        ValueError: an IRI cannot be written in compact JSON-LD.
    """
    if _catalog(folder) is None:
        return []
    with open(folder / MAKER_LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        for leftover in folder.glob(f".*{MAKING}"):  # no other maker runs: a killed one's
            leftover.unlink(missing_ok=True)
        _retry(folder, base, vocab)
        made: list[str] = []
        described: dict[tuple[int, int, int], Graph] = {}  # void.ttl as this maker last wrote it, by identity
        failed: list[Exception] = []
        tried: set[tuple[str, str]] = set()
        while (data := _catalog(folder)) is not None:
            ready = {f["name"]: f["sha256"] for f in data["files"]}
            _, pending = listed(data, folder)
            todo = next((p for p in pending if p.source in ready and (p.name, ready[p.source]) not in tried), None)
            if todo is None:
                break
            tried.add((todo.name, ready[todo.source]))
            try:
                if _make(folder, todo, ready[todo.source], base, vocab, described):
                    made.append(todo.name)
            except (OSError, ValueError) as error:  # the others are still made; this one is listed as failed
                failed.append(error)
                _fail(folder, todo, ready[todo.source], _reason(error), base, vocab)
        if failed:
            raise failed[0]
        return made


def _make(folder: Path, todo: Pending, source_sha: str, base: str, vocab: str,
          described: dict[tuple[int, int, int], Graph] | None = None) -> bool:
    """Make one file and commit it; whether it was committed (not when its source changed meanwhile)."""
    temporary = _temporary(folder / todo.name)
    try:
        with (folder / todo.source).open("rb", buffering=0) as opened:  # one open file, read once, hashed as read
            hashed = _Hashed(opened)
            source = io.BufferedReader(hashed, 1 << 20)
            with temporary.open("wb") as raw:
                out = Hashing(raw)
                if todo.gzip:
                    with gzip_writer(out) as deflating:
                        while chunk := source.read(1 << 20):
                            deflating.write(chunk)
                elif todo.format == TURTLE:
                    write_turtle(source, out, base, vocab)
                elif todo.format == JSONLD:
                    _jsonld(source, out, base, vocab)
                else:  # pragma: no cover - source_of names no other
                    raise ValueError(f"{todo.name} is not made from another file")
            if hashed.sha256(source) != source_sha:
                return False  # replaced since the catalog was read: the next pass sees the new catalog
        now = datetime.now(timezone.utc).replace(microsecond=0)
        made = DumpFile(todo.name, folder / todo.name, todo.format, todo.gzip, out.size, out.sha.hexdigest(), todo.triples, now)
        return _commit(folder, temporary, made, todo.source, source_sha, base, vocab, {} if described is None else described)
    except FileNotFoundError:
        return False  # the source went away with a new build
    finally:
        temporary.unlink(missing_ok=True)


def _commit(folder: Path, temporary: Path, made: DumpFile, source: str, source_sha: str, base: str, vocab: str,
            described: dict[tuple[int, int, int], Graph]) -> bool:
    """Rename the file into place and list it as ready, if the catalog still names it pending and its source as
    the bytes it was made from; its description in ``void.ttl`` too. ``described``: the description this maker
    last wrote, by the identity of that file, parsed again only if another wrote it since (a build): parsing it
    was 0.17 s of each file's commit at 1,000 articles, and it grows with the graphs VoID lists."""
    with catalog_lock(folder):
        data = _catalog(folder)
        if data is None:
            return False
        sources = [f for f in data["files"] if f["name"] == source and f["sha256"] == source_sha]
        if not sources or made.name not in (p["name"] for p in data.get("pending", [])):
            return False
        data["files"] = sorted([*data["files"], file_json(made)], key=lambda f: _rank(f["name"]))
        data["pending"] = [p for p in data["pending"] if p["name"] != made.name]
        if not data["pending"]:
            del data["pending"]
        files, pending = listed(data, folder)
        void_path = folder / DESCRIPTION_FILE
        description = described.get(_identity(void_path)) or Graph().parse(void_path, format="turtle")
        distribute(description, files, pending, base)
        void = _temporary(folder / DESCRIPTION_FILE)
        try:
            void.write_bytes(void_turtle(description, base, vocab))
            os.replace(temporary, made.path)
            os.replace(void, void_path)
        finally:
            void.unlink(missing_ok=True)
        described.clear()
        described[_identity(void_path)] = description
        write_catalog_data(folder, data)
        return True


def _fail(folder: Path, todo: Pending, source_sha: str, reason: str, base: str, vocab: str) -> None:
    """List the file as failed, with ``reason``, if the catalog still names it pending from the same source."""
    with catalog_lock(folder):
        data = _catalog(folder)
        if data is None or not any(f["name"] == todo.source and f["sha256"] == source_sha for f in data["files"]):
            return
        entries = data.get("pending", [])
        for entry in entries:
            if entry["name"] == todo.name:
                entry.update(status="failed", reason=reason)
        _describe(folder, data, base, vocab)


def _retry(folder: Path, base: str, vocab: str) -> None:
    """The files that failed, pending again (a maker starting tries them again)."""
    with catalog_lock(folder):
        data = _catalog(folder)
        if data is None or not any(p.get("status") == "failed" for p in data.get("pending", [])):
            return
        for entry in data["pending"]:
            entry.pop("status", None)
            entry.pop("reason", None)
        _describe(folder, data, base, vocab)


def _describe(folder: Path, data: dict[str, Any], base: str, vocab: str) -> None:
    """``void.ttl`` and ``catalog.json`` written again from ``data`` (hold the catalog's lock)."""
    files, pending = listed(data, folder)
    void_path = folder / DESCRIPTION_FILE
    description = Graph().parse(void_path, format="turtle")
    distribute(description, files, pending, base)
    void = _temporary(void_path)
    try:
        void.write_bytes(void_turtle(description, base, vocab))
        os.replace(void, void_path)
    finally:
        void.unlink(missing_ok=True)
    write_catalog_data(folder, data)


def _reason(error: Exception) -> str:
    """What went wrong, in one line, without the folder's path (the catalog is public)."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror} ({Path(error.filename).name})" if error.filename else error.strerror
    return " ".join(str(error).split())[:300] or type(error).__name__


def _jsonld(nquads: IO[bytes], out: Hashing, base: str, vocab: str) -> None:
    """The JSON-LD dump from the N-Quads dump: each graph's N-Triples lines given to the writer as a build gives them."""
    context = load_context(base, vocab)["@context"]
    writer = JsonLdWriter(context, out)
    writer.begin(context)
    for graph, ntriples in _graphs(nquads):
        writer.add_lines(graph, ntriples)
    writer.end()


def _graphs(nquads: IO[bytes]) -> Iterator[tuple[GraphName, bytes]]:
    """Each graph's lines of an N-Quads dump (the default graph's first, then each named graph's together, as
    :class:`lod.publish.graphdump.GraphDump` writes them), as N-Triples."""
    graph: GraphName = ox.DefaultGraph()
    suffix = b""  # what ends a line of the current named graph: " <g> .\n"
    lines: list[bytes] = []
    for line in nquads:
        if not (suffix and line.endswith(suffix)):  # a new graph (or the default graph's): ask the parser
            [quad] = ox.parse(line, format=ox.RdfFormat.N_QUADS)
            if quad.graph_name != graph:
                if lines:
                    yield graph, b"".join(lines)
                graph, lines = quad.graph_name, []
                suffix = b" " + str(graph).encode() + b" .\n" if isinstance(graph, ox.NamedNode) else b""
        lines.append(line[: -len(suffix)] + b" .\n" if suffix else line)
    if lines:
        yield graph, b"".join(lines)


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class _Hashed(io.RawIOBase):
    """A source file read once: every byte read is hashed on the way (wrapped in a buffered reader, for blocks
    and lines alike)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        got = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        n = int(got or 0)
        self._sha.update(memoryview(buffer)[:n])
        return n

    def sha256(self, reader: IO[bytes]) -> str:
        """The SHA-256 of the whole file, once ``reader`` (this, buffered) has read what the writer left unread."""
        while reader.read(1 << 20):
            pass
        return self._sha.hexdigest()


def _temporary(final: Path) -> Path:
    """A maker's hidden temporary file beside ``final``, readable by the web server once renamed."""
    temporary = final.parent / f".{final.name}.{os.getpid()}{MAKING}"
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    return temporary


def _rank(name: str) -> int:
    return DUMP_NAMES.index(name) if name in DUMP_NAMES else len(DUMP_NAMES)


def _catalog(folder: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((folder / CATALOG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data
