"""``/sparql`` over real HTTP: uvicorn on a free port, spoken to by httpx and by SPARQLWrapper."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from _rdf import isomorphic
from SPARQLWrapper import JSON, XML, SPARQLWrapper
from SPARQLWrapper import CSV as WRAPPER_CSV

from lod.formats import GRAPH_RESULT_FORMATS, NTRIPLES, SOLUTION_RESULT_FORMATS, Format
from lod.settings import Settings
from lod.store import Store, Triples
from lod.web.app import create_app

from _engines import ENGINE

from ._sparql_server import EX, KASEI, sample_store, serving

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class Endpoint:
    def __init__(self, base: str, store: Store, settings: Settings) -> None:
        self.base = base
        self.url = base + "/sparql"
        self.store = store
        self.settings = settings
        self.http = httpx.Client(base_url=base, timeout=30)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    root = tmp_path_factory.mktemp("sparql")
    settings = Settings(store_path=root / "store", query_timeout_s=20, result_limit=1000)
    settings, store = sample_store(settings, keep=True)
    with serving(create_app(settings, store)) as base:
        yield Endpoint(base, store, settings)


def held_graph(store: Store, query: str = ALL_TRIPLES) -> Graph:
    """What the store itself answers, in-process, as an rdflib graph (through N-Triples, so literals match)."""
    result = store.query(query)
    assert isinstance(result, Triples)
    return Graph().parse(data=result.serialize(NTRIPLES), format="nt")


def parse_rdf(response: httpx.Response, fmt: Format) -> Graph:
    assert fmt.rdflib_name is not None
    return Graph().parse(data=response.content, format=fmt.rdflib_name)


# --- results in every format ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", SOLUTION_RESULT_FORMATS, ids=lambda f: f.name)
def test_select_in_every_result_format(endpoint: Endpoint, fmt: Format) -> None:
    query = f"SELECT ?name WHERE {{ <{EX}alice> <http://xmlns.com/foaf/0.1/name> ?name }} ORDER BY ?name"
    response = endpoint.http.get("/sparql", params={"query": query}, headers={"Accept": fmt.media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    assert "X-Lod-Result-Capped" not in response.headers
    if fmt.name == "csv":  # lossy by design: plain values, CRLF line ends
        assert response.content.decode().split("\r\n") == ["name", "Alice", "Алиса", ""]
        return
    assert fmt.results is not None
    parsed = ox.parse_query_results(response.content, format=fmt.results)
    assert isinstance(parsed, ox.QuerySolutions)
    assert sorted(str(s["name"]) for s in parsed) == ['"Alice"@en', '"Алиса"@ru']


@pytest.mark.parametrize("fmt", SOLUTION_RESULT_FORMATS[:2], ids=lambda f: f.name)
def test_ask_as_json_and_xml(endpoint: Endpoint, fmt: Format) -> None:
    response = endpoint.http.post(
        "/sparql", content=f"ASK {{ <{EX}alice> ?p ?o }}", headers={"Content-Type": "application/sparql-query", "Accept": fmt.media_type}
    )
    assert response.status_code == 200
    assert fmt.results is not None
    assert bool(ox.parse_query_results(response.content, format=fmt.results)) is True


@pytest.mark.parametrize("fmt", GRAPH_RESULT_FORMATS, ids=lambda f: f.name)
def test_construct_parses_into_the_graph_the_store_holds(endpoint: Endpoint, fmt: Format) -> None:
    response = endpoint.http.post("/sparql", data={"query": ALL_TRIPLES}, headers={"Accept": fmt.media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    assert isomorphic(parse_rdf(response, fmt), held_graph(endpoint.store))


@pytest.mark.parametrize("fmt", GRAPH_RESULT_FORMATS, ids=lambda f: f.name)
def test_describe_parses_into_the_graph_the_store_holds(endpoint: Endpoint, fmt: Format) -> None:
    query = f"DESCRIBE <{EX}alice>"
    response = endpoint.http.get("/sparql", params={"query": query}, headers={"Accept": fmt.media_type})
    assert response.status_code == 200
    graph = parse_rdf(response, fmt)
    assert len(graph) >= 6
    assert isomorphic(graph, held_graph(endpoint.store, query))


def test_format_parameter_overrides_accept(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", params={"query": "SELECT * {}", "format": "csv"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("text/csv")
    response = endpoint.http.get("/sparql", params={"query": ALL_TRIPLES, "output": "json"})
    assert response.headers["content-type"] == "application/ld+json"


def test_results_unacceptable_format_is_406(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", params={"query": "SELECT * {}"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    response = endpoint.http.get("/sparql", params={"query": ALL_TRIPLES}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_browser_accept_with_a_query_gets_xml_results(endpoint: Endpoint) -> None:
    firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = endpoint.http.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": firefox})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


# --- the dataset ----------------------------------------------------------------------------------------------


def test_default_graph_is_the_union(endpoint: Endpoint) -> None:
    query = f"ASK {{ <{KASEI}data1.rdf> a ?t . <{EX}alice> a ?u }}"
    assert endpoint.http.get("/sparql", params={"query": query}).json()["boolean"] is True


def test_default_and_named_graph_uris_restrict_the_dataset(endpoint: Endpoint) -> None:
    query = "SELECT ?s WHERE { ?s a ?t }"
    params = {"query": query, "default-graph-uri": [f"{KASEI}data1.rdf", f"{KASEI}data2.rdf"]}
    rows = endpoint.http.get("/sparql", params=params).json()["results"]["bindings"]
    assert sorted(r["s"]["value"] for r in rows) == [f"{KASEI}data1.rdf", f"{KASEI}data2.rdf"]
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    body = {"query": query, "named-graph-uri": [f"{EX}people"]}
    rows = endpoint.http.post("/sparql", data=body).json()["results"]["bindings"]
    assert {r["g"]["value"] for r in rows} == {f"{EX}people"}


def test_invalid_graph_uri_is_400(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400


def test_new_data_is_seen_by_the_workers(endpoint: Endpoint) -> None:
    query = f"ASK {{ <{EX}carol> ?p ?o }}"
    assert endpoint.http.get("/sparql", params={"query": query}).json()["boolean"] is False
    later = URIRef(f"{EX}later")
    endpoint.store.replace_graphs({later: Graph().add((URIRef(f"{EX}carol"), URIRef(f"{EX}p"), Literal("new")))})
    for _ in range(3):  # every worker, whichever takes the query
        assert endpoint.http.get("/sparql", params={"query": query}).json()["boolean"] is True
    endpoint.store.remove_graphs([later])


# --- errors and refusals -------------------------------------------------------------------------------------


def test_syntax_error_is_400_with_message_and_position(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p\n}"})
    assert response.status_code == 400
    problem = response.json()
    assert problem["line"] == 3 and isinstance(problem["column"], int)  # where Oxigraph's parser stopped
    assert problem["detail"].startswith("error at 3:") and "expected" in problem["detail"]


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": {"update": "CLEAR ALL"}}),
        ("POST", {"data": {"update": "CLEAR ALL"}}),
        ("POST", {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("POST", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", {"params": {"query": "LOAD <http://example.org/data.ttl>"}}),
        ("GET", {"params": {"query": f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"}}),
    ],
    ids=["get-update", "form-update", "direct-update", "update-as-query", "load-as-query", "insert-as-query"],
)
def test_updates_are_refused(endpoint: Endpoint, method: str, kwargs: dict[str, object]) -> None:
    before = len(endpoint.store)
    response = endpoint.http.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert len(endpoint.store) == before


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A local TCP listener that records whatever connects to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                seen.append(conn.recv(4096) or b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", seen
    stop.set()
    thread.join()
    server.close()


def test_service_is_refused_and_nothing_is_contacted(endpoint: Endpoint, listener: tuple[str, list[bytes]]) -> None:
    url, seen = listener
    for query in (
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"ask {{ ?s ?p ?o service <{url}/sparql> {{ ?s ?p ?o }} }}",
    ):
        response = endpoint.http.get("/sparql", params={"query": query})
        assert response.status_code == 403, query
        assert "SERVICE" in response.json()["detail"]
    assert seen == []


def test_from_a_remote_iri_fetches_nothing(endpoint: Endpoint, listener: tuple[str, list[bytes]]) -> None:
    url, seen = listener
    for query in (
        f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"ASK FROM <{url}/data.ttl> {{ <{url}/data.ttl> ?p ?o }}",
    ):
        assert endpoint.http.get("/sparql", params={"query": query}).status_code == 200
    assert seen == []


def test_from_selects_a_graph_the_store_holds(endpoint: Endpoint) -> None:
    query = f"SELECT ?s FROM <{KASEI}data1.rdf> WHERE {{ ?s ?p ?o }}"
    rows = endpoint.http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert [r["s"]["value"] for r in rows] == [f"{KASEI}data1.rdf"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"content": "query=ASK%20%7B%7D"}, 415),
        ({"data": {"default-graph-uri": f"{EX}people"}}, 400),
        ({"data": {"query": ["ASK {}", "SELECT * {}"]}}, 400),
        ({"content": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415),
        ({"content": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ],
    ids=["wrong-media-type", "no-media-type", "form-without-query", "two-queries", "utf16-charset", "utf16-body"],
)
def test_bad_posts(endpoint: Endpoint, kwargs: dict[str, object], status: int) -> None:
    response = endpoint.http.post("/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text


# --- service description and editor ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", GRAPH_RESULT_FORMATS, ids=lambda f: f.name)
def test_service_description(endpoint: Endpoint, fmt: Format) -> None:
    response = endpoint.http.get("/sparql", headers={"Accept": fmt.media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    graph = parse_rdf(response, fmt)
    service = URIRef(endpoint.settings.base_uri + "sparql")
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) == len(SOLUTION_RESULT_FORMATS) + len(GRAPH_RESULT_FORMATS)
    names = set(graph.objects(None, SD.name))
    assert names == {URIRef(name) for name in endpoint.store.graph_names()}
    if ENGINE == "embedded":  # on a server, lod's graphs are those under {base}graph/ (the sample's are not)
        assert {URIRef(f"{KASEI}data1.rdf"), URIRef(f"{EX}people")} <= names


def test_service_description_for_curl_is_turtle(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", headers={"Accept": "*/*"})
    assert response.headers["content-type"].startswith("text/turtle")


def test_browser_without_query_gets_the_editor(endpoint: Endpoint) -> None:
    firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = endpoint.http.get("/sparql", headers={"Accept": firefox})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


# --- capped results ---------------------------------------------------------------------------------------


def test_capped_results_say_so(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "store", result_limit=3)
    settings, store = sample_store(settings)
    with serving(create_app(settings, store)) as base, httpx.Client(base_url=base) as http:
        response = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.headers["X-Lod-Result-Capped"] == "true"
        assert response.headers["X-Lod-Result-Limit"] == "3"
        assert len(response.json()["results"]["bindings"]) == 3
        response = http.get("/sparql", params={"query": ALL_TRIPLES}, headers={"Accept": "application/n-triples"})
        assert response.headers["X-Lod-Result-Capped"] == "true"
        assert len(Graph().parse(data=response.content, format="nt")) == 3
        response = http.get("/sparql", params={"query": ALL_TRIPLES}, headers={"Accept": "text/turtle"})  # from the triples
        assert response.headers["X-Lod-Result-Capped"] == "true"
        assert len(Graph().parse(data=response.content, format="turtle")) == 3
        three = "CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3 } }"
        for accept, name in (("application/n-triples", "nt"), ("text/turtle", "turtle")):  # as many as the cap: all
            response = http.get("/sparql", params={"query": three}, headers={"Accept": accept})
            assert "X-Lod-Result-Capped" not in response.headers and len(Graph().parse(data=response.content, format=name)) == 3
        response = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
        assert "X-Lod-Result-Capped" not in response.headers


# --- a real third-party client ----------------------------------------------------------------------------


def test_sparqlwrapper_select_ask_construct(endpoint: Endpoint) -> None:
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(f"SELECT ?name WHERE {{ <{EX}bob> <http://xmlns.com/foaf/0.1/name> ?name }}")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [r["name"]["value"] for r in rows] == ["Bob"]

    client.setQuery(f"ASK {{ <{EX}bob> ?p ?o }}")
    client.setReturnFormat(XML)
    client.setMethod("POST")
    document = client.queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]

    client = SPARQLWrapper(endpoint.url)
    client.setQuery(ALL_TRIPLES)
    graph = client.queryAndConvert()  # RDF/XML, parsed by SPARQLWrapper into an rdflib graph
    assert isinstance(graph, Graph)
    assert isomorphic(graph, held_graph(endpoint.store))


def test_sparqlwrapper_dataset_and_csv(endpoint: Endpoint) -> None:
    client = SPARQLWrapper(endpoint.url)
    client.addDefaultGraph(f"{KASEI}data3.rdf")
    client.setQuery("SELECT ?s WHERE { ?s ?p ?o }")
    client.setReturnFormat(WRAPPER_CSV)
    text = client.queryAndConvert()
    assert isinstance(text, bytes)
    assert text.decode().splitlines() == ["s", f"{KASEI}data3.rdf"]


def test_sparqlwrapper_sees_errors(endpoint: Endpoint) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(endpoint.url)
    client.setQuery("SELECT * WHERE {")
    with pytest.raises(QueryBadFormed):
        client.query()




@pytest.mark.parametrize("wrapper_format", ["turtle", "n3", "rdf+xml", "json-ld"])
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("query", [ALL_TRIPLES, f"DESCRIBE <{EX}bob>"], ids=["construct", "describe"])
def test_sparqlwrapper_graph_formats(endpoint: Endpoint, wrapper_format: str, method: str, query: str) -> None:
    """SPARQLWrapper sends ``format=turtle`` (or n3, rdf+xml, json-ld) as well as Accept (issue 10.15)."""
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(query)
    client.setMethod(method)
    client.setReturnFormat(wrapper_format)
    result = client.query()
    body = result.response.read()
    media_type = result.response.headers["Content-Type"].split(";")[0]
    fmt = next(f for f in GRAPH_RESULT_FORMATS if f.media_type == media_type)
    assert fmt.rdflib_name is not None
    assert isomorphic(Graph().parse(data=body, format=fmt.rdflib_name), held_graph(endpoint.store, query))


def test_unknown_format_word_is_ignored_when_accept_is_given(endpoint: Endpoint) -> None:
    response = endpoint.http.get("/sparql", params={"query": ALL_TRIPLES, "format": "bogus"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    without_accept = endpoint.http.build_request("GET", "/sparql", params={"query": ALL_TRIPLES, "format": "bogus"})
    del without_accept.headers["accept"]
    assert endpoint.http.send(without_accept).status_code == 400
