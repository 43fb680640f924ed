"""``lod serve`` beside ``lod ingest``: the app reads the store read-only and sees new articles without a restart."""

from __future__ import annotations

import csv
import io
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from lod.model.articles import read_article
from lod.pipeline.build import build, ingest
from lod.settings import Settings
from lod.store import OxigraphStore
from lod.web.app import create_app

from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

ARTICLE = """Title: Families flee Saraqeb
Source URL: https://example.org/news/saraqeb-families-flee
Publisher: Example News
Published: 2020-01-27

More than 500 families fled Saraqeb on Monday, OCHA said.
"""


def select(http: httpx.Client, query: str) -> list[dict[str, str]]:
    response = http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def test_an_article_ingested_while_serving_is_served(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    build(settings)
    path = tmp_path / "new" / "2020-01-27-saraqeb.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    entity = f"{settings.base_uri}id/article/{read_article(path).key}"
    local = "/" + entity[len(settings.base_uri) :]
    sock = listener()
    time.sleep(1.1)  # HTTP dates have whole seconds: let the ingest be visibly later than the build
    with running(create_app(settings), sock), httpx.Client(base_url=url_of(sock), timeout=30) as http:
        assert http.get(local).status_code == 404
        assert select(http, f"SELECT ?p WHERE {{ <{entity}> ?p ?o }}") == []
        vocabulary_before = http.get("/def/displacement", headers={"Accept": "text/turtle"}).headers["last-modified"]

        ingest(path, settings)  # takes the store's write lock while the server runs

        # Last-Modified follows the data, so If-Modified-Since never answers 304 for a changed dataset.
        vocabulary_after = http.get("/def/displacement", headers={"Accept": "text/turtle"}).headers["last-modified"]
        assert parsedate_to_datetime(vocabulary_after) > parsedate_to_datetime(vocabulary_before)

        found = http.get(local)
        assert found.status_code == 303
        location = found.headers["location"]  # under the base URI (the default here), never the Host asked
        assert location.startswith(settings.base_uri + "doc/")
        document = http.get("/" + location[len(settings.base_uri) :], headers={"Accept": "text/turtle"})
        assert document.status_code == 200
        assert (URIRef(entity), None, None) in Graph().parse(data=document.text, format="turtle")
        assert select(http, f"SELECT ?p WHERE {{ <{entity}> ?p ?o }}")


@pytest.mark.embedded_only  # a folder that is not there yet; a server is there before lod is
def test_serving_a_store_that_is_not_built_yet(tmp_path: Path) -> None:
    """No store folder: the site serves an empty dataset, and the first build shows up without a restart."""
    settings = Settings(store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps")
    sock = listener()
    with running(create_app(settings), sock), httpx.Client(base_url=url_of(sock), timeout=30) as http:
        assert http.get("/health").json() == {"status": "ok"}
        assert http.get("/").status_code == 200
        assert select(http, "SELECT * WHERE { ?s ?p ?o }") == []
        assert not settings.store_path.exists()  # serving creates nothing

        writer = OxigraphStore(settings.store_path)
        writer.engine.load(b'<http://example.org/s> <http://example.org/p> "1" .', format=ox.RdfFormat.N_TRIPLES)
        writer.close()

        assert select(http, "SELECT ?s WHERE { ?s ?p ?o }") == [{"s": "http://example.org/s"}]

