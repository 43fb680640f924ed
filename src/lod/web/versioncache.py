"""Results kept per version of the store: what a hub's page computes from many of the store's triples (a place's
or an agent's panels: its figures, events, statements and places inside; how many things link to it), made once
while the store says it has not changed, and made again after a write.

Only a store that says when it changed (:class:`lod.store.Versioned`, the embedded one opened read-only, which
opens a new view after every write) keeps anything; for any other store the result is made on every call. A
process keeps ``KEPT`` results, the oldest made dropped first, and only the current version's.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

from lod.store import Store, Versioned

__all__ = ["KEPT", "kept"]

T = TypeVar("T")

# A place's panels (25 figures, 25 events, up to 100 places inside it) pickle to 25 KB (44 KB at most among the
# serving bench's 40 places at 10,000 articles), an agent's to 1-25 KB: 512 of them, some tens of MB per process
# at most, hold every governorate, district and sub-district and the busiest reporters.
KEPT = 512

_held: weakref.WeakKeyDictionary[Store, tuple[object, dict[Hashable, object]]] = weakref.WeakKeyDictionary()


def kept(store: Store, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, or what it gave for ``key`` before, while ``store`` is at the same version. What is kept is
    shared by every page that asks: it must not be changed by its callers."""
    if not isinstance(store, Versioned):
        return make()
    version = store.version()
    held = _held.get(store)
    if held is None or held[0] != version:
        held = _held[store] = (version, {})
    results = held[1]
    if key in results:
        return results[key]  # type: ignore[return-value]
    value = make()
    if len(results) >= KEPT:
        del results[next(iter(results))]
    results[key] = value
    return value
