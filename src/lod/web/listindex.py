"""The order of a browse list's rows under each of its sorts, computed once per version of the store.

A :class:`ListIndex` is built from one SELECT query that gives each row's id and the values it is sorted by (one
row per id), ordered here as SPARQL's ``ORDER BY`` orders terms (unbound first, then blank nodes, IRIs, literals;
numbers by value, other literals by their text), the id last so that every order is total. It keeps the ids, the
query's values as text (a string met twice is held once), and per sort a permutation of the rows (4 bytes a row).
A page is a slice of a permutation, read from either end (the other direction of a sort is its exact reverse), so
its cost does not depend on the length of the list; its rows carry the values the index holds (counts included:
a count that grows with the store is counted once per version, not per page).

After a write, :meth:`ListIndex.updated` takes the rows of the things the write touched again (the same query,
cut to those ids) and puts each in its place in every order by bisection: the cost is that of the rows touched,
not of the list. A row left out by the query (its thing gone from the list) leaves every order; its slot stays,
unused, until the next whole build.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    kinds: dict[str, bytearray] = field(default_factory=dict)  # variable -> each row's kind of term (see _kind)
    sorts: Mapping[str, SortKey] = field(default_factory=dict)

    @classmethod
    def build(cls, store: Store, query: str, id_var: str, sorts: Mapping[str, SortKey]) -> ListIndex:
        """Run ``query`` (binding ``id_var`` and every variable the sorts name, one row per id) and sort its rows."""
        at, rows = _rows(store, query, id_var)
        ids = [row[at[id_var]].value for row in rows]  # type: ignore[union-attr]
        orders: dict[str, array[int]] = {}
        for name, key in sorts.items():
            ranks = [([_rank(row[at[var]]) for row in rows], desc) for var, desc in key]
            positions = sorted(range(len(rows)), key=ids.__getitem__)  # the id breaks ties, ascending
            for values, desc in reversed(ranks):  # a stable sort per column, least significant first
                positions.sort(key=values.__getitem__, reverse=desc)
            orders[name] = array("I", positions)
        columns = {var: [_text(row[n]) for row in rows] for var, n in at.items() if var != id_var}
        kinds = {var: bytearray(_kind(row[n]) for row in rows) for var, n in at.items() if var != id_var}
        return cls(id_var, ids, columns, orders, kinds, dict(sorts))

    def updated(self, store: Store, query: str, touched: Iterable[str]) -> ListIndex:
        """A new index: this one with the rows of the ids in ``touched`` taken again from ``query`` (the build's
        query cut to those ids; an id it does not give leaves the list), each put in its place in every order."""
        touched = set(touched)
        at, rows = _rows(store, query, self.id_var)
        fresh = {row[at[self.id_var]].value: row for row in rows if row[at[self.id_var]].value in touched}  # type: ignore[union-attr]
        ids, columns = list(self.ids), {var: list(values) for var, values in self.columns.items()}
        kinds = {var: bytearray(values) for var, values in self.kinds.items()}
        orders = {name: array("I", order) for name, order in self.orders.items()}
        listed = self._listed()
        gone = [p for p in (listed.get(i) for i in touched) if p is not None]
        for order in orders.values():
            for p in gone:
                del order[order.index(p)]
        for iri, row in sorted(fresh.items()):
            held = listed.get(iri)
            p = len(ids) if held is None else held
            if held is None:  # a new thing: a new slot
                ids.append(iri)
                for var in columns:
                    columns[var].append(None)
                    kinds[var].append(0)
            for var in columns:
                term = row[at[var]] if var in at else None
                columns[var][p], kinds[var][p] = _text(term), _kind(term)
            for name, key in self.sorts.items():
                order = orders[name]
                order.insert(_place(order, _sort_key(key, columns, kinds, ids), p), p)
        return ListIndex(self.id_var, ids, columns, orders, kinds, self.sorts)

    def _listed(self) -> dict[str, int]:
        """The slot of each id in the list (those left out of every order are not in it)."""
        order = next(iter(self.orders.values()), array("I"))
        ids = self.ids
        return {ids[p]: p for p in order}

    def __len__(self) -> int:
        return len(next(iter(self.orders.values()), ()))

    def page(self, sort: str, start: int, size: int, *, reverse: bool = False) -> list[dict[str, str]]:
        """Rows ``start`` to ``start + size`` (from 0) in the order of ``sort``, or its reverse: each its id and
        the values the index holds (unbound ones left out)."""
        order = self.orders[sort]
        n = len(order)
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


def _rows(store: Store, query: str, id_var: str) -> tuple[dict[str, int], list[tuple[Term | None, ...]]]:
    result = store.query(query)
    assert isinstance(result, Solutions)
    at = {name: n for n, name in enumerate(result.variables)}
    return at, [row for row in result.rows if isinstance(row[at[id_var]], ox.NamedNode)]


def _place(order: array[int], key: Callable[[int], tuple[object, ...]], new: int) -> int:
    """Where slot ``new`` goes in ``order`` (sorted by ``key``): after the rows it does not sort before."""
    target, lo, hi = key(new), 0, len(order)
    while lo < hi:
        mid = (lo + hi) // 2
        if target < key(order[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


class _Desc:
    """A rank that sorts the other way round (a descending column)."""

    __slots__ = ("rank",)

    def __init__(self, rank: tuple[int, int, Decimal | float, str]) -> None:
        self.rank = rank

    def __lt__(self, other: _Desc) -> bool:
        return other.rank < self.rank

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and other.rank == self.rank

    def __hash__(self) -> int:
        return hash(self.rank)


def _sort_key(key: SortKey, columns: dict[str, list[str | None]], kinds: dict[str, bytearray],
              ids: list[str]) -> Callable[[int], tuple[object, ...]]:
    """A slot's place under ``key`` as one comparable value: each column's rank (reversed when descending), then
    the id, as :meth:`ListIndex.build` sorts."""

    def of(p: int) -> tuple[object, ...]:
        ranks = [_rank_of(kinds[var][p], columns[var][p]) for var, _ in key]
        return (*(_Desc(r) if desc else r for r, (_, desc) in zip(ranks, key)), ids[p])

    return of


# A term's kind, kept beside its text so that a row's rank can be taken again without the term.
_UNBOUND, _BLANK, _IRI, _NUMBER, _LITERAL = range(5)


def _kind(term: Term | None) -> int:
    if term is None:
        return _UNBOUND
    if isinstance(term, ox.BlankNode):
        return _BLANK
    if isinstance(term, ox.NamedNode):
        return _IRI
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        return _NUMBER
    return _LITERAL


def _rank_of(kind: int, text: str | None) -> tuple[int, int, Decimal | float, str]:
    """:func:`_rank` of the term of this kind and text."""
    if kind == _UNBOUND or text is None:
        return (0, 0, 0, "")
    if kind == _BLANK:
        return (1, 0, 0, text)
    if kind == _IRI:
        return (2, 0, 0, text)
    if kind == _NUMBER:
        try:
            return (3, 0, Decimal(text), "")
        except InvalidOperation:
            return (3, 0, float(text), "")
    return (3, 1, 0, text)


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
