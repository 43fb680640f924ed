"""Measure ``lod build`` and ``lod ingest`` on generated corpora and print the table of docs/performance.md (Build).

    python bench/build.py [--sizes 100 1000 10000] [--seed 1] [--work DIR]

For each size N: generate N articles (``bench/corpus.py``), run ``lod build`` into an empty store, then again with
nothing changed, then ``lod ingest`` one more article; and ``lod ingest`` the same article into a store of 10
articles. Reported per size: wall time, seconds per article, articles per second per core (N over the CPU
seconds of the build and its workers), peak resident memory of the build (the sum over its processes, sampled
every 50 ms), the store's size on disk and per quad after the build, and the size of a store made by Oxigraph's
own bulk load of the same quads (``pyoxigraph.Store.bulk_load`` of the build's N-Quads dump, flushed and optimized).
Every command runs as a separate process, as a user would run it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

LOD = [sys.executable, "-m", "lod.cli"]


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_rss: int  # bytes
    output: str


def run(args: list[str], env: dict[str, str]) -> Run:
    """Run a command, sampling the resident memory of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(child.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}):\n{output[-3000:]}")
    return Run(seconds, cpu, peak[0], output)


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def oxigraph_bulk_size(nquads: Path, work: Path) -> tuple[int, int]:
    """Size on disk and quad count of a store bulk-loaded by Oxigraph from ``nquads``."""
    target = work / "oxigraph-bulk"
    shutil.rmtree(target, ignore_errors=True)
    store = ox.Store(str(target))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    count = len(store)
    del store
    return size(target), count


def measure(n: int, seed: int, work: Path) -> dict[str, str]:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    corpus.generate(n + 1, folder / "data", seed=seed)
    articles = sorted((folder / "data" / "articles").glob("*.txt"))
    extra = folder / "extra"  # the article to ingest, kept out of the build
    extra.mkdir()
    for companion in (articles[-1], articles[-1].with_suffix(".yaml")):
        shutil.move(companion, extra / companion.name)
    env = {**os.environ, "LOD_DATA_DIR": str(folder / "data"), "LOD_STORE_PATH": str(folder / "store"),
           "LOD_DUMPS_DIR": str(folder / "dumps")}
    first = run([*LOD, "build"], env)
    store_bytes = size(folder / "store")  # the quads of the N-Quads dump, which the next article's ingest changes
    again = run([*LOD, "build"], env)
    ingest = run([*LOD, "ingest", str(extra / articles[-1].name)], env)
    bulk_bytes, quads = oxigraph_bulk_size(folder / "dumps" / "lod.nq", folder)
    return {
        "N": f"{n:,}",
        "build": f"{first.seconds:.1f} s",
        "s/article": f"{first.seconds / n:.3f}",
        "articles/s/core": f"{n / first.cpu:.1f}",
        "peak RSS": f"{first.peak_rss / 2**20:.0f} MB",
        "quads": f"{quads:,}",
        "store": f"{store_bytes / 2**20:.1f} MB ({store_bytes / quads:.0f} B/quad)",
        "Oxigraph bulk load": f"{bulk_bytes / 2**20:.1f} MB ({bulk_bytes / quads:.0f} B/quad)",
        "no-change rebuild": f"{again.seconds:.2f} s",
        "ingest 1 article": f"{ingest.seconds:.2f} s",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where corpora and stores go (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="lod-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    small = measure(10, args.seed, work)
    rows = [measure(n, args.seed, work) for n in args.sizes]
    print(f"cores: {len(os.sched_getaffinity(0))}; ingest into a store of 10 articles: {small['ingest 1 article']}\n")
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row[c] for c in columns) + " |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
