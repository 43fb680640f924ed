"""Records -> RDF: one article's graph in our vocabulary (docs/model.md).

The mapping is general: it knows records and the model, never a particular article. Every statement and
observation points to the span of the article it came from; ``Mapped.locations`` remembers where each fact
was stated (``file:line:col``), so a validation report can send a person to the source line.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, cast
from uuid import uuid4

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

from lod.model.articles import STATED, Article
from lod.model.records import (
    EventRecord,
    Extraction,
    ObservationRecord,
    OrgMention,
    PersonRecord,
    PlaceMention,
    Span,
    StatementRecord,
)
from lod.places.boundaries import Readable, enclosing_unit
from lod.rdf.namespaces import GEO, OA, ORG, QB, SCHEMA, SDMX_DIM, SEM, Terms, dis
from lod.rdf.uris import Uris, digest, normalise, slug

# rdflib's vocabularies, each term looked up once (see Terms)
FOAF, PROV, RDF, RDFS, SKOS, TIME, XSD, DCT = (Terms(v) for v in (rdfns.FOAF, rdfns.PROV, rdfns.RDF, rdfns.RDFS, rdfns.SKOS, rdfns.TIME, rdfns.XSD, rdfns.DCTERMS))

CONTEXT_CHARS = 32
# Schemes whose concepts an article may add (a new post title); the others are closed lists, so an unknown
# value stays undefined and the shapes refuse it, with the line that stated it.
OPEN_SCHEMES = frozenset({"role"})
_REMEMBERED = 100_000  # (node, predicate) look-ups in the known graph a mapper remembers
_UNSEEN: Any = object()


Triple = tuple[Node, Node, Node]
Index = dict[Node, dict[Node, dict[Node, None]]]  # subject -> predicate -> objects (as keys, in the order added)


class Mapped:
    """An article's graph and where each fact in it was stated.

    Made from a graph, or (by the mapping) from its triples indexed by subject and predicate, and then the rdflib
    graph is made only when first asked for: a build reads the triples (:meth:`triples`) and the events
    (:meth:`reader`), and filling rdflib's store was a third of mapping an article.
    """

    def __init__(self, graph: Graph | None = None, locations: dict[URIRef, str] | None = None, *,
                 index: Index | None = None, shared: dict[Triple, None] | None = None) -> None:
        if graph is None and index is None:
            raise TypeError("Mapped needs a graph or an index of triples")
        self._graph = graph
        self._index = index
        self.locations: dict[URIRef, str] = {} if locations is None else locations
        # The identity triples (types, labels, names) of the nodes minted from a name, not from the article: the
        # same whichever article writes them, so a build stores them once, in the shared graph, not in each
        # article's (Uris.shared_graph). They are among :meth:`triples` too: validation sees them.
        self.shared: dict[Triple, None] = {} if shared is None else shared

    @property
    def graph(self) -> Graph:
        """The rdflib graph (made once, from the index, in the same order: its walk gives :meth:`triples`)."""
        if self._graph is None:
            store = SimpleMemory()
            graph = Graph(store=store)
            for triple in self.triples():
                store.add(triple, graph)
            self._graph = graph
        return self._graph

    def triples(self) -> list[Triple]:
        """Every triple once, as rdflib's walk of the graph gives them (by subject, then predicate, each in the
        order first added); the graph's, once it is made (a caller may change it)."""
        if self._graph is not None or self._index is None:
            return list(iter(self.graph))
        return [(s, p, o) for s, by_p in self._index.items() for p, objects in by_p.items() for o in objects]

    def split(self, ntriples: bytes, triples: list[Triple] | None = None) -> tuple[bytes, bytes]:
        """``ntriples`` (:meth:`triples` as N-Triples, a line each, in that order) parted into the article's own
        lines and those of :attr:`shared`; ``triples``: :meth:`triples`, if the caller has them (made again
        otherwise)."""
        if not self.shared:
            return ntriples, b""
        shared, subjects = self.shared, {s for s, _, _ in self.shared}
        lines = ntriples.splitlines(keepends=True)
        # the shared lines are a few of an article's hundreds: found by their position, the rest joined as they run
        kept = [i for i, triple in enumerate(self.triples() if triples is None else triples)
                if triple[0] in subjects and triple in shared]
        own: list[bytes] = []
        start = 0
        for i in kept:
            own.extend(lines[start:i])
            start = i + 1
        own.extend(lines[start:])
        return b"".join(own), b"".join([lines[i] for i in kept])

    def own_graph(self) -> Graph:
        """The article's graph without :attr:`shared` (what its named graph holds)."""
        graph = Graph()
        for triple in self.triples():
            if triple not in self.shared:
                graph.add(triple)
        return graph

    def shared_graph(self) -> Graph:
        """:attr:`shared` as a graph."""
        graph = Graph()
        for triple in self.shared:
            graph.add(triple)
        return graph

    def index(self) -> Index | None:
        """The triples by subject, then predicate, then object (as keys), in :meth:`triples`' order, for a reader
        that does not change them; None once the graph is made (a caller may have changed it)."""
        return self._index if self._graph is None else None

    def reader(self) -> Graph | TripleReader:
        """What reads the graph's subjects, objects and values cheapest: the graph if it is made, else the index."""
        if self._graph is not None or self._index is None:
            return self.graph
        return TripleReader(self._index)


