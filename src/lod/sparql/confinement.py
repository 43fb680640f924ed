"""A query worker's network sandbox: fresh user and network namespaces, where Linux allows them.

Oxigraph evaluates ``SERVICE`` by calling the remote endpoint. The query service refuses such queries before
they run; a worker also drops its network access, so that nothing it runs can reach another host.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time

__all__ = ["confine"]

CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def confine() -> bool:
    """Move into fresh user and network namespaces, where no network is reachable, then die with the parent.

    Returns whether the namespaces were entered. ``unshare`` must come first: Linux refuses a new user
    namespace to a process with more than one thread (EINVAL), and the parent watch is a thread. The
    namespaces are Linux only, and best effort: elsewhere (or where user namespaces are off) the SERVICE
    check still applies. (Not ``PR_SET_PDEATHSIG``: it fires when the parent *thread* that started us ends.)
    """
    confined = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    return confined


def _unshare(flags: int) -> bool:
    """``unshare(2)``: whether it succeeded (False where there is no such call or it is refused)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.unshare(flags) == 0)
    except (OSError, AttributeError):
        return False
