"""lod in front of a SPARQL server that stops answering (only in ``make test-remote``: marker ``remote_only``)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from lod.rdf.namespaces import rebase
from lod.web.app import create_app

from _engines import Servers, loaded
from conftest import make_settings

from ._serving import listener, running, url_of
from .conftest import SEED

TOKEN = "test-token-0123456789abcdef"
ARTICLE = """Title: Families flee Saraqeb
Source URL: https://example.org/x/saraqeb-offline
Publisher: OCHA
Published: 2020-01-28

More than 500 families fled Saraqeb on Monday, OCHA said.
"""


@pytest.mark.remote_only
def test_a_server_that_stops_answering_is_503_store_unavailable(servers: Servers, tmp_path: Path) -> None:
    """lod in front of a server that went away: what needs the store says so with a 503 problem, never a 500 or
    a wait longer than the timeout; an upload is refused the same way."""
    server = servers.oxigraph(keep=False)
    sock = listener()
    url = url_of(sock)
    settings = server.settings(make_settings(tmp_path, engine="embedded", base_uri=url, ingest_token=TOKEN, query_timeout_s=10))
    loaded(settings, rebase(SEED.read_text(encoding="utf-8"), url, settings.vocab_uri).encode(), ox.RdfFormat.TRIG).close()
    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=60) as http:
        assert http.get("/health").status_code == 200
        assert http.get("/doc/org/snc", headers={"Accept": "text/turtle"}).status_code == 200
        server.stop()
        for path in ("/health", "/doc/org/snc", "/sparql?query=ASK%7B%7D"):
            answer = http.get(path, headers={"Accept": "application/json, text/turtle;q=0.5"})
            assert answer.status_code == 503 and "store-unavailable" in answer.text, (path, answer.status_code, answer.text[:300])
        upload = http.post("/articles", content=ARTICLE.encode(), headers={"Authorization": f"Bearer {TOKEN}",
                                                                         "Content-Type": "text/plain; charset=utf-8"})
        assert upload.status_code == 503 and upload.json()["title"] == "Store Unavailable", upload.text
