"""Errors are RFC 9457 problem details, from one table (lod.web.problems)."""

from __future__ import annotations

import httpx
import pytest

from lod import errors
from lod.formats import HTML, TURTLE
from lod.web import problems

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
