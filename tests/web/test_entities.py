"""Dereferencing: /id/ -> 303 -> /doc/, content negotiation, validators, HEAD, CORS, and what a document holds."""

from __future__ import annotations

import httpx
import pytest
from rdflib import BNode, Graph, URIRef
from _rdf import isomorphic
from rdflib.namespace import RDF, SKOS

from lod.rdf.namespaces import SCHEMA

from .conftest import Served

ARTICLE = "https://schema.org/NewsArticle"
OBSERVATION = "https://schema.org/Observation"
PERSON = "https://schema.org/Person"
PLACE = "https://schema.org/AdministrativeArea"
STATEMENT = "https://schema.org/Claim"
KINDS = [ARTICLE, OBSERVATION, PERSON, PLACE, STATEMENT]

RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def parse(response: httpx.Response) -> Graph:
    media_type = response.headers["content-type"].split(";")[0]
    return Graph().parse(data=response.content, format=RDF_TYPES[media_type], publicID=str(response.url))


@pytest.mark.parametrize("kind", KINDS)
def test_id_answers_303_to_the_document(served: Served, client: httpx.Client, kind: str) -> None:
    entity = served.entity(kind)
    response = client.get(served.path_of(entity), headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == served.url + "doc/" + entity[len(served.url + "id/") :]
    assert "Accept" in response.headers["vary"]
    document = client.get(response.headers["location"], headers={"Accept": "text/turtle"})
    assert document.status_code == 200
    assert (URIRef(entity), None, None) in parse(document)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),  # no header: Turtle for machines
        ("*/*", "text/turtle"),
        (BROWSER, "text/html"),  # browsers rank text/html above */*
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/*;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("text/*", "text/turtle"),  # a wildcard subtype picks the first offered text/ format
        ("text/html;q=0.1, text/turtle;q=0.2", "text/turtle"),
        ("*/*;q=0.1, application/n-triples", "application/n-triples"),
    ],
    ids=["none", "any", "browser", "jsonld", "ntriples", "rdfxml", "q-values", "text-wildcard", "low-q", "specific-beats-any"],
)
def test_document_negotiates(served: Served, client: httpx.Client, accept: str | None, expected: str) -> None:
    path = served.path_of(served.entity(PERSON)).replace("/id/", "/doc/", 1)
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.headers["vary"].startswith("Accept")
    extension = {"text/turtle": "ttl", "text/html": "html", "application/ld+json": "jsonld",
                 "application/n-triples": "nt", "application/rdf+xml": "rdf"}[expected]
    assert response.headers["content-location"] == f"{served.url}{path[1:]}.{extension}"


@pytest.mark.parametrize(("extension", "media_type"), [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
    ("nt", "application/n-triples"), ("rdf", "application/rdf+xml"), ("html", "text/html")])
