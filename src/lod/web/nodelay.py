"""uvicorn's HTTP/1.1 protocol (httptools' C parser) with Nagle's algorithm off on every connection it accepts.

asyncio turns ``TCP_NODELAY`` on only for sockets whose protocol number says TCP; a listening socket made as
uvicorn's (and lod.web.balancer's) for ``--workers N`` (``socket.socket(family)``) says 0, so each answer
written in two parts (headers, then body) waited for the client's delayed ACK: 40 ms a request, whatever the work (``lod serve --workers 2``
answered 160 requests a second on two idle cores). uvloop turns it on by itself; this keeps it on under asyncio too.
The httptools parser (C), not h11's (pure Python), which parsed every request and wrote every answer in Python.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["LOOP", "NoDelayHttpToolsProtocol", "PROTOCOL"]

PROTOCOL = "lod.web.nodelay:NoDelayHttpToolsProtocol"  # as uvicorn's ``http`` option, importable in every worker
LOOP = "uvloop"  # uvicorn's ``loop`` option: libuv's event loop, a dependency like httptools


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
