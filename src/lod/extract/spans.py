"""Interval lookups over spans sorted by start, so that a long article costs O(log n) per query
instead of a scan over every earlier mention.

Spans may overlap or nest: a running maximum of the ends answers "does any span cover this?" exactly.

>>> index = SpanIndex([(0, 5), (5, 9), (20, 30)])
>>> index.overlaps(4, 6), index.overlaps(9, 20), index.skip(2), index.skip(12)
(True, False, 9, 12)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class SpanIndex:
    """``(start, end)`` spans, given in order of start."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.starts = [a for a, _ in self.spans]
        self.max_ends: list[int] = []  # max_ends[i]: the furthest end among spans[:i + 1]
        furthest = -1
        for _, b in self.spans:
            furthest = max(furthest, b)
            self.max_ends.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``[start, end)``."""
        before_end = bisect_left(self.starts, end)  # the spans with a < end
        return before_end > 0 and self.max_ends[before_end - 1] > start

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a span."""
        return self.overlaps(pos, pos + 1)

    def skip(self, pos: int) -> int:
        """``pos`` moved to the end of each span holding it, in order (a chain of adjacent spans is
        skipped whole): the same as ``for a, b in spans: if a <= pos < b: pos = b``."""
        index = bisect_right(self.max_ends, pos)  # the spans before it end at or before pos
        while index < len(self.spans):
            a, b = self.spans[index]
            if a > pos:  # later spans start later still
                break
            if pos < b:
                pos = b
            index += 1
        return pos
