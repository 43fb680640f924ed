"""Real SPARQL servers for the tests: ``oxigraph serve`` (PyPI ``oxigraph``) and Virtuoso 7 (Debian), on loopback;
and the engine the whole suite runs on (``LOD_TEST_ENGINE``).

Each server is a child process on a free port of 127.0.0.1, started once and stopped at the end of the session.
Tests that need a store get one per engine through :func:`new_store` (a fixture parametrizes ``ENGINES``):

* ``embedded``: Oxigraph on disk, as ``lod build`` writes it (:class:`~lod.store.OxigraphStore`);
* ``oxigraph-server``: the same engine behind the SPARQL 1.1 Protocol (:class:`~lod.store.SparqlStore`).

A test's own store (function scope) is the session's scratch server, emptied first (``DROP ALL``); a dataset
kept for the whole session (a build, a served seed) gets a server of its own, as an in-memory ``oxigraph serve``
starts in a fraction of a second and costs a few MB; a store for one test's settings gets a server another test
has finished with, emptied, or a new one.

**The engine under test.** ``LOD_TEST_ENGINE`` (``embedded``, the default, or ``oxigraph-server``) chooses where
every store-backed fixture keeps its data: :func:`under_test` points a test's settings at a new, empty store of
that engine (a folder, or an ``oxigraph serve`` of its own), and :func:`filled` gives one holding a test data
set. ``make test-remote`` runs the pipeline, serving and dump tests with ``oxigraph-server``; tests about the
embedded engine by nature are marked ``embedded_only`` (pyproject.toml says why) and deselected there.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from lod.settings import Settings
from lod.store import OxigraphStore, Store, open_store

ENGINES = ["embedded", "oxigraph-server"]
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
ENGINE_VARIABLE = "LOD_TEST_ENGINE"


def _engine_under_test() -> str:
    name = os.environ.get(ENGINE_VARIABLE, "") or "embedded"
    if name not in ENGINES:
        raise SystemExit(f"{ENGINE_VARIABLE}={name!r}: the suite runs on one of {', '.join(ENGINES)}")
    return name


ENGINE = _engine_under_test()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


_CLIENT: httpx.Client | None = None


def http() -> httpx.Client:
    """One HTTP client for this process's own requests to the test servers (polling a start, emptying, loading):
    ``httpx.get``/``post`` make a client per call, and each loads the CA bundle, 60-75 ms of CPU (more than
    starting an ``oxigraph serve``, which listens in 50-80 ms)."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = httpx.Client(timeout=60)
    return _CLIENT


_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when the thread that started it ends


def ends_with_us() -> Callable[[], None]:
    """For ``Popen(preexec_fn=...)``: the server gets SIGTERM when this process ends, however it ends. A test run
    stopped by a signal (Ctrl-C twice, an xdist worker killed, a CI timeout) skips the session's teardown, and a
    Virtuoso left running keeps its ports and 100 MB until someone kills it."""
    parent = os.getpid()
    libc = ctypes.CDLL(None, use_errno=True)

    def arm() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent ended before the signal was armed
            os.kill(os.getpid(), signal.SIGTERM)

    return arm


def wait_until_answers(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, f"the server behind {url} stopped (exit {process.returncode})"
        try:
            http().get(url, timeout=2)
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
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                        preexec_fn=ends_with_us())
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


