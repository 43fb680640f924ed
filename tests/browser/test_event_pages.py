"""Event pages and events on place pages, in a real browser, over the build of the seed plus an ACLED-style export
and an HXL table of movements (tests/conftest.py ``events_build``): what, where on a map, when, who is alleged and
by whom, casualties by source, the sentence and the row (with the data set's licence); on the place page, the
events listed and drawn on its timeline. Each test leaves a screenshot in var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import Corpus
from _engines import reader

pytestmark = pytest.mark.browser


def merged_shelling(events_build: Corpus) -> str:
    """The shelling of Maaret al-Numan that the seed article and the ACLED row SYR103 both report: one event."""
    vocab = events_build.settings.vocab_uri
    rows = reader(events_build.settings).query(f"""
        SELECT DISTINCT ?e WHERE {{ ?e <{vocab}displacement#casualties>/<{vocab}displacement#casualtyCount> 3 ;
                                      <http://www.w3.org/ns/prov#wasDerivedFrom>/<{vocab}displacement#rowNumber> 4 }}""").values()  # type: ignore[union-attr]
    assert len(rows) == 1, rows
    return rows[0]["e"]


def test_an_event_page_shows_what_where_when_who_casualties_and_sources(
    page: Page, served_events: str, events_build: Corpus, screenshots: Path
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(merged_shelling(events_build))  # the event's URI: 303 to its document, HTML for a browser
    assert page.url.startswith(served_events + "doc/event/")
    what = page.locator("p.event-what")
    expect(what).to_contain_text("shelling/artillery/missile attack")  # what
    expect(what.get_by_role("link", name="Al Ma'ra")).to_be_visible()  # where: the sub-district ACLED names ...
    expect(what).to_contain_text("2019-11-28")  # when
    expect(page.locator("figure.map.small .map-canvas.drawn")).to_be_visible(timeout=15_000)  # ... drawn on the map
    assert page.locator(".map-canvas .leaflet-interactive").count() >= 1
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("CC BY-IGO")
    claims = page.locator("table.claims tbody tr")  # who is alleged, as a claim by each source that says so
    expect(claims).to_have_count(2)
    expect(claims.filter(has_text="ACLED")).to_contain_text("Syrian government forces")
    expect(claims.filter(has_text="Emergency Response Coordinators Team")).to_contain_text("Syrian government forces")
    casualty = page.locator("table.casualties tbody tr")  # casualties by source
    expect(casualty).to_have_count(1)
    expect(casualty).to_contain_text("3 people killed")
    expect(casualty.locator("td").nth(1)).to_have_text("ACLED")
    sources = page.locator("section.event-sources li")  # the sentence and the row, with the data set's licence
    expect(sources).to_have_count(2)
    expect(sources.filter(has_text="intensifying bombardment and shelling")).to_contain_text("Coalition")
    row = sources.filter(has_text="SYR103")
    expect(row).to_contain_text("Row 4 of Conflict events in Idlib")
    expect(row.locator("small.licence")).to_have_text("licence: https://acleddata.com/terms-of-use/")
    page.screenshot(path=screenshots / "event.png", full_page=True)
    row.get_by_role("link", name="Conflict events in Idlib, November 2019 (written for the tests)").click()
    expect(page.locator("h1")).to_have_text("Conflict events in Idlib, November 2019 (written for the tests)")
    expect(page.locator("table", has_text="dct:license")).to_contain_text("https://acleddata.com/terms-of-use/")
    assert all(url.startswith(served_events) for url in requests), [u for u in requests if not u.startswith(served_events)]


def test_a_place_page_lists_its_events_and_draws_them_on_its_timeline(
    page: Page, served_events: str, screenshots: Path
) -> None:
    page.goto(served_events + "id/place/pcode/SY0702")  # Al Ma'ra: the air strike and the shelling of 2019-11-28
    events = page.locator("table.events tbody tr")
    expect(events).to_have_count(2)
    expect(events.filter(has_text="air/drone strike")).to_contain_text("2019-11-28")
    expect(events.filter(has_text="shelling/artillery/missile attack").locator("td").last).to_have_text("2")  # a span and a row
    timeline = page.locator(".timeline-canvas.drawn")
    expect(timeline).to_be_visible(timeout=15_000)
    expect(timeline).to_have_attribute("data-events", "2")
    expect(page.locator("figure.timeline figcaption")).to_contain_text("events as red rules")
    page.screenshot(path=screenshots / "place-events.png", full_page=True)
    events.filter(has_text="air/drone strike").get_by_role("link").click()
    expect(page.locator("table.casualties")).to_contain_text("12 people killed")
    expect(page.locator("section.event-sources")).to_contain_text("Row 2 of")
