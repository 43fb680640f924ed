"""Homes for the URIs that name collections: the dataset (``/id/dataset/lod``), each named graph
(``/graph/...``), and the listings ``/graph/`` and ``/id/`` (the kinds of things) and ``/id/{kind}/``.
"""

from __future__ import annotations

import hashlib
import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from lod.errors import NotFound
from lod.formats import HTML, JSONLD, NQUADS, NTRIPLES, TURTLE, Format
from lod.publish.void import DATASET_NAME
from lod.rdf.namespaces import prefixes
from lod.rdf.uris import Uris
from lod.settings import Settings
from lod.store import Store, changes, holds_graph
from lod.publish import members
from lod.web import listing, panels
from lod.web.pager import linked, pager
from lod.web.describe import check_iri
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
from lod.web.heldgraphs import HeldSubjects
from lod.web.indexes import data_version, followed, in_background
from lod.publish.members import Members
from lod.web.members import taken
from lod.web.representation import Variant, choose, respond, split_suffix

router = APIRouter(tags=["data"])

GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NQUADS, NTRIPLES, JSONLD, HTML)
PageNumber = Query(1, ge=1, le=100_000, description="page number, from 1")


@router.get(f"/id/dataset/{DATASET_NAME}", status_code=303, response_class=RedirectResponse, name="dataset")
@router.head(f"/id/dataset/{DATASET_NAME}", status_code=303, response_class=RedirectResponse, include_in_schema=False)
def dataset(request: Request) -> Response:
    """The dataset is described by its VoID/DCAT description: ``303 See Other`` to it."""
    return RedirectResponse(str(request.url_for("void")), 303, headers={"Vary": "Accept"})


After = Query(None, max_length=2000, description="the URI the page starts after (the last of the page before)")


@router.get("/id/", response_class=HTMLResponse, name="id_listing")
def id_listing(request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep) -> Response:
    """The kinds of things that have URIs here, with how many of each."""
    items = listing.kinds(_members(request, settings, store))
    context = {"title": "Things by kind", "lede": "Every thing with a URI under /id/, by kind.", "items": items, "page": None}
    return templates.TemplateResponse(request, "listing.html", context)


@router.get("/id/{kind}/", response_class=HTMLResponse, name="kind_listing")
def kind_listing(
    kind: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """The things of one kind (``/id/place/``), a page at a time, in URI order: ``?after=`` the last URI of the
    page before (the next page's link gives it), or ``?page=N``."""
    if "/" in kind or not kind.replace("-", "").isalnum():
        raise NotFound(str(request.url))
    found = listing.kind_slice(store, _members(request, settings, store), kind, after, page)
    if found is None:
        raise NotFound(str(request.url))
    items = found.items
    if kind == "observation":  # figures have no label: name them in words, never by their key
        words = panels.phrases(store, settings.vocab_uri, [item.iri for item in items])
        items = [listing.Item(i.iri, i.label or words.get(i.iri)) for i in items]
    pages = pager(request, found)
    context = {"title": f"Things of kind “{kind}”", "lede": f"Everything under /id/{kind}/.", "items": items, "page": None,
               "pager": pages}
    return linked(templates.TemplateResponse(request, "listing.html", context), pages)


@router.get("/graph/", response_class=HTMLResponse, name="graph_listing")
def graph_listing(
    request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """Every named graph (one per article, the reference data, the vocabulary), a page at a time, in URI order."""
    lede = "Each article's facts live in a graph of their own; the reference data and the vocabulary in theirs."
    found = listing.graph_slice(_members(request, settings, store), after, page)
    pages = pager(request, found)
    context = {"title": "Named graphs", "lede": lede, "items": found.items, "page": None, "pager": pages}
    return linked(templates.TemplateResponse(request, "listing.html", context), pages)


def warm(app: FastAPI) -> None:
    """Take the listings' index in the background now, so the first listing does not wait for it."""
    settings: Settings = app.state.settings
    store: Store = app.state.store
    in_background("members-index", lambda: _held(app, settings, store, data_version(app, store, app.state.started_at)))


def _members(request: Request, settings: Settings, store: Store) -> Members:
    return _held(request.app, settings, store, data_version(request.app, store, modified_at(request)))


def _held(app: FastAPI, settings: Settings, store: Store, version: object) -> Members:
    """The index for ``version``: the one held, with what the writes since touched asked again when the file of
    changes tells of them all; else the build's (:mod:`lod.web.members`), or taken from the whole store."""
    shared = [str(Uris(settings.base_uri, settings.vocab_uri).shared_graph)]
    held: dict[str, tuple[object, tuple[changes.Mark, Members]]] = app.state.members_indexes
    return followed(app, app.state.members_lock, held, "members", version,
                    lambda: members.build(store, settings.base_uri),
                    lambda found, touched: found.updated(store, touched, shared),
                    lambda: taken(settings.dumps_dir, store, settings.base_uri, shared))


@router.get("/graph/{name:path}", name="graph")
@router.head("/graph/{name:path}", name="graph", include_in_schema=False)
def graph(
    name: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """A named graph's content in Turtle, N-Quads, N-Triples or JSON-LD (or ``.ext``); HTML lists its subjects, a
    page at a time in URI order (``?after=`` the last URI of the page before, or ``?page=N``)."""
    name, suffix = split_suffix(name, GRAPH_FORMATS)
    iri = check_iri(f"{settings.base_uri}graph/{name}")  # so only an IRI reaches a query
    if not holds_graph(store, iri):
        raise NotFound(iri)
    fmt = choose(request, GRAPH_FORMATS, suffix)
    variant = Variant(str(request.url_for("graph", name=name)), GRAPH_FORMATS)
    modified = modified_at(request)
    links: dict[str, object] = {}

    def body() -> bytes:
        if fmt == HTML:
            held: HeldSubjects = request.app.state.graph_subjects
            subjects = held.subjects(store, iri, data_version(request.app, store, modified))
            found = listing.labelled_slice(store, subjects, after, page)
            links.update(pager(request, found))
            context = {"title": f"Graph {name}", "lede": iri, "items": found.items, "page": None, "pager": links,
                       "variant": variant}
            return templates.get_template("listing.html").render(request=request, **context).encode()
        triples = listing.graph_triples(store, iri)
        if fmt == NQUADS:
            quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri)) for t in triples]
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        assert fmt.rdf is not None
        named = prefixes(settings.base_uri, settings.vocab_uri) if fmt == TURTLE else None
        return ox.serialize(triples, format=fmt.rdf, prefixes=named) or b""

    where = page if after is None else f"after {after}"
    digest = hashlib.sha256(f"{iri}|{modified.isoformat()}|{where}".encode()).hexdigest()[:32]
    response = respond(request, variant, fmt, digest=digest, last_modified=modified, body=body, negotiated=suffix is None)
    return linked(response, links) if links else response
