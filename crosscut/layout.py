"""Which pages the site has, from what its content holds: every page with its template and view, and the navigation.

A page exists only when its source does: the themes index and the map when there are themes,
the glossary when there are entries, the timeline when there are events, About when
content/pages/about.md is there. The navigation, the sitemap and the links between pages all
follow from the same list, so none of them names a page that is not written.
"""

from __future__ import annotations

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
    site = ctx.site
    intro = next((p for p in site.pages if p.slug == ""), None)
    views: dict[str, tuple[str, dict]] = {urls.home(): ("home.html", home_view(ctx, intro))}
    # a listing's view function gives one view, or a list of them: its pages, first to last
    listed = {urls.essays(): ("essays.html", essays_views), urls.themes(): ("themes.html", themes_view),
              urls.glossary(): ("glossary.html", glossary_view), urls.timeline(): ("timeline.html", timeline_view),
              urls.map_page(): ("map.html", map_views), urls.search(): ("search.html", search_view)}
    present = listings(site)
    for path, (template, view) in listed.items():
        if present[path]:
            views.update(paged(path, template, view(ctx)))
    for n, essay in enumerate(site.essays):
        following = site.essays[n + 1] if n + 1 < len(site.essays) else None
        views[urls.essay(essay.slug)] = ("essay.html", essay_view(ctx, essay, site.essays[n - 1] if n else None, following))
    for essay in site.essays:  # a citation page shows its essay's share card
        views[urls.citations(essay.slug)] = ("cite.html", citations_view(ctx, essay) | {"card_of": urls.essay(essay.slug)})
    for theme in site.themes:
        views[urls.theme(theme.slug)] = ("theme.html", theme_view(ctx, theme))
    for theme in site.themes:
        views[urls.reading(theme.slug)] = ("reading.html", reading_view(ctx, theme))
    for entity in site.entities:
        views.update(paged(urls.entry(entity.slug), "entity.html", entity_views(ctx, entity)))
    for page in site.pages:
        if page.slug:
            views[urls.page(page.slug)] = ("page.html", page_view(ctx, page))
    views[urls.not_found()] = ("404.html", not_found_view(ctx))
    return placed(ctx, views)


def essay_page_views(ctx: Context, slugs: list[str]) -> dict[str, tuple[str, dict]]:
    """The views of these essays' pages alone, as site_views gives them."""
    essays = ctx.site.essays
    where = {essay.slug: n for n, essay in enumerate(essays)}
    views = {}
    for slug in slugs:
        n = where[slug]
        following = essays[n + 1] if n + 1 < len(essays) else None
        views[urls.essay(slug)] = ("essay.html", essay_view(ctx, essays[n], essays[n - 1] if n else None, following))
    return placed(ctx, views)


def placed(ctx: Context, views: dict[str, tuple[str, dict]]) -> dict[str, tuple[str, dict]]:
    """Give each view its own address, canonical link and share image."""
    for path, (_, view) in views.items():
        view["path"] = path
        view["canonical"] = ctx.links.absolute(path)
        # a share image needs an absolute address; the 404 page, shown at any address, has none
        view["image"] = ctx.links.absolute(urls.card(view.get("card_of", path))) if path != urls.not_found() else ""
    return views


def paged(path: str, template: str, view: dict | list[dict]) -> dict[str, tuple[str, dict]]:
    """The pages of a listing at `path`: one view, or a list of them split into pages, by site path."""
    pages = view if isinstance(view, list) else [view]
    for v in pages[1:]:
        v["card_of"] = path  # the pages after the first show its share card
    return {urls.listing_page(path, n): (template, v) for n, v in enumerate(pages, 1)}
