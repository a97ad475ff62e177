"""Browser fixtures: the session builds served on 127.0.0.1 (at / and under /crosscut/), and chromium.

Every page a test opens is watched (`watched_context`, `open_page`): the test fails when a
request leaves 127.0.0.1 or the page logs a console error.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

# Debian's chromium, never a browser of Playwright's own
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 900}
# one page of each type; the search page with results showing, the 404 page at an unknown address
PAGES = {
    "home": "",
    "essays index": "essays/",
    "essay with sections": "essays/wallander-2003/",
    "essay without author": "essays/where-to-now-2021/",
    "citation page": "essays/wallander-2003/cite/",
    "themes index": "themes/",
    "theme": "themes/sanctions/",
    "reading list": "themes/sanctions/reading/",
    "glossary index": "glossary/",
    "glossary entry": "glossary/putin/",
    "timeline": "timeline/",
    "map": "map/",
    "about": "about/",
    "search with results": "search/?q=sanctions",
    "404": "no-such-page/",
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches chromium once per session; this points it at Debian's build."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# ---------------------------------------------------------------- serving


class SiteHandler(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: the site under `base`, 404.html for anything else."""

    base = "/"  # URL path the site is served under; set per server

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if path + "/" == self.base:
            path = self.base
        if not path.startswith(self.base):
            return str(Path(self.directory) / "404.html" / "outside")  # never a file: 404
        return super().translate_path("/" + path[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@dataclass(frozen=True)
class Served:
    folder: Path  # the built site
    base: str  # "/" or "/crosscut/"
    origin: str  # http://127.0.0.1:PORT

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path ("essays/x/") as the browser sees it."""
        return self.origin + self.base + path.lstrip("/")


def serve(folder: Path, base: str):
    """Serve `folder` under `base` on a free port of 127.0.0.1 in a daemon thread."""
    handler = type("Handler", (SiteHandler,), {"base": base})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, Served(folder, base, f"http://127.0.0.1:{server.server_port}")


@pytest.fixture(scope="session")
def served_root(site):
    server, served = serve(site.path, "/")
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served_sub(site_sub):
    server, served = serve(site_sub.path, "/crosscut/")
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["/", "/crosscut/"], ids=["root", "subpath"])
def served(request):
    """The site at the domain root, then under /crosscut/."""
    return request.getfixturevalue("served_root" if request.param == "/" else "served_sub")


# ---------------------------------------------------------------- pages under watch


@dataclass
class Watch:
    """What the pages of one context did that they should not."""

    outside: list[str] = field(default_factory=list)  # requests to anywhere but 127.0.0.1
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    expected: list[str] = field(default_factory=list)  # regexes of console errors a test expects

    def problems(self) -> list[str]:
        errors = [e for e in self.errors if not any(re.search(x, e) for x in self.expected)]
        return [f"request left 127.0.0.1: {u}" for u in self.outside] + [f"console: {e}" for e in errors]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def watched_context(browser, **options):
    """A new browser context, and the Watch that records its requests beyond 127.0.0.1 and its
    console errors. (Requests are only listened to: routing them all would disable the cache and
    cost half a second on every search page.)"""
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)  # a page of this site that takes longer is broken
    watch = Watch()
    context.on("request", lambda r: None if is_local(r.url) else watch.outside.append(r.url))
    context.on("console", lambda m: watch.errors.append(f"{m.text} ({m.location.get('url')})")
               if m.type == "error" else None)
    context.on("weberror", lambda e: watch.errors.append(f"uncaught: {e.error}"))
    return context, watch


@pytest.fixture
def open_page(browser):
    """open_page(**context_options) -> (page, watch): a page in a fresh watched context.

    At the end of the test, any request that tried to leave 127.0.0.1, console error or
    uncaught exception fails it.
    """
    opened = []

    def open_(**options):
        context, watch = watched_context(browser, **options)
        opened.append((context, watch))
        return context.new_page(), watch

    yield open_
    problems = []
    for context, watch in opened:
        context.close()
        problems += watch.problems()
    assert problems == [], "\n".join(problems)


def goto(page, watch, served, path: str) -> None:
    """Open a page of PAGES and wait until it is ready: search results shown, where there are any."""
    response = page.goto(served.url(path))
    if path == PAGES["404"]:
        assert response.status == 404
        watch.expected.append(r"status of 404")  # chromium logs the status of the page itself
    else:
        assert response.status == 200, f"{path}: HTTP {response.status}"
    if path.startswith("search/"):
        page.wait_for_selector(".pagefind-ui__result")
