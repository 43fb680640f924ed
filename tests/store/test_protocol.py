"""The Store protocol, on every engine: whole-graph replacement, union default graph, typed results, capping,
streamed reads; and what a remote store does when its server is gone or slow."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from lod import formats
from lod.errors import QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, StoreUnavailable
from lod.settings import Settings
from lod.store import Boolean, SparqlStore, Solutions, Store, Triples, holds_graph, open_store

from _engines import Servers, free_port, new_store

BASE = Settings().base_uri
G1, G2 = URIRef(f"{BASE}graph/g1"), URIRef(f"{BASE}graph/g2")  # a remote store reads the graphs under {base}graph/


def graph(turtle: str) -> Graph:
    return Graph().parse(data="@prefix ex: <http://example.org/> .\n" + turtle, format="turtle")


@pytest.fixture
def store(engine: str, tmp_path: Path, servers: Servers) -> Iterator[Store]:
    s = new_store(engine, Settings(store_path=tmp_path / "store"), servers)
    s.replace_graphs({G1: graph("ex:a ex:p 1, 2 ."), G2: graph("ex:b ex:p 3 .")})
    yield s
    s.close()


def test_replace_graph_replaces_whole(store: Store) -> None:
    store.replace_graphs({G1: graph("ex:a ex:p 9 .")})
    result = store.query("SELECT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o")
    assert isinstance(result, Solutions)
    assert [r["o"] for r in result.values()] == ["3", "9"]


def test_union_default_graph_and_named_graphs(store: Store) -> None:
    assert isinstance(store.query("ASK { <http://example.org/b> ?p ?o }"), Boolean)
    only_g2 = store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graph=[str(G2)])
    assert isinstance(only_g2, Solutions) and only_g2.values() == [{"s": "http://example.org/b"}]
    assert store.graph_names() == [G1, G2]


def test_from_and_from_named_select_the_graphs_they_name(store: Store) -> None:
    """The query's own dataset, on every engine (``oxigraph serve --union-default-graph`` reads it from the
    protocol's parameters only: the remote store sends them)."""
    only_g2 = store.query(f"PREFIX g: <{BASE}graph/> SELECT ?s WHERE {{ ?s ?p ?o }}".replace("WHERE", "FROM g:g2 WHERE"))
    assert isinstance(only_g2, Solutions) and only_g2.values() == [{"s": "http://example.org/b"}]
    named = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}".replace("WHERE", f"FROM NAMED <{G1}> WHERE"))
    assert isinstance(named, Solutions) and named.values() == [{"g": str(G1)}]


def test_a_query_the_engine_cannot_run_is_a_query_error_not_an_unavailable_store(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/f>(?o)) }")
    assert not isinstance(caught.value, QueryRefused) and "http://example.org/f" in str(caught.value)


def test_results_are_typed_by_form(store: Store) -> None:
    assert isinstance(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), Triples)
    assert store.query("ASK { ?s ?p 5 }") == Boolean(False)


def test_capped_results_say_so(store: Store) -> None:
    result = store.query("SELECT * WHERE { ?s ?p ?o }", limit=2)
    assert isinstance(result, Solutions) and result.capped and len(result.rows) == 2


