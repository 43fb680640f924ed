"""Every example query on the home page returns rows: on the seed build and on a corpus of many articles."""

from __future__ import annotations

import pytest

from lod.rdf.namespaces import DEFAULT_VOCAB
from lod.settings import Settings
from lod.store import Solutions
from lod.web import examples
from _engines import reader

# Event examples need event data sets (ACLED, HXL), which neither the seed nor the corpus has:
# tests/events/test_queries.py checks them on the seed plus such files.
EVENT_EXAMPLES = {"attacks-per-district-per-month", "displacement-after-attacks"}
EXAMPLES = [e for e in examples.load("http://127.0.0.1:8000/", DEFAULT_VOCAB) if e.slug not in EVENT_EXAMPLES]


def test_the_event_examples_are_still_there() -> None:
    assert EVENT_EXAMPLES <= {e.slug for e in examples.load("http://127.0.0.1:8000/", DEFAULT_VOCAB)}  # else the list above is stale


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_each_example_returns_rows_on_the_seed(built_settings: Settings, example: examples.Example) -> None:
    result = reader(built_settings).query(_rebased(example, built_settings))
    assert isinstance(result, Solutions) and result.rows, example.title


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_each_example_returns_rows_on_a_corpus_of_many_articles(corpus_settings: Settings, example: examples.Example) -> None:
    result = reader(corpus_settings).query(_rebased(example, corpus_settings))
    assert isinstance(result, Solutions) and len(result.rows) > 1, example.title
    # A person, place or period is written into every article graph that names it, and the union repeats such
    # triples: a query that joins them without DISTINCT gave each statement once per copy (160 rows for 100).
    assert len(set(result.rows)) == len(result.rows), f"{example.title}: the same row more than once"


def _rebased(example: examples.Example, settings: Settings) -> str:
    return next(e.sparql for e in examples.load(settings.base_uri, settings.vocab_uri) if e.slug == example.slug)
