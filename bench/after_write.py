"""The first request of every kind of page after ``POST /articles``: CPU and wall time, in one process (the app
in-process, as ``lod serve`` opens it).

    python bench/after_write.py STORE_FOLDER ARTICLE.txt [ROUNDS]

``STORE_FOLDER`` holds ``store/``, ``data/`` and ``dumps/`` (as ``bench/build.py`` leaves them; work on a copy: the
article is published into it). Every index is warmed and each kind of page asked for once (steady). Then, per
round and per kind of page, the article is posted (a new one the first time, then again with its figures changed:
a replacing upload), the store's new view opened (timed apart: old and new code pay it alike) and that one kind
of page asked for: so each kind is measured as the first request after a write, paying whatever the write left
for it to do. The uploads' own time is not counted. Runs with any version of lod, so that old and new can be run
in turn on copies of the same store: one line of JSON per run (milliseconds, [CPU, wall], the median of the rounds).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from lod.settings import Settings
from lod.web.app import create_app
from lod.web.browse import LISTS

TOKEN = "bench-after-write-token"


def _kinds(entity: str) -> dict[str, str]:
    pages = {"entity": entity, "search": "/search?q=aleppo", "dumps": "/dumps/", "void": "/.well-known/void",
             "metrics": "/metrics"}
    pages.update({f"browse/{name}": f"/browse/{name}" for name in LISTS})
    return pages


def _get(client: TestClient, path: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, (path, response.status_code)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _post(client: TestClient, text: str) -> None:
    response = client.post("/articles", content=text.encode(), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code in (200, 201), response.text


def main(argv: list[str]) -> int:
    folder, article, rounds = Path(argv[0]), Path(argv[1]), int(argv[2]) if len(argv) > 2 else 3
    settings = Settings(data_dir=folder / "data", store_path=folder / "store", dumps_dir=folder / "dumps",
                        ingest_token=TOKEN)
    text = article.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(Source URL: \S+?)(\.html)?$", lambda m: m[1] + "-after-write" + (m[2] or ""), text, count=1)
    variants = [text, re.sub(r"\b(\d)(\d*)\b", lambda m: str((int(m[1]) % 9) + 1) + m[2], text)]
    out: dict[str, object] = {}
    with TestClient(create_app(settings)) as client:
        entity = "/doc/place/pcode/SY02"  # a governorate's page: the heaviest kind of entity page most articles touch
        if client.get(entity).status_code != 200:
            entity = "/"
        kinds = _kinds(entity)
        for path in kinds.values():  # wait for the warm-up's indexes
            client.get(path)
        out["steady"] = {kind: _get(client, path) for kind, path in kinds.items()}
        firsts: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        reopen: list[float] = []
        posted = 0
        for _ in range(rounds):
            for kind, path in kinds.items():
                _post(client, variants[posted % 2])
                posted += 1
                cpu = time.process_time()
                client.app.state.store.query("ASK { ?s ?p ?o }")  # type: ignore[attr-defined]  # the new view
                reopen.append((time.process_time() - cpu) * 1000)
                firsts[kind].append(_get(client, path))
                if kind == "entity":  # and again: what every later page pays until the next build
                    firsts.setdefault("entity, second request", []).append(_get(client, path))
        out["reopen"] = statistics.median(reopen)
        out["first after a write"] = {
            kind: [round(statistics.median(t[0] for t in times), 1), round(statistics.median(t[1] for t in times), 1)]
            for kind, times in firsts.items()
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
