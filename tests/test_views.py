"""Views and addresses: templates get plain data only, and every address comes from crosscut/urls.py."""

from __future__ import annotations

import ast
import re
import shutil
from functools import partial
from pathlib import Path

import pytest
from markupsafe import Markup

from crosscut import urls
from crosscut.feeds import feed_views
from crosscut.layout import site_views
from crosscut.load import load
from crosscut.markdown import make_markdown
from crosscut.refhtml import render_refs
from crosscut.urls import Links
from crosscut.views import Context

from golden.regen import SOURCE

ENGINE = Path(urls.__file__).resolve().parent
PLAIN = (str, Markup, int, float, bool, type(None))


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> dict[str, tuple[str, dict]]:
    """Every view of the golden fixture's site, the feeds' too."""
    project = tmp_path_factory.mktemp("views") / "project"
    shutil.copytree(SOURCE, project)
    loaded = load(project)
    assert not loaded.problems.items
    links = Links(loaded.config.base_url, loaded.config.url)
    md = make_markdown(loaded.config.base_url, partial(render_refs, links))
    pages = site_views(Context(loaded.site, loaded.analysis, loaded.config, links, md))
    return pages | feed_views(loaded.config, loaded.site, loaded.analysis, links, list(pages))


def not_plain(value, where: str):
    """Every place in a view that holds something other than dicts, lists or tuples, text, Markup and numbers."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from not_plain(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            yield from not_plain(item, f"{where}[{n}]")
    elif not isinstance(value, PLAIN):
        yield f"{where}: {type(value).__name__}"


def test_templates_get_plain_data_only(views):
    assert len(views) > 15
    found = [place for path, (_, view) in views.items() for place in not_plain(view, path or "home")]
    assert found == []


def test_every_page_knows_its_own_path(views):
    for path, (template, view) in views.items():
        if template.endswith(".html"):
            assert view["path"] == path


# ---------------------------------------------------------------- the layout, spelled once


def test_each_kind_of_page_has_its_address():
    assert [urls.essay("x"), urls.paragraph("x", 12), urls.section("x", "s"), urls.theme("t"), urls.reading("t"),
            urls.entry("g"), urls.event("e"), urls.page("about"), urls.page(""), urls.asset("style.css"),
            urls.card("essays/x/"), urls.card(""), urls.feed(), urls.sitemap()] == [
        "essays/x/", "essays/x/#p12", "essays/x/#s", "themes/t/", "themes/t/reading/", "glossary/g/", "timeline/#e",
        "about/", "", "assets/style.css", "cards/essays/x.png", "cards/index.png", "feed.xml", "sitemap.xml"]
    assert urls.output_file("essays/x/") == "essays/x/index.html" and urls.output_file("404.html") == "404.html"
    assert urls.reserved() == ("essays", "themes", "glossary", "timeline", "map", "search", "assets", "cards", "pagefind", "404")


def test_links_go_under_the_base_and_absolute_addresses_only_with_a_public_one():
    links = Links("/repo/", "https://example.org/repo/", {"assets/style.css": "abc"})
    assert links.link(urls.essay("x")) == "/repo/essays/x/" and links.link(urls.asset("style.css")) == "/repo/assets/style.css?v=abc"
    assert links.absolute(urls.theme("t")) == "https://example.org/repo/themes/t/"
    assert Links("/", "").absolute(urls.theme("t")) == ""


PATHS = re.compile(r"""["'](?:essays|themes|glossary|timeline|map|search|assets|cards|pagefind)/|["'](?:feed|sitemap)\.xml["']""")


def test_no_template_spells_an_address():
    for path in sorted((ENGINE / "templates").glob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not PATHS.search(text), (path.name, PATHS.search(text))
            assert "url(" not in text and "absolute(" not in text, path.name


def test_no_module_but_urls_spells_an_address():
    """Site paths are built in urls.py only; every other module asks it."""
    for path in sorted(ENGINE.glob("*.py")):
        if path.name == "urls.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.startswith(("\n", " ")):
                assert not PATHS.search(f'"{node.value}'), (path.name, node.lineno, node.value)
