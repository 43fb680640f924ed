"""lod.shacl.data: the indexes a validation reads."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef

from lod.shacl.data import Data

EX = "http://example.org/"
A, B, C = URIRef(EX + "a"), URIRef(EX + "b"), URIRef(EX + "c")
P, Q = URIRef(EX + "p"), URIRef(EX + "q")


def test_the_inverse_index_holds_each_triple_once_in_the_order_first_given() -> None:
    blank = BNode()
    article = [(B, P, C), (A, P, C), (A, Q, Literal("x")), (B, P, C), (blank, Q, A)]
    context = [(C, P, A), (A, P, C), (A, Q, Literal("x", lang="en")), (A, Q, Literal("x"))]
    data = Data([article, context])
    assert data.inv == {
        C: {P: {B: None, A: None}},
        Literal("x"): {Q: {A: None}},
        A: {Q: {blank: None}, P: {C: None}},
        Literal("x", lang="en"): {Q: {A: None}},
    }
    assert list(data.inv) == [C, Literal("x"), A, Literal("x", lang="en")]
    assert list(data.subjects(P, C)) == [B, A]
    assert list(data.subjects(Q, A)) == [blank]
    assert data.subjects(Q, C) == {}
    assert list(data.objects(A, Q)) == [Literal("x"), Literal("x", lang="en")]


def test_instances_and_subclasses_read_the_inverse_index() -> None:
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    sub_class_of = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    data = Data([[(A, rdf_type, C), (B, rdf_type, Q)], [(C, sub_class_of, Q)]])
    assert data.subclasses(Q) == {Q, C}
    assert set(data.instances(Q)) == {A, B}
    assert data.is_instance(A, Q) and not data.is_instance(B, C)


def test_the_store_holds_the_same_quads_whether_the_context_comes_as_triples_or_as_kept_quads() -> None:
    from lod.rdf.ntriples import ntriples
    from lod.shacl.data import recurring_quads

    article = [(A, P, C), (A, Q, Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))]
    context = [(C, P, B), (C, Q, Literal("Saraqeb", lang="en")), (B, Q, Literal("x"))]
    quads = recurring_quads(context)
    assert quads is not None and len(quads) == 3
    given = Data([article, context], ntriples(article), quads)
    converted = Data([article, context], ntriples(article))
    assert set(given.store()) == set(converted.store()) and len(given.store()) == 5
    answer = next(iter(given.store().query(f"SELECT ?name WHERE {{ <{C}> <{Q}> ?name }}")))
    assert given.from_ox(answer["name"]) == Literal("Saraqeb", lang="en")
    assert recurring_quads([(C, P, BNode())]) is None  # a blank node is each validation's own
