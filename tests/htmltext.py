"""The built pages as a small tree: parsed by an HTML5 parser (lexbor, through selectolax), read by tag, class and id.

The parser builds the tree a browser builds (implied end tags, tbody, misnested markup), so
the tests see what readers get; Element only gives the tests a plain, stable way to walk it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode


@dataclass
class Element:
    tag: str  # lower-case tag name ("#root" for the document)
    attrs: dict[str, str]  # attributes; valueless ones map to ""
    children: list[Element | str] = field(default_factory=list)  # elements and text, in order
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Elements below this one with the given tag, class and attribute values."""
        return [e for e in self.iter()
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def text(self, skip_classes: set[str] = frozenset()) -> str:
        """The text content, whitespace collapsed, leaving out elements with any of `skip_classes`."""
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif not child.classes & set(skip_classes) and child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return collapse("".join(parts))


def collapse(text: str) -> str:
    """Collapse runs of ordinary white space (not the narrow no-break space of "¶ 12")."""
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


def parse_html(html: str) -> Element:
    """Parse a document into an Element tree rooted at "#root" (holding the <html> element)."""
    root = Element("#root", {})

    def convert(node: LexborNode, parent: Element) -> None:
        if node.tag == "-text":
            parent.children.append(node.text_content or "")
        elif not node.tag.startswith("-"):  # comments and the doctype are not part of the page
            element = Element(node.tag, {k: v or "" for k, v in node.attributes.items()}, parent=parent)
            parent.children.append(element)
            for child in node.iter(include_text=True):
                convert(child, element)

    convert(LexborHTMLParser(html).root, root)
    return root


def parse_file(path: Path) -> Element:
    return parse_html(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- essay pages


@dataclass(frozen=True)
class EssayPage:
    """What a reader sees on an essay page, read back from the HTML."""

    title: str  # the h1
    byline: str  # text of p.byline
    authors: tuple[str, ...]  # span.author texts
    affiliations: tuple[str, ...]  # span.affiliation texts, without the brackets
    facts: dict[str, str]  # dt text -> dd text
    time: Element | None  # the date of "Published": a <time>, or a <span class="date"> when unknown
    original_href: str | None  # href of the link under "Original", if any
    body: tuple[tuple[str, str, str], ...]  # ("p", id, text) or ("h2", id, text) in order
    notes: tuple[tuple[str, str], ...]  # (kind, text) for .note-bio/.note-series/.note-disclaimer, in order
    tree: Element  # the whole parsed page


NOTE_KINDS = {"note-bio": "bio", "note-series": "series", "note-disclaimer": "disclaimer"}


def read_essay_page(path: Path) -> EssayPage:
    """Read title, byline, facts, body and notes off a rendered essay page."""
    tree = parse_file(path)
    article = tree.find("article", "essay")
    assert article is not None, f"{path}: no <article class=essay>"
    header = article.find("header", "essay-header")
    facts = {}
    time = original = None
    for div in header.find("dl", "facts").find_all("div"):
        dt, dd = div.find("dt"), div.find("dd")
        facts[dt.text()] = dd.text()
        if dt.text() == "Published":
            time = dd.find("time") or dd.find("span", "date")
        if dt.text() == "Original" and dd.find("a"):
            original = dd.find("a").attrs.get("href")
    byline = header.find("p", "byline")
    body = []
    for element in article.find("div", "essay-body").iter():
        if element.tag == "p" and "para" in element.classes:
            body.append(("p", element.attrs.get("id", ""), element.find("span", "ptext").text()))
        elif element.tag in ("h2", "h3", "h4", "h5", "h6") and "section-heading" in element.classes:
            body.append((element.tag, element.attrs.get("id", ""), element.text(skip_classes={"anchor"})))
    notes = [(NOTE_KINDS[c], e.text()) for e in article.iter() for c in e.classes if c in NOTE_KINDS]
    return EssayPage(
        title=header.find("h1").text(),
        byline=byline.text(),
        authors=tuple(a.text() for a in byline.find_all("span", "author")),
        affiliations=tuple(a.text().strip("()") for a in byline.find_all("span", "affiliation")),
        facts=facts, time=time, original_href=original, body=tuple(body), notes=tuple(notes), tree=tree,
    )
