"""Layout in chromium: wide tables scroll inside their own region on a 375 px phone (test_pages checks
that nothing else does), and the paragraph numbers are on screen at phone and desktop width."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE


def test_wide_tables_scroll_inside_their_region(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    for path, selector in (("map/", ".table-scroll"), ("themes/sanctions/", ".prose table")):
        page.goto(served_root.url(path))
        region = page.locator(selector).first
        sizes = region.evaluate("e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]")
        assert sizes[0] > sizes[1] and sizes[2] == "auto", f"{path}: {sizes}"


def test_on_a_desktop_the_map_shows_every_theme_without_scrolling_on_one_bar_scale(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url("map/"))
    region = page.locator(".table-scroll")
    scroll, client, left, right = region.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [e.scrollWidth, e.clientWidth, r.left, r.right]; }")
    assert scroll <= client, f"the map scrolls sideways at {DESKTOP['width']} px: {scroll} > {client}"
    assert left >= 0 and right <= DESKTOP["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= DESKTOP["width"]
    assert page.locator(".map thead th").count() == 1 + len(list((served_root.folder / "themes").glob("*/index.html")))
    # a bar's length compares across cells only if every bar is drawn to the same scale
    widths = page.eval_on_selector_all(".map .meter", "ms => ms.map(m => m.getBoundingClientRect().width)")
    assert widths and len(set(widths)) == 1, set(widths)


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
    page.goto(served_root.url("essays/wallander-2003/"))
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
