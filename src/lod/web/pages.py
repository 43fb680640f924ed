"""What an entity page shows, built from its description: names instead of URIs, grouped properties,
the links pointing at it, and the sentence each statement or observation was taken from.

Everything here is plain data for ``templates/entity.html``; no HTML is written in Python.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from lod.publish.summaries import Index
from lod.rdf.namespaces import OA, SCHEMA, dis, prefixes
from lod.store import Store, to_rdflib
from lod.web import panels
from lod.web.describe import INCOMING_LIMIT, Description, incoming_count, incoming_query
from lod.web.links import to_site
from lod.web.neighbourhood import Neighbourhood
from lod.web.panels import Panels
from lod.web.versioncache import kept
from lod.web.vocabulary import Vocabulary

INCOMING_COUNTED = 500  # a page counts the links to its entity this far (its CSV link lists every one)

__all__ = ["EntityPage", "Source", "Value", "entity_page", "label_of", "page_with_panels", "panel_links"]

LABELS = (SKOS.prefLabel, SCHEMA.name, RDFS.label, SCHEMA.headline, DCTERMS.title)
# Shown in their own places on the page, not in the property table.
SHOWN_ELSEWHERE = {RDF.type, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline, SCHEMA.text, SCHEMA.articleBody, PROV.wasDerivedFrom}
# Incoming links a panel shows better (the article's marked body, the figures tables).
SHOWN_IN_PANELS = {
    "http://www.w3.org/ns/oa#hasSource",
    "{dis}reportedBy",
    "http://purl.org/linked-data/sdmx/2009/dimension#refArea",
    "https://schema.org/containedInPlace",
    "https://schema.org/author",
}
MAX_DEPTH = 3
# How a page names the things that point at it, by the property they point with.
INCOMING = {
    "https://schema.org/appearance": "statements in it",
    "http://www.w3.org/ns/oa#hasSource": "quoted passages",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "source of",
    "https://schema.org/containedInPlace": "contains",
    "https://schema.org/containsPlace": "part of",
    "http://purl.org/linked-data/sdmx/2009/dimension#refArea": "observations of this area",
    "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod": "observations over this period",
    "http://www.w3.org/2004/02/skos/core#inScheme": "concepts",
    "http://www.w3.org/ns/org#heldBy": "post held",
    "http://www.w3.org/ns/org#member": "memberships",
    "http://www.w3.org/ns/org#postIn": "posts",
    "http://www.w3.org/ns/org#organization": "memberships",
    "https://schema.org/author": "statements made",
    "https://schema.org/publisher": "articles published",
    "https://schema.org/mentions": "mentioned in",
    "https://schema.org/about": "subject of",
    "{dis}reportedBy": "figures reported",
    "{dis}statedIn": "figures stated",
    "{dis}claimedWeapon": "alleged in",
    "{dis}cause": "figures it caused, as reported",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor": "events taking part in",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace": "events here",
}
# Readable names for reused terms whose local names read badly.
FRIENDLY = {
    "http://purl.org/linked-data/sdmx/2009/dimension#refArea": "area",
    "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod": "period",
    "https://schema.org/minValue": "at least (derived)",
    "https://schema.org/maxValue": "at most (derived)",
    "http://purl.org/linked-data/cube#dataSet": "data set",
    "https://schema.org/containedInPlace": "in",
    "https://schema.org/containsPlace": "contains",
    "https://schema.org/appearance": "appears in",
    "http://purl.org/dc/terms/type": "kind",
    "http://www.w3.org/ns/oa#hasSource": "source",
    "http://www.w3.org/ns/oa#hasSelector": "selector",
    "http://www.w3.org/ns/oa#exact": "exact quote",
    "http://www.w3.org/2006/time#inXSDDate": "date",
    "http://www.opengis.net/ont/geosparql#asWKT": "WKT",
}


@dataclass
class Value:
    """One object of a property: a link, a literal, or a blank node shown as nested rows."""

    text: str
    href: str | None = None
    iri: str | None = None
    note: str | None = None  # language tag or datatype, in small print
    rows: list[Row] = field(default_factory=list)
    lang: str | None = None


@dataclass
class Row:
    """One property and its values."""

    label: str
    iri: str
    curie: str
    values: list[Value]
    href: str | None = None  # where the property is documented on this site (ours), else None: its IRI


@dataclass
class Source:
    """A quoted sentence and the article it comes from."""

    prefix: str
    exact: str
    suffix: str
    article_href: str | None
    article_title: str | None
    span_href: str | None


@dataclass
class EntityPage:
    uri: str
    title: str
    types: list[Value]
    text: str | None
    rows: list[Row]
    incoming: list[Row]
    sources: list[Source]
    type_iris: set[str] = field(default_factory=set)
    body: str | None = None  # an article's text, shown with its spans marked
    incoming_total: int = 0  # links to the entity in all, when there are more than the description holds
    incoming_href: str | None = None  # a query listing every one of them
    incoming_shown: int = 0
    incoming_more: bool = False  # more than INCOMING_COUNTED: the page says "more than"
    incoming_pages: str | None = None  # every link to the entity, a page at a time (lod.web.incoming)


class _Labeller:
    """Names for terms: the graph's labels, our vocabulary's, or a readable local name."""

    def __init__(
        self, graph: Neighbourhood, base: str, vocab: str, site: str, vocabulary: Vocabulary, names: dict[str, str] | None = None
    ) -> None:
        self.graph, self.base, self.vocab, self.site, self.vocabulary = graph, base, vocab, site, vocabulary
        self.names = names or {}
        self.prefixes = sorted(prefixes(base, vocab).items(), key=lambda item: -len(item[1]))

    def label(self, node: Node) -> str:
        return (
            label_of(self.graph, node)
            or self.names.get(str(node))
            or self.vocabulary.label(str(node))
            or FRIENDLY.get(str(node))
            or self._unlabelled(node)
        )

    def term_label(self, term: Node) -> str:
        """A property's name: our vocabulary's label, a friendlier name, or its local name spaced out."""
        return self.vocabulary.label(str(term)) or FRIENDLY.get(str(term)) or _humanize(str(term))

    def _unlabelled(self, node: Node) -> str:
        """A thing without a label: its sentence if it has one, else its kind and key."""
        if (text := self.graph.value(node, SCHEMA.text)) is not None:
            return _shorten(str(text))
        for selector in self.graph.objects(node, OA.hasSelector):
            if (exact := self.graph.value(selector, OA.exact)) is not None:
                return f"“{_shorten(str(exact))}”"
        if not str(node).startswith((self.base, self.vocab)):
            return str(node)
        if "/span/" in str(node):  # a passage of an article, named by where it is
            start, _, end = str(node).rsplit("/", 1)[-1].partition("-")
            return f"passage at characters {start}–{end}"
        kind = self.graph.value(node, RDF.type)
        if kind is not None and str(node).startswith(self.base + "id/"):
            return f"{self.term_label(kind).capitalize()} {str(node).rsplit('/', 1)[-1][:8]}"
        return _humanize(str(node))

    def type_value(self, node: Node) -> Value:
        """A type chip: our vocabulary's label, else the compact name (``schema:Person``)."""
        iri = str(node)
        return Value(self.vocabulary.label(iri) or self.curie(iri), href=self.href(iri), iri=iri)

    def curie(self, iri: str) -> str:
        for name, namespace in self.prefixes:
            if iri.startswith(namespace) and name != "id":
                return f"{name}:{iri[len(namespace):]}"
        return iri

    def href(self, iri: str) -> str:
        """Our things link to their document on this site (no 303 hop), our vocabulary's terms to their page
        under /def/ here; others link out."""
        return to_site(iri, self.base, self.vocab, self.site)

    def value(self, node: Node, depth: int = 0) -> Value:
        if isinstance(node, Literal):
            note = node.language or (self.curie(str(node.datatype)) if node.datatype and node.datatype != XSD.string else None)
            return Value(_literal_text(node), note=note, lang=node.language)
        if isinstance(node, BNode):
            rows = self.rows(node, depth + 1, skip=set()) if depth < MAX_DEPTH else []
            types = ", ".join(self.term_label(t) for t in self.graph.objects(node, RDF.type))
            return Value(types or "(anonymous)", rows=rows)
        iri = str(node)
        return Value(self.label(node), href=self.href(iri), iri=iri)

    def rows(self, subject: Node, depth: int = 0, skip: set[URIRef] = SHOWN_ELSEWHERE) -> list[Row]:
        by_predicate: dict[URIRef, list[Value]] = {}
        for predicate, obj in sorted(self.graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate in skip or (depth and predicate == RDF.type):
                continue
            by_predicate.setdefault(predicate, []).append(self.value(obj, depth))  # type: ignore[arg-type]
        return [Row(self.term_label(p), str(p), self.curie(str(p)), values, self.href(str(p))) for p, values in by_predicate.items()]

    def incoming(self, entity: URIRef, skip: set[str] = frozenset()) -> list[Row]:  # type: ignore[assignment]
        by_predicate: dict[URIRef, list[Value]] = {}
        for subject, predicate in sorted(self.graph.subject_predicates(entity), key=lambda sp: (str(sp[1]), str(sp[0]))):
            if isinstance(subject, URIRef) and str(predicate) not in skip:
                by_predicate.setdefault(predicate, []).append(self.value(subject))  # type: ignore[arg-type]
        rows = [
            Row(INCOMING.get(str(p).replace(str(dis(self.vocab)), "{dis}", 1)) or f"{self.term_label(p)} of", str(p), self.curie(str(p)), values, self.href(str(p)))
            for p, values in by_predicate.items()
        ]
        for row in rows:  # in words, by name: "contains" lists districts before towns, each alphabetically
            row.values.sort(key=lambda v: (v.text.startswith(("Displacement", "passage")), v.text.lower()))
        return rows

    def sources(self, entity: URIRef) -> list[Source]:
        out = []
        for span in sorted(self.graph.objects(entity, PROV.wasDerivedFrom), key=str):
            quote = next((s for s in self.graph.objects(span, OA.hasSelector) if self.graph.value(s, OA.exact)), None)
            if quote is None:
                continue
            article = self.graph.value(span, OA.hasSource)
            out.append(
                Source(
                    prefix=str(self.graph.value(quote, OA.prefix) or ""),
                    exact=str(self.graph.value(quote, OA.exact)),
                    suffix=str(self.graph.value(quote, OA.suffix) or ""),
                    article_href=self.href(str(article)) if article is not None else None,
                    article_title=self.label(article) if article is not None else None,
                    span_href=self.href(str(span)),
                )
            )
        return out


def entity_page(
    description: Description,
    base: str,
    vocab: str,
    site: str,
    vocabulary: Vocabulary,
    names: dict[str, str] | None = None,
    panelled: bool = False,
) -> EntityPage:
    """The page for ``description.entity``; ``site`` is the URL this server answers on. ``names`` gives words
    for things the description does not label (observations); ``panelled`` leaves out the incoming links that
    the page's panels show (figures, passages)."""
    skip = {p.replace("{dis}", str(dis(vocab))) for p in SHOWN_IN_PANELS} if panelled else set()
    graph = Neighbourhood((_term(t.subject), _term(t.predicate), _term(t.object)) for t in _shown(description, skip))
    entity = URIRef(description.entity)
    labeller = _Labeller(graph, base, vocab, site, vocabulary, names)
    text = graph.value(entity, SCHEMA.text)
    body = graph.value(entity, SCHEMA.articleBody)
    return EntityPage(
        uri=description.entity,
        title=_title(graph, entity, labeller, vocab),
        types=[labeller.type_value(t) for t in sorted(graph.objects(entity, RDF.type), key=str)],
        text=str(text) if text is not None else None,
        rows=labeller.rows(entity),
        incoming=labeller.incoming(entity, skip),
        sources=labeller.sources(entity),
        type_iris={str(t) for t in graph.objects(entity, RDF.type)},
        body=str(body) if body is not None else None,
    )


def panel_links(vocab: str) -> frozenset[str]:
    """The properties of the links to an entity that its page's panels show (figures, passages, places inside):
    an HTML page's description can leave them out (``describe(..., hide=panel_links(vocab))``); ``vocab`` is the
    vocabulary namespace (``Settings.vocab_uri``)."""
    return frozenset(p.replace("{dis}", str(dis(vocab))) for p in SHOWN_IN_PANELS)


def page_with_panels(
    store: Store, description: Description, base: str, vocab: str, site: str, vocabulary: Vocabulary,
    index: Callable[[], Index | None] | None = None,
) -> tuple[EntityPage, Panels]:
    """The page and its panels (figures, map, marked body), with observations named in words."""
    skip = panel_links(vocab)
    observations = sorted(  # those the page names (the panels show the others in their own words)
        {
            t.value
            for triple in description.triples
            if triple.predicate.value not in skip and description.entity in (getattr(triple.subject, "value", None), getattr(triple.object, "value", None))
            for t in (triple.subject, triple.object)
            if isinstance(t, ox.NamedNode) and t.value.startswith(base + "id/observation/") and t.value != description.entity
        }  # an observation's own page titles it from its description: no lookups for its own words
    )
    names = panels.phrases(store, vocab, observations)
    page = entity_page(description, base, vocab, site, vocabulary, names, panelled=True)
    linking = {(t.subject.value, t.predicate.value) for t in description.triples
               if isinstance(t.subject, ox.NamedNode) and getattr(t.object, "value", None) == description.entity}
    if len(linking) >= INCOMING_LIMIT:  # the description holds the first of them: say how many, and where the rest are
        count = kept(store, ("incoming", description.entity, tuple(sorted(skip))),  # a hub's: counted once per version of the store
                     lambda: incoming_count(store, description.entity, skip, INCOMING_COUNTED))
        page.incoming_total, page.incoming_shown = count, len(linking)
        page.incoming_more = page.incoming_total > INCOMING_COUNTED
        page.incoming_href = f"{site}sparql?query={quote(incoming_query(description.entity, skip), safe='')}&format=csv"
        page.incoming_pages = f"{site}incoming/{to_site(description.entity, base, vocab, site).removeprefix(site)}"
    shown = panels.panels(store, vocab, description.entity, page.type_iris, page.body, index)
    return page, shown


def _shown(description: Description, skip: set[str]) -> list[ox.Triple]:
    """The triples the page needs: without the things that point at the entity only by a ``skip`` property
    (the panels list those), so a place with a thousand figures costs no more here than a quiet one."""
    if not skip:
        return description.triples
    entity = description.entity
    pointing: dict[str, bool] = {}  # subject -> whether some link of it to the entity is shown
    for t in description.triples:
        if getattr(t.object, "value", None) == entity and isinstance(t.subject, ox.NamedNode) and t.subject.value != entity:
            pointing[t.subject.value] = pointing.get(t.subject.value, False) or t.predicate.value not in skip
    linked = {
        t.object.value for t in description.triples if getattr(t.subject, "value", None) == entity and isinstance(t.object, ox.NamedNode)
    }
    hidden = {s for s, shown in pointing.items() if not shown and s not in linked}
    return [t for t in description.triples if getattr(t.subject, "value", None) not in hidden]


def label_of(graph: Neighbourhood, node: Node) -> str | None:
    """The best label the graph gives ``node``: English or untagged first, by LABELS order."""
    for predicate in LABELS:
        labels = list(graph.objects(node, predicate))
        if labels:
            labels.sort(key=lambda lit: (getattr(lit, "language", None) not in (None, "en"), str(lit)))
            return str(labels[0])
    return None


def _title(graph: Neighbourhood, entity: URIRef, names: _Labeller, vocab_uri: str) -> str:
    """A heading: the label, else a phrase for observations and statements, else the type and key."""
    if (label := label_of(graph, entity)) is not None:
        return label
    vocab = dis(vocab_uri)
    figure = graph.value(entity, vocab.figureAsPrinted) or graph.value(entity, vocab.reportedFigure)
    if figure is not None:
        qualifier = graph.value(entity, vocab.figureQualifier)
        unit = graph.value(entity, vocab.populationUnit)
        words = [names.label(qualifier) if qualifier is not None and not str(qualifier).endswith("/exact") else "", str(figure)]
        return " ".join(w for w in [*words, names.label(unit) if unit is not None else ""] if w)
    author = graph.value(entity, SCHEMA.author)
    kind = graph.value(entity, DCTERMS.type)
    if author is not None:
        return f"{names.label(kind).capitalize() if kind is not None else 'Statement'} by {names.label(author)}"
    return _humanize(str(entity))


def _term(term: object) -> Node:
    """A pyoxigraph term as rdflib's, keeping each literal's lexical form exactly as stored
    (rdflib would otherwise rewrite ``"PT24H"^^xsd:duration`` as ``P1D``). rdflib checks every IRI and literal it
    makes, a tenth of a page: IRIs and short literals (names, dates, figures) come back made from a cache."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        if len(term.value) > _CACHED_LITERAL:
            return _literal(term.value, term.language, term.datatype.value)
        return _cached_literal(term.value, term.language, term.datatype.value)
    return to_rdflib(term)


_CACHED_LITERAL = 200  # characters: article bodies and sentences are made afresh, not kept


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def _literal(value: str, language: str | None, datatype: str) -> Literal:
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=_iri(datatype), normalize=False)


_cached_literal = lru_cache(maxsize=1 << 16)(_literal)


def _shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _literal_text(literal: Literal) -> str:
    if literal.datatype == XSD.integer:
        try:
            return f"{int(literal):,}"
        except ValueError:
            return str(literal)
    return str(literal)


def _humanize(iri: str) -> str:
    """``schema:datePublished`` -> ``date published``, ``time:hasXSDDuration`` -> ``has XSD duration``;
    anything that is not a camel-case name (a key, a slug) is kept as it is."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    if not re.fullmatch(r"[a-z][A-Za-z0-9]*", local):
        return local
    words = re.findall(r"[A-Z]{2,}(?=[A-Z][a-z]|[0-9]|$)|[A-Z]?[a-z0-9]+", local)
    return " ".join(w if w.isupper() else w.lower() for w in words)
