"""Errors for people: a browser that asks for HTML gets a page saying what went wrong and where to go next;
every other client gets the RFC 9457 ``application/problem+json`` body (``lod.web.app`` builds both)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from lod.errors import NotAcceptable
from lod.formats import HTML, Format
from lod.negotiation import negotiate

__all__ = ["html_page", "wants_html"]

PROBLEM_JSON = Format("problem", "application/problem+json", "json", ("application/json",))


def wants_html(request: Request) -> bool:
    """Whether ``Accept`` prefers HTML to JSON (``*/*`` and no header choose JSON, as before)."""
    try:
        return negotiate(request.headers.get("accept"), (PROBLEM_JSON, HTML)) == HTML
    except NotAcceptable:
        return False


def html_page(request: Request, body: dict[str, object]) -> HTMLResponse:
    """The problem ``body`` as a page, with the same status."""
    status = int(str(body["status"]))
    page = request.app.state.templates.get_template("error.html").render(request=request, problem=body)
    return HTMLResponse(page, status_code=status)
