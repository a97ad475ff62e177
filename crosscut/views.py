"""One view function per page type: the plain dict its template sees.

Views only look things up in the Site and the Analysis; they never read files or compute
relations. Passage references are turned into HTML here too (render_ref), because a
reference renders as a citation, a link or a quote that only the model can fill in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup, escape

from . import charts, cite
from .analyse import Analysis, Mention, anchor_id, event_source, quote_text
from .config import SiteConfig
from .markdown import FOOTNOTES
from .model import Entity, Essay, Page, Paragraph, Site, Theme
from .passages import follow
from .refs import Ref, parse_ref
from .search import plain_value

WORDS_PER_MINUTE = 230
KIND_LABELS = {"person": "People", "treaty": "Treaties and agreements", "institution": "Institutions",
               "place": "Places", "event": "Events", "program": "Programs and policies", "concept": "Concepts"}


@dataclass(frozen=True)
class Context:
    """What every view may consult: the model, its relations, and the link helpers."""

    site: Site
    analysis: Analysis
    config: SiteConfig
    md: object  # MarkdownIt with references enabled
    url: object  # site path -> link under the base URL


# ---------------------------------------------------------------- citations and references


def pilcrow(first: int, last: int | None = None) -> str:
    """A paragraph or a range as a citation names it: "¶ 7", "¶¶ 13–15"."""
    return f"¶ {first}" if last in (None, first) else f"¶¶ {first}–{last}"


def citation(essay: Essay, first: int | None = None, last: int | None = None, anchor: str = "") -> str:
    """Short citation: author's family name, short title, ¶ n (the title alone when no author is known)."""
    names = " and ".join(a.family for a in essay.authors)
    parts = [names] if names else []
    parts.append(f"“{essay.short_title}”")
    if first is not None:
        parts.append(pilcrow(first, last))
    elif anchor:
        parts.append("section “" + next(h.text for h in essay.headings if h.anchor == anchor) + "”")
    return ", ".join(parts)


def cited_by(essay: Essay) -> str:
    """Who a compact citation names: the family names, or the short title when no author is known."""
    return " and ".join(a.family for a in essay.authors) or f"“{essay.short_title}”"


def short_citation(essay: Essay, ref: Ref) -> str:
    """Compact form for tables: family name (or short title) and ¶ n."""
    return cited_by(essay) if ref.first is None else f"{cited_by(essay)} {pilcrow(ref.first, ref.last)}"


def essay_href(ctx: Context, slug: str, anchor: str = "") -> str:
    return ctx.url(f"essays/{slug}/") + (f"#{anchor}" if anchor else "")


def cites_anchor(ref: Ref, env: dict) -> str:
    """' id="…"' when this reference is where its page first cites a paragraph (see cite_anchors).

    env["anchor_ids"] holds the ids the analysis gave the page; only its first reference with a
    given id gets it. Pages rendered without that key (cards, reading lists) get no ids.
    """
    wanted, given = env.get("anchor_ids", ()), env.setdefault("anchors_given", set())
    if ref.first is None or anchor_id(ref) not in wanted or anchor_id(ref) in given:
        return ""
    given.add(anchor_id(ref))
    return f' id="{anchor_id(ref)}"'


