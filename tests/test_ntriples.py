"""lod.ntriples writes what rdflib's N-Triples writer writes, byte for byte, and refuses what it refuses."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from lod.ntriples import ntriples

EX = "http://example.org/"


def _tricky() -> Graph:
    g = Graph()
    s, b = URIRef(EX + "s"), BNode()
    g.add((s, RDF.type, URIRef(EX + "Thing")))
    g.add((s, URIRef(EX + "p"), b))
    g.add((b, URIRef(EX + "p"), Literal('a "quoted"\nline\\with\rreturns')))
    g.add((b, URIRef(EX + "name"), Literal("دير الزور", lang="ar")))
    g.add((s, URIRef(EX + "n"), Literal("12", datatype=XSD.integer)))
    g.add((s, URIRef(EX + "d"), Literal("not a date", datatype=XSD.date)))
    g.add((s, URIRef(EX + "é/ü?q=1#f"), Literal("")))
    g.add((URIRef(EX + "other"), URIRef(EX + "p"), s))
    return g


def test_the_same_bytes_as_rdflib() -> None:
    g = _tricky()
    expected = g.serialize(format="nt", encoding="utf-8")
    assert ntriples(g) == expected
    assert ntriples(g) == expected  # again, from the IRIs it remembered


def test_an_iri_rdflib_cannot_write_is_refused_the_same_way() -> None:
    g = Graph()
    g.add((URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "with space")))
    with pytest.raises(Exception, match="does not look like a valid URI") as ours:
        ntriples(g)
    with pytest.raises(Exception, match="does not look like a valid URI") as theirs:
        g.serialize(format="nt", encoding="utf-8")
    assert str(ours.value) == str(theirs.value)
