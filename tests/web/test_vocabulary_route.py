"""The vocabulary and the shapes at their URIs: negotiated RDF equal to the files, and a generated HTML page."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from _rdf import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lod.rdf.namespaces import DEFAULT_VOCAB, SH
from lod.rdf.rdffiles import read_rdf_dir

from .conftest import Served


@pytest.mark.parametrize(("path", "folder"), [("/def/displacement", "ontology_dir"), ("/def/shapes", "shapes_dir")])
def test_rdf_is_the_files_rebased(served: Served, client: httpx.Client, path: str, folder: str) -> None:
    expected = read_rdf_dir(getattr(served.settings, folder), served.url, served.settings.vocab_uri)
    for accept, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")]:
        response = client.get(path, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["vary"].startswith("Accept")
        assert isomorphic(Graph().parse(data=response.content, format=fmt), expected), accept
    assert client.get(f"{path}.ttl").headers["content-type"].startswith("text/turtle")
    assert client.get(f"{path}.exe").status_code == 404


def test_hash_terms_dereference_to_the_vocabulary(served: Served, client: httpx.Client) -> None:
    graph = Graph().parse(data=client.get("/def/displacement", headers={"Accept": "text/turtle"}).text, format="turtle")
    term = URIRef(DEFAULT_VOCAB + "displacement#DisplacementObservation")  # named in the vocabulary's own namespace
    assert (term, None, None) in graph  # the fragment is resolved by the client in the one document
    assert not [t for t in graph.all_nodes() if str(t).startswith(served.url + "def/")]  # not under the deployment


def test_html_page_documents_every_term(served: Served, client: httpx.Client) -> None:
    graph = read_rdf_dir(served.settings.ontology_dir, served.url, served.settings.vocab_uri)
    page = client.get("/def/displacement", headers={"Accept": "text/html"}).text
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, SKOS.ConceptScheme)
             for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert terms
    for term in terms:
        assert str(term) in page, term
        for comment in graph.objects(term, RDFS.comment):
            assert str(comment).replace("'", "&#39;").replace('"', "&#34;")[:40] in page


def test_html_page_documents_every_shape(served: Served, client: httpx.Client) -> None:
    shapes = read_rdf_dir(served.settings.shapes_dir, served.url, served.settings.vocab_uri)
    page = client.get("/def/shapes", headers={"Accept": "text/html"}).text
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if isinstance(shape, URIRef):
            assert str(shape) in page


def test_short_and_versioned_names_redirect(served: Served, client: httpx.Client) -> None:
    assert client.get("/shapes").headers["location"] == served.url + "def/shapes"
    assert client.get("/shapes").status_code == 301
    versioned = client.get("/def/displacement/1.0")
    assert versioned.status_code == 303 and versioned.headers["location"] == served.url + "def/displacement"
    assert client.get("/def/nothing/1.0").status_code == 404
