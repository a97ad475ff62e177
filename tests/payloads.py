"""A project full of script payloads, in every field a maintainer or a seed can fill.

`write_payload_project(target)` copies the real project and adds to it: a seed whose title,
byline, outlet, paragraphs, heading and notes carry payloads (the cleaner decides its metadata);
an essay whose metadata carries them in every field; a theme, a page, glossary entries and a
timeline event with payloads in every field; and payloads in the site settings.

Two kinds of payload:
- text that merely looks like markup, written the ways Markdown allows (character references,
  backslash escapes, code, link titles, reference labels): the build must accept it and show it
  as text;
- what content may not hold at all (raw HTML, javascript:/data:/vbscript: links): every line that
  holds one carries the word REFUSED, so a test can check that the read stage reports exactly
  those lines. To see that the renderer refuses them on its own too, the browser test builds the
  project with the read-stage check switched off.

Every payload that would run calls alert(), so an opened dialog is proof of a breach.
"""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project

# text that looks like markup, for plain-text fields (titles, names, notes)
TEXT = {
    "img": "<img src=x onerror=alert('img')>",
    "script": "</script><script>alert('script')</script>",
    "attr": "\"'><svg onload=alert('attr')>",
    "style": "</style><script>alert('style')</script>",
    "entity": "&lt;img src=x onerror=alert('entity')&gt;",
    "css": "\" } body { background: url(javascript:alert('css')) } @page { x: \"",
}
BYLINE = "<img src=x onerror=alert('byline')>"  # the example: a byline the cleaner reads as the author

# the ways Markdown lets curated text hold what looks like markup; all must render as text
MARKDOWN_TEXT = (
    "Written as references: &lt;img src=x onerror=alert('md-entity')&gt; and &#60;script&#62;alert('md-num')&#60;/script&#62;. "
    "Escaped: \\<img src=x onerror=alert('md-escape')>. "
    "As code: `<script>alert('md-code')</script>`. "
    "[A titled link](https://example.org/ \"x\\\" onmouseover=\\\"alert('md-title')\") "
    "and [a quoted address](<https://example.org/a\"onmouseover=\"alert('md-href')>)."
)
# what content may not hold; each is refused at the read stage, and by the renderer on its own
REFUSED = (
    "REFUSED raw: <img src=x onerror=alert('raw-img')> <a href=\"javascript:alert('raw-a')\">a</a> "
    "[js](javascript:alert('md-js')) [case](JaVaScRiPt:alert('md-case')) [tab](java&#x09;script:alert('md-tab')) "
    "[vb](vbscript:msgbox('md-vb')) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+) "
    "<javascript:alert('md-auto')>"
)
REFUSED_BLOCK = "<script>alert('raw-script')</script> REFUSED"


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


SEED = f"""\
{TEXT['img']} Payloads in a Seed

By {BYLINE}

December 05, 2013

The <b onmouseover=alert('outlet')>Times</b>

The first paragraph talks about sanctions and Acme "Payload" <Corp>, and it holds {TEXT['attr']} and {TEXT['script']} in the middle of its words, so that a reader sees them as text and nothing runs at all.

{TEXT['style']} A heading

The second paragraph holds {TEXT['entity']} and {TEXT['css']} and javascript:alert('text') as plain words, and it goes on long enough to be read as a paragraph of the essay and not as chrome.

The third paragraph is quiet and talks about arms control, the treaties and the sanctions once more.

Source: https://example.org/payload"><script>alert('source')</script>
"""

URL = 'https://example.org/x"><script>alert(\'url\')</script>'  # passes the url check: https://, no spaces
LABELLED = " [[payload-seed#p1|<img src=x onerror=alert('label')>]]"  # a reference's own words are text

