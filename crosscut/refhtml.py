"""The HTML of references: each [[…]] as a citation, a link or a quote, from the Cite the analysis made of it.

The Markdown renderer calls render_refs for each reference token with the render's env, which
holds the text's Cites in reading order ("cites") and whether the page gives landing ids
("ids"). Nothing is looked up or decided here: every word and address comes with the Cite.
"""

from __future__ import annotations

from itertools import groupby

from markupsafe import escape

from .refs import Ref
from .resolve import Cite
from .urls import Links


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
    each essay once, "(Wallander, “…”, ¶ 14, ¶ 17; Yu, “…”, ¶ 3)", each ¶ its own link."""
    cites = cites_for(refs, meta, env)
    ids = env.get("ids", False)
    if len(cites) == 1:
        return render_cite(links, cites[0], meta, ids)
    parts = []
    for _, run in groupby(cites, key=lambda c: c.ref.slug):
        run = list(run)
        who = run[0].by if meta["cell"] else run[0].work
        shown = []
        for c in run:
            full = escape(c.citation)  # the link's name out of context: a screen reader's link list
            link = f'<a class="cite" href="{links.link(c.path)}" title="{full}" aria-label="{full}">{c.mark}</a>'
            shown.append(f'<span class="cited" id="{c.anchor}">{link}</span>' if ids and c.anchor else link)
        parts.append(f'{escape(who)}{" " if meta["cell"] else ", "}{", ".join(shown)}')
    return "(" + "; ".join(parts) + ")"


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
        return f'<q cite="{href}"{ident}>{escape(c.quote)}</q> (<a class="cite" href="{href}">{escape(c.citation)}</a>)'
    if label:
        html = f'<a class="cite" href="{href}" title="{escape(c.citation)}">{escape(label)}</a>'
    elif meta["cell"]:
        html = f'(<a class="cite" href="{href}" title="{escape(c.citation)}">{escape(c.short)}</a>)'
    else:
        html = f'(<a class="cite" href="{href}">{escape(c.citation)}</a>)'
    # the anchor goes on a span: a link as the target of a backlink would take the focus, and its preview
    return f'<span class="cited"{ident}>{html}</span>' if ident else html
