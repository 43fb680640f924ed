"""The query service without HTTP: forms and formats, refusals, the cap, and the worker pool's timeout."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from rdflib import URIRef

from lod.errors import NotAcceptable, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, StoreUnavailable
from lod.settings import Settings
from lod.sparql.protocol import QueryService, ReadOnlyStore, uses_service
from lod.store import Boolean, OxigraphStore
from lod.store import readonly

EX = "http://example.org/"


def fill(store: OxigraphStore, n: int = 5) -> OxigraphStore:
    graph = ox.NamedNode(f"{EX}g")
    store.engine.extend([ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(i), graph) for i in range(n)])
    return store


@pytest.fixture
def service(tmp_path: Path) -> QueryService:
    """In memory: queries run in-process, without workers."""
    return QueryService(Settings(store_path=tmp_path / "unused", result_limit=3), fill(OxigraphStore()))


@pytest.mark.parametrize(
    ("query", "accept", "form", "fmt"),
    [
        ("SELECT * { ?s ?p ?o }", None, "solutions", "srj"),
        ("SELECT * { ?s ?p ?o }", "text/tab-separated-values", "solutions", "tsv"),
        ("ASK { ?s ?p 1 }", "application/sparql-results+xml", "boolean", "srx"),
        ("CONSTRUCT WHERE { ?s ?p 1 }", None, "graph", "ttl"),
        ("DESCRIBE <http://example.org/s1>", "application/ld+json", "graph", "jsonld"),
        # One Accept header for both kinds: the form decides which half applies.
        ("ASK {}", "text/turtle, application/sparql-results+json;q=0.5", "boolean", "srj"),
        ("CONSTRUCT WHERE { ?s ?p 1 }", "text/turtle, application/sparql-results+json;q=0.5", "graph", "ttl"),
    ],
)
def test_form_and_format(service: QueryService, query: str, accept: str | None, form: str, fmt: str) -> None:
    answer = service.execute(query, accept=accept)
    assert (answer.form, answer.format.name) == (form, fmt)


def test_capped(service: QueryService) -> None:
    assert service.execute("SELECT * { ?s ?p ?o }").capped
    assert not service.execute("SELECT * { ?s ?p ?o } LIMIT 3").capped
    assert service.execute("CONSTRUCT WHERE { ?s ?p ?o }").capped


@pytest.mark.parametrize("accept", ["application/n-triples", "text/turtle", "application/ld+json", "application/rdf+xml"])
def test_a_capped_graph_holds_the_limit_in_every_format(service: QueryService, accept: str) -> None:
    answer = service.execute("CONSTRUCT WHERE { ?s ?p ?o }", accept=accept)
    assert answer.capped and answer.format.rdf is not None
    held = [q.triple for q in ox.parse(answer.body, format=answer.format.rdf)]
    assert len(set(map(str, held))) == service.settings.result_limit == 3
    everything = {str(t) for t in service.store.construct("CONSTRUCT WHERE { ?s ?p ?o }")}
    assert set(map(str, held)) < everything
    whole = service.execute("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", accept=accept)
    assert not whole.capped and len([q for q in ox.parse(whole.body, format=answer.format.rdf)]) == 2


def test_syntax_error_has_position_on_the_users_line(service: QueryService) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        service.execute("SELECT * WHERE { ?s ?p }")
    # Exactly what Oxigraph says for the query as the user wrote it (not counting the BASE we put first).
    try:
        ox.Store().query("SELECT * WHERE { ?s ?p }")
    except SyntaxError as exc:
        expected = str(exc)
    assert info.value.message == expected
    assert (info.value.line, info.value.column) == (1, 25)


def test_relative_iris_resolve_against_the_endpoint(service: QueryService) -> None:
    answer = service.execute("SELECT ?x { BIND(<x> AS ?x) }", accept="text/csv")
    assert answer.body.decode().splitlines()[1] == f"{service.settings.base_uri}x"


@pytest.mark.parametrize(
    "query",
    ["CLEAR ALL", "LOAD <http://example.org/x.ttl>", "INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX ex: <http://e/> DROP GRAPH ex:g"],
)
def test_updates_refused(service: QueryService, query: str) -> None:
    with pytest.raises(QueryRefused, match="read-only"):
        service.execute(query)


def test_not_a_query_and_not_an_update_is_a_syntax_error(service: QueryService) -> None:
    with pytest.raises(QuerySyntaxError):
        service.execute("PREFIX ex: <http://e/>")


def test_unacceptable_and_bad_inputs(service: QueryService) -> None:
    with pytest.raises(NotAcceptable):
        service.execute("SELECT * {}", accept="image/png")
    with pytest.raises(NotAcceptable):
        service.execute("SELECT * {}", accept="text/turtle")
    with pytest.raises(QueryError):
        service.execute("  ")
    with pytest.raises(QueryError):
        service.execute("ASK {}", default_graphs=["not an iri"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> {} }", True),
        ("SELECT * { ?s ?p ?o FILTER(?o<?s)SERVICE<http://x/>{} }", True),  # "<?s)SERVICE<" is not an IRI
        ("SELECT * { ?s ?p 'it''s' } SERVICE", True),
        ("SELECT ?service { ?service ?p ?o }", False),  # a variable
        ("SELECT * { ?s <http://example.org/SERVICE> ?o }", False),  # inside an IRI
        ("SELECT * { ?s ?p 'SERVICE' }", False),  # inside a string
        ('SELECT * { ?s ?p """a "quoted" SERVICE""" }', False),  # inside a long string
        ("SELECT * { ?s ?p 'a \\' SERVICE' }", False),  # an escaped quote does not end the string
        ("SELECT * { ?s ?p ?o } # SERVICE <http://x/>", False),  # a comment
        ("PREFIX ex: <http://e/> SELECT * { ex:SERVICE ?p ?o }", False),  # a local name
        ("PREFIX service: <http://e/> SELECT * { service:x ?p ?o }", False),  # a prefix
        ("SELECT * { :SERVICE ?p ?o }", False),  # the empty prefix
        ("SELECT * { ?s ?p 'x'@service }", False),  # a language tag
        # A variable or a language tag ends before a dot: the keyword right after it is seen (issue 10.1).
        ("SELECT * { ?s ?p ?o.SERVICE <http://x/> { ?a ?b ?c } }", True),
        ("SELECT * { ?s ?p $o.SERVICE <http://x/> { ?a ?b ?c } }", True),
        ("SELECT * { ?s ?p 'x'@en.SERVICE <http://x/> { ?a ?b ?c } }", True),
        ("PREFIX ex: <http://e/> SELECT * { ?s ex:p.SERVICE ?o }", False),  # a local name may hold a dot
        ("SELECT * {" + "{" * 40 + "SERVICE <http://x/> {}" + "}" * 41, True),  # too deep for rdflib: the lexer
        # The letters inside an IRI with no space, brace or '#': decided without a parse (an entity page about a
        # service took 350 ms to parse); a '#' comment between '<' and '>' cannot hide the keyword that way.
        ("SELECT * { <http://e/id/org/information-service> ?p ?o }", False),
        ("SELECT * { ?a ?b ?c FILTER(?a<?b) SERVICE?v#>\n{ ?x ?y ?z } }", True),
        ("SELECT * { ?a ?b ?c FILTER(?a<?b)SERVICE?v{ ?x ?y ?z } FILTER(?a>?c) }", True),
    ],
)
def test_uses_service(query: str, expected: bool) -> None:
    assert uses_service(query) is expected


def test_service_refused_before_running(service: QueryService) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        service.execute("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


@pytest.mark.serial  # the kill is timed in wall-clock seconds
def test_pool_timeout_kills_and_replaces_the_worker(tmp_path: Path) -> None:
    store = fill(OxigraphStore(tmp_path / "store"), 2000)
    store.flush()
    with QueryService(Settings(store_path=tmp_path / "store", query_timeout_s=1), store, workers=1) as service:
        assert service.execute("ASK { ?s ?p 1 }").body
        (before,) = service.worker_pids
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="longer than 1 s"):
            service.execute("SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")
        assert time.monotonic() - started < 3
        (after,) = service.worker_pids
        assert after != before and not Path(f"/proc/{before}").exists()
        assert b"true" in service.execute("ASK { ?s ?p 1 }").body
    assert service.worker_pids == []


# --- the workers' network sandbox --------------------------------------------------------------------------

# A process started as a worker is (``python -c``, lod.sparql.workers imported), confined, then told to connect.
_CONNECT = """
import socket, sys, lod.sparql.workers, lod.sparql.confinement
confined = lod.sparql.confinement.confine()
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5).close()
    reached = True
