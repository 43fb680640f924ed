"""The listings' members (:mod:`lod.publish.members`) as a server takes them for a version of the data: the
build's, from the pages' index (:func:`lod.publish.summaries.members_of`), with what the writes since its mark
touched asked again; else (no such index, or writes the file of changes cannot tell) from the whole store."""

from __future__ import annotations

from pathlib import Path

from lod.publish import members, summaries
from lod.publish.members import Members
from lod.store import Store, changes
from lod.web.indexes import MOST_TOUCHED

__all__ = ["taken"]


def taken(folder: Path, store: Store, base: str, shared: list[str]) -> tuple[changes.Mark, Members]:
    """The members now, and how far into the file of changes they follow it."""
    end = changes.mark(folder)  # first: writes after it come again
    kept = summaries.members_of(folder, base)
    if kept is not None:
        news = changes.since(folder, kept[0])
        if news is not None and len(news[0]) <= MOST_TOUCHED:
            return news[1], kept[1].updated(store, news[0], shared) if news[0] else kept[1]
    return end, members.build(store, base)
