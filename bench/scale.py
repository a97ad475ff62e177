#!/usr/bin/env python3
"""How build cost grows with the number of essays: time per stage for 5, 10, 20, 40 and 80 essays.

    python bench/scale.py [--sizes 5 10 20 40 80] [--search]

Each size is a temporary project whose seeds are copies of the real five (with their own
metadata), sharing the real glossary, themes and timeline. The cost per essay should stay
flat as the collection grows; the last column says how it changed against the smallest size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscut.load import load  # noqa: E402
from crosscut.render import render_site  # noqa: E402
from crosscut.search import index_site  # noqa: E402
from crosscut.write import stage_files  # noqa: E402


def make_project(folder: Path, size: int) -> None:
    """A copy of the project whose seeds repeat the real five until there are `size` essays."""
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "seeds").mkdir()
    originals = sorted((ROOT / "content" / "essays").glob("*.yml"))
    for n in range(size):
        meta = originals[n % len(originals)]
        text = meta.read_text(encoding="utf-8")
        source = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("source:"))
        copy = meta.stem if n < len(originals) else f"{meta.stem}-copy-{n}"
        shutil.copy(ROOT / "seeds" / source, folder / "seeds" / f"{copy}.txt")
        (folder / "content" / "essays" / f"{copy}.yml").write_text(text.replace(source, f"{copy}.txt"), encoding="utf-8")


def timed(stages: dict, name: str, work):
    start = time.perf_counter()
    result = work()
    stages[name] = stages.get(name, 0.0) + time.perf_counter() - start
    return result


LOAD_STAGES = {"reading": "read", "cleaning": "clean", "resolving": "analyse"}  # load's stage messages, by first word


def measure(folder: Path, search: bool) -> dict[str, float]:
    """Seconds spent in each stage of one build of the project in `folder`."""
    stages: dict[str, float] = {}
    marks = []  # (stage, when it began), as load names each stage
    loaded = load(folder, log=lambda message: marks.append((LOAD_STAGES[message.split()[0]], time.perf_counter())))
    marks.append(("", time.perf_counter()))
    for (name, began), (_, ended) in zip(marks, marks[1:]):
        stages[name] = ended - began
    files = timed(stages, "render", lambda: render_site(loaded.site, loaded.analysis, loaded.config, folder / "templates"))
    stage = timed(stages, "write", lambda: stage_files(files, folder / "site"))
    if search:
        timed(stages, "index", lambda: index_site(stage))
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 40, 80])
    parser.add_argument("--search", action="store_true", help="include the Pagefind stage")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_project(Path(tmp), size)
            measure(Path(tmp), args.search)  # warm up imports and caches
            rows.append((size, measure(Path(tmp), args.search)))
    names = list(rows[0][1])
    print(f"{'essays':>6} " + " ".join(f"{n:>9}" for n in names) + f" {'total':>8} {'ms/essay':>9} {'vs first':>8}")
    base = None
    for size, stages in rows:
        total = sum(stages.values())
        per = 1000 * total / size
        base = base or per
        print(f"{size:6} " + " ".join(f"{1000 * stages[n]:7.0f}ms" for n in names)
              + f" {total:7.2f}s {per:8.1f} {per / base:7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