class TripleReader:
    """The look-ups :func:`lod.events.matching.event_keys` makes, over an index of triples."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def subjects(self, predicate: Node, object: Node) -> list[Node]:  # noqa: A002 - rdflib's name
        return [s for s, by_p in self.index.items() if object in by_p.get(predicate, ())]

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return list(self.index.get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(iter(self.index.get(subject, {}).get(predicate, ())), None)


class Mapper:
    """Maps one article's records to RDF. ``known`` is the vocabulary + reference graph: concepts and
    organizations already defined there are linked to, never redefined."""

    def __init__(self, uris: Uris, known: Graph, resolve_org: Callable[[str], str | None]) -> None:
        self.uris = uris
        self.known = known
        self._resolve_org = resolve_org
        self._orgs: dict[str, str | None] = {}  # see resolve_org
        self.dis = dis(uris.vocab)
        self._known = _Remembered(known)
        self._iris: dict[tuple[str, ...], URIRef] = {}  # see iri
        self.dataset = uris.dataset

    def read_known_through(self, reader: Readable) -> None:
        """Look the known graph up through ``reader`` (what answers as it does, cheaper: the context's slice of
        each node, which the check reads for the same nodes anyway), each look-up still made once."""
        self._known = _Remembered(reader)

    def resolve_org(self, name: str) -> str | None:
        """The curated organization a name as written stands for (the reconciler's answer, found once a name: the
        same reporters, publishers and actors recur from one article to the next, and each try folds the name
        and tries its keys in Python)."""
        found = self._orgs.get(name, _UNSEEN)
        if found is _UNSEEN:
            if len(self._orgs) >= _REMEMBERED:
                self._orgs.clear()
            found = self._orgs[name] = self._resolve_org(name)
        return cast("str | None", found)

    def iri(self, kind: str, *key: str) -> URIRef:
        """``uris.<kind>(*key)`` (an IRI that recurs from one article to the next: a place, an organization, a
        concept, a day), made once (rdflib checks an IRI's characters in Python each time it makes one)."""
        found = self._iris.get((kind, *key))
        if found is None:
            if len(self._iris) >= _REMEMBERED:
                self._iris.clear()
            found = self._iris[(kind, *key)] = getattr(self.uris, kind)(*key)
        return found

    def map(self, article: Article, extraction: Extraction, origins: dict[int, str] | None = None) -> Mapped:
        """``origins`` maps ``id(record)`` to a location (corrections file line) overriding the body position."""
        run = _Run(self, article, origins or {})
        return run.map(extraction)

    def enclosing(self, members: list[URIRef]) -> URIRef | None:
        """:func:`lod.places.boundaries.enclosing_unit` of these members, reading the known graph through what the
        mapper remembers of it: the walk up the reference data through rdflib was a fifth of mapping an article
        (the same towns and their governorates recur)."""
        return enclosing_unit(self._known, members, self.uris.vocab)


class _Remembered:
    """A graph's objects and values, each looked up once (for a graph that does not change: the known one)."""

    def __init__(self, graph: Readable) -> None:
        self.graph = graph
        self._objects: dict[tuple[Node, Node], list[Node]] = {}

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        key = (subject, predicate)
        found = self._objects.get(key)
        if found is None:
            if len(self._objects) >= _REMEMBERED:
                self._objects.clear()
            found = self._objects[key] = list(self.graph.objects(subject, predicate))
        return found

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(iter(self.objects(subject, predicate)), None)


class _Run:
    """State for mapping one article."""

    def __init__(self, mapper: Mapper, article: Article, origins: dict[int, str]) -> None:
        self.m = mapper
        self.u = mapper.uris
        self.dis = mapper.dis
        self.article = article
        self.origins = origins
        self.key = article.key
        self.art = self.u.article(self.key)
        # The triples by subject and predicate, as rdflib's SimpleMemory keeps them first (and walks them), without
        # its two other indexes: see Mapped.
        self._index: Index = {}
        self.locations: dict[URIRef, str] = {}
        self.people: dict[str, PersonRecord] = {}
        self._shared: dict[Triple, None] = {}  # see Mapped.shared
        self._posts: dict[int, Any] = {}  # id(person record) -> its post (see post); the records live as long as the run

    def add(self, s: Node, p: URIRef, o: Node) -> None:
        # Every term here is made by this module as an rdflib term; a str would be a bug (rdflib refuses them).
        if str in (type(s), type(o)):  # type: ignore[comparison-overlap]
            raise TypeError(f"not an RDF term: {s!r} {o!r}")
        by_p = self._index.get(s)
        if by_p is None:
            by_p = self._index[s] = {}
        objects = by_p.get(p)
        if objects is None:
            objects = by_p[p] = {}
        objects[o] = None

    def describe(self, s: URIRef, p: URIRef, o: Node) -> None:
        """:meth:`add` a triple that says what a node minted from a name is (a type, a label, a name): the same
        from every article, so it goes to the shared graph (see Mapped.shared)."""
        self.add(s, p, o)
        self._shared[(s, p, o)] = None

    def where(self, record: object, span: Span | None) -> str:
        if id(record) in self.origins:
            return self.origins[id(record)]
        if span is not None:
            return str(self.article.position(span.start))
        return self.article.path

    # ---- the article ------------------------------------------------------------------------------
    def map(self, ex: Extraction) -> Mapped:
        a, u, d = self.art, self.u, self.dis
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, RDF.type, PROV.Entity)
        self.add(a, SCHEMA.headline, _literal(self.article.title, lang=self.article.language))
        self.add(a, SCHEMA.url, URIRef(self.article.url))
        published = self.article.published
        if published is not None:
            dtype = XSD.dateTime if isinstance(published, datetime) else XSD.date
            self.add(a, SCHEMA.datePublished, _literal(published.isoformat(), datatype=dtype))
        if self.article.published_from != STATED:
            self.add(a, d.datePublishedFrom, _literal(self.article.published_from))
        if self.article.publisher_from != STATED:
            self.add(a, d.publisherFrom, _literal(self.article.publisher_from))
        self.add(a, SCHEMA.inLanguage, _literal(self.article.language))
        self.add(a, SCHEMA.articleBody, _literal(self.article.body, lang=self.article.language))
        self.add(a, d.textSha256, _literal(self.article.sha256))
        self.add(a, SCHEMA.publisher, self.org(OrgMention(self.article.publisher)))
        if self.article.author:
            self.add(a, SCHEMA.author, self.org(OrgMention(self.article.author)))
        activity = u.activity(self.key, ex.extractor)
        self.add(a, PROV.wasGeneratedBy, activity)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, RDFS.label, _literal(f"extraction of facts from the article by {ex.extractor}", lang="en"))
        self.add(activity, PROV.used, a)
        agent = self.m.iri("id", "agent", slug(ex.extractor))
        self.add(activity, PROV.wasAssociatedWith, agent)
        self.describe(agent, RDF.type, PROV.SoftwareAgent)
        self.describe(agent, RDFS.label, _literal(ex.extractor))

        for mention in ex.organizations:
            self.add(a, SCHEMA.mentions, self.org(mention))
        for place in ex.places:
            self.add(a, SCHEMA.mentions, self.place(place))
        for person in ex.people:
            self.person(person)
        events = {e.key: self.event(e) for e in ex.events}
        for event in events.values():
            self.add(a, SCHEMA.about, event)
        statements = [self.statement(s, events) for s in ex.statements]
        for obs in ex.observations:
            self.observation(obs, statements, events, ex.statements)
        return Mapped(locations=self.locations, index=self._index, shared=self._shared)

    # ---- agents -------------------------------------------------------------------------------------
    def org(self, mention: OrgMention) -> URIRef:
        ref = mention.ref or self.m.resolve_org(mention.name)
        if ref:
            return self.m.iri("org", ref)
        uri = self.u.org("h/" + digest("org", normalise(mention.name)))
        self.describe(uri, RDF.type, ORG.Organization)
        self.describe(uri, RDF.type, SCHEMA.Organization)
        self.describe(uri, SKOS.prefLabel, _literal(mention.name, lang="en"))
        return uri

    def person(self, person: PersonRecord) -> URIRef:
        uri = self.m.iri("person", person.name)
        self.people[normalise(person.name)] = person
        for alias in person.aliases:
            self.people[normalise(alias)] = person
        self.describe(uri, RDF.type, FOAF.Person)
        self.describe(uri, RDF.type, SCHEMA.Person)
        self.describe(uri, SCHEMA.name, _literal(person.name, lang="en"))
        for alias in person.aliases:
            self.describe(uri, SCHEMA.alternateName, _literal(alias, lang="en"))
        post = self.post(person)
        if post is not None:
            self.add(uri, ORG.holds, post)
        return uri

    def post(self, person: PersonRecord) -> URIRef | None:
        """The post ``person`` holds, described with its holder's membership the first time; the same person's
        later statements (most of an article's) find it again without describing it again (nothing new)."""
        known = self._posts.get(id(person), _UNSEEN)
        if known is _UNSEEN:
            known = self._posts[id(person)] = self._post(person)
        return cast("URIRef | None", known)

    def _post(self, person: PersonRecord) -> URIRef | None:
        if not person.role or person.org is None:
            return None
        org = self.org(person.org)
        org_key = org.rsplit("/id/org/", 1)[-1].replace("/", "-")
        post = self.u.post(org_key, person.role)
        role = self.concept("role", slug(person.role), person.role, extra_type=ORG.Role)
        holder = self.m.iri("person", person.name)
        # The post's IRI is made from its organization and role: what it is, shared; who holds it, the article's.
        self.describe(post, RDF.type, ORG.Post)
        org_label = person.org.name
        self.describe(post, SKOS.prefLabel, _literal(f"{person.role}, {org_label}", lang="en"))
        self.describe(post, ORG.postIn, org)
        self.describe(post, ORG.role, role)
        self.add(post, ORG.heldBy, holder)
        membership = self.u.membership(holder, post)
        if ORG.Membership in self._index.get(membership, {}).get(RDF.type, ()):
            return post
        self.add(membership, RDF.type, ORG.Membership)
        self.add(membership, ORG.member, holder)
        self.add(membership, ORG.organization, org)
        self.add(membership, ORG.role, role)
        self.add(membership, PROV.wasDerivedFrom, self.art)
        if self.article.published_date is None:
            return post  # held at some time we cannot state
        during, inside = _blank(), _blank()
        self.add(membership, ORG.memberDuring, during)
        self.add(during, RDF.type, TIME.Interval)
        self.add(during, TIME.inside, inside)
        self.add(inside, RDF.type, TIME.Instant)
        self.add(inside, TIME.inXSDDate, _literal(self.article.published_date.isoformat(), datatype=XSD.date))
        return post

    def speaker(self, record: StatementRecord) -> tuple[URIRef | None, URIRef | None]:
        """The speaker's URI and, for a person holding a post, the post."""
        if not record.speaker.strip():
            return None, None
        if record.speaker_kind == "person":
            person = self.people.get(normalise(record.speaker))
            if person is None:
                person = PersonRecord(record.speaker)
                self.person(person)
            post = self.post(person)
            return self.m.iri("person", person.name), post
        return self.org(OrgMention(record.speaker)), None

    # ---- concepts, places, time ----------------------------------------------------------------------
    def concept(self, scheme: str, key: str, label: str, extra_type: URIRef | None = None) -> URIRef:
        uri = self.m.iri("concept", scheme, key)
        if scheme in OPEN_SCHEMES and SKOS.Concept not in self.m._known.objects(uri, RDF.type):
            self.describe(uri, RDF.type, SKOS.Concept)
            if extra_type is not None:
                self.describe(uri, RDF.type, extra_type)
            self.describe(uri, SKOS.inScheme, self.m.iri("scheme", scheme))
            self.describe(uri, SKOS.prefLabel, _literal(label, lang="en"))
        return uri

    def place(self, mention: PlaceMention) -> URIRef:
        ref = mention.ref
        if ref and ref.startswith("geonames:"):
            return self.m.iri("geonames_place", ref.split(":", 1)[1])
        if ref:
            return self.m.iri("pcode_place", ref)
        uri = self.u.named_place(mention.name, None)
        self.describe(uri, RDF.type, SCHEMA.Place)
        self.describe(uri, RDF.type, GEO.Feature)
        self.describe(uri, SCHEMA.name, _literal(mention.name, lang="en"))
        return uri

    def area(self, obs: ObservationRecord) -> URIRef | None:
        members = [self.place(p) for p in obs.places]
        if len(members) == 1 and not obs.area_text:
            return members[0]
        if not members and not obs.area_text:
            return None
        name = obs.area_text or " and ".join(p.name for p in obs.places)
        uri = self.u.area(name, [str(m) for m in members])
        self.add(uri, RDF.type, self.dis.ReportedArea)
        self.add(uri, RDF.type, SCHEMA.Place)
        self.add(uri, SCHEMA.name, _literal(name, lang="en"))
        for member in members:
            self.add(uri, SCHEMA.containsPlace, member)
        unit = self.m.enclosing(members)  # so figures add up per governorate
        if unit is not None:
            self.add(uri, SCHEMA.containedInPlace, unit)
        return uri

    def interval(self, obs: ObservationRecord) -> URIRef | None:
        if obs.period_start is None and obs.period_end is None:
            return None
        uri = self.u.interval(obs.period_start, obs.period_end)
        self.add(uri, RDF.type, TIME.ProperInterval)
        self.add(uri, RDFS.label, _literal(f"{obs.period_start or '…'} to {obs.period_end or '…'}", lang="en"))
        if obs.duration:
            self.add(uri, TIME.hasXSDDuration, _literal(obs.duration, datatype=XSD.duration))
        for prop, day in ((TIME.hasBeginning, obs.period_start), (TIME.hasEnd, obs.period_end)):
            if day is not None:
                instant = self.m.iri("id", "instant", day.isoformat())
                self.add(uri, prop, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, _literal(day.isoformat(), datatype=XSD.date))
        return uri

    def span(self, span: Span) -> URIRef:
        body = self.article.body
        uri = self.u.span(self.key, span.start, span.end)
        label = digest(uri)
        quote, position = BNode(f"1{label}"), BNode(f"2{label}")  # hex labels: see _blank
        self.add(uri, RDF.type, OA.SpecificResource)
        self.add(uri, OA.hasSource, self.art)
        self.add(uri, OA.hasSelector, quote)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, _literal(body[span.start : span.end]))
        self.add(quote, OA.prefix, _literal(body[max(0, span.start - CONTEXT_CHARS) : span.start]))
        self.add(quote, OA.suffix, _literal(body[span.end : span.end + CONTEXT_CHARS]))
        self.add(uri, OA.hasSelector, position)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, _literal(span.start))
        self.add(position, OA.end, _literal(span.end))
        if span.rule:
            self.add(uri, self.dis.extractionRule, _literal(span.rule))
        return uri

    # ---- facts --------------------------------------------------------------------------------------
    def event(self, record: EventRecord) -> URIRef:
        local = record.key.removeprefix(f"{self.key}-")  # event keys are scoped by the article once
        uri = self.u.event(f"{self.key}-{slug(local)}")
        self.add(uri, RDF.type, SEM.Event)
        self.add(uri, RDF.type, SCHEMA.Event)
        self.add(uri, RDFS.label, _literal(record.label, lang="en"))
        for kind in record.types:
            self.add(uri, SEM.eventType, self.concept("event-type", kind, kind.replace("-", " ")))
        if record.alleged_by is None:
            for actor in record.actors:
                self.add(uri, SEM.hasActor, self.org(actor))
        else:
            self.claims(uri, record)
        for place in record.places:
            self.add(uri, SEM.hasPlace, self.place(place))
        for weapon in record.weapons:
            self.add(uri, self.dis.claimedWeapon, self.concept("weapon", weapon, weapon.replace("-", " ")))
        if record.violates:
            agreement = self.u.id("agreement", slug(record.violates))
            self.add(agreement, RDF.type, SCHEMA.CreativeWork)
            self.add(agreement, RDF.type, self.dis.Agreement)
            self.add(agreement, SCHEMA.name, _literal(record.violates, lang="en"))
            self.add(uri, self.dis.violates, agreement)
        for prop, day in ((SEM.hasBeginTimeStamp, record.start), (SEM.hasEndTimeStamp, record.end)):
            if day is not None:
                self.add(uri, prop, _literal(day.isoformat(), datatype=XSD.date))
        if record.target:
            self.add(uri, self.dis.targetAsPrinted, _literal(record.target, lang="en"))
        if record.span is not None:
            self.add(uri, PROV.wasDerivedFrom, self.span(record.span))
        self.locations[uri] = self.where(record, record.span)
        return uri

    def claims(self, event: URIRef, record: EventRecord) -> None:
        """Who the event is attributed to and by whom, and the casualties as counted, each with its source."""
        d = self.dis
        if record.alleged_by and record.alleged_by_kind == "person":
            if normalise(record.alleged_by) not in self.people:
                self.person(PersonRecord(record.alleged_by))
            source: URIRef = self.m.iri("person", self.people[normalise(record.alleged_by)].name)
        else:
            source = self.org(OrgMention(record.alleged_by or self.article.publisher))
        span = self.span(record.span) if record.span is not None else None
        for actor in record.actors:
            org = self.org(actor)
            claim = URIRef(f"{event}/attribution/{digest(self.u.relative(org), self.u.relative(source))}")
            self.add(event, d.attribution, claim)
            self.add(claim, RDF.type, d.Attribution)
            self.add(claim, RDF.type, SCHEMA.Claim)
            self.add(claim, d.allegedActor, org)
            self.add(claim, d.allegedBy, source)
            if span is not None:
                self.add(claim, PROV.wasDerivedFrom, span)
            self.locations[claim] = self.where(record, actor.span or record.span)
        for casualty in record.casualties:
            figure = URIRef(f"{event}/casualties/{digest(casualty.kind, casualty.count, casualty.qualifier, self.u.relative(source))}")
            self.add(event, d.casualties, figure)
            self.add(figure, RDF.type, d.CasualtyFigure)
            self.add(figure, RDF.type, SCHEMA.Observation)
            self.add(figure, d.casualtyType, self.m.iri("concept", "casualty-type", casualty.kind))
            self.add(figure, d.casualtyCount, _literal(casualty.count))
            self.add(figure, d.countQualifier, self.m.iri("concept", "figure-qualifier", casualty.qualifier))
            if casualty.counted_as:
                self.add(figure, d.countedAs, _literal(casualty.counted_as, lang="en"))
            self.add(figure, PROV.wasAttributedTo, source)
            figure_span = self.span(casualty.span) if casualty.span is not None else span
            if figure_span is not None:
                self.add(figure, PROV.wasDerivedFrom, figure_span)
            self.locations[figure] = self.where(casualty, casualty.span or record.span)

    def statement(self, record: StatementRecord, events: dict[str, URIRef]) -> URIRef:
        speaker, post = self.speaker(record)
        uri = self.u.statement(self.key, record.span.start, record.span.end, speaker or URIRef(""), record.type)
        self.add(uri, RDF.type, self.dis.Statement)
        self.add(uri, RDF.type, SCHEMA.Claim)
        self.add(uri, DCT.type, self.concept("statement-type", record.type, record.type))
        if speaker is not None:
            self.add(uri, SCHEMA.author, speaker)
        if post is not None:
            self.add(uri, self.dis.inCapacityOf, post)
        self.add(uri, self.dis.reportingVerb, _literal(record.verb, lang="en"))
        self.add(uri, SCHEMA.appearance, self.art)
        span = self.span(record.span)
        self.add(uri, PROV.wasDerivedFrom, span)
        self.add(uri, SCHEMA.text, _literal(self.article.body[record.span.start : record.span.end], lang="en"))
        if record.date is not None:
            self.add(uri, SCHEMA.dateCreated, _literal(record.date.isoformat(), datatype=XSD.date))
        for weapon in record.weapons:
            self.add(uri, self.dis.claimedWeapon, self.concept("weapon", weapon, weapon.replace("-", " ")))
        for key in record.events:
            if key in events:
                self.add(uri, SCHEMA.about, events[key])
        self.locate(self.where(record, record.span), uri, span)
        return uri

    def observation(
        self, obs: ObservationRecord, statements: list[URIRef], events: dict[str, URIRef], records: list[StatementRecord]
    ) -> URIRef:
        d = self.dis
        reporter = self.org(obs.reporter) if obs.reporter else self.org(OrgMention(self.article.publisher))
        report_date = obs.report_date or self.article.published_date
        area = self.area(obs)
        period = self.interval(obs)
        uri = self.u.observation(reporter, report_date, area, period, obs.unit, obs.qualifier, obs.figure)
        self.add(uri, RDF.type, d.DisplacementObservation)
        self.add(uri, RDF.type, QB.Observation)
        self.add(uri, RDF.type, SCHEMA.Observation)
        self.add(uri, QB.dataSet, self.m.dataset)
        self.add(uri, d.reportedFigure, _literal(obs.figure))
        printed_forms = (
            (d.figureAsPrinted, obs.figure_text),
            (d.unitAsPrinted, obs.unit_text),
            (d.qualifierAsPrinted, obs.qualifier_text),
            (d.periodAsPrinted, obs.period_text),
        )
        for prop, printed in printed_forms:
            if printed:
                self.add(uri, prop, _literal(printed) if prop == d.figureAsPrinted else _literal(printed, lang="en"))
        self.add(uri, d.figureQualifier, self.m.iri("concept", "figure-qualifier", obs.qualifier))
        low, high = obs.bounds
        if low is not None:
            self.add(uri, SCHEMA.minValue, _literal(low))
        if high is not None:
            self.add(uri, SCHEMA.maxValue, _literal(high))
        self.add(uri, d.populationUnit, self.m.iri("concept", "population-unit", obs.unit))
        self.add(uri, d.figureCategory, self.m.iri("concept", "figure-category", obs.category))
        if area is not None:
            self.add(uri, SDMX_DIM.refArea, area)
        if period is not None:
            self.add(uri, SDMX_DIM.refPeriod, period)
        self.add(uri, d.reportedBy, reporter)
        if report_date is not None:  # unknown when neither the text nor the page gives a date (a shape warns)
            self.add(uri, d.reportDate, _literal(report_date.isoformat(), datatype=XSD.date))
        stated_in = _statement_of(obs, records)
        if stated_in is not None:
            self.add(uri, d.statedIn, statements[stated_in])
        elif obs.sentence is not None and obs.sentence != obs.span:
            self.add(uri, PROV.wasDerivedFrom, self.span(obs.sentence))  # no statement: keep the whole sentence
        for key in obs.events:
            if key in events:
                self.add(uri, d.cause, events[key])
        span = self.span(obs.span)
        self.add(uri, PROV.wasDerivedFrom, span)
        self.locate(self.where(obs, obs.span), uri, span, period, area)
        return uri

    def locate(self, where: str, *nodes: URIRef | None) -> None:
        """Remember where these nodes were stated; the first fact to use a shared node (an interval) names it."""
        for node in nodes:
            if node is not None:
                self.locations.setdefault(node, where)


