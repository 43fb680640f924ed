"""Publishing a data set file sent over HTTP: written to a private folder as ``<name>.csv`` + ``<name>.yaml``
and ingested from there, as ``lod ingest FILE.csv`` does. Refusals name the files as the client sent them.

Shares the process-wide writer lock with article uploads (one writer per store). Knows nothing of HTTP.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lod.errors import InputError, Refused, ValidationFailed, Where
from lod.pipeline.build import ingest_table
from lod.rdf.namespaces import SEM, dis
from lod.rdf.uris import Uris, slug
from lod.settings import Settings
from lod.store import Store, holds_graph
from lod.web.uploads import _WRITING, _count, _display_name, _renamed, _warnings

__all__ = ["PublishedTable", "TableUpload", "publish_table"]

TABLE_NAME = "events.csv"
METADATA_NAME = "events.yaml"


@dataclass(frozen=True)
class TableUpload:
    """A data set file and its metadata file, as a client sent them."""

    table: bytes
    metadata: bytes
    table_name: str = TABLE_NAME
    metadata_name: str = METADATA_NAME

    def __post_init__(self) -> None:
        object.__setattr__(self, "table_name", _display_name(self.table_name, TABLE_NAME))
        object.__setattr__(self, "metadata_name", _display_name(self.metadata_name, METADATA_NAME))


@dataclass(frozen=True)
class PublishedTable:
    key: str
    dataset: str
    graph: str
    triples: int
    events: int
    observations: int
    replaced: bool
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"dataset": self.dataset, "graph": self.graph, "triples": self.triples, "events": self.events,
                "observations": self.observations, "replaced": self.replaced, "warnings": self.warnings}


def publish_table(upload: TableUpload, settings: Settings, reader: Store) -> PublishedTable:
    """Ingest the upload (its graph ``<graph/dataset/{key}>`` replaced whole), or refuse it, store unchanged.

    Raises:
        InputError, Refused: a cell or the metadata cannot be read (file:row:column as uploaded).
        ValidationFailed: the rows' graph does not conform.
        StoreUnavailable: another writer holds the store.
    """
    uris = Uris(settings.base_uri, settings.vocab_uri)
    with tempfile.TemporaryDirectory(prefix="lod-upload-") as folder:
        stem = slug(Path(upload.table_name).stem) or "events"
        path = Path(folder) / f"{stem}.csv"
        path.write_bytes(upload.table)
        path.with_suffix(".yaml").write_bytes(upload.metadata)
        names = {str(path): upload.table_name, str(path.with_suffix(".yaml")): upload.metadata_name}
        try:
            text, metadata = upload.table.decode("utf-8-sig"), upload.metadata.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Where(upload.table_name), f"send the files in UTF-8: {exc}") from None
        try:
            with _WRITING:
                existed = holds_graph(reader, str(uris.dataset_graph(stem)))
                item = ingest_table(path, settings, text=text, metadata=metadata)
        except (InputError, ValidationFailed) as exc:
            raise _renamed(exc, names) from None
        except Refused as exc:
            raise Refused([_renamed(e, names) if isinstance(e, (InputError, ValidationFailed)) else e for e in exc.errors]) from None
    d = dis(settings.vocab_uri)
    return PublishedTable(
        key=item.key,
        dataset=str(uris.id("dataset", f"file/{item.key}")),
        graph=str(uris.dataset_graph(item.key)),
        triples=len(item.graph),
        events=_count(item.graph, SEM.Event),
        observations=_count(item.graph, d.DisplacementObservation),
        replaced=existed,
        warnings=_warnings(item.report),
    )
