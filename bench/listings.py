"""The listings ``/id/``, ``/id/{kind}/`` and ``/graph/`` through real servers, old code and new side by side.

    python bench/listings.py FOLDER --old OLD_SRC [--base URI] [--rounds 3] [--port 8811]

Starts ``lod serve`` twice over ``FOLDER`` (``store/``, ``data/``, ``dumps/``, as ``bench/copies.py`` makes them
or ``lod build`` writes them), one with ``OLD_SRC`` (another checkout's ``src/``) first on the path and one with
this checkout's, both read-only over the same store and under the same base URI (``--base``: the one the store
was built under). Asks each listing once of each to warm it, then ``--rounds`` times in the order old, new, new,
old...; prints one line of JSON per listing: the median wall milliseconds of each side, and the load average.
A deep page is asked as ``?page=N`` of both and as ``?after=<URI>`` (the key the new side's pages link with) of
the new one.
"""

from __future__ import annotations

import argparse
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

HERE = Path(__file__).resolve().parent.parent / "src"
NEXT = re.compile(r'<[^>]*\?after=([^>]*)>; rel="next"')


def _serve(folder: Path, port: int, base: str, src: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LOD_DATA_DIR": str(folder / "data"), "LOD_STORE_PATH": str(folder / "store"),
           "LOD_DUMPS_DIR": str(folder / "dumps"), "LOD_BASE_URI": base, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "lod.cli", "serve", "--port", str(port)]
    return servers.started(command, env, f"http://127.0.0.1:{port}", wait=120)


def _took(http: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    answer = http.get(path)
    took = (time.perf_counter() - start) * 1000
    assert answer.status_code == 200, (path, answer.status_code)
    return took


def _after(http: httpx.Client, path: str, pages: int) -> str:
    """The ``after`` key of page ``pages + 1`` of a listing on the new side, following its next links."""
    key = ""
    for _ in range(pages):
        found = NEXT.search(http.get(f"{path}?after={key}" if key else path).headers.get("link", ""))
        assert found, path
        key = found.group(1)
    return key


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="the old code's src/")
    parser.add_argument("--base", default="http://127.0.0.1:8000/", help="the base URI the store was built under")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8811)
    parser.add_argument("--deep", type=int, default=50, help="the deep page asked for")
    args = parser.parse_args(argv)
    servers = {"old": _serve(args.folder, args.port, args.base, args.old),
               "new": _serve(args.folder, args.port + 1, args.base, HERE)}
    try:
        clients = {side: httpx.Client(base_url=f"http://127.0.0.1:{args.port + n}", timeout=600) for n, side in enumerate(servers)}
        deep = _after(clients["new"], "/id/place/", args.deep - 1)
        paths = {"/id/": ("/id/", "/id/"), "/id/place/": ("/id/place/", "/id/place/"),
                 f"/id/place/ page {args.deep}": (f"/id/place/?page={args.deep}", f"/id/place/?after={deep}"),
                 "/graph/": ("/graph/", "/graph/")}
        for name, (old, new) in paths.items():
            times: dict[str, list[float]] = {"old": [], "new": []}
            for side, path in (("old", old), ("new", new)):
                _took(clients[side], path)  # warm
            for n in range(args.rounds):
                for side in (("old", "new") if n % 2 == 0 else ("new", "old")):
                    times[side].append(_took(clients[side], old if side == "old" else new))
            print(json.dumps({"listing": name, "old_ms": round(statistics.median(times["old"]), 1),
                              "new_ms": round(statistics.median(times["new"]), 1), "load": os.getloadavg()[0]}), flush=True)
    finally:
        for server in servers.values():
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
