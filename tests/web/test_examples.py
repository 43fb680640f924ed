"""Every example query on the home page returns rows: on the seed build and on a corpus of many articles."""

from __future__ import annotations

import pytest

from lod.readonly import ReadOnlyStore
from lod.settings import Settings
from lod.store import Solutions
from lod.web import examples

EXAMPLES = examples.load("http://127.0.0.1:8000/")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_each_example_returns_rows_on_the_seed(built_settings: Settings, example: examples.Example) -> None:
    result = ReadOnlyStore(built_settings.store_path).query(examples.load(built_settings.base_uri)[EXAMPLES.index(example)].sparql)
    assert isinstance(result, Solutions) and result.rows, example.title


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_each_example_returns_rows_on_a_corpus_of_many_articles(corpus_settings: Settings, example: examples.Example) -> None:
    result = ReadOnlyStore(corpus_settings.store_path).query(examples.load(corpus_settings.base_uri)[EXAMPLES.index(example)].sparql)
    assert isinstance(result, Solutions) and len(result.rows) > 1, example.title
