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
from operator import itemgetter
from typing import Any, Generic, TypeVar

import ahocorasick

try:
    from re import _constants as _c, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no cues, every pattern runs
    _parser = None
try:  # the letters the engine matches ignoring case beyond those with the same lower case ("ſ" for "s")
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another Python: a letter beyond ASCII ignoring case ends a word
    _EXTRA_CASES = None

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
    if lower is None:
        return True
    for words in sets:  # loops, not all(any(...)): no generator made per set and per call (2-3 times faster)
        for word in words:
            if word in lower:
                break
        else:
            return False
    return True


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


class Words:
    """Words to look up in lowered texts, all in one reading of the text: an Aho-Corasick automaton (pyahocorasick)
    reports every word the text contains, also one inside another ("day" in "today"). A substring test per word cost
    22-30 us a sentence for the date rules' 126 words; the automaton 4-9.

        >>> sorted(Words(["day", "days", "monday", "since"]).present("since monday"))
        ['day', 'monday', 'since']
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words)))
        self._automaton = ahocorasick.Automaton()
        for word in self.words:
            self._automaton.add_word(word, word)
        if self.words:
            self._automaton.make_automaton()

    def present(self, lower: str) -> frozenset[str]:
        if not self.words:
            return frozenset()  # an automaton without words cannot be read
        return frozenset(map(_WORD, self._automaton.iter(lower)))


_WORD = itemgetter(1)  # the word of an automaton's (end, word) hit


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
        self._words = Words(self.words)
        # the patterns a set of present words allows, listed once per set: the same few sets come back text after text
        self._by_words: dict[frozenset[str], list[tuple[Key, re.Pattern[str]]]] = {}

    def runnable(self, text: str) -> list[tuple[Key, re.Pattern[str]]]:
        if not gateable(text):
            return [(key, pattern) for key, pattern, _ in self.items]
        present = self._words.present(text.lower())
        allowed = self._by_words.get(present)
        if allowed is None:
            if len(self._by_words) >= 4096:
                self._by_words.clear()
            allowed = self._by_words[present] = [(key, pattern) for key, pattern, sets in self.items
                                                 if not any(map(present.isdisjoint, sets))]
        return list(allowed)


class Gated:
    """A pattern searched only in a text that has one word of each of its cue sets: ``search`` gives what
    ``pattern.search`` gives, after a few substring tests on the lowered text instead of the engine's try at every
    character."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.cues = cues(pattern)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.pattern.search(text, pos) if possible(self.cues, lowered(text)) else None


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
    positions = list(_class_positions(starts, text))  # found once per text for every pattern searched from them
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


# Where a pattern's matches can start --------------------------------------------------------------------------------
# An atom is one character of a match: a character of the lowered text (``("x", False)``: the pattern ignores case
# there), a character of the text as written (``("X", True)``), or a class of digits or of capitals as written
# (``(r"[\d]", None)``, ``("[A-Z]", None)``).
Atom = tuple[str, bool | None]
_DIGITS = {_c.CATEGORY_DIGIT: r"\d"} if _parser else {}
_MOST_PATHS = 200  # beginnings listed for one pattern at most: more, and each is shortened
_BOUNDARY: Atom = ("\\b", None)


class _TooMany(Exception):
    pass


def _char(code: int, ignore_case: bool) -> Atom | None:
    """A literal's atom, or None when lowering the text could hide a match of it."""
    char = chr(code)
    if not ignore_case:
        return char, True
    low = char.lower()
    if not char.isascii() and (_EXTRA_CASES is None or len(low) != 1 or ord(low) in _EXTRA_CASES):
        return None  # a case fold the engine knows and ``str.lower`` does not (ASCII's: ``gateable``)
    return low, False


def _class(items: list[tuple[Any, Any]], ignore_case: bool) -> list[Atom] | None:
    """A class's atoms: a few characters, one class of digits, or one class of capitals (as written); None for any
    other class."""
    if len(items) <= 6 and all(op is _c.LITERAL for op, _ in items):
        chars = [_char(av, ignore_case) for _, av in items]
        return None if None in chars else sorted({char for char in chars if char is not None})
    capitals = None if ignore_case else _capitals(items)
    if capitals is not None:
        return [(capitals, None)]
    digits = []
    for op, av in items:
        if op is _c.CATEGORY and av in _DIGITS:
            digits.append(_DIGITS[av])
        elif op is _c.RANGE and "0" <= chr(av[0]) <= chr(av[1]) <= "9":
            digits.append(chr(av[0]) + "-" + chr(av[1]))
        else:
            return None  # letters (most characters of a text), spaces, a negated class
    return [("[" + "".join(digits) + "]", None)]


