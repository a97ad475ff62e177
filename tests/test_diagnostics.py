"""All problems of a broken project come in one run, in file order, and site/ stays as it was (each message on its own,
exactly: tests/test_messages.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import crosscut.pipeline
import crosscut.search
from crosscut.search import IndexFailed
from crosscut.seeds import FIELDS

from conftest import FIXTURES, copy_project, run_build, snapshot

FAILED = "build failed; site/ was left as it was"
TROITSKIY_SEED = "2013-troitskiy-setting-expectations-right.txt"
TROITSKIY_TYPO = "2013-troitskiy-setting-expectation-right.txt"


def report(*problems: tuple[str, str, str], warnings: int = 0) -> str:
    """The numbered report the build prints for these errors: (where, message, fix)."""
    lines = [f"{n}. {where}: error: {message}\n    fix: {fix}" for n, (where, message, fix) in enumerate(problems, 1)]
    return "\n".join(lines + [f"{len(problems)} error(s), {warnings} warning(s)", FAILED]) + "\n"


def meta(project: Path, slug: str) -> Path:
    return project / "content" / "essays" / f"{slug}.yml"


def line_starting(path: Path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))


def replace_line(path: Path, prefix: str, new: str) -> int:
    """Replace the line starting with `prefix`; return its number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    n = line_starting(path, prefix)
    lines[n - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def append_line(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


# ---------------------------------------------------------------- one break each, with its exact problem


def malformed_yaml(project: Path):
    n = replace_line(meta(project, "mankoff"), "title:", "title: Stop having: unrealistic expectations")
    return (f"content/essays/mankoff.yml:{n}", "malformed YAML: mapping values are not allowed here",
            "check indentation and quoting on this line; quote values that contain ': ' or '#'")


def missing_seed(project: Path):
    n = replace_line(meta(project, "troitskiy-2013"), "source:", f"source: {TROITSKIY_TYPO}")
    return (f"content/essays/troitskiy-2013.yml:{n}",
            f"source '{TROITSKIY_TYPO}' is not a file in seeds/ (did you mean '{TROITSKIY_SEED}'?)",
            "put the raw text in seeds/ or correct the file name")


def duplicate_slug(project: Path):
    n = append_line(meta(project, "yu-sui-2021"), "slug: where-to-now-2021")
    return (f"content/essays/yu-sui-2021.yml:{n}",
            "duplicate slug 'where-to-now-2021', already used by content/essays/where-to-now-2021.yml",
            "give one of the essays another 'slug:' (or rename its metadata file)")


def missing_source(project: Path):
    path = meta(project, "wallander-2003")
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("source:")), encoding="utf-8")
    return ("content/essays/wallander-2003.yml:1", "required field 'source' is missing",
            "add a line 'source: <file name in seeds/>' naming the raw text of this essay")


def unknown_field(project: Path):
    n = append_line(meta(project, "mankoff"), "auther: Jeffrey Mankoff")
    return (f"content/essays/mankoff.yml:{n}", "unknown field 'auther' (did you mean 'authors'?)",
            "known fields: " + ", ".join(FIELDS))


def seed_without_metadata(project: Path):
    shutil.copy(FIXTURES / "doe-roe-2024.txt", project / "seeds" / "doe-roe-2024.txt")
    return ("seeds/doe-roe-2024.txt", "this seed has no metadata file",
            "create content/essays/doe-roe-2024.yml containing the line: source: doe-roe-2024.txt")


CHANGE = "A sentence added after the last good build."


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    """A project copy with a good site/ built in it, made once for this module (copying is faster than building)."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    run = run_build(project, "--no-search", "--quiet")
    assert run.code == 0, run.stderr
    return project


@pytest.fixture
def built(good_project, tmp_path):
    """A fresh copy of the good project, then an input changed, so that any build that reached
    site/ would show. Returns (project, snapshot of site/)."""
    project = tmp_path / "project"
    shutil.copytree(good_project, project)
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{CHANGE}\n", encoding="utf-8")
    return project, snapshot(project / "site")


def assert_untouched(project: Path, before: dict[str, bytes]) -> None:
    assert snapshot(project / "site") == before, "a failed build changed site/"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == [], "staging folder left behind"


def test_all_problems_are_reported_in_one_run(built):
    project, before = built
    problems = [missing_seed(project), duplicate_slug(project), missing_source(project), unknown_field(project),
                seed_without_metadata(project)]
    order = ["content/essays/mankoff.yml", "content/essays/troitskiy-2013.yml", "content/essays/wallander-2003.yml",
             "content/essays/yu-sui-2021.yml", "seeds/"]
    problems.sort(key=lambda p: next(i for i, prefix in enumerate(order) if p[0].startswith(prefix)))
    run = run_build(project, "--no-search")
    assert_reported_in_order(run.stderr, problems)
    assert run.code == 1
    assert_untouched(project, before)


def assert_reported_in_order(stderr: str, problems) -> None:
    """Each problem is in the numbered report, in this order (exact wording is the single-case tests' job)."""
    at = -1
    for where, message, fix in problems:
        entry = f". {where}: error: {message}\n    fix: {fix}\n"
        assert entry in stderr[at + 1:], f"not reported (or out of order): {entry}\n--- report:\n{stderr}"
        at = stderr.index(entry, at + 1)
    assert stderr.endswith(f"error(s), 0 warning(s)\n{FAILED}\n")


def test_malformed_yaml_does_not_hide_the_other_problems(built):
    project, before = built
    problems = [malformed_yaml(project), missing_seed(project), duplicate_slug(project)]
    run = run_build(project, "--no-search")
    assert run.stderr == report(*problems)
    assert run.code == 1
    assert_untouched(project, before)


def test_problem_in_a_curated_page_is_reported(built):
    project, before = built
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: About this collection", "heading: About"),
                    encoding="utf-8")
    run = run_build(project, "--no-search")
    assert run.stderr == report(("content/pages/about.md:2", "page has unknown field 'heading'", "known fields: title"),
                                ("content/pages/about.md:1", "page has no title",
                                 "start the file with front matter: ---, title: \"...\", ---"))
    assert run.code == 1
    assert_untouched(project, before)


