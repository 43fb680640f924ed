"""lod build and lod ingest with data set files: the seed article, an ACLED-style export and an HXL table of
movements publish together; a refused file, in a build or an ingest, leaves the store as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import pyoxigraph as ox

from _rdf import Held, held, held_quads, same
from conftest import make_settings
from events.conftest import HXL_ROWS, REFUSALS, write_acled, write_hxl
from lod.errors import Refused
from lod.pipeline.build import build
from lod.settings import Settings
from lod.store import Solutions
from _engines import reader, store_env

LOD = str(Path(sys.executable).with_name("lod"))
PREFIXES = """PREFIX dis: <https://w3id.org/lod-syria/def/displacement#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
"""


def select(settings: Settings, query: str) -> list[dict[str, str]]:
    store = reader(settings)
    result = store.query(PREFIXES + query)
    assert isinstance(result, Solutions)
    return result.values()


def snapshot(settings: Settings) -> Held:
    return held(settings)


def lod(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOD_DATA_DIR": str(settings.data_dir), **store_env(settings),
           "LOD_DUMPS_DIR": str(settings.dumps_dir)}
    return subprocess.run([LOD, *args], env=env, capture_output=True, text=True, timeout=300)


def test_build_publishes_events_and_observations_from_all_three_sources(events_settings: Settings) -> None:
    rows = select(events_settings, """
        SELECT ?g (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?obs) AS ?observations) WHERE {
          GRAPH ?g { { ?event a sem:Event } UNION { ?obs a dis:DisplacementObservation } }
        } GROUP BY ?g ORDER BY ?g""")
    found = {r["g"].rsplit("/", 2)[-2] + "/" + r["g"].rsplit("/", 1)[-1]: (int(r["events"]), int(r["observations"])) for r in rows}
    assert found["dataset/acled-idlib"] == (3, 0)
    assert found["dataset/idp-movements"] == (0, 2)
    (article,) = [v for k, v in found.items() if k.startswith("article/")]
    assert article[0] >= 1 and article[1] == 2


def test_rows_keep_file_row_dataset_and_licence(events_settings: Settings) -> None:
    rows = select(events_settings, """
        SELECT ?figure ?row ?file ?licence WHERE {
          ?o a dis:DisplacementObservation ; dis:reportedFigure ?figure ; prov:wasDerivedFrom ?r .
          ?r dis:rowNumber ?row ; dct:isPartOf ?d . ?d dis:fileName ?file ; dct:license ?licence }
        ORDER BY ?row""")
    assert [(r["figure"], r["row"], r["file"], r["licence"]) for r in rows] == [
        ("11812", "3", "idp-movements.csv", "CC BY-IGO"), ("3000", "4", "idp-movements.csv", "CC BY-IGO")]


@pytest.fixture(scope="module")
def acled_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store of the seed and the ACLED-style file, to refuse files against (a test may ingest a good one)."""
    settings = make_settings(tmp_path_factory.mktemp("refusals"), keep=True)
    write_acled(settings.data_dir / "events")
    build(settings)
    return settings