def _statement_of(obs: ObservationRecord, records: list[StatementRecord]) -> int | None:
    """The statement an observation was stated in: the one given, or the one whose sentence holds it."""
    if obs.statement is not None and 0 <= obs.statement < len(records):
        return obs.statement
    inner = obs.sentence or obs.span
    return next((i for i, s in enumerate(records) if s.span.start <= inner.start and inner.end <= s.span.end), None)


_LITERALS: dict[tuple[Any, ...], Literal] = {}  # short literals made before (see _literal)
_LITERALS_KEPT = 50_000
_SHORT = 100  # characters: a longer text is an article's own (its body, a quote, a statement)


def _literal(value: str | int, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
    """``Literal(value, lang=lang, datatype=datatype)``: rdflib makes a literal in Python, 5 to 15 µs each (its
    value converted both ways, its language tag matched), and an article has about 100. A short one (a name, a
    label, a number, a day, a rule) is made once and given again, kept with the type of its value (``True`` and
    ``1`` are equal keys otherwise); a long text is made each time without rdflib's normalisation, which for a
    text without datatype gives it back unchanged (the literal is the same)."""
    plain = type(value) is str and datatype is None
    if plain and len(value) > _SHORT:  # type: ignore[arg-type]
        return Literal(value, lang=lang, normalize=False)
    key = (type(value), value, lang, datatype)
    found = _LITERALS.get(key)
    if found is None:
        if len(_LITERALS) >= _LITERALS_KEPT:
            _LITERALS.clear()
        # a short text met for the first time (a quote's prefix or suffix, most of them): unchanged by rdflib's
        # normalisation too, which is a fifth of making it
        found = _LITERALS[key] = (Literal(value, lang=lang, normalize=False) if plain
                                  else Literal(value, lang=lang, datatype=datatype))
    return found


def _blank() -> BNode:
    """A new blank node labelled by hex digits that do not start with 0 (rdflib's are "N" and 32 of them): Oxigraph
    stores such a label as a number, in its quads, rather than as a string beside them (the store 4 % smaller)."""
    return BNode(f"1{uuid4().hex[1:]}")
