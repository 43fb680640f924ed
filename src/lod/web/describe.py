"""What a document about one entity holds, computed from the store with one SPARQL CONSTRUCT.

The description of ``<e>`` is:

* every triple with ``<e>`` as subject, and the blank nodes below it (up to ``BNODE_DEPTH`` levels,
  which covers selectors, instants and geometries);
* the labels, types and ``schema:text`` of every IRI it links to, so a client can show the links by name;
* for each text span it (or a thing it links to) is derived from: the span's source article, its
  headline, and the selectors with the quoted sentence;
* up to ``INCOMING_LIMIT`` triples pointing at ``<e>``, with the labels, types and text of their subjects
  (leaving out the properties the caller hides). The sources of the things linking in are in their own
  documents: a hub (an organization that reported thousands of figures) stays a page, not a dump, and costs
  the same at any size of the store; the links beyond the limit are counted by :func:`incoming_count`.

So a client needs no second request to show the entity.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox

from lod.errors import NotFound
from lod.store import Solutions, Store

__all__ = [
    "BNODE_DEPTH", "INCOMING_LIMIT", "SUMMARY", "Description", "check_iri", "describe", "describe_query", "exists", "incoming_count",
    "incoming_query",
]

BNODE_DEPTH = 3
# 50, not 100: the summaries of the things linking in are most of a hub's document and of its cost (an organization
# or governorate with thousands of links: 16 -> 9 ms of the describe query at 10,000 articles); the HTML page says
# how many link in all and links a query listing every one.
INCOMING_LIMIT = 50

# Properties that name or summarise a linked thing (the paged links in, lod.web.incoming, name their things by them too).
SUMMARY = ", ".join(
    f"<{iri}>"
    for iri in (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "https://schema.org/name",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "https://schema.org/headline",
        "http://purl.org/dc/terms/title",
        "https://schema.org/text",
    )
)

# Every branch starts from <e>, so Oxigraph evaluates it by index lookups from the entity outwards and the cost
# follows the entity's neighbourhood, never the size of the store. Keep it so: the names of linked things are
# filtered with FILTER(?sp IN ...), because ``VALUES ?sp`` made Oxigraph start from the VALUES, scan every
# label, type and text triple of the store and join them with the links afterwards (1.8 s at 5,000 articles).
# A triple shared by many graphs (a date, a place) comes back once per graph from the union default graph, so each
# branch takes DISTINCT values before joining or writing, or the copies would multiply along the joins: a place named
# in 985 articles ("Northern Syria") has its name and types in 985 graphs, and an article naming it took 20 ms to
# write those 2,955 copies; DISTINCT compares the engine's ids before any term is decoded (1 ms). For the same
# reason a span's source and its selectors are found in two branches, not one join (sources x selectors x their
# triples), and only blank objects are followed (a lookup of every object's triples, then a filter, read the hub's
# copies too).
# ``oxigraph query --explain --stats`` shows the plan: each QuadPattern should have a bound term.
_DESCRIBE = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
CONSTRUCT {
    <%(e)s> ?p ?o . ?o ?p1 ?o1 . ?o1 ?p2 ?o2 . ?o2 ?p3 ?o3 .
    ?linked ?sp ?sv .
    ?span oa:hasSource ?article ; oa:hasSelector ?sel . ?sel ?selp ?selo . ?article schema:headline ?headline .
    ?in ?ip <%(e)s> .
}
WHERE {
    {
        SELECT DISTINCT ?p ?o WHERE { <%(e)s> ?p ?o }
    } UNION {
        { SELECT DISTINCT ?o WHERE { <%(e)s> ?p0 ?o FILTER(isBlank(?o)) } }
        ?o ?p1 ?o1 .
        OPTIONAL { FILTER(isBlank(?o1)) ?o1 ?p2 ?o2 .
            OPTIONAL { FILTER(isBlank(?o2)) ?o2 ?p3 ?o3 } }
    } UNION {
        SELECT DISTINCT ?linked ?sp ?sv WHERE {
            { SELECT DISTINCT ?linked WHERE {
                { <%(e)s> ?lp ?linked } UNION { SELECT DISTINCT ?linked ?ip0 WHERE { ?linked ?ip0 <%(e)s> %(hide_ip0)s } LIMIT %(limit)d }
                FILTER(isIRI(?linked) && ?linked != <%(e)s>)
            } }
            ?linked ?sp ?sv .
            FILTER(?sp IN (%(summary)s))
        }
    } UNION {
        { SELECT DISTINCT ?span WHERE {
            { <%(e)s> prov:wasDerivedFrom ?span }
            UNION { <%(e)s> ?lp ?x . ?x prov:wasDerivedFrom ?span }
            UNION { VALUES ?span { <%(e)s> } }
            ?span oa:hasSource ?anySource ; oa:hasSelector ?anySelector . ?anySelector ?anyP ?anyO .
        } }
        { ?span oa:hasSource ?article OPTIONAL { ?article schema:headline ?headline } }
        UNION { ?span oa:hasSelector ?sel . ?sel ?selp ?selo }
    } UNION {
        SELECT DISTINCT ?in ?ip WHERE { ?in ?ip <%(e)s> %(hide_ip)s } LIMIT %(limit)d
    }
}
"""


