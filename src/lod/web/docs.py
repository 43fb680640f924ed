"""``/docs``: the OpenAPI description rendered by Swagger UI from our own copy (``swagger-ui-dist`` from npm),
so the API documentation works offline; the page's script is a file, not inline."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from lod.web.deps import TemplatesDep

router = APIRouter(tags=["site"])


@router.get("/docs", response_class=HTMLResponse, name="api_docs", include_in_schema=False)
def api_docs(request: Request, templates: TemplatesDep) -> Response:
    """The HTTP API, browsable and runnable."""
    return templates.TemplateResponse(request, "docs.html", {"openapi": request.app.openapi_url})