def test_lod_ingest_refuses_each_bad_file_at_its_cell_and_leaves_the_store_unchanged(
    acled_store: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``lod ingest FILE.csv`` (the command's own code, in this process: a process per case would cost seconds);
    one snapshot before and after the four (a refusal can only add, so an unchanged end means none wrote)."""
    from lod.cli import main

    for name, value in store_env(acled_store).items():  # a server's URL is read from the environment
        monkeypatch.setenv(name, value)
    before = snapshot(acled_store)
    for case, (rows, header, row, column, rule) in REFUSALS.items():
        bad = write_acled(tmp_path / case, rows, header)
        code = main(["ingest", str(bad), "--store", str(acled_store.store_path), "--data-dir", str(acled_store.data_dir),
                     "--dumps-dir", str(acled_store.dumps_dir)])
        err = capsys.readouterr().err
        assert code == 1 and f"{bad}:{row}:{column}: " in err and rule in err, (case, err)
        assert "the store is unchanged" in err and "Traceback" not in err, case
    assert same(before, snapshot(acled_store))


def test_refused_file_leaves_the_store_unchanged(acled_store: Settings, tmp_path: Path) -> None:
    settings = acled_store
    before = snapshot(settings)
    bad = write_hxl(settings.data_dir / "events", [HXL_ROWS[0], "2019-12-01,2019-12-05,SY9999,SY02,3000"])
    with pytest.raises(Refused) as caught:
        build(settings)
    assert [str(e).split(": ")[0] for e in caught.value.errors] == [f"{bad}:4:3"]
    assert same(before, snapshot(settings))

    done = lod(settings, "ingest", str(bad))
    assert done.returncode == 1 and f"{bad}:4:3: #adm2+code+origin: unknown P-code" in done.stderr, done.stderr
    assert "store is unchanged" in done.stderr and "Traceback" not in done.stderr  # the shapes' refusals: the test above
    assert same(before, snapshot(settings))

    good = write_hxl(tmp_path / "good")
    done = lod(settings, "ingest", str(good))
    assert done.returncode == 0 and "graph/dataset/idp-movements" in done.stdout, done.stderr
    assert select(settings, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o a dis:DisplacementObservation } FILTER(CONTAINS(STR(?g), 'dataset')) }")[0]["n"] == "2"


def test_the_seed_incident_and_the_matching_row_are_one_event_with_both_sources(events_settings: Settings) -> None:
    rows = select(events_settings, """
        SELECT DISTINCT ?event ?source ?count WHERE {
          ?event sem:eventType <https://w3id.org/lod-syria/def/concept/event-type/shelling-artillery-missile-attack> ;
                 prov:wasDerivedFrom ?source .
          OPTIONAL { ?event dis:casualties/dis:casualtyCount ?count }
          FILTER(CONTAINS(STR(?event), "incident") || CONTAINS(STR(?event), "acled")) }""")
    by_event: dict[str, set[str]] = {}
    for r in rows:
        by_event.setdefault(r["event"].rsplit("/", 1)[-1], set()).add(r["source"].split("/id/", 1)[-1].split("/", 1)[0])
    merged = [k for k in by_event if "incident" in k]
    assert len(merged) == 1 and by_event[merged[0]] == {"article", "dataset"}, by_event  # a span and a row
    assert "acled-idlib-syr103" not in by_event and "acled-idlib-syr102" in by_event  # Ariha's shelling stays apart


def test_validate_checks_data_set_files_without_storing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``lod validate`` (the command's own code, in this process)."""
    from lod.cli import main

    settings = make_settings(tmp_path)
    options = ["--store", str(settings.store_path), "--data-dir", str(settings.data_dir), "--dumps-dir", str(settings.dumps_dir)]
    good = write_acled(settings.data_dir / "events")
    code, done = main(["validate", *options]), capsys.readouterr()
    assert code == 0 and f"{good}: conforms" in done.out, done.err
    bad = write_hxl(settings.data_dir / "events", ["2019-11-28,2019-11-30,SY9999,SY07,5"])
    code, done = main(["validate", *options]), capsys.readouterr()
    assert code == 1 and f"{bad}:3:3: #adm2+code+origin: unknown P-code" in done.err, done.err
    assert not settings.store_path.exists()


def test_acled_actor_names_reach_the_curated_organization(events_settings: Settings) -> None:
    base = events_settings.base_uri
    rows = select(events_settings, f"""
        SELECT DISTINCT ?actor WHERE {{ <{base}id/event/acled-idlib-syr101> dis:attribution/dis:allegedActor ?actor }}""")
    assert [r["actor"] for r in rows] == [f"{base}id/org/syrian-government-forces"]  # "Military Forces of Syria (2000-)"


def test_the_dumps_hold_the_event_graphs(events_settings: Settings) -> None:
    """Every graph with an event or a movement (the article's, the two data sets') is in the N-Quads and JSON-LD
    dumps as it is in the store, and its triples are in the Turtle dump (the union of the graphs)."""
    names = [r["g"] for r in select(events_settings, """
        SELECT DISTINCT ?g WHERE { GRAPH ?g { { ?x a sem:Event } UNION { ?x a dis:DisplacementObservation } } }""")]
    assert sorted(n.rsplit("/", 2)[-2] for n in names) == ["article", "dataset", "dataset"], names
    store = reader(events_settings)
    try:
        stored = {n: list(store.quads(ox.NamedNode(n))) for n in names}
    finally:
        store.close()
    folder = events_settings.dumps_dir
    for name, fmt in (("lod.nq", ox.RdfFormat.N_QUADS), ("lod.jsonld", ox.RdfFormat.JSON_LD)):
        dumped = held_quads(q for q in ox.parse(path=folder / name, format=fmt) if getattr(q.graph_name, "value", None) in stored)
        assert same(dumped, held_quads(q for quads in stored.values() for q in quads)), name
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=folder / "lod.ttl", format=ox.RdfFormat.TURTLE)}
    for graph, quads in stored.items():  # blank nodes get new labels in the union: the rest compared as sets
        plain = {q.triple for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
        assert len(plain) > 10 and plain <= union, f"lod.ttl: {graph}"
