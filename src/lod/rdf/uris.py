"""Minting URIs. Keys are stable: slugs and P-codes for curated things, hashes of normalised content
for derived things, so building the same input twice mints the same URIs (docs/uris.md)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

from rdflib import URIRef

from lod.rdf.namespaces import VOCAB_NAME

# Bump when a key recipe changes; old URIs then need dct:isReplacedBy links.
KEY_RECIPE_VERSION = "1"
HASH_CHARS = 16


def normalise(text: str) -> str:
    """NFC, trimmed, lower-cased, inner whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def digest(*parts: object) -> str:
    """First HASH_CHARS hex characters of SHA-256 over the parts, joined by ``|``."""
    joined = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:HASH_CHARS]


def slug(text: str) -> str:
    """ASCII slug: ``Barrel bomb`` -> ``barrel-bomb``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, ``utm_*``, print/template parameters and a trailing slash."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_") and k not in {"print", "tmpl"}]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


class Uris:
    """Every URI lod mints: things, graphs and documents under the base; the vocabulary, concept schemes and
    concepts under the vocabulary namespace ``vocab``, the same on every deployment."""

    def __init__(self, base: str, vocab: str) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.vocab = vocab if vocab.endswith("/") else vocab + "/"

    def id(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}id/{kind}/{key}")

    # named graphs
    def article_graph(self, article_key: str) -> URIRef:
        return URIRef(f"{self.base}graph/article/{article_key}")

    def dataset_graph(self, dataset_key: str) -> URIRef:
        """The graph of one data set file (``data/events/{key}.csv``)."""
        return URIRef(f"{self.base}graph/dataset/{dataset_key}")

    @property
    def shared_graph(self) -> URIRef:
        """What the nodes minted from a name (an organization, place or person outside the reference data, a post,
        an open scheme's concept, the extractor) are: written once, not in each article graph naming them."""
        return URIRef(f"{self.base}graph/shared")

    @property
    def reference_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/reference")

    @property
    def vocabulary_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/vocabulary")

    @property
    def vocabulary(self) -> URIRef:
        return URIRef(self.vocab + VOCAB_NAME.rstrip("#"))

    # things
    def article(self, article_key: str) -> URIRef:
        return self.id("article", article_key)

    def span(self, article_key: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}id/article/{article_key}/span/{start}-{end}")

    def org(self, key: str) -> URIRef:
        return self.id("org", key)

    def person(self, name: str) -> URIRef:
        return self.id("person", digest("person", normalise(name)))

    def post(self, org_key: str, role: str) -> URIRef:
        return self.id("post", f"{org_key}-{slug(role)}")

    def membership(self, person: URIRef, post: URIRef) -> URIRef:
        return self.id("membership", digest("membership", self.relative(person), self.relative(post)))

    def relative(self, part: object) -> object:
        """A URI under the base without the base, one under the vocabulary namespace without the namespace, so keys
        change neither with ``LOD_BASE_URI`` nor with ``LOD_VOCAB_URI``. Concepts and schemes were named under
        ``{base}id/`` before the vocabulary had a namespace of its own: they count as ``id/concept/...`` still, so the
        URIs minted from them (observations: unit and qualifier) did not change when they moved."""
        text = str(part) if isinstance(part, URIRef) else None
        if text is not None and text.startswith(self.vocab):
            rest = text[len(self.vocab):]
            return ("id/" if rest.startswith(("concept/", "scheme/")) else "def/") + rest
        return text[len(self.base):] if text is not None and text.startswith(self.base) else part

    def statement(self, article_key: str, start: int, end: int, speaker: URIRef, kind: str) -> URIRef:
        return self.id("statement", digest(article_key, start, end, self.relative(speaker), kind))

    def observation(self, *key_parts: object) -> URIRef:
        return self.id("observation", digest(*(self.relative(p) for p in key_parts)))

    def pcode_place(self, pcode: str) -> URIRef:
        return self.id("place", f"pcode/{pcode}")

    def geonames_place(self, geonameid: str) -> URIRef:
        return self.id("place", f"geonames/{geonameid}")

    def named_place(self, name: str, parent: str | None) -> URIRef:
        return self.id("place", f"h/{digest(normalise(name), parent)}")

    def area(self, name: str, members: list[str]) -> URIRef:
        return self.id("place", f"area/{digest(normalise(name), *sorted(str(self.relative(URIRef(m))) for m in members))}")

    def interval(self, start: date | None, end: date | None) -> URIRef:
        return self.id("interval", f"{start or 'open'}--{end or 'open'}")

    def event(self, key: str) -> URIRef:
        return self.id("event", key)

    def concept(self, scheme: str, key: str) -> URIRef:
        return URIRef(f"{self.vocab}concept/{scheme}/{key}")

    def scheme(self, scheme: str) -> URIRef:
        return URIRef(f"{self.vocab}scheme/{scheme}")

    @property
    def dataset(self) -> URIRef:
        return self.id("dataset", "displacement-reports")

    def activity(self, article_key: str, extractor_version: str) -> URIRef:
        return self.id("activity", digest("extraction", article_key, extractor_version))
