"""Every input, however broken, gets a message naming the file and line: never a traceback, never a hang.

Covers the read boundary (files that are not text, not files, or not in the project), YAML that
would expand without end or is misquoted, control characters, names that cannot be addresses,
HTML and unsafe links in curated Markdown, and a read mistake that must not hide later ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crosscut.curate import BUILT_IN

from conftest import ROOT, copy_project, run_build, snapshot
from test_diagnostics import report

SEED = "2013-troitskiy-setting-expectations-right.txt"
HTML_FIX = "write it in Markdown (*emphasis*, [text](https://…), > quote); HTML would show as text, and could run script"
CONTROL_FIX = "delete it: it is not text, and pages and feeds cannot carry it"
QUOTE_FIX = "close the quote; inside \"…\" write \\\" for a quote mark, inside '…' write ''"
SOURCE_FIX = "sources must be regular files inside the project; replace it with the file itself"


def url_fix(scheme: str) -> str:
    return f"point it at https://… or a site path such as /themes/; a {scheme}: address can run script or smuggle content"


def url_message(what: str, url: str) -> str:
    return f"{what} '{url}' is not allowed: only http, https and mailto addresses and paths within the site"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    """A fresh copy of the project (copied from a module-wide copy: faster than from the repository)."""
    import shutil
    return Path(shutil.copytree(pristine, tmp_path / "project", symlinks=True))


def build(project: Path, *args: str):
    return run_build(project, "--no-search", "--out", str(project / "site"), *args)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def line_with(path: Path, words: str) -> int:
    return next(n for n, line in enumerate(lines_of(path), 1) if words in line)


def add_page(project: Path, name: str, text: str = "---\ntitle: A page\n---\n\nSome words.\n") -> Path:
    path = project / "content" / "pages" / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- YAML


BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_yaml_alias_bomb_fails_within_a_second_at_its_line(tmp_path):
    """Ten lines that would stand for 387 million values: refused at the first alias, not expanded.

    Run in a child process with a deadline, so that a reader which does expand it fails the test
    instead of hanging the suite."""
    (tmp_path / "timeline.yml").write_text(BOMB, encoding="utf-8")
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from crosscut.problems import Problems
        from crosscut.yamlfile import read_yaml
        problems = Problems(Path({str(tmp_path)!r}))
        began = time.perf_counter()
        doc = read_yaml(Path({str(tmp_path / 'timeline.yml')!r}), problems)
        print(f"{{time.perf_counter() - began:.3f}}")
        print(*problems.items, sep="\\n")
    """)
    try:
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a ten-line alias bomb took more than 10 seconds")
    seconds, *problems = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert float(seconds) < 1.0
    assert problems == ["timeline.yml:2: error: malformed YAML: aliases (*a) are not allowed",
                        "    fix: write the value out in full where it is needed"]


def test_an_alias_in_the_timeline_is_reported_by_the_build(project):
    timeline = project / "content" / "timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + "\nrepeat: *x\n", encoding="utf-8")
    n = len(lines_of(timeline)) - 1
    run = build(project)
    assert run.stderr == report((f"content/timeline.yml:{n}", "malformed YAML: aliases (*x) are not allowed",
                                 "write the value out in full where it is needed"))


def test_an_unclosed_quote_is_reported_on_its_own_line(project):
    """PyYAML notices an unclosed quote at the end of the file; the mistake is where the quote opens."""
    path = project / "content" / "essays" / "mankoff.yml"
    lines = lines_of(path)
    n = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    lines[n - 1] = 'title: "Stop Having Unrealistic Expectations'
    path.write_text("\n".join(lines), encoding="utf-8")
    closes = next(i for i, line in enumerate(lines, 1) if i > n and '"' in line)
    assert closes > n + 3, "the next quote must come well after the open one for this test to mean anything"
    run = build(project)
    assert run.stderr == report((f"content/essays/mankoff.yml:{n}",
                                 f"malformed YAML: the quoted value that starts on this line runs on to line {closes}; "
                                 "is its closing quote missing?", QUOTE_FIX))


