"""What the store was built from: a content hash per article, so a rebuild redoes only what changed.

An article's hash covers its file, its corrections file and the *input version*: a hash of everything else
that decides its graph (the vocabulary, the shapes, the reference data, the base URI and lod's own code and
rules). The manifest (``lod-build.json`` inside the store folder, so it is swapped in with the store it
describes) maps each article file to its hash and named graph, and names the build: a hash of all of them,
which ``lod build`` also writes into the dumps' ``catalog.json``. When the manifest's build equals the one the
input gives now and the dumps carry it too, nothing needs doing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from lod.pipeline.corrections import corrections_path
from lod.settings import Settings

__all__ = ["Entry", "Manifest", "article_hash", "input_version"]

MANIFEST_FILE = "lod-build.json"
_CODE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = {".py", ".json", ".jsonld", ".yaml", ".yml", ".csv", ".txt", ".ttl", ".rq"}


@dataclass(frozen=True)
class Entry:
    hash: str
    graph: str


@dataclass
class Manifest:
    version: str = ""
    build: str = ""
    quads: int = 0
    articles: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Path) -> Manifest:
        """The manifest in the store folder; an empty one when there is none or it cannot be read."""
        try:
            data = json.loads((store / MANIFEST_FILE).read_text(encoding="utf-8"))
            articles = {path: Entry(e["hash"], e["graph"]) for path, e in data["articles"].items()}
            return cls(data["version"], data["build"], int(data["quads"]), articles)
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, store: Path) -> None:
        """Write it into the store folder, whole or not at all."""
        data = {
            "version": self.version,
            "build": self.build,
            "quads": self.quads,
            "articles": {path: {"hash": e.hash, "graph": e.graph} for path, e in sorted(self.articles.items())},
        }
        temporary = store / f".{MANIFEST_FILE}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, store / MANIFEST_FILE)

    def graph_of(self, name: str) -> str | None:
        """The article file whose graph is ``name``, if the manifest knows one."""
        return next((path for path, entry in self.articles.items() if entry.graph == name), None)


def build_id(version: str, hashes: dict[str, str]) -> str:
    """The name of a build: its input version and every article's hash."""
    sha = hashlib.sha256(version.encode())
    for path, digest in sorted(hashes.items()):
        sha.update(f"\n{path}\t{digest}".encode())
    return sha.hexdigest()


def input_version(settings: Settings) -> str:
    """A hash of everything besides an article that decides its graph (the base URI and the vocabulary namespace
    too: a build under another one rewrites every graph)."""
    sha = hashlib.sha256(f"{settings.base_uri}\n{settings.vocab_uri}".encode())
    folders = [("ontology", settings.ontology_dir), ("shapes", settings.shapes_dir),
               ("reference", settings.data_dir / "reference"), ("code", _CODE)]
    for label, folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            if label == "code" and (path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts):
                continue
            sha.update(f"\n{label}/{path.relative_to(folder)}\n".encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


def article_hash(path: Path, version: str) -> str:
    """The hash of an article file, its corrections file (if any) and the input version."""
    sha = hashlib.sha256(version.encode())
    sha.update(path.read_bytes())
    corrections = corrections_path(str(path))
    if corrections.exists():
        sha.update(b"\ncorrections\n")
        sha.update(corrections.read_bytes())
    return sha.hexdigest()
