"""Our SHACL validator gives exactly pySHACL's results: on every example of tests/shapes, on generated articles
as the build checks them (the article's nodes as focus nodes, the context as data), and on those articles broken
in many ways; the same whether the article comes as triples only or also as N-Triples (as the build gives it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from lod.errors import InputError
from lod.pipeline.preparation import Context
from lod.pipeline.validation import ArticleChecker, ValidationReport, load_ontology, load_shapes, validate
from lod.rdf.namespaces import DEFAULT_BASE, DEFAULT_VOCAB, SH, rebase

from shacl._pyshacl import FocusReference, reference
from shacl.conftest import GROUP

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "tests" / "shapes"
EXAMPLE_FILES = sorted(EXAMPLES.glob("S[0-9][0-9]-*.ttl"))
ARTICLES = 12  # generated articles checked as they are, and again broken
MUTATIONS = 3  # breakages per article
pytestmark = GROUP  # with test_proofs.py, for their shared articles (conftest.py)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes", DEFAULT_BASE, DEFAULT_VOCAB)


def _graph(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(data=rebase(path.read_text(encoding="utf-8"), DEFAULT_BASE, DEFAULT_VOCAB), format="turtle")
    return graph


def assert_same(ours: ValidationReport, theirs: ValidationReport, what: str) -> None:
    assert ours.conforms == theirs.conforms, what
    only_ours = set(ours.results) - set(theirs.results)
    only_theirs = set(theirs.results) - set(ours.results)
    assert not only_ours and not only_theirs, f"{what}\nonly ours:\n{_lines(only_ours)}\nonly pySHACL:\n{_lines(only_theirs)}"


def _lines(results: set) -> str:  # type: ignore[type-arg]
    return "\n".join(f"  {r.shape_id} {r.focus} {r.path_text} {r.value!r} {r.severity} {r.message[:60]}" for r in results)


@pytest.fixture(scope="module")
def checkers(shapes: Graph) -> tuple[ArticleChecker, FocusReference]:
    return ArticleChecker(shapes), FocusReference(shapes)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_as_an_article_gives_pyshacls_results(example: Path, checkers: tuple[ArticleChecker, FocusReference]) -> None:
    """The example's own nodes are the focus nodes, the context is data, as the build checks an article."""
    article, context = _graph(example), _graph(EXAMPLES / "context.ttl", ROOT / "ontology" / "concepts.ttl")
    ours, theirs = checkers[0].check(article, context), checkers[1].check(article, context)
    assert_same(ours, theirs, example.name)
    assert_same(checkers[0].check(article, context, _nt(article)), theirs, f"{example.name}, read as N-Triples")
    assert theirs.results or "-valid" in example.name  # the comparison saw results where there are some


@pytest.mark.parametrize("with_ontology", [False, True], ids=["data-only", "with-ontology"])
@pytest.mark.parametrize("example", EXAMPLE_FILES[::40], ids=lambda p: p.stem)
def test_examples_in_full_give_pyshacls_results(example: Path, with_ontology: bool, shapes: Graph) -> None:
    """Every target of every shape, blank nodes as they are (pySHACL over all the data: slower, so a sample)."""
    data = _graph(EXAMPLES / "context.ttl", ROOT / "ontology" / "concepts.ttl", example)
    ontology = load_ontology(ROOT / "ontology", DEFAULT_BASE, DEFAULT_VOCAB) if with_ontology else None
    theirs = reference(data + ontology if ontology is not None else data, shapes)
    assert_same(validate(data, shapes, ontology), theirs, example.name)


@pytest.fixture(scope="module")
def articles(mapped_articles: tuple[Context, list[Graph]]) -> tuple[Context, list[tuple[Graph, Graph]]]:
    """The generated articles' graphs as the build maps them, each with its context slice."""
    ctx, graphs = mapped_articles
    return ctx, [(graph, ctx.context_for(graph)) for graph in graphs[:ARTICLES]]


