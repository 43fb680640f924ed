"""The shared graph: a node minted from a name described once, whatever writes the articles naming it.

Two small articles name publishers outside the reference data, so each publisher is an organization minted
from its name (``id/org/h/...``) with its types and label. Every way of writing them (a build in place, a staged
build keeping unchanged articles, ``lod ingest``) must give the same graphs as a build from nothing of the same
files, compared as RDF; the descriptions no article names any more are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from lod.pipeline import build as pipeline
from lod.pipeline.build import build, ingest
from lod.pipeline.shared import candidates, prune_update
from lod.rdf.uris import Uris, digest, normalise
from lod.settings import Settings
from lod.store import Solutions
from _engines import Servers, new_store, reader
from _rdf import held, same
from conftest import make_settings


def _article(settings: Settings, name: str, publisher: str, place: str = "Saraqeb") -> Path:
    path = settings.data_dir / "articles" / f"{name}.txt"
    path.write_text(
        f"Title: Families flee {place}\nSource URL: https://news.example/{name}\nPublisher: {publisher}\n"
        f"Published: 2020-01-28\n\nMore than 500 families fled {place} on Monday, {publisher} said.\n",
        encoding="utf-8",
    )
    return path


def _org(settings: Settings, name: str) -> URIRef:
    return Uris(settings.base_uri, settings.vocab_uri).org("h/" + digest("org", normalise(name)))


def _graphs_with(settings: Settings, subject: URIRef) -> dict[str, int]:
    """The graphs holding triples about ``subject``, with how many."""
    store = reader(settings)
    try:
        result = store.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{subject}> ?p ?o }} }} GROUP BY ?g")
    finally:
        store.close()
    assert isinstance(result, Solutions)
    return {row["g"]: int(row["n"]) for row in result.values()}


def _only(settings: Settings) -> Settings:
    """The settings with the seed article left out (three short articles build in a fraction of its time)."""
    for path in (settings.data_dir / "articles").iterdir():
        path.unlink()
    return settings


def _fresh(tmp_path: Path, files: dict[str, str]) -> Settings:
    """A build from nothing of these articles (name -> publisher), on a store of its own."""
    settings = _only(make_settings(tmp_path / "fresh", keep=True))
    for name, publisher in files.items():
        _article(settings, name, publisher)
    build(settings)
    return settings


@pytest.fixture
def two(settings: Settings) -> Settings:
    """Two articles from a publisher no reference data names, and one from another."""
    _only(settings)
    _article(settings, "a", "Example Wire")
    _article(settings, "b", "Example Wire")
    _article(settings, "c", "Lone Wire")
    build(settings)
    return settings


def test_a_minted_organization_is_described_once_in_the_shared_graph(two: Settings) -> None:
    uris = Uris(two.base_uri, two.vocab_uri)
    org = _org(two, "Example Wire")
    assert _graphs_with(two, org) == {str(uris.shared_graph): 3}  # two types and the label, once
    store = reader(two)
    try:
        result = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <https://schema.org/publisher> <{org}> }} }}")
        kinds = store.query(f"SELECT ?t WHERE {{ <{org}> a ?t }}")
    finally:
        store.close()
    assert isinstance(result, Solutions) and isinstance(kinds, Solutions)
    assert {row["g"] for row in result.values()} == {str(uris.article_graph(k)) for k in _keys(two, "a", "b")}
    assert {row["t"] for row in kinds.values()} == {str(ORG.Organization), "https://schema.org/Organization"}


def _keys(settings: Settings, *names: str) -> list[str]:
    from lod.model.articles import read_article
    return [read_article(settings.data_dir / "articles" / f"{n}.txt").key for n in names]


def test_removing_an_article_drops_what_only_it_described(two: Settings, tmp_path: Path) -> None:
    (two.data_dir / "articles" / "c.txt").unlink()
    build(two)
    assert _graphs_with(two, _org(two, "Lone Wire")) == {}
    assert _graphs_with(two, _org(two, "Example Wire"))
    fresh = _fresh(tmp_path, {"a": "Example Wire", "b": "Example Wire"})
    assert same(held(two), held(fresh))


@pytest.mark.embedded_only  # a SPARQL server's build prepares every article and replaces the shared graph whole
def test_a_staged_build_keeps_the_descriptions_unchanged_articles_use(two: Settings, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "IN_PLACE_MAX", 0)  # staged: a copied from the live store
    _article(two, "b", "Lone Wire")
    (two.data_dir / "articles" / "c.txt").unlink()
    report = build(two)
    assert report.staged and report.unchanged == 1
    fresh = _fresh(tmp_path, {"a": "Example Wire", "b": "Lone Wire"})
    assert same(held(two), held(fresh))


def test_ingest_replacing_an_article_drops_its_old_publisher(two: Settings, tmp_path: Path) -> None:
    ingest(_article(two, "c", "Other Wire"), two)
    assert _graphs_with(two, _org(two, "Lone Wire")) == {}
    assert _graphs_with(two, _org(two, "Other Wire"))
    fresh = _fresh(tmp_path, {"a": "Example Wire", "b": "Example Wire", "c": "Other Wire"})
    assert same(held(two), held(fresh))


def test_the_shapes_still_see_a_minted_node_types(settings: Settings) -> None:
    """The article's check is given the shared triples it produced: a minted publisher has its types there."""
    from lod.pipeline.preparation import Context, prepare

    item = prepare(_article(settings, "a", "Example Wire"), Context.load(settings))
    org = _org(settings, "Example Wire")
    assert (org, RDF.type, ORG.Organization) in item.graph  # what validation saw
    assert (org, RDF.type, ORG.Organization) in item.mapped.shared_graph()
    assert (org, RDF.type, ORG.Organization) not in item.mapped.own_graph()
    assert (org, SKOS.prefLabel, Literal("Example Wire", lang="en")) in item.mapped.shared_graph()
    own, shared = item.ntriples, item.shared
    assert own.count(b"\n") + shared.count(b"\n") == len(item.graph)


