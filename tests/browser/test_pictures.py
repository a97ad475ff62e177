"""The pictures in chromium at 375 and 1280 px: the timeline chart (every entry a mark that leads to
it, readable without zooming, beside the list on a wide screen) and the map's tile grid (every
essay and theme at a glance, the counts written on it)."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

SMALLEST = 10  # px: the smallest text a chart may show


def chart_text_sizes(page, selector: str) -> list[float]:
    """The size every text of a chart is shown at, in CSS px: its font size times the drawing's scale."""
    return page.eval_on_selector(selector, """svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    }""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_timeline_entry_has_a_mark_that_leads_to_it(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url("timeline/"))
    entries = page.eval_on_selector_all("ol.timeline > li", "ls => ls.map(l => l.id)")
    marks = page.eval_on_selector_all("svg.tl-chart a", "as => as.map(a => a.getAttribute('href'))")
    assert len(entries) > 20 and sorted(marks) == sorted(f"#{e}" for e in entries)
    chart = page.locator("svg.tl-chart").bounding_box()
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= viewport["width"]
    assert min(chart_text_sizes(page, "svg.tl-chart")) >= SMALLEST
    # a mark is a link like any other: it takes the focus and leads to its entry in the list
    mark = page.locator("svg.tl-chart a[href='#coup-1991']")
    mark.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#coup-1991"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#coup-1991'")
    entry = page.locator("#coup-1991").bounding_box()
    assert 0 <= entry["y"] < viewport["height"]
    assert page.locator("#coup-1991 .tl-title").inner_text().startswith("Failed coup")


def test_on_a_wide_screen_the_timeline_chart_stays_beside_the_list(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url("timeline/"))
    chart, listing = (page.locator(s).bounding_box() for s in ("svg.tl-chart", "ol.timeline"))
    assert chart["x"] + chart["width"] <= listing["x"]
    page.evaluate("window.scrollTo(0, document.querySelector('#new-start-extension').offsetTop)")
    chart = page.locator("svg.tl-chart").bounding_box()
    assert chart["y"] >= 0 and chart["y"] < DESKTOP["height"] / 2, chart


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_map_shows_every_essay_and_theme_at_a_glance_with_the_counts(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url("map/"))
    chart = page.locator("svg.map-chart")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["height"] <= viewport["height"], "the whole grid fits on one screen"
    assert min(chart_text_sizes(page, "svg.map-chart")) >= SMALLEST
    # the counts on the tiles are the table's counts, theme by theme (rows) and essay by essay (columns)
    shown = page.eval_on_selector_all("svg.map-chart text.n", "ts => ts.map(t => t.textContent)")
    table = page.evaluate("""() => [...document.querySelectorAll('.map tbody tr')].map(tr =>
        [...tr.querySelectorAll('td')].map(td => td.querySelector('.n') ? parseInt(td.querySelector('.n').textContent) : 0))""")
    by_theme = [[row[t] for row in table] for t in range(len(table[0]))]
    assert [("·" if n == 0 else str(n)) for row in by_theme for n in row] == shown
    # darker tiles for larger counts
    shades = page.eval_on_selector_all("svg.map-chart rect.tile", """rs => rs.map(r => {
        const c = document.createElement('canvas').getContext('2d');  // any CSS colour to its red, green and blue
        c.fillStyle = getComputedStyle(r).fill; c.fillRect(0, 0, 1, 1);
        const [R, G, B] = c.getImageData(0, 0, 1, 1).data; return 0.3 * R + 0.59 * G + 0.11 * B; })""")
    counts = [n for row in by_theme for n in row]
    pairs = sorted(zip(counts, shades))
    assert all(a[1] >= b[1] - 0.5 for a, b in zip(pairs, pairs[1:]) if b[0] > a[0]), pairs
    assert chart.get_attribute("role") == "img" and "table below" in chart.get_attribute("aria-label")
