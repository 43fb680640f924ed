"""Dumps parse back, in every format and with two parsers, into exactly what the store holds."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, Literal, URIRef
from _rdf import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib import namespace as ns

from lod.formats import DUMP_FORMATS, JSONLD, NQUADS, NTRIPLES, TRIG, TURTLE, Format
from lod.places.reference import ATTRIBUTION_GEONAMES, ATTRIBUTION_OCHA
from lod.publish import dumps as publish
from lod.rdf.namespaces import DEFAULT_VOCAB, PREFIXES, SD
from lod.settings import Settings
from lod.store import Store, to_rdflib

from _engines import filled, loaded, under_test
from lod.publish.void import IANA, SPDX, statistics

BASE = "http://127.0.0.1:8000/"
DEFAULT = ""  # the default graph's key in the dicts below
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)

# Two named graphs and a default-graph triple: blank nodes (one shared by both graphs), language tags,
# typed literals the context coerces (dates, integers) and ones it does not (decimal, boolean, a date on
# an integer term), an IRI where the context expects one and a string where it expects an IRI, a triple
# present in both graphs (the union holds it once), a blank-node type, and non-ASCII text.
SAMPLE = """
@prefix schema: <https://schema.org/> .
@prefix dis: <https://w3id.org/lod-syria/def/displacement#> .
@prefix id: <{base}id/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{base}graph/article/a1> {{
    id:article\\/a1 a schema:NewsArticle ;
        schema:headline "Thousands flee Maarat al-Numan"@en ;
        schema:datePublished "2019-12-01T14:56:00+02:00"^^xsd:dateTime ;
        schema:url <https://en.etilaf.org/all-news/news/a1> ;
        schema:publisher id:org\\/snc .
    id:observation\\/o1 a dis:DisplacementObservation ;
        dis:reportedFigure 40000 ;
        dis:reportDate "2019-12-01"^^xsd:date ;
        schema:minValue "2019-12-01"^^xsd:date ;
        schema:url "not an IRI" ;
        dis:figureAsPrinted "40,000" ;
        <http://example.org/ratio> 0.25 ;
        <http://example.org/checked> true ;
        prov:wasDerivedFrom _:span .
    _:span oa:hasSource id:article\\/a1 ;
        oa:hasSelector [ a oa:TextPositionSelector ; oa:start 120 ; oa:end 161 ] .
    id:org\\/snc skos:prefLabel "Syrian National Coalition"@en .
    _:shared schema:name "shared blank node" .
}}

<{base}graph/reference> {{
    id:place\\/geonames\\/169389 a schema:Place ;
        schema:name "Idlib" , "إدلب"@ar ;
        a _:placeKind .
    _:shared schema:alternateName "still the same blank node" .
    id:org\\/snc skos:prefLabel "Syrian National Coalition"@en .
}}

