"""SPARQL queries, read-only and under a timeout, independent of the web framework.

    service = QueryService(settings, store)   # one per application
    service.start()                           # spawns the workers (a no-op for an in-memory store)
    answer = service.execute("SELECT * { ?s ?p ?o }", accept="text/csv")
    answer.body, answer.format, answer.capped
    service.close()

**Timeouts.** pyoxigraph cannot interrupt a query, so a store on disk is queried by a small pool of worker
processes, each with its own read-only view of the store. A query that runs past
``settings.query_timeout_s`` has its worker killed, which really stops the work and gives its memory back,
and a fresh worker takes its place; the caller gets :class:`~lod.errors.QueryTimeout`. The results are
serialized in the worker and only bytes come back. A caller waits at most as long again for a free worker.
An in-memory store (``path`` None, for unit tests) is queried in the calling thread, without a timeout.

**Freshness.** A read-only view of Oxigraph (RocksDB) is a snapshot taken when it opens. A
:class:`ReadOnlyStore` compares the store directory's files (names, sizes, times; the write-ahead log grows on
every write) with what it saw when it opened its view, before each use, and reopens it when they differ
(about 15 ms). The workers and the web application both read through one, so ``lod ingest`` and ``lod build``
can write while ``lod serve`` runs. A store folder that does not exist yet reads as an empty store.

**Base IRI.** Relative IRIs in a query resolve against the endpoint's own IRI (``{base_uri}sparql``), as
the protocol allows: the query is sent with ``BASE <...>`` before its first line (its own BASE still wins).

**Safety.** Updates are refused: a text that does not parse as a query but parses as an update raises
:class:`~lod.errors.QueryRefused`, so ``LOAD`` never runs. Oxigraph evaluates ``SERVICE`` by calling the
remote endpoint, so a query using the ``SERVICE`` keyword (found by a lexer that skips strings, IRIs,
comments, variables and prefixed names, not by a regex over the text) is refused before it runs; workers
also drop their network access (fresh user and network namespaces, where Linux allows it:
:attr:`QueryService.network_confined` says whether they did). ``FROM <iri>`` and
``FROM NAMED <iri>`` select graphs already in the store and never fetch anything.

**Capped results.** At most ``settings.result_limit`` rows (SELECT) or triples (CONSTRUCT, DESCRIBE) are
returned; :attr:`Answer.capped` says when more were there. The web layer reports it in the
``X-Lod-Result-Capped`` and ``X-Lod-Result-Limit`` headers.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal, Mapping, Sequence, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.errors import NotAcceptable, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, StoreUnavailable
from lod.formats import GRAPH_RESULT_FORMATS, SOLUTION_RESULT_FORMATS, Format, by_name
from lod.querytext import keywords
from lod.negotiation import negotiate
from lod.settings import Settings
from lod.store import Boolean, OxigraphStore, QueryResult, Solutions, Store

__all__ = ["Answer", "QueryService", "ReadOnlyStore", "service_description"]

log = logging.getLogger(__name__)
T = TypeVar("T")

Form = Literal["boolean", "solutions", "graph"]
STARTUP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Answer:
    """A serialized query result: the bytes, their format, the query form, and whether the cap cut it short."""

    body: bytes
    format: Format
    form: Form
    capped: bool = False


@dataclass(frozen=True)
class _Job:
    """What a worker needs to answer one query (picklable)."""

    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    limit: int | None
    solutions_format: str | None  # the negotiated format name for SELECT and ASK, None if unacceptable
    graph_format: str | None  # the same for CONSTRUCT and DESCRIBE


# A worker's reply: ("ok", form, format name, body, capped) or ("error", kind, message, line, column).
_Reply = tuple[object, ...]


class QueryService:
    """Answers SPARQL queries over a store: read-only, capped, and (on disk) under a timeout."""

    def __init__(self, settings: Settings, store: Store, *, workers: int = 2) -> None:
        self.settings = settings
        self.store = store
        path = getattr(store, "path", None)
        self._pool = _Pool(Path(path), workers) if path is not None and workers > 0 else None

    def start(self) -> None:
        """Start the worker processes (they open the store read-only)."""
        if self._pool is not None:
            self._pool.start()

    def close(self) -> None:
        """Stop every worker, busy or not."""
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> QueryService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def network_confined(self) -> bool | None:
        """Whether the workers run without network access: True when each started in its own empty network
        namespace, False when Linux refused one (then only the ``SERVICE`` refusal guards the network), None
        when queries run in-process (an in-memory store). Waits for the workers to start."""
        return self._pool.confined() if self._pool is not None else None

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the live workers (empty when queries run in-process)."""
        return self._pool.pids() if self._pool is not None else []

    def execute(
        self,
        query: str,
        *,
        accept: str | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Answer:
        """Run ``query`` and serialize its result in the format ``accept`` prefers.

        Raises:
            QuerySyntaxError: the query does not parse (the parser's message, line and column).
            QueryRefused: an update, or a query that would call a remote ``SERVICE``.
            QueryError: a graph name that is not an IRI, or an empty query.
            NotAcceptable: no format for this query's form fits ``accept``.
            QueryTimeout: the query ran out of time (or no worker came free in time).
        """
        if not query.strip():
            raise QueryError("the query is empty")
        if uses_service(query):
            raise QueryRefused("SERVICE is not allowed: this endpoint never calls other endpoints")
        for iri in (*default_graphs, *named_graphs):
            _check_iri(iri)
        solutions_format = _acceptable(accept, SOLUTION_RESULT_FORMATS)
        graph_format = _acceptable(accept, GRAPH_RESULT_FORMATS)
        if solutions_format is None and graph_format is None:
            raise NotAcceptable([*SOLUTION_RESULT_FORMATS, *GRAPH_RESULT_FORMATS])
        job = _Job(
            f"BASE <{self.settings.base_uri}sparql> {query}",
            tuple(default_graphs),
            tuple(named_graphs),
            self.settings.result_limit,
            solutions_format and solutions_format.name,
            graph_format and graph_format.name,
        )
        if self._pool is None:
            reply = _answer(self.store, job)
        else:
            reply = self._pool.run(job, self.settings.query_timeout_s)
        return _unpack(reply, len(job.query) - len(query))


def _acceptable(accept: str | None, offered: Sequence[Format]) -> Format | None:
    try:
        return negotiate(accept, offered)
    except NotAcceptable:
        return None


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"not an absolute IRI: {iri!r} ({exc})") from None


