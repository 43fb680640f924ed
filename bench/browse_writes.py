"""The browse lists' first page after a write: CPU and wall time per list, in one process (the app in-process).

    python bench/browse_writes.py STORE_FOLDER ARTICLE.txt

``STORE_FOLDER`` holds ``store/``, ``data/`` and ``dumps/`` (as ``bench/build.py`` leaves them; work on a copy: the
article is written into it). The app is opened over it as ``lod serve`` opens it (read-only, every index warmed),
then ``ARTICLE.txt`` is ingested (as ``lod ingest`` does beside a running server), each list's first page asked
for (after the store's new view is opened, timed apart: old and new pay it alike), the article ingested again with its figures changed (a replacing write), each list asked for again. The
ingests' own time is not counted. Runs with any version of lod (old code rebuilds its indexes after a write), so
that old and new can be run in turn on the same store: one line of JSON per run.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from lod.pipeline.build import ingest
from lod.settings import Settings
from lod.web.app import create_app
from lod.web.browse import LISTS


def _page(client: TestClient, name: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(f"/browse/{name}")
    assert response.status_code == 200, response.text
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _index_bytes(client: TestClient) -> int:
    held = client.app.state.browse_indexes  # type: ignore[attr-defined]
    total = 0
    for entry in held.values():
        index = entry[1][1] if isinstance(entry[1], tuple) else entry[1]  # new: (mark, index); old: index
        total += index.size_in_bytes()
    return total


def main(argv: list[str]) -> int:
    folder, article = Path(argv[0]), Path(argv[1])
    settings = Settings(data_dir=folder / "data", store_path=folder / "store", dumps_dir=folder / "dumps")
    changed = Path(tempfile.mkdtemp()) / article.name  # the same article (same URIs), its figures changed
    changed.write_text(re.sub(r"\b(\d)(\d*)\b", lambda m: str((int(m[1]) % 9) + 1) + m[2], article.read_text()))
    out: dict[str, object] = {}
    with TestClient(create_app(settings)) as client:
        for name in LISTS:  # wait for the warm-up's indexes (and the search index's, in the background)
            client.get(f"/browse/{name}")
        client.get("/search", params={"q": "aleppo"})
        out["steady"] = {name: _page(client, name) for name in LISTS}
        out["index MB"] = _index_bytes(client) / 2**20
        out["rss MB"] = _rss_mb()
        for step, path in (("new", article), ("replacing", changed)):
            ingest(path, settings)
            cpu = time.process_time()
            client.app.state.store.query("ASK { ?s ?p ?o }")  # type: ignore[attr-defined]  # the new view of the store
            out[f"{step} reopen"] = (time.process_time() - cpu) * 1000
            out[step] = {name: _page(client, name) for name in LISTS}
        out["index MB after"] = _index_bytes(client) / 2**20
        out["rss MB after"] = _rss_mb()
        out["maxrss MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
