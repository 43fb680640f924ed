"""The dumps that read every graph (N-Quads, JSON-LD, and the union behind N-Triples and Turtle), fed one graph at
a time: from the store (``lod dump``, a build that changed few articles) or from the quads a build loads into a
new store, so that such a build does not read its quads back (7 µs a quad, 2.5 million at 10,000 articles).

Either way each graph's triples are written in one order that depends only on them: their N-Triples lines (as
Oxigraph writes them) sorted, each once, so each subject's triples come together and the dumps' bytes are the same
whichever way the quads came, and from one build to the next when no fact changed.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from lod.publish.jsonld import JsonLdWriter
from lod.publish.members import headline
from lod.publish.union import Union

__all__ = ["GraphDump", "GraphName", "in_graph", "renamed_lines", "sorted_graph", "sorted_lines", "temporary_beside"]

# N-Triples bytes the union sorts in memory at once (then writes to a temporary file): less than lod.publish.union's
# default, because a build feeds the union while Oxigraph's bulk loader holds its batch, which is when the build
# peaked (858 MB at 10,000 articles with 32 MB runs; 750 MB now, while the articles are prepared).
RUN_BYTES = 8 << 20

GraphName = ox.NamedNode | ox.DefaultGraph


def sorted_graph(quads: Sequence[ox.Quad]) -> tuple[bytes, list[ox.Quad]]:
    """One graph's triples as N-Triples, lines sorted and each once, and its quads in that order."""
    lines = (ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b"").splitlines(keepends=True)
    kept: list[int] = []
    previous = b""
    for index in sorted(range(len(lines)), key=lines.__getitem__):
        if lines[index] != previous:
            kept.append(index)
            previous = lines[index]
    return b"".join([lines[i] for i in kept]), [quads[i] for i in kept]


# What, in N-Triples as rdflib writes them, Oxigraph writes otherwise: an escape other than the four both write
# (``\\``, ``\n``, ``\"``, ``\r``; Oxigraph reads ``\u00e9`` as é and writes é), a control character (Oxigraph
# writes a tab as ``\t``), a string's explicit ``xsd:string`` (Oxigraph writes none) and a language tag with a
# capital (Oxigraph writes it in lower case). A ``"@`` ends a literal: inside one the quote would be escaped.
# Each is looked for alone (one pattern of all four reads a megabyte in 40 ms, these in 2).
_ESCAPE = re.compile(rb'\\[^\\n"r]')
_CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])  # all but the line break
_CAPITAL_TAG = re.compile(rb'"@[^ ]*[A-Z]')
_XSD_STRING = b"^^<http://www.w3.org/2001/XMLSchema#string>"


def _as_oxigraph(ntriples: bytes) -> bool:
    """Whether Oxigraph would write these N-Triples lines as they are (see above; when unsure, no)."""
    return not ((b"\\" in ntriples and _ESCAPE.search(ntriples)) or len(ntriples.translate(None, _CONTROLS)) != len(ntriples) or _XSD_STRING in ntriples
                or (b'"@' in ntriples and _CAPITAL_TAG.search(ntriples)))


def sorted_lines(ntriples: bytes, as_oxigraph: bool = False) -> bytes:
    """N-Triples (one triple a line, as rdflib or Oxigraph writes them) as Oxigraph writes them, lines sorted and
    each once: what :func:`sorted_graph` gives for the same triples. Text that Oxigraph would write the same is
    only sorted (most of a build's; parsing it into Python objects costs 4 µs a triple); other text is parsed
    and written again by Oxigraph. ``as_oxigraph``: the text is Oxigraph's (not looked at)."""
    if not as_oxigraph and not _as_oxigraph(ntriples):
        ntriples = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES) or b""
    return _distinct(ntriples.splitlines(keepends=True))


def renamed_lines(ntriples: bytes, renamed: dict[bytes, bytes]) -> bytes:
    """Sorted N-Triples (:func:`sorted_lines`) with the IRIs of ``renamed`` (``<old>`` -> ``<new>``, as N-Triples
    terms) replaced where they are a subject or an object, sorted again and each line once."""
    lines = []
    for line in ntriples.splitlines(keepends=True):
        subject, predicate, rest = line.split(b" ", 2)  # an IRI or a blank node label holds no space
        subject = renamed.get(subject, subject)
        obj = renamed.get(rest[:-3])  # the object, without " .\n"
        lines.append(b" ".join((subject, predicate, rest if obj is None else obj + b" .\n")))
    return _distinct(lines)


