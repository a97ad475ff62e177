"""Layout in chromium at 375 px (a phone) and 1280 px (a laptop): one centred grid on every page
type, long pages that keep their contents and a way back to the top in view, wide tables that
read on a phone, the search page's results before its filters, and paragraph numbers on screen."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PAGES, PHONE, watched_context

ESSAY, THEME, TABLES = "essays/wallander-2003/", "themes/sanctions/", "themes/arms-control/"
# a page's reading: its title, paragraphs, lists and pictures; not what stands in the margins
# (contents, notes, search filters) nor a table, which may reach into a margin on purpose
READING = "main h1, main p, main li, main dd, main figure"
MARGINS = ".side, .backlinks, table, .pagefind-ui__filter-panel"
TEXT_COLUMN = {"essay": (ESSAY, ".para"), "theme": (THEME, "header .lede"), "themes index": ("themes/", ".lede"),
               "about": ("about/", ".prose p"), "reading list": ("themes/sanctions/reading/", ".lede"),
               "glossary entry": ("glossary/putin/", ".lede"), "map": ("map/", ".lede"), "search": ("search/", ".lede")}


def box(page, selector: str) -> dict:
    """The union of the boxes of every visible element matching `selector`: left, right, top, bottom."""
    return page.evaluate("""sel => {
        const rs = [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
        return {n: rs.length, left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right)),
                top: Math.min(...rs.map(r => r.top)), bottom: Math.max(...rs.map(r => r.bottom))};
    }""", selector)


def ink(page, selector: str = READING, leave_out: str = MARGINS) -> dict:
    """Where the reading actually is: the union of the lines of text (and of the drawings of pictures)
    inside the visible elements matching `selector`, whatever the width of the boxes around them;
    text inside `leave_out` or hidden for screen readers only does not count."""
    return page.evaluate("""([sel, out]) => {
        const rs = [];
        for (const e of document.querySelectorAll(sel)) {
            if (e.closest(out)) continue;
            if (e.matches('figure')) { rs.push((e.querySelector('svg, img') || e).getBoundingClientRect()); continue; }
            const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            for (let t = walk.nextNode(); t; t = walk.nextNode()) {
                if (!t.textContent.trim() || t.parentElement.closest('.visually-hidden, ' + out)) continue;
                const range = document.createRange();
                range.selectNodeContents(t);
                rs.push(...[...range.getClientRects()].filter(r => r.width > 1 && r.height > 1));
            }
        }
        return {n: rs.length, left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right))};
    }""", [selector, leave_out])


@pytest.fixture(scope="module")
def desktop(browser, served_root):
    """One watched page at 1280 px for the sweeps below."""
    context, watch = watched_context(browser, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert not watch.problems(), watch.problems()


@pytest.mark.parametrize("path", [p for k, p in PAGES.items() if k != "404"], ids=[k for k in PAGES if k != "404"])
def test_the_reading_column_is_centred_at_1280(desktop, served_root, path):
    desktop.goto(served_root.url(path))
    found = ink(desktop)
    assert found["n"], "nothing to read"
    left, right = found["left"], DESKTOP["width"] - found["right"]
    # lines end raggedly on the right, hence the allowance: a column pushed to one side is off by 400 px or more
    assert abs(left - right) <= 72, f"{path or 'home'}: the text runs from {left:.0f} px on the left to {right:.0f} px from the right"
    assert found["right"] - found["left"] >= 600


def test_pages_share_one_text_column_at_1280(desktop, served_root):
    lefts = {}
    for name, (path, selector) in TEXT_COLUMN.items():
        desktop.goto(served_root.url(path))
        lefts[name] = round(desktop.eval_on_selector(selector, "e => e.getBoundingClientRect().left"))
    assert len(set(lefts.values())) == 1, lefts


@pytest.mark.parametrize("path", [ESSAY, THEME])
def test_a_long_page_keeps_its_contents_in_view_on_a_wide_screen(open_page, served_root, path):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url(path))
    height = page.evaluate("document.scrollingElement.scrollHeight")
    assert height > 4 * DESKTOP["height"]
    for fraction in (0.3, 0.6, 0.85):
        page.evaluate(f"window.scrollTo(0, {fraction} * (document.scrollingElement.scrollHeight - innerHeight))")
        toc = box(page, "nav.toc")
        assert toc["top"] >= 0 and toc["bottom"] <= DESKTOP["height"], f"contents out of view at {fraction:.0%}: {toc}"
        top_link = page.get_by_role("link", name="Top of the page")
        assert top_link.is_visible() and top_link.bounding_box()["y"] < DESKTOP["height"]
    page.get_by_role("link", name="Top of the page").click()
    page.wait_for_function("window.scrollY < 5")
    # the contents stand in the left margin, clear of the text column
    text = box(page, ".para, .theme-body > p")
    assert box(page, "nav.toc")["right"] <= text["left"]


@pytest.mark.parametrize("path", [ESSAY, THEME, "glossary/", "timeline/"])
def test_on_a_phone_a_long_page_offers_a_way_back_to_the_top(open_page, served_root, path):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url(path))
    button = page.locator("a.to-top")
    assert not button.is_visible(), "the way back to the top shows before the reader has scrolled"
    page.evaluate("window.scrollTo(0, 0.7 * document.scrollingElement.scrollHeight)")
    page.wait_for_timeout(100)
    assert button.is_visible()
    b = button.bounding_box()
    assert b["y"] + b["height"] <= PHONE["height"] and b["x"] + b["width"] <= PHONE["width"]
    assert b["width"] >= 24 and b["height"] >= 24
    button.click()
    page.wait_for_function("window.scrollY < 5")


def test_a_short_page_does_not_offer_the_way_back(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url("essays/"))
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    assert not page.locator("a.to-top").is_visible()


# ---------------------------------------------------------------- wide tables on a phone


def test_every_comparison_table_reads_on_a_phone_as_labelled_cards(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url(TABLES))
    tables = page.eval_on_selector_all(".theme-body table", """ts => ts.map(t => {
        const heads = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const cells = [...t.querySelectorAll('tbody tr')].flatMap(tr => [...tr.children].slice(1).map((td, i) => ({
            label: getComputedStyle(td, '::before').content, head: heads[i + 1],
            right: td.getBoundingClientRect().right, cut: td.scrollWidth > td.clientWidth + 1})));
        return {scroll: t.scrollWidth - t.clientWidth, right: t.getBoundingClientRect().right, cells};
    })""")
    assert tables
    for table in tables:
        assert table["scroll"] <= 1 and table["right"] <= PHONE["width"], table
        for cell in table["cells"]:
            assert cell["label"] == f'"{cell["head"]}"', cell  # the column's whole heading, not "Trois"
            assert not cell["cut"] and cell["right"] <= PHONE["width"], cell


def test_the_map_table_reads_on_a_phone_as_a_card_per_essay(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url("map/"))
    cards = page.eval_on_selector_all(".map tbody tr", """rows => rows.map(r => {
        const b = r.getBoundingClientRect();
        const shown = [...r.querySelectorAll('td')].filter(td => td.getBoundingClientRect().height > 0);
        return {left: b.left, right: b.right, themes: shown.map(td => getComputedStyle(td, '::before').content),
                counts: shown.map(td => td.querySelector('.n').textContent)};
    })""")
    themes = page.eval_on_selector_all(".map thead th a", "as => as.map(a => a.textContent.trim())")
    assert len(cards) == 5 and len(themes) == 10
    for card in cards:
        assert card["left"] >= 0 and card["right"] <= PHONE["width"], card
        assert card["themes"] and all(label.strip('"') in themes for label in card["themes"]), card
        assert all(count.endswith("¶") for count in card["counts"])
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def test_on_a_desktop_the_map_table_shows_every_theme_without_scrolling(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url("map/"))
    scroll, client, left, right = page.locator(".map-wrap").evaluate(
        "e => { const r = e.getBoundingClientRect(); return [e.scrollWidth, e.clientWidth, r.left, r.right]; }")
    assert scroll <= client, f"the map scrolls sideways at {DESKTOP['width']} px: {scroll} > {client}"
    assert left >= 0 and right <= DESKTOP["width"]
    assert page.locator(".map thead th").count() == 1 + len(list((served_root.folder / "themes").glob("*/index.html")))


# ---------------------------------------------------------------- search


def test_on_a_phone_search_shows_results_first_and_the_filters_behind_one_button(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url("search/?q=sanctions"))
    page.wait_for_selector(".pagefind-ui__result")
    first = page.locator(".pagefind-ui__result").first.bounding_box()
    assert first["y"] < PHONE["height"], f"the first result starts at {first['y']:.0f} px, below the fold"
    page.wait_for_selector("summary.pagefind-ui__filter-name", state="attached")  # the filters have loaded, out of sight
    assert page.locator(".pagefind-ui__filter-panel").is_hidden()
    toggle = page.get_by_role("button", name="Filters")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("summary.pagefind-ui__filter-name", has_text="Author").click()
    page.locator("input.pagefind-ui__filter-checkbox[name='author']").first.check()
    assert page.get_by_role("button", name="Filters (1)").is_visible()
    toggle.click()
    assert page.locator(".pagefind-ui__filter-panel").is_hidden()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_search_page_has_one_search_field(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url("search/?q=sanctions"))
    page.wait_for_selector(".pagefind-ui__result")
    fields = page.eval_on_selector_all("input[type=search], input[type=text]", "fs => fs.filter(f => f.getBoundingClientRect().width).length")
    assert fields == 1
    assert page.locator("#site-search-q").count() == 0


def test_on_a_desktop_the_filters_stand_left_of_the_results(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url("search/?q=sanctions"))
    page.wait_for_selector(".pagefind-ui__result")
    filters, results = box(page, ".pagefind-ui__filter-panel"), box(page, ".pagefind-ui__results-area")
    lede = box(page, "main .lede")
    assert filters["right"] <= results["left"] and abs(results["left"] - lede["left"]) <= 8, (filters, results, lede)


# ---------------------------------------------------------------- kept from before


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_page_sets_the_themes_beside_the_essays_when_there_is_room(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(""))
    essays, themes = (page.locator(f"section[aria-labelledby={h}]").bounding_box() for h in ("essays-heading", "themes-heading"))
    beside = themes["x"] >= essays["x"] + essays["width"] and themes["y"] < essays["y"] + essays["height"]
    below = themes["y"] >= essays["y"] + essays["height"]
    assert (beside if viewport is DESKTOP else below), (essays, themes)
    assert themes["x"] + themes["width"] <= viewport["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_glossary_entries_keep_a_reading_measure(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url("glossary/"))
    widths = page.eval_on_selector_all(".glossary-list dd", "ds => ds.map(d => d.getBoundingClientRect().right - d.getBoundingClientRect().left)")
    rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert len(widths) > 100 and max(widths) <= 45 * rem, max(widths)  # about 75 characters
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_paragraph_numbers_are_on_screen(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(ESSAY))
    numbers = page.eval_on_selector_all(".para", """ps => ps.map(p => {
        const n = p.querySelector('.pnum'), r = n.getBoundingClientRect();
        const t = p.querySelector('.ptext').getClientRects()[0];  // the first line of the text
        return {id: p.id, text: n.textContent, left: r.left, right: r.right, width: r.width,
                visible: getComputedStyle(n).visibility === 'visible' && getComputedStyle(n).display !== 'none',
                overlaps: r.right > t.left && r.left < t.right && r.bottom > t.top && r.top < t.bottom};
    })""")
    assert len(numbers) > 30
    for n in numbers:
        assert n["text"].replace("\u202f", " ").replace("\u00a0", " ") == f"¶ {n['id'][1:]}"
        assert n["visible"] and n["width"] > 0 and n["left"] >= 0 and n["right"] <= viewport["width"], n
        assert not n["overlaps"], f"¶ number over the text: {n}"
