"""`build.py serve`: pages get live reload, edits rebuild, a broken edit shows its problems over the last good site."""

from __future__ import annotations

import html
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from test_cli import ROOT, copy_small_project

EVENTS = "/__crosscut/events"
OVERLAY = 'id="crosscut-problems"'
SUMMARY = "A short statement that the United States and Russia"  # from content/essays/mankoff.yml
# Run the command line in the project folder, as `python build.py serve` does in the real one.
LAUNCH = ("import sys; from pathlib import Path; from crosscut.cli import main; "
          "sys.exit(main(sys.argv[1:], root=Path.cwd()))")


@dataclass
class Served:
    root: Path  # the project being served
    url: str  # where the site is, ending in its base path
    process: subprocess.Popen  # the running `serve`
    log: Path  # everything it printed

    def get(self, path: str = "") -> tuple[int, str]:
        """Fetch a path under the site's base URL; return status and body."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what: str, timeout: float = 10.0):
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def start(project: Path, *args: str, base: str = "/") -> Served:
    """Start `serve --no-search` on a free port and wait until it answers."""
    port, log = free_port(), project.parent / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, "serve", "--no-search", "--port", str(port), *args],
                               cwd=project, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    served = Served(project, f"http://127.0.0.1:{port}{base}", process, log)

    def answers() -> bool:
        assert process.poll() is None, f"serve exited early:\n{served.output()}"
        try:
            return served.get()[0] == 200
        except OSError:
            return False

    wait_for(answers, "the server to answer", timeout=20)
    return served


def stop(served: Served) -> None:
    """Stop the server as Ctrl-C would."""
    served.process.send_signal(signal.SIGINT)
    try:
        served.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_small_project(tmp_path / "project")


@pytest.fixture
def served(project):
    """The small project served at the root."""
    running = start(project)
    yield running
    stop(running)


def edit(path: Path, old: str, new: str) -> str:
    """Replace text in a file; return the file's previous text."""
    before = path.read_text(encoding="utf-8")
    assert old in before
    path.write_text(before.replace(old, new), encoding="utf-8")
    return before


def test_served_pages_get_the_reload_script_but_files_on_disk_do_not(served):
    status, page = served.get("essays/mankoff/")
    assert status == 200 and SUMMARY in page
    assert f'new EventSource("{EVENTS}")' in page and OVERLAY not in page
    on_disk = (served.root / "site" / "essays" / "mankoff" / "index.html").read_text(encoding="utf-8")
    assert EVENTS not in on_disk and on_disk != page
    status, css = served.get("assets/style.css")
    assert status == 200 and EVENTS not in css
    status, missing = served.get("no/such/page/")
    assert status == 404 and EVENTS in missing


def test_an_edit_rebuilds_and_tells_open_pages(served):
    with urllib.request.urlopen(served.url.rstrip("/") + EVENTS, timeout=20) as events:
        first = events.readline()
        if first == b"data: 0\n":  # the site is in place, but the first build was still finishing when asked
            assert events.readline() == b"\n"
            first = events.readline()
        assert first == b"data: 1\n"  # the build at start
        assert events.readline() == b"\n"
        meta = served.root / "content" / "essays" / "mankoff.yml"
        edit(meta, SUMMARY, "An edited summary: the United States and Russia")
        assert events.readline() == b"data: 2\n"
    page = wait_for(lambda: "An edited summary" in (p := served.get("essays/mankoff/")[1]) and p, "the edited page")
    assert SUMMARY not in page and OVERLAY not in page
    assert "changed: content/essays/mankoff.yml" in served.output()


def test_a_saved_seed_is_on_its_page_before_the_build_ends(served):
    """The quick look: the essay's page is written as soon as its seed is saved, then the build follows."""
    seed = served.root / "seeds" / "2013-troitskiy-setting-expectations-right.txt"
    edit(seed, "expectations", "expectations (seen at once)")
    page = wait_for(lambda: "seen at once" in (p := served.get("essays/troitskiy-2013/")[1]) and p, "the edited page")
    assert OVERLAY not in page
    output = wait_for(lambda: "built " in served.output().split("changed:")[-1] and served.output(), "the build after it")
    assert "quick look: essays/troitskiy-2013/index.html updated; building the rest" in output
    assert output.index("quick look:") < output.rindex("built ")


def test_a_broken_edit_shows_its_problems_over_the_last_good_site(served):
    meta = served.root / "content" / "essays" / "mankoff.yml"
    good = edit(meta, "date: unknown", "date: [unknown")
    page = wait_for(lambda: OVERLAY in (p := served.get("essays/mankoff/")[1]) and p, "the problems overlay")
    assert SUMMARY in page, "the last good site must still be served"
    numbered = wait_for(lambda: [line for line in served.output().splitlines() if line.startswith("1. ")], "the report")
    problem = numbered[0]
    assert problem.startswith("1. content/essays/mankoff.yml:") and "error: malformed YAML" in problem
    assert html.escape(problem) in page
    assert "still serving the last good site" in served.output()
    assert OVERLAY in served.get()[1], "every page shows the problems"

    meta.write_text(good, encoding="utf-8")
    page = wait_for(lambda: OVERLAY not in (p := served.get("essays/mankoff/")[1]) and p, "the overlay to go")
    assert SUMMARY in page and EVENTS in page


def test_a_site_with_a_base_path_is_served_under_it(project):
    served = start(project, "--base-url", "/crosscut/", base="/crosscut/")
    try:
        with urllib.request.urlopen(served.url.replace("/crosscut/", "/"), timeout=5) as home:
            assert home.url == served.url  # "/" redirects to the base path
        status, page = served.get("essays/mankoff/")
        assert status == 200 and SUMMARY in page and 'href="/crosscut/' in page and EVENTS in page
        assert "serving " + served.url in served.output()
        with pytest.raises(urllib.error.HTTPError) as outside:
            urllib.request.urlopen(served.url.replace("/crosscut/", "/essays/mankoff/"), timeout=5)
        assert outside.value.code == 404
    finally:
        stop(served)
    assert served.process.returncode == 0
    assert served.output().endswith("stopped\n")
