"""The pages people read, rendered by a real browser: home, an entity, and the query editor running a query."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Request, expect

from web.conftest import Served

pytestmark = pytest.mark.browser


def only_local(page: Page, served: Served) -> list[str]:
    """Record every request the page makes, to check that nothing leaves our server (no CDN)."""
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    return requests


def test_home_page_renders(page: Page, served: Served) -> None:
    requests = only_local(page, served)
    page.goto(served.url)
    expect(page.locator("h1")).to_contain_text("linked data")
    expect(page.locator(".counts li").first).to_contain_text("articles")
    expect(page.get_by_role("link", name="Open in the editor").first).to_be_visible()
    assert all(url.startswith(served.url) for url in requests), requests


def test_entity_page_renders_labels_and_the_source_sentence(page: Page, served: Served) -> None:
    requests = only_local(page, served)
    observation = served.entity("https://schema.org/Observation")
    page.goto(observation)  # the thing's URI: 303 to the document, HTML for a browser
    assert page.url.startswith(served.url + "doc/observation/")
    expect(page.locator("h1")).to_have_text("more than 2,147 households")
    expect(page.locator("figure.source mark")).to_contain_text("households fled the town of Maaret al-Numan")
    expect(page.get_by_role("link", name="Emergency Response Coordinators Team in Northern Syria", exact=True)).to_be_visible()
    article = page.locator("figure.source figcaption a").first
    article.click()
    expect(page.locator("h1")).to_contain_text("Coalition's SG")
    json_ld = page.locator('script[type="application/ld+json"]').text_content()
    assert json_ld and served.url in json_ld
    assert all(url.startswith(served.url) for url in requests), requests


def test_query_editor_runs_a_query_and_shows_results(page: Page, served: Served) -> None:
    requests = only_local(page, served)
    page.goto(served.url + "sparql", wait_until="networkidle")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    page.get_by_role("button", name="Weapons alleged, and by whom").click()
    rows = page.locator(".yasr table tbody tr")
    expect(rows).to_have_count(2, timeout=15_000)
    expect(page.locator(".yasr table")).to_contain_text("barrel bomb")
    expect(page.locator(".yasr table")).to_contain_text("Abdelbaset Abdullatif")
    assert all(url.startswith(served.url) for url in requests), requests


def test_api_docs_render_offline_from_our_assets(page: Page, served: Served) -> None:
    requests = only_local(page, served)
    page.goto(served.url + "docs", wait_until="networkidle")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/sparql")
    assert all(url.startswith(served.url) for url in requests), requests


def test_an_unknown_uri_shows_a_page_in_a_browser(page: Page, served: Served) -> None:
    answer = page.goto(served.url + "id/place/nowhere")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text("Not Found")
    expect(page.locator("footer")).to_contain_text("CC BY-IGO")
