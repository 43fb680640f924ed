"""Things of every kind in the real build of the seed dataset dereference: 303, then Turtle and HTML documents."""

from __future__ import annotations

import httpx
from rdflib import Graph, URIRef

from lod.settings import Settings


PER_KIND = 12  # the gazetteer alone has thousands of places; a dozen of each kind covers every page shape


def test_things_of_every_kind_dereference(built_settings: Settings, served_build: str) -> None:
    base = built_settings.base_uri
    dump = Graph().parse(built_settings.dumps_dir / "lod.nt", format="nt")
    by_kind: dict[str, list[str]] = {}
    for subject in sorted({str(s) for s in dump.subjects() if isinstance(s, URIRef) and str(s).startswith(base + "id/")}):
        by_kind.setdefault(subject[len(base) + 3 :].split("/")[0], []).append(subject)
    assert {"article", "statement", "observation", "org", "place", "concept"} <= set(by_kind)
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
    """Not a sample: every IRI under the base that the dataset uses (as subject or object) answers 200 in Turtle."""
    base = built_settings.base_uri
    dump = Graph().parse(built_settings.dumps_dir / "lod.nt", format="nt")
    used = {str(t) for s, _, o in dump for t in (s, o) if isinstance(t, URIRef) and str(t).startswith(base)}
    assert len(used) > 500
    failures = []
    with httpx.Client(base_url=served_build, timeout=10) as http:
        for uri in sorted(used):
            answer = http.get(uri[len(base) - 1 :], headers={"Accept": "text/turtle"})
            if answer.status_code == 303:  # links point under the base URI; this server stands in for it
                location = answer.headers["location"]
                answer = http.get("/" + location[len(base) :] if location.startswith(base) else location, headers={"Accept": "text/turtle"})
            if answer.status_code != 200:
                failures.append((uri, answer.status_code))
    assert failures == []
