"""Which pages the site has, from what its content holds: every page with its template and view, and the navigation.

A page exists only when its source does: the themes index and the map when there are themes,
the glossary when there are entries, the timeline when there are events, About when
content/pages/about.md is there. The navigation, the sitemap and the links between pages all
follow from the same list, so none of them names a page that is not written.
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from . import urls
from .model import Site
from .urls import Links
from .views import (Context, citations_view, entity_views, essay_view, essays_views, glossary_view, home_view, map_views,
                    not_found_view, page_view, reading_view, search_view, theme_view, themes_view, timeline_view)

# (site path, label, key the page's view gives as "page") of each item the navigation may hold, in its order
NAV = [(urls.essays(), "Essays", "essays"), (urls.themes(), "Themes", "themes"), (urls.glossary(), "Glossary", "glossary"),
       (urls.timeline(), "Timeline", "timeline"), (urls.map_page(), "Map", "map"), (urls.page("about"), "About", "about")]


def listings(site: Site) -> dict[str, bool]:
    """Each page of the navigation (and the search page) by site path, and whether the content gives it a source."""
    return {urls.essays(): True, urls.themes(): bool(site.themes), urls.glossary(): bool(site.entities),
            urls.timeline(): bool(site.events), urls.map_page(): bool(site.themes),
            urls.page("about"): any(p.slug == "about" for p in site.pages), urls.search(): True}


def nav_items(site: Site, links: Links) -> list[dict]:
    """The navigation: only the pages this site has."""
    present = listings(site)
    return [{"href": links.link(path), "label": label, "key": key} for path, label, key in NAV if present[path]]


def page_links(site: Site, links: Links, feed: bool) -> dict[str, str]:
    """The links every page may carry: home, the listings, search and the feed; "" for what the site does not have."""
    present = listings(site)
    return {"home": links.link(urls.home()), "essays": links.link(urls.essays()), "search": links.link(urls.search()),
            "themes": links.link(urls.themes()) if present[urls.themes()] else "",
            "glossary": links.link(urls.glossary()) if present[urls.glossary()] else "",
            "timeline": links.link(urls.timeline()) if present[urls.timeline()] else "",
            "map": links.link(urls.map_page()) if present[urls.map_page()] else "",
            "feed": links.link(urls.feed()) if feed else ""}


def site_views(ctx: Context) -> dict[str, tuple[str, dict]]:
    """Every page the content gives the site: site path -> (template, view), listings first, in sitemap order, 404 last."""
    views: dict[str, tuple[str, dict]] = {}
    for unit in site_units(ctx):
        views.update(unit())
    return views


Unit = Callable[[], dict[str, tuple[str, dict]]]


def site_units(ctx: Context) -> list[Unit]:
    """The site's pages as units of work, in sitemap order: each gives the views of one page, or of
    a listing's pages, placed (see placed). A unit reads the context only, so units can be computed
    anywhere in any order (render.py spreads them over the cores) and give the same views."""
    site = ctx.site
    intro = next((p for p in site.pages if p.slug == ""), None)
    units: list[Unit] = [partial(one, ctx, urls.home(), "home.html", home_view, intro)]
    # a listing's view function gives one view, or a list of them: its pages, first to last
    listed = {urls.essays(): ("essays.html", essays_views), urls.themes(): ("themes.html", themes_view),
              urls.glossary(): ("glossary.html", glossary_view), urls.timeline(): ("timeline.html", timeline_view),
              urls.map_page(): ("map.html", map_views), urls.search(): ("search.html", search_view)}
    present = listings(site)
    units += [partial(paged, path, template, view, ctx) for path, (template, view) in listed.items() if present[path]]
    units += [partial(essay_page, ctx, n) for n in range(len(site.essays))]
    units += [partial(citations_page, ctx, essay) for essay in site.essays]
    units += [partial(one, ctx, urls.theme(theme.slug), "theme.html", theme_view, theme) for theme in site.themes]
    units += [partial(one, ctx, urls.reading(theme.slug), "reading.html", reading_view, theme) for theme in site.themes]
    units += [partial(paged, urls.entry(entity.slug), "entity.html", entity_views, ctx, entity) for entity in site.entities]
    units += [partial(one, ctx, urls.page(page.slug), "page.html", page_view, page) for page in site.pages if page.slug]
    units.append(lambda: placed(ctx, {urls.not_found(): ("404.html", not_found_view(ctx))}))
    return units


def one(ctx: Context, path: str, template: str, view: Callable, *args) -> dict[str, tuple[str, dict]]:
    """The placed view of one page."""
    return placed(ctx, {path: (template, view(ctx, *args))})


def citations_page(ctx: Context, essay) -> dict[str, tuple[str, dict]]:
    """An essay's citation page; it shows its essay's share card."""
    return placed(ctx, {urls.citations(essay.slug): ("cite.html", citations_view(ctx, essay) | {"card_of": urls.essay(essay.slug)})})


def essay_page_views(ctx: Context, slugs: list[str]) -> dict[str, tuple[str, dict]]:
    """The views of these essays' pages alone, as site_views gives them."""
    essays = ctx.site.essays
    where = {essay.slug: n for n, essay in enumerate(essays)}
    views = {}
    for slug in slugs:
        views.update(essay_page(ctx, where[slug]))
    return views


def essay_page(ctx: Context, n: int) -> dict[str, tuple[str, dict]]:
    """The placed view of the page of the n-th essay (in the collection's order), with its neighbours."""
    essays = ctx.site.essays
    following = essays[n + 1] if n + 1 < len(essays) else None
    return placed(ctx, {urls.essay(essays[n].slug): ("essay.html", essay_view(ctx, essays[n], essays[n - 1] if n else None, following))})


def placed(ctx: Context, views: dict[str, tuple[str, dict]]) -> dict[str, tuple[str, dict]]:
    """Give each view its own address, canonical link and share image."""
    for path, (_, view) in views.items():
        view["path"] = path
        view["canonical"] = ctx.links.absolute(path)
        # a share image needs an absolute address; the 404 page, shown at any address, has none
        view["image"] = ctx.links.absolute(urls.card(view.get("card_of", path))) if path != urls.not_found() else ""
    return views


def paged(path: str, template: str, view: Callable, ctx: Context, *args) -> dict[str, tuple[str, dict]]:
    """The placed pages of a listing at `path`, from its view function, which gives one view or a list
    of them split into pages, by site path."""
    made = view(ctx, *args)
    pages = made if isinstance(made, list) else [made]
    for v in pages[1:]:
        v["card_of"] = path  # the pages after the first show its share card
    return placed(ctx, {urls.listing_page(path, n): (template, v) for n, v in enumerate(pages, 1)})
