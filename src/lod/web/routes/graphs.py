"""Homes for the URIs that name collections: the dataset (``/id/dataset/lod``), each named graph
(``/graph/...``), and the listings ``/graph/`` and ``/id/`` (the kinds of things) and ``/id/{kind}/``.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from lod.errors import NotFound
from lod.formats import HTML, JSONLD, NQUADS, NTRIPLES, TURTLE, Format
from lod.publish.void import DATASET_NAME
from lod.rdf.namespaces import prefixes
from lod.rdf.uris import Uris
from lod.settings import Settings
from lod.store import Store, changes
from lod.publish import members
from lod.web import listing, panels
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, modified_at
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
    pager = _pager(request, found)
    context = {"title": f"Things of kind “{kind}”", "lede": f"Everything under /id/{kind}/.", "items": items, "page": None,
               "pager": pager}
    return _linked(templates.TemplateResponse(request, "listing.html", context), pager)


@router.get("/graph/", response_class=HTMLResponse, name="graph_listing")
def graph_listing(
    request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """Every named graph (one per article, the reference data, the vocabulary), a page at a time, in URI order."""
    lede = "Each article's facts live in a graph of their own; the reference data and the vocabulary in theirs."
    found = listing.graph_slice(_members(request, settings, store), after, page)
    pager = _pager(request, found)
    context = {"title": "Named graphs", "lede": lede, "items": found.items, "page": None, "pager": pager}
    return _linked(templates.TemplateResponse(request, "listing.html", context), pager)


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


def _pager(request: Request, found: listing.Slice) -> dict[str, object]:
    """The links to the pages before and after, and which items of how many this page holds."""
    path = request.url.path

    def at(key: str) -> str:
        return f"{path}?after={quote(key, safe='')}" if key else path

    return {
        "previous": None if found.previous is None else at(found.previous),
        "next": None if found.next is None else at(found.next),
        "first": found.start + 1, "last": found.start + len(found.items), "total": found.total,
    }


def _linked(response: Response, pager: dict[str, object]) -> Response:
    """``Link: rel="next"`` (and ``prev``) headers, as the HTML's pager links."""
    links = [f'<{pager[rel]}>; rel="{name}"' for rel, name in (("next", "next"), ("previous", "prev")) if pager[rel]]
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


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
