"""Every page of the listings ``/id/``, ``/id/{kind}/`` and ``/graph/`` from an old and a new ``lod serve``, byte
for byte, before and after a write; and what the listings' members cost at a server's start.

    python bench/listing_pages.py FOLDER --old OLD_SRC [--base URI] [--article FILE] [--port 8831]
    python bench/listing_pages.py FOLDER --old OLD_SRC --start [--rounds 3]

``FOLDER`` holds ``store/``, ``data/`` and ``dumps/`` as ``lod build`` writes them. Pages: each side serves its
own copy of the folder (a write of one side is not the other's), under the same base URI (``--base``: the one
the store was built under); every page of every listing is walked through its ``rel="next"`` links and
compared; then ``--article`` (a text file) is posted to each side, the pages compared again, and the new side
started again over its written copy (it takes the build's members with the write asked again) and compared once
more. Prints one line of JSON per comparison. ``--start``: in separate processes, alternated old, new, new,
old..., the seconds the members take at a start (the old code asks the store; the new reads the build's index,
and asks the store only when the index has none), with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import servers  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "src"
NEXT = re.compile(r'<([^>]*)>; rel="next"')
KIND = re.compile(r'<td><code>[^<]*/id/([^/<]+)/</code></td>')
TOKEN = "bench-listing-pages-0123456789"

# Timed in a process of its own: the members as a server takes them at its start, on either side's code.
_START = """
import json, sys, time
from pathlib import Path
from lod.store import open_store
from lod.settings import Settings
settings = Settings()
from lod.rdf.uris import Uris
store = open_store(settings, read_only=True)
shared = [str(Uris(settings.base_uri, settings.vocab_uri).shared_graph)]
try:
    from lod.web.members import taken
except ImportError:  # the old code: from the whole store
    from lod.web import members
    taken = lambda folder, store, base, shared: (None, members.build(store, base))
store.query("ASK { ?s ?p ?o }")  # the store opened, as a server's is when it takes its indexes
started = time.perf_counter()
found = taken(settings.dumps_dir, store, settings.base_uri, shared)[1]
took = time.perf_counter() - started
print(json.dumps({"seconds": took, "things": sum(len(v) for v in found.kinds.values()), "graphs": len(found.graphs)}))
"""


def _env(folder: Path, base: str, src: Path) -> dict[str, str]:
    return {**os.environ, "LOD_DATA_DIR": str(folder / "data"), "LOD_STORE_PATH": str(folder / "store"),
            "LOD_DUMPS_DIR": str(folder / "dumps"), "LOD_BASE_URI": base, "PYTHONPATH": str(src),
            "LOD_INGEST_TOKEN": TOKEN}


def _serve(folder: Path, port: int, base: str, src: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "lod.cli", "serve", "--port", str(port)]
    return servers.started(command, _env(folder, base, src), f"http://127.0.0.1:{port}", wait=600)


def _walk(http: httpx.Client, path: str) -> list[bytes]:
    """Every page of a listing from its first, following ``Link: rel="next"``: their bodies."""
    bodies: list[bytes] = []
    url: str | None = path
    while url is not None:
        answer = http.get(url)
        assert answer.status_code == 200, (url, answer.status_code)
        bodies.append(answer.content)
        found = NEXT.search(answer.headers.get("link", ""))
        url = urljoin(str(answer.url), found.group(1)) if found else None
    return bodies


def _pages(http: httpx.Client) -> dict[str, list[bytes]]:
    """Every listing's pages: ``/id/``, each kind's, ``/graph/``."""
    first = http.get("/id/")
    assert first.status_code == 200
    pages = {"/id/": [first.content]}
    for kind in KIND.findall(first.text):
        pages[f"/id/{kind}/"] = _walk(http, f"/id/{kind}/")
    pages["/graph/"] = _walk(http, "/graph/")
    return pages


def _compare(step: str, old: dict[str, list[bytes]], new: dict[str, list[bytes]]) -> bool:
    same = old == new
    differing = sorted(p for p in {*old, *new} if old.get(p) != new.get(p))
    print(json.dumps({"step": step, "listings": len(new), "pages": sum(map(len, new.values())), "same": same,
                      "differing": differing[:10], "load": os.getloadavg()[0]}), flush=True)
    return same


def pages(folder: Path, old_src: Path, base: str, article: Path | None, port: int) -> bool:
    work = Path(tempfile.mkdtemp(prefix="listing-pages-"))
    try:
        copies = {side: work / side for side in ("old", "new")}
        for copy in copies.values():
            shutil.copytree(folder, copy)
        sources = {"old": old_src, "new": HERE}
        running = {side: _serve(copies[side], port + n, base, sources[side]) for n, side in enumerate(copies)}
        try:
            clients = {side: httpx.Client(base_url=f"http://127.0.0.1:{port + n}", timeout=600) for n, side in enumerate(copies)}
            same = _compare("built", *(_pages(clients[side]) for side in ("old", "new")))
            if article is not None:
                for side, http in clients.items():
                    answer = http.post("/articles", content=article.read_bytes(), headers={
                        "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
                    assert answer.status_code in (200, 201), (side, answer.status_code, answer.text[:500])
                after = {side: _pages(clients[side]) for side in ("old", "new")}
                same &= _compare("after a write", after["old"], after["new"])
                running["new"].terminate()
                running["new"].wait()
                running["new"] = _serve(copies["new"], port + 1, base, HERE)
                same &= _compare("after a write, the new side started again", after["old"], _pages(clients["new"]))
        finally:
            for process in running.values():
                process.terminate()
                process.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return same


def start(folder: Path, old_src: Path, base: str, rounds: int) -> None:
    times: dict[str, list[float]] = {"old": [], "new": []}
    for n in range(rounds):
        for side in (("old", "new") if n % 2 == 0 else ("new", "old")):
            env = _env(folder, base, old_src if side == "old" else HERE)
            out = subprocess.run([sys.executable, "-c", _START], env=env, capture_output=True, text=True, check=True).stdout
            found = json.loads(out.strip().splitlines()[-1])
            times[side].append(found["seconds"])
            print(json.dumps({"side": side, **found, "load": os.getloadavg()[0]}), flush=True)
    print(json.dumps({side: round(statistics.median(t), 3) for side, t in times.items()}))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="the old code's src/")
    parser.add_argument("--base", default="http://127.0.0.1:8000/", help="the base URI the store was built under")
    parser.add_argument("--article", type=Path, help="a text file posted to each side after the first comparison")
    parser.add_argument("--port", type=int, default=8831)
    parser.add_argument("--start", action="store_true", help="time the members at a start instead")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.start:
        start(args.folder, args.old, args.base, args.rounds)
        return 0
    return 0 if pages(args.folder, args.old, args.base, args.article, args.port) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
