"""``POST /events``: a data set file sent over HTTP (with its metadata) is published and served at once, or
refused with every bad cell named as uploaded (file:row:column) and the store left as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from conftest import make_settings  # tests/conftest.py
from events.conftest import ACLED_HEADER, ACLED_META, ACLED_ROWS, HXL_HEADER, HXL_META, HXL_ROWS, REFUSALS
from lod.pipeline.build import build
from lod.settings import Settings
from lod.web.app import create_app
from lod.web.routes.events import MAX_TABLE_BYTES

from ._serving import listener, running, url_of

TOKEN = "test-token-events-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class Server:
    url: str
    settings: Settings
    http: httpx.Client

    def graphs(self) -> dict[str, int]:
        """Every named graph and its size, as the server answers."""
        response = self.http.get("/sparql", params={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
                                 headers={"Accept": "text/csv"})
        return {r["g"]: int(r["n"]) for r in csv.DictReader(io.StringIO(response.text))}

    def count(self) -> int:
        response = self.http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                                 headers={"Accept": "text/csv"})
        return int(list(csv.DictReader(io.StringIO(response.text)))[0]["n"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path_factory.mktemp("events-route"), keep=True, base_uri=url, ingest_token=TOKEN)
    build(settings)
    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=60) as http:
        yield Server(url, settings, http)


def files(name: str, header: str, rows: list[str], meta: str) -> dict[str, tuple[str, bytes, str]]:
    return {"table": (f"{name}.csv", "\n".join([header, *rows]).encode(), "text/csv"),
            "metadata": (f"{name}.yaml", meta.encode(), "application/yaml")}


def test_post_events_publishes_the_rows_and_serves_them(server: Server) -> None:
    response = server.http.post("/events", files=files("idlib", ACLED_HEADER, ACLED_ROWS, ACLED_META), headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == body["dataset"] == server.url + "id/dataset/file/idlib"
    assert (body["events"], body["observations"], body["replaced"]) == (3, 0, False)
    event = server.http.get("/id/event/idlib-syr101", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert event.status_code == 200 and "Air/drone strike" in event.text
    again = server.http.post("/events", files=files("idlib", ACLED_HEADER, ACLED_ROWS, ACLED_META), headers=AUTH)
    assert again.status_code == 200 and again.json()["replaced"] is True


def test_post_events_refuses_bad_cells_by_file_row_column(server: Server) -> None:
    before = server.count()
    rows = [HXL_ROWS[0].replace("2019-11-28", "2019-02-30"), "2019-12-01,2019-12-05,SY9999,SY02,3000"]
    response = server.http.post("/events", files=files("moves", HXL_HEADER, rows, HXL_META), headers=AUTH)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert [(e["path"], e["line"], e["column"]) for e in problem["errors"]] == [("moves.csv", 3, 1), ("moves.csv", 4, 3)]
    assert "lod-upload" not in response.text
    assert server.count() == before


def test_post_events_refused_by_the_shapes_names_the_cell(server: Server) -> None:
    before = server.count()
    rows = [ACLED_ROWS[0].replace(",12", ",-12")]
    response = server.http.post("/events", files=files("neg", ACLED_HEADER, rows, ACLED_META), headers=AUTH)
    assert response.status_code == 422, response.text
    (result,) = [r for r in response.json()["results"] if r["severity"] == "Violation"]
    assert (result["shape"], result["location"], result["value"]) == ("S17", "neg.csv:2:16", "-12")
    assert server.count() == before


def test_post_events_needs_the_token_and_both_files(server: Server) -> None:
    assert server.http.post("/events", files=files("x", HXL_HEADER, HXL_ROWS, HXL_META)).status_code == 401
    only_table = {"table": ("x.csv", b"a,b\n", "text/csv")}
    assert server.http.post("/events", files=only_table, headers=AUTH).status_code == 400
    assert server.http.post("/events", content=b"a,b\n", headers={**AUTH, "Content-Type": "text/csv"}).status_code == 415
    # The form is read as POST /articles reads its own (lod.web.forms): a broken form is 400, a file too large 413.
    broken = server.http.post("/events", content=b"--x\r\nContent-Type: text/csv\r\n\r\na,b\r\n--x--\r\n",  # a part without a name
                              headers={**AUTH, "Content-Type": "multipart/form-data; boundary=x"})
    assert broken.status_code == 400 and "the form cannot be read" in broken.text, broken.text
    large = {**files("x", HXL_HEADER, HXL_ROWS, HXL_META), "table": ("x.csv", b"a" * (MAX_TABLE_BYTES + 1), "text/csv")}
    assert server.http.post("/events", files=large, headers=AUTH).status_code == 413


def test_post_events_refuses_each_of_the_four_at_its_cell_store_unchanged(server: Server) -> None:
    """A bad date, an unknown P-code, a negative fatality count, a missing required column (tests/events/conftest.py's
    cases), each named as uploaded (file, row, column); no graph changes."""
    before = server.graphs()
    for case, (rows, header, row, column, rule) in REFUSALS.items():
        response = server.http.post("/events", files=files(case, header, rows, ACLED_META), headers=AUTH)
        problem = response.json()
        if rule.startswith("S17"):  # refused by the shapes
            assert response.status_code == 422, (case, response.text)
            (result,) = [r for r in problem["results"] if r["severity"] == "Violation"]
            assert (result["shape"], result["location"]) == ("S17", f"{case}.csv:{row}:{column}"), case
        else:  # a cell or the header that cannot be read
            assert response.status_code == 400, (case, response.text)
            located = problem["errors"] if "errors" in problem else [problem]
            assert [(e["path"], e["line"], e["column"]) for e in located] == [(f"{case}.csv", row, column)], (case, problem)
            assert rule in response.text, (case, response.text)
    assert server.graphs() == before
