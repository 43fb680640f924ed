"""A small SPARQL lexer: enough to see which keywords a query uses without parsing it."""

from __future__ import annotations

import re

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\-\u00B7\u00C0-\uFFFF]*")
_NAME_TAIL = re.compile(r"(?:[A-Za-z0-9_\-.:%\u00B7\u00C0-\uFFFF]|\\[_~.\-!$&'()*+,;=/?#@%])*")
_LONG_STRING = re.compile(r"""(\"\"\"|''')(?:\\.|(?!\1).)*?\1""", re.DOTALL)
_SHORT_STRING = re.compile(r"""("|')(?:\\.|(?!\1)[^\\\n\r])*\1?""")


def keywords(query: str) -> set[str]:
    """The keywords of a SPARQL text, upper-cased: words outside strings, IRIs, comments, variables and
    prefixed names.

    >>> sorted(keywords('SELECT ?from FROM <http://example.org/g> { ?s ex:service "SERVICE" } # LOAD'))
    ['FROM', 'SELECT']
    """
    found: set[str] = set()
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif char in "\"'":
            match = _LONG_STRING.match(query, i) or _SHORT_STRING.match(query, i)
            i = match.end() if match else i + 1
        elif char == "<":
            match = _IRIREF.match(query, i)
            i = match.end() if match else i + 1
        elif char in "?$@:":  # a variable, a language tag, or a name with the empty prefix
            match = _NAME_TAIL.match(query, i + 1)
            i = match.end() if match else i + 1
        else:
            match = _WORD.match(query, i)
            if match is None:
                i += 1
                continue
            i = match.end()
            if i < n and query[i] == ":":  # a prefixed name: skip its local part
                tail = _NAME_TAIL.match(query, i + 1)
                i = tail.end() if tail else i + 1
            else:
                found.add(match[0].upper())
    return found
