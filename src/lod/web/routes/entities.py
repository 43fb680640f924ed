"""Things and their documents: ``/id/{type}/{key}`` answers 303 to ``/doc/{type}/{key}``, which negotiates; concepts
and concept schemes (named under the vocabulary namespace) at ``/def/concept/...`` and ``/def/scheme/...``.
The routes are ``async`` and read the store through :func:`lod.web.deps.reading`: on the event loop for the
embedded store (a document's cost is bounded by its neighbourhood, :mod:`lod.web.describe`, so none holds the
loop for long), in a thread for a remote one."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from lod.errors import NotFound
from lod.formats import DOCUMENT_FORMATS, HTML, JSONLD, Format, from_ntriples
from lod.publish import dumps as publish
from lod.publish.jsonld import document as jsonld_document
from lod.publish.summaries import Index
from lod.rdf.namespaces import prefixes
from lod.web import describe, incoming, listing, pages, summaryindex
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, VocabularyDep, modified_at, reading
from lod.web.links import to_site
from lod.web.pager import linked, pager
from lod.web.representation import Variant, choose, respond, split_suffix
from lod.web.routes.graphs import After, PageNumber

router = APIRouter(tags=["entities"])


@router.get("/id/{kind}/{key:path}", status_code=303, response_class=RedirectResponse)
@router.head("/id/{kind}/{key:path}", status_code=303, response_class=RedirectResponse, include_in_schema=False)
async def see_other(kind: str, key: str, request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """A thing is not a document: ``303 See Other`` to the document that describes it."""
    if kind in MOVED:
        return _moved(request, kind, key)
    entity = f"{settings.base_uri}id/{kind}/{key}"
    if not await reading(store, lambda: describe.exists(store, entity)):
        raise NotFound(entity)
    return RedirectResponse(str(request.url_for("document", kind=kind, key=key)), 303, headers={"Vary": "Accept"})


@router.get("/doc/{kind}/{key:path}", name="document")
@router.head("/doc/{kind}/{key:path}", name="document", include_in_schema=False)
async def document(
    kind: str,
    key: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    templates: TemplatesDep,
    vocabulary: VocabularyDep,
) -> Response:
    """The description of ``/id/{kind}/{key}`` in Turtle, JSON-LD, N-Triples, RDF/XML or HTML (or ``.ext``)."""
    if kind in MOVED:
        return _moved(request, kind, key)
    key, suffix = split_suffix(key, DOCUMENT_FORMATS)
    url = f"{request.base_url}doc/{kind}/{key}"  # url_for("document", ...) without its walk over every route
    entity = f"{settings.base_uri}id/{kind}/{key}"
    return await reading(store, lambda: _described(request, settings, store, templates, vocabulary, entity, url, suffix))


@router.get("/incoming/{path:path}", name="incoming")
@router.head("/incoming/{path:path}", name="incoming", include_in_schema=False)
async def links_in(
    path: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep,
    after: str | None = Query(None, description="the page after this link: '<thing IRI> <property IRI>'"),
) -> Response:
    """The links into the thing that ``/{path}`` describes (``/incoming/doc/org/ocha``), every one of them, a page
    at a time (:mod:`lod.web.incoming`), negotiated like the document; ``?after=`` names the next page."""
    path, suffix = split_suffix(path, DOCUMENT_FORMATS)
    entity = _described_by(path, settings.base_uri, settings.vocab_uri)
    cursor = incoming.parse_after(after)
    collection = f"{request.base_url}incoming/{path}"
    return await reading(store, lambda: _links_in(request, settings, store, templates, entity, collection, cursor, suffix))


def _described_by(path: str, base: str, vocab: str) -> str:
    """The thing the document at ``/{path}`` describes.

    Raises:
        NotFound: no document of a thing lives there.
    """
    for document, thing in (("doc/", base + "id/"), ("def/concept/", vocab + "concept/"), ("def/scheme/", vocab + "scheme/")):
        if path.startswith(document) and len(path) > len(document):
            return thing + path.removeprefix(document)
    raise NotFound(path)


def _links_in(request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, entity: str, collection: str,
              cursor: tuple[str, str] | None, suffix: Format | None) -> Response:
    fmt = choose(request, DOCUMENT_FORMATS, suffix)
    found = incoming.page(store, entity, cursor)
    if not found.links and cursor is None:
        raise NotFound(entity)
    query = f"?after={incoming.after_param(cursor)}" if cursor else ""
    variant = Variant(collection, DOCUMENT_FORMATS, query)
    here = collection + query
    text = incoming.page_ntriples(found, collection, here)
    following = f'<{incoming.next_url(collection, found.next)}>; rel="next"' if found.next else ""

    base, vocab, site = settings.base_uri, settings.vocab_uri, str(request.base_url)

    def body() -> bytes:
        if fmt == HTML:
            names = incoming.names_of(found)
            rows = [(to_site(thing, base, vocab, site), names.get(thing, thing), link, _curie(link, base, vocab))
                    for thing, link in found.links]
            context = {"found": found, "rows": rows, "variant": variant, "formats": DOCUMENT_FORMATS, "collection": collection,
                       "next": incoming.next_url(collection, found.next) if found.next else None,
                       "entity_href": to_site(entity, base, vocab, site), "entity_name": names.get(entity, entity)}
            return templates.get_template("incoming.html").render(request=request, **context).encode()
        return _serialize(describe.Description(entity, tuple(text.splitlines())), fmt, base, vocab)

    digest = hashlib.sha256(text).hexdigest()[:32]
    return respond(request, variant, fmt, digest=digest, last_modified=modified_at(request), body=body,
                   negotiated=suffix is None, links=following)


# Concepts and concept schemes are named under the vocabulary namespace (``LOD_VOCAB_URI``), the same on every
# deployment; each deployment describes them at /def/concept/... and /def/scheme/..., where the namespace's
# persistent URIs redirect to (docs/configuration.md). Registered before the vocabulary's /def/{name}/{version}.
@router.get("/def/concept/{key:path}", name="concept")
@router.head("/def/concept/{key:path}", name="concept", include_in_schema=False)
async def concept(
    key: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, vocabulary: VocabularyDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """The description of the concept ``{LOD_VOCAB_URI}concept/{key}``, negotiated like ``/doc/``; ``/def/concept/``
    lists them."""
    return await reading(store, lambda: _term("concept", "Concepts", key, request, settings, store, templates, vocabulary, page, after))


@router.get("/def/scheme/{key:path}", name="scheme")
@router.head("/def/scheme/{key:path}", name="scheme", include_in_schema=False)
async def scheme(
    key: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, vocabulary: VocabularyDep,
    page: int = PageNumber, after: str | None = After,
) -> Response:
    """The description of the concept scheme ``{LOD_VOCAB_URI}scheme/{key}``, negotiated like ``/doc/``; ``/def/scheme/``
    lists them."""
    return await reading(store, lambda: _term("scheme", "Concept schemes", key, request, settings, store, templates, vocabulary, page, after))


def _term(kind: str, title: str, key: str, request: Request, settings: SettingsDep, store: StoreDep,
          templates: TemplatesDep, vocabulary: VocabularyDep, page: int, after: str | None) -> Response:
    """A concept or scheme under ``{LOD_VOCAB_URI}{kind}/``, or (no key) the list of them."""
    if not key:
        return _listing(request, store, templates, f"{settings.vocab_uri}{kind}/", _TYPES[kind], title, page, after)
    key, suffix = split_suffix(key, DOCUMENT_FORMATS)
    url = str(request.url_for(kind, key=key))
    return _described(request, settings, store, templates, vocabulary, f"{settings.vocab_uri}{kind}/{key}", url, suffix)


# Concepts and schemes lived at /id/concept/... and /id/scheme/... before the vocabulary had a namespace of its
# own: those URIs (and their /doc/ pages) move permanently to the concept's page here.
MOVED = frozenset({"concept", "scheme"})


def _moved(request: Request, kind: str, key: str) -> RedirectResponse:
    return RedirectResponse(str(request.url_for(kind, key=key)), 301)


# What the things listed at /def/concept/ and /def/scheme/ are: asked by type, not by testing every subject's IRI.
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_TYPES = {"concept": [_SKOS + "Concept"], "scheme": [_SKOS + "ConceptScheme"]}


def _listing(request: Request, store: StoreDep, templates: TemplatesDep, prefix: str, types: list[str], title: str,
             page: int, after: str | None) -> Response:
    found = listing.labelled_slice(store, listing.typed_subjects(store, prefix, types), after, page)
    if not found.total:
        raise NotFound(str(request.url))
    links = pager(request, found)
    context = {"title": title, "lede": f"Everything named under {prefix}.", "items": found.items, "page": None, "pager": links}
    return linked(templates.TemplateResponse(request, "listing.html", context), links)


def _described(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    templates: TemplatesDep,
    vocabulary: VocabularyDep,
    entity: str,
    url: str,
    suffix: Format | None,
) -> Response:
    fmt = choose(request, DOCUMENT_FORMATS, suffix)
    # An HTML page lists the things that point at the entity by figure, passage or place in its panels (the
    # latest of them, and their totals): its description, and the JSON-LD it embeds, leave those links out.
    description = describe.describe(store, entity, hide=pages.panel_links(settings.vocab_uri) if fmt == HTML else ())
    if not description.lines and fmt == HTML:  # known only by the links left out: the page shows those
        description = describe.describe(store, entity)
    if not description.lines:
        raise NotFound(entity)
    variant = Variant(url, DOCUMENT_FORMATS)
    base, vocab = settings.base_uri, settings.vocab_uri
    following = ""
    if fmt != HTML and _links_in_count(description) >= describe.INCOMING_LIMIT:  # some may be left out: say where all are
        collection = f"{request.base_url}incoming/{url.removeprefix(str(request.base_url))}"
        description = describe.Description(entity, description.lines + tuple(incoming.document_links(url, collection).splitlines()))
        following = f'<{collection}>; rel="next"'

    def body() -> bytes:
        if fmt == HTML:
            def index() -> Index:
                return summaryindex.for_pages(settings.dumps_dir, store, settings.vocab_uri)

            page, shown = pages.page_with_panels(store, description, base, vocab, str(request.base_url), vocabulary, index)
            jsonld = _serialize(description, DOCUMENT_FORMATS[1], base, vocab)
            context = {"page": page, "panels": shown, "variant": variant, "formats": DOCUMENT_FORMATS, "jsonld": jsonld.decode()}
            return templates.get_template("entity.html").render(request=request, **context).encode()
        return _serialize(description, fmt, base, vocab)

    modified = modified_at(request)
    # An HTML page also shows the entity's neighbourhood (figures of places inside it): it changes with the data.
    digest = description.digest if fmt != HTML else f"{description.digest[:16]}{modified.timestamp():.0f}"
    return respond(request, variant, fmt, digest=digest, last_modified=modified, body=body, negotiated=suffix is None, links=following)


def _links_in_count(description: describe.Description) -> int:
    """How many links into the entity its description lists (the describe query keeps ``INCOMING_LIMIT``)."""
    tail = f" <{description.entity}> .".encode()
    return sum(1 for line in description.lines if line.endswith(tail))


def _serialize(description: describe.Description, fmt: Format, base: str, vocab: str) -> bytes:
    assert fmt.rdf is not None
    if fmt == JSONLD:  # compact, with the dumps' context embedded
        try:
            return jsonld_document(description.triples, _context(base, vocab))
        except ValueError:  # an IRI that compact JSON-LD cannot write under our context: expanded, then
            pass
    text = description.ntriples
    used = {name: ns for name, ns, needle in _prefixes(base, vocab) if needle in text}
    return from_ntriples(text, fmt, used)


@lru_cache(maxsize=8)
def _context(base: str, vocab: str) -> str:
    """The dumps' ``@context`` value as JSON text, made once (a JSON-LD document embeds it)."""
    return json.dumps(publish.load_context(base, vocab)["@context"], ensure_ascii=False)


@lru_cache(maxsize=8)
def _prefixes(base: str, vocab: str) -> list[tuple[str, str, bytes]]:
    """Each prefix, its namespace, and how an IRI in it starts in N-Triples (made once, not per document); with
    ``hydra:``, which documents and the pages of links in use to say where the rest of the links are."""
    named = {**prefixes(base, vocab), "hydra": incoming.HYDRA}
    return [(name, ns, f"<{ns}".encode()) for name, ns in named.items()]


def _curie(iri: str, base: str, vocab: str) -> str:
    """``prefix:name`` for an IRI under one of the output prefixes, else the IRI."""
    for name, ns, _ in _prefixes(base, vocab):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{name}:{iri[len(ns):]}"
    return iri
