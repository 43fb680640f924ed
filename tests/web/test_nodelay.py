"""Every connection `lod serve` accepts has Nagle's algorithm off, also on a listening socket made as uvicorn
makes it for --workers N (whose protocol number is 0, so asyncio leaves TCP_NODELAY off)."""

from __future__ import annotations

import asyncio
import socket
import threading

from uvicorn.config import Config
from uvicorn.server import ServerState

from lod.web.nodelay import NoDelayHttpToolsProtocol


async def _accepted_nodelay(protocol_class: type) -> int:
    listener = socket.socket(family=socket.AF_INET)  # as uvicorn.Config.bind_socket makes it
    listener.bind(("127.0.0.1", 0))
    assert listener.proto == 0
    config = Config(app=lambda scope, receive, send: None)
    config.load()
    state = ServerState()
    seen: list[int] = []

    def factory() -> asyncio.Protocol:
        protocol = protocol_class(config=config, server_state=state, app_state={})

        class Watch(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                protocol.connection_made(transport)
                seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        return Watch()

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, sock=listener)
    host, port = listener.getsockname()
    reader, writer = await asyncio.open_connection(host, port)
    await reader.read()  # the server closes after it saw the connection
    writer.close()
    server.close()
    await server.wait_closed()
    return seen[0]


def _in_a_thread(protocol_class: type) -> int:
    """The check on an event loop of its own (a browser test may leave one running in this thread)."""
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(asyncio.run(_accepted_nodelay(protocol_class))))
    thread.start()
    thread.join(30)
    assert seen, "the check did not finish"
    return seen[0]


def test_accepted_connections_have_nagle_off() -> None:
    assert _in_a_thread(NoDelayHttpToolsProtocol) != 0


def test_without_it_asyncio_leaves_nagle_on_for_such_a_socket() -> None:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    assert _in_a_thread(H11Protocol) == 0  # the case the protocol is for
