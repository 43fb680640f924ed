"""docs/configuration.md lists every setting, so the docs cannot drift from lod.settings."""

from __future__ import annotations

from lod.settings import ROOT, Settings


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`LOD_{name.upper()}`" in text, name
