"""/observations.csv and /dumps/observations.csv: the figures table over HTTP, with validators."""

from __future__ import annotations

import csv
import io

import httpx


def test_live_table_and_dump_file_agree(client: httpx.Client) -> None:
    live = client.get("/observations.csv")
    assert live.status_code == 200 and live.headers["content-type"].startswith("text/csv")
    header, tags, *rows = list(csv.reader(io.StringIO(live.text)))
    assert header[:2] == ["observation", "figure"] and tags[:2] == ["#meta+id", "#affected+idps"]
    assert rows and all(len(r) == len(header) for r in rows)
    dump = client.get("/dumps/observations.csv")
    assert dump.status_code == 200 and dump.text == live.text
    again = client.get("/observations.csv", headers={"If-None-Match": live.headers["etag"]})
    assert again.status_code == 304
    assert "observations.csv" in client.get("/dumps/", headers={"Accept": "text/html"}).text
