"""/search over the served store: HTML results that link to the thing's page, JSON for machines."""

from __future__ import annotations

import httpx

from .conftest import Served


def test_search_page_links_results_to_their_pages(client: httpx.Client, served: Served) -> None:
    page = client.get("/search", params={"q": "Idleb"}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    first = page.text.index('<ol class="results">')
    assert f'href="{served.url}doc/place/pcode/SY07"' in page.text[first : first + 300]
    assert client.get(f"{served.url}doc/place/pcode/SY07", headers={"Accept": "text/html"}).status_code == 200


def test_search_in_arabic_and_as_json(client: httpx.Client, served: Served) -> None:
    answer = client.get("/search", params={"q": "معرة النعمان"}, headers={"Accept": "application/json"})
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert results and results[0]["uri"] == served.url + "id/place/geonames/169389"
    assert results[0]["matched"] == "معرة النعمان"


def test_every_page_has_the_search_box_and_bad_parameters_are_400s(client: httpx.Client) -> None:
    assert 'role="search"' in client.get("/", headers={"Accept": "text/html"}).text
    assert client.get("/search", params={"q": "x", "kind": "planet"}).status_code == 422
    assert client.get("/search", params={"q": "x" * 500}).status_code == 422
    empty = client.get("/search", headers={"Accept": "application/json"})
    assert empty.status_code == 200 and empty.json()["results"] == []
