"""The dump files and their catalogue: streaming, validators, ranges, DCAT for machines, HTML for people."""

from __future__ import annotations

import gzip
import hashlib

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from _rdf import isomorphic
from rdflib import Namespace
from rdflib.namespace import RDF, VOID

from lod.publish import dumps as publish

from .conftest import Served

SPDX = "http://spdx.org/rdf/terms#"
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # not rdflib's DCAT: pytest's collection trips its unknown-term warning


def test_listing_for_people_shows_every_file(served: Served, client: httpx.Client) -> None:
    response = client.get("/dumps/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    catalog = publish.read_catalog(served.settings.dumps_dir)
    assert catalog is not None
    for name in ("lod.ttl", "lod.ttl.gz", "lod.nt", "lod.nq", "lod.jsonld.gz"):
        assert f">{name}</a>" in response.text
    for f in catalog.files:
        assert f.sha256 in response.text


def test_listing_for_machines_is_dcat(served: Served, client: httpx.Client) -> None:
    response = client.get("/dumps/", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-location"] == served.url + "dumps/catalog.ttl"
    graph = Graph().parse(data=response.text, format="turtle")
    catalog = publish.read_catalog(served.settings.dumps_dir)
    assert catalog is not None
    assert isomorphic(graph, catalog.description)
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == len(catalog.files)
    for f in catalog.files:
        url = URIRef(f"{served.url}dumps/{f.name}")
        (distribution,) = graph.subjects(DCAT.downloadURL, url)
        assert graph.value(distribution, DCAT.byteSize).toPython() == f.size  # type: ignore[union-attr]
        assert Literal(f.sha256, datatype=URIRef("http://www.w3.org/2001/XMLSchema#hexBinary")) in set(graph.objects(None, URIRef(SPDX + "checksumValue")))
        assert graph.value(distribution, VOID.triples) is not None


@pytest.mark.parametrize("extension", ["ttl", "nt", "jsonld", "rdf"])
def test_catalog_suffix_urls(client: httpx.Client, extension: str) -> None:
    response = client.get(f"/dumps/catalog.{extension}")
    assert response.status_code == 200
    assert len(Graph().parse(data=response.content, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}[extension])) > 0


def test_dump_file_streams_with_validators(served: Served, client: httpx.Client) -> None:
    path = served.settings.dumps_dir / "lod.nt"
    response = client.get("/dumps/lod.nt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    assert response.content == path.read_bytes()
    assert response.headers["content-length"] == str(path.stat().st_size)
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"] == f'"sha256-{hashlib.sha256(path.read_bytes()).hexdigest()}"'
    assert client.get("/dumps/lod.nt", headers={"If-None-Match": response.headers["etag"]}).status_code == 304
    assert client.get("/dumps/lod.nt", headers={"If-Modified-Since": response.headers["last-modified"]}).status_code == 304
    head = client.head("/dumps/lod.nt")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == response.headers["content-length"]


def test_dump_file_serves_byte_ranges(served: Served, client: httpx.Client) -> None:
    data = (served.settings.dumps_dir / "lod.ttl").read_bytes()
    response = client.get("/dumps/lod.ttl", headers={"Range": "bytes=10-29"})
    assert response.status_code == 206
    assert response.content == data[10:30]
    assert response.headers["content-range"] == f"bytes 10-29/{len(data)}"


def test_gzipped_dump_is_the_plain_dump(served: Served, client: httpx.Client) -> None:
    response = client.get("/dumps/lod.nq.gz")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gzip"
    assert gzip.decompress(response.content) == (served.settings.dumps_dir / "lod.nq").read_bytes()


def test_unknown_dump_is_404(client: httpx.Client) -> None:
    for name in ("nope.ttl", "catalog.json", "catalog.exe", "..%2Fstore"):
        assert client.get(f"/dumps/{name}").status_code == 404, name


def test_void_is_the_dataset_description(served: Served, client: httpx.Client) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    dataset = publish.dataset_uri(served.url)
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, VOID.sparqlEndpoint, URIRef(served.url + "sparql")) in graph
    assert (dataset, VOID.dataDump, URIRef(served.url + "dumps/lod.nq.gz")) in graph
    assert client.get("/.well-known/void").headers["content-type"].startswith("text/turtle")  # */* -> Turtle
