"""The SPARQL lexer: keywords and brackets are found outside strings, IRIs, comments, variables, language tags
and prefixed names, as a table of texts and what each holds."""

from __future__ import annotations

import pytest

from lod.store.querytext import _tokens, keywords, nesting

CASES = [
    ('SELECT * { ?s ?p "x" }', ["SELECT", "{", "}"]),
    ("SELECT ?from FROM <http://example.org/g> { ?s ex:service 'SERVICE' } # LOAD", ["SELECT", "FROM", "{", "}"]),
    ('ASK { ?s ?p """a long "string"\nover { two lines""" }', ["ASK", "{", "}"]),
    ("ASK { ?s ?p '''it's\n(long)''' }", ["ASK", "{", "}"]),
    ('ASK { ?s ?p "an \\"escaped\\" quote ( " }', ["ASK", "{", "}"]),
    ('ASK { ?s ?p "unclosed\n} FILTER(', ["ASK", "{", "}", "FILTER", "("]),  # a short string ends at the line
    ("SELECT * { ?s ?p ?o.SERVICE <http://x/> {} }", ["SELECT", "{", "SERVICE", "{", "}", "}"]),
    ("SELECT * { ?s ex:a.b.c ?o . :local.name ?p ex:x }", ["SELECT", "{", "}"]),  # prefixed names, dots inside
    ('SELECT * { ?s ?p "x"@en-GB.SERVICE <http://x/> {} }', ["SELECT", "{", "SERVICE", "{", "}", "}"]),
    ("SELECT $v { [] a ?c } # SERVICE {", ["SELECT", "{", "[", "]", "a", "}"]),
    ("SELECT * { ?a ?b ?c FILTER(?a < ?b) }", ["SELECT", "{", "FILTER", "(", ")", "}"]),  # '<' not an IRI
    ("SELECT * { ?s ?p 12 . ?s ?q 3.5e2 }", ["SELECT", "{", "e2", "}"]),  # a number's exponent reads as a word
    ("SÉLECT ?é { }", ["SÉLECT", "{", "}"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_tokens(text: str, expected: list[str]) -> None:
    assert list(_tokens(text)) == expected


def test_keywords_and_nesting_read_the_tokens() -> None:
    text = 'select * { { ?s ?p "((((" } FILTER(((1))) }'
    assert keywords(text) == {"SELECT", "FILTER"} and nesting(text) == 4


def test_check_nesting_refuses_deep_brackets_and_only_those() -> None:
    from lod.errors import QueryError
    from lod.store.querytext import MAX_NESTING, check_nesting

    deep = "SELECT * { " + "{ " * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1) + " }"
    with pytest.raises(QueryError, match="levels deep"):
        check_nesting(deep)
    check_nesting("SELECT * { " + "{ } " * (MAX_NESTING * 2) + "}")  # many brackets, side by side: lexed, passed
    check_nesting('SELECT * { ?s ?p "' + "(" * (MAX_NESTING * 3) + '" }')  # brackets inside a string
    check_nesting("ASK { " + "{ " * (MAX_NESTING - 1) + "}" * (MAX_NESTING - 1) + " }")  # as deep as allowed
