"""Pages of a large collection stay a size a reader can use, and every page stays reachable by links.

A 300-essay collection (the scale benchmark's synthetic corpus, built in-process) passes every
cap: the home page, the essays table, the timeline, the feed and the glossary entries that most
essays mention. The five-essay site passes none of them, so its pages are as before.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import run_build
from crosscut import views as views_module
from crosscut.layout import site_views
from crosscut.load import load
from crosscut.markdown import make_markdown
from crosscut.refhtml import render_refs
from crosscut.urls import Links
from crosscut.views import Context

from golden.regen import SOURCE

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

ESSAYS = 300
BASE = "/sub/"
LARGEST_PAGE = 150_000  # bytes: the longest essay's citation page is about 85 kB; a listing must stay under this
HREF = re.compile(r'\s(?:href|action)="([^"]*)"')  # links, and the search form
ID = re.compile(r'\sid="([^"]*)"')


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A 300-essay collection built with a public address (so with its feed and share cards), no search."""
    root = tmp_path_factory.mktemp("large") / "project"
    corpus.lay_out_crosscut(corpus.make_collection(ESSAYS), root)
    run = run_build(root, "--quiet", "--no-search", "--base-url", BASE, "--url", "https://example.org" + BASE)
    assert run.code == 0, run.stderr
    return root


@pytest.fixture(scope="module")
def loaded(large):
    """The same collection's model and analysis, to check the pages against."""
    return load(large)


def page_file(site: Path, path: str) -> Path:
    """The file a link's path under BASE is served from."""
    rel = path[len(BASE):]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def crawl(site: Path) -> tuple[set[Path], list[str]]:
    """Every HTML page reached from the home page by following links (no scripts), and the links that lead nowhere."""
    seen, todo, broken = {site / "index.html"}, [site / "index.html"], []
    ids: dict[Path, set[str]] = {}
    while todo:
        page = todo.pop()
        text = page.read_text(encoding="utf-8")
        here = "http://x" + BASE + page.relative_to(site).as_posix().removesuffix("index.html")
        for href in map(html.unescape, HREF.findall(text)):
            parts = urlsplit(urljoin(here, href))
            if parts.netloc != "x" or parts.path.startswith(BASE + "pagefind/"):  # built with --no-search
                continue
            target = page_file(site, parts.path)
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if target.suffix != ".html":
                continue
            if parts.fragment:
                if target not in ids:
                    ids[target] = set(ID.findall(target.read_text(encoding="utf-8")))
                if parts.fragment not in ids[target] and parts.fragment != "top":
                    broken.append(f"{page.relative_to(site)}: {href} (no such id)")
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen, broken


def test_no_page_of_a_large_collection_grows_with_it(large):
    site = large / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.suffix in (".html", ".xml")}
    too_big = {path: size for path, size in sizes.items() if size > LARGEST_PAGE and path != "sitemap.xml"}
    assert len(sizes) > 2 * ESSAYS  # an essay's page and its citation page, at least
    assert too_big == {}


def test_every_page_of_a_large_collection_is_reachable_by_links(large):
    site = large / "site"
    reached, broken = crawl(site)
    pages = {p for p in site.rglob("*.html") if p.name != "404.html"}
    assert broken == []
    assert sorted(p.relative_to(site).as_posix() for p in pages - reached) == []


def test_the_essays_table_is_split_into_pages_that_hold_every_essay_once_in_order(large, loaded):
    site = large / "site"
    pages = [(site / "essays" / "index.html").read_text(encoding="utf-8")]
    while (next_page := re.search(r'<a href="(/sub/essays/page/\d+/)" rel="next">', pages[-1])):
        pages.append(page_file(site, next_page.group(1)).read_text(encoding="utf-8"))
    assert len(pages) == 2  # 300 essays, 200 a page
    listed = [slug for text in pages for slug in re.findall(r'<th scope="row"><a href="/sub/essays/([^/]+)/">', text)]
    assert listed == [e.slug for e in loaded.site.essays]
    assert 'rel="next"' in pages[0] and 'rel="prev"' in pages[1]


