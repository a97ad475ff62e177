"""`crosscut new DIR`: lay out a working project from the skeleton that ships with the package."""

from __future__ import annotations

from pathlib import Path

SKELETON = Path(__file__).resolve().parent / "skeleton"
RENAMED = {"gitignore.txt": ".gitignore"}  # files a package cannot ship under their real names


class NotEmpty(Exception):
    """The target folder already holds something; nothing was written."""


def skeleton_files() -> dict[str, bytes]:
    """The skeleton's files by their path in a new project."""
    files = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(SKELETON).as_posix()
            files[RENAMED.get(rel, rel)] = path.read_bytes()
    return files


def new_project(target: Path) -> list[str]:
    """Write the skeleton into `target` (missing or empty); return the files written, in order."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NotEmpty(f"{target} already exists and is not an empty folder")
    files = skeleton_files()
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(files)
