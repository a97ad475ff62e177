"""crosscut as a tool: a new project, the commands on any folder, and an install in a fresh environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, copy_project, run_build, snapshot
from crosscut.scaffold import new_project

def test_a_new_project_builds_with_no_warnings(tmp_path):
    demo = tmp_path / "demo"
    run = run_build(tmp_path, "new", str(demo))
    assert run.code == 0, run.stderr
    assert run.stderr.startswith(f"created {demo} with ")
    built = run_build(demo, "build", "--strict")
    assert built.code == 0, built.stderr
    assert "warning" not in built.stderr and "error" not in built.stderr, built.stderr
    essay = (demo / "site" / "essays" / "example-2024" / "index.html").read_text(encoding="utf-8")
    assert "Why Lighthouses Outlived Their Keepers" in essay and "Ada Example" in essay
    assert (demo / "site" / "themes" / "automation" / "index.html").is_file()
    assert (demo / "site" / "glossary" / "fresnel-lens" / "index.html").is_file()
    assert (demo / "site" / "about" / "index.html").is_file()
    assert (demo / "site" / "pagefind" / "pagefind.js").is_file(), "a new project gets search"

def test_new_never_writes_into_a_folder_that_holds_something(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    run = run_build(tmp_path, "new", str(tmp_path / "mine"))
    assert run.code == 1
    assert run.stderr == (f"error: {tmp_path / 'mine'} already exists and is not an empty folder; nothing was written\n"
                          "    fix: name a new folder, e.g. crosscut new my-collection\n")
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["notes.txt"]

def test_check_reports_problems_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    lock = (project / "content" / "passages.lock").read_bytes()
    theme = project / "content" / "themes" / "sanctions.md"
    theme.write_text(theme.read_text(encoding="utf-8") + "\nSee [[wallander-2003#p99]].\n", encoding="utf-8")
    run = run_build(project, "check")
    assert run.code == 1
    assert "content/themes/sanctions.md:" in run.stderr and "unknown paragraph 'wallander-2003#p99'" in run.stderr
    assert run.stderr.endswith("check failed\n")
    assert not (project / "site").exists()
    assert (project / "content" / "passages.lock").read_bytes() == lock
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "no staging folder either"

def test_the_project_folder_is_taken_from_dash_c(tmp_path):
    new_project(tmp_path / "demo")
    run = run_build(tmp_path, "build", "-C", str(tmp_path / "demo"), "--no-search", "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert (tmp_path / "demo" / "site" / "index.html").is_file()
    assert not (tmp_path / "site").exists()

def test_inspect_shows_each_line_of_a_seed(tmp_path):
    new_project(tmp_path / "demo")
    out = subprocess.run([sys.executable, "-m", "crosscut", "inspect", "-C", str(tmp_path / "demo"), "example-2024"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "→ title: Why Lighthouses Outlived Their Keepers" in out.stdout
    assert "→ author: Ada Example" in out.stdout and "→ ¶ 4" in out.stdout

def test_build_py_and_the_crosscut_command_give_the_same_site(tmp_path):
    """This repository's site is one project built by the tool: both entry points give the same bytes."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    one, two = tmp_path / "one", tmp_path / "two"
    by_script = subprocess.run([sys.executable, str(ROOT / "build.py"), "--quiet", "--out", str(one)],
                               capture_output=True, text=True, env=env, check=False)
    by_tool = subprocess.run([sys.executable, "-m", "crosscut", "build", "-C", str(ROOT), "--quiet", "--out", str(two)],
                             capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert (by_script.returncode, by_script.stderr) == (0, "")
    assert (by_tool.returncode, by_tool.stderr) == (0, "")
    assert snapshot(one) == snapshot(two)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def fetch(url: str, wait: float = 60) -> str:
    """GET a page, retrying until the server is up."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)

def test_a_fresh_environment_installs_the_tool_and_starts_a_collection(tmp_path):
    """pip install <repo> in a new virtual environment, then crosscut new, build and serve."""
    source = tmp_path / "src"  # a clean copy: no .venv, no site/, no build leftovers of this checkout
    ignore = shutil.ignore_patterns(".venv", "site", ".crosscut-cache", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis", "bench", "tests")
    shutil.copytree(ROOT, source, ignore=ignore)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(source)],
                         capture_output=True, text=True, check=False)
    assert pip.returncode == 0, pip.stderr[-2000:]
    crosscut = str(venv / "bin" / "crosscut")
    work = tmp_path / "work"
    work.mkdir()
    made = subprocess.run([crosscut, "new", "demo"], cwd=work, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    built = subprocess.run([crosscut, "build", "-C", "demo"], cwd=work, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert "warning" not in built.stderr, built.stderr
    assert (work / "demo" / "site" / "essays" / "example-2024" / "index.html").is_file()
    as_module = subprocess.run([str(venv / "bin" / "python"), "-m", "crosscut", "check", "-C", "demo"], cwd=work,
                               capture_output=True, text=True, check=False)
    assert as_module.returncode == 0, as_module.stderr
    port = free_port()
    server = subprocess.Popen([crosscut, "serve", "-C", "demo", "--port", str(port), "--no-search"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/essays/example-2024/")
        assert "Why Lighthouses Outlived Their Keepers" in page
    finally:
        server.terminate()
        server.wait(timeout=20)
