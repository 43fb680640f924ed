"""The generated articles both comparisons of our SHACL code read (test_validator.py with pySHACL, test_proofs.py
with Oxigraph), extracted and mapped once: the files carry the same ``xdist_group``, so ``make test`` runs them
on one worker (``--dist loadgroup``) and this fixture is made once there."""

from __future__ import annotations

import pytest
from rdflib import Graph

from lod.model.articles import read_article
from lod.pipeline.preparation import Context, extraction_for
from lod.settings import Settings

ARTICLES = 20  # the most either file reads
GROUP = pytest.mark.xdist_group("shacl-articles")


@pytest.fixture(scope="session")
def mapped_articles(corpus_settings: Settings) -> tuple[Context, list[Graph]]:
    """The first generated articles of the corpus (tests/conftest.py), as the build maps them, with the context."""
    ctx = Context.load(corpus_settings)
    graphs = []
    for path in sorted((corpus_settings.data_dir / "articles").glob("*.txt"))[:ARTICLES]:
        article = read_article(path)
        extraction, origins = extraction_for(article, ctx)
        graphs.append(ctx.mapper.map(article, extraction, origins).graph)
    return ctx, graphs
