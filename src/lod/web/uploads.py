"""Publishing an article sent over HTTP: the upload is written to a private folder and ingested from there.

The article becomes ``<slug>.txt`` and its corrections ``<slug>.yaml`` beside it, as in ``data/articles/``, so
:func:`lod.pipeline.ingest` reads them as it reads any article, and writes the store at ``settings.store_path``.
One upload is ingested at a time in this process (the store has one writer). A refusal names the files as the
client sent them (``article.txt:12:3``, ``corrections.yaml:40``), never the private folder; the store is then
unchanged, as after any refused ingest.

This module knows nothing of HTTP: the route reads the request into an :class:`Upload` and answers from a
:class:`Published`.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from lod.articles import read_article
from lod.corrections import corrections_path
from lod.errors import InputError, LodError, ValidationFailed, Where
from lod.namespaces import dis
from lod.pipeline import ingest
from lod.settings import Settings
from lod.store import Store
from lod.uris import Uris

__all__ = ["Published", "Upload", "publish_upload"]

ARTICLE_NAME = "article.txt"
CORRECTIONS_NAME = "corrections.yaml"
# One writer per process: two uploads never open the store for writing at once.
_WRITING = threading.Lock()


@dataclass(frozen=True)
class Upload:
    """An article as a client sent it, with its corrections file if any, and the names to report them under."""

    article: bytes
    article_name: str = ARTICLE_NAME
    corrections: bytes | None = None
    corrections_name: str = CORRECTIONS_NAME

    def __post_init__(self) -> None:
        object.__setattr__(self, "article_name", _display_name(self.article_name, ARTICLE_NAME))
        object.__setattr__(self, "corrections_name", _display_name(self.corrections_name, CORRECTIONS_NAME))


@dataclass(frozen=True)
class Published:
    """What an accepted upload became."""

    key: str
    article: str
    graph: str
    triples: int
    statements: int
    observations: int
    replaced: bool
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "graph": self.graph,
            "triples": self.triples,
            "statements": self.statements,
            "observations": self.observations,
            "replaced": self.replaced,
            "warnings": self.warnings,
        }


def publish_upload(upload: Upload, settings: Settings, reader: Store) -> Published:
    """Ingest the upload; ``reader`` is the store as the application reads it, asked whether the article was there.

    Blocks while another upload of this process is being ingested. Runs in a worker thread.

    Raises:
        ArticleError, CorrectionsError: an input that cannot be read, named as uploaded.
        ValidationFailed: the article's graph does not conform; locations name the uploaded files.
        StoreUnavailable: the store cannot be opened for writing (another writer holds it).
    """
    with tempfile.TemporaryDirectory(prefix="lod-upload-") as folder:
        path = Path(folder) / f"{_slug(upload.article_name)}.txt"
        path.write_bytes(upload.article)
        names = {str(path): upload.article_name}
        if upload.corrections is not None:
            corrections_path(path).write_bytes(upload.corrections)
            names[str(corrections_path(path))] = upload.corrections_name
        try:
            with _WRITING:
                graph_name = Uris(settings.base_uri).article_graph(read_article(path).key)
                existed = graph_name in reader.graph_names()
                item = ingest(path, settings)
        except (InputError, ValidationFailed) as exc:
            raise _renamed(exc, names) from None
    uris = Uris(settings.base_uri)
    vocabulary = dis(settings.base_uri)
    return Published(
        key=item.article.key,
        article=str(uris.article(item.article.key)),
        graph=str(uris.article_graph(item.article.key)),
        triples=len(item.graph),
        statements=_count(item.graph, vocabulary.Statement),
        observations=_count(item.graph, vocabulary.DisplacementObservation),
        replaced=existed,
        warnings=item.report.describe().splitlines() if item.report.warnings else [],
    )


def _count(graph: Graph, rdf_type: URIRef) -> int:
    return len(set(graph.subjects(RDF.type, rdf_type)))


def _renamed(error: InputError | ValidationFailed, names: dict[str, str]) -> LodError:
    """The same error, with the private folder's paths replaced by the names the client sent."""

    def rename(text: str) -> str:  # anywhere in the text: messages quote paths too ("quote not found in ...")
        for private, shown in names.items():
            text = text.replace(private, shown)
        return text

    if isinstance(error, InputError):
        where = Where(rename(error.where.path), error.where.line, error.where.column)
        return type(error)(where, rename(error.message))
    renamed = ValidationFailed(error.report, rename(error.source))
    renamed.locations = {node: rename(location) for node, location in error.locations.items()}
    return renamed


def _display_name(name: str, default: str) -> str:
    """The last part of a client's file name (``C:\\a\\b.txt`` and ``../b.txt`` give ``b.txt``), or ``default``."""
    shown = PurePosixPath(name.replace("\\", "/")).name.strip()
    return shown if shown and shown not in (".", "..") else default


def _slug(name: str) -> str:
    """A safe file stem for the private copy, from the uploaded name."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePosixPath(name).stem).strip("-")[:80]
    return stem or "article"
