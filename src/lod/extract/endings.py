"""The words a pattern anchored at the end (``...$``) must end with, to skip searching a text that ends with none.

Python's engine searches such a pattern by trying it at every character of the text, though it can only succeed at
the end: for the rules that look at the words before a reporting verb ("..., local activists said") that is most of
the cost of finding a speaker. ``Endings(pattern)`` reads the pattern's parse tree once (``re._parser``, as ``re``
itself compiles) and lists what every match ends with, lowered; ``Endings.search(text)`` gives what
``pattern.search(text)`` gives, and looks at the end of the lowered text first.

    >>> ends = Endings(re.compile(r"\\b(?:local\\s+)?(?:activists|residents)\\s*$", re.IGNORECASE))
    >>> ends.words, ends.spaces
    (('activists', 'residents'), True)
    >>> ends.search("..., the town's residents ") is not None, ends.search("The army") is None
    (True, True)

A pattern whose end cannot be told (a class, a look-around or an optional part with nothing certain before it) is
searched as usual, as is a text that ``lod.extract.cues.lowered`` does not lower (a letter that matches only
ignoring case).
"""

from __future__ import annotations

import re
from typing import Any

from lod.extract.cues import lowered

try:
    from re import _constants as _c, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: every pattern is searched as usual
    _parser = None

_MOST = 200  # endings listed for one pattern at most: more, and the pattern is searched as usual
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) if _parser else ()
_SPACE = [(_c.CATEGORY, _c.CATEGORY_SPACE)] if _parser else []


class Endings:
    """A pattern that matches only at the end of a text, with the lowered words its every match ends with
    (``words``; None when they cannot be told) and whether white space may follow them (``spaces``: ``\\s*$``)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words: tuple[str, ...] | None = None
        self.spaces = False
        if _parser is None or pattern.flags & (re.MULTILINE | re.VERBOSE | re.LOCALE | re.ASCII):
            return  # pragma: no cover - another Python, or flags under which "$" or "\s" mean something else
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        # a pattern of branches each anchored at the end ("...\s*$|...\)\s*$"): each branch's words, together
        branches = [list(branch) for branch in items[0][1][1]] if len(items) == 1 and items[0][0] is _c.BRANCH else [items]
        found: set[str] = set()
        for branch in branches:
            if not branch or branch[-1] not in ((_c.AT, _c.AT_END), (_c.AT, _c.AT_END_STRING)):
                return
            branch.pop()
            while branch and branch[-1][0] in _REPEATS and list(branch[-1][1][2]) == [(_c.IN, _SPACE)]:
                branch.pop()  # white space before the end ("\s*$"): the text is looked at without its own
                self.spaces = True
            ends = _endings(branch)
            if not ends:
                return
            found |= ends
        if self.spaces:  # a branch may end with white space: every branch's words are looked for without theirs
            found = {word.rstrip() for word in found}
        if found and all(found) and len(found) <= _MOST:
            self.words = tuple(sorted(found))

    def possible(self, text: str) -> bool:
        """Whether ``text`` ends (lowered, before the white space ``spaces`` allows or a final newline) with one of
        ``words``: False means the pattern cannot match it."""
        if self.words is None:
            return True
        lower = lowered(text)
        if lower is None:
            return True
        if self.spaces:
            return lower.rstrip().endswith(self.words)
        # "$" also matches before a newline that ends the text
        return lower.endswith(self.words) or lower.endswith("\n") and lower[:-1].endswith(self.words)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``pattern.search(text, pos)``."""
        return self.pattern.search(text, pos) if self.possible(text) else None


def _endings(items: list[tuple[Any, Any]]) -> set[str] | None:
    """What every match of a sequence of parsed items ends with (lowered), or None when that cannot be told."""
    run: list[str] = []
    at = len(items) - 1
    while at >= 0 and items[at][0] is _c.LITERAL and chr(items[at][1]).isascii() and chr(items[at][1]).isprintable():
        run.append(chr(items[at][1]).lower())  # lowered either way: only a condition on the lowered text
        at -= 1
    if run:
        return {"".join(reversed(run))}
    if at < 0:
        return None  # an empty match
    op, av = items[at]
    if op is _c.SUBPATTERN:
        return _endings(list(av[3]))
    if op is _c.ATOMIC_GROUP:
        return _endings(list(av))
    if op is _c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            ends = _endings(list(branch))
            if ends is None:
                return None
            found |= ends
        return found
    if op in _REPEATS and av[1] > 0:
        inner = _endings(list(av[2]))
        if inner is None or av[0] >= 1:
            return inner
        before = _endings(items[:at])  # the optional part may be missing: then what comes before it ends the match
        return None if before is None else inner | before
    return None  # a class, a category, a look-around, a back-reference: no word
