"""Render the site: the Jinja environment, the views of every page, the static assets, as bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import traceback
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import PIL
import rcssmin
import rjsmin
from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound,
                    TemplateSyntaxError, select_autoescape)

from . import cards, urls, work
from .analyse import Analysis
from .cache import Cache, key
from .config import SiteConfig
from .feeds import feed_date, feed_views
from .layout import essay_page_views, nav_items, page_links, site_units
from .markdown import make_markdown
from .model import Site
from .problems import Problems
from .refhtml import render_refs
from .search import plain_value
from .urls import Links
from .views import Context
from .write import Packed

# The default templates and assets ship inside the package; a project's own templates/ folder
# overrides them file by file (same name, same place).
DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Prepared:
    """What rendering any page needs: the environment, the context of the views, the assets and links."""

    env: Environment
    ctx: Context
    assets: dict[str, bytes]  # site path -> bytes of the stylesheets, scripts and fonts

    def essay_pages(self, slugs: list[str]) -> dict[str, bytes]:
        """The pages of these essays alone, as the whole site would render them (see preview.py)."""
        return render_pages(self.env, essay_page_views(self.ctx, slugs))


def prepare(site: Site, analysis: Analysis, config: SiteConfig, templates: Path) -> Prepared:
    """The environment and context for rendering the site.

    `templates` is the project's own templates/ folder (it may be missing): its files override the defaults."""
    assets = read_assets(DEFAULT_TEMPLATES / "assets") | read_assets(templates / "assets")
    links = Links(config.base_url, config.url, {name: hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()})
    feed = bool(links.public and feed_date(config, site))
    env = make_env(templates, config, links, nav_items(site, links), page_links(site, links, feed))
    md = make_markdown(config.base_url, partial(render_refs, links))
    return Prepared(env, Context(site, analysis, config, links, md), assets)


def render_site(site: Site, analysis: Analysis, config: SiteConfig, templates: Path,
                cache: Cache = Cache.off()) -> dict[str, bytes]:
    """Render every page of the site; keys are output paths relative to the site root.

    `templates` is the project's own templates/ folder (it may be missing): its files override the defaults.
    `cache` keeps the share cards between builds."""
    prepared = prepare(site, analysis, config, templates)
    ctx = prepared.ctx
    units = site_units(ctx)
    chunks = [list(range(i, min(i + UNITS_A_TASK, len(units)))) for i in range(0, len(units), UNITS_A_TASK)]
    # Each worker makes the views of its units, renders them and keeps only the pages (compressed until
    # written) and their share cards' words: no process ever holds every view at once.
    done = work.spread(render_units, chunks, shared=(prepared, units, config.title, config.description))
    out: dict[str, bytes | Packed] = {}
    pages, wanted = [], {}
    for path, page, card in (item for chunk in done for item in chunk):
        out[urls.output_file(path)] = page
        if path != urls.not_found():
            pages.append(path)
        if card is not None:
            wanted[urls.card(path)] = card
    out.update(render_pages(prepared.env, feed_views(config, site, analysis, ctx.links, pages)))  # feed, sitemap, robots
    out[".nojekyll"] = b""  # GitHub Pages: publish the folder as it is, no Jekyll pass
    out.update(prepared.assets)
    out.update(draw_cards(wanted, cache))  # share images, one a page, are found only by their absolute address
    return out


UNITS_A_TASK = 8  # units of work (pages, or a listing's pages) per task: fewer round trips to the workers


def render_units(indices: list[int]) -> list[tuple[str, Packed, cards.Card | None]]:
    """Each unit's pages rendered: (site path, the page, its share card's words or None) in order."""
    prepared, units, title, tagline = work.shared_state()
    done = []
    for index in indices:
        for path, (template, view) in units[index]().items():
            page = Packed(prepared.env.get_template(template).render(view).encode("utf-8"))
            own_card = prepared.ctx.links.public and path != urls.not_found() and "card_of" not in view
            done.append((path, page, cards.card_for(view, title, tagline) if own_card else None))
    return done


def draw_cards(wanted: dict[str, cards.Card], cache: Cache) -> dict[str, bytes]:
    """Each card drawn, by its path. A card's picture depends on its words, the fonts and Pillow
    alone: each is kept in the cache."""
    fonts = {role: font_stamp(path) for role, path in cards.load_fonts().items()}
    keys = [key("card", dataclasses.astuple(card), fonts, PIL.__version__) for card in wanted.values()]
    drawn = work.each(cards.draw_card, list(wanted.values()), keys, cache, "card", bytes, bytes)
    return dict(zip(wanted, drawn))


def font_stamp(path: Path | None) -> list:
    """What identifies a font file for the cache: its place, size and time of change (or none)."""
    try:
        stat = path.stat()
        return [str(path), stat.st_size, stat.st_mtime_ns]
    except (AttributeError, OSError):
        return []


def render_pages(env: Environment, views: dict[str, tuple[str, dict]]) -> dict[str, bytes]:
    """Each of a few views through its template, here: site path -> the bytes of its file. (The site's
    pages go through render_units, over the cores.)"""
    return {urls.output_file(path): env.get_template(template).render(view).encode("utf-8")
            for path, (template, view) in views.items()}


def make_env(templates: Path, config: SiteConfig, links: Links, nav: list[dict], page_links: dict[str, str]) -> Environment:
    """A strict, autoescaping environment; its globals are the site's settings, navigation and links."""
    loader = ChoiceLoader([FileSystemLoader(templates), FileSystemLoader(DEFAULT_TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(site={"title": config.title, "description": config.description, "language": config.language},
                       nav=nav, links=page_links,
                       asset=lambda name: links.link(urls.asset(name)), pagefind=lambda name: links.link(urls.pagefind(name)))
    env.filters["thousands"] = lambda n: f"{n:,}"  # 4,206 words
    env.filters["pagefind"] = plain_value  # every value handed to Pagefind in a data-pagefind-* attribute
    return env


def read_assets(folder: Path) -> dict[str, bytes]:
    """Static files (stylesheets and scripts minified), keyed by their site path; none if no folder."""
    if not folder.is_dir():
        return {}
    shrink = {".css": lambda data: rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n",
              ".js": lambda data: rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"}
    return {urls.asset(p.relative_to(folder).as_posix()): shrink.get(p.suffix, bytes)(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def report_template_error(err: TemplateError, templates: Path, problems: Problems) -> None:
    """Turn a Jinja error into a problem that names the template and, when known, the line."""
    if isinstance(err, TemplateSyntaxError) and err.name:
        problems.error(Path(err.filename) if err.filename else templates / err.name, err.lineno, f"template syntax: {err.message}",
                       "fix the tag on this line; every {% block %}, {% if %} and {% for %} needs its end tag")
        return
    # Jinja rewrites tracebacks so template frames carry the template's file and line
    frames = [(f.f_code.co_filename, line) for f, line in traceback.walk_tb(err.__traceback__)]
    where = [(name, line) for name, line in frames if name.endswith((".html", ".xml", ".txt"))]
    path, line = (Path(where[-1][0]), where[-1][1]) if where else (templates, None)
    if isinstance(err, TemplateNotFound):
        fix = (f"correct the name in this {{% extends %}} or {{% include %}}, or add templates/{err.name}" if where else
               f"add templates/{err.name}, or reinstall crosscut: its own copy is missing")
        problems.error(path, line, f"template '{err.name}' is neither in templates/ nor among crosscut's own templates", fix)
        return
    problems.error(path, line, f"template failed: {err}",
                   "a template used a value the view does not give it; check the names against crosscut/views.py")
