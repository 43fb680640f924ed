"""Extraction time against body size: the seed article's body repeated to about 10 KB, 100 KB and 1 MB.

Extraction should grow about linearly with the text; a step that compares every mention with every
earlier one shows up here long before it does on real articles.

Usage: ``python bench/extraction_size.py [--sizes 10000 100000 1000000] [--repeat N] [--profile]``.
Prints the best of ``--repeat`` runs per size (a benchmark: nothing is asserted), and first the time this machine
takes for a fixed pure-Python loop, so that readings from machines of different speed can be compared.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lod.extract import extract  # noqa: E402
from lod.model.articles import Article, read_article  # noqa: E402
from lod.places.reference import load_reconciler  # noqa: E402

SEED = ROOT / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


def sized_article(seed: Article, size: int) -> Article:
    """The seed with its body repeated as paragraphs up to about ``size`` characters."""
    copies = max(1, round(size / (len(seed.body) + 2)))
    return dataclasses.replace(seed, body="\n\n".join([seed.body] * copies))


def _calibration() -> float:
    """Seconds for a fixed pure-Python loop (the best of three): how fast this machine runs the interpreter."""
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of the largest size")
    args = parser.parse_args(argv)
    print(f"machine: a loop of 10 million additions takes {_calibration():.2f} s")
    reconciler = load_reconciler(ROOT / "data" / "reference")
    seed = read_article(SEED)
    extract(seed, reconciler)  # build the entity finder's patterns before timing
    print(f"{'chars':>10} {'seconds':>8} {'us/char':>8} {'observations':>12}")
    for size in args.sizes:
        article = sized_article(seed, size)
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            extraction = extract(article, reconciler)
            best = min(best, time.perf_counter() - started)
        print(f"{len(article.body):>10} {best:>8.3f} {best / len(article.body) * 1e6:>8.2f} "
              f"{len(extraction.observations):>12}")
    if args.profile:
        article = sized_article(seed, max(args.sizes))
        profile = cProfile.Profile()
        profile.runcall(extract, article, reconciler)
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
