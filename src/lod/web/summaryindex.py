"""The build's summaries (:mod:`lod.publish.summaries`) as pages read them, also after writes: a write of one graph
drops the build's name from the catalog, and a hub's page (a governorate, an organization that reported
thousands of figures) was counted live on every request until the next build (1.1 s at 10,000 articles).

The index records where the file of changes (:mod:`lod.store.changes`) was when the build computed it; the lines
after that mark name every IRI the writes since then touched. What they cannot have changed is read from the
index: an agent's figures and statements unless the agent was touched; a place's figures and events unless the
place lies in (or is, or includes) a touched place (the ``containedInPlace`` closure upwards of the touched IRIs
and of the places they include, as :func:`lod.publish.summaries.compute` counts a figure for those).

A touched place's or agent's figures are the index's with the writes' figures taken out and put in again: the
index keeps what each figure counts by (:class:`lod.publish.summaries.Figure`) and every place's links, so the
touched figures as the build counted them are taken out of the total and the timeline, and as the store holds
them now put in; the cost is the writes' figures', not the hub's (Syria's page counted all 20,000 figures of
10,000 articles again after each write, 7 s). A touched place's events and a touched agent's statements the same
way (the index keeps each event's places and date, each statement's authors and date). Counted live instead,
once per version of the data and process: when a figure (event, statement) taken out was among the latest and
those put in do not fill the list again (the next one is not in the index), when a write changed the links of
a place the build knew (the places a figure counts for may have changed for figures it did not touch). The words
of the latest figures are looked up live after any write (a name may have changed; 25 figures cost milliseconds).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from lod.publish import summaries
from lod.rdf import namespaces
from lod.publish.summaries import AGENT, EVENTS, LATEST, PLACE, STATEMENTS, Counted, Event, Figure, Index, Links, Listing, Said, Summary
from lod.store import Boolean, Solutions, Store, changes
from lod.web import eventpanel, panels
from lod.web.indexes import MOST_TOUCHED

__all__ = ["Followed", "for_pages"]

_UP = "https://schema.org/containedInPlace"
_SCHEMA = "https://schema.org/"
_SDMX = "http://purl.org/linked-data/sdmx/2009/dimension#"
_CONTAINS = "https://schema.org/containsPlace"
_BATCH = 400  # IRIs per query while walking up
PlaceLinks = tuple[tuple[str, ...], tuple[str, ...]]  # a place's containedInPlace and containsPlace


@dataclass(frozen=True)
class _Moved:
    """The figures the writes touched, as the build counted them (``old``) and as the store holds them now
    (``new``; a figure gone, or with no area, counts nowhere), and the places' links then and now."""

    old: dict[str, Figure]
    new: dict[str, Figure]
    events_old: dict[str, Event] | None  # None: an index that keeps no events (the lists are taken live)
    events_new: dict[str, Event]
    links_then: Mapping[str, PlaceLinks]
    links_now: Mapping[str, PlaceLinks]


@dataclass(frozen=True)
class _Said:
    """The statements the writes touched, as the build listed them (``old``) and as the store holds them now
    (``new``): each one's authors and date."""

    old: dict[str, Said]
    new: dict[str, Said]


@dataclass
class _Writes:
    """What the writes since the index's mark touched, and what was counted again for them (per process)."""

    touched: frozenset[str]
    places: frozenset[str]  # the places whose figures or events they may have changed
    counted: dict[tuple[str, str], Summary] = field(default_factory=dict)
    listed: dict[tuple[str, str], Listing] = field(default_factory=dict)
    moving: threading.Lock = field(default_factory=threading.Lock)
    # What was looked for once, by name ("moved": the figures, "said": the statements); a None found means the
    # index keeps none of them: they are counted or listed live.
    looked: dict[str, object] = field(default_factory=dict)


