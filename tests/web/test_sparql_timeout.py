"""A query that would run for hours is stopped at the timeout; the server keeps answering; memory comes back."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI

from lod.settings import Settings
from lod.sparql.protocol import QueryService
from lod.sparql.workers import DEMOTED_NICE
from lod.web.app import create_app

from ._sparql_server import rss_kib, sample_store, serving

# The query workers: processes that reopen the on-disk store, killed at the timeout, reniced when a query runs
# long; a remote store answers under an HTTP timeout instead. Serial: the runaway's growth and the timeout's
# seconds are measured, and a demoted worker gets no CPU beside a busy neighbour.
pytestmark = [pytest.mark.embedded_only, pytest.mark.serial]

TIMEOUT_S = 2.0
# 3,000 triples cubed is 2.7e10 rows, and ORDER BY must hold them all: hours of work and unbounded memory
# (the FILTER slows the growth to a few hundred MB a second).
RUNAWAY = (
    "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z FILTER(CONCAT(STR(?x), STR(?y), STR(?z)) != '') } "
    "ORDER BY ?c ?b ?a"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FastAPI]]:
    root = tmp_path_factory.mktemp("timeout")
    # Two workers, and memory enough that the runaway query meets its time limit first.
    settings = Settings(store_path=root / "store", query_timeout_s=TIMEOUT_S, query_workers=2, query_memory_mb=8192)
    graph = ox.NamedNode("http://example.org/generated")
    extra = [
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode(f"http://example.org/p{i % 7}"), ox.Literal(i), graph)
        for i in range(3000)
    ]
    app = create_app(*sample_store(settings, extra, keep=True))
    with serving(app) as base:
        yield base, app


def workers(app: FastAPI) -> list[int]:
    service: QueryService = app.state.sparql
    return service.worker_pids


def test_runaway_query_is_stopped_and_memory_returns(server: tuple[str, FastAPI]) -> None:
    base, app = server
    with httpx.Client(base_url=base, timeout=60) as http:
        for _ in range(4):  # every worker started and warm
            assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        before = workers(app)
        assert len(before) == 2
        baseline = sum(rss_kib(pid) for pid in before)

        outcome: dict[str, object] = {}

        def runaway() -> None:
            started = time.monotonic()
            response = http.get("/sparql", params={"query": RUNAWAY})
            outcome.update(status=response.status_code, body=response.json(), seconds=time.monotonic() - started)

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.5)

        # Meanwhile the server answers other requests, on the other worker, which keeps its CPU priority
        # while the runaway's worker has been demoted.
        quick = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        description = http.get("/sparql", headers={"Accept": "text/turtle"})
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        assert description.status_code == 200
        assert "status" not in outcome  # the runaway is still running
        assert sorted(os.getpriority(os.PRIO_PROCESS, pid) for pid in before) == [0, DEMOTED_NICE]

        peak = 0
        while thread.is_alive():
            peak = max(peak, sum(rss_kib(pid) for pid in before))
            time.sleep(0.1)
        thread.join()

        assert outcome["status"] == 503
        assert f"longer than {TIMEOUT_S:g} s" in str(outcome["body"]["detail"])  # type: ignore[index]
        assert TIMEOUT_S <= float(outcome["seconds"]) < TIMEOUT_S + 3  # type: ignore[arg-type]

        after = workers(app)
        assert len(after) == 2
        killed = set(before) - set(after)
        assert len(killed) == 1  # the runaway's worker was killed and replaced
        assert all(not Path(f"/proc/{pid}").exists() for pid in killed)  # killed and reaped

        # The replacement answers queries, and memory is back near where it started.
        for _ in range(4):
            assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        settled = sum(rss_kib(pid) for pid in workers(app))
        print(f"workers RSS: baseline {baseline} KiB, peak {peak} KiB, after {settled} KiB")
        assert peak > baseline + 50_000  # the runaway really did grow
        assert settled < baseline + 30_000
        assert [os.getpriority(os.PRIO_PROCESS, pid) for pid in workers(app)] == [0, 0]  # the replacement too


RDF_VALUE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")


def count(http: httpx.Client, pattern: str) -> int:
    answer = http.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"})
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_a_long_query_yields_the_cpu_and_then_gets_it_back(tmp_path: Path) -> None:
    """A query past ``DEMOTE_AFTER_S`` runs at the lowest CPU priority to its end, and its answer is whole; the
    worker that ran it serves the next queries at normal priority again (or was replaced by one that does)."""
    settings = Settings(store_path=tmp_path / "store", query_timeout_s=60, query_workers=2)
    graph = ox.NamedNode("http://example.org/generated")
    extra = [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), RDF_VALUE, ox.Literal(i), graph) for i in range(3000)]
    long_count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y }"  # every pair of triples counted: seconds, in flat memory
    app = create_app(*sample_store(settings, extra))
    with serving(app) as base, httpx.Client(base_url=base, timeout=120) as http:
        triples = count(http, "?s ?p ?o")
        outcome: dict[str, httpx.Response] = {}
        thread = threading.Thread(target=lambda: outcome.update(answer=http.get("/sparql", params={"query": long_count})))
        thread.start()
        seen: set[int] = set()
        while thread.is_alive():
            seen.update(os.getpriority(os.PRIO_PROCESS, pid) for pid in workers(app) if Path(f"/proc/{pid}").exists())
            time.sleep(0.02)
        thread.join()
        answer = outcome["answer"]
        assert answer.status_code == 200, answer.text
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == triples * triples
        assert DEMOTED_NICE in seen
        assert [os.getpriority(os.PRIO_PROCESS, pid) for pid in workers(app)] == [0, 0]
        assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_busy_workers_time_out_waiting(tmp_path: Path) -> None:
    """With every worker busy, a further query waits at most the timeout for one, then gets 503."""
    settings = Settings(store_path=tmp_path / "store", query_timeout_s=1.5, query_workers=2)
    graph = ox.NamedNode("http://example.org/generated")
    extra = [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(i), graph) for i in range(2000)]
    app = create_app(*sample_store(settings, extra))
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        threads = [threading.Thread(target=http.get, args=("/sparql",), kwargs={"params": {"query": RUNAWAY}}) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        response = http.get("/sparql", params={"query": "ASK {}"})
        assert response.status_code in (200, 503)  # a worker may come free (killed and replaced) in time
        for thread in threads:
            thread.join()
        assert http.get("/sparql", params={"query": "ASK {}"}).status_code == 200
