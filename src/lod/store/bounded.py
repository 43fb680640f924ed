"""A binary writer that takes at most so many bytes: the engine writing a result into it stops there.

pyoxigraph writes a result into a file object in chunks of a few kilobytes as it evaluates the query, and an
exception raised by the file's ``write`` ends the evaluation with it: a result that turns out too long costs
only what was written up to the limit.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["Bounded", "TooLong"]


class TooLong(Exception):
    """More than the writer's limit was written."""


class Bounded(io.BytesIO):
    """An in-memory binary file of at most ``limit`` bytes: the write that would go past raises :class:`TooLong`."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: ReadableBuffer, /) -> int:
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise TooLong(f"more than {self.limit} bytes")
        return super().write(data)
