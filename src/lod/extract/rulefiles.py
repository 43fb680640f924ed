"""Rule files: the named regular expressions of a rule family, read from ``lod/rules/<family>.yaml``.

A file has ``fragments`` (pieces of patterns, by upper-case name), ``rules`` (an ordered list of named patterns,
each with the words it ``needs``) and ``patterns`` (single patterns the code uses by name). A pattern is written
with its whitespace ignored (so a long one wraps over lines); ``{NAME}`` includes a fragment, and ``{NAME:x}`` one
whose named groups are written ``(?P<{p}...>``, with ``x`` for ``{p}`` (the same piece used twice in a pattern).
The code may give fragments of its own, assembled from the word lists of ``lexicon.yaml`` (``load(family,
PEOPLE=...)``); those are included as given. Patterns are case-insensitive unless ``case_sensitive: true``;
``at_start: true`` says the code matches the pattern where a text begins (``re.match``) rather than searching it.
Every rule and pattern carries ``examples`` it must match and ``counter`` examples it must not;
``tests/extract/test_rule_files.py`` runs them.

    >>> expand("{A:x}-{B}", {"A": "(?P<{p}n>\\\\d+)", "B": "b{1,2}"})
    '(?P<xn>\\\\d+)-b{1,2}'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES = Path(__file__).resolve().parents[1] / "rules"
_PLACE = re.compile(r"\{([A-Z][A-Z_]*)(?::(\w+))?\}")  # "{MON}", "{DAYMON:s}"; never a quantifier ("{1,2}")


def expand(template: str, fragments: dict[str, str]) -> str:
    """A pattern's text with its whitespace dropped and its fragments included.

    Raises:
        KeyError: the template names a fragment the file lacks.
    """
    return _included("".join(template.split()), fragments)


def _included(text: str, fragments: dict[str, str]) -> str:
    def include(found: re.Match[str]) -> str:
        piece = fragments[found.group(1)]
        return _included(piece.replace("{p}", found.group(2)) if found.group(2) is not None else piece, fragments)

    return _PLACE.sub(include, text)


@dataclass(frozen=True)
class Rule:
    """A named pattern of a rule file, compiled, with the words one of which a text needs for it to run."""

    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] | None
    at_start: bool
    examples: tuple[str, ...]
    counter: tuple[str, ...]


def _rule(name: str, entry: dict[str, Any], fragments: dict[str, str]) -> Rule:
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    needs = entry.get("needs")
    return Rule(name, re.compile(expand(str(entry["pattern"]), fragments), flags),
                tuple(str(word) for word in needs) if needs is not None else None, bool(entry.get("at_start")),
                tuple(str(text) for text in entry.get("examples") or ()),
                tuple(str(text) for text in entry.get("counter") or ()))


@dataclass(frozen=True)
class RuleFile:
    """A rule file read: its fragments (expanded), ordered rules, named patterns and other lists (``data``)."""

    fragments: dict[str, str]
    rules: tuple[Rule, ...]
    patterns: dict[str, Rule]
    data: dict[str, Any]

    def fragment(self, name: str) -> str:
        return expand("{" + name + "}", self.fragments)

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name].pattern


@cache
def load(family: str, **given: str) -> RuleFile:
    """``lod/rules/<family>.yaml`` read (once per process) and compiled, with the fragments the code ``given``.

    Raises:
        KeyError: a pattern names a fragment neither the file nor the code gives.
    """
    path = RULES / f"{family}.yaml"
    # libyaml's parser where PyYAML has it, as lod.extract.lexicon
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"),
                                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fragments = {**given, **{str(name): "".join(str(text).split()) for name, text in (data.get("fragments") or {}).items()}}
    rules = tuple(_rule(str(entry["name"]), entry, fragments) for entry in data.get("rules") or ())
    patterns = {str(name): _rule(str(name), entry, fragments) for name, entry in (data.get("patterns") or {}).items()}
    return RuleFile(fragments, rules, patterns, data)


FAMILIES = tuple(sorted(path.stem for path in RULES.glob("*.yaml") if path.stem not in ("lexicon", "incidents", "months")))
