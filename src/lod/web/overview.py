"""What the home page says about the dataset: how many of each kind of thing, and the latest articles."""

from __future__ import annotations

from dataclasses import dataclass

from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["Count", "Overview", "RecentArticle", "overview"]

# (what, the types that count as one, in the vocabularies of docs/model.md, where the list of them is on this site)
KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("articles", ("https://schema.org/NewsArticle",), "browse/articles"),
    ("statements", ("{dis}Statement",), "id/statement/"),
    ("displacement observations", ("{dis}DisplacementObservation",), "browse/observations"),
    ("organizations", ("http://www.w3.org/ns/org#Organization",), "browse/organizations"),
    ("people", ("http://xmlns.com/foaf/0.1/Person",), "browse/people"),
    ("places", ("https://schema.org/Place", "https://schema.org/AdministrativeArea", "https://schema.org/Country"), "browse/places"),
    ("events", ("http://semanticweb.cs.vu.nl/2009/11/sem/Event",), "id/event/"),
    ("concepts", ("http://www.w3.org/2004/02/skos/core#Concept",), "def/concept/"),
)

_RECENT = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?article ?headline ?published ?publisher WHERE {
    ?article a schema:NewsArticle ; schema:headline ?headline .
    OPTIONAL { ?article schema:datePublished ?published }
    OPTIONAL { ?article schema:publisher/(skos:prefLabel|schema:name) ?publisher }
} ORDER BY DESC(?published) LIMIT %d
"""


@dataclass(frozen=True)
class Count:
    kind: str
    count: int
    path: str  # the list of them, relative to the site's root


@dataclass(frozen=True)
class RecentArticle:
    uri: str
    headline: str
    published: str | None
    publisher: str | None


@dataclass(frozen=True)
class Overview:
    counts: list[Count]
    articles: list[RecentArticle]


def overview(store: Store, vocab: str, recent: int = 10) -> Overview:
    """Counts per kind (each thing once, whatever graph it is in) and the ``recent`` newest articles."""
    rows = " ".join(
        f'("{kind}" <{t.format(dis=dis(vocab))}>)' for kind, types, _ in KINDS for t in types
    )
    counted = store.query(
        f"SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?kind ?type) {{ {rows} }} ?s a ?type }} GROUP BY ?kind"
    )
    assert isinstance(counted, Solutions)
    found = {row["kind"]: int(row["n"]) for row in counted.values()}
    latest = store.query(_RECENT % recent)
    assert isinstance(latest, Solutions)
    articles = [
        RecentArticle(row["article"], row["headline"], row.get("published"), row.get("publisher")) for row in latest.values()
    ]
    # An article with several publisher labels comes back once per label: keep the first.
    unique = list({a.uri: a for a in reversed(articles)}.values())[::-1]
    return Overview([Count(kind, found.get(kind, 0), path) for kind, _, path in KINDS], unique)