def test_a_quote_left_open_at_the_end_of_a_file_is_reported_on_its_line(project):
    path = project / "content" / "essays" / "mankoff.yml"
    path.write_text(path.read_text(encoding="utf-8") + 'date_note: "no date in the source\n', encoding="utf-8")
    n = len(lines_of(path)) - 1
    run = build(project)
    assert run.stderr == report((f"content/essays/mankoff.yml:{n}",
                                 "malformed YAML: the quoted value that starts on this line is never closed", QUOTE_FIX))


def test_yaml_that_is_not_utf8_names_its_file_and_line(project):
    glossary = project / "content" / "glossary.yml"
    data = glossary.read_bytes().replace("ABM Treaty".encode(), "ABM Trait\xe9".encode("latin-1"), 1)
    glossary.write_bytes(data)
    n = data[:data.index(b"\xe9")].count(b"\n") + 1
    run = build(project)
    assert run.stderr.startswith(f"1. content/glossary.yml:{n}: error: not UTF-8 text (byte 0xe9 cannot be decoded)\n"
                                 f"    fix: save the file as UTF-8\n"), run.stderr
    assert "Traceback" not in run.stderr and run.code == 1


def test_markdown_that_is_not_utf8_names_its_file_and_line(project):
    theme = project / "content" / "themes" / "sanctions.md"
    data = theme.read_bytes().replace(b"Jackson-Vanik", b"Jackson\x96Vanik", 1)
    theme.write_bytes(data)
    n = data[:data.index(b"\x96")].count(b"\n") + 1
    run = build(project)
    assert run.stderr == report((f"content/themes/sanctions.md:{n}", "not UTF-8 text (byte 0x96 cannot be decoded)",
                                 "save the file as UTF-8"))


def test_a_control_character_escaped_in_yaml_is_an_error(project):
    path = project / "content" / "essays" / "mankoff.yml"
    n = line_with(path, "title:")
    lines = lines_of(path)
    lines[n - 1] = 'title: "Stop Having\\x07 Unrealistic Expectations"'
    path.write_text("\n".join(lines), encoding="utf-8")
    run = build(project)
    assert run.stderr == report((f"content/essays/mankoff.yml:{n}", "invisible control character (U+0007) in a value",
                                 "delete the escape that makes it: it is not text, and pages and feeds cannot carry it"))


def test_a_control_character_in_markdown_is_an_error_at_its_line(project):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA line with a form\x0cfeed.\n", encoding="utf-8")
    n = len(lines_of(page)) - 1
    run = build(project)
    assert run.stderr == report((f"content/pages/about.md:{n}", "invisible control character (U+000C) in the text", CONTROL_FIX))


# ---------------------------------------------------------------- seeds


def test_control_characters_in_a_seed_are_reported_and_never_reach_the_html(project):
    seed = project / "seeds" / SEED
    text = seed.read_text(encoding="utf-8").replace("Unmet expectations", "Unmet\x00 expec\x1btations", 1)
    seed.write_text(text, encoding="utf-8")
    n = next(i for i, line in enumerate(text.split("\n"), 1) if "\x00" in line)
    run = build(project)
    assert run.code == 0, run.stderr
    assert run.stderr.split("\n", 1)[1].startswith(  # after the notice that the project sets no public address
        f"1. seeds/{SEED}:{n}: warning: 2 invisible control character(s) "
        f"(U+0000, U+001B) removed, the first on this line\n"
        "    fix: delete them from the seed: they are not text, and pages and feeds cannot carry them\n"), run.stderr
    page = (project / "site" / "essays" / "troitskiy-2013" / "index.html").read_bytes()
    assert b"Unmet expectations" in page
    for path, data in snapshot(project / "site").items():
        if path.endswith((".html", ".xml", ".txt", ".js", ".json")):  # text files: images hold any byte
            assert not any(byte in data for byte in (b"\x00", b"\x1b")), path


def test_a_seed_that_is_a_folder_is_reported(project):
    seed = project / "seeds" / SEED
    seed.unlink()
    seed.mkdir()
    run = build(project)
    assert run.stderr == report((f"seeds/{SEED}", f"{SEED} is a folder, not a file", SOURCE_FIX))


