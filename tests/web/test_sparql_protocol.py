"""The W3C SPARQL 1.1 Protocol tests for queries, re-expressed as our own (w3c/rdf-tests, sparql/sparql11/protocol).

Each case keeps the manifest's id and its request; the data are the manifest's three graphs
(``http://kasei.us/2009/09/sparql/data/dataN.rdf``), which our test store holds under those names.
Paths are ``/sparql`` rather than ``/sparql/``.

Which apply to a read-only endpoint, and why the rest are turned around:

* All 14 ``query_*`` cases and all 6 ``bad_query_*`` cases apply and pass as written, except
  ``query_multiple_dataset``: its manifest URL percent-encodes the ``&`` between its two ``named-graph-uri``
  parameters (``...data1.rdf%26named-graph-uri%3D...``), making one parameter whose value is not an IRI. We
  send the two parameters it means; with the protocol's dataset the query's ``FROM`` is ignored, as the test says.
* The 7 ``bad_update_*`` cases expect 4xx; they pass because every update is refused (403).
* The 8 ``update_*`` cases (``update_dataset_*``, ``update_post_form``, ``update_post_direct``, ``update_base_uri``)
  expect an update to succeed. They do not apply to a read-only endpoint; we send their update requests and
  assert the refusal (403) instead, and that the store did not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from lod.settings import Settings
from lod.store import Store
from lod.web.app import create_app

from ._sparql_server import KASEI, sample_store, serving

D0, D1, D2, D3 = (quote(f"{KASEI}data{n}.rdf", safe="") for n in range(4))
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SPARQL_UPDATE = {"Content-Type": "application/sparql-update"}
ASK_BOTH = f"ASK {{ <{KASEI}data1.rdf> a ?type . <{KASEI}data2.rdf> a ?type . }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
ASK_FULL = (
    f"ASK {{\n  <{KASEI}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }}\n"
    f"  GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }}\n}}"
)
ASK_MULTIPLE = (
    f"ASK FROM <{KASEI}data3.rdf> {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    body: bytes | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200  # 200: "2xx or 3xx" with the result below; 4xx cases name what we answer
    boolean: bool | None = None  # expectedBoolean
    kind: str | None = None  # expectedFormat: boolean, tabular, RDF


QUERY_CASES = {
    "query_post_form": Case("POST", f"/sparql?default-graph-uri={D0}", "query=ASK%20%7B%7D", FORM, boolean=True),
    "query_dataset_default_graphs_get": Case(
        "GET", f"/sparql?query={quote(ASK_BOTH)}&default-graph-uri={D1}&default-graph-uri={D2}", boolean=True
    ),
    "query_dataset_default_graphs_post": Case(
        "POST", f"/sparql?default-graph-uri={D1}&default-graph-uri={D2}", ASK_BOTH, SPARQL_QUERY, boolean=True
    ),
    "query_dataset_named_graphs_post": Case(
        "POST", f"/sparql?named-graph-uri={D1}&named-graph-uri={D2}", ASK_NAMED, SPARQL_QUERY, boolean=True
    ),
    "query_dataset_named_graphs_get": Case(
        "GET", f"/sparql?query={quote(ASK_NAMED)}&named-graph-uri={D1}&named-graph-uri={D2}", boolean=True
    ),
    "query_dataset_full": Case(
        "POST", f"/sparql?default-graph-uri={D3}&named-graph-uri={D1}&named-graph-uri={D2}", ASK_FULL, SPARQL_QUERY, boolean=True
    ),
    # The manifest encodes the "&" between the two parameters; we send the two parameters it means.
    "query_multiple_dataset": Case(
        "POST", f"/sparql?named-graph-uri={D1}&named-graph-uri={D2}", ASK_MULTIPLE, SPARQL_QUERY, boolean=True
    ),
    "query_get": Case("GET", f"/sparql?query=ASK%20%7B%7D&default-graph-uri={D0}", boolean=True),
    "query_content_type_select": Case("POST", f"/sparql?default-graph-uri={D0}", "SELECT (1 AS ?value) {}", SPARQL_QUERY, kind="tabular"),
    "query_content_type_ask": Case("POST", f"/sparql?default-graph-uri={D0}", "ASK {}", SPARQL_QUERY, kind="boolean"),
    "query_content_type_describe": Case(
        "POST", f"/sparql?default-graph-uri={D0}", "DESCRIBE <http://example.org/>", SPARQL_QUERY, kind="RDF"
    ),
    "query_content_type_construct": Case(
        "POST", f"/sparql?default-graph-uri={D0}", "CONSTRUCT { <s> <p> 1 } WHERE {}", SPARQL_QUERY, kind="RDF"
    ),
    "query_post_direct": Case("POST", "/sparql", "ASK {}", SPARQL_QUERY, boolean=True),
    "bad_query_method": Case("PUT", f"/sparql?query=ASK%20%7B%7D&default-graph-uri={D0}", b"", FORM, status=405),
    "bad_multiple_queries": Case("GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", status=400),
    "bad_query_wrong_media_type": Case("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"}, status=415),
    "bad_query_missing_form_type": Case("POST", "/sparql", "query=ASK%20%7B%7D", status=415),
    "bad_query_missing_direct_type": Case("POST", "/sparql", "ASK {}", status=415),
    "bad_query_non_utf8": Case(
        "POST", "/sparql", "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"}, status=415
    ),
    "bad_query_syntax": Case("GET", "/sparql?query=ASK%20%7B", status=400),
    # Every update is refused, so the bad ones are too.
    "bad_update_get": Case("GET", "/sparql?update=CLEAR%20ALL", status=403),
    "bad_multiple_updates": Case("POST", "/sparql", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM, status=403),
    "bad_update_wrong_media_type": Case("POST", "/sparql", "CLEAR NAMED", {"Content-Type": "text/plain"}, status=415),
    "bad_update_missing_form_type": Case("POST", "/sparql", "update=CLEAR%20NAMED", status=415),
    "bad_update_non_utf8": Case(
        "POST", "/sparql", "CLEAR NAMED".encode("utf-16"), {"Content-Type": "application/sparql-update; charset=UTF-16"}, status=403
    ),
    "bad_update_syntax": Case("POST", "/sparql", "update=CLEAR%20XYZ", FORM, status=403),
    "bad_update_dataset_conflict": Case(
        "POST",
        "/sparql?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
        "WITH <http://example/addresses> DELETE { ?person <http://xmlns.com/foaf/0.1/givenName> 'Bill' } "
        "INSERT { ?person <http://xmlns.com/foaf/0.1/givenName> 'William' } WHERE { ?person <http://xmlns.com/foaf/0.1/givenName> 'Bill' }",
        SPARQL_UPDATE,
        status=403,
    ),
}

# The update cases, which expect success, turned around: a read-only endpoint refuses them.
UPDATE_CASES = {
    "update_dataset_default_graph": Case(
        "POST", f"/sparql?using-graph-uri={D1}", f"CLEAR ALL ; INSERT DATA {{ GRAPH <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> a <http://xmlns.com/foaf/0.1/Document> }} }}", SPARQL_UPDATE, status=403
    ),
    "update_dataset_default_graphs": Case("POST", f"/sparql?using-graph-uri={D1}&using-graph-uri={D2}", "DROP ALL", SPARQL_UPDATE, status=403),
    "update_dataset_named_graphs": Case("POST", f"/sparql?using-named-graph-uri={D1}&using-named-graph-uri={D2}", "DROP ALL", SPARQL_UPDATE, status=403),
    "update_dataset_full": Case("POST", f"/sparql?using-graph-uri={D1}&using-named-graph-uri={D2}", "DROP ALL", SPARQL_UPDATE, status=403),
    "update_post_form": Case("POST", "/sparql", "update=CLEAR+ALL", FORM, status=403),
    "update_post_direct": Case("POST", "/sparql", "CLEAR ALL", SPARQL_UPDATE, status=403),
    "update_base_uri": Case(
        "POST",
        "/sparql",
        "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
        "{ <http://example.org/s> <http://example.org/p> <test> } }",
        SPARQL_UPDATE,
        status=403,
    ),
}

TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
BOOLEAN = ("application/sparql-results+json", "application/sparql-results+xml")
RDF = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Store]]:
    settings = Settings(store_path=tmp_path_factory.mktemp("protocol") / "store")
    settings, store = sample_store(settings, keep=True)
    with serving(create_app(settings, store)) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http, store


def send(http: httpx.Client, case: Case) -> httpx.Response:
    content = case.body.encode() if isinstance(case.body, str) else case.body
    return http.request(case.method, case.path, content=content, headers=case.headers)


@pytest.mark.parametrize("case", QUERY_CASES.values(), ids=QUERY_CASES.keys())
def test_w3c_protocol_query_case(endpoint: tuple[httpx.Client, Store], case: Case) -> None:
    http, store = endpoint
    before = len(store)
    response = send(http, case)
    assert response.status_code == case.status, response.text
    assert len(store) == before
    if case.status != 200:
        return
    media_type = response.headers["content-type"].split(";")[0]
    if case.kind is not None:
        assert media_type in {"boolean": BOOLEAN, "tabular": TABULAR, "RDF": RDF}[case.kind]
    if case.boolean is not None:
        assert media_type in BOOLEAN
        parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert bool(parsed) is case.boolean


@pytest.mark.parametrize("case", UPDATE_CASES.values(), ids=UPDATE_CASES.keys())
def test_w3c_protocol_update_case_is_refused(endpoint: tuple[httpx.Client, Store], case: Case) -> None:
    http, store = endpoint
    before = len(store)
    response = send(http, case)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert len(store) == before
