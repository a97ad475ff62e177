"""What the command line prints: progress on a terminal only, only problems with --quiet, stage times with --verbose."""

from __future__ import annotations

import re
import shutil
import socket
import sys
from pathlib import Path

import pytest

from crosscut.cli import main

ROOT = Path(__file__).resolve().parents[1]
FAILED = "build failed; site/ was left as it was"
BUILT = r"built \S+ in \d+\.\ds\n"
CLEAR = "\r\x1b[K"  # return to the start of the line and erase it


def copy_small_project(target: Path) -> Path:
    """Copy the essays, their seeds, the pages and the templates; the curated layers are not needed here."""
    for part in ("seeds", "templates", "content/essays", "content/pages"):
        shutil.copytree(ROOT / part, target / part)
    shutil.copy(ROOT / "content" / "site.yml", target / "content" / "site.yml")
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away project that builds quickly (run with --no-search)."""
    return copy_small_project(tmp_path / "project")


def run(project: Path, capsys, *args: str, tty: bool = False, monkeypatch=None) -> tuple[int, str]:
    """Run the command line on the project; return its exit code and what it printed on stderr."""
    if tty:
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code = main(["--no-search", *args], root=project)
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def break_yaml(project: Path) -> str:
    """Make one essay's metadata malformed; return the start of the problem's line in the report."""
    path = project / "content" / "essays" / "mankoff.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: unknown", "date: [unknown"), encoding="utf-8")
    return "1. content/essays/mankoff.yml:"


def test_not_a_terminal_prints_one_line_and_no_progress(project, capsys):
    code, err = run(project, capsys)
    assert code == 0
    assert re.fullmatch(BUILT, err), err


def test_quiet_prints_nothing_when_all_is_well(project, capsys, monkeypatch):
    assert run(project, capsys, "--quiet") == (0, "")
    assert run(project, capsys, "--quiet", tty=True, monkeypatch=monkeypatch) == (0, "")


def test_quiet_still_prints_the_problems(project, capsys):
    first = break_yaml(project)
    code, err = run(project, capsys, "--quiet")
    assert code == 1
    assert err.startswith(first) and err.endswith(f"1 error(s), 0 warning(s)\n{FAILED}\n"), err


def test_verbose_prints_every_stage_with_its_time(project, capsys):
    code, err = run(project, capsys, "--verbose")
    assert code == 0
    *stages, built = err.splitlines(keepends=True)
    timed = [re.fullmatch(r"· (.+) \((\d+\.\d\d)s\)\n", line) for line in stages]
    assert all(timed), err
    names = [m.group(1) for m in timed]
    assert names[:2] == ["reading seeds and content", "cleaning 5 essays"]
    assert "rendering pages" in names and names[-1].startswith("wrote ")
    assert re.fullmatch(BUILT, built)
    assert "\r" not in err


def test_terminal_shows_progress_on_one_line_then_clears_it(project, capsys, monkeypatch):
    code, err = run(project, capsys, tty=True, monkeypatch=monkeypatch)
    assert code == 0
    assert f"{CLEAR}reading seeds and content…" in err and f"{CLEAR}rendering pages…" in err
    assert "\n" not in err.rsplit(CLEAR, 1)[0], "progress must redraw one line, not add lines"
    assert re.fullmatch(BUILT, err.rsplit(CLEAR, 1)[1]), err


def test_terminal_progress_is_cleared_before_the_problems(project, capsys, monkeypatch):
    first = break_yaml(project)
    code, err = run(project, capsys, tty=True, monkeypatch=monkeypatch)
    assert code == 1
    assert err.rsplit(CLEAR, 1)[1].startswith(first), err
    assert err.endswith(f"\n{FAILED}\n")


def test_verbose_on_a_terminal_does_not_redraw(project, capsys, monkeypatch):
    code, err = run(project, capsys, "--verbose", tty=True, monkeypatch=monkeypatch)
    assert code == 0
    assert "\r" not in err and err.startswith("· reading seeds and content (")


def test_serve_without_watchfiles_says_how_to_install_it(project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles now raises ImportError
    code, err = run(project, capsys, "serve")
    assert code == 1
    assert err == ("error: `serve` needs the watchfiles package, which is missing\n"
                   "    fix: install crosscut again (it depends on watchfiles), or pip install watchfiles\n")
    assert not (project / "site").exists()


def test_serve_on_a_busy_port_says_so(project, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, err = run(project, capsys, "serve", "--port", str(port))
    assert code == 1
    assert err.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert err.endswith(f"\n    fix: try --port {port + 1}\n")
