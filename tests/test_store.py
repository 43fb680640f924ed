"""The Oxigraph store: whole-graph replacement, union default graph, typed results, capping."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from lod import formats
from lod.errors import QuerySyntaxError
from lod.store import Boolean, OxigraphStore, Solutions, Triples

G1, G2 = URIRef("http://example.org/g1"), URIRef("http://example.org/g2")


def graph(turtle: str) -> Graph:
    return Graph().parse(data="@prefix ex: <http://example.org/> .\n" + turtle, format="turtle")


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore(tmp_path / "store")
    s.replace_graphs({G1: graph("ex:a ex:p 1, 2 ."), G2: graph("ex:b ex:p 3 .")})
    return s


def test_replace_graph_replaces_whole(store: OxigraphStore) -> None:
    store.replace_graphs({G1: graph("ex:a ex:p 9 .")})
    result = store.query("SELECT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o")
    assert isinstance(result, Solutions)
    assert [r["o"] for r in result.values()] == ["3", "9"]


def test_union_default_graph_and_named_graphs(store: OxigraphStore) -> None:
    assert isinstance(store.query("ASK { <http://example.org/b> ?p ?o }"), Boolean)
    only_g2 = store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graph=[str(G2)])
    assert isinstance(only_g2, Solutions) and only_g2.values() == [{"s": "http://example.org/b"}]
    assert store.graph_names() == [G1, G2]


def test_results_are_typed_by_form(store: OxigraphStore) -> None:
    assert isinstance(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), Triples)
    assert store.query("ASK { ?s ?p 5 }") == Boolean(False)


def test_capped_results_say_so(store: OxigraphStore) -> None:
    result = store.query("SELECT * WHERE { ?s ?p ?o }", limit=2)
    assert isinstance(result, Solutions) and result.capped and len(result.rows) == 2


def test_syntax_error_has_position(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELECT * WHERE { ?s ?p }")
    assert "1" in str(caught.value)


@pytest.mark.parametrize("fmt", formats.SOLUTION_RESULT_FORMATS, ids=lambda f: f.name)
def test_solutions_serialize(store: OxigraphStore, fmt: formats.Format) -> None:
    result = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    text = result.serialize(fmt).decode()
    assert "3" in text and "o" in text


def test_remove_graphs(store: OxigraphStore) -> None:
    store.remove_graphs([G1])
    assert store.graph_names() == [G2] and len(store) == 1
