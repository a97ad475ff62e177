"""Nothing lost: the build replaces only folders it wrote, swaps the new site in in one step, cleans up
after killed builds, lets one build at a time write, and answers Ctrl-C and its own bugs with a line."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import crosscut.essays
import crosscut.write
from crosscut.pipeline import Options, build
from crosscut.write import MARKER, exchange

from conftest import ROOT, copy_project, run_build, snapshot

FAILED = "build failed; site/ was left as it was"
FRESH_FIX = "build into a new or empty folder (the default is site/ in the project)"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A project with a good site/ built in it, once for the module."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert run_build(project, "--no-search", "--quiet").code == 0
    return project


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A fresh copy of the built project, inside a folder of its own (so it has a parent to refuse)."""
    return Path(shutil.copytree(built_project, tmp_path / "outer" / "project", symlinks=True))


def everything(folder: Path) -> dict[str, bytes]:
    return snapshot(folder)


def refused(run, message: str, fix: str = FRESH_FIX) -> None:
    assert run.stderr == f"error: {message}\n    fix: {fix}\n{FAILED}\n"
    assert run.code == 1


# ---------------------------------------------------------------- which folders the build may replace


def test_the_project_folder_is_refused(project):
    before = everything(project)
    run = run_build(project, "--no-search", "--out", str(project))
    refused(run, f"will not build into {project}: it is the project folder, and a build replaces its output folder entirely")
    assert everything(project) == before


def test_a_folder_holding_the_project_is_refused(project):
    before = everything(project.parent)
    run = run_build(project, "--no-search", "--out", str(project.parent))
    refused(run, f"will not build into {project.parent}: it holds the project ({project})")
    assert everything(project.parent) == before


@pytest.mark.parametrize("out, how", [("content", "it is the project's content/ folder"),
                                      ("seeds", "it is the project's seeds/ folder"),
                                      ("templates", "it is the project's templates/ folder"),
                                      ("content/site", "it is inside the project's content/ folder")])
def test_source_folders_are_refused(project, out, how):
    before = everything(project)
    run = run_build(project, "--no-search", "--out", str(project / out))
    refused(run, f"will not build into {project / out}: {how}")
    assert everything(project) == before


def test_a_folder_crosscut_did_not_write_is_refused_and_kept(project):
    docs = project / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("my notes\n", encoding="utf-8")
    run = run_build(project, "--no-search", "--out", str(docs))
    refused(run, f"will not build into {docs}: it holds files that crosscut did not write (there is no {MARKER} file in it); "
                 "nothing was deleted",
            "build into a new or empty folder; if this is an older crosscut site, delete it yourself once")
    assert [p.name for p in docs.iterdir()] == ["notes.md"]


def test_a_file_is_refused(project):
    target = project / "site.txt"
    target.write_text("keep me\n", encoding="utf-8")
    run = run_build(project, "--no-search", "--out", str(target))
    refused(run, f"will not build into {target}: it is a file, not a folder")
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_an_empty_folder_and_an_earlier_output_are_replaced(project):
    empty = project / "public"
    empty.mkdir()
    assert run_build(project, "--no-search", "--quiet", "--out", str(empty)).code == 0
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    assert run_build(project, "--no-search", "--quiet", "--out", str(empty)).code == 0
    assert b"A new sentence." in (empty / "about" / "index.html").read_bytes()


# ---------------------------------------------------------------- the swap, staging folders, the lock


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").touch()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "from-b").touch()
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]


