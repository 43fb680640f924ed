"""Where a link to one of our IRIs points on this site: things to their document (no 303 hop), the rest
(graphs, listings) to their own path, vocabulary terms to their page under /def/, under the URL the server answered on (behind a proxy the
base URI and the server's URL differ). Registered as the templates' ``site_url(request, iri)``, beside their
``url_for`` (:func:`url_for`).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from jinja2 import pass_context
from starlette.datastructures import URLPath

__all__ = ["site_url", "to_site", "url_for"]


def to_site(iri: str, base: str, vocab: str, site: str) -> str:
    """``{base}id/place/x`` -> ``{site}doc/place/x``; ``{base}graph/g`` -> ``{site}graph/g``; a term of the vocabulary
    namespace ``{vocab}concept/x`` or ``{vocab}displacement#T`` -> ``{site}def/concept/x``, ``{site}def/displacement#T``
    (its page on this deployment, wherever the namespace's persistent URIs redirect); others unchanged."""
    if iri.startswith(vocab):
        return site + "def/" + iri[len(vocab) :]
    if iri.startswith(base + "id/") and not iri.endswith("/"):
        return site + "doc/" + iri[len(base) + 3 :]
    if iri.startswith(base):
        return site + iri[len(base) :]
    return iri


def site_url(request: Request, iri: str) -> str:
    """:func:`to_site` for the app's base URI and the request's own base URL."""
    settings = request.app.state.settings
    return to_site(iri, settings.base_uri, settings.vocab_uri, str(request.base_url))


@pass_context
def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> str:
    """Starlette's ``url_for`` for templates, with each route's path looked up once per app: the lookup walks
    every route, and a page's header and footer name a dozen of them (a tenth of an entity page's time); the
    URL comes back as text."""
    request: Request = context["request"]
    router = request.scope.get("router") or request.scope["app"]
    paths: dict[tuple[str, tuple[tuple[str, Any], ...]], URLPath] = router.__dict__.setdefault("_lod_url_paths", {})
    key = (name, tuple(sorted(path_params.items())))
    path = paths.get(key)
    if path is None:
        if len(paths) >= _PATHS_KEPT:  # links to documents name many keys: keep the cache small
            paths.clear()
        path = paths[key] = router.url_path_for(name, **path_params)
    # URLPath.make_absolute_url for our routes (no host, no protocol), without parsing the URL it makes again
    return str(request.base_url).rstrip("/") + str(path)


_PATHS_KEPT = 1024
