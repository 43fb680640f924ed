"""Pick a format from an ``Accept`` header and the formats a resource offers.

A pure function: it knows nothing of HTTP frameworks or stores (after Oxigraph's server).

    >>> from lod.formats import HTML, JSONLD, TURTLE
    >>> negotiate("application/ld+json;q=0.9, text/turtle", [JSONLD, TURTLE]).name
    'ttl'
    >>> negotiate(None, [JSONLD, TURTLE]).name
    'jsonld'

Rules (RFC 9110, section 12.5.1):

* A missing, empty or unparseable header accepts anything: the first offered format wins.
* Each format is scored by the *most specific* range that matches it (``type/subtype`` beats
  ``type/*`` beats ``*/*``); that range's ``q`` is the format's quality, so ``*/*, text/turtle;q=0``
  excludes Turtle while accepting everything else. An exact range may name an alias from
  :mod:`lod.formats` (``application/json``); wildcards match only the main media type, so
  ``application/*`` does not pick Turtle through its old ``application/x-turtle`` name.
* Media-type parameters other than ``q`` are ignored (``text/turtle; charset=utf-8`` is Turtle).
* A bare ``*`` (sent by old Java clients) means ``*/*``. A range with a malformed ``q`` is skipped.
* The highest ``q`` wins; among equals, the format named by the more specific range, then the first offered.
* Nothing with ``q > 0``: :class:`~lod.errors.NotAcceptable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lod.errors import NotAcceptable
from lod.formats import Format

__all__ = ["MediaRange", "negotiate", "parse_accept"]


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header: ``type/subtype`` (either may be ``*``) and its quality."""

    type: str
    subtype: str
    q: float = 1.0

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, fmt: Format) -> bool:
        """Whether the range names the format: wildcards match its main media type, exact ranges any alias too."""
        if self.specificity == 2:
            return f"{self.type}/{self.subtype}" in fmt.media_types
        kind = fmt.media_type.partition("/")[0]
        return self.type in ("*", kind)


def parse_accept(accept: str) -> list[MediaRange]:
    """The well-formed media ranges of an ``Accept`` header, in header order.

    >>> parse_accept("text/html, */*;q=0.8")
    [MediaRange(type='text', subtype='html', q=1.0), MediaRange(type='*', subtype='*', q=0.8)]
    """
    ranges = []
    for element in accept.split(","):
        head, *params = (part.strip() for part in element.split(";"))
        media = head.lower()
        if media == "*":
            media = "*/*"
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = _quality(params)
        if q is not None:
            ranges.append(MediaRange(kind, sub, q))
    return ranges


def _quality(params: list[str]) -> float | None:
    """The ``q`` parameter (1.0 when absent), or None when it is malformed or out of range."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip().strip('"'))
            except ValueError:
                return None
            return q if 0.0 <= q <= 1.0 else None
    return 1.0


def negotiate(accept: str | None, offered: Sequence[Format]) -> Format:
    """The offered format the client prefers.

    Raises:
        NotAcceptable: no offered format is acceptable (carries ``offered``).
        ValueError: ``offered`` is empty.
    """
    if not offered:
        raise ValueError("negotiate() needs at least one offered format")
    ranges = parse_accept(accept or "")
    if not ranges:
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = offered[0]
    for index, fmt in enumerate(offered):
        match = _best_range(ranges, fmt)
        if match is None or match.q <= 0.0:
            continue
        score = (match.q, match.specificity, -index)
        if best is None or score > best:
            best, chosen = score, fmt
    if best is None:
        raise NotAcceptable(offered)
    return chosen


def _best_range(ranges: Sequence[MediaRange], fmt: Format) -> MediaRange | None:
    """The most specific range naming any of the format's media types; among equals, the highest q."""
    found: MediaRange | None = None
    for media_range in ranges:
        if not media_range.matches(fmt):
            continue
        if found is None or (media_range.specificity, media_range.q) > (found.specificity, found.q):
            found = media_range
    return found