def test_a_seed_that_is_a_pipe_is_refused_without_waiting_on_it(project):
    """Reading a named pipe waits for a writer that never comes: run the build in a child with a deadline."""
    seed = project / "seeds" / SEED
    seed.unlink()
    os.mkfifo(seed)
    script = f"import sys; from pathlib import Path; from crosscut.cli import main; sys.exit(main(['--no-search'], root=Path({str(project)!r})))"
    try:
        child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the build waited on a named pipe given as a seed")
    assert child.stderr == report((f"seeds/{SEED}", f"{SEED} is not a regular file", SOURCE_FIX))


def test_control_characters_in_a_file_name_do_not_reach_the_terminal(project):
    name = "evil\x1b[2Jname.txt"
    (project / "seeds" / name).write_text("A title\n\nSome words of a seed without metadata.\n", encoding="utf-8")
    run = build(project)
    assert "\x1b" not in run.stderr
    assert "1. seeds/evil\\x1b[2Jname.txt: error: this seed has no metadata file\n" in run.stderr


def test_a_seed_linked_to_a_file_outside_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Title\n\nBy Someone\n\nroot:x:0:0:root:/root:/bin/bash, a secret that must never be published.\n",
                       encoding="utf-8")
    seed = project / "seeds" / SEED
    seed.unlink()
    seed.symlink_to(outside)
    run = build(project)
    assert run.stderr == report((f"seeds/{SEED}", f"{SEED} leads outside the project (to {outside})", SOURCE_FIX))
    assert not (project / "site").exists()


def test_etc_passwd_linked_as_a_seed_is_refused(project):
    seed = project / "seeds" / SEED
    seed.unlink()
    seed.symlink_to("/etc/passwd")
    run = build(project)
    assert run.code == 1
    assert f"seeds/{SEED}: error: {SEED} leads outside the project (to /etc/passwd)" in run.stderr


def test_a_seed_linked_to_a_file_inside_the_project_is_read(project):
    """Links that stay inside the project are followed (the documented rule): nothing leaves it."""
    archive = project / "archive"
    archive.mkdir()
    seed = project / "seeds" / SEED
    seed.rename(archive / SEED)
    seed.symlink_to(Path("..") / "archive" / SEED)
    run = build(project, "--quiet")
    assert (run.code, run.stderr) == (0, "")
    assert (project / "site" / "essays" / "troitskiy-2013" / "index.html").is_file()


def test_a_theme_linked_to_a_file_outside_the_project_is_refused(project, tmp_path):
    theme = project / "content" / "themes" / "sanctions.md"
    outside = tmp_path / "sanctions.md"
    theme.rename(outside)
    theme.symlink_to(outside)
    run = build(project)
    assert f"1. content/themes/sanctions.md: error: sanctions.md leads outside the project (to {outside})\n" in run.stderr
    assert "unknown theme" not in run.stderr, "references to the theme repeat its error"
    assert run.code == 1


def test_a_template_or_asset_linked_outside_the_project_is_refused(project, tmp_path):
    """Templates and assets are read by Jinja and copied into the site: none may come from outside."""
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN PRIVATE KEY-----\n", encoding="utf-8")
    (project / "templates" / "assets").mkdir()
    (project / "templates" / "assets" / "key.txt").symlink_to(secret)
    run = build(project)
    assert run.stderr == report(("templates/assets/key.txt", f"key.txt leads outside the project (to {secret})", SOURCE_FIX))
    assert not (project / "site").exists()


# ---------------------------------------------------------------- names that become addresses


@pytest.mark.parametrize("name", ["..md", "feed.xml.md", "About Us.md", "-x.md"])
def test_a_page_name_that_is_not_an_address_is_refused(project, name):
    add_page(project, name)
    stem = name.removesuffix(".md")
    run = build(project)
    assert run.stderr == report((f"content/pages/{name}", f"page name '{stem}' cannot be an address",
                                 "rename the file to lower-case words joined by hyphens, e.g. content/pages/reading-guide.md"))
    assert not (project / "index.html").exists() and not (project / "site").exists()


@pytest.mark.parametrize("name", ["essays", "search", "assets", "pagefind", "404"])
def test_a_page_may_not_take_an_address_of_the_site(project, name):
    add_page(project, f"{name}.md")
    run = build(project)
    assert run.stderr == report((f"content/pages/{name}.md", f"page name '{name}' is taken: the site's own {name}/ would be replaced",
                                 f"rename the file; these names are the site's own: {', '.join(BUILT_IN)}"))


