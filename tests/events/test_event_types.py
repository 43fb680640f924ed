"""The event-type scheme is aligned to ACLED's event and sub-event types: each ACLED name is a typed notation of
one concept, each sub-event type lies under the event type ACLED files it under, concepts ACLED lacks point to the
nearest ACLED concept, and docs/model.md's table says what the scheme holds."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from lod.events.graph import event_types
from lod.rdf.namespaces import DEFAULT_VOCAB, dis
from lod.rdf.uris import Uris
from lod.settings import ROOT

D = dis(DEFAULT_VOCAB)
CONCEPT = DEFAULT_VOCAB + "concept/event-type/"
# ACLED's codebook: the sub-event types of the event types of political violence that lod reads (the pairs as
# ACLED publishes them; the others, protests, riots and strategic developments, are not conflict incidents here).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
}


def scheme() -> Graph:
    return Graph().parse(ROOT / "ontology" / "concepts.ttl")


def acled_names(graph: Graph) -> dict[str, str]:
    """ACLED name -> concept slug, from the typed notations."""
    return {str(n): str(c).removeprefix(CONCEPT) for c, n in graph.subject_objects(SKOS.notation)
            if isinstance(n, Literal) and n.datatype == D.ACLEDEventType}


def test_each_acled_name_is_one_concept_filed_under_acleds_event_type() -> None:
    graph = scheme()
    names = acled_names(graph)
    assert set(ACLED) <= set(names)
    for name, concept in names.items():
        assert str(graph.value(URIRef(CONCEPT + concept), SKOS.inScheme)).endswith("/scheme/event-type"), name
        parent = graph.value(URIRef(CONCEPT + concept), SKOS.broader)
        if name in ACLED:
            assert parent is None, f"{name} is an ACLED event type: a top concept"
        else:
            (event_type,) = [t for t, subs in ACLED.items() if name in subs]
            assert parent == URIRef(CONCEPT + names[event_type]), f"{name} lies under {parent}, ACLED files it under {event_type}"


def test_concepts_acled_lacks_say_so_and_point_to_the_nearest() -> None:
    graph = scheme()
    named = set(acled_names(graph).values())
    others = {str(c).removeprefix(CONCEPT) for c in graph.subjects(SKOS.inScheme, URIRef(DEFAULT_VOCAB + "scheme/event-type"))} - named
    assert others == {"ground-assault", "bombing-campaign", "military-offensive"}
    for concept in others:
        assert "ACLED" in str(graph.value(URIRef(CONCEPT + concept), SKOS.definition)), concept
    assert graph.value(URIRef(CONCEPT + "ground-assault"), SKOS.closeMatch) == URIRef(CONCEPT + "armed-clash")


def test_the_model_table_lists_the_scheme() -> None:
    """docs/model.md's table of event types: each row's concept has that ACLED name, and every concept is a row."""
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    table = text[text.index("| concept | ACLED name (typed notation) |"):].split("\n\n", 1)[0].splitlines()[2:]
    graph = scheme()
    names = acled_names(graph)
    listed: set[str] = set()
    for line in table:
        concepts, acled = (cell.strip() for cell in line.strip("|").split("|"))
        for concept in re.split(r",\s*", concepts):
            listed.add(concept)
            if acled.startswith("none"):
                assert concept not in names.values(), concept
                match = re.search(r"`skos:closeMatch` ([\w-]+)", acled)
                if match:
                    assert graph.value(URIRef(CONCEPT + concept), SKOS.closeMatch) == URIRef(CONCEPT + match.group(1))
            else:
                assert names.get(acled) == concept, line
    assert listed == {str(c).removeprefix(CONCEPT) for c in graph.subjects(SKOS.inScheme, URIRef(DEFAULT_VOCAB + "scheme/event-type"))}


def test_acled_cells_are_read_by_their_acled_name_in_any_case() -> None:
    """How ``event_type``/``sub_event_type`` cells are read (lod.events.graph.event_types): by the typed notation."""
    graph = scheme()
    types = event_types(graph, Uris("http://127.0.0.1:8000/", DEFAULT_VOCAB))
    for name, concept in acled_names(graph).items():
        assert types.by_label[name.casefold()] == concept, name