def _unpack(reply: _Reply, shift: int) -> Answer:
    """The worker's reply as an Answer, or the error it reported (``shift``: the BASE we put before line 1)."""
    if reply[0] == "ok":
        _, form, name, body, capped = reply
        return Answer(body, by_name(str(name)), form, bool(capped))  # type: ignore[arg-type]
    _, kind, message, line, column = reply
    if kind == "syntax":
        if line == 1 and isinstance(column, int):
            column = max(1, column - shift)
            message = _POSITION.sub(f"error at 1:{column}: ", str(message), count=1)
        raise QuerySyntaxError(str(message), line, column)  # type: ignore[arg-type]
    if kind == "refused":
        raise QueryRefused(str(message))
    if kind == "not-acceptable":
        raise NotAcceptable(GRAPH_RESULT_FORMATS if message == "graph" else SOLUTION_RESULT_FORMATS)
    if kind == "query":
        raise QueryError(str(message))
    raise RuntimeError(f"the query worker failed: {message}")


# --- running one query (in a worker, or in-process) -----------------------------------------------------

_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def _answer(store: Store, job: _Job) -> _Reply:
    """Run a job against a store and serialize the result; errors become replies, not exceptions."""
    try:
        result = store.query(
            job.query,
            default_graph=list(job.default_graphs) or None,
            named_graphs=list(job.named_graphs) or None,
            limit=job.limit,
        )
    except QuerySyntaxError as exc:
        if _parses_as_update(job.query):
            return ("error", "refused", "SPARQL Update is not allowed: this endpoint is read-only", None, None)
        return ("error", "syntax", exc.message, exc.line, exc.column)
    except ValueError as exc:
        return ("error", "query", str(exc), None, None)
    form, name = _form_and_format(result, job)
    if name is None:
        return ("error", "not-acceptable", "graph" if form == "graph" else "solutions", None, None)
    capped = not isinstance(result, Boolean) and result.capped
    return ("ok", form, name, result.serialize(by_name(name)), capped)


