"""Markdown for curated pages: front matter, CommonMark with tables, site-relative links."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from .problems import Problems
from .yamlfile import YamlDoc, read_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)


def split_front_matter(path: Path, text: str, problems: Problems) -> tuple[YamlDoc | None, str, int]:
    """Cut '---' front matter off a Markdown file; return (metadata, body, line the body starts on)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return YamlDoc(path, {}, {}), text, 1
    # parse the front matter in place, so reported lines match the file (the opening '---' is line 1)
    doc = read_yaml(path, problems, text="\n" + (m.group(1) or ""))
    return doc, text[m.end():], text[:m.end()].count("\n") + 1


def make_markdown(base_url: str) -> MarkdownIt:
    """CommonMark plus tables, with "/path" links rewritten under the site's base URL."""
    md = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "replacements", "smartquotes"])

    def prefix_links(state) -> None:
        for token in state.tokens:
            for child in token.children or ():
                href = child.attrGet("href") if child.type == "link_open" else None
                if href and href.startswith("/") and not href.startswith("//"):
                    child.attrSet("href", base_url + href[1:])

    md.core.ruler.push("prefix_links", prefix_links)
    return md
