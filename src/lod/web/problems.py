"""The one table from our error tree to HTTP: status, problem type and the fields each problem carries.

``for_error`` walks the error's MRO, so a new subclass is covered by its parent's row until it gets its own.
The problem type URIs (``/problems/{slug}``) dereference to a short page built from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lod import errors

if TYPE_CHECKING:
    from lod.pipeline.validation import ValidationResult

__all__ = ["PROBLEMS", "Problem", "by_slug", "extensions", "for_error"]


@dataclass(frozen=True)
class Problem:
    """How one kind of error is answered."""

    slug: str
    status: int
    description: str


PROBLEMS: dict[type[errors.LodError], Problem] = {
    errors.NotFound: Problem("not-found", 404, "The dataset holds nothing under this URI."),
    errors.NotAcceptable: Problem(
        "not-acceptable", 406, "No format the resource offers fits the Accept header; `offered` lists what it offers."
    ),
    errors.RdfSyntaxError: Problem("rdf-syntax", 400, "RDF that does not parse; `line` and `column` say where."),
    errors.InputError: Problem("bad-input", 400, "Input that cannot be used; `path`, `line` and `column` say where."),
    errors.ValidationFailed: Problem(
        "validation-failed", 422, "Data that does not conform to the SHACL shapes; `results` lists each result with its `location`."
    ),
    errors.QuerySyntaxError: Problem("query-syntax", 400, "A SPARQL query that does not parse; `line` and `column` say where."),
    errors.QueryRefused: Problem("query-refused", 403, "A SPARQL request this endpoint does not run (updates, SERVICE)."),
    errors.QueryTooLarge: Problem("query-too-large", 413, "A SPARQL request body or query text larger than the endpoint accepts."),
    errors.QueryTimeout: Problem("query-timeout", 503, "A SPARQL query stopped after the configured time limit."),
    errors.QueryOutOfMemory: Problem(
        "query-memory", 503, "A SPARQL query stopped when it needed more memory than one query may use (`LOD_QUERY_MEMORY_MB`)."
    ),
    errors.QueryError: Problem("bad-query", 400, "A SPARQL request that cannot be answered."),
    errors.StoreUnavailable: Problem("store-unavailable", 503, "The store cannot be opened."),
    errors.DumpPending: Problem(
        "dump-pending", 503, "A dump file still being made from the latest build's; `Retry-After` says when to ask again, `source` what it is made from."
    ),
    errors.DumpFailed: Problem(
        "dump-failed", 503, "A dump file its maker could not make, with `reason`; tried again when the server starts again or `lod dump --missing` runs."
    ),
    errors.Refused: Problem("refused", 400, "Input refused for several reasons; `errors` lists each with its `path`, `line` and `column`."),
    errors.LodError: Problem("error", 500, "An error the server could not handle."),
}


def for_error(error: errors.LodError) -> Problem:
    """The row for ``error``'s class, or for its nearest ancestor that has one."""
    for cls in type(error).__mro__:
        if cls in PROBLEMS:
            return PROBLEMS[cls]
    return PROBLEMS[errors.LodError]  # pragma: no cover - LodError is always in the MRO


def by_slug(slug: str) -> tuple[str, Problem] | None:
    """The title and row of a problem type, by its slug."""
    return next(((cls.title, p) for cls, p in PROBLEMS.items() if p.slug == slug), None)


def extensions(error: errors.LodError) -> dict[str, object]:
    """The machine-readable fields of an error, beside ``type``, ``title``, ``status`` and ``detail``."""
    out: dict[str, object] = {}
    if isinstance(error, errors.NotAcceptable):
        out["offered"] = [fmt.media_type for fmt in error.offered]
    if isinstance(error, errors.InputError):
        out.update(path=error.where.path, line=error.where.line, column=error.where.column)
    if isinstance(error, errors.QuerySyntaxError):
        out.update(line=error.line, column=error.column)
    if isinstance(error, errors.NotFound):
        out["resource"] = error.what
    if isinstance(error, errors.DumpPending):
        out.update(file=error.name, source=error.source, retry_after=error.retry_after)
    if isinstance(error, errors.DumpFailed):
        out.update(file=error.name, source=error.source, reason=error.reason)
    if isinstance(error, errors.ValidationFailed):
        out["results"] = [_result(error, result) for result in error.report.results]
    if isinstance(error, errors.Refused):
        out["errors"] = [{"detail": str(e), **extensions(e)} for e in error.errors]
    return {key: value for key, value in out.items() if value is not None}


def _result(error: errors.ValidationFailed, result: ValidationResult) -> dict[str, object]:
    """One SHACL result: the shape's id, the focus node, the path, the message, and where the fact was stated."""
    out: dict[str, object] = {
        "shape": result.shape_id,
        "focus": str(result.focus),
        "path": result.path_text or None,
        "message": result.message,
        "severity": result.severity,
        "value": str(result.value) if result.value is not None and result.value != result.focus else None,
        "location": error.locations.get(result.focus) or error.source or None,
    }
    return {key: value for key, value in out.items() if value is not None}
