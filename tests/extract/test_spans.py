"""The fast lookups used on long articles give the same answers as the plain scans they replace."""

from __future__ import annotations

import random
import re

from lod.extract.entities import alternation
from lod.extract.spans import SpanIndex


def test_span_index_matches_a_scan_of_all_spans() -> None:
    rng = random.Random(1)
    for _ in range(300):
        spans = sorted((a, a + rng.randint(1, 12)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8))))
        index = SpanIndex(spans)
        for start in range(0, 75):
            for end in range(start + 1, start + 6):
                assert index.overlaps(start, end) == any(a < end and start < b for a, b in spans)
            assert index.covers(start) == any(a <= start < b for a, b in spans)
            pos = start
            for a, b in spans:
                if a <= pos < b:
                    pos = b
            assert index.skip(start) == pos


def test_grouped_alternation_keeps_leftmost_first_priority() -> None:
    names = ["Syria", "Syrian Civil Defence", "Sochi", "Şanlıurfa", "Idlib", "idlib city", "Iran", "UN", "U.N."]
    text = "Syrian Civil Defence in Idlib City, Sochi and Şanlıurfa; the U.N. and UN; Iran, Syria. ı-name"
    assert alternation(names, re.escape).startswith("(?i:(?=s))")
    assert "(?=" not in alternation(names + ["ı-name"], re.escape)  # "ı" and "i" share a case class
    for group in (names, names + ["ı-name"]):
        for flags in (0, re.IGNORECASE):
            plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in group) + r")", flags)
            grouped = re.compile(r"(?<!\w)(?:" + alternation(group, re.escape) + r")", flags)
            assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
