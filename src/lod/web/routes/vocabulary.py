"""The vocabulary at its namespace URI (``/def/displacement``) and the shapes (``/shapes``), negotiated,
each with an HTML page generated from the Turtle."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from rdflib import Graph

from lod.errors import NotFound
from lod.formats import GRAPH_RESULT_FORMATS, HTML, Format
from lod.web.deps import SettingsDep, TemplatesDep, VocabularyDep, modified_at
from lod.web.representation import Variant, choose, respond
from lod.web.vocabulary import header, sections

router = APIRouter(tags=["vocabulary"])

OFFERED: tuple[Format, ...] = (*GRAPH_RESULT_FORMATS, HTML)
_BY_EXTENSION = {f.extension: f for f in OFFERED}


@router.get("/def/displacement", name="vocabulary")
@router.head("/def/displacement", name="vocabulary", include_in_schema=False)
@router.get("/def/displacement.{extension}", name="vocabulary_as")
@router.head("/def/displacement.{extension}", name="vocabulary_as", include_in_schema=False)
def vocabulary(request: Request, settings: SettingsDep, templates: TemplatesDep, terms: VocabularyDep, extension: str | None = None) -> Response:
    """Every term of the ``dis:`` vocabulary and its concept schemes: classes, properties, concepts."""
    url = str(request.url_for("vocabulary"))
    return _document(request, templates, settings.base_uri, settings.vocab_uri, terms.ontology, url, "The displacement vocabulary", extension)


@router.get("/def/shapes", name="shapes")
@router.head("/def/shapes", name="shapes", include_in_schema=False)
@router.get("/def/shapes.{extension}", name="shapes_as")
@router.head("/def/shapes.{extension}", name="shapes_as", include_in_schema=False)
def shapes(request: Request, settings: SettingsDep, templates: TemplatesDep, terms: VocabularyDep, extension: str | None = None) -> Response:
    """The SHACL shapes every article graph is validated against."""
    url = str(request.url_for("shapes"))
    return _document(request, templates, settings.base_uri, settings.vocab_uri, terms.shapes, url, "The SHACL shapes", extension)


@router.get("/shapes", include_in_schema=False)
@router.head("/shapes", include_in_schema=False)
def shapes_short(request: Request) -> RedirectResponse:
    """The short name for the shapes: a permanent redirect to their namespace URI."""
    return RedirectResponse(str(request.url_for("shapes")), 301)


# Ontology IRIs that name a file rather than a namespace, and the document that describes each.
_DOCUMENTED_IN = {"displacement": "vocabulary", "concepts": "vocabulary", "shapes": "shapes"}


@router.get("/def/concepts", include_in_schema=False)
@router.head("/def/concepts", include_in_schema=False)
@router.get("/def/{name}/{version:path}", include_in_schema=False)
@router.head("/def/{name}/{version:path}", include_in_schema=False)
def ontology_iri(request: Request, name: str = "concepts", version: str = "") -> RedirectResponse:
    """An ontology or version IRI (``/def/displacement/1.0``, ``/def/concepts``): 303 to the document."""
    if name not in _DOCUMENTED_IN:
        raise NotFound(str(request.url))
    return RedirectResponse(str(request.url_for(_DOCUMENTED_IN[name])), 303)


def _document(
    request: Request, templates: TemplatesDep, base: str, vocab: str, graph: Graph, url: str, title: str, extension: str | None
) -> Response:
    suffix = _BY_EXTENSION.get(extension) if extension is not None else None
    if extension is not None and suffix is None:
        raise NotFound(str(request.url))
    fmt = choose(request, OFFERED, suffix)
    variant = Variant(url, OFFERED)
    canonical = sorted(line for line in graph.serialize(format="nt").splitlines() if line)
    digest = hashlib.sha256("\n".join(canonical).encode()).hexdigest()[:32]

    def body() -> bytes:
        if fmt == HTML:
            context = {"title": title, "header": header(graph, url), "sections": sections(graph, base, vocab), "variant": variant, "formats": OFFERED}
            return templates.get_template("vocabulary.html").render(request=request, **context).encode()
        return graph.serialize(format=fmt.rdflib_name or "turtle", encoding="utf-8")

    return respond(request, variant, fmt, digest=digest, last_modified=modified_at(request), body=body, negotiated=suffix is None)
