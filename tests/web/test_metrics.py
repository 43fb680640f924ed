"""``GET /metrics`` over real HTTP: requests by route template, SPARQL queries by form and outcome, one registry per app.

The session's server answers other tests too, so counts are compared before and after this test's requests.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.parser import text_string_to_metric_families

from lod import __version__
from lod.pipeline.build import build
from lod.settings import Settings
from lod.store import OxigraphStore, changes
from lod.web.app import create_app
from _engines import reader
from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of
from ._sparql_server import sample_store, serving
from .conftest import Served

PERSON = "https://schema.org/Person"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(http: httpx.Client) -> Samples:
    """Every sample ``/metrics`` answers, by name and labels."""
    response = http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPE_LATEST
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value; a series not yet created counts as 0."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests(samples: Samples, method: str, route: str, status: int) -> float:
    return value(samples, "lod_http_requests_total", method=method, route=route, status=str(status))


def queries(samples: Samples, form: str, outcome: str) -> float:
    return value(samples, "lod_sparql_queries_total", form=form, outcome=outcome)


def test_metrics_count_requests_by_route_template(served: Served, client: httpx.Client) -> None:
    thing = served.path_of(served.entity(PERSON))
    before = scrape(client)
    assert client.get(thing, headers={"Accept": "text/turtle"}).status_code == 303
    assert client.get("/doc/person/no-such-person").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    after = scrape(client)

    assert requests(after, "GET", "/id/{kind}/{key:path}", 303) - requests(before, "GET", "/id/{kind}/{key:path}", 303) == 1
    assert requests(after, "GET", "/doc/{kind}/{key:path}", 404) - requests(before, "GET", "/doc/{kind}/{key:path}", 404) == 1
    assert requests(after, "GET", "(unmatched)", 404) - requests(before, "GET", "(unmatched)", 404) == 1
    assert requests(after, "GET", "/metrics", 200) - requests(before, "GET", "/metrics", 200) == 1  # the first scrape
    routes = {dict(labels).get("route") for _, labels in after}
    assert not routes & {thing, "/doc/person/no-such-person", "/no/such/page"}  # raw paths never become labels
    duration = ("lod_http_request_duration_seconds_count", frozenset({("route", "/id/{kind}/{key:path}")}))
    assert after[duration] - before.get(duration, 0.0) == 1


# Methods HTTP knows and lod does not serve: each reaches the app and must not become a label of its own.
UNSERVED = ["PURGE", "PROPFIND", "PROPPATCH", "MKCOL", "LOCK", "UNLOCK", "COPY", "MOVE", "SEARCH", "REPORT",
            "CHECKOUT", "MERGE", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "LINK", "UNLINK", "SOURCE", "MKACTIVITY", "BIND"]


def test_metrics_label_unknown_methods_as_other(client: httpx.Client) -> None:
    """Any method string became a label: 20,000 random methods grew /metrics without bound (issue 10.7)."""
    before = scrape(client)
    for method in UNSERVED:
        assert client.request(method, "/sparql").status_code == 405, method
    for i in range(5):  # not a method at all: the HTTP parser refuses it before the app sees it
        assert client.request(f"X{i}RANDOM", "/sparql").status_code == 400
    after = scrape(client)
    methods = {dict(labels).get("method") for _, labels in after}
    assert not methods & set(UNSERVED)
    assert not {m for m in methods if m and "RANDOM" in m}
    other = sum(v for (name, labels), v in after.items() if name == "lod_http_requests_total" and ("method", "other") in labels)
    was = sum(v for (name, labels), v in before.items() if name == "lod_http_requests_total" and ("method", "other") in labels)
    assert other - was == len(UNSERVED)


def test_metrics_count_sparql_queries_by_form_and_outcome(client: httpx.Client) -> None:
    before = scrape(client)
    assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}).status_code == 200
    assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
    assert client.get("/sparql", params={"query": "ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}).status_code == 403
    after = scrape(client)

    assert queries(after, "select", "ok") - queries(before, "select", "ok") == 1
    assert queries(after, "select", "syntax_error") - queries(before, "select", "syntax_error") == 1
    assert queries(after, "ask", "refused") - queries(before, "ask", "refused") == 1
    durations = value(after, "lod_sparql_query_duration_seconds_count") - value(before, "lod_sparql_query_duration_seconds_count")
    assert durations == 3
    assert requests(after, "GET", "/sparql", 400) - requests(before, "GET", "/sparql", 400) == 1


def test_metrics_report_the_store_and_the_version(served: Served, client: httpx.Client) -> None:
    samples = scrape(client)
    assert value(samples, "lod_store_quads") == len(served.store) > 0
    assert value(samples, "lod_build_info", version=__version__) == 1


def test_metrics_count_the_quads_of_a_read_only_store(built_settings: Settings, served_build: str) -> None:
    with httpx.Client(base_url=served_build, timeout=10) as http:
        first, second = scrape(http), scrape(http)
    quads = len(reader(built_settings))
    assert value(first, "lod_store_quads") == value(second, "lod_store_quads") == quads > 0


def test_metrics_count_a_timeout(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps", query_timeout_s=0.5)
    graph = ox.NamedNode("http://example.org/generated")
    extra = [
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode(f"http://example.org/p{i % 7}"), ox.Literal(i), graph)
        for i in range(3000)
    ]
    # 3,000 triples cubed, counted as they stream: far longer than half a second, in flat memory (a sort of
    # the cube met the workers' memory cap before the clock on a slower machine, and counted as "memory").
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
    settings, store = sample_store(settings, extra)
    with serving(create_app(settings, store)) as base, httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200  # a worker is ready
        assert http.get("/sparql", params={"query": runaway}).status_code == 503
        samples = scrape(http)
    assert queries(samples, "select", "timeout") == 1
    assert queries(samples, "ask", "ok") == 1


def test_metrics_are_per_application(tmp_path: Path) -> None:
    def app_settings(name: str) -> Settings:
        return Settings(store_path=tmp_path / name / "store", dumps_dir=tmp_path / name / "dumps")

    first, second = create_app(app_settings("first"), OxigraphStore()), create_app(app_settings("second"), OxigraphStore())
    with serving(first) as one, serving(second) as two, httpx.Client(base_url=one) as a, httpx.Client(base_url=two) as b:
        for _ in range(3):
            assert a.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        assert b.get("/health").status_code == 200
        ours, theirs = scrape(a), scrape(b)
    assert requests(ours, "GET", "/sparql", 200) == 3 and queries(ours, "ask", "ok") == 3
    assert requests(ours, "GET", "/health", 200) == 0
    assert requests(theirs, "GET", "/sparql", 200) == 0 and queries(theirs, "ask", "ok") == 0
    assert requests(theirs, "GET", "/health", 200) == 1


TOKEN = "test-token-metrics-writes-0123456789"


def _count(settings: Settings) -> int:
    store = reader(settings)
    try:
        return len(store)
    finally:
        store.close()


def _posted(http: httpx.Client, figure: int) -> None:
    text = ("Title: Families flee Saraqeb\nSource URL: https://example.org/x/metrics\nPublisher: OCHA\n"
            f"Published: 2020-01-28\n\nMore than {figure} families fled Saraqeb on Monday, OCHA said.\n")
    response = http.post("/articles", content=text.encode(), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code in (200, 201), response.text


def test_metrics_count_the_quads_after_writes_from_the_writes_own(tmp_path: Path) -> None:
    """After each write the count is the store's, read from the file of changes: the build's count, then each
    write's own difference (a new article, the same one replaced, then the seed's own source posted again)."""
    settings = make_settings(tmp_path, ingest_token=TOKEN)
    build(settings)
    sock = listener()
    local = settings.store_url is None  # a remote store's writers hold no common lock: its count is the store's
    if local:
        assert changes.total(settings.dumps_dir) == _count(settings) > 0
    with running(create_app(settings), sock), httpx.Client(base_url=url_of(sock), timeout=300) as http:
        assert value(scrape(http), "lod_store_quads") == _count(settings)
        for figure in (500, 700, 700):  # new, replaced with a figure changed, posted again unchanged
            _posted(http, figure)
            quads = _count(settings)
            if local:
                assert changes.total(settings.dumps_dir) == quads  # the write's line says it
            assert value(scrape(http), "lod_store_quads") == quads
