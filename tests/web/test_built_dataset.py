"""Things of every kind in the real build of the seed dataset dereference: 303, then Turtle and HTML documents."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.settings import Settings


PER_KIND = 12  # the gazetteer alone has thousands of places; a dozen of each kind covers every page shape
REFERENCE_STRIDE = 50


def test_things_of_every_kind_dereference(built_settings: Settings, served_build: str) -> None:
    base = built_settings.base_uri
    dump = ox.parse(path=built_settings.dumps_dir / "lod.nt", format=ox.RdfFormat.N_TRIPLES)
    by_kind: dict[str, list[str]] = {}
    for subject in sorted({t.subject.value for t in dump if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(base + "id/")}):
        by_kind.setdefault(subject[len(base) + 3 :].split("/")[0], []).append(subject)
    assert {"article", "statement", "observation", "org", "place"} <= set(by_kind)
    things = [thing for kind in sorted(by_kind) for thing in by_kind[kind][:PER_KIND]]
    with httpx.Client(base_url=served_build, timeout=10) as http:
        for thing in things:
            path = thing[len(base) - 1 :]
            see_other = http.get(path, headers={"Accept": "text/turtle"})
            assert see_other.status_code == 303, thing
            location = see_other.headers["location"]
            assert location.startswith(base + "doc/"), location  # under the base URI, as a proxy would serve it
            location = "/" + location[len(base) :]
            document = http.get(location, headers={"Accept": "text/turtle"})
            assert document.status_code == 200, thing
            assert (URIRef(thing), None, None) in Graph().parse(data=document.text, format="turtle"), thing
            page = http.get(location, headers={"Accept": "text/html"})
            assert page.status_code == 200 and "<h1>" in page.text, thing


def test_build_home_and_dumps(built_settings: Settings, served_build: str) -> None:
    with httpx.Client(base_url=served_build, timeout=10) as http:
        assert http.get("/").status_code == 200
        listing = http.get("/dumps/", headers={"Accept": "text/turtle"})
        assert listing.status_code == 200
        assert len(Graph().parse(data=listing.text, format="turtle")) > 0
        assert http.get("/dumps/lod.nq.gz").status_code == 200


def test_every_uri_under_the_base_dereferences(built_settings: Settings, served_build: str) -> None:
    """Every IRI under the base that the articles and the vocabulary use (as subject or object) answers 200 in
    Turtle; of the gazetteer's 17,000 places and geometries, which only the reference graph uses, one in
    ``REFERENCE_STRIDE`` (sorted, so every kind and level is met): crawling them all took most of the suite."""
    base = built_settings.base_uri
    reference = base + "graph/reference"
    used: dict[str, bool] = {}  # IRI -> used outside the reference graph
    for quad in ox.parse(path=built_settings.dumps_dir / "lod.nq", format=ox.RdfFormat.N_QUADS):
        outside = quad.graph_name.value != reference  # type: ignore[union-attr]
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(base):
                used[term.value] = used.get(term.value, False) or outside
    everywhere = sorted(uri for uri, outside in used.items() if outside)
    gazetteer = sorted(uri for uri, outside in used.items() if not outside)
    assert len(everywhere) > 40 and len(gazetteer) > 10_000  # (concepts: under the vocabulary namespace, crawled below)
    crawled = everywhere + gazetteer[::REFERENCE_STRIDE]
    failures = []
    with httpx.Client(base_url=served_build, timeout=10) as http:
        for uri in crawled:
            answer = http.get(uri[len(base) - 1 :], headers={"Accept": "text/turtle"})
            if answer.status_code == 303:  # links point under the base URI; this server stands in for it
                location = answer.headers["location"]
                answer = http.get("/" + location[len(base) :] if location.startswith(base) else location, headers={"Accept": "text/turtle"})
            if answer.status_code != 200:
                failures.append((uri, answer.status_code))
    assert failures == []


def test_every_vocabulary_iri_dereferences_under_def_here(built_settings: Settings, served_build: str) -> None:
    """The vocabulary, its concept schemes and concepts are named under the vocabulary namespace, not the base; every
    such IRI the build uses is described on this deployment at the same path under /def/ (where the namespace's
    persistent URIs redirect to): terms in /def/displacement, concepts and schemes at /def/concept/, /def/scheme/."""
    vocab, base = built_settings.vocab_uri, built_settings.base_uri
    used = set()
    for quad in ox.parse(path=built_settings.dumps_dir / "lod.nq", format=ox.RdfFormat.N_QUADS):
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                assert not term.value.startswith(base + "def/"), term  # nothing of the vocabulary moves with the base
                if term.value.startswith(vocab):
                    used.add(term.value)
    assert {vocab + "displacement#DisplacementObservation", vocab + "concept/population-unit/households", vocab + "scheme/weapon"} <= used
    documents: dict[str, Graph] = {}
    with httpx.Client(base_url=served_build, timeout=10) as http:
        for iri in sorted(used):
            path = "/def/" + iri[len(vocab) :].split("#")[0]
            if path not in documents:
                answer = http.get(path, headers={"Accept": "text/turtle"})
                if answer.status_code == 303:  # an ontology's or version's IRI: to its document, under the base URI
                    answer = http.get("/" + answer.headers["location"][len(base) :], headers={"Accept": "text/turtle"})
                assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle"), (iri, answer.status_code)
                documents[path] = Graph().parse(data=answer.text, format="turtle")
            assert (URIRef(iri), None, None) in documents[path] or (None, None, URIRef(iri)) in documents[path], iri
        concept = http.get("/def/concept/population-unit/households", headers={"Accept": "text/html"})
        for old in ("/id/concept/population-unit/households", "/doc/concept/population-unit/households"):  # moved here
            moved = http.get(old)
            assert moved.status_code == 301 and moved.headers["location"] == base + "def/concept/population-unit/households"
        assert concept.status_code == 200 and "households" in concept.text
        listed = http.get("/def/concept/")
        assert listed.status_code == 200 and f'href="{base}def/concept/population-unit/households"' in listed.text
        vocabulary = http.get("/def/displacement", headers={"Accept": "text/html"})  # stable IRIs, links to here
        assert vocabulary.status_code == 200 and vocab + "displacement#DisplacementObservation" in vocabulary.text
        assert f'href="{base}def/scheme/weapon"' in vocabulary.text and f'href="{vocab}' not in vocabulary.text
        observation = sorted(iri for iri in _subjects(built_settings) if iri.startswith(base + "id/observation/"))[0]
        page = http.get("/doc/" + observation[len(base) + 3 :], headers={"Accept": "text/html"})
        assert page.status_code == 200 and f'href="{vocab}' not in page.text
        assert f'href="{base}def/concept/population-unit/' in page.text and f'href="{base}def/displacement#reportedFigure"' in page.text


def _subjects(settings: Settings) -> set[str]:
    return {t.subject.value for t in ox.parse(path=settings.dumps_dir / "lod.nt", format=ox.RdfFormat.N_TRIPLES) if isinstance(t.subject, ox.NamedNode)}
