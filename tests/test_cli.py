"""The ``lod`` command as a user runs it: exit codes and messages (a real subprocess)."""

from __future__ import annotations

import json
import re
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from _rdf import isomorphic

from conftest import make_settings
from lod import allocator
from lod.model.articles import read_article
from lod.publish import dumps as publish
from lod.settings import Settings

from _engines import store_env

LOD = str(Path(sys.executable).with_name("lod"))
HOUSEHOLDS_QUESTION = (Path(__file__).parent / "data" / "households-fled-reported-2019-11-29.rq").read_text(encoding="utf-8")


def run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOD_DATA_DIR": str(settings.data_dir), **store_env(settings),
           "LOD_DUMPS_DIR": str(settings.dumps_dir)}
    return subprocess.run([LOD, *args], env=env, capture_output=True, text=True, timeout=300)


def test_query_answers_from_the_built_store(built_settings: Settings) -> None:
    done = run(built_settings, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?o a <https://w3id.org/lod-syria/def/displacement#DisplacementObservation> }")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2].strip() == "2"
    as_json = run(built_settings, "query", "--format", "json", "ASK { ?s ?p ?o }")
    assert json.loads(as_json.stdout)["boolean"] is True


def test_query_syntax_error_exits_1_with_position(built_settings: Settings) -> None:
    done = run(built_settings, "query", "SELECT * WHERE { ?s ?p }")
    assert done.returncode == 1
    assert re.search(r"\b1:2[0-9]\b", done.stderr), done.stderr  # line:column of the error
    assert "Traceback" not in done.stderr


def test_dump_to_stdout_parses(built_settings: Settings) -> None:
    done = run(built_settings, "dump", "--format", "nt")
    assert done.returncode == 0, done.stderr
    assert len(Graph().parse(data=done.stdout, format="nt")) > 100


def test_build_refusal_exits_1_and_names_the_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    article = settings.data_dir / "articles" / "broken.txt"
    article.write_text("Title: x\nPublished: 2020-01-01\n\nbody\n", encoding="utf-8")
    done = run(settings, "build")
    assert done.returncode == 1
    assert f"{article}:1:1" in done.stderr and "Source URL" in done.stderr
    assert "store is unchanged" in done.stderr and "Traceback" not in done.stderr
    assert not settings.store_path.exists()  # refused before the store was touched


def test_base_and_vocabulary_options_change_every_uri(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    done = run(settings, "build", "--base-uri", "https://lod.example.org/", "--vocab-uri", "https://vocab.example.net/v1/")
    assert done.returncode == 0, done.stderr
    for old in ("http://127.0.0.1:8000/", "https://w3id.org/lod-syria/"):
        query = run(settings, "query", f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{old}') || STRSTARTS(STR(?p), '{old}') || STRSTARTS(STR(?o), '{old}')) }}")
        assert query.stdout.splitlines()[2].strip() == "0", old
    query = run(settings, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?o a <https://vocab.example.net/v1/displacement#DisplacementObservation> }")
    assert int(query.stdout.splitlines()[2].strip()) > 0
    # The dump files the build left pending, made with the same options: lod dump --missing.
    assert "pending: lod.nt.gz, lod.nq.gz, lod.ttl, lod.ttl.gz, lod.jsonld, lod.jsonld.gz" in done.stdout
    made = run(settings, "dump", "--missing", "--base-uri", "https://lod.example.org/", "--vocab-uri", "https://vocab.example.net/v1/")
    assert made.returncode == 0, made.stderr
    assert len(re.findall(r": made$", made.stdout, re.M)) == 6
    turtle = (settings.dumps_dir / "lod.ttl").read_text(encoding="utf-8")
    assert "@prefix dis: <https://vocab.example.net/v1/displacement#>" in turtle and "http://127.0.0.1:8000/" not in turtle
    catalog = publish.read_catalog(settings.dumps_dir)
    assert catalog is not None and not catalog.pending and len(catalog.files) == 8
    again = run(settings, "dump", "--missing")
    assert again.returncode == 0 and "made" not in again.stdout


def test_dump_missing_without_a_build_exits_2(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    done = run(settings, "dump", "--missing")
    assert done.returncode == 2 and "no catalog.json" in done.stderr and "Traceback" not in done.stderr
    done = run(settings, "dump", "--background")
    assert done.returncode == 2 and "--background goes with --missing" in done.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([LOD, "dump", "--format", "yaml"], capture_output=True, text=True)
    assert done.returncode == 2


def test_extract_prints_records_and_graphs(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    article = settings.data_dir / "articles" / "2019-12-01-coalition-sg-idlib.txt"
    records = json.loads(run(settings, "extract", str(article)).stdout)
    assert {"displacement", "organizations", "people", "places", "statements"} <= set(records)
    assert sorted(o["figure"] for o in records["displacement"]) == [2147, 50000]
    turtle = run(settings, "extract", str(article), "--format", "ttl")
    assert turtle.returncode == 0, turtle.stderr
    graph = Graph().parse(data=turtle.stdout, format="turtle")
    document = json.loads(run(settings, "extract", str(article), "--format", "jsonld").stdout)
    document["@context"] = publish.load_context(settings.base_uri, settings.vocab_uri)["@context"]
    assert isomorphic(Dataset().parse(data=json.dumps(document), format="json-ld").graph(
        URIRef(f"{settings.base_uri}graph/article/{read_article(article).key}")), graph)


def test_extract_malformed_article_exits_1(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_text("just some words\n", encoding="utf-8")
    done = run(settings, "extract", str(bad))
    assert done.returncode == 1 and f"{bad}:1:1" in done.stderr and "Traceback" not in done.stderr


def test_serve_answers_the_built_dataset(built_settings: Settings) -> None:
    """`lod serve` (what `make serve` runs) over a built store: the dataset answers over HTTP."""
    import socket
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "LOD_DATA_DIR": str(built_settings.data_dir), **store_env(built_settings),
           "LOD_DUMPS_DIR": str(built_settings.dumps_dir), "LOD_HTTP_TIMEOUT_S": "1"}
    server = subprocess.Popen([LOD, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
        # It started itself again with jemalloc (LOD_MALLOC's default; `make install` installs the library).
        assert allocator.loaded(maps=Path(f"/proc/{server.pid}/maps"))
        answer = httpx.post(f"{base}/sparql", data={"query": HOUSEHOLDS_QUESTION},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert answer.status_code == 200, answer.text
        rows = answer.json()["results"]["bindings"]
        assert [(r["figure"]["value"], r["reporter"]["value"]) for r in rows] == [
            ("2147", "Emergency Response Coordinators Team in Northern Syria")]
        see_other = httpx.get(f"{base}/id/org/erc-team-northern-syria", headers={"Accept": "text/turtle"})
        # Links point under LOD_BASE_URI (the default here, as behind a proxy), never at the Host asked.
        assert see_other.headers["location"] == f"{built_settings.base_uri}doc/org/erc-team-northern-syria"
        entity = httpx.get(f"{base}/doc/org/erc-team-northern-syria", headers={"Accept": "text/turtle"})
        assert entity.status_code == 200 and entity.headers["content-type"].startswith("text/turtle")
        _assert_slow_clients_are_let_go(port)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _assert_slow_clients_are_let_go(port: int) -> None:
    """A body shorter than its Content-Length, and an idle keep-alive connection, are let go after
    LOD_HTTP_TIMEOUT_S (1 s here) instead of holding a connection forever (issue 10.8). A hang fails on
    the socket's own timeout."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 1000\r\n\r\nASK {")
        answer = conn.recv(65536)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        while conn.recv(65536):  # then the server closes the connection
            pass
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert conn.recv(65536).startswith(b"HTTP/1.1 200")
        while conn.recv(65536):  # idle after its answer: closed by the server, not by us
            pass


def test_query_mistakes_are_usage_errors_not_tracebacks(built_settings: Settings, tmp_path: Path) -> None:
    construct = run(built_settings, "query", "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1")
    assert construct.returncode == 2 and "ttl" in construct.stderr
    ask = run(built_settings, "query", "--format", "ttl", "ASK { ?s ?p ?o }")
    assert ask.returncode == 2 and "json" in ask.stderr
    missing = run(built_settings, "query", f"@{tmp_path / 'missing.rq'}")
    assert missing.returncode == 2 and "missing.rq" in missing.stderr
    nowhere = run(built_settings, "dump", "-o", str(tmp_path / "no" / "such" / "folder" / "x.ttl"))
    assert nowhere.returncode == 2 and "cannot write" in nowhere.stderr
    for done in (construct, ask, missing, nowhere):
        assert "Traceback" not in done.stderr


def test_query_service_is_refused(built_settings: Settings) -> None:
    done = run(built_settings, "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert done.returncode == 1 and "SERVICE" in done.stderr and "Traceback" not in done.stderr


def test_query_service_glued_to_a_variable_is_refused_and_nothing_is_called(built_settings: Settings) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.5)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
        done = run(built_settings, "query", f"SELECT * {{ ?s ?p ?o.SERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1")
        with pytest.raises(TimeoutError):
            server.accept()  # nobody called
    assert done.returncode == 1 and "SERVICE" in done.stderr and "Traceback" not in done.stderr


def test_query_nested_too_deep_exits_1_not_a_crash(built_settings: Settings) -> None:
    done = run(built_settings, "query", "SELECT * " + "{" * 3000 + "}" * 3000)
    assert done.returncode == 1 and "levels deep" in done.stderr, done.stderr


def test_validate_checks_without_storing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    done = run(settings, "validate")
    assert done.returncode == 0 and "conforms" in done.stdout, done.stderr
    corrections = settings.data_dir / "articles" / "2019-12-01-coalition-sg-idlib.yaml"
    corrections.write_text(corrections.read_text(encoding="utf-8").replace("figure: 2147\n", "figure: 0\n"), encoding="utf-8")
    refused = run(settings, "validate")
    assert refused.returncode == 1 and "S09" in refused.stderr and "store is unchanged" not in refused.stderr
    assert not settings.store_path.exists()


def test_serve_with_workers_shares_the_port_and_the_options(built_settings: Settings) -> None:
    """`lod serve --workers 2`: two server processes answer on one port, each over the store given by `--store`
    (options reach the workers, which build the app from the environment); the connections are shared evenly
    between them, and a worker that dies is replaced."""
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOD_")}
    env.update(LOD_DATA_DIR=str(built_settings.data_dir), LOD_DUMPS_DIR=str(built_settings.dumps_dir), **store_env(built_settings))
    server = subprocess.Popen([LOD, "serve", "--port", str(port), "--workers", "2", "--store", str(built_settings.store_path)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"

    def started(before: list[str] = []) -> list[str]:
        deadline = time.monotonic() + 120
        children: list[str] = []
        while len(children) < 2 or set(children) & set(before) == set(children) or not _answers(f"{base}/health"):
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
            children = _server_processes(server.pid)
        return children

    try:
        children = started()
        assert len(children) == 2
        # Each server process inherits the allocator the parent started itself again with, and so do its query workers.
        assert all(allocator.loaded(maps=Path(f"/proc/{pid}/maps")) for pid in [*children, *_descendants(children)])
        clients = [httpx.Client(base_url=base, timeout=180) for _ in range(6)]  # one kept-alive connection each
        try:
            for client in clients:  # whichever process takes the connection answers from the same store
                answer = client.post("/sparql", data={"query": HOUSEHOLDS_QUESTION},
                                     headers={"Accept": "application/sparql-results+json"})  # a busy machine
                assert answer.status_code == 200 and len(answer.json()["results"]["bindings"]) == 1, answer.text
            held = _connections(port, children)
            assert sorted(held.values()) == [3, 3], held
        finally:
            for client in clients:
                client.close()
        os.kill(int(children[0]), signal.SIGKILL)
        replaced = started(children)
        assert len(replaced) == 2 and children[1] in replaced and children[0] not in replaced, replaced
        assert httpx.get(f"{base}/health", timeout=60).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0, server.stderr.read().decode() if server.stderr else ""
    assert not [c for c in replaced if Path(f"/proc/{c}").exists()], "workers left running"


def test_serve_with_workers_on_a_taken_port_says_so(built_settings: Settings) -> None:
    """The port is in use: one line saying so and uvicorn's start-up failure code, no traceback, no workers."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([LOD, "serve", "--port", str(port), "--workers", "2", "--store", str(built_settings.store_path)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr, done.stderr


def _server_processes(pid: int) -> list[str]:
    """The worker processes of `lod serve --workers N`."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [c for c in children if "lod.web.balancer" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]


def _descendants(pids: list[str]) -> list[str]:
    """The children of ``pids`` (a server process's query workers), and theirs."""
    found: list[str] = []
    for pid in pids:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        found += children + _descendants(children)
    return found


def _connections(port: int, pids: list[str]) -> dict[str, int]:
    """How many established TCP connections on ``port`` (server side) each process holds, from /proc."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":  # local port, ESTABLISHED
            inodes.add(f"socket:[{fields[9]}]")
    held = {}
    for pid in pids:
        fds = Path(f"/proc/{pid}/fd")
        held[pid] = sum(1 for fd in fds.iterdir() if os.readlink(fd) in inodes)
    return held


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False
