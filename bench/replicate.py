"""A larger store without a larger build: a built corpus with its article graphs copied under new IRIs.

    python bench/replicate.py var/bench/1000 10 var/bench/10000x

Reads ``SOURCE/quads.nq`` (written by ``bench/servers.prepare``), writes ``DEST/quads.nq`` holding the reference
and vocabulary graphs once and every article graph ``TIMES`` times. In each copy, the IRIs that only one article
graph has as subjects (the article, its spans, statements, observations, events...) get a ``-cK`` suffix, and so
do its blank nodes and graph name; things several articles share (places, organizations, dates) stay shared, so
they gather ``TIMES`` times the links. Then ``bench/servers.prepare(N, DEST)`` loads it for both servers.
For when ``lod build`` of the larger corpus cannot finish in the time at hand; ``docs/performance.md`` says which
figures were measured this way.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_LINE = re.compile(r"^(.*) <([^>]*)> \.$")
_IRI = re.compile(r"<([^>]*)>")
_BNODE = re.compile(r"_:(\w+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("times", type=int)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    shared: list[str] = []
    articles: dict[str, list[str]] = {}
    with (args.source / "quads.nq").open(encoding="utf-8") as f:
        for line in f:
            match = _LINE.match(line.rstrip("\n"))
            graph = match[2] if match else ""
            if "/graph/article/" in graph:
                articles.setdefault(graph, []).append(line)
            else:
                shared.append(line)
    graphs_of: Counter[str] = Counter()
    for lines in articles.values():
        graphs_of.update({m[1] for line in lines if (m := _IRI.match(line))})
    own = {iri for iri, n in graphs_of.items() if n == 1}
    args.dest.mkdir(parents=True, exist_ok=True)
    with (args.dest / "quads.nq").open("w", encoding="utf-8") as out:
        out.writelines(shared)
        for copy in range(args.times):
            for graph, lines in articles.items():
                if copy == 0:
                    out.writelines(lines)
                    continue
                suffix = f"-c{copy}"
                text = "".join(lines)
                text = _IRI.sub(lambda m: f"<{m[1]}{suffix}>" if m[1] in own or m[1] == graph else m[0], text)
                out.write(_BNODE.sub(lambda m: f"_:{m[1]}c{copy}", text))
    print(f"{len(articles) * args.times} article graphs in {args.dest / 'quads.nq'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
