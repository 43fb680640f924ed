"""The reference graph: curated organizations, the Syria gazetteer and any Turtle in ``data/reference/``.

Attribution for the gazetteer's sources travels with the data (``dct:source`` on the graph's places and
in the dataset description).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from lod.errors import InputError, Where
from lod.gazetteer import Gazetteer, load_gazetteer
from lod.namespaces import DCT, GEO, ORG, SCHEMA, dis
from lod.rdffiles import read_rdf
from lod.uris import Uris, normalise

ORGANIZATIONS = "organizations.yaml"
GAZETTEER = "syria-gazetteer.csv"
ATTRIBUTION_OCHA = "Syria administrative boundaries (COD-AB), UNCS and UN OCHA, via HDX, CC BY-IGO"
ATTRIBUTION_GEONAMES = "GeoNames (https://www.geonames.org/), CC BY 4.0"
SOURCE_OCHA = URIRef("https://data.humdata.org/dataset/cod-ab-syr")
SOURCE_GEONAMES = URIRef("https://www.geonames.org/")
COUNTRY = "SY"


def load_organizations(path: Path) -> list[dict[str, Any]]:
    """The curated organizations file.

    Raises:
        InputError: YAML that does not parse or an entry without ``id`` and ``label``.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(Where(str(path), mark.line + 1 if mark else None, mark.column + 1 if mark else None),
                         f"YAML syntax: {exc.problem}") from None
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise InputError(Where(str(path)), f"entry {number} needs an id and a label")
    return list(data)


def organizations_graph(entries: list[dict[str, Any]], uris: Uris) -> Graph:
    graph = Graph()
    for entry in entries:
        org = uris.org(entry["id"])
        graph.add((org, RDF.type, ORG.Organization))
        graph.add((org, RDF.type, SCHEMA.Organization))
        kind = {"formal": ORG.FormalOrganization, "unit": ORG.OrganizationalUnit}.get(entry.get("type", ""))
        if kind is not None:
            graph.add((org, RDF.type, kind))
        graph.add((org, SKOS.prefLabel, Literal(entry["label"], lang="en")))
        graph.add((org, SCHEMA.name, Literal(entry["label"], lang="en")))
        for alias in entry.get("aliases", []):
            if alias != entry["label"]:
                graph.add((org, SKOS.altLabel, Literal(alias, lang="en")))
        for hidden in entry.get("hidden", []):
            graph.add((org, SKOS.hiddenLabel, Literal(hidden, lang="en")))
        for match in entry.get("close_match", []):
            graph.add((org, SKOS.closeMatch, Literal(match)))
        if entry.get("unit_of"):
            parent = uris.org(entry["unit_of"])
            graph.add((org, ORG.unitOf, parent))
            graph.add((parent, ORG.hasUnit, org))
    return graph


def gazetteer_graph(gazetteer: Gazetteer, uris: Uris) -> Graph:
    """Admin areas keyed by P-code, populated places by GeoNames id, with the hierarchy and geometry."""
    d = dis(uris.base)
    graph = Graph()
    country = uris.pcode_place(COUNTRY)
    graph.add((country, RDF.type, SCHEMA.Country))
    graph.add((country, RDF.type, GEO.Feature))
    graph.add((country, SCHEMA.name, Literal("Syrian Arab Republic", lang="en")))
    graph.add((country, SCHEMA.alternateName, Literal("Syria", lang="en")))
    graph.add((country, DCT.identifier, Literal(COUNTRY)))
    graph.add((country, d.adminLevel, Literal(0)))
    graph.add((country, SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q858")))
    graph.add((country, SCHEMA.sameAs, URIRef("https://sws.geonames.org/163843/")))
    for entry in gazetteer.entries:
        if entry.pcode:
            place = uris.pcode_place(entry.pcode)
            graph.add((place, RDF.type, SCHEMA.AdministrativeArea))
            graph.add((place, DCT.identifier, Literal(entry.pcode)))
            graph.add((place, d.adminLevel, Literal(entry.level)))
            parent = entry.parent_pcode if entry.parent_pcode and entry.parent_pcode != "SYR" else COUNTRY
            graph.add((place, SCHEMA.containedInPlace, uris.pcode_place(parent)))
            graph.add((place, DCT.source, SOURCE_OCHA))
        else:
            place = uris.geonames_place(entry.geonameid)
            graph.add((place, RDF.type, SCHEMA.Place))
            graph.add((place, d.geonamesId, Literal(entry.geonameid)))
            graph.add((place, SCHEMA.sameAs, URIRef(f"https://sws.geonames.org/{entry.geonameid}/")))
            if entry.admin1_pcode:
                graph.add((place, SCHEMA.containedInPlace, uris.pcode_place(entry.admin1_pcode)))
            graph.add((place, DCT.source, SOURCE_GEONAMES))
            if entry.lat is not None and entry.lon is not None:
                geometry = uris.id("geometry", f"geonames/{entry.geonameid}")
                graph.add((place, GEO.hasGeometry, geometry))
                graph.add((geometry, RDF.type, GEO.Geometry))
                graph.add((geometry, GEO.asWKT, Literal(f"POINT({entry.lon} {entry.lat})", datatype=GEO.wktLiteral)))
        graph.add((place, RDF.type, GEO.Feature))
        graph.add((place, SCHEMA.name, Literal(entry.name, lang="en")))
        for alt in entry.alt_names_latin:
            if alt != entry.name:
                graph.add((place, SCHEMA.alternateName, Literal(alt, lang="en")))
        for alt in entry.names_ar:
            graph.add((place, SCHEMA.alternateName, Literal(alt, lang="ar")))
    for source, note in ((SOURCE_OCHA, ATTRIBUTION_OCHA), (SOURCE_GEONAMES, ATTRIBUTION_GEONAMES)):
        graph.add((source, RDF.type, SCHEMA.Dataset))
        graph.add((source, DCT.bibliographicCitation, Literal(note, lang="en")))
    return graph


def reference_graph(reference_dir: Path, uris: Uris) -> Graph:
    """Everything in ``data/reference/`` as one graph.

    Raises:
        InputError: a file that does not parse (with ``path:line:col``).
    """
    graph = Graph()
    graph += organizations_graph(load_organizations(reference_dir / ORGANIZATIONS), uris)
    graph += gazetteer_graph(load_gazetteer(reference_dir / GAZETTEER), uris)
    for path in sorted(reference_dir.glob("*.ttl")):
        graph += read_rdf(path, uris.base)
    return graph


def org_resolver(entries: list[dict[str, Any]]) -> Callable[[str], str | None]:
    """A function from a name as written to a curated organization id, by label, alias or hidden label."""
    index: dict[str, str] = {}
    for entry in entries:
        for name in (entry["label"], *entry.get("aliases", []), *entry.get("hidden", [])):
            index.setdefault(_org_key(name), entry["id"])

    def resolve(name: str) -> str | None:
        return index.get(_org_key(name))

    return resolve


def _org_key(name: str) -> str:
    key = normalise(name.replace("’", "'"))
    return re.sub(r"^the ", "", re.sub(r"[^\w' ]+", " ", key)).replace("  ", " ").strip()
