"""Citations: each style for each real essay, BibTeX well formed, and the tags and Cite block on the built pages.

The pages are read with the suite's HTML5 parser (tests/htmltext.py), and what they carry
is compared with content/essays/*.yml read directly, so the two sides do not share code.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from crosscut import cite
from crosscut.model import Author, PartialDate

from conftest import ROOT, essay_metadata, run_build
from htmltext import Element, parse_file
from independent import front_matter, load_model

URL = "https://example.org/e/"  # the URL handed to the citation functions in the unit tests
SITE_URL = "https://example.org/crosscut/"  # the address the built site is given


@cache
def essay(slug: str):
    site, problems = load_model(ROOT)
    assert problems.items == []
    return site.essay(slug)


# ---------------------------------------------------------------- each style, each real essay
# {url} is the address cited, {bare} the same without its scheme (MLA).

EXPECTED = {
    # a known author with a known outlet and a day-precise date
    "troitskiy-2013": dict(
        chicago="Troitskiy, Mikhail. “Setting Expectations Right.” *The Moscow Times*, December 5, 2013. {url}",
        apa="Troitskiy, M. (2013, December 5). Setting Expectations Right. *The Moscow Times*. {url}",
        mla="Troitskiy, Mikhail. “Setting Expectations Right.” *The Moscow Times*, 5 Dec. 2013, {bare}.",
        bibtex="@article{{troitskiy2013setting,\n  author = {{Troitskiy, Mikhail}},\n"
               "  title = {{{{Setting Expectations Right}}}},\n  journal = {{The Moscow Times}},\n  year = {{2013}},\n"
               "  month = dec,\n  day = {{5}},\n"
               "  note = {{Series: Perspectives on Peace and Security: Rebuilding the U.S.-Russia Relationship}},\n"
               "  url = {{{url}}}\n}}"),
    # undated, the outlet known from its page (content/essays/mankoff.yml)
    "mankoff": dict(
        chicago="Mankoff, Jeffrey. “Stop having unrealistic expectations.” *Carnegie Corporation of New York*, n.d. {url}",
        apa="Mankoff, J. (n.d.). Stop having unrealistic expectations. *Carnegie Corporation of New York*. {url}",
        mla="Mankoff, Jeffrey. “Stop having unrealistic expectations.” *Carnegie Corporation of New York*, {bare}.",
        bibtex="@article{{mankoffndstop,\n  author = {{Mankoff, Jeffrey}},\n"
               "  title = {{{{Stop having unrealistic expectations}}}},\n  journal = {{Carnegie Corporation of New York}},\n"
               "  note = {{Series: Perspectives on Peace and Security: Rebuilding the U.S.–Russia Relationship}},\n"
               "  url = {{{url}}}\n}}"),
    # anonymous, year only, outlet unknown: the title stands first
    "where-to-now-2021": dict(
        chicago="“US-Russian Relations: Where to Now?” 2021. {url}",
        apa="US-Russian Relations: Where to Now? (2021). {url}",
        mla="“US-Russian Relations: Where to Now?” 2021, {bare}.",
        bibtex="@misc{{anon2021where,\n  title = {{{{US-Russian Relations: Where to Now?}}}},\n  year = {{2021}},\n"
               "  url = {{{url}}}\n}}"),
    # year only, a middle initial
    "wallander-2003": dict(
        chicago="Wallander, Celeste A. “US-Russian Relations: Between Realism and Reality.” *Current History*, 2003. {url}",
        apa="Wallander, C. A. (2003). US-Russian Relations: Between Realism and Reality. *Current History*. {url}",
        mla="Wallander, Celeste A. “US-Russian Relations: Between Realism and Reality.” *Current History*, 2003, {bare}.",
        bibtex="@article{{wallander2003between,\n  author = {{Wallander, Celeste A.}},\n"
               "  title = {{{{US-Russian Relations: Between Realism and Reality}}}},\n  journal = {{Current History}},\n"
               "  year = {{2003}},\n  url = {{{url}}}\n}}"),
    # family name first: the surname is "Yu", not the last word
    "yu-sui-2021": dict(
        chicago="Yu, Sui. “Will U.S.-Russia Stalemate Ever End?” *China-US Focus*, April 6, 2021. {url}",
        apa="Yu, S. (2021, April 6). Will U.S.-Russia Stalemate Ever End? *China-US Focus*. {url}",
        mla="Yu, Sui. “Will U.S.-Russia Stalemate Ever End?” *China-US Focus*, 6 Apr. 2021, {bare}.",
        bibtex="@article{{yu2021will,\n  author = {{Yu, Sui}},\n  title = {{{{Will U.S.-Russia Stalemate Ever End?}}}},\n"
               "  journal = {{China-US Focus}},\n  year = {{2021}},\n  month = apr,\n  day = {{6}},\n  url = {{{url}}}\n}}"),
}
STYLES = {"chicago": cite.chicago, "apa": cite.apa, "mla": cite.mla, "bibtex": cite.bibtex}


def expected(slug: str, style: str, url: str) -> str:
    return EXPECTED[slug][style].format(url=url, bare=re.sub(r"^https?://", "", url))


def test_every_real_essay_has_expected_citations():
    assert sorted(EXPECTED) == sorted(essay_metadata())


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_style_for_each_real_essay(slug, style):
    assert STYLES[style](essay(slug), URL) == expected(slug, style, URL)


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_bibtex_is_well_formed_and_fakes_nothing(slug):
    e = essay(slug)
    entry = cite.bibtex(e, URL)
    assert balanced(entry)
    m = re.fullmatch(r"@(article|misc)\{([a-z0-9]+),\n((?:  [a-z]+ = (?:\{.*\}|[a-z]{3}),\n)*  url = \{[^{}]*\})\n\}", entry)
    assert m, entry
    kind, key, body = m.groups()
    fields = dict(re.findall(r"^  ([a-z]+) = (.*?),?$", body, re.MULTILINE))
    assert kind == ("article" if e.outlet else "misc")
    assert ("journal" in fields) == bool(e.outlet)
    assert ("author" in fields) == bool(e.authors)
    assert ("year" in fields) == (e.date.year is not None)
    assert ("month" in fields) == (e.date.month is not None)
    assert ("day" in fields) == (e.date.day is not None)
    assert not any(re.search(r"unknown|n\.d\.|anonymous", v, re.IGNORECASE) for v in fields.values()), fields
    assert all(balanced(v) for v in fields.values())


def test_bibtex_escapes_what_latex_would_read_as_markup():
    e = variant(title="Costs & Benefits: 50% of {Everything} at $5 #1_x ~ ^ \\end",
                outlet="Smith & Sons", authors=(Author("Ann O_Neil", ""),))
    entry = cite.bibtex(e, "https://example.org/a%20b?q={x}")
    assert balanced(entry)
    assert ("title = {{Costs \\& Benefits: 50\\% of \\{Everything\\} at \\$5 \\#1\\_x \\textasciitilde{} "
            "\\textasciicircum{} \\textbackslash{}end}}") in entry
    assert "journal = {Smith \\& Sons}" in entry and "author = {O\\_Neil, Ann}" in entry
    assert "url = {https://example.org/a%20b?q=%7Bx%7D}" in entry, "the url field is verbatim: % stays as it is"


def test_months_in_every_style():
    e = variant(date=PartialDate(2013, 9, 5))
    assert "September 5, 2013" in cite.chicago(e, URL) and "(2013, September 5)" in cite.apa(e, URL)
    assert "5 Sept. 2013" in cite.mla(e, URL) and "month = sep" in cite.bibtex(e, URL)
    assert "June 2013" in cite.mla(variant(date=PartialDate(2013, 6)), URL)


def test_bibtex_keys_are_unique():
    keys = [re.match(r"@\w+\{([^,]+),", cite.bibtex(essay(s), URL)).group(1) for s in EXPECTED]
    assert len(set(keys)) == len(keys)


def test_unknown_metadata_is_left_out_not_faked():
    anonymous = essay("where-to-now-2021")
    for style in ("chicago", "apa", "mla"):
        text = STYLES[style](anonymous, URL)
        assert not re.search(r"anonymous|unknown|anon\.", text, re.IGNORECASE), text
    undated = essay("mankoff")
    assert "n.d." in cite.chicago(undated, URL) and "n.d." in cite.apa(undated, URL)
    assert not re.search(r"\d{4}", cite.mla(undated, URL).replace(URL.removeprefix("https://"), ""))
    for slug in ("where-to-now-2021",):  # outlet unknown
        for style in STYLES:
            assert "*" not in STYLES[style](essay(slug), URL) and "journal" not in STYLES[style](essay(slug), URL)


# ---------------------------------------------------------------- the formats on made-up essays


def variant(**changes):
    return dataclasses.replace(essay("troitskiy-2013"), **changes)


TWO = (Author("Jane Doe", ""), Author("John Roe", ""))
THREE = TWO + (Author("Ann Poe", ""),)


@pytest.mark.parametrize("authors, style, start", [
    (TWO, "chicago", "Doe, Jane, and John Roe. “"),
    (TWO, "apa", "Doe, J., & Roe, J. (2013"),
    (TWO, "mla", "Doe, Jane, and John Roe. “"),
    (TWO, "bibtex", "@article{doe2013setting,\n  author = {Doe, Jane and Roe, John},\n"),
    (THREE, "chicago", "Doe, Jane, John Roe, and Ann Poe. “"),
    (THREE, "apa", "Doe, J., Roe, J., & Poe, A. (2013"),
    (THREE, "mla", "Doe, Jane, et al. “"),
    (THREE, "bibtex", "@article{doe2013setting,\n  author = {Doe, Jane and Roe, John and Poe, Ann},\n"),
], ids=[f"{n}-{s}" for n in ("two", "three") for s in ("chicago", "apa", "mla", "bibtex")])
def test_several_authors(authors, style, start):
    assert STYLES[style](variant(authors=authors), URL).startswith(start)


@pytest.mark.parametrize("date, chicago, apa, mla", [
    ("2013-12", "December 2013", "(2013, December)", "Dec. 2013"),
    ("2013-05-01", "May 1, 2013", "(2013, May 1)", "1 May 2013"),
    ("2013-09", "September 2013", "(2013, September)", "Sept. 2013"),
])
def test_month_precision_dates(date, chicago, apa, mla):
    e = variant(date=PartialDate.parse(date))
    assert f"*The Moscow Times*, {chicago}. " in cite.chicago(e, URL)
    assert f"Troitskiy, M. {apa}. " in cite.apa(e, URL)
    assert f"*The Moscow Times*, {mla}, " in cite.mla(e, URL)


def test_month_precision_meta_date():
    assert ("citation_publication_date", "2013/12") in cite.citation_meta(variant(date=PartialDate.parse("2013-12")), URL)


def test_title_ending_in_a_question_mark_gets_no_extra_full_stop():
    e = variant(title="Where Now?")
    assert "“Where Now?” *The" in cite.chicago(e, URL)
    assert "Where Now? *The" in cite.apa(e, URL)


# ---------------------------------------------------------------- one paragraph

PASSAGES = {  # each real essay's ¶ 2, then ¶¶ 2–3; {url} is the address of the paragraph
    "troitskiy-2013": ("Mikhail Troitskiy, “Setting Expectations Right,” *The Moscow Times*, December 5, 2013, ¶ 2, {url}.",
                       "(Troitskiy, 2013, para. 2)", "(Troitskiy, par. 2)"),
    "mankoff": ("Jeffrey Mankoff, “Stop having unrealistic expectations,” *Carnegie Corporation of New York*, n.d., ¶ 2, {url}.",
                "(Mankoff, n.d., para. 2)", "(Mankoff, par. 2)"),
    "where-to-now-2021": ("“US-Russian Relations: Where to Now?” 2021, ¶ 2, {url}.",
                          "(“Where to Now?” 2021, para. 2)", "(“Where to Now?” par. 2)"),
    "wallander-2003": ("Celeste A. Wallander, “US-Russian Relations: Between Realism and Reality,” *Current History*, 2003, ¶ 2, {url}.",
                       "(Wallander, 2003, para. 2)", "(Wallander, par. 2)"),
    # a note names the author as he writes his name, family name first
    "yu-sui-2021": ("Yu Sui, “Will U.S.-Russia Stalemate Ever End?” *China-US Focus*, April 6, 2021, ¶ 2, {url}.",
                    "(Yu, 2021, para. 2)", "(Yu, par. 2)"),
}


@pytest.mark.parametrize("slug", sorted(PASSAGES))
def test_a_paragraph_in_every_style(slug):
    e, url = essay(slug), f"{URL}#p2"
    chicago, apa_text, mla_text = PASSAGES[slug]
    found = {key: text for _, key, text in cite.passage_citations(e, url, 2)}
    assert list(found) == ["chicago", "apa-text", "apa", "mla-text", "mla", "bibtex"]
    assert found["chicago"] == chicago.format(url=url)
    assert (found["apa-text"], found["mla-text"]) == (apa_text, mla_text)
    assert found["apa"] == cite.apa(e, url) and found["mla"] == cite.mla(e, url)  # the reference entries, at the paragraph
    bib = found["bibtex"]
    assert bib.startswith(f"@{'article' if e.outlet else 'misc'}{{{cite.bibtex_key(e)}-p2,\n") and f"url = {{{url}}}" in bib
    assert re.search(r"\n  note = \{(Series: [^}]*\. )?Paragraph 2\},\n", bib), bib
    assert bib.count("note = ") == 1
    ranged = {key: text for _, key, text in cite.passage_citations(e, url, 2, 3)}
    assert "¶¶ 2–3" in ranged["chicago"] and "paras. 2–3)" in ranged["apa-text"] and "pars. 2–3)" in ranged["mla-text"]
    assert "Paragraphs 2--3" in ranged["bibtex"]


@pytest.mark.parametrize("authors, apa_text, mla_text, note", [
    (TWO, "(Doe & Roe, 2013, para. 4)", "(Doe and Roe, par. 4)", "Jane Doe and John Roe, “"),
    (THREE, "(Doe et al., 2013, para. 4)", "(Doe et al., par. 4)", "Jane Doe, John Roe, and Ann Poe, “"),
], ids=["two", "three"])
def test_a_paragraph_of_several_authors(authors, apa_text, mla_text, note):
    e = variant(authors=authors)
    assert (cite.apa_in_text(e, 4), cite.mla_in_text(e, 4)) == (apa_text, mla_text)
    assert cite.chicago_note(e, URL, 4).startswith(note)


def test_a_paragraph_of_a_site_without_a_public_address_is_cited_without_one():
    found = {key: text for _, key, text in cite.passage_citations(essay("wallander-2003"), "", 4)}
    assert found["chicago"].endswith("*Current History*, 2003, ¶ 4.")
    assert found["apa"].endswith("*Current History*.") and found["mla"].endswith("*Current History*, 2003.")
    assert "url = " not in found["bibtex"] and "  note = {Paragraph 4}\n}" in found["bibtex"]


def test_an_untitled_short_title_takes_its_comma_inside_the_quotation_marks():
    e = variant(authors=(), title="Russia: Setting Expectations Right")
    assert cite.apa_in_text(e, 4) == "(“Setting Expectations Right,” 2013, para. 4)"
    assert cite.mla_in_text(e, 4) == "(“Setting Expectations Right,” par. 4)"


# ---------------------------------------------------------------- the built pages, read with our own parser


@dataclass(frozen=True)
class PageReader:
    """Head tags, JSON-LD, the text (and italics) of .cite-text elements, copy buttons and <dt> texts of a page."""

    meta: list[tuple[str, str]]  # (name or property, content) in order
    links: list[dict[str, str]]  # attributes of every <link>
    json_ld: list[str]  # bodies of <script type="application/ld+json">
    cite_texts: dict[str, str]  # id -> text of each .cite-text element
    italics: dict[str, list[str]]  # id -> texts of the <i> inside it
    buttons: list[dict[str, str]]  # attributes of every <button class="copy">
    dts: list[str]  # texts of every <dt>


def raw_text(element: Element) -> str:
    """Every character of text inside an element, white space as written."""
    return "".join(c if isinstance(c, str) else raw_text(c) for c in element.children)


def read_page(path: Path) -> PageReader:
    tree = parse_file(path)
    cites = [e for e in tree.iter() if "cite-text" in e.classes and e.attrs.get("id")]
    return PageReader(
        meta=[(e.attrs.get("name") or e.attrs.get("property"), e.attrs["content"]) for e in tree.find_all("meta")
              if "content" in e.attrs and ("name" in e.attrs or "property" in e.attrs)],
        links=[e.attrs for e in tree.find_all("link")],
        json_ld=[raw_text(e) for e in tree.find_all("script", type="application/ld+json")],
        cite_texts={e.attrs["id"]: raw_text(e) for e in cites},
        italics={e.attrs["id"]: [raw_text(i) for i in e.find_all("i")] for e in cites if e.find("i")},
        buttons=[e.attrs for e in tree.find_all("button", "copy")],
        dts=[raw_text(e).strip() for e in tree.find_all("dt")],
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cite") / "site"
    run = run_build(ROOT, "--no-search", "--quiet", "--base-url", "/crosscut/", "--url", SITE_URL, "--out", str(out))
    assert run.code == 0, run.stderr
    return out


def page_of(built: Path, slug: str) -> PageReader:
    return read_page(built / "essays" / slug / "index.html")


def metadata(slug: str) -> dict:
    """What content/essays/<slug>.yml says, in the forms the tags use; None for unknown."""
    data = essay_metadata()[slug]
    authors = [] if data.get("authors") in (None, "unknown") else data["authors"]
    people = []
    for a in authors:
        words = a["name"].split()
        family = a.get("surname") or words[-1]
        given = " ".join(w for w in words if w != family)
        people.append({"name": a["name"], "inverted": f"{family}, {given}"})
    date = str(data.get("date", "unknown"))
    outlet = data.get("outlet", "unknown")
    return {"title": data["title"], "authors": people, "date": None if date == "unknown" else date,
            "outlet": None if outlet == "unknown" else outlet, "url": data.get("url")}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_citation_meta_tags_carry_exactly_the_essay_metadata(slug, built):
    m, page = metadata(slug), page_of(built, slug)
    want = [("citation_title", m["title"])]
    want += [("citation_author", a["inverted"]) for a in m["authors"]]
    if m["date"]:
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", m["date"])
        want.append(("citation_publication_date", m["date"].replace("-", "/")))
    if m["outlet"]:
        want.append(("citation_journal_title", m["outlet"]))
    want.append(("citation_public_url", f"{SITE_URL}essays/{slug}/"))
    assert [(k, v) for k, v in page.meta if k.startswith("citation_")] == want


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_open_graph_tags(slug, built):
    m, page = metadata(slug), page_of(built, slug)
    tags = {}
    for k, v in page.meta:
        tags.setdefault(k, []).append(v)
    url = f"{SITE_URL}essays/{slug}/"
    assert tags["og:title"] == [m["title"]]
    assert tags["og:url"] == [url]
    assert tags["og:type"] == ["article"]
    assert tags["og:site_name"] == ["crosscut"]
    assert tags.get("article:published_time") == ([m["date"]] if m["date"] else None)
    assert tags.get("article:author") == ([a["name"] for a in m["authors"]] or None)
    assert [link["href"] for link in page.links if link.get("rel") == "canonical"] == [url]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_json_ld_is_an_article_with_only_the_known_facts(slug, built):
    m, page = metadata(slug), page_of(built, slug)
    [text] = page.json_ld
    data = json.loads(text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == m["title"]
    assert data["url"] == f"{SITE_URL}essays/{slug}/"
    if m["authors"]:
        assert [a["name"] for a in data["author"]] == [a["name"] for a in m["authors"]]
        assert all(a["@type"] == "Person" for a in data["author"])
    else:
        assert "author" not in data
    if m["date"]:
        assert data["datePublished"] == m["date"]
    else:
        assert "datePublished" not in data
    if m["outlet"]:
        assert data["publisher"]["name"] == m["outlet"]
    else:
        assert "publisher" not in data
    if m["url"]:
        assert data["isBasedOn"] == m["url"]
    else:
        assert "isBasedOn" not in data


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_cite_block_shows_every_style_without_javascript(slug, built):
    m, page = metadata(slug), page_of(built, slug)
    cited = m["url"] or f"{SITE_URL}essays/{slug}/"  # the original when known, else our page
    dts = page.dts
    start = dts.index("Chicago")
    assert dts[start:start + 4] == ["Chicago", "APA", "MLA", "BibTeX"]
    for style in ("chicago", "apa", "mla", "bibtex"):
        assert page.cite_texts[f"cite-{style}"] == expected(slug, style, cited).replace("*", ""), style
    for style in ("chicago", "apa", "mla"):
        assert page.italics.get(f"cite-{style}", []) == ([m["outlet"]] if m["outlet"] else []), style
    copies = [b for b in page.buttons if b.get("data-copy")]
    assert sorted(b["data-copy"] for b in copies) == ["cite-apa", "cite-bibtex", "cite-chicago", "cite-mla"]
    assert all("hidden" in b and b.get("type") == "button" for b in copies), "copy buttons must be hidden until JS runs"


@pytest.mark.parametrize("theme", sorted(p.stem for p in (ROOT / "content" / "themes").glob("*.md")))
def test_theme_pages_carry_a_page_citation(theme, built):
    title = front_matter(ROOT / "content" / "themes" / f"{theme}.md")["title"]
    page = read_page(built / "themes" / theme / "index.html")
    closed = title if title.endswith((".", "?", "!")) else title + "."
    assert page.cite_texts["cite-page"] == f"crosscut editors. “{closed}” crosscut. {SITE_URL}themes/{theme}/"
    assert page.italics["cite-page"] == ["crosscut"]
    [button] = [b for b in page.buttons if b.get("data-copy") == "cite-page"]
    assert "hidden" in button
    assert not [k for k, _ in page.meta if k.startswith("citation_")], "a theme page is not a scholarly article"


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_the_one_paragraph_example_cites_a_paragraph_that_exists(slug, built):
    html = (built / "essays" / slug / "index.html").read_text(encoding="utf-8")
    m = re.search(r"One paragraph:.*?<span class=\"cite-text\">([^<]*)</span>", html)
    assert m, "no one-paragraph example in the Cite block"
    example = m.group(1)
    number = re.search(r"¶ (\d+), (\S+)#p(\d+)$", example)
    assert number and number.group(1) == number.group(3), example
    assert number.group(2) == f"{SITE_URL}essays/{slug}/"
    assert f'id="p{number.group(1)}"' in html, f"{example}: the essay has no ¶ {number.group(1)}"


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_paragraph_links_to_its_citations_on_the_citation_page(slug, built):
    essay_page = parse_file(built / "essays" / slug / "index.html")
    paragraphs = essay_page.find_all("p", "para")
    links = [p.find("a", "pcite") for p in paragraphs]
    assert [a.attrs["href"] for a in links] == [f"/crosscut/essays/{slug}/cite/#{p.attrs['id']}" for p in paragraphs]
    assert [a.attrs["aria-label"] for a in links] == [f"Cite ¶ {p.attrs['id'][1:]}" for p in paragraphs]
    assert not essay_page.find("section", "passage"), "the citations themselves stay off the essay page"
    cite_page = read_page(built / "essays" / slug / "cite" / "index.html")
    tree = parse_file(built / "essays" / slug / "cite" / "index.html")
    blocks = tree.find_all("section", "passage")
    assert [b.attrs["id"] for b in blocks] == [p.attrs["id"] for p in paragraphs]
    e, page_url = essay(slug), f"{SITE_URL}essays/{slug}/"
    for block in blocks:
        n = int(block.attrs["id"][1:])
        for _, key, text in cite.passage_citations(e, f"{page_url}#p{n}", n):
            assert cite_page.cite_texts[f"p{n}-{key}"] == text.replace("*", "")
        assert block.find("a", href=f"/crosscut/essays/{slug}/#p{n}")
    copies = [b for b in cite_page.buttons if b.get("data-copy")]
    assert len(copies) == 6 * len(blocks) and all("hidden" in b for b in copies)
    assert not [k for k, _ in cite_page.meta if k.startswith("citation_")]  # the essay's page carries those