T = TypeVar("T")

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
            moved = self._moved()
            built = summaries.lookup(self.folder, kind, entity, follow=True) if moved is not None else None
            found = _updated(built, moved, kind, entity) if built is not None and moved is not None else None
            if found is None:
                found = panels.count_live(self.store, self.vocab, kind, entity)
            with _lock:
                self.writes.counted[kind, entity] = found
        return found

    def _moved(self) -> _Moved | None:
        """The writes' figures then and now, looked for once per version of the data and process."""
        return self._once("moved", _figures_moved)

    def _said(self) -> _Said | None:
        """The writes' statements then and now, looked for once per version of the data and process."""
        return self._once("said", _statements_moved)

    def _once(self, name: str, look: Callable[[Path, Store, str, frozenset[str]], T | None]) -> T | None:
        """What ``look`` finds for the writes' touched IRIs, asked once per version of the data and process."""
        assert self.writes is not None and self.store is not None
        with self.writes.moving:
            if name not in self.writes.looked:
                self.writes.looked[name] = look(self.folder, self.store, self.vocab, self.writes.touched)
            return cast("T | None", self.writes.looked[name])

    def listing(self, kind: str, entity: str) -> Listing | None:
        if self.writes is None or self.store is None:
            return super().listing(kind, entity)
        if not self._touches(PLACE if kind == EVENTS else AGENT, entity):
            return summaries.lookup_listing(self.folder, kind, entity, follow=True)
        with _lock:
            found = self.writes.listed.get((kind, entity))
        if found is None and kind == EVENTS and (moved := self._moved()) is not None:
            built = summaries.lookup_listing(self.folder, kind, entity, follow=True)
            found = _listed(self.folder, built, moved, entity) if built is not None else None
        if found is None and kind == STATEMENTS and (said := self._said()) is not None:
            built = summaries.lookup_listing(self.folder, kind, entity, follow=True)
            found = _stated(self.folder, built, said, entity) if built is not None else None
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
    end = changes.mark(folder)
    mark = summaries.since(folder, end)
    if mark is None:
        return plain
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


def _figures_moved(folder: Path, store: Store, vocab: str, touched: frozenset[str]) -> _Moved | None:
    """What :func:`_updated` takes out and puts in; None when the index keeps no figures (an older lod's), or a
    write changed the links of a place some figure it did not touch counts by (count live)."""
    then, old = summaries.links_of(folder), summaries.figures_of(folder, sorted(touched))
    # (the links then are read from the index as the walks ask for them)
    if then is None or old is None:
        return None
    now = _links_now(store, touched)
    changed = {x for x in touched if now.get(x, ((), ())) != then.get(x, ((), ()))}
    if changed and (_linked_to(store, changed) or not _only_touched_count_by(store, changed, touched)):
        # A place's links count for the figures about it and for the places whose links lead to it (a place whose
        # links lead to a changed one: its own did not change, so it linked to it before too, or it is changed).
        return None
    links = _Overlay({x: now.get(x, ((), ())) for x in changed}, then)
    events = summaries.events_of(folder, sorted(touched))
    return _Moved(old, _figures_now(store, vocab, touched), events, _events_now(store, touched) if events is not None else {}, then, links)


def _updated(built: Summary, moved: _Moved, kind: str, entity: str) -> Summary | None:
    """``built`` (the index's summary of ``entity``) with the moved figures taken out as the build counted them
    and put in as they are now; None when the latest figures cannot be known without a count."""
    gone = list(_items(moved.old, moved.links_then, kind, entity))
    come = list(_items(moved.new, moved.links_now, kind, entity))
    moving = set(moved.old) | set(moved.new)
    kept = [c for c in built.latest if c.iri not in moving]
    candidates = summaries.ordered([*kept, *come])
    latest = candidates[:LATEST]
    if len(kept) < len(built.latest) and len(built.latest) >= LATEST:
        # The figures after the last one listed are not in the index: only those at or before it are known.
        last = built.latest[-1]
        latest = [c for c in candidates if _at_or_before(c, last)][:LATEST]
        if len(latest) < LATEST:
            return None
    months = {(m, u): [n, low] for m, u, n, low in built.timeline}
    for sign, items, states in ((-1, gone, moved.old), (1, come, moved.new)):
        for o in {c.iri for c in items}:
            f = states[o]
            if f.reported is not None and f.unit is not None:
                month = months.setdefault((f.reported[:7], f.unit), [0, 0])
                month[0] += sign
                month[1] += sign * f.at_least
    timeline = [(m, u, n, low) for (m, u), (n, low) in sorted(months.items()) if n]
    total = built.total - len({c.iri for c in gone}) + len({c.iri for c in come})
    return Summary(total, timeline, latest)


def _listed(folder: Path, built: Listing, moved: _Moved, place: str) -> Listing | None:
    """``built`` (the index's list of the events in ``place``) with the moved events taken out as the build listed
    them and put in as they are now; None when the list cannot be known without taking it again."""
    if moved.events_old is None:
        return None
    memo_then: dict[str, set[str]] = {}
    memo_now: dict[str, set[str]] = {}

    def lies(places: tuple[str, ...], links: Mapping[str, PlaceLinks], memo: dict[str, set[str]]) -> bool:
        return any(place == p or place in summaries.above(p, links, memo) for p in places)

    then = {e: date for e, (places, date) in moved.events_old.items() if lies(places, moved.links_then, memo_then)}
    now = {e: date for e, (places, date) in moved.events_new.items() if lies(places, moved.links_now, memo_now)}

    def dated(iris: list[str]) -> dict[str, str | None] | None:
        known = summaries.events_of(folder, iris)
        return None if known is None else {e: date for e, (_, date) in known.items()}

    return _relisted(built, then, now, set(moved.events_old) | set(moved.events_new), dated)


