"""The dumps that read every graph (N-Quads, JSON-LD, and the union behind N-Triples and Turtle), fed one graph at
a time: from the store (``lod dump``, a build that changed few articles) or from the quads a build loads into a
new store, so that such a build does not read its quads back (7 µs a quad, 2.5 million at 10,000 articles).

Either way each graph's triples are written in one order that depends only on them: their N-Triples lines (as
Oxigraph writes them) sorted, each once, so each subject's triples come together and the dumps' bytes are the same
whichever way the quads came, and from one build to the next when no fact changed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from lod._jsonld import JsonLdWriter
from lod.union import Union

__all__ = ["GraphDump", "GraphName", "in_graph", "sorted_graph", "temporary_beside"]

# N-Triples bytes the union sorts in memory at once (then writes to a temporary file): less than lod.union's
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
    """Writes the N-Quads and JSON-LD dumps into hidden temporary files beside ``nquads`` and ``jsonld``
    (``paths``, renamed into place by the caller) and gathers the union of the triples (``union``), from the graphs
    given to :meth:`add` in the store's order: the default graph, then the named graphs by name. A context
    manager: leaving it deletes what was not renamed."""

    def __init__(self, nquads: Path, jsonld: Path, context: dict[str, Any]) -> None:
        self.quads = 0
        self.graphs: dict[str, int] = {}  # quads of each named graph that holds any
        self.union = Union(nquads.parent, RUN_BYTES)
        self.nquads, self.jsonld = temporary_beside(nquads), temporary_beside(jsonld)
        self._files: list[IO[bytes]] = []
        self._nquads = self._open(self.nquads)
        self._writer = JsonLdWriter(context, self._open(self.jsonld))
        self._writer.begin(context)  # embedded: the dump reads offline

    def _open(self, path: Path) -> IO[bytes]:
        file = path.open("wb")
        self._files.append(file)
        return file

    def add(self, graph: GraphName, quads: Sequence[ox.Quad]) -> None:
        """One graph's quads, in any order (an empty named graph is written too, as the store lists it)."""
        if not quads and isinstance(graph, ox.DefaultGraph):
            return
        text, ordered = sorted_graph(quads)
        self._nquads.write(in_graph(text, graph))
        self.quads += len(ordered)
        if ordered and isinstance(graph, ox.NamedNode):
            self.graphs[graph.value] = len(ordered)
        self.union.add(text)
        self._writer.add(graph, ordered)

    def finish(self) -> None:
        """End the documents and close their files (the union stays open until the context ends)."""
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
        self.jsonld.unlink(missing_ok=True)
