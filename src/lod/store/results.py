"""SPARQL 1.1 query results in JSON, XML, CSV and TSV (the W3C result formats), from pyoxigraph terms."""

from __future__ import annotations

import csv
import io
import json
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from lod.formats import Format

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def boolean_bytes(value: bool, fmt: Format) -> bytes:
    word = "true" if value else "false"
    if fmt.name == "srj":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.name == "srx":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    return f"_askResult\n{word}\n".encode() if fmt.name in ("csv", "tsv") else word.encode()


def solutions_bytes(variables: Sequence[str], rows: Sequence[Sequence[Term]], fmt: Format) -> bytes:
    if fmt.name == "srj":
        return _json(variables, rows)
    if fmt.name == "srx":
        return _xml(variables, rows)
    if fmt.name == "csv":
        return _csv(variables, rows)
    if fmt.name == "tsv":
        return _tsv(variables, rows)
    raise ValueError(f"{fmt.name} is not a SPARQL results format")


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    assert isinstance(term, ox.Triple)
    return {
        "type": "triple",
        "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object)},
    }


def _json(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    assert isinstance(term, ox.Triple)
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _csv(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else getattr(t, "value", str(t))) for t in row])
    return buffer.getvalue().encode()


def _tsv(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()
