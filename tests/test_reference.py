"""The reference data as a graph (lod.reference): built once per process for the same inputs, never for others."""

from __future__ import annotations

from rdflib import URIRef

from lod.namespaces import DEFAULT_VOCAB, dis
from lod.reference import load_reconciler, reference_graph
from lod.settings import ROOT
from lod.uris import Uris

REFERENCE = ROOT / "data" / "reference"
BASE = "http://127.0.0.1:8000/"


def test_a_graph_built_under_one_vocabulary_namespace_is_not_given_for_another() -> None:
    """The cache once left the vocabulary out of its key: a build under the default vocabulary after one under
    another got the other's ``adminLevel``, and no event matched its data set row (places had no level)."""
    reconciler = load_reconciler(REFERENCE)
    other = "https://vocab.example/def/"
    first = reference_graph(REFERENCE, reconciler, Uris(BASE, other), communities=False)
    second = reference_graph(REFERENCE, reconciler, Uris(BASE, DEFAULT_VOCAB), communities=False)
    idlib = URIRef(f"{BASE}id/place/pcode/SY07")
    assert first.value(idlib, dis(other).adminLevel) is not None
    assert second.value(idlib, dis(DEFAULT_VOCAB).adminLevel) is not None
    assert second.value(idlib, dis(other).adminLevel) is None
