"""The rules are data (issue 8, point 2): every pattern in lod/rules/lexicon.yaml matches its examples and none of
its counter-examples, and the extraction code names no place, organization or publisher."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from lod.extract.lexicon import PATTERNS
from lod.places.reference import world_places

ROOT = Path(__file__).resolve().parents[2]
CASES = [(name, text, True) for name, entry in PATTERNS.items() for text in entry["examples"]] + \
        [(name, text, False) for name, entry in PATTERNS.items() for text in entry["counter"]]


def _compiled(entry: dict[str, Any]) -> re.Pattern[str]:
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + entry["pattern"] + r")(?!\w)", flags)


def test_every_pattern_has_an_example_and_a_counter_example() -> None:
    assert all(entry["examples"] and entry["counter"] for entry in PATTERNS.values())


@pytest.mark.parametrize(("name", "text", "matches"), CASES, ids=[f"{n}:{t}" for n, t, _ in CASES])
def test_pattern_matches_its_examples_only(name: str, text: str, matches: bool) -> None:
    assert bool(_compiled(PATTERNS[name]).search(text)) is matches


def test_world_places_come_from_geonames_data() -> None:
    names = set(world_places(ROOT / "data" / "reference" / "world-places.yaml"))
    assert {"Turkey", "Lebanon", "Gaziantep", "Kilis", "Beirut", "Geneva", "Middle East"} <= names
    assert not {"Male", "Van"} & names  # short town names that are English words


def _reference_names() -> list[str]:
    """Names the code must not carry: governorates and districts of the gazetteer, curated organizations (labels,
    aliases of two words or more, acronyms of four letters or more) and a few press spellings."""
    names = {"Syria", "Turkey", "Idleb", "Lebanon", "Geneva", "Reuters", "Anadolu", "etilaf", "Kafr", "Saraqeb",
             "Maarat", "Jisr", "Kobane", "Ghouta"}
    with (ROOT / "data" / "reference" / "syria-gazetteer.csv").open(encoding="utf-8") as rows:
        names |= {row["name"] for row in csv.DictReader(rows) if row["level"] in ("1", "2")}
    for entry in yaml.safe_load((ROOT / "data" / "reference" / "organizations.yaml").read_text(encoding="utf-8")):
        for name in [entry["label"], *entry.get("aliases", [])]:
            if name.lower().startswith("the "):
                continue  # "the Team", "the Observatory": a reference by a common noun, not a name
            if len(name.split()) >= 2 or (name.replace(".", "").isupper() and len(name.replace(".", "")) >= 2):
                names.add(re.sub(r"\s*\(.*\)$", "", name))
    return sorted(n for n in names if n)


def test_extraction_code_names_no_place_organization_or_publisher() -> None:
    files = sorted((ROOT / "src" / "lod" / "extract").iterdir())
    code = "\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix in (".py", ".yaml", ".yml", ".txt"))
    names = _reference_names()
    assert len(names) > 100  # the reference data was read
    found = [n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", code)]
    assert found == []
    # nor in lower case ("unhcr" in a word list), for names no English word spells ("WHO", "UN" do)
    found = [n for n in names if len(n) >= 4 and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", code, re.IGNORECASE)]
    assert found == []
