"""Every kind of page on a store where one story was uploaded many times: what each costs through a real server.

    python bench/copies.py prepare FOLDER [--copies 12]
    python bench/copies.py time FOLDER [--rounds 5] [--src SRC] [--save DIR] [--port 8731]

``prepare`` builds the seed dataset (``data/``) into ``FOLDER`` (``store/``, ``data/``, ``dumps/``) and posts the
seed article ``--copies`` times more through ``lod serve`` (``POST /articles``), each under its own Source URL:
the same names, places and figures copied into a dozen article graphs, which the union default graph gives
once per graph that holds them. ``time`` starts ``lod serve`` over ``FOLDER`` (with ``--src`` first on the
path: another checkout's ``src/``, to run old and new code on the same store in turn), picks an entity of each
kind, and asks for every kind of page (entity documents in HTML and Turtle, browse lists, search, links in,
dumps, metrics, SPARQL-free listings) once to warm it, then ``--rounds`` times: one line of JSON, the median
wall milliseconds of each page. ``--save DIR`` writes each page's body there (``name.html``/``name.ttl``), to
compare old and new.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import servers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TOKEN = "bench-copies-token-0123456789"
SEED = REPO / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


def _env(folder: Path, port: int, src: str | None) -> dict[str, str]:
    env = {**os.environ, "LOD_DATA_DIR": str(folder / "data"), "LOD_STORE_PATH": str(folder / "store"),
           "LOD_DUMPS_DIR": str(folder / "dumps"), "LOD_INGEST_TOKEN": TOKEN, "LOD_BASE_URI": f"http://127.0.0.1:{port}/"}
    if src:
        env["PYTHONPATH"] = src
    return env


def _serve(folder: Path, port: int, src: str | None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "lod.cli", "serve", "--port", str(port)]
    return servers.started(command, _env(folder, port, src), f"http://127.0.0.1:{port}", wait=120)


def prepare(folder: Path, copies: int, port: int) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-r", str(REPO / "data" / "reference"), str(folder / "data")], check=True)
    (folder / "data" / "articles").mkdir(exist_ok=True)
    subprocess.run(["cp", str(SEED), str(SEED.with_suffix(".yaml")), str(folder / "data" / "articles")], check=True)
    subprocess.run([sys.executable, "-m", "lod.cli", "build"], env=_env(folder, port, None), check=True, stdout=subprocess.DEVNULL)
    text = SEED.read_text(encoding="utf-8")
    server = _serve(folder, port, None)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as http:
            for n in range(copies):
                copy = re.sub(r"(?m)^(Source URL: \S+?)(\.html)?$", lambda m: f"{m[1]}-copy-{n}{m[2] or ''}", text, count=1)
                response = http.post("/articles", content=copy.encode(), headers={
                    "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
                assert response.status_code in (200, 201), response.text
    finally:
        server.terminate()
        server.wait()


# One entity of each kind: the one named in the most graphs (the most copied); a governorate with figures.
_KINDS = {
    "governorate": "?e <https://w3id.org/lod-syria/def/displacement#adminLevel> 1 . ?a <https://schema.org/containedInPlace>+ ?e . "
                   "?f <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?a",
    "place": "?e a <https://schema.org/Place>",
    "organization": "?e a <http://www.w3.org/ns/org#Organization>",
    "reporter": "?f <https://w3id.org/lod-syria/def/displacement#reportedBy> ?e",
    "person": "?e a <http://xmlns.com/foaf/0.1/Person>",
    "article": "?e a <https://schema.org/NewsArticle>",
    "observation": "?e a <https://w3id.org/lod-syria/def/displacement#DisplacementObservation>",
    "statement": "?e a <https://w3id.org/lod-syria/def/displacement#Statement>",
    "event": "?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event>",
    "concept": "?e a <http://www.w3.org/2004/02/skos/core#Concept>",
}


def _entities(http: httpx.Client, base: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for kind, pattern in _KINDS.items():
        query = (f"SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {{ {pattern} }} GRAPH ?g {{ ?e ?p ?o }} "
                 f"FILTER(STRSTARTS(STR(?e), \"{base}id/\") || STRSTARTS(STR(?e), \"https://w3id.org/lod-syria/def/\")) }} "
                 "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1")
        response = http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
        rows = list(csv.DictReader(io.StringIO(response.text)))
        if rows:
            iri = rows[0]["e"]
            found[kind] = iri.replace(f"{base}id/", "/doc/", 1).replace("https://w3id.org/lod-syria/def/", "/def/", 1)
    return found


def _pages(http: httpx.Client, base: str) -> dict[str, tuple[str, str]]:
    pages: dict[str, tuple[str, str]] = {}
    for kind, path in _entities(http, base).items():
        pages[f"{kind}.html"] = (path, "text/html")
        if path.startswith("/doc/"):
            pages[f"{kind}.ttl"] = (path, "text/turtle")
            pages[f"{kind}.incoming"] = (f"/incoming{path}", "text/turtle")
    for name in ("articles", "places", "organizations", "people", "observations"):
        pages[f"browse-{name}"] = (f"/browse/{name}", "text/html")
    pages |= {"home": ("/", "text/html"), "search": ("/search?q=idlib", "text/html"), "dumps": ("/dumps/", "text/html"),
              "void": ("/.well-known/void", "text/turtle"), "metrics": ("/metrics", "text/plain"),
              "id-place": ("/id/place/", "text/html"), "graphs": ("/graph/", "text/html"),
              "observations.csv": ("/observations.csv", "text/csv"), "events.csv": ("/events.csv", "text/csv")}
    return pages


def time_pages(folder: Path, rounds: int, src: str | None, save: Path | None, port: int) -> None:
    server = _serve(folder, port, src)
    base = f"http://127.0.0.1:{port}/"
    try:
        with httpx.Client(base_url=base, timeout=600) as http:
            pages = _pages(http, base)
            for name, (path, accept) in pages.items():  # warm each (indexes, caches), keep its body
                response = http.get(path, headers={"Accept": accept})
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    (save / f"{name}.{response.status_code}").write_bytes(response.content)
            times: dict[str, list[float]] = {name: [] for name in pages}
            for _ in range(rounds):
                for name, (path, accept) in pages.items():
                    start = time.perf_counter()
                    http.get(path, headers={"Accept": accept})
                    times[name].append((time.perf_counter() - start) * 1000)
        print(json.dumps({"pages": {n: p for n, (p, _) in pages.items()},
                          "ms": {n: round(statistics.median(t), 1) for n, t in times.items()}}))
    finally:
        server.terminate()
        server.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["prepare", "time"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--src")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args(argv)
    if args.action == "prepare":
        prepare(args.folder, args.copies, args.port)
    else:
        time_pages(args.folder, args.rounds, args.src, args.save, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
