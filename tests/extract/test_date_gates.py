"""The date rules' gates skip only patterns that could not have matched (``lod.extract.dates``).

``find_dates`` skips a pattern when the sentence lacks the words it needs (its cues, ``lod.extract.cues``: a month's
or a weekday's name, "since", ...); these tests run every sentence of the test sets with the gates and without them,
and ask for the same dates.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from lod.extract import dates
from lod.extract.dates import find_dates

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            elif key != "text":
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _sentences() -> list[str]:
    found = list(_texts(yaml.safe_load((DATA / "phrasings.yaml").read_text(encoding="utf-8"))))
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found += json.loads(line).get("excerpt") or []
    return found


def _ungated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_CHECKED", dates._NEEDS_CHECKED)


@pytest.mark.parametrize("anchor", [date(2016, 6, 15), None])
def test_the_gates_change_no_date(monkeypatch: pytest.MonkeyPatch, anchor: date | None) -> None:
    sentences = _sentences()
    gated = [find_dates(text, anchor) for text in sentences]
    _ungated(monkeypatch)
    assert [find_dates(text, anchor) for text in sentences] == gated
    assert len(sentences) > 500 and sum(map(len, gated)) > 200  # the sets do name months and weekdays


def test_a_letter_that_matches_only_ignoring_case_keeps_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Such a sentence is not gated: its date is found, where gating it by its lowered words would lose it."""
    text = "The figures as of 3 \u017feptember"  # a long s: matched by "Sep" under re.IGNORECASE, not "sep" once lowered
    found = find_dates(text, None)
    assert [d.rule for d in found] == ["as-of"]
    monkeypatch.setattr(dates, "gateable", lambda text: True)
    assert find_dates(text, None) != found
