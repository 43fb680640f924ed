"""Score incident extraction against the event annotations in tests/data/extraction/events.jsonl.

Each annotated article is built from its record (the dev sets in ../shared/articles/, or our written set) the way
bench/extraction.py builds it, extracted, and its incident events (rule ``incident-*``) are compared with the
annotations: a match is the same sentence and the same event type (one-to-one). On matched incidents: places
(some annotated place named among the event's places), dates (both ends equal; both unknown counts), actor (an
attributed actor when the annotation names one, none when it names none) and killed (the same count, or both none).

The rules were written from the ``gold-dev`` annotations only; ``gold-dev-2`` and ``written`` were annotated before
the rules were run on them and are the held-out sets (docs/extraction.md, "Events").

Usage: ``python bench/event_extraction.py [--set gold-dev|gold-dev-2|written] [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import build_text, norm  # noqa: E402
from lod.extract import extract  # noqa: E402
from lod.model.articles import parse_article  # noqa: E402
from lod.model.records import EventRecord  # noqa: E402
from lod.places.reference import load_reconciler  # noqa: E402

ANNOTATIONS = ROOT / "tests" / "data" / "extraction" / "events.jsonl"
SOURCES = {"gold-dev": ROOT.parent / "shared" / "articles" / "gold-dev.jsonl",
           "gold-dev-2": ROOT.parent / "shared" / "articles" / "gold-dev-2.jsonl",
           "written": ROOT / "tests" / "data" / "extraction" / "written.jsonl"}
FIELDS = ("places", "dates", "actor", "killed")


def incidents(record: dict[str, Any], reconciler: Any) -> tuple[str, list[EventRecord]] | None:
    text = build_text(record, "paragraph")
    if text is None:
        return None
    article = parse_article(text, record["file"])
    found = extract(article, reconciler)
    return article.body, [e for e in found.events if e.span is not None and e.span.rule.startswith("incident-")]


def field_ok(name: str, gold: dict[str, Any], got: EventRecord) -> bool:
    if name == "places":
        names = {norm(p.name) for p in got.places}
        return any(norm(p) in names or any(norm(p) in n or n in norm(p) for n in names) for p in gold["places"])
    if name == "dates":
        return (gold["start"], gold["end"]) == (got.start and got.start.isoformat(), got.end and got.end.isoformat())
    if name == "actor":
        return bool(gold["actor"]) == bool(got.actors and got.alleged_by is not None)
    killed = next((c.count for c in got.casualties if c.kind == "killed"), None)
    return gold["killed"] == killed


def score(which: str, verbose: bool = False) -> dict[str, float]:
    reconciler = load_reconciler(ROOT / "data" / "reference")
    sources = {json.loads(line)["file"]: json.loads(line) for line in SOURCES[which].open(encoding="utf-8")}
    tp = fp = fn = 0
    right: dict[str, int] = defaultdict(int)
    for line in ANNOTATIONS.open(encoding="utf-8"):
        annotated = json.loads(line)
        if annotated["set"] != which:
            continue
        built = incidents(sources[annotated["file"]], reconciler)
        if built is None:
            continue
        body, got = built
        unmatched = list(got)
        for gold in annotated["events"]:
            match = next((e for e in unmatched if e.types == [gold["type"]] and e.span is not None
                          and norm(body[e.span.start:e.span.end]) == norm(gold["text"])), None)
            if match is None:
                fn += 1
                if verbose:
                    print(f"missed {annotated['file']}: {gold['type']}: {gold['text'][:100]}")
                continue
            unmatched.remove(match)
            tp += 1
            for name in FIELDS:
                ok = field_ok(name, gold, match)
                right[name] += ok
                if verbose and not ok:
                    print(f"wrong {name} {annotated['file']}: {gold['type']}: gold {gold.get(name, (gold['start'], gold['end']))}, "
                          f"got {[p.name for p in match.places] if name == 'places' else (match.start, match.end) if name == 'dates' else [a.name for a in match.actors] if name == 'actor' else [c.count for c in match.casualties]}")
        fp += len(unmatched)
        if verbose:
            for extra in unmatched:
                assert extra.span is not None
                print(f"extra {annotated['file']}: {extra.types[0]}: {body[extra.span.start:extra.span.end][:100]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    out = {"incidents": float(tp + fn), "found": float(tp + fp), "precision": precision, "recall": recall,
           "F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}
    out.update({name: right[name] / tp if tp else 1.0 for name in FIELDS})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SOURCES), action="append")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    print("| set | annotated | found | precision | recall | F1 | " + " | ".join(FIELDS) + " |")
    print("|---|---|---|---|---|---|" + "---|" * len(FIELDS))
    for which in args.set or ["gold-dev", "gold-dev-2", "written"]:
        s = score(which, args.verbose)
        print(f"| {which} | {int(s['incidents'])} | {int(s['found'])} | {s['precision']:.2f} | {s['recall']:.2f} | {s['F1']:.2f} | "
              + " | ".join(f"{s[name]:.2f}" for name in FIELDS) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
