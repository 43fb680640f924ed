"""A build is all or nothing: a bad article among good ones, or a kill -9 in the middle, leaves the old store."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lod.errors import ArticleError, Refused, StoreUnavailable, ValidationFailed
from lod.pipeline import build as pipeline
from lod.pipeline.build import build
from lod.pipeline.staging import clean_leftovers, exchange, writer_lock
from lod.settings import ROOT, Settings
from _rdf import Held, held, same

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/corpus.py, the benchmark corpus generator)

# On-disk staging: a new store folder swapped in for the old, a kill -9 of the writer, its lock file.
pytestmark = pytest.mark.embedded_only


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve generated articles (and the reference data) to copy from."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus.generate(12, folder, seed=11)
    return folder


def settings_with(root: Path, generated: Path, count: int) -> Settings:
    """Settings over the first ``count`` generated articles."""
    data = root / "data"
    shutil.copytree(generated / "reference", data / "reference")
    (data / "articles").mkdir(parents=True)
    for path in sorted((generated / "articles").glob("*.txt"))[:count]:
        for companion in (path, path.with_suffix(".yaml")):
            shutil.copy(companion, data / "articles" / companion.name)
    return Settings(data_dir=data, store_path=root / "store", dumps_dir=root / "dumps")  # type: ignore[call-arg]


def add_articles(settings: Settings, generated: Path, count: int) -> None:
    for path in sorted((generated / "articles").glob("*.txt"))[:count]:
        for companion in (path, path.with_suffix(".yaml")):
            shutil.copy(companion, settings.data_dir / "articles" / companion.name)


def quads(store_path: Path) -> Held:
    return held(store_path)


def write_bad_url_article(settings: Settings) -> Path:
    bad = settings.data_dir / "articles" / "zz-bad-url.txt"
    bad.write_text('Title: Bad\nSource URL: https://news.example/a"b\nPublisher: OCHA\nPublished: 2020-01-28\n\n'
                   "More than 500 families fled Saraqeb on Monday, OCHA said.\n", encoding="utf-8")
    return bad


def break_figure(settings: Settings) -> Path:
    corrections = sorted((settings.data_dir / "articles").glob("*.yaml"))[-1]
    text = corrections.read_text(encoding="utf-8")
    corrections.write_text(text.replace("figure: ", "figure: -", 1), encoding="utf-8")
    return corrections


@pytest.mark.parametrize("staged", [True, False], ids=["staged", "in-place"])
def test_bad_articles_among_good_ones_leave_the_store_as_it_was(tmp_path: Path, generated: Path, staged: bool,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_with(tmp_path, generated, 4)
    build(settings)
    before = quads(settings.store_path)
    catalog = (settings.dumps_dir / "catalog.json").read_bytes()
    if staged:
        monkeypatch.setattr(pipeline, "IN_PLACE_MAX", 0)  # every change is staged beside the live store
    add_articles(settings, generated, 12)
    bad = write_bad_url_article(settings)
    broken = break_figure(settings)
    with pytest.raises(Refused) as caught:
        build(settings)
    errors = caught.value.errors
    assert any(isinstance(e, ArticleError) and str(e).startswith(f"{bad}:2:35:") for e in errors), errors
    assert any(isinstance(e, ValidationFailed) and f"{broken}:" in str(e) and "S09" in str(e) for e in errors), errors
    assert same(before, quads(settings.store_path))
    assert (settings.dumps_dir / "catalog.json").read_bytes() == catalog
    assert not list(tmp_path.glob(".store.staging-*"))


def test_a_refused_first_build_creates_no_store(tmp_path: Path, generated: Path) -> None:
    settings = settings_with(tmp_path, generated, 8)
    write_bad_url_article(settings)
    with pytest.raises(Refused):
        build(settings)
    assert not (settings.store_path / "CURRENT").exists()
    assert not list(tmp_path.glob(".store.staging-*"))


KILLED_BUILD = """
import sys
from lod.pipeline import build as pipeline
from lod.cli import main
pipeline.IN_PLACE_MAX = 0  # stage every build, so the kill lands while a new store is being written
sys.exit(main(["build"]))
"""


def test_kill_9_in_the_middle_of_a_build_leaves_the_old_store_or_the_new_one(tmp_path: Path, generated: Path) -> None:
    settings = settings_with(tmp_path, generated, 3)
    build(settings)
    old = quads(settings.store_path)
    add_articles(settings, generated, 12)
    env = {**os.environ, "LOD_DATA_DIR": str(settings.data_dir), "LOD_STORE_PATH": str(settings.store_path),
           "LOD_DUMPS_DIR": str(settings.dumps_dir)}
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".store.staging-*")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    staging_seen = bool(list(tmp_path.glob(".store.staging-*")))
    os.killpg(child.pid, signal.SIGKILL)  # the build and its workers
    child.wait()
    assert staging_seen, "the build ended before it staged a store"
    after_kill = quads(settings.store_path)
    assert same(old, after_kill)  # the swap had not happened: the old store, whole
    report = build(settings)  # the next build cleans up and finishes the work
    assert not list(tmp_path.glob(".store.staging-*"))
    assert len(report.articles) == 9 and report.unchanged == 3
    assert len(quads(settings.store_path)[report.articles[0].graph]) > 100


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "old").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new").write_text("new")
    exchange(tmp_path / "new", tmp_path / "live")
    assert [p.name for p in (tmp_path / "live").iterdir()] == ["new"]
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["old"]


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with writer_lock(tmp_path / "store"):
        with pytest.raises(StoreUnavailable, match="locked"):
            with writer_lock(tmp_path / "store"):
                pass
    with writer_lock(tmp_path / "store"):  # released
        pass


def test_leftover_staging_folders_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".store.staging-123").mkdir()
    (tmp_path / ".store.staging-123" / "000001.sst").write_bytes(b"x")
    (tmp_path / ".other.staging-1").mkdir()
    assert clean_leftovers(tmp_path / "store") == [tmp_path / ".store.staging-123"]
    assert (tmp_path / ".other.staging-1").exists()