except OSError:
    reached = False
print(confined, reached)
"""


def test_workers_cannot_reach_the_network(tmp_path: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    with listener:
        ran = subprocess.run([sys.executable, "-c", _CONNECT, str(port)], capture_output=True, text=True, timeout=60, check=True)
        confined, reached = ran.stdout.split()
        if confined == "True":
            assert reached == "False", "a confined worker opened a TCP connection to 127.0.0.1"
            with pytest.raises(TimeoutError):
                listener.accept()
        else:
            assert reached == "True"  # no sandbox here: only the SERVICE refusal guards the network

    settings = Settings(store_path=tmp_path / "store")
    with QueryService(settings, fill(OxigraphStore(settings.store_path)), workers=1) as service:
        assert service.network_confined is (confined == "True")
        assert service.execute("ASK { ?s ?p 1 }").body  # a confined worker still reads the store
        if service.network_confined:
            own = os.readlink("/proc/self/ns/net")
            assert all(os.readlink(f"/proc/{pid}/ns/net") != own for pid in service.worker_pids)
        with pytest.raises(QueryRefused, match="SERVICE"):
            service.execute("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")


def test_in_process_queries_report_no_sandbox(service: QueryService) -> None:
    assert service.network_confined is None


def test_confinement_turns_on_where_the_kernel_allows_it() -> None:
    """Wherever the kernel lets a fresh process unshare (Linux as root here), a worker's sandbox turns on."""
    ran = subprocess.run([sys.executable, "-c", "import lod.sparql.workers, lod.sparql.confinement; print(lod.sparql.confinement.confine())"], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == str(_userns_allowed())


def _userns_allowed() -> bool:
    """Whether this kernel lets a process make a user namespace (a fresh single-threaded child tries)."""
    probe = "import ctypes, sys; sys.exit(ctypes.CDLL(None).unshare(0x10000000 | 0x40000000) != 0)"
    return subprocess.run([sys.executable, "-c", probe]).returncode == 0


# --- the read-only store beside a writer --------------------------------------------------------------------


def test_read_only_store_follows_the_writer(tmp_path: Path) -> None:
    writer = fill(OxigraphStore(tmp_path / "store"), 2)
    writer.flush()
    reader = ReadOnlyStore(tmp_path / "store")
    assert len(reader) == 2
    writer.engine.add(ox.Quad(ox.NamedNode(f"{EX}new"), ox.NamedNode(f"{EX}p"), ox.Literal(9), ox.NamedNode(f"{EX}g2")))
    writer.flush()
    assert len(reader) == 3
    assert [str(g) for g in reader.graph_names()] == [f"{EX}g", f"{EX}g2"]
    assert reader.query(f"ASK {{ <{EX}new> ?p ?o }}") == Boolean(True)
    for n in range(3):  # writes that only grow the write-ahead log: no file comes or goes in the folder
        writer.engine.add(ox.Quad(ox.NamedNode(f"{EX}more{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(n), ox.NamedNode(f"{EX}g2")))
        assert len(reader) == 4 + n
    with pytest.raises(StoreUnavailable, match="read-only"):
        reader.remove_graphs([URIRef(f"{EX}g")])


def test_a_steady_read_only_store_holds_one_view_for_the_work_inside(tmp_path: Path) -> None:
    """Inside steady() every read sees the store as it was at the start (a page and its panels agree); after
    it, the writer's new quads are seen again."""
    writer = fill(OxigraphStore(tmp_path / "store"), 2)
    writer.flush()
    reader = ReadOnlyStore(tmp_path / "store")
    with reader.steady():
        assert len(reader) == 2
        writer.engine.add(ox.Quad(ox.NamedNode(f"{EX}new"), ox.NamedNode(f"{EX}p"), ox.Literal(9), ox.NamedNode(f"{EX}g2")))
        writer.flush()
        assert len(reader) == 2 and reader.query(f"ASK {{ <{EX}new> ?p ?o }}") == Boolean(False)
        assert len(ReadOnlyStore(tmp_path / "store")) == 3  # another store is not held
    assert len(reader) == 3 and reader.query(f"ASK {{ <{EX}new> ?p ?o }}") == Boolean(True)


def test_read_only_store_of_a_missing_folder_is_empty_until_built(tmp_path: Path) -> None:
    reader = ReadOnlyStore(tmp_path / "store")
    assert len(reader) == 0 and reader.graph_names() == []
    assert not (tmp_path / "store").exists()  # reading creates nothing
    fill(OxigraphStore(tmp_path / "store"), 1).close()
    assert len(reader) == 1


def _corrupt(path: Path) -> None:
    """Every table file of the store overwritten with zeros in place (a disk fault; a reader's open files see it)."""
    files = list(path.glob("*.sst"))
    assert files
    for file in files:
        with file.open("r+b") as handle:
            handle.write(b"\0" * file.stat().st_size)


def test_a_store_that_cannot_be_read_is_unavailable_not_a_bad_query(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A storage failure met by a query is the store's (503), never the query's (400) nor a crash (500); a
    read-only view opens the store again once before saying so."""
    writer = fill(OxigraphStore(tmp_path / "store"), 200)
    writer.engine.flush()
    writer.engine.optimize()
    writer.close()
    view, reader = OxigraphStore(tmp_path / "store", read_only=True), ReadOnlyStore(tmp_path / "store")
    assert len(reader) == 200
    _corrupt(tmp_path / "store")
    # Opening it again fails at once, not after the ten tries that wait out a writer's compaction (2.5 s).
    monkeypatch.setattr(readonly, "_open_read_only", functools.partial(readonly._open_read_only, attempts=1))
    for store in (view, reader):
        with pytest.raises(StoreUnavailable, match="Corruption"):
            store.query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreUnavailable, match="Corruption"):
        view.construct_ntriples("CONSTRUCT WHERE { ?s ?p ?o }")
    with QueryService(Settings(store_path=tmp_path / "store"), view, workers=0) as service:  # the worker's own code, in this process
        with pytest.raises(StoreUnavailable, match="Corruption"):
            service.execute("SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
