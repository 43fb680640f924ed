"""The JSON-LD writer's compaction of IRIs (lod.publish.jsonld), against its definition."""

from __future__ import annotations

import pytest

from lod.publish.jsonld import _Compiled

CONTEXT = {
    "id": "http://example.org/id/",
    "ex": "http://example.org/",
    "place": "http://example.org/id/place/",
    "again": "http://example.org/id/",  # the same namespace under a second name: the first name is used
    "frag": "http://example.org/def#",
    "name": {"@id": "http://schema.org/name"},
    "geo": "http://www.opengis.net/ont/geosparql#",
}


def _defined(iri: str) -> str:
    """The longest namespace of the context the IRI starts with, leaving a local part that is not empty and
    does not start with // (which would read as a network path), the first name in the context's order."""
    namespaces = [(v, k) for k, v in CONTEXT.items() if isinstance(v, str) and v[-1] in "/#"]
    for namespace, name in sorted(namespaces, key=lambda p: -len(p[0])):
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            return f"{name}:{local}"
    return iri


@pytest.mark.parametrize("iri", [
    "http://example.org/id/place/pcode/SY07",  # the longest namespace wins
    "http://example.org/id/place/",  # nothing left under place: id
    "http://example.org/id/observation/x#y",
    "http://example.org/id/",  # nothing left under id: ex
    "http://example.org/id//x",  # // after id: ex
    "http://example.org/def#Thing",
    "http://example.org/def#",
    "http://example.org/other",
    "http://example.org/",
    "http://example.com/x/y",  # no namespace: the IRI itself
    "urn:x:y",
    "http://example.org/id/é/ü",
])
def test_compact_iri_is_the_longest_namespace_the_iri_starts_with(iri: str) -> None:
    assert _Compiled(CONTEXT).compact(iri) == _defined(iri)


def test_compact_iri_refuses_an_iri_whose_scheme_is_a_term() -> None:
    with pytest.raises(ValueError):
        _Compiled(CONTEXT).compact("geo:36.2,37.1")


# A graph with every kind of value the writer tells apart: IRIs and blank nodes as objects (coerced to @id or not),
# classes, strings with and without escapes or a language, typed literals (coerced, native numbers, booleans).
LINES_CONTEXT = {
    **CONTEXT,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "link": {"@id": "http://example.org/def#link", "@type": "@id"},
    "day": {"@id": "http://example.org/def#day", "@type": "xsd:date"},
    "count": {"@id": "http://example.org/def#count", "@type": "xsd:integer"},
}


def _tricky_quads() -> list[object]:
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    a, b, blank = ox.NamedNode("http://example.org/id/a"), ox.NamedNode("http://example.org/id/b"), ox.BlankNode("1f00")
    p, q = ox.NamedNode("http://example.org/def#p"), ox.NamedNode("http://example.org/def#q")
    link, day, count = (ox.NamedNode(f"http://example.org/def#{n}") for n in ("link", "day", "count"))
    rdf_type, name = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("http://schema.org/name")
    triples = [
        (a, rdf_type, ox.NamedNode("http://example.org/def#Thing")), (a, rdf_type, ox.NamedNode("http://example.org/def#Other")),
        (a, rdf_type, blank), (a, link, b), (a, link, blank), (a, p, b), (a, p, blank), (a, q, ox.Literal("plain")),
        (a, q, ox.Literal('quote " back \\ line\nbreak\ttab é \u0007')), (a, name, ox.Literal("Ḥalab", language="ar-latn")),
        (a, name, ox.Literal('"quoted"', language="en")), (a, day, ox.Literal("2020-01-02", datatype=ox.NamedNode(xsd + "date"))),
        (a, day, ox.Literal("2020", datatype=ox.NamedNode(xsd + "gYear"))), (a, count, ox.Literal("12", datatype=ox.NamedNode(xsd + "integer"))),
        (a, count, ox.Literal("012", datatype=ox.NamedNode(xsd + "integer"))), (a, q, ox.Literal("-0", datatype=ox.NamedNode(xsd + "integer"))),
        (a, q, ox.Literal("7", datatype=ox.NamedNode(xsd + "integer"))), (a, q, ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean"))),
        (a, q, ox.Literal("1", datatype=ox.NamedNode(xsd + "boolean"))), (a, q, ox.Literal("x", datatype=ox.NamedNode("http://example.org/def#T"))),
        (blank, q, ox.Literal("of a blank node")), (b, ox.NamedNode("http://other.example/p"), a),
    ]
    return [ox.Quad(s, pr, o) for s, pr, o in triples]


def test_the_writer_gives_the_same_text_from_n_triples_lines_as_from_quads() -> None:
    import io

    import pyoxigraph as ox

    from lod.publish.jsonld import JsonLdWriter
    from lod.publish.graphdump import sorted_graph

    text, ordered = sorted_graph(_tricky_quads())
    outputs = []
    for lines in (False, True):
        out = io.BytesIO()
        writer = JsonLdWriter(LINES_CONTEXT, out)
        writer.begin("http://example.org/context.jsonld")
        for graph in (ox.DefaultGraph(), ox.NamedNode("http://example.org/graph/g")):
            writer.add_lines(graph, text) if lines else writer.add(graph, ordered)
        writer.end()
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert b'"count": ["012", 12]' in outputs[1]  # the coercion's rules were met: a native number only when exact
    assert b'"link": ["id:b", "_:1f00"]' in outputs[1] and b'"@language": "ar-latn"' in outputs[1]
