"""The real project end to end: links under / and under a subpath, paragraph permalinks, listings, determinism."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crosscut.clean import Overrides, clean_text

from conftest import ROOT, essay_metadata, run_build, snapshot
from htmltext import parse_file
from linkcheck import check_site

MONTHS = "January February March April May June July August September October November December".split()


@pytest.fixture(params=["/", "/crosscut/"], ids=["root", "subpath"])
def built(request, site, site_sub):
    return site if request.param == "/" else site_sub


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def essay_pages(folder: Path) -> dict[str, Path]:
    return {p.parent.name: p for p in sorted((folder / "essays").glob("*/index.html"))}


# ---------------------------------------------------------------- links


def test_every_internal_link_resolves(built):
    problems, stats = check_site(built.path, built.base)
    assert [str(p) for p in problems] == []
    # the check really ran over paragraph fragments and versioned assets
    assert stats.pages >= 4 + len(essay_metadata())
    assert stats.fragments >= sum(1 for _ in built.path.rglob("*.html"))
    assert stats.queries > 0


def test_links_are_built_on_the_base_path(site_sub):
    home = parse_file(site_sub.file("index.html"))
    sheet = next(link for link in home.find_all("link") if link.attrs.get("rel") == "stylesheet"
                 and "style.css" in link.attrs["href"])
    assert re.fullmatch(r"/crosscut/assets/style\.css\?v=[0-9a-f]+", sheet.attrs["href"])
    assert home.find("a", "brand").attrs["href"] == "/crosscut/"


def test_link_checker_reports_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="p1">x</p><a href="../#top">up</a>', encoding="utf-8")
    (tmp_path / "style.css").write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text("""<!doctype html><html><head>
