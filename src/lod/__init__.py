"""lod: a linked-data publisher for conflict and displacement reporting.

The public surface is listed in ``__all__``; names load on first use, so ``import lod`` stays cheap for
the command line. Extraction is the subpackage ``lod.extract`` (``lod.extract.extract(article, reconciler)``).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "lod.model.articles",
    "Extraction": "lod.model.records",
    "LodError": "lod.errors",
    "OxigraphStore": "lod.store",
    "Settings": "lod.settings",
    "Store": "lod.store",
    "ValidationReport": "lod.pipeline.validation",
    "build": "lod.pipeline.build",
    "create_app": "lod.web.app",
    "dump": "lod.publish.dumps",
    "ingest": "lod.pipeline.build",
    "negotiate": "lod.negotiation",
    "open_store": "lod.store",
    "parse_article": "lod.model.articles",
    "read_article": "lod.model.articles",
    "validate": "lod.pipeline.validation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'lod' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
