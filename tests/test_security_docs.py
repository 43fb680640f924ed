"""docs/security.md names the test that proves each defence: every test it names exists."""

from __future__ import annotations

import re

from lod.settings import ROOT


def test_every_test_named_in_security_md_exists() -> None:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    current = ""
    named = []
    for path, name in re.findall(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`", text):
        current = path or current
        if name:
            named.append((current, name))
        elif path:
            assert (ROOT / path).is_file(), path
    assert len(named) > 20
    for path, name in named:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\b", source, re.MULTILINE), f"{path}::{name}"
