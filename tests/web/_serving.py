"""Running an app under uvicorn in a thread, on a socket bound before the server starts (no race for a port)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI


def listener() -> socket.socket:
    """A socket bound to a free port of 127.0.0.1, to hand to uvicorn; its port is taken until it closes.

    Its protocol is named (``IPPROTO_TCP``, not 0): asyncio sets ``TCP_NODELAY`` only on accepted sockets whose
    protocol says TCP, and without it every answer written in two parts waited 40 ms for a delayed ACK.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def url_of(sock: socket.socket) -> str:
    """``http://127.0.0.1:<port>/`` for a socket from :func:`listener`."""
    return f"http://127.0.0.1:{sock.getsockname()[1]}/"


@contextmanager
def running(app: FastAPI, sock: socket.socket) -> Iterator[None]:
    """Serve ``app`` on ``sock`` until the block ends (then the socket is closed)."""
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
