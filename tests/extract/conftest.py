from __future__ import annotations

from pathlib import Path

import pytest

from lod.reconcile import Reconciler

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def reconciler() -> Reconciler:
    return Reconciler.load(ROOT / "data" / "reference")
