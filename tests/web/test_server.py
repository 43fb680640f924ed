"""The server `lod serve` runs leaves the app's start-up heap out of the cycle collector once the app has started."""

from __future__ import annotations

import asyncio
import gc
import threading

from uvicorn.config import Config

from lod.web.server import GC_THRESHOLD, Server


async def _start_and_stop() -> tuple[int, tuple[int, int, int]]:
    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        return None

    server = Server(Config(app=app, lifespan="off"))
    server.config.load()
    server.lifespan = server.config.lifespan_class(server.config)
    await server.startup(sockets=[])  # started, listening on nothing
    try:
        return gc.get_freeze_count(), gc.get_threshold()
    finally:
        await server.shutdown(sockets=[])


def test_the_heap_is_frozen_and_collected_less_often_once_the_app_has_started() -> None:
    before, already = gc.get_threshold(), gc.get_freeze_count()  # a build run in this process may have frozen some
    found: list[tuple[int, tuple[int, int, int]]] = []
    # In a thread of its own: an earlier test may leave an event loop set on this one.
    worker = threading.Thread(target=lambda: found.append(asyncio.run(_start_and_stop())))
    try:
        worker.start()
        worker.join(60)
        (frozen, threshold), = found
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert frozen > already + 10_000 and threshold == GC_THRESHOLD
