"""Pagefind over the staged site, through the binary the pagefind[bin] package bundles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .stable_index import stabilise


# What an indexed essay holds besides its text: paragraph numbers, anchors, backlinks, our summary, notes.
EXCLUDE = ".pnum, .anchor, .backlinks, .summary, .essay-notes"


class IndexFailed(Exception):
    """Pagefind exited with an error; carries its output."""


def index_site(folder: Path) -> None:
    """Write folder/pagefind/ with the search index and UI; raise IndexFailed with Pagefind's message."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent", "--exclude-selectors", EXCLUDE],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise IndexFailed(f"Pagefind failed (exit {result.returncode}): {message}")
    stabilise(folder / "pagefind")  # same inputs, same bytes: Pagefind's filter order is not stable