VIRTUOSO_INI = """
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 256M
ThreadsPerQuery = 2
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@dataclass
class VirtuosoServer:
    """Virtuoso 7 (Debian ``virtuoso-opensource``) with a database of its own in ``folder``, on loopback ports.

    Its ``SPARQL`` user (anonymous ``/sparql``) is granted ``SPARQL_UPDATE``, so lod reads at ``/sparql`` and
    writes through the Graph Store endpoint ``/sparql-graph-crud`` (one ``PUT`` per graph: Virtuoso's SPARQL
    compiler runs out of memory on an ``INSERT`` of a few thousand triples).
    """

    folder: Path
    http_port: int = field(default_factory=free_port)
    sql_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/"

    def start(self) -> VirtuosoServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(sql_port=self.sql_port, http_port=self.http_port, folder=self.folder))
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                        preexec_fn=ends_with_us())
        wait_until_answers(f"{self.base}sparql", self.process, seconds=180)
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        deadline = time.monotonic() + 60
        while subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={grant}"],
                             capture_output=True, stdin=subprocess.DEVNULL).returncode != 0:
            assert time.monotonic() < deadline, "Virtuoso's SQL port did not take the grant"
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(60)

    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={
            "store_url": f"{self.base}sparql",
            "store_gsp_url": f"{self.base}sparql-graph-crud",
        })


class Servers:
    """The servers one session started; stopped together at its end."""

    def __init__(self) -> None:
        self.started: list[OxigraphServer | VirtuosoServer] = []
        self.transient: list[OxigraphServer] = []
        self.idle: list[OxigraphServer] = []
        self._scratch: OxigraphServer | None = None

    def oxigraph(self, *, keep: bool = True) -> OxigraphServer:
        """An empty server, for a dataset that lives as long as the session (``keep``: a new one), or as long as
        the test: one an earlier test left, emptied (``DROP ALL``), else a new one; handed back when it ends."""
        if keep:
            server = OxigraphServer().start()
            self.started.append(server)
            return server
        while self.idle:
            server = self.idle.pop()
            if server.process is not None and server.process.poll() is None:
                http().post(f"{server.base}update", data={"update": "DROP ALL"}, timeout=30).raise_for_status()
                break
        else:
            server = OxigraphServer().start()
        self.transient.append(server)
        return server

    def stop_transient(self) -> None:
        """Take back the servers of the test that just ended, for the next test (one a test stopped is dropped)."""
        while self.transient:
            server = self.transient.pop()
            if server.process is not None and server.process.poll() is None:
                self.idle.append(server)

    def virtuoso(self, folder: Path) -> VirtuosoServer:
        """A new Virtuoso with its database in ``folder``."""
        server = VirtuosoServer(folder).start()
        self.started.append(server)
        return server

    def scratch(self) -> OxigraphServer:
        """The session's scratch server, emptied: for one test's own store."""
        if self._scratch is None:
            self._scratch = self.oxigraph()
        http().post(f"{self._scratch.base}update", data={"update": "DROP ALL"}, timeout=30).raise_for_status()
        return self._scratch

    def stop(self) -> None:
        self.stop_transient()
        for server in [*self.started, *self.idle]:
            server.stop()


SESSION = Servers()  # this test session's servers (tests/conftest.py stops them)


def under_test(settings: Settings, *, keep: bool = False, engine: str = ENGINE) -> Settings:
    """``settings`` pointed at a new, empty store of the engine under test: the folder they name (embedded), or
    an ``oxigraph serve`` of their own, for as long as the test (or the session, with ``keep``)."""
    if engine == "embedded":
        return settings
    return SESSION.oxigraph(keep=keep).settings(settings)


def filled(settings: Settings, data: bytes, fmt: ox.RdfFormat, *, extra: list[ox.Quad] | None = None,
           keep: bool = False) -> tuple[Settings, Store]:
    """A store of the engine under test holding a test data set (TriG or N-Quads, and ``extra`` quads), opened
    for writing, and the settings that name it (as :func:`under_test`)."""
    settings = under_test(settings, keep=keep)
    return settings, loaded(settings, data, fmt, extra=extra)


def loaded(settings: Settings, data: bytes, fmt: ox.RdfFormat, *, extra: list[ox.Quad] | None = None) -> Store:
    """The (empty) store the settings name, with a test data set added (as a bulk load, not through lod), opened
    for writing."""
    if not settings.store_url:
        store = OxigraphStore(settings.store_path)
        store.engine.load(data, format=fmt)
        if extra:
            store.engine.bulk_extend(extra)
        store.flush()
        return store
    # A server's own default graph is not part of lod's dataset there (lod writes named graphs only, and reads
    # only those: lod.store.remote), so a test data set's default-graph triples stay out of it.
    quads = [q for q in [*ox.parse(data, format=fmt), *(extra or [])] if not isinstance(q.graph_name, ox.DefaultGraph)]
    body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    assert settings.store_gsp_url is not None
    response = http().post(settings.store_gsp_url, content=body, headers={"Content-Type": ox.RdfFormat.N_QUADS.media_type}, timeout=60)
    assert response.status_code < 300, response.text
    return open_store(settings)


def reader(settings: Settings) -> Store:
    """The store the settings name, opened as ``lod query`` opens it (read-only on disk)."""
    return open_store(settings, read_only=True)


def store_env(settings: Settings) -> dict[str, str]:
    """The ``LOD_`` variables that give a ``lod`` command the store of ``settings``."""
    env = {"LOD_STORE_PATH": str(settings.store_path)}
    for name in ("store_url", "store_update_url", "store_gsp_url"):
        value = getattr(settings, name)
        if value:
            env[f"LOD_{name.upper()}"] = value
    return env


def engine_settings(engine: str, settings: Settings, servers: Servers, *, session: bool = False) -> Settings:
    """``settings`` for an empty store of ``engine``: on disk as they say, or on a server (a new one for a
    dataset kept for the ``session``, else the emptied scratch server)."""
    if engine == "embedded":
        return settings.model_copy(update={"store_url": None, "store_update_url": None, "store_gsp_url": None})
    server = servers.oxigraph() if session else servers.scratch()
    return server.settings(settings)


def new_store(engine: str, settings: Settings, servers: Servers, *, session: bool = False) -> Store:
    """An empty store of ``engine``, opened for writing as ``lod build`` opens it."""
    return open_store(engine_settings(engine, settings, servers, session=session))

