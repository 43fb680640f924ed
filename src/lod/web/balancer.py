"""``lod serve --workers N``: one process accepts every connection and hands it to the worker holding the fewest.

uvicorn's own workers share one listening socket and each takes what it can when it wakes: a load generator's
8 keep-alive connections landed 7/1 or 6/2 on two processes (a socket per process with SO_REUSEPORT hashes them:
6/2, 3/5), so one core idled while requests queued on the other. Here the parent accepts, passes the socket over a
Unix socket pair (SCM_RIGHTS) to the worker with the fewest open connections, and each worker says when one of
its connections closes. A worker that dies is replaced; one that cannot start stops the server, as uvicorn does.
"""

from __future__ import annotations

import asyncio
import logging
import logging.config
import selectors
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from lod.web import server
from lod.web.nodelay import LOOP, PROTOCOL, NoDelayHttpToolsProtocol

__all__ = ["serve"]

log = logging.getLogger("uvicorn.error")

_OPENED = b"+"  # parent -> worker, with the connection's descriptor
_CLOSED = b"-"  # worker -> parent
_BACKLOG = 2048


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    channel: socket.socket
    connections: int = 0


def serve(host: str, port: int, workers: int, keep_alive: int) -> int:
    """Serve until SIGINT or SIGTERM; the exit code (uvicorn's start-up failure, 3, when the port cannot be
    listened on or a worker could not start)."""
    logging.config.dictConfig(uvicorn.config.LOGGING_CONFIG)  # the workers' uvicorn configures theirs
    try:
        listener = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET,
                                        backlog=_BACKLOG)
    except OSError as error:  # the port is taken, or not ours to take: said as uvicorn says it, with its exit code
        log.error("cannot listen on %s:%d: %s", host, port, error.strerror or error)
        return STARTUP_FAILURE
    listener.setblocking(False)
    stop: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: stop.append(number))
    pool = [_spawn(keep_alive) for _ in range(workers)]
    log.info("lod serving on http://%s:%d with %d worker processes (press CTRL+C to quit)", host, port, workers)
    code = 0
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ)
        for worker in pool:
            selector.register(worker.channel, selectors.EVENT_READ, worker)
        while not stop:
            for key, _ in selector.select(timeout=0.5):
                if key.data is None:
                    _dispatch(listener, pool)
                else:
                    _count_closed(key.data)
            for i, worker in enumerate(pool):
                exit_code = worker.process.poll()
                if exit_code is None:
                    continue
                selector.unregister(worker.channel)
                worker.channel.close()
                if exit_code == STARTUP_FAILURE:
                    log.error("worker process %d failed to start: stopping", worker.process.pid)
                    stop.append(0)
                    code = exit_code
                    break
                log.warning("worker process %d ended (%d): starting another", worker.process.pid, exit_code)
                pool[i] = _spawn(keep_alive)
                selector.register(pool[i].channel, selectors.EVENT_READ, pool[i])
    listener.close()
    for worker in pool:  # uvicorn finishes the requests in hand on SIGTERM
        if worker.process.poll() is None:
            worker.process.terminate()
    for worker in pool:
        worker.process.wait()
        worker.channel.close()
    return code


def _spawn(keep_alive: int) -> _Worker:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    # A session of its own: a terminal's CTRL+C reaches the parent alone, which stops the workers once.
    process = subprocess.Popen([sys.executable, "-m", "lod.web.balancer", str(theirs.fileno()), str(keep_alive)],
                               pass_fds=[theirs.fileno()], start_new_session=True)
    theirs.close()
    ours.setblocking(False)
    return _Worker(process, ours)


def _dispatch(listener: socket.socket, pool: list[_Worker]) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except BlockingIOError:
            return
        except OSError as error:  # out of descriptors, say: the client is refused, the server goes on
            log.warning("could not accept a connection: %s", error)
            return
        with connection:
            for worker in sorted(pool, key=lambda w: w.connections):
                try:
                    socket.send_fds(worker.channel, [_OPENED], [connection.fileno()])
                except OSError:  # ended (replaced on the next turn) or not reading: the next one
                    continue
                worker.connections += 1
                break
            else:
                log.warning("no worker took a connection: closed")


def _count_closed(worker: _Worker) -> None:
    while True:
        try:
            message = worker.channel.recv(16)
        except (BlockingIOError, ConnectionError):
            return
        if not message:  # the worker ended; the supervising loop replaces it
            return
        worker.connections = max(0, worker.connections - message.count(_CLOSED))


# --- the worker ------------------------------------------------------------------------------------------------


class _Counted(NoDelayHttpToolsProtocol):
    """The HTTP protocol, telling the parent when its connection closes."""

    def __init__(self, *, closed: socket.socket, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._channel = closed

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        try:
            self._channel.send(_CLOSED)
        except OSError:  # the parent is gone; this worker stops on its own
            pass


class _Server(server.Server):
    """uvicorn's server without a listening socket: connections arrive over the channel from the parent."""

    def __init__(self, config: uvicorn.Config, channel: socket.socket) -> None:
        super().__init__(config)
        self._channel = channel
        self._connecting: set[asyncio.Task[Any]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])
        asyncio.get_running_loop().add_reader(self._channel.fileno(), self._receive)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().remove_reader(self._channel.fileno())
        await super().shutdown(sockets)

    def _receive(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                message, descriptors, _, _ = socket.recv_fds(self._channel, 16, 8)
            except BlockingIOError:
                return
            except ConnectionError:
                message, descriptors = b"", []
            if not message:  # the parent is gone: no more connections will come
                loop.remove_reader(self._channel.fileno())
                self.should_exit = True
                return
            for descriptor in descriptors:
                task = loop.create_task(self._connect(socket.socket(fileno=descriptor)))
                self._connecting.add(task)
                task.add_done_callback(self._connecting.discard)

    async def _connect(self, connection: socket.socket) -> None:
        try:
            await asyncio.get_running_loop().connect_accepted_socket(self._protocol, connection)
        except OSError:  # the client left before it was served
            connection.close()
            self._channel.send(_CLOSED)

    def _protocol(self) -> asyncio.Protocol:
        return _Counted(config=self.config, server_state=self.server_state, app_state=self.lifespan.state,
                        closed=self._channel)


def _work(descriptor: int, keep_alive: int) -> None:
    channel = socket.socket(fileno=descriptor)
    channel.setblocking(False)
    config = uvicorn.Config("lod.web.app:create_app", factory=True, http=PROTOCOL, loop=LOOP,
                            timeout_keep_alive=keep_alive)
    _Server(config, channel).run()


if __name__ == "__main__":
    _work(int(sys.argv[1]), int(sys.argv[2]))
