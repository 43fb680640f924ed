"""The reference graph: curated organizations, the Syria gazetteer and any Turtle in ``data/reference/``.

Attribution for the gazetteer's sources travels with the data (``dct:source`` on the graph's places and
in the dataset description).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from lod.boundaries import FOLDER as BOUNDARIES, boundaries_graph, load as load_boundaries
from lod.errors import InputError, Where
from lod.gazetteer import Gazetteer, load_gazetteer
from lod.namespaces import DCT, GEO, ORG, SCHEMA, dis
from lod.rdffiles import read_rdf
from lod.reconcile import OrgEntry, Reconciler, load_organizations
from lod.uris import Uris

ORGANIZATIONS = "organizations.yaml"
GAZETTEER = "syria-gazetteer.csv"
ATTRIBUTION_OCHA = "Syria administrative boundaries (COD-AB), UNCS and UN OCHA, via HDX, CC BY-IGO"
ATTRIBUTION_GEONAMES = "GeoNames (https://www.geonames.org/), CC BY 4.0"
SOURCE_OCHA = URIRef("https://data.humdata.org/dataset/cod-ab-syr")
SOURCE_GEONAMES = URIRef("https://www.geonames.org/")
COUNTRY = "SY"


def read_organizations(path: Path) -> list[OrgEntry]:
    """The curated organizations file.

    Raises:
        InputError: YAML that does not parse or an entry without ``id`` and ``label``.
    """
    try:
        return load_organizations(path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Where(str(path), mark.line + 1, mark.column + 1) if mark else Where(str(path))
        raise InputError(where, f"YAML syntax: {exc.problem}") from None
    except (OSError, ValueError) as exc:
        raise InputError(Where(str(path)), str(exc)) from None


def organizations_graph(entries: list[OrgEntry], uris: Uris) -> Graph:
    graph = Graph()
    for entry in entries:
        org = uris.org(entry.id)
        graph.add((org, RDF.type, ORG.Organization))
        graph.add((org, RDF.type, SCHEMA.Organization))
        kind = {"formal": ORG.FormalOrganization, "unit": ORG.OrganizationalUnit}.get(entry.type)
        if kind is not None:
            graph.add((org, RDF.type, kind))
        graph.add((org, SKOS.prefLabel, Literal(entry.label, lang="en")))
        graph.add((org, SCHEMA.name, Literal(entry.label, lang="en")))
        for alias in entry.aliases:
            if alias != entry.label:
                graph.add((org, SKOS.altLabel, Literal(alias, lang="en")))
        for hidden in entry.hidden:
            graph.add((org, SKOS.hiddenLabel, Literal(hidden, lang="en")))
        for match in entry.close_match:
            graph.add((org, SKOS.hiddenLabel, Literal(match)))  # an ACLED actor name: a search label, not a concept
        if entry.unit_of:
            parent = uris.org(entry.unit_of)
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
        elif entry.geonameid:
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
        else:
            raise ValueError(f"gazetteer entry {entry.id} has neither a P-code nor a GeoNames id")
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


def load_reconciler(reference_dir: Path) -> Reconciler:
    """The gazetteer and the curated organizations of ``data/reference/``.

    Raises:
        InputError: a file that cannot be read.
    """
    return Reconciler(load_gazetteer(reference_dir / GAZETTEER), read_organizations(reference_dir / ORGANIZATIONS))


def reference_graph(reference_dir: Path, reconciler: Reconciler, uris: Uris) -> Graph:
    """Everything in ``data/reference/`` as one graph (admin units' polygons from ``boundaries/``).

    Raises:
        InputError: a file that does not parse (with ``path:line:col``).
    """
    graph = Graph()
    graph += organizations_graph(reconciler.organizations, uris)
    graph += gazetteer_graph(reconciler.gazetteer, uris)
    graph += boundaries_graph(load_boundaries(reference_dir / BOUNDARIES), graph, uris)
    for path in sorted(reference_dir.glob("*.ttl")):
        graph += read_rdf(path, uris.base)
    return graph