def test_the_site_is_never_absent_during_the_swap(project, monkeypatch):
    """The new site goes in by one exchange: the output folder is never renamed away first."""
    real_rename = os.rename

    def rename(src, dst):
        assert Path(src) != project / "site", "site/ was moved away: for a moment there was no site"
        return real_rename(src, dst)

    monkeypatch.setattr(crosscut.write.os, "rename", rename)
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSwapped in.\n", encoding="utf-8")
    run = run_build(project, "--no-search", "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert b"Swapped in." in (project / "site" / "about" / "index.html").read_bytes()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_without_an_atomic_exchange_the_build_still_swaps_and_cleans_up(project, monkeypatch):
    monkeypatch.setattr(crosscut.write, "exchange", lambda a, b: False)
    run = run_build(project, "--no-search", "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert (project / "site" / MARKER).is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_staging_folders_of_killed_builds_are_removed_but_no_others(project):
    ours = project / ".site-staging-killed1"
    (ours / "essays").mkdir(parents=True)
    (ours / MARKER).write_bytes(b"")
    (ours / "essays" / "index.html").write_text("half a site", encoding="utf-8")
    empty = project / ".site-staging-killed2"
    empty.mkdir()
    foreign = project / ".site-staging-mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not crosscut's", encoding="utf-8")
    run = run_build(project, "--no-search", "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site-staging-mine"]
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "not crosscut's"


def test_a_second_build_into_the_same_place_waits_and_says_so(project):
    """Another build holds the lock (here: the test); this one says it waits, then finishes."""
    holder = os.open(project, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    heard, result = [], {}
    options = Options(root=project, out=project / "site", search=False)
    thread = threading.Thread(target=lambda: result.setdefault("problems", build(options, notice=heard.append)))
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not heard and time.monotonic() < deadline:
            time.sleep(0.05)
        assert heard == [f"waiting for another build writing into {project} to finish"]
        time.sleep(0.3)
        assert "problems" not in result, "the build went on while another held the lock"
    finally:
        os.close(holder)
        thread.join(60)
    assert "problems" in result and not result["problems"].failed()


# ---------------------------------------------------------------- Ctrl-C and bugs


SLOW_STAGE = """
import sys, time
from pathlib import Path
import crosscut.{module}
from crosscut.cli import main

def slow(*args):
    print("in the stage now", file=sys.stderr, flush=True)
    time.sleep(60)

crosscut.{module}.{stage} = slow
sys.exit(main([], root=Path({root!r})))
"""


@pytest.mark.parametrize("module, stage", [("load", "read_essays"), ("pipeline", "index_site")], ids=["reading", "indexing"])
def test_ctrl_c_prints_one_line_and_leaves_the_site_as_it_was(project, module, stage):
    before = snapshot(project / "site")
    child = subprocess.Popen([sys.executable, "-c", SLOW_STAGE.format(module=module, stage=stage, root=str(project))],
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stderr.readline() == "in the stage now\n"
        child.send_signal(signal.SIGINT)
        rest = child.stderr.read()
        code = child.wait(30)
    finally:
        child.kill()
    assert rest == "interrupted; site/ was left as it was\n"
    assert code == 130
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_a_bug_is_one_line_that_names_the_stage_and_the_file(project, monkeypatch):
    before = snapshot(project / "site")
    seed = "2013-troitskiy-setting-expectations-right.txt"
    real = crosscut.essays.clean_text

    def clean_text(text, overrides):
        if "Setting Expectations Right" in text:
            raise ValueError("simulated bug")
        return real(text, overrides)

    monkeypatch.setattr(crosscut.essays, "clean_text", clean_text)
    shutil.rmtree(project / ".crosscut-cache")  # the first build kept every cleaned seed: this one must clean again
    run = run_build(project, "--no-search")
    assert run.stderr == (f"error: crosscut failed while cleaning 5 essays, at seeds/{seed}: ValueError: simulated bug. "
                          "This is a bug in crosscut, not in your files; please report it with this line "
                          "(run with --verbose for the details)\n" + FAILED + "\n")
    assert run.code == 1
    assert snapshot(project / "site") == before


def test_verbose_shows_the_traceback_of_a_bug(project, monkeypatch):
    monkeypatch.setattr(crosscut.essays, "clean_text", lambda text, overrides: 1 / 0)
    shutil.rmtree(project / ".crosscut-cache")  # so that the seeds are cleaned, not read back
    run = run_build(project, "--no-search", "--verbose")
    assert "Traceback (most recent call last):" in run.stderr and "ZeroDivisionError" in run.stderr
    assert run.stderr.endswith(FAILED + "\n") and run.code == 1
