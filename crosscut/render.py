"""Jinja environment and one view function per page type; returns every output file as bytes."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .config import SiteConfig
from .markdown import make_markdown
from .model import Essay, Page, Paragraph, Site

WORDS_PER_MINUTE = 230


def make_env(templates: Path, config: SiteConfig, assets: dict[str, str]) -> Environment:
    """A strict, autoescaping environment whose url() knows the base URL and asset versions."""
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def url(path: str = "") -> str:
        """Site path -> link under the base URL; assets carry a content hash against stale caches."""
        path = path.lstrip("/")
        version = assets.get(path)
        return config.base_url + path + (f"?v={version}" if version else "")

    env.globals.update(site=config, url=url)
    return env


def render_site(site: Site, config: SiteConfig, templates: Path) -> dict[str, bytes]:
    """Render every page of the site; keys are output paths relative to the site root."""
    assets = read_assets(templates / "assets")
    env = make_env(templates, config, {name: hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()})
    md = make_markdown(config.base_url)
    pages = {p.slug: p for p in site.pages}
    files: dict[str, str] = {
        "index.html": env.get_template("home.html").render(home_view(site, pages.get(""), md)),
        "essays/index.html": env.get_template("essays.html").render(essays_view(site, md)),
        "404.html": env.get_template("404.html").render(page="404"),
    }
    for essay in site.essays:
        files[f"essays/{essay.slug}/index.html"] = env.get_template("essay.html").render(essay_view(site, essay, md))
    for page in site.pages:
        if page.slug:
            files[f"{page.slug}/index.html"] = env.get_template("page.html").render(page_view(page, md))
    out = {path: text.encode("utf-8") for path, text in files.items()}
    out.update(assets)
    return out


def read_assets(folder: Path) -> dict[str, bytes]:
    """Static files shipped as they are (stylesheet, small scripts), keyed by their site path."""
    return {f"assets/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- views


def essay_card(essay: Essay, md) -> dict:
    """What a listing shows of an essay."""
    return {
        "slug": essay.slug, "title": essay.title, "href": f"essays/{essay.slug}/",
        "authors": essay.author_names, "date": essay.date, "outlet": essay.outlet,
        "summary": Markup(md.render(essay.summary)) if essay.summary else "",
        "words": essay.words, "minutes": reading_minutes(essay),
    }


def reading_minutes(essay: Essay) -> int:
    return max(1, math.ceil(essay.words / WORDS_PER_MINUTE))


def home_view(site: Site, intro: Page | None, md) -> dict:
    return {
        "page": "home", "title": intro.title if intro else "",
        "intro": Markup(md.render(intro.body)) if intro else "",
        "essays": [essay_card(e, md) for e in site.essays],
    }


def essays_view(site: Site, md) -> dict:
    return {"page": "essays", "title": "Essays", "essays": [essay_card(e, md) for e in site.essays]}


def page_view(page: Page, md) -> dict:
    return {"page": page.slug, "title": page.title, "content": Markup(md.render(page.body))}


def essay_view(site: Site, essay: Essay, md) -> dict:
    """Everything the essay template shows; relations are looked up here, never in the template."""
    index = site.essays.index(essay)
    return {
        "page": "essay",
        "title": essay.title,
        "essay": essay,
        "summary": Markup(md.render(essay.summary)) if essay.summary else "",
        "minutes": reading_minutes(essay),
        "body": [paragraph_view(item) if isinstance(item, Paragraph) else item for item in essay.body],
        "toc": essay.headings,
        "notes": {kind: [n.text for n in essay.notes if n.kind == kind] for kind in ("bio", "series", "disclaimer")},
        "previous": essay_card(site.essays[index - 1], md) if index > 0 else None,
        "next": essay_card(site.essays[index + 1], md) if index + 1 < len(site.essays) else None,
    }


def paragraph_view(paragraph: Paragraph) -> dict:
    return {"kind": "paragraph", "number": paragraph.number, "anchor": paragraph.anchor,
            "html": escape(paragraph.text)}