def render_refs(ctx: Context, refs: list[Ref], meta: dict, env: dict) -> str:
    """HTML for one reference, or for citations written side by side: one parenthesis that names
    each essay once, "(Wallander, “…”, ¶ 14, ¶ 17; Yu, “…”, ¶ 3)", each ¶ its own link.
    A reference whose cited paragraph moved points where its text now stands (see passages.py).
    Citations sit in a span of class "citation", which search leaves out: the words of a title
    cited on a page are not the page's own. Where env["compact"] is set (discussion questions,
    whose sentences name the essay), a citation is its ¶ links alone: "(¶ 9, ¶ 17)" as written."""
    refs = [follow(ref, ctx.analysis.moves) for ref in refs]
    compact = env.get("compact") and plain_citation(refs[0]) and not meta["cell"]
    if len(refs) == 1 and not compact:
        return render_ref(ctx, refs[0], meta, env)
    parts = []
    runs = [(slug, list(run)) for slug, run in groupby(refs, key=lambda r: r.slug)]
    for slug, run in runs:
        essay = ctx.site.essay(slug)
        who = cited_by(essay) if meta["cell"] or compact else citation(essay)
        links = []
        for ref in run:
            href = essay_href(ctx, slug, f"p{ref.first}")
            full = escape(citation(essay, ref.first, ref.last))  # the link's name out of context: a screen reader's link list
            shown = pilcrow(ref.first, ref.last).replace(" ", "\u00a0") if compact else pilcrow(ref.first, ref.last)
            link = f'<a class="cite" href="{href}" title="{full}" aria-label="{full}">{shown}</a>'
            ident = cites_anchor(ref, env)
            links.append(f'<span class="cited"{ident}>{link}</span>' if ident else link)
        if compact and len(runs) == 1:
            parts.append(", ".join(links))
        else:
            parts.append(f'{escape(who)}{" " if meta["cell"] or compact else ", "}{", ".join(links)}')
    # compact, a citation is its ¶ links inside the writer's own brackets, and stays in the search index
    # with them (an excerpt would show "()"); a full one, title and all, is left out (see search.EXCLUDE)
    inner = "; ".join(parts)
    return inner if compact else f'<span class="citation">({inner})</span>'


def plain_citation(ref: Ref) -> bool:
    """A reference to paragraphs that shows as a citation: neither quoted nor relabelled."""
    return ref.kind == "essay" and ref.first is not None and not ref.embed and not ref.label


def render_ref(ctx: Context, ref: Ref, meta: dict, env: dict) -> str:
    """HTML for one [[…]] reference: a citation link, a glossary or theme link, or a quote."""
    if ref.kind == "glossary":
        entity = next(e for e in ctx.site.entities if e.slug == ref.slug)
        # rendered as plain text (env["plain"]) the link loses its tooltip, which would render descriptions in a loop
        tip = "" if env.get("plain") else f' title="{escape(entity.name)}: {escape(plain_description(ctx, entity))}"'
        return f'<a class="term" href="{ctx.url(f"glossary/{ref.slug}/")}"{tip}>{escape(ref.label or entity.name)}</a>'
    if ref.kind == "theme":
        theme = next(t for t in ctx.site.themes if t.slug == ref.slug)
        return f'<a class="theme-link" href="{ctx.url(f"themes/{ref.slug}/")}">{escape(ref.label or theme.title)}</a>'
    essay = ctx.site.essay(ref.slug)
    cite = citation(essay, ref.first, ref.last, ref.anchor)
    href = essay_href(ctx, ref.slug, f"p{ref.first}" if ref.first is not None else ref.anchor)
    ident = cites_anchor(ref, env)
    if ref.embed:
        text = quote_text(essay, ref)
        if meta["block"]:
            body = "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n"))
            return (f'<figure class="quote"{ident}><blockquote cite="{href}">{body}</blockquote>'
                    f'<figcaption><a class="cite" href="{href}">{escape(cite)}</a></figcaption></figure>\n')
        return (f'<q cite="{href}"{ident}>{escape(text)}</q> '
                f'<span class="citation">(<a class="cite" href="{href}">{escape(cite)}</a>)</span>')
    if ref.label:
        html = f'<a class="cite" href="{href}" title="{escape(cite)}">{escape(ref.label)}</a>'
    elif meta["cell"]:
        html = f'<span class="citation">(<a class="cite" href="{href}" title="{escape(cite)}">{escape(short_citation(essay, ref))}</a>)</span>'
    else:
        html = f'<span class="citation">(<a class="cite" href="{href}">{escape(cite)}</a>)</span>'
    # the anchor goes on a span: a link as the target of a backlink would take the focus, and its preview
    return f'<span class="cited"{ident}>{html}</span>' if ident else html


