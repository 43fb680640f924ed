"""A reader for the plainest YAML, as corrections files are mostly written: block mappings and sequences, one
scalar a line. It gives what PyYAML's safe loader with ``__line__`` (:mod:`lod.pipeline.corrections`) gives for the same
text, or :data:`OTHER` for anything else, which the caller then reads with PyYAML.

PyYAML spends 1.4 ms on a generated corrections file of 3.5 kB (0.8 of it making an object of each of libyaml's
events and marks), a tenth of preparing an article besides extraction. Here a file is read line by line; a
plain scalar's type (integers, dates, booleans, null) is still PyYAML's resolver's and constructor's. Outside
this subset (flow collections, block scalars, anchors, tags, multi-line or escaped scalars, comments after a
value, complex or repeated keys, tabs, other line breaks, document markers, directives) it gives up, and
PyYAML reads the file, errors included: ``tests/pipeline/test_blockyaml.py`` compares both on every corrections file of
the repository, generated ones, and thousands of damaged ones.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

__all__ = ["OTHER", "load"]

OTHER: Any = object()  # the text is not in the subset: read it with PyYAML

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAGS: dict[str, str] = {}  # plain scalar -> its tag, by PyYAML's resolver (the same keys and values recur)
_TAGS_KEPT = 20_000
_PAIRS: dict[str, tuple[str, Any]] = {}  # see _pair
_OPEN: Any = object()  # a key with nothing after its colon: a block follows, or null
_IMMUTABLE = frozenset({str, int, float, bool, type(None), date, datetime, type(_OPEN)})
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
# Characters PyYAML reads but this reader does not (it gives up): tabs, carriage returns and YAML 1.1's other
# line breaks, a byte-order mark, and anything PyYAML refuses as unprintable.
_UNREAD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_NEVER = re.compile(r": |:$| #|[\[\]{}]")


class _Other(Exception):
    """Not in the subset."""


def load(text: str) -> Any:
    """The document, as PyYAML's safe loader with ``__line__`` in every mapping reads it; :data:`OTHER` when
    the text is outside the subset."""
    if _UNREAD.search(text):
        return OTHER
    lines: list[tuple[int, int, str]] = []  # (line number from 1, indentation, text without it)
    number = 0
    for raw in text.split("\n"):
        number += 1
        content = raw.lstrip(" ")
        if not content or content[0] == "#":
            continue
        indent = len(raw) - len(content)
        if not indent and raw.startswith(("---", "...", "%")):
            return OTHER
        lines.append((number, indent, content.rstrip(" ")))
    if not lines:
        return None
    if lines[0][1] != 0:
        return OTHER
    try:
        value, end = _Block(lines).block(0)
    except _Other:
        return OTHER
    return value if end == len(lines) else OTHER


class _Block:
    def __init__(self, lines: list[tuple[int, int, str]]) -> None:
        self.lines = lines

    def block(self, at: int) -> tuple[Any, int]:
        text = self.lines[at][2]
        if text == "-" or text.startswith("- "):
            return self.sequence(at)
        if _KEY.fullmatch(text):
            return self.mapping(at)
        raise _Other

    def mapping(self, at: int) -> tuple[dict[str, Any], int]:
        lines = self.lines
        line, indent = lines[at][0], lines[at][1]
        out: dict[str, Any] = {}
        while at < len(lines) and lines[at][1] == indent:
            key, value = _pair(lines[at][2])
            if key in out:  # a repeated key
                raise _Other
            if value is not _OPEN:
                out[key] = value
                at += 1
                if at < len(lines) and lines[at][1] > indent:
                    raise _Other  # a scalar going on over lines
                continue
            at += 1
            if at < len(lines) and (lines[at][1] > indent or lines[at][1] == indent and _item(lines[at][2])):
                out[key], at = self.block(at)
            else:
                out[key] = None
        if at < len(lines) and lines[at][1] > indent:
            raise _Other
        out["__line__"] = line
        return out, at

    def sequence(self, at: int) -> tuple[list[Any], int]:
        lines = self.lines
        indent = lines[at][1]
        out: list[Any] = []
        while at < len(lines) and lines[at][1] == indent and _item(lines[at][2]):
            number, _, text = lines[at]
            rest = text[1:].lstrip(" ")
            if not rest:
                at += 1
                if at < len(lines) and lines[at][1] > indent:
                    value, at = self.block(at)
                    out.append(value)
                else:
                    out.append(None)
                continue
            if rest == "-" or rest.startswith("- "):
                raise _Other  # a sequence opened on an item's line
            if _KEY.fullmatch(rest):  # a mapping opened on the item's line, its keys at that column
                lines[at] = (number, indent + len(text) - len(rest), rest)
                value, at = self.mapping(at)
                out.append(value)
                continue
            out.append(_scalar(rest))
            at += 1
            if at < len(lines) and lines[at][1] > indent:
                raise _Other
        if at < len(lines) and lines[at][1] > indent:
            raise _Other
        return out, at


def _pair(text: str) -> tuple[str, Any]:
    """A mapping's line: its key and its scalar (:data:`_OPEN` when nothing follows the colon), read once for the
    same text (``ref: unhcr``, ``- name: UN refugee agency``: most lines of a generated file recur in others)."""
    found = _PAIRS.get(text)
    if found is not None:
        return found
    match = _KEY.fullmatch(text)
    if match is None:
        raise _Other
    key, rest = match.group(1), match.group(2)
    if _resolved(key) is not key:  # `yes:` (PyYAML reads a boolean)
        raise _Other
    found = (key, _scalar(rest) if rest else _OPEN)
    if type(found[1]) in _IMMUTABLE:  # a value given to every file that has the line: one none can change
        if len(_PAIRS) >= _TAGS_KEPT:
            _PAIRS.clear()
        _PAIRS[text] = found
    return found


def _item(text: str) -> bool:
    return text == "-" or text.startswith("- ")


def _scalar(text: str) -> Any:
    """One scalar on one line: quoted (no escapes) it is text, plain it is what PyYAML resolves it to."""
    first = text[0]
    if first == '"':
        match = _DOUBLE.fullmatch(text)
        if match is None:
            raise _Other
        return match.group(1)
    if first == "'":
        match = _SINGLE.fullmatch(text)
        if match is None:
            raise _Other
        return match.group(1).replace("''", "'")
    if first in _PLAIN_START or _PLAIN_NEVER.search(text):
        raise _Other
    return _resolved(text)


def _resolved(text: str) -> Any:
    """A plain scalar's value: the text itself when PyYAML resolves it to a string, else PyYAML's value."""
    tag = _TAGS.get(text)
    if tag is None:
        if len(_TAGS) >= _TAGS_KEPT:
            _TAGS.clear()
        tag = _TAGS[text] = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return text
    # the tag's own constructor (construct_object would keep every node it made, for the document's aliases);
    # a value it refuses (a 30 February) is PyYAML's to report
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except Exception as error:  # noqa: BLE001 - whatever it is, PyYAML raises it again, from its own reading
        raise _Other from error
