"""Build the golden fixture site, and regenerate tests/golden/expected/ after a deliberate change.

    .venv/bin/python -m tests.golden.regen

The fixture is tests/golden/site-src/ (its own seeds/ and content/) with the repository's
templates/, built with --no-search, so the output depends on nothing but the code.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

from crosscut.cli import main as build_main

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "site-src"  # seeds/ and content/ of the fixture
EXPECTED = HERE / "expected"  # the committed output
REPO = HERE.parents[1]  # the project root, whose templates/ the fixture uses


def assemble(project: Path) -> Path:
    """Lay out a project folder: the fixture's seeds/ and content/, the repository's templates/."""
    shutil.copytree(SOURCE / "seeds", project / "seeds")
    shutil.copytree(SOURCE / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    return project


def build_golden(out: Path) -> str:
    """Build the fixture into `out`; return what the build printed (problems only); raise if it failed."""
    with tempfile.TemporaryDirectory(prefix="golden-") as scratch:
        project = assemble(Path(scratch) / "project")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = build_main(["--no-search", "--quiet", "--out", str(out)], root=project)
    if code != 0:
        raise RuntimeError(f"the golden fixture did not build:\n{err.getvalue()}")
    return err.getvalue()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, keyed by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    """Rebuild the fixture and replace tests/golden/expected/ with the result; report what changed."""
    with tempfile.TemporaryDirectory(prefix="golden-out-") as scratch:
        out = Path(scratch) / "site"
        printed = build_golden(out)
        if printed:
            print(printed, file=sys.stderr, end="")
            print("the fixture must build without problems; fix it before regenerating", file=sys.stderr)
            return 1
        old, new = (files(EXPECTED) if EXPECTED.exists() else {}), files(out)
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED)
    changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    for name in changed:
        print(f"{'added' if name not in old else 'removed' if name not in new else 'changed'}: {name}")
    print(f"{EXPECTED.relative_to(REPO)}: {len(new)} files, {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
