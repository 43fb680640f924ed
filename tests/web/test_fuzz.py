"""Fuzzing every route over real HTTP (loopback only): hostile methods, paths, headers, bodies and SPARQL.

Hypothesis draws the requests, derandomized (the same on every run) and bounded in examples; the server is
uvicorn over an on-disk store with an ingest token, so ``POST /articles`` is fuzzed past its check too. What
must hold for every request: an answer (a hang fails on the client's timeout), and never a 5xx other than the
documented 503s (a query stopped by its time or memory limit, a store held by another writer).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from lod.publish import dumps as publish
from lod.rdf.namespaces import rebase
from lod.settings import Settings
from lod.web.app import create_app

from _engines import filled
from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

SEED = Path(__file__).parents[1] / "data" / "web" / "seed.trig"
TOKEN = "fuzz-token-0123456789abcdef"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ALLOWED_503 = {"query-timeout", "query-memory", "store-unavailable"}


@dataclass
class Target:
    url: str
    settings: Settings
    http: httpx.Client
    templates: list[str]


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    root = tmp_path_factory.mktemp("fuzz")
    sock = listener()
    url = url_of(sock)
    # No pause before refusals (LOD_REFUSAL_PAUSE_S): most fuzzed queries are refused, and the pause is timing, not behaviour.
    conf = make_settings(
        root, engine="embedded", base_uri=url, ingest_token=TOKEN, query_timeout_s=5, query_memory_mb=512, http_timeout_s=5, refusal_pause_s=0
    )
    seed = rebase(SEED.read_text(encoding="utf-8"), url, conf.vocab_uri).encode()
    conf, store = filled(conf, seed, ox.RdfFormat.TRIG, keep=True)  # of the engine under test
    publish.write_dumps(store, conf)
    store.close()  # the app opens it read-only, and POST /articles writes it, as under `lod serve`
    app = create_app(conf)
    templates = sorted({path for route in app.routes if isinstance(path := getattr(route, "path", None), str)})
    with running(app, sock), httpx.Client(base_url=url, timeout=httpx.Timeout(60), follow_redirects=False) as http:
        yield Target(url, conf, http, templates)


def check(response: httpx.Response) -> None:
    """Every answer is below 500, or a documented 503 problem."""
    if response.status_code == 503:
        assert response.json()["type"].rsplit("/", 1)[-1] in ALLOWED_503, response.text
        return
    assert response.status_code < 500, (response.request.method, str(response.request.url), response.status_code, response.text[:500])


# --- strategies ------------------------------------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from(
    [
        "", ".", "..", "../../etc/passwd", "%2e%2e%2f", "%00", "\x00", "a" * 5000, "<script>", "'\"", "${jndi:x}",
        "\u202e", "🦄", "%", "%%", "%ff", "\\", "//", "?", "#", "id:x", "http://evil.example/", ";", "*", "{}", "a.ttl",
        "a.jsonld", "a.html", "a.", "sy07", "SY07", "pcode/SY07", "org/ocha", "place/pcode/SY07.ttl",
    ]
)
SEGMENT = st.one_of(HOSTILE_TEXT, st.text(max_size=40))
HEADER_VALUE = st.one_of(
    st.sampled_from(
        [
            "*/*", "text/html", "application/json", "application/ld+json;q=0", "text/turtle;q=abc", "x/y;;;", ",,,",
            "*/*;q=-1", "text/*;q=1e309", "application/sparql-results+json, text/csv;q=0.5", "", "a" * 3000,
            "Sat, 01 Jan 99999999999999999999 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT", '"x", W/"y", *', "bytes=0-0",
            "bytes=-1", "bytes=99999999999999999999-", "bytes=5-1", "gzip;q=0", "evil.example", "[::1]", "127.0.0.1:1",
        ]
    ),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200),
).map(str.strip)  # HTTP strips the ends of a header value; h11 refuses to send them
HEADER_NAME = st.sampled_from(
    ["Accept", "If-None-Match", "If-Modified-Since", "Range", "Content-Type", "Origin", "Host", "Authorization",
     "Accept-Encoding", "Cookie", "X-Forwarded-For", "X-Forwarded-Host", "Access-Control-Request-Method", "If-Range"]
)
METHOD = st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "X" * 40])
CONTENT_TYPE = st.sampled_from(
    ["application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update", "text/plain; charset=utf-8",
     "text/plain; charset=latin-1", "multipart/form-data; boundary=x", "multipart/form-data", "application/json", ""]
)
BODY = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"query=ASK%20%7B%7D", b"update=CLEAR%20ALL", b"--x\r\nContent-Disposition: form-data; name=\"article\"\r\n\r\n--x--",
                     b"Title: t\nSource URL: https://e.org/\"<>\nPublisher: p\nPublished: 2020-01-01\n\nBody.\n"]),
)
# SPARQL built from pieces an attacker would try; each piece alone is a valid or nearly valid query.
SPARQL_PIECE = st.sampled_from(
    [
        "SELECT * { ?s ?p ?o } LIMIT 3", "ASK {}", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", "DESCRIBE ?s { ?s ?p ?o } LIMIT 1",
        "SELECT * { ?s ?p ?o.SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", "SELECT * { SERVICE SILENT <http://127.0.0.1:9/> {} }",
        'SELECT * { ?s ?p "x"@en.SERVICE <http://127.0.0.1:9/> {} }', "SELECT (<http://example.org/f>(1) AS ?x) {}",
        "SELECT * FROM <http://127.0.0.1:9/x.ttl> { ?s ?p ?o }", "LOAD <http://127.0.0.1:9/x.ttl>", "CLEAR ALL",
        "SELECT * " + "{" * 300 + "}" * 300, "SELECT (" + "CONCAT(" * 300 + '"a"' + ")" * 300 + " AS ?x) {}",
        "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 10", "SELECT (STRLEN(?x) AS ?n) { BIND(\"\\uD800\" AS ?x) }",
        "SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"(a+)+$\")) } LIMIT 1", "BASE <javascript:alert(1)> SELECT * { <x> ?p ?o }",
        "PREFIX : <> SELECT * { : ?p ?o }", "SELECT (xsd:integer(\"99999999999999999999999999\") AS ?n) {}",
        "SELECT (1/0 AS ?x) {}", "SELECT * { VALUES ?x { " + "1 " * 2000 + "} }", "SELECT * { ?s ?p ?o } OFFSET 99999999999999999999",
        "SELECT * { ?s ?p ?o } LIMIT -1", "#", "\ufeffASK {}", "ASK {} \x00", "SELECT * { ?s <http://e/\u0000> ?o }",
    ]
)
SPARQL = st.one_of(SPARQL_PIECE, st.text(max_size=300), st.tuples(SPARQL_PIECE, st.text(max_size=30)).map("".join))


def fill(template: str, values: list[str]) -> str:
    """A route template with each ``{param}`` replaced by a drawn value (percent-encoded, slashes kept)."""
    parts = iter(values)
    return re.sub(r"\{[^}]+\}", lambda _: quote(next(parts, "x"), safe="/") or "x", template)


# --- the tests -------------------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzz_every_route(target: Target, data: st.DataObject) -> None:
    template = data.draw(st.sampled_from(target.templates), label="route")
    path = fill(template, data.draw(st.lists(SEGMENT, min_size=3, max_size=3), label="params"))
    method = data.draw(METHOD, label="method")
    headers = dict(data.draw(st.lists(st.tuples(HEADER_NAME, HEADER_VALUE), max_size=4), label="headers"))
    if data.draw(st.booleans(), label="authorized"):
        headers["Authorization"] = f"Bearer {TOKEN}"
    query = data.draw(st.lists(st.tuples(st.sampled_from(["query", "format", "output", "default-graph-uri", "q", "page"]), SEGMENT), max_size=3))
    content = data.draw(BODY, label="body") if method in ("POST", "PUT", "PATCH") else None
    if content is not None:
        headers["Content-Type"] = data.draw(CONTENT_TYPE, label="content type")
    try:
        response = target.http.request(method, path, params=query, headers=headers, content=content)
    except httpx.LocalProtocolError:
        reject()  # httpx refused to send it (not a request the server ever saw)
    check(response)


@FUZZ
@given(query=SPARQL, how=st.sampled_from(["get", "form", "direct"]), accept=HEADER_VALUE)
def test_fuzz_sparql_queries(target: Target, query: str, how: str, accept: str) -> None:
    headers = {"Accept": accept}
    if how == "get":
        response = target.http.get("/sparql", params={"query": query}, headers=headers)
    elif how == "form":
        response = target.http.post("/sparql", data={"query": query}, headers=headers)
    else:
        body = query.encode("utf-8", "surrogatepass")
        response = target.http.post("/sparql", content=body, headers={**headers, "Content-Type": "application/sparql-query"})
    check(response)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.binary(min_size=1, max_size=300), line=st.sampled_from([b"GET / HTTP/1.1", b"POST /sparql HTTP/1.1", b"GET /doc/%ff HTTP/1.0", b"\x16\x03\x01"]))
def test_fuzz_raw_requests(target: Target, head: bytes, line: bytes) -> None:
    """Bytes no HTTP client would send: the server answers 4xx or closes, never 5xx, never hangs."""
    host, port = target.url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(line + b"\r\n" + head + b"\r\n\r\n")
        conn.shutdown(socket.SHUT_WR)  # nothing more comes: a server waiting for more must give up, not hang
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    status = answer[9:12]
    assert not status.startswith(b"5") or b"query-" in answer or b"store-unavailable" in answer, answer[:300]
