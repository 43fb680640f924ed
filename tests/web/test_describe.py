"""What a description holds depends on the entity's neighbourhood only: adding unrelated articles changes nothing."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from _rdf import isomorphic

from lod.store import OxigraphStore
from lod.web.describe import describe

from .conftest import SEED

ID = "http://127.0.0.1:8000/id/"
COPIES = 300


def _store(copies: int) -> OxigraphStore:
    """The seed, and ``copies`` more articles like its own, each under IRIs of its own (so unrelated to it)."""
    store = OxigraphStore()
    store.engine.load(SEED.read_bytes(), format=ox.RdfFormat.TRIG)
    article = [q for q in store.quads() if isinstance(q.graph_name, ox.NamedNode) and "/graph/article/" in q.graph_name.value]
    assert article, "the seed has an article graph"
    text = ox.serialize(article, format=ox.RdfFormat.N_QUADS)
    assert text is not None
    lines = text.decode()
    copied = "".join(
        re.sub(r"_:(\w+)", rf"_:c{i}x\1", re.sub(r"<http://127\.0\.0\.1:8000/(id|graph)/", rf"<http://127.0.0.1:8000/\1/copy{i}/", lines))
        for i in range(copies)
    )
    store.engine.load(copied.encode(), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def small() -> OxigraphStore:
    return _store(0)


@pytest.fixture(scope="module")
def large() -> OxigraphStore:
    return _store(COPIES)


def _graph(triples: list[ox.Triple]) -> Graph:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data or b"", format="nt")


def test_the_large_store_holds_the_copies(small: OxigraphStore, large: OxigraphStore) -> None:
    assert len(large) > len(small) + COPIES * 10


def test_every_description_is_the_same_in_a_store_with_many_unrelated_articles(small: OxigraphStore, large: OxigraphStore) -> None:
    entities = sorted({q.subject.value for q in small.quads() if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ID)})
    assert len(entities) > 10
    for entity in entities:
        before, after = describe(small, entity), describe(large, entity)
        assert before.triples, entity
        assert isomorphic(_graph(before.triples), _graph(after.triples)), entity
        assert before.digest == after.digest or any(isinstance(t.subject, ox.BlankNode) for t in before.triples), entity

