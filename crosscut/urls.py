"""Where everything lives: one function per kind of page, from its key to its site path, and the links built on them.

A site path is relative to the site's root ("essays/wallander-2003/", "" for the home page);
every link in the output is made from one, here: under the base URL for a link between pages,
under the public address for an absolute URL. The layout of the site is spelled nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def home() -> str:
    """The home page."""
    return ""


def essays() -> str:
    """The list of essays."""
    return "essays/"


def essay(slug: str) -> str:
    """An essay's page."""
    return f"essays/{slug}/"


def paragraph_id(number: int) -> str:
    """The id of a numbered paragraph on its essay page: "p12"."""
    return f"p{number}"


def paragraph(slug: str, number: int) -> str:
    """A numbered paragraph, on its essay's page."""
    return f"{essay(slug)}#{paragraph_id(number)}"


def section(slug: str, anchor: str) -> str:
    """A section heading, on its essay's page."""
    return f"{essay(slug)}#{anchor}"


def year_id(year: int | None) -> str:
    """The id of the first row of a year's essays in the essays table: "y1995" ("undated" for no year)."""
    return f"y{year}" if year is not None else "undated"


def listing_page(path: str, number: int) -> str:
    """The `number`-th page of a listing split into pages (the essays, the map, a glossary entry):
    the listing's own path for the first, then "<path>page/2/" (an essay or entry owns only its
    own folder and its cite/, so no page of theirs can fall there)."""
    return path if number == 1 else f"{path}page/{number}/"


def themes() -> str:
    """The list of themes."""
    return "themes/"


def theme(slug: str) -> str:
    """A theme's page."""
    return f"themes/{slug}/"


def reading(slug: str) -> str:
    """A theme's reading list, to hand out."""
    return f"{theme(slug)}reading/"


def glossary() -> str:
    """The glossary's index."""
    return "glossary/"


def entry(slug: str) -> str:
    """A glossary entry."""
    return f"glossary/{slug}/"


def timeline() -> str:
    """The timeline."""
    return "timeline/"


def event(slug: str) -> str:
    """A timeline event: its row on the timeline page."""
    return f"{timeline()}#{slug}"


def page(slug: str) -> str:
    """A free page from content/pages/ ("" for the home page's introduction)."""
    return f"{slug}/" if slug else home()


def map_page() -> str:
    """The map of the collection: essays against themes."""
    return "map/"


def citations(slug: str) -> str:
    """An essay's citation page: each of its paragraphs in every citation style."""
    return f"{essay(slug)}cite/"


def paragraph_citations(slug: str, number: int) -> str:
    """One paragraph's citations, on its essay's citation page."""
    return f"{citations(slug)}#{paragraph_id(number)}"


def search() -> str:
    """The search page."""
    return "search/"


def not_found() -> str:
    """The page served for an address the site does not have."""
    return "404.html"


def asset(name: str) -> str:
    """A stylesheet, script or other file from the templates' assets/ folder."""
    return f"assets/{name}"


def pagefind(name: str) -> str:
    """A file of the search index and its interface, which Pagefind writes."""
    return f"pagefind/{name}"


def ranking() -> str:
    """What the search page's layer over Pagefind reads to put the essays first, written beside the index."""
    return pagefind("ranking.json")


def static_file(path: str) -> str:
    """A file from content/ (an image, a PDF), published at its path there: content/images/map.png -> images/map.png."""
    return path


def cards() -> str:
    """The folder of the share images."""
    return "cards/"


def card(path: str) -> str:
    """A page's share image, from the page's path: "essays/x/" -> "cards/essays/x.png", "" -> "cards/index.png"."""
    return cards() + (path.strip("/") or "index") + ".png"


def feed() -> str:
    """The Atom feed."""
    return "feed.xml"


def sitemap() -> str:
    """The sitemap for search engines."""
    return "sitemap.xml"


def robots() -> str:
    """The note for crawlers."""
    return "robots.txt"


def reserved() -> tuple[str, ...]:
    """The top-level names the site uses for its own pages and folders, which a free page may not take."""
    folders = (essays(), themes(), glossary(), timeline(), map_page(), search(), asset(""), cards(), pagefind(""))
    return tuple(dict.fromkeys(path.split("/")[0] for path in folders)) + (not_found().removesuffix(".html"),)


def output_file(path: str) -> str:
    """The file a site path is written to: a folder's index.html, or the file itself."""
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class Links:
    """Turns site paths into the links a page carries."""

    base: str  # path prefix the site is served under: "/" or "/repo/"
    public: str  # absolute public address ending in "/", or "" when none is set
    versions: dict[str, str] = field(default_factory=dict, hash=False)  # asset path -> content hash

    def link(self, path: str = "") -> str:
        """A link between pages: the site path under the base URL; assets carry a content hash against stale caches."""
        version = self.versions.get(path)
        return self.base + path + (f"?v={version}" if version else "")

    def absolute(self, path: str = "") -> str:
        """The public absolute URL of a site path, or "" when the site has no public address."""
        return self.public + path if self.public else ""