def test_suffix_urls_ignore_accept(served: Served, client: httpx.Client, extension: str, media_type: str) -> None:
    path = served.path_of(served.entity(PLACE)).replace("/id/", "/doc/", 1)
    response = client.get(f"{path}.{extension}", headers={"Accept": "application/rdf+xml;q=0.1"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "vary" not in response.headers or "Accept" not in response.headers["vary"]


def test_link_header_lists_the_other_formats(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(PERSON)).replace("/id/", "/doc/", 1)
    response = client.get(path, headers={"Accept": "text/turtle"})
    links = response.headers["link"]
    for extension, media_type in [("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
                                  ("rdf", "application/rdf+xml"), ("html", "text/html")]:
        assert f'<{served.url}{path[1:]}.{extension}>; rel="alternate"; type="{media_type}"' in links
    assert "text/turtle" not in links  # the representation served is not its own alternate


@pytest.mark.parametrize("kind", KINDS)
def test_every_format_parses_to_the_same_graph(served: Served, client: httpx.Client, kind: str) -> None:
    path = served.path_of(served.entity(kind)).replace("/id/", "/doc/", 1)
    graphs = [parse(client.get(path, headers={"Accept": media_type})) for media_type in RDF_TYPES]
    assert len(graphs[0]) > 0
    for graph in graphs[1:]:
        assert isomorphic(graphs[0], graph)


@pytest.mark.parametrize("kind", KINDS)
def test_document_holds_what_the_store_holds(served: Served, client: httpx.Client, kind: str) -> None:
    entity = URIRef(served.entity(kind))
    document = parse(client.get(served.path_of(entity).replace("/id/", "/doc/", 1), headers={"Accept": "text/turtle"}))
    store = served.union()
    # The entity's own triples and its blank-node closure, exactly (rdflib's Concise Bounded Description).
    assert isomorphic(document.cbd(entity), store.cbd(entity))
    # Nothing invented: every triple without blank nodes is in the store.
    for triple in document:
        if not any(isinstance(term, BNode) for term in triple):
            assert triple in store, triple
    # Labels and types of everything it links to, so no second request is needed to show them.
    for linked in set(store.objects(entity, None)) | set(store.subjects(None, entity)):
        if isinstance(linked, URIRef):
            for predicate in (RDF.type, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline):
                assert set(store.objects(linked, predicate)) <= set(document.objects(linked, predicate)), (linked, predicate)


def test_statement_document_carries_its_source_sentence(served: Served, client: httpx.Client) -> None:
    entity = URIRef(served.entity(STATEMENT))
    document = parse(client.get(served.path_of(entity).replace("/id/", "/doc/", 1), headers={"Accept": "text/turtle"}))
    sentences = list(document.query(
        "SELECT ?exact WHERE { ?e prov:wasDerivedFrom/oa:hasSelector/oa:exact ?exact }",
        initNs={"prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#"}, initBindings={"e": entity},
    ))
    assert sentences


def test_etag_round_trip_gives_304(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(OBSERVATION)).replace("/id/", "/doc/", 1)
    first = client.get(path, headers={"Accept": "text/turtle"})
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    again = client.get(path, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    # Each representation has its own tag: the Turtle tag does not validate the JSON-LD.
    other = client.get(path, headers={"Accept": "application/ld+json", "If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["etag"] != etag
    assert client.get(path, headers={"Accept": "text/turtle", "If-None-Match": f'"nope", {etag}'}).status_code == 304
    assert client.get(path, headers={"Accept": "text/turtle", "If-None-Match": "*"}).status_code == 304


def test_if_modified_since(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(OBSERVATION)).replace("/id/", "/doc/", 1)
    last_modified = client.get(path).headers["last-modified"]
    assert client.get(path, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "not a date"}).status_code == 200
    # If-None-Match wins over If-Modified-Since.
    assert client.get(path, headers={"If-Modified-Since": last_modified, "If-None-Match": '"other"'}).status_code == 200


def test_head_has_the_headers_of_get_and_no_body(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(ARTICLE)).replace("/id/", "/doc/", 1)
    got = client.get(path, headers={"Accept": "application/ld+json"})
    head = client.head(path, headers={"Accept": "application/ld+json"})
    assert head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "last-modified", "content-location", "link"):
        assert head.headers[name] == got.headers[name], name
    assert client.head(served.path_of(served.entity(ARTICLE))).status_code == 303


def test_cors_preflight_and_exposed_headers(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(ARTICLE)).replace("/id/", "/doc/", 1)
    preflight = client.options(path, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept, if-none-match",
    })
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]
    simple = client.get(path, headers={"Origin": "https://example.org", "Accept": "application/ld+json"})
    assert simple.headers["access-control-allow-origin"] == "*"
    exposed = simple.headers["access-control-expose-headers"].lower()
    for name in ("etag", "link", "content-location", "last-modified"):
        assert name in exposed


def test_unknown_entity_is_404_on_both_urls(client: httpx.Client) -> None:
    for path in ("/id/person/no-such-person", "/doc/person/no-such-person", "/doc/person/no-such-person.ttl"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"


def test_unsupported_accept_is_406_listing_what_is_offered(served: Served, client: httpx.Client) -> None:
    path = served.path_of(served.entity(PERSON)).replace("/id/", "/doc/", 1)
    response = client.get(path, headers={"Accept": "image/png"})
    assert response.status_code == 406
    problem = response.json()
    assert problem["status"] == 406
    assert problem["offered"] == ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml", "text/html"]


def test_html_document_links_labels_and_embeds_json_ld(served: Served, client: httpx.Client) -> None:
    entity = served.entity(OBSERVATION)
    page = client.get(served.path_of(entity).replace("/id/", "/doc/", 1), headers={"Accept": BROWSER}).text
    assert '<script type="application/ld+json">' in page
    assert "<mark>" in page  # the source sentence, highlighted
    assert "Emergency Response Coordinators Team in Northern Syria" in page  # a label, not a URI
    assert f'href="{served.url}doc/place/' in page  # links go straight to documents
