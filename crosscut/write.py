"""Write the rendered files into a staging folder, then swap it in for site/ in one step."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def stage_files(files: dict[str, bytes], out: Path) -> Path:
    """Write every file into a fresh folder beside `out` (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}-staging-", dir=out.parent))
    for path in sorted(files):
        target = stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path])
    return stage


def swap_in(stage: Path, out: Path) -> None:
    """Replace `out` with `stage`; the old site is moved aside first and removed only afterwards."""
    stage.chmod(0o755)  # mkdtemp makes it private; a served site must be readable
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.rename(out, old / out.name)
    os.rename(stage, out)
    if old:
        shutil.rmtree(old)


def discard(stage: Path) -> None:
    """Remove a staging folder after a failed build; site/ was never touched."""
    shutil.rmtree(stage, ignore_errors=True)
