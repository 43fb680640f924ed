"""One negotiated document, many representations: the HTTP side shared by entity, vocabulary and catalogue pages.

A document lives at a URL without suffix (``/doc/place/pcode/SY07``) that negotiates on ``Accept``, and
at one URL per format (``/doc/place/pcode/SY07.ttl``) that does not. Every answer names its variant in
``Content-Location``, lists the others in ``Link: rel="alternate"``, carries a strong ``ETag`` per variant
and ``Last-Modified``, and turns into ``304`` when the client's copy is current.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from fastapi import Request, Response

from lod.formats import Format, by_extension
from lod.negotiation import negotiate
from lod.web.conditional import Validators, not_modified

__all__ = ["Variant", "choose", "respond", "split_suffix"]

# Caches keep a copy but ask again every time (a 304 when the ETag still matches): a reader never sees an
# older version after a newer one was published.
CACHE_CONTROL = "public, no-cache"


class Variant:
    """Where a document lives and which formats it offers; ``query`` (``?after=...``) follows every variant's URL."""

    def __init__(self, url: str, offered: Sequence[Format], query: str = "") -> None:
        self.url = url
        self.offered = tuple(offered)
        self.query = query

    def url_for(self, fmt: Format) -> str:
        return f"{self.url}.{fmt.extension}{self.query}"

    def links(self, served: Format) -> str:
        alternates = [f'<{self.url_for(f)}>; rel="alternate"; type="{f.media_type}"' for f in self.offered if f != served]
        return ", ".join(alternates)


def split_suffix(path: str, offered: Sequence[Format]) -> tuple[str, Format | None]:
    """``key.ttl`` -> (``key``, Turtle); a path without a known suffix comes back whole."""
    stem, dot, extension = path.rpartition(".")
    fmt = by_extension(extension, tuple(offered)) if dot and "/" not in extension else None
    return (stem, fmt) if fmt is not None else (path, None)


def choose(request: Request, offered: Sequence[Format], suffix: Format | None) -> Format:
    """The suffix's format, or the one ``Accept`` prefers.

    Raises:
        NotAcceptable: nothing offered fits ``Accept``.
    """
    return suffix or negotiate(request.headers.get("accept"), offered)


def respond(
    request: Request,
    variant: Variant,
    fmt: Format,
    *,
    digest: str,
    last_modified: datetime,
    body: Callable[[], bytes],
    negotiated: bool,
    links: str = "",
) -> Response:
    """The representation in ``fmt``, or ``304`` when the client's ``ETag``/date is current.

    ``body`` is only called when the bytes are needed; ``digest`` identifies the document's content; ``links``
    are more ``Link`` header values (``<...>; rel="next"``).
    """
    validators = Validators(f"{digest}-{fmt.extension}", last_modified)
    headers = {
        **validators.headers(),
        "Content-Location": variant.url_for(fmt),
        "Cache-Control": CACHE_CONTROL,
    }
    if alternates := ", ".join(v for v in (links, variant.links(fmt)) if v):
        headers["Link"] = alternates
    if negotiated:
        headers["Vary"] = "Accept"
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=headers)
    return Response(body(), media_type=fmt.media_type, headers=headers)  # Starlette adds charset to text/*
