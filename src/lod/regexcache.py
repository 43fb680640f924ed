"""Compiled regular expressions kept between processes: the ``lod`` program's start-up.

lod's extraction rules are some 600 regular expressions, several of them alternations of every alias and place
name, and Python compiles each from its text in every process: 0.4-0.6 CPU s of a command such as ``lod extract``
of one article, a third of it. :func:`install` keeps what Python's regular expression compiler hands its C engine
(``_sre.compile``: the pattern, flags, the compiled code, the groups) in a table of the derived-data folder
(:mod:`lod.derived`), named by the exact Python build, and gives the engine the same arguments from the table the
next time; a pattern not in the table is compiled as always, and the table written back at exit. The resulting
pattern objects are the ones the compiler makes (``Pattern`` objects compare equal on pattern, flags and code).

It relies on two details of CPython's ``re`` package (3.11 to 3.13): ``re._compiler.compile`` compiles, and calls
the ``_sre`` module it imported. On another version :func:`install` does nothing, and a table entry the engine
refuses is dropped and compiled as always. It changes a library's global for the whole process, which is why only
the ``lod`` program calls it (never the library, the web app or the tests' own process).
"""

from __future__ import annotations

import atexit
import hashlib
import pickle
import re
import sys
import threading
from pathlib import Path
from typing import Any

from lod.derived import Entry

__all__ = ["install"]

_MOST_BYTES = 4_000_000  # beyond, a table keeps only what the process writing it used (old rules' patterns go)
_FILE = "patterns.pickle"
_VERSIONS = ((3, 11), (3, 13))  # the Pythons whose re package works as this module expects

_installed: list[Any] = []


class _Engine:
    """Stands in for the ``_sre`` module inside ``re._compiler``: passes everything on, and notes (per thread)
    the arguments of the last ``compile``."""

    def __init__(self, sre: Any) -> None:
        self._sre = sre
        self.last = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sre, name)

    def compile(self, *args: Any) -> Any:
        self.last.args = args
        return self._sre.compile(*args)


def install(folder: Path) -> bool:
    """Compile regular expressions through the table kept in ``folder`` from now on; whether it could."""
    compiler = getattr(re, "_compiler", None)
    if _installed or not _VERSIONS[0] <= sys.version_info[:2] <= _VERSIONS[1] or compiler is None or \
            not callable(getattr(compiler, "compile", None)) or not hasattr(getattr(compiler, "_sre", None), "compile"):
        return bool(_installed)
    entry = Entry(folder, "re-" + hashlib.sha256(sys.version.encode()).hexdigest()[:16])
    try:
        table: dict[tuple[type, Any, int], tuple[Any, ...]] = pickle.loads(entry.read(_FILE) or pickle.dumps({}))
        if not isinstance(table, dict):
            table = {}
    except Exception:  # noqa: BLE001 - an unreadable table is made again
        table = {}
    added: list[tuple[type, Any, int]] = []  # keys compiled from their text in this process
    used: set[tuple[type, Any, int]] = set()
    original, sre = compiler.compile, compiler._sre
    engine = _Engine(sre)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = (type(p), p, int(flags))
        args = table.get(key)
        if args is not None:
            try:
                compiled = sre.compile(*args)
                used.add(key)
                return compiled
            except (TypeError, ValueError, RuntimeError):  # not what this engine takes: compile it as always
                del table[key]
        engine.last.args = None
        compiled = original(p, flags)
        if engine.last.args is not None:
            table[key] = tuple(_plain(arg) for arg in engine.last.args)
            used.add(key)
            added.append(key)
        return compiled

    def save() -> None:
        if added:
            data = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > _MOST_BYTES:
                data = pickle.dumps({key: table[key] for key in used if key in table}, protocol=pickle.HIGHEST_PROTOCOL)
            entry.write(_FILE, data)

    compile.__wrapped__ = original  # type: ignore[attr-defined]
    compiler._sre = engine
    compiler.compile = compile
    atexit.register(save)
    _installed.append(compile)
    return True


def _plain(arg: Any) -> Any:
    """An argument of ``_sre.compile`` with plain numbers (the compiler's are named constants, which pickle by
    reference to ``re``'s internals)."""
    if isinstance(arg, bool) or not isinstance(arg, (int, list, dict)):
        return arg
    if isinstance(arg, int):
        return int(arg)
    if isinstance(arg, list):
        return [int(item) if isinstance(item, int) else item for item in arg]
    return dict(arg)
