"""What other programs read: the sitemap, robots.txt and the Atom feed, with absolute addresses.

An absolute address needs the site's public one ('url' in content/site.yml, or --url). Without
it, nothing that needs one is written, and left_out says in one line what was left out.
"""

from __future__ import annotations

from . import urls
from .analyse import Analysis
from .config import SiteConfig
from .model import Site
from .urls import Links

FEED_ESSAYS = 50  # a feed reader wants what is new: past this many essays, the feed carries the newest


def feed_date(config: SiteConfig, site: Site) -> str:
    """The feed's date: the edition's 'updated', else the newest essay's date (a missing month or day read as
    the first), so the same content always gives the same feed; "" when there is neither."""
    if config.updated:
        return config.updated
    dated = [e.date for e in site.essays if e.date.year is not None]
    if not dated:
        return ""
    newest = max(dated, key=lambda d: d.sort_key)
    return f"{newest.year:04d}-{newest.month or 1:02d}-{newest.day or 1:02d}"


def left_out(config: SiteConfig, site: Site) -> str:
    """One line naming what the build leaves out for want of a public address or a date, or ""."""
    if not config.url:
        return ("notice: no public address is set ('url' in content/site.yml, or --url), so the site has no sitemap, "
                "feed, canonical links or share images, and citations give no address of this site")
    if not feed_date(config, site):
        return "notice: no essay has a date and content/site.yml sets no 'updated', so the site has no feed"
    return ""


def feed_essays(site: Site) -> list:
    """The essays the feed carries: all of them, or the FEED_ESSAYS newest dated ones, oldest first as everywhere."""
    if len(site.essays) <= FEED_ESSAYS:
        return list(site.essays)
    dated = sorted((e for e in site.essays if e.date.year is not None), key=lambda e: e.date.sort_key)
    return dated[-FEED_ESSAYS:]


def feed_views(config: SiteConfig, site: Site, analysis: Analysis, links: Links, pages: list[str]) -> dict[str, tuple[str, dict]]:
    """robots.txt always; the sitemap of `pages` (site paths) and the feed only with a public address."""
    views = {urls.robots(): ("robots.txt", {"sitemap": links.absolute(urls.sitemap())})}
    if not links.public:
        return views
    views[urls.sitemap()] = ("sitemap.xml", {"pages": [links.absolute(path) for path in pages]})
    updated = feed_date(config, site)
    if updated:
        entries = [{"title": e.title, "url": links.absolute(urls.essay(e.slug)), "authors": [a.name for a in e.authors],
                    "published": f"{e.date.iso}T00:00:00Z" if e.date.precision == "day" else "",
                    "date": e.date.display, "kind": "Essay", "summary": analysis.plain[("essay", e.slug, "summary")]}
                   for e in feed_essays(site)]
        entries += [{"title": t.title, "url": links.absolute(urls.theme(t.slug)), "authors": [], "published": "", "date": "",
                     "kind": "Theme", "summary": analysis.plain[("theme", t.slug, "description")]} for t in site.themes]
        views[urls.feed()] = ("feed.xml", {"entries": entries, "updated": f"{updated}T00:00:00Z",
                                           "home": links.absolute(urls.home()), "feed_url": links.absolute(urls.feed())})
    return views
