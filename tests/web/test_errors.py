"""Errors are RFC 9457 problem details, from one table (lod.web.problems); and the headers every answer shares."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rdflib import URIRef

from lod import errors
from lod.formats import HTML, TURTLE
from lod.settings import Settings
from lod.store import QueryResult
from lod.web import problems
from lod.web.app import create_app

from ._serving import listener, running, url_of
from .conftest import Served


def test_not_found_is_a_problem(served: Served, client: httpx.Client) -> None:
    response = client.get("/doc/person/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == served.url + "problems/not-found"
    assert problem["title"] == "Not Found"
    assert problem["status"] == 404
    assert problem["instance"] == "/doc/person/nobody"
    assert problem["resource"] == served.url + "id/person/nobody"
    assert client.get(problem["type"]).status_code == 200  # the type URI explains itself


def test_unrouted_path_is_a_problem_too(client: httpx.Client) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["type"] == "about:blank"


def test_method_not_allowed_is_a_problem(client: httpx.Client) -> None:
    response = client.delete("/health")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize(
    ("error", "status", "fields"),
    [
        (errors.NotFound("x"), 404, {"resource": "x"}),
        (errors.NotAcceptable([TURTLE, HTML]), 406, {"offered": ["text/turtle", "text/html"]}),
        (errors.RdfSyntaxError(errors.Where("a.ttl", 3, 7), "bad"), 400, {"path": "a.ttl", "line": 3, "column": 7}),
        (errors.QuerySyntaxError("bad", 2, 5), 400, {"line": 2, "column": 5}),
        (errors.QueryRefused("no updates"), 403, {}),
        (errors.QueryTimeout("too slow"), 503, {}),
        (errors.StoreUnavailable("var/store", "locked"), 503, {}),
    ],
    ids=["not-found", "not-acceptable", "rdf-syntax", "query-syntax", "refused", "timeout", "store"],
)
def test_every_error_has_a_status_and_its_fields(error: errors.LodError, status: int, fields: dict[str, object]) -> None:
    assert problems.for_error(error).status == status
    assert problems.extensions(error) == fields


def test_every_error_class_is_covered() -> None:
    def subclasses(cls: type[errors.LodError]) -> set[type[errors.LodError]]:
        return {cls} | {s for c in cls.__subclasses__() for s in subclasses(c)}

    for cls in subclasses(errors.LodError):
        # Each class either has its own row or deliberately shares its parent's.
        assert any(c in problems.PROBLEMS for c in cls.__mro__), cls
    slugs = [p.slug for p in problems.PROBLEMS.values()]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("path", ["/id/place/a%20b", "/doc/place/a%3Eb", "/doc/x/a%22b.ttl", "/doc/place/a%25zz"])
def test_entity_url_that_is_no_iri_is_not_found(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"


class FailingStore:
    """A store whose every read fails as a bug would."""

    def query(self, sparql: str, **kwargs: object) -> QueryResult:
        raise RuntimeError("secret internals: /var/lib/lod/store is broken")

    def graph_names(self) -> list[URIRef]:
        raise RuntimeError("secret internals")

    def __len__(self) -> int:
        raise RuntimeError("secret internals")


def test_unexpected_error_is_a_bare_500_problem(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps")
    app = create_app(settings, FailingStore())  # type: ignore[arg-type]
    sock = listener()
    with running(app, sock):
        for path in ("/health", "/doc/place/x"):
            # uvicorn logs the traceback and closes the connection after the answer, so one connection each.
            response = httpx.get(url_of(sock) + path.lstrip("/"), timeout=10)
            assert response.status_code == 500
            assert response.headers["content-type"] == "application/problem+json"
            problem = response.json()
            assert (problem["status"], problem["title"], problem["instance"]) == (500, "Internal Server Error", path)
            assert "secret" not in response.text and "RuntimeError" not in response.text
            assert response.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in response.headers


def test_cors_exposes_the_result_cap_headers(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Origin": "https://example.org"})
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"x-lod-result-capped", "x-lod-result-limit"} <= exposed


@pytest.mark.parametrize("path", ["/sparql", "/sparql?query=ASK%20%7B%7D", "/health", "/context.jsonld"])
def test_head_answers_the_get_headers_without_a_body(client: httpx.Client, path: str) -> None:
    got, head = client.get(path, headers={"Accept": "text/turtle, */*;q=0.1"}), client.head(path, headers={"Accept": "text/turtle, */*;q=0.1"})
    assert (head.status_code, head.content) == (200, b"")
    assert int(head.headers["content-length"]) > 0
    # The service description names fresh blank nodes each time, so only its length may differ.
    same = ("content-type", "vary") if path == "/sparql" else ("content-type", "content-length", "vary")
    for name in same:
        assert head.headers.get(name) == got.headers.get(name), name
