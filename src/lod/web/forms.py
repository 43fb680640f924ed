"""Reading an upload's body and its ``multipart/form-data`` form within limits: the one way ``POST /articles`` and
``POST /events`` read what a client sends. Too large is refused with 413 as soon as it is known (before the body
is all read), a form that cannot be parsed with 400.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

__all__ = ["FORM", "FORM_OVERHEAD", "form_file", "read_body", "read_form"]

FORM = "multipart/form-data"
FORM_OVERHEAD = 64 * 1024  # boundaries and part headers, beside the files


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is {declared} bytes, more than the {limit} allowed")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is more than the {limit} bytes allowed")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, part_limit: int, files: int = 2) -> FormData:
    """The form of at most ``files`` files of at most ``part_limit`` bytes each (the body at most all of them)."""
    body = await read_body(request, files * part_limit + FORM_OVERHEAD)
    try:
        return await MultiPartParser(request.headers, _replay(body), max_files=files, max_fields=8, max_part_size=part_limit).parse()
    except MultiPartException as exc:
        raise HTTPException(400, f"the form cannot be read: {exc.message}") from None


async def form_file(value: UploadFile | str | None, limit: int) -> tuple[bytes | None, str | None]:
    """A form part's bytes and file name (a plain field counts as an unnamed file); 413 above ``limit`` bytes."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value.encode("utf-8"), None
    data = await value.read()
    if len(data) > limit:
        raise HTTPException(413, f"{value.filename or 'a file'} is {len(data)} bytes, more than the {limit} allowed")
    return data, value.filename


async def _replay(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body
    yield b""
