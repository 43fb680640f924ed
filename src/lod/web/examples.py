"""The example queries shown on the home page and in the query editor: ``queries/*.rq``.

Each file opens with ``# title:`` and ``# question:`` lines; the query is written against the default base
and rebased, like every other file we ship.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lod.rdf.namespaces import rebase

__all__ = ["Example", "load"]

QUERIES = Path(__file__).with_name("queries")


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    question: str
    sparql: str


def load(base: str, vocab: str, folder: Path = QUERIES) -> list[Example]:
    """Every example in ``folder``, in file-name order."""
    return [_read(path, base, vocab) for path in sorted(folder.glob("*.rq"))]


def _read(path: Path, base: str, vocab: str) -> Example:
    text = rebase(path.read_text(encoding="utf-8"), base, vocab)
    header = dict(
        line[1:].strip().split(":", 1) for line in text.splitlines() if line.startswith("#") and ":" in line
    )
    slug = path.stem.split("-", 1)[-1]
    return Example(slug, header.get("title", slug).strip(), header.get("question", "").strip(), text)
