"""The JSON-LD writer's compaction of IRIs (lod._jsonld), against its definition."""

from __future__ import annotations

import pytest

from lod._jsonld import _Compiled

CONTEXT = {
    "id": "http://example.org/id/",
    "ex": "http://example.org/",
    "place": "http://example.org/id/place/",
    "again": "http://example.org/id/",  # the same namespace under a second name: the first name is used
    "frag": "http://example.org/def#",
    "name": {"@id": "http://schema.org/name"},
    "geo": "http://www.opengis.net/ont/geosparql#",
}


def _defined(iri: str) -> str:
    """The longest namespace of the context the IRI starts with, leaving a local part that is not empty and
    does not start with // (which would read as a network path), the first name in the context's order."""
    namespaces = [(v, k) for k, v in CONTEXT.items() if isinstance(v, str) and v[-1] in "/#"]
    for namespace, name in sorted(namespaces, key=lambda p: -len(p[0])):
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            return f"{name}:{local}"
    return iri


@pytest.mark.parametrize("iri", [
    "http://example.org/id/place/pcode/SY07",  # the longest namespace wins
    "http://example.org/id/place/",  # nothing left under place: id
    "http://example.org/id/observation/x#y",
    "http://example.org/id/",  # nothing left under id: ex
    "http://example.org/id//x",  # // after id: ex
    "http://example.org/def#Thing",
    "http://example.org/def#",
    "http://example.org/other",
    "http://example.org/",
    "http://example.com/x/y",  # no namespace: the IRI itself
    "urn:x:y",
    "http://example.org/id/é/ü",
])
def test_compact_iri_is_the_longest_namespace_the_iri_starts_with(iri: str) -> None:
    assert _Compiled(CONTEXT).compact(iri) == _defined(iri)


def test_compact_iri_refuses_an_iri_whose_scheme_is_a_term() -> None:
    with pytest.raises(ValueError):
        _Compiled(CONTEXT).compact("geo:36.2,37.1")
