"""The dump files a build leaves pending, on the real server: the catalogue says which are being prepared, a
request for one is a 503 with Retry-After in every form the route answers, the app's background maker makes them
(one maker a folder), and they are the same graphs as those ``lod build --dumps`` writes."""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from lod.pipeline.build import build
from lod.publish import derivation
from lod.settings import Settings
from lod.web.app import create_app

from _rdf import held_quads, same
from conftest import make_settings

from ._serving import listener, running, url_of

DERIVED = ["lod.nt.gz", "lod.nq.gz", "lod.ttl", "lod.ttl.gz", "lod.jsonld", "lod.jsonld.gz"]
ADMS_STATUS = URIRef("http://www.w3.org/ns/adms#status")
FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def _plain(path: Path) -> bytes:
    """A dump file's bytes, decompressed if it is a ``.gz``."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def _quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(_plain(path), format=FORMATS[path.name.split(".")[1]]))


def test_pending_dumps_are_said_refused_with_503_then_made_in_the_background(tmp_path: Path, built_settings: Settings) -> None:
    settings = make_settings(tmp_path)
    build(settings)  # lod build: the N-Triples and N-Quads now, the rest pending
    folder = settings.dumps_dir
    assert derivation.waiting(folder) == DERIVED
    app = create_app(settings)
    sock = listener()
    lock = open(folder / derivation.MAKER_LOCK, "a+b")
    fcntl.flock(lock, fcntl.LOCK_EX)  # another maker holds the folder: this server starts none
    try:
        with running(app, sock), httpx.Client(base_url=url_of(sock), timeout=30) as http:
            assert app.state.dump_maker.process is None
            page = http.get("/dumps/", headers={"Accept": "text/html"})
            assert page.status_code == 200
            assert page.text.count("being prepared") >= len(DERIVED) and ">lod.nt</a>" in page.text
            for suffix, fmt in (("ttl", "turtle"), ("jsonld", "json-ld")):  # the DCAT catalogue says it too
                catalogue = Graph().parse(data=http.get(f"/dumps/catalog.{suffix}").content, format=fmt)
                assert len(set(catalogue.subjects(ADMS_STATUS, None))) == len(DERIVED)
            before = page.headers["etag"]

            for accept, media_type in (("application/json", "application/problem+json"), ("text/html", "text/html")):
                refused = http.get("/dumps/lod.ttl", headers={"Accept": accept})
                assert refused.status_code == 503 and refused.headers["retry-after"].isdigit()
                assert refused.headers["content-type"].startswith(media_type)
                assert "being prepared" in refused.text
            assert http.get("/dumps/lod.jsonld.gz").json()["source"] == "lod.jsonld"
            assert http.head("/dumps/lod.nq.gz").status_code == 503
            assert http.get("/dumps/lod.nt").status_code == 200
            assert app.state.dump_maker.process is None  # still held

            fcntl.flock(lock, fcntl.LOCK_UN)  # that maker is gone: the next request for a pending file starts one
            assert http.get("/dumps/lod.ttl").status_code == 503
            assert app.state.dump_maker.process is not None
            deadline = time.monotonic() + 180
            while derivation.waiting(folder):
                assert time.monotonic() < deadline, f"still pending: {derivation.waiting(folder)}"
                assert app.state.dump_maker.process.poll() in (None, 0)
                time.sleep(0.2)

            page = http.get("/dumps/", headers={"Accept": "text/html"})
            assert "being prepared" not in page.text and page.headers["etag"] != before
            assert http.get("/dumps/", headers={"Accept": "text/html", "If-None-Match": before}).status_code == 200
            catalogue = Graph().parse(data=http.get("/dumps/catalog.ttl").content, format="turtle")
            assert not set(catalogue.subjects(ADMS_STATUS, None))
            for name in DERIVED:
                response = http.get(f"/dumps/{name}")
                assert response.status_code == 200, name
                assert response.content == (folder / name).read_bytes()
                assert response.headers["etag"] == f'"sha256-{hashlib.sha256(response.content).hexdigest()}"'
                assert http.get(f"/dumps/{name}", headers={"If-None-Match": response.headers["etag"]}).status_code == 304
    finally:
        lock.close()
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    for name in ["lod.nt", "lod.nq", *DERIVED]:  # the same graphs as lod build --dumps wrote for the same data
        made, built = folder / name, built_settings.dumps_dir / name
        if name.endswith(".gz") and all(_plain(gz) == gz.with_suffix("").read_bytes() for gz in (made, built)):
            continue  # its plain file's bytes on both sides, so the same graphs as the plain files compared above
        assert same(held_quads(_quads(made)), held_quads(_quads(built))), name


WITHDRAWN = URIRef("http://purl.org/adms/status/Withdrawn")


def _failed(folder: Path) -> dict[str, str]:
    """The files the catalog lists as failed, with their reasons."""
    data = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    return {p["name"]: p["reason"] for p in data.get("pending", []) if p.get("status") == "failed"}


def test_a_file_that_cannot_be_made_is_listed_as_failed_and_made_at_the_next_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    build(settings)
    folder = settings.dumps_dir
    (folder / "lod.ttl").mkdir()  # the Turtle cannot be renamed into place: its maker fails on it
    app = create_app(settings)
    with running(app, sock := listener()), httpx.Client(base_url=url_of(sock), timeout=30) as http:
        deadline = time.monotonic() + 180
        while app.state.dump_maker.process is None or app.state.dump_maker.process.poll() is None:
            assert time.monotonic() < deadline, "the maker did not finish"
            time.sleep(0.2)
        assert app.state.dump_maker.process.returncode != 0  # `lod dump --missing` says it failed
        assert list(_failed(folder)) == ["lod.ttl"] and "directory" in _failed(folder)["lod.ttl"].lower()
        assert derivation.waiting(folder) == ["lod.ttl", "lod.ttl.gz"]  # the rest were made; its gzip waits for it
        refused = http.get("/dumps/lod.ttl")
        assert refused.status_code == 503 and "retry-after" not in refused.headers
        problem = refused.json()
        assert problem["type"].endswith("dump-failed") and problem["reason"] == _failed(folder)["lod.ttl"]
        assert "could not be made" in problem["detail"] and "lod dump --missing" in problem["detail"]
        page = http.get("/dumps/", headers={"Accept": "text/html"})
        assert page.text.count("could not be made") == 1 and page.text.count("being prepared") >= 1
        catalogue = Graph().parse(data=http.get("/dumps/catalog.ttl").content, format="turtle")
        [withdrawn] = set(catalogue.subjects(ADMS_STATUS, WITHDRAWN))
        assert str(withdrawn).endswith("#dump-lod.ttl")
    (folder / "lod.ttl").rmdir()
    app = create_app(settings)  # the next start tries it again
    with running(app, sock := listener()), httpx.Client(base_url=url_of(sock), timeout=30) as http:
        deadline = time.monotonic() + 180
        while derivation.waiting(folder):
            assert time.monotonic() < deadline, f"still pending: {derivation.waiting(folder)}"
            time.sleep(0.2)
        assert not _failed(folder)
        assert http.get("/dumps/lod.ttl").status_code == 200
        catalogue = Graph().parse(data=http.get("/dumps/catalog.ttl").content, format="turtle")
        assert not set(catalogue.subjects(ADMS_STATUS, None))
