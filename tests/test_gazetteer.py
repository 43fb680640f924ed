from __future__ import annotations

from pathlib import Path

from lod.gazetteer import load_gazetteer

CSV = Path(__file__).resolve().parents[1] / "data" / "reference" / "syria-gazetteer.csv"


def test_gazetteer_loads_every_row() -> None:
    gazetteer = load_gazetteer(CSV)
    assert len(gazetteer.entries) == 384
    assert gazetteer.get("SY07").feature_type == "governorate"  # type: ignore[union-attr]
    idlib = gazetteer.get("geonames:169389")
    assert idlib is not None and idlib.admin1_pcode == "SY07" and "Idleb" in idlib.alt_names_latin
    assert idlib.lat is not None and idlib.lon is not None
    assert gazetteer.by_pcode("SY0702") is not None
