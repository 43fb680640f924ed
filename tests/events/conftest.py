"""Small data set files written for the tests (no third-party data file is copied): an ACLED-style export and an
HXL-tagged table of displacement movements, each with its metadata file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lod.settings import Settings
from conftest import Corpus

ACLED_HEADER = ("event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,admin1,admin2,admin3,location,"
                "latitude,longitude,source,notes,fatalities")
ACLED_ROWS = [
    "SYR101,28 November 2019,2019,Explosions/Remote violence,Air/drone strike,Military Forces of Syria (2000-),"
    "Civilians (Syria),Idleb,Al Ma'ra,,Maarrat An Nu'man,35.6476,36.6747,SOHR,\"Air strikes hit the market, killing 12.\",12",
    "SYR102,2019-11-29,2019,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Syria (2000-),"
    ",Idleb,SY0705,,Ariha,35.8134,36.6094,SOHR,Shelling on Ariha.,0",
    # the shelling of Maaret al-Numan the seed article reports (same type, sub-district and days): one event
    "SYR103,28 November 2019,2019,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Syria (2000-),"
    "Civilians (Syria),Idleb,Al Ma'ra,,Maarrat An Nu'man,35.6476,36.6747,SOHR,Shelling of Maarrat An Nu'man.,3",
]
ACLED_META = """title: Conflict events in Idlib, November 2019 (written for the tests)
publisher: ACLED
licence: https://acleddata.com/terms-of-use/
source: https://data.example.org/acled/idlib-2019-11
"""
HXL_HEADER = "Start,End,Origin district,Destination governorate,IDPs\n#date+start,#date+end,#adm2+code+origin,#adm1+code+dest,#affected+idps+ind"
HXL_ROWS = ["2019-11-28,2019-11-30,SY0702,SY07,11812", "2019-12-01,2019-12-05,SY0702,SY02,3000"]
HXL_META = """title: IDP movements in northwest Syria (written for the tests)
publisher: Response Coordinators Group
licence: CC BY-IGO
"""

# The four refusals issue 11 names, each at its file:row:column with its rule: (rows, header, row, column, rule).
REFUSALS = {
    "bad-date": ([ACLED_ROWS[0].replace("28 November 2019", "31 February 2019")], ACLED_HEADER, 2, 2, "event_date: must be a date"),
    "unknown-pcode": ([ACLED_ROWS[1].replace("SY0705", "SY0799")], ACLED_HEADER, 2, 9, "admin2: unknown P-code"),
    "negative-fatalities": ([ACLED_ROWS[0], ACLED_ROWS[1].replace(",0", ",-4")], ACLED_HEADER, 3, 16, "S17 "),
    "missing-column": ([",".join(r.split(",")[:-1]) for r in ACLED_ROWS], ACLED_HEADER.replace(",fatalities", ""), 1, 16,
                       "missing required column fatalities"),
}


def write_table(folder: Path, name: str, header: str, rows: list[str], meta: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    if meta is not None:
        path.with_suffix(".yaml").write_text(meta, encoding="utf-8")
    return path


def write_acled(folder: Path, rows: list[str] | None = None, header: str = ACLED_HEADER, name: str = "acled-idlib") -> Path:
    return write_table(folder, name, header, ACLED_ROWS if rows is None else rows, ACLED_META)


def write_hxl(folder: Path, rows: list[str] | None = None, header: str = HXL_HEADER, name: str = "idp-movements") -> Path:
    return write_table(folder, name, header, HXL_ROWS if rows is None else rows, HXL_META)


@pytest.fixture(scope="session")
def events_settings(events_build: Corpus) -> Settings:
    """The seed article plus the two test files, built once into a closed store (tests/conftest.py)."""
    return events_build.settings
