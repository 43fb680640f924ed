"""Queries that recently ran out of time or memory, refused at once for a while instead of run again.

A runaway query holds a worker until its limit stops it (seconds, and a worker to start again); a client
that repeats it, by a loop or by a retry on 503, would keep every worker busy. The same text (whitespace
aside) over the same dataset is answered with the same error for :data:`COOLDOWN_S` seconds without a
worker. A query changed in any other way runs again: this bounds the harm of repeats, not of variations.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

from lod.errors import QueryError, QueryOutOfMemory
from lod.sparql.workers import QueryStopped

__all__ = ["COOLDOWN_S", "Cooldown"]

COOLDOWN_S = 300.0
REMEMBERED = 1024  # queries; the oldest is forgotten first


class Cooldown:
    """Remembers which queries failed by a limit, and when; safe to share between threads."""

    def __init__(self, seconds: float = COOLDOWN_S, size: int = REMEMBERED) -> None:
        self.seconds = seconds
        self.size = size
        self._failed: OrderedDict[str, tuple[float, QueryError]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(query: str, graphs: Sequence[str]) -> str:
        text = " ".join(query.split()) + "\x00" + "\x00".join(graphs)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def check(self, key: str) -> None:
        """Raise the error ``key``'s query ended with, if that was less than :attr:`seconds` ago.

        Raises:
            QueryTimeout, QueryOutOfMemory: the same query stopped at a limit a moment ago.
        """
        with self._lock:
            found = self._failed.get(key)
            if found is None:
                return
            when, error = found
            left = when + self.seconds - time.monotonic()
            if left <= 0:
                del self._failed[key]
                return
        raise type(error)(f"{error.message} (the same query, {self.seconds - left:.0f} s ago; it is refused for {left:.0f} s more)")

    def remember(self, key: str, error: Exception) -> None:
        """Note that ``key``'s query just ended with ``error``, if that was a time or memory limit."""
        if not isinstance(error, (QueryStopped, QueryOutOfMemory)):  # not a wait for a busy worker
            return
        with self._lock:
            self._failed[key] = (time.monotonic(), error)
            self._failed.move_to_end(key)
            while len(self._failed) > self.size:
                self._failed.popitem(last=False)
