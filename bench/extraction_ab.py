"""Extraction's CPU, an older tree against this one, alternated in one process.

Both trees' ``lod`` packages are imported side by side (each under its own modules, the other's taken out of
``sys.modules`` between the imports), so that every round meets the machine in the same state for both: on a loaded
machine the speed of whole processes moves by more than most cuts. Each round extracts the seed's body repeated to
1 MB and ``--generated`` articles of ``bench/corpus.py`` (seed 0) with each tree, old first in even rounds and new
first in odd ones, and prints CPU time (``time.process_time``) with the load average; then the medians and the pairs.

Usage: ``python bench/extraction_ab.py OLD_SRC [--new NEW_SRC] [--rounds 8] [--generated 300] [--no-big]``, where
``OLD_SRC`` is the ``src`` of another tree (``git archive <commit> | tar -x -C /tmp/old``: ``/tmp/old/src``).
A benchmark: nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt"


def load(src: Path) -> dict[str, Any]:
    """One tree's extract, article reader and reconciler, its modules kept apart from any other tree's."""
    for name in [name for name in sys.modules if name == "lod" or name.startswith("lod.")]:
        del sys.modules[name]
    sys.path.insert(0, str(src))
    try:
        extraction = importlib.import_module("lod.extract")
        articles = importlib.import_module("lod.model.articles")
        reference = importlib.import_module("lod.places.reference")
    finally:
        sys.path.remove(str(src))
    tree = {"extract": extraction.extract, "read": articles.read_article,
            "reconciler": reference.load_reconciler(ROOT / "data" / "reference")}
    for name in [name for name in sys.modules if name == "lod" or name.startswith("lod.")]:
        del sys.modules[name]  # the functions keep their own modules; the next tree imports its own
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the older tree's src folder")
    parser.add_argument("--new", type=Path, default=ROOT / "src", help="the newer tree's src folder (this one's)")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--generated", type=int, default=300, help="generated articles a round")
    parser.add_argument("--no-big", action="store_true", help="leave out the 1 MB body")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate  # noqa: PLC0415

    trees = {"old": load(args.old.resolve()), "new": load(args.new.resolve())}
    with tempfile.TemporaryDirectory() as folder:
        paths = sorted(generate(args.generated, Path(folder), seed=0))
        for tree in trees.values():
            seed = tree["read"](SEED)
            tree["big"] = dataclasses.replace(seed, body="\n\n".join([seed.body] * round(1_000_000 / (len(seed.body) + 2))))
            tree["generated"] = [tree["read"](path) for path in paths]
            for article in [seed, *tree["generated"][:20]]:  # patterns compiled, caches warm
                tree["extract"](article, tree["reconciler"])
    kinds = ["generated"] if args.no_big else ["big", "generated"]
    found: dict[tuple[str, str], list[float]] = {(side, kind): [] for side in trees for kind in kinds}
    for number in range(args.rounds):
        for side in ("old", "new") if number % 2 == 0 else ("new", "old"):
            tree = trees[side]
            if "big" in kinds:
                started = time.process_time()
                tree["extract"](tree["big"], tree["reconciler"])
                found[(side, "big")].append(time.process_time() - started)
            started = time.process_time()
            for article in tree["generated"]:
                tree["extract"](article, tree["reconciler"])
            found[(side, "generated")].append((time.process_time() - started) / len(tree["generated"]) * 1000)
        print(f"round {number}, load {os.getloadavg()[0]:.1f}: "
              + ", ".join(f"{side} {kind} {times[-1]:.3f}" for (side, kind), times in found.items()), flush=True)
    for kind, unit in (("big", "CPU s for 1 MB"), ("generated", "CPU ms an article")):
        if kind in kinds:
            old, new = statistics.median(found[("old", kind)]), statistics.median(found[("new", kind)])
            pairs = ", ".join(f"{a:.3f} -> {b:.3f}" for a, b in zip(found[("old", kind)], found[("new", kind)]))
            print(f"{kind}: old {old:.3f}, new {new:.3f} {unit} ({(new / old - 1) * 100:+.1f} %); pairs {pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
