"""Content never becomes markup: what the read stage refuses, and how values are escaped where they land.

The browser test (tests/browser/test_payloads.py) shows that no payload runs; these tests pin the
rules underneath: exactly the constructs content may not hold are reported, each at its line;
every value handed to Pagefind is plain text; JSON-LD, the print footer's CSS string and the
Atom feed keep their payloads as data.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from crosscut.markdown import make_markdown, unsafe_scheme
from crosscut.search import plain_value

from conftest import run_build
from payloads import TEXT, write_payload_project


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory) -> Path:
    return write_payload_project(tmp_path_factory.mktemp("payloads") / "project")


def test_the_read_stage_reports_exactly_the_lines_content_may_not_hold(payload_project):
    """Every line marked REFUSED in the fixture is reported, and no other: text that only looks like
    markup (written as references, escaped, in code) is accepted."""
    run = run_build(payload_project, "--no-search", "--out", str(payload_project / "site"))
    assert run.code == 1
    reported = {(m.group(1), int(m.group(2))) for m in re.finditer(r"^\d+\. (\S+):(\d+): error: ", run.stderr, re.M)}
    marked = {(path.relative_to(payload_project).as_posix(), n)
              for path in sorted((payload_project / "content").rglob("*")) if path.is_file()
              for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "REFUSED" in line}
    assert reported == marked, run.stderr
    assert not (payload_project / "site").exists()


@pytest.fixture(scope="module")
def payload_site(payload_project, tmp_path_factory) -> Path:
    """The payload project built with the read-stage check off (only the renderer stands in the way)."""
    import crosscut.markdown
    out = tmp_path_factory.mktemp("payload-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crosscut.markdown, "check_markdown", lambda text, notes=True: [], raising=False)
        run = run_build(payload_project, "--no-search", "--quiet", "--out", str(out))
    assert run.code == 0, run.stderr
    return out


def test_json_ld_keeps_payloads_as_data(payload_site):
    page = (payload_site / "essays" / "payload-meta" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["headline"] == TEXT["script"] + " Payloads in Metadata"
    assert data["author"][0]["name"] == TEXT["attr"] + " Author"


def test_the_print_footer_keeps_its_citation_inside_one_css_string(payload_site):
    page = (payload_site / "essays" / "payload-meta" / "index.html").read_text(encoding="utf-8")
    style = re.search(r'<style media="print">(.*?)</style>', page, re.S).group(1)
    content = re.search(r'@bottom-left\{content:("(?:[^"\\\n\r\f]|\\.)*");font', style)
    assert content, style  # one well-formed CSS string, then the rest of the rule as we wrote it
    assert "</" not in style


def test_meta_tags_and_attributes_hold_payloads_as_text(payload_site):
    page = (payload_site / "essays" / "payload-meta" / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<meta [^>]*>", page):
        assert re.fullmatch(r'<meta( [a-z:-]+="[^"<>]*")+>', tag), tag


def test_the_feed_is_xml_whose_text_holds_the_payloads(payload_site):
    feed = ET.parse(payload_site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in feed.findall("a:entry/a:title", ns)]
    assert TEXT["script"] + " Payloads in Metadata" in titles
    assert {e.tag.split("}")[1] for e in feed.iter()} <= {"feed", "title", "subtitle", "link", "id", "updated", "author",
                                                          "name", "entry", "published", "summary", "content", "category"}


# ---------------------------------------------------------------- the rules, one by one


J = "\u2060"  # the invisible WORD JOINER that keeps a "<" or "&" from starting anything


@pytest.mark.parametrize("text, plain", [
    ("<img src=x onerror=alert(1)>", f"<{J}img src=x onerror=alert(1)>"),
    ("</script>", f"<{J}/script>"),
    ("<!-- x -->", f"<{J}!-- x -->"),
    ("<?xml", f"<{J}?xml"),
    ("AT&T", f"AT&{J}T"),
    ("&lt;script&gt;", f"&{J}lt;script&{J}gt;"),
    ("&#60;img", f"&{J}#60;img"),
    ("Smith & Jones", "Smith & Jones"),
    ("a < b", "a < b"),
    ("line\nbreak\x00", "line break"),
])
def test_values_for_pagefind_hold_nothing_that_starts_markup(text, plain):
    assert plain_value(text) == plain


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:x",
                                 "java%09script:x", "&#106;avascript:x", "javascript&colon;x", "vbscript:x", "data:text/html,x",
                                 "data:image/png;base64,xx", "file:///etc/passwd", "\x01javascript:x"])
def test_unsafe_schemes_are_found_however_they_are_written(url):
    assert unsafe_scheme(url)


@pytest.mark.parametrize("url", ["https://example.org/a:b", "http://x.y", "mailto:a@example.org", "/themes/", "notes/",
                                 "#p4", "?q=1", "//example.org/x"])
def test_safe_addresses_pass(url):
    assert unsafe_scheme(url) == ""


def test_the_renderer_refuses_html_and_unsafe_links_on_its_own():
    html = make_markdown("/").render("<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> and [x](javascript:alert(1)) "
                                     "and <javascript:alert(2)> and [y](data:text/html,hi).\n")
    assert "<script" not in html and "<img" not in html and "<a" not in html
    assert "&lt;script&gt;" in html
