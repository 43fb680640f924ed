"""The maker of the dump files a build left pending (:mod:`lod.publish.derivation`), started by the app when it starts:
a child process at low CPU priority (``lod dump --missing --background``), so requests come first and a fresh
machine offers every dump shortly after ``lod serve`` starts. Every worker, and every replica sharing the dumps
folder, may start one: the folder's ``.maker.lock`` lets one work, and the others see it held and start none.

A request for a pending file starts one again (at most every ``RESTART_S``) when none is at work: the last one
died, or a build named new pending files after it finished.
"""

from __future__ import annotations

import subprocess
import sys
import time

from lod.publish.derivation import held, waiting
from lod.settings import Settings

__all__ = ["RESTART_S", "DumpMaker"]

RESTART_S = 30.0


class DumpMaker:
    """At most one maker process started by this server process at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None
        self._started = -RESTART_S

    def start(self) -> bool:
        """Start a maker if the catalog names pending files and no maker holds the folder; whether one was started."""
        folder = self.settings.dumps_dir
        if (self.process is not None and self.process.poll() is None) or not waiting(folder) or held(folder):
            return False
        settings = self.settings
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lod.cli", "dump", "--missing", "--background", "--dumps-dir", str(folder),
             "--base-uri", settings.base_uri, "--vocab-uri", settings.vocab_uri],
            stdin=subprocess.DEVNULL,
        )
        self._started = time.monotonic()
        return True

    def poke(self) -> None:
        """A pending file was asked for: start a maker again if none is at work and the last start is old enough."""
        if time.monotonic() - self._started >= RESTART_S:
            self.start()

    def stop(self) -> None:
        """Stop the maker this process started (what it was writing is a temporary file the next maker deletes)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