def test_every_top_level_address_of_the_site_is_reserved(site):
    """BUILT_IN must name every folder the build makes at the top of the site, besides the pages."""
    pages = {p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
    folders = {p.name for p in site.path.iterdir() if p.is_dir()} - pages
    files = {p.name.split(".")[0] for p in site.path.iterdir() if p.is_file() and p.suffix == ".html" and p.stem != "index"}
    assert folders | files <= set(BUILT_IN), sorted((folders | files) - set(BUILT_IN))


def test_an_unknown_field_in_a_page_is_reported(project):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: About this collection",
                                                              "title: About this collection\ntitel: About"), encoding="utf-8")
    run = build(project)
    assert run.stderr == report(("content/pages/about.md:3", "page has unknown field 'titel' (did you mean 'title'?)",
                                 "known fields: title"))


# ---------------------------------------------------------------- HTML and links in curated Markdown


def test_html_in_a_theme_is_reported_at_its_line(project):
    theme = project / "content" / "themes" / "sanctions.md"
    theme.write_text(theme.read_text(encoding="utf-8") + "\nA picture: <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n",
                     encoding="utf-8")
    n = len(lines_of(theme)) - 3
    run = build(project)
    assert run.stderr == report((f"content/themes/sanctions.md:{n}", "HTML is not allowed in content: '<img src=x onerror=alert(1)>'", HTML_FIX),
                                (f"content/themes/sanctions.md:{n + 2}", "HTML is not allowed in content: '<script>alert(2)</script>'", HTML_FIX))


def test_a_link_in_raw_html_is_refused_as_html(project):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nSee <a href="javascript:alert(1)">this</a>.\n', encoding="utf-8")
    n = len(lines_of(page)) - 1
    run = build(project)
    assert run.stderr == report((f"content/pages/about.md:{n}", "HTML is not allowed in content: '<a href=\"javascript:alert(1)\">'", HTML_FIX))


@pytest.mark.parametrize("written, href, scheme", [
    ("[click](javascript:alert(1))", "javascript:alert(1)", "javascript"),
    ("[click](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)", "javascript"),
    ("[click](java&#x09;script:alert(1))", "java%09script:alert(1)", "javascript"),
    ("[click]( javascript&colon;alert(1))", "javascript:alert(1)", "javascript"),
    ("[click](vbscript:msgbox(1))", "vbscript:msgbox(1)", "vbscript"),
    ("<javascript:alert(1)>", "javascript:alert(1)", "javascript"),
    ("[click](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4=", "data"),
], ids=["plain", "mixed-case", "tab-entity", "colon-entity", "vbscript", "autolink", "data"])
def test_a_link_with_an_unsafe_scheme_is_refused(project, written, href, scheme):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nSee {written} for more.\n", encoding="utf-8")
    n = len(lines_of(page)) - 1
    run = build(project)
    assert run.stderr == report((f"content/pages/about.md:{n}", url_message("link to", href), url_fix(scheme)))


def test_a_reference_style_link_is_reported_where_its_target_is_defined(project):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the notes][n].\n\n[n]: vbscript:msgbox(1)\n", encoding="utf-8")
    n = len(lines_of(page)) - 1
    run = build(project)
    assert run.stderr == report((f"content/pages/about.md:{n}", url_message("link to", "vbscript:msgbox(1)"), url_fix("vbscript")))


def test_an_image_from_a_data_address_is_refused_in_an_essay_summary(project):
    path = project / "content" / "essays" / "troitskiy-2013.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  interests.\n", "  interests.\n  ![x](data:image/svg+xml;base64,PHN2Zz4=)\n", 1), encoding="utf-8")
    n = line_with(path, "![x]")
    run = build(project)
    assert run.stderr == report((f"content/essays/troitskiy-2013.yml:{n}", url_message("image from", "data:image/svg+xml;base64,PHN2Zz4="),
                                 url_fix("data")))


