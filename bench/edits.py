"""Edit one paragraph of one essay and time how long until the page, then the search index, show it.

Two ways of getting the edit built are timed: a second `build.py` run started right after the
save, and `build.py serve` already running and watching the project. The clock starts when the
save is done and stops when the essay's page on disk holds the new word, and when a chunk of
Pagefind's word index does.
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import subprocess
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from measure import cpu_time

POLL = 0.02  # seconds between looks at the output


@dataclass(frozen=True)
class Edit:
    seed: Path  # the raw text edited
    page: Path  # the essay's page in the built site
    index: Path  # the search bundle's folder: its word index chunks, and those of the shards it merges
    original: str  # the seed before any edit
    block: int  # which blank-line-separated block of the seed is the paragraph changed


@dataclass(frozen=True)
class Timing:
    page: float | None  # seconds from the save until the page held the new word; None: not within the timeout
    search: float | None  # seconds until the search index held it
    cpu: float | None = None  # user + system seconds the rebuild took, Pagefind included


def plan_edit(project: Path, site: Path) -> Edit:
    """Pick a synthetic essay from the middle of the collection and its second body paragraph."""
    slugs = sorted(p.stem for p in (project / "content" / "essays").glob("*.yml") if re.search(r"-\d{5}$", p.stem))
    if not slugs:
        raise SystemExit(f"{project} has no synthetic essays to edit")
    slug = slugs[len(slugs) // 2]
    seed = project / "seeds" / f"{slug}.txt"
    text = seed.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    body = [k for k, block in enumerate(blocks) if k >= 3 and not block.startswith("## ")]  # after title, byline, date
    return Edit(seed, site / "essays" / slug / "index.html", site / "pagefind", text, body[1])


def apply(edit: Edit, word: str) -> None:
    """Save the seed with `word` added as the last sentence of the paragraph (edits never pile up)."""
    blocks = edit.original.split("\n\n")
    blocks[edit.block] = blocks[edit.block].rstrip() + f" {word}."
    edit.seed.write_text("\n\n".join(blocks), encoding="utf-8")


def restore(edit: Edit) -> None:
    edit.seed.write_text(edit.original, encoding="utf-8")


def page_has(edit: Edit, word: str) -> bool:
    try:
        return word.encode() in edit.page.read_bytes()
    except OSError:  # not written yet, or swapped away this instant
        return False


class IndexWatch:
    """Whether Pagefind's word index, in the main bundle or a shard's, holds a word; each chunk is read
    once (its name is its content hash)."""

    def __init__(self, folder: Path, word: str):
        self.folder, self.word, self.read = folder, word.encode(), {}

    def holds(self) -> bool:
        try:
            chunks = sorted(self.folder.glob("index/*.pf_index")) + sorted(self.folder.glob("*/index/*.pf_index"))
        except OSError:
            return False
        for chunk in chunks:
            if chunk not in self.read:
                try:
                    self.read[chunk] = self.word in gzip.decompress(chunk.read_bytes())
                except (OSError, EOFError, zlib.error):
                    continue  # being written or swapped: look again next time
            if self.read[chunk]:
                return True
        return False


def watch(edit: Edit, word: str, saved: float, running, timeout: float) -> Timing:
    """Poll until page and index hold `word`, the builder stops (checked once more), or timeout."""
    page = search = None
    index = IndexWatch(edit.index, word)
    while True:
        alive = running()
        now = time.perf_counter() - saved
        if page is None and page_has(edit, word):
            page = now
        if search is None and index.holds():
            search = now
        if (page is not None and search is not None) or not alive or now > timeout:
            return Timing(page, search)
        time.sleep(POLL)


def second_build(project: Path, python: str, edit: Edit, word: str, timeout: float, options: list[str]) -> Timing:
    """Save the edit, then run `build.py` once as a maintainer would, and time the page and the index."""
    apply(edit, word)
    saved = time.perf_counter()
    process = subprocess.Popen([python, "build.py", "--quiet", *options], cwd=project, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu: list[float] = []

    def running() -> bool:
        """Whether the build still runs; when it has ended, reap it and keep its CPU time."""
        if cpu:
            return False
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if not pid:
            return True
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu.append(usage.ru_utime + usage.ru_stime)
        return False

    try:
        timing = watch(edit, word, saved, running, timeout)
        until(lambda: not running(), timeout)  # let it finish what it does after the index
        return replace(timing, cpu=cpu[0] if cpu else None)
    finally:
        stop(process, signal.SIGTERM)


def serve_edits(project: Path, python: str, edit: Edit, words: list[str], timeout: float,
                options: list[str]) -> list[Timing]:
    """Start `build.py serve`, wait for its first build, then save one edit per word and time each."""
    log = project / ".bench-serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([python, "build.py", "serve", "--port", str(free_port()), *options], cwd=project,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sink)
    running = lambda: process.poll() is None  # noqa: E731
    timings = []
    try:
        until(lambda: "serving http://" in read(log) or not running(), timeout)
        if not running() or "serving http://" not in read(log):
            raise SystemExit(f"build.py serve did not start in {project}:\n{read(log)[-2000:]}")
        for word in words:
            builds, before = finished(log), cpu_time(process.pid)
            apply(edit, word)
            timing = watch(edit, word, time.perf_counter(), running, timeout)
            until(lambda: finished(log) > builds or not running(), timeout)  # idle again before the next edit
            timings.append(replace(timing, cpu=cpu_time(process.pid) - before if running() else None))
    finally:
        stop(process, signal.SIGINT)
        restore(edit)
    return timings


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def finished(log: Path) -> int:
    """How many builds serve has finished, good or failed, by the lines it prints after each."""
    return len(re.findall(r"(?m)^(?:built |build failed)", read(log)))


def until(condition, timeout: float) -> bool:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            return False
        time.sleep(POLL * 5)
    return True


def stop(process: subprocess.Popen, sig: int) -> None:
    """End a process this module started: the signal, then a kill if it lingers."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
