"""The look-ups of lod.shacl.proofs never say "no row" where the query they stand for has one: on generated
articles, and on those articles broken where the SPARQL constraints look (dates moved, figures and offsets
changed, quotes edited, qualifiers swapped, observations doubled, links dropped), each check is held to its
query, run in Oxigraph for every subject of the graph."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from lod.pipeline.preparation import Context
from lod.pipeline.validation import _validator, load_shapes
from lod.rdf.namespaces import DEFAULT_BASE, DEFAULT_VOCAB, SH
from lod.shacl.data import Data
from lod.shacl.proofs import check_for
from lod.shacl.sparql import SparqlConstraint, _prefixes

from shacl.conftest import GROUP

ROOT = Path(__file__).parent.parent.parent
ARTICLES = 20
BREAKAGES = 4  # per article
IN_TURN = 2  # properties broken in turn per breakage (beside three triples at random)
pytestmark = GROUP  # with test_validator.py, for their shared articles (conftest.py)


def _constraints(ctx: Context) -> list[SparqlConstraint]:
    found: dict[int, SparqlConstraint] = {}
    todo = list(_validator(ctx.shapes).shapes.targeted)
    seen: set[int] = set()
    while todo:
        shape = todo.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        todo.extend(shape.properties)
        for constraint in shape.constraints:
            if isinstance(constraint, SparqlConstraint):
                found[id(constraint)] = constraint
    return list(found.values())


def test_every_query_an_article_runs_has_a_check() -> None:
    """The shapes of articles' nodes (displacement.ttl) all have one: a query changed in the shapes without its
    check here would run in Oxigraph again, correct but five milliseconds an article slower."""
    shapes = load_shapes(ROOT / "shapes", DEFAULT_BASE, DEFAULT_VOCAB)
    article_shapes = Graph().parse(ROOT / "shapes" / "displacement.ttl")
    texts = {str(t) for t in article_shapes.objects(None, SH.select)}
    assert len(texts) >= 10
    for node, select in shapes.subject_objects(SH.select):
        if str(select) in texts:
            assert check_for(str(select), _prefixes(shapes, node)) is not None, str(select)[:200]


def test_a_query_that_is_not_known_word_for_word_has_no_check() -> None:
    shapes = load_shapes(ROOT / "shapes", DEFAULT_BASE, DEFAULT_VOCAB)
    node, select = next((n, s) for n, s in shapes.subject_objects(SH.select) if "REPLACE" in str(s))
    prefixes = _prefixes(shapes, node)
    assert check_for(str(select), prefixes) is not None
    assert check_for("  " + str(select).replace("\n", "\n\t ") + "\n", prefixes) is not None  # blanks do not count
    assert check_for(str(select).replace("\u00a0", ""), prefixes) is None  # a no-break space does
    assert check_for(str(select).replace("?value", "?v"), prefixes) is None
    assert check_for(str(select), {k: v for k, v in prefixes.items() if k != "oa"}) is None


@pytest.fixture(scope="module")
def articles(mapped_articles: tuple[Context, list[Graph]]) -> tuple[Context, list[tuple[Graph, list[tuple[Node, Node, Node]]]]]:
    ctx, graphs = mapped_articles
    return ctx, [(graph, ctx.context_triples(graph)) for graph in graphs[:ARTICLES]]


def test_a_check_that_finds_no_row_agrees_with_its_query(articles: tuple[Context, list[tuple[Graph, list[tuple[Node, Node, Node]]]]]) -> None:
    ctx, graphs = articles
    constraints = [c for c in _constraints(ctx) if c._check is not None]
    assert len(constraints) >= 10
    rng = random.Random(11)
    rows_seen: dict[int, int] = {id(c): 0 for c in constraints}
    proven = 0
    for index, (graph, context) in enumerate(graphs):
        for round_ in range(BREAKAGES + 1):
            broken = graph if round_ == 0 else _break(graph, rng)
            triples = list(broken)
            data = Data([triples, context])
            for constraint in constraints:
                assert constraint._check is not None
                for node in dict.fromkeys(s for s, _, _ in triples):
                    rows = list(data.store().query(constraint.query, substitutions={_this(): data.to_ox(node)}))
                    rows_seen[id(constraint)] += bool(rows)
                    if not constraint._check(data, node):
                        proven += 1
                        assert not rows, f"article {index}, breakage {round_}: {node} has rows for\n{constraint.query}"
    assert proven > 1000
    # the breakages reach every query (the comparison saw rows), but the warning of two observations in one cell
    assert sum(1 for seen in rows_seen.values() if seen) >= len(constraints) - 1, [c.query[c.query.find("SELECT"):][:400] for c in constraints if not rows_seen[id(c)]]


def _this():  # type: ignore[no-untyped-def]
    import pyoxigraph as ox
    return ox.Variable("this")


_LOOKED_AT = ("reportDate", "inXSDDate", "datePublished", "dateCreated", "start", "end", "exact", "reportedFigure",
              "minValue", "maxValue", "figureQualifier", "figureAsPrinted", "appearance", "hasSource", "refArea",
              "populationUnit", "reportedBy", "identifier", "containedInPlace", "hasSelector", "wasDerivedFrom",
              "hasBeginning", "hasEnd", "refPeriod", "figureCategory", "type")


def _local(iri: Node) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


_turns = itertools.count()


def _break(graph: Graph, rng: random.Random) -> Graph:
    """A copy of ``graph`` with up to five of the triples the SPARQL constraints read changed, or an
    observation doubled."""
    broken = Graph()
    broken += graph
    # blank node labels are random: sorted without them (the graph's own order breaks ties), the same triples
    # are chosen on every run
    triples = sorted((t for t in graph if _local(t[1]) in _LOOKED_AT), key=lambda t: tuple(_named(n) for n in t))
    # some of them by properties taken in turn, so every property looked at is broken somewhere in the run
    properties = sorted({_local(p) for _, p, _ in triples})
    chosen: list[tuple[Node, Node, Node]] = []
    for _ in range(IN_TURN if properties else 0):
        turn = [t for t in triples if _local(t[1]) == properties[next(_turns) % len(properties)] and t not in chosen]
        chosen += rng.sample(turn, 1) if turn else []
    others = [t for t in triples if t not in chosen]
    for s, p, o in chosen + rng.sample(others, min(3, len(others))):
        how = rng.randrange(5)
        if how == 0:
            broken.remove((s, p, o))
        elif how == 1:
            broken.add((s, p, _changed(o, graph, rng)))
        elif how == 2 and _local(p) in ("reportedFigure", "refArea"):
            twin = URIRef(str(s) + "-twin")
            for p2, o2 in graph.predicate_objects(s):
                broken.add((twin, p2, o2))
        else:
            broken.remove((s, p, o))
            broken.add((s, p, _changed(o, graph, rng)))
    return broken


def _named(node: Node) -> str:
    return "" if isinstance(node, BNode) else str(node)


def _changed(node: Node, graph: Graph, rng: random.Random) -> Node:
    """Another value near this one, of the same kind mostly, sometimes of another."""
    if rng.random() < 0.1:
        return rng.choice([Literal("x"), Literal("7", datatype=XSD.decimal), Literal("07", datatype=XSD.integer),
                           Literal("2020-02-30", datatype=XSD.date), Literal("2020-01-01T00:00:00", datatype=XSD.dateTime),
                           Literal("SY", lang="en"), BNode(), URIRef("http://example.org/other")])
    if isinstance(node, Literal) and node.datatype == XSD.integer:
        return Literal(int(node) + rng.choice([-1000, -2, -1, 1, 2, 10]))
    if isinstance(node, Literal) and node.datatype == XSD.date:
        return Literal((date.fromisoformat(str(node)) + timedelta(days=rng.choice([-400, -1, 1, 30, 4000]))).isoformat(), datatype=XSD.date)
    if isinstance(node, Literal) and node.datatype == XSD.dateTime:
        return Literal(rng.choice(["2010-01-01T00:00:00", "2030-06-01T10:00:00+03:00"]), datatype=XSD.dateTime)
    if isinstance(node, Literal):
        text = str(node)
        return Literal(rng.choice([text[1:], text[:-1], text + "1", text.replace("0", "9"), "SY0" + text, text[:2]]),
                       lang=node.language)
    if isinstance(node, URIRef):
        others = sorted({o for o in graph.objects() if isinstance(o, URIRef)}, key=str)
        return rng.choice(others)
    return node
