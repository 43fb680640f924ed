"""A real uvicorn server on a free port, over a store of the engine under test, for the SPARQL endpoint's tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from fastapi import FastAPI

from lod.settings import Settings
from lod.store import Store

from _engines import filled

from ._serving import listener, running, url_of

SAMPLE = Path(__file__).parents[1] / "data" / "sparql" / "sample.trig"
KASEI = "http://kasei.us/2009/09/sparql/data/"
EX = "http://example.org/"


def sample_store(settings: Settings, extra: list[ox.Quad] | None = None, *, keep: bool = False) -> tuple[Settings, Store]:
    """A store of the engine under test holding tests/data/sparql/sample.trig (and ``extra``), left open for
    writing, as by a writer beside the server; and the settings that name it (``keep``: for the session, else the
    test)."""
    return filled(settings, SAMPLE.read_bytes(), ox.RdfFormat.TRIG, extra=extra, keep=keep)


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread; yield its base URL (no trailing slash)."""
    sock = listener()
    with running(app, sock):
        yield url_of(sock).rstrip("/")


def rss_kib(pid: int) -> int:
    """A process's resident set size in KiB (Linux), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0
