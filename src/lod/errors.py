"""One error tree for the whole project; the web layer maps it to HTTP in one place.

    LodError
    ├── NotFound                 an entity, graph or file that is not there
    ├── NotAcceptable            no offered format fits the Accept header
    ├── InputError               bad input from a user, with where it is
    │   ├── RdfSyntaxError       Turtle/JSON-LD/... that does not parse (path, line, column)
    │   ├── ArticleError         an article file that cannot be read (path, line, column)
    │   └── CorrectionsError     a corrections file that cannot be applied (path, line)
    ├── ValidationFailed         a graph that does not conform to the shapes (report)
    ├── Refused                  several of the above at once: a build that writes nothing
    ├── StoreUnavailable         the store cannot be opened (locked by a server, unreadable)
    ├── PublishFailed            the store was written but the dumps could not be
    ├── DumpPending              a dump file the catalog names that is still being made
    └── QueryError               a SPARQL request that cannot be answered
        ├── QuerySyntaxError     the parser's message and position
        ├── QueryRefused         updates, SERVICE and other forbidden forms
        ├── QueryTooLarge        a request body or query text over the size limit
        ├── QueryTimeout         stopped after the configured time
        └── QueryOutOfMemory     stopped when it needed more memory than a query may use
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

    from lod.formats import Format
    from lod.pipeline.validation import ValidationReport


class LodError(Exception):
    """Base of every error lod raises on purpose."""

    title = "Error"

    def __str__(self) -> str:  # pragma: no cover - subclasses override
        return self.title


@dataclass
class Where:
    """A place in a file: ``path:line:col`` (line and column 1-based; unknown parts omitted)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out


class NotFound(LodError):
    title = "Not Found"

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what

    def __str__(self) -> str:
        return f"not found: {self.what}"


class NotAcceptable(LodError):
    title = "Not Acceptable"

    def __init__(self, offered: Sequence[Format]) -> None:
        super().__init__()
        self.offered = list(offered)

    def __str__(self) -> str:
        return "no acceptable format; offered: " + ", ".join(f.media_type for f in self.offered)


class InputError(LodError):
    """Input that cannot be used, with where it is."""

    title = "Bad Input"

    def __init__(self, where: Where, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RdfSyntaxError(InputError):
    title = "RDF Syntax Error"


class ArticleError(InputError):
    title = "Malformed Article"


class CorrectionsError(InputError):
    title = "Malformed Corrections"


class ValidationFailed(LodError):
    title = "Validation Failed"

    def __init__(self, report: ValidationReport, source: str = "", locations: Mapping[URIRef, str] | None = None) -> None:
        super().__init__()
        self.report = report
        self.source = source
        self.locations: dict[Node, str] = dict(locations.items()) if locations else {}

    def __str__(self) -> str:
        return self.report.describe(self.source, self.locations.get)


class Refused(LodError):
    title = "Refused"

    def __init__(self, errors: Sequence[LodError]) -> None:
        super().__init__()
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class DumpPending(LodError):
    """A dump file the catalog names as pending (:mod:`lod.publish.derivation`): ask again after ``retry_after`` s."""

    title = "Dump Being Prepared"

    def __init__(self, name: str, source: str, retry_after: int) -> None:
        super().__init__(name)
        self.name, self.source, self.retry_after = name, source, retry_after

    def __str__(self) -> str:
        return (f"{self.name} is being prepared from {self.source} of the latest build; ask again in {self.retry_after} s "
                f"(the listing at /dumps/ says which files are ready)")


class DumpFailed(LodError):
    """A dump file its maker could not make (:mod:`lod.publish.derivation`): it tries again at its next start."""

    title = "Dump Not Made"

    def __init__(self, name: str, source: str, reason: str) -> None:
        super().__init__(name)
        self.name, self.source, self.reason = name, source, reason

    def __str__(self) -> str:
        return (f"{self.name} could not be made from {self.source}: {self.reason}. It is tried again when the server "
                f"starts again or `lod dump --missing` runs; {self.source} itself is at /dumps/{self.source}")


class StoreUnavailable(LodError):
    title = "Store Unavailable"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot open the store: {self.reason}"


class PublishFailed(LodError):
    title = "Publishing Failed"

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(reason)
        self.folder = folder
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.folder}: the store holds the new data, but the dumps could not be written: {self.reason}"


class QueryError(LodError):
    title = "Bad Query"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class QuerySyntaxError(QueryError):
    title = "SPARQL Syntax Error"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class QueryRefused(QueryError):
    title = "Query Refused"


class QueryTooLarge(QueryError):
    title = "Query Too Large"


class QueryTimeout(QueryError):
    title = "Query Timeout"


class QueryOutOfMemory(QueryError):
    title = "Query Out of Memory"
