"""Reading RDF files with errors a person can act on (``path:line:col: message``)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from lod.errors import RdfSyntaxError, Where
from lod.formats import RDF_FORMATS, by_extension
from lod.rdf.namespaces import rebase
from lod.store import to_rdflib


def read_rdf(path: str | Path, base: str, vocab: str) -> Graph:
    """Parse an RDF file (format from its extension) written against the default base and vocabulary namespace,
    rebased to ``base`` and ``vocab``.

    Raises:
        RdfSyntaxError: the file does not parse, or its extension names no RDF format.
    """
    path = Path(path)
    fmt = by_extension(path.suffix, RDF_FORMATS)
    if fmt is None or fmt.rdf is None:
        raise RdfSyntaxError(Where(str(path)), f"unknown RDF file extension {path.suffix!r}")
    try:
        text = rebase(path.read_text(encoding="utf-8"), base, vocab)
    except (OSError, UnicodeDecodeError) as exc:
        raise RdfSyntaxError(Where(str(path)), f"cannot read: {exc}") from None
    graph = Graph()
    try:
        for quad in ox.parse(text, format=fmt.rdf, base_iri=base):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "offset", None)
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        raise RdfSyntaxError(Where(str(path), line, column), message) from None
    return graph


def read_rdf_dir(directory: str | Path, base: str, vocab: str) -> Graph:
    """Every ``*.ttl`` file of a folder, in one graph (sorted, so the result does not depend on the OS)."""
    graph = Graph()
    for path in sorted(Path(directory).glob("*.ttl")):
        graph += read_rdf(path, base, vocab)
    return graph
