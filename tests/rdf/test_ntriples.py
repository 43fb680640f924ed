"""lod.rdf.ntriples writes what rdflib's N-Triples writer writes, byte for byte, and refuses what it refuses."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from lod.rdf.ntriples import ntriples

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


def test_a_literal_written_again_or_another_equal_one_gives_rdflib_s_text() -> None:
    # short literals' texts are remembered by the literal object; equal ones made anew, and literals that
    # compare equal but are written differently, must each still come out as rdflib writes them
    g = Graph()
    s = URIRef(EX + "s")
    for literal in (Literal("1", datatype=XSD.integer), Literal("01", datatype=XSD.integer), Literal("x", lang="en"),
                    Literal("x", lang="EN"), Literal("x"), Literal("y" * 150)):
        g.add((s, URIRef(EX + "p"), literal))
    expected = g.serialize(format="nt", encoding="utf-8")
    assert ntriples(g) == expected
    assert ntriples(list(g)) == expected
    again = Graph()
    for triple in g:
        again.add((triple[0], triple[1], Literal(str(triple[2]), lang=triple[2].language, datatype=triple[2].datatype)))
    assert ntriples(again) == again.serialize(format="nt", encoding="utf-8")
