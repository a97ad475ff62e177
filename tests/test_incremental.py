"""Builds that reuse what earlier builds kept (.crosscut-cache/) give the site a cold build gives, byte for byte."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project, essay_metadata, run_build, snapshot
from crosscut import clean, essays

URL = ("--url", "https://example.org/reader/")  # a public address: share cards and feeds are built too
ESSAY = "troitskiy-2013"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def cleanings(monkeypatch) -> list[str]:
    """The first words of every seed the build cleans (not reads back from the cache)."""
    seen = []

    def counted(text, overrides=clean.Overrides()):
        seen.append(text)
        return clean.clean_text(text, overrides)
    monkeypatch.setattr(essays, "clean_text", counted)
    return seen


def edit_paragraph(root: Path, slug: str, old: str, new: str) -> None:
    seed = root / "seeds" / essay_metadata(root)[slug]["source"]
    text = seed.read_text(encoding="utf-8")
    assert old in text
    seed.write_text(text.replace(old, new, 1), encoding="utf-8")


def cold(root: Path) -> dict[str, bytes]:
    """The site a build with no cache and no earlier output makes."""
    shutil.rmtree(root / ".crosscut-cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    assert run_build(root, *URL).code == 0
    return snapshot(root / "site")


def test_an_edit_rebuilt_from_the_cache_equals_a_cold_build(project, cleanings):
    assert run_build(project, *URL).code == 0
    assert len(cleanings) == 5 and (project / ".crosscut-cache").is_dir()
    edit_paragraph(project, ESSAY, "expectations", "expectations (edited)")
    cleanings.clear()
    assert run_build(project, *URL).code == 0
    assert len(cleanings) == 1  # only the edited seed was cleaned again
    incremental = snapshot(project / "site")
    assert b"expectations (edited)" in incremental[f"essays/{ESSAY}/index.html"]
    assert incremental == cold(project)


def test_a_second_build_with_nothing_changed_cleans_nothing_and_changes_nothing(project, cleanings):
    first = cold(project)
    cleanings.clear()
    assert run_build(project, *URL).code == 0
    assert cleanings == []
    assert snapshot(project / "site") == first


def test_a_damaged_cache_is_computed_again(project):
    expected = cold(project)
    for entry in (project / ".crosscut-cache").rglob("*"):
        if entry.is_file() and entry.name != "CACHEDIR.TAG":
            entry.write_bytes(entry.read_bytes()[:-1] + b"!")  # one byte changed: a disk error, a killed write
    assert run_build(project, *URL).code == 0
    assert snapshot(project / "site") == expected


def forge(entry: Path, data: bytes) -> None:
    """An entry as the cache writes one, checksum and all, holding `data`."""
    entry.write_bytes(hashlib.sha256(data).digest() + data)


def test_a_cache_that_came_with_the_sources_is_not_read(project):
    """The cache folder is in the project, so a pull request could commit one: entries are data,
    never code, and a cache folder that git tracks is ignored, so forged entries change nothing."""
    expected = cold(project)
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for entry in (project / ".crosscut-cache").rglob("*"):
        if entry.is_file() and entry.name != "CACHEDIR.TAG":
            forge(entry, b"\x80\x04cos\nsystem\n(S'touch planted'\ntR.")  # a pickle that would run a command
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", ".crosscut-cache"], check=True)
    run = run_build(project, *URL)
    assert run.code == 0 and "tracked by git" in run.stderr and "git rm -r --cached .crosscut-cache" in run.stderr
    assert snapshot(project / "site") == expected
    assert not (project / "planted").exists()


def test_an_entry_is_used_as_it_is_only_when_its_checksum_holds(project):
    """The other side of the test above: a forged entry with a valid checksum in an untracked cache
    is used (so the git check, not luck, is what kept it out)."""
    cold(project)
    cards = [p for p in (project / ".crosscut-cache" / "card").rglob("*") if p.is_file()]
    for entry in cards:
        forge(entry, b"not a picture")
    assert run_build(project, *URL).code == 0
    assert b"not a picture" in snapshot(project / "site").values()


def test_check_leaves_no_cache_behind(project):
    assert run_build(project, "check").code == 0
    assert not (project / ".crosscut-cache").exists()


def test_the_cache_folder_is_never_an_output(project):
    run = run_build(project, "--out", str(project / ".crosscut-cache"))
    assert run.code != 0 and ".crosscut-cache" in run.stderr


def entries(root: Path) -> dict[str, int]:
    """How many entries of each kind the cache holds."""
    found: dict[str, int] = {}
    for path in (root / ".crosscut-cache").glob("*/*/*"):
        found[path.parts[-3]] = found.get(path.parts[-3], 0) + 1
    return found


def test_the_cache_does_not_grow_with_edits(project):
    cold(project)
    after_cold = entries(project)
    assert after_cold["clean"] == 5 and after_cold["card"] > 100 and after_cold["search-shard"] == 1
    for n in range(3):
        edit_paragraph(project, ESSAY, "expectations", f"expectations ({n})")
        assert run_build(project, *URL).code == 0
    assert entries(project) == after_cold  # each edit's entries replaced the ones it made stale


def test_the_site_does_not_depend_on_how_many_workers_built_it(tmp_path, monkeypatch):
    """Cleaning, views, pages and cards spread over worker processes give the site one process gives."""
    from crosscut import work
    monkeypatch.setattr(work, "ENOUGH", 1)  # spread even this small collection
    sites = []
    for workers in ("1", "2"):
        monkeypatch.setenv("CROSSCUT_WORKERS", workers)
        root = copy_project(tmp_path / f"project-{workers}")
        assert run_build(root, *URL).code == 0
        sites.append(snapshot(root / "site"))
    assert sites[0] == sites[1]
