"""The Accept-header table: one row per case, the expected format name or None for 406."""

from __future__ import annotations

import pytest

from lod.errors import NotAcceptable
from lod.formats import (
    DOCUMENT_FORMATS,
    GRAPH_RESULT_FORMATS,
    HTML,
    JSONLD,
    NTRIPLES,
    SOLUTION_RESULT_FORMATS,
    TURTLE,
    Format,
)
from lod.negotiation import MediaRange, negotiate, parse_accept

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JAVA = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"
SPARQLWRAPPER_SELECT = "application/sparql-results+json,application/json,text/javascript,application/javascript"
SPARQLWRAPPER_CONSTRUCT = "application/rdf+xml"

DOC = DOCUMENT_FORMATS  # ttl, jsonld, nt, rdf, html
SOL = SOLUTION_RESULT_FORMATS  # srj, srx, csv, tsv
GRAPH = GRAPH_RESULT_FORMATS  # ttl, nt, jsonld, rdf

CASES: list[tuple[str, str | None, tuple[Format, ...], str | None]] = [
    # id, Accept, offered, expected format name (None: 406)
    ("missing-header", None, DOC, "ttl"),
    ("empty-header", "", DOC, "ttl"),
    ("blank-header", "   ", SOL, "srj"),
    ("exact-turtle", "text/turtle", DOC, "ttl"),
    ("exact-jsonld", "application/ld+json", DOC, "jsonld"),
    ("exact-html", "text/html", DOC, "html"),
    ("case-insensitive", "Application/LD+JSON", DOC, "jsonld"),
    # Parameters other than q do not matter.
    ("charset-param-ignored", "text/turtle; charset=utf-8", DOC, "ttl"),
    ("profile-param-ignored", 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', DOC, "jsonld"),
    ("q-after-other-param", "text/turtle;charset=utf-8;q=0.2, application/n-triples;q=0.3", DOC, "nt"),
    # Higher q wins regardless of order in the header.
    ("q-values-order", "text/turtle;q=0.5, application/ld+json;q=0.9", DOC, "jsonld"),
    ("q-short-form", "application/n-triples;q=.9, application/rdf+xml;q=.95", DOC, "rdf"),
    # Equal q: the more specific range, then the first offered format.
    ("tie-first-offered", "application/ld+json, text/turtle", DOC, "ttl"),
    ("tie-specific-beats-wildcard", "*/*, application/rdf+xml", DOC, "rdf"),
    # Wildcards.
    ("star-star", "*/*", DOC, "ttl"),
    ("star-star-solutions", "*/*", SOL, "srj"),
    ("bare-star", "*", GRAPH, "ttl"),
    ("type-wildcard-text", "text/*", GRAPH, "ttl"),
    # Wildcards match main media types only: application/* does not reach Turtle via application/x-turtle.
    ("type-wildcard-application", "application/*", GRAPH, "nt"),
    ("type-wildcard-text-not-via-alias", "text/*", (NTRIPLES, TURTLE), "ttl"),
    ("type-wildcard-text-solutions", "text/*", SOL, "csv"),
    # q=0 excludes, even when a wildcard would otherwise take it (specificity decides the q).
    ("q0-excludes-with-wildcard", "text/turtle;q=0, */*", DOC, "jsonld"),
    ("q0-only", "text/turtle;q=0", DOC, None),
    ("q0-wildcard-all", "*/*;q=0", DOC, None),
    ("type-wildcard-q0-specific-wins", "text/*;q=0, text/csv", SOL, "csv"),
    ("type-wildcard-q0-excludes", "application/sparql-results+json;q=0, application/*", SOL, "srx"),
    # Aliases from formats.py.
    ("alias-json-for-solutions", "application/json", SOL, "srj"),
    ("alias-xml-for-solutions", "application/xml", SOL, "srx"),
    ("alias-xml-for-graphs", "application/xml", GRAPH, "rdf"),
    ("alias-text-plain-ntriples", "text/plain", GRAPH, "nt"),
    ("alias-x-turtle", "application/x-turtle", GRAPH, "ttl"),
    # Unknown types and unmatched requests: 406.
    ("unknown-type", "application/x-unknown", DOC, None),
    ("image-only", "image/png, image/*", SOL, None),
    ("html-not-offered", "text/html", SOL, None),
    ("turtle-for-solutions", "text/turtle", SOL, None),
    ("csv-for-graphs", "text/csv", GRAPH, None),
    # Unknown type preferred, but a known one acceptable at lower q.
    ("unknown-then-known", "application/x-unknown, text/turtle;q=0.1", GRAPH, "ttl"),
    # Malformed pieces are skipped, the rest is used; nothing usable means "anything".
    ("malformed-q-skipped", "text/turtle;q=high, application/n-triples;q=0.5", GRAPH, "nt"),
    ("q-out-of-range-skipped", "text/turtle;q=2, application/ld+json;q=0.5", GRAPH, "jsonld"),
    ("garbage-only", "garbage", DOC, "ttl"),
    ("subtype-wildcard-without-type", "*/turtle", DOC, "ttl"),
    ("empty-elements", ",, text/html ,", DOC, "html"),
    # Browser defaults: HTML when offered, otherwise their */* fallback takes our first format.
    ("firefox-html", FIREFOX, DOC, "html"),
    ("chrome-html", CHROME, DOC, "html"),
    ("safari-html", SAFARI, DOC, "html"),
    ("firefox-solutions-xml", FIREFOX, SOL, "srx"),  # application/xml;q=0.9 beats */*;q=0.8
    ("firefox-graph-rdfxml", FIREFOX, GRAPH, "rdf"),
    ("java-default", JAVA, DOC, "html"),
    ("java-default-no-html", JAVA, GRAPH, "ttl"),
    # Real SPARQL clients.
    ("sparqlwrapper-select", SPARQLWRAPPER_SELECT, SOL, "srj"),
    ("sparqlwrapper-construct", SPARQLWRAPPER_CONSTRUCT, GRAPH, "rdf"),
    ("curl-default", "*/*", GRAPH, "ttl"),
    ("jena-select", "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1", SOL, "srj"),
    ("jena-construct", "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.1", GRAPH, "ttl"),
    ("html-offered-but-q-lower", "text/html;q=0.1, text/turtle", (HTML, TURTLE, JSONLD, NTRIPLES), "ttl"),
]


@pytest.mark.parametrize(("accept", "offered", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_negotiate_table(accept: str | None, offered: tuple[Format, ...], expected: str | None) -> None:
    if expected is None:
        with pytest.raises(NotAcceptable) as info:
            negotiate(accept, offered)
        assert info.value.offered == list(offered)
    else:
        assert negotiate(accept, offered).name == expected


def test_negotiate_needs_offers() -> None:
    with pytest.raises(ValueError):
        negotiate("text/turtle", [])


def test_parse_accept_keeps_order_and_q() -> None:
    assert parse_accept("text/html;level=1, */*;q=0.1, x") == [
        MediaRange("text", "html", 1.0),
        MediaRange("*", "*", 0.1),
    ]