def _stated(folder: Path, built: Listing, said: _Said, agent: str) -> Listing | None:
    """``built`` (the index's list of ``agent``'s statements) with the touched statements taken out as the build
    listed them and put in as they are now; None when the list cannot be known without taking it again."""
    then = {x: date for x, (authors, date) in said.old.items() if agent in authors}
    now = {x: date for x, (authors, date) in said.new.items() if agent in authors}

    def dated(iris: list[str]) -> dict[str, str | None] | None:
        known = summaries.statements_of(folder, iris)
        return None if known is None else {x: date for x, (_, date) in known.items()}

    return _relisted(built, then, now, set(said.old) | set(said.new), dated)


def _relisted(built: Listing, then: dict[str, str | None], now: dict[str, str | None], moving: set[str],
              dated: Callable[[list[str]], dict[str, str | None] | None]) -> Listing | None:
    """``built`` with the ``moving`` items taken out (``then``: those of them the build listed, with their dates)
    and put in as they are now (``now``); ``dated``: the dates the build gave items it listed. None when the list
    cannot be known without taking it again: the index does not date a kept item, or an item listed was taken out
    and the next one after the last listed is not in the index."""
    kept = [x for x in built.latest if x not in moving]
    known = dated([*kept, built.latest[-1]] if built.latest else kept)
    if known is None or any(x not in known for x in kept):
        return None
    listed = {**{x: known[x] for x in kept}, **now}
    latest = summaries.latest_first(listed)[: summaries.LISTED]
    if len(kept) < len(built.latest) and len(built.latest) >= summaries.LISTED:
        last = built.latest[-1]  # the items after it are not in the index: only those at or before it are known
        if last in then:
            date = then[last]
        elif last in known:
            date = known[last]
        else:
            return None
        with_last = summaries.latest_first({last: date, **listed})
        latest = [x for x in with_last[: with_last.index(last) + 1] if x in listed][: summaries.LISTED]
        if len(latest) < summaries.LISTED:
            return None
    return Listing(built.total - len(then) + len(now), latest)


_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _events_now(store: Store, touched: frozenset[str]) -> dict[str, Event]:
    """The touched events as the store holds them now: their places and earliest start (as the build lists them)."""
    found = _values(store, touched, [_RDF_TYPE, f"{_SEM}hasPlace", f"{_SEM}hasBeginTimeStamp"])
    out: dict[str, Event] = {}
    for e, values in found.items():
        places = values.get(f"{_SEM}hasPlace")
        if f"{_SEM}Event" in values.get(_RDF_TYPE, ()) and places:
            begins = values.get(f"{_SEM}hasBeginTimeStamp")
            out[e] = (tuple(sorted(places)), min(begins) if begins else None)
    return out


def _statements_moved(folder: Path, store: Store, vocab: str, touched: frozenset[str]) -> _Said | None:
    """The touched statements as the build listed them and as the store holds them now; None when the index
    keeps no statements (an older lod's: list live)."""
    old = summaries.statements_of(folder, sorted(touched))
    if old is None:
        return None
    d = str(namespaces.dis(vocab))
    found = _values(store, touched, [_RDF_TYPE, f"{_SCHEMA}author", f"{_SCHEMA}appearance"])
    stated = {x: values for x, values in found.items() if f"{d}Statement" in values.get(_RDF_TYPE, ()) and values.get(f"{_SCHEMA}author")}
    articles = frozenset(a for values in stated.values() for a in values.get(f"{_SCHEMA}appearance", ()))
    published = _values(store, articles, [f"{_SCHEMA}datePublished"]) if articles else {}
    new: dict[str, Said] = {}
    for x, values in stated.items():
        dates = [date for a in values.get(f"{_SCHEMA}appearance", ()) for date in published.get(a, {}).get(f"{_SCHEMA}datePublished", ())]
        new[x] = (tuple(sorted(values[f"{_SCHEMA}author"])), max(dates) if dates else None)
    return _Said(old, new)


def _values(store: Store, subjects: frozenset[str], predicates: list[str]) -> dict[str, dict[str, set[str]]]:
    """Each of ``subjects``' values of ``predicates`` as the store holds them now, by subject and predicate."""
    found: dict[str, dict[str, set[str]]] = {}
    listed = sorted(subjects)
    wanted = ", ".join(f"<{p}>" for p in predicates)
    for at in range(0, len(listed), _BATCH):
        iris = " ".join(f"<{iri}>" for iri in listed[at : at + _BATCH])
        result = store.query(f"SELECT DISTINCT ?s ?p ?v WHERE {{ VALUES ?s {{ {iris} }} ?s ?p ?v FILTER(?p IN ({wanted})) }}")
        assert isinstance(result, Solutions)
        for row in result.values():
            found.setdefault(row["s"], {}).setdefault(row["p"], set()).add(row["v"])
    return found


