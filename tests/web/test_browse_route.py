"""Browse lists: each list answers, sorts and pages; the home page's counts link to them."""

from __future__ import annotations

import re

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, URIRef

from lod.store import changes
from lod.web import browse as lists
from lod.web.app import create_app
from lod.web.browse import LISTS
from lod.web.routes import browse as browse_routes

from _engines import filled
from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of
from .conftest import Served

FIGURES = 250  # three pages of figures


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_answers_in_each_order(client: httpx.Client, name: str) -> None:
    for sort in LISTS[name].sorts:
        natural = client.get(f"/browse/{name}", params={"sort": sort})
        assert natural.status_code == 200, (name, sort)
        assert f"<strong>{sort}</strong>" in natural.text
        first = "descending" if LISTS[name].sorts[sort][0][1] else "ascending"
        other = "ascending" if first == "descending" else "descending"
        assert f"<strong>{sort}</strong> ({first}: " in natural.text
        reverse = client.get(f"/browse/{name}", params={"sort": sort, "order": {"ascending": "asc", "descending": "desc"}[other]})
        assert reverse.status_code == 200 and f"<strong>{sort}</strong> ({other}: " in reverse.text, (name, sort)


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


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server over a store of 250 figures, 10 of each number."""
    sock = listener()
    url = url_of(sock)
    settings = make_settings(Path(tmp_path_factory.mktemp("browse-route")), keep=True, base_uri=url)
    settings, store = filled(settings, _figures_nquads(url, settings.vocab_uri), ox.RdfFormat.N_QUADS, keep=True)
    with running(create_app(settings, store), sock), httpx.Client(base_url=url, timeout=30) as http:
        yield http


def _figures_nquads(url: str, vocab: str) -> bytes:
    """FIGURES observations, 10 of each number, spread over 7 article graphs, as N-Quads."""
    dis = vocab + "displacement#"
    lines = []
    for n in range(FIGURES):
        o, g = f"<{url}id/observation/{n:03}>", f"<{url}graph/article/{n % 7}>"
        lines.append(f"{o} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{dis}DisplacementObservation> {g} .")
        lines.append(f'{o} <{dis}reportedFigure> "{n // 10}"^^<http://www.w3.org/2001/XMLSchema#integer> {g} .')
    return ("\n".join(lines) + "\n").encode()


def _figures(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="num"><a href="[^"]+">([\d,]+)</a>', page)]


def test_pages_first_and_last_in_both_directions(many: httpx.Client) -> None:
    first = many.get("/browse/observations", params={"sort": "figure"}).text
    assert "250 in all" in first and "page 1 of 3" in first
    assert _figures(first) == [24 - n // 10 for n in range(100)]  # largest first
    assert 'rel="last" href="?sort=figure&amp;order=desc&amp;page=3"' in first and 'rel="prev"' not in first
    last = many.get("/browse/observations", params={"sort": "figure", "page": 3}).text
    assert _figures(last) == [4 - n // 10 for n in range(50)] and "page 3 of 3" in last
    assert 'rel="first" href="?sort=figure&amp;order=desc&amp;page=1"' in last and 'rel="next"' not in last
    smallest = many.get("/browse/observations", params={"sort": "figure", "order": "asc"}).text
    assert _figures(smallest) == [n // 10 for n in range(100)]
    assert 'rel="next" href="?sort=figure&amp;order=asc&amp;page=2"' in smallest
    past = many.get("/browse/observations", params={"sort": "figure", "page": 4})
    assert past.status_code == 200 and "Nothing to list on this page" in past.text


def test_after_a_write_the_next_page_is_updated_from_what_it_touched_not_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write of one graph as ``lod ingest`` or ``POST /articles`` in any worker makes it (the graph replaced,
    then a line of what it touched): the next page has the new figure in its place and the old ones gone, from an
    index updated, not taken again from the whole store."""
    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path, base_uri=url)
    changes.begin_again(settings.dumps_dir)  # as a build leaves it
    dis = settings.vocab_uri + "displacement#"
    settings, store = filled(settings, _figures_nquads(url, settings.vocab_uri), ox.RdfFormat.N_QUADS)
    built: list[str] = []
    whole = lists.index
    monkeypatch.setattr(browse_routes.lists, "index", lambda *a: built.append(a[2].slug) or whole(*a))

    def write(figure: int) -> None:
        name, o = URIRef(f"{url}graph/article/3"), URIRef(f"{url}id/observation/new")
        graph = Graph()
        graph.add((o, RDF.type, URIRef(dis + "DisplacementObservation")))
        graph.add((o, URIRef(dis + "reportedFigure"), Literal(figure)))
        touched = changes.touched(store, name, graph)
        store.replace_graphs({name: graph})
        changes.record(settings.dumps_dir, touched)

    with running(create_app(settings, store), sock), httpx.Client(base_url=url, timeout=30) as http:
        assert _figures(http.get("/browse/observations", params={"sort": "figure"}).text)[:2] == [24, 24]
        write(99)  # graph 3 held 36 figures (n % 7 == 3); now it holds one, the largest
        page = http.get("/browse/observations", params={"sort": "figure"}).text
        assert "215 in all" in page and _figures(page)[:3] == [99, 24, 24]
        write(98)  # replaced again: 99 gone
        page = http.get("/browse/observations", params={"sort": "figure"}).text
        assert "215 in all" in page and _figures(page)[:3] == [98, 24, 24]
        last = http.get("/browse/observations", params={"sort": "figure", "order": "asc"}).text
        assert _figures(last)[:10] == [0] * 9 + [1] and 98 not in _figures(last)  # n = 3 was in graph 3
    assert built == ["observations"]  # taken once from the whole store, then updated twice
    store.close()
