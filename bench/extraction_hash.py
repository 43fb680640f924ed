"""A hash of everything extraction gives on a fixed set of articles, to show a speed-only change changes nothing.

The articles: every record of ``../shared/articles/gold-dev.jsonl`` and ``gold-dev-2.jsonl`` joined by paragraphs
and by spaces (``bench/extraction.py``'s texts), the seed, and ``--generated`` articles of ``bench/corpus.py``
(seed 0). For each, the ``repr`` of its ``Extraction`` and its review record (``to_record_json``, keys sorted)
are hashed in order; a refused article hashes its error. Prints the count and the SHA-256.

Usage: ``python bench/extraction_hash.py [--generated 400] [--src PATH]``; ``--src`` runs another tree's
``src`` (for example an older commit unpacked with ``git archive``) on the same articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT.parent / "shared" / "articles" / "gold-dev.jsonl", ROOT.parent / "shared" / "articles" / "gold-dev-2.jsonl"]
SEED = ROOT / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


def texts(generated: int) -> list[tuple[str, str]]:
    """(name, article text) for every article hashed, in a fixed order."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate  # noqa: PLC0415
    from extraction import build_text  # noqa: PLC0415

    out: list[tuple[str, str]] = []
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                for join in ("paragraph", "space"):
                    out.append((f"{path.name}:{record['file']}:{join}", build_text(record, join)))
    out.append((SEED.name, SEED.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(generate(generated, Path(folder), seed=0)):
            out.append((path.name, path.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=400, help="generated articles to add")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the tree's src folder to run")
    args = parser.parse_args(argv)
    articles = texts(args.generated)
    sys.path.insert(0, str(args.src.resolve()))
    from lod.errors import LodError  # noqa: PLC0415
    from lod.extract import extract, to_record_json  # noqa: PLC0415
    from lod.model.articles import parse_article  # noqa: PLC0415
    from lod.places.reference import load_reconciler  # noqa: PLC0415

    reconciler = load_reconciler(ROOT / "data" / "reference")
    digest = hashlib.sha256()
    for name, text in articles:
        digest.update(name.encode())
        try:
            article = parse_article(text)
            extraction = extract(article, reconciler)
        except LodError as error:
            digest.update(f"refused: {error}".encode())
            continue
        digest.update(repr(extraction).encode())
        digest.update(json.dumps(to_record_json(article, extraction), sort_keys=True, default=str).encode())
    print(len(articles), digest.hexdigest())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
