"""One query job: what a worker (or the calling thread, for an in-memory store) runs, and its reply.

A job and its reply are plain picklable values: the parent sends a :class:`Job` down a worker's socket and gets
a :data:`Reply` back, with the result already serialized, so only bytes cross the process boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

import pyoxigraph as ox

from lod.errors import QueryError, QuerySyntaxError, StoreUnavailable
from lod.formats import NTRIPLES, TURTLE, by_name
from lod.store import Boolean, QueryResult, Solutions, Store
from lod.store.querytext import keywords

__all__ = ["TURTLE_LEAST_BYTES", "Failure", "Form", "Job", "Ok", "Reply", "answer"]

Form = Literal["boolean", "solutions", "graph"]
FailureKind = Literal["syntax", "refused", "not-acceptable", "query", "memory", "unavailable", "failed"]

# The fewest bytes the engine's Turtle spends on a triple after the first: " , " and an object of one character
# (``1``); the first takes more ("<a:> <b:> 1 .\n"). So Turtle of at most 4 x (limit + 1) bytes holds at most
# ``limit`` triples (tests/sparql/test_jobs.py holds pyoxigraph to it).
TURTLE_LEAST_BYTES = 4
_WRITTEN = (NTRIPLES.name, TURTLE.name)

# A reply: ("ok", form, format name, body, capped) or ("error", kind, message, line, column).
Ok = tuple[Literal["ok"], Form, str, bytes, bool]
Failure = tuple[Literal["error"], FailureKind, str, int | None, int | None]
Reply = Union[Ok, Failure]


@dataclass(frozen=True)
class Job:
    """What a worker needs to answer one query (picklable)."""

    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    limit: int | None
    solutions_format: str | None  # the negotiated format name for SELECT and ASK, None if unacceptable
    graph_format: str | None  # the same for CONSTRUCT and DESCRIBE
    words: frozenset[str] | None = None  # the query's keywords as the caller lexed them (None: lex them here)


def answer(store: Store, job: Job) -> Reply:
    """Run a job against a store and serialize the result; errors become replies, not exceptions."""
    try:
        if _union_graph_query(job) and (written := _graph(store, job)) is not None:
            return written
        result = store.query(
            job.query,
            default_graph=list(job.default_graphs) or None,
            named_graphs=list(job.named_graphs) or None,
            limit=job.limit,
        )
    except QuerySyntaxError as exc:
        if _parses_as_update(job.query):
            return ("error", "refused", "SPARQL Update is not allowed: this endpoint is read-only", None, None)
        return ("error", "syntax", exc.message, exc.line, exc.column)
    except ValueError as exc:
        return ("error", "query", str(exc), None, None)
    except QueryError as exc:
        if type(exc) is not QueryError:  # a timeout, a refusal...: the caller's own kind of failure
            raise
        return ("error", "query", exc.message, None, None)  # what the engine cannot run (an unknown function)
    except StoreUnavailable as exc:  # the store, not the query: reading it failed
        return ("error", "unavailable", exc.reason, None, None)
    form, name = _form_and_format(result, job)
    if name is None:
        return ("error", "not-acceptable", "graph" if form == "graph" else "solutions", None, None)
    capped = not isinstance(result, Boolean) and result.capped
    return ("ok", form, name, result.serialize(by_name(name)), capped)


def _union_graph_query(job: Job) -> bool:
    """A CONSTRUCT or DESCRIBE over the union of all graphs, asked for as N-Triples or Turtle: the engine writes
    it. Any other format is written from the triples (by way of N-Triples parsed again an entity's Turtle cost
    2.2-2.9 ms, against 1.9-2.1 ms from the triples)."""
    if job.graph_format not in _WRITTEN or job.default_graphs or job.named_graphs:
        return False
    found = job.words if job.words is not None else keywords(job.query)  # a subquery can only be a SELECT
    return ("CONSTRUCT" in found or "DESCRIBE" in found) and "FROM" not in found


def _graph(store: Store, job: Job) -> Reply | None:
    """The graph written by the engine in one call: no term object per triple crosses into Python (an entity's
    Turtle: about a tenth of a worker's time). N-Triples is one line a triple, so the cap is a count of lines.
    Turtle is taken whole when it is too short to hold more than the cap (:data:`TURTLE_LEAST_BYTES`); a longer
    one stops the engine there, and None sends the query the general way, which counts its triples."""
    assert job.graph_format is not None
    if job.graph_format == TURTLE.name:
        most = None if job.limit is None else TURTLE_LEAST_BYTES * (job.limit + 1)
        turtle = store.construct_written(job.query, ox.RdfFormat.TURTLE, most)
        return None if turtle is None else ("ok", "graph", job.graph_format, turtle, False)
    written = store.construct_ntriples(job.query)
    capped = job.limit is not None and written.count(b"\n") > job.limit
    if capped:
        written = b"".join(written.splitlines(keepends=True)[: job.limit])
    return ("ok", "graph", job.graph_format, written, capped)


def _form_and_format(result: QueryResult, job: Job) -> tuple[Form, str | None]:
    if isinstance(result, Boolean):
        return "boolean", job.solutions_format
    if isinstance(result, Solutions):
        return "solutions", job.solutions_format
    return "graph", job.graph_format


def _parses_as_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update with at least one operation.

    Parsing only, with rdflib's grammar (pyoxigraph has no parser on its own): nothing is executed.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except (ParseException, ValueError, TypeError):
        return False
    operations = parsed.get("request")
    return bool(operations) and not isinstance(operations, str)
