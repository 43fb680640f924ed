"""What every answer carries for browsers and caches, whatever the client sends: security headers, links
under the base URI (never the ``Host`` header), markup that article text cannot break, validators that
caches revalidate and that never go back in time, and clear 4xx for odd headers (issue 10)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from _rdf import isomorphic

from lod.publish import dumps as publish
from lod.rdf.namespaces import DEFAULT_VOCAB, rebase
from lod.settings import Settings
from lod.web.app import create_app

from _engines import filled

from ._serving import listener, running, url_of

SEED = Path(__file__).parents[1] / "data" / "web" / "seed.trig"
HOSTILE = "He said <!--<script>alert(1)</script> & left </script><p>"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@dataclass
class Site:
    url: str
    settings: Settings
    http: httpx.Client

    @property
    def hostile(self) -> str:
        return "/doc/org/hostile"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The seed data plus one organization whose name is hostile markup, as an article could state it."""
    root = tmp_path_factory.mktemp("security")
    sock = listener()
    url = url_of(sock)
    settings = Settings(base_uri=url, store_path=root / "store", dumps_dir=root / "dumps")
    graph = ox.NamedNode(f"{url}graph/reference")
    hostile = ox.NamedNode(f"{url}id/org/hostile")
    settings, store = filled(settings, rebase(SEED.read_text(encoding="utf-8"), url, settings.vocab_uri).encode(), ox.RdfFormat.TRIG, keep=True, extra=[
        ox.Quad(hostile, ox.NamedNode(SKOS_LABEL), ox.Literal(HOSTILE, language="en"), graph),
        ox.Quad(hostile, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("http://www.w3.org/ns/org#Organization"), graph),
    ])
    publish.write_dumps(store, settings)
    with running(create_app(settings, store), sock), httpx.Client(base_url=url, timeout=30) as http:
        yield Site(url, settings, http)


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/", {"Accept": BROWSER}),
        ("GET", "/sparql", {"Accept": BROWSER}),
        ("GET", "/sparql?query=ASK%7B%7D", {}),
        ("GET", "/doc/org/hostile", {"Accept": BROWSER}),
        ("GET", "/doc/org/hostile.ttl", {}),
        ("GET", "/id/org/hostile", {}),
        ("GET", "/dumps/", {}),
        ("GET", "/dumps/lod.nt", {}),
        ("GET", "/static/lod.css", {}),
        ("GET", "/metrics", {}),
        ("GET", "/no/such/thing", {}),
        ("DELETE", "/sparql", {}),
        ("OPTIONS", "/sparql", {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_answer_carries_the_security_headers(site: Site, method: str, path: str, headers: dict[str, str]) -> None:
    response = site.http.request(method, path, headers=headers)
    assert response.status_code < 500
    for name in SECURITY_HEADERS:
        assert name in response.headers, (name, response.status_code)
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline' " not in policy.split("script-src")[1].split(";")[0]


def test_links_are_built_from_the_base_uri_not_the_host_header(site: Site) -> None:
    evil = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    see_other = site.http.get("/id/org/hostile", headers=evil)
    assert see_other.status_code == 303 and see_other.headers["location"] == f"{site.url}doc/org/hostile"
    document = site.http.get("/doc/org/hostile", headers={**evil, "Accept": "text/turtle"})
    assert document.headers["content-location"] == f"{site.url}doc/org/hostile.ttl"
    assert f"<{site.url}doc/org/hostile.jsonld>" in document.headers["link"]
    for path in ("/doc/org/hostile", "/", "/sparql", "/dumps/"):
        page = site.http.get(path, headers={**evil, "Accept": BROWSER})
        assert page.status_code == 200
        assert "evil.example" not in page.text and "evil.example" not in str(page.headers), path
        assert f'href="{site.url}static/lod.css"' in page.text


def test_article_text_cannot_end_the_json_ld_script_block(site: Site) -> None:
    page = site.http.get(site.hostile, headers={"Accept": BROWSER}).text
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    block = page[start : page.index("</script>", start)]
    assert "<" not in block and ">" not in block and "&" not in block  # nothing the HTML parser could read
    labels = [n for n in json.loads(block)["@graph"] if n["@id"].endswith("org/hostile")]
    assert json.dumps(labels).count("\\u003c!--") == 0 and HOSTILE in json.dumps(labels, ensure_ascii=False)
    assert "</footer>" in page[start:]  # the rest of the page is still there


def test_entity_json_ld_is_compact_with_the_dumps_context_and_parses_offline(site: Site) -> None:
    response = site.http.get("/doc/org/hostile.jsonld")
    document = response.json()
    assert document["@context"] == publish.load_context(site.url, DEFAULT_VOCAB)["@context"]
    turtle = site.http.get("/doc/org/hostile.ttl").text
    offline = Graph()
    for quad in ox.parse(response.content, format=ox.RdfFormat.JSON_LD):  # pyoxigraph fetches nothing
        offline.parse(data=ox.serialize([quad.triple], format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(offline, Graph().parse(data=turtle, format="turtle"))


def test_json_ld_dump_parses_offline(site: Site) -> None:
    dump = site.http.get("/dumps/lod.jsonld")
    assert dump.status_code == 200
    quads = list(ox.parse(dump.content, format=ox.RdfFormat.JSON_LD))
    assert len(quads) == len(list(ox.parse(site.http.get("/dumps/lod.nq").content, format=ox.RdfFormat.N_QUADS)))


def test_accept_application_json_gets_json_ld(site: Site) -> None:
    see_other = site.http.get("/id/org/hostile", headers={"Accept": "application/json"})
    assert see_other.status_code == 303
    document = site.http.get(see_other.headers["location"], headers={"Accept": "application/json"})
    assert document.status_code == 200 and document.headers["content-type"].startswith("application/ld+json")
    assert "@context" in document.json()


@pytest.mark.parametrize("path", ["/doc/org/hostile", "/dumps/lod.nt", "/dumps/"])
def test_caches_revalidate_every_time(site: Site, path: str) -> None:
    response = site.http.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "ETag" in response.headers
    assert "no-cache" in response.headers["cache-control"] and "max-age=6" not in response.headers["cache-control"]


def test_last_modified_never_goes_back(site: Site) -> None:
    catalog = site.settings.dumps_dir / publish.CATALOG_FILE
    newer = site.http.get("/doc/org/hostile.ttl").headers["last-modified"]
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["modified"] = "2001-01-01T00:00:00+00:00"  # a reader that sees an older build than before
    catalog.write_text(json.dumps(data), encoding="utf-8")
    after = site.http.get("/doc/org/hostile.ttl").headers["last-modified"]
    assert parsedate_to_datetime(after) >= parsedate_to_datetime(newer)


@pytest.mark.parametrize(
    "value",
    ["Sat, 01 Jan 99999999999999999999 00:00:00 GMT", "Sat, 01 Jan 0000 00:00:00 GMT", "99999999999999999999"],
    ids=["huge-year", "year-zero", "digits"],
)
def test_odd_if_modified_since_is_ignored(site: Site, value: str) -> None:
    response = site.http.get("/doc/org/hostile.ttl", headers={"If-Modified-Since": value})
    assert response.status_code == 200


def test_a_control_character_in_a_header_is_a_bad_request(site: Site) -> None:
    """RFC 9110 5.5: a field value holds no control characters; the HTTP parser refuses the request, and the next
    one is served."""
    assert site.http.get("/doc/org/hostile.ttl", headers={"If-Modified-Since": "\x7f"}).status_code == 400
    assert site.http.get("/doc/org/hostile.ttl").status_code == 200


def test_csp_allows_only_our_own_script_files(site: Site) -> None:
    for path in ("/sparql", "/docs", "/doc/org/hostile", "/"):
        page = site.http.get(path, headers={"Accept": BROWSER}).text
        inline = [m for m in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page) if "application/" not in m]
        assert inline == [], (path, inline)  # an inline script would not run under script-src 'self'
