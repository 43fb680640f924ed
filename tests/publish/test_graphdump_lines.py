"""Sorted N-Triples lines as Oxigraph writes them (lod.publish.graphdump.sorted_lines), from rdflib's writer or Oxigraph's."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from lod.publish.graphdump import renamed_lines, sorted_graph, sorted_lines
from lod.rdf.ntriples import ntriples

A, B, P = URIRef("http://example.org/a"), URIRef("http://example.org/b"), URIRef("http://example.org/p")


def _as_oxigraph(text: bytes) -> bytes:
    return sorted_graph(list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES)))[0]


@pytest.mark.parametrize("obj", [
    Literal("plain"), Literal("é and 😀"), Literal("line\nbreak, \"quote\", back\\slash, return\r"),
    Literal("tab\there"), Literal("bell\u0007"), Literal("delete\u007f"), Literal("typed", datatype=XSD.string),
    Literal("Ḥalab", lang="AR-Latn"), Literal("x", lang="en"), Literal("3", datatype=XSD.integer), B, BNode("1abc"),
    Literal("a \\u00e9 that is text"),
])
def test_rdflib_text_comes_out_as_oxigraph_writes_it(obj: object) -> None:
    graph = Graph()
    graph.add((A, P, obj))  # type: ignore[arg-type]
    graph.add((B, P, Literal("other")))
    for text in (graph.serialize(format="nt", encoding="utf-8"), ntriples(graph)):
        assert sorted_lines(text + text) == _as_oxigraph(text)


def test_renamed_lines_rename_subjects_and_objects_only_then_sort_again() -> None:
    text = sorted_lines(b"<http://example.org/z> <http://example.org/p> <http://example.org/a> .\n"
                        b"<http://example.org/a> <http://example.org/a> \"<http://example.org/a>\" .\n"
                        b"<http://example.org/b> <http://example.org/p> <http://example.org/c> .\n")
    renamed = renamed_lines(text, {b"<http://example.org/a>": b"<http://example.org/c>"})
    assert renamed == (b"<http://example.org/b> <http://example.org/p> <http://example.org/c> .\n"
                       b"<http://example.org/c> <http://example.org/a> \"<http://example.org/a>\" .\n"
                       b"<http://example.org/z> <http://example.org/p> <http://example.org/c> .\n")
