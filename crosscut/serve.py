"""Serve the built site on 127.0.0.1, rebuild when sources change, reload open pages after each build."""

from __future__ import annotations

import html
import os
import sys
import threading
import traceback
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from .config import read_config
from .passages import LOCK_FILE
from .pipeline import Options
from .problems import Problems

WATCHED = ("seeds", "content", "templates")
LOCK_NAME = Path(LOCK_FILE).name
EVENTS = "/__crosscut/events"  # server-sent events: the number of the latest finished build


@dataclass
class State:
    """The latest build as the server sees it: the watcher writes it, request threads read it."""

    out: Path  # folder the site is built into; served by path, so the atomic swap is picked up
    base: str = "/"  # path the site is served under ("/" or "/repo/")
    generation: int = 0  # number of finished builds, good or failed; open pages reload when it moves
    failure: str = ""  # problem report of the latest build when it failed, else ""
    closed: bool = False  # the server is stopping; event streams end
    changed: threading.Condition = field(default_factory=threading.Condition)  # wakes the event streams
    loaded: object = None  # the project as the last good build loaded it (crosscut.load.Loaded), for the quick look

    def finish(self, failure: str, base: str) -> None:
        """Record a finished build and wake every page waiting for one."""
        with self.changed:
            self.generation, self.failure, self.base = self.generation + 1, failure, base
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until a build newer than `seen` finishes (or timeout); return the latest generation."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen or self.closed, timeout)
            return self.generation

    def close(self) -> None:
        """Let every event stream end."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()


def reload_script(generation: int) -> str:
    """The script served pages get: reload when a build other than the one this page came from finishes."""
    return (f'<script>/* crosscut serve: live reload */ new EventSource("{EVENTS}").onmessage = '
            f'(event) => {{ if (event.data !== "{generation}") location.reload(); }};</script>')


def overlay(failure: str) -> str:
    """A fixed panel with the problems of the failed build, over the last good page."""
    return ('<div id="crosscut-problems" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
            'max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;'
            'background:#3b0d0c;color:#fff;font:14px/1.45 ui-monospace,monospace;border-top:4px solid #e5484d">'
            '<strong>Build failed: showing the last good site. Fix the problems below and save.</strong>'
            f'<pre style="white-space:pre-wrap;margin:.75rem 0 0">{html.escape(failure)}</pre></div>')


def inject(page: str, state: State) -> str:
    """Add the reload script, and the problems overlay while the latest build is failing, before </body>."""
    extra = reload_script(state.generation) + (overlay(state.failure) if state.failure else "")
    at = page.lower().rfind("</body>")
    return page[:at] + extra + page[at:] if at >= 0 else page + extra


class Handler(SimpleHTTPRequestHandler):
    """Files from the output folder under the base path; HTML pages get the reload script injected."""

    server: Server

    def do_GET(self) -> None:
        """Route a request: the event stream, a redirect into the base path, a page, or any other file."""
        state, route = self.server.state, urlsplit(self.path).path
        if route == EVENTS:
            return self.send_events(state)
        if not route.startswith(state.base):
            return self.redirect(state.base) if route in ("/", state.base.rstrip("/")) else self.send_404(state)
        page = self.find_page(route)
        if page:
            return self.send_page(page, 200)
        if not Path(self.translate_path(route)).exists():
            return self.send_404(state)
        super().do_GET()  # assets, feeds, and folders without a trailing slash (redirected)

    def translate_path(self, path: str) -> str:
        """Map a URL under the base path to a file in the output folder (by path, so a swapped site is seen)."""
        base = self.server.state.base
        return super().translate_path("/" + path[len(base):] if path.startswith(base) else path)

    def find_page(self, route: str) -> Path | None:
        """The HTML file a route names (a folder's index.html when it ends in /), if there is one."""
        file = Path(self.translate_path(route))
        if route.endswith("/"):
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def send_page(self, file: Path, status: int) -> None:
        """Send an HTML page with the reload script, and the problems overlay while the build is failing."""
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:  # no site built yet, or a file swapped away mid-request
            text = "<!doctype html><title>Not found</title><h1>Not found</h1>"
        body = inject(text, self.server.state).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_404(self, state: State) -> None:
        """Answer with the site's own 404 page, as GitHub Pages would."""
        self.send_page(state.out / "404.html", 404)

    def redirect(self, location: str) -> None:
        """Send the browser to the base path."""
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_events(self, state: State) -> None:
        """Stream the number of every finished build to an open page (server-sent events)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while not state.closed:
                latest = state.wait(seen, timeout=15)
                self.wfile.write(f"data: {latest}\n\n".encode() if latest != seen else b": waiting\n\n")
                self.wfile.flush()
                seen = latest
        except ConnectionError:
            pass  # the page was closed or reloaded

    def log_message(self, format: str, *args) -> None:
        """Keep the terminal for build messages rather than one line per request."""


class Server(ThreadingHTTPServer):
    """The HTTP server on 127.0.0.1, holding the build state its handlers read."""

    def __init__(self, state: State, port: int):
        super().__init__(("127.0.0.1", port), partial(Handler, directory=str(state.out)))
        self.state = state

    def handle_error(self, request, client_address) -> None:
        """Ignore browsers hanging up mid-response; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def site_base(options: Options) -> str:
    """The base path the site is built for, as the build itself works it out."""
    return read_config(options.root, Problems(options.root), options.base_url, options.url).base_url


def rebuild_once(options: Options, state: State, rebuild: Callable[[Callable], str], say: Callable[[str], None]) -> None:
    """Build, keep serving the last good site when that fails, and tell the open pages."""
    def keep(loaded) -> None:
        state.loaded = loaded
    try:
        failure = rebuild(keep)
    except Exception:  # a broken template or a bug must not stop the server
        failure = traceback.format_exc()
        print(failure, file=sys.stderr)
    if failure:
        say("build failed; still serving the last good site, with the problems shown on every page")
    state.finish(failure, site_base(options))


def describe(changes: set, root: Path) -> str:
    """Name the changed files, a few at most."""
    names = sorted({Path(os.path.relpath(path, root)).as_posix() for _, path in changes})
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def quick_look(options: Options, state: State, changes: set, say: Callable[[str], None]) -> None:
    """Before the build, put the page of each essay whose seed alone was saved on screen (see preview.py)."""
    if state.loaded is None or state.failure or not options.write:
        return
    from .preview import preview
    try:
        written = preview(state.loaded, options.root, options.out, {Path(path) for _, path in changes})
    except Exception:  # a quick look that fails is only skipped: the build follows and says what is wrong
        if os.environ.get("CROSSCUT_DEBUG"):
            traceback.print_exc()
        return
    if not written:
        return
    say(f"quick look: {', '.join(written)} updated; building the rest")
    state.finish("", state.base)
    if options.search:  # the shard that holds the page is indexed again now; the build then finds it in the cache
        from .cache import Cache
        from .search import index_site
        try:
            index_site(options.out, Cache.of_project(options.root)[0])
        except Exception:  # Pagefind failed: the build that follows reports it
            if os.environ.get("CROSSCUT_DEBUG"):
                traceback.print_exc()


def serve(options: Options, port: int, rebuild: Callable[[Callable], str], say: Callable[[str], None]) -> int:
    """Build, serve on 127.0.0.1:port and rebuild on every change until Ctrl-C; return the exit code."""
    try:
        import watchfiles  # only serving needs it
    except ImportError:
        print("error: `serve` needs the watchfiles package, which is missing\n    fix: install crosscut again (it depends on watchfiles), or pip install watchfiles", file=sys.stderr)
        return 1
    state = State(options.out)
    try:
        server = Server(state, port)
    except OSError as err:
        print(f"error: cannot listen on 127.0.0.1:{port}: {err.strerror}\n    fix: try --port {port + 1}",
              file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()  # serves the previous site meanwhile
    try:
        for number, changes in enumerate(watch(options, watchfiles)):
            if changes:
                say(f"changed: {describe(changes, options.root)}")
                quick_look(options, state, changes, say)
            rebuild_once(options, state, rebuild, say)
            if number == 0:
                say(f"serving http://127.0.0.1:{server.server_port}{state.base} "
                    f"and watching {', '.join(WATCHED)} (Ctrl-C to stop)")
    except KeyboardInterrupt:
        say("stopped")
    finally:
        state.close()
        server.shutdown()
        server.server_close()
    return 0


def watch(options: Options, watchfiles):
    """Yield an empty batch once watching has begun (time for the first build), then every batch of changes."""
    folders = [options.root / name for name in WATCHED if (options.root / name).is_dir()]
    # Build only after the watcher is up, so no edit made during the first build is missed;
    # watchfiles says it is up by yielding an empty batch when its first wait times out.
    first = True
    for changes in watchfiles.watch(*folders, yield_on_timeout=True, rust_timeout=200):
        # the build writes the passage lock itself; that write is not an edit to rebuild for
        changes = {(kind, path) for kind, path in changes if Path(path).name not in (LOCK_NAME, f".{LOCK_NAME}.new")}
        if changes or first:
            yield changes
        first = False
