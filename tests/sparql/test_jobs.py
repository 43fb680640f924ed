"""A query job in one process: the graph the engine writes as Turtle is the answer the triples would give, and
the cap holds whichever way the answer is written."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from lod.formats import TURTLE
from lod.sparql.jobs import TURTLE_LEAST_BYTES, Job, answer
from lod.store import OxigraphStore

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
# The shortest objects the engine's Turtle writes: one digit, a boolean, an empty string, a blank node.
Term = ox.NamedNode | ox.BlankNode | ox.Literal
SHORT: list[Term] = [ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")) for i in range(10)]
SHORT += [ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), ox.Literal(""), ox.BlankNode("b"), ox.NamedNode("a:")]


def store_of(triples: list[ox.Triple]) -> OxigraphStore:
    store = OxigraphStore()
    store.engine.extend([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(f"{EX}g")) for t in triples])
    return store


def turtle_job(query: str, limit: int | None) -> Job:
    return Job(query, (), (), limit, None, "ttl")


def least(written: bytes) -> int:
    """The fewest bytes TURTLE_LEAST_BYTES allows for the triples ``written`` holds (as many as it lists)."""
    held = list(ox.parse(written, format=ox.RdfFormat.TURTLE))
    return TURTLE_LEAST_BYTES * (len(held) - 1) + 5 if held else 0


@pytest.mark.parametrize("seed", range(40))
def test_the_engines_turtle_spends_at_least_the_least_bytes_a_triple(seed: int) -> None:
    """What lets a short Turtle answer be taken whole: written as the engine writes it, n triples take at least
    4 (n - 1) + 5 bytes, here for the shortest terms in every arrangement (one subject and predicate, many; the
    same triple made twice by a UNION)."""
    rng = random.Random(seed)
    subjects: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode("a:"), ox.BlankNode("s"), ox.NamedNode(f"{EX}s")]
    subjects = subjects[: rng.randint(1, 3)]
    predicates = [ox.NamedNode("p:"), ox.NamedNode(f"{EX}p")][: rng.randint(1, 2)]
    triples = [ox.Triple(rng.choice(subjects), rng.choice(predicates), rng.choice(SHORT)) for _ in range(rng.randint(1, 300))]
    written = ox.serialize(triples, format=ox.RdfFormat.TURTLE) or b""
    assert len(written) >= least(written)
    store = store_of(triples)
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } }"):
        written = store.construct_written(query, ox.RdfFormat.TURTLE) or b""
        assert len(written) >= least(written)


def test_a_short_turtle_answer_is_the_engines_and_the_same_bytes() -> None:
    triples = [ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), o) for o in SHORT]
    triples += [ox.Triple(ox.BlankNode("b"), ox.NamedNode(f"{EX}q"), ox.Literal("x\ny", language="en"))]
    store = store_of(triples)
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", f"DESCRIBE <{EX}s>",
                  f"CONSTRUCT {{ <{EX}s> ?p ?o . ?o ?q ?r }} WHERE {{ <{EX}s> ?p ?o OPTIONAL {{ ?o ?q ?r }} }}"):
        expected = store.query(query, limit=10_000).serialize(TURTLE)
        assert len(expected) <= TURTLE_LEAST_BYTES * 10_001  # short enough to be taken whole
        assert answer(store, turtle_job(query, 10_000)) == ("ok", "graph", "ttl", expected, False)


@pytest.mark.parametrize("limit", [12, 13, 14, 40, 1000, None])
def test_the_cap_holds_however_the_turtle_is_written(limit: int | None) -> None:
    """13 triples of one-digit objects: capped at 12; whole at 13 and more, taken whole by the engine once the
    limit leaves room (40), counted the general way under it."""
    triples = [ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), SHORT[i % 10]) for i in range(10)]
    triples += [ox.Triple(ox.NamedNode(f"{EX}t"), ox.NamedNode(f"{EX}p"), SHORT[i]) for i in range(3)]
    reply = answer(store_of(triples), turtle_job("CONSTRUCT WHERE { ?s ?p ?o }", limit))
    assert reply[0] == "ok"
    held = {str(t) for t in ox.parse(reply[3], format=ox.RdfFormat.TURTLE)}
    assert reply[4] is (limit == 12)
    assert len(held) == (12 if limit == 12 else 13) and held <= {str(t) for t in triples}
