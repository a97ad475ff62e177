"""Navigation comes from content: a page, and its place in the navigation and the sitemap, exists only if its source does."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_build, snapshot
from golden.regen import SOURCE
from htmltext import parse_file
from linkcheck import check_site

URL = "https://example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def one_essay(target: Path) -> Path:
    """A project of one's own: one seed with its metadata, site settings with a public address, nothing else."""
    (target / "seeds").mkdir(parents=True)
    (target / "content" / "essays").mkdir(parents=True)
    shutil.copy(SOURCE / "seeds" / "2019-petrova-quiet-channels.txt", target / "seeds" / "quiet.txt")
    (target / "content" / "essays" / "quiet.yml").write_text("source: quiet.txt\noutlet: unknown\n", encoding="utf-8")
    (target / "content" / "site.yml").write_text(f'title: "Mine"\nurl: "{URL}"\n', encoding="utf-8")
    return target


def add_glossary(project: Path) -> None:
    (project / "content" / "glossary.yml").write_text(
        "hotline:\n  name: Hotline\n  kind: institution\n  case: insensitive\n  description: A direct line.\n", encoding="utf-8")


def add_timeline(project: Path) -> None:
    (project / "content" / "timeline.yml").write_text(
        'hotline-1963:\n  date: "1963"\n  title: The hotline is installed\n  passages: [quiet#p1]\n', encoding="utf-8")


def add_theme(project: Path) -> None:
    (project / "content" / "themes").mkdir()
    (project / "content" / "themes" / "channels.md").write_text(
        "---\ntitle: Channels\ndescription: How the two sides talk.\n---\nSee [[quiet#p2]].\n", encoding="utf-8")


def add_about(project: Path) -> None:
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\nWhy this collection.\n", encoding="utf-8")


# each optional part: how to add its source, the navigation labels it brings, the pages it brings
PARTS = {
    "glossary": (add_glossary, ["Glossary"], ["glossary/", "glossary/hotline/"]),
    "timeline": (add_timeline, ["Timeline"], ["timeline/"]),
    "themes": (add_theme, ["Themes", "Map"], ["themes/", "themes/channels/", "themes/channels/reading/", "map/"]),
    "about": (add_about, ["About"], ["about/"]),
}
ALWAYS = ["", "essays/", "search/", "essays/quiet/", "essays/quiet/cite/"]  # an essay always has its citation page


def build(project: Path) -> Path:
    run = run_build(project, "--no-search", "--strict", "--quiet")
    assert run.code == 0, run.stderr
    return project / "site"


def nav_labels(site: Path) -> list[str]:
    nav = parse_file(site / "index.html").find("nav", "site-nav")
    return [a.text() for a in nav.find_all("a")]


def pages_of(site: Path) -> list[str]:
    """The site paths of the written pages, the 404 page aside."""
    return sorted(name.removesuffix("index.html") for name in snapshot(site) if name.endswith("index.html"))


def sitemap_of(site: Path) -> list[str]:
    return sorted(e.text.removeprefix(URL) for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc"))


def assert_consistent(site: Path) -> None:
    """Every link leads to a written page, and the sitemap lists exactly the written pages."""
    broken = [b for b in check_site(site, "/")[0] if "/pagefind/" not in b.url]  # built --no-search
    assert broken == [], [str(b) for b in broken]
    assert sitemap_of(site) == pages_of(site)


def test_one_essay_of_ones_own_has_only_what_it_has(tmp_path):
    site = build(one_essay(tmp_path / "project"))
    assert nav_labels(site) == ["Essays"]
    assert pages_of(site) == sorted(ALWAYS)
    assert_consistent(site)
    home = parse_file(site / "index.html").find("main").text()
    assert "See also" not in home
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'browse the <a href="/essays/">essays</a>.' in search


@pytest.mark.parametrize("part", sorted(PARTS))
def test_an_optional_part_appears_with_its_source(part, tmp_path):
    project = one_essay(tmp_path / "project")
    add, labels, paths = PARTS[part]
    add(project)
    site = build(project)
    assert nav_labels(site) == ["Essays"] + labels
    assert pages_of(site) == sorted(ALWAYS + paths)
    assert_consistent(site)


def test_with_every_part_the_navigation_is_whole(tmp_path):
    project = one_essay(tmp_path / "project")
    for add, _, _ in PARTS.values():
        add(project)
    site = build(project)
    assert nav_labels(site) == ["Essays", "Themes", "Glossary", "Timeline", "Map", "About"]
    assert_consistent(site)
    home = parse_file(site / "index.html").find("main").text()
    assert "See also the map of the collection, the timeline and the glossary." in home
