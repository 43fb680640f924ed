"""Real SPARQL servers for the tests: ``oxigraph serve`` (PyPI ``oxigraph``) and Virtuoso 7 (Debian), on loopback.

Each server is a child process on a free port of 127.0.0.1, started once and stopped at the end of the session.
Tests that need a store get one per engine through :func:`new_store` (a fixture parametrizes ``ENGINES``):

* ``embedded``: Oxigraph on disk, as ``lod build`` writes it (:class:`~lod.store.OxigraphStore`);
* ``oxigraph-server``: the same engine behind the SPARQL 1.1 Protocol (:class:`~lod.store.SparqlStore`).

A test's own store (function scope) is the session's scratch server, emptied first (``DROP ALL``); a dataset
kept for the whole session (a build, a served seed) gets a server of its own, as an in-memory ``oxigraph serve``
starts in a fraction of a second and costs a few MB.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from lod.settings import Settings
from lod.store import Store, open_store

ENGINES = ["embedded", "oxigraph-server"]
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_answers(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, f"the server behind {url} stopped (exit {process.returncode})"
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            assert time.monotonic() < deadline, f"{url} did not answer within {seconds:g} s"
            time.sleep(0.05)


@dataclass
class OxigraphServer:
    """``oxigraph serve`` in memory, its default graph the union of its named graphs (as lod's own store)."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> OxigraphServer:
        command = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        wait_until_answers(self.base, self.process)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def settings(self, settings: Settings) -> Settings:
        """``settings`` pointed at this server."""
        return settings.model_copy(update={
            "store_url": f"{self.base}query",
            "store_update_url": f"{self.base}update",
            "store_gsp_url": f"{self.base}store",
        })


class Servers:
    """The servers one session started; stopped together at its end."""

    def __init__(self) -> None:
        self.started: list[OxigraphServer] = []
        self._scratch: OxigraphServer | None = None

    def oxigraph(self) -> OxigraphServer:
        """A new, empty server, for a dataset that lives as long as the session."""
        server = OxigraphServer().start()
        self.started.append(server)
        return server

    def scratch(self) -> OxigraphServer:
        """The session's scratch server, emptied: for one test's own store."""
        if self._scratch is None:
            self._scratch = self.oxigraph()
        httpx.post(f"{self._scratch.base}update", data={"update": "DROP ALL"}, timeout=30).raise_for_status()
        return self._scratch

    def stop(self) -> None:
        for server in self.started:
            server.stop()


def engine_settings(engine: str, settings: Settings, servers: Servers, *, session: bool = False) -> Settings:
    """``settings`` for an empty store of ``engine``: on disk as they say, or on a server (a new one for a
    dataset kept for the ``session``, else the emptied scratch server)."""
    if engine == "embedded":
        return settings
    server = servers.oxigraph() if session else servers.scratch()
    return server.settings(settings)


def new_store(engine: str, settings: Settings, servers: Servers, *, session: bool = False) -> Store:
    """An empty store of ``engine``, opened for writing as ``lod build`` opens it."""
    return open_store(engine_settings(engine, settings, servers, session=session))

