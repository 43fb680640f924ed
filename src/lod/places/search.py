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
from dataclasses import dataclass

from lod.places.folding import skeleton, words
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["LEVELS", "Hit", "SearchIndex"]

NO_LEVEL = 9  # things without an admin level sort after every admin unit
LEVELS = ("country", "governorate", "district", "sub-district", "community", "neighbourhood")

_KINDS = """
    VALUES (?type ?kind) {
        (<https://schema.org/AdministrativeArea> "place") (<https://schema.org/Place> "place")
        (<https://schema.org/Country> "place") (<http://www.w3.org/ns/org#Organization> "organization")
        (<https://schema.org/Organization> "organization") (<http://xmlns.com/foaf/0.1/Person> "person")
        (<https://schema.org/Person> "person") (<https://schema.org/NewsArticle> "article")
    }
"""
# Each thing's kinds are taken DISTINCT before its names are joined: a thing minted from a name that many articles
# use (a group, a place not in the gazetteer) has its types and its name written again in each of their graphs, and
# the union's copies multiplied along the join (types x names: 200 million rows for one group named in all 10,000
# articles of a generated corpus, minutes of every server start). Now the rows grow with the copies, not their square.
_NAMES = f"""
SELECT DISTINCT ?s ?kind ?name WHERE {{
    {{ SELECT DISTINCT ?s ?kind WHERE {{ {_KINDS} ?s a ?type . }} }}
    VALUES ?p {{ <https://schema.org/name> <http://www.w3.org/2004/02/skos/core#prefLabel>
        <http://www.w3.org/2004/02/skos/core#altLabel> <https://schema.org/alternateName>
        <http://www.w3.org/2004/02/skos/core#hiddenLabel> <https://schema.org/headline> }}
    ?s ?p ?name .
}}
"""
_DETAILS = f"""
SELECT ?s (SAMPLE(?label) AS ?best) (SAMPLE(?level) AS ?lvl) WHERE {{
    {{ SELECT DISTINCT ?s WHERE {{ {_KINDS} ?s a ?type . }} }}
    OPTIONAL {{ ?s <https://schema.org/name>|<http://www.w3.org/2004/02/skos/core#prefLabel>|<https://schema.org/headline> ?label
               FILTER(LANG(?label) IN ("en", "")) }}
    OPTIONAL {{ ?s <{{dis}}adminLevel> ?level }}
}} GROUP BY ?s
"""
# How often the data (not the gazetteer's hierarchy) refers to a thing.
_USES = """
SELECT ?s (COUNT(*) AS ?n) WHERE {
    ?x ?p ?s .
    VALUES ?p { <http://purl.org/linked-data/sdmx/2009/dimension#refArea> <https://schema.org/mentions>
        <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> <https://schema.org/containsPlace>
        <{dis}reportedBy> <https://schema.org/author> <https://schema.org/about> }
} GROUP BY ?s
"""


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
    """An in-memory FTS5 index of names; built once per store version by the web app."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE names USING fts5(entity UNINDEXED, name UNINDEXED, folded, tokenize='unicode61')")
        self._db.execute("CREATE TABLE things (entity TEXT PRIMARY KEY, kind TEXT, label TEXT, level INT, uses INT, words TEXT)")

    @classmethod
    def build(cls, store: Store, vocab: str) -> SearchIndex:
        """The index of every named place, organization, person and article in ``store``."""
        index = cls()
        terms = str(dis(vocab))
        uses = {row["s"]: int(row["n"]) for row in _select(store, _USES.replace("{dis}", terms))}
        details = _select(store, _DETAILS.replace("{dis}", terms))
        names = _select(store, _NAMES)
        kinds: dict[str, str] = {}
        rows = []
        for row in names:
            kinds.setdefault(row["s"], row["kind"])
            folded = " ".join(skeleton(row["name"]))
            if folded:
                rows.append((row["s"], row["name"], folded))
        things = []
        for d in details:
            if d["s"] in kinds:
                label = d.get("best") or d["s"].rsplit("/", 1)[-1]
                things.append((d["s"], kinds[d["s"]], label, int(d.get("lvl", NO_LEVEL)), uses.get(d["s"], 0), " ".join(words(label))))
        with index._db:
            index._db.executemany("INSERT INTO names VALUES (?, ?, ?)", rows)
            index._db.executemany("INSERT OR IGNORE INTO things VALUES (?, ?, ?, ?, ?, ?)", things)
        return index

    def search(self, text: str, kind: str | None = None, limit: int = 50) -> list[Hit]:
        """The things whose names contain every word of ``text`` (the last word as a prefix), best first."""
        folded = skeleton(text)
        if not folded:
            return []
        match = " ".join(f'"{w}"' for w in folded[:-1]) + f' "{folded[-1]}"*'
        whole = " ".join(folded)
        rows = self._db.execute(
            """SELECT n.entity, t.kind, t.label, n.name, t.level,
                      MIN(CASE WHEN t.words = :spelled THEN 0 WHEN n.folded = :whole THEN 1 WHEN n.folded LIKE :start THEN 2 ELSE 3 END) AS fit
               FROM names n JOIN things t ON t.entity = n.entity
               WHERE names MATCH :match AND (:kind IS NULL OR t.kind = :kind)
               GROUP BY n.entity ORDER BY fit, CASE WHEN fit = 0 THEN -t.uses ELSE 0 END, t.level < :none, t.uses DESC, t.level,
                        length(t.label), t.label LIMIT :limit""",
            {"spelled": " ".join(words(text)), "whole": whole, "start": whole + "%", "match": match, "kind": kind, "limit": limit, "none": NO_LEVEL},
        ).fetchall()
        return [
            Hit(iri, k, label, name if name != label else None, level if level != NO_LEVEL else None)
            for iri, k, label, name, level, _ in rows
        ]

    def __len__(self) -> int:
        count: int = self._db.execute("SELECT COUNT(*) FROM things").fetchone()[0]
        return count


def _select(store: Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    return result.values()
