"""The public address: with none set, no absolute address is invented; what needs one is left out, in one notice."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_build, snapshot
from golden.regen import SOURCE
from htmltext import parse_file

NOTICE = ("notice: no public address is set ('url' in content/site.yml, or --url), so the site has no sitemap, feed, "
          "canonical links or share images, and citations give no address of this site\n")


def small_project(target: Path, **settings: str) -> Path:
    """The golden fixture's project with these site settings (none but the title when none are given)."""
    shutil.copytree(SOURCE, target)
    lines = ['title: "golden"'] + [f'{key}: "{value}"' for key, value in settings.items()]
    (target / "content" / "site.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory):
    """The small project built with no public address; (its site folder, what the build printed)."""
    project = small_project(tmp_path_factory.mktemp("no-url") / "project")
    run = run_build(project, "--no-search", "--strict")
    assert run.code == 0, run.stderr
    return project / "site", run.stderr


def test_no_address_builds_strictly_and_says_once_what_it_left_out(unaddressed):
    _, printed = unaddressed
    assert re.fullmatch(re.escape(NOTICE) + r"built \S+ in \d+\.\ds\n", printed), printed


def test_quiet_keeps_the_notice_to_itself(tmp_path):
    project = small_project(tmp_path / "project")
    assert (run_build(project, "--no-search", "--quiet").stderr) == ""


def test_no_address_means_no_sitemap_feed_or_share_images(unaddressed):
    site, _ = unaddressed
    files = snapshot(site)
    assert "sitemap.xml" not in files and "feed.xml" not in files
    assert not [name for name in files if name.startswith("cards/")]
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n"


def test_no_page_carries_an_invented_absolute_address(unaddressed):
    site, _ = unaddressed
    pages = {name: data.decode("utf-8") for name, data in snapshot(site).items() if name.endswith(".html")}
    assert len(pages) > 10
    for name, html in pages.items():
        tree = parse_file(site / name)
        heads = [e.attrs for e in tree.iter() if e.tag in ("link", "meta")]
        assert not [a for a in heads if a.get("rel") in ("canonical", "alternate")], name
        assert not [a for a in heads if a.get("property") in ("og:url", "og:image") or a.get("name") == "citation_public_url"], name
        for address in re.findall(r"https?://[^\s\"'<>)]+", html):
            assert address.startswith(("https://example.com/", "https://schema.org")), (name, address)


def test_citations_give_the_original_address_or_none(unaddressed):
    site, _ = unaddressed
    known = parse_file(site / "essays" / "petrova-2019" / "index.html")
    texts = {e.attrs["id"]: e.text() for e in known.iter() if "cite-text" in e.classes and "id" in e.attrs}
    assert texts["cite-chicago"].endswith(" https://example.com/quiet-channels")
    assert "url = {https://example.com/quiet-channels}" in texts["cite-bibtex"]
    unknown = parse_file(site / "essays" / "after-the-summit" / "index.html")
    texts = {e.attrs["id"]: e.text() for e in unknown.iter() if "cite-text" in e.classes and "id" in e.attrs}
    assert (texts["cite-chicago"], texts["cite-apa"], texts["cite-mla"]) == (
        "“After the Summit.” June 2021.", "After the Summit. (2021, June).", "“After the Summit.” June 2021.")
    assert "url =" not in texts["cite-bibtex"]
    ld = json.loads(next(e for e in unknown.iter() if e.tag == "script" and e.attrs.get("type") == "application/ld+json").text())
    assert "url" not in ld
    example = [e.text() for e in unknown.iter() if "cite-text" in e.classes and "id" not in e.attrs]
    assert example == ["“After the Summit”, ¶ 1"]


def test_a_paragraphs_citations_give_no_address_and_its_links_stay_within_the_site(unaddressed):
    site, _ = unaddressed
    essay = parse_file(site / "essays" / "petrova-2019" / "index.html")
    assert essay.find("p", id="p2").find("a", "pcite").attrs["href"] == "/essays/petrova-2019/cite/#p2"
    page = parse_file(site / "essays" / "petrova-2019" / "cite" / "index.html")
    block = page.find("section", id="p2")
    texts = {e.attrs["id"]: e.text() for e in block.iter() if "cite-text" in e.classes}
    assert texts["p2-chicago"].endswith("March 12, 2019, ¶ 2.") and "(Petrova, 2019, para. 2)" == texts["p2-apa-text"]
    assert "url =" not in texts["p2-bibtex"] and "note = {Paragraph 2}" in texts["p2-bibtex"]
    assert [a.attrs["href"] for a in block.find_all("a")] == ["#p2", "/essays/petrova-2019/#p2"]
    assert "address" not in page.find("p", "lede").text()


def test_a_theme_cites_itself_without_an_address(unaddressed):
    site, _ = unaddressed
    page = parse_file(site / "themes" / "channels" / "index.html")
    cited = next(e for e in page.iter() if e.attrs.get("id") == "cite-page").text()
    assert cited.endswith("golden.") and "http" not in cited
    footer = next(e for e in page.iter() if e.tag == "style" and e.attrs.get("media") == "print").text()
    assert "http" not in footer


# ---------------------------------------------------------------- with an address, the feed's date comes from the content


def test_without_updated_the_feed_is_dated_by_the_newest_essay(tmp_path):
    project = small_project(tmp_path / "project", url="https://example.org/golden/")
    run = run_build(project, "--no-search", "--strict")
    assert run.code == 0 and "notice" not in run.stderr, run.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<updated>2021-06-01T00:00:00Z</updated>") == 1 + feed.count("<entry>")  # after-the-summit: June 2021
    again = tmp_path / "again"
    assert run_build(project, "--no-search", "--quiet", "--out", str(again)).code == 0
    assert (again / "feed.xml").read_text(encoding="utf-8") == feed


def one_essay(target: Path, settings: str) -> Path:
    """A project of one's own: one seed, its metadata (only its source) and the site settings."""
    (target / "seeds").mkdir(parents=True)
    (target / "content" / "essays").mkdir(parents=True)
    shutil.copy(SOURCE / "seeds" / "2019-petrova-quiet-channels.txt", target / "seeds" / "quiet.txt")
    (target / "content" / "essays" / "quiet.yml").write_text("source: quiet.txt\noutlet: unknown\n", encoding="utf-8")
    (target / "content" / "site.yml").write_text(settings, encoding="utf-8")
    return target


def test_one_dated_essay_of_ones_own_gets_a_feed(tmp_path):
    project = one_essay(tmp_path / "project", 'title: "Mine"\nurl: "https://example.org/"\n')
    run = run_build(project, "--no-search", "--strict")
    assert run.code == 0, run.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1 and "<updated>2019-03-12T00:00:00Z</updated>" in feed


def test_with_no_date_anywhere_the_feed_is_left_out_with_a_notice(tmp_path):
    project = small_project(tmp_path / "project", url="https://example.org/")
    for path in (project / "content" / "essays").glob("*.yml"):
        text = re.sub(r'^date: .*\n', "", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text + 'date: unknown\n', encoding="utf-8")
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    assert "notice: no essay has a date and content/site.yml sets no 'updated', so the site has no feed\n" in run.stderr
    assert not (project / "site" / "feed.xml").exists() and (project / "site" / "sitemap.xml").exists()
    assert b"application/atom+xml" not in (project / "site" / "index.html").read_bytes()
