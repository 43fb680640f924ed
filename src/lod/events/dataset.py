"""The metadata file beside a data set file: ``X.csv`` is described by ``X.yaml``.

    title: Conflict events in Idlib, November 2019
    publisher: ACLED                                    # reports every figure and attribution in the file
    licence: https://creativecommons.org/licenses/by/4.0/   # an IRI, or the publisher's words
    source: https://data.example.org/dataset/idlib-events   # optional: the data set's own URI
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import yaml

from lod.errors import InputError, Where
from lod.rdf.iri import iri_problem
from lod.rdf.uris import slug

REQUIRED = ("title", "publisher", "licence")


@dataclass(frozen=True)
class DatasetInfo:
    """What a data set's metadata file says, and where the data set is."""

    key: str
    path: str
    title: str
    publisher: str
    licence: str
    source: str | None = None


def metadata_path(table: Path) -> Path:
    return table.with_suffix(".yaml")


def read_metadata(table: str | Path, text: str | None = None) -> DatasetInfo:
    """The metadata of the data set in ``table``, from its ``.yaml`` file (or ``text``, for an upload).

    Raises:
        InputError: the file is missing, does not parse, lacks title, publisher or licence, or its licence (a
            URL) or source is not an http(s) IRI.
    """
    table = Path(table)
    meta = metadata_path(table)
    if text is None:
        try:
            text = meta.read_text(encoding="utf-8")
        except OSError:
            raise InputError(Where(str(meta)), f"{table.name} needs its metadata file {meta.name} with "
                             f"{', '.join(REQUIRED)} (see docs/events.md)") from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Where(str(meta), mark.line + 1, mark.column + 1) if mark else Where(str(meta))
        raise InputError(where, f"YAML syntax: {exc.problem}") from None
    if not isinstance(data, dict):
        raise InputError(Where(str(meta), 1, 1), "the metadata file must be a mapping with " + ", ".join(REQUIRED))
    missing = [name for name in REQUIRED if not str(data.get(name) or "").strip()]
    if missing:
        raise InputError(Where(str(meta), 1, 1), f"the metadata file lacks {', '.join(missing)} (required: {', '.join(REQUIRED)})")
    source = str(data["source"]).strip() if data.get("source") else None
    licence = str(data["licence"]).strip()
    # Each becomes an IRI in the graph (the licence when it is a URL), which the build's loader does not check again.
    for name, value in (("licence", licence if licence.startswith(("http://", "https://")) else None), ("source", source)):
        problem = _iri_problem(value) if value is not None else None
        if problem is not None:
            raise InputError(Where(str(meta), 1, 1), f"the metadata's {name} is not an IRI: {problem}: {value!r}")
    return DatasetInfo(slug(table.stem), str(table), str(data["title"]).strip(), str(data["publisher"]).strip(),
                       licence, source)


def _iri_problem(text: str) -> str | None:
    """Why ``text`` is not an IRI (:func:`lod.rdf.iri.iri_problem` for an http(s) URL, Oxigraph's reason for any
    other), or None."""
    if text.startswith(("http://", "https://")):
        problem = iri_problem(text)
        return None if problem is None else problem[1]
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        return str(exc)
    return None
