"""Serving benchmark: ``lod serve`` side by side with ``oxigraph serve-read-only`` over the same quads.

    python bench/serve.py                       # N = 1,000 and 10,000 generated articles, 3 rounds of 10 s
    python bench/serve.py --sizes 1000 --rounds 1 --seconds 5 --no-docs     # a quick look

For each N: generate the corpus (``bench/corpus.py``) and ``lod build`` it (both kept in ``var/bench/N/`` and
reused), dump its quads, load them into a separate Oxigraph store, start both servers on loopback, and load
them with wrk (2 threads, 8 connections): every format of ``/doc/{e}`` against Oxigraph's CONSTRUCT of the same
description (the query lod itself runs, ``lod.web.describe``), that CONSTRUCT through lod's ``/sparql``, one
analytic query (figures per governorate per year), an entity page in Turtle and in HTML asked over one connection
against Oxigraph's CONSTRUCT asked so (latency with no queue), the full N-Quads download, and each server's memory. Rounds
interleave the two servers (lod first in odd rounds, Oxigraph first in even ones); figures are medians. Prints
the ratios and writes them into ``docs/performance.md`` between the ``serving`` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import loadgen  # noqa: E402
import servers  # noqa: E402

from lod.web.describe import describe_query  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8000/"  # the base the corpus is built under (lod's default)
KINDS = {  # entities the pages are measured on, by type
    "observation": "https://w3id.org/lod-syria/def/displacement#DisplacementObservation",
    "statement": "https://w3id.org/lod-syria/def/displacement#Statement",
    "article": "https://schema.org/NewsArticle",
    "place": "https://schema.org/AdministrativeArea",
    "organization": "http://www.w3.org/ns/org#Organization",
}
PER_KIND = 40
FORMATS = {"Turtle": "ttl", "JSON-LD": "jsonld", "N-Triples": "nt", "RDF/XML": "rdf", "HTML": "html"}
ANALYTIC = """PREFIX dis: <https://w3id.org/lod-syria/def/displacement#>
PREFIX schema: <https://schema.org/>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?governorate ?year (SUM(?figure) AS ?people) (COUNT(?o) AS ?observations) WHERE {
  { SELECT DISTINCT ?o ?gov WHERE {
      ?o a dis:DisplacementObservation ; sdmx:refArea ?area .
      ?area schema:containsPlace?/schema:containedInPlace* ?gov . ?gov dis:adminLevel 1 } }
  ?o dis:reportedFigure ?figure ; dis:reportDate ?date . ?gov schema:name ?governorate .
  BIND(YEAR(?date) AS ?year)
} GROUP BY ?governorate ?year ORDER BY ?governorate ?year"""
TURTLE = {"Accept": "text/turtle"}
RESULTS = {"Accept": "application/sparql-results+json"}
MARK_BEGIN, MARK_END = "<!-- serving:begin (bench/serve.py writes this section) -->", "<!-- serving:end -->"


@dataclass
class Case:
    """One kind of request, asked of lod and of Oxigraph: the paths, the headers, and the runs' results."""

    name: str
    lod: tuple[list[str], dict[str, str]] | None
    oxigraph: tuple[list[str], dict[str, str]] | None
    connections: int | None = None  # None: the run's --connections; 1: latency alone, one request at a time
    runs: dict[str, list[loadgen.Result]] = field(default_factory=lambda: {"lod": [], "oxigraph": []})
    cpu_ms: dict[str, list[float]] = field(default_factory=lambda: {"lod": [], "oxigraph": []})  # per request

    def cpu(self, server: str) -> float | None:
        return statistics.median(self.cpu_ms[server]) if self.cpu_ms[server] else None

    def median(self, server: str, what: str) -> float | None:
        values = [getattr(r, what) for r in self.runs[server]]
        return statistics.median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=REPO / "var" / "bench")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--lod-workers", type=int, default=1, help="server processes of lod serve (--workers), behind its balancing parent")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench/serve.py needs wrk (Debian package wrk; `make bench` installs it)", file=sys.stderr)
        return 2
    for n in args.sizes:
        folder = servers.prepare(n, args.workdir / str(n))
        section = measure(n, folder, args)
        if not args.no_docs:
            write_docs(n, section, args)
    return 0


