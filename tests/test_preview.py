"""serve's quick look: the page of a saved seed, rendered against the last build before the build runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, essay_metadata
from crosscut.pipeline import Options, build
from crosscut.preview import preview

ESSAY = "troitskiy-2013"
PAGE = f"essays/{ESSAY}/index.html"


@pytest.fixture
def built(tmp_path):
    """A copy of the real project, built, with the project as that build loaded it."""
    root = copy_project(tmp_path / "project")
    kept = []
    build(Options(root=root, out=root / "site", search=False), keep=kept.append)
    return root, kept[0]


def seed(root: Path, slug: str = ESSAY) -> Path:
    return root / "seeds" / essay_metadata(root)[slug]["source"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_seed_shows_on_its_page_as_the_build_will_show_it(built):
    root, loaded = built
    before = (root / "site" / PAGE).read_bytes()
    edit(seed(root), "expectations", "expectations (quickly seen)")
    assert preview(loaded, root, root / "site", {seed(root)}) == [PAGE]
    quick = (root / "site" / PAGE).read_bytes()
    assert quick != before and b"expectations (quickly seen)" in quick
    build(Options(root=root, out=root / "site", search=False))
    assert (root / "site" / PAGE).read_bytes() == quick  # the build that follows writes the same page


def test_two_seeds_saved_together_are_both_shown(built):
    root, loaded = built
    other = "wallander-2003"
    edit(seed(root), "expectations", "expectations (one)")
    edit(seed(root, other), "realism", "realism (two)")
    assert preview(loaded, root, root / "site", {seed(root), seed(root, other)}) == sorted(
        [PAGE, f"essays/{other}/index.html"])


@pytest.mark.parametrize("change", ["metadata", "new file", "unreadable"])
def test_anything_but_a_plain_seed_edit_waits_for_the_build(built, change):
    root, loaded = built
    before = (root / "site" / PAGE).read_bytes()
    changed = {seed(root)}
    if change == "metadata":
        changed.add(root / "content" / "essays" / f"{ESSAY}.yml")
    elif change == "new file":  # a seed no essay of the last build was made from
        another = root / "seeds" / "another.txt"
        another.write_text("A new essay\n\nIts one paragraph.\n", encoding="utf-8")
        changed = {another}
    elif change == "unreadable":
        seed(root).write_bytes(b"\xff\xfe broken")
    assert preview(loaded, root, root / "site", changed) == []
    assert (root / "site" / PAGE).read_bytes() == before


def test_a_new_title_in_the_seed_waits_for_the_build(tmp_path):
    """A title the seed gives (the metadata names none) changes listings and neighbours' links too."""
    root = copy_project(tmp_path / "project")
    edit(root / "content" / "essays" / f"{ESSAY}.yml", 'title: "Setting Expectations Right"\n', "")
    kept = []
    build(Options(root=root, out=root / "site", search=False), keep=kept.append)
    before = (root / "site" / PAGE).read_bytes()
    assert b"Setting Expectations Right" in before
    edit(seed(root), "Setting Expectations Right", "Setting Expectations Straight")
    assert preview(kept[0], root, root / "site", {seed(root)}) == []
    assert (root / "site" / PAGE).read_bytes() == before


def test_serve_indexes_the_quick_look_for_search_before_the_build(tmp_path):
    """With search on, the shard that holds the saved essay's page is indexed again with the quick look,
    so search finds the new words before the build ends; the build then takes that shard from the cache."""
    import gzip

    from crosscut.serve import State, quick_look

    root = copy_project(tmp_path / "project")
    options = Options(root=root, out=root / "site")
    state = State(options.out)
    build(options, keep=lambda loaded: setattr(state, "loaded", loaded))

    def indexed(word: bytes) -> bool:
        return any(word in gzip.decompress(p.read_bytes()) for p in (root / "site" / "pagefind" / "fragment").iterdir())
    assert not indexed(b"zygomorphic")
    edit(seed(root), "expectations", "expectations zygomorphic")
    said = []
    quick_look(options, state, {("modified", str(seed(root)))}, said.append)
    assert said == [f"quick look: {PAGE} updated; building the rest"] and state.generation == 1
    assert indexed(b"zygomorphic")
