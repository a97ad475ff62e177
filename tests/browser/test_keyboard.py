"""Keyboard and pointer in chromium: the skip link, Tab order through the header with a visible
focus ring, and the link previews of site.js (WCAG 1.4.13), whose links work without JavaScript."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

ESSAY, THEME = "essays/wallander-2003/", "themes/sanctions/"
NAV = ["Essays", "Themes", "Glossary", "Timeline", "Map", "About"]

FOCUSED = """() => {
    const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {tag: e.tagName, id: e.id, cls: e.className, text: e.textContent.trim(), inMain: !!e.closest('main'),
            inNav: !!e.closest('nav.site-nav'), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.right <= innerWidth};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_skip_link_comes_first_and_moves_focus_to_main(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(ESSAY))
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["cls"] == "skip-link" and first["text"] == "Skip to content"
    assert first["onScreen"] and first["ring"], first
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    assert after["inMain"], f"Tab after the skip link went to {after}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_reaches_the_search_field_and_the_nav_with_a_visible_ring(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(THEME))
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
    ids = [s["id"] for s in seen]
    assert "site-search-q" in ids
    assert page.get_by_role("searchbox", name="Search the site").get_attribute("id") == "site-search-q"
    nav = [s["text"] for s in seen if s["inNav"]]
    assert nav == NAV
    assert ids.index("site-search-q") < [s["inNav"] for s in seen].index(True)
    missing = [s for s in seen if not (s["ring"] and s["onScreen"])]
    assert not missing, f"focused without a visible ring on screen: {missing}"


def preview_of(page, link):
    """Focus a link and wait for its preview: (its text, the link's aria-describedby, its id)."""
    link.focus()
    tip = page.locator('[role="tooltip"]')
    tip.wait_for(state="visible")
    return tip.inner_text(), link.get_attribute("aria-describedby"), tip.get_attribute("id")


def test_a_glossary_link_shows_its_entry_on_focus_and_escape_hides_it(open_page, served_root):
    page, _ = open_page()
    page.goto(served_root.url(ESSAY))
    link = page.locator(".ptext a").first
    text, described, tip_id = preview_of(page, link)
    target = link.get_attribute("href")
    assert described == tip_id and text
    page.keyboard.press("Escape")
    assert page.locator('[role="tooltip"]').count() == 0
    assert link.get_attribute("aria-describedby") is None
    # the preview is the entry's own description
    page.goto(served_root.origin + target)
    assert " ".join(page.locator("main .lede").inner_text().split()).startswith(text.rstrip("…"))


def test_a_passage_link_shows_the_paragraph_it_cites(open_page, served_root):
    page, _ = open_page()
    page.goto(served_root.url(THEME))
    link = page.locator("figure.quote a.cite").first
    text, described, tip_id = preview_of(page, link)
    assert described == tip_id
    href = link.get_attribute("href")
    page.keyboard.press("Tab")  # leaving the link hides its preview (the next link may show its own)
    assert link.get_attribute("aria-describedby") is None
    # counted in one evaluation: the next link's preview may appear between two separate counts
    tips, owners = page.evaluate(
        """() => [document.querySelectorAll('[role="tooltip"]').length,
                  document.querySelectorAll('[aria-describedby="preview"]').length]"""
    )
    assert tips == owners <= 1
    page.goto(served_root.origin + href)
    paragraph = " ".join(page.locator(f"#{href.split('#')[1]} .ptext").inner_text().split())
    assert paragraph.startswith(text.rstrip("…"))


def test_a_backlink_previews_what_the_theme_says_there(open_page, served_root):
    page, _ = open_page()
    page.goto(served_root.url(ESSAY))
    seen = 0
    for link in page.locator(".backlinks a[href*='/themes/']").all()[:6]:
        text, described, tip_id = preview_of(page, link)
        assert described == tip_id
        theme = page.context.new_page()
        theme.goto(served_root.origin + link.get_attribute("href"))
        # the theme's words around its citation of this paragraph (the block the cited spot stands in),
        # not the bare "(Wallander, “…”, ¶ n)" of the citation itself
        block, cited = theme.evaluate(r"""() => { const t = document.querySelector(':target');
            const flat = s => s.replace(/\s+/g, ' ').trim();
            const cite = t.querySelector('a.cite') || t.parentElement.querySelector('a.cite');
            return [flat(t.closest('figure, p, li, td').textContent), flat(cite.textContent)]; }""")
        assert block.startswith(text.rstrip("…")), (text, block)
        assert len(text.rstrip("…")) > len(cited), f"the preview is only the citation: {text}"
        theme.close()
        page.keyboard.press("Escape")
        seen += 1
    assert seen >= 3


def test_the_pointer_can_move_onto_a_preview_and_leaving_both_hides_it(open_page, served_root):
    page, _ = open_page()
    page.goto(served_root.url(THEME))
    link = page.locator("figure.quote a.cite").first
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    box = link.bounding_box()
    x = box["x"] + 4
    page.mouse.move(x, box["y"] + box["height"] / 2)
    tip = page.locator('[role="tooltip"]')
    tip.wait_for(state="visible")
    top = tip.bounding_box()["y"]
    for y in range(int(box["y"] + box["height"] / 2), int(top) + 12, 3):  # down onto the preview
        page.mouse.move(x, y)
    assert tip.is_visible(), "the preview vanished on the way from its link"
    page.mouse.move(2, top + tip.bounding_box()["height"] + 40)  # away from both, into the empty margin
    assert tip.count() == 0


def test_a_preview_fits_on_a_phone(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url(THEME))
    for link in page.locator("figure.quote a.cite").all()[:3]:
        link.focus()
        page.locator('[role="tooltip"]').wait_for(state="visible")
        left, right, scroll = page.evaluate("""() => {
            const r = document.getElementById('preview').getBoundingClientRect();
            return [r.left, r.right, document.scrollingElement.scrollWidth];
        }""")
        assert left >= 4 and right <= PHONE["width"] - 4 and scroll <= PHONE["width"], (left, right, scroll)


def test_without_javascript_the_previewed_links_still_navigate(open_page, served_root):
    page, _ = open_page(java_script_enabled=False)
    page.goto(served_root.url(ESSAY))
    href = page.locator(".ptext a").first.get_attribute("href")
    page.locator(".ptext a").first.click()
    page.wait_for_url(served_root.origin + href)
    assert page.locator("h1").count() == 1
    page.goto(served_root.url(THEME))
    link = page.locator("figure.quote a.cite").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(served_root.origin + href)
    assert page.evaluate("document.querySelector(':target').className") == "para"
