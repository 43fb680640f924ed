"""The vocabulary, concept schemes and shapes: every file parses, and every shape accepts and rejects its examples.

Examples live in ``tests/shapes``: ``S09-valid.ttl`` must conform with no results at all, ``S09-invalid-01.ttl`` must
give a Violation reported by shape S09, ``S09-warning-01.ttl`` a Warning from S09. Each is validated together with
``context.ttl`` and ``ontology/concepts.ttl``, as an article graph is validated together with the reference graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from lod.pipeline.validation import ValidationReport, load_ontology, load_shapes, validate
from lod.rdf.namespaces import DEFAULT_BASE, DEFAULT_VOCAB, SH, dis, rebase

ROOT = Path(__file__).parent.parent
EXAMPLES = Path(__file__).parent / "shapes"
CONTEXT = EXAMPLES / "context.ttl"
EXAMPLE_FILES = sorted(EXAMPLES.glob("S[0-9][0-9]-*.ttl"))
TURTLE_FILES = sorted([*(ROOT / "ontology").glob("*.ttl"), *(ROOT / "shapes").glob("*.ttl"), ROOT / "profile.ttl"])
PROF = "http://www.w3.org/ns/dx/prof/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes", DEFAULT_BASE, DEFAULT_VOCAB)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ROOT / "ontology", DEFAULT_BASE, DEFAULT_VOCAB)


def check(
    example: Path | None, shapes: Graph, ontology: Graph | None = None, base: str = DEFAULT_BASE, vocab: str = DEFAULT_VOCAB
) -> ValidationReport:
    data = Graph()
    for path in [CONTEXT, ROOT / "ontology" / "concepts.ttl", *([example] if example else [])]:
        data.parse(data=rebase(path.read_text(encoding="utf-8"), base, vocab), format="turtle")
    return validate(data, shapes, ontology)


def test_context_conforms_without_results(shapes: Graph) -> None:
    assert check(None, shapes).results == []


@pytest.mark.parametrize("with_ontology", [False, True], ids=["data-only", "with-ontology"])
@pytest.mark.parametrize("example", [p for p in EXAMPLE_FILES if "-valid" in p.name], ids=lambda p: p.stem)
def test_shape_accepts_valid_example(example: Path, with_ontology: bool, shapes: Graph, ontology: Graph) -> None:
    report = check(example, shapes, ontology if with_ontology else None)
    assert report.conforms and report.results == [], report.describe(example.name)


@pytest.mark.parametrize("example", [p for p in EXAMPLE_FILES if "-valid" not in p.name], ids=lambda p: p.stem)
def test_shape_rejects_invalid_example(example: Path, shapes: Graph) -> None:
    shape_id, kind = example.stem.split("-")[:2]
    report = check(example, shapes)
    expected = "Violation" if kind == "invalid" else "Warning"
    assert any(r.shape_id == shape_id and r.severity == expected for r in report.results), report.describe(example.name)
    assert report.conforms == (kind == "warning"), report.describe(example.name)
    assert all(r.shape_id for r in report.results), report.describe(example.name)


def test_example_opens_with_comment_saying_what_it_shows() -> None:
    for path in [CONTEXT, *EXAMPLE_FILES]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "Valid" if "-valid" in path.name else "Warning" if "-warning-" in path.name else "Invalid"
        assert path == CONTEXT or first.startswith(f"# {kind}: "), path.name


def test_every_shape_has_examples(shapes: Graph) -> None:
    ids = {str(i) for i in shapes.objects(None, DCTERMS.identifier)}
    names = {p.name for p in EXAMPLE_FILES}
    for shape_id in ids:
        assert f"{shape_id}-valid.ttl" in names and f"{shape_id}-invalid-01.ttl" in names, shape_id


def test_shapes_have_ids_labels_and_messages(shapes: Graph) -> None:
    targets = [SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf]
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    ids = [str(shapes.value(s, DCTERMS.identifier)) for s in targeted]
    assert sorted(ids) == sorted(set(ids)) and all(re.fullmatch(r"S\d\d", i) for i in ids)
    for shape in targeted:
        assert isinstance(shape, URIRef) and shape.split("#")[-1].startswith(f"{shapes.value(shape, DCTERMS.identifier)}-")
        assert shapes.value(shape, RDFS.label) is not None
        for constraint in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]:
            for holder in list(shapes.objects(constraint, SH.sparql)) or [constraint]:
                messages = [m for m in shapes.objects(holder, SH.message) if isinstance(m, Literal) and m.language == "en"]
                assert len(messages) == 1 and messages[0].endswith("."), (shape, holder)


@pytest.mark.parametrize("vocab", [DEFAULT_VOCAB, "https://vocab.example.net/displacement/v1/"])
def test_shapes_follow_base_and_vocabulary_namespace(shapes: Graph, vocab: str) -> None:
    base = "https://data.example.org/lod/"
    rebased = load_shapes(ROOT / "shapes", base, vocab)
    assert (None, SH.path, dis(vocab).reportedFigure) in rebased and (None, SH.path, dis(base + "def/").reportedFigure) not in rebased
    assert check(EXAMPLES / "S09-valid.ttl", rebased, base=base, vocab=vocab).results == []
    bounds = check(EXAMPLES / "S09-invalid-09.ttl", rebased, base=base, vocab=vocab)
    assert [r.shape_id for r in bounds.violations] == ["S09"]


def test_describe_gives_one_line_per_result(shapes: Graph) -> None:
    report = check(EXAMPLES / "S09-invalid-01.ttl", shapes)
    figure = [r for r in report.violations if r.path == dis(DEFAULT_VOCAB).reportedFigure]
    assert len(figure) == 1
    line = ValidationReport(False, figure).describe("data/x.txt", lambda node: "data/articles/x.txt:15:1")
    assert line == (
        f"data/articles/x.txt:15:1: S09 (observation <{DEFAULT_BASE}id/observation/o1>): dis:reportedFigure: "
        "The figure must be a positive integer: exactly one dis:reportedFigure typed xsd:integer (not a string, "
        "a decimal or xsd:positiveInteger) and at least 1; got -5."
    )
    assert len(report.describe("x.txt").splitlines()) == len(report.results)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_turtle_file_parses_and_is_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(Graph().parse(data=text, format="turtle")) > 0
    assert "\t" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("path", [p for p in TURTLE_FILES if p.parent.name in {"ontology", "shapes"}], ids=lambda p: p.name)
def test_file_has_ontology_header(path: Path) -> None:
    graph = Graph().parse(path)
    (header,) = graph.subjects(RDF.type, OWL.Ontology)
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.created, DCTERMS.modified, DCTERMS.license, OWL.versionIRI):
        assert graph.value(header, prop) is not None, prop
    assert graph.value(header, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")


def test_model_terms_are_declared_with_label_and_comment() -> None:
    graph = Graph()
    for path in (ROOT / "ontology").glob("*.ttl"):
        graph.parse(path)
    ns = dis(DEFAULT_VOCAB)
    terms = set(re.findall(r"\bdis:([A-Za-z]\w*)", (ROOT / "docs" / "model.md").read_text(encoding="utf-8")))
    assert len(terms) > 15
    for term in sorted(terms):
        label, comment = graph.value(ns[term], RDFS.label), graph.value(ns[term], RDFS.comment)
        assert isinstance(label, Literal) and label.language == "en", term
        assert isinstance(comment, Literal) and comment.language == "en", term


def test_concepts_have_one_scheme_label_notation_and_definition() -> None:
    graph = Graph().parse(ROOT / "ontology" / "concepts.ttl")
    schemes = {str(s).rsplit("/", 1)[-1] for s in graph.subjects(RDF.type, SKOS.ConceptScheme)}
    assert schemes == {"weapon", "population-unit", "figure-qualifier", "statement-type", "figure-category", "event-type", "casualty-type", "role"}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        (scheme,) = graph.objects(concept, SKOS.inScheme)
        assert str(concept).startswith(str(scheme).replace("/scheme/", "/concept/") + "/"), concept
        assert [lab.language for lab in graph.objects(concept, SKOS.prefLabel)] == ["en"], concept
        assert graph.value(concept, SKOS.notation) is not None and graph.value(concept, SKOS.definition) is not None


def test_profile_lists_every_ontology_and_shapes_file() -> None:
    graph = Graph().parse(ROOT / "profile.ttl", publicID=DEFAULT_BASE)
    artifacts = {"/".join(str(a).split("/")[-2:]) for a in graph.objects(None, URIRef(PROF + "hasArtifact"))}
    files = {f"{p.parent.name}/{p.name}" for p in TURTLE_FILES if p.parent.name in {"ontology", "shapes"}}
    assert files <= artifacts
