"""The query workers: processes that each open the store read-only and answer one job at a time.

pyoxigraph cannot interrupt a query, so a query that runs past its time has its worker killed, which really
stops the work and gives its memory back, and a fresh worker takes its place. A query still running after
``DEMOTE_AFTER_S`` has its worker's CPU priority lowered (nice ``DEMOTED_NICE``), so a few heavy queries (an
attacker's, or an analyst's big aggregate) cannot starve the many short ones on a small machine: the kernel
gives the short ones the CPU first, and the heavy one still runs to its end or its limits. A worker is started with
``python -c`` (so no main module is re-imported), drops its network access (:func:`lod.sparql.confinement.confine`),
caps its own memory (``RLIMIT_DATA``: heap and private mappings, so a query that needs more fails there and
then, instead of swapping the machine), and talks to the parent over a socket pair. Its first message is the
store's opener (:meth:`lod.store.Reopenable.reopener`, pickled), so a worker knows nothing of paths or engines.
"""

from __future__ import annotations

import logging
import os
import queue
import resource
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from lod.errors import QueryOutOfMemory, QueryTimeout, StoreUnavailable
from lod.sparql.confinement import confine
from lod.sparql.jobs import Job, Reply, answer
from lod.store import Opener

__all__ = ["Pool", "QueryStopped", "Worker", "entry"]

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 60.0
DEMOTE_AFTER_S = 0.25  # an entity lookup or a typical analytic query is done well before this
DEMOTED_NICE = 19


class QueryStopped(QueryTimeout):
    """The query itself ran past its time and its worker was killed (not a wait for a free worker)."""


class Worker:
    """One worker process (``python -c``, so no main module is re-imported) and the parent's end of its socket."""

    def __init__(self, opener: Opener, memory_bytes: int | None = None) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _ENTRY, str(theirs.fileno()), str(memory_bytes or 0)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(opener)
        self.ready = False
        self.confined: bool | None = None  # known once ready
        self.demoted = False
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
                raise StoreUnavailable("a query worker", message[1])  # the store's fault, as the app's own open
            self.confined = bool(message[2])
            if not self.confined:
                log.warning("query worker %s keeps network access: Linux refused a private network namespace", message[1])
            self.ready = True

    def demote(self) -> None:
        """Lower this worker's CPU priority (its current query has run long)."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, DEMOTED_NICE)
            self.demoted = True
        except OSError:  # it has just ended, or the platform refuses: the query runs on as it was
            pass

    def promote(self) -> bool:
        """Give the worker its normal priority back; False when the system does not let us (raising a
        priority needs CAP_SYS_NICE or an RLIMIT_NICE allowance), and the worker must be replaced."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, os.getpriority(os.PRIO_PROCESS, 0))
        except OSError:
            return False
        self.demoted = False
        return True

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


class Pool:
    """Worker processes handed out one query at a time; a worker that runs out of time is killed and replaced."""

    def __init__(self, opener: Opener, size: int, memory_bytes: int | None = None) -> None:
        self.opener = opener
        self.size = size
        self.memory_bytes = memory_bytes
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
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

    def _spawn(self) -> Worker:
        worker = Worker(self.opener, self.memory_bytes)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def run(self, job: Job, timeout: float) -> Reply:
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
            if not worker.conn.poll(min(DEMOTE_AFTER_S, timeout)):
                worker.demote()
                if not worker.conn.poll(max(timeout - DEMOTE_AFTER_S, 0)):
                    raise QueryStopped(f"the query ran longer than {timeout:g} s and was stopped")
            try:
                reply: Reply = worker.conn.recv()
            except EOFError:
                raise self._died(worker) from None
            healthy = not worker.demoted or worker.promote()
            return reply
        finally:
            if healthy and not self._closed:
                self._idle.put(worker)
            else:
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())

    def _died(self, worker: Worker) -> QueryOutOfMemory | QueryTimeout:
        """Why a worker ended in the middle of a query: past its memory cap (an allocation that cannot fail
        softly aborts the process), or, without a cap, something that killed it."""
        worker.process.wait()
        if self.memory_bytes:
            return QueryOutOfMemory(_memory_message(self.memory_bytes))
        return QueryTimeout(f"the query stopped its worker (exit status {worker.process.returncode}) and was abandoned")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


_ENTRY = "import sys, lod.sparql.workers; lod.sparql.workers.entry(int(sys.argv[1]), int(sys.argv[2]))"


def entry(fd: int, memory_bytes: int = 0) -> None:
    """Where a worker process starts (see ``_ENTRY``): confine it, cap its memory, then serve jobs on ``fd``."""
    confined = confine()
    if memory_bytes > 0:
        cap(memory_bytes)
    _main(Connection(fd), confined)


def cap(memory_bytes: int) -> None:
    """Limit this process's data segment (heap and private writable mappings) to ``memory_bytes``."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _memory_message(memory_bytes: int) -> str:
    return f"the query needed more than the {memory_bytes // 2**20} MB of memory one query may use, and was stopped"


def _main(conn: Connection, confined: bool) -> None:
    """A worker: open the store with the opener the parent sends first, answer jobs until told to stop."""
    try:
        opener: Opener = conn.recv()
        store = opener()
    except (StoreUnavailable, EOFError) as exc:
        conn.send(("failed", exc.reason if isinstance(exc, StoreUnavailable) else str(exc)))
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
            reply = answer(store, job)
        except MemoryError:
            reply = ("error", "memory", "out of memory", None, None)
        except Exception as exc:  # noqa: BLE001 - a worker reports every failure and lives on
            reply = ("error", "failed", f"{type(exc).__name__}: {exc}", None, None)
        conn.send(reply)