@dataclass(frozen=True)
class Description:
    """The triples of one entity's document (as the engine wrote them, in N-Triples), and a strong validator."""

    entity: str
    lines: tuple[bytes, ...]  # unique N-Triples lines: the entity's own first, then by subject, blank nodes last

    @cached_property
    def ntriples(self) -> bytes:
        return b"".join(line + b"\n" for line in self.lines)

    @cached_property
    def triples(self) -> list[ox.Triple]:
        return [quad.triple for quad in ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES)]

    @property
    def digest(self) -> str:
        """SHA-256 over the sorted N-Triples lines: the same triples always give the same digest."""
        return hashlib.sha256(b"\n".join(sorted(self.lines))).hexdigest()[:32]


def exists(store: Store, entity: str) -> bool:
    """Whether the store says anything about ``entity`` as a subject.

    Raises:
        NotFound: ``entity`` is not an IRI.
    """
    result = store.query(f"ASK {{ <{check_iri(entity)}> ?p ?o }}")
    return bool(getattr(result, "value", False))


def describe(store: Store, entity: str, hide: Collection[str] = ()) -> Description:
    """The description of ``entity``; empty when the store does not know it. ``hide`` names properties whose
    links to ``entity`` are left out, with what the description would say about the things that link by
    them (an HTML page lists those in its own panels, from the things' own triples).

    Raises:
        NotFound: ``entity`` is not an IRI.
    """
    lines = set(store.construct_ntriples(describe_query(entity, hide)).splitlines())
    lines.discard(b"")
    ordered = sorted(lines)  # blank nodes ("_:") sort after IRIs ("<")
    own = f"<{entity}> ".encode()
    # The entity's own lines are one run of the sorted list: those starting "<entity> ", before "<entity>!".
    start, end = bisect_left(ordered, own), bisect_left(ordered, own[:-1] + b"!")
    return Description(entity, tuple(ordered[start:end] + ordered[:start] + ordered[end:]))


def incoming_query(entity: str, hide: Collection[str] = ()) -> str:
    """A SELECT of every thing linking to ``entity`` and by what (the document shows ``INCOMING_LIMIT`` of them).

    Raises:
        NotFound: ``entity`` is not an IRI.
    """
    return (f"SELECT DISTINCT ?in ?link WHERE {{ ?in ?link <{check_iri(entity)}> {_NAMED_SUBJECT} {_hidden('link', hide)} }}"
            " ORDER BY ?link ?in")


def incoming_count(store: Store, entity: str, hide: Collection[str] = (), upto: int | None = None) -> int:
    """How many (thing, property) pairs link to ``entity``, leaving out the ``hide`` properties; counted no further
    than ``upto`` + 1 when given (a hub has thousands: 50 ms of lookups to count them all).

    Raises:
        NotFound: ``entity`` is not an IRI.
    """
    cap = f" LIMIT {upto + 1}" if upto is not None else ""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?in ?link WHERE {{ ?in ?link <{check_iri(entity)}> {_NAMED_SUBJECT} {_hidden('link', hide)} }}{cap} }}"
    result = store.query(query)
    assert isinstance(result, Solutions)
    value = result.rows[0][0] if result.rows else None
    return int(value.value) if isinstance(value, ox.Literal) else 0


# A subject is an IRI or a blank node (lod writes no quoted triples): "not blank" says "IRI" in a test Oxigraph
# makes without decoding the term, a third of the count of a hub's links (2.4 against 1.5 ms at 10,000 articles).
_NAMED_SUBJECT = "FILTER(!isBlank(?in))"


def _hidden(var: str, hide: Collection[str]) -> str:
    return f"FILTER(?{var} NOT IN ({', '.join(f'<{check_iri(p)}>' for p in sorted(hide))}))" if hide else ""


def describe_query(entity: str, hide: Collection[str] = ()) -> str:
    """The CONSTRUCT query :func:`describe` runs (the serving benchmark sends the same one to Oxigraph).

    Raises:
        NotFound: ``entity`` is not an IRI.
    """
    filters = {f"hide_{var}": _hidden(var, hide) for var in ("ip", "ip0")}
    return _DESCRIBE % {"e": check_iri(entity), "summary": SUMMARY, "limit": INCOMING_LIMIT, **filters}


def check_iri(value: str) -> str:
    """``value`` checked to be an IRI, and so safe inside ``<...>`` in a query.

    Raises:
        NotFound: it is not an IRI (a space, quote, bracket or bad escape in the URL), so the store holds
            nothing under it.
    """
    if any(c in value for c in '<>"{}|^`\\ \n\t'):
        raise NotFound(value)
    try:
        ox.NamedNode(value)
    except ValueError:
        raise NotFound(value) from None
    return value
