"""Every page type in chromium: axe-core finds no WCAG 2.2 AA violation at phone and desktop width,
light and dark; one h1 and one main; nothing scrolls sideways, or sticks out, on a 375 px phone."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults

from .conftest import DESKTOP, PAGES, PHONE, goto, watched_context

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}, "resultTypes": ["violations"]}
# Dark mode changes only colours, so there only the colour rules run again (they take most of the
# time anyway); the full set runs at both widths, since what is shown changes with the width.
COLOURS = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}, "resultTypes": ["violations"]}
SETTINGS = [(PHONE, "light", WCAG), (PHONE, "dark", COLOURS), (DESKTOP, "dark", COLOURS), (DESKTOP, "light", WCAG)]

# elements that stick out to the right: none may, not even a wide table (on a phone it becomes cards)
OVERFLOW = """() => {
    const out = [];
    for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.width && r.right > innerWidth + 0.5 && !e.closest('.visually-hidden'))
            out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' right=' + Math.round(r.right));
    }
    return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth, out: out.slice(0, 10)};
}"""


@pytest.fixture(scope="module")
def sweep_page(browser):
    """One watched page for the whole sweep: width and colour scheme change in place, without
    reloading. (Several pages checked side by side were slower on two cores, not faster.)"""
    context, watch = watched_context(browser)
    yield context.new_page(), watch
    context.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_type(sweep_page, served_root, path):
    page, watch = sweep_page
    watch.errors.clear(), watch.outside.clear(), watch.expected.clear()
    goto(page, watch, served_root, path)
    problems = []
    counts = page.evaluate("() => [document.querySelectorAll('h1').length, document.querySelectorAll('main').length]")
    if counts != [1, 1]:
        problems.append(f"{counts[0]} h1 and {counts[1]} main elements, not one each")
    page.evaluate(AXE_SCRIPT)  # once per document; each setting below only re-runs the checks
    for viewport, scheme, options in SETTINGS:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        results = AxeResults(page.evaluate(f"axe.run(document, {json.dumps(options)})"))
        if results.violations_count:
            problems.append(f"axe at {viewport['width']} px, {scheme}:\n{results.generate_report()}")
        if viewport == PHONE and scheme == "light":
            found = page.evaluate(OVERFLOW)
            if found["scrollWidth"] > found["innerWidth"] or found["out"]:
                problems.append(f"scrolls sideways at {PHONE['width']} px: {found}")
    problems += watch.problems()
    assert not problems, f"--- {path or 'home'}:\n" + "\n".join(problems)