def _capitals(items: list[tuple[Any, Any]]) -> str | None:
    """A class of characters and ranges none of which is a lower-case letter, a space or a digit (``[A-Z]``, a
    name's first letter ``[A-Z\u00C0-\u00DE]``), written as a class, or None. Matched as written: a few
    characters in a hundred of a text."""
    parts = []
    for op, av in items:
        if op is not _c.LITERAL and op is not _c.RANGE:
            return None  # a category (\w, \d), a negation
        low, high = (av, av) if op is _c.LITERAL else av
        if high - low > 512:
            return None
        if any(chr(code).islower() or chr(code).isspace() or chr(code).isdigit() for code in range(low, high + 1)):
            return None
        parts.append(re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else ""))
    return "[" + "".join(parts) + "]" if parts else None


def _beginnings(items: list[tuple[Any, Any, bool]], room: int, first: bool = True) -> set[tuple[Atom, ...]]:
    """The ways a match of a parsed sequence (each item with whether it ignores case) begins: tuples of at most
    ``room`` atoms, ``_BOUNDARY`` first when a word boundary comes before the first character. A tuple ends where
    no more can be told (it may end sooner than the match); an empty one means the match may begin anywhere."""
    if room == 0 or not items:
        return {()}
    (op, av, ignore_case), rest = items[0], items[1:]
    if op is _c.AT and av is _c.AT_BOUNDARY and first:
        return {(_BOUNDARY, *tail) for tail in _beginnings(rest, room, True)}
    if op is _c.ASSERT and av[0] == 1 and len(av[1]) == 1 and av[1][0][0] in (_c.LITERAL, _c.IN):
        # a look-ahead of one character or class ("(?=[A-Z])" before a name): when what follows cannot tell how the
        # match begins, it begins with that character
        lead_op, lead_av = av[1][0]
        char = _char(lead_av, ignore_case) if lead_op is _c.LITERAL else None
        atoms = [char] if char is not None else _class(lead_av, ignore_case) if lead_op is _c.IN else None
        if atoms is not None:
            try:
                following = _beginnings(rest, room, first)
            except _TooMany:
                following = {()}
            return following if () not in following else {(atom,) for atom in atoms}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _beginnings(rest, room, first)  # no width: what follows begins the match
    if op is _c.LITERAL or op is _c.IN:
        char = _char(av, ignore_case) if op is _c.LITERAL else None
        atoms = [char] if char is not None else _class(av, ignore_case) if op is _c.IN else None
        if atoms is None:
            return {()}
        tails = _beginnings(rest, room - 1, False)
        found = {(atom, *tail) for atom in atoms for tail in tails}
    elif op is _c.SUBPATTERN:
        inner = (ignore_case or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
        return _beginnings(_tagged(av[3], inner) + rest, room, first)
    elif op is _c.ATOMIC_GROUP:
        return _beginnings(_tagged(av, ignore_case) + rest, room, first)
    elif op is _c.BRANCH:
        found = set()
        for branch in av[1]:
            found |= _beginnings(_tagged(branch, ignore_case) + rest, room, first)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return _beginnings(rest, room, first)
        # once through the repeated part, then stop (or go on after it when it comes exactly once)
        found = _beginnings(_tagged(sub, ignore_case) + (rest if low == high == 1 else []), room, first)
        if low == 0:
            found |= _beginnings(rest, room, first)
    else:
        return {()}  # any character, a back-reference, a negated literal: the match may begin with anything
    if len(found) > _MOST_PATHS:
        raise _TooMany
    return found


def _tagged(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> list[tuple[Any, Any, bool]]:
    return [(op, av, ignore_case) for op, av in items]


def _word(path: tuple[Atom, ...]) -> tuple[str, bool | None]:
    """The characters a beginning starts with, all ignoring case or all not; or its class of digits or capitals."""
    if path[0][1] is None:
        return path[0][0], None
    word = ""
    for char, exact in path:
        if exact is not path[0][1]:
            break
        word += char
    return word, path[0][1]


def _selective(word: str, exact: bool | None) -> bool:
    """Whether a word is rare enough to look for: not one lower-case letter (most words have one), not a space."""
    return exact is None or len(word) > 1 or not (word.isalpha() or word.isspace()) or exact and word.isupper()


class Starts:
    """A pattern searched only where its matches can start: where the text has one of the words a match must begin
    with ("since", "between", a month's first letters; lowered where the pattern ignores case), or a digit or a
    capital where it may begin with one (a name's first letter, also from a look-ahead such as ``(?=[A-Z])``: the
    positions of a class are found once per text for all the patterns that begin with it). Python's engine enters a pattern that opens with ``\\b``, a look-behind or a
    case-insensitive alternation at every character (40-200 ns each); ``str.find`` skips to those words at a
    fraction of a nanosecond a character, and the pattern is then matched at each one.

    ``finditer(text, lowered(text))`` gives what ``pattern.finditer(text)`` gives. The beginnings are read from the
    pattern's parse tree (``re._parser``); when they cannot be told (a match may begin with a letter of any kind),
    when one is a single lower-case letter, or when the text is not gated (``lowered``), the pattern is searched as
    usual.

        >>> starts, text = Starts(re.compile(r"\\bsince\\s+\\w+", re.I)), "Since May, since then"
        >>> starts.words, [m.group(0) for m in starts.finditer(text, lowered(text))]
        (('since',), ['Since May', 'since then'])
    """

    def __init__(self, pattern: re.Pattern[str], room: int = 6) -> None:
        self.pattern = pattern
        self.words: tuple[str, ...] | None = None  # looked for in the lowered text
        self.exact: tuple[str, ...] = ()  # looked for as written
        self.classes: re.Pattern[str] | None = None  # digits or capitals, found by the engine's fast scan
        self._finders: tuple[Any, Any] = (None, None)  # ``_starts_automaton`` of ``words`` and ``exact``
        if _parser is None or pattern.flags & (re.VERBOSE | re.LOCALE | re.ASCII):
            return  # pragma: no cover - another Python, or flags whose \b and \w the lowered text may not keep
        tree = _tagged(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
        for shorter in range(room, 0, -1):
            try:
                paths = _beginnings(tree, shorter)
                break
            except _TooMany:
                continue
        else:
            return
        words: dict[bool | None, set[str]] = {False: set(), True: set(), None: set()}
        for path in paths:
            bound = path[:1] == (_BOUNDARY,)
            path = path[1:] if bound else path
            if not path:
                return  # a match may begin anywhere
            word, exact = _word(path)
            if not _selective(word, exact):
                return
            words[exact].add(word + ("(?<=\\b" + word + ")" if bound and exact is None else ""))
        self.words = _shortest(words[False])
        self.exact = _shortest(words[True])
        # many words: found in one reading of a long text by an automaton rather than by a ``str.find`` loop per word
        many = [_starts_automaton(found) if len(found) >= _MANY_WORDS else None for found in (self.words, self.exact)]
        self._finders = (many[0], many[1])
        self.classes = re.compile("|".join(sorted(words[None]))) if words[None] else None

    def finditer(self, text: str, lower: str | None) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(text)``; ``lower`` is ``lowered(text)``."""
        if self.words is None or lower is None or len(lower) != len(text):
            return self.pattern.finditer(text)
        return self._at(text, lower, self.words)

    def search(self, text: str) -> re.Match[str] | None:
        """``self.pattern.search(text)``: the first match, from the first position where one can start."""
        return next(self.finditer(text, lowered(text)), None)

    def _at(self, text: str, lower: str, words: tuple[str, ...]) -> Iterator[re.Match[str]]:
        positions = list(_class_positions(self.classes, text)) if self.classes is not None else []
        for where, found, automaton in ((lower, words, self._finders[0]), (text, self.exact, self._finders[1])):
            if automaton is not None and len(where) >= _LONG_TEXT:  # each hit: (its last character, its length - 1)
                positions += [last - back for last, back in automaton.iter(where)]
                continue
            find = where.find
            for word in found:
                at = find(word)
                while at >= 0:
                    positions.append(at)
                    at = find(word, at + 1)
        positions.sort()
        match_at = self.pattern.match
        end = 0
        for position in positions:
            if position < end:
                continue
            match = match_at(text, position)
            if match is not None:
                end = match.end()
                yield match


# Many start words in a long text (the 49 of the organization aliases in a body) are found in one reading of it by an
# automaton: a body of 3 kB, 93 -> 46 us. In a sentence, or for a few words, ``str.find`` word by word is as fast
# (the date rules' starts in a sentence: 51.6 and 52.4 us either way)
_MANY_WORDS = 6
_LONG_TEXT = 500


def _starts_automaton(words: tuple[str, ...]) -> Any:
    """An Aho-Corasick automaton (pyahocorasick) that reports each of ``words`` where it ends, with its length - 1.
    The words begin with none of the others (``_shortest``), so no position is reported twice."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word) - 1)
    automaton.make_automaton()
    return automaton


# the positions of a class (the capitals of a name) in the last text searched for it: the body's entity patterns
# begin with the same class, and each would scan the body for it again
_CLASS_POSITIONS: dict[str, tuple[str, tuple[int, ...]]] = {}


def _class_positions(classes: re.Pattern[str], text: str) -> tuple[int, ...]:
    kept = _CLASS_POSITIONS.get(classes.pattern)
    if kept is not None and kept[0] is text:
        return kept[1]
    positions = tuple(found.start() for found in classes.finditer(text))
    if len(_CLASS_POSITIONS) >= 64:
        _CLASS_POSITIONS.clear()
    _CLASS_POSITIONS[classes.pattern] = (text, positions)
    return positions


def _shortest(words: Iterable[str]) -> tuple[str, ...]:
    """The words without those that begin with another (found with it)."""
    kept: list[str] = []
    for word in sorted(words, key=len):
        if not any(word.startswith(shorter) for shorter in kept):
            kept.append(word)
    return tuple(sorted(kept))
