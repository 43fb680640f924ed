"""The subjects of the named graphs asked for lately, held per version of the data: a graph's HTML page is a slice
of its sorted subjects (:func:`lod.web.listing.graph_subjects`), and reading them costs a scan of the graph's
triples (the reference data's 67,691: about a second), which would otherwise come again for every page of it."""

from __future__ import annotations

import threading
from collections import OrderedDict

from lod.store import Store
from lod.web import listing

__all__ = ["HELD", "HeldSubjects"]

HELD = 32  # graphs held at most, the least lately asked for let go first: an article graph's list is small


class HeldSubjects:
    """Each graph's sorted subjects for the version of the data they were read at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: OrderedDict[str, tuple[object, list[str]]] = OrderedDict()

    def subjects(self, store: Store, graph: str, version: object) -> list[str]:
        """The subjects of ``graph`` (an IRI checked by the caller) at ``version``: held, else read and held."""
        with self._lock:
            hit = self._held.get(graph)
            if hit is not None and hit[0] == version:
                self._held.move_to_end(graph)
                return hit[1]
        found = listing.graph_subjects(store, graph)  # outside the lock: one graph's read does not hold up another's
        with self._lock:
            self._held[graph] = (version, found)
            self._held.move_to_end(graph)
            while len(self._held) > HELD:
                self._held.popitem(last=False)
        return found
