"""The ``lod`` command: a thin layer over the library's functions.

Exit codes: 0 done, 1 input refused (invalid data, bad query), 2 usage error or unavailable store.
Errors print as ``path:line:col: message``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from lod import allocator, formats, regexcache
from lod.errors import InputError, LodError, PublishFailed, QueryError, Refused, StoreUnavailable, ValidationFailed
from pydantic import ValidationError

from lod.settings import Settings

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH", help="store folder (env LOD_STORE_PATH)")
    common.add_argument("--base-uri", metavar="URI", help="base of every URI of the data (env LOD_BASE_URI)")
    common.add_argument("--vocab-uri", metavar="URI", help="the vocabulary's own namespace (env LOD_VOCAB_URI)")
    common.add_argument("--data-dir", metavar="PATH", help="folder with articles/ and reference/ (env LOD_DATA_DIR)")
    common.add_argument("--dumps-dir", metavar="PATH", help="where dumps are written (env LOD_DUMPS_DIR)")

    parser = argparse.ArgumentParser(prog="lod", description="Publish conflict and displacement reporting as linked data.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("build", parents=[common], help="map, validate and load everything in data/, then write the N-Triples and N-Quads dumps")
    p.add_argument("--dumps", action="store_true",
                   help="write every dump file now (Turtle, JSON-LD, the gzips), as a static site needs; otherwise "
                        "`lod dump --missing` or `lod serve` makes them after the build")
    p = sub.add_parser("ingest", parents=[common], help="add or replace one article (.txt) or data set file (.csv)")
    p.add_argument("file", type=Path)
    p = sub.add_parser("validate", parents=[common], help="check articles and data set files (default: all of data/) without storing")
    p.add_argument("files", type=Path, nargs="*")
    p = sub.add_parser("extract", parents=[common], help="print the facts found in an article")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=["json", "ttl", "jsonld"], default="json")
    p = sub.add_parser("query", parents=[common], help="answer a SPARQL query from the store")
    p.add_argument("sparql", help="the query, or @FILE to read it from a file")
    p.add_argument("--format", choices=["table", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld", "rdf"], default="table")
    p = sub.add_parser("dump", parents=[common], help="write the whole dataset, or make the dump files a build left pending")
    p.add_argument("--format", choices=[f.name for f in formats.DUMP_FORMATS], default="ttl")
    p.add_argument("--gzip", action="store_true")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--missing", action="store_true",
                   help="make every missing or outdated file of the dumps folder (Turtle, JSON-LD, gzips) from the "
                        "build's N-Triples and N-Quads, and update its catalog (waits for a maker already at work)")
    p.add_argument("--background", action="store_true",
                   help="with --missing: at low CPU priority, and only if no other maker holds the folder (what `lod serve` starts)")
    p = sub.add_parser("serve", parents=[common], help="serve the dataset over HTTP")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes sharing the port (each opens the store and its own query workers)")
    return parser


# Command-line options that override a setting: (option, setting).
_OPTIONS = (("store", "store_path"), ("base_uri", "base_uri"), ("vocab_uri", "vocab_uri"), ("data_dir", "data_dir"), ("dumps_dir", "dumps_dir"),
            ("host", "host"), ("port", "port"))


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for option, name in _OPTIONS:
        value = getattr(args, option, None)
        if value is not None:
            overrides[name] = value
    return Settings(**overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        if argv is None and args.command == "serve":  # this process's own command line, not a caller's list
            allocator.restart_with(settings.malloc)
        return int(COMMANDS[args.command](args, settings) or EXIT_OK)
    except BrokenPipeError:  # the reader (`| head`) went away: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except StoreUnavailable as exc:
        print(f"lod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Refused as exc:
        for error in exc.errors:
            print(_describe(error), file=sys.stderr)
        unchanged = "; the store is unchanged" if args.command in ("build", "ingest") else ""
        print(f"lod: refused: {len(exc.errors)} input(s) failed{unchanged}", file=sys.stderr)
        return EXIT_INVALID
    except (InputError, ValidationFailed, QueryError) as exc:
        print(_describe(exc), file=sys.stderr)
        if args.command in ("build", "ingest"):
            print("lod: refused; the store is unchanged", file=sys.stderr)
        return EXIT_INVALID
    except LodError as exc:
        print(f"lod: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except ValidationError as exc:  # settings from options or the environment
        print(f"lod: bad setting: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"lod: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _describe(error: LodError) -> str:
    if isinstance(error, ValidationFailed):
        return f"{error.source}: does not conform to the shapes:\n{error}"
    return str(error)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from lod.pipeline.build import build

    report = build(settings, dumps=args.dumps)
    for item in report.articles:
        print(f"{item.path}: {item.triples} triples")
    for warning in (w for item in report.articles for w in item.report.warnings):
        print(f"warning: {warning.shape_id}: {warning.message} ({warning.focus})", file=sys.stderr)
    for table in report.tables:
        print(f"{table.path}: {table.triples} triples")
    print(f"built {len(report.articles)} article(s), {len(report.tables)} data set file(s) ({report.unchanged} unchanged, "
          f"{len(report.removed)} removed), {report.quads} quads in {settings.store_url or settings.store_path}; dumps in {settings.dumps_dir}")
    if not args.dumps:
        from lod.publish.derivation import waiting

        if pending := waiting(settings.dumps_dir):
            print(f"pending: {', '.join(pending)} (made by `lod dump --missing`, or by `lod serve` once it starts)")
    return EXIT_OK


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from lod.pipeline.build import ingest, ingest_table

    if args.file.suffix.lower() == ".csv":
        table = ingest_table(args.file, settings)
        print(f"{args.file}: ingested {len(table.graph)} triples as <{settings.base_uri}graph/dataset/{table.key}>")
        return EXIT_OK
    item = ingest(args.file, settings)
    print(f"{item.article.path}: ingested {len(item.graph)} triples as <{settings.base_uri}graph/article/{item.article.key}>")
    return EXIT_OK


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from lod.events import TABLE_GLOB
    from lod.pipeline.build import ARTICLE_GLOB, Context, check_reference, prepare, prepare_table

    ctx = Context.load(settings)
    check_reference(ctx)
    paths = args.files or [*sorted((settings.data_dir / "articles").glob(ARTICLE_GLOB)),
                           *sorted((settings.data_dir / "events").glob(TABLE_GLOB))]
    errors: list[LodError] = []
    for path in paths:
        try:
            prepare_table(path, ctx) if Path(path).suffix.lower() == ".csv" else prepare(path, ctx)
            print(f"{path}: conforms")
        except (InputError, ValidationFailed) as exc:
            errors.append(exc)
        except Refused as exc:
            errors.extend(exc.errors)
    if errors:
        raise Refused(errors)
    return EXIT_OK


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from lod.model.articles import read_article
    from lod.extract import extract, to_record_json
    from lod.places.reference import kept_reconciler

    article = read_article(args.file)
    if args.format == "json":  # what extraction found, for a person to review: the reconciler is all it needs
        found = extract(article, kept_reconciler(settings.data_dir / "reference", settings.cache_dir))
        json.dump(to_record_json(article, found), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    from lod.pipeline.preparation import Context, extraction_for  # the rest of the context, the dump writers and the
    from lod.publish.dumps import dump  # store only here (a few tenths of a second to import and load)
    from lod.store import OxigraphStore

    ctx = Context.load(settings)
    # The graph exactly as `lod build` would publish it (corrections applied), through the dump writers,
    # which group each subject's triples in the on-disk store's order: hence a scratch store on disk.
    extraction, origins = extraction_for(article, ctx)
    with tempfile.TemporaryDirectory(prefix="lod-extract-") as scratch:
        store = OxigraphStore(Path(scratch) / "store")
        store.replace_graphs({ctx.uris.article_graph(article.key): ctx.mapper.map(article, extraction, origins).graph})
        dump(store, formats.by_name(args.format, formats.DUMP_FORMATS), sys.stdout.buffer, base=settings.base_uri, vocab=settings.vocab_uri)
        store.close()
    return EXIT_OK


def _query(args: argparse.Namespace, settings: Settings) -> int:
    from lod.store.querytext import check_nesting
    from lod.store import Boolean, Solutions, open_store

    text = _read_query(args.sparql)
    check_nesting(text)  # Oxigraph's recursive parser would overflow its stack and kill the process
    result = open_store(settings, read_only=True).query(text)
    if args.format == "table":
        if isinstance(result, Boolean):
            print("true" if result.value else "false")
        elif isinstance(result, Solutions):
            _print_table(result)
        else:
            sys.stdout.write(result.serialize(formats.TURTLE).decode())
        return EXIT_OK
    fmt = formats.by_name({"json": "srj", "xml": "srx"}.get(args.format, args.format))
    graph_answer = not isinstance(result, (Boolean, Solutions))
    if graph_answer != (fmt.rdf is not None):
        offered = formats.GRAPH_RESULT_FORMATS if graph_answer else formats.SOLUTION_RESULT_FORMATS
        names = {"srj": "json", "srx": "xml"}
        kind = "a graph (CONSTRUCT, DESCRIBE)" if graph_answer else "solutions (SELECT, ASK)"
        raise UsageError(f"the answer is {kind}; --format must be one of " + ", ".join(names.get(f.name, f.name) for f in offered))
    sys.stdout.buffer.write(result.serialize(fmt))
    return EXIT_OK


def _read_query(argument: str) -> str:
    if not argument.startswith("@"):
        return argument
    try:
        return Path(argument[1:]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{argument[1:]}: cannot read the query: {exc}") from None


def _print_table(result: Any) -> None:
    rows = [[row.get(v, "") for v in result.variables] for row in result.values()]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    print("  ".join(v.ljust(w) for v, w in zip(result.variables, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _dump(args: argparse.Namespace, settings: Settings) -> int:
    if args.missing:
        return _make_missing(args, settings)
    if args.background:
        raise UsageError("--background goes with --missing")
    from lod.publish.dumps import dump
    from lod.store import open_store

    fmt = formats.by_name(args.format, formats.DUMP_FORMATS)
    store = open_store(settings, read_only=True)
    if args.output:
        try:
            out = open(args.output, "wb")
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write: {exc.strerror}") from None
        with out:
            dump(store, fmt, out, base=settings.base_uri, vocab=settings.vocab_uri, gzip=args.gzip)
    else:
        dump(store, fmt, sys.stdout.buffer, base=settings.base_uri, vocab=settings.vocab_uri, gzip=args.gzip)
        sys.stdout.buffer.flush()
    return EXIT_OK


def _make_missing(args: argparse.Namespace, settings: Settings) -> int:
    from lod.publish.derivation import make_missing
    from lod.publish.dumps import read_catalog

    if args.output or args.gzip:
        raise UsageError("--missing makes the files of the dumps folder: -o and --gzip do not apply")
    if read_catalog(settings.dumps_dir) is None:
        raise UsageError(f"{settings.dumps_dir}: no catalog.json: `lod build` writes the dumps this makes the rest from")
    if args.background:
        os.nice(10)  # below the server's requests
    try:
        made = make_missing(settings.dumps_dir, settings.base_uri, settings.vocab_uri, wait=not args.background)
    except (OSError, ValueError) as exc:
        raise PublishFailed(str(settings.dumps_dir), str(exc)) from None
    if made is None:
        print(f"{settings.dumps_dir}: another maker is at work")
    for name in made or []:
        print(f"{settings.dumps_dir / name}: made")
    return EXIT_OK


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from lod.web import balancer, nodelay, server
    from lod.web.app import create_app

    # An idle keep-alive connection is closed after LOD_HTTP_TIMEOUT_S; so is a body that stops coming
    # (lod.web.security.BodyTimeout: uvicorn has no timeout of its own for that).
    keep_alive = max(1, math.ceil(settings.http_timeout_s))
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    if args.workers == 1:
        config = uvicorn.Config(create_app(settings), host=settings.host, port=settings.port, timeout_keep_alive=keep_alive,
                                http=nodelay.PROTOCOL, loop=nodelay.LOOP)
        one = server.Server(config)
        one.run()
        return EXIT_OK if one.started else STARTUP_FAILURE
    # Each worker process builds its own app with the factory, from the environment: pass the options on there.
    for option, name in _OPTIONS:
        value = getattr(args, option, None)
        if value is not None:
            os.environ[f"LOD_{name.upper()}"] = str(value)
    return balancer.serve(settings.host, settings.port, args.workers, keep_alive)


COMMANDS = {
    "build": _build,
    "ingest": _ingest,
    "validate": _validate,
    "extract": _extract,
    "query": _query,
    "dump": _dump,
    "serve": _serve,
}


def run() -> None:
    """The ``lod`` program (``main`` is for callers in the same process): exits with ``main``'s code, without the
    interpreter's last collections walking what the command leaves (the context of a build or ingest: about a
    million rdflib objects, 1.6 CPU seconds at exit; the system frees the memory anyway). Regular expressions are
    compiled through the table :mod:`lod.regexcache` keeps (a third of a short command's CPU otherwise)."""
    try:
        regexcache.install(Settings().cache_dir)  # before a command imports the extraction rules
    except ValidationError:
        pass  # main says what is wrong with the settings
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
