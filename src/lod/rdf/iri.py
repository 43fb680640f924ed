"""Checking that a text is an http(s) IRI (RFC 3987) before it becomes one in a graph.

RDF writers put an IRI between ``<`` and ``>`` as it is, so a space, ``"``, ``<``, ``>`` or a stray ``%`` in a
source URL would make the graph unwritable (or mean something else) further down the pipeline: it is refused
where it is read, with its position. What Oxigraph refuses besides (a port that is not a number, a bad host, a
second ``#``) is refused too: a build's loader takes the graphs without checking their IRIs again
(:meth:`lod.store.OxigraphStore.bulk_extend_nquads`).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

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
    >>> iri_problem("https://example.org:8a/")
    (0, "Invalid character 'a'")
    """
    if not _SCHEME.match(text):
        return 0, "not an http(s) URL"
    bad = _NOT_ALLOWED.search(text)
    if bad is None:
        try:
            ox.NamedNode(text)
        except ValueError as exc:
            return 0, str(exc)
        return None
    if bad.group() == "%":
        return bad.start(), "a % must be followed by two hexadecimal digits"
    return bad.start(), f"the character {bad.group()!r} is not allowed in an IRI"
