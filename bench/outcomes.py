"""The workers' outcomes of many articles, written down in one process and compared between two versions of lod.

    python bench/outcomes.py write DATA_DIR OUT.pickle [--limit N]
    python bench/outcomes.py compare A.pickle B.pickle
    python bench/outcomes.py time DATA_DIR [--warm 20] [--batch 100] [--batches 3] [--check]
    python bench/outcomes.py alternate DATA_DIR OLD_TREE [--warm 20] [--batch 50] [--batches 6] [--check | --map]

``write`` prepares every article of ``DATA_DIR/articles`` (``bench/corpus.py`` makes one) the way a build's
worker does (:func:`lod.pipeline.preparation.outcome_of`) and keeps, article by article, its N-Triples, the lines
for the shared graph, its event keys and its report (each result's focus, shape, path, message, severity and
value), or the error that refused it, as plain strings. Run it with another ``PYTHONPATH`` (an older tree from
``git archive``) to write the other side; ``compare`` then says article by article whether the two agree: the
N-Triples and the shared lines as graphs (RDFC-1.0 by pyoxigraph: blank nodes may be labelled otherwise), the
rest as they are. ``time`` prepares the articles in one process and prints the CPU milliseconds an article of
each batch after ``--warm`` of them, with the load (``--check``: the check alone, of articles mapped and met
once beforehand): run it alternately for the two sides. ``alternate`` does so in one process: the package of
``OLD_TREE`` (a ``git archive`` of an older commit) is copied as ``lod_old`` with its imports renamed, both sides
load their own context, and each batch of articles is timed on one side then the other (the order swapped from
one batch to the next), so the same minutes' load falls on both.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pickle
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _context(data_dir: Path, package: str = "lod", cache_dir: Path | None = None) -> Any:
    preparation = importlib.import_module(f"{package}.pipeline.preparation")
    settings = importlib.import_module(f"{package}.settings")
    extra = {} if cache_dir is None else {"cache_dir": cache_dir}
    return preparation.Context.load(settings.Settings(data_dir=data_dir, **extra))


def _paths(data_dir: Path, limit: int | None) -> list[str]:
    paths = sorted(str(p) for p in (data_dir / "articles").glob("*.txt"))
    return paths[:limit] if limit else paths


def _term(node: Any) -> str | None:
    return None if node is None else node.n3()


def _plain(outcome: Any) -> dict[str, Any]:
    report = outcome.report
    results = [] if report is None else [
        (_term(r.focus), _term(r.shape), _term(r.path), r.message, r.severity, _term(r.value)) for r in report.results]
    events = [(str(e.uri), str(e.graph), sorted(str(t) for t in e.types), str(e.district), _term(e.sub_district),
               e.start.isoformat(), e.end.isoformat()) for e in outcome.events]
    error = None if outcome.error is None else f"{type(outcome.error).__name__}: {outcome.error}"
    return {"graph": outcome.graph_name, "ntriples": outcome.ntriples, "shared": outcome.shared,
            "triples": outcome.triples, "conforms": None if report is None else report.conforms,
            "results": results, "events": events, "error": error}


def write(data_dir: Path, out: Path, limit: int | None) -> None:
    from lod.pipeline.preparation import _portable

    ctx = _context(data_dir)
    found = {Path(path).name: _plain(_portable(path, ctx)) for path in _paths(data_dir, limit)}
    out.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(found)} articles written to {out}")


def _canonical(ntriples: bytes) -> list[str]:
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(quad) for quad in dataset)


def compare(a: Path, b: Path) -> int:
    old, new = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    differ = 0
    if old.keys() != new.keys():
        print(f"not the same articles: {len(old.keys() ^ new.keys())} apart")
        differ += 1
    for name in sorted(old.keys() & new.keys()):
        x, y = old[name], new[name]
        apart = [key for key in x if key not in ("ntriples", "shared") and x[key] != y.get(key)]
        for key in ("ntriples", "shared"):
            if x[key] != y[key] and _canonical(x[key]) != _canonical(y[key]):
                apart.append(key)
        if apart:
            differ += 1
            print(f"{name}: {', '.join(apart)} differ")
    same_bytes = sum(old[n]["ntriples"] == new[n]["ntriples"] and old[n]["shared"] == new[n]["shared"]
                     for n in old.keys() & new.keys())
    refused = sum(1 for n in old if old[n]["error"] is not None)
    results = sum(len(old[n]["results"]) for n in old)
    print(f"{len(old)} articles, {differ} differ; {same_bytes} the same N-Triples byte for byte; "
          f"{refused} refused, {results} results in all")
    return 1 if differ else 0


def _runner(data_dir: Path, paths: list[str], check: bool, package: str = "lod", cache_dir: Path | None = None,
            mapping: bool = False) -> tuple[list[Any], Any]:
    """The items to time and what prepares (or checks) one, with ``package``'s code."""
    read_article = importlib.import_module(f"{package}.model.articles").read_article
    preparation = importlib.import_module(f"{package}.pipeline.preparation")
    ntriples = importlib.import_module(f"{package}.rdf.ntriples").ntriples
    ctx = _context(data_dir, package, cache_dir)
    inputs: list[Any]
    if mapping:  # the mapping alone: every article's records read first, mapped once
        inputs = []
        for path in paths:
            article = read_article(path)
            inputs.append((article, *preparation.extraction_for(article, ctx)))
            ctx.mapper.map(*inputs[-1])

        def run(item: Any) -> None:
            ctx.mapper.map(*item)
    elif check:  # the check alone: every article mapped first, its context met once
        inputs = []
        for path in paths:
            article = read_article(path)
            mapped = ctx.mapper.map(article, *preparation.extraction_for(article, ctx))
            triples = mapped.triples()
            inputs.append((triples, ntriples(triples), mapped.index()))
            ctx.check(*inputs[-1])

        def run(item: Any) -> None:
            ctx.check(*item)
    else:
        inputs = paths

        def run(item: Any) -> None:
            preparation._portable(item, ctx)
    return inputs, run


