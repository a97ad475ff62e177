"""The HTML of references: each [[…]] as a citation, a link or a quote, from the Cite the analysis made of it.

The Markdown renderer calls render_refs for each reference token with the render's env, which
holds the text's Cites in reading order ("cites") and whether the page gives landing ids
("ids"). Nothing is looked up or decided here: every word and address comes with the Cite.

Citations sit in a span of class "citation", which search leaves out (search.EXCLUDE): the
words of a title cited on a page are not the page's own.
"""

from __future__ import annotations

from functools import cache, partial
from itertools import groupby
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .markdown import make_markdown
from .refs import Ref
from .urls import Links

if TYPE_CHECKING:  # resolve.py makes the Cites, and asks plain_text for the words of its descriptions
    from .resolve import Cite


class Mismatch(Exception):
    """The renderer met a reference the analysis did not list at that place (a bug in crosscut)."""


def cites_for(refs: list[Ref], meta: dict, env: dict) -> list[Cite]:
    """The Cites of one token's references, checked against what the token holds."""
    cites = [env["cites"][n] for n in meta["at"]]
    if [c.written for c in cites] != refs:
        raise Mismatch(f"references {refs} met where the analysis has {[c.written for c in cites]}")
    return cites


def render_refs(links: Links, refs: list[Ref], meta: dict, env: dict) -> str:
    """HTML for one reference, or for citations written side by side: one parenthesis that names
    each essay once, "(Wallander, “…”, ¶ 14, ¶ 17; Yu, “…”, ¶ 3)", each ¶ its own link.

    A compact citation (in a discussion question, whose sentence names the essay) is its ¶ links
    alone, inside the writer's own brackets: "According to Wallander (¶ 9, ¶ 17)". It stays in
    the search index, so that an excerpt does not read "()"."""
    cites = cites_for(refs, meta, env)
    ids = env.get("ids", False)
    compact = cites[0].compact and plain_citation(cites[0].ref) and not meta["cell"]
    if len(cites) == 1 and not compact:
        return render_cite(links, cites[0], meta, ids)
    runs = [list(run) for _, run in groupby(cites, key=lambda c: c.ref.slug)]
    parts = []
    for run in runs:
        who = run[0].by if meta["cell"] or compact else run[0].work
        shown = []
        for c in run:
            full = escape(c.citation)  # the link's name out of context: a screen reader's link list
            mark = c.mark.replace(" ", "\u00a0") if compact else c.mark
            link = f'<a class="cite" href="{links.link(c.path)}" title="{full}" aria-label="{full}">{mark}</a>'
            shown.append(f'<span class="cited" id="{c.anchor}">{link}</span>' if ids and c.anchor else link)
        if compact and len(runs) == 1:
            parts.append(", ".join(shown))
        else:
            parts.append(f'{escape(who)}{" " if meta["cell"] or compact else ", "}{", ".join(shown)}')
    inner = "; ".join(parts)
    return inner if compact else f'<span class="citation">({inner})</span>'


def plain_citation(ref: Ref) -> bool:
    """A reference to paragraphs that shows as a citation: neither quoted nor relabelled."""
    return ref.kind == "essay" and ref.first is not None and not ref.embed and not ref.label


def render_cite(links: Links, c: Cite, meta: dict, ids: bool) -> str:
    """HTML for one [[…]] reference: a citation link, a glossary or theme link, or a quote."""
    href, label = links.link(c.path), c.ref.label
    if c.ref.kind == "glossary":
        return f'<a class="term" href="{href}" title="{escape(c.tooltip)}">{escape(label or c.name)}</a>'
    if c.ref.kind == "theme":
        return f'<a class="theme-link" href="{href}">{escape(label or c.name)}</a>'
    ident = f' id="{c.anchor}"' if ids and c.anchor else ""
    if c.ref.embed:
        if meta["block"]:
            body = "".join(f"<p>{escape(part)}</p>" for part in c.quote.split("\n\n"))
            return (f'<figure class="quote"{ident}><blockquote cite="{href}">{body}</blockquote>'
                    f'<figcaption><a class="cite" href="{href}">{escape(c.citation)}</a></figcaption></figure>\n')
        return (f'<q cite="{href}"{ident}>{escape(c.quote)}</q> '
                f'<span class="citation">(<a class="cite" href="{href}">{escape(c.citation)}</a>)</span>')
    if label:
        html = f'<a class="cite" href="{href}" title="{escape(c.citation)}">{escape(label)}</a>'
    elif meta["cell"]:
        html = f'<span class="citation">(<a class="cite" href="{href}" title="{escape(c.citation)}">{escape(c.short)}</a>)</span>'
    else:
        html = f'<span class="citation">(<a class="cite" href="{href}">{escape(c.citation)}</a>)</span>'
    # the anchor goes on a span: a link as the target of a backlink would take the focus, and its preview
    return f'<span class="cited"{ident}>{html}</span>' if ident else html


@cache
def plain_reader() -> MarkdownIt:
    """A renderer that formats references as pages do, for their words alone (no link survives plain_text)."""
    return make_markdown("/", partial(render_refs, Links("/", "")))


def plain_text(text: str, cites: tuple[Cite, ...]) -> str:
    """A curated text as plain text (a tooltip, a feed summary): emphasis gone, each reference as the words it shows."""
    return Markup(plain_reader().renderInline(text, {"cites": cites, "ids": False})).striptags()
