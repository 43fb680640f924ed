"""What a description holds depends on the entity's neighbourhood only: adding unrelated articles changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from _rdf import isomorphic

from lod.settings import Settings
from lod.store import Store
from lod.web.describe import describe

from _engines import filled

from .conftest import SEED

ID = "http://127.0.0.1:8000/id/"
COPIES = 300


def _store(copies: int, root: Path) -> Store:
    """The seed, and ``copies`` more articles like its own, each under IRIs of its own (so unrelated to it), in a
    store of the engine under test."""
    seed = SEED.read_bytes()
    article = [q for q in ox.parse(seed, format=ox.RdfFormat.TRIG) if isinstance(q.graph_name, ox.NamedNode) and "/graph/article/" in q.graph_name.value]
    assert article, "the seed has an article graph"
    text = ox.serialize(article, format=ox.RdfFormat.N_QUADS)
    assert text is not None
    lines = text.decode()
    copied = "".join(
        re.sub(r"_:(\w+)", rf"_:c{i}x\1", re.sub(r"<http://127\.0\.0\.1:8000/(id|graph)/", rf"<http://127.0.0.1:8000/\1/copy{i}/", lines))
        for i in range(copies)
    )
    extra = list(ox.parse(copied.encode(), format=ox.RdfFormat.N_QUADS))
    _, store = filled(Settings(store_path=root / "store"), seed, ox.RdfFormat.TRIG, extra=extra, keep=True)
    return store


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _store(0, tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _store(COPIES, tmp_path_factory.mktemp("large"))


def _graph(triples: list[ox.Triple]) -> Graph:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data or b"", format="nt")


def test_the_large_store_holds_the_copies(small: Store, large: Store) -> None:
    assert len(large) > len(small) + COPIES * 10


def test_every_description_is_the_same_in_a_store_with_many_unrelated_articles(small: Store, large: Store) -> None:
    entities = sorted({q.subject.value for q in small.quads() if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ID)})
    assert len(entities) > 10
    for entity in entities:
        before, after = describe(small, entity), describe(large, entity)
        assert before.triples, entity
        assert isomorphic(_graph(before.triples), _graph(after.triples)), entity
        assert before.digest == after.digest or any(isinstance(t.subject, ox.BlankNode) for t in before.triples), entity