def plain_description(ctx: Context, entity: Entity) -> str:
    """The glossary line as plain text, for tooltips and key terms."""
    return plain_text(ctx, entity.description)


def plain_text(ctx: Context, text: str) -> str:
    """Markdown of ours as plain text: emphasis marks gone, each reference as the words it shows."""
    return Markup(ctx.md.renderInline(text, {"plain": True})).striptags()


# ---------------------------------------------------------------- views


def reading_minutes(essay: Essay) -> int:
    return max(1, math.ceil(essay.words / WORDS_PER_MINUTE))


def essay_card(ctx: Context, essay: Essay) -> dict:
    """What a listing shows of an essay."""
    return {
        "slug": essay.slug, "title": essay.title, "href": f"essays/{essay.slug}/",
        "authors": essay.author_names, "date": essay.date, "outlet": essay.outlet,
        "summary": Markup(ctx.md.render(essay.summary)) if essay.summary else "",
        "words": essay.words, "minutes": reading_minutes(essay), "citation": citation(essay),
    }


def home_view(ctx: Context, intro: Page | None) -> dict:
    return {
        "page": "home", "title": intro.title if intro else ctx.config.title,
        "intro": render_curated(ctx, "", intro.body)[0] if intro else "",
        "essays": [essay_card(ctx, e) for e in ctx.site.essays],
        "themes": [theme_card(ctx, t) for t in ctx.site.themes],
    }


def essays_view(ctx: Context) -> dict:
    return {"page": "essays", "title": "Essays", "essays": [essay_card(ctx, e) for e in ctx.site.essays]}


def page_view(ctx: Context, page: Page) -> dict:
    content, _, _ = render_curated(ctx, f"{page.slug}/", page.body)
    return {"page": page.slug, "title": page.title, "content": content}


def essay_view(ctx: Context, essay: Essay) -> dict:
    """Everything the essay template shows; relations come from the analysis."""
    site, analysis = ctx.site, ctx.analysis
    index = site.essays.index(essay)
    linked = first_mentions(essay, analysis.mentions[essay.slug])
    by_paragraph: dict[int, list[Mention]] = {}
    for m in analysis.mentions[essay.slug]:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    themes = [(theme_card(ctx, t), analysis.coverage[(essay.slug, t.slug)])
              for t in site.themes if (essay.slug, t.slug) in analysis.coverage]
    return {
        "page": "essay",
        "title": essay.title,
        "essay": essay,
        "citation": citation(essay),
        "summary": Markup(ctx.md.render(essay.summary)) if essay.summary else "",
        "argument": [claim_view(ctx, essay, c, "Thesis" if c is essay.thesis else "")
                     for c in ((essay.thesis,) if essay.thesis else ()) + essay.claims],
        "minutes": reading_minutes(essay),
        "body": [paragraph_view(ctx, essay, item, by_paragraph.get(item.number, []), linked)
                 if isinstance(item, Paragraph) else item
                 for item in essay.body],
        "toc": essay.headings,
        "notes": {kind: [n.text for n in essay.notes if n.kind == kind] for kind in ("bio", "series", "disclaimer", "note")},
        "evidence": [{"field": {"url": "Original"}.get(name, name.capitalize()), "note": note} for name, note in essay.evidence],
        "provenance": list(essay.provenance),
        "themes": [{"theme": card, "paragraphs": paras} for card, paras in themes],
        "related": [related_view(ctx, r) for r in analysis.related[essay.slug]],
        "cite": essay_citations(ctx, essay),
        "cite_page": ctx.url(f"essays/{essay.slug}/cite/"),
        "renumbered": list(analysis.lock.renumbered.get(essay.slug, ())),
        "previous": essay_card(ctx, site.essays[index - 1]) if index > 0 else None,
        "next": essay_card(ctx, site.essays[index + 1]) if index + 1 < len(site.essays) else None,
    }


