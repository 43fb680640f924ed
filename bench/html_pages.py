"""The serving benchmark's sampled entities rendered as HTML in one process, for profiling and comparing pages.

Opens a store built by ``bench/serve.py`` (``--workdir``/N) read-only, takes the same 200 entities (40 per
kind, as ``bench/serve.py`` samples them from Oxigraph), and asks the real app (through httpx's ASGI transport on
this thread's event loop: no socket, no other thread, so cProfile sees all of it) for each one's HTML page ``--rounds`` times. Prints the CPU time per page by kind (the median round's),
and with ``--save DIR`` writes every page and its Turtle document there, named by entity, so two trees' pages can
be compared byte for byte (run it with ``PYTHONPATH=<other tree>/src`` for the other side). ``--profile FILE``
writes a cProfile of the rounds. Nothing is asserted.

Usage: ``python bench/html_pages.py /work/bb/10000 [--rounds 3] [--save DIR] [--profile FILE] [--kind place]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import BASE, KINDS, PER_KIND  # noqa: E402  (the entities bench/serve.py measures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a size's folder of bench/serve.py (store/, dumps/)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--kind", choices=KINDS)
    args = parser.parse_args()
    os.environ.update(LOD_STORE_PATH=str(args.folder / "store"), LOD_DUMPS_DIR=str(args.folder / "dumps"), LOD_BASE_URI=BASE)

    from lod.settings import Settings
    from lod.store import open_store
    from lod.web.app import create_app

    settings = Settings()
    store = open_store(settings, read_only=True)  # given, so the app starts no index in the background
    sampled = sample(store, [args.kind] if args.kind else list(KINDS))
    rounds = asyncio.run(measure(create_app(settings, store), sampled, args))
    counts = {k: sum(1 for kind, _ in sampled if kind == k) for k in KINDS}
    per_page = [sum(r.values()) / len(sampled) * 1000 for r in rounds]
    print(f"{len(sampled)} pages x {args.rounds} rounds; CPU ms per page, each round: {' '.join(f'{x:.2f}' for x in per_page)}; "
          f"median {statistics.median(per_page):.2f}")
    for kind, n in counts.items():
        if n:
            print(f"  {kind:13} {statistics.median(r.get(kind, 0.0) for r in rounds) / n * 1000:6.2f} ms")
    store.close()


async def measure(app: object, sampled: list[tuple[str, str]], args: argparse.Namespace) -> list[dict[str, float]]:
    """The CPU time each kind's pages took, per round."""
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE.rstrip("/")) as client:  # type: ignore[attr-defined]
        for _, entity in sampled:  # warm: templates compiled, caches filled, as a running server has them
            (await client.get(_doc(entity, "html"))).raise_for_status()
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for _, entity in sampled:
                name = hashlib.sha256(entity.encode()).hexdigest()[:16]
                for ext in ("html", "ttl"):
                    answer = await client.get(_doc(entity, ext))
                    (args.save / f"{name}.{ext}").write_bytes(answer.content)
                    answer.raise_for_status()
        profile = cProfile.Profile() if args.profile else None
        rounds: list[dict[str, float]] = []
        for _ in range(args.rounds):
            spent: dict[str, float] = {}
            for kind, entity in sampled:
                if profile:
                    profile.enable()
                start = time.process_time()
                await client.get(_doc(entity, "html"))
                spent[kind] = spent.get(kind, 0.0) + time.process_time() - start
                if profile:
                    profile.disable()
            rounds.append(spent)
        if profile:
            profile.dump_stats(str(args.profile))
    return rounds


def sample(store: object, kinds: list[str]) -> list[tuple[str, str]]:
    """PER_KIND entities of each kind, spread over the store, as bench/serve.py samples them."""
    out = []
    for kind in kinds:
        found = sorted({row[0].value for row in store.query(  # type: ignore[attr-defined]
            f"SELECT ?s WHERE {{ ?s a <{KINDS[kind]}> FILTER(STRSTARTS(STR(?s), '{BASE}id/')) }}").rows})
        step = max(1, len(found) // PER_KIND)
        out += [(kind, e) for e in found[::step][:PER_KIND]]
    return out


def _doc(entity: str, ext: str) -> str:
    return f"/doc/{entity[len(BASE) + 3:]}.{ext}"


if __name__ == "__main__":
    sys.exit(main())
