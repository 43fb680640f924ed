"""Compact JSON-LD, streamed: the whole store as one document, one node per line.

The document is ``{"@context": {...}, "@graph": [default nodes..., {"@id": g, "@graph": [...]}...]}``, with
the context embedded (so it reads offline: pyoxigraph, PyLD and rdflib fetch nothing), written
here and not by a JSON-LD processor: compacting Oxigraph's expanded JSON-LD with PyLD is about 15 times slower
(1.7 s against 0.1 s for 10,000 quads) and holds the whole document in memory. Every value is written either in
the exact form its term's ``@type`` coerces or as an explicit ``@value``/``@id`` object, so the document expands
back to exactly the store's quads.
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from functools import lru_cache
from typing import Any, Iterable, Iterator, Protocol

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, XSD

from lod.store import GraphName

__all__ = ["BinaryOutput", "JsonLdWriter", "document", "for_script"]


class BinaryOutput(Protocol):
    """Where a dump goes: an open binary file, or a ``gzip.GzipFile`` around one."""

    def write(self, data: bytes, /) -> object: ...

    def flush(self) -> object: ...

Statement = ox.Quad | ox.Triple  # the writer reads a subject, a predicate and an object; a quad's graph is given apart

_XSD = str(XSD)
_XSD_STRING = _XSD + "string"
_RDF_TYPE = str(RDF.type)
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,14})")  # JSON numbers stay exact below 2**53


def document(triples: Iterable[ox.Triple], context: str) -> bytes:
    """A few triples (one entity's description) as a compact JSON-LD document, ``context`` (the JSON text of an
    ``@context`` value) embedded; one node per subject, in the order the subjects first come. The context is
    passed as text, worked out once per text: parsing and writing it again was a tenth of an entity page."""
    out = _Bytes()
    compiled = _compiled(context)
    JsonLdWriter(compiled.context, out, compiled).write(_Triples(triples), RawJson(context))
    return bytes(out.data)


class RawJson(str):
    """JSON text written as it is where the writer takes a JSON value."""


@lru_cache(maxsize=8)
def _compiled(context: str) -> _Compiled:
    """What writing under one context needs, worked out once per context (an entity page writes a document
    under the same context every time)."""
    return _Compiled(json.loads(context))


class Source(Protocol):
    """What the writer reads: the part of :class:`lod.store.Store` it needs."""

    def quads(self, graph: GraphName | None = None) -> Iterator[Statement]: ...

    def graph_names(self) -> list[URIRef]: ...

    def __len__(self) -> int: ...


class _Triples:
    """A few triples, in the default graph, each subject's together (in the order the subjects first come)."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        by_subject: dict[object, dict[ox.Triple, None]] = {}
        for t in triples:
            by_subject.setdefault(t.subject, {})[t] = None  # a dict keeps the order and drops repeats
        self._triples = [t for group in by_subject.values() for t in group]

    def quads(self, graph: GraphName | None = None) -> Iterator[Statement]:
        if graph is not None and graph != ox.DefaultGraph():
            return iter(())
        return iter(self._triples)  # the triples themselves: a quad made for each was a twentieth of an HTML page

    def graph_names(self) -> list[URIRef]:
        return []

    def __len__(self) -> int:
        return len(self._triples)


