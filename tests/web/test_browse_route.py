"""Browse lists: each list answers, sorts and pages; the home page's counts link to them."""

from __future__ import annotations

import re

import httpx
import pytest

from lod.web.browse import LISTS

from .conftest import Served


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_answers_in_each_order(client: httpx.Client, name: str) -> None:
    for sort in LISTS[name].sorts:
        page = client.get(f"/browse/{name}", params={"sort": sort})
        assert page.status_code == 200, (name, sort)
        assert f"<strong>{sort}</strong>" in page.text


def test_lists_show_things_by_name_with_links(client: httpx.Client, served: Served) -> None:
    observations = client.get("/browse/observations", params={"sort": "figure"}).text
    assert "2,147" in observations and "households" in observations
    assert f'href="{served.url}doc/observation/' in observations
    places = client.get("/browse/places", params={"sort": "name"}).text
    assert re.search(rf'href="{served.url}doc/place/pcode/SY07">Idleb<', places)
    assert client.get("/browse/organizations").text.count(f'href="{served.url}doc/org/') >= 2


def test_home_counts_link_to_lists_that_answer(client: httpx.Client) -> None:
    home = client.get("/").text
    cards = home[home.index('<ul class="counts">') : home.index("</ul>", home.index('<ul class="counts">'))]
    links = re.findall(r'href="([^"]+)"', cards)
    counted = [int(n.replace(",", "")) for n in re.findall(r"<strong>([\d,]+)</strong>", cards)]
    assert len(counted) == 8 and len(links) == sum(1 for n in counted if n)  # a count of nothing links nowhere
    for link in links:
        assert client.get(link).status_code == 200, link


def test_unknown_lists_and_bad_pages(client: httpx.Client) -> None:
    assert client.get("/browse/planets").status_code == 404
    assert client.get("/browse/places", params={"page": 0}).status_code == 422
    assert client.get("/browse/places", params={"page": 50}).status_code == 200  # past the end: an empty page
