"""Compiled regular expressions kept between processes: the ``lod`` program's start-up.

lod's extraction rules are some 600 regular expressions, several of them alternations of every alias and place
name, and Python compiles each from its text in every process: 0.4-0.6 CPU s of a command such as ``lod extract``
of one article, a third of it. :func:`install` keeps what Python's regular expression compiler hands its C engine
(``_sre.compile``: the pattern, flags, the compiled code, the groups) in a table of the derived-data folder
(:mod:`lod.derived`), named by the exact Python build, and gives the engine the same arguments from the table the
next time; a pattern not in the table is compiled as always, and the table written back at exit. The resulting
pattern objects are the ones the compiler makes (``Pattern`` objects compare equal on pattern, flags and code).

It relies on two details of CPython's ``re`` package (3.11 to 3.13): ``re._compiler.compile`` compiles, and calls
the ``_sre`` module it imported. Where they differ, :func:`install` does nothing.
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

_MOST = 20_000  # patterns a table keeps; beyond, it starts again (a process that compiles patterns from data)
_FILE = "patterns.pickle"

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
    if _installed or compiler is None or not callable(getattr(compiler, "compile", None)) or \
            not hasattr(getattr(compiler, "_sre", None), "compile"):
        return bool(_installed)
    entry = Entry(folder, "re-" + hashlib.sha256(sys.version.encode()).hexdigest()[:16])
    try:
        table: dict[tuple[type, Any, int], tuple[Any, ...]] = pickle.loads(entry.read(_FILE) or pickle.dumps({}))
        if not isinstance(table, dict):
            table = {}
    except Exception:  # noqa: BLE001 - an unreadable table is made again
        table = {}
    known = len(table)
    original, sre = compiler.compile, compiler._sre
    engine = _Engine(sre)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = (type(p), p, int(flags))
        args = table.get(key)
        if args is not None:
            return sre.compile(*args)
        engine.last.args = None
        compiled = original(p, flags)
        if engine.last.args is not None:  # the code as plain numbers (the compiler's are named constants)
            pattern, final_flags, code, groups, groupindex, indexgroup = engine.last.args
            table[key] = (pattern, int(final_flags), [int(c) for c in code], int(groups), dict(groupindex), indexgroup)
        return compiled

    def save() -> None:
        if len(table) > known:
            entry.write(_FILE, pickle.dumps(table if len(table) <= _MOST else {}, protocol=pickle.HIGHEST_PROTOCOL))

    compile.__wrapped__ = original  # type: ignore[attr-defined]
    compiler._sre = engine
    compiler.compile = compile
    atexit.register(save)
    _installed.append(compile)
    return True