def timing(data_dir: Path, warm: int, batch: int, batches: int, check: bool) -> None:
    from lod.pipeline.preparation import _COLLECT_EVERY

    inputs, run = _runner(data_dir, _paths(data_dir, warm + batch * batches), check)
    gc.disable()  # as a build's worker (lod.pipeline.preparation._start, _run); the check alone: none at all
    gc.collect()
    gc.freeze()
    for item in inputs[:warm]:
        run(item)
    figures = []
    for i in range(batches):
        start = time.process_time()
        for done, item in enumerate(inputs[warm + i * batch: warm + (i + 1) * batch], warm + i * batch + 1):
            run(item)
            if not check and done % _COLLECT_EVERY == 0:
                gc.collect()
                gc.freeze()
        figures.append((time.process_time() - start) * 1000 / batch)
    print(" ".join(f"{f:.2f}" for f in figures), f"ms an article; load {os.getloadavg()[0]:.1f}", flush=True)


def _renamed(tree: Path, into: Path) -> None:
    """``tree``'s package copied under ``into`` as ``lod_old`` (its imports renamed), its ontology/ and shapes/
    beside it as its settings expect."""
    shutil.copytree(tree / "src" / "lod", into / "src" / "lod_old")
    for name in ("ontology", "shapes", "data"):
        (into / name).symlink_to(tree / name)
    pattern = re.compile(r"\b(from|import) lod\b|\"lod\.")
    for path in (into / "src" / "lod_old").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(lambda m: m.group(0).replace("lod", "lod_old"), text), encoding="utf-8")


def alternate(data_dir: Path, tree: Path, warm: int, batch: int, batches: int, check: bool, mapping: bool) -> None:
    from lod.pipeline.preparation import _COLLECT_EVERY

    with tempfile.TemporaryDirectory() as temporary:
        _renamed(tree, Path(temporary))
        sys.path.insert(0, str(Path(temporary) / "src"))
        paths = _paths(data_dir, warm + batch * batches)
        sides = {"old": _runner(data_dir, paths, check, "lod_old", Path(temporary) / "cache-old", mapping),
                 "new": _runner(data_dir, paths, check, "lod", Path(temporary) / "cache-new", mapping)}
        gc.disable()
        for inputs, run in sides.values():
            for item in inputs[:warm]:
                run(item)
        gc.collect()
        gc.freeze()
        figures: dict[str, list[float]] = {"old": [], "new": []}
        loads = []
        for i in range(batches):
            for side in (("old", "new") if i % 2 == 0 else ("new", "old")):
                inputs, run = sides[side]
                start = time.process_time()
                for done, item in enumerate(inputs[warm + i * batch: warm + (i + 1) * batch], warm + i * batch + 1):
                    run(item)
                    if not (check or mapping) and done % _COLLECT_EVERY == 0:
                        gc.collect()
                figures[side].append((time.process_time() - start) * 1000 / batch)
            loads.append(os.getloadavg()[0])
        for side, found in figures.items():
            print(f"{side}: " + " ".join(f"{f:.2f}" for f in found) + f" ms an article, median {statistics.median(found):.2f}")
        print(f"load {min(loads):.1f}-{max(loads):.1f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("data_dir", type=Path)
    w.add_argument("out", type=Path)
    w.add_argument("--limit", type=int)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    t = sub.add_parser("time")
    t.add_argument("data_dir", type=Path)
    t.add_argument("--warm", type=int, default=20)
    t.add_argument("--batch", type=int, default=100)
    t.add_argument("--batches", type=int, default=3)
    t.add_argument("--check", action="store_true", help="time the check alone, of articles mapped beforehand")
    a = sub.add_parser("alternate")
    a.add_argument("data_dir", type=Path)
    a.add_argument("tree", type=Path)
    a.add_argument("--warm", type=int, default=20)
    a.add_argument("--batch", type=int, default=50)
    a.add_argument("--batches", type=int, default=6)
    a.add_argument("--check", action="store_true", help="the check alone, of articles mapped beforehand")
    a.add_argument("--map", action="store_true", help="the mapping alone, of articles whose records are read beforehand")
    args = parser.parse_args()
    if args.command == "write":
        write(args.data_dir, args.out, args.limit)
    elif args.command == "compare":
        return compare(args.a, args.b)
    elif args.command == "alternate":
        alternate(args.data_dir, args.tree, args.warm, args.batch, args.batches, args.check, args.map)
    else:
        timing(args.data_dir, args.warm, args.batch, args.batches, args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