def for_script(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u003c`` and so on
    (JSON allows them only inside strings, where the escapes mean the same), so no ``</script>`` or ``<!--``
    in the data can end or swallow the element.

    >>> print(for_script('{"a": "<!--<script>x</script> & y"}'))
    {"a": "\\u003c!--\\u003cscript\\u003ex\\u003c/script\\u003e \\u0026 y"}
    """
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class _Bytes:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes, /) -> int:
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


class JsonLdWriter:
    """Writes the store as ``{"@context": {...}, "@graph": [default nodes..., {"@id": g, "@graph": [...]}...]}``."""

    def __init__(self, context: dict[str, Any], out: BinaryOutput, compiled: _Compiled | None = None) -> None:
        self._out = out
        self._buffer: list[str] = []
        self._size = 0
        self._separator = "\n"
        known = compiled or _Compiled(context)
        self._properties, self._compact = known.properties, known.compact
        self._line_values: dict[bytes, tuple[str, str]] = {}  # "predicate object ." -> key, JSON value
        self._line_predicates: dict[bytes, tuple[str, str | None, bool]] = {}  # <p> -> key, coercion, rdf:type
        self._keys: dict[str, str] = {}  # key -> its JSON text

    def write(self, store: Source, context: str | dict[str, Any]) -> int:
        """Write every quad of ``store``; ``context`` is the ``@context`` value (a URL, or the context itself)."""
        self.begin(context)
        self.add(ox.DefaultGraph(), store.quads(ox.DefaultGraph()))
        for name in store.graph_names():
            graph = ox.NamedNode(name)
            self.add(graph, store.quads(graph))
        self.end()
        return len(store)

    def begin(self, context: str | dict[str, Any]) -> None:
        """Start the document (then :meth:`add` each graph, default graph first, and :meth:`end`)."""
        text = context if isinstance(context, RawJson) else json.dumps(context, ensure_ascii=False)
        self._emit('{"@context": ' + text + ',\n"@graph": [')
        self._separator = "\n"

    def add(self, graph: ox.NamedNode | ox.DefaultGraph, quads: Iterable[Statement]) -> None:
        """Write one graph's quads (or triples: their graph is ``graph``), each subject's together."""
        self._write_graph(graph, self._nodes(quads))

    def _write_graph(self, graph: ox.NamedNode | ox.DefaultGraph, nodes: Iterator[str]) -> None:
        if isinstance(graph, ox.DefaultGraph):
            for node in nodes:
                self._emit(self._separator + node)
                self._separator = ",\n"
            return
        head = self._separator + '{"@id": ' + json.dumps(self._compact(graph.value)) + ', "@graph": [\n'
        inner = ""
        for node in nodes:
            self._emit((inner or head) + node)
            inner = self._separator = ",\n"
        if inner:
            self._emit("\n]}")

    def add_lines(self, graph: ox.NamedNode | ox.DefaultGraph, ntriples: bytes) -> None:
        """Write one graph given as N-Triples as Oxigraph writes them, each subject's lines together (sorted): the
        same text as :meth:`add` of its quads in the lines' order, without a Python object per term (a value met
        before, the same predicate with the same object, is looked up by its bytes: two thirds of a build's)."""
        self._write_graph(graph, self._line_nodes(ntriples))

    def end(self) -> None:
        self._emit("\n]}\n")
        self._flush()

    def _nodes(self, quads: Iterable[Statement]) -> Iterator[str]:
        """Node objects as JSON text, one per run of quads with the same subject (Oxigraph's GSPO order)."""
        subject: object = None
        node: dict[str, list[Any]] = {}
        for quad in quads:
            if quad.subject != subject:
                if node:
                    yield self._node_text(subject, node)
                subject, node = quad.subject, {}
            predicate = quad.predicate.value
            obj = quad.object
            if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
                node.setdefault("@type", []).append(self._compact(obj.value))
                continue
            key, coercion = self._properties.get(predicate) or (self._compact(predicate), None)
            node.setdefault(key, []).append(self._value(obj, coercion))
        if node:
            yield self._node_text(subject, node)

    def _line_nodes(self, ntriples: bytes) -> Iterator[str]:
        """:meth:`_nodes` of N-Triples lines: each node's values as JSON text, written without ``json.dumps``.
        The lines are sorted, so a subject's lines with one predicate come together: the node's list for a key
        is looked up when the key changes, not at every line."""
        values = self._line_values
        if len(values) > _LINE_VALUES:
            values.clear()
        value_of = self._line_value
        subject = b""
        node: dict[str, list[str]] = {}
        last_key = ""
        held: list[str] = []
        for line in ntriples.splitlines():
            s, po = line.split(b" ", 1)  # an IRI or blank node label holds no space
            if s != subject:
                if node:
                    yield self._line_node_text(subject, node)
                subject, node, last_key = s, {}, ""
            entry = values.get(po)  # the predicate and object, " ." included
            if entry is None:
                p, o = po.split(b" ", 1)
                entry = values[po] = value_of(p, o[:-2], line)
            key, value = entry
            if key != last_key:
                last_key = key
                held = node.setdefault(key, [])
            held.append(value)
        if node:
            yield self._line_node_text(subject, node)

    def _line_value(self, p: bytes, o: bytes, line: bytes) -> tuple[str, str]:
        """The key and the JSON text of a line's value (``@type`` for an IRI class), as :meth:`_nodes` gives it:
        from the bytes for an IRI, a blank node or a literal without an escape, from Oxigraph's term otherwise.
        What a predicate gives (its key, its coercion, whether it is ``rdf:type``) is kept by its bytes."""
        known = self._line_predicates.get(p)
        if known is None:
            predicate = p[1:-1].decode("utf-8")
            key, coercion = self._properties.get(predicate) or (self._compact(predicate), None)
            known = self._line_predicates[p] = (key, coercion, predicate == _RDF_TYPE)
        key, coercion, is_type = known
        first = o[:1]
        if first == b"<" and o[1:2] != b"<":
            ref = encode_basestring(self._compact(o[1:-1].decode("utf-8")))
            if is_type:
                return "@type", ref
            return key, ref if coercion == "@id" else '{"@id": ' + ref + "}"
        if first == b"_":  # a blank node label, "_:..."
            ref = encode_basestring(o.decode("utf-8"))
            return key, ref if coercion == "@id" else '{"@id": ' + ref + "}"
        if first == b'"' and b"\\" not in o:  # no escape: the lexical form is the bytes between the quotes
            end = o.rindex(b'"')
            value = o[1:end].decode("utf-8")
            if end == len(o) - 1:  # a string (xsd:string): see _literal
                text = encode_basestring(value)
                return key, text if coercion is None or coercion == _XSD_STRING else '{"@value": ' + text + "}"
            suffix = o[end + 1 :]
            if suffix[:3] == b"^^<":
                return key, _json(self._literal(value, suffix[3:-1].decode("utf-8"), coercion))
            if suffix[:1] == b"@" and b"--" not in suffix:  # a base direction (RDF 1.2) is left to Oxigraph
                return key, '{"@value": ' + encode_basestring(value) + ', "@language": ' + encode_basestring(suffix[1:].decode("ascii")) + "}"
        obj: ox.Quad = next(iter(ox.parse(line + b"\n", format=ox.RdfFormat.N_TRIPLES)))
        if is_type and isinstance(obj.object, ox.NamedNode):
            return "@type", encode_basestring(self._compact(obj.object.value))
        return key, _json(self._value(obj.object, coercion))

    def _line_node_text(self, subject: bytes, node: dict[str, list[str]]) -> str:
        """:meth:`_node_text` of values already JSON text: the same text."""
        parts = ['{"@id": ' + encode_basestring(self._subject_id(subject))]
        types = node.pop("@type", None)
        if types is not None:
            parts.append('"@type": ' + (types[0] if len(types) == 1 else "[" + ", ".join(types) + "]"))
        keys = self._keys
        for key in sorted(node):
            values = node[key]
            text = keys.get(key)
            if text is None:
                text = keys[key] = encode_basestring(key)
            parts.append(text + ": " + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
        return ", ".join(parts) + "}"

    def _subject_id(self, text: bytes) -> str:
        if text[:1] == b"<" and text[:2] != b"<<":
            return self._compact(text[1:-1].decode("utf-8"))
        if text[:2] == b"_:":
            return text.decode("utf-8")
        raise ValueError(f"cannot write {text.decode('utf-8', 'replace')} as a JSON-LD node")

    def _node_text(self, subject: object, node: dict[str, list[Any]]) -> str:
        out: dict[str, Any] = {"@id": self._term_id(subject)}
        if "@type" in node:
            types = node.pop("@type")
            out["@type"] = types[0] if len(types) == 1 else types
        for key in sorted(node):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        return json.dumps(out, ensure_ascii=False, separators=(", ", ": "))

    def _term_id(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return self._compact(term.value)
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        raise ValueError(f"cannot write {term!r} as a JSON-LD node")

    def _value(self, obj: object, coercion: str | None) -> Any:
        if isinstance(obj, (ox.NamedNode, ox.BlankNode)):
            ref = self._term_id(obj)
            return ref if coercion == "@id" else {"@id": ref}
        if not isinstance(obj, ox.Literal):
            raise ValueError(f"cannot write {obj!r} in JSON-LD")
        if obj.language:
            direction = getattr(obj, "direction", None)  # RDF 1.2 base direction, when pyoxigraph has it
            return {"@value": obj.value, "@language": obj.language, **({"@direction": direction} if direction else {})}
        return self._literal(obj.value, obj.datatype.value, coercion)

    def _literal(self, value: str, datatype: str, coercion: str | None) -> Any:
        """The JSON value of a literal without a language, under the property's ``coercion``."""
        if datatype == _XSD + "integer" and coercion in (None, datatype) and _CANONICAL_INTEGER.fullmatch(value):
            if value != "-0":  # a native JSON number reads back as exactly this literal
                return int(value)
        if datatype == coercion:
            return value
        if coercion is None:
            if datatype == _XSD + "string":
                return value
            if datatype == _XSD + "boolean" and value in ("true", "false"):
                return value == "true"
        if datatype == _XSD + "string":
            return {"@value": value}
        return {"@value": value, "@type": self._compact(datatype)}

    def _emit(self, text: str) -> None:
        self._buffer.append(text)
        self._size += len(text)
        if self._size > 1 << 20:
            self._flush()

    def _flush(self) -> None:
        self._out.write("".join(self._buffer).encode("utf-8"))
        self._buffer, self._size = [], 0


_HEADS_KEPT = 1 << 16  # IRI heads kept with their namespace
_LINE_VALUES = 1 << 18  # values kept by bytes: a build meets about 110,000 new ones per 1,000 articles, most once


def _json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(", ", ": "))`` of a value :meth:`JsonLdWriter._value`
    gives (a string, a number, a boolean, or an object of those), without building an encoder for each."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(encode_basestring(key) + ": " + _json(item) for key, item in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


class _Compiled:
    """A context worked out for writing: each property's term and coercion, and IRIs compacted (cached)."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        # A prefix is a plain string ending in / or #; longest namespace first so the most specific wins.
        namespaces = {name: iri for name, iri in context.items() if isinstance(iri, str) and iri[-1:] in "/#"}
        self._namespaces = sorted(((iri, name) for name, iri in namespaces.items()), key=lambda p: -len(p[0]))
        self._by_iri: dict[str, str] = {}
        for iri, name in self._namespaces:
            self._by_iri.setdefault(iri, name)  # of two names for one namespace, the one the context gives first
        self._terms = set(context)
        # Property IRI -> (term, its @type coercion as a full IRI or "@id", or None).
        self.properties: dict[str, tuple[str, str | None]] = {}
        for term, definition in context.items():
            if term in namespaces:
                continue
            if isinstance(definition, str):
                iri, coercion = definition, None
            else:
                iri, coercion = definition["@id"], definition.get("@type")
            if coercion is not None and coercion != "@id":
                coercion = self._expand(coercion, namespaces)
            self.properties[self._expand(iri, namespaces)] = (term, coercion)
        # The IRI's part up to its last / or # (its head) -> the namespace's name with its colon and where the
        # local part starts, or None: the head alone decides (see _namespace_of), and lod's IRIs are many, their
        # heads few (a build compacts 40,000 new IRIs per 1,000 articles; an IRI cache of them was mostly misses).
        self._heads: dict[str, tuple[str, int] | None] = {}
        self.compact = self._compact_iri

    @staticmethod
    def _expand(curie: str, namespaces: dict[str, str]) -> str:
        prefix, _, local = curie.partition(":")
        return namespaces[prefix] + local if prefix in namespaces else curie

    def _compact_iri(self, iri: str) -> str:
        cut = max(iri.rfind("/", 0, len(iri) - 1), iri.rfind("#", 0, len(iri) - 1))  # a non-empty local part after it
        if cut >= 0:
            head = iri[: cut + 1]
            heads = self._heads
            if head in heads:
                found = heads[head]
            else:
                if len(heads) >= _HEADS_KEPT:
                    heads.clear()
                found = heads[head] = self._namespace_of(head)
            if found is not None:
                return found[0] + iri[found[1] :]
        scheme = iri.partition(":")[0]
        if scheme in self._terms:
            # JSON-LD would read "geo:..." as a compact IRI under our prefix; there is no escape for that.
            raise ValueError(f"cannot write {iri} in JSON-LD: its scheme is a term of our context")
        return iri

    def _namespace_of(self, head: str) -> tuple[str, int] | None:
        """The name (with its colon) of the longest namespace that ``head`` (an IRI up to its last / or #, that
        last one not its final character) starts with and that leaves a local part not starting with //, and
        where that local part starts; None when there is none. The longest namespace first: each ends in / or #,
        so it ends where the head has one; the head's are tried from the right. What follows the head holds no /
        or # but maybe a final one, so it never makes a local part start with //: the head decides alone."""
        by_iri = self._by_iri
        cut = len(head) - 1
        while cut >= 0:
            name = by_iri.get(head[: cut + 1])
            if name is not None and not head.startswith("//", cut + 1):
                return name + ":", cut + 1
            cut = max(head.rfind("/", 0, cut), head.rfind("#", 0, cut))
        return None
