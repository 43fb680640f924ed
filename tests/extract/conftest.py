from __future__ import annotations

from pathlib import Path

import pytest

from lod.places.reconcile import Reconciler
from lod.places.reference import load_reconciler

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def reconciler() -> Reconciler:
    return load_reconciler(ROOT / "data" / "reference")
