"""uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection it accepts.

asyncio turns ``TCP_NODELAY`` on only for sockets whose protocol number says TCP; the listening socket uvicorn
makes for ``--workers N`` (``socket.socket(family)``) says 0, so each answer written in two parts (headers,
then body) waited for the client's delayed ACK: 40 ms a request, whatever the work (``lod serve --workers 2``
answered 160 requests a second on two idle cores).
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol", "PROTOCOL"]

PROTOCOL = "lod.web.nodelay:NoDelayH11Protocol"  # as uvicorn's ``http`` option, importable in every worker


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