id:org\\/snc skos:altLabel "SNC" .
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return under_test(Settings(base_uri=BASE, store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps"))


@pytest.fixture
def store(settings: Settings) -> Store:
    return loaded(settings, SAMPLE.format(base=BASE).encode(), ox.RdfFormat.TRIG)


def _store_graphs(store: Store) -> dict[str, Graph]:
    return _graphs_of_quads(store.quads())


def _graphs_of_quads(quads: Any) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for quad in quads:
        name = DEFAULT if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, Graph()).add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graphs


def _union(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in graphs.values():
        for triple in graph:
            union.add(triple)
    return union


def _dump_bytes(store: Store, fmt: Format, *, gz: bool = False, base: str = BASE) -> bytes:
    out = io.BytesIO()
    publish.dump(store, fmt, out, base=base, vocab=DEFAULT_VOCAB, gzip=gz)
    data = out.getvalue()
    return gzip.decompress(data) if gz else data


def _assert_context_embedded(data: bytes, base: str) -> None:
    """The dump carries our context itself, so readers parse it offline, fetching nothing (issue 10.16)."""
    assert json.loads(data)["@context"] == publish.load_context(base, DEFAULT_VOCAB)["@context"]


def _read_rdflib(data: bytes, fmt: Format, base: str = BASE) -> dict[str, Graph]:
    if not fmt.supports_datasets:
        return {DEFAULT: Graph().parse(data=data, format=fmt.rdflib_name)}
    if fmt == JSONLD:
        _assert_context_embedded(data, base)
    dataset = Dataset()
    dataset.parse(data=data, format=fmt.rdflib_name)
    graphs = {}
    for graph in dataset.graphs():
        if len(graph):
            name = DEFAULT if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
            graphs[name] = Graph()
            for triple in graph:
                graphs[name].add(triple)
    return graphs


def _read_oxigraph(data: bytes, fmt: Format, base: str = BASE) -> dict[str, Graph]:
    if fmt == JSONLD:
        _assert_context_embedded(data, base)
    assert fmt.rdf is not None
    return _graphs_of_quads(ox.parse(data, format=fmt.rdf))


def _read_pyld(data: bytes, base: str = BASE) -> dict[str, Graph]:
    options = {"format": "application/n-quads", "documentLoader": publish.document_loader(base, DEFAULT_VOCAB)}
    nquads = jsonld.to_rdf(json.loads(data), options)
    return _graphs_of_quads(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))


def _assert_same(actual: dict[str, Graph], expected: dict[str, Graph]) -> None:
    assert sorted(actual) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(actual[name], graph), name


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("reader", [_read_rdflib, _read_oxigraph], ids=["rdflib", "pyoxigraph"])
@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=[f.name for f in DUMP_FORMATS])
def test_dump_parses_back_isomorphic(store: Store, fmt: Format, reader: Any, gz: bool) -> None:
    expected = _store_graphs(store)
    actual = reader(_dump_bytes(store, fmt, gz=gz), fmt)
    if fmt.supports_datasets:
        _assert_same(actual, expected)
    else:
        # Graph formats hold the union of the graphs.
        _assert_same(actual, {DEFAULT: _union(expected)})


def test_dump_jsonld_reads_back_through_pyld_with_the_offline_loader(store: Store) -> None:
    _assert_same(_read_pyld(_dump_bytes(store, JSONLD)), _store_graphs(store))


def test_dump_jsonld_under_another_base_uses_that_context(tmp_path: Path) -> None:
    base = "https://example.org/lod/"
    _, store = filled(Settings(base_uri=base, store_path=tmp_path / "store"), SAMPLE.format(base=base).encode(), ox.RdfFormat.TRIG)
    data = _dump_bytes(store, JSONLD, base=base)
    assert json.loads(data)["@context"]["id"] == "https://example.org/lod/id/"
    assert '"id:article/a1"' in data.decode()  # rebased prefixes still compact our IRIs
    _assert_same(_read_oxigraph(data, JSONLD, base), _store_graphs(store))
    _assert_same(_read_pyld(data, base), _store_graphs(store))


def test_dump_jsonld_is_plain_json_with_readable_keys(store: Store) -> None:
    document = json.loads(_dump_bytes(store, JSONLD))
    assert document["@context"] == publish.load_context(BASE, DEFAULT_VOCAB)["@context"]
    graphs = {node["@id"]: node["@graph"] for node in document["@graph"] if "@graph" in node}
    assert set(graphs) == {f"{BASE}graph/article/a1", f"{BASE}graph/reference"}
    article = next(node for node in graphs[f"{BASE}graph/article/a1"] if node["@id"] == "id:article/a1")
    assert article["@type"] == "schema:NewsArticle"
    assert article["headline"] == {"@value": "Thousands flee Maarat al-Numan", "@language": "en"}
    assert article["url"] == "https://en.etilaf.org/all-news/news/a1"
    assert article["publisher"] == "id:org/snc"
    observation = next(node for node in graphs[f"{BASE}graph/article/a1"] if node["@id"] == "id:observation/o1")
    assert observation["reportedFigure"] == 40000
    assert observation["reportDate"] == "2019-12-01"
    assert "إدلب" in json.dumps(document, ensure_ascii=False)


def test_dump_graph_formats_hold_each_triple_once(store: Store) -> None:
    union = _union(_store_graphs(store))
    lines = [line for line in _dump_bytes(store, NTRIPLES).decode().splitlines() if line.strip()]
    assert len(lines) == len(union)


