"""Entity page cost against the entity's neighbourhood: a town with 1,000 reported figures, its governorate, and a
quiet place, rendered as HTML by the real app over HTTP (uvicorn on loopback).

The seed is built into a temporary folder, then ``--figures`` synthetic displacement observations (each with its
reporter, period, qualifier, unit and source sentence, as the mapping writes them) are added for one town in a
graph of their own. A page's time is the median of ``--repeat`` requests after one warm-up, as wall-clock time
and as the CPU time this process spent (server and client share it: the client's part is a millisecond or two),
which other programs on a busy machine change much less; nothing is asserted.

With ``--elsewhere N``, N more figures go to a town in another governorate: the pages above should cost the same.

Usage: ``python bench/pages.py [--figures 1000] [--elsewhere 0] [--repeat 15] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lod.pipeline.build import build  # noqa: E402
from lod.rdf.namespaces import DEFAULT_VOCAB, dis  # noqa: E402
from lod.settings import Settings  # noqa: E402
from lod.store import open_writer  # noqa: E402
from lod.web.app import create_app  # noqa: E402

TOWN = "place/geonames/167611"  # Ma'arrat an Nu'man, in SY0702, in Idleb (SY07)
ELSEWHERE = "place/geonames/170654"  # Damascus, in Damascus governorate (SY01)
PAGES = {"town with the figures": TOWN, "its governorate": "place/pcode/SY07", "a quiet place": "place/pcode/SY0200"}
REPORTERS = ("erc-team-northern-syria", "ocha", "unhcr", "sohr")


def add_figures(store_path: Path, base: str, count: int, town: str = TOWN, key: str = "bench") -> None:
    """``count`` observations of ``town``, two a week back from 2024, in the graph ``{base}graph/{key}``."""
    d, schema = str(dis(DEFAULT_VOCAB)), "https://schema.org/"
    n = ox.NamedNode
    graph = n(base + "graph/" + key)
    quads = []
    for i in range(count):
        o, span, sel = n(f"{base}id/observation/{key}{i:05d}"), n(f"{base}id/article/{key}/span/{i}-{i + 40}"), ox.BlankNode()
        day = f"{2024 - i // 104:04d}-{1 + (i // 9) % 12:02d}-{1 + i % 28:02d}"
        period = n(f"{base}id/interval/{key}-{day}")
        figure = 100 + 37 * i
        for s, p, v in (
            (o, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(d + "DisplacementObservation")),
            (o, n(d + "reportedFigure"), ox.Literal(str(figure), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))),
            (o, n(d + "figureAsPrinted"), ox.Literal(f"{figure:,}")),
            (o, n(schema + "minValue"), ox.Literal(str(figure + 1), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))),
            (o, n(d + "figureQualifier"), n(DEFAULT_VOCAB + "concept/figure-qualifier/more-than")),
            (o, n(d + "populationUnit"), n(DEFAULT_VOCAB + "concept/population-unit/" + ("households" if i % 2 else "persons"))),
            (o, n("http://purl.org/linked-data/sdmx/2009/dimension#refArea"), n(base + "id/" + town)),
            (o, n("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod"), period),
            (period, n("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(f"week to {day}", language="en")),
            (o, n(d + "reportDate"), ox.Literal(day, datatype=n("http://www.w3.org/2001/XMLSchema#date"))),
            (o, n(d + "reportedBy"), n(base + "id/org/" + REPORTERS[i % len(REPORTERS)])),
            (o, n("http://www.w3.org/ns/prov#wasDerivedFrom"), span),
            (span, n("http://www.w3.org/ns/oa#hasSelector"), sel),
            (sel, n("http://www.w3.org/ns/oa#exact"), ox.Literal(f"more than {figure:,} people fled the town (report {i})")),
        ):
            quads.append(ox.Quad(s, p, v, graph))
    store = open_writer(store_path)
    store.engine.extend(quads)
    store.flush()
    store.close()


def serve(settings: Settings) -> tuple[uvicorn.Server, threading.Thread, str]:
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}/"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--elsewhere", type=int, default=0, help="as many figures again for Damascus (another governorate)")
    parser.add_argument("--keep", type=Path, help="build into this folder once and reuse it on later runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        settings = Settings(data_dir=ROOT / "data", store_path=root / "store", dumps_dir=root / "dumps")
        if not (root / "store").exists():
            print("building the seed…", file=sys.stderr)
            build(settings)
            add_figures(settings.store_path, settings.base_uri, args.figures)
            if args.elsewhere:
                add_figures(settings.store_path, settings.base_uri, args.elsewhere, ELSEWHERE, "bench-elsewhere")
        server, thread, url = serve(settings)
        try:
            with httpx.Client(base_url=url, timeout=60, headers={"Accept": "text/html"}) as http:
                # The server builds its search index in a thread at start-up (2-4 s of CPU): wait for it, or the
                # first pages measured would share the CPU with it.
                http.get("/search", params={"q": "Idleb"}).raise_for_status()
                print(
                    f"{args.figures} figures for {TOWN}, {args.elsewhere} for {ELSEWHERE}; "
                    f"median of {args.repeat} requests per page (HTML, loopback)"
                )
                for what, url in [*((what, f"/doc/{path}") for what, path in PAGES.items()), ("its map (GeoJSON)", f"/map/{TOWN}.geojson")]:
                    http.get(url).raise_for_status()  # warm-up
                    times, cpu = [], []
                    for _ in range(args.repeat):
                        start, start_cpu = time.perf_counter(), time.process_time()
                        answer = http.get(url)
                        times.append(time.perf_counter() - start)
                        cpu.append(time.process_time() - start_cpu)
                        answer.raise_for_status()
                    rows = answer.text.count("<tr>")
                    print(
                        f"{what:24} {url:36} {1000 * statistics.median(times):7.1f} ms "
                        f"{1000 * statistics.median(cpu):7.1f} ms CPU  {len(answer.content) / 1024:6.0f} KB  {rows} rows"
                    )
        finally:
            server.should_exit = True
            thread.join(timeout=30)


if __name__ == "__main__":
    main()
