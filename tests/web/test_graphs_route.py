"""Homes for collections: the dataset's URI, each named graph's URI, and the /graph/ and /id/ listings."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from _rdf import isomorphic

from lod.store import to_rdflib

from .conftest import Served


def graph_of(served: Served, name: str) -> Graph:
    """What the store holds in one named graph, read straight from the store."""
    out = Graph()
    for q in served.store.quads(ox.NamedNode(name)):
        out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return out


def test_the_dataset_uri_sees_other_to_its_void_description(client: httpx.Client, served: Served) -> None:
    answer = client.get("/id/dataset/lod", headers={"Accept": "text/turtle"})
    assert answer.status_code == 303
    void = client.get(answer.headers["location"], headers={"Accept": "text/turtle"})
    assert void.status_code == 200
    described = Graph().parse(data=void.text, format="turtle")
    assert (URIRef(served.url + "id/dataset/lod"), None, None) in described


def test_a_named_graph_dereferences_to_its_content_in_turtle_and_nquads(client: httpx.Client, served: Served) -> None:
    name = served.url + "graph/reference"
    turtle = client.get("/graph/reference", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=turtle.text, format="turtle"), graph_of(served, name))
    quads = client.get("/graph/reference.nq")
    assert quads.status_code == 200
    dataset = Dataset()
    dataset.parse(data=quads.text, format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {name}


def test_an_article_graph_lists_its_subjects_for_people(client: httpx.Client, served: Served) -> None:
    article_graphs = [g for g in served.store.graph_names() if "/graph/article/" in str(g)]
    assert article_graphs
    path = "/" + str(article_graphs[0])[len(served.url) :]
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<h1>" in page.text
    article = served.entity("https://schema.org/NewsArticle")
    assert "doc/" + article[len(served.url) + 3 :] in page.text


def test_graph_and_id_listings(client: httpx.Client, served: Served) -> None:
    graphs = client.get("/graph/")
    assert graphs.status_code == 200
    for name in served.store.graph_names():
        assert str(name) in graphs.text
    kinds = client.get("/id/")
    assert kinds.status_code == 200 and served.url + "id/place/" in kinds.text
    places = client.get("/id/place/")
    assert places.status_code == 200 and "doc/place/pcode/SY07" in places.text


def test_unknown_graphs_and_kinds_are_404(client: httpx.Client) -> None:
    assert client.get("/graph/nothing-here").status_code == 404
    assert client.get("/id/nothing-here/").status_code == 404


def test_figures_are_listed_in_words_not_keys(client: httpx.Client) -> None:
    page = client.get("/id/observation/").text
    assert "2,147 households" in page


def test_statements_are_listed_by_their_words(client: httpx.Client, served: Served) -> None:
    statement = served.entity("https://schema.org/Claim")
    page = client.get("/id/statement/").text
    key = statement.rsplit("/", 1)[-1]
    row = page[page.index(f"doc/statement/{key}") :][:400]
    assert f">{key}<" not in row