def _at_or_before(item: Counted, last: Counted) -> bool:
    """Whether ``item`` comes at or before ``last`` in :func:`lod.publish.summaries.ordered`'s order."""
    mine, theirs = (item.reported is not None, item.reported or ""), (last.reported is not None, last.reported or "")
    return mine > theirs or (mine == theirs and (item.iri, item.area) <= (last.iri, last.area))


def _items(states: dict[str, Figure], links: Mapping[str, PlaceLinks], kind: str, entity: str) -> Iterator[Counted]:
    """The (figure, area) items ``entity``'s page counts among these figures (as :func:`summaries.compute`)."""
    memo: dict[str, set[str]] = {}
    for o, f in states.items():
        if kind == AGENT and entity not in f.reporters:
            continue
        for area in f.areas:
            if kind == AGENT or entity in summaries.counting(area, links, memo):
                yield Counted(o, area, f.reported, f.at_least, f.unit)




def _figures_now(store: Store, vocab: str, touched: frozenset[str]) -> dict[str, Figure]:
    """The touched figures as the store holds them now, each value taken as the build takes it (the least)."""
    d = str(namespaces.dis(vocab))
    predicates = [f"{d}reportedFigure", f"{_SDMX}refArea", f"{d}reportedBy", f"{d}reportDate", f"{_SCHEMA}minValue", f"{d}populationUnit"]
    values = _values(store, touched, predicates)
    out: dict[str, Figure] = {}
    for o, found in values.items():
        figure, areas = found.get(f"{d}reportedFigure"), found.get(f"{_SDMX}refArea")
        if not figure or not areas:
            continue  # counts nowhere
        least = {p: min(found[p]) for p in (f"{_SCHEMA}minValue", f"{d}reportDate", f"{d}populationUnit") if found.get(p)}
        out[o] = Figure(tuple(sorted(areas)), tuple(sorted(found.get(f"{d}reportedBy", ()))), least.get(f"{d}reportDate"),
                        summaries.number(least.get(f"{_SCHEMA}minValue", min(figure))), least.get(f"{d}populationUnit"))
    return out


def _links_now(store: Store, places: frozenset[str]) -> Links:
    """The links up and down of these IRIs (those that have any), as the store holds them now."""
    up: dict[str, set[str]] = {}
    down: dict[str, set[str]] = {}
    for predicate, into in ((_UP, up), (_CONTAINS, down)):
        for s, o in _pairs(store, predicate, places):
            into.setdefault(s, set()).add(o)
    return {p: (tuple(sorted(up.get(p, ()))), tuple(sorted(down.get(p, ())))) for p in {*up, *down}}


class _Overlay(Mapping[str, PlaceLinks]):
    """The links now: the changed places' as the store holds them, the others' as the build found them."""

    def __init__(self, changed: dict[str, PlaceLinks], then: Mapping[str, PlaceLinks]) -> None:
        self._changed, self._then = changed, then

    def __getitem__(self, place: str) -> PlaceLinks:
        return self._changed[place] if place in self._changed else self._then[place]

    def __iter__(self) -> Iterator[str]:
        return iter({*self._changed, *self._then})

    def __len__(self) -> int:
        return len({*self._changed, *self._then})


def _linked_to(store: Store, places: set[str]) -> bool:
    """Whether a place's links lead to one of these places now."""
    listed = sorted(places)
    for at in range(0, len(listed), _BATCH):
        values = " ".join(f"<{iri}>" for iri in listed[at : at + _BATCH])
        result = store.query(f"ASK {{ VALUES ?x {{ {values} }} ?y ?link ?x FILTER(?link IN (<{_UP}>, <{_CONTAINS}>)) }}")
        assert isinstance(result, Boolean)
        if result.value:
            return True
    return False


def _only_touched_count_by(store: Store, places: set[str], touched: frozenset[str]) -> bool:
    """Whether every figure about one of these places is a touched one."""
    listed = sorted(places)
    for at in range(0, len(listed), _BATCH):
        values = " ".join(f"<{iri}>" for iri in listed[at : at + _BATCH])
        result = store.query(f"SELECT DISTINCT ?o WHERE {{ VALUES ?x {{ {values} }} ?o <{_SDMX}refArea> ?x }}")
        assert isinstance(result, Solutions)
        if any(row["o"] not in touched for row in result.values()):
            return False
    return True
