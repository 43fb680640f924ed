"""``POST /articles``: an article sent over HTTP is validated, then published and served at once, or refused
with the report (naming the uploaded files) and the store left as it was."""

from __future__ import annotations

import csv
import re
import io
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from lod.model.articles import MAX_BYTES
from lod.pipeline.build import build
from lod.places.search import SearchIndex
from lod.publish.derivation import make_missing
from lod.settings import Settings
from lod.store import changes, open_store
from lod.web.app import create_app
from lod.web.browse import LISTS

from _rdf import isomorphic  # tests/_rdf.py
from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def article(slug: str, body: str = "More than 500 families fled Saraqeb on Monday, OCHA said.") -> str:
    """An article of its own (its own Source URL, so its own URIs) for each test."""
    return f"Title: Families flee Saraqeb ({slug})\nSource URL: https://example.org/x/{slug}\nPublisher: OCHA\nPublished: 2020-01-28\n\n{body}\n"


# The entry at line 2 states the figure negative, and only that is wrong: shape S09 refuses it.
NEGATIVE_FIGURE = """observations:
  - text: More than 500 families fled Saraqeb
    figure: -500
    figure_text: "500"
    qualifier: more-than
    unit: families
    places: [{name: Saraqeb, ref: "geonames:164816"}]
    period: {start: 2020-01-27, end: 2020-01-27, text: on Monday}
    reported_by: {name: OCHA, ref: ocha}
    reported_on: 2020-01-28
"""


