"""lod.pipeline.preparation: what a process preparing many articles keeps of the known graphs."""

from __future__ import annotations

from rdflib import URIRef

from lod.pipeline import preparation
from lod.pipeline.preparation import Context
from lod.settings import Settings


def test_the_nodes_the_known_graphs_say_nothing_of_are_not_kept_without_bound() -> None:
    ctx = Context.load(Settings())
    governorate = URIRef(ctx.uris.base + "id/place/pcode/SY07")
    link = URIRef("https://schema.org/about")
    known = ctx.context_triples([(URIRef("http://example.org/a"), link, governorate)])
    assert any(s == governorate for s, _, _ in known)
    slices = len(ctx._slices)
    # 25,000 articles' own nodes, as a build of thousands of articles names them
    own = [(URIRef(f"http://example.org/s{i}"), link, URIRef(f"http://example.org/o{i}")) for i in range(25_000)]
    for start in range(0, len(own), 25):
        assert ctx.context_triples(own[start:start + 25]) == []
    assert len(ctx._unknown) <= preparation._UNKNOWN_KEPT
    assert len(ctx._slices) == slices
    # and the known node still answers, from what was kept
    assert ctx.context_triples([(URIRef("http://example.org/b"), link, governorate)]) == known


def test_the_nodes_the_known_graphs_say_something_of_are_known_without_asking_them() -> None:
    ctx = Context._read(Settings())  # its own: reading every subject below parses the whole reference graph
    assert ctx._subjects is not None
    assert ctx._subjects == {s for s in ctx.known.subjects(unique=True) if isinstance(s, URIRef)}
    outside = URIRef(ctx.uris.base + "id/article/0000/event/1")
    assert ctx._links(outside) is preparation._NO_LINKS
