"""Keys do not move with the deployment: the base URI and the vocabulary namespace are not part of them."""

from __future__ import annotations

from lod.rdf.namespaces import DEFAULT_VOCAB
from lod.rdf.uris import Uris


def test_keys_do_not_depend_on_the_vocabulary_namespace() -> None:
    ours, theirs = Uris("http://127.0.0.1:8000/", DEFAULT_VOCAB), Uris("https://lod.example.org/", "https://vocab.example.net/v1/")

    def observation(uris: Uris) -> str:
        unit, qualifier = uris.concept("population-unit", "households"), uris.concept("figure-qualifier", "more-than")
        area = uris.pcode_place("SY07")
        return str(uris.relative(uris.observation(uris.org("ocha"), "2019-11-29", area, unit, qualifier, 2147)))

    assert observation(ours) == observation(theirs)
    assert str(ours.concept("weapon", "barrel-bomb")) == "https://w3id.org/lod-syria/def/concept/weapon/barrel-bomb"
    # Concepts were minted under {base}id/ before the vocabulary had a namespace of its own: keys count them as
    # they were then, so the observations minted from them kept their URIs when the concepts moved.
    assert ours.relative(ours.concept("population-unit", "households")) == "id/concept/population-unit/households"
    assert ours.relative(ours.scheme("weapon")) == "id/scheme/weapon"
    assert ours.relative(ours.vocabulary) == "def/displacement"
