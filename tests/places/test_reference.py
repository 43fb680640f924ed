"""The reference data as a graph (lod.places.reference): built once per process for the same inputs, never for others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from _rdf import same_triples

from lod import derived

from lod.rdf import lazygraph as lazylib

from lod.pipeline import preparation

from lod.pipeline.preparation import Context, check_reference
from lod.places import reference
from lod.places.reference import load_reconciler, reference_graph
from lod.rdf.namespaces import DEFAULT_VOCAB, SCHEMA, dis
from lod.rdf.uris import Uris
from lod.settings import ROOT, Settings

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


def test_the_kept_graph_is_the_built_graph_under_any_base_and_vocabulary_namespace(tmp_path: Path) -> None:
    """The graph kept on disk is built once under stand-in namespaces and read under the caller's: the same
    triples as a graph built under them, from a new entry and from one an earlier reading left, looked up a
    subject at a time before it is read whole."""
    reconciler = load_reconciler(REFERENCE)
    uris = Uris("https://lod.example.org/data/", "https://vocab.example/def/")
    entry = derived.Entry(tmp_path, derived.key(REFERENCE))
    built = reference._reference(REFERENCE, uris, True, reconciler)
    lines = set(built.serialize(format="nt", encoding="utf-8").splitlines())
    idlib = uris.pcode_place("SY07")
    for attempt in ("new", "kept"):
        lazy = reference._kept_reference(REFERENCE, reconciler, uris, entry)
        assert (entry.path / reference.REFERENCE).is_file()
        assert set(lazy.predicate_objects(idlib)) == set(built.predicate_objects(idlib)), attempt
        assert lazy.value(idlib, dis(uris.vocab).adminLevel) == Literal(1)
        text = lazylib.source(lazy)
        assert text is not None and set(text.splitlines()) == lines, attempt
    assert same_triples(set(lazy), set(built))  # the rest read at once
    assert len(lazy) == len(built)


def test_the_kept_reconciler_reconciles_as_the_built_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = derived.Entry(tmp_path, derived.key(REFERENCE))
    monkeypatch.setattr(reference, "_RECONCILERS", {})  # this process's own, put back after the test
    first = load_reconciler(REFERENCE, entry)  # built, and kept
    monkeypatch.setattr(reference, "_RECONCILERS", {})
    kept = load_reconciler(REFERENCE, entry)
    assert kept is not first and (entry.path / reference.RECONCILER).is_file()
    for name in ("Idlib", "Maaret al-Numan", "the southern Idlib countryside", "Kafr Sijnah", "Aleppo city", "Saraqib"):
        found, again = first.place(name), kept.place(name)
        assert (found and found.id) == (again and again.id), name
    office = "the UN Office for the Coordination of Humanitarian Affairs"
    assert kept.org(office) == first.org(office)


def test_a_changed_reference_file_is_derived_again(tmp_path: Path) -> None:
    """The entry is named by the files' content: a place renamed in the gazetteer is a new entry, whose graph
    has the new name; the old entry is not read."""
    copy = tmp_path / "reference"
    shutil.copytree(REFERENCE, copy)
    cache = tmp_path / "cache"
    uris = Uris(BASE, DEFAULT_VOCAB)
    place = uris.pcode_place("SY070200")
    before = derived.key(copy)
    entry = derived.Entry(cache, before)
    graph = reference._kept_reference(copy, load_reconciler(copy), uris, entry)
    assert graph.value(place, SCHEMA.name) == Literal("Ma'arrat An Nu'man", lang="en")
    gazetteer = copy / reference.GAZETTEER
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("Ma'arrat An Nu'man", "Maarrat an Nu'man"),
                         encoding="utf-8")
    after = derived.key(copy)
    assert after != before
    entry = derived.Entry(cache, after)
    renamed = reference._kept_reference(copy, load_reconciler(copy), uris, entry)
    assert renamed.value(place, SCHEMA.name) == Literal("Maarrat an Nu'man", lang="en")
    assert sorted(p.name for p in cache.iterdir()) == sorted([before, after])


def test_an_unreadable_entry_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = derived.Entry(tmp_path, derived.key(REFERENCE))
    entry.write(reference.RECONCILER, b"not a pickle")
    monkeypatch.setattr(reference, "_RECONCILERS", {})
    assert load_reconciler(REFERENCE, entry).place("Idlib") is not None
    assert entry.read(reference.RECONCILER) not in (None, b"not a pickle")


def test_only_the_newest_entries_of_a_kind_are_kept(tmp_path: Path) -> None:
    """Entries of a kind beyond KEEP go, least recently used first (a read counts as a use); entries of another
    kind are not counted, and what is not lod's (another program's folder in a shared cache) is never touched."""
    for foreign in ("pip", "fontconfig", "tmpk2x8q_ab", "matplotlib-3.9"):
        (tmp_path / foreign).mkdir()
        os.utime(tmp_path / foreign, (0, 0))
    small = f"v-{'0' * 30}"
    derived.Entry(tmp_path, small).write("file", b"x")  # another kind: not counted, not removed
    os.utime(tmp_path / small, (0, 0))
    names = [f"ref-{number:032x}" for number in range(derived.KEEP + 2)]
    for number, name in enumerate(names[:-1]):  # KEEP + 1 made: the oldest made goes
        derived.Entry(tmp_path, name).write("file", b"x")
        os.utime(tmp_path / name, (number + 10, number + 10))
    assert not (tmp_path / names[0]).exists()
    assert derived.Entry(tmp_path, names[1]).read("file") == b"x"  # the oldest left, but used now
    derived.Entry(tmp_path, names[-1]).write("file", b"x")  # so the next oldest goes
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == sorted(["pip", "fontconfig", "tmpk2x8q_ab", "matplotlib-3.9", small, names[1], *names[3:]])


def test_the_reference_data_is_validated_once_for_the_same_inputs(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    """check_reference's report is kept with the derived data of the input version: a later process (here: the
    same context with its memo emptied) reads it instead of validating again; other inputs (another base URI)
    do not. In a cache folder of its own, given the reference entry of the usual one (so nothing is derived again)."""
    usual = derived.Entry(Settings().cache_dir, derived.key(REFERENCE)).path
    if usual.is_dir():
        shutil.copytree(usual, tmp_path / usual.name)
    ctx = Context.load(Settings(cache_dir=tmp_path))
    ctx._memo.pop("reference", None)  # copies share the memo: a build of the same inputs earlier in this process
    assert ctx.kept("reference-report.pickle") is None
    made = check_reference(ctx)
    assert made.conforms and ctx.kept("reference-report.pickle") is not None
    ctx._memo.pop("reference")
    calls: list[object] = []
    monkeypatch.setattr(preparation, "validate", lambda *args: calls.append(args))
    assert check_reference(ctx).conforms and not calls
    other = Context.load(Settings(base_uri="http://127.0.0.1:8123/", cache_dir=tmp_path))
    assert other.version != ctx.version and other.kept("reference-report.pickle") is None


def test_stand_ins_inside_a_namespace_are_rewritten_in_one_pass(tmp_path: Path) -> None:
    """A base URI that holds the other stand-in (absurd, but allowed) is rewritten as by one pass, not twice."""
    uris = Uris(reference._KEPT_VOCAB + "x/", "https://vocab.example/def/")
    assert not reference._plain(uris)
    text = f"<{reference._KEPT_BASE}id/a> <{reference._KEPT_VOCAB}displacement#p> <{reference._KEPT_BASE}id/b> .\n".encode()
    assert reference._rewriting(uris)(text) == (
        f"<{reference._KEPT_VOCAB}x/id/a> <https://vocab.example/def/displacement#p> <{reference._KEPT_VOCAB}x/id/b> .\n").encode()
    plain = Uris(BASE, DEFAULT_VOCAB)
    assert reference._plain(plain) and reference._rewriting(plain)(text) == (
        f"<{BASE}id/a> <{DEFAULT_VOCAB}displacement#p> <{BASE}id/b> .\n").encode()
