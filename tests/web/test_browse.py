"""Browse lists over a store where one place and one group are written again in several article graphs, as the
mapping writes a thing minted from a name: each row once, each count right."""

from __future__ import annotations

from lod.store import OxigraphStore
from lod.web.browse import LISTS, table

VOCAB = "https://w3id.org/lod-syria/def/"
BASE = "http://example.org/"
GRAPHS = 3


def _store() -> OxigraphStore:
    lines = []
    for n in range(GRAPHS):
        g = f"<{BASE}graph/article/{n}>"
        place, group, obs, st = f"<{BASE}id/place/h/north>", f"<{BASE}id/org/h/sources>", f"<{BASE}id/observation/{n}>", f"<{BASE}id/statement/{n}>"
        lines += [
            f"{place} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Place> {g} .",
            f'{place} <https://schema.org/name> "Northern Syria"@en {g} .',
            f"{group} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> {g} .",
            f"{group} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Organization> {g} .",
            f'{group} <http://www.w3.org/2004/02/skos/core#prefLabel> "local sources"@en {g} .',
            f"{obs} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VOCAB}displacement#DisplacementObservation> {g} .",
            f'{obs} <{VOCAB}displacement#reportedFigure> "{1000 + n}"^^<http://www.w3.org/2001/XMLSchema#integer> {g} .',
            f"{obs} <http://purl.org/linked-data/sdmx/2009/dimension#refArea> {place} {g} .",
            f"{st} <https://schema.org/author> {group} {g} .",
        ]
    store = OxigraphStore()
    store.bulk_extend_nquads([("\n".join(lines) + "\n").encode()])
    return store


def test_a_figure_about_a_place_named_in_many_graphs_is_listed_once() -> None:
    rows = table(_store(), VOCAB, LISTS["observations"], "figure", 1).rows
    assert sorted(row["figure"] for row in rows) == ["1000", "1001", "1002"]
    assert {row["placeName"] for row in rows} == {"Northern Syria"}


def test_a_group_named_in_many_graphs_is_one_row_with_its_statements_counted_once() -> None:
    rows = table(_store(), VOCAB, LISTS["organizations"], "statements", 1).rows
    assert [(row["name"], row["statements"], row["figures"]) for row in rows] == [("local sources", str(GRAPHS), "0")]
    places = table(_store(), VOCAB, LISTS["places"], "figures", 1).rows
    assert [(row["name"], row["figures"]) for row in places] == [("Northern Syria", str(GRAPHS))]
