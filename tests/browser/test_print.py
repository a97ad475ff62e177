"""Print in chromium: an essay and a theme page as PDF keep the paragraph numbers and put the
citation at the foot of every page, without the site's navigation or links that only work on a
screen; quotes are kept whole, and a comparison table takes the page's width without cutting a word."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from htmltext import parse_file

from .conftest import watched_context

PAGES = {"essay": "essays/wallander-2003/", "theme": "themes/sanctions/", "reading": "themes/sanctions/reading/",
         "comparison": "themes/arms-control/"}
# what only the screen shows: the skip link, header search, navigation, pager, the reader's switch,
# the way back to the top, and links that lead nowhere on paper
SCREEN_ONLY = ["Skip to content", "Search the site", "Previous essay", "Next essay", "Essays Themes Glossary",
               "Top of the page", "Back to Top", "Show glossary links", "Reading list to hand out", "Discussed in"]
A4_WIDTH = round((210 - 2 * 15) / 25.4 * 96)  # px: A4 less the 15 mm side margins of the print stylesheet
NAV_LABELS = ["Essays", "Themes", "Glossary", "Timeline", "Map", "About"]


def plain(text: str) -> str:
    """Every kind of space as one ordinary space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of each page of a PDF, by poppler's pdftotext (installed by `make test`)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: `make test` installs Debian's poppler-utils"
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def footer_citation(site_file) -> str:
    """The citation the page's print stylesheet puts at the bottom left of every page."""
    style = next(e for e in parse_file(site_file).iter() if e.tag == "style" and e.attrs.get("media") == "print")
    return re.search(r'@bottom-left\{content:"([^"]*)"', style.text())[1]


@pytest.fixture(scope="module")
def printed(browser, served_root, tmp_path_factory):
    """Each page of PAGES printed to PDF (A4), as the text of its PDF pages."""
    context, watch = watched_context(browser)
    page = context.new_page()
    found = {}
    for name, path in PAGES.items():
        page.goto(served_root.url(path))
        found[name] = pdf_pages(page.pdf(format="A4"), tmp_path_factory.mktemp(f"pdf-{name}"))
    context.close()
    assert not watch.problems(), watch.problems()
    return found


@pytest.mark.parametrize("name", PAGES)
def test_every_printed_page_ends_with_the_citation(printed, served_root, name):
    pages = printed[name]
    assert len(pages) >= 2, "the check needs a page that runs over"
    citation = plain(footer_citation(served_root.folder / PAGES[name] / "index.html"))
    head = citation[:40]
    for number, text in enumerate(pages, start=1):
        text = plain(text)
        assert head in text, f"page {number} has no citation '{head}…'"
        assert re.search(rf"\b{number} ?/ ?{len(pages)}\b", text), f"page {number} has no page number"


def test_printed_essay_keeps_the_paragraph_numbers(printed, served_root):
    text = plain("\n".join(printed["essay"]))
    numbers = len(parse_file(served_root.folder / PAGES["essay"] / "index.html").find_all("a", "pnum"))
    for n in (1, 2, numbers):
        assert f"¶ {n} " in text + " ", f"¶ {n} is not printed"


@pytest.mark.parametrize("name", PAGES)
def test_printed_pages_leave_out_the_site_furniture(printed, name):
    text = plain("\n".join(printed[name]))
    for words in SCREEN_ONLY:
        assert words not in text
    lines = {plain(line) for page in printed[name] for line in page.splitlines()}
    assert not lines & set(NAV_LABELS), "a navigation label is printed on a line of its own"
    assert not [line for line in lines if line.endswith(" #")], "a heading's # permalink is printed"


def test_quotes_are_not_split_across_pages(open_page, served_root):
    page, _ = open_page()
    page.emulate_media(media="print")
    page.goto(served_root.url(PAGES["theme"]))
    quotes = page.eval_on_selector_all("figure.quote", "els => els.map(e => getComputedStyle(e).breakInside)")
    assert quotes and set(quotes) == {"avoid"}, quotes
    # paragraphs may break (keeping each whole left half-empty pages), but not leave a line alone
    page.goto(served_root.url(PAGES["essay"]))
    lines = page.eval_on_selector_all(".para", "els => els.map(e => [getComputedStyle(e).orphans, getComputedStyle(e).widows])")
    assert lines and all(int(o) >= 2 and int(w) >= 2 for o, w in lines), lines


