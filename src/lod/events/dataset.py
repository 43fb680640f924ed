"""The metadata file beside a data set file: ``X.csv`` is described by ``X.yaml``.

    title: Conflict events in Idlib, November 2019
    publisher: ACLED                                    # reports every figure and attribution in the file
    licence: https://creativecommons.org/licenses/by/4.0/   # an IRI, or the publisher's words
    source: https://data.example.org/dataset/idlib-events   # optional: the data set's own URI
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lod.errors import InputError, Where
from lod.uris import slug

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
        InputError: the file is missing, does not parse, or lacks title, publisher or licence.
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
    return DatasetInfo(slug(table.stem), str(table), str(data["title"]).strip(), str(data["publisher"]).strip(),
                       str(data["licence"]).strip(), source)
