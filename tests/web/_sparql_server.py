"""A real uvicorn server on a free port, over an Oxigraph store on disk, for the SPARQL endpoint's tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from lod import errors
from lod.settings import Settings
from lod.store import OxigraphStore

SAMPLE = Path(__file__).parents[1] / "data" / "sparql" / "sample.trig"
KASEI = "http://kasei.us/2009/09/sparql/data/"
EX = "http://example.org/"


def sample_store(path: Path, extra: list[ox.Quad] | None = None) -> OxigraphStore:
    """An on-disk store holding tests/data/sparql/sample.trig (and ``extra``), left open read-write like the app's."""
    store = OxigraphStore(path)
    store.engine.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    if extra:
        store.engine.bulk_extend(extra)
    store.flush()
    return store


def make_app(settings: Settings, store: OxigraphStore) -> FastAPI:
    """The real application when it can be built, else a minimal one with just the SPARQL router."""
    try:
        from lod.web.app import create_app

        return create_app(settings, store)
    except ImportError:
        pass
    from lod.web import problems
    from lod.web.routes import sparql

    app = FastAPI()
    app.state.settings = settings
    app.state.store = store

    def problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, errors.LodError)
        status = problems.for_error(exc).status
        body = {"title": exc.title, "status": status, "detail": str(exc), **problems.extensions(exc)}
        return JSONResponse(body, status_code=status, media_type="application/problem+json")

    app.add_exception_handler(errors.LodError, problem)
    app.include_router(sparql.router)
    return app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread; yield its base URL (no trailing slash)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def rss_kib(pid: int) -> int:
    """A process's resident set size in KiB (Linux), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0
