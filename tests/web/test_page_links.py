"""Every link in the pages people read, on the build of many articles, leads somewhere: the home page, the
browse lists, listings, search results and one page of each kind of thing (the busiest place, an article, an
organization, a person, a figure): every ``href``, ``src`` and map source they hold answers below 400."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import httpx

from lod.settings import Settings
from _engines import reader

HREF = re.compile(r'(?:href|src|data-geojson)="([^"#]+)"')


def one_of(settings: Settings, where: str) -> str:
    rows = reader(settings).query(f"SELECT ?s WHERE {{ {where} }} ORDER BY ?s LIMIT 1").values()  # type: ignore[union-attr]
    assert rows, where
    return rows[0]["s"]


def test_the_links_in_the_pages_dereference(corpus_settings: Settings, served_corpus: str) -> None:
    base, dis = corpus_settings.base_uri, corpus_settings.vocab_uri + "displacement#"
    things = [
        one_of(corpus_settings, f"?s a <{kind}>")
        for kind in (
            "https://schema.org/NewsArticle",
            "http://www.w3.org/ns/org#Organization",
            "http://xmlns.com/foaf/0.1/Person",
            f"{dis}DisplacementObservation",
            f"{dis}ReportedArea",
            f"{dis}Statement",
        )
    ]
    things.append(one_of(corpus_settings, f"?o <http://purl.org/linked-data/sdmx/2009/dimension#refArea>/<https://schema.org/containedInPlace>+ ?s . ?s <{dis}adminLevel> 1"))
    pages = ["", "browse/articles", "browse/places", "browse/organizations", "browse/people", "browse/observations",
             "id/", "graph/", "dumps/", "search?q=Idleb", "docs", "sparql", "def/displacement", "def/concept/"]
    pages += ["doc/" + t[len(base) + 3 :] for t in things]
    links: set[str] = set()
    with httpx.Client(base_url=served_corpus, timeout=30, headers={"Accept": "text/html"}) as http:
        for path in pages:
            page = http.get(path)
            assert page.status_code == 200, path
            links |= {urljoin(str(page.url), link.replace("&amp;", "&")) for link in HREF.findall(page.text)}
        ours = sorted(link for link in links if link.startswith(served_corpus))
        assert len(ours) > 200
        failures = []
        for link in ours:
            # a thing's document in Turtle: the same 404 or not as its page, at a fraction of the cost
            answer = http.get(link, headers={"Accept": "text/turtle" if "/doc/" in link else "*/*"})
            if answer.status_code >= 400:
                failures.append((link, answer.status_code))
    assert failures == []
