"""The union of many graphs' triples, each triple once, in memory that does not grow with the dataset.

The graph dumps (Turtle, N-Triples) hold the union of every graph: a triple that several article graphs state
(a place's name, an event's type) is written once. Asking the engine for it (``SELECT DISTINCT`` over the
union) keeps every triple of the dataset in a hash set: 900 MB at 10,000 articles. Here the graphs' N-Triples
lines are sorted in runs of at most ``RUN_BYTES``, each run written to a temporary file, and the runs merged;
equal lines meet in the merge, and one is kept. The lines come out sorted, so each subject's triples are
together (a Turtle writer groups them) and the dumps' bytes do not depend on the engine's internal order.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["RUN_BYTES", "Union"]

RUN_BYTES = 32 << 20  # N-Triples bytes sorted in memory at once


class Union:
    """Gathers N-Triples (``add``), then gives back each distinct line once, sorted (``lines``).

    The temporary files go in ``folder`` (the dumps' own, so they count against that disk) and are deleted by
    :meth:`close`; use it as a context manager.
    """

    def __init__(self, folder: Path | None = None, run_bytes: int | None = None) -> None:
        self._folder = folder
        self._run_bytes = run_bytes or RUN_BYTES
        self._lines: list[bytes] = []
        self._size = 0
        self._runs: list[IO[bytes]] = []

    def add(self, ntriples: bytes) -> None:
        """Add N-Triples as an engine writes them: one triple per line (a literal's line breaks escaped)."""
        lines = ntriples.split(b"\n")
        if not lines[-1]:
            lines.pop()
        self._lines.extend(lines)
        self._size += len(ntriples)
        if self._size >= self._run_bytes:
            self._spill()

    def lines(self) -> Iterator[bytes]:
        """Every distinct line added, each ending in ``\\n``, in byte order (call once, after the last ``add``)."""
        if not self._runs:
            self._lines.sort()
            yield from (line + b"\n" for line in _distinct(iter(self._lines)))
            self._lines = []
            return
        self._spill()
        for run in self._runs:
            run.seek(0)
        yield from _distinct(heapq.merge(*self._runs))

    def _spill(self) -> None:
        if not self._lines:
            return
        self._lines.sort()
        run = tempfile.TemporaryFile(dir=self._folder, prefix=".union.")
        run.write(b"\n".join(_distinct(iter(self._lines))) + b"\n")
        self._runs.append(run)
        self._lines, self._size = [], 0

    def close(self) -> None:
        for run in self._runs:
            run.close()
        self._runs, self._lines = [], []

    def __enter__(self) -> Union:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _distinct(lines: Iterator[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line
