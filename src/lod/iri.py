"""Checking that a text is an http(s) IRI (RFC 3987) before it becomes one in a graph.

RDF writers put an IRI between ``<`` and ``>`` as it is, so a space, ``"``, ``<``, ``>`` or a stray ``%`` in a
source URL would make the graph unwritable (or mean something else) further down the pipeline: it is refused
where it is read, with its position.
"""

from __future__ import annotations

import re

__all__ = ["iri_problem"]

_SCHEME = re.compile(r"https?://[^/?#\s]")
# Characters RFC 3987 does not allow anywhere in an IRI, and a % that does not start a percent-encoding.
_NOT_ALLOWED = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')


def iri_problem(text: str) -> tuple[int, str] | None:
    """None for an http(s) IRI; else the offset in ``text`` of the first problem and what it is.

    >>> iri_problem("https://example.org/a?b=c#d") is None
    True
    >>> iri_problem('https://example.org/a"b')
    (21, 'the character \\'"\\' is not allowed in an IRI')
    """
    if not _SCHEME.match(text):
        return 0, "not an http(s) URL"
    bad = _NOT_ALLOWED.search(text)
    if bad is None:
        return None
    if bad.group() == "%":
        return bad.start(), "a % must be followed by two hexadecimal digits"
    return bad.start(), f"the character {bad.group()!r} is not allowed in an IRI"
