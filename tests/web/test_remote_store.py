"""lod in front of a real SPARQL server: ``lod build`` writes the seed dataset into it over HTTP, and the app
serves entity pages, ``/sparql`` and dumps from it, against ``oxigraph serve`` and Virtuoso 7.

Each engine gets one server and one build for the module. On Oxigraph the served dataset is the embedded
build's, quad for quad; Virtuoso stores some literals in its own types (a WKT point becomes
``virtrdf:Geometry``, an ``xsd:duration`` a number of seconds) and merges values equal in those types, so
there the test asks that every thing keeps every property.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from _rdf import Blank, held_graph, held_quads, same

from lod.pipeline.build import build
from lod.settings import Settings
from lod.web.app import create_app

from _engines import ENGINE, Servers
from conftest import make_settings

from ._serving import listener, running, url_of

HOUSEHOLDS = """PREFIX dis: <{vocab}displacement#>
SELECT ?figure WHERE {{ ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure }} ORDER BY ?figure"""


@dataclass
class Remote:
    engine: str
    url: str
    settings: Settings
    http: httpx.Client

    def select(self, query: str) -> list[dict[str, str]]:
        response = self.http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return list(csv.DictReader(io.StringIO(response.text)))


# Virtuoso in make test; oxigraph serve in make test-remote, where it holds every other store of the suite too (and
# the build compared with is on one as well). Both in one run were a tenth of make test's 10 minutes.
SERVERS = ["virtuoso"] if ENGINE == "embedded" else ["oxigraph-server"]


@pytest.fixture(scope="module", params=SERVERS)
def remote(request: pytest.FixtureRequest, servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    root = tmp_path_factory.mktemp(request.param)
    sock = listener()
    url = url_of(sock)
    server = servers.oxigraph() if request.param == "oxigraph-server" else servers.virtuoso(root / "virtuoso")
    settings = server.settings(make_settings(root, engine="embedded", base_uri=url, query_timeout_s=300))  # a busy machine is slow
    build(settings, dumps=True)  # the tests read every dump file: none left to a maker
    with running(create_app(settings), sock), httpx.Client(base_url=url, timeout=60) as http:
        yield Remote(request.param, url, settings, http)


def test_build_writes_nothing_locally_but_dumps(remote: Remote) -> None:
    assert not remote.settings.store_path.exists()
    assert (remote.settings.dumps_dir / "lod.nq.gz").is_file()


def test_sparql_answers_from_the_server(remote: Remote) -> None:
    figures = [row["figure"] for row in remote.select(HOUSEHOLDS.format(vocab=remote.settings.vocab_uri))]
    assert figures and all(f.isdigit() for f in figures)


def test_entity_pages_come_from_the_server(remote: Remote) -> None:
    [row] = remote.select("PREFIX schema: <https://schema.org/> SELECT ?a ?h WHERE { ?a a schema:NewsArticle ; schema:headline ?h }")
    turtle = remote.http.get(row["a"][len(remote.url) - 1 :], headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert turtle.status_code == 200, turtle.text
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert str(graph.value(URIRef(row["a"]), URIRef("https://schema.org/headline"))) == row["h"]
    page = remote.http.get(row["a"][len(remote.url) - 1 :], headers={"Accept": "text/html"}, follow_redirects=True)
    assert page.status_code == 200 and row["h"] in page.text


def test_dumps_hold_what_the_embedded_build_holds(remote: Remote, built_settings: Settings) -> None:
    served = held_quads(ox.parse(path=remote.settings.dumps_dir / "lod.nq", format=ox.RdfFormat.N_QUADS))
    text = (built_settings.dumps_dir / "lod.nq").read_text(encoding="utf-8")
    embedded = held_quads(ox.parse(text.replace(built_settings.base_uri, remote.url), format=ox.RdfFormat.N_QUADS))  # the same data under this server's base
    assert served.keys() == embedded.keys()
    for name, graph in embedded.items():
        if remote.engine == "virtuoso":  # literals retyped, and values equal in its types merged: same things
            assert _described(served[name]) == _described(graph), name
        else:
            assert same({name: served[name]}, {name: graph}), name


def test_graph_dumps_hold_the_union_of_lods_graphs_and_nothing_else(remote: Remote) -> None:
    """The N-Triples dump (the union) holds what the N-Quads dump's graphs hold: none of the server's other graphs
    (Virtuoso's own system graphs are in its default graph)."""
    folder = remote.settings.dumps_dir
    union = {q.triple for q in ox.parse(path=folder / "lod.nq", format=ox.RdfFormat.N_QUADS)}
    triples = {q.triple for q in ox.parse(path=folder / "lod.nt", format=ox.RdfFormat.N_TRIPLES)}
    assert same({"": held_graph(triples)}, {"": held_graph(union)})


def _described(graph: frozenset[ox.Triple] | Blank | Graph) -> set[tuple[str, str]]:
    """Which IRIs have which properties (what survives Virtuoso's retyping of literals)."""
    if isinstance(graph, Blank):  # a graph with blank nodes is held in two parts
        return _described(graph.ground) | _described(graph.blank)
    if isinstance(graph, Graph):
        return {(str(s), str(p)) for s, p, _ in graph if isinstance(s, URIRef)}
    return {(t.subject.value, t.predicate.value) for t in graph if isinstance(t.subject, ox.NamedNode)}


VOID = "http://rdfs.org/ns/void#"


def test_void_counts_lods_graphs_alone_as_the_embedded_build_does(remote: Remote, built_settings: Settings) -> None:
    """The VoID statistics count the graphs lod wrote, not the server's other graphs (Virtuoso keeps its own
    system graphs in its default graph)."""
    def counts(folder: Path) -> dict[str, int]:
        graph = Graph().parse(folder / "void.ttl", format="turtle")
        out = {}
        for name in ("triples", "entities", "classes", "properties", "distinctSubjects"):
            values = {int(v) for v in graph.objects(None, URIRef(VOID + name))}
            out[name] = max(values)  # the dataset's own (its graphs' subsets count less)
        out["subsets"] = len(set(graph.objects(None, URIRef(VOID + "subset"))))
        out["vocabularies"] = len(set(graph.objects(None, URIRef(VOID + "vocabulary"))))
        return out

    served, embedded = counts(remote.settings.dumps_dir), counts(built_settings.dumps_dir)
    if remote.engine == "virtuoso":  # it merges literals equal in its types: fewer triples, the same things
        assert served.pop("triples") <= embedded.pop("triples")
    assert served == embedded
