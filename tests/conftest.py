"""Shared fixtures: settings over a private copy of data/, and one real build of the seed dataset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lod.settings import ROOT, Settings

from _engines import ENGINES, Servers

DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def make_settings(root: Path, **overrides: object) -> Settings:
    """Settings whose data, store and dumps live under ``root`` (data/ copied from the repo)."""
    data = root / "data"
    if not data.exists():
        shutil.copytree(DATA, data)
    values: dict[str, object] = {
        "data_dir": data,
        "store_path": root / "store",
        "dumps_dir": root / "dumps",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Fresh settings: a private copy of data/, an empty store."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store holds the built seed dataset and whose dumps folder holds the dumps.

    The store is closed again after the build, so a server or a read-only reader can open it.
    """
    from lod.pipeline import build

    settings = make_settings(tmp_path_factory.mktemp("built"))
    build(settings)
    return settings


CORPUS_ARTICLES = 50  # enough for many places, reporters and months; cheap to build once per session


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store holds a real build of ``bench/corpus.py``'s generated articles (plus the seed's
    reference data), for tests that need a dataset of many articles, places and reporters."""
    import importlib.util
    import sys

    from lod.pipeline import build

    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = corpus  # its dataclasses look their module up while the class is made
    spec.loader.exec_module(corpus)
    root = tmp_path_factory.mktemp("corpus")
    corpus.generate(CORPUS_ARTICLES, root / "data", seed=1)
    settings = make_settings(root)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    """The SPARQL servers of this session (started on demand, stopped at its end)."""
    started = Servers()
    yield started
    started.stop()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each store engine in turn: ``embedded`` (Oxigraph on disk) and ``oxigraph-server`` (over HTTP)."""
    name: str = request.param
    return name
