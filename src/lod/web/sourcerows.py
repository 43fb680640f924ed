"""The data set rows a thing comes from (an observation from a row of displacement movements, or the row itself),
each with its data set and the data set's own licence, for the pages of observations and rows. Plain data for
``templates/_source_rows.html``; one SPARQL query that starts from the entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["SourceRow", "source_rows"]

ROW_LIMIT = 100
_QUERY = """PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?row ?number (SAMPLE(?t) AS ?text) ?dataset (SAMPLE(?ti) AS ?title) (SAMPLE(?f) AS ?file) (SAMPLE(?l) AS ?licence) WHERE {{
    {{ <{e}> prov:wasDerivedFrom ?row }} UNION {{ BIND(<{e}> AS ?row) }}
    ?row dis:rowNumber ?number ; dct:isPartOf ?dataset .
    OPTIONAL {{ ?row schema:text ?t }}
    OPTIONAL {{ ?dataset dct:title ?ti }}
    OPTIONAL {{ ?dataset dis:fileName ?f }}
    OPTIONAL {{ ?dataset dct:license ?l }}
}} GROUP BY ?row ?number ?dataset ORDER BY ?dataset ?number LIMIT {limit}"""


@dataclass(frozen=True)
class SourceRow:
    """A row of a data set file: where it is, what it says, and under which licence its data set is published."""

    iri: str
    number: str
    text: str
    dataset: str
    title: str
    file: str | None
    licence: str | None

    @property
    def licence_is_link(self) -> bool:
        return bool(self.licence and self.licence.startswith(("http://", "https://")))


def source_rows(store: Store, vocab: str, entity: str) -> list[SourceRow]:
    """The rows ``entity`` is derived from, or ``entity`` itself when it is a row."""
    result = store.query(_QUERY.format(dis=dis(vocab), e=entity, limit=ROW_LIMIT))
    assert isinstance(result, Solutions)
    return [SourceRow(r["row"], r["number"], r.get("text") or "", r["dataset"], r.get("title") or r.get("file") or "the data set",
                      r.get("file"), r.get("licence")) for r in result.values()]