def test_dump_refuses_a_format_that_is_not_a_dump_format(store: Store) -> None:
    with pytest.raises(ValueError, match="not a dump format"):
        publish.dump(store, TRIG, io.BytesIO(), base=BASE, vocab=DEFAULT_VOCAB)


def test_dump_gzip_is_reproducible(store: Store) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    publish.dump(store, TURTLE, first, base=BASE, vocab=DEFAULT_VOCAB, gzip=True)
    publish.dump(store, TURTLE, second, base=BASE, vocab=DEFAULT_VOCAB, gzip=True)
    assert first.getvalue() == second.getvalue()


def test_context_has_every_prefix_and_is_rebased() -> None:
    context = publish.load_context("https://example.org/lod/", DEFAULT_VOCAB)["@context"]
    for name, namespace in PREFIXES.items():
        assert context[name] == str(namespace)
    assert context["dis"] == "https://w3id.org/lod-syria/def/displacement#"  # the vocabulary's, not the deployment's
    assert context["id"] == "https://example.org/lod/id/"
    assert context["reportDate"] == {"@id": "dis:reportDate", "@type": "xsd:date"}
    elsewhere = publish.load_context("https://example.org/lod/", "https://vocab.example.net/v1/")["@context"]
    assert elsewhere["dis"] == "https://vocab.example.net/v1/displacement#" and elsewhere["id"] == context["id"]


def test_document_loader_refuses_other_urls() -> None:
    load = publish.document_loader(BASE, DEFAULT_VOCAB)
    assert load(f"{BASE}context.jsonld")["document"] == publish.load_context(BASE, DEFAULT_VOCAB)
    with pytest.raises(jsonld.JsonLdError):
        load("https://schema.org/")


def test_write_dumps_writes_every_file_with_its_size_checksum_and_count(
    store: Store, settings: Settings
) -> None:
    catalog = publish.write_dumps(store, settings, now=NOW)
    names = [f"lod.{ext}{gz}" for ext in ("ttl", "nt", "nq", "jsonld") for gz in ("", ".gz")]
    assert sorted(f.name for f in catalog.files) == sorted(names)
    assert _listed(settings.dumps_dir) == sorted([*names, "observations.csv", "events.csv", "void.ttl", "catalog.json"])
    union = len(_union(_store_graphs(store)))
    for f in catalog.files:
        data = f.path.read_bytes()
        assert f.path.stat().st_mode & 0o777 == 0o644  # the web server may run as another user
        assert f.size == len(data)
        assert f.sha256 == hashlib.sha256(data).hexdigest()
        assert f.triples == (len(store) if f.format.supports_datasets else union)
        assert f.modified == NOW
        if f.gzip:
            assert gzip.decompress(data) == (settings.dumps_dir / f.name.removesuffix(".gz")).read_bytes()
    assert catalog.triples == union
    packed = catalog.file("lod.nq.gz")
    assert packed is not None and packed.media_type == "application/gzip"


def _listed(folder: Path) -> list[str]:
    """The files of a dumps folder but its lock files (``.catalog.lock``: empty, there to be locked)."""
    return sorted(p.name for p in folder.iterdir() if not (p.name.startswith(".") and p.name.endswith(".lock")))


def test_write_dumps_files_parse_back(store: Store, settings: Settings) -> None:
    expected = _store_graphs(store)
    for f in publish.write_dumps(store, settings, now=NOW).files:
        data = gzip.decompress(f.path.read_bytes()) if f.gzip else f.path.read_bytes()
        wanted = expected if f.format.supports_datasets else {DEFAULT: _union(expected)}
        _assert_same(_read_oxigraph(data, f.format), wanted)


def test_read_catalog_gives_back_what_was_written(store: Store, settings: Settings) -> None:
    assert publish.read_catalog(settings.dumps_dir) is None
    written = publish.write_dumps(store, settings, now=NOW)
    read = publish.read_catalog(settings.dumps_dir)
    assert read is not None
    assert read.files == written.files
    assert (read.dataset, read.triples, read.issued, read.modified) == (written.dataset, written.triples, NOW, NOW)
    assert isomorphic(read.description, written.description)
    assert publish.read_catalog(settings.dumps_dir) is read  # parsed once, until a build replaces it
    rebuilt = publish.write_dumps(store, settings, now=NOW.replace(day=26))
    again = publish.read_catalog(settings.dumps_dir)
    assert again is not None and again.modified == rebuilt.modified


