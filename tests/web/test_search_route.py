"""/search over the served store: HTML results that link to the thing's page, JSON for machines."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from pathlib import Path

import httpx
import pytest

from lod.settings import Settings
from lod.web.app import create_app

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


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_background_index_build_logs_a_store_that_does_not_answer(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The index is built in a thread at start; a store that is down (or closed as the app stops) is logged
    there, not an exception that kills the thread (a search says why itself)."""
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings = Settings(store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps",
                        store_url=f"http://127.0.0.1:{port}/query")
    app = create_app(settings)

    async def serve_briefly() -> None:
        async with app.router.lifespan_context(app):  # starts the build, as lod serve does
            for thread in threading.enumerate():
                if thread.name == "search-index":
                    thread.join(30)

    with caplog.at_level(logging.INFO, logger="lod.web.indexes"):
        # On an event loop of its own: a browser test may leave one running in this thread.
        runner = threading.Thread(target=lambda: asyncio.run(serve_briefly()))
        runner.start()
        runner.join(60)
    assert "not built in the background" in caplog.text
