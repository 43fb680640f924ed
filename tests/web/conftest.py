"""A real server for the web tests: uvicorn on a free port, over a store of the engine under test (an on-disk
Oxigraph store, or a real ``oxigraph serve`` with ``LOD_TEST_ENGINE=oxigraph-server``: tests/_engines.py).

The store holds ``tests/data/web/seed.trig`` (the shapes of docs/model.md, rebased to the server's URL), and
the dumps folder holds what ``lod.publish.dumps.write_dumps`` writes for it. Tests speak HTTP to it with httpx.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph

from lod.formats import NTRIPLES
from lod.publish import dumps as publish
from lod.rdf.namespaces import rebase
from lod.settings import Settings
from lod.store import Store
from lod.web.app import create_app

from _engines import filled

from ._serving import listener, running, url_of

if TYPE_CHECKING:
    from conftest import Corpus

SEED = Path(__file__).parents[1] / "data" / "web" / "seed.trig"


@dataclass
class Served:
    """A running server: its URL, its settings and the store behind it."""

    url: str
    settings: Settings
    store: Store

    def union(self) -> Graph:
        """Everything the store holds, as one rdflib graph (the union of its named graphs)."""
        out = io.BytesIO()
        publish.dump(self.store, NTRIPLES, out, base=self.settings.base_uri, vocab=self.settings.vocab_uri)
        return Graph().parse(data=out.getvalue(), format="nt")

    def entity(self, rdf_type: str) -> str:
        """Some entity of the type (a full IRI), for tests that need one of a kind."""
        found = self.store.query(f"SELECT ?s WHERE {{ ?s a <{rdf_type}> }} ORDER BY ?s LIMIT 1").values()  # type: ignore[union-attr]
        assert found, f"the test store has no {rdf_type}"
        return found[0]["s"]

    def path_of(self, entity: str) -> str:
        """``{base}id/x/y`` -> ``/id/x/y``."""
        assert entity.startswith(self.settings.base_uri)
        return "/" + entity[len(self.settings.base_uri) :]


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the session: starting uvicorn per test would cost more than every test together."""
    root = tmp_path_factory.mktemp("web")
    sock = listener()
    url = url_of(sock)
    settings = Settings(base_uri=url, store_path=root / "store", dumps_dir=root / "dumps")
    seed = rebase(SEED.read_text(encoding="utf-8"), url, settings.vocab_uri).encode()
    settings, store = filled(settings, seed, ox.RdfFormat.TRIG, keep=True)
    publish.write_dumps(store, settings)
    with running(create_app(settings, store), sock):
        yield Served(url, settings, store)


@pytest.fixture(scope="session")
def served_build(built_settings: Settings) -> Iterator[str]:
    """The real build of the seed dataset, served the way ``lod serve`` does: the app opens the store itself.

    Its base URI is the default one, not this server's address, as behind a proxy: URIs are looked up under
    the base, and links point under the base too (never at the Host a client names).
    """
    sock = listener()
    with running(create_app(built_settings), sock):
        yield url_of(sock)


@pytest.fixture
def client(served: Served) -> Iterator[httpx.Client]:
    """An HTTP client for the server; it does not follow redirects, so tests see each hop."""
    with httpx.Client(base_url=served.url, follow_redirects=False, timeout=10) as http:
        yield http


@pytest.fixture(scope="session")
def served_corpus(corpus: Corpus) -> Iterator[str]:
    """The real build of a generated corpus of many articles, served as ``lod serve`` does, at its base URI."""
    with running(create_app(corpus.settings), corpus.sock):
        yield url_of(corpus.sock)


@pytest.fixture(scope="session")
def served_events(events_build: Corpus) -> Iterator[str]:
    """The seed plus the ACLED-style and HXL test files (tests/conftest.py ``events_build``), served as ``lod serve``
    does, at its base URI."""
    with running(create_app(events_build.settings), events_build.sock):
        yield url_of(events_build.sock)