META = f"""\
source: payload-meta.txt
title: {yaml_text(TEXT['script'] + ' Payloads in Metadata')}
subtitle: {yaml_text(TEXT['img'])}
authors:
  - name: {yaml_text(TEXT['attr'] + ' Author')}
    affiliation: {yaml_text(TEXT['style'])}
  - name: {yaml_text(BYLINE)}
date: "2019-06"
date_note: {yaml_text(TEXT['img'] + ' ' + TEXT['css'])}
outlet: {yaml_text("<b onmouseover=alert('meta-outlet')>Outlet</b> &amp; Sons")}
series: {yaml_text(TEXT['css'])}
url: {yaml_text(URL)}
summary: {yaml_text(MARKDOWN_TEXT + LABELLED)}
thesis:
  at: p1
  text: {yaml_text(MARKDOWN_TEXT)}
claims:
  - at: p2
    text: {yaml_text(REFUSED)}
"""

META_SEED = """\
A Plain Title

By Nobody Special

March 2019

The first paragraph of the second payload essay, whose metadata carries the payloads instead, talks about sanctions.

The second paragraph goes on about arms control and treaties, long enough to be a paragraph.
"""

THEME = f"""\
---
title: {yaml_text(TEXT['img'] + ' Payload theme')}
short: {yaml_text(TEXT['attr'])}
description: {yaml_text(MARKDOWN_TEXT + ' ' + REFUSED)}
questions:
  - {yaml_text(MARKDOWN_TEXT)}
  - {yaml_text(REFUSED)}
---

## Heading with \\<img src=x onerror=alert('h2')> and `<script>`

{MARKDOWN_TEXT}

The seed says [[payload-seed#p1]], quoted:

![[payload-seed#p1]]

Labelled [[payload-seed#p2|<svg onload=alert('xref-label')>]] and [[g:acme-payload]].

{REFUSED}

{REFUSED_BLOCK}

See [the defined link][ref].

[ref]: javascript:alert('ref-def') "REFUSED"

| essay | says |
|---|---|
| [[payload-seed#p1]] | `<script>` and &lt;b&gt; |
"""

PAGE = f"""\
---
title: {yaml_text(TEXT['script'] + ' Payload page')}
---

{MARKDOWN_TEXT}

{REFUSED}

{REFUSED_BLOCK}
"""

GLOSSARY = f"""
acme-payload:
  name: 'Acme "Payload" <Corp>'
  kind: institution
  aliases: [{yaml_text(TEXT['img'])}]
  description: {yaml_text(MARKDOWN_TEXT + ' [[payload-seed#p1]] ' + REFUSED)}
"""

TIMELINE = f"""
payload-event:
  date: "2012"
  title: {yaml_text(TEXT['img'] + ' event')}
  short: {yaml_text(TEXT['attr'])}
  date_note: {yaml_text(TEXT['script'])}
  passages: [payload-seed#p1, payload-meta#p2]
"""


def write_payload_project(target: Path) -> Path:
    """The real project plus every payload above; returns the project folder."""
    project = copy_project(target)
    (project / "seeds" / "payload-seed.txt").write_text(SEED, encoding="utf-8")
    (project / "content" / "essays" / "payload-seed.yml").write_text("source: payload-seed.txt\n", encoding="utf-8")
    (project / "seeds" / "payload-meta.txt").write_text(META_SEED, encoding="utf-8")
    (project / "content" / "essays" / "payload-meta.yml").write_text(META, encoding="utf-8")
    (project / "content" / "themes" / "payloads.md").write_text(THEME, encoding="utf-8")
    (project / "content" / "pages" / "payloads.md").write_text(PAGE, encoding="utf-8")
    with open(project / "content" / "glossary.yml", "a", encoding="utf-8") as glossary:
        glossary.write(GLOSSARY)
    with open(project / "content" / "timeline.yml", "a", encoding="utf-8") as timeline:
        timeline.write(TIMELINE)
    site = project / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    text = text.replace('title: "crosscut"', f"title: {yaml_text(TEXT['script'] + ' crosscut')}")
    text = text.replace("description: \"", f"description: {yaml_text(TEXT['attr'])}\nold_description: \"", 1)
    text = "\n".join(line for line in text.split("\n") if not line.startswith("old_description:"))
    site.write_text(text + 'url: "https://example.org/"\n', encoding="utf-8")  # so that the feed is written
    return project
