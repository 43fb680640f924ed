"""Where :class:`ReadOnlyStore` used to live; it is part of the Oxigraph engine now (:mod:`lod.store.readonly`)."""

from lod.store.readonly import ReadOnlyStore

__all__ = ["ReadOnlyStore"]
