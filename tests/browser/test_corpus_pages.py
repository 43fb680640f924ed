"""Pages that show the data, in a real browser, over a real build of many generated articles: a place's map and
figures, search from the box on every page, an article with its spans marked, every home example returning rows.
Each test leaves a screenshot in var/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from lod.settings import Settings
from lod.web import describe, examples
from lod.web.panels import FIGURE_LIMIT
from _engines import reader

pytestmark = pytest.mark.browser

EVENT_EXAMPLES = {"attacks-per-district-per-month", "displacement-after-attacks"}  # need event data sets


def select(settings: Settings, query: str) -> list[dict[str, str]]:
    return reader(settings).query(query).values()  # type: ignore[union-attr]


def local_only(page: Page, served_corpus: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_a_place_page_shows_its_map_timeline_and_figures(
    page: Page, served_corpus: str, corpus_settings: Settings, screenshots: Path
) -> None:
    [busiest] = select(
        corpus_settings,
        f"""SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?a .
              ?a <https://schema.org/containedInPlace>* ?g . ?g <{corpus_settings.vocab_uri}displacement#adminLevel> 1 }}
            GROUP BY ?g ORDER BY DESC(?n) ?g LIMIT 1""",
    )
    requests = local_only(page, served_corpus)
    page.goto(busiest["g"])
    expect(page.locator(".map-canvas.drawn")).to_be_visible(timeout=15_000)
    assert page.locator(".map-canvas .leaflet-interactive").count() >= 2  # the unit and what lies inside it
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("CC BY-IGO")
    expect(page.locator(".timeline-canvas svg").first).to_be_visible()
    rows = page.locator("table.figures tbody tr")
    assert rows.count() == min(int(busiest["n"]), FIGURE_LIMIT)
    expect(rows.first.locator("td").first).to_have_text(re.compile(r"^(?:[a-z ]+ )?[\d,]+ \w+"))
    page.screenshot(path=screenshots / "place.png", full_page=True)
    assert all(url.startswith(served_corpus) for url in requests), [u for u in requests if not u.startswith(served_corpus)]


# The town of Ma'arrat an Nu'man is both OCHA community C3985 and GeoNames 167611: either is the right place
# (the corpus reports figures for the community); the district named after it (SY0702) is not.
TOWN = ("place/pcode/C3985", "place/geonames/167611")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Maarat al-Numan", TOWN), ("معرة النعمان", TOWN), ("Idleb", ("place/pcode/SY07",))],
)
def test_the_search_box_finds_the_place(
    page: Page, served_corpus: str, screenshots: Path, query: str, expected: tuple[str, ...]
) -> None:
    page.goto(served_corpus + "browse/articles")
    page.locator("#site-search").fill(query)
    page.locator("#site-search").press("Enter")
    first = page.locator("ol.results a").first
    expect(first).to_be_visible()
    first.click()
    assert page.url in [served_corpus + "doc/" + e for e in expected], page.url
    expect(page.locator("h1")).not_to_be_empty()
    page.screenshot(path=screenshots / f"search-{expected[0].replace('/', '-')}-{len(query)}.png")


def test_an_article_page_marks_each_span(page: Page, served_corpus: str, corpus_settings: Settings, screenshots: Path) -> None:
    [article] = select(
        corpus_settings,
        """SELECT ?a (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <http://www.w3.org/ns/oa#hasSource> ?a }
           GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1""",
    )
    offsets = select(
        corpus_settings,
        f"""SELECT DISTINCT ?s ?start ?end WHERE {{ ?s <http://www.w3.org/ns/oa#hasSource> <{article['a']}> ;
              <http://www.w3.org/ns/oa#hasSelector> [ <http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end ] }}""",
    )
    assert len(offsets) == int(article["n"])
    shown, at = 0, 0  # spans that do not overlap an earlier one are marked in the body; every span is listed
    for span in sorted(offsets, key=lambda s: (int(s["start"]), -int(s["end"]))):
        if int(span["start"]) >= at:
            shown, at = shown + 1, int(span["end"])
    page.goto(article["a"])
    expect(page.locator(".article-body a.span mark")).to_have_count(shown)
    expect(page.locator("section.facts li")).to_have_count(int(article["n"]))
    first = page.locator(".article-body a.span").first
    target = first.get_attribute("href")
    assert target and target.startswith(served_corpus + "doc/")
    page.screenshot(path=screenshots / "article.png", full_page=True)
    first.click()
    expect(page.locator("h1")).not_to_be_empty()
    assert "Specificresource" not in page.content() and "Displacement observation " not in page.content()


def test_an_observation_page_shows_its_place_path_and_a_small_map(
    page: Page, served_corpus: str, corpus_settings: Settings, screenshots: Path
) -> None:
    [observation] = select(
        corpus_settings,
        f"""SELECT ?o WHERE {{ ?o a <{corpus_settings.vocab_uri}displacement#DisplacementObservation> ;
              <http://purl.org/linked-data/sdmx/2009/dimension#refArea>/<https://schema.org/containedInPlace> ?u }}
            ORDER BY ?o LIMIT 1""",
    )
    page.goto(observation["o"])
    expect(page.locator(".place-path a").first).to_be_visible()
    expect(page.locator(".place-path")).to_contain_text("governorate")
    expect(page.locator("figure.map.small .map-canvas.drawn")).to_be_visible(timeout=15_000)
    page.screenshot(path=screenshots / "observation.png", full_page=True)


def test_each_home_example_returns_rows(page: Page, served_corpus: str, corpus_settings: Settings, screenshots: Path) -> None:
    shown = [e for e in examples.load(corpus_settings.base_uri, corpus_settings.vocab_uri) if e.slug not in EVENT_EXAMPLES]
    assert len(shown) >= 7
    page.goto(served_corpus)
    cards = page.locator(".cards .card")
    titles = [cards.nth(i).locator("h3").inner_text() for i in range(cards.count())]
    # Each card's link, read from the home page once (loading it again for each example took a third of the test).
    links = {e.title: cards.filter(has_text=e.title).get_by_role("link", name="Open in the editor").get_attribute("href") for e in shown}
    for example in shown:
        href = links[example.title]
        assert href, example.title
        page.goto(urljoin(served_corpus, href))
        expect(page.locator(".yasqe .CodeMirror"), example.title).to_be_visible()
        page.locator(".yasqe_queryButton").click()
        expect(page.locator(".yasr table tbody tr").first, example.title).to_be_visible(timeout=60_000)
        assert page.locator(".yasr table tbody tr").count() >= 1, example.title
        assert example.title in titles
    page.screenshot(path=screenshots / "example.png", full_page=True)


def test_the_links_into_a_hub_are_read_page_by_page(page: Page, served_corpus: str, corpus_settings: Settings, screenshots: Path) -> None:
    """The thing most linked to: its page links every link a page at a time; following "next" in the browser lists
    each thing that links to it, as the plain SPARQL query does."""
    [hub] = select(corpus_settings, f"""SELECT ?e (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?in ?link ?e WHERE {{
        ?in ?link ?e FILTER(STRSTARTS(STR(?e), "{corpus_settings.base_uri}id/") && !isBlank(?in)) }} }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1""")
    expected = {r["in"] for r in select(corpus_settings, describe.incoming_query(hub["e"]))}
    assert int(hub["n"]) > 2 * describe.INCOMING_LIMIT
    requests = local_only(page, served_corpus)
    page.goto(served_corpus + "incoming/" + hub["e"].removeprefix(corpus_settings.base_uri).replace("id/", "doc/", 1))
    seen: list[str] = []
    while True:
        rows = page.locator("table.incoming tbody tr td:first-child a")
        assert 0 < rows.count() <= describe.INCOMING_LIMIT
        seen += [href.replace(served_corpus + "doc/", corpus_settings.base_uri + "id/", 1)
                 for href in rows.evaluate_all("links => links.map(a => a.href)")]
        following = page.locator('nav.pager a[rel="next"]')
        if following.count() == 0:
            break
        following.click()
        assert len(seen) < 10 * int(hub["n"])
    page.screenshot(path=str(screenshots / "incoming-last-page.png"))
    assert set(seen) == expected
    assert all(url.startswith(served_corpus) for url in requests), requests