# ---------------------------------------------------------------- the search stage


def test_pagefind_failure_leaves_site_untouched(built, monkeypatch):
    project, before = built

    def fail(*args, **kwargs):
        return subprocess.CompletedProcess(args, 3, stdout="", stderr="Error: simulated indexing failure\n")

    monkeypatch.setattr(crosscut.search.subprocess, "run", fail)
    run = run_build(project)
    assert run.stderr == f"error: Pagefind failed (exit 3): Error: simulated indexing failure\n{FAILED}\n"
    assert run.code == 1
    assert_untouched(project, before)


def test_index_stage_raising_leaves_site_untouched(built, monkeypatch):
    project, before = built

    def fail(folder, cache=None):
        (folder / "pagefind").mkdir()  # half-written output, as a crash mid-way would leave it
        raise IndexFailed("Pagefind failed (exit 1): out of disk space")

    monkeypatch.setattr(crosscut.pipeline, "index_site", fail)
    run = run_build(project)
    assert run.code == 1
    assert run.stderr == f"error: Pagefind failed (exit 1): out of disk space\n{FAILED}\n"
    assert_untouched(project, before)


def test_unexpected_crash_in_index_stage_leaves_site_untouched(built, monkeypatch):
    project, before = built

    def crash(folder, cache=None):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(crosscut.pipeline, "index_site", crash)
    run = run_build(project)
    assert run.stderr == ("error: crosscut failed while indexing for search: RuntimeError: simulated crash. This is a bug in "
                          "crosscut, not in your files; please report it with this line (run with --verbose for the details)\n"
                          f"{FAILED}\n")
    assert run.code == 1
    assert_untouched(project, before)


def test_successful_build_with_search_replaces_site(built):
    project, before = built
    run = run_build(project, "--quiet")
    assert (run.code, run.stderr) == (0, "")
    after = snapshot(project / "site")
    assert "pagefind/pagefind.js" in after and "pagefind/pagefind.js" not in before
    assert CHANGE.encode() in after["about/index.html"] and CHANGE.encode() not in before["about/index.html"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_a_seed_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    project = copy_project(tmp_path / "p")
    seed = project / "seeds" / TROITSKIY_SEED
    seed.write_bytes(seed.read_bytes().replace("Moscow and Washington need".encode(), "Moscou et Washington \xe9".encode("latin-1"), 1))
    line = next(n for n, raw in enumerate(seed.read_bytes().split(b"\n"), 1) if b"\xe9" in raw)
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert run.stderr == report((f"seeds/{TROITSKIY_SEED}:{line}", "not UTF-8 text (byte 0xe9 cannot be decoded)",
                                 "save the file as UTF-8; seeds are otherwise copied as they are"))


def test_an_empty_seed_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "seeds" / TROITSKIY_SEED).write_text("\n \n", encoding="utf-8")
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert run.stderr == report((f"seeds/{TROITSKIY_SEED}", "the seed is empty", "paste the essay's raw text into it"))


def test_a_byte_order_mark_is_not_part_of_the_title(tmp_path):
    project = copy_project(tmp_path / "p")
    seed = project / "seeds" / TROITSKIY_SEED
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().lstrip())
    metadata = meta(project, "troitskiy-2013")  # without a title there, the page shows the one the cleaner found
    metadata.write_text("".join(l for l in metadata.read_text().splitlines(True) if not l.startswith("title:")))
    assert run_build(project, "--no-search", "--quiet").code == 0
    page = (project / "site" / "essays" / "troitskiy-2013" / "index.html").read_text(encoding="utf-8")
    assert "\ufeff" not in page and ">Setting Expectations Right</h1>" in page
