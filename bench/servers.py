"""The two servers the serving benchmark compares, over one corpus: ``lod serve`` and ``oxigraph serve-read-only``.

``prepare(n, folder)`` generates and builds the corpus once (kept in ``folder`` and reused by later runs), dumps
its quads and loads them into an Oxigraph store of their own; ``lod(prepared)`` and ``oxigraph(prepared)`` run
each server on a free loopback port for the length of a ``with`` block.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASE = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Prepared:
    """A built corpus: lod's store and dumps, the quads, and Oxigraph's own store of the same quads."""

    folder: Path
    quads: int

    @property
    def store(self) -> Path:
        return self.folder / "store"

    @property
    def dumps(self) -> Path:
        return self.folder / "dumps"

    @property
    def oxigraph(self) -> Path:
        return self.folder / "oxigraph"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def rss_mb(self) -> float:
        """Resident memory of the server and every process it started (lod's query workers), in MB."""
        return sum(_rss_kb(pid) for pid in _tree(self.process.pid)) / 1024

    def cpu_seconds(self) -> float:
        """CPU time of the server and every process it started so far (those that ended and were waited for too)."""
        return sum(_cpu_ticks(pid) for pid in _tree(self.process.pid)) / _TICKS


def prepare(n: int, folder: Path) -> Prepared:
    """The corpus of ``n`` articles built in ``folder`` (generated and built only when not there yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = _env(folder)
    data = folder / "data"
    built = folder / "built"
    quads = folder / "quads.nq"
    if not built.exists() and quads.exists() and not (data / "articles").is_dir():
        # Quads without a corpus (bench/replicate.py): lod's store is an Oxigraph store, loaded from them.
        _run([str(BIN / "oxigraph"), "load", "--location", str(folder / "store"), "--file", str(quads)], env)
        _run([str(BIN / "oxigraph"), "optimize", "--location", str(folder / "store")], env)
        built.write_text("loaded from quads.nq (bench/replicate.py), not built\n")
    if not (data / "articles").is_dir() and not built.exists():
        _run([sys.executable, str(REPO / "bench" / "corpus.py"), str(n), str(data)], env)
    if not built.exists():
        started = time.perf_counter()
        # --dumps: every dump file now, so no maker works in the background while the servers are measured
        _run([str(BIN / "lod"), "build", "--dumps", "--data-dir", str(data)], env)
        built.write_text(f"lod build of {n} articles: {time.perf_counter() - started:.0f} s\n")
    if not quads.exists():
        _run([str(BIN / "lod"), "dump", "--format", "nq", "-o", str(quads)], env)
    prepared = Prepared(folder, _count_lines(quads))
    if not (prepared.oxigraph / "CURRENT").exists():
        _run([str(BIN / "oxigraph"), "load", "--location", str(prepared.oxigraph), "--file", str(quads)], env)
        _run([str(BIN / "oxigraph"), "optimize", "--location", str(prepared.oxigraph)], env)
    return prepared


@contextmanager
def lod(prepared: Prepared, workers: int = 1) -> Iterator[Server]:
    """``lod serve``; ``workers`` > 1 runs that many server processes behind one port (``lod serve --workers``)."""
    port = _free_port()
    command = [str(BIN / "lod"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with _running(command, _env(prepared.folder), f"http://127.0.0.1:{port}", "/health") as server:
        yield server


@contextmanager
def oxigraph(prepared: Prepared) -> Iterator[Server]:
    port = _free_port()
    command = [
        str(BIN / "oxigraph"), "serve-read-only", "--location", str(prepared.oxigraph),
        "--bind", f"127.0.0.1:{port}", "--union-default-graph",
    ]
    with _running(command, os.environ.copy(), f"http://127.0.0.1:{port}", "/query?query=ASK%7B%7D") as server:
        yield server


def download(url: str, path: str) -> float | None:
    """Seconds to download ``url`` + ``path`` whole (N-Quads); None when there is no such file (404)."""
    started = time.perf_counter()
    size = 0
    with httpx.stream("GET", url + path, headers={"Accept": "application/n-quads"}, timeout=600) as answer:
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        for chunk in answer.iter_raw():
            size += len(chunk)
    if size == 0:
        raise RuntimeError(f"{url}{path} answered nothing")
    return time.perf_counter() - started


def started(command: list[str], env: dict[str, str], url: str, probe: str = "/health", wait: float = 300) -> subprocess.Popen[bytes]:
    """A server started by ``command``, once ``url + probe`` answers 200 (killed, and an error, if it does not)."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(url + probe, timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    if process.poll() is not None:
        raise RuntimeError(f"{command[0]} stopped at start (exit {process.returncode})")
    process.kill()
    process.wait()
    raise RuntimeError(f"{command[0]} did not answer on {url}")


@contextmanager
def _running(command: list[str], env: dict[str, str], url: str, probe: str) -> Iterator[Server]:
    process = started(command, env, url, probe)
    try:
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LOD_STORE_PATH": str(folder / "store"),
        "LOD_DUMPS_DIR": str(folder / "dumps"),
        "LOD_BASE_URI": BASE,
    }


def _run(command: list[str], env: dict[str, str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, env=env, check=True, cwd=REPO)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return out


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    """User and system time of ``pid`` and of its children it has waited for, in clock ticks (/proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime (fields 14-17 of proc(5))


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
