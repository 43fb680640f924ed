"""The per-graph order of the N-Quads and JSON-LD dumps: sorted N-Triples lines, each once, whatever the input order."""

from __future__ import annotations

import random

import pyoxigraph as ox

from lod.publish.graphdump import sorted_graph

G = ox.NamedNode("http://example.org/g")


def _quads() -> list[ox.Quad]:
    a, b, p = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/a/b"), ox.NamedNode("http://example.org/p")
    blank = ox.BlankNode("x1")
    return [ox.Quad(a, p, ox.Literal("line\nbreak"), G), ox.Quad(b, p, a, G), ox.Quad(a, p, blank, G),
            ox.Quad(blank, p, ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), G),
            ox.Quad(a, p, ox.Literal("é", language="fr"), G)]


def test_sorted_graph_gives_one_order_whatever_the_order_of_the_quads() -> None:
    quads = _quads()
    text, ordered = sorted_graph(quads)
    lines = text.splitlines(keepends=True)
    assert lines == sorted(lines) and len(lines) == len(quads)
    assert set(ordered) == set(quads)
    assert ox.serialize((q.triple for q in ordered), format=ox.RdfFormat.N_TRIPLES) == text  # quads in the text's order
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    assert sorted_graph(shuffled) == (text, ordered)


def test_sorted_graph_keeps_each_triple_once_and_each_subject_together() -> None:
    quads = _quads()
    text, ordered = sorted_graph(quads + quads[:2])
    assert len(ordered) == len(quads) and text.count(b"\n") == len(quads)
    subjects = [q.subject for q in ordered]
    assert all(subjects.index(s) + subjects.count(s) - 1 == max(i for i, x in enumerate(subjects) if x == s) for s in subjects)


def test_an_empty_graph_is_empty() -> None:
    assert sorted_graph([]) == (b"", [])