def measure(n: int, folder: servers.Prepared, args: argparse.Namespace) -> str:
    """Both servers over the corpus of ``n`` articles, ``args.rounds`` interleaved rounds: the section's table."""
    with servers.lod(folder, args.lod_workers) as lod, servers.oxigraph(folder) as ox:
        lod_url, ox_url = lod.url, ox.url
        entities = sample(ox_url)
        cases = make_cases(entities)
        dumps: dict[str, list[float]] = {"lod": [], "oxigraph": []}
        warm_up(cases, {"lod": lod_url, "oxigraph": ox_url})
        for round_ in range(args.rounds):
            order = [("lod", lod), ("oxigraph", ox)]
            if round_ % 2:
                order.reverse()
            for case in cases:
                for server, process in order:
                    target = getattr(case, server)
                    if target is None:
                        continue
                    paths, headers = target
                    heavy = case.name.startswith("analytic")  # seconds per query: one connection, a longer run
                    single = heavy or case.connections == 1
                    cpu = process.cpu_seconds()
                    result = loadgen.run(process.url, paths, headers, seconds=args.seconds * (3 if heavy else 1),
                                         connections=1 if single else args.connections, threads=1 if single else 2)
                    # The servers' own CPU per answer does not depend on what else the machine runs, as req/s does.
                    case.cpu_ms[server].append((process.cpu_seconds() - cpu) * 1000 / result.requests)
                    case.runs[server].append(result)
                    print(f"N={n} round {round_ + 1} {case.name:28s} {server:8s} {result.rps:9.1f} req/s  "
                          f"p50 {result.p50_ms:8.2f} ms  p99 {result.p99_ms:8.2f} ms  "
                          f"CPU {case.cpu_ms[server][-1]:6.2f} ms/req", flush=True)
            for server, process in order:
                seconds = servers.download(process.url, "/dumps/lod.nq" if server == "lod" else "/store")
                if seconds is not None:
                    dumps[server].append(seconds)
        memory = {"lod": lod.rss_mb(), "oxigraph": ox.rss_mb()}
    table = render(n, folder, cases, dumps, memory, len(entities))
    print(table)
    return table


def warm_up(cases: list[Case], urls: dict[str, str]) -> None:
    """One request of each case to each server before measuring (lod's query workers open the store lazily).

    Raises:
        httpx.HTTPStatusError: a server answered an error.
    """
    # lod builds its search index in a background thread at start; a search waits for it, so measuring starts after.
    httpx.get(urls["lod"] + "/search", params={"q": "idlib"}, timeout=1800).raise_for_status()
    for case in cases:
        for server, url in urls.items():
            target = getattr(case, server)
            if target is not None:
                paths, headers = target
                # Every entity once (its pages and index blocks in memory for both), other cases a few times.
                for path in paths if len(paths) > 3 and case.name.startswith(("/doc/{e} Turtle", "entity")) else paths[:3]:
                    httpx.get(url + path, headers=headers, timeout=600).raise_for_status()


