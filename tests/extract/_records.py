"""One article written around a body, and what extraction finds in it (as ``lod extract --format json`` prints)."""

from __future__ import annotations

from typing import Any

from lod.extract import extract, to_record_json
from lod.model.articles import parse_article
from lod.places.reconcile import Reconciler


def record(body: str, reconciler: Reconciler, published: str | None = "2021-05-14", publisher: str = "Example News",
           title: str = "Test") -> dict[str, Any]:
    stated = f"Published: {published}\n" if published else ""  # None: a page that states no date
    article = parse_article(f"Title: {title}\nSource URL: https://example.org/a\nPublisher: {publisher}\n{stated}\n{body}")
    return to_record_json(article, extract(article, reconciler))
