"""Pages on a store where one story was uploaded several times: the names, places and figures it states are
copied into each upload's graph, and the union default graph gives a triple once per graph that holds it. The
pages' queries take each value DISTINCT instead of joining the copies (which multiplied them: after a dozen
uploads a governorate's page took seconds); what the pages show is what the build's index computes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from lod.pipeline.build import build
from lod.publish import summaries
from lod.publish.summaries import AGENT, PLACE
from lod.settings import Settings
from lod.store import open_store
from lod.publish import members
from lod.web import listing, panels

from conftest import make_settings  # tests/conftest.py

from ._serving import listener, running, url_of

COPIES = 3
TOKEN = "test-token-copies-0123456789"
IDLEB = "place/pcode/SY07"  # the seed's governorate
REPORTER = "org/erc-team-northern-syria"


@dataclass
class Server:
    url: str
    settings: Settings
    http: httpx.Client

    def select(self, query: str) -> list[tuple[str, ...]]:
        response = self.http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return [tuple(row) for row in csv.reader(io.StringIO(response.text))][1:]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed built, then its article posted ``COPIES`` times more under Source URLs of their own, through the
    real server (uvicorn over the app, as ``lod serve`` runs it)."""
    from lod.web.app import create_app

    sock = listener()
    url = url_of(sock)
    settings = make_settings(tmp_path_factory.mktemp("copies"), keep=True, base_uri=url, ingest_token=TOKEN)
    build(settings)
    text = (settings.data_dir / "articles" / "2019-12-01-coalition-sg-idlib.txt").read_text(encoding="utf-8")
    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=300) as http:
        for n in range(COPIES):
            copy = re.sub(r"(?m)^(Source URL: \S+?)(\.html)?$", lambda m: f"{m[1]}-copy-{n}{m[2] or ''}", text, count=1)
            posted = http.post("/articles", content=copy.encode(), headers={
                "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
            assert posted.status_code == 201, posted.text
        yield Server(url, settings, http)


def _prefixed(settings: Settings, query: str) -> str:
    return summaries.PREFIXES.format(dis=f"{settings.vocab_uri}displacement#") + query


@pytest.mark.parametrize("kind, key", [(PLACE, IDLEB), (AGENT, REPORTER)])
def test_the_figures_a_page_counts_come_once_however_many_graphs_hold_them(server: Server, kind: str, key: str) -> None:
    """The live count's query gives each (figure, area, value) once: the copies are not joined together."""
    entity = f"{server.url}id/{key}"
    rows = server.select(_prefixed(server.settings, panels._OBSERVATIONS.format(where=panels._where(kind, entity))))
    assert rows and len(rows) == len(set(rows))
    copied = server.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?o <{server.settings.vocab_uri}displacement#reportedFigure> ?f "
                           f"FILTER(?o IN ({', '.join(f'<{r[0]}>' for r in rows)})) }}")
    assert int(copied[0][0]) > len({r[0] for r in rows})  # the store does hold copies of these figures


def test_live_counts_on_copies_equal_the_builds_index(server: Server) -> None:
    """Every place and agent counted live, on the store with copies, equals what the build's index computes."""
    store = open_store(server.settings, read_only=True)
    try:
        expected = summaries.compute(store, server.settings.vocab_uri)
        assert any(key == (PLACE, f"{server.url}id/{IDLEB}") for key in expected)
        for (kind, entity), summary in expected.items():
            assert panels.count_live(store, server.settings.vocab_uri, kind, entity) == summary, entity
    finally:
        store.close()


def test_a_listing_page_names_each_thing_as_coalesce_chose(server: Server) -> None:
    """``/id/place/``'s labels on copies: the best property's label, as the former single query picked it."""
    store = open_store(server.settings, read_only=True)
    try:
        page = listing.kind_slice(store, members.build(store, server.url), "place", None, 1)
        assert page is not None
        values = " ".join(f"<{item.iri}>" for item in page.items)
        former = server.select(f"""SELECT ?s (SAMPLE(COALESCE(?l1, ?l2, ?l3)) AS ?label) WHERE {{ VALUES ?s {{ {values} }}
            OPTIONAL {{ ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l1 }} OPTIONAL {{ ?s <https://schema.org/name> ?l2 }}
            OPTIONAL {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l3 }} }} GROUP BY ?s ORDER BY ?s""")
        assert [(item.iri, item.label or "") for item in page.items] == former
    finally:
        store.close()
