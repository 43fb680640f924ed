"""One publishing context per process: 50 uploads to a real ``lod serve`` leave its memory flat.

Each upload used to load the vocabulary, shapes, gazetteer and reconciler again, and a module-level cache kept
an entity finder (and so a reconciler) for every upload for the life of the process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from conftest import make_settings  # tests/conftest.py

from _engines import free_port, wait_until_answers, store_env

from ._sparql_server import rss_kib

TOKEN = "memory-token-0123456789abcdef"
# RSS may move by allocator noise and caches that fill once; a copy of the context per upload (tens of MB
# each) would pass this many times over in 40 uploads.
GROWTH_BOUND_KIB = 96 * 1024


def article(n: int) -> bytes:
    return (
        f"Title: Families flee Saraqeb ({n})\nSource URL: https://example.org/memory/{n}\nPublisher: OCHA\n"
        f"Published: 2020-01-28\n\nMore than {500 + n} families fled Saraqeb on Monday, OCHA said.\n"
    ).encode()


def test_fifty_uploads_leave_the_server_memory_flat(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    settings = make_settings(tmp_path, base_uri=base)
    env = {
        **os.environ,
        "LOD_BASE_URI": base, "LOD_PORT": str(port), "LOD_HOST": "127.0.0.1", "LOD_INGEST_TOKEN": TOKEN,
        "LOD_DATA_DIR": str(settings.data_dir), **store_env(settings),
        "LOD_DUMPS_DIR": str(settings.dumps_dir),
    }
    server = subprocess.Popen([sys.executable, "-m", "lod.cli", "serve"], env=env, stdin=subprocess.DEVNULL)
    try:
        wait_until_answers(f"{base}health", server, seconds=120)
        rss: dict[int, int] = {}
        with httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
            for n in range(1, 51):
                response = http.post("/articles", content=article(n), headers={"Content-Type": "text/plain; charset=utf-8"})
                assert response.status_code == 201, response.text
                rss[n] = rss_kib(server.pid)
        assert rss[50] - rss[10] < GROWTH_BOUND_KIB, f"RSS after 10 uploads {rss[10]} KiB, after 50 {rss[50]} KiB"
        assert len(list((settings.data_dir / "uploads").glob("*.txt"))) == 50
    finally:
        server.terminate()
        server.wait(30)
