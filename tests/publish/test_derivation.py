"""The dump files a build leaves pending, made later from its N-Triples and N-Quads: the same bytes as a build that
writes them all, never from a source the catalog no longer names, one maker at a time, leftovers cleaned."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from lod.publish import derivation
from lod.publish import dumps as publish
from lod.settings import Settings
from lod.store import Store

from .test_dumps import BASE, NOW, _listed
from .test_dumps import settings, store  # noqa: F401  (the sample store of the dumps tests)

DERIVED = ["lod.nt.gz", "lod.nq.gz", "lod.ttl", "lod.ttl.gz", "lod.jsonld", "lod.jsonld.gz"]
ADMS_STATUS = URIRef("http://www.w3.org/ns/adms#status")


def _every(store: Store, settings: Settings, folder: Path) -> Settings:
    """The same store's dumps written all at once, into ``folder``."""
    other = settings.model_copy(update={"dumps_dir": folder})
    publish.write_dumps(store, other, now=NOW, every=True)
    return other


def test_a_build_names_the_files_it_leaves_pending(store: Store, settings: Settings) -> None:
    catalog = publish.write_dumps(store, settings, now=NOW, every=False)
    assert [f.name for f in catalog.files] == ["lod.nt", "lod.nq"]
    assert [p.name for p in catalog.pending] == DERIVED
    assert _listed(settings.dumps_dir) == sorted(["lod.nt", "lod.nq", "observations.csv", "events.csv", "void.ttl", "catalog.json"])
    read = publish.read_catalog(settings.dumps_dir)
    assert read is not None and read.pending == catalog.pending
    void = Graph().parse(settings.dumps_dir / "void.ttl", format="turtle")
    dumps = {str(o) for o in void.objects(None, VOID.dataDump)}
    assert dumps == {f"{BASE}dumps/lod.nt", f"{BASE}dumps/lod.nq"}  # only what can be downloaded now
    assert len(set(void.subjects(ADMS_STATUS, None))) == len(DERIVED)  # the others: under development


def test_made_files_are_the_bytes_of_a_build_that_writes_them_all(store: Store, settings: Settings, tmp_path: Path) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    made = derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri)
    assert made == DERIVED
    every = _every(store, settings, tmp_path / "every")
    for name in publish.DUMP_NAMES:  # the same store, so the same blank node labels: byte for byte
        assert (settings.dumps_dir / name).read_bytes() == (every.dumps_dir / name).read_bytes(), name
    later, at_once = publish.read_catalog(settings.dumps_dir), publish.read_catalog(every.dumps_dir)
    assert later is not None and at_once is not None and later.pending == []
    assert [(f.name, f.size, f.sha256, f.triples) for f in later.files] == [(f.name, f.size, f.sha256, f.triples) for f in at_once.files]
    void = Graph().parse(settings.dumps_dir / "void.ttl", format="turtle")
    assert len(set(void.objects(None, VOID.dataDump))) == 8
    assert not set(void.subjects(ADMS_STATUS, None))
    assert (URIRef(f"{BASE}id/dataset/lod"), RDF.type, VOID.Dataset) in void
    assert derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri) == []  # nothing left


def test_a_file_is_never_made_from_a_source_the_catalog_does_not_name(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    (settings.dumps_dir / "lod.nt").write_bytes(b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    made = derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri)
    assert made == ["lod.nq.gz", "lod.jsonld", "lod.jsonld.gz"]  # the N-Triples' files wait for their own build
    assert derivation.waiting(settings.dumps_dir) == ["lod.nt.gz", "lod.ttl", "lod.ttl.gz"]
    assert not (settings.dumps_dir / "lod.ttl").exists()


def test_a_new_build_drops_the_files_made_from_the_previous_one(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW, every=True)
    publish.write_dumps(store, settings, now=NOW.replace(day=26), every=False)
    for name in DERIVED:
        assert not (settings.dumps_dir / name).exists(), name
    assert derivation.waiting(settings.dumps_dir) == DERIVED


def test_one_maker_at_a_time(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    with open(settings.dumps_dir / derivation.MAKER_LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another maker at work
        assert derivation.held(settings.dumps_dir)
        assert derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri, wait=False) is None
        assert derivation.waiting(settings.dumps_dir) == DERIVED
    assert not derivation.held(settings.dumps_dir)
    assert derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri, wait=False) == DERIVED


def test_what_a_killed_maker_left_is_deleted_and_a_build_leaves_a_makers_files_alone(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    left = settings.dumps_dir / f".lod.ttl.4242{publish.MAKING}"
    left.write_bytes(b"@prefix half")
    publish.write_dumps(store, settings, now=NOW, every=False)  # a build: perhaps a maker's file being written now
    assert left.exists()
    derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri)
    assert not left.exists()
    assert not [p.name for p in settings.dumps_dir.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((settings.dumps_dir / "catalog.json").read_text()).get("pending") is None


def test_the_catalog_change_of_an_ingest_keeps_what_is_pending(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    publish.mark_changed(settings.dumps_dir, now=NOW.replace(day=27))
    assert derivation.waiting(settings.dumps_dir) == DERIVED
    assert derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri) == DERIVED
    catalog = publish.read_catalog(settings.dumps_dir)
    assert catalog is not None and catalog.modified == NOW.replace(day=27) and catalog.pending == []


@pytest.mark.parametrize("name", ["lod.ttl", "lod.jsonld"])
def test_a_missing_source_leaves_the_file_pending(store: Store, settings: Settings, name: str) -> None:
    publish.write_dumps(store, settings, now=NOW, every=False)
    (settings.dumps_dir / publish.source_of(name)).unlink()
    made = derivation.make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri)
    assert made is not None and name not in made and name in derivation.waiting(settings.dumps_dir)
