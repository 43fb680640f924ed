"""The GeoJSON a place's map is drawn from, built from the store's GeoSPARQL geometries: the place itself
(``self``), the admin units directly inside it (``part``), the members of a reported area (``member``), the
unit a point lies in (``parent``), and the places inside it that figures are reported for (``reported``).
Each feature carries its name, link, role and how many figures are reported for it (or an area holding it).
"""

from __future__ import annotations

from typing import Any

from lod.places.boundaries import geojson_geometry
from lod.rdf.namespaces import dis
from lod.store import Solutions, Store

__all__ = ["ATTRIBUTION", "MAX_FEATURES", "feature_collection"]

MAX_FEATURES = 400
ATTRIBUTION = (
    "Boundaries: UNCS and UN OCHA (COD-AB Syria, 2020), CC BY-IGO; the boundaries and names shown do not imply "
    "official endorsement or acceptance by the United Nations. Places: GeoNames, CC BY 4.0."
)

_QUERY = """
PREFIX dis: <{dis}>
PREFIX schema: <https://schema.org/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?f ?role (SAMPLE(?n) AS ?name) (SAMPLE(?w) AS ?wkt) (COUNT(DISTINCT ?o) AS ?figures) WHERE {{
    {{ SELECT DISTINCT ?f ?role WHERE {{
        {{ BIND(<{e}> AS ?f) BIND("self" AS ?role) }}
        UNION {{ ?f schema:containedInPlace <{e}> ; dis:adminLevel ?level BIND("part" AS ?role) }}
        UNION {{ <{e}> schema:containsPlace ?f BIND("member" AS ?role) }}
        UNION {{ <{e}> schema:containedInPlace ?f . ?f dis:adminLevel ?l2 FILTER NOT EXISTS {{ <{e}> dis:adminLevel ?l3 }}
                 BIND("parent" AS ?role) }}
        UNION {{ {{ SELECT DISTINCT ?f WHERE {{ ?f schema:containedInPlace+ <{e}> }} }}
                 FILTER EXISTS {{ ?o0 sdmx:refArea ?f }} BIND("reported" AS ?role) }}
        UNION {{ {{ SELECT DISTINCT ?a0 WHERE {{ ?a0 schema:containedInPlace+ <{e}> }} }} ?a0 schema:containsPlace ?f
                 FILTER EXISTS {{ ?o0 sdmx:refArea ?a0 }} BIND("reported" AS ?role) }}
    }} LIMIT {limit} }}
    ?f geo:hasGeometry/geo:asWKT ?w .
    OPTIONAL {{ ?f schema:name ?n FILTER(LANG(?n) IN ("en", "")) }}
    OPTIONAL {{ {{ ?o sdmx:refArea ?f }} UNION {{ ?a schema:containsPlace ?f . ?o sdmx:refArea ?a }}
               UNION {{ ?a schema:containedInPlace+ ?f . ?o sdmx:refArea ?a }} }}
}} GROUP BY ?f ?role
"""
_ORDER = {"parent": 0, "self": 1, "part": 2, "member": 3, "reported": 4}


def feature_collection(store: Store, base: str, vocab: str, place: str, site: str) -> dict[str, Any]:
    """The map of ``place`` (an IRI the store knows) as a GeoJSON FeatureCollection; links point at ``site``."""
    result = store.query(_QUERY.format(dis=dis(vocab), e=place, limit=MAX_FEATURES))
    assert isinstance(result, Solutions)
    features: dict[str, dict[str, Any]] = {}
    for row in sorted(result.values(), key=lambda r: _ORDER.get(r["role"], 9)):
        geometry = geojson_geometry(row["wkt"])
        if geometry is None or row["f"] in features:
            continue
        href = site + "doc/" + row["f"][len(base) + 3 :] if row["f"].startswith(base + "id/") else row["f"]
        properties = {"name": row.get("name", ""), "href": href, "role": row["role"], "figures": int(row["figures"])}
        features[row["f"]] = {"type": "Feature", "id": row["f"], "geometry": geometry, "properties": properties}
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": list(features.values())}
