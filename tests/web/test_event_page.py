"""Event pages: what, where (with the map), when, who is alleged and by whom, casualties by source, and the
sentences and rows the event comes from, with the data set's licence; served by the real app over HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import httpx
import pytest

from lod.rdf.namespaces import DEFAULT_VOCAB, dis

DIS = str(dis(DEFAULT_VOCAB))


@pytest.fixture(scope="module")
def site(served_events: str) -> Iterator[tuple[str, httpx.Client]]:
    """The session's server of the seed plus the ACLED-style and HXL test files (tests/web/conftest.py)."""
    with httpx.Client(base_url=served_events, timeout=60) as http:
        yield served_events, http


def select(http: httpx.Client, query: str) -> list[dict[str, str]]:
    response = http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def page(http: httpx.Client, iri: str) -> str:
    response = http.get(iri, headers={"Accept": "text/html"}, follow_redirects=True)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html"), response.text[:300]
    return response.text


def test_event_page_shows_every_source_of_a_merged_event(site: tuple[str, httpx.Client]) -> None:
    url, http = site
    (row,) = select(http, f"""SELECT DISTINCT ?e WHERE {{ ?e <{DIS}casualties>/<{DIS}casualtyCount> 3 }}""")
    html = page(http, row["e"])
    assert "shelling/artillery/missile attack" in html and "2019-11-28" in html
    assert "Casualties, as each source reports them" in html and "3 people killed" in html
    assert "Who is alleged to have done it, and who says so" in html
    assert "as a result of intensifying bombardment and shelling" in html  # the seed's sentence
    assert "SYR103,28 November 2019" in html and "Row 4 of" in html  # the ACLED row
    assert 'licence: <a href="https://acleddata.com/terms-of-use/" rel="license">' in html
    assert 'class="map' in html


def test_event_page_of_a_row_event(site: tuple[str, httpx.Client]) -> None:
    url, http = site
    html = page(http, f"{url}id/event/acled-idlib-syr101")
    assert "air/drone strike" in html and "12 people killed" in html and "Row 2 of" in html


def test_events_csv_has_one_row_per_event_with_hxl_tags(site: tuple[str, httpx.Client]) -> None:
    url, http = site
    live = http.get("/events.csv")
    assert live.status_code == 200 and live.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(live.text)))
    header, tags, rows = table[0], table[1], table[2:]
    assert tags[header.index("killed")] == "#affected+killed" and tags[header.index("adm2_pcode")] == "#adm2+code"
    by_event = {r[0].rsplit("/", 1)[-1]: dict(zip(header, r)) for r in rows}
    syr101 = by_event["acled-idlib-syr101"]
    assert (syr101["type"], syr101["start"], syr101["adm2_pcode"], syr101["killed"], syr101["killed_reported_by"]) == (
        "air/drone strike", "2019-11-28", "SY0702", "12", "ACLED")
    merged = [r for k, r in by_event.items() if "incident" in k and r["type"].startswith("shelling")]
    assert len(merged) == 1 and merged[0]["killed"] == "3" and " | " in merged[0]["sources"]  # an article URL and a row
    assert "acled-idlib-syr103" not in by_event
    dump = http.get("/dumps/events.csv")
    assert dump.status_code == 200 and dump.text.splitlines()[:2] == live.text.splitlines()[:2]
    assert "events.csv" in http.get("/", headers={"Accept": "text/html"}).text


def test_place_page_lists_the_events_in_it(site: tuple[str, httpx.Client]) -> None:
    url, http = site
    html = page(http, f"{url}id/place/pcode/SY0702")
    assert "Events here and inside it" in html
    assert f'{url}doc/event/acled-idlib-syr101' in html or "/event/acled-idlib-syr101" in html
    assert "/event/acled-idlib-syr102" not in html  # Ariha is another district
    # The events are drawn on the place's timeline too, each at its day.
    found = re.search(r'<script type="application/json" class="timeline-events">(.*?)</script>', html, re.S)
    assert found, "the place page has no events for its timeline"
    marks = json.loads(found.group(1))
    assert marks and all(m["day"] and m["label"] for m in marks)


def test_rows_their_observations_and_the_data_set_show_its_licence(site: tuple[str, httpx.Client]) -> None:
    """The data set's own licence is shown wherever its rows are: on the data set, on a row, on an observation
    made from a row (with the row's cells)."""
    url, http = site
    (row,) = select(http, f"""SELECT ?o WHERE {{ ?o <{DIS}reportedFigure> 11812 }}""")
    shown = "Row 3 of <a href=\"{url}doc/dataset/file/idp-movements\">IDP movements in northwest Syria (written for the tests)</a>"
    for iri in (row["o"], f"{url}id/dataset/file/idp-movements/row/3"):
        html = page(http, iri)
        found = re.search(r'<section class="source-rows">(.*?)</section>', html, re.S)
        assert found, iri
        assert shown.format(url=url) in found.group(1) and '<span class="licence">licence: CC BY-IGO</span>' in found.group(1), found.group(1)
        assert "2019-11-28,2019-11-30,SY0702,SY07,11812" in found.group(1)
    acled = page(http, f"{url}id/dataset/file/acled-idlib/row/2")
    assert '<a href="https://acleddata.com/terms-of-use/" rel="license">' in acled
    dataset = page(http, f"{url}id/dataset/file/idp-movements")
    assert re.search(r"dct:license.*?CC BY-IGO", dataset, re.S)
    observation = page(http, select(http, f"SELECT ?o WHERE {{ ?o <{DIS}reportedFigure> 2147 }}")[0]["o"])
    assert 'class="source-rows"' not in observation  # a figure from an article has its sentence, no row
