"""Things and their documents: ``/id/{type}/{key}`` answers 303 to ``/doc/{type}/{key}``, which negotiates; concepts
and concept schemes (named under the vocabulary namespace) at ``/def/concept/...`` and ``/def/scheme/...``.
The routes are ``async`` and read the store through :func:`lod.web.deps.reading`: on the event loop for the
embedded store (a document's cost is bounded by its neighbourhood, :mod:`lod.web.describe`, so none holds the
loop for long), in a thread for a remote one."""

from __future__ import annotations

import json
from functools import lru_cache

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from lod.errors import NotFound
from lod.formats import DOCUMENT_FORMATS, HTML, JSONLD, Format, from_ntriples
from lod.publish import dumps as publish, summaries
from lod.publish.jsonld import document as jsonld_document
from lod.rdf.namespaces import prefixes
from lod.web import describe, listing, pages
from lod.web.deps import SettingsDep, StoreDep, TemplatesDep, VocabularyDep, modified_at, reading
from lod.web.representation import Variant, choose, respond, split_suffix
from lod.web.routes.graphs import PageNumber

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


# Concepts and concept schemes are named under the vocabulary namespace (``LOD_VOCAB_URI``), the same on every
# deployment; each deployment describes them at /def/concept/... and /def/scheme/..., where the namespace's
# persistent URIs redirect to (docs/configuration.md). Registered before the vocabulary's /def/{name}/{version}.
@router.get("/def/concept/{key:path}", name="concept")
@router.head("/def/concept/{key:path}", name="concept", include_in_schema=False)
async def concept(
    key: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, vocabulary: VocabularyDep,
    page: int = PageNumber,
) -> Response:
    """The description of the concept ``{LOD_VOCAB_URI}concept/{key}``, negotiated like ``/doc/``; ``/def/concept/``
    lists them."""
    return await reading(store, lambda: _term("concept", "Concepts", key, request, settings, store, templates, vocabulary, page))


@router.get("/def/scheme/{key:path}", name="scheme")
@router.head("/def/scheme/{key:path}", name="scheme", include_in_schema=False)
async def scheme(
    key: str, request: Request, settings: SettingsDep, store: StoreDep, templates: TemplatesDep, vocabulary: VocabularyDep,
    page: int = PageNumber,
) -> Response:
    """The description of the concept scheme ``{LOD_VOCAB_URI}scheme/{key}``, negotiated like ``/doc/``; ``/def/scheme/``
    lists them."""
    return await reading(store, lambda: _term("scheme", "Concept schemes", key, request, settings, store, templates, vocabulary, page))


def _term(kind: str, title: str, key: str, request: Request, settings: SettingsDep, store: StoreDep,
          templates: TemplatesDep, vocabulary: VocabularyDep, page: int) -> Response:
    """A concept or scheme under ``{LOD_VOCAB_URI}{kind}/``, or (no key) the list of them."""
    if not key:
        return _listing(request, store, templates, f"{settings.vocab_uri}{kind}/", title, page)
    key, suffix = split_suffix(key, DOCUMENT_FORMATS)
    url = str(request.url_for(kind, key=key))
    return _described(request, settings, store, templates, vocabulary, f"{settings.vocab_uri}{kind}/{key}", url, suffix)


# Concepts and schemes lived at /id/concept/... and /id/scheme/... before the vocabulary had a namespace of its
# own: those URIs (and their /doc/ pages) move permanently to the concept's page here.
MOVED = frozenset({"concept", "scheme"})


def _moved(request: Request, kind: str, key: str) -> RedirectResponse:
    return RedirectResponse(str(request.url_for(kind, key=key)), 301)


def _listing(request: Request, store: StoreDep, templates: TemplatesDep, prefix: str, title: str, page: int) -> Response:
    found = listing.prefix_items(store, prefix, page)
    if not found.items and page == 1:
        raise NotFound(str(request.url))
    context = {"title": title, "lede": f"Everything named under {prefix}.", "items": found.items, "page": found}
    return templates.TemplateResponse(request, "listing.html", context)


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

    def body() -> bytes:
        if fmt == HTML:
            index = summaries.Index(settings.dumps_dir)
            page, shown = pages.page_with_panels(store, description, base, vocab, str(request.base_url), vocabulary, index)
            jsonld = _serialize(description, DOCUMENT_FORMATS[1], base, vocab)
            context = {"page": page, "panels": shown, "variant": variant, "formats": DOCUMENT_FORMATS, "jsonld": jsonld.decode()}
            return templates.get_template("entity.html").render(request=request, **context).encode()
        return _serialize(description, fmt, base, vocab)

    modified = modified_at(request)
    # An HTML page also shows the entity's neighbourhood (figures of places inside it): it changes with the data.
    digest = description.digest if fmt != HTML else f"{description.digest[:16]}{modified.timestamp():.0f}"
    return respond(request, variant, fmt, digest=digest, last_modified=modified, body=body, negotiated=suffix is None)


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
    """Each prefix, its namespace, and how an IRI in it starts in N-Triples (made once, not per document)."""
    return [(name, ns, f"<{ns}".encode()) for name, ns in prefixes(base, vocab).items()]
