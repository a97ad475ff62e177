"""Shared fixtures: the real site built once per session, temporary project copies, a build runner."""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from crosscut.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("seeds", "content", "templates")


@dataclass(frozen=True)
class Run:
    code: int  # exit code of crosscut.cli.main
    stderr: str  # everything it printed to stderr
    stdout: str  # everything it printed to stdout


def run_build(root: Path, *args: str) -> Run:
    """Run the command line in-process on a project folder, capturing what it prints."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(list(args), root=root)
    return Run(code, err.getvalue(), out.getvalue())


def copy_project(target: Path) -> Path:
    """Copy seeds/, content/ and templates/ of the real project into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, target / part)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, keyed by relative path (for byte-for-byte comparisons)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def essay_metadata(root: Path = ROOT) -> dict[str, dict]:
    """content/essays/*.yml as plain data, keyed by slug (the file name unless 'slug:' says otherwise)."""
    found = {}
    for path in sorted((root / "content" / "essays").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found[str(data.get("slug", path.stem))] = data
    return found


def seed_text(slug: str) -> str:
    """The raw seed of an essay, as its metadata names it."""
    return (ROOT / "seeds" / essay_metadata()[slug]["source"]).read_text(encoding="utf-8")


@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the output folder
    base: str  # base URL it was built for
    run: Run  # the build's exit code and messages

    def file(self, rel: str) -> Path:
        return self.path / rel

    def essay(self, slug: str) -> Path:
        return self.path / "essays" / slug / "index.html"


PUBLIC = "https://example.org"  # the public address the session builds are given (the project sets none)


def build_real(out: Path, base: str, *extra: str) -> BuiltSite:
    """Build the real project into `out` for `base`, published at PUBLIC + base; search pages link to pagefind/,
    so it is built too."""
    run = run_build(ROOT, "--quiet", "--base-url", base, "--url", PUBLIC + base, "--out", str(out), *extra)
    assert run.code == 0, f"building the real project failed:\n{run.stderr}"
    return BuiltSite(out, base, run)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real project built once, served at the root."""
    return build_real(tmp_path_factory.mktemp("site-root") / "site", "/")


@pytest.fixture(scope="session")
def site_sub(tmp_path_factory) -> BuiltSite:
    """The real project built once, served under /crosscut/."""
    return build_real(tmp_path_factory.mktemp("site-sub") / "site", "/crosscut/")


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away copy of the project to break or extend."""
    return copy_project(tmp_path / "project")
