"""The passage lock on the real project: an editor rewords, inserts, deletes or splits a cited paragraph.

Where each warning must appear is found by our own scan of the content (tests/independent.py),
not by the engine's reference parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_project, essay_metadata, run_build, snapshot
from htmltext import parse_file
from independent import refs_in

SLUG = "troitskiy-2013"
LOCK = Path("content") / "passages.lock"
# ¶ 7 of the Troitskiy essay, as the seed has it
P4_START = "These opportunities are not hard to identify."
P7_START = "The U.S.-Russia relationship is important to both sides"
P7_QUOTED = "At the end of the day"  # words a theme quotes from ¶ 7
P4_SENTENCE = "The U.S. is reluctant to engage in great-power bargaining"


def seed(project: Path) -> Path:
    return project / "seeds" / essay_metadata()[SLUG]["source"]


def edit_seed(project: Path, old: str, new: str) -> None:
    path = seed(project)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def citing(project: Path, n: int) -> list[str]:
    """file:line of every reference in the content that cites ¶ n of the essay, whatever its form."""
    found = []
    for path in sorted((project / "content").rglob("*")):
        if path.suffix in (".md", ".yml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            lines = {r.line for r in refs_in(text) if r.kind == "essay" and r.slug == SLUG and r.first <= n <= r.last}
            # timeline passages and an essay's claims are keys in YAML, not [[…]] references
            if path.name == "timeline.yml":
                lines |= {i for i, line in enumerate(text.split("\n"), 1) if re.search(rf"\b{SLUG}#p{n}\b", line)}
            if path.name == f"{SLUG}.yml":
                for i, line in enumerate(text.split("\n"), 1):
                    at = re.match(r"\s*(?:- )?at: p(\d+)(?:-p?(\d+))?\s*$", line)
                    if at and int(at.group(1)) <= n <= int(at.group(2) or at.group(1)):
                        lines.add(i)
            found += [f"{path.relative_to(project).as_posix()}:{line}" for line in sorted(lines)]
    return found


def split_ranges_at(project: Path, n: int) -> None:
    """Cite any range across ¶ n-1 and ¶ n as two references: a paragraph put in between would break
    such a range (an error of its own), and the test below is about references that can follow."""
    def split(m: re.Match) -> str:
        first, last = int(m.group(1)), int(m.group(2))
        if not first < n <= last:
            return m.group(0)
        low = f"p{first}" if first == n - 1 else f"p{first}-{n - 1}"
        return f"{SLUG}#{low}]] [[{SLUG}#" + (f"p{n}" if last == n else f"p{n}-{last}")
    for path in sorted((project / "content").rglob("*.md")) + [project / "content" / "glossary.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"{SLUG}#p(\d+)-(\d+)", split, text), encoding="utf-8")


def warned_at(stderr: str, message: str) -> list[str]:
    return sorted(m.group(1) for m in re.finditer(rf"^\d+\. (\S+:\d+): warning: {re.escape(message)}", stderr, re.MULTILINE))


def test_the_real_lock_is_current_and_a_rebuild_does_not_touch_it(tmp_path):
    project = copy_project(tmp_path / "p")
    before = (project / LOCK).read_bytes()
    run = run_build(project, "--no-search", "--strict", "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert (project / LOCK).read_bytes() == before, "content/passages.lock in the repository is out of date"


def test_a_reworded_cited_paragraph_is_a_warning_at_every_reference_and_fails_strict(tmp_path):
    project = copy_project(tmp_path / "p")
    edit_seed(project, "The U.S. is reluctant to engage", "The U.S. is eager to engage")
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    expected = citing(project, 4)
    assert len(expected) >= 8
    assert warned_at(run.stderr, f"the text of '{SLUG}#p4' changed since it was cited") == sorted(expected)
    assert re.search(r"^    was: ….* The U\.S\. is reluctant to engage in great-power bargaining .*…$", run.stderr, re.MULTILINE)
    assert re.search(r"^    now: ….* The U\.S\. is eager to engage in great-power bargaining .*…$", run.stderr, re.MULTILINE)
    lock = (project / LOCK).read_text(encoding="utf-8")
    assert "is reluctant to engage" in lock and "is eager to engage" not in lock, "new text is recorded only when accepted"
    assert run_build(project, "--no-search", "--strict").code == 1
    accepted = run_build(project, "--no-search", "--accept-passages", "--quiet")
    assert (accepted.code, accepted.stderr) == (0, "")
    assert "is eager to engage" in (project / LOCK).read_text(encoding="utf-8")
    again = run_build(project, "--no-search", "--strict", "--quiet")
    assert (again.code, again.stderr) == (0, "")


def test_an_inserted_paragraph_moves_each_reference_with_its_text_and_lists_the_new_numbers(tmp_path):
    project = copy_project(tmp_path / "p")
    split_ranges_at(project, 4)
    assert run_build(project, "--no-search", "--accept-passages", "--quiet").code == 0
    edit_seed(project, P4_START, "An editor's new paragraph, put in above the fourth one.\n\n" + P4_START)
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    assert warned_at(run.stderr, f"'{SLUG}#p7' now cites ¶ 8: the paragraph it was made to moved, its text unchanged") \
        == sorted(citing(project, 7))
    assert f"content/passages.lock: warning: published ¶ numbers of '{SLUG}' changed: ¶¶ 4–7 are now ¶¶ 5–8" in run.stderr
    assert "\n0 error(s)" in run.stderr, "every range moved as a whole, so every reference follows"
    # the theme's citation now links to the paragraph that holds the words it quotes
    page = parse_file(project / "site" / "themes" / "power-and-status" / "index.html")
    quoted = [f for f in page.find_all("figure", "quote") if P7_QUOTED in f.text()]
    assert quoted and all(f.find("a", "cite").attrs["href"].endswith(f"essays/{SLUG}/#p8") for f in quoted)
    assert all("¶ 8" in f.find("a", "cite").text() for f in quoted)
    # accepting records the renumbering, which the essay page then tells its readers
    assert run_build(project, "--no-search", "--accept-passages", "--quiet").code == 0
    essay = parse_file(project / "site" / "essays" / SLUG / "index.html")
    note = essay.find(None, "renumbered")
    assert note is not None and "¶¶ 4–7 are now ¶¶ 5–8" in note.text()


def test_a_deleted_cited_paragraph_is_an_error_and_the_site_stays(tmp_path):
    project = copy_project(tmp_path / "p")
    assert run_build(project, "--no-search", "--quiet").code == 0
    site = snapshot(project / "site")
    text = seed(project).read_text(encoding="utf-8")
    paragraph = next(block for block in text.split("\n\n") if block.startswith(P7_START))
    seed(project).write_text(text.replace("\n\n" + paragraph, ""), encoding="utf-8")
    run = run_build(project, "--no-search")
    assert run.code == 1
    errors = sorted(m.group(1) for m in re.finditer(
        rf"^\d+\. (\S+:\d+): error: '{SLUG}#p7': the paragraph it was made to is no longer in the essay", run.stderr, re.MULTILINE))
    assert errors == sorted(citing(project, 7))
    assert snapshot(project / "site") == site


def test_a_split_cited_paragraph_is_an_error_naming_both_halves(tmp_path):
    project = copy_project(tmp_path / "p")
    edit_seed(project, "in foreign policy. Washington is unlikely", "in foreign policy.\n\nWashington is unlikely")
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert f"error: '{SLUG}#p4': the paragraph it was made to is now split into ¶ 4 and ¶ 5" in run.stderr
    assert "    fix: cite #p4, #p5 or the range #p4-5" in run.stderr