def essay_citations(ctx: Context, essay: Essay) -> dict:
    """The essay in four citation styles, its meta tags, and how to cite one paragraph."""
    page = ctx.config.absolute(f"essays/{essay.slug}/")
    url = essay.url or page
    example = max(1, len(essay.paragraphs) // 2)  # a paragraph the essay has, for the one-paragraph example
    styles = [("Chicago", cite.chicago(essay, url)), ("APA", cite.apa(essay, url)), ("MLA", cite.mla(essay, url))]
    return {
        "styles": [{"name": name, "key": name.lower(), "text": text.replace("*", ""), "html": emphasis(text)}
                   for name, text in styles],
        "bibtex": cite.bibtex(essay, url),
        "paragraph": f"{citation(essay)}, ¶ {example}, {page}#p{example}",
        "print": print_footer(styles[0][1], page),
        "meta": cite.citation_meta(essay, page),
        "json_ld": Markup(cite.json_ld(essay, page)),
    }


def cite_view(ctx: Context, essay: Essay) -> dict:
    """Every paragraph of an essay in every citation style, each at its #pN: where a paragraph's
    cite link leads, so the essay page itself carries one link a paragraph and no citations."""
    page = ctx.config.absolute(f"essays/{essay.slug}/")
    return {
        "page": "cite", "title": f"Cite a paragraph of “{essay.short_title}”", "essay": essay,
        "card": essay_card(ctx, essay), "citation": citation(essay),
        "paragraphs": [{"number": p.number, "opening": opening(p.text), "href": essay_href(ctx, essay.slug, p.anchor),
                        "styles": [{"name": name, "key": f"{p.anchor}-{key}", "text": text.replace("*", ""),
                                    "html": emphasis(text), "block": key == "bibtex"}
                                   for name, key, text in cite.passage_citations(essay, page, p.number)]}
                       for p in essay.paragraphs],
        "print_footer": print_footer(cite.chicago(essay, essay.url or page), page),
    }


def print_footer(citation: str, page_url: str) -> Markup:
    """A print-only stylesheet that puts the citation and page numbers in the page margins."""
    note = citation.replace("*", "") + ("" if page_url in citation else f" ¶ numbers: {page_url}")
    # a CSS string ends at a quote or any line break (\n, \r, \f); "<" could close the <style> element
    quoted = '"' + re.sub(r'[\\"<\n\r\f]', lambda m: {"<": "\\3c "}.get(m.group(0), " " if m.group(0) in "\n\r\f" else "\\" + m.group(0)),
                          note) + '"'
    return Markup("<style media=\"print\">@page{@bottom-left{content:" + quoted + ";font:7.5pt/1.3 sans-serif;color:#333}"
                  "@bottom-right{content:counter(page) \" / \" counter(pages);font:7.5pt sans-serif}}</style>")


def emphasis(text: str) -> Markup:
    """Escape a citation and turn its *…* marks into <i>."""
    return Markup(re.sub(r"\*([^*]+)\*", r"<i>\1</i>", str(escape(text))))


def claim_view(ctx: Context, essay: Essay, claim, label: str) -> dict:
    ref = follow(parse_ref(f"{essay.slug}#{claim.at}"), ctx.analysis.moves)
    first, last = ref.first, ref.last
    return {"label": label, "text": Markup(ctx.md.renderInline(claim.text)),
            "href": f"#p{first}", "where": pilcrow(first, last)}


def first_mentions(essay: Essay, mentions: tuple[Mention, ...]) -> set[tuple[int, int]]:
    """(paragraph, offset) of the first mention of each entity in each section: the ones that get a link."""
    section_of = {p.number: p.section for p in essay.paragraphs}
    seen, linked = set(), set()
    for m in mentions:
        key = (section_of[m.paragraph], m.entity)
        if key not in seen:
            seen.add(key)
            linked.add((m.paragraph, m.start))
    return linked


def paragraph_view(ctx: Context, essay: Essay, paragraph: Paragraph, mentions: list[Mention],
                   linked: set[tuple[int, int]]) -> dict:
    """A paragraph's text with its mentions, and the places that discuss it. The mentions in `linked`
    link to their glossary entries; after the first mention of each entry, the entry's spellings
    that the paragraph does not use are left for search (see spellings_at)."""
    text = paragraph.text
    pieces = [(m.start, m.end, Markup('<a href="{}">{}</a>').format(ctx.url(f"glossary/{m.entity}/"), text[m.start:m.end]))
              for m in mentions if (m.paragraph, m.start) in linked]
    pieces += [(at, at, Markup('<span data-pagefind-index-attrs="data-also" data-also="{}"></span>').format(plain_value(also)))
               for at, also in spellings_at(ctx, text, mentions)]
    html, pos = [], 0
    for start, end, markup in sorted(pieces, key=lambda piece: piece[:2]):
        html += [escape(text[pos:start]), markup]
        pos = end
    html.append(escape(text[pos:]))
    sources = ctx.analysis.backlinks.get(f"{essay.slug}#p{paragraph.number}", ())
    return {"kind": "paragraph", "number": paragraph.number, "anchor": paragraph.anchor, "marker": paragraph.marker,
            "html": Markup("").join(html),
            "themes": [{"title": s.title, "href": cited_at(ctx, s.href, essay.slug, paragraph.number)}
                       for s in sources if s.kind in ("theme", "page")],
            "events": [{"title": s.title, "href": ctx.url(s.href)} for s in sources if s.kind == "timeline"]}


def spellings_at(ctx: Context, text: str, mentions: list[Mention]) -> list[tuple[int, str]]:
    """(offset, spellings) after the first mention of each entry that has other spellings: at the
    end of the word the mention ends in ("Gorbachev’s"), so that no word is split for the index."""
    found, seen = [], set()
    for m in mentions:
        entity = next(e for e in ctx.site.entities if e.slug == m.entity)
        also = other_spellings(entity, text) if m.entity not in seen else ""
        seen.add(m.entity)
        if also:
            end = m.end
            while end < len(text) and not text[end].isspace():
                end = next((n.end for n in mentions if n.start <= end < n.end), end + 1)
            found.append((end, also))
    return found


def other_spellings(entity: Entity, text: str) -> str:
    """The entry's names, aliases and search aliases that hold a word `text` does not, joined for the
    search index: "Gorbachov, Gorbatschow" beside a paragraph that says "Mikhail Gorbachev". (A
    plural counts as its singular: search finds both.)"""
    def words(s: str) -> set[str]:
        return {w.removesuffix("s") for w in re.findall(r"\w+", s.casefold())}
    said = words(text)
    return ", ".join(s for s in entity.aliases + entity.search_aliases if not words(s) <= said)


def cited_at(ctx: Context, path: str, slug: str, number: int) -> str:
    """Link to the spot on a curated page where it first cites the paragraph (its top if unknown)."""
    ident = ctx.analysis.anchors.get(path, {}).get((slug, number))
    return ctx.url(path) + (f"#{ident}" if ident else "")


def render_curated(ctx: Context, path: str, body: str, extra=()) -> tuple[Markup, list[Markup], list[dict]]:
    """Render a curated page's Markdown and its inline extras (such as questions) in page order, so
    the references where backlinks land get their ids. Returns the HTML, the extras and the h2s."""
    env: dict = {"anchor_ids": set(ctx.analysis.anchors.get(path, {}).values())}
    tokens = ctx.md.parse(body, env)
    # a wide table reflows into labelled cards on a phone; a heading may be a reference (rendered apart, without ids)
    charts.label_cells(tokens, lambda inline: Markup(ctx.md.renderer.renderInline(inline.children, ctx.md.options, {})).striptags())
    html = Markup(ctx.md.renderer.render(tokens, ctx.md.options, env))
    # the extras are questions, whose sentences name the essays they cite; they share the body's
    # record of the ids given out, not its footnotes (which would be listed again after each one)
    inline_env = {key: value for key, value in env.items() if key != "footnotes"} | {"compact": True}
    rendered = [Markup(ctx.md.renderInline(text, inline_env)) for text in extra]
    return html, rendered, section_headings(tokens)


def related_view(ctx: Context, related) -> dict:
    themes = {t.slug: t.title for t in ctx.site.themes}
    names = {e.slug: e.name for e in ctx.site.entities}
    return {"essay": essay_card(ctx, ctx.site.essay(related.essay)),
            "themes": [{"title": themes[t], "href": f"themes/{t}/"} for t in related.themes],
            "entities": [{"name": names[e], "href": f"glossary/{e}/"} for e in related.entities[:3]],
            "more": max(0, len(related.entities) - 3)}


def theme_card(ctx: Context, theme: Theme) -> dict:
    return {"slug": theme.slug, "title": theme.title, "short": theme.short,
            "description": Markup(ctx.md.renderInline(theme.description)),
            "href": f"themes/{theme.slug}/", "essays": len(ctx.analysis.theme_essays[theme.slug])}


def themes_view(ctx: Context) -> dict:
    """Every theme with its description and how much of the collection it draws on."""
    cards = [theme_card(ctx, t) | {"passages": sum(len(ctx.analysis.coverage[(e, t.slug)]) for e in ctx.analysis.theme_essays[t.slug])}
             for t in ctx.site.themes]
    return {"page": "themes", "title": "Themes", "themes": cards, "essay_count": len(ctx.site.essays)}


def section_headings(tokens) -> list[dict]:
    """The h2 headings of parsed Markdown, with the ids the anchors plugin gave them."""
    found = []
    for i, token in enumerate(tokens):
        if token.type == "footnote_block_open":  # the notes at the end of the body (see markdown.add_footnotes)
            found.append({"anchor": FOOTNOTES, "text": "Notes"})
        if token.type == "heading_open" and token.tag == "h2" and token.attrGet("id"):
            text = "".join(c.content for c in tokens[i + 1].children or () if c.type in ("text", "code_inline"))
            found.append({"anchor": token.attrGet("id"), "text": text.strip()})
    return found


def theme_view(ctx: Context, theme: Theme) -> dict:
    """A curated theme: our framing and comparison, plus what the references tell about it."""
    coverage = ctx.analysis.coverage
    names = {e.slug: e for e in ctx.site.entities}
    content, questions, sections = render_curated(ctx, f"themes/{theme.slug}/", theme.body, theme.questions)
    return {
        "page": "theme", "title": theme.title, "theme": theme, "card": theme_card(ctx, theme),
        "content": content, "sections": sections,
        "essays": [{"essay": essay_card(ctx, e), "paragraphs": coverage[(e.slug, theme.slug)]}
                   for e in ctx.site.essays if (e.slug, theme.slug) in coverage],
        "terms": [{"name": names[s].name, "href": f"glossary/{s}/", "description": plain_description(ctx, names[s])}
                  for s in ctx.analysis.terms.get(theme.slug, ())],
        "questions": questions,
        "related": [theme_card(ctx, t) for slug in theme.related for t in ctx.site.themes if t.slug == slug],
        "page_citation": emphasis(cite.page_citation(theme.title, ctx.config.title,
                                                     ctx.config.absolute(f"themes/{theme.slug}/"))),
        "print_footer": print_footer(cite.page_citation(theme.title, ctx.config.title,
                                                        ctx.config.absolute(f"themes/{theme.slug}/")), ""),
    }


def reading_view(ctx: Context, theme: Theme) -> dict:
    """A hand-out: the essays in date order, the passages to read in each, and the questions."""
    essays = []
    for essay in ctx.site.essays:
        numbers = ctx.analysis.coverage.get((essay.slug, theme.slug), ())
        if numbers:
            passages = [{"href": essay_href(ctx, essay.slug, f"p{n}"), "n": n,
                         "opening": opening(essay.paragraphs[n - 1].text)} for n in numbers]
            essays.append({"essay": essay_card(ctx, essay), "passages": passages})
    return {"page": "theme", "title": f"Reading list: {theme.title}", "theme": theme, "essays": essays,
            "card": theme_card(ctx, theme),
            "questions": [Markup(ctx.md.renderInline(q, {"compact": True})) for q in theme.questions],
            "print_footer": print_footer(cite.page_citation(f"Reading list: {theme.title}", ctx.config.title,
                                                            ctx.config.absolute(f"themes/{theme.slug}/reading/")), "")}


def opening(text: str, words: int = 14) -> str:
    """The first words of a paragraph, so a reader can find it on paper."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def glossary_view(ctx: Context) -> dict:
    groups = []
    for kind, label in KIND_LABELS.items():
        entries = [{"entity": e, "href": f"glossary/{e.slug}/", "count": len(ctx.analysis.by_entity.get(e.slug, ())),
                    "description": Markup(ctx.md.renderInline(e.description))}
                   for e in ctx.site.entities if e.kind == kind]
        if entries:
            groups.append({"kind": kind, "label": label, "entries": entries})
    return {"page": "glossary", "title": "Glossary", "groups": groups}


def entity_view(ctx: Context, entity: Entity) -> dict:
    """An entry with every mention across the collection as a keyword-in-context line."""
    by_essay = []
    for essay in ctx.site.essays:
        mentions = [m for m in ctx.analysis.by_entity.get(entity.slug, ()) if m.essay == essay.slug]
        if mentions:
            by_essay.append({"essay": essay_card(ctx, essay),
                             "lines": [kwic(ctx, essay, m) for m in mentions]})
    themes = [theme_card(ctx, t) for t in ctx.site.themes if entity.slug in ctx.analysis.terms.get(t.slug, ())]
    return {"page": "glossary", "title": entity.name, "entity": entity, "kind": KIND_LABELS[entity.kind],
            "description": Markup(ctx.md.renderInline(entity.description)),
            "aliases": [a for a in entity.aliases if a != entity.name], "search_aliases": list(entity.search_aliases),
            "count": sum(len(g["lines"]) for g in by_essay), "by_essay": by_essay, "themes": themes}


def kwic(ctx: Context, essay: Essay, m: Mention, width: int = 60) -> dict:
    """Keyword in context: a few words either side of the mention, cut at word boundaries."""
    text = essay.paragraphs[m.paragraph - 1].text
    left, right = text[max(0, m.start - width):m.start], text[m.end:m.end + width]
    if m.start > width:
        left = "…" + left.split(" ", 1)[-1]
    if m.end + width < len(text):
        right = right.rsplit(" ", 1)[0] + "…"
    return {"left": left, "word": text[m.start:m.end], "right": right,
            "href": essay_href(ctx, essay.slug, f"p{m.paragraph}"), "where": pilcrow(m.paragraph)}


def passages_by_essay(ctx: Context, refs: tuple[Ref, ...]) -> list[dict]:
    """Cited paragraphs grouped by essay (essays in the order first cited), each essay named once
    and its paragraphs in reading order: "Wallander, “…”, ¶ 13, ¶ 23"."""
    groups: dict[str, list[Ref]] = {}
    for ref in refs:
        groups.setdefault(ref.slug, []).append(ref)
    return [{"essay": citation(ctx.site.essay(slug)),
             "links": [{"href": essay_href(ctx, slug, f"p{r.first}"), "label": pilcrow(r.first, r.last),
                        "name": citation(ctx.site.essay(slug), r.first, r.last)}
                       for r in sorted(dict.fromkeys(group), key=lambda r: (r.first, r.last))]}
            for slug, group in groups.items()]


def timeline_view(ctx: Context) -> dict:
    """Events and the essays' own publication dates, in one chronological list."""
    rows = []
    for event in ctx.site.events:
        source = event_source(event)
        rows.append({"kind": "event", "slug": event.slug, "date": event.date, "note": event.date_note,
                     "title": event.title,
                     "passages": passages_by_essay(ctx, ctx.analysis.refs.get(source, ()))})
    for essay in ctx.site.essays:
        if essay.date.year is not None:
            rows.append({"kind": "essay", "slug": f"essay-{essay.slug}", "date": essay.date, "note": essay.date_note,
                         "title": essay.title, "essay": essay_card(ctx, essay), "passages": []})
    rows.sort(key=lambda r: (r["date"].sort_key, r["kind"] == "essay", r["slug"]))
    undated = [essay_card(ctx, e) for e in ctx.site.essays if e.date.year is None]
    return {"page": "timeline", "title": "Timeline", "rows": rows, "undated": undated, "chart": timeline_chart(ctx, rows)}


def timeline_chart(ctx: Context, rows: list[dict]) -> Markup:
    """The timeline's rows as marks on one time axis, each linking to its row."""
    shorts = {e.slug: e.short for e in ctx.site.events}
    marks = [charts.TimeMark(key=r["slug"], kind=r["kind"], year=r["date"].year, month=r["date"].month, day=r["date"].day,
                             label=shorts[r["slug"]] if r["kind"] == "event" else cited_by(ctx.site.essay(r["essay"]["slug"])),
                             title=f'{r["title"]}, {r["date"].display}')
             for r in rows]
    return Markup(charts.timeline_svg(marks, "Chart: the events and the essays on one time axis"))


def map_view(ctx: Context) -> dict:
    """Essay × theme table: how many paragraphs of each essay each theme cites, with links to them."""
    themes, coverage = ctx.site.themes, ctx.analysis.coverage
    most = max((len(v) for v in coverage.values()), default=1)
    rows = []
    for essay in ctx.site.essays:
        cells = []
        for theme in themes:
            paras = coverage.get((essay.slug, theme.slug), ())
            cells.append({"theme": theme.title, "count": len(paras), "width": round(100 * len(paras) / most),
                          "links": [{"href": essay_href(ctx, essay.slug, f"p{n}"), "n": n} for n in paras]})
        rows.append({"essay": essay_card(ctx, essay), "cells": cells, "total": sum(c["count"] for c in cells)})
    chart = charts.matrix_svg(
        [charts.Label(t.short) for t in themes],
        [charts.Label(cited_by(e).strip("“”"), str(e.date.year or "")) for e in ctx.site.essays],
        [[len(coverage.get((e.slug, t.slug), ())) for e in ctx.site.essays] for t in themes],
        "Chart: how many paragraphs of each essay each theme cites; the table below gives the numbers")
    return {"page": "map", "title": "Map of the collection",
            "themes": [theme_card(ctx, t) for t in themes], "rows": rows, "chart": Markup(chart)}


def feed_views(ctx: Context) -> dict[str, tuple[str, dict]]:
    """Atom feed, sitemap and robots.txt, all with absolute URLs from the configured site URL."""
    pages = ["", "essays/", "themes/", "glossary/", "timeline/", "map/", "search/"]
    pages += [f"essays/{e.slug}/" for e in ctx.site.essays] + [f"themes/{t.slug}/" for t in ctx.site.themes]
    pages += [f"themes/{t.slug}/reading/" for t in ctx.site.themes] + [f"essays/{e.slug}/cite/" for e in ctx.site.essays]
    pages += [f"glossary/{e.slug}/" for e in ctx.site.entities] + [f"{p.slug}/" for p in ctx.site.pages if p.slug]
    entries = [{"title": e.title, "path": f"essays/{e.slug}/", "authors": [a.name for a in e.authors],
                "published": f"{e.date.iso}T00:00:00Z" if e.date.precision == "day" else "",
                "date": e.date.display, "kind": "Essay", "summary": plain_text(ctx, e.summary)}
               for e in ctx.site.essays]
    entries += [{"title": t.title, "path": f"themes/{t.slug}/", "authors": [], "published": "", "date": "",
                 "kind": "Theme", "summary": t.description} for t in ctx.site.themes]
    views = {"sitemap.xml": ("sitemap.xml", {"pages": pages}), "robots.txt": ("robots.txt", {})}
    if ctx.config.updated:
        views["feed.xml"] = ("feed.xml", {"entries": entries, "updated": f"{ctx.config.updated}T00:00:00Z"})
    return views
