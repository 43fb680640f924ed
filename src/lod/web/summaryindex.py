"""The build's summaries (:mod:`lod.publish.summaries`) as pages read them, also after writes: a write of one graph
drops the build's name from the catalog, and a hub's page (a governorate, an organization that reported
thousands of figures) was counted live on every request until the next build (1.1 s at 10,000 articles).

The index records where the file of changes (:mod:`lod.store.changes`) was when the build computed it; the lines
after that mark name every IRI the writes since then touched. What they cannot have changed is read from the
index: an agent's figures and statements unless the agent was touched; a place's figures and events unless the
place lies in (or is, or includes) a touched place (the ``containedInPlace`` closure upwards of the touched IRIs
and of the places they include, as :func:`lod.publish.summaries.compute` counts a figure for those). The rest
is counted live once per version of the data and process, and kept until the next write; the words of the
latest figures are looked up live after any write (a name may have changed; 25 figures cost milliseconds).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from lod.publish import summaries
from lod.publish.summaries import AGENT, EVENTS, PLACE, STATEMENTS, Index, Listing, Summary
from lod.store import Solutions, Store, changes
from lod.web import eventpanel, panels
from lod.web.indexes import MOST_TOUCHED

__all__ = ["Followed", "for_pages"]

_UP = "https://schema.org/containedInPlace"
_CONTAINS = "https://schema.org/containsPlace"
_BATCH = 400  # IRIs per query while walking up


@dataclass
class _Writes:
    """What the writes since the index's mark touched, and what was counted again for them (per process)."""

    touched: frozenset[str]
    places: frozenset[str]  # the places whose figures or events they may have changed
    counted: dict[tuple[str, str], Summary] = field(default_factory=dict)
    listed: dict[tuple[str, str], Listing] = field(default_factory=dict)


_lock = threading.Lock()
_held: dict[tuple[str, str, int, changes.Mark], _Writes] = {}


@dataclass(frozen=True)
class Followed(Index):
    """The index of the folder's last build, with the keys the writes since touched counted live (``writes``)."""

    store: Store | None = None
    vocab: str = ""
    writes: _Writes | None = None

    def figures(self, kind: str, entity: str) -> Summary | None:
        if self.writes is None or self.store is None:
            return super().figures(kind, entity)
        if not self._touches(kind, entity):
            return summaries.lookup(self.folder, kind, entity, follow=True)
        with _lock:
            found = self.writes.counted.get((kind, entity))
        if found is None:
            found = panels.count_live(self.store, self.vocab, kind, entity)
            with _lock:
                self.writes.counted[kind, entity] = found
        return found

    def listing(self, kind: str, entity: str) -> Listing | None:
        if self.writes is None or self.store is None:
            return super().listing(kind, entity)
        if not self._touches(PLACE if kind == EVENTS else AGENT, entity):
            return summaries.lookup_listing(self.folder, kind, entity, follow=True)
        with _lock:
            found = self.writes.listed.get((kind, entity))
        if found is None:
            live = eventpanel.listed_events if kind == EVENTS else panels.listed_statements
            found = live(self.store, self.vocab, entity)
            with _lock:
                self.writes.listed[kind, entity] = found
        return found

    def words(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]] | None:
        if self.writes is None:
            return super().words(pairs)
        return None if self.writes.touched else summaries.lookup_words(self.folder, pairs, follow=True)

    def _touches(self, kind: str, entity: str) -> bool:
        assert self.writes is not None
        return entity in (self.writes.places if kind == PLACE else self.writes.touched)


def for_pages(folder: Path, store: Store, vocab: str) -> Index:
    """The index pages read: the build's as it is while the catalog names the build; after writes, the same
    index with what they touched counted live; when the writes since cannot be known (no mark, a file begun
    again, more than :data:`lod.web.indexes.MOST_TOUCHED` IRIs), an index that finds nothing (count live)."""
    plain = Index(folder)
    mark = summaries.since(folder)
    if mark is None:
        return plain
    end = changes.mark(folder)
    key = (str(folder), vocab, id(store), end)
    with _lock:
        writes = _held.get(key)
    if writes is None:
        news = changes.since(folder, mark)
        if news is None or len(news[0]) > MOST_TOUCHED:
            return plain
        touched = frozenset(news[0])
        writes = _Writes(touched, frozenset(_counting(store, touched)) if touched else frozenset())
        with _lock:
            for old in [k for k in _held if k[:2] == key[:2]]:  # one version kept per folder
                del _held[old]
            _held[key] = writes
    return Followed(folder, store, vocab, writes)


def _counting(store: Store, touched: frozenset[str]) -> set[str]:
    """The places whose page counts a figure or an event about a touched IRI: each touched IRI and each place it
    includes, with every place they lie in, however far up."""
    found = set(touched) | {inside for _, inside in _pairs(store, _CONTAINS, touched)}
    todo = set(found)
    while todo:
        up = {above for _, above in _pairs(store, _UP, todo)} - found
        found |= up
        todo = up
    return found


def _pairs(store: Store, predicate: str, subjects: set[str] | frozenset[str]) -> list[tuple[str, str]]:
    """(subject, object) of ``predicate`` for these subjects, objects that are IRIs."""
    listed = sorted(subjects)
    out: list[tuple[str, str]] = []
    for at in range(0, len(listed), _BATCH):
        values = " ".join(f"<{iri}>" for iri in listed[at : at + _BATCH])
        result = store.query(f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s <{predicate}> ?o FILTER(isIRI(?o)) }}")
        assert isinstance(result, Solutions)
        out.extend((r["s"], r["o"]) for r in result.values())
    return out
