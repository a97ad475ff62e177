"""Curated content (content/pages, themes, glossary, timeline) -> model objects."""

from __future__ import annotations

from pathlib import Path

from .markdown import split_front_matter
from .model import Page
from .problems import Problems


def read_pages(root: Path, problems: Problems) -> tuple[Page, ...]:
    """Read content/pages/*.md; index.md is the home page's introduction."""
    pages = []
    for path in sorted((root / "content" / "pages").glob("*.md")):
        doc, body, _ = split_front_matter(path, path.read_text(encoding="utf-8"), problems)
        if doc is None:
            continue
        title = doc.data.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.error(path, 1, "page has no title", "start the file with front matter: ---, title: \"...\", ---")
            continue
        slug = "" if path.stem == "index" else path.stem
        pages.append(Page(slug, title.strip(), body, path.relative_to(root).as_posix()))
    return tuple(pages)
