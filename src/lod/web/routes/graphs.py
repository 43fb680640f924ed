"""Homes for the URIs that name collections: the dataset (``/id/dataset/lod``), each named graph
(``/graph/...``), and the listings ``/graph/`` and ``/id/`` (the kinds of things) and ``/id/{kind}/``.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from lod.errors import NotFound
from lod.formats import HTML, JSONLD, NQUADS, NTRIPLES, TURTLE, Format
from lod.publish.void import DATASET_NAME
from lod.rdf.namespaces import prefixes
from lod.web import listing, panels
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.representation import Variant, choose, respond, split_suffix

router = APIRouter(tags=["data"])

GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NQUADS, NTRIPLES, JSONLD, HTML)
PageNumber = Query(1, ge=1, le=100_000, description="page number, from 1")


@router.get(f"/id/dataset/{DATASET_NAME}", status_code=303, response_class=RedirectResponse, name="dataset")
@router.head(f"/id/dataset/{DATASET_NAME}", status_code=303, response_class=RedirectResponse, include_in_schema=False)
def dataset(request: Request) -> Response:
    """The dataset is described by its VoID/DCAT description: ``303 See Other`` to it."""
    return RedirectResponse(str(request.url_for("void")), 303, headers={"Vary": "Accept"})


@router.get("/id/", response_class=HTMLResponse, name="id_listing")
def id_listing(request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep) -> Response:
    """The kinds of things that have URIs here, with how many of each."""
    items = listing.kinds(store, settings.base_uri)
    context = {"title": "Things by kind", "lede": "Every thing with a URI under /id/, by kind.", "items": items, "page": None}
    return templates.TemplateResponse(request, "listing.html", context)


@router.get("/id/{kind}/", response_class=HTMLResponse, name="kind_listing")
def kind_listing(
    kind: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, page: int = PageNumber
) -> Response:
    """The things of one kind (``/id/place/``), a page at a time, in URI order."""
    if "/" in kind or not kind.replace("-", "").isalnum():
        raise NotFound(str(request.url))
    found = listing.kind_items(store, settings.base_uri, kind, page)
    if not found.items and page == 1:
        raise NotFound(str(request.url))
    if kind == "observation":  # figures have no label: name them in words, never by their key
        words = panels.phrases(store, settings.vocab_uri, [item.iri for item in found.items])
        found = listing.Page([listing.Item(i.iri, i.label or words.get(i.iri)) for i in found.items], found.number, found.more)
    context = {"title": f"Things of kind “{kind}”", "lede": f"Everything under /id/{kind}/.", "items": found.items, "page": found}
    return templates.TemplateResponse(request, "listing.html", context)


@router.get("/graph/", response_class=HTMLResponse, name="graph_listing")
def graph_listing(request: Request, store: StoreDep, templates: TemplatesDep) -> Response:
    """Every named graph: one per article, the reference data, the vocabulary."""
    lede = "Each article's facts live in a graph of their own; the reference data and the vocabulary in theirs."
    context = {"title": "Named graphs", "lede": lede, "items": listing.graphs(store), "page": None}
    return templates.TemplateResponse(request, "listing.html", context)


@router.get("/graph/{name:path}", name="graph")
@router.head("/graph/{name:path}", name="graph", include_in_schema=False)
def graph(
    name: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, page: int = PageNumber
) -> Response:
    """A named graph's content in Turtle, N-Quads, N-Triples or JSON-LD (or ``.ext``); HTML lists its subjects."""
    name, suffix = split_suffix(name, GRAPH_FORMATS)
    iri = f"{settings.base_uri}graph/{name}"
    if iri not in {str(g) for g in store.graph_names()}:  # so only a known graph's IRI reaches a query
        raise NotFound(iri)
    fmt = choose(request, GRAPH_FORMATS, suffix)
    variant = Variant(str(request.url_for("graph", name=name)), GRAPH_FORMATS)
    modified = modified_at(request)

    def body() -> bytes:
        if fmt == HTML:
            found = listing.graph_items(store, iri, page)
            context = {"title": f"Graph {name}", "lede": iri, "items": found.items, "page": found, "variant": variant}
            return templates.get_template("listing.html").render(request=request, **context).encode()
        triples = listing.graph_triples(store, iri)
        if fmt == NQUADS:
            quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri)) for t in triples]
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        assert fmt.rdf is not None
        named = prefixes(settings.base_uri, settings.vocab_uri) if fmt == TURTLE else None
        return ox.serialize(triples, format=fmt.rdf, prefixes=named) or b""

    digest = hashlib.sha256(f"{iri}|{modified.isoformat()}|{page}".encode()).hexdigest()[:32]
    return respond(request, variant, fmt, digest=digest, last_modified=modified, body=body, negotiated=suffix is None)