<link rel="stylesheet" href="/base/style.css?v=1"></head><body id="top">
<a href="/base/a/#p1">ok</a> <a href="a/">ok</a> <a href="#top">ok</a> <a href="https://example.org/">ext</a>
<a href="/base/missing/">1</a>
<a href="/base/a/#p2">2</a>
<a href="/style.css">3</a>
<a href="/base/a">4</a>
<img src="/base/nope.png">
<a href="#">6</a>
</body></html>""", encoding="utf-8")
    problems, stats = check_site(tmp_path, "/base/")
    assert [(p.page, p.url, p.reason) for p in problems] == [
        ("index.html", "/base/missing/", "no index.html in missing/"),
        ("index.html", "/base/a/#p2", "no id 'p2' in a/index.html"),
        ("index.html", "/style.css", "outside the base path /base/"),
        ("index.html", "/base/a", "folder linked without a trailing slash"),
        ("index.html", "/base/nope.png", "no such file"),
        ("index.html", "#", "empty fragment '#'"),
    ]
    assert stats.external == {"https://example.org/"}
    assert stats.queries == 1


# ---------------------------------------------------------------- essay pages


def cleaned_paragraphs(slug: str) -> int:
    data = essay_metadata()[slug]
    sets = {k: frozenset(v) for k, v in (data.get("cleaning") or {}).items()}
    text = (ROOT / "seeds" / data["source"]).read_text(encoding="utf-8")
    return sum(1 for b in clean_text(text, Overrides(**sets)).blocks if b.kind == "paragraph")


def test_every_essay_has_a_page(site):
    assert set(essay_pages(site.path)) == set(essay_metadata())


@pytest.mark.parametrize("slug", sorted(essay_metadata()))
def test_paragraphs_are_numbered_with_visible_permalinks(slug, site):
    page = parse_file(site.essay(slug))
    paras = [p for p in page.find("div", "essay-body").find_all("p") if "para" in p.classes]
    count = cleaned_paragraphs(slug)
    assert count > 0
    assert [p.attrs.get("id") for p in paras] == [f"p{n}" for n in range(1, count + 1)]
    for n, p in enumerate(paras, 1):
        link = p.find("a", "pnum")
        assert link is not None, f"¶ {n} has no permalink"
        assert link.attrs.get("href") == f"#p{n}"
        assert link.text().replace("\u202f", " ") == f"¶ {n}"
        assert "hidden" not in link.attrs and link.attrs.get("aria-hidden") != "true"
    assert len({e.attrs["id"] for e in page.iter() if "id" in e.attrs}) == \
        len([e for e in page.iter() if "id" in e.attrs]), "duplicate ids on the page"


def without_print_rules(css: str) -> str:
    """Cut out `@media print { ... }` blocks (nested braces included): on paper anything may be hidden."""
    out, i = [], 0
    for m in re.finditer(r"@media\s+print\s*\{", css):
        if m.start() < i:
            continue
        depth, j = 1, m.end()
        while depth and j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out.append(css[i:m.start()])
        i = j
    return "".join(out) + css[i:]


def test_permalink_style_does_not_hide_them():
    css = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "crosscut" / "templates" / "assets").glob("*.css")))
    css = without_print_rules(re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL))
    assert ".pnum" in css
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    hiding = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)|"
                        r"clip(?:-path)?\s*:|left\s*:\s*-\d{3,}")
    for selectors, body in rules:
        for selector in selectors.split(","):
            if re.search(r"\.pnum\b", selector) and not re.search(r":(?:hover|focus)", selector):
                assert not hiding.search(body), f"{selector.strip()} {{{body.strip()}}}"


def test_an_essay_states_its_length_as_counted_on_the_page(site):
    essays_index = parse_file(site.file("essays/index.html")).text()
    for slug, path in essay_pages(site.path).items():
        page = parse_file(path)
        paragraphs = [p for p in page.iter() if p.tag == "p" and "para" in p.classes]
        words = sum(len(p.find("span", "ptext").text().split()) for p in paragraphs)
        length = next(d for d in page.find_all("div") if d.find("dt") and d.find("dt").text() == "Length").find("dd").text()
        assert length.startswith(f"{len(paragraphs)} paragraphs, {words:,} words, about "), (slug, length)
        assert f"{words:,} words" in essays_index, slug
    assert re.search(r"\b\d,\d{3} words", essays_index), "the longest essay's count has its thousands separator"


def test_a_theme_page_lists_its_sections_in_order_at_the_top(site):
    for path in sorted(site.path.glob("themes/*/index.html")):
        page = parse_file(path)
        toc = page.find("nav", "toc")
        assert toc is not None, f"{path.parent.name}: no contents"
        listed = [a.attrs["href"] for a in toc.find_all("a")]
        headings = [f"#{h.attrs['id']}" for h in page.find("article").find_all("h2") if h.attrs.get("id") != "toc-heading"]
        assert listed == headings, path.parent.name
        assert "#what-each-essay-argues" in listed and "#questions-heading" in listed


def test_a_bare_paragraph_link_names_its_essay_to_a_screen_reader(site):
    # "¶ 17" reads fine beside "Wallander, “…”," but not in a screen reader's list of links
    bare = 0
    pages = [*site.path.glob("themes/*/index.html"), site.file("timeline/index.html"), site.file("glossary/index.html")]
    for path in pages:
        for a in parse_file(path).find("main").find_all("a"):
            text = a.text()
            if re.fullmatch(r"¶+ [\d–]+", text):
                bare += 1
                label = a.attrs.get("aria-label", "")
                assert label.endswith(text) and "“" in label, (path, text, a.attrs)
    assert bare > 50


def test_wallander_sections_are_headings_with_anchors(site):
    page = parse_file(site.essay("wallander-2003"))
    seed = (ROOT / "seeds" / essay_metadata()["wallander-2003"]["source"]).read_text(encoding="utf-8")
    expected = [line[3:].strip() for line in seed.splitlines() if line.startswith("## ")]
    headings = [h for h in page.find("div", "essay-body").find_all("h2") if "section-heading" in h.classes]
    assert [h.text(skip_classes={"anchor"}) for h in headings] == expected
    ids = [h.attrs["id"] for h in headings]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert [h.find("a", "anchor").attrs["href"] for h in headings] == [f"#{i}" for i in ids]
    toc = page.find("nav", "toc")
    assert [a.attrs["href"] for a in toc.find_all("a")] == [f"#{i}" for i in ids]


def test_exactly_one_h1_per_page(built):
    counts = {p.relative_to(built.path).as_posix(): len(parse_file(p).find_all("h1")) for p in html_files(built.path)}
    assert {page: n for page, n in counts.items() if n != 1} == {}


# ---------------------------------------------------------------- listings


def date_parts(value) -> tuple[int, ...]:
    """'2013-12-05' -> (2013, 12, 5); '2003' -> (2003,); 'unknown' -> ()."""
    value = str(value or "unknown")
    return () if value == "unknown" else tuple(int(x) for x in value.split("-"))


def display(parts: tuple[int, ...]) -> str:
    if not parts:
        return "date unknown"
    year, month, day = (list(parts) + [None, None])[:3]
    return " ".join(str(x) for x in (day, MONTHS[month - 1] if month else None, year) if x)


def byline(data: dict) -> str:
    authors = data.get("authors")
    if not authors or authors == "unknown":
        return "Author unknown"
    names = [a["name"] if isinstance(a, dict) else a for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def home_cards(site) -> list:
    return parse_file(site.file("index.html")).find_all("article", "essay-card")


def card_slug(card, base: str) -> str:
    href = card.find("h3").find("a").attrs["href"]
    m = re.fullmatch(re.escape(base) + r"essays/([a-z0-9-]+)/", href)
    assert m, href
    return m.group(1)


def test_home_lists_every_essay_once(site):
    slugs = [card_slug(c, "/") for c in home_cards(site)]
    assert sorted(slugs) == sorted(essay_metadata())


def test_home_lists_essays_in_date_order_undated_last(site):
    meta = essay_metadata()
    dates = [date_parts(meta[card_slug(c, "/")].get("date")) for c in home_cards(site)]
    dated = [d for d in dates if d]
    assert dates == dated + [()] * (len(dates) - len(dated)), f"undated essays must come last: {dates}"
    for i, earlier in enumerate(dated):
        for later in dated[i + 1:]:
            common = min(len(earlier), len(later))
            assert earlier[:common] <= later[:common], f"{earlier} listed before {later}"


@pytest.mark.parametrize("slug", sorted(essay_metadata()))
def test_home_card_shows_author_date_outlet_summary(slug, site):
    data = essay_metadata()[slug]
    card = next(c for c in home_cards(site) if card_slug(c, "/") == slug)
    assert card.find("span", "author").text() == byline(data)
    date = card.find("time") or card.find("span", "date")  # <time> only when the date is known
    assert date.text() == display(date_parts(data.get("date")))
    assert (date.tag == "time") == bool(data.get("date") and data["date"] != "unknown")
    outlet = data.get("outlet")
    assert card.find("span", "outlet").text() == (outlet if outlet and outlet != "unknown" else "outlet unknown")
    summary = card.find("div", "summary")
    assert summary is not None, "no summary on the card"
    words = lambda text: re.findall(r"\w+", text.lower())  # noqa: E731
    assert words(summary.text())[:8] == words(str(data["summary"]))[:8]


def test_essays_index_lists_every_essay_in_the_home_order(site):
    table = parse_file(site.file("essays/index.html")).find("table")
    assert table is not None
    rows = [a.attrs["href"] for row in table.find_all("tr") for a in row.find_all("a")[:1]]
    assert rows == [c.find("h3").find("a").attrs["href"] for c in home_cards(site)]


def test_about_page(site):
    page = site.file("about/index.html")
    assert page.is_file()
    front = (ROOT / "content" / "pages" / "about.md").read_text(encoding="utf-8").split("---")[1]
    assert parse_file(page).find("h1").text() == yaml.safe_load(front)["title"]


# ---------------------------------------------------------------- determinism


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one" / "site", tmp_path / "two" / "site"
    run = run_build(ROOT, "--no-search", "--quiet", "--base-url", "/", "--out", str(first))
    assert run.code == 0, run.stderr
    # the second build in a fresh interpreter with another hash seed, so set order cannot leak into output
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    result = subprocess.run([sys.executable, "build.py", "--no-search", "--quiet", "--base-url", "/", "--out", str(second)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    a, b = snapshot(first), snapshot(second)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


@pytest.mark.parametrize("slug", sorted(essay_metadata()))
def test_related_essays_give_the_passages_they_share_as_the_reason(slug, site):
    """Each related essay names the rarest theme both are cited in, with the paragraphs of each
    essay that this theme cites, each a link to that paragraph; the theme page cites exactly those."""
    related = parse_file(site.essay(slug)).find("ul", cls="related")
    assert related is not None
    reasons = [item.find("span", cls="reason") for item in related.find_all("li")]
    assert reasons and all(reasons), f"{slug}: a related essay without its reason"
    for item, reason in zip(related.find_all("li"), reasons):
        other = item.find("a").attrs["href"].strip("/").split("/")[-1]
        theme_link, *passages = reason.find_all("a")
        theme = parse_file(site.path / theme_link.attrs["href"].strip("/") / "index.html")
        cited = {a.attrs["href"] for a in theme.find_all("a") if "#p" in a.attrs.get("href", "")}
        here = [a.attrs["href"] for a in passages if f"/essays/{slug}/#p" in a.attrs["href"]]
        there = [a.attrs["href"] for a in passages if f"/essays/{other}/#p" in a.attrs["href"]]
        assert here and there and len(here) + len(there) == len(passages), reason.text()
        assert set(here + there) <= cited, f"{slug}: {reason.text()} names a paragraph the theme does not cite"
        assert reason.text().startswith(f"Both cited in {theme_link.text()}: ¶")