@dataclass
class Server:
    url: str
    settings: Settings
    http: httpx.Client

    def select(self, query: str) -> list[dict[str, str]]:
        response = self.http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return list(csv.DictReader(io.StringIO(response.text)))

    def count(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed dataset built into a private store and served with an ingest token, the way ``lod serve`` does
    (the app opens the store read-only). One per module: each test posts articles of its own."""
    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path_factory.mktemp("articles"), keep=True, base_uri=url, ingest_token=TOKEN)
    build(settings, dumps=True)  # no maker at work while tests compare catalogs
    # A generous client timeout: the first upload warms the validator, which takes long on a busy machine.
    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=300) as http:
        yield Server(url, settings, http)


def test_post_articles_publishes_and_serves_the_article_at_once(server: Server) -> None:
    response = server.http.post("/articles", content=article("new").encode(), headers={**AUTH, **TEXT})

    assert response.status_code == 201, response.text
    body = response.json()
    location = response.headers["location"]
    assert location == body["article"] and location.startswith(server.url + "id/article/")
    assert body["graph"].startswith(server.url + "graph/article/")
    assert body["triples"] > 0 and body["observations"] == 1 and body["replaced"] is False
    see_other = server.http.get(location)
    assert see_other.status_code == 303
    document = server.http.get(see_other.headers["location"], headers={"Accept": "text/turtle"})
    assert document.status_code == 200
    assert (URIRef(location), None, None) in Graph().parse(data=document.text, format="turtle")
    found = server.select(
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dis: <%sdisplacement#> "
        "SELECT ?o ?figure WHERE { GRAPH <%s> { ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure } }"
        % (server.settings.vocab_uri, body["graph"])
    )
    assert [row["figure"] for row in found] == ["500"]


def test_post_articles_again_replaces_it_under_the_same_uris(server: Server) -> None:
    first = server.http.post("/articles", content=article("twice").encode(), headers={**AUTH, **TEXT})
    again = server.http.post("/articles", content=article("twice").encode(), headers={**AUTH, **TEXT})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["location"] == first.headers["location"]
    assert {k: v for k, v in again.json().items() if k != "replaced"} == {k: v for k, v in first.json().items() if k != "replaced"}
    assert again.json()["replaced"] is True


def test_post_articles_as_a_form_with_corrections_is_refused_by_the_shapes(server: Server) -> None:
    before = server.count()
    files = {
        "article": ("saraqeb.txt", article("negative").encode(), "text/plain"),
        "corrections": ("saraqeb.yaml", NEGATIVE_FIGURE.encode(), "application/yaml"),
    }
    response = server.http.post("/articles", files=files, headers=AUTH)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    [result] = [r for r in problem["results"] if r["severity"] == "Violation"]
    assert (result["shape"], result["path"], result["value"]) == ("S09", "dis:reportedFigure", "-500")
    assert result["location"] == "saraqeb.yaml:2"
    assert result["focus"].startswith(server.url + "id/observation/") and "positive integer" in result["message"]
    assert "saraqeb.yaml:2: S09" in problem["detail"] and "lod-upload" not in response.text
    assert server.count() == before


def test_post_articles_at_once_are_written_one_after_the_other(server: Server) -> None:
    """Without the process-wide lock the second writer would find the store locked (503)."""

    def post(slug: str) -> int:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            return http.post("/articles", content=article(slug).encode(), headers={**AUTH, **TEXT}).status_code

    with ThreadPoolExecutor(max_workers=3) as pool:
        statuses = list(pool.map(post, ["together-1", "together-2", "together-3"]))

    assert statuses == [201, 201, 201]


@pytest.mark.embedded_only  # a file lock: a server takes any number of writers
def test_post_articles_while_another_writer_holds_the_store_is_unavailable(server: Server) -> None:
    before = server.count()
    writer = open_store(server.settings)  # as a `lod build` would
    try:
        response = server.http.post("/articles", content=article("locked").encode(), headers={**AUTH, **TEXT})
    finally:
        writer.close()

    assert response.status_code == 503
    assert response.json()["title"] == "Store Unavailable"
    assert server.count() == before


def test_post_articles_names_the_uploaded_file_in_a_malformed_header(server: Server) -> None:
    text = article("malformed").replace("Publisher: OCHA", "Publisher OCHA")
    response = server.http.post("/articles", files={"article": ("mine.txt", text.encode())}, headers=AUTH)

    assert response.status_code == 400
    problem = response.json()
    assert (problem["path"], problem["line"], problem["column"]) == ("mine.txt", 3, 15)
    assert problem["detail"].startswith("mine.txt:3:15: ")


def test_post_articles_answers_bad_utf8_with_where_it_is(server: Server) -> None:
    response = server.http.post("/articles", content=article("latin").encode() + b"caf\xe9\n", headers={**AUTH, **TEXT})

    assert response.status_code == 400
    assert (response.json()["path"], response.json()["line"], response.json()["column"]) == ("article.txt", 7, 4)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong-token-0123456789abcdef"}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),  # not a bearer token
    ],
    ids=["no-token", "wrong-token", "other-scheme"],
)
def test_post_articles_without_the_token_is_unauthorized(server: Server, headers: dict[str, str], status: int) -> None:
    before = server.count()
    response = server.http.post("/articles", content=article("unauthorized").encode(), headers={**headers, **TEXT})

    assert response.status_code == status
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"
    assert server.count() == before


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("application/json", 415), ("text/plain; charset=latin-1", 415), ("", 415)],
    ids=["json", "latin-1", "none"],
)
def test_post_articles_reads_only_utf8_text_or_a_form(server: Server, content_type: str, status: int) -> None:
    response = server.http.post("/articles", content=b"{}", headers={**AUTH, "Content-Type": content_type})

    assert response.status_code == status


def test_post_articles_refuses_a_body_over_the_limit(server: Server) -> None:
    response = server.http.post("/articles", content=b"x" * (MAX_BYTES + 1), headers={**AUTH, **TEXT})

    assert response.status_code == 413


def test_post_articles_is_disabled_without_a_token(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps")
    sock = listener()
    with running(create_app(settings), sock), httpx.Client(base_url=url_of(sock), timeout=30) as http:
        response = http.post("/articles", content=article("disabled").encode(), headers={**AUTH, **TEXT})

    assert response.status_code == 403
    assert response.json()["detail"] == "ingest over HTTP is disabled; set LOD_INGEST_TOKEN"
    assert not settings.store_path.exists()


def test_post_articles_is_documented(server: Server) -> None:
    operation = server.http.get("/openapi.json").json()["paths"]["/articles"]["post"]

    assert {"200", "201", "400", "401", "403", "413", "415", "422", "503"} <= set(operation["responses"])
    assert set(operation["requestBody"]["content"]) == {"text/plain", "multipart/form-data"}


def test_post_articles_corrections_nested_deep_is_400(server: Server) -> None:
    """YAML nested 1,000 deep made the loader recurse past Python's limit: a 500 (issue 10.13)."""
    files = {
        "article": ("deep.txt", article("deep").encode(), "text/plain"),
        "corrections": ("deep.yaml", b"observations: " + b"[" * 1000 + b"]" * 1000 + b"\n", "application/yaml"),
    }
    response = server.http.post("/articles", files=files, headers=AUTH)
    assert response.status_code == 400, response.text
    # libyaml stops at its own depth limit (with the position), the pure-Python loader at Python's recursion limit.
    assert response.json()["path"] == "deep.yaml" and "nest" in response.json()["detail"].lower()


def test_post_articles_errors_never_name_the_upload_folder(server: Server) -> None:
    """A message that quotes the article's path ("quote not found in ...") named the private copy (issue 10.13)."""
    files = {
        "article": ("where.txt", article("where").encode(), "text/plain"),
        "corrections": ("where.yaml", NEGATIVE_FIGURE.replace("More than 500 families fled", "Nobody wrote this").encode(), "application/yaml"),
    }
    response = server.http.post("/articles", files=files, headers=AUTH)
    assert response.status_code == 400, response.text
    assert "quote not found in where.txt" in response.json()["detail"]
    assert "lod-upload" not in response.text and tempfile.gettempdir() not in response.text


def test_published_articles_survive_a_rebuild(server: Server) -> None:
    """An article published over HTTP is kept under data/uploads/, so the next `lod build` publishes it again
    instead of deleting it (issue 10.9)."""
    files = {"article": ("kept.txt", article("kept").encode(), "text/plain")}
    response = server.http.post("/articles", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    location, key = response.headers["location"], response.json()["graph"].rsplit("/", 1)[1]
    assert (server.settings.data_dir / "uploads" / f"{key}.txt").read_bytes() == article("kept").encode()
    assert not (server.settings.data_dir / "uploads" / f"{key}.yaml").exists()

    uploaded = changes.mark(server.settings.dumps_dir)
    lines = changes.since(server.settings.dumps_dir, changes.Mark(uploaded.file, 0))
    assert lines is not None and lines[0]  # the upload's line
    build(server.settings)  # as `make serve` does on the next start
    begun = changes.mark(server.settings.dumps_dir)  # begun again: every reader builds again
    assert begun.file != uploaded.file and changes.since(server.settings.dumps_dir, begun) == (set(), begun)

    document = server.http.get(location, headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert document.status_code == 200
    assert (URIRef(location), None, None) in Graph().parse(data=document.text, format="turtle")
    found = server.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{response.json()['graph']}> {{ <{location}> ?p ?o }} }}")
    assert int(found[0]["n"]) > 0


def test_a_refused_article_is_not_kept(server: Server) -> None:
    files = {
        "article": ("refused.txt", article("refused").encode(), "text/plain"),
        "corrections": ("refused.yaml", NEGATIVE_FIGURE.encode(), "application/yaml"),
    }
    before = sorted(p.name for p in (server.settings.data_dir / "uploads").glob("*"))
    response = server.http.post("/articles", files=files, headers=AUTH)
    assert response.status_code == 422
    assert sorted(p.name for p in (server.settings.data_dir / "uploads").glob("*")) == before


def test_an_article_posted_is_in_the_browse_list_at_once(server: Server) -> None:
    def listed() -> tuple[int, str]:
        page = server.http.get("/browse/articles", params={"sort": "headline", "order": "desc"})
        assert page.status_code == 200
        return int(re.search(r"([\d,]+) in all", page.text)[1].replace(",", "")), page.text  # type: ignore[index]

    before, _ = listed()  # the list's order is taken now, and must be taken again after the upload
    assert server.http.post("/articles", content=article("browsed").encode(), headers={**AUTH, **TEXT}).status_code == 201
    after, text = listed()
    assert after == before + 1 and "Families flee Saraqeb (browsed)" in text


def test_after_an_upload_and_a_replacing_one_every_list_search_and_catalog_is_a_fresh_starts(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The running server updates its indexes from what the two uploads touched (the search index is not built
    again); an app started afresh on the same store builds its own: every answer is the same."""
    lists = [(f"/browse/{name}", {"sort": sort, "order": order}) for name, spec in LISTS.items()
             for sort in spec.sorts for order in ("asc", "desc")]
    searches = [("/search", {"q": q}) for q in ("Saraqeb", "families flee", "OCHA", "refreshed", "Idleb", "Maarat")]
    catalogs = [("/dumps/catalog.ttl", {}), ("/.well-known/void", {})]

    def answers(http: httpx.Client | TestClient) -> tuple[list[object], list[Graph]]:
        found: list[object] = []
        graphs: list[Graph] = []  # the catalogs, compared up to blank node labels (RDFC-1.0: rdflib's own test took minutes)
        for path, params in lists + searches + catalogs:
            response = http.get(path, params=params, headers={"Accept": "application/json" if path == "/search" else "text/turtle"})
            assert response.status_code == 200, (path, params)
            if path == "/search":
                found.append(response.json())
            elif path.startswith("/browse/"):
                found.append(response.text)
            else:
                graphs.append(Graph().parse(data=response.text, format="turtle"))
        return found, graphs

    # An earlier test's rebuild (as `make serve` builds) left dump files pending; made now (after any maker the
    # server started), the catalog stays the same while the two apps are compared.
    make_missing(server.settings.dumps_dir, server.settings.base_uri, server.settings.vocab_uri)
    answers(server.http)  # every index taken now
    whole = SearchIndex.build
    built: list[str] = []
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, *a: built.append("search") or whole(*a)))
    assert server.http.post("/articles", content=article("refreshed").encode(), headers={**AUTH, **TEXT}).status_code == 201
    again = article("refreshed", "More than 700 families fled Saraqeb and Maarat al-Numan on Monday, UNHCR said.")
    assert server.http.post("/articles", content=again.encode(), headers={**AUTH, **TEXT}).status_code == 200
    running, running_graphs = answers(server.http)
    assert built == []  # updated from the lines of the two writes
    monkeypatch.undo()
    with TestClient(create_app(server.settings)) as fresh:
        found, graphs = answers(fresh)
    assert found == running
    assert len(graphs) == len(running_graphs) and all(isomorphic(a, b) for a, b in zip(graphs, running_graphs))
    assert "Families flee Saraqeb (refreshed)" in str(running) and ">700</a>" in str(running)  # the second upload's figure


def test_the_home_page_counts_a_posted_article_at_once(server: Server) -> None:
    def shown() -> tuple[int, int]:
        page = server.http.get("/").text
        articles, figures = (re.search(rf"<strong>([\d,]+)</strong> <span>{kind}</span>", page) for kind in ("articles", "displacement observations"))
        assert articles and figures, page[:500]
        return int(articles.group(1).replace(",", "")), int(figures.group(1).replace(",", ""))

    def stored() -> tuple[int, int]:
        rows = server.select("PREFIX dis: <%sdisplacement#> SELECT (COUNT(DISTINCT ?a) AS ?n) (COUNT(DISTINCT ?o) AS ?f) WHERE {"
                             " { ?a a <https://schema.org/NewsArticle> } UNION { ?o a dis:DisplacementObservation } }" % server.settings.vocab_uri)
        return int(rows[0]["n"]), int(rows[0]["f"])

    before = shown()
    assert before == stored() and shown() == before  # the second answer the held overview's
    response = server.http.post("/articles", content=article("home-count", "More than 737 families fled Ariha on Monday, OCHA said.").encode(), headers={**AUTH, **TEXT})
    assert response.status_code == 201, response.text
    after = shown()
    assert after == stored() and after[0] == before[0] + 1 and after[1] > before[1]


def test_the_service_description_names_a_posted_graph_at_once(server: Server) -> None:
    name = URIRef("http://www.w3.org/ns/sparql-service-description#name")

    def named() -> set[str]:
        answer = server.http.get("/sparql", headers={"Accept": "text/turtle"})
        assert answer.status_code == 200, answer.text
        return {str(o) for o in Graph().parse(data=answer.text, format="turtle").objects(None, name)}

    def stored() -> set[str]:
        return {row["g"] for row in server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    before = named()
    assert before == stored() and named() == before  # the second answer the held description's
    response = server.http.post("/articles", content=article("described").encode(), headers={**AUTH, **TEXT})
    assert response.status_code == 201, response.text
    assert named() == stored() == before | {response.json()["graph"]}
