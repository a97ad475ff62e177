"""Markdown for curated pages: front matter, CommonMark with tables, site-relative links.

Content may not carry HTML, as in Hugo by default: raw HTML is never passed through (it would be
shown as text), and a link or image may only point at an http, https or mailto address or a path
within the site. check_markdown reports each breach with its line at the read stage; the renderer
refuses the same things on its own, so nothing from content can run script in a reader's browser.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify

from .refs import REF, Ref, RefSyntaxError, parse_ref

from .problems import Problems
from .yamlfile import YamlDoc, read_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)


def split_front_matter(path: Path, text: str, problems: Problems) -> tuple[YamlDoc | None, str, int]:
    """Cut '---' front matter off a Markdown file; return (metadata, body, line the body starts on)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return YamlDoc(path, {}, {}), text, 1
    # parse the front matter in place, so reported lines match the file (the opening '---' is line 1)
    doc = read_yaml(path, problems, text="\n" + (m.group(1) or ""))
    return doc, text[m.end():], text[:m.end()].count("\n") + 1


def make_markdown(base_url: str, render_refs: Callable[[list[Ref], dict, dict], str] | None = None) -> MarkdownIt:
    """CommonMark plus tables, heading ids and passage references, with "/path" links put under the base URL.

    render_refs(refs, meta, env) returns the HTML for one [[…]] reference, or for a run of plain
    citations written side by side, which read as one parenthesis (env is the render's env).
    meta["at"] holds the position of each reference among the text's references, in reading
    order (list_refs gives them in the same order), meta["block"] is True for a quote standing
    alone in its paragraph, meta["cell"] for a reference in a table cell.
    """
    md = MarkdownIt("commonmark", {"typographer": True, "html": False}).enable(["table", "replacements", "smartquotes"])
    md.validateLink = lambda url: not unsafe_scheme(url)  # a refused link stays text
    # h2 and h3 get ids, so a section can be linked to and search results land on it
    anchors_plugin(md, min_level=2, max_level=3, slug_func=slugify)
    add_footnotes(md)
    if render_refs:
        md.inline.ruler.before("link", "xref", read_xref)
        md.core.ruler.push("xref_order", number_refs)
        md.core.ruler.push("xref_blocks", lift_quotes)
        md.core.ruler.push("xref_cells", mark_cells)
        md.core.ruler.push("xref_runs", join_citations)
        md.add_render_rule("xref", lambda renderer, tokens, i, options, env: render_refs(tokens[i].meta["refs"], tokens[i].meta, env))

    def prefix_links(state) -> None:
        for token in state.tokens:
            for child in token.children or ():
                attr = {"link_open": "href", "image": "src"}.get(child.type)
                url = child.attrGet(attr) if attr else None
                if url and url.startswith("/") and not url.startswith("//"):
                    child.attrSet(attr, base_url + url[1:])

    md.core.ruler.push("prefix_links", prefix_links)
    return md


# Footnotes ([^1] in the text, "[^1]: …" below) are numbered in order of first use and listed at the
# end of the page's body under "Notes". Their ids hold an underscore, which a heading's slug never
# does, so they cannot clash with a section's id; there is one body with notes per page.
FOOTNOTES = "footnotes_heading"


def add_footnotes(md: MarkdownIt) -> None:
    """Footnotes as accessible notes: a numbered link whose name says "Note 1", and a back link."""
    footnote_plugin(md, inline=False)

    def number(tokens, i) -> str:
        return str(tokens[i].meta["id"] + 1)

    def ref_id(tokens, i) -> str:
        sub = tokens[i].meta.get("subId", 0)
        return f"fnref_{number(tokens, i)}" + (f"_{sub + 1}" if sub > 0 else "")

    md.add_render_rule("footnote_ref", lambda self, tokens, i, options, env: (
        f'<sup class="fnref"><a href="#fn_{number(tokens, i)}" id="{ref_id(tokens, i)}" '
        f'aria-label="Note {number(tokens, i)}">{number(tokens, i)}</a></sup>'))
    md.add_render_rule("footnote_block_open", lambda self, tokens, i, options, env: (
        f'<section class="footnotes" aria-labelledby="{FOOTNOTES}">\n<h2 id="{FOOTNOTES}">Notes</h2>\n<ol>\n'))
    md.add_render_rule("footnote_block_close", lambda self, tokens, i, options, env: "</ol>\n</section>\n")
    md.add_render_rule("footnote_open", lambda self, tokens, i, options, env: f'<li id="fn_{number(tokens, i)}">')
    md.add_render_rule("footnote_close", lambda self, tokens, i, options, env: "</li>\n")
    md.add_render_rule("footnote_anchor", lambda self, tokens, i, options, env: (
        f' <a class="fnback" href="#{ref_id(tokens, i)}" aria-label="Back to the text of note {number(tokens, i)}'
        + (f' ({tokens[i].meta["subId"] + 1})' if tokens[i].meta["subId"] > 0 else "") + '">↩\ufe0e</a>'))


