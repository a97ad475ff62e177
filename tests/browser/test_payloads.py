"""No script from content runs: every page type of a site built from payloads in every field.

The fixture (tests/payloads.py) puts script payloads in every field a maintainer or a seed can
fill, including the HTML and javascript: links the read stage refuses. The site is built with
that read-stage check switched off, so what is tested here is the renderer's own refusal, and
the search page's handling of what Pagefind indexed. A page fails when a dialog opens (every
payload calls alert), or when its DOM holds an inline handler, a script we did not write, a
frame, or a javascript:, vbscript: or data: address.
"""

from __future__ import annotations

import re

import pytest

import crosscut.markdown

from conftest import ROOT, run_build
from payloads import BYLINE, write_payload_project

from .conftest import serve, watched_context

PAGES = {
    "home": "",
    "essays index": "essays/",
    "essay read by the cleaner": "essays/payload-seed/",
    "essay with metadata": "essays/payload-meta/",
    "themes index": "themes/",
    "theme": "themes/payloads/",
    "reading list": "themes/payloads/reading/",
    "glossary index": "glossary/",
    "glossary entry": "glossary/acme-payload/",
    "timeline": "timeline/",
    "map": "map/",
    "page": "payloads/",
    "about": "about/",
    "search": "search/?q=payload",
    "404": "no-such-page/",
}

# Everything a page may run or link to that could carry script, as the DOM has it after loading.
# The only exceptions are our own: the empty data: icon in base.html, and the javascript:void(0)
# form action Pagefind's UI gives its search box; and the inline scripts our own templates write
# (read from the templates here, so a script that came from content can never pass as ours).
OUR_INLINE_SCRIPTS = [m.group(1) for path in sorted((ROOT / "crosscut" / "templates").glob("*.html"))
                      for m in re.finditer(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.DOTALL)
                      if "{{" not in m.group(1) and "{%" not in m.group(1)]
BREACHES = """(ours) => {
  const found = [];
  const allowed = new Set(['LINK href=data:,', 'FORM action=javascript:void(0);']);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`inline handler: ${el.outerHTML.slice(0, 160)}`);
      const address = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(a.name.toLowerCase());
      if (address && /^[\\s\\x00-\\x1f]*(javascript|vbscript|data)\\s*:/i.test(a.value)
          && !allowed.has(`${el.tagName} ${a.name}=${a.value}`)) found.push(`unsafe address: ${el.outerHTML.slice(0, 160)}`);
    }
    if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) found.push(`element: ${el.outerHTML.slice(0, 160)}`);
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json') {
      try { JSON.parse(s.textContent); } catch (e) { found.push(`JSON-LD that is not JSON: ${s.textContent.slice(0, 160)}`); }
      continue;
    }
    const src = s.getAttribute('src') || '';
    if (!src && ours.includes(s.textContent)) continue;
    if (!/^\\/(assets|pagefind)\\/[\\w.-]+\\.js(\\?v=\\w+)?$/.test(src)) found.push(`script: ${s.outerHTML.slice(0, 160)}`);
  }
  for (const style of document.querySelectorAll('style')) {
    // the print footer is one @page rule: a citation that broke out of its CSS string would add rules
    if (style.media === 'print' && style.sheet.cssRules.length !== 1) found.push(`print style broken: ${style.textContent.slice(0, 160)}`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    """The payload project built with search, the read-stage Markdown check off, served at /."""
    folder = tmp_path_factory.mktemp("payloads")
    project, out = write_payload_project(folder / "project"), folder / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crosscut.markdown, "check_markdown", lambda text, notes=True: [], raising=False)
        run = run_build(project, "--quiet", "--out", str(out))
    assert run.code == 0, run.stderr
    server, served = serve(out, "/")
    yield served
    server.shutdown()
    server.server_close()


def open_watched(browser, served, path: str):
    """Open a page of the payload site; return it, its Watch and the dialogs it opened."""
    context, watch = watched_context(browser)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(served.url(path))
    assert response.status == (404 if path == PAGES["404"] else 200), path
    if path == PAGES["404"]:
        watch.expected.append(r"status of 404")
    if path.startswith("search/"):
        page.wait_for_selector(".pagefind-ui__result")
        page.wait_for_selector(".pagefind-ui__filter-value", state="attached")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_timeout(300)  # an image's error handler or an SVG's load handler fires after loading
    return context, page, watch, dialogs


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_script_from_content_runs(browser, payload_site, path):
    context, page, watch, dialogs = open_watched(browser, payload_site, path)
    try:
        breaches = page.evaluate(BREACHES, OUR_INLINE_SCRIPTS)
    finally:
        context.close()
    assert dialogs == [], f"script from content ran on {path}: {dialogs}"
    assert breaches == [], "\n".join(breaches)
    assert watch.problems() == []


def test_payloads_are_shown_as_text(browser, payload_site):
    """Escaped, not stripped: the reader sees what the source says."""
    context, page, _, _ = open_watched(browser, payload_site, PAGES["essay read by the cleaner"])
    try:
        header = page.inner_text(".essay-header")
        first = page.inner_text("#p1")
    finally:
        context.close()
    # the cleaner curls the quotes of a seed: compare up to the first one. It does not take a byline
    # that names no person for an author, so the line stands in the header as what it is, text
    assert BYLINE.split("'")[0] in header
    assert "</script><script>alert(" in first


def test_search_filters_show_values_as_plain_text(browser, payload_site):
    """Pagefind's UI puts filter values into the page as HTML, so we hand it values that hold no markup."""
    context, page, _, dialogs = open_watched(browser, payload_site, PAGES["search"])
    try:
        labels = page.eval_on_selector_all(".pagefind-ui__filter-label", "els => els.map(e => e.textContent)")
        images = page.eval_on_selector_all(".pagefind-ui__filter-panel img, .pagefind-ui__filter-panel svg", "els => els.length")
    finally:
        context.close()
    assert dialogs == [] and images == 0
    assert any(label.startswith("<\u2060img src=x onerror=alert('byline')>") for label in labels), labels