def test_generated_articles_give_pyshacls_results(articles: tuple[Context, list[tuple[Graph, Graph]]]) -> None:
    ctx, graphs = articles
    pyshacl = FocusReference(ctx.shapes)
    for index, (graph, context) in enumerate(graphs):
        theirs = pyshacl.check(graph, context)
        assert_same(ctx.checker.check(graph, context), theirs, f"article {index}")
        assert_same(ctx.checker.check(graph, context, _nt(graph)), theirs, f"article {index}, read as N-Triples")


def test_broken_articles_give_pyshacls_results(articles: tuple[Context, list[tuple[Graph, Graph]]]) -> None:
    ctx, graphs = articles
    rng = random.Random(7)
    pyshacl = FocusReference(ctx.shapes)
    failing = 0
    for index, (graph, context) in enumerate(graphs):
        for round_ in range(MUTATIONS):
            broken = _break(graph, rng)
            theirs = pyshacl.check(broken, context)
            failing += not theirs.conforms
            assert_same(ctx.checker.check(broken, context), theirs, f"article {index}, breakage {round_}")
            assert_same(ctx.checker.check(broken, context, _nt(broken)), theirs, f"article {index}, breakage {round_}, N-Triples")
    assert failing > len(graphs)  # the breakages do break articles


def _nt(graph: Graph) -> bytes:
    """The graph as the build hands it to the checker with its triples (the SPARQL constraints read it)."""
    return graph.serialize(format="nt", encoding="utf-8")


def _break(graph: Graph, rng: random.Random) -> Graph:
    """A copy of ``graph`` with a few triples dropped, doubled or given other objects."""
    broken = Graph()
    broken += graph
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for s, p, o in rng.sample(triples, 4):
        how = rng.randrange(4)
        if how == 0 or p == RDF.type and rng.random() < 0.5:
            broken.remove((s, p, o))
        elif how == 1:
            broken.add((s, p, _other(o, rng)))
        else:
            broken.remove((s, p, o))
            broken.add((s, p, _other(o, rng)))
    return broken


def _other(node: Node, rng: random.Random) -> Node:
    """Another object: a literal keeps its datatype (with a wrong value), an IRI may become anything. Literals of
    other datatypes are the examples' business: rdflib's SPARQL orders an integer against a date, say, where
    SPARQL 1.1 makes that comparison an error (its FILTER false), as Oxigraph does."""
    if isinstance(node, Literal) and node.datatype == XSD.integer:
        return Literal(rng.choice([-3, 0, int(node) - 1, int(node) + 1, int(node) + 1000]), datatype=XSD.integer)
    if isinstance(node, Literal) and node.datatype == XSD.date:
        return Literal(rng.choice(["2099-01-01", "1900-01-01"]), datatype=XSD.date)
    if isinstance(node, Literal) and node.datatype is not None:
        return Literal(str(node) + "0", datatype=node.datatype)
    if isinstance(node, Literal):
        return rng.choice([Literal("x y"), Literal("ظ", lang="ar"), Literal("again", lang="en"), Literal("")])
    return rng.choice([URIRef("http://example.org/elsewhere"), BNode(), Literal("x y"), Literal(-3, datatype=XSD.integer),
                       Literal("2099-01-01", datatype=XSD.date)])


def test_shapes_we_cannot_check_with_are_an_input_error(shapes: Graph) -> None:
    broken = Graph()
    broken += shapes
    constraint, select = next(iter(broken.subject_objects(SH.select)))
    broken.set((constraint, SH.select, Literal("SELECT $this WHERE { $this ?p")))
    with pytest.raises(InputError, match="not SPARQL"):
        validate(Graph(), broken)
    unknown = Graph()
    unknown += shapes
    kind = next(iter(unknown.subjects(SH.nodeKind, None)))
    unknown.set((kind, SH.nodeKind, SH.Nothing))
    with pytest.raises(InputError, match="not a node kind"):
        validate(Graph(), unknown)