def test_the_comparison_table_fits_the_printed_page(open_page, served_root):
    width = A4_WIDTH
    page, _ = open_page(viewport={"width": width, "height": 1000})
    page.emulate_media(media="print")
    page.goto(served_root.url(PAGES["theme"]))
    table = page.locator(".prose table").first
    right, cells = table.evaluate("t => [t.getBoundingClientRect().right, [...t.querySelectorAll('th, td')].map(c => c.getBoundingClientRect().right)]")
    assert right <= width and max(cells) <= width, f"the table runs to {right:.0f} px on a {width} px page"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_a_printed_reading_list_gives_each_essay_its_address(printed, served_root):
    # on paper the links are gone: the handout prints where each essay is online
    printed_text = plain("\n".join(printed["reading"])).replace(" ", "")  # pdftotext may break a long address
    page = parse_file(served_root.folder / PAGES["reading"] / "index.html")
    site_url = next(e for e in page.iter() if e.tag == "link" and e.attrs.get("rel") == "canonical").attrs["href"]
    site_url = site_url.removesuffix(PAGES["reading"])
    essays = [h2.find("a").attrs["href"] for h2 in page.find("ol", "reading-list").find_all("h2")]
    assert len(essays) >= 3
    for href in essays:
        address = site_url + href.lstrip("/")
        assert address in printed_text, f"{address} is not printed"


def test_a_printed_table_takes_the_full_width_and_keeps_its_words_whole(open_page, served_root, printed):
    page, _ = open_page(viewport={"width": A4_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.goto(served_root.url(PAGES["comparison"]))
    widths = page.evaluate("""() => [document.querySelector('.prose table').getBoundingClientRect().width,
        document.querySelector('.theme-body > p').getBoundingClientRect().width,
        [...document.querySelectorAll('.prose td, .prose th')].filter(c => c.scrollWidth > c.clientWidth + 1).length]""")
    table, text, overflowing = widths
    assert table >= 0.97 * A4_WIDTH and text >= 0.97 * A4_WIDTH, f"table {table:.0f} px, text {text:.0f} px of {A4_WIDTH}"
    assert overflowing == 0, "a word sticks out of its cell"
    # every long word of the table is printed whole: none is cut at a line's end ("Nonproliferat|ion")
    cells = parse_file(served_root.folder / PAGES["comparison"] / "index.html").find("table").text()
    words = {w.strip("“”\"(),.;:") for w in cells.split()}
    long_words = sorted(w for w in words if len(w) >= 11 and w.isalpha())
    printed_words = set(re.findall(r"\w+", "\n".join(printed["comparison"])))
    assert "Nonproliferation" in long_words
    assert [w for w in long_words if w not in printed_words] == []


@pytest.mark.parametrize("name", ["theme", "comparison"])
def test_the_first_printed_page_starts_with_the_page_itself(printed, served_root, name):
    first = [plain(line) for line in printed[name][0].splitlines() if line.strip()]
    page = parse_file(served_root.folder / PAGES[name] / "index.html")
    title = page.find("h1").text()
    assert first[0] == "THEME" and first[1] == title, first[:3]
    header = page.find("article").find("header")
    body = [p for p in page.find("article").find_all("p") if p not in header.find_all("p") and len(p.text().split()) > 10]
    opening = body[0].text().split()[:6]
    assert " ".join(opening) in plain(printed[name][0]), "the theme's text does not begin on the first page"


def test_printed_footnotes_keep_their_numbers_and_notes_without_the_way_back(printed):
    text = plain("\n".join(printed["theme"]))
    assert re.search(r"in kind \(Yu, “Will U\.S\.-Russia Stalemate Ever End\?”, ¶ 3\)\. ?1 ", text), "the note's number"
    notes = text[text.rindex("Notes"):]
    assert "Yu Sui dates these sanctions “May 2”" in notes
    assert "↩" not in text
