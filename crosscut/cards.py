"""Share cards: a 1200 x 630 PNG for each page (title, author or description, site name), drawn at
build time with Pillow, so a link shared on a social site or in a chat shows a card.

Fonts: DejaVu (Debian's fonts-dejavu-core, which `make site` and `make test` install) when it is
on the machine; otherwise Pillow's own built-in font, so a build never fails for want of a font
(the cards then look plainer, and differ in their bytes from a machine that has DejaVu). The same
text and fonts always give the same bytes: no dates or other metadata are written into the files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from . import urls

WIDTH, HEIGHT = 1200, 630  # what social sites ask for: 1.91 to 1
MARGIN = 80
# the site's light palette: background, text, muted text, rule, accent
BG, FG, MUTED, RULE, ACCENT = "#fdfcf8", "#1d1c1a", "#5b574f", "#d9d4c7", "#8a2b0f"

# where Linux distributions put DejaVu (Debian and Ubuntu first)
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
             "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu-serif-fonts", "/usr/local/share/fonts")
FONT_FILES = {"title": "DejaVuSerif-Bold.ttf", "text": "DejaVuSans.ttf", "label": "DejaVuSans-Bold.ttf"}

KINDS = {"essay": "Essay", "theme": "Theme", "glossary": "Glossary", "timeline": "Timeline", "map": "Map",
         "essays": "Essays", "themes": "Themes", "search": "Search", "home": ""}


@dataclass(frozen=True)
class Card:
    kind: str  # what sort of page, over the title ("Essay", "Theme"), or ""
    title: str  # the page's title
    byline: str  # the author and date of an essay, or a line that says what the page is
    site: str  # the site's name
    tagline: str  # the site's one-line description


def plain(value) -> str:
    """Text of a view value that may be Markup (tags dropped, spaces collapsed)."""
    text = value.striptags() if isinstance(value, Markup) else str(value)
    return " ".join(text.split())


def card_for(view: dict, site: str, tagline: str) -> Card:
    """The card a page's view asks for: an essay names its authors and date, other pages their lede."""
    essay = view.get("essay")
    if view.get("page") == "essay" and essay is not None:
        byline = " · ".join(x for x in (essay["author_names"] or "Author unknown", essay["date"]["display"]) if x)
        return Card("Essay", essay["title"], byline, site, tagline)
    kind = KINDS.get(view.get("page", ""), "")
    if view.get("entity") is not None:
        kind = f"Glossary · {view.get('kind', '')}".rstrip(" ·")
    elif view.get("page") == "theme" and view.get("title", "").startswith("Reading list"):
        kind = "Reading list"
    card = view.get("card")
    about = view.get("description") or (card.get("description") if isinstance(card, dict) else "") or ""
    title = plain(view["theme"]["title"] if kind == "Reading list" else view.get("title", site))
    if kind.lower() == title.lower():  # "Timeline" over "Timeline"
        kind = ""
    return Card(kind, title, plain(about), site, tagline)


@lru_cache(maxsize=4)
def load_fonts() -> dict[str, Path | None]:
    """The DejaVu files this machine has (None where one is missing)."""
    found = {}
    for role, name in FONT_FILES.items():
        found[role] = next((Path(d) / name for d in FONT_DIRS if (Path(d) / name).is_file()), None)
    return found


@lru_cache(maxsize=64)
def font(role: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu for this role at `size` pixels, or Pillow's built-in font when DejaVu is missing."""
    path = load_fonts()[role]
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def wrap(text: str, face, width: float, lines: int) -> list[str]:
    """Break text into at most `lines` lines no wider than `width`; the last one ends in … if cut."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and face.getlength(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        last = out[-1]
        while last and face.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last.rstrip(" ,;:–—-") + " …"
    return out


def fit_title(title: str, width: float) -> tuple[object, list[str]]:
    """The largest title size (72 down to 44 px) at which the title takes at most three lines."""
    for size in (72, 64, 56, 50, 44):
        face = font("title", size)
        lines = wrap(title, face, width, 3)
        if not lines or not lines[-1].endswith("…"):
            return face, lines
    return face, lines


@lru_cache(maxsize=1)
def palette() -> Image.Image:
    """The colours a card uses, each with 16 steps of anti-aliasing from the background: drawing
    mapped onto a fixed palette keeps the file small and its bytes stable."""
    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    colours = []
    for ink in (FG, MUTED, ACCENT, RULE):
        a, b = rgb(BG), rgb(ink)
        colours += [tuple(round(a[k] + (b[k] - a[k]) * i / 15) for k in range(3)) for i in range(16)]
    image = Image.new("P", (1, 1))
    image.putpalette([c for colour in colours for c in colour])
    return image


@lru_cache(maxsize=16)
def frame(kind: str, site: str, tagline: str) -> Image.Image:
    """What cards of one kind on one site share: the accent bar, the kind over the title, and the
    site's name and tagline under the rule. Drawn once; each card draws on a copy."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 23, HEIGHT], fill=ACCENT)
    if kind:
        draw.text((MARGIN, 64), kind.upper(), font=font("label", 28), fill=ACCENT)
    draw.line([MARGIN, 528, WIDTH - MARGIN, 528], fill=RULE, width=2)
    name = font("label", 30)
    draw.text((MARGIN, 548), site, font=name, fill=FG)
    left = MARGIN + name.getlength(site) + 28
    line = wrap(tagline, font("text", 22), WIDTH - MARGIN - left, 1)
    if line:
        draw.text((left, 554), line[0], font=font("text", 22), fill=MUTED)
    return image


@lru_cache(maxsize=None)
def draw_card(card: Card) -> bytes:
    """The PNG bytes of one card (kept in memory: a rebuild redraws only cards whose text changed)."""
    image = frame(card.kind, card.site, card.tagline).copy()
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    y = 64 + 56  # under the kind
    face, lines = fit_title(card.title, width)
    step = round(face.size * 1.2) if hasattr(face, "size") else 60
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=FG)
        y += step
    if card.byline:
        text = font("text", 32)
        for line in wrap(card.byline, text, width, 2 if len(lines) < 3 else 1):
            y += 8
            draw.text((MARGIN, y), line, font=text, fill=MUTED)
            y += 40
    out = io.BytesIO()
    # zlib level 3 takes half the time of the default 6 for files about a quarter larger (24 KiB against 19)
    image.quantize(palette=palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=3)
    return out.getvalue()
