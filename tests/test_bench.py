"""The scale benchmark's own machinery: a deterministic corpus of the promised shape, and a harness that runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def test_synthetic_essays_have_the_promised_shape():
    essays = corpus.make_collection(60)
    slugs = {essay.slug for essay in essays}
    assert len(slugs) == 60
    for essay in essays:
        paragraphs = [text for kind, text in essay.body if kind == "paragraph"]
        headings = [text for kind, text in essay.body if kind == "heading"]
        assert 1200 <= sum(len(p.split()) for p in paragraphs) <= 2000, essay.slug
        assert 8 <= len(paragraphs) <= 25, essay.slug
        assert 2 <= len(headings) <= 5, essay.slug
        links = re.findall(r"\]\(/essays/([^/]+)/\)", " ".join(paragraphs))
        assert 1 <= len(links) <= 4 and set(links) <= slugs - {essay.slug}, essay.slug


def test_the_same_arguments_lay_out_byte_identical_projects(tmp_path):
    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    first = [files(folder) for folder in corpus.lay_out(20, tmp_path / "a")]
    second = [files(folder) for folder in corpus.lay_out(20, tmp_path / "b")]
    assert first == second
    project, hugo = first
    assert len([p for p in project if p.startswith("content/essays/")]) == 20  # the five real ones and 15 more
    assert len([p for p in hugo if p.startswith("content/essays/")]) == 20


def test_laying_out_refuses_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "crosscut").mkdir()
    (tmp_path / "crosscut" / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit):
        corpus.lay_out(12, tmp_path)
    assert (tmp_path / "crosscut" / "notes.txt").read_text() == "mine"


def test_the_harness_times_builds_and_sees_an_edit_reach_page_and_search(tmp_path):
    result = subprocess.run([sys.executable, str(BENCH / "scale.py"), "--quick", "--no-peers", "--sizes", "12",
                             "--work", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    tables = result.stdout
    assert re.search(r"^\| 12 \| [\d.]+ s \(CPU [\d.]+ s\), peak \d+ MiB \|", tables, re.M), tables
    assert re.search(r"^\| essays \| \| start-up \| read \| clean \| analyse \| render \| index \|", tables, re.M), tables
    assert re.search(r"^\| \| CPU \| \(in read\)(?: \| [\d.]+ s){5}", tables, re.M), tables  # CPU split by stage
    edit_row = re.search(r"^\| 12 \|((?: [\d.]+ s \|){6})$", tables, re.M)
    assert edit_row, tables  # page, search and CPU times of both ways measured, none timed out
