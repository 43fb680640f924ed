"""Shared fixtures: settings over a private copy of data/, and one real build of the seed dataset.

Every store these fixtures make is of the engine ``LOD_TEST_ENGINE`` names (tests/_engines.py): on disk by
default, on a real ``oxigraph serve`` with ``LOD_TEST_ENGINE=oxigraph-server`` (``make test-remote``)."""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from lod.settings import ROOT, Settings

from _engines import ENGINE, ENGINES, SESSION, Servers, loaded, reader, under_test

DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def make_settings(root: Path, *, keep: bool = False, engine: str = ENGINE, **overrides: object) -> Settings:
    """Settings whose data and dumps live under ``root`` (data/ copied from the repo), and whose store is a new
    one of the engine under test: under ``root`` too (embedded), or a server of its own that lives as long as
    the test (or the session, with ``keep``: for module and session fixtures)."""
    data = root / "data"
    if not data.exists():
        shutil.copytree(DATA, data)
    values: dict[str, object] = {
        "data_dir": data,
        "store_path": root / "store",
        "dumps_dir": root / "dumps",
    }
    values.update(overrides)
    return under_test(Settings(**values), keep=keep, engine=engine)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Fresh settings: a private copy of data/, an empty store."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store holds the built seed dataset and whose dumps folder holds the dumps.

    The store is closed again after the build, so a server or a read-only reader can open it. Its users read
    it, copy it (``seeded``) or open it read-only, so ``make test``'s workers share one build on disk: the
    first to need it makes it under a file lock in the run's temporary folder, as pytest-xdist documents (a
    build costs 4-7 s of CPU). A build on a server is that worker's own server: each worker makes its own.
    """
    from lod.pipeline.build import build

    if ENGINE != "embedded" or "PYTEST_XDIST_WORKER" not in os.environ:
        settings = make_settings(tmp_path_factory.mktemp("built"), keep=True)
        build(settings, dumps=True)  # every dump file at once: tests read them, and copy the folder
        return settings
    root = tmp_path_factory.getbasetemp().parent / "built"  # the run's folder, above each worker's own
    with open(root.with_name("built.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        settings = make_settings(root, keep=True)
        if not (root / "built").exists():
            build(settings, dumps=True)
            (root / "built").touch()  # made whole: the next worker reads it
    return settings


@pytest.fixture
def seeded(built_settings: Settings, tmp_path: Path) -> Settings:
    """Fresh settings (a private copy of data/) whose store and dumps are a copy of the session's seed build
    (``built_settings``), as if the seed had just been built there: for tests about what comes after a build,
    at a fraction of the 5-7 s of CPU a build costs. On disk the store folder is copied with its manifest
    (its article paths moved to the new data folder, so the next build sees what changed, as after a build
    there); on a server, the build's quads are loaded into the test's own."""
    from lod.pipeline.manifest import Manifest

    settings = make_settings(tmp_path)
    shutil.copytree(built_settings.dumps_dir, settings.dumps_dir)
    if settings.store_url:
        source = reader(built_settings)
        try:
            body = ox.serialize(source.quads(), format=ox.RdfFormat.N_QUADS) or b""
        finally:
            source.close()
        loaded(settings, body, ox.RdfFormat.N_QUADS).close()
        return settings
    shutil.copytree(built_settings.store_path, settings.store_path)
    manifest = Manifest.read(settings.store_path)
    assert manifest.articles, "the seed build left no manifest"
    old, new = str(built_settings.data_dir), str(settings.data_dir)
    assert all(path.startswith(old) for path in manifest.articles), manifest.articles
    manifest.articles = {new + path[len(old):]: entry for path, entry in manifest.articles.items()}
    manifest.write(settings.store_path)
    return settings


CORPUS_ARTICLES = 50  # enough for many places, reporters and months; cheap to build once per session


@dataclass
class Corpus:
    """A real build (of generated articles, or of the event data sets), minted under the URL of a socket bound
    for the server that serves it (so links in its pages lead back to that server)."""

    settings: Settings
    sock: socket.socket


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """``bench/corpus.py``'s articles (plus the seed's reference data), built once per session."""
    import importlib.util
    import sys

    from lod.pipeline.build import build

    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    generator = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator  # its dataclasses look their module up while the class is made
    spec.loader.exec_module(generator)
    sock = _bound()
    root = tmp_path_factory.mktemp("corpus")
    generator.generate(CORPUS_ARTICLES, root / "data", seed=1)
    settings = make_settings(root, keep=True, base_uri=f"http://127.0.0.1:{sock.getsockname()[1]}/")
    build(settings, dumps=True)  # served while tests read its folder: no maker at work in it
    yield Corpus(settings, sock)
    sock.close()


@pytest.fixture(scope="session")
def corpus_settings(corpus: Corpus) -> Settings:
    """Settings whose store holds the corpus build."""
    return corpus.settings


@pytest.fixture(scope="session")
def events_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The seed article plus a small ACLED-style export and a small HXL table of movements (both written by
    ``tests/events/conftest.py``), built once per session under the URL of a socket bound for the server that
    serves it (``served_events``): the event tests read its store, the web and browser tests its pages."""
    from events.conftest import write_acled, write_hxl
    from lod.pipeline.build import build

    sock = _bound()
    settings = make_settings(tmp_path_factory.mktemp("events-built"), keep=True, base_uri=f"http://127.0.0.1:{sock.getsockname()[1]}/")
    write_acled(settings.data_dir / "events")
    write_hxl(settings.data_dir / "events")
    build(settings, dumps=True)  # served while tests read its folder: no maker at work in it
    yield Corpus(settings, sock)
    sock.close()


def _bound() -> socket.socket:
    """A socket bound to a free port of 127.0.0.1 (see web/_serving.listener), for a server started later."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="session", autouse=True)
def servers() -> Iterator[Servers]:
    """The SPARQL servers of this session (started on demand, stopped at its end)."""
    yield SESSION
    SESSION.stop()


@pytest.fixture(autouse=True)
def _test_servers(servers: Servers) -> Iterator[None]:
    """The servers a test had for its own stores (``make_settings`` without ``keep``) are handed back when it
    ends, and emptied for the next test that needs one (tests/_engines.py ``Servers.oxigraph``)."""
    yield
    servers.stop_transient()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests about the other engine by nature are deselected: ``embedded_only`` ones on a remote engine,
    ``remote_only`` ones (a server that stops) on the embedded store."""
    other = "remote_only" if ENGINE == "embedded" else "embedded_only"
    kept = [item for item in items if item.get_closest_marker(other) is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each store engine in turn: ``embedded`` (Oxigraph on disk) and ``oxigraph-server`` (over HTTP)."""
    name: str = request.param
    return name


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: unknown when it is not loaded (-p no:xdist)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """``make test``'s ``--dist loadfile``: a file at a time, the slowest first (tests/_scheduling.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from _scheduling import SlowestFirst

    return SlowestFirst(config, log)  # type: ignore[arg-type]
