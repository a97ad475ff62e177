"""Cite one paragraph, in chromium: each paragraph's cite link is reached from the keyboard and
seen when focused, leads without JavaScript to the paragraph's citations on the essay's citation
page (at the domain root and under /crosscut/), and a copy button copies one where JavaScript runs."""

from __future__ import annotations

import re

import pytest

from .conftest import DESKTOP, PHONE
from .test_keyboard import FOCUSED

ESSAY, N = "wallander-2003", 12


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_paragraphs_cite_link_is_reached_by_tab_and_seen_when_focused(open_page, served_root, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(served_root.url(f"essays/{ESSAY}/"))
    link = page.locator(f"#p{N} a.pcite")
    assert link.get_attribute("aria-label") == f"Cite ¶ {N}"
    page.locator(f"#p{N} a.pnum").focus()  # the paragraph's number, then Tab
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["cls"] == "pcite" and focused["ring"], focused
    shown = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
        return +s.opacity === 1 && r.width > 8 && r.height > 8; }""")
    assert shown, "the focused cite link is not visible"
    page.keyboard.press("Enter")
    page.wait_for_url(served_root.url(f"essays/{ESSAY}/cite/#p{N}"))
    assert page.evaluate("document.querySelector(':target').id") == f"p{N}"


def test_a_cite_link_shows_on_the_paragraph_linked_to_and_hides_on_the_others(open_page, served_root):
    page, _ = open_page(viewport=DESKTOP)
    page.goto(served_root.url(f"essays/{ESSAY}/#p{N}"))
    opacity = page.evaluate("n => [n, n + 1].map(i => +getComputedStyle(document.querySelector(`#p${i} .pcite`)).opacity)", N)
    assert opacity == [1, 0]


@pytest.mark.parametrize("path", ["", "crosscut/"], ids=["root", "subpath"])
def test_without_javascript_the_link_leads_to_the_paragraphs_citations(open_page, served_root, served_sub, path):
    served = served_sub if path else served_root
    page, _ = open_page(java_script_enabled=False)
    page.goto(served.url(f"essays/{ESSAY}/"))
    page.locator(f"#p{N} a.pcite").click()
    page.wait_for_url(served.url(f"essays/{ESSAY}/cite/#p{N}"))
    block = page.locator(f"#p{N}")
    styles = block.locator("dt").all_inner_texts()
    assert styles == ["Chicago (note)", "APA, in the text", "APA, reference", "MLA, in the text", "MLA, works cited", "BibTeX"]
    texts = [re.sub(r"\s+", " ", t) for t in block.locator(".cite-text").all_inner_texts()]
    assert f"¶ {N}," in texts[0] and texts[0].endswith(f"essays/{ESSAY}/#p{N}.")
    assert texts[1] == f"(Wallander, 2003, para. {N})" and texts[3] == f"(Wallander, par. {N})"
    assert all(f"essays/{ESSAY}/#p{N}" in t for t in (texts[2], texts[4], texts[5])), texts
    # the other paragraphs are listed by their first words, their citations folded away
    assert page.locator(f"#p{N + 1} dl").is_hidden() and page.locator(f"#p{N + 1} h2").is_visible()
    assert page.locator("button.copy").first.is_hidden()  # nothing to copy with, without JavaScript


def test_with_javascript_a_copy_button_copies_one_citation(open_page, served_root):
    page, _ = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(served_root.url(f"essays/{ESSAY}/cite/#p{N}"))
    button = page.locator(f"#p{N} button.copy").first
    assert button.is_visible() and button.get_attribute("aria-label") == f"Copy Chicago (note), ¶ {N}"
    button.click()
    page.wait_for_function("() => document.querySelector('#p12 button.copy').textContent == 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(f"#p{N}-chicago").inner_text() and f"¶ {N}" in copied
