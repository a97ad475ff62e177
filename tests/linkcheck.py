"""Check every internal link of a built site as it would be served under a base path.

Usage: `problems, stats = check_site(Path("site"), "/crosscut/")`; `problems` is a list of
BrokenLink, empty when every href/src resolves to a file (and every #fragment to an id in it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from htmltext import Element, parse_html

# attributes that hold a URL the browser will fetch or follow
URL_ATTRS = {"a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
             "source": ("src", "srcset"), "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
             "form": ("action",), "use": ("href",)}
ORIGIN = "http://site.test"  # any origin will do: only the path is compared with the base


@dataclass(frozen=True)
class BrokenLink:
    page: str  # page the link is on, relative to the site folder
    line: int  # line of the first place in that page where the URL is written
    url: str  # the URL as written
    reason: str  # what is wrong with it

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url}: {self.reason}"


@dataclass
class Stats:
    pages: int = 0  # HTML files read
    internal: int = 0  # internal URLs checked
    fragments: int = 0  # of which with a #fragment
    queries: int = 0  # of which with a ?query (asset versions)
    external: set[str] = field(default_factory=set)  # URLs with another scheme or host, not checked


def page_url(site: Path, file: Path, base: str) -> str:
    """The URL a file is served at: index.html files at their folder's URL."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return ORIGIN + base + rel


def ids_of(tree: Element) -> set[str]:
    """Every fragment a link can point at: id attributes, and name on <a>."""
    found = {e.attrs["id"] for e in tree.iter() if "id" in e.attrs}
    return found | {e.attrs["name"] for e in tree.iter() if e.tag == "a" and "name" in e.attrs}


def resolve(site: Path, path: str, base: str) -> tuple[Path | None, str]:
    """Map a URL path to the file a static server under `base` would send, or say why none."""
    if not path.startswith(base):
        return None, f"outside the base path {base}"
    rel = unquote(path[len(base):])
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
        return (target, "") if target.is_file() else (None, f"no index.html in {rel or '/'}")
    if target.is_dir():
        return None, "folder linked without a trailing slash"
    return (target, "") if target.is_file() else (None, "no such file")


def urls_of(element: Element) -> list[str]:
    urls = []
    for attr in URL_ATTRS.get(element.tag, ()):
        value = element.attrs.get(attr)
        if value is None:
            continue
        if attr == "srcset":
            urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
        else:
            urls.append(value)
    return urls


def check_site(site: Path, base: str = "/", allow_empty_fragment: bool = False) -> tuple[list[BrokenLink], Stats]:
    """Check every internal URL of every HTML file under `site`, served at `base` ("/" or "/repo/")."""
    assert base.startswith("/") and base.endswith("/"), base
    files = sorted(site.rglob("*.html"))
    sources = {f: f.read_text(encoding="utf-8") for f in files}
    trees = {f: parse_html(text) for f, text in sources.items()}
    ids = {f: ids_of(t) for f, t in trees.items()}
    problems: list[BrokenLink] = []
    stats = Stats(pages=len(files))
    for file, tree in trees.items():
        here = page_url(site, file, base)
        name = file.relative_to(site).as_posix()
        for element in tree.iter():
            for url in urls_of(element):
                def broken(reason: str) -> None:
                    source = sources[file]
                    at = source.find(html.escape(url)) if html.escape(url) in source else source.find(url)
                    problems.append(BrokenLink(name, source.count("\n", 0, max(at, 0)) + 1, url, reason))

                if url.strip() != url or not url:
                    broken("empty or padded URL")
                    continue
                absolute = urljoin(here, url)
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                    stats.external.add(url)
                    continue
                stats.internal += 1
                stats.queries += bool(parts.query)
                target, reason = resolve(site, parts.path, base)
                if target is None:
                    broken(reason)
                    continue
                if "#" in url:
                    stats.fragments += 1
                    if not parts.fragment:
                        if not allow_empty_fragment:
                            broken("empty fragment '#'")
                    elif target.suffix == ".html" and unquote(parts.fragment) not in ids.get(target, set()):
                        broken(f"no id '{parts.fragment}' in {target.relative_to(site).as_posix()}")
    return problems, stats