def _distinct(lines: list[bytes]) -> bytes:
    lines.sort()
    kept: list[bytes] = []
    previous = b""
    for line in lines:
        if line != previous:
            kept.append(line)
            previous = line
    return b"".join(kept)


def in_graph(ntriples: bytes, graph: GraphName) -> bytes:
    """N-Triples as N-Quads in ``graph``: every line ends in `` .\\n`` (a literal's line breaks are escaped)."""
    return ntriples if isinstance(graph, ox.DefaultGraph) else ntriples.replace(b" .\n", b" " + str(graph).encode() + b" .\n")


def temporary_beside(final: Path) -> Path:
    """A hidden temporary file beside ``final`` (``.lod.nq.x1y2.tmp``), readable by the web server once renamed."""
    handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    temporary.chmod(0o644)
    return temporary


class GraphDump:
    """Writes the N-Quads dump (and the JSON-LD one, given ``jsonld``) into hidden temporary files beside
    ``nquads`` and ``jsonld`` (``paths``, renamed into place by the caller) and gathers the union of the triples
    (``union``), from the graphs given to :meth:`add` in the store's order: the default graph, then the named graphs
    by name. A context manager: leaving it deletes what was not renamed. Without ``jsonld`` (a build's default) that
    dump is made later, from the N-Quads (:mod:`lod.publish.derivation`), and ``self.jsonld`` is None."""

    def __init__(self, nquads: Path, jsonld: Path | None, context: dict[str, Any]) -> None:
        self.quads = 0
        self.graphs: dict[str, int] = {}  # quads of each named graph that holds any
        self.headlines: dict[str, str] = {}  # the headline each graph is listed by (lod.publish.members), where it has one
        self.union = Union(nquads.parent, RUN_BYTES)
        self.nquads = temporary_beside(nquads)
        self.jsonld = temporary_beside(jsonld) if jsonld is not None else None
        self._files: list[IO[bytes]] = []
        self._nquads = self._open(self.nquads)
        self._writer = JsonLdWriter(context, self._open(self.jsonld)) if self.jsonld is not None else None
        if self._writer is not None:
            self._writer.begin(context)  # embedded: the dump reads offline

    def _open(self, path: Path) -> IO[bytes]:
        file = path.open("wb")
        self._files.append(file)
        return file

    def add(self, graph: GraphName, quads: Sequence[ox.Quad]) -> None:
        """One graph's quads, in any order (an empty named graph is written too, as the store lists it)."""
        if quads or not isinstance(graph, ox.DefaultGraph):
            self.add_lines(graph, sorted_graph(quads)[0])

    def add_lines(self, graph: GraphName, ntriples: bytes) -> bytes:
        """One graph's triples as N-Triples as Oxigraph writes them, sorted, each once (:func:`sorted_lines`);
        returns them as the N-Quads written (what a bulk loader can take)."""
        nquads = in_graph(ntriples, graph)
        self._nquads.write(nquads)
        count = ntriples.count(b"\n")
        self.quads += count
        if count and isinstance(graph, ox.NamedNode):
            self.graphs[graph.value] = count
            if (found := headline(ntriples)) is not None:
                self.headlines[graph.value] = found
        self.union.add(ntriples)
        if self._writer is not None:
            self._writer.add_lines(graph, ntriples)
        return nquads

    def finish(self) -> None:
        """End the documents and close their files (the union stays open until the context ends)."""
        if self._writer is not None:
            self._writer.end()
        for file in self._files:
            file.close()

    def __enter__(self) -> GraphDump:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the files and the union, and delete the temporary files that were not renamed into place."""
        for file in self._files:
            file.close()
        self.union.close()
        self.nquads.unlink(missing_ok=True)
        if self.jsonld is not None:
            self.jsonld.unlink(missing_ok=True)
