"""Pure ASGI middlewares that make every answer safe to cache and to show in a browser, and let slow
clients go.

* :class:`PublicBase`: the request's scheme, host and root path are those of ``LOD_BASE_URI``, whatever
  ``Host`` header the client sent, so every link the app builds (``request.url_for``, ``request.base_url``:
  ``Location``, ``Link``, ``Content-Location``, stylesheets, page links) points under the base URI. A client
  cannot poison a shared cache with links to a host of its choosing.
* :class:`SecurityHeaders`: ``Content-Security-Policy`` (our own scripts, styles and fonts only; nothing
  inline runs; no framing), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and
  ``Referrer-Policy`` on every answer that does not set its own.
* :class:`BodyTimeout`: a request body that stops arriving (a ``Content-Length`` larger than what is sent)
  is answered ``408`` after ``LOD_HTTP_TIMEOUT_S`` and its connection closed; uvicorn has no such timeout.
  Only the body is timed: once it is complete, ``receive`` waits as long as the server keeps the connection
  (a streamed dump listens for the client's disconnect through it).
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "HEADERS", "BodyTimeout", "PublicBase", "SecurityHeaders"]

# Styles may be inline: the editor and Swagger UI set style attributes; scripts may not.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
)


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP answer (a header the app set itself is kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class PublicBase:
    """Makes each request look as if it came to ``base_uri`` (scheme, ``Host``, root path), for link building."""

    def __init__(self, app: ASGIApp, base_uri: str) -> None:
        self.app = app
        parts = urlsplit(base_uri)
        self.scheme = parts.scheme
        self.host = parts.netloc.encode("latin-1")
        self.hostname = parts.hostname or ""
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.root_path = parts.path.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            # In place, not a copy: the middlewares outside read what the router writes into this scope.
            headers = [(name, value) for name, value in scope.get("headers", []) if name.lower() != b"host"]
            secure = self.scheme == "https"
            scope["scheme"] = self.scheme if scope["type"] == "http" else ("wss" if secure else "ws")
            scope["server"] = (self.hostname, self.port)
            scope["headers"] = [(b"host", self.host), *headers]
            scope["app_root_path"] = self.root_path
        await self.app(scope, receive, send)


class _BodyStalled(Exception):
    """The client stopped sending a body it announced."""


class BodyTimeout:
    """Answers ``408 Request Timeout`` when the rest of a request's body does not come within ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.seconds)
            except asyncio.TimeoutError:
                raise _BodyStalled from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, timed_receive, tracked_send)
        except _BodyStalled:
            if started:  # too late for an answer: the server drops the connection
                raise
            detail = f"the request body did not arrive within {self.seconds:g} s"
            body = json.dumps({"type": "about:blank", "title": "Request Timeout", "status": 408, "detail": detail}).encode()
            headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 408, "headers": headers})
            await send({"type": "http.response.body", "body": body})
