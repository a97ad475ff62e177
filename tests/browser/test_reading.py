"""The text first, in chromium: glossary mentions that do not compete with the words, "discussed in"
notes in the margin of a wide screen and on one line on a phone, and the reader's switch that turns
both off, remembered from page to page, working without JavaScript too."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

ESSAY, OTHER = "essays/wallander-2003/", "essays/yu-sui-2021/"


def test_a_glossary_mention_wears_the_texts_colour_and_a_dotted_line(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url(ESSAY))
    styles = page.eval_on_selector_all(".ptext a", """as => as.map(a => {
        const s = getComputedStyle(a), p = getComputedStyle(a.closest('.ptext'));
        return {same: s.color === p.color, line: s.textDecorationLine, style: s.textDecorationStyle, weight: s.fontWeight === p.fontWeight};
    })""")
    assert len(styles) > 100
    for s in styles:
        assert s["same"] and s["weight"], s
        assert s["line"] == "underline" and s["style"] == "dotted", s  # still told apart from the text, quietly


def test_on_a_wide_screen_the_notes_stand_in_the_margin_beside_their_paragraph(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url(ESSAY))
    pairs = page.evaluate("""() => [...document.querySelectorAll('.backlinks')].map(b => {
        const p = b.previousElementSibling, pr = p.getBoundingClientRect(), br = b.getBoundingClientRect();
        const links = [...b.querySelectorAll('a')];
        return {id: p.id, para: [pr.left, pr.right, pr.top], note: [br.left, br.right, br.top],
                links: links.length, shown: links.filter(a => a.checkVisibility()).length};
    })""")
    assert len(pairs) > 20
    for p in pairs:
        assert p["note"][0] >= p["para"][1], f"the note beside {p['id']} overlaps its paragraph: {p}"
        assert p["note"][1] <= DESKTOP["width"]
        assert abs(p["note"][2] - p["para"][2]) <= 12, f"the note beside {p['id']} is not level with it: {p}"
        assert p["links"] and p["shown"] == p["links"], p  # in the margin every link shows, no click needed


def test_on_a_phone_each_paragraphs_notes_are_one_line_that_opens(open_page, served_root):
    page, _ = open_page(viewport=PHONE)
    page.goto(served_root.url(ESSAY))
    heights = page.eval_on_selector_all(".backlinks", """bs => bs.map(b => [b.getBoundingClientRect().height,
        parseFloat(getComputedStyle(b).lineHeight), [...b.querySelectorAll('a')].filter(a => a.checkVisibility()).length])""")
    assert len(heights) > 20
    for height, line, links in heights:
        assert height <= 1.5 * line and links == 0, (height, line, links)
    notes = page.locator(".backlinks").nth(3)
    notes.locator("summary").click()
    assert notes.locator("a").first.is_visible()
    assert notes.locator("summary").inner_text().startswith("Discussed in ")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def annotations(page) -> dict:
    return page.evaluate("""() => ({
        links: document.querySelectorAll('.ptext a[href]').length, words: document.querySelectorAll('.ptext a').length,
        notes: [...document.querySelectorAll('.backlinks')].filter(b => b.getBoundingClientRect().height > 0).length,
        decoration: getComputedStyle(document.querySelector('.ptext a')).textDecorationLine,
        checked: document.getElementById('annotations').checked})""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_reader_turns_annotations_off_and_every_essay_remembers(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(ESSAY))
    before = annotations(page)
    assert before["checked"] and before["links"] == before["words"] > 100 and before["notes"] > 20
    text = page.locator(".para .ptext").nth(6).inner_text()
    page.get_by_label("Show glossary links and “discussed in” notes").uncheck()
    off = annotations(page)
    assert off["links"] == 0 and off["notes"] == 0 and off["decoration"] == "none", off
    assert page.locator(".para .ptext").nth(6).inner_text() == text  # the words are all still there
    page.keyboard.press("Tab")  # no mention is a stop for the keyboard any more
    assert not page.evaluate("!!document.activeElement.closest('.ptext')")
    page.goto(served_root.url(OTHER))
    assert annotations(page) | {"words": 0} == {"links": 0, "words": 0, "notes": 0, "decoration": "none", "checked": False}
    page.get_by_label("Show glossary links and “discussed in” notes").check()
    on = annotations(page)
    assert on["links"] == on["words"] > 0 and on["notes"] > 0 and on["checked"]
    page.goto(served_root.url(ESSAY))
    assert annotations(page)["links"] == before["links"]


def test_without_javascript_the_switch_still_gives_the_plain_text(open_page, served_root):
    page, _ = open_page(java_script_enabled=False, viewport=DESKTOP)
    page.goto(served_root.url(ESSAY))
    assert annotations(page)["notes"] > 20
    page.get_by_label("Show glossary links and “discussed in” notes").uncheck()
    off = annotations(page)
    assert off["notes"] == 0 and off["decoration"] == "none", off
    clicks = page.eval_on_selector(".ptext a", "a => getComputedStyle(a).pointerEvents")
    assert clicks == "none"
