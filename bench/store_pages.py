"""Pages whose cost may grow with the store, on a small and a big store, old code and new side by side.

    python bench/store_pages.py SMALL BIG --old OLD_SRC [--base URI] [--rounds 3] [--repeats 10] [--port 8851]

``SMALL`` and ``BIG`` each hold ``store/``, ``data/`` and ``dumps/`` as ``lod build --dumps`` writes them (the
same generator, ``bench/corpus.py``, at two sizes). For each store, ``lod serve`` is started twice over it, read
only: once with ``OLD_SRC`` (another checkout's ``src/``) first on the path, once with this checkout's. Each page
is asked once of each side to warm it, then ``--rounds`` times in the order old, new, new, old..., each time
``--repeats`` requests (fewer for a slow page, down to one) one after the other on one connection: the wall time of each request, and the CPU time the
server (and every process it started) spent over the repeats, divided by them. Prints one line of JSON per page
and store (medians), then per page the ratio big / small of each side's CPU and wall.

A deep page of a graph's subjects is asked as ``?page=N`` of the old side and as ``?after=<IRI>`` of the new
(the same page: the IRI is the one before it in the graph's subjects, in IRI order, as the store gives them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import servers  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "src"
PAGE_SIZE = 100  # lod.web.listing.PAGE_SIZE, on both sides


def _serve(folder: Path, port: int, base: str, src: Path) -> servers.Server:
    env = {**os.environ, "LOD_DATA_DIR": str(folder / "data"), "LOD_STORE_PATH": str(folder / "store"),
           "LOD_DUMPS_DIR": str(folder / "dumps"), "LOD_BASE_URI": base, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "lod.cli", "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    return servers.Server(url, servers.started(command, env, url, wait=300))


def _select(http: httpx.Client, query: str) -> list[dict[str, str]]:
    answer = http.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return [{k: v["value"] for k, v in row.items()} for row in answer.json()["results"]["bindings"]]


def _pages(http: httpx.Client, base: str) -> dict[str, tuple[str, str]]:
    """Each page's (old path, new path), the things they name found in the store."""
    articles = _select(http, "SELECT ?g WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } } ORDER BY ?g LIMIT 1")
    article = articles[0]["g"][len(base) - 1:]
    shared = f"{base}graph/shared"
    subjects = [row["s"] for row in _select(http, f"SELECT DISTINCT ?s WHERE {{ GRAPH <{shared}> {{ ?s ?p ?o }} FILTER isIRI(?s) }}")]
    subjects.sort()
    last = max(1, (len(subjects) - 1) // PAGE_SIZE + 1)
    deep = subjects[(last - 1) * PAGE_SIZE - 1] if last > 1 else ""
    place = _select(http, "SELECT ?p (COUNT(?o) AS ?n) WHERE { ?o <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?p }"
                          " GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")[0]["p"]
    event = _select(http, "SELECT ?e WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } ORDER BY ?e LIMIT 1")
    same = {  # a graph's or a thing's HTML by its suffix: without Accept the first format, Turtle, comes
        "/graph/{article} turtle": f"{article}.ttl",
        "/graph/{article} html": f"{article}.html",
        "/graph/shared html": "/graph/shared.html",
        "/graph/reference html": "/graph/reference.html",
        "/graph/reference turtle": "/graph/reference.ttl",
        "/def/concept/": "/def/concept/",
        "/def/scheme/": "/def/scheme/",
        "/ (home)": "/",
        "/health": "/health",
        "/metrics": "/metrics",
        "/.well-known/void (turtle)": "/.well-known/void",
        "/dumps/ (turtle: the first offered)": "/dumps/",
        "/dumps/ html": "/dumps/catalog.html",
        "/sparql (service description)": "/sparql?format=ttl",
        "/search?q=Aleppo": "/search?q=Aleppo",
        "/map/place/{busiest}": f"/map/place/{place[len(base + 'id/place/'):]}.geojson",
        "/browse/articles": "/browse/articles",
        "/browse/places": "/browse/places",
    }
    if event:
        same["/doc/event/{first} html"] = "/doc/" + event[0]["e"][len(base + "id/"):] + ".html"
    pages = {name: (path, path) for name, path in same.items()}
    pages["/graph/shared html, last page"] = (f"/graph/shared.html?page={last}",
                                              f"/graph/shared.html?after={quote(deep, safe='')}" if deep else "/graph/shared.html")
    return pages


def _timed(server: servers.Server, http: httpx.Client, path: str, repeats: int) -> tuple[list[float], float]:
    """The wall milliseconds of each of ``repeats`` requests, and the server's CPU milliseconds per request."""
    walls = []
    cpu = server.cpu_seconds()
    for _ in range(repeats):
        start = time.perf_counter()
        answer = http.get(path)
        walls.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
    return walls, (server.cpu_seconds() - cpu) * 1000 / repeats


def _measure(folder: Path, args: argparse.Namespace) -> dict[str, dict[str, dict[str, float]]]:
    sides = {"old": _serve(folder, args.port, args.base, args.old), "new": _serve(folder, args.port + 1, args.base, HERE)}
    out: dict[str, dict[str, dict[str, float]]] = {}
    try:
        clients = {side: httpx.Client(base_url=server.url, timeout=600) for side, server in sides.items()}
        for name, paths in _pages(clients["new"], args.base).items():
            walls: dict[str, list[float]] = {"old": [], "new": []}
            cpus: dict[str, list[float]] = {"old": [], "new": []}
            repeats = {}
            for side, path in zip(("old", "new"), paths):
                warm, _ = _timed(sides[side], clients[side], path, 1)
                repeats[side] = max(1, min(args.repeats, int(args.budget_ms // max(warm[0], 1))))  # a slow page fewer times
            for n in range(args.rounds):
                for side in (("old", "new") if n % 2 == 0 else ("new", "old")):
                    wall, cpu = _timed(sides[side], clients[side], paths[side == "new"], repeats[side])
                    walls[side] += wall
                    cpus[side].append(cpu)
            row = {side: {"wall_ms": round(statistics.median(walls[side]), 2), "cpu_ms": round(statistics.median(cpus[side]), 2)}
                   for side in sides}
            out[name] = row
            print(json.dumps({"store": folder.name, "page": name, **row, "load": os.getloadavg()[0]}), flush=True)
    finally:
        for server in sides.values():
            server.process.terminate()
            try:
                server.process.wait(20)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("small", type=Path)
    parser.add_argument("big", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="the old code's src/")
    parser.add_argument("--base", default="http://127.0.0.1:8000/", help="the base URI the stores were built under")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--port", type=int, default=8851)
    parser.add_argument("--budget-ms", type=float, default=3000, help="a page slower than this / repeats is asked fewer times (once at least)")
    args = parser.parse_args(argv)
    small, big = _measure(args.small, args), _measure(args.big, args)
    print("| page | old CPU ms small / big (ratio) | new CPU ms small / big (ratio) | old wall ms ratio | new wall ms ratio |")
    print("|---|---|---|---|---|")
    for name in small:
        if name not in big:
            continue
        cells = []
        for side in ("old", "new"):
            s, b = small[name][side]["cpu_ms"], big[name][side]["cpu_ms"]
            cells.append(f"{s:.1f} / {b:.1f} ({b / s if s else float('nan'):.2f})")
        for side in ("old", "new"):
            s, b = small[name][side]["wall_ms"], big[name][side]["wall_ms"]
            cells.append(f"{s:.1f} / {b:.1f} ({b / s if s else float('nan'):.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
