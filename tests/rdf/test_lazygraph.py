"""A graph read from N-Triples a subject at a time (lod.rdf.lazygraph) answers as the whole graph would."""

from __future__ import annotations

import threading

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from lod.rdf.lazygraph import by_subject, lazy_graph, source

TEXT = """<http://x/b> <http://x/p> "two"@en .
<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://x/a> <http://x/q> _:g .
_:g <http://x/wkt> "POINT(1 2)" .
<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""


def test_a_subject_is_read_when_asked_about_and_the_rest_with_the_whole() -> None:
    whole = Graph().parse(data=TEXT, format="nt")
    lazy = lazy_graph(by_subject(TEXT.encode()))
    a = URIRef("http://x/a")
    assert lazy.store.pending() == 3  # type: ignore[attr-defined]
    assert lazy.value(a, URIRef("http://x/p")) == Literal(1)
    assert lazy.store.pending() == 2  # type: ignore[attr-defined]  # a's lines read, not b's nor the node's
    node = lazy.value(a, URIRef("http://x/q"))
    assert isinstance(node, BNode)
    assert lazy.value(node, URIRef("http://x/wkt")) == Literal("POINT(1 2)")  # the same node as the object
    assert lazy.store.pending() == 1  # type: ignore[attr-defined]
    assert (URIRef("http://x/b"), None, None) in lazy
    assert len(lazy) == 4 and isomorphic(lazy, whole)
    assert set(lazy.subjects(None, None)) >= {a, URIRef("http://x/b")}


def test_the_text_is_rewritten_as_it_is_read() -> None:
    rewrite = lambda text: text.replace(b"http://x/", b"https://y.example/")  # noqa: E731
    chunks = {key.replace("http://x/", "https://y.example/"): lines for key, lines in by_subject(TEXT.encode()).items()}
    lazy = lazy_graph(chunks, rewrite)
    assert lazy.value(URIRef("https://y.example/b"), URIRef("https://y.example/p")) == Literal("two", lang="en")
    text = source(lazy)
    assert text is not None and b"http://x/" not in text and text.count(b"\n") == 4
    assert source(Graph()) is None


def test_threads_reading_at_once_see_the_whole_graph() -> None:
    """One thread reads everything (len) while others ask about single subjects: none sees a half-read graph."""
    text = "".join(f"<http://x/s{n}> <http://x/p> \"{n}\" .\n" for n in range(20_000)).encode()
    lazy = lazy_graph(by_subject(text))
    p = URIRef("http://x/p")
    wrong: list[int] = []

    def ask(numbers: range) -> None:
        for n in numbers:
            if lazy.value(URIRef(f"http://x/s{n}"), p) != Literal(str(n)):
                wrong.append(n)

    threads = [threading.Thread(target=len, args=(lazy,)),
               *(threading.Thread(target=ask, args=(range(k, 20_000, 997),)) for k in range(8))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong and len(lazy) == 20_000
