"""Cleaning decisions as the build and `python -m crosscut.inspect` report them: overrides checked against the
seed, the cleaner's doubts as warnings at seed:line, the evidence for facts set in the metadata on the page."""

from __future__ import annotations

import re
from pathlib import Path

from crosscut.inspect import main as inspect_main

from conftest import ROOT, run_build
from htmltext import parse_file, read_essay_page

BODY = "The first paragraph of the body is long enough to count as prose rather than as a short header line."


def add_seed(project: Path, slug: str, text: str, meta: str = "") -> None:
    (project / "seeds" / f"{slug}.txt").write_text(text, encoding="utf-8")
    (project / "content" / "essays" / f"{slug}.yml").write_text(f"source: {slug}.txt\n{meta}", encoding="utf-8")


def test_an_override_line_out_of_range_or_blank_is_an_error_at_its_metadata_line(project):
    add_seed(project, "sixth", f"Title\n\nBy Jane Doe\n\n{BODY}\n",
             "authors: [Jane Doe]\ndate: unknown\noutlet: unknown\ncleaning:\n  drop_lines: [3, 40]\n  keep_lines: [2]\n")
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert ("content/essays/sixth.yml:6: error: cleaning: drop_lines names line 40, but seeds/sixth.txt has 5 lines\n"
            "    fix: use the line numbers that 'python -m crosscut.inspect sixth' prints") in run.stderr
    assert ("content/essays/sixth.yml:7: error: cleaning: keep_lines names line 2 of seeds/sixth.txt, which is blank "
            "and belongs to no block") in run.stderr


def test_an_unknown_cleaning_key_names_the_new_ones(project):
    add_seed(project, "sixth", f"Title\n\n{BODY}\n", "cleaning:\n  heading_line: [3]\n")
    run = run_build(project, "--no-search")
    assert "content/essays/sixth.yml:3: error: unknown cleaning override 'heading_line' (did you mean 'heading_lines'?)" \
        in run.stderr


def test_a_doubt_is_a_warning_at_the_seed_line_unless_the_metadata_settles_it(project):
    add_seed(project, "sixth", f"Finland's turn towards the Arctic\n\nKatja Rinne\n\n{BODY}\n", "date: unknown\noutlet: unknown\n")
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    assert ("seeds/sixth.txt:3: warning: the author 'Katja Rinne' was taken from a line holding only a name (line 3), "
            "not from a byline\n    fix: see 'python -m crosscut.inspect sixth'; to correct it, set "
            "'authors: [{name: …, affiliation: …}]' in content/essays/sixth.yml") in run.stderr
    meta = project / "content" / "essays" / "sixth.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "authors: [Katja Rinne]\n", encoding="utf-8")
    assert "seeds/sixth.txt:3" not in run_build(project, "--no-search").stderr


def test_the_real_collection_builds_without_a_doubt(project):
    run = run_build(project, "--no-search")
    assert run.code == 0 and "warning" not in run.stderr, run.stderr


def test_evidence_for_metadata_facts_is_shown_on_the_essay_page(project):
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    page = read_essay_page(project / "site" / "essays" / "wallander-2003" / "index.html")
    assert page.facts["Outlet"] == "Current History"
    assert page.facts["Evidence"].startswith("Outlet: The publisher's page for the article places it in Current History")
    evidence = next(d for d in parse_file(project / "site" / "essays" / "wallander-2003" / "index.html").find_all("div", "evidence"))
    assert [a.attrs["href"] for a in evidence.find_all("a")] == [
        "https://online.ucpress.edu/currenthistory/article-abstract/102/666/307/108479/US-Russian-Relations-Between-Realism-and-Reality"]
    assert "Evidence" not in read_essay_page(project / "site" / "essays" / "troitskiy-2013" / "index.html").facts


def test_a_note_for_a_field_that_is_not_set_and_a_bad_provenance_are_errors(project):
    meta = project / "content" / "essays" / "where-to-now-2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "series_note: \"From the club's site.\"\nprovenance: valdai\n",
                    encoding="utf-8")
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert re.search(r"where-to-now-2021\.yml:\d+: error: 'series_note' explains a field that is not set here", run.stderr)
    assert re.search(r"where-to-now-2021\.yml:\d+: error: 'provenance' must be a web address or a list of them", run.stderr)


def test_inspect_prints_every_line_with_what_it_became(capsys):
    assert inspect_main(["-C", str(ROOT), "troitskiy-2013"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("seeds/2013-troitskiy-setting-expectations-right.txt: what each line became\n")
    assert "    3  Setting Expectations Right\n       → title: Setting Expectations Right [" in out
    assert "    5  By [Mikhail Troitskiy](#)\n       → author: Mikhail Troitskiy [byline 'By …']" in out
    assert "    7  December 05, 2013\n       → date: 2013-12-05 [date line]" in out
    assert "   11  Finding ways to mend" in out and "       → ¶ 1\n" in out
    assert "       → note (bio)" in out and "NOT ACCOUNTED" not in out
    assert re.search(r"\n7 paragraphs \(0 of them list items\), 0 headings, 3 notes; 0 lines dropped\n", out)


def test_inspect_shows_dropped_lines_and_doubts(tmp_path, capsys):
    project = tmp_path / "p"
    for part in ("seeds", "content/essays"):
        (project / part).mkdir(parents=True)
    add_seed(project, "sixth", f"Share this article\n\nTitle\n\nKatja Rinne\n\n{BODY}\n\nWhere the thaw stalled\n\n{BODY}\n")
    assert inspect_main(["-C", str(project), "sixth.txt"]) == 0
    out = capsys.readouterr().out
    assert "    1  Share this article\n       → dropped: chrome" in out
    assert "    9  Where the thaw stalled\n       → heading [short line between paragraphs]" in out
    assert "1 lines dropped: 1 chrome" in out
    assert "Doubts:\n  seeds/sixth.txt:5: the author 'Katja Rinne' was taken from a line holding only a name" in out


def test_inspect_names_the_essays_when_the_slug_is_unknown(capsys):
    assert inspect_main(["-C", str(ROOT), "no-such-essay"]) == 2
    err = capsys.readouterr().err
    assert "error: no essay 'no-such-essay'" in err and "mankoff" in err
