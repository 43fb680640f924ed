"""The links of a listing held in order (:class:`lod.web.listing.Slice`): to the pages before and after, by the key
each starts after (``?after=<IRI>``), in the HTML's pager and as ``Link: rel="next"`` / ``rel="prev"`` headers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response

from lod.web.listing import Slice

__all__ = ["linked", "pager"]


def pager(request: Request, found: Slice) -> dict[str, object]:
    """The links to the pages before and after, and which items of how many this page holds."""
    path = request.url.path

    def at(key: str) -> str:
        return f"{path}?after={quote(key, safe='')}" if key else path

    return {
        "previous": None if found.previous is None else at(found.previous),
        "next": None if found.next is None else at(found.next),
        "first": found.start + 1, "last": found.start + len(found.items), "total": found.total,
    }


def linked(response: Response, pager: dict[str, object]) -> Response:
    """``Link: rel="next"`` (and ``prev``) headers, as the HTML's pager links, after the links it has."""
    links = [f'<{pager[rel]}>; rel="{name}"' for rel, name in (("next", "next"), ("previous", "prev")) if pager[rel]]
    if links:
        response.headers["Link"] = ", ".join([response.headers["Link"], *links] if "Link" in response.headers else links)
    return response
