"""Share cards (crosscut/cards.py): what each page's card says, that it is a well-made PNG with the
same bytes every time, that a long title stays on the card, and that a missing font does not stop
the build; then, on the real site, that every page names its card and a description."""

from __future__ import annotations

import io
import struct
from dataclasses import replace

import pytest
from markupsafe import Markup
from PIL import Image, ImageChops

from crosscut import cards
from crosscut.cards import BG, HEIGHT, MARGIN, WIDTH, Card, card_for, draw_card
from crosscut.urls import card as card_path
from htmltext import parse_file

SITE, TAGLINE = "crosscut", "Five essays read side by side"


def essay(title="Between Realism and Reality", authors="Celeste A. Wallander", date="2003"):
    return {"title": title, "author_names": authors, "date": {"display": date}}


def chunks(png: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, i = [], 8
    while i < len(png):
        length, kind = struct.unpack(">I4s", png[i:i + 8])
        found.append(kind.decode("ascii"))
        i += 12 + length
    return found


def test_a_card_lives_beside_its_page_under_cards():
    assert card_path("essays/wallander-2003/") == "cards/essays/wallander-2003.png"
    assert card_path("themes/sanctions/reading/") == "cards/themes/sanctions/reading.png"
    assert card_path("") == "cards/index.png"


def test_an_essay_card_names_its_author_and_date():
    card = card_for({"page": "essay", "title": "x", "essay": essay()}, SITE, TAGLINE)
    assert card == Card("Essay", "Between Realism and Reality", "Celeste A. Wallander · 2003", SITE, TAGLINE)
    unknown = card_for({"page": "essay", "title": "x", "essay": essay(authors="", date="date unknown")}, SITE, TAGLINE)
    assert unknown.byline == "Author unknown · date unknown"  # nothing invented


def test_other_cards_say_what_the_page_is():
    theme = {"page": "theme", "title": "Sanctions", "theme": {"title": "Sanctions"},
             "card": {"description": Markup("What <a href='/x/'>pressure</a> is  for")}}
    assert card_for(theme, SITE, TAGLINE) == Card("Theme", "Sanctions", "What pressure is for", SITE, TAGLINE)
    reading = theme | {"title": "Reading list: Sanctions"}
    assert card_for(reading, SITE, TAGLINE).kind == "Reading list"
    assert card_for(reading, SITE, TAGLINE).title == "Sanctions"
    entry = {"page": "glossary", "title": "Vladimir Putin", "entity": {"name": "Vladimir Putin"}, "kind": "People",
             "description": Markup("President of <em>Russia</em>")}
    assert card_for(entry, SITE, TAGLINE) == Card("Glossary · People", "Vladimir Putin", "President of Russia", SITE, TAGLINE)
    assert card_for({"page": "timeline", "title": "Timeline"}, SITE, TAGLINE).kind == ""  # not "Timeline" over "Timeline"
    assert card_for({"page": "about", "title": "About"}, SITE, TAGLINE) == Card("", "About", "", SITE, TAGLINE)


def test_a_card_is_a_small_1200_by_630_png_with_the_same_bytes_every_time():
    card = Card("Essay", "Between Realism and Reality", "Celeste A. Wallander · 2003", SITE, TAGLINE)
    first = draw_card(card)
    draw_card.cache_clear()
    again = draw_card(card)
    assert first == again
    assert Image.open(io.BytesIO(first)).size == (WIDTH, HEIGHT)
    assert set(chunks(first)) <= {"IHDR", "PLTE", "IDAT", "IEND"}  # no time stamp or other metadata
    assert len(first) < 40_000
    assert draw_card(replace(card, title="Setting Expectations Right")) != first


def ink_box(png: bytes) -> tuple[int, int, int, int]:
    """The box around everything drawn on a card, the accent band at its left edge left out."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    background = Image.new("RGB", image.size, BG)
    box = ImageChops.difference(image.crop((30, 0, WIDTH, HEIGHT)), background.crop((30, 0, WIDTH, HEIGHT))).getbbox()
    return box[0] + 30, box[1], box[2] + 30, box[3]


def test_a_long_title_wraps_inside_the_card_and_ends_in_an_ellipsis_when_it_must():
    words = " ".join(["Interdependence"] * 30)
    png = draw_card(Card("Theme", words, "A byline " * 20, SITE, TAGLINE * 5))
    left, top, right, bottom = ink_box(png)
    assert left >= MARGIN - 2 and right <= WIDTH - MARGIN + 2 and bottom <= HEIGHT - 20, (left, top, right, bottom)
    lines = cards.wrap(words, cards.font("title", 44), WIDTH - 2 * MARGIN, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert cards.wrap("Short title", cards.font("title", 72), WIDTH - 2 * MARGIN, 3) == ["Short title"]


def test_without_dejavu_the_card_is_drawn_with_pillows_own_font(monkeypatch, tmp_path):
    monkeypatch.setattr(cards, "FONT_DIRS", (str(tmp_path),))
    for cache in (cards.load_fonts, cards.font, draw_card):
        cache.cache_clear()
    try:
        assert cards.load_fonts() == {"title": None, "text": None, "label": None}
        png = draw_card(Card("Essay", "A title", "An author", SITE, TAGLINE))
        assert Image.open(io.BytesIO(png)).size == (WIDTH, HEIGHT)
        left, top, right, bottom = ink_box(png)
        assert right > left + 100  # the text was drawn
    finally:
        for cache in (cards.load_fonts, cards.font, draw_card):
            cache.cache_clear()


# ---------------------------------------------------------------- the real site


def meta(page) -> dict[str, str]:
    return {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content", "") for e in page.iter() if e.tag == "meta"}


def test_every_page_names_its_share_card_and_a_description(site):
    pages = [p for p in site.path.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 100
    url = meta(parse_file(site.path / "index.html"))["og:url"]
    for path in pages:
        tags = meta(parse_file(path))
        rel = path.parent.relative_to(site.path).as_posix()
        rel = "" if rel == "." else rel + "/"
        owner = rel.removesuffix("cite/")  # a citation page shows its essay's card
        assert tags["og:image"] == url + card_path(owner), path
        assert (site.path / card_path(owner)).is_file(), path
        assert owner == rel or not (site.path / card_path(rel)).exists(), path
        assert tags["twitter:card"] == "summary_large_image"
        assert len(tags["og:description"]) > 20 and "<" not in tags["og:description"], (path, tags["og:description"])
    essay_tags = meta(parse_file(site.essay("wallander-2003")))
    assert essay_tags["og:description"].startswith("US-Russian Relations: Between Realism and Reality, by Celeste A. Wallander. ")
    card = Image.open(site.path / "cards/essays/wallander-2003.png")
    assert card.size == (WIDTH, HEIGHT)


def test_the_404_page_has_no_card(site):
    assert "og:image" not in meta(parse_file(site.path / "404.html"))
    assert not (site.path / "cards" / "404.png").exists()


@pytest.mark.parametrize("rel", ["", "essays/wallander-2003/", "themes/sanctions/", "glossary/putin/"])
def test_cards_differ_from_page_to_page(site, rel):
    others = {p.read_bytes() for p in (site.path / "cards").rglob("*.png") if p != site.path / card_path(rel)}
    assert (site.path / card_path(rel)).read_bytes() not in others
