"""What a SPARQL text holds, seen before it runs: its keywords (a small lexer), how deeply it nests, and whether
its parsed algebra calls a remote ``SERVICE``.

Oxigraph's parser is recursive: a query nested a few thousand levels deep overflows its stack and kills the
process (:data:`MAX_NESTING` is checked first, by the lexer, which does not recurse). ``SERVICE`` is found in
the query's algebra as rdflib parses it, not in its text; only a text rdflib cannot parse (nor Oxigraph, then,
in practice) falls back to the lexer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator

from lod.errors import QueryError

__all__ = ["MAX_NESTING", "calls_service", "check_nesting", "keywords", "nesting"]

MAX_NESTING = 100  # brackets, braces and parentheses inside each other; Oxigraph's stack ends near 1,000

_WORD = r"[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\-\u00B7\u00C0-\uFFFF]*"
# A prefixed name's local part may hold dots (not at its end); a variable or a language tag never does.
_NAME_TAIL = r"(?:[A-Za-z0-9_\-.:%\u00B7\u00C0-\uFFFF]|\\[_~.\-!$&'()*+,;=/?#@%])*(?<!\.)"
# One pass of the regex engine over the text: what it skips (comments, strings, IRIs, variables, language tags,
# prefixed names) comes first, then the tokens kept (group "kept"): brackets and words; any other character is
# passed over. The text walked character by character in Python took twice as long (0.19 ms an entity's query).
_LEXER = re.compile(
    r"#[^\n]*"
    r"|(\"\"\"|''')(?s:(?:\\.|(?!\1).)*?)\1"  # a long string may hold line breaks, a short one may not
    r"|(\"|')(?:\\.|(?!\2)[^\\\n\r])*\2?"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]*"
    r"|@[A-Za-z]+(?:-[A-Za-z0-9]+)*"
    r"|:" + _NAME_TAIL + r"|" + _WORD + ":" + _NAME_TAIL
    + r"|(?P<kept>[{}()\[\]]|" + _WORD + ")"
)
_SERVICE = re.compile("service", re.IGNORECASE)
# An IRI in brackets with no space, quote, brace or '#' in it: the letters "service" inside one cannot be the
# keyword (a SERVICE clause hidden between a '<' and a '>' would need a space, a brace or a '#' comment in there).
_PLAIN_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20#]*>')


def _tokens(query: str) -> Iterator[str]:
    """The keywords (as written) and the brackets of a SPARQL text; strings, IRIs, comments, variables,
    language tags and prefixed names are skipped."""
    return (kept for kept in (match["kept"] for match in _LEXER.finditer(query)) if kept is not None)


@lru_cache(maxsize=256)  # one query is asked about several times on its way (refusals, form, dataset)
def keywords(query: str) -> frozenset[str]:
    """The keywords of a SPARQL text, upper-cased: words outside strings, IRIs, comments, variables and
    prefixed names.

    >>> sorted(keywords('SELECT ?from FROM <http://example.org/g> { ?s ex:service "SERVICE" } # LOAD'))
    ['FROM', 'SELECT']
    >>> sorted(keywords('SELECT * { ?s ?p ?o.SERVICE <http://x/> {} }'))  # a variable ends before a dot
    ['SELECT', 'SERVICE']
    """
    return frozenset(token.upper() for token in _token_list(query) if token not in "{}()[]")


@lru_cache(maxsize=64)  # the route asks for the nesting and the keywords of the same text
def _token_list(query: str) -> tuple[str, ...]:
    return tuple(_tokens(query))


def nesting(query: str) -> int:
    """How deeply the brackets, braces and parentheses of a query nest (outside strings, IRIs and comments).

    >>> nesting('SELECT * { ?s ?p ?o FILTER(STRLEN("(((") > 1) }'), nesting("ASK {}")
    (3, 1)
    """
    depth = deepest = 0
    for token in _token_list(query):
        if token in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "})]":
            depth = max(0, depth - 1)
    return deepest


def check_nesting(query: str) -> None:
    """Refuse a query nested deeper than :data:`MAX_NESTING`, before any (recursive) parser sees it.

    Raises:
        QueryError: the query nests too deeply.
    """
    if sum(map(query.count, "{([")) <= MAX_NESTING:  # too few brackets to nest too deep: no need to lex
        return
    if (depth := nesting(query)) > MAX_NESTING:
        raise QueryError(f"the query nests brackets {depth} levels deep, more than the {MAX_NESTING} allowed")


def calls_service(query: str) -> bool:
    """Whether the query's algebra holds a ``SERVICE`` pattern (rdflib parses it; nothing is run).

    A text without the letters ``service`` in any case cannot (Oxigraph reads no escapes in keywords), and
    one where the lexer sees the keyword is taken at its word; only a text with the letters where the lexer
    sees no keyword is parsed (the lexer is a fast path to refusal, never to acceptance). A text rdflib
    cannot parse falls back to :func:`keywords`.

    >>> calls_service('SELECT * { ?s ?p "x"@en.SERVICE <http://example.org/sparql> { ?a ?b ?c } }')
    True
    >>> calls_service('SELECT ?service { ?service <http://example.org/SERVICE> "SERVICE" } # SERVICE')
    False
    >>> calls_service('SELECT * { <http://example.org/id/org/information-service> ?p ?o }')
    False
    >>> calls_service('SELECT * { ?a ?b ?c FILTER(?a<?b) SERVICE?v#>\\n{ ?x ?y ?z } }')
    True
    """
    if _SERVICE.search(query) is None or _SERVICE.search(_PLAIN_IRI.sub(" ", query)) is None:
        return False  # no letters "service", or only inside IRIs (an entity page about a service: no parse)
    if "SERVICE" in keywords(query):  # the lexer sees the keyword: refused without the cost of a parse
        return True
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(query)
    except (ParseBaseException, RecursionError, ValueError, TypeError, AttributeError, KeyError):
        return "SERVICE" in keywords(query)
    return _has_service(parsed)


def _has_service(node: object) -> bool:
    """Whether a parse tree of rdflib's holds a ``ServiceGraphPattern`` (walked without recursion)."""
    from pyparsing import ParseResults

    pending = [node]
    while pending:
        item = pending.pop()
        if getattr(item, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            pending.extend(item)
    return False
