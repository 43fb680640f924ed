"""The memory allocator ``lod serve`` runs with: jemalloc, when the machine has it.

Oxigraph's engine allocates and frees many small buffers for every query. Under glibc's malloc that was a
sixth of an entity query's CPU: 195 entity descriptions at 10,000 articles took 2.07-2.23 ms each in one
process, and 1.76-1.83 ms with jemalloc. An HTML page took 8.8 ms against 7.5-7.8 ms; `/sparql`'s query
workers used 14 % less CPU. A build gained 1-3 %, so only the server is started this way.

``lod serve`` starts itself again, once, with jemalloc preloaded (``LD_PRELOAD``) when ``LOD_MALLOC`` is
``jemalloc`` (the default) and the library is installed (Debian's ``libjemalloc2``, which ``make install``
asks for); its server processes and query workers inherit it. Without the library, or with
``LOD_MALLOC=system``, it runs on the C library's malloc as before.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

__all__ = ["Choice", "JEMALLOC", "loaded", "preload_env", "restart_with"]

Choice = Literal["jemalloc", "system"]
JEMALLOC = "jemalloc"
# Set in the environment of the restarted process: a preload the loader refused is not tried again.
TRIED = "LOD_MALLOC_RESTARTED"


def loaded(name: str = JEMALLOC, maps: Path = Path("/proc/self/maps")) -> bool:
    """Whether the library ``lib<name>`` is mapped into this process."""
    try:
        return f"/lib{name}." in maps.read_text()
    except OSError:
        return False


def preload_env(choice: Choice, env: Mapping[str, str], library: str | None, already: bool) -> dict[str, str] | None:
    """The environment to start again with, or None to go on as we are: the choice is jemalloc, the library
    was found, it is not loaded yet, and this is not already the restarted process. Other preloads are kept.

    >>> preload_env("jemalloc", {"LD_PRELOAD": "libx.so"}, "libjemalloc.so.2", False)["LD_PRELOAD"]
    'libjemalloc.so.2 libx.so'
    >>> preload_env("system", {}, "libjemalloc.so.2", False) is None, preload_env("jemalloc", {}, None, False) is None
    (True, True)
    """
    if choice != JEMALLOC or library is None or already or env.get(TRIED):
        return None
    preload = " ".join(part for part in (library, env.get("LD_PRELOAD", "")) if part)
    return {**env, "LD_PRELOAD": preload, TRIED: "1"}


def restart_with(choice: Choice, argv: Sequence[str] | None = None) -> None:
    """Replace this process by the same command (``argv``, default the interpreter's own) with jemalloc
    preloaded, when :func:`preload_env` says so; otherwise return and go on."""
    env = preload_env(choice, os.environ, ctypes.util.find_library(JEMALLOC), loaded())
    if env is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    command = list(argv if argv is not None else sys.orig_argv)
    os.execve(sys.executable, [sys.executable, *command[1:]], env)