def test_read_catalog_after_a_write_of_one_graph_keeps_the_parsed_description(store: Store, settings: Settings) -> None:
    written = publish.write_dumps(store, settings, now=NOW)
    before = publish.read_catalog(settings.dumps_dir)
    assert before is not None
    publish.mark_changed(settings.dumps_dir, now=NOW.replace(day=26))  # what lod ingest and POST /articles do
    after = publish.read_catalog(settings.dumps_dir)
    assert after is not None and after is not before
    assert after.modified == NOW.replace(day=26) and after.files == written.files
    assert after.description is before.description  # void.ttl did not change: not parsed again
    assert isomorphic(after.description, Graph().parse(settings.dumps_dir / "void.ttl", format="turtle"))  # a fresh start's
    rebuilt = publish.write_dumps(store, settings, now=NOW.replace(day=27))
    again = publish.read_catalog(settings.dumps_dir)
    assert again is not None and again.description is not before.description
    assert isomorphic(again.description, rebuilt.description)


def test_void_description_states_counts_files_and_licences(store: Store, settings: Settings) -> None:
    catalog = publish.write_dumps(store, settings, now=NOW)
    void = Graph().parse(settings.dumps_dir / "void.ttl", format="turtle")
    ds = URIRef(f"{BASE}id/dataset/lod")
    assert (ds, ns.RDF.type, ns.VOID.Dataset) in void and (ds, ns.RDF.type, ns.DCAT.Dataset) in void

    def value(subject: Any, prop: URIRef) -> Any:
        found = void.value(subject, prop)
        assert found is not None, prop
        return found.toPython() if isinstance(found, Literal) else found

    union = _union(_store_graphs(store))
    assert value(ds, ns.VOID.triples) == len(union)
    assert value(ds, ns.VOID.distinctSubjects) == len(set(union.subjects()))
    assert value(ds, ns.VOID.properties) == len(set(union.predicates()))
    assert value(ds, ns.VOID.classes) == len(set(union.objects(None, ns.RDF.type)))
    assert value(ds, ns.VOID.entities) == len({s for s in union.subjects() if str(s).startswith(f"{BASE}id/")})
    assert value(ds, ns.VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    assert value(ds, ns.VOID.uriSpace) == f"{BASE}id/"
    assert value(ds, ns.DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert value(ds, ns.DCTERMS.modified) == NOW and value(ds, ns.DCTERMS.issued) == NOW
    assert URIRef(f"{BASE}id/article/a1") in set(void.objects(ds, ns.VOID.exampleResource))
    assert URIRef("https://schema.org/") in set(void.objects(ds, ns.VOID.vocabulary))
    sources = list(void.objects(ds, ns.DCTERMS.source))
    citations = {str(c) for source in sources for c in void.objects(source, ns.DCTERMS.bibliographicCitation)}
    # The citations the gazetteer's sources ask for, as the reference data states them.
    assert citations == {ATTRIBUTION_OCHA, ATTRIBUTION_GEONAMES}
    assert any("CC BY-IGO" in c for c in citations) and any("GeoNames" in c for c in citations)

    subsets = {str(value(s, SD.name)): value(s, ns.VOID.triples) for s in void.objects(ds, ns.VOID.subset)}
    assert subsets == {name: len(graph) for name, graph in _store_graphs(store).items() if name != DEFAULT}

    distributions = list(void.objects(ds, ns.DCAT.distribution))
    assert len(distributions) == len(catalog.files) == 8
    for f in catalog.files:
        [dist] = [d for d in distributions if value(d, ns.DCAT.downloadURL) == URIRef(f"{BASE}dumps/{f.name}")]
        assert value(d := dist, ns.DCAT.byteSize) == f.size
        assert value(d, ns.DCAT.mediaType) == URIRef(IANA + f.format.media_type)
        assert (void.value(d, ns.DCAT.compressFormat) is not None) == f.gzip
        checksum = value(d, SPDX.checksum)
        assert value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)) == f.sha256
        assert void.value(checksum, SPDX.checksumValue).datatype == ns.XSD.hexBinary  # type: ignore[union-attr]
        assert value(d, ns.DCTERMS.modified) == NOW
        assert (ds, ns.VOID.dataDump, URIRef(f"{BASE}dumps/{f.name}")) in void


