"""The query editor browsers get at ``/sparql``: YASGUI from the npm registry, served by us, with our examples.

The SPARQL route calls ``app.state.render_query_editor(request)`` when the client wants HTML.
"""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from lod.settings import Settings
from lod.web import examples

__all__ = ["render"]


def render(request: Request) -> Response:
    """The editor page, opened on the example ``?example=slug`` when given (a ``?query=`` is run by the endpoint,
    not shown), else on the first example."""
    settings: Settings = request.app.state.settings
    templates: Jinja2Templates = request.app.state.templates
    shown = examples.load(settings.base_uri, settings.vocab_uri)
    chosen = [e.sparql for e in shown if e.slug == request.query_params.get("example")]
    query = (chosen or [e.sparql for e in shown[:1]] or ["SELECT * WHERE { ?s ?p ?o } LIMIT 10"])[0]
    endpoint = str(request.base_url) + "sparql"
    context = {"examples": shown, "query": query, "endpoint": endpoint}
    return templates.TemplateResponse(request, "editor.html", context, headers={"Vary": "Accept"})
