"""lod.allocator: `lod serve` starts again with jemalloc preloaded, once, unless told otherwise."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lod import allocator

# Starts itself again through restart_with (as `lod serve` does), then says what it runs on.
SCRIPT = """
import sys
from lod import allocator
allocator.restart_with(sys.argv[1], [sys.executable, *sys.argv])
print(allocator.loaded(), flush=True)
"""


def _run(tmp_path: Path, choice: str, **env: str) -> str:
    script = tmp_path / "restart.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), choice], env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_set_up_installed_jemalloc() -> None:
    """`make install` asks Debian for libjemalloc2 (the other tests here need it)."""
    assert ctypes.util.find_library("jemalloc") is not None


def test_a_restart_preloads_jemalloc(tmp_path: Path) -> None:
    assert _run(tmp_path, "jemalloc") == "True"


def test_system_keeps_the_c_librarys_malloc(tmp_path: Path) -> None:
    assert _run(tmp_path, "system") == "False"


def test_a_restarted_process_does_not_restart_again(tmp_path: Path) -> None:
    """A preload the loader refused is not tried in a loop: the restarted process goes on as it is."""
    assert _run(tmp_path, "jemalloc", **{allocator.TRIED: "1"}) == "False"


@pytest.mark.parametrize(
    ("choice", "env", "library", "already", "preload"),
    [
        ("jemalloc", {}, "libjemalloc.so.2", False, "libjemalloc.so.2"),
        ("jemalloc", {"LD_PRELOAD": "libother.so"}, "libjemalloc.so.2", False, "libjemalloc.so.2 libother.so"),
        ("jemalloc", {}, None, False, None),  # not installed
        ("jemalloc", {}, "libjemalloc.so.2", True, None),  # already there
        ("jemalloc", {allocator.TRIED: "1"}, "libjemalloc.so.2", False, None),  # tried once
        ("system", {}, "libjemalloc.so.2", False, None),
    ],
)
def test_when_to_start_again(choice: allocator.Choice, env: dict[str, str], library: str | None, already: bool, preload: str | None) -> None:
    found = allocator.preload_env(choice, env, library, already)
    assert (found["LD_PRELOAD"] if found is not None else None) == preload
    if found is not None:
        assert found[allocator.TRIED] == "1"


def test_loaded_reads_the_maps(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text("7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n", encoding="utf-8")
    assert allocator.loaded(maps=maps) and not allocator.loaded(maps=tmp_path / "missing")