def sample(ox_url: str) -> list[str]:
    """Up to PER_KIND entities of each kind, spread over the store (the same list for both servers)."""
    out = []
    for kind in KINDS.values():
        query = f"SELECT ?s WHERE {{ ?s a <{kind}> FILTER(STRSTARTS(STR(?s), '{BASE}id/')) }}"
        answer = httpx.get(f"{ox_url}/query", params={"query": query}, headers={"Accept": "text/csv"}, timeout=120)
        answer.raise_for_status()
        found = sorted(set(answer.text.split()[1:]))
        step = max(1, len(found) // PER_KIND)
        out += found[::step][:PER_KIND]
    if not out:
        raise SystemExit("no entities found in the corpus")
    return out


def make_cases(entities: list[str]) -> list[Case]:
    def doc(entity: str, ext: str) -> str:
        return f"/doc/{entity[len(BASE) + 3:]}.{ext}"

    def construct(entity: str) -> str:
        return quote(describe_query(entity), safe="")

    oxigraph_construct = ([f"/query?query={construct(e)}" for e in entities], TURTLE)
    cases = [Case("entity CONSTRUCT (Oxigraph)", None, oxigraph_construct)]
    cases += [Case(f"/doc/{{e}} {name}", ([doc(e, ext) for e in entities], {}), None) for name, ext in FORMATS.items()]
    cases.append(Case("/sparql CONSTRUCT", ([f"/sparql?query={construct(e)}" for e in entities], TURTLE), oxigraph_construct))
    # What one user waits, with no queue before the server (the "entity page, 1 connection"): each against
    # Oxigraph's CONSTRUCT asked the same way.
    for name in ("Turtle", "HTML"):
        cases.append(Case(f"/doc/{{e}} {name}, 1 connection", ([doc(e, FORMATS[name]) for e in entities], {}),
                          oxigraph_construct, connections=1))
    analytic = quote(ANALYTIC, safe="")
    cases.append(Case("analytic SELECT", ([f"/sparql?query={analytic}"], RESULTS), ([f"/query?query={analytic}"], RESULTS)))
    return cases


def render(n: int, folder: servers.Prepared, cases: list[Case], dumps: dict[str, list[float]], memory: dict[str, float], sampled: int) -> str:
    reference = cases[0]
    ox_rps, ox_p50, ox_p99 = (reference.median("oxigraph", w) for w in ("rps", "p50_ms", "p99_ms"))
    ox_cpu = reference.cpu("oxigraph")
    assert ox_rps is not None and ox_p50 is not None and ox_p99 is not None and ox_cpu is not None
    lines = [
        f"### {n:,} articles ({folder.quads:,} quads)",
        "",
        f"{sampled} entities ({PER_KIND} per kind: {', '.join(KINDS)}), requested round-robin. "
        f"Store: {(folder.folder / 'built').read_text().strip()}.",
        "",
        "| work | lod req/s | lod p50 / p99 ms | Oxigraph req/s | Oxigraph p50 / p99 ms | lod / Oxigraph (req/s) "
        "| CPU ms per request, lod / Oxigraph | Oxigraph / lod (CPU) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for case in cases[1:]:
        rps, p50, p99 = (case.median("lod", w) for w in ("rps", "p50_ms", "p99_ms"))
        assert rps is not None and p50 is not None and p99 is not None
        cpu = case.cpu("lod")
        if case.oxigraph is not None and case is not reference:
            o_rps, o_p50, o_p99 = (case.median("oxigraph", w) for w in ("rps", "p50_ms", "p99_ms"))
            o_cpu = case.cpu("oxigraph")
        else:
            o_rps, o_p50, o_p99, o_cpu = ox_rps, ox_p50, ox_p99, ox_cpu
        assert o_rps is not None and o_p50 is not None and o_p99 is not None and o_cpu is not None and cpu is not None
        lines.append(f"| {case.name} | {rps:,.0f} | {p50:.1f} / {p99:.1f} | {o_rps:,.0f} | {o_p50:.1f} / {o_p99:.1f} | "
                     f"**{rps / o_rps:.2f}** | {cpu:.2f} / {o_cpu:.2f} | {o_cpu / cpu:.2f} |")
    ox_dump = statistics.median(dumps["oxigraph"])
    if dumps["lod"]:
        lod_dump = statistics.median(dumps["lod"])
        download = f"| full N-Quads download (s) | {lod_dump:.2f} | {ox_dump:.2f} | {lod_dump / ox_dump:.2f} |"
    else:
        download = f"| full N-Quads download (s) | - (no dumps written) | {ox_dump:.2f} | - |"
    lines += [
        "",
        "| | lod | Oxigraph | lod / Oxigraph |",
        "|---|---|---|---|",
        download,
        f"| server RSS after the runs (MB; lod: app and query workers) | {memory['lod']:,.0f} | {memory['oxigraph']:,.0f} | {memory['lod'] / memory['oxigraph']:.2f} |",
        "",
    ]
    return "\n".join(lines)


def write_docs(n: int, section: str, args: argparse.Namespace) -> None:
    """Put the section of ``n`` articles into docs/performance.md (other sizes' sections stay as they were)."""
    conditions = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC by `python bench/serve.py --sizes {n} --rounds {args.rounds} "
        f"--seconds {args.seconds:g} --lod-workers {args.lod_workers}` on {os.cpu_count()} cores "
        f"({platform.machine()}) shared with other work (load average {os.getloadavg()[0]:.0f}), so absolute figures "
        f"vary between runs; the ratios compare both servers under the same conditions. wrk, {args.connections} "
        f"connections, 2 threads, {args.seconds:g} s per run (the analytic query: 1 connection, {3 * args.seconds:g} s; "
        f"the rows \"1 connection\": 1 connection, 1 thread, each against Oxigraph's CONSTRUCT asked the same way), "
        f"medians of {args.rounds} interleaved rounds, loopback. lod: `lod serve --workers {args.lod_workers}` "
        f"({args.lod_workers} server process(es) behind a parent that hands each connection to the one holding the fewest, each with its query workers); Oxigraph: `oxigraph serve-read-only --union-default-graph` over the same quads."
    )
    path = REPO / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    sections: dict[int, str] = {}
    if MARK_BEGIN in text and MARK_END in text:
        before, rest = text.split(MARK_BEGIN, 1)
        block, after = rest.split(MARK_END, 1)
        for part in block.split("\n### ")[1:]:
            size = int(part.split(" ", 1)[0].replace(",", ""))
            sections[size] = "### " + part.strip("\n")
    else:
        before, after = text.rstrip("\n") + "\n\n", "\n"
    sections[n] = section.rstrip("\n").replace("\n\n", f"\n\n{conditions}\n\n", 1)
    body = "\n\n".join([MARK_BEGIN + "\n## Serving", *(sections[k] for k in sorted(sections))]) + "\n" + MARK_END
    path.write_text(before + body + after, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
