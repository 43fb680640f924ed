"""Rule-based extraction: an ``Article`` in, an ``Extraction`` of typed records out.

Every record carries a ``Span(start, end, rule)`` into ``Article.body`` naming the rule that found it
(see ``docs/extraction.md``). No models, no network: regular expressions, word lists and the
gazetteer and organization list held by the ``Reconciler``.

    >>> from pathlib import Path
    >>> from lod.places.reference import load_reconciler
    >>> from lod.model.articles import parse_article
    >>> article = parse_article("Title: T\\nSource URL: https://x.org/a\\nPublisher: P\\nPublished: 2019-12-01\\n\\n"
    ...                         "The Relief Council said on Friday that 5,000 people fled the town in the past two days.")
    >>> extraction = extract(article, load_reconciler(Path("data/reference")))
    >>> [(o.figure, o.unit, o.period_start.isoformat(), o.reporter.name) for o in extraction.observations]
    [(5000, 'persons', '2019-11-27', 'Relief Council')]
"""

from lod.extract.jsonrecord import to_record_json
from lod.extract.pipeline import extract

__all__ = ["extract", "to_record_json"]
