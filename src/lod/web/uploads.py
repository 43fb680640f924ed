"""Publishing an article sent over HTTP, with the one publishing context of this process.

A :class:`Publisher` is built once, when the application starts: it loads the vocabulary, the shapes, the
gazetteer and the reconciler (:class:`lod.pipeline.build.Context`) and keeps them. An upload is read and checked in
memory against that context, named as the client sent it (``article.txt:12:3``, ``corrections.yaml:40``), and,
when the shapes accept it, written to the store (its graph replaced whole, one transaction) and kept under
``{LOD_DATA_DIR}/uploads/`` as ``<key>.txt`` (and ``<key>.yaml``), where ``lod build`` reads it again beside
``articles/``: published work survives rebuilds and restarts. A refusal writes nothing and leaves the store as
it was. One upload is written at a time in this process (the store has one writer).

Dumps are not rewritten per upload: ``lod build`` or ``lod dump`` regenerate them, and the dumps listing says
when they were built.

This module knows nothing of HTTP: the route reads the request into an :class:`Upload` and answers from a
:class:`Published`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from lod.errors import InputError, LodError, ValidationFailed, Where
from lod.model.articles import Article, article_from_bytes
from lod.pipeline.build import store_article
from lod.pipeline.corrections import Corrections, corrections_from_bytes
from lod.pipeline.preparation import UPLOADS, Context, Prepared, prepare_article
from lod.pipeline.validation import ValidationReport
from lod.rdf.namespaces import dis
from lod.rdf.uris import Uris
from lod.settings import Settings
from lod.store import Store, holds_graph

__all__ = ["UPLOADS", "Published", "Publisher", "Upload"]

ARTICLE_NAME = "article.txt"
CORRECTIONS_NAME = "corrections.yaml"
# One writer per process: two uploads (articles or data set files) never open the store for writing at once.
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


class Publisher:
    """The publishing context of one process, loaded once, and the writes of uploads through it."""

    def __init__(self, settings: Settings, context: Context | None = None) -> None:
        self.settings = settings
        self.context = context if context is not None else Context.load(settings)
        self.folder = settings.data_dir / UPLOADS

    def publish(self, upload: Upload, reader: Store) -> Published:
        """Check the upload, then write it to the store and keep its files; blocks while another is written.
        ``reader`` is the store as the application reads it, asked whether the article was there.

        Raises:
            ArticleError, CorrectionsError: an input that cannot be read, named as uploaded.
            ValidationFailed: the article's graph does not conform; locations name the uploaded files.
            StoreUnavailable: the store cannot be written (another writer holds it, or its server is down).
        """
        article = article_from_bytes(upload.article, upload.article_name)
        corrections = (
            corrections_from_bytes(upload.corrections, upload.corrections_name, article)
            if upload.corrections is not None
            else Corrections(upload.corrections_name)
        )
        item = prepare_article(article, self.context, corrections)
        uris = self.context.uris
        with _WRITING:
            existed = holds_graph(reader, str(uris.article_graph(article.key)))
            store_article(item, self.context, self.settings)
            self._keep(article, upload)
        return _published(item, self.settings, existed)

    def _keep(self, article: Article, upload: Upload) -> None:
        """The upload's files under the uploads folder, each replaced whole (never half written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        text, yaml = self.folder / f"{article.key}.txt", self.folder / f"{article.key}.yaml"
        if upload.corrections is not None:
            _write(yaml, upload.corrections)
        else:
            yaml.unlink(missing_ok=True)  # an older version's corrections do not apply to this one
        _write(text, upload.article)


def _write(path: Path, data: bytes) -> None:
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)


def _published(item: Prepared, settings: Settings, existed: bool) -> Published:
    uris = Uris(settings.base_uri, settings.vocab_uri)
    vocabulary = dis(settings.vocab_uri)
    return Published(
        key=item.article.key,
        article=str(uris.article(item.article.key)),
        graph=str(uris.article_graph(item.article.key)),
        triples=len(item.graph),
        statements=_count(item.graph, vocabulary.Statement),
        observations=_count(item.graph, vocabulary.DisplacementObservation),
        replaced=existed,
        warnings=_warnings(item.report),
    )


def _count(graph: Graph, rdf_type: URIRef) -> int:
    """How many things of ``rdf_type`` an accepted upload's graph holds (for the answer)."""
    return len(set(graph.subjects(RDF.type, rdf_type)))


def _warnings(report: ValidationReport) -> list[str]:
    """The shapes' warnings on an accepted upload, one line each (for the answer)."""
    return report.describe().splitlines() if report.warnings else []


def _renamed(error: InputError | ValidationFailed, names: dict[str, str]) -> LodError:
    """The same error, with private paths replaced by the names the client sent (for data set uploads)."""

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
