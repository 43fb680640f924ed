"""The public surface: every exported name resolves to the object of its home module, and __all__ is sorted."""

from __future__ import annotations

import importlib

import pytest

import lod


def test_all_is_sorted_and_complete() -> None:
    assert lod.__all__ == sorted(lod.__all__)
    assert set(lod.__all__) == set(lod._EXPORTS)


@pytest.mark.parametrize("name", lod.__all__)
def test_exported_name_resolves(name: str) -> None:
    assert getattr(lod, name) is getattr(importlib.import_module(lod._EXPORTS[name]), name)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        lod.no_such_thing  # noqa: B018
