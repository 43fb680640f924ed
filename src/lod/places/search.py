"""Full-text search over names: places (English and Arabic names, alternate spellings), organizations, people
and articles, in an SQLite FTS5 index (Oxigraph has no text index).

The index is built from the store in memory (``SearchIndex.build``): one row per name, folded by
:mod:`lod.places.folding` so different spellings meet. A hit is ranked by how well the name matches (its main name
spelled as asked, then any name in another spelling, then a name starting with the words, then any), then, among things whose main name is spelled as asked, by how often
the data refers to them (a place an observation is about before one only the gazetteer knows); among things
found by another spelling or script, towns come before the admin units named after them ("معرة النعمان" is
the town of Ma'arrat an Nu'man before the district that bears its name); then by use and admin level.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from lod.places.folding import skeleton, words
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["LEVELS", "Hit", "SearchIndex"]

NO_LEVEL = 9  # things without an admin level sort after every admin unit
LEVELS = ("country", "governorate", "district", "sub-district", "community", "neighbourhood")

_TYPES = (
    ("https://schema.org/AdministrativeArea", "place"), ("https://schema.org/Place", "place"),
    ("https://schema.org/Country", "place"), ("http://www.w3.org/ns/org#Organization", "organization"),
    ("https://schema.org/Organization", "organization"), ("http://xmlns.com/foaf/0.1/Person", "person"),
    ("https://schema.org/Person", "person"), ("https://schema.org/NewsArticle", "article"),
)
_RANK = {"place": 0, "organization": 1, "person": 2, "article": 3}  # a thing of two kinds is listed as the first
_SCHEMA, _SKOS = "https://schema.org/", "http://www.w3.org/2004/02/skos/core#"
_NAMED_BY = (f"{_SCHEMA}name", f"{_SKOS}prefLabel", f"{_SKOS}altLabel", f"{_SCHEMA}alternateName", f"{_SKOS}hiddenLabel", f"{_SCHEMA}headline")
_LABELLED_BY = (f"{_SCHEMA}name", f"{_SKOS}prefLabel", f"{_SCHEMA}headline")
# How often the data (not the gazetteer's hierarchy) refers to a thing ({dis} is the vocabulary's namespace).
_USED_BY = ("http://purl.org/linked-data/sdmx/2009/dimension#refArea", f"{_SCHEMA}mentions",
            "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace", f"{_SCHEMA}containsPlace", "{dis}reportedBy",
            f"{_SCHEMA}author", f"{_SCHEMA}about")
_EN = 'FILTER(LANG(?label) IN ("en", ""))'

_KINDS = "VALUES (?type ?kind) { " + " ".join(f'(<{t}> "{k}")' for t, k in _TYPES) + " }"
# Each thing's kinds are taken DISTINCT before its names are joined: a thing minted from a name that many articles
# use (a group, a place not in the gazetteer) has its types and its name written again in each of their graphs, and
# the union's copies multiplied along the join (types x names: 200 million rows for one group named in all 10,000
# articles of a generated corpus, minutes of every server start). Now the rows grow with the copies, not their square.
_NAMES = f"""
SELECT DISTINCT ?s ?kind ?name WHERE {{
    {{ SELECT DISTINCT ?s ?kind WHERE {{ {_KINDS} ?s a ?type . }} }}
    VALUES ?p {{ {' '.join(f'<{p}>' for p in _NAMED_BY)} }}
    ?s ?p ?name .
}}
"""
_DETAILS = f"""
SELECT ?s (MIN(?label) AS ?best) (MIN(?level) AS ?lvl) WHERE {{
    {{ SELECT DISTINCT ?s WHERE {{ {_KINDS} ?s a ?type . }} }}
    OPTIONAL {{ ?s {'|'.join(f'<{p}>' for p in _LABELLED_BY)} ?label {_EN} }}
    OPTIONAL {{ ?s <{{dis}}adminLevel> ?level }}
}} GROUP BY ?s
"""
_USES = f"""
SELECT ?s (COUNT(*) AS ?n) WHERE {{
    ?x ?p ?s .
    VALUES ?p {{ {' '.join(f'<{p}>' for p in _USED_BY)} }}
}} GROUP BY ?s
"""
# The same, of some things alone (after a write): each thing paired with each predicate in VALUES, so the store
# looks each pair up instead of scanning a predicate's triples and joining (VALUES ?s alone is joined last).
_KINDS_OF = "SELECT DISTINCT ?s ?kind WHERE { VALUES (?s ?type ?kind) { {pairs} } ?s a ?type . }"
_NAMES_OF = "SELECT DISTINCT ?s ?name WHERE { VALUES (?s ?p) { {pairs} } ?s ?p ?name . }"
_LABELS_OF = "SELECT ?s (MIN(?label) AS ?best) WHERE { VALUES (?s ?p) { {pairs} } ?s ?p ?label " + _EN + " } GROUP BY ?s"
_LEVELS_OF = "SELECT ?s (MIN(?level) AS ?lvl) WHERE { VALUES (?s ?p) { {pairs} } ?s ?p ?level . } GROUP BY ?s"
_USES_OF = "SELECT ?s (COUNT(*) AS ?n) WHERE { VALUES (?s ?p) { {pairs} } ?x ?p ?s . } GROUP BY ?s"


@dataclass(frozen=True)
class Hit:
    """One thing found: its IRI, kind, best label, and the name that matched when it differs."""

    iri: str
    kind: str
    label: str
    matched: str | None
    level: int | None = None

    @property
    def detail(self) -> str:
        """What kind of thing it is, in words: ``district``, ``organization``."""
        return LEVELS[self.level] if self.level is not None and 0 <= self.level < len(LEVELS) else self.kind


class SearchIndex:
    """An in-memory FTS5 index of names; built once per store version by the web app, and after a write of one
    graph updated from the things it touched (:meth:`update`)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE names USING fts5(entity UNINDEXED, name UNINDEXED, folded, tokenize='unicode61')")
        self._db.execute("CREATE TABLE things (entity TEXT PRIMARY KEY, kind TEXT, label TEXT, level INT, uses INT, words TEXT)")
        # Each thing's rows of names, by rowid: FTS5 finds an UNINDEXED column's value only by reading every row.
        self._db.execute("CREATE TABLE rows_of (entity TEXT, id INTEGER)")
        self._db.execute("CREATE INDEX rows_of_entity ON rows_of (entity)")
        self._next = 1  # the rowid of the next name
        self._lock = threading.Lock()  # a search never sees an update half done
        self._blank = False  # a thing without an IRI is indexed: a write's IRIs cannot say when its rows change

    @classmethod
    def build(cls, store: Store, vocab: str) -> SearchIndex:
        """The index of every named place, organization, person and article in ``store``."""
        index = cls()
        index._take(store, vocab, None)
        return index

    def update(self, store: Store, vocab: str, touched: Collection[str]) -> bool:
        """Take the rows of the things in ``touched`` (IRIs a write may have changed the names, kind, label or
        uses of: :mod:`lod.store.changes`) again from the store, asking of those things alone, so the cost is
        theirs, not the store's. False (nothing done) when the index holds a thing without an IRI, whose rows no
        list of IRIs can name: build it again."""
        if self._blank:
            return False
        self._take(store, vocab, touched)
        return True

    def _take(self, store: Store, vocab: str, only: Collection[str] | None) -> None:
        """The rows of every thing (``only`` None), or of those in ``only``, in place of those held."""
        terms = str(dis(vocab))
        if only is None:
            uses = {row["s"]: int(row["n"]) for row in _select(store, _USES.replace("{dis}", terms))}
            details = _select(store, _DETAILS.replace("{dis}", terms))
            names, blank = _names(store, _NAMES)
        else:
            uses, details, names = _of(store, terms, sorted(only))
            blank = False
        kinds: dict[str, str] = {}
        rows = []
        for row in names:
            if row["s"] not in kinds or _RANK[row["kind"]] < _RANK[kinds[row["s"]]]:
                kinds[row["s"]] = row["kind"]
            folded = " ".join(skeleton(row["name"]))
            if folded:
                rows.append((row["s"], row["name"], folded))
        # Each thing's names in one order, whether they came from the whole store or after a write: a search shows
        # the first of a thing's names that match best (SQLite's bare column beside MIN), the first inserted.
        rows.sort()
        things = []
        for d in details:
            if d["s"] in kinds:
                label = d.get("best") or d["s"].rsplit("/", 1)[-1]
                things.append((d["s"], kinds[d["s"]], label, int(d.get("lvl", NO_LEVEL)), uses.get(d["s"], 0), " ".join(words(label))))
        with self._lock, self._db:
            if only is not None:
                gone = [(iri,) for iri in only]
                ids = [row for (iri,) in gone for row in self._db.execute("SELECT id FROM rows_of WHERE entity = ?", (iri,))]
                self._db.executemany("DELETE FROM names WHERE rowid = ?", ids)
                self._db.executemany("DELETE FROM rows_of WHERE entity = ?", gone)
                self._db.executemany("DELETE FROM things WHERE entity = ?", gone)
            numbered = [(self._next + n, *row) for n, row in enumerate(rows)]
            self._next += len(rows)
            self._db.executemany("INSERT INTO names (rowid, entity, name, folded) VALUES (?, ?, ?, ?)", numbered)
            self._db.executemany("INSERT INTO rows_of VALUES (?, ?)", [(row[1], row[0]) for row in numbered])
            self._db.executemany("INSERT OR IGNORE INTO things VALUES (?, ?, ?, ?, ?, ?)", things)
            self._blank = self._blank or blank

    def search(self, text: str, kind: str | None = None, limit: int = 50) -> list[Hit]:
        """The things whose names contain every word of ``text`` (the last word as a prefix), best first."""
        folded = skeleton(text)
        if not folded:
            return []
        with self._lock:
            rows = self._search(folded, text, kind, limit)
        return [
            Hit(iri, k, label, name if name != label else None, level if level != NO_LEVEL else None)
            for iri, k, label, name, level, _ in rows
        ]

    def _search(self, folded: list[str], text: str, kind: str | None, limit: int) -> list[tuple[Any, ...]]:
        match = " ".join(f'"{w}"' for w in folded[:-1]) + f' "{folded[-1]}"*'
        whole = " ".join(folded)
        rows: list[tuple[Any, ...]] = self._db.execute(
            """SELECT n.entity, t.kind, t.label, n.name, t.level,
                      MIN(CASE WHEN t.words = :spelled THEN 0 WHEN n.folded = :whole THEN 1 WHEN n.folded LIKE :start THEN 2 ELSE 3 END) AS fit
               FROM names n JOIN things t ON t.entity = n.entity
               WHERE names MATCH :match AND (:kind IS NULL OR t.kind = :kind)
               GROUP BY n.entity ORDER BY fit, CASE WHEN fit = 0 THEN -t.uses ELSE 0 END, t.level < :none, t.uses DESC, t.level,
                        length(t.label), t.label LIMIT :limit""",
            {"spelled": " ".join(words(text)), "whole": whole, "start": whole + "%", "match": match, "kind": kind, "limit": limit, "none": NO_LEVEL},
        ).fetchall()
        return rows

    def rows(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Everything the index holds, sorted: its names and its things (to compare two indexes)."""
        with self._lock:
            names = sorted(self._db.execute("SELECT entity, name, folded FROM names").fetchall())
            things = sorted(self._db.execute("SELECT * FROM things").fetchall())
        return names, things

    def __len__(self) -> int:
        with self._lock:
            count: int = self._db.execute("SELECT COUNT(*) FROM things").fetchone()[0]
        return count


def _select(store: Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    return result.values()


def _of(store: Store, terms: str, iris: list[str]) -> tuple[dict[str, int], list[dict[str, str]], list[dict[str, str]]]:
    """What the three queries give of the things ``iris`` alone: uses, details and names (rows as theirs)."""

    def pairs(query: str, predicates: Sequence[str]) -> list[dict[str, str]]:
        table = " ".join(f"(<{iri}> <{p.replace('{dis}', terms)}>)" for iri in iris for p in predicates)
        return _select(store, query.replace("{pairs}", table))

    typed = " ".join(f'(<{iri}> <{t}> "{k}")' for iri in iris for t, k in _TYPES)
    kinds: dict[str, list[str]] = {}
    for row in _select(store, _KINDS_OF.replace("{pairs}", typed)):
        kinds.setdefault(row["s"], []).append(row["kind"])
    iris = sorted(kinds)  # the rest of the things of a kind alone, as the whole queries ask
    if not iris:
        return {}, [], []
    uses = {row["s"]: int(row["n"]) for row in pairs(_USES_OF, _USED_BY)}
    names = [{"s": row["s"], "kind": kind, "name": row["name"]} for row in pairs(_NAMES_OF, _NAMED_BY) for kind in kinds[row["s"]]]
    details: dict[str, dict[str, str]] = {iri: {"s": iri} for iri in iris}
    for row in pairs(_LABELS_OF, _LABELLED_BY) + pairs(_LEVELS_OF, ("{dis}adminLevel",)):
        details[row["s"]].update(row)
    return uses, list(details.values()), names


def _names(store: Store, query: str) -> tuple[list[dict[str, str]], bool]:
    """The names query's rows, and whether a thing among them is a blank node."""
    result = store.query(query)
    assert isinstance(result, Solutions)
    at = result.variables.index("s")
    return result.values(), any(isinstance(row[at], ox.BlankNode) for row in result.rows)
