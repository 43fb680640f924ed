"""The union of graphs' N-Triples: each line once, sorted, whether it fits in one run or is merged from many."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lod.publish.union import Union


def _graphs(seed: int) -> list[bytes]:
    """Forty graphs of N-Triples, many lines shared between graphs (as a place's name in many articles)."""
    rng = random.Random(seed)
    lines = [f'<http://example.org/s{rng.randrange(200)}> <http://example.org/p> "v{i % 90}" .' for i in range(400)]
    return [("\n".join(rng.sample(lines, 30)) + "\n").encode() for _ in range(40)]


@pytest.mark.parametrize("run_bytes", [1 << 20, 300], ids=["one-run", "merged-runs"])
def test_each_line_once_in_byte_order(tmp_path: Path, run_bytes: int) -> None:
    graphs = _graphs(7)
    with Union(tmp_path, run_bytes=run_bytes) as union:
        for text in graphs:
            union.add(text)
        out = list(union.lines())
    expected = sorted({line + b"\n" for text in graphs for line in text.splitlines()})
    assert out == expected
    assert list(tmp_path.iterdir()) == []  # the runs are unnamed temporary files


def test_a_text_without_a_final_line_break_loses_no_line(tmp_path: Path) -> None:
    with Union(tmp_path, run_bytes=10) as union:
        union.add(b"<a> <b> <c> .\n<a> <b> <d> .")
        union.add(b"<a> <b> <c> .\n")
        assert list(union.lines()) == [b"<a> <b> <c> .\n", b"<a> <b> <d> .\n"]
