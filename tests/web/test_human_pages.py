"""Offline and human everywhere: errors as pages for browsers, the API docs from our own assets, licences shown."""

from __future__ import annotations

import re

import httpx

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ATTRIBUTIONS = ("CC BY 4.0", "CC BY-IGO", "COD-AB", "GeoNames")


def test_an_unknown_uri_is_a_page_for_a_browser_and_a_problem_for_a_machine(client: httpx.Client) -> None:
    page = client.get("/id/place/nowhere", headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Not Found</h1>" in page.text and "/id/place/nowhere" in page.text
    problem = client.get("/id/place/nowhere")
    assert problem.status_code == 404 and problem.headers["content-type"] == "application/problem+json"
    assert problem.json()["status"] == 404


def test_unknown_paths_and_unacceptable_types_answer_for_who_asked(client: httpx.Client) -> None:
    answer = client.get("/docs.nothing", headers={"Accept": "text/html"})
    assert answer.status_code == 404 and "text/html" in answer.headers["content-type"]
    machine = client.get("/graph/reference", headers={"Accept": "image/png"})
    assert machine.status_code == 406 and machine.headers["content-type"] == "application/problem+json"


def test_api_docs_load_swagger_ui_from_this_server(client: httpx.Client) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', docs.text)
    assert any("swagger-ui-bundle.js" in s for s in scripts) and any("swagger-ui.css" in s for s in scripts)
    for url in scripts:
        assert url.startswith(str(client.base_url)), url
        assert client.get(url).status_code == 200, url
    assert "<script>" not in docs.text  # scripts are files (a Content-Security-Policy can forbid inline ones)


def test_every_page_footer_and_the_dumps_page_carry_the_licences(client: httpx.Client) -> None:
    for path in ("/", "/dumps/", "/id/", "/graph/", "/doc/place/pcode/SY07"):
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200, path
        footer = page.text[page.text.index('<footer class="site">') :]
        for words in ATTRIBUTIONS:
            assert words in footer, (path, words)
    dumps = client.get("/dumps/", headers={"Accept": "text/html"}).text
    main = dumps[dumps.index("<main") : dumps.index("</main>")]
    assert "Licence and attribution" in main and "CC BY-IGO" in main
