"""Where places lie: admin units' polygons (COD-AB, simplified) as GeoSPARQL geometries, points placed in the
sub-district whose polygon holds them, and the lowest P-coded unit that holds every member of a reported area.

The polygons are ``data/reference/boundaries/syria-adm{0,1,2,3}.geojson`` (see the README beside them for
source, licence and attribution). Geometries are written as WKT in longitude/latitude order (CRS84, the
GeoSPARQL default), the order GeoJSON uses too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from lod.errors import InputError, Where
from lod.rdf.namespaces import GEO, SCHEMA, dis
from lod.rdf.uris import Uris

__all__ = ["FOLDER", "Boundary", "boundaries_graph", "enclosing_unit", "geojson_geometry", "load", "wkt"]

FOLDER = "boundaries"  # under data/reference/
LEVELS = (0, 1, 2, 3)
Ring = list[tuple[float, float]]
Polygon = list[Ring]  # outer ring first, then holes


@dataclass(frozen=True)
class Boundary:
    """One admin unit's outline."""

    pcode: str
    level: int
    polygons: list[Polygon]

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [x for polygon in self.polygons for x, _ in polygon[0]]
        ys = [y for polygon in self.polygons for _, y in polygon[0]]
        return min(xs), min(ys), max(xs), max(ys)

    def contains(self, x: float, y: float) -> bool:
        return any(_in_ring(x, y, p[0]) and not any(_in_ring(x, y, hole) for hole in p[1:]) for p in self.polygons)


def load(folder: Path) -> list[Boundary]:
    """Every unit of ``syria-adm{n}.geojson`` in ``folder`` (none when the folder is missing).

    Raises:
        InputError: a file that is not GeoJSON polygons with a ``pcode``.
    """
    out: list[Boundary] = []
    for level in LEVELS:
        path = folder / f"syria-adm{level}.geojson"
        if not path.is_file():
            continue
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
            for feature in features:
                out.append(Boundary(str(feature["properties"]["pcode"]), level, _polygons(feature["geometry"])))
        except json.JSONDecodeError as exc:
            raise InputError(Where(str(path), exc.lineno, exc.colno), f"JSON syntax: {exc.msg}") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(Where(str(path)), f"not GeoJSON polygons with a pcode property: {exc}") from None
    return out


def boundaries_graph(units: list[Boundary], places: Graph, uris: Uris) -> Graph:
    """Each unit's geometry (``geo:hasGeometry``/``geo:asWKT``), and ``schema:containedInPlace`` from each
    point place of ``places`` to the deepest unit of ``places`` whose polygon holds it."""
    graph = Graph()
    for unit in units:
        place, geometry = uris.pcode_place(unit.pcode), uris.id("geometry", f"pcode/{unit.pcode}")
        graph.add((place, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, Literal(wkt(unit.polygons), datatype=GEO.wktLiteral)))
    # The deepest units the gazetteer knows (sub-districts with the full gazetteer), deepest first.
    known = [u for u in units if u.level > 0 and (uris.pcode_place(u.pcode), RDF.type, SCHEMA.AdministrativeArea) in places]
    boxed = sorted(((u, u.bbox()) for u in known), key=lambda pair: -pair[0].level)
    for place, (x, y) in _points(places):
        for unit, (x0, y0, x1, y1) in boxed:
            if x0 <= x <= x1 and y0 <= y <= y1 and unit.contains(x, y):
                graph.add((place, SCHEMA.containedInPlace, uris.pcode_place(unit.pcode)))
                break
    return graph


class Readable(Protocol):
    """What :func:`enclosing_unit` reads of the known graph (a Graph, or a reader that remembers)."""

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]: ...

    def value(self, subject: Node, predicate: Node) -> Node | None: ...


def enclosing_unit(known: Readable, members: list[URIRef], vocab: str) -> URIRef | None:
    """The lowest admin unit (a thing with ``dis:adminLevel``, under the vocabulary namespace ``vocab``) that holds every
    member, or None."""
    level = dis(vocab).adminLevel
    chains = [_ancestors(known, m) for m in members]
    if not chains:
        return None
    common = set(chains[0]).intersection(*chains[1:])
    units = [(int(str(known.value(u, level))), u) for u in common if known.value(u, level) is not None]
    return max(units, key=lambda pair: (pair[0], str(pair[1])))[1] if units else None


def wkt(polygons: list[Polygon]) -> str:
    """``MULTIPOLYGON (((x y, ...)), ...)`` (or ``POLYGON`` for one)."""
    rings = ["(" + ", ".join("(" + ", ".join(f"{x} {y}" for x, y in ring) + ")" for ring in p) + ")" for p in polygons]
    return f"POLYGON {rings[0]}" if len(rings) == 1 else f"MULTIPOLYGON ({', '.join(rings)})"


def geojson_geometry(text: str) -> dict[str, Any] | None:
    """A GeoJSON geometry for WKT ``POINT``, ``POLYGON`` or ``MULTIPOLYGON`` text (None for anything else)."""
    body = re.sub(r"^\s*<[^>]*>\s*", "", text).strip()  # a CRS IRI may open the literal
    kind = body.split("(", 1)[0].strip().upper()
    numbers = body[len(body.split("(", 1)[0]) :]
    try:
        nested = json.loads(re.sub(r"\)", "]", re.sub(r"\(", "[", re.sub(r"(-?[\d.]+)\s+(-?[\d.]+)", r"[\1,\2]", numbers))))
    except json.JSONDecodeError:
        return None
    if kind == "POINT":
        return {"type": "Point", "coordinates": nested[0]}
    if kind in ("POLYGON", "MULTIPOLYGON"):
        return {"type": "Polygon" if kind == "POLYGON" else "MultiPolygon", "coordinates": nested}
    return None


def _ancestors(graph: Readable, place: URIRef) -> list[URIRef]:
    """``place`` and everything it lies in, following ``schema:containedInPlace``."""
    seen: list[URIRef] = []
    todo = [place]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.append(node)
        todo.extend(o for o in graph.objects(node, SCHEMA.containedInPlace) if isinstance(o, URIRef))
    return seen


def _points(places: Graph) -> list[tuple[URIRef, tuple[float, float]]]:
    out = []
    for place, geometry in places.subject_objects(GEO.hasGeometry):
        text = places.value(geometry, GEO.asWKT)
        found = re.fullmatch(r"\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*", str(text)) if text is not None else None
        if found and isinstance(place, URIRef):
            out.append((place, (float(found[1]), float(found[2]))))
    return out


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        coordinates = [coordinates]
    elif geometry["type"] != "MultiPolygon":
        raise ValueError(f"a {geometry['type']}, not a polygon")
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in coordinates]


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside
