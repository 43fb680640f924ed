"""The page's index of a description answers the lookups a page makes as rdflib's Graph does."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from lod.web.neighbourhood import Neighbourhood

EX = "http://example.org/"


def _triples() -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    s = [URIRef(f"{EX}s{i}") for i in range(4)]
    p = [URIRef(f"{EX}p{i}") for i in range(3)]
    out: list[tuple[URIRef, URIRef, URIRef | Literal]] = []
    for i in range(40):
        obj: URIRef | Literal = s[(i * 5) % 4] if i % 3 else Literal(f"v{i % 7}", lang="en" if i % 2 else None)
        out.append((s[i % 4], p[(i * 7) % 3], obj))
    return out + out[:5]  # a triple given twice is held once


def test_lookups_answer_as_a_graph_does() -> None:
    triples = _triples()
    graph, ours = Graph(), Neighbourhood(triples)
    for t in triples:
        graph.add(t)
    assert len(ours) == len(graph)
    nodes = {t[0] for t in triples} | {t[2] for t in triples}
    predicates = {t[1] for t in triples}
    for node in nodes:
        assert sorted(ours.predicate_objects(node)) == sorted(graph.predicate_objects(node))
        assert sorted(ours.subject_predicates(node)) == sorted(graph.subject_predicates(node))
        for p in predicates:
            expected = sorted(graph.objects(node, p))
            assert sorted(ours.objects(node, p)) == expected
            assert (ours.value(node, p) in expected) if expected else ours.value(node, p) is None


def test_value_is_the_first_object_given() -> None:
    s, p = URIRef(EX + "s"), URIRef(EX + "p")
    assert Neighbourhood([(s, p, Literal("b")), (s, p, Literal("a"))]).value(s, p) == Literal("b")
