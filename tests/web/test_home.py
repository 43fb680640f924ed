"""The home page, health and the JSON-LD context."""

from __future__ import annotations

import httpx

from lod.publish import dumps as publish

from .conftest import Served


def test_home_page_counts_and_links(served: Served, client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert "<strong>1</strong> <span>articles</span>" in page
    assert "<strong>2</strong> <span>statements</span>" in page
    assert "Households that fled" in page  # an example query
    assert 'href="' + served.url + 'dumps/lod.ttl.gz"' in page
    assert "Coalition&#39;s SG" in page  # the latest article, by its headline
    assert 'rel="describedby"' in response.headers["link"]


def test_health(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_jsonld_context_is_served_where_dumps_name_it(served: Served, client: httpx.Client) -> None:
    response = client.get(publish.context_url(served.url))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    assert response.json() == publish.load_context(served.url, served.settings.vocab_uri)


def test_openapi_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/doc/{kind}/{key}" in paths and "/dumps/" in paths