def _form_and_format(result: QueryResult, job: _Job) -> tuple[Form, str | None]:
    if isinstance(result, Boolean):
        return "boolean", job.solutions_format
    if isinstance(result, Solutions):
        return "solutions", job.solutions_format
    return "graph", job.graph_format


def _parses_as_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update with at least one operation.

    Parsing only, with rdflib's grammar (pyoxigraph has no parser on its own): nothing is executed.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except (ParseException, ValueError, TypeError):
        return False
    operations = parsed.get("request")
    return bool(operations) and not isinstance(operations, str)


# --- SERVICE detection ------------------------------------------------------------------------------------

# IRIREF from the SPARQL grammar: no spaces, quotes, braces or angle brackets inside.
def uses_service(query: str) -> bool:
    """Whether the query uses the ``SERVICE`` keyword (outside strings, IRIs, comments and names).

    >>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT ?service { ?service <http://example.org/SERVICE> "SERVICE" } # SERVICE')
    False
    """
    return "SERVICE" in keywords(query)


# --- the worker pool ----------------------------------------------------------------------------------------


class _Worker:
    """One worker process (``python -c``, so no main module is re-imported) and the parent's end of its socket."""

    def __init__(self, path: Path) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_ENTRY, str(theirs.fileno()), str(path)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False
        self.confined: bool | None = None  # known once ready
        self._starting = threading.Lock()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self) -> None:
        with self._starting:
            if self.ready:
                return
            if not self.conn.poll(STARTUP_TIMEOUT_S):
                raise QueryTimeout("the query worker did not start in time")
            try:
                message = self.conn.recv()
            except EOFError:
                raise QueryTimeout("the query worker stopped while starting") from None
            if message[0] != "ready":
                raise RuntimeError(f"the query worker could not open the store: {message[1]}")
            self.confined = bool(message[2])
            if not self.confined:
                log.warning("query worker %s keeps network access: Linux refused a private network namespace", message[1])
            self.ready = True

    def stop(self) -> None:
        if self.alive:
            try:
                self.conn.send(None)
                self.process.wait(2)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        self.kill()

    def kill(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.wait()
        self.conn.close()


class _Pool:
    """Worker processes handed out one query at a time; a worker that runs out of time is killed and replaced."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.alive)

    def confined(self) -> bool:
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.wait_ready()
        return all(worker.confined for worker in workers)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.path)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def run(self, job: _Job, timeout: float) -> _Reply:
        if self._closed:
            raise QueryTimeout("the query service is shutting down")
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"all {self.size} query workers stayed busy for {timeout:g} s; try again later") from None
        healthy = False
        try:
            worker.wait_ready()
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            try:
                reply: _Reply = worker.conn.recv()
            except EOFError:
                raise QueryTimeout("the query stopped its worker (out of memory?) and was abandoned") from None
            healthy = True
            return reply
        finally:
            if healthy and not self._closed:
                self._idle.put(worker)
            else:
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


_WORKER_ENTRY = "import sys, lod.sparql; lod.sparql._worker_entry(int(sys.argv[1]), sys.argv[2])"


def _worker_entry(fd: int, path: str) -> None:
    confined = _confine()
    _worker_main(Connection(fd), path, confined)


def _worker_main(conn: Connection, path: str, confined: bool) -> None:
    """A worker: open the store read-only, answer jobs until told to stop."""
    try:
        store = ReadOnlyStore(path)
        store.current()
    except StoreUnavailable as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", os.getpid(), confined))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            reply = _answer(store, job)
        except Exception as exc:  # noqa: BLE001 - a worker reports every failure and lives on
            reply = ("error", "failed", f"{type(exc).__name__}: {exc}", None, None)
        conn.send(reply)


class ReadOnlyStore:
    """The on-disk store opened read-only, and opened again whenever its files have changed.

    It reads beside a writer (``lod ingest``, ``lod build``) without taking RocksDB's lock, and implements the
    reading half of :class:`~lod.store.Store` (``query``, ``graph_names``, ``quads``, ``__len__``); writes
    raise :class:`~lod.errors.StoreUnavailable`. A folder that does not hold a store yet reads as empty until
    one appears. Safe to share between threads.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._seen: tuple[tuple[str, int, int], ...] | None = None
        self._store: OxigraphStore | None = None

    def current(self, *, reopen: bool = False) -> OxigraphStore:
        """The view of the store as it is now.

        Raises:
            StoreUnavailable: the folder holds a store that cannot be opened.
        """
        with self._lock:
            seen = _fingerprint(self.path)
            if reopen or self._store is None or seen != self._seen:
                self._store = None
                self._store = _open_read_only(self.path) if seen is not None else OxigraphStore()
                self._seen = seen
            return self._store

    def _read(self, read: Callable[[OxigraphStore], T]) -> T:
        try:
            return read(self.current())
        except (OSError, RuntimeError):  # the writer compacted files away under our view: look again
            return read(self.current(reopen=True))

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        return self._read(lambda s: s.query(sparql, default_graph=default_graph, named_graphs=named_graphs, limit=limit))

    def graph_names(self) -> list[URIRef]:
        return self._read(lambda s: s.graph_names())

    def quads(self) -> Iterator[ox.Quad]:
        return self.current().quads()

    @property
    def engine(self) -> ox.Store:
        """The current view's pyoxigraph store, for code that streams from it (``lod.publish.dump``)."""
        return self.current().engine

    def __len__(self) -> int:
        return self._read(len)

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        raise StoreUnavailable(str(self.path), "this process opened it read-only")

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        raise StoreUnavailable(str(self.path), "this process opened it read-only")


def _open_read_only(path: Path, attempts: int = 10) -> OxigraphStore:
    """Open the store read-only, again if the primary's compaction removed a file while we read its manifest.

    Raises:
        StoreUnavailable: it still fails after ``attempts`` tries.
    """
    for attempt in range(attempts):
        try:
            return OxigraphStore(path, read_only=True)
        except (OSError, RuntimeError) as exc:  # RocksDB reports a vanished .sst as "Corruption" (a RuntimeError)
            if attempt == attempts - 1:
                raise StoreUnavailable(str(path), str(exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _fingerprint(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Names, sizes and modification times of the store's files, leaving out RocksDB's own logs and lock;
    None when the folder holds no store (yet)."""
    out = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith(("LOG", "LOCK")):
                    continue
                try:
                    stat = entry.stat()
                except FileNotFoundError:  # removed by the writer while we looked
                    continue
                out.append((entry.name, stat.st_size, stat.st_mtime_ns))
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not any(name == "CURRENT" for name, _, _ in out):
        return None
    return tuple(sorted(out))


CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def _confine() -> bool:
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


# --- the service description --------------------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def service_description(endpoint: str, graph_names: Sequence[str], settings: Settings) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``.

    >>> from lod.settings import Settings
    >>> len(service_description("http://example.org/sparql", ["http://example.org/g"], Settings())) > 10
    True
    """

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service = ox.NamedNode(endpoint)
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(
            service,
            RDFS_COMMENT,
            ox.Literal(
                f"Read-only. Each query stops after {settings.query_timeout_s:g} s; results are capped at "
                f"{settings.result_limit} rows or triples (header X-Lod-Result-Capped). SERVICE is refused.",
                language="en",
            ),
        ),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    for fmt in (*SOLUTION_RESULT_FORMATS, *GRAPH_RESULT_FORMATS):
        engine = fmt.results or fmt.rdf
        assert engine is not None
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(engine.iri)))
    for name in graph_names:
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(name)),
        ]
    return triples
