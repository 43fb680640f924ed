"""The figures table: one row per observation of the real seed build, with HXL hashtags under the header."""

from __future__ import annotations

import csv
import io

from lod.publish.figures import COLUMNS, CSV_FILE, csv_text
from lod.settings import Settings
from _engines import reader


def test_one_row_per_observation_with_hxl_tags(built_settings: Settings) -> None:
    store = reader(built_settings)
    table = list(csv.reader(io.StringIO(csv_text(store, built_settings.vocab_uri))))
    header, tags, *rows = table
    assert header == [c[0] for c in COLUMNS]
    assert {"#affected+idps", "#adm1+code", "#date+start", "#org+name", "#description"} <= set(tags)
    observations = store.query(
        f"SELECT DISTINCT ?o WHERE {{ ?o a <{built_settings.vocab_uri}displacement#DisplacementObservation> }}"
    ).values()  # type: ignore[union-attr]
    assert sorted(r[0] for r in rows) == sorted(o["o"] for o in observations)
    by_figure = {r[1]: dict(zip(header, r)) for r in rows}
    households = by_figure["2147"]
    assert households["qualifier"] == "more than" and households["unit"] == "households"
    assert households["period_start"] == "2019-11-28" and households["reported_on"] == "2019-11-29"
    assert households["sentence"].startswith("more than 2,147 households fled")
    assert households["source_url"].startswith("http://en.etilaf.org/")
    assert households["reported_by"] == "Emergency Response Coordinators Team in Northern Syria"


def test_the_build_writes_the_table_beside_the_dumps(built_settings: Settings) -> None:
    written = (built_settings.dumps_dir / CSV_FILE).read_text(encoding="utf-8")
    assert written.splitlines()[1].startswith("#meta+id,#affected+idps")