def test_syntax_error_has_position(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELECT * WHERE { ?s ?p }")
    assert "1" in str(caught.value)


@pytest.mark.parametrize("fmt", formats.SOLUTION_RESULT_FORMATS, ids=lambda f: f.name)
def test_solutions_serialize(store: Store, fmt: formats.Format) -> None:
    result = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    text = result.serialize(fmt).decode()
    assert "3" in text and "o" in text


def test_remove_graphs(store: Store) -> None:
    store.remove_graphs([G1])
    assert store.graph_names() == [G2] and len(store) == 1


def test_holds_graph_is_membership_in_the_graph_names(store: Store) -> None:
    """A write asks for its own graph (and the reference graph) alone, not for the list of every graph."""
    other = URIRef(f"{BASE}graph/g3")
    assert [holds_graph(store, str(g)) for g in (G1, G2, other)] == [g in store.graph_names() for g in (G1, G2, other)] == [True, True, False]
    store.remove_graphs([G1])
    assert (holds_graph(store, str(G1)), holds_graph(store, str(G2))) == (False, True)


def test_blank_nodes_and_every_graph_of_a_write_arrive_together(store: Store) -> None:
    shared = graph("ex:c ex:q [ ex:r 4 ] .")
    store.replace_graphs({G1: shared, G2: shared})  # the same blank node in two graphs of one update
    assert store.graph_names() == [G1, G2] and len(store) == 4
    per_graph = [list(store.quads(ox.NamedNode(str(g)))) for g in (G1, G2)]
    assert all(len(quads) == 2 for quads in per_graph)
    assert len(list(store.quads())) == 4 and list(store.quads(ox.DefaultGraph())) == []


def test_construct_streams_the_union(store: Store) -> None:
    triples = list(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    assert sorted(t.object.value for t in triples) == ["1", "2", "3"]


def test_triples_are_the_union_each_once(store: Store) -> None:
    store.replace_graphs({G2: graph("ex:b ex:p 3 . ex:a ex:p 1 .")})  # ex:a ex:p 1 in both graphs now
    assert sorted(str(t) for t in store.triples()) == sorted({str(q.triple) for q in store.quads()})
    assert len(list(store.triples())) == 3


def test_construct_ntriples_is_the_same_graph_written_by_the_engine(store: Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    written = store.construct_ntriples(query)
    assert written.endswith(b" .\n")
    parsed = [q.triple for q in ox.parse(written, format=ox.RdfFormat.N_TRIPLES)]
    assert sorted(map(str, parsed)) == sorted(map(str, store.construct(query)))
    with pytest.raises(QueryRefused):
        store.construct_ntriples("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_construct_written_is_the_graph_or_none_past_its_bytes(store: Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    everything = sorted(map(str, store.construct(query)))
    for fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD):
        written = store.construct_written(query, fmt)
        assert written is not None and sorted(str(q.triple) for q in ox.parse(written, format=fmt)) == everything
        assert store.construct_written(query, fmt, len(written)) == written
        assert store.construct_written(query, fmt, len(written) - 1) is None
    with pytest.raises(QueryRefused):
        store.construct_written("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                ox.RdfFormat.TURTLE, 100)


def test_service_is_refused_before_it_reaches_the_engine(store: Store) -> None:
    with pytest.raises(QueryRefused):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_settings_with_a_store_url_open_the_server(tmp_path: Path, servers: Servers) -> None:
    server = servers.scratch()
    settings = server.settings(Settings(store_path=tmp_path / "never"))
    store = open_store(settings, read_only=True)
    assert isinstance(store, SparqlStore)
    store.replace_graphs({URIRef(f"{settings.base_uri}graph/x"): graph("ex:a ex:p 1 .")})
    # Another tenant's graph on the same server (as Virtuoso's own system graphs) is not part of the dataset.
    httpx.post(f"{server.base}update", data={"update": "INSERT DATA { GRAPH <urn:other> { <urn:a> <urn:b> 1 } }"}).raise_for_status()
    assert store.graph_names() == [URIRef(f"{settings.base_uri}graph/x")] and len(store) == 1
    assert len(list(store.quads())) == 1 and len(list(store.triples())) == 1
    store.close()
    assert not (tmp_path / "never").exists()  # nothing written locally


def test_a_server_that_is_down_is_store_unavailable() -> None:
    gone = f"http://127.0.0.1:{free_port()}/"
    store = SparqlStore(gone + "query", update_url=gone + "update", timeout=2)
    for attempt in (lambda: store.query("ASK {}"), lambda: len(store), lambda: store.replace_graphs({G1: graph("ex:a ex:p 1 .")})):
        with pytest.raises(StoreUnavailable) as caught:
            attempt()
        assert gone in str(caught.value) and "does not answer" in str(caught.value)


def test_a_slow_server_is_a_query_timeout() -> None:
    with socket.socket() as silent:  # accepts connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(QueryTimeout):
            SparqlStore(url, timeout=0.5).query("ASK {}")


def test_writes_without_an_update_endpoint_use_the_graph_store_protocol(servers: Servers) -> None:
    server = servers.scratch()
    store = SparqlStore(f"{server.base}query", gsp_url=f"{server.base}store")
    store.replace_graphs({G1: graph("ex:a ex:p 1, 2 ."), G2: graph("ex:b ex:p 3 .")})
    store.replace_graphs({G1: graph("ex:a ex:p 9 .")})
    assert store.graph_names() == [G1, G2] and len(store) == 2
    store.remove_graphs([G1, URIRef("http://example.org/never")])
    assert store.graph_names() == [G2]


def test_a_store_without_any_write_endpoint_says_so() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        SparqlStore("http://127.0.0.1:9/query").replace_graphs({G1: graph("ex:a ex:p 1 .")})
    assert "LOD_STORE_UPDATE_URL" in str(caught.value)


def test_bulk_loading_in_chunks_loads_every_quad_and_keeps_blank_node_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Oxigraph's loader is called once per ``BULK_CHUNK`` quads (its memory stays flat); nothing is lost or
    repeated at the seams, and a blank node keeps its label across calls."""
    from lod.store import oxigraph

    monkeypatch.setattr(oxigraph, "BULK_CHUNK", 2)
    name, shared = ox.NamedNode(str(G1)), ox.BlankNode("shared")
    quads = [ox.Quad(shared if i % 2 else ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                     ox.Literal(str(i)), name) for i in range(7)]
    store = oxigraph.OxigraphStore(tmp_path / "store")
    calls: list[int] = []
    engine = store.engine
    store._store = _Counting(engine, calls)  # type: ignore[assignment]
    store.bulk_extend(iter(quads))
    store._store = engine
    assert calls == [2, 2, 2, 1]
    assert sorted(map(str, store.quads())) == sorted(map(str, quads))


class _Counting:
    """The engine, counting the quads of each bulk-loader call."""

    def __init__(self, engine: ox.Store, calls: list[int]) -> None:
        self.engine, self.calls = engine, calls

    def bulk_extend(self, quads: Iterator[ox.Quad]) -> None:
        taken = list(quads)
        self.calls.append(len(taken))
        self.engine.bulk_extend(taken)

    def __getattr__(self, name: str) -> object:
        return getattr(self.engine, name)
