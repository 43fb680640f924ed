"""The order of a browse list's rows under each of its sorts, computed once per version of the store.

A :class:`ListIndex` is built from one SELECT query that gives each row's id and the values it is sorted by (one
row per id), ordered here as SPARQL's ``ORDER BY`` orders terms (unbound first, then blank nodes, IRIs, literals;
numbers by value, other literals by their text), the id last so that every order is total. It keeps the ids, the
query's values as text (a string met twice is held once), and per sort a permutation of the rows (4 bytes a row).
A page is a slice of a permutation, read from either end (the other direction of a sort is its exact reverse), so
its cost does not depend on the length of the list; its rows carry the values the index holds (counts included:
a count that grows with the store is counted once per version, not per page).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from lod.store import Solutions, Store
from lod.store.protocol import Term

__all__ = ["ListIndex", "SortKey", "order_by"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {
    _XSD + t
    for t in (
        "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}

SortKey = Sequence[tuple[str, bool]]  # (variable, descending) pairs, most significant first


def order_by(key: SortKey, id_var: str, *, reverse: bool = False) -> str:
    """The ``ORDER BY`` clause the index's order equals (for the tests, and for reading the order as SPARQL)."""
    terms = [*key, (id_var, False)]
    return " ".join(f"{'DESC' if desc != reverse else 'ASC'}(?{var})" for var, desc in terms)


@dataclass(frozen=True)
class ListIndex:
    """A list's ids, the values the keys query gave for each, and the order of their positions under each sort
    (its natural direction)."""

    id_var: str
    ids: list[str]
    columns: dict[str, list[str | None]]  # variable -> each row's value (the term's text; None when unbound)
    orders: dict[str, array[int]]

    @classmethod
    def build(cls, store: Store, query: str, id_var: str, sorts: Mapping[str, SortKey]) -> ListIndex:
        """Run ``query`` (binding ``id_var`` and every variable the sorts name, one row per id) and sort its rows."""
        result = store.query(query)
        assert isinstance(result, Solutions)
        at = {name: n for n, name in enumerate(result.variables)}
        rows = [row for row in result.rows if isinstance(row[at[id_var]], ox.NamedNode)]
        ids = [row[at[id_var]].value for row in rows]  # type: ignore[union-attr]
        orders: dict[str, array[int]] = {}
        for name, key in sorts.items():
            ranks = [([_rank(row[at[var]]) for row in rows], desc) for var, desc in key]
            positions = sorted(range(len(rows)), key=ids.__getitem__)  # the id breaks ties, ascending
            for values, desc in reversed(ranks):  # a stable sort per column, least significant first
                positions.sort(key=values.__getitem__, reverse=desc)
            orders[name] = array("I", positions)
        columns = {var: [_text(row[n]) for row in rows] for var, n in at.items() if var != id_var}
        return cls(id_var, ids, columns, orders)

    def __len__(self) -> int:
        return len(self.ids)

    def page(self, sort: str, start: int, size: int, *, reverse: bool = False) -> list[dict[str, str]]:
        """Rows ``start`` to ``start + size`` (from 0) in the order of ``sort``, or its reverse: each its id and
        the values the index holds (unbound ones left out)."""
        order, n = self.orders[sort], len(self.ids)
        positions = [order[n - 1 - i] if reverse else order[i] for i in range(start, min(start + size, n))]
        return [self._row(p) for p in positions]

    def _row(self, position: int) -> dict[str, str]:
        row = {var: value for var, values in self.columns.items() if (value := values[position]) is not None}
        row[self.id_var] = self.ids[position]
        return row

    def size_in_bytes(self) -> int:
        """About what the index holds in memory: its id strings and values (each distinct string once), its
        lists, and the permutations."""
        lists: list[list[str] | list[str | None]] = [self.ids, *self.columns.values()]
        strings = {id(v): v for values in lists for v in values if v is not None}
        return (
            sum(sys.getsizeof(v) for v in strings.values())
            + sum(sys.getsizeof(values) for values in lists)
            + sum(sys.getsizeof(o) for o in self.orders.values())
        )


def _text(term: Term | None) -> str | None:
    return None if term is None else sys.intern(term.value)  # type: ignore[union-attr]


def _rank(term: Term | None) -> tuple[int, int, Decimal | float, str]:
    """A term's place in SPARQL's ``ORDER BY``: unbound, blank nodes, IRIs, then literals (numbers by value)."""
    if term is None:
        return (0, 0, 0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, 0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, 0, term.value)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        try:
            return (3, 0, Decimal(term.value), "")
        except InvalidOperation:
            return (3, 0, float(term.value), "")  # INF, NaN
    return (3, 1, 0, term.value)  # type: ignore[union-attr]
