"""Render the site: the Jinja environment, the views of every page, the static assets, as bytes."""

from __future__ import annotations

import hashlib
import traceback
from pathlib import Path

import rcssmin
import rjsmin
from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError,
                    select_autoescape)

from . import cards
from .analyse import Analysis
from .config import SiteConfig
from .markdown import make_markdown
from .model import Site
from .problems import Problems
from .search import plain_value
from .views import (Context, cite_view, entity_view, essay_view, essays_view, feed_views, glossary_view, home_view, map_view,
                    page_view, reading_view, render_refs, theme_view, themes_view, timeline_view)

# The default templates and assets ship inside the package; a project's own templates/ folder
# overrides them file by file (same name, same place).
DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"

NAV = [("essays/", "Essays", "essays"), ("themes/", "Themes", "themes"), ("glossary/", "Glossary", "glossary"),
       ("timeline/", "Timeline", "timeline"), ("map/", "Map", "map"), ("about/", "About", "about")]


def render_site(site: Site, analysis: Analysis, config: SiteConfig, templates: Path) -> dict[str, bytes]:
    """Render every page of the site; keys are output paths relative to the site root.

    `templates` is the project's own templates/ folder (it may be missing): its files override the defaults."""
    assets = read_assets(DEFAULT_TEMPLATES / "assets") | read_assets(templates / "assets")
    env = make_env(templates, config, {name: hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()})
    url = env.globals["url"]
    # references render through the context that holds this Markdown: the lambda finds ctx when called
    md = make_markdown(config.base_url, lambda refs, meta, env: render_refs(ctx, refs, meta, env))
    ctx = Context(site, analysis, config, md, url)
    pages = {p.slug: p for p in site.pages}

    views: dict[str, tuple[str, dict]] = {
        "index.html": ("home.html", home_view(ctx, pages.get(""))),
        "essays/index.html": ("essays.html", essays_view(ctx)),
        "themes/index.html": ("themes.html", themes_view(ctx)),
        "glossary/index.html": ("glossary.html", glossary_view(ctx)),
        "timeline/index.html": ("timeline.html", timeline_view(ctx)),
        "map/index.html": ("map.html", map_view(ctx)),
        "search/index.html": ("search.html", {"page": "search", "title": "Search"}),
        "404.html": ("404.html", {"page": "404", "title": "Page not found"}),
    }
    for essay in site.essays:
        views[f"essays/{essay.slug}/index.html"] = ("essay.html", essay_view(ctx, essay))
        views[f"essays/{essay.slug}/cite/index.html"] = ("cite.html", cite_view(ctx, essay))
    for theme in site.themes:
        views[f"themes/{theme.slug}/index.html"] = ("theme.html", theme_view(ctx, theme))
        views[f"themes/{theme.slug}/reading/index.html"] = ("reading.html", reading_view(ctx, theme))
    for entity in site.entities:
        views[f"glossary/{entity.slug}/index.html"] = ("entity.html", entity_view(ctx, entity))
    for page in site.pages:
        if page.slug:
            views[f"{page.slug}/index.html"] = ("page.html", page_view(ctx, page))
    for path, (_, view) in views.items():
        view["path"] = path.removesuffix("index.html")
    shared = {view["path"]: view for path, (_, view) in views.items() if path.endswith("index.html")}
    views.update(feed_views(ctx))
    out = {path: env.get_template(template).render(view).encode("utf-8") for path, (template, view) in views.items()}
    out[".nojekyll"] = b""  # GitHub Pages: publish the folder as it is, no Jekyll pass
    out.update(assets)
    out.update(cards.draw_cards(shared, config.title, config.description))  # share images, one a page
    return out


def make_env(templates: Path, config: SiteConfig, assets: dict[str, str]) -> Environment:
    """A strict, autoescaping environment whose url() knows the base URL and asset versions."""
    loader = ChoiceLoader([FileSystemLoader(templates), FileSystemLoader(DEFAULT_TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def url(path: str = "") -> str:
        """Site path -> link under the base URL; assets carry a content hash against stale caches."""
        path = path.lstrip("/")
        version = assets.get(path)
        return config.base_url + path + (f"?v={version}" if version else "")

    env.globals.update(site=config, url=url, nav=NAV, absolute=config.absolute, card_path=cards.card_path)
    env.filters["thousands"] = lambda n: f"{n:,}"  # 4,206 words
    env.filters["pagefind"] = plain_value  # every value handed to Pagefind in a data-pagefind-* attribute
    return env


def read_assets(folder: Path) -> dict[str, bytes]:
    """Static files (stylesheets and scripts minified), keyed by their site path; none if no folder."""
    if not folder.is_dir():
        return {}
    shrink = {".css": lambda data: rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n",
              ".js": lambda data: rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"}
    return {f"assets/{p.relative_to(folder).as_posix()}": shrink.get(p.suffix, bytes)(p.read_bytes())
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
    problems.error(path, line, f"template failed: {err}",
                   "a template used a value the view does not give it; check the names against crosscut/views.py")
