"""Write the rendered files into a staging folder, then swap it in for the output folder in one step.

The build never deletes what it did not write. Every folder it writes carries a marker file,
and it replaces an output folder only when that folder is missing, empty or marked; the project
itself, the folders above it and the source folders are never an output. The swap is one
rename that exchanges the two folders (renameat2 with RENAME_EXCHANGE, on Linux), so a build
killed at any moment leaves either the old site or the new one, never neither; where the system
cannot exchange, two renames are used, with a moment between them when the folder is absent.
Staging folders left by killed builds are removed by the next build, and a lock on the folder
that holds the output keeps two builds from writing at once.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import tempfile
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

MARKER = ".crosscut"  # in every folder the build writes; its presence makes a folder ours to replace
MARKER_TEXT = b"crosscut built this folder; the next build replaces all of it.\n"
SOURCES = ("seeds", "content", "templates", ".crosscut-cache")  # folders of the project an output may not be, hold or be in


class OutputRefused(Exception):
    """The output folder may not be replaced; carries the reason and the fix."""

    def __init__(self, reason: str, fix: str):
        super().__init__(reason)
        self.fix = fix


def check_output(out: Path, root: Path) -> None:
    """Raise OutputRefused unless `out` is missing, empty, or a folder an earlier build wrote."""
    out, root = out.absolute(), root.resolve()
    real = out.resolve()
    fix = "build into a new or empty folder (the default is site/ in the project)"
    if real == root:
        raise OutputRefused(f"will not build into {out}: it is the project folder, and a build replaces its output "
                            "folder entirely", fix)
    if root.is_relative_to(real):
        raise OutputRefused(f"will not build into {out}: it holds the project ({root})", fix)
    for name in SOURCES:
        source = root / name
        if real == source or real.is_relative_to(source) or source.is_relative_to(real):
            raise OutputRefused(f"will not build into {out}: {'it is' if real == source else 'it is inside' if real.is_relative_to(source) else 'it holds'} "
                                f"the project's {name}/ folder", fix)
    if not os.path.lexists(out):
        return
    if not out.is_dir():
        raise OutputRefused(f"will not build into {out}: it is a file, not a folder", fix)
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return
    raise OutputRefused(f"will not build into {out}: it holds files that crosscut did not write (there is no {MARKER} "
                        "file in it); nothing was deleted",
                        "build into a new or empty folder; if this is an older crosscut site, delete it yourself once")


def staging_prefix(out: Path) -> str:
    return f".{out.name}-staging-"


class Packed:
    """A file's bytes kept compressed until they are written: a large collection's pages, held all at
    once between rendering and writing, take a fifth of the memory."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = zlib.compress(data, 1)

    def unpack(self) -> bytes:
        return zlib.decompress(self.data)


def contents(data: bytes | Packed) -> bytes:
    """The bytes of a file as it will be written."""
    return data.unpack() if isinstance(data, Packed) else data


def stage_files(files: dict[str, bytes | Packed], out: Path) -> Path:
    """Write every file into a fresh folder beside `out` (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
    (stage / MARKER).write_bytes(MARKER_TEXT)  # first, so a killed build's folder is known as ours
    for path in sorted(files):
        target = stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents(files[path]))
    return stage


def remove_stale(out: Path, keep: Path | None = None) -> None:
    """Remove staging folders that killed builds left beside `out`: only marked ones (ours), or empty ones."""
    if not out.parent.is_dir():
        return
    for folder in sorted(out.parent.glob(staging_prefix(out) + "*")):
        if folder != keep and folder.is_dir() and not folder.is_symlink():
            if (folder / MARKER).is_file():
                shutil.rmtree(folder, ignore_errors=True)
            elif not any(folder.iterdir()):
                folder.rmdir()


def swap_in(stage: Path, out: Path) -> None:
    """Put `stage` in the place of `out` in one step, then remove the old site (if there was one)."""
    stage.chmod(0o755)  # mkdtemp makes it private; a served site must be readable
    if not os.path.lexists(out):
        os.rename(stage, out)
        return
    if exchange(stage, out):
        discard_old(stage)  # after the exchange, the staging path holds the previous site
        return
    # no atomic exchange here: move the old site aside, then the new one in
    aside = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
    (aside / MARKER).write_bytes(MARKER_TEXT)  # so that, if killed now, the next build removes it
    os.rename(out, aside / out.name)
    os.rename(stage, out)
    discard_old(aside / out.name)
    discard_old(aside)


def discard_old(folder: Path) -> None:
    """Remove a replaced output folder: all of it if the build wrote it, only if empty otherwise."""
    if (folder / MARKER).is_file():
        shutil.rmtree(folder)
    elif folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not Linux, or a C library without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # kernel or file system without it
        return False
    raise OSError(code, os.strerror(code), str(b))


def discard(stage: Path) -> None:
    """Remove a staging folder after a failed build; the output folder was never touched."""
    shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def output_lock(out: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock on the folder that holds `out`, so two builds never write there at once.

    The lock is taken on that folder itself (no lock file is left about); a second build
    says it is waiting and waits. Where flock does not exist (Windows), there is no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another build writing into {out.parent} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Let Ctrl-C wait until the block is done: the swap and the old site's removal are one step.

    Only the main thread can set signal handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