def test_html_in_a_glossary_description_and_a_claim_is_reported_at_their_lines(project):
    glossary = project / "content" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        'description: "Treaty the Bush', 'description: "<b onmouseover=alert(1)>Treaty</b> the Bush', 1), encoding="utf-8")
    essay = project / "content" / "essays" / "troitskiy-2013.yml"
    essay.write_text(essay.read_text(encoding="utf-8").replace(
        'text: "Pragmatism understood', 'text: "<svg onload=alert(1)> Pragmatism understood', 1), encoding="utf-8")
    run = build(project)
    assert run.stderr == report(
        (f"content/essays/troitskiy-2013.yml:{line_with(essay, '<svg')}", "HTML is not allowed in content: '<svg onload=alert(1)>'", HTML_FIX),
        (f"content/glossary.yml:{line_with(glossary, '<b onmouseover')}", "HTML is not allowed in content: '<b onmouseover=alert(1)>'", HTML_FIX))


def test_safe_links_build(project):
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[a](https://example.org/x:y) [b](/themes/) [c](mailto:a@example.org)"
                    " [d](#top) [e](notes/) `<b>code</b>`\n", encoding="utf-8")
    run = build(project, "--quiet")
    assert (run.code, run.stderr) == (0, "")


# ---------------------------------------------------------------- one run reports everything


def test_a_mistake_in_reading_does_not_hide_reference_errors(project):
    """A typo'd glossary kind is a read-stage error; the broken reference in a theme is still found."""
    glossary = project / "content" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("kind: treaty", "kind: treatie", 1), encoding="utf-8")
    theme = project / "content" / "themes" / "sanctions.md"
    theme.write_text(theme.read_text(encoding="utf-8") + "\nAs argued in [[wallander-2003#p99]].\n", encoding="utf-8")
    n = len(lines_of(theme)) - 1
    run = build(project)
    assert run.stderr == report(
        (f"content/glossary.yml:{line_with(glossary, 'abm-treaty:')}", "entry 'abm-treaty' has unknown kind 'treatie' (did you mean 'treaty'?)",
         "use one of: person, treaty, institution, place, event, program, concept"),
        (f"content/themes/sanctions.md:{n}", "unknown paragraph 'wallander-2003#p99' (the essay has 33 paragraphs)",
         "number paragraphs as the essay page shows them: p1 to p33"))


def test_an_unreadable_essay_does_not_bring_its_references_down_with_it(project):
    """Themes cite troitskiy-2013 often; with its seed missing, each citation would only repeat that."""
    (project / "seeds" / SEED).unlink()
    run = build(project)
    assert "unknown essay" not in run.stderr and "troitskiy-2013#" not in run.stderr, run.stderr
    assert run.code == 1


# ---------------------------------------------------------------- site settings that end up in addresses


@pytest.mark.parametrize("setting, value, message, fix", [
    ("base_url", '"/x\\"><script>alert(1)</script>/"',
     "the base URL '/x\"><script>alert(1)</script>/' may hold only letters, digits and - . _ ~ between its slashes",
     "serve the site under a plain path such as /crosscut/ (set by base_url, url or --base-url)"),
    ("url", '"https://example.org/a b"', "setting 'url' must be an absolute address, got 'https://example.org/a b'",
     'write it as url: "https://user.github.io/repo/"'),
    ("url", '"javascript:alert(1)//"', "setting 'url' must be an absolute address, got 'javascript:alert(1)//'",
     'write it as url: "https://user.github.io/repo/"'),
    ("language", '"en\\" onload=\\"x"', "setting 'language' must be a language code such as 'en' or 'pt-BR', got 'en\" onload=\"x'",
     'write it as language: "en"'),
    ("repository", '"javascript:alert(1)"', "setting 'repository' must be a web address, got 'javascript:alert(1)'",
     'write it as repository: "https://github.com/user/repo", or leave it empty'),
], ids=["base_url", "url-space", "url-scheme", "language", "repository"])
def test_a_site_setting_that_could_break_out_of_an_address_is_refused(project, setting, value, message, fix):
    site = project / "content" / "site.yml"
    lines = [line for line in lines_of(site) if not line.startswith(f"{setting}:")]
    site.write_text("\n".join(lines) + f"\n{setting}: {value}\n", encoding="utf-8")
    run = build(project)
    assert run.stderr == report(("content/site.yml", message, fix)), run.stderr