def test_the_home_page_lists_the_newest_essays_and_leads_to_all(large, loaded):
    text = (large / "site" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<h3><a href="/sub/essays/([^/]+)/">', text)
    newest = sorted((e for e in loaded.site.essays if e.date.year), key=lambda e: e.date.sort_key, reverse=True)
    assert listed == [e.slug for e in newest[:views_module.HOME_ESSAYS]]
    assert f'<a href="/sub/essays/">All {len(loaded.site.essays)} essays</a>' in text


def test_a_much_mentioned_entry_quotes_the_essays_that_mention_it_most_and_lists_the_rest_over_pages(large, loaded):
    site, mentions = large / "site", loaded.analysis.by_entity["putin"]
    assert len(mentions) > views_module.ENTRY_FULL
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.essay] = counts.get(m.essay, 0) + 1
    texts = [(site / "glossary" / "putin" / "index.html").read_text(encoding="utf-8")]
    while (next_page := re.search(r'<a href="(/sub/glossary/putin/page/\d+/)" rel="next">', texts[-1])):
        texts.append(page_file(site, next_page.group(1)).read_text(encoding="utf-8"))
    quoted, index = views_module.ENTRY_PAGE, views_module.ENTRY_INDEX
    assert len(counts) > quoted and len(texts) == 1 + -(-(len(counts) - quoted) // index)
    assert texts[0].count('<ul class="kwic">') == quoted and all('class="kwic"' not in t for t in texts[1:])
    listed = [slug for text in texts for slug in re.findall(r'<(?:h3|li)><a href="/sub/essays/([^/]+)/">', text)]
    assert sorted(listed) == sorted(counts)  # every essay that mentions it, once
    assert [counts[s] for s in listed] == sorted(counts.values(), reverse=True)  # those that mention it most first
    linked = {(slug, int(n)) for text in texts for slug, n in re.findall(r'href="/sub/essays/([^/]+)/#p(\d+)"', text)}
    assert linked == {(m.essay, m.paragraph) for m in mentions}  # every paragraph that mentions it, quoted or by its ¶
    assert "data-pagefind-body" in texts[0] and all("data-pagefind-body" not in t for t in texts[1:])


def test_the_timeline_of_a_large_collection_has_a_row_a_year_leading_to_its_essays(large, loaded):
    text = (large / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="/sub/essays/(?:page/(\d+)/)?#y(\d+)">([\d,]+) essays? published</a>', text)
    years: dict[int, int] = {}
    for e in loaded.site.essays:
        if e.date.year:
            years[e.date.year] = years.get(e.date.year, 0) + 1
    assert {int(year): int(n.replace(",", "")) for _, year, n in rows} == years
    assert "Essay published" not in text  # no essay is placed on its own


def test_the_feed_of_a_large_collection_carries_the_newest_essays(large, loaded):
    feed = (large / "site" / "feed.xml").read_text(encoding="utf-8")
    essays = re.findall(r"<id>https://example.org/sub/essays/([^/]+)/</id>", feed)
    newest = sorted((e for e in loaded.site.essays if e.date.year), key=lambda e: e.date.sort_key)[-50:]
    assert sorted(essays) == sorted(e.slug for e in newest)


def test_the_later_pages_of_a_listing_show_its_first_page_s_share_card(large):
    site = large / "site"
    image = re.compile(r'<meta property="og:image" content="([^"]+)">')
    first = image.search((site / "glossary" / "putin" / "index.html").read_text(encoding="utf-8")).group(1)
    second = image.search((site / "glossary" / "putin" / "page" / "2" / "index.html").read_text(encoding="utf-8")).group(1)
    assert first == second == "https://example.org/sub/cards/glossary/putin.png"
    assert (site / "cards" / "glossary" / "putin.png").is_file()
    assert not (site / "cards" / "glossary" / "putin" / "page").exists()


def test_a_small_collection_passes_no_cap(site):
    assert sorted(p.relative_to(site.path).as_posix() for p in site.path.rglob("page") if p.is_dir()) == []
    text = site.file("index.html").read_text(encoding="utf-8")
    assert "The essays, in order of publication" in text and "All 5 essays" not in text
    assert "Essay published" in site.file("timeline/index.html").read_text(encoding="utf-8")


def golden_views(tmp_path, drop_citations_of: str = "") -> tuple[dict, list[str], Links]:
    """The golden fixture's views, with the themes' citations of one essay dropped if asked; and its cited essays."""
    project = tmp_path / "project"
    shutil.copytree(SOURCE, project)
    loaded = load(project)
    analysis = loaded.analysis
    if drop_citations_of:
        analysis = replace(analysis, coverage={k: v for k, v in analysis.coverage.items() if k[0] != drop_citations_of},
                           theme_essays={t: tuple(e for e in es if e != drop_citations_of) for t, es in analysis.theme_essays.items()})
    cited = [e.slug for e in loaded.site.essays if any((e.slug, t.slug) in analysis.coverage for t in loaded.site.themes)]
    links = Links(loaded.config.base_url, loaded.config.url)
    md = make_markdown(loaded.config.base_url, partial(render_refs, links))
    return site_views(Context(loaded.site, analysis, loaded.config, links, md)), cited, links


def test_the_map_splits_its_essays_into_pages_that_hold_each_cited_essay_once(tmp_path, monkeypatch):
    monkeypatch.setattr(views_module, "MAP_PAGE", 1)
    pages, cited, links = golden_views(tmp_path)
    assert len(cited) == 2
    maps = [view for path, (_, view) in pages.items() if path.startswith("map/")]
    assert [path for path in pages if path.startswith("map/")] == ["map/", "map/page/2/"]
    assert [row["essay"]["slug"] for view in maps for row in view["rows"]] == cited
    assert [p["href"] for p in maps[0]["pager"]["pages"]] == [links.link("map/"), links.link("map/page/2/")]
    assert maps[1]["title"] == "Map of the collection (page 2 of 2)"


def test_a_small_map_keeps_the_essays_no_theme_cites_and_a_large_one_counts_them(tmp_path, monkeypatch):
    pages, cited, _ = golden_views(tmp_path, drop_citations_of="petrova-2019")
    assert cited == ["after-the-summit"]
    rows = pages["map/"][1]["rows"]
    assert [row["essay"]["slug"] for row in rows] == ["petrova-2019", "after-the-summit"]
    assert [cell["count"] for cell in rows[0]["cells"]] == [0] * len(rows[0]["cells"])  # a gap a reader should see
    monkeypatch.setattr(views_module, "MAP_PAGE", 1)
    pages, _, _ = golden_views(tmp_path / "large", drop_citations_of="petrova-2019")
    view = pages["map/"][1]
    assert [row["essay"]["slug"] for row in view["rows"]] == ["after-the-summit"] and view["uncited"] == 1
    assert "map/page/2/" not in pages
