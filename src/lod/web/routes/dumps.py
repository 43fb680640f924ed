"""The dump files, their catalogue (HTML for people, DCAT/VoID in RDF for machines) and ``/.well-known/void``."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from rdflib import Graph

from lod.errors import DumpFailed, DumpPending, NotFound
from lod.formats import GRAPH_RESULT_FORMATS, HTML, Format
from lod.publish import dumps as publish
from lod.web.conditional import Validators, not_modified
from lod.web.deps import SettingsDep, TemplatesDep
from lod.web.indexes import cached
from lod.web.representation import CACHE_CONTROL, Variant, choose, respond, split_suffix

router = APIRouter(tags=["data"])

CATALOG_FORMATS: tuple[Format, ...] = (*GRAPH_RESULT_FORMATS, HTML)
RETRY_AFTER_S = 30  # a pending file: seconds to wait before asking again (1,000 articles' six files take about that)


@router.get("/dumps/", name="dump_listing")
@router.head("/dumps/", name="dump_listing", include_in_schema=False)
def listing(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    """Every dump with its size, checksum, triple count and date; DCAT for machines, a table for people."""
    return _catalog_document(request, settings, templates, None)


@router.get("/dumps/catalog.{extension}", name="dump_listing_as", include_in_schema=False)
@router.head("/dumps/catalog.{extension}", name="dump_listing_as", include_in_schema=False)
def listing_as(extension: str, request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    _, suffix = split_suffix(f"catalog.{extension}", CATALOG_FORMATS)
    if suffix is None:
        raise NotFound(str(request.url))
    return _catalog_document(request, settings, templates, suffix)


@router.get("/dumps/{name}", name="dump_file", response_class=FileResponse)
@router.head("/dumps/{name}", name="dump_file", response_class=FileResponse, include_in_schema=False)
def dump_file(name: str, request: Request, settings: SettingsDep) -> Response:
    """One dump, streamed with its length, a strong ETag (its SHA-256) and byte ranges."""
    catalog = publish.read_catalog(settings.dumps_dir)
    found = catalog.file(name) if catalog is not None else None
    pending = catalog.waiting(name) if catalog is not None else None
    if pending is not None and pending.failed:  # its maker tries again at its next start
        raise DumpFailed(name, pending.source, pending.failed)
    if pending is not None:  # never the previous build's file under this build's name
        request.app.state.dump_maker.poke()
        raise DumpPending(name, pending.source, RETRY_AFTER_S)
    if found is None or not found.path.is_file():
        raise NotFound(str(request.url))
    validators = Validators(f"sha256-{found.sha256}", found.modified)
    headers = {**validators.headers(), "Cache-Control": CACHE_CONTROL}
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=headers)
    return FileResponse(found.path, media_type=found.media_type, filename=found.name, headers=headers, content_disposition_type="inline")


@router.get("/.well-known/void", name="void")
@router.head("/.well-known/void", name="void", include_in_schema=False)
def void(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    """The VoID description of the dataset (RFC 5785 well-known location)."""
    return _catalog_document(request, settings, templates, None, offered=(*GRAPH_RESULT_FORMATS, HTML))


def _catalog_document(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    suffix: Format | None,
    offered: tuple[Format, ...] = CATALOG_FORMATS,
) -> Response:
    catalog = publish.read_catalog(settings.dumps_dir)
    if catalog is not None and catalog.making:  # a build came after the last maker: start one
        request.app.state.dump_maker.poke()
    fmt = choose(request, offered, suffix)
    graph = catalog.description if catalog is not None else Graph()
    listing = str(request.url_for("dump_listing"))
    variant = _CatalogVariant(listing + "catalog", offered, listing)

    def body() -> bytes:
        if fmt == HTML:
            return templates.get_template("dumps.html").render(request=request, catalog=catalog, variant=variant).encode()
        # Written once per catalog and format, not per request: it lists every graph (0.4 s at 1,000 articles).
        held: dict[str, tuple[object, bytes]] = request.app.state.documents
        return cached(request.app.state.documents_lock, held, f"catalog-{fmt.name}", digest,
                      lambda: graph.serialize(format=fmt.rdflib_name or "turtle", encoding="utf-8"))

    # A file made after the build changes the listing: its time counts for If-Modified-Since, its checksum for the ETag.
    modified = catalog.changed if catalog is not None else request.app.state.started_at
    files = "|".join([*(f"{f.name}={f.sha256}" for f in catalog.files), *(f"{p.name}={'failed' if p.failed else 'pending'}" for p in catalog.pending)]) if catalog is not None else ""
    digest = hashlib.sha256(f"{modified.isoformat()}|{files}".encode()).hexdigest()[:32]
    return respond(request, variant, fmt, digest=digest, last_modified=modified, body=body, negotiated=suffix is None)


class _CatalogVariant(Variant):
    """The listing's HTML variant is ``/dumps/`` itself; the RDF ones (also sent for ``/.well-known/void``)
    are ``/dumps/catalog.ttl`` and so on."""

    def __init__(self, url: str, offered: tuple[Format, ...], listing: str) -> None:
        super().__init__(url, offered)
        self.listing = listing

    def url_for(self, fmt: Format) -> str:
        if fmt == HTML:
            return self.listing
        return super().url_for(fmt)
