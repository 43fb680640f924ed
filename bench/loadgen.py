"""wrk (Debian's ``wrk``), driven over a list of request paths: requests per second and latency percentiles.

    result = run("http://127.0.0.1:8001", ["/doc/a.ttl", "/doc/b.ttl"], {"Accept": "text/turtle"}, seconds=10)
    result.rps, result.p50_ms, result.p99_ms

Each connection walks the path list round-robin from its own starting point, so a run touches many entities, not
one cached answer. A run with any non-2xx answer or socket error raises: a fast error is not a fast page.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LoadError", "Result", "run"]

_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local counter = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
function request()
  counter = counter + 1
  local path = paths[((counter + offset) %% #paths) + 1]
  return wrk.format("GET", path, headers)
end
"""


class LoadError(RuntimeError):
    """wrk failed, or the server answered something other than 2xx."""


@dataclass(frozen=True)
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int


def run(base: str, paths: list[str], headers: dict[str, str], *, seconds: float, connections: int = 8, threads: int = 2) -> Result:
    """Load ``base`` + each of ``paths`` for ``seconds`` with ``connections`` connections.

    Raises:
        LoadError: wrk failed, or some answers were errors.
    """
    script = _SCRIPT % {
        "paths": ", ".join(_lua(p) for p in paths),
        "headers": ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        done = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "--latency", "-s", f.name, base],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        Path(f.name).unlink()
    if done.returncode != 0:
        raise LoadError(f"wrk failed: {done.stderr.strip() or done.stdout.strip()}")
    return parse(done.stdout)


def parse(out: str) -> Result:
    """The figures of wrk's ``--latency`` report.

    Raises:
        LoadError: the report counts errors, or lacks a figure.
    """
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise LoadError(f"{m[1]} answers were not 2xx:\n{out}")
    if m := re.search(r"Socket errors: (.*)", out):
        raise LoadError(f"socket errors ({m[1]}):\n{out}")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    if not (rps and total and p50 and p99):
        raise LoadError(f"unexpected wrk report:\n{out}")
    if int(total[1]) == 0:
        raise LoadError(f"no request was answered in time:\n{out}")
    return Result(float(rps[1]), _ms(p50[1], p50[2]), _ms(p99[1], p99[2]), int(total[1]))


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