def test_void_counts_taken_while_writing_the_dumps_are_those_the_store_gives(store: Store, settings: Settings) -> None:
    """write_dumps counts subjects, properties, classes, vocabularies, each graph's triples and finds the example
    resources in the lines it writes; the queries over the store give the same."""
    publish.write_dumps(store, settings, now=NOW)
    void = Graph().parse(settings.dumps_dir / "void.ttl", format="turtle")
    ds = URIRef(f"{BASE}id/dataset/lod")
    queried = statistics(store, BASE, DEFAULT_VOCAB)
    for prop, expected in ((ns.VOID.triples, queried.triples), (ns.VOID.entities, queried.entities),
                           (ns.VOID.classes, queried.classes), (ns.VOID.properties, queried.properties),
                           (ns.VOID.distinctSubjects, queried.distinct_subjects),
                           (ns.VOID.distinctObjects, queried.distinct_objects)):
        found = void.value(ds, prop)
        assert isinstance(found, Literal) and found.toPython() == expected, prop
    assert sorted(str(v) for v in void.objects(ds, ns.VOID.vocabulary)) == queried.vocabularies
    assert sorted(str(v) for v in void.objects(ds, ns.VOID.exampleResource)) == sorted(queried.examples)
    assert len(queried.examples) == 2  # the fixture's article and observation
    subsets = {str(void.value(s, SD.name)): void.value(s, ns.VOID.triples) for s in void.objects(ds, ns.VOID.subset)}
    assert {name: int(str(n)) for name, n in subsets.items()} == queried.graphs


def test_write_dumps_keeps_the_first_issued_date(store: Store, settings: Settings) -> None:
    publish.write_dumps(store, settings, now=NOW)
    later = NOW.replace(day=26)
    catalog = publish.write_dumps(store, settings, now=later)
    assert (catalog.issued, catalog.modified) == (NOW, later)
    assert {f.modified for f in catalog.files} == {later}


def test_write_dumps_is_all_or_nothing(store: Store, settings: Settings) -> None:
    first = publish.write_dumps(store, settings, now=NOW)
    before = {name: (settings.dumps_dir / name).read_bytes() for name in ("void.ttl", "catalog.json")}
    # An IRI whose scheme is one of our prefixes cannot be written as compact JSON-LD: the build fails
    # at the last format, after the others were written to temporary files.
    store.replace_graphs({URIRef(f"{BASE}graph/odd"): Graph().add((URIRef("geo:36.2,37.1"), URIRef("https://schema.org/name"), Literal("x")))})
    with pytest.raises(ValueError, match="scheme"):
        publish.write_dumps(store, settings, now=NOW.replace(day=26))
    left = _listed(settings.dumps_dir)
    assert left == sorted([*(f.name for f in first.files), "observations.csv", "events.csv", "void.ttl", "catalog.json"])
    for f in first.files:
        assert hashlib.sha256(f.path.read_bytes()).hexdigest() == f.sha256
    assert {name: (settings.dumps_dir / name).read_bytes() for name in before} == before


def test_write_dumps_deletes_what_killed_runs_left(store: Store, settings: Settings) -> None:
    """A run killed while writing dumps leaves hidden temporary files; the next run deletes them."""
    settings.dumps_dir.mkdir(parents=True)
    left = [settings.dumps_dir / ".lod.nq.k1ll3d.tmp", settings.dumps_dir / ".lod.ttl.gz.x7y8z9.tmp",
            settings.dumps_dir / ".catalog.json.abc123.tmp"]
    for path in left:
        path.write_bytes(b"half a dump")
    mine = settings.dumps_dir / ".notes.tmp"  # not ours: left alone
    mine.write_bytes(b"keep")
    publish.write_dumps(store, settings, now=NOW)
    assert [p for p in left if p.exists()] == []
    assert mine.exists()
    assert not [p.name for p in settings.dumps_dir.iterdir() if p.name.endswith(".tmp") and p != mine]
