"""Two of the look-ups of ``events.csv`` (:mod:`lod.publish.eventsheet`), each event's sources and its alleged
actors, from the union's facts (:class:`lod.publish.facts.Facts`) a build kept while writing the dumps, without asking
the store (their two whole-store queries were 0.6 of the main process's CPU seconds at 1,000 articles).

Each gives the rows its query gives, in its order, or None where that order is the engine's choice (a claim
with two actors or two names for who alleges it, an event or a claim that is not an IRI, a source that is a
blank node): then the query is asked.
"""

from __future__ import annotations

from collections import defaultdict

from lod.publish.facts import Facts, value
from lod.rdf.namespaces import dis

__all__ = ["claims", "predicates", "sources"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_EVENT = b"<http://semanticweb.cs.vu.nl/2009/11/sem/Event>"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_OA_SOURCE = "http://www.w3.org/ns/oa#hasSource"
_URL = "https://schema.org/url"
_NAME = "https://schema.org/name"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def predicates(vocab: str) -> list[str]:
    """The predicates whose triples :func:`sources` and :func:`claims` read."""
    d = str(dis(vocab))
    return [_RDF_TYPE, _PROV_DERIVED, _OA_SOURCE, _URL, f"{d}attribution", f"{d}allegedActor", _PREF_LABEL, f"{d}allegedBy", _NAME]


def _objects(facts: Facts, predicate: str) -> dict[bytes, list[bytes]]:
    found: dict[bytes, list[bytes]] = defaultdict(list)
    for s, o in facts.terms(predicate):
        found[s].append(o)
    return found


def _literal_or_iri(term: bytes) -> bool:
    return term[:1] == b'"' or (term[:1] == b"<" and term[:2] != b"<<")


def sources(facts: Facts) -> list[dict[str, str]] | None:
    """The rows of ``_SOURCES``: each event (``e``) and each of its sources (``source``: the URL of the article a
    span of it comes from, or what it is derived from), by event and source."""
    derived, has_source, url = (_objects(facts, p) for p in (_PROV_DERIVED, _OA_SOURCE, _URL))
    found: set[tuple[str, str]] = set()
    for e, kind in facts.terms(_RDF_TYPE):
        if kind != _EVENT:
            continue
        if e[:1] != b"<":
            return None  # where a blank node sorts is the engine's choice
        for origin in derived.get(e, ()):
            urls = {u for s in has_source.get(origin, ()) for u in url.get(s, ())}
            if not all(_literal_or_iri(u) for u in urls) or not (urls or _literal_or_iri(origin)):
                return None  # STR() of a blank node: no source, which the query's rows show otherwise
            found |= {(value(e), value(u)) for u in urls or [origin]}
    return [{"e": e, "source": source} for e, source in sorted(found)]


def claims(facts: Facts, vocab: str) -> list[dict[str, str]] | None:
    """The rows of ``_CLAIMS``: each event's (``e``) claims (``claim``), with the alleged actor's name (``actor``)
    and, when known, who alleges it (``by``), by event and claim."""
    d = str(dis(vocab))
    attribution, actor_of, alleged_by = (_objects(facts, p) for p in (f"{d}attribution", f"{d}allegedActor", f"{d}allegedBy"))
    labels, names = _objects(facts, _PREF_LABEL), _objects(facts, _NAME)
    out: list[tuple[str, str, dict[str, str]]] = []
    for e, told in attribution.items():
        for claim in set(told):
            actors = {label for actor in actor_of.get(claim, ()) for label in labels.get(actor, ())}
            if not actors:
                continue
            if e[:1] != b"<" or claim[:1] != b"<":
                return None  # where a blank node sorts is the engine's choice
            by = {n for who in alleged_by.get(claim, ()) for n in [*labels.get(who, ()), *names.get(who, ())]}
            if len(actors) > 1 or len(by) > 1:
                return None  # two rows for one claim, in the engine's order
            row = {"e": value(e), "claim": value(claim), "actor": value(actors.pop())}
            if by:
                row["by"] = value(by.pop())
            out.append((row["e"], row["claim"], row))
    return [row for _, _, row in sorted(out, key=lambda item: (item[0], item[1]))]