SAFE_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop or skip these, even inside "java\tscript:"


def unsafe_scheme(url: str) -> str:
    """The scheme of a link target when it is not http, https or mailto ("" for those and for paths).

    The test is on the address as a browser could read it: entities and %-escapes decoded, case
    folded, spaces and control characters dropped, so "JaVa&#9;script:" is caught as "javascript"."""
    plain = INVISIBLE.sub("", unquote(html.unescape(url))).lower()
    m = SCHEME.match(plain)
    return m.group(1) if m and m.group(1) not in SAFE_SCHEMES else ""


@cache
def checker() -> MarkdownIt:
    """A parser that keeps what rendering refuses (raw HTML, every link), so it can be reported."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table"])
    md.validateLink = lambda url: True
    md.inline.ruler.before("link", "xref", skip_xref)  # references are checked by the analysis, not here
    # every [^label] is kept, defined or not, and the notes stay where they are written (for their lines)
    footnote_plugin(md, inline=False, move_to_end=False, always_match_refs=True)
    return md


def skip_xref(state, silent: bool) -> bool:
    """Inline rule: step over [[…]] as the renderer would, so its inside is not read as a link."""
    m = REF.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        state.push("xref", "", 0)
    state.pos = m.end()
    return True


def check_markdown(text: str, notes: bool = True) -> list[tuple[int, tuple[str, ...], str, str]]:
    """What content may not hold: (line within the text, words to find it by, most telling first, message, fix).

    With `notes` False (a one-line field such as a description) the text may not hold footnotes."""
    found, defined, cited = [], {}, {}
    for block in checker().parse(text):
        first = block.map[0] if block.map else 0
        if block.type == "html_block":
            found.append((first, (block.content.split("\n")[0],), *html_problem(block.content)))
        if block.type == "footnote_reference_open":
            defined.setdefault(block.meta["label"], first)
        line, html_lines = first, set()
        for token in block.children or ():
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "html_inline" and line not in html_lines:
                html_lines.add(line)
                found.append((line, (token.content,), *html_problem(token.content)))
            elif token.type in ("link_open", "image"):
                url = token.attrGet("href" if token.type == "link_open" else "src") or ""
                scheme = unsafe_scheme(url)
                if scheme:
                    found.append((line, (url, unquote(html.unescape(url)), scheme + ":"), *url_problem(token.type, url, scheme)))
            elif token.type == "footnote_ref":
                cited.setdefault(token.meta["label"], line)
    return found + footnote_problems(defined, cited, notes)


def footnote_problems(defined: dict[str, int], cited: dict[str, int], notes: bool) -> list:
    """A note cited but never written, or written but never cited (it would not show); any note where notes have no place."""
    if not notes:
        return [(line, (f"[^{label}]",), f"footnote [^{label}] in a one-line field",
                 "footnotes belong in the body of a theme or page, which lists them at its end; write the note into the text")
                for label, line in sorted({**defined, **cited}.items(), key=lambda item: item[1])]
    return ([(line, (f"[^{label}]",), f"footnote [^{label}] has no text",
              f"add its note on a line of its own below the paragraph: [^{label}]: …")
             for label, line in cited.items() if label not in defined]
            + [(line, (f"[^{label}]:",), f"footnote [^{label}] is never referred to, so it would not be shown",
                f"put [^{label}] in the text where the note belongs, or delete the note")
               for label, line in defined.items() if label not in cited])


def html_problem(snippet: str) -> tuple[str, str]:
    shown = snippet.strip().split("\n")[0]
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return (f"HTML is not allowed in content: '{shown}'",
            "write it in Markdown (*emphasis*, [text](https://…), > quote); HTML would show as text, and could run script")


def url_problem(kind: str, url: str, scheme: str) -> tuple[str, str]:
    shown = url if len(url) <= 60 else url[:59] + "…"
    what = "image from" if kind == "image" else "link to"
    return (f"{what} '{shown}' is not allowed: only http, https and mailto addresses and paths within the site",
            f"point it at https://… or a site path such as /themes/; a {scheme}: address can run script or smuggle content")


def report_markdown(text: str, path: Path, problems: Problems, first_line: int = 1, raw: str | None = None,
                    notes: bool = True) -> None:
    """Report what check_markdown finds in text that starts on `first_line` of `path`.

    `raw` is the text as written in the file from first_line on (a YAML field's lines, quotes and
    all); a problem goes on the line where its words are, since a link's target may be defined
    lines away and YAML folding moves lines about."""
    lines = [line.lower() for line in (text if raw is None else raw).split("\n")]
    for offset, needles, message, fix in check_markdown(text, notes):
        for needle in (n.strip().lower() for n in needles):
            on = [n for n, line in enumerate(lines) if needle and needle in line]
            if on:
                offset = offset if offset in on else on[0]
                break
        problems.error(path, first_line + offset, message, fix)


def report_field(doc: YamlDoc, problems: Problems, *at) -> None:
    """Check one Markdown field of a YAML document (a summary, a claim's text) where it is written."""
    value = doc.data
    for key in at:
        if not isinstance(value, (dict, list)) or (key not in value if isinstance(value, dict) else key >= len(value)):
            return
        value = value[key]
    if isinstance(value, str):
        first, raw = doc.excerpt(*at)
        report_markdown(value, doc.path, problems, first, raw, notes=False)


def read_xref(state, silent: bool) -> bool:
    """Inline rule: turn [[…]] or ![[…]] at the cursor into one 'xref' token (one that does not parse stays text)."""
    m = REF.match(state.src, state.pos)
    if not m:
        return False
    try:
        ref = parse_ref(m.group(2), embed=bool(m.group(1)))
    except RefSyntaxError:  # reported with its line when the file is read; the build stops before rendering
        return False
    if not silent:
        token = state.push("xref", "", 0)
        token.meta = {"refs": [ref], "at": [], "block": False, "cell": False}
    state.pos = m.end()
    return True


def xref_tokens(tokens):
    """Every reference token of parsed Markdown, in reading order."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "xref":
                yield child


def number_refs(state) -> None:
    """Give each reference its position among the text's references, before runs are joined."""
    for n, token in enumerate(xref_tokens(state.tokens)):
        token.meta["at"] = [n]


@cache
def ref_reader() -> MarkdownIt:
    """A parser that meets references exactly as the renderer does (the same rules), for list_refs."""
    return make_markdown("/", lambda refs, meta, env: "")


def list_refs(text: str) -> list[Ref]:
    """The references of a Markdown text in the order the renderer meets them (meta["at"] counts in this order)."""
    found: list[Ref] = []
    for token in xref_tokens(ref_reader().parse(text)):
        found.extend(token.meta["refs"])
    return found


def lift_quotes(state) -> None:
    """A quote alone in its paragraph becomes a block: hide the <p> around it."""
    tokens = state.tokens
    for i in range(1, len(tokens) - 1):
        children = [c for c in tokens[i].children or () if not (c.type == "text" and not c.content.strip())]
        if (tokens[i - 1].type == "paragraph_open" and len(children) == 1 and children[0].type == "xref"
                and children[0].meta["refs"][0].embed):
            children[0].meta["block"] = True
            tokens[i - 1].hidden = tokens[i + 1].hidden = True


def mark_cells(state) -> None:
    """References in table cells get a compact citation: the column already names the essay."""
    in_cell = False
    for token in state.tokens:
        if token.type in ("td_open", "th_open", "td_close", "th_close"):
            in_cell = token.type.endswith("_open")
        elif in_cell and token.type == "inline":
            for child in token.children or ():
                if child.type == "xref":
                    child.meta["cell"] = True


def plain_citation(token) -> bool:
    """A reference shown as "(Author, “Title”, ¶ n)": to a paragraph, neither quoted nor relabelled."""
    refs = token.meta["refs"] if token.type == "xref" else ()
    return len(refs) == 1 and refs[0].kind == "essay" and refs[0].first is not None and not refs[0].embed and not refs[0].label


def join_citations(state) -> None:
    """Citations written side by side become one token, so they read "(Wallander, “…”, ¶ 14, ¶ 17; Yu, “…”, ¶ 3)"."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        out, children, i = [], token.children, 0
        while i < len(children):
            first, end = children[i], i + 1
            joinable = plain_citation(first)
            while joinable:  # take in the next citation when only spaces or a line break stand between
                gap = end
                while gap < len(children) and children[gap].type in ("text", "softbreak") and not children[gap].content.strip():
                    gap += 1
                joinable = gap < len(children) and plain_citation(children[gap]) and children[gap].meta["cell"] == first.meta["cell"]
                if joinable:
                    first.meta["refs"].append(children[gap].meta["refs"][0])
                    first.meta["at"].extend(children[gap].meta["at"])
                    end = gap + 1
            out.append(first)
            i = end
        token.children = out
