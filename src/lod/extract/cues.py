"""The literal words a regular expression cannot match without (its *cues*), to skip running it on a text that has none.

Python's engine tries a pattern that opens with ``\\b``, an alternation or a case-insensitive letter at every position
of the text: about a tenth of a microsecond a character, for each pattern. Looking for a word in the lowered text
(``str.__contains__``) costs a fraction of a microsecond for a whole sentence. ``cues(pattern)`` reads the pattern's
parse tree once and returns the sets of words it needs (each set: one of these words must be in any text it
matches); ``possible`` says whether a lowered text has one word of every set. A pattern none of whose parts is a
required literal has no cue sets, and is always run.

    >>> [sorted(words) for words in cues(re.compile(r"\\b(?:air\\s*strikes?|shelling)\\b", re.IGNORECASE))]
    [['shelling', 'strike']]
    >>> possible(cues(re.compile(r"shell(?:s|ing)")), lowered("Airstrikes hit the town."))
    False

Only the parse tree of Python's own ``re`` is read (``re._parser``, as ``re`` itself compiles); when it cannot be
read the pattern simply has no cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

try:
    from re import _constants as _c, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no cues, every pattern runs
    _parser = None

Cues = tuple[frozenset[str], ...]
Key = TypeVar("Key")

# Letters that match an ASCII letter under re.IGNORECASE but are not that letter once lowered (dotless i, long s,
# dotted capital I): a text with one of them is never gated, as its lowered form could hide a cue.
_FOLDS_TO_ASCII = ("\u0131", "\u017f", "\u0130")


def gateable(text: str) -> bool:
    """Whether cue checks on the lowered text are sound (no letter that only matches ignoring case)."""
    return text.isascii() or not any(letter in text for letter in _FOLDS_TO_ASCII)


def lowered(text: str) -> str | None:
    """The text lowered for cue checks, or None when a cue check could be wrong for it (then every pattern runs)."""
    return text.lower() if gateable(text) else None


def possible(sets: Cues, lower: str | None) -> bool:
    """Whether a text (``lowered``) has one word of every cue set: False means the pattern cannot match it."""
    return lower is None or all(any(word in lower for word in words) for words in sets)


def cues(pattern: re.Pattern[str], shortest: int = 3, most: int = 3) -> Cues:
    """The cue sets of a compiled pattern: every text the pattern matches has, lowered, one word of each set.

    Only sets whose words all have ``shortest`` letters or more are kept ("in", "19" are in nearly every sentence),
    the ``most`` with the longest words first.
    """
    if _parser is None:  # pragma: no cover
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled always parses
        return ()
    found = {_minimal(words) for words in _required(list(tree))}
    kept = sorted((words for words in found if min(map(len, words)) >= shortest),
                  key=lambda words: (-min(map(len, words)), len(words), sorted(words)))
    return tuple(kept[:most])


def all_words(sets: Iterable[Cues]) -> frozenset[str]:
    """Every word of the cue sets of many patterns, to look each up once per text (``present_words``)."""
    return frozenset(word for each in sets for words in each for word in words)


def present_words(lower: str | None, words: frozenset[str]) -> frozenset[str] | None:
    """The words of ``words`` in a lowered text (None: the text is not gated, see ``lowered``)."""
    if lower is None:
        return None
    return frozenset(word for word in words if word in lower)


def possible_with(sets: Cues, present: frozenset[str] | None) -> bool:
    """``possible`` with the words already looked up (``present_words``)."""
    return present is None or all(not present.isdisjoint(words) for words in sets)


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """The same condition with fewer words: a word that contains another of the set adds nothing."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _required(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The cue sets of a sequence of parsed items: one per part that every match must contain."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and isinstance(av, int) and chr(av).isascii() and chr(av).isprintable():
            run.append(chr(av).lower())
            continue
        flush()
        if op is _c.SUBPATTERN:
            found += _required(list(av[3]))
        elif op is _c.ATOMIC_GROUP:
            found += _required(list(av))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _required(list(av[2]))
        elif op is _c.BRANCH:
            either = _either([_required(list(branch)) for branch in av[1]])
            if either is not None:
                found.append(either)
        # anything else (a class, a category, a look-around, a back-reference, an optional part) needs no literal
    flush()
    return found


def _either(branches: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """One cue set for an alternation: each branch's best set, joined; None when a branch needs no literal."""
    union: set[str] = set()
    for sets in branches:
        if not sets:
            return None
        union |= max(sets, key=lambda words: (min(map(len, words)), -len(words)))
    return frozenset(union)


class Cued(Generic[Key]):
    """Patterns (each with a key) and their cue sets: ``runnable(text)`` gives those that can match the text, in order,
    after looking each cue word up once."""

    def __init__(self, patterns: Iterable[tuple[Key, re.Pattern[str]]]) -> None:
        self.items = [(key, pattern, cues(pattern)) for key, pattern in patterns]
        self.words = tuple(sorted(all_words(sets for _, _, sets in self.items)))
        # the patterns a set of present words allows, listed once per set: the same few sets come back text after text
        self._by_words: dict[frozenset[str], list[tuple[Key, re.Pattern[str]]]] = {}

    def runnable(self, text: str) -> list[tuple[Key, re.Pattern[str]]]:
        if not gateable(text):
            return [(key, pattern) for key, pattern, _ in self.items]
        lower = text.lower()
        present = frozenset([word for word in self.words if word in lower])
        allowed = self._by_words.get(present)
        if allowed is None:
            if len(self._by_words) >= 4096:
                self._by_words.clear()
            allowed = self._by_words[present] = [(key, pattern) for key, pattern, sets in self.items
                                                 if not any(map(present.isdisjoint, sets))]
        return list(allowed)


def end_width(pattern: re.Pattern[str]) -> int | None:
    """The longest text a pattern can match when it can only match at the end (it ends with ``$`` or ``\\Z``, not
    MULTILINE), or None. Such a pattern, searched in ``text[:end]``, can be searched from ``end - width - 1`` on
    (``search_end``): a match starting earlier would be longer (the 1 is ``$`` before a final newline)."""
    if _parser is None or pattern.flags & re.MULTILINE:  # pragma: no cover - no parser
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover
        return None
    items = list(tree)
    if not items or items[-1] not in ((_c.AT, _c.AT_END), (_c.AT, _c.AT_END_STRING)):
        return None
    longest = tree.getwidth()[1]
    return longest if longest < 10_000 else None


def search_end(pattern: re.Pattern[str], width: int | None, text: str, end: int) -> re.Match[str] | None:
    """``pattern.search(text[:end])`` for a pattern that matches only at the end, looking at its last ``width + 1``
    characters only (``end_width``); offsets are those of ``text``, as the slice's."""
    return pattern.search(text, 0 if width is None else max(0, end - width - 1), end)


def finditer_from(pattern: re.Pattern[str], text: str, starts: re.Pattern[str], words: tuple[str, ...] = ()
                  ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts where ``starts`` matches (a character class,
    which the engine looks for with its fast scan) or where one of ``words`` begins: only those positions are tried,
    not every character (the engine enters a pattern of many branches and look-behinds at each one). The pattern must
    never match the empty string."""
    positions = [found.start() for found in starts.finditer(text)]
    for word in words:
        at = text.find(word)
        while at >= 0:
            positions.append(at)
            at = text.find(word, at + 1)
    if words:
        positions.sort()
    end = 0
    for position in positions:
        if position < end:
            continue
        match = pattern.match(text, position)
        if match is not None:
            end = match.end()
            yield match
