"""Denial of service, measured: a normal client's throughput alone, then beside attackers sending the worst
queries we know, printed side by side as a ratio (issue 10.5 asks for at least 50 %).

    python bench/dos.py [--seconds 20] [--attackers 2] [--store PATH]

Runs the real ``lod serve`` on a free loopback port over a store holding ``tests/data/web/seed.trig`` and
3,000 more triples (so a cross product is big enough to hit the memory cap), or over ``--store``. The normal
client loops over a SPARQL query and an entity document; each attacker loops over: 3,000 nested braces,
1,000 nested ``CONCAT(``, a cross product under ORDER BY (memory), a body over the size limit, a glued
``SERVICE``, and an unknown function (``--vary``: each with a fresh comment, so the server cannot refuse a
repeat of a query it stopped before). Every answer is counted by status; a 5xx other than 503 is a failure.
The machine's other load moves the figures: run it a few times and compare the ratios, not the counts.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent))
import servers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "web" / "seed.trig"
LOD = Path(sys.executable).with_name("lod")
BASE = "http://127.0.0.1:8000/"  # the seed's own base: the URIs it holds

ENTITY = "/doc/place/pcode/SY07"
GOOD_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
WORST = [
    "SELECT * " + "{" * 3000 + "}" * 3000,
    "SELECT (" + "CONCAT(" * 1000 + '"a"' + ")" * 1000 + " AS ?x) {}",
    "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 10",
    "#" + "?" * 1_000_000,
    "SELECT * { ?s ?p ?o.SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT (<http://example.org/f>(1) AS ?x) {}",
]


def make_store(path: Path) -> None:
    from lod.rdf.namespaces import DEFAULT_VOCAB, rebase
    from lod.store import OxigraphStore

    store = OxigraphStore(path)
    store.engine.load(rebase(SEED.read_text(encoding="utf-8"), BASE, DEFAULT_VOCAB).encode(), format=ox.RdfFormat.TRIG)
    graph = ox.NamedNode("http://example.org/generated")
    store.engine.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode(f"http://example.org/p{i % 7}"), ox.Literal(f"value {i}"), graph)
        for i in range(3000)
    )
    store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(store: Path, dumps: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LOD_STORE_PATH": str(store), "LOD_DUMPS_DIR": str(dumps), "LOD_BASE_URI": BASE}
    return servers.started([str(LOD), "serve", "--port", str(port)], env, f"http://127.0.0.1:{port}", wait=60)


def normal_process(url: str, seconds: float, out: multiprocessing.Queue[tuple[int, dict[int, int]]]) -> None:
    statuses: collections.Counter[int] = collections.Counter()
    out.put((normal_client(url, seconds, statuses), dict(statuses)))


def attacker_process(url: str, stop: object, out: multiprocessing.Queue[dict[int, int]], vary: bool) -> None:
    statuses: collections.Counter[int] = collections.Counter()
    attacker(url, stop, statuses, vary)
    out.put(dict(statuses))


def normal_client(url: str, seconds: float, statuses: collections.Counter[int]) -> int:
    """Good requests answered 200 in ``seconds``: a SPARQL query, then an entity document, in turn."""
    done = 0
    with httpx.Client(base_url=url, timeout=60) as http:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            query = http.get("/sparql", params={"query": GOOD_QUERY}, headers={"Accept": "text/csv"})
            page = http.get(ENTITY, headers={"Accept": "text/turtle"})
            statuses[query.status_code] += 1
            statuses[page.status_code] += 1
            done += (query.status_code == 200) + (page.status_code == 200)
    return done


def attacker(url: str, stop: object, statuses: collections.Counter[int], vary: bool) -> None:
    with httpx.Client(base_url=url, timeout=120) as http:
        i = 0
        while not stop.is_set():  # type: ignore[attr-defined]
            query = WORST[i % len(WORST)]
            if vary:  # a new text each time: the server cannot know it from one it stopped before
                query = f"# {os.getpid()} {i}\n{query}"
            statuses[http.post("/sparql", data={"query": query}).status_code] += 1
            i += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each run (default 20)")
    parser.add_argument("--attackers", type=int, default=2, help="attacking loops beside the normal client (default 2)")
    parser.add_argument("--vary", action="store_true", help="attackers change each query's text (a comment), so none is known")
    parser.add_argument("--store", type=Path, help="an existing store to serve (default: the seed and 3,000 triples)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lod-dos-") as folder:
        store = args.store or Path(folder) / "store"
        if args.store is None:
            make_store(store)
        port = free_port()
        server = serve(store, Path(folder) / "dumps", port)
        url = f"http://127.0.0.1:{port}"
        try:
            # Each client is a process of its own, so no client waits on another's interpreter lock.
            context = multiprocessing.get_context("fork")
            normal_client(url, 2, collections.Counter())  # warm up: workers started, pages cached by the OS
            results: multiprocessing.Queue[tuple[int, dict[int, int]]] = context.Queue()
            alone_run = context.Process(target=normal_process, args=(url, args.seconds, results))
            alone_run.start()
            baseline, alone = results.get()
            alone_run.join()
            stop = context.Event()
            reports: multiprocessing.Queue[dict[int, int]] = context.Queue()
            loops = [context.Process(target=attacker_process, args=(url, stop, reports, args.vary)) for _ in range(args.attackers)]
            for loop in loops:
                loop.start()
            time.sleep(1)  # the attack under way before the normal client starts
            beside_run = context.Process(target=normal_process, args=(url, args.seconds, results))
            beside_run.start()
            under_attack, beside = results.get()
            beside_run.join()
            stop.set()
            attacks: collections.Counter[int] = collections.Counter()
            for loop in loops:
                attacks.update(reports.get())
                loop.join()
        finally:
            server.terminate()
            server.wait(30)
    ratio = under_attack / baseline if baseline else 0.0
    print(f"normal client alone:          {baseline:6d} good answers in {args.seconds:g} s  statuses {dict(alone)}")
    print(f"beside {args.attackers} attacking loop(s){' (varied)' if args.vary else ''}:  {under_attack:6d} good answers in {args.seconds:g} s  statuses {dict(beside)}")
    print(f"attackers' answers by status: {dict(attacks)}")
    print(f"throughput under attack / alone: {ratio:.2f}  ({'ok' if ratio >= 0.5 else 'BELOW'} the 0.50 floor)")
    failures = sum(n for status, n in (*alone.items(), *beside.items(), *attacks.items()) if status >= 500 and status != 503)
    if failures:
        print(f"{failures} answers were 5xx other than 503")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