# ---- the clean-up itself, on every engine (no build: three small graphs) -------------------------------------

_BASE = Settings().base_uri
_SHARED, _A, _B = (URIRef(f"{_BASE}graph/{n}") for n in ("shared", "article/a", "article/b"))


def _ttl(text: str) -> Graph:
    return Graph().parse(data="@prefix ex: <http://example.org/> .\n" + text, format="turtle")


def test_the_clean_up_drops_only_what_no_other_graph_names(engine: str, tmp_path: Path, servers: Servers) -> None:
    """``a`` names ex:x and ex:y, ``b`` names ex:y; replacing ``a`` by a graph naming neither, adding a description
    of ex:z in the same request, leaves ex:y (``b`` names it) and drops ex:x."""
    store = new_store(engine, Settings(store_path=tmp_path / "store"), servers)
    try:
        store.replace_graphs({_A: _ttl("ex:a ex:mentions ex:x, ex:y ."), _B: _ttl("ex:b ex:mentions ex:y ."),
                              _SHARED: _ttl('ex:x a ex:Org ; ex:label "x" . ex:y a ex:Org ; ex:label "y" .')})
        before = candidates(store, _SHARED, [_A])
        assert sorted(map(str, before)) == ["http://example.org/x", "http://example.org/y"]
        store.replace_graphs({_A: _ttl("ex:a ex:mentions ex:z .")}, add={_SHARED: _ttl('ex:z a ex:Org .')},
                             after=prune_update(_SHARED, before))
        result = store.query(f"SELECT ?s WHERE {{ GRAPH <{_SHARED}> {{ ?s a ?t }} }} ORDER BY ?s")
        assert isinstance(result, Solutions)
        assert [r["s"] for r in result.values()] == ["http://example.org/y", "http://example.org/z"]
    finally:
        store.close()


def test_no_candidates_no_clean_up() -> None:
    assert prune_update(_SHARED, []) == ""
