"""The passage lock on inline essays: a reworded, inserted, deleted, split or joined paragraph is never silent."""

from __future__ import annotations

from pathlib import Path

from crosscut.passages import Citing, Lock, check_passages, format_lock, read_lock
from crosscut.problems import Problems

P = (
    "Arms control was the one field where both capitals kept talking through every crisis.",
    "Sanctions came later, and each round was answered within weeks by a round of its own.",
    "Neither side believed the other would keep a promise made under pressure of that kind.",
    "By the end of the decade the treaties had lapsed and nothing had been put in their place.",
)


def cite(n: int, last: int | None = None, line: int = 7) -> Citing:
    return Citing("content/themes/t.md", line, "e", n, last or n)


def run(paragraphs, citing, lock, accept=False):
    problems = Problems(Path("/nowhere"))
    checked = check_passages(lock, {"e": tuple(paragraphs)}, citing, problems, accept)
    return checked, [str(p) for p in problems.items]


def recorded(citing) -> Lock:
    """The lock a first build writes for the original essay."""
    checked, said = run(P, citing, Lock())
    assert said == []
    return checked.lock


def test_a_first_build_records_every_cited_paragraph_and_every_fingerprint():
    lock = recorded([cite(2), cite(3, 4)])
    assert lock.cited == {"e#p2": P[1], "e#p3": P[2], "e#p4": P[3]}
    assert len(lock.paragraphs["e"]) == 4


def test_an_unchanged_essay_says_nothing_and_changes_nothing():
    lock = recorded([cite(2)])
    checked, said = run(P, [cite(2)], lock)
    assert said == [] and checked.moves == {} and not checked.changed


def test_a_reworded_paragraph_is_reported_with_old_and_new_words():
    lock = recorded([cite(3)])
    reworded = P[:2] + ("Neither side believed the other would break a promise made under pressure of that kind.",) + P[3:]
    checked, said = run(reworded, [cite(3)], lock)
    assert said == [
        "content/themes/t.md:7: warning: the text of 'e#p3' changed since it was cited\n"
        "    was: Neither side believed the other would keep a promise made under pressure of…\n"
        "    now: Neither side believed the other would break a promise made under pressure of…\n"
        "    fix: check that the citation still holds, then run the build with --accept-passages to record the new text"]
    assert checked.moves == {}
    assert checked.lock.cited["e#p3"] == P[2], "the lock keeps the old text until the change is accepted"
    accepted, said = run(reworded, [cite(3)], lock, accept=True)
    assert said == [] and accepted.lock.cited["e#p3"] == reworded[2]


def test_an_inserted_paragraph_moves_the_reference_with_its_text_and_lists_the_new_numbers():
    lock = recorded([cite(3)])
    inserted = P[:1] + ("A new paragraph the editor added above the cited one, to say something else.",) + P[1:]
    checked, said = run(inserted, [cite(3)], lock)
    assert checked.moves == {("e", 3): 4}
    assert said == [
        "content/themes/t.md:7: warning: 'e#p3' now cites ¶ 4: the paragraph it was made to moved, its text unchanged\n"
        "    fix: write #p4 in this reference",
        "content/passages.lock: warning: published ¶ numbers of 'e' changed: ¶¶ 2–4 are now ¶¶ 3–5\n"
        "    fix: links to the old numbers (syllabi, other sites) now land elsewhere; after checking, run the build "
        "with --accept-passages to record this (the essay page then lists the change)"]
    # once the reference says #p4, the lock records it and forgets #p3
    fixed, said = run(inserted, [cite(4)], checked.lock, accept=True)
    assert said == [] and fixed.lock.cited == {"e#p4": P[2]}
    assert fixed.lock.renumbered == {"e": ("¶¶ 2–4 are now ¶¶ 3–5",)}


def test_a_deleted_paragraph_is_an_error_at_every_reference_to_it():
    lock = recorded([cite(2, line=3), cite(2, line=9)])
    checked, said = run(P[:1] + P[2:], [cite(2, line=3), cite(2, line=9)], lock)
    assert said[:2] == [
        f"content/themes/t.md:{line}: error: 'e#p2': the paragraph it was made to is no longer in the essay\n"
        "    fix: cite the paragraph that now makes the point, or remove the reference" for line in (3, 9)]
    assert "¶ 2 was removed; ¶¶ 3–4 are now ¶¶ 2–3" in said[2]


def test_a_deletion_above_moves_the_reference_back():
    lock = recorded([cite(4)])
    checked, said = run(P[1:], [cite(4)], lock)
    assert checked.moves == {("e", 4): 3}
    assert said[0].startswith("content/themes/t.md:7: warning: 'e#p4' now cites ¶ 3")


def test_a_split_paragraph_is_an_error_naming_both_halves():
    lock = recorded([cite(2)])
    first, second = "Sanctions came later, and each round was answered", "within weeks by a round of its own."
    split = P[:1] + (first, second) + P[2:]
    checked, said = run(split, [cite(2)], lock)
    assert said[0] == ("content/themes/t.md:7: error: 'e#p2': the paragraph it was made to is now split into ¶ 2 and ¶ 3\n"
                       "    fix: cite #p2, #p3 or the range #p2-3")
    assert checked.moves == {}


def test_a_paragraph_joined_with_its_neighbour_is_followed_with_a_warning():
    lock = recorded([cite(3)])
    joined = P[:1] + (P[1] + " " + P[2],) + P[3:]
    checked, said = run(joined, [cite(3)], lock)
    assert checked.moves == {("e", 3): 2}
    assert said[0].startswith("content/themes/t.md:7: warning: 'e#p3' now cites ¶ 2: the paragraph it was made to "
                              "was joined with its neighbour")


def test_a_range_follows_only_when_it_moved_together():
    lock = recorded([cite(2, 3)])
    inserted = ("An opening paragraph that pushes every number down by one.",) + P
    checked, said = run(inserted, [cite(2, 3)], lock)
    assert checked.moves == {("e", 2): 3, ("e", 3): 4}
    between = P[:2] + ("A paragraph put between the two cited ones, which splits the range.",) + P[2:]
    checked, said = run(between, [cite(2, 3)], lock)
    assert any("the paragraphs of this range no longer stand together" in s for s in said)


def test_the_lock_file_reads_back_what_was_written(tmp_path):
    lock = recorded([cite(1), cite(4)])
    lock = Lock({**lock.cited, "e#p1": 'Quotes “curly” and "straight", a backslash \\ and a line\u2028separator.'},
                lock.paragraphs, {"e": ("¶¶ 2–4 are now ¶¶ 3–5",)})
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "passages.lock").write_text(format_lock(lock), encoding="utf-8")
    problems = Problems(tmp_path)
    assert read_lock(tmp_path, problems) == lock
    assert problems.items == []


def test_a_damaged_lock_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "passages.lock").write_text("essays:\n  e:\n    paragraphs: [1, 2]\n    cited: {}\n",
                                                        encoding="utf-8")
    problems = Problems(tmp_path)
    assert read_lock(tmp_path, problems) == Lock()
    assert [str(p) for p in problems.items] == [
        "content/passages.lock:2: error: lock entry 'e' is malformed\n"
        "    fix: restore content/passages.lock from version control, or delete it to record every citation afresh"]
