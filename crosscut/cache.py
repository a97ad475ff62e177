"""What a build may keep between builds: results that are a pure function of their inputs.

A cache entry is stored under a key made from everything its result depends on (the inputs'
bytes and the engine's own code), so a stale entry is never found, only left unused. Each
entry starts with a checksum of its data: a missing, unreadable or damaged entry is a miss.
The folder is git-ignored, made and written by the build alone, and may be deleted at any
time; the next build is then a cold one, with the same output.

The folder sits in the project, where a stranger's pull request could add files. Entries hold
data only, JSON or bytes, never pickled objects, so no entry can run code; and a cache folder
that git tracks (committed by mistake or on purpose) is not read at all, so no planted entry
can change the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

FOLDER = ".crosscut-cache"  # in the project root; see the module's docstring
MARKER = "CACHEDIR.TAG"  # the standard tag that tells backup tools to skip a cache folder
TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# crosscut keeps results between builds here; delete it at will.\n"
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def engine() -> str:
    """A digest of crosscut's own code and default templates: a changed engine finds no old entries."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".xml", ".txt", ".css", ".js", ".ttf"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(*parts: object) -> str:
    """A key for a result that depends on `parts` (strings, bytes, or anything JSON can write) and the engine."""
    digest = hashlib.sha256(engine().encode())
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode() if isinstance(part, str) else json.dumps(
            part, sort_keys=True, ensure_ascii=False, default=repr).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Cache:
    """Bytes and JSON by kind and key under one folder; with no folder, every lookup misses and nothing is kept."""

    def __init__(self, folder: Path | None, write: bool = True):
        self.folder = folder
        self.write = write and folder is not None
        self.hits = self.misses = 0
        self.used: dict[str, set[str]] = {}  # kind -> keys this build read or wrote (see sweep)

    @classmethod
    def off(cls) -> Cache:
        return cls(None)

    @classmethod
    def of_project(cls, root: Path, write: bool = True) -> tuple[Cache, str]:
        """The project's cache, and a notice when it cannot be used: a cache folder that git
        tracks came with the sources, not from a build here, and is neither read nor written."""
        folder = root / FOLDER
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir() or tracked(root, FOLDER)):
            return cls.off(), (f"{FOLDER}/ is {'tracked by git' if folder.is_dir() else 'not a folder the build made'}, "
                               "so this build keeps nothing between builds and ignores it; remove it from the "
                               f"repository (git rm -r --cached {FOLDER}) and let the build make its own")
        return cls(folder, write), ""

    def path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The bytes stored under (kind, key), or None."""
        if self.folder is None:
            return None
        try:
            path = self.path(kind, key)
            if path.is_symlink() or not path.is_file():  # the cache holds regular files the build wrote, nothing else
                raise FileNotFoundError
            stored = path.read_bytes()
        except OSError:
            stored = b""
        data = stored[32:]
        if len(stored) < 32 or hashlib.sha256(data).digest() != stored[:32]:
            self.misses += 1
            return None
        self.hits += 1
        self.used.setdefault(kind, set()).add(key)
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store `data` under (kind, key); a cache that cannot be written is only a slower build."""
        if not self.write:
            return
        self.used.setdefault(kind, set()).add(key)
        try:
            path = self.path(kind, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not (self.folder / MARKER).exists():
                (self.folder / MARKER).write_bytes(TAG)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(hashlib.sha256(data).digest() + data)
            os.replace(temporary, path)  # readers see the old entry or the whole new one
        except OSError:
            pass

    def sweep(self) -> None:
        """After a good build, remove the entries of each kind it used that it did not use: what an
        edit replaced. The cache then holds what the next build needs, and does not grow with edits."""
        if not self.write:
            return
        for kind, keys in self.used.items():
            for path in (self.folder / kind).glob("*/*"):
                if path.name not in keys:
                    try:
                        path.unlink()
                    except OSError:
                        pass


def tracked(root: Path, name: str) -> bool:
    """True when git tracks any file under root/name (False where there is no git or no repository)."""
    git = shutil.which("git")
    if git is None:
        return False
    try:
        found = subprocess.run([git, "-C", str(root), "ls-files", "-z", "--", name], capture_output=True, timeout=30,
                               check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout)
