"""The word lists name only concepts our schemes define, so extraction never publishes an undefined concept."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from lod.extract.lexicon import EVENT_TRIGGERS, EVENT_TYPES, WEAPONS
from lod.pipeline.validation import load_ontology
from lod.rdf.namespaces import DEFAULT_VOCAB
from lod.rdf.uris import Uris
from lod.settings import ROOT

BASE = "http://127.0.0.1:8000/"


def _defined(scheme: str) -> set[str]:
    vocabulary = load_ontology(ROOT / "ontology", BASE, DEFAULT_VOCAB)
    uris = Uris(BASE, DEFAULT_VOCAB)
    return {
        str(c).rsplit("/", 1)[1]
        for c in vocabulary.subjects(SKOS.inScheme, uris.scheme(scheme))
        if (c, RDF.type, SKOS.Concept) in vocabulary and isinstance(c, URIRef)
    }


def test_every_weapon_the_extractor_names_is_a_concept() -> None:
    assert set(WEAPONS) <= _defined("weapon")


def test_every_campaign_word_has_an_event_type_concept() -> None:
    assert set(EVENT_TYPES) == set(EVENT_TRIGGERS)
    assert set(EVENT_TYPES.values()) <= _defined("event-type")
