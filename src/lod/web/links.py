"""Where a link to one of our IRIs points on this site: things to their document (no 303 hop), the rest
(graphs, listings) to their own path, vocabulary terms to their page under /def/, under the URL the server answered on (behind a proxy the
base URI and the server's URL differ). Registered as the templates' ``site_url(request, iri)``.
"""

from __future__ import annotations

from fastapi import Request

__all__ = ["site_url", "to_site"]


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
