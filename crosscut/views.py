"""One view function per page type: the plain data its template sees (dicts, lists, text, Markup, numbers).

Views only look things up in the Site and the Analysis, and take every link from urls; they
never read files or compute relations, and hand templates no model objects. Curated Markdown is
rendered here, with the references the analysis resolved for that very text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from . import charts, cite, urls
from .analyse import Analysis, Mention, Spelling
from .config import SiteConfig
from .markdown import FOOTNOTES
from .model import Entity, Essay, Heading, Page, Paragraph, PartialDate, Site, Theme
from .resolve import TextKey, claim_texts, question_texts
from .search import plain_value
from .urls import Links

WORDS_PER_MINUTE = 230
# How much a listing page shows before it is split into pages (or, for the home page and the
# timeline, summed up): sizes a reader can scan, far above what a small collection reaches, so
# the caps only bite on large ones.
HOME_ESSAYS = 12  # essays the home page lists; past that, the newest, and a link to all
ESSAYS_PAGE = 200  # rows a page of the essays table holds
MAP_PAGE = 50  # essays a page of the map holds
TIMELINE_ESSAYS = 60  # essays the timeline places one by one; past that, one row a year
ENTRY_FULL = 100  # mentions an entry page shows all of, in collection order
ENTRY_PAGE = 40  # essays the first page of a large entry quotes, those that mention it most
ENTRY_LINES = 3  # passages it quotes from each of them (the others as ¶ links)
ENTRY_INDEX = 100  # essays each later page lists, one line each: the title and the ¶ links
KIND_LABELS = {"person": "People", "treaty": "Treaties and agreements", "institution": "Institutions",
               "place": "Places", "event": "Events", "program": "Programs and policies", "concept": "Concepts"}


@dataclass(frozen=True)
class Context:
    """What every view may consult: the model, its relations, the settings, the links and the Markdown renderer."""

    site: Site
    analysis: Analysis
    config: SiteConfig
    links: Links
    md: MarkdownIt  # renders curated Markdown; each text's references come from the analysis through the env

    def link(self, path: str) -> str:
        """A site path as a link under the base URL."""
        return self.links.link(path)

    # Tables many pages share, each made once on first use (the views only read them), so that no
    # view loops over the essays or the entries to find one of them.
    @cached_property
    def cards(self) -> dict[str, dict]:
        """Every essay's card, by slug."""
        return {e.slug: make_essay_card(self, e) for e in self.site.essays}

    @cached_property
    def order(self) -> dict[str, int]:
        """Each essay's place in the collection (date order), by slug."""
        return {e.slug: n for n, e in enumerate(self.site.essays)}

    @cached_property
    def themes(self) -> dict[str, Theme]:
        """The themes by slug."""
        return {t.slug: t for t in self.site.themes}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        """The glossary entries by slug."""
        return {e.slug: e for e in self.site.entities}

    @cached_property
    def essays_pages(self) -> list[list[Essay]]:
        """The essays table split into pages, in collection order."""
        return split(list(self.site.essays), ESSAYS_PAGE)

    @cached_property
    def year_pages(self) -> dict[int | None, int]:
        """The page of the essays table where each year's essays begin (None: the undated)."""
        found: dict[int | None, int] = {}
        for n, page in enumerate(self.essays_pages, 1):
            for e in page:
                found.setdefault(e.date.year, n)
        return found


# ---------------------------------------------------------------- Markdown with resolved references


def markdown(ctx: Context, key: TextKey, text: str, inline: bool = False) -> Markup:
    """A curated text as HTML, its references formatted from the Cites the analysis resolved for it."""
    env = {"cites": ctx.analysis.cites.get(key, ()), "ids": False}
    return Markup(ctx.md.renderInline(text, env) if inline else ctx.md.render(text, env))


def render_curated(ctx: Context, key: TextKey, body: str, extras: dict[TextKey, str] | None = None
                   ) -> tuple[Markup, list[Markup], list[dict]]:
    """A theme's or page's body and its inline extras (its questions), with the ids where backlinks land.
    Returns the HTML, the extras and the body's h2 headings."""
    env = {"cites": ctx.analysis.cites.get(key, ()), "ids": True}
    tokens = ctx.md.parse(body, env)
    # a wide table reflows into labelled cards on a phone; a heading may be a reference (its words only)
    charts.label_cells(tokens, lambda inline: Markup(ctx.md.renderer.renderInline(inline.children, ctx.md.options,
                                                                                  {**env, "ids": False})).striptags())
    html = Markup(ctx.md.renderer.render(tokens, ctx.md.options, env))
    rendered = [Markup(ctx.md.renderInline(text, {"cites": ctx.analysis.cites.get(k, ()), "ids": True}))
                for k, text in (extras or {}).items()]
    return html, rendered, section_headings(tokens)


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


# ---------------------------------------------------------------- the model as plain data


def date_data(date: PartialDate) -> dict:
    """A date as templates show it."""
    return {"iso": date.iso, "display": date.display, "precision": date.precision, "year": date.year}


def essay_data(essay: Essay) -> dict:
    """What an essay's page shows of its metadata."""
    return {"slug": essay.slug, "title": essay.title, "subtitle": essay.subtitle,
            "authors": [{"name": a.name, "affiliation": a.affiliation} for a in essay.authors],
            "author_names": essay.author_names, "date": date_data(essay.date), "date_note": essay.date_note,
            "outlet": essay.outlet, "series": essay.series, "url": essay.url,
            "paragraph_count": len(essay.paragraphs), "words": essay.words}


def reading_minutes(essay: Essay) -> int:
    """How long the essay takes to read, in whole minutes."""
    return max(1, math.ceil(essay.words / WORDS_PER_MINUTE))


def crumb(ctx: Context, path: str, label: str) -> dict:
    """One step of the breadcrumbs."""
    return {"href": ctx.link(path), "label": label}


# ---------------------------------------------------------------- cards: what a listing shows


def essay_card(ctx: Context, essay: Essay) -> dict:
    """What a listing shows of an essay (made once an essay: templates only read it)."""
    return ctx.cards[essay.slug]


def make_essay_card(ctx: Context, essay: Essay) -> dict:
    """What a listing shows of an essay."""
    return {
        "slug": essay.slug, "title": essay.title, "href": ctx.link(urls.essay(essay.slug)),
        "authors": essay.author_names, "date": date_data(essay.date), "outlet": essay.outlet,
        "summary": markdown(ctx, ("essay", essay.slug, "summary"), essay.summary) if essay.summary else "",
        "words": essay.words, "minutes": reading_minutes(essay), "citation": cite.citation(essay),
    }


def theme_card(ctx: Context, theme: Theme) -> dict:
    """What a listing shows of a theme."""
    return {"slug": theme.slug, "title": theme.title, "short": theme.short,
            "description": markdown(ctx, ("theme", theme.slug, "description"), theme.description, inline=True),
            "href": ctx.link(urls.theme(theme.slug)), "reading_href": ctx.link(urls.reading(theme.slug)),
            "essays": len(ctx.analysis.theme_essays[theme.slug])}


# ---------------------------------------------------------------- listings split into pages


def split(items: list, size: int) -> list[list]:
    """Items in pages of at most `size`, in their order; one empty page for no items."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pager(ctx: Context, path: str, labels: list[str], current: int) -> dict | None:
    """Links to every page of a listing at `path` (labels name the pages, first to last), or None
    when it has one page."""
    if len(labels) < 2:
        return None
    pages = [{"n": n, "href": ctx.link(urls.listing_page(path, n)), "label": label, "current": n == current}
             for n, label in enumerate(labels, 1)]
    return {"pages": pages, "current": current, "count": len(labels),
            "previous": pages[current - 2]["href"] if current > 1 else "",
            "next": pages[current]["href"] if current < len(labels) else ""}


def paged_title(title: str, n: int, count: int) -> str:
    """A listing's title, with the page after the first: "Essays (page 2 of 20)"."""
    return title if n == 1 else f"{title} (page {n} of {count})"


def years_label(essays: list[Essay]) -> str:
    """The span of years a page of essays covers: "1995–1997", "2004", "undated"."""
    years = [e.date.year for e in essays if e.date.year is not None]
    if not years:
        return "undated"
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


# ---------------------------------------------------------------- views


def home_view(ctx: Context, intro: Page | None) -> dict:
    """The home page: the introduction, the essays, the themes and what else the site has."""
    site = ctx.site
    see_also = [(urls.map_page(), "map of the collection", site.themes), (urls.timeline(), "timeline", site.events),
                (urls.glossary(), "glossary", site.entities)]
    return {
        "page": "home", "title": intro.title if intro else ctx.config.title,
        "intro": render_curated(ctx, ("page", "", "body"), intro.body)[0] if intro else "",
        "essays": [essay_card(ctx, e) for e in newest(site.essays)] if len(site.essays) > HOME_ESSAYS
        else [essay_card(ctx, e) for e in site.essays],
        "essay_count": len(site.essays), "all_essays": ctx.link(urls.essays()),
        "themes": [theme_card(ctx, t) for t in site.themes],
        "see_also": [{"href": ctx.link(path), "label": label} for path, label, present in see_also if present],
    }


def newest(essays) -> list[Essay]:
    """The HOME_ESSAYS newest dated essays, newest first (essays come oldest first, undated last)."""
    dated = [e for e in essays if e.date.year is not None]
    return sorted(dated, key=lambda e: e.date.sort_key, reverse=True)[:HOME_ESSAYS]


def essays_views(ctx: Context) -> list[dict]:
    """Every essay in a table, oldest first, split into pages of ESSAYS_PAGE: one view a page.

    The first row of each year on a page carries the year's id, where the timeline's year rows lead."""
    pages = ctx.essays_pages
    labels = [years_label(page) for page in pages]
    views = []
    for n, page in enumerate(pages, 1):
        anchors: dict[str, str] = {}
        seen: set[int | None] = set()
        for e in page:
            if e.date.year not in seen and ctx.year_pages[e.date.year] == n:
                seen.add(e.date.year)
                anchors[e.slug] = urls.year_id(e.date.year)
        views.append({"page": "essays", "title": paged_title("Essays", n, len(pages)),
                      "crumbs": [crumb(ctx, urls.essays(), "Essays")] if n > 1 else [],
                      "essays": [essay_card(ctx, e) for e in page], "anchors": anchors, "total": len(ctx.site.essays),
                      "pager": pager(ctx, urls.essays(), labels, n)})
    return views


def page_view(ctx: Context, page: Page) -> dict:
    """A free page from content/pages/."""
    content, _, _ = render_curated(ctx, ("page", page.slug, "body"), page.body)
    return {"page": page.slug, "title": page.title, "crumbs": [], "content": content}


def essay_view(ctx: Context, essay: Essay, previous: Essay | None, following: Essay | None) -> dict:
    """Everything the essay template shows; relations come from the analysis."""
    analysis = ctx.analysis
    by_paragraph: dict[int, list[Mention]] = {}
    for m in analysis.mentions[essay.slug]:
        if m.linked:
            by_paragraph.setdefault(m.paragraph, []).append(m)
    spellings: dict[int, list[Spelling]] = {}
    for s in analysis.spellings.get(essay.slug, ()):
        spellings.setdefault(s.paragraph, []).append(s)
    themes = [(theme_card(ctx, t), analysis.coverage[(essay.slug, t.slug)])
              for t in ctx.site.themes if (essay.slug, t.slug) in analysis.coverage]  # the themes are curated: a few
    return {
        "page": "essay",
        "title": essay.title,
        "crumbs": [crumb(ctx, urls.essays(), "Essays")],
        "essay": essay_data(essay),
        "citation": cite.citation(essay),
        "summary": markdown(ctx, ("essay", essay.slug, "summary"), essay.summary) if essay.summary else "",
        "argument": argument_view(ctx, essay),
        "minutes": reading_minutes(essay),
        "body": [paragraph_view(ctx, essay, item, by_paragraph.get(item.number, []), spellings.get(item.number, []))
                 if isinstance(item, Paragraph) else heading_data(item) for item in essay.body],
        "toc": [heading_data(h) for h in essay.headings],
        "notes": {kind: [n.text for n in essay.notes if n.kind == kind] for kind in ("bio", "series", "disclaimer", "note")},
        "evidence": [{"field": {"url": "Original"}.get(name, name.capitalize()), "note": note} for name, note in essay.evidence],
        "provenance": list(essay.provenance),
        "themes": [{"theme": card, "paragraphs": list(paras)} for card, paras in themes],
        "related": [related_view(ctx, essay, r) for r in analysis.related[essay.slug]],
        "cite": essay_citations(ctx, essay),
        "cite_page": ctx.link(urls.citations(essay.slug)),
        "renumbered": list(analysis.lock.renumbered.get(essay.slug, ())),
        "previous": essay_card(ctx, previous) if previous else None,
        "next": essay_card(ctx, following) if following else None,
    }


def heading_data(heading: Heading) -> dict:
    """A section heading of an essay."""
    return {"kind": "heading", "anchor": heading.anchor, "text": heading.text, "level": heading.level}


def essay_citations(ctx: Context, essay: Essay) -> dict:
    """The essay in four citation styles, its meta tags, and how to cite one paragraph.

    The styles cite the original's address when it is known, else this page's; a site with no
    public address has no address of its own to give."""
    page = ctx.links.absolute(urls.essay(essay.slug))
    url = essay.url or page
    example = max(1, len(essay.paragraphs) // 2)  # a paragraph the essay has, for the one-paragraph example
    styles = [("Chicago", cite.chicago(essay, url)), ("APA", cite.apa(essay, url)), ("MLA", cite.mla(essay, url))]
    permalink = ctx.links.absolute(urls.paragraph(essay.slug, example))
    return {
        "styles": [{"name": name, "key": name.lower(), "text": text.replace("*", ""), "html": emphasis(text)}
                   for name, text in styles],
        "bibtex": cite.bibtex(essay, url),
        "paragraph": f"{cite.citation(essay)}, ¶ {example}" + (f", {permalink}" if permalink else ""),
        "print": print_footer(styles[0][1], page),
        "meta": cite.citation_meta(essay, page),
        "json_ld": Markup(cite.json_ld(essay, page)),
    }


def citations_view(ctx: Context, essay: Essay) -> dict:
    """Every paragraph of an essay in every citation style, each at its own id: where a paragraph's
    cite link leads, so the essay page itself carries one link a paragraph and no citations.

    A citation gives the paragraph's address on this site, since the ¶ numbers are this site's;
    a site with no public address has none to give, and its citations give none."""
    page = ctx.links.absolute(urls.essay(essay.slug))
    paragraphs = []
    for p in essay.paragraphs:
        anchor = urls.paragraph_id(p.number)
        styles = cite.passage_citations(essay, ctx.links.absolute(urls.paragraph(essay.slug, p.number)), p.number)
        paragraphs.append({"number": p.number, "anchor": anchor, "opening": opening(p.text),
                           "href": ctx.link(urls.paragraph(essay.slug, p.number)),
                           "styles": [{"name": name, "key": f"{anchor}-{key}", "text": text.replace("*", ""),
                                       "html": emphasis(text), "block": key == "bibtex"} for name, key, text in styles]})
    return {"page": "cite", "title": f"Cite a paragraph of “{essay.short_title}”",
            "crumbs": [crumb(ctx, urls.essays(), "Essays"), crumb(ctx, urls.essay(essay.slug), essay.title)],
            "essay": essay_data(essay), "card": essay_card(ctx, essay), "paragraphs": paragraphs, "addressed": bool(page),
            "print_footer": print_footer(cite.chicago(essay, essay.url or page), page)}


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


def argument_view(ctx: Context, essay: Essay) -> list[dict]:
    """The thesis and the claims, each with the paragraphs it rests on (as the analysis now numbers them)."""
    return [{"label": "Thesis" if key[2] == "thesis" else "", "text": markdown(ctx, key, claim.text, inline=True),
             "href": f"#{urls.paragraph_id(ref.first)}", "where": cite.pilcrow(ref.first, ref.last)}
            for (key, claim), ref in zip(claim_texts(essay).items(), ctx.analysis.claims[essay.slug])]


def paragraph_view(ctx: Context, essay: Essay, paragraph: Paragraph, links: list[Mention], spellings: list[Spelling]) -> dict:
    """A paragraph's text with the mentions that get a link, the other spellings of the names it
    mentions (for the search index only, see analyse.find_spellings), and the places that discuss it."""
    text = paragraph.text
    # every value is escaped where it goes in (Markup.format would do the same, at many times the cost)
    pieces = [(m.start, m.end, f'<a href="{escape(ctx.link(urls.entry(m.entity)))}">{escape(text[m.start:m.end])}</a>')
              for m in links]
    pieces += [(s.at, s.at, f'<span data-pagefind-index-attrs="data-also" data-also="{escape(plain_value(s.also))}"></span>')
               for s in spellings]  # indexed, never shown
    html, pos = [], 0
    for start, end, markup in sorted(pieces, key=lambda piece: piece[:2]):
        html += [escape(text[pos:start]), markup]
        pos = end
    html.append(escape(text[pos:]))
    backlinks = ctx.analysis.backlinks.get((essay.slug, paragraph.number), ())
    return {"kind": "paragraph", "number": paragraph.number, "anchor": urls.paragraph_id(paragraph.number),
            "marker": paragraph.marker, "html": Markup("".join(html)),
            "cite_href": ctx.link(urls.paragraph_citations(essay.slug, paragraph.number)),
            "themes": [{"title": b.title, "href": ctx.link(b.path)} for b in backlinks if b.kind in ("theme", "page")],
            "events": [{"title": b.title, "href": ctx.link(b.path)} for b in backlinks if b.kind == "timeline"]}


REASON_PASSAGES = 3  # paragraphs of each essay shown as the reason two essays are related


def related_view(ctx: Context, essay: Essay, related) -> dict:
    """Another essay and what the two share: its rarest shared names, and, as the reason, the
    passages of both essays that their rarest shared theme cites."""
    reason = None
    if related.themes:
        theme = related.themes[0]

        def passages(slug: str) -> list[dict]:
            cited = ctx.analysis.coverage.get((slug, theme), ())
            return [{"number": n, "href": ctx.link(urls.paragraph(slug, n))} for n in cited[:REASON_PASSAGES]]
        reason = {"theme": ctx.themes[theme].title, "href": ctx.link(urls.theme(theme)),
                  "here": passages(essay.slug), "there": passages(related.essay)}
    return {"essay": essay_card(ctx, ctx.site.essay(related.essay)),
            "themes": [{"title": ctx.themes[t].title, "href": ctx.link(urls.theme(t))} for t in related.themes],
            "entities": [{"name": ctx.entities[e].name, "href": ctx.link(urls.entry(e))} for e in related.entities[:3]],
            "more": max(0, len(related.entities) - 3), "reason": reason}


def themes_view(ctx: Context) -> dict:
    """Every theme with its description and how much of the collection it draws on."""
    cards = [theme_card(ctx, t) | {"passages": sum(len(ctx.analysis.coverage[(e, t.slug)]) for e in ctx.analysis.theme_essays[t.slug])}
             for t in ctx.site.themes]
    return {"page": "themes", "title": "Themes", "crumbs": [], "themes": cards, "essay_count": len(ctx.site.essays)}


def theme_view(ctx: Context, theme: Theme) -> dict:
    """A curated theme: our framing and comparison, plus what the references tell about it."""
    coverage = ctx.analysis.coverage
    names = ctx.entities
    content, questions, sections = render_curated(ctx, ("theme", theme.slug, "body"), theme.body, question_texts(theme))
    citation = cite.page_citation(theme.title, ctx.config.title, ctx.links.absolute(urls.theme(theme.slug)))
    return {
        "page": "theme", "title": theme.title, "crumbs": [crumb(ctx, urls.themes(), "Themes")],
        "theme": {"title": theme.title, "short": theme.short}, "card": theme_card(ctx, theme),
        "content": content, "sections": sections,
        "essays": [{"essay": essay_card(ctx, ctx.site.essay(e)), "paragraphs": list(coverage[(e, theme.slug)])}
                   for e in ctx.analysis.theme_essays[theme.slug]],
        "terms": [{"name": names[s].name, "href": ctx.link(urls.entry(s)),
                   "description": ctx.analysis.plain[("glossary", s, "description")]} for s in ctx.analysis.terms.get(theme.slug, ())],
        "questions": questions,
        "related": [theme_card(ctx, ctx.themes[slug]) for slug in theme.related if slug in ctx.themes],
        "page_citation": emphasis(citation),
        "print_footer": print_footer(citation, ""),
    }


def reading_view(ctx: Context, theme: Theme) -> dict:
    """A hand-out: the essays in date order, the passages to read in each, and the questions."""
    essays = []
    for essay in map(ctx.site.essay, ctx.analysis.theme_essays[theme.slug]):
        numbers = ctx.analysis.coverage.get((essay.slug, theme.slug), ())
        if numbers:
            passages = [{"href": ctx.link(urls.paragraph(essay.slug, n)), "n": n,
                         "opening": opening(essay.paragraphs[n - 1].text)} for n in numbers]
            essays.append({"essay": essay_card(ctx, essay), "passages": passages,
                           "online": ctx.links.absolute(urls.essay(essay.slug))})
    citation = cite.page_citation(f"Reading list: {theme.title}", ctx.config.title, ctx.links.absolute(urls.reading(theme.slug)))
    return {"page": "theme", "title": f"Reading list: {theme.title}",
            "crumbs": [crumb(ctx, urls.themes(), "Themes"), crumb(ctx, urls.theme(theme.slug), theme.title)],
            "theme": {"title": theme.title, "short": theme.short, "href": ctx.link(urls.theme(theme.slug))},
            "essays": essays, "card": theme_card(ctx, theme),
            "questions": [markdown(ctx, key, q, inline=True) for key, q in question_texts(theme).items()],
            "print_footer": print_footer(citation, "")}


def opening(text: str, words: int = 14) -> str:
    """The first words of a paragraph, so a reader can find it on paper."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def glossary_view(ctx: Context) -> dict:
    """Every entry, grouped by kind."""
    groups = []
    for kind, label in KIND_LABELS.items():
        entries = [{"name": e.name, "href": ctx.link(urls.entry(e.slug)), "count": len(ctx.analysis.by_entity.get(e.slug, ())),
                    "description": markdown(ctx, ("glossary", e.slug, "description"), e.description, inline=True)}
                   for e in ctx.site.entities if e.kind == kind]
        if entries:
            groups.append({"kind": kind, "label": label, "entries": entries})
    return {"page": "glossary", "title": "Glossary", "crumbs": [], "groups": groups}


def entity_views(ctx: Context, entity: Entity) -> list[dict]:
    """An entry with its mentions across the collection, as keyword-in-context lines: one view a page.

    An entry with at most ENTRY_FULL mentions shows them all on one page, essay by essay in
    collection order. A larger one ranks the essays by how often they mention it: its first page
    quotes the first ENTRY_LINES passages of the ENTRY_PAGE essays that mention it most (the
    others as ¶ links); the later pages list the rest, ENTRY_INDEX a page, a line each."""
    groups: dict[str, list[Mention]] = {}
    for m in ctx.analysis.by_entity.get(entity.slug, ()):
        groups.setdefault(m.essay, []).append(m)
    count = sum(len(ms) for ms in groups.values())
    full = count <= ENTRY_FULL
    if full:
        slugs = sorted(groups, key=ctx.order.__getitem__)
    else:
        slugs = sorted(groups, key=lambda slug: (-len(groups[slug]), ctx.order[slug]))
    pages = [slugs[:ENTRY_PAGE]] if not full else [slugs]
    if not full and len(slugs) > ENTRY_PAGE:  # the essays quoted on the first page, then an index of the rest
        pages += split(slugs[ENTRY_PAGE:], ENTRY_INDEX)
    labels = [str(n) for n in range(1, len(pages) + 1)]
    themes = [theme_card(ctx, t) for t in ctx.site.themes if entity.slug in ctx.analysis.terms.get(t.slug, ())]
    head = {"page": "glossary", "entity": {"name": entity.name}, "kind": KIND_LABELS[entity.kind],
            "description": markdown(ctx, ("glossary", entity.slug, "description"), entity.description, inline=True),
            "aliases": [a for a in entity.aliases if a != entity.name], "search_aliases": list(entity.search_aliases),
            "count": count, "essay_count": len(groups), "full": full, "lines": ENTRY_LINES, "quoted": min(ENTRY_PAGE, len(groups)),
            "themes": themes}
    views = []
    for n, page in enumerate(pages, 1):
        lines = None if full else ENTRY_LINES if n == 1 else 0
        by_essay = [mention_group(ctx, ctx.site.essay(slug), groups[slug], lines) for slug in page]
        crumbs = [crumb(ctx, urls.glossary(), "Glossary")] + ([crumb(ctx, urls.entry(entity.slug), entity.name)] if n > 1 else [])
        views.append(head | {"title": paged_title(entity.name, n, len(pages)), "crumbs": crumbs, "by_essay": by_essay,
                             "number": n, "pager": pager(ctx, urls.entry(entity.slug), labels, n)})
    return views


def mention_group(ctx: Context, essay: Essay, mentions: list[Mention], lines: int | None) -> dict:
    """One essay's mentions of an entry: its first `lines` as keyword-in-context lines (all: None),
    and the ¶ of the rest."""
    shown = mentions if lines is None else mentions[:lines]
    rest = sorted({m.paragraph for m in mentions[len(shown):]} - {m.paragraph for m in shown})
    return {"essay": essay_card(ctx, essay), "count": len(mentions), "lines": [kwic(ctx, essay, m) for m in shown],
            "more": len(mentions) - len(shown),
            "others": [{"href": ctx.link(urls.paragraph(essay.slug, n)), "where": cite.pilcrow(n)} for n in rest]}


def kwic(ctx: Context, essay: Essay, m: Mention, width: int = 60) -> dict:
    """Keyword in context: a few words either side of the mention, cut at word boundaries."""
    text = essay.paragraphs[m.paragraph - 1].text
    left, right = text[max(0, m.start - width):m.start], text[m.end:m.end + width]
    if m.start > width:
        left = "…" + left.split(" ", 1)[-1]
    if m.end + width < len(text):
        right = right.rsplit(" ", 1)[0] + "…"
    return {"left": left, "word": text[m.start:m.end], "right": right,
            "href": ctx.link(urls.paragraph(essay.slug, m.paragraph)), "where": cite.pilcrow(m.paragraph)}


def passages_by_essay(ctx: Context, slug: str) -> list[dict]:
    """An event's cited paragraphs grouped by essay (essays in the order first cited), each essay named
    once and its paragraphs in reading order: "Wallander, “…”, ¶ 13, ¶ 23"."""
    groups: dict[str, list] = {}
    for c in ctx.analysis.cites.get(("timeline", slug, "passages"), ()):
        groups.setdefault(c.ref.slug, []).append(c)
    return [{"essay": group[0].work,
             "links": [{"href": ctx.link(c.path), "label": c.mark, "name": c.citation}
                       for c in sorted({c.ref: c for c in group}.values(), key=lambda c: (c.ref.first or 0, c.ref.last or 0))]}
            for group in groups.values()]


def timeline_view(ctx: Context) -> dict:
    """Events and the essays' own publication dates, in one chronological list."""
    rows = []
    for event in ctx.site.events:
        rows.append({"kind": "event", "slug": event.slug, "date": event.date, "note": event.date_note,
                     "title": event.title, "short": event.short, "passages": passages_by_essay(ctx, event.slug)})
    dated = [e for e in ctx.site.essays if e.date.year is not None]
    undated = [e for e in ctx.site.essays if e.date.year is None]
    if len(dated) <= TIMELINE_ESSAYS:
        for essay in dated:
            rows.append({"kind": "essay", "slug": f"essay-{essay.slug}", "date": essay.date, "note": essay.date_note,
                         "title": essay.title, "short": cite.cited_by(essay), "essay": essay_card(ctx, essay), "passages": []})
    else:  # too many to place one by one: a row a year, leading to the year in the essays table
        rows += year_rows(ctx, dated)
    rows.sort(key=lambda r: (r["date"].sort_key, r["kind"] != "event", r["slug"]))
    chart = timeline_chart(rows)
    for row in rows:
        row["date"] = date_data(row["date"])
    listed = len(undated) <= TIMELINE_ESSAYS
    return {"page": "timeline", "title": "Timeline", "crumbs": [], "rows": rows, "chart": chart,
            "undated": [essay_card(ctx, e) for e in undated] if listed else [],
            "undated_count": 0 if listed else len(undated),
            "undated_href": "" if listed else ctx.link(year_path(ctx, None))}


def year_rows(ctx: Context, dated: list[Essay]) -> list[dict]:
    """One timeline row a year: how many essays appeared that year, leading to them in the essays table."""
    years: dict[int, int] = {}
    for e in dated:
        years[e.date.year] = years.get(e.date.year, 0) + 1
    return [{"kind": "essays", "slug": f"essays-{year}", "date": PartialDate(year), "note": "",
             "title": f"{count:,} essay{'s' if count != 1 else ''} published", "short": f"{count:,} essay{'s' if count != 1 else ''}",
             "href": ctx.link(year_path(ctx, year)), "count": count, "passages": []}
            for year, count in years.items()]


def year_path(ctx: Context, year: int | None) -> str:
    """Where a year's essays begin in the essays table (None: the undated ones)."""
    return f"{urls.listing_page(urls.essays(), ctx.year_pages[year])}#{urls.year_id(year)}"


def timeline_chart(rows: list[dict]) -> Markup:
    """The timeline's rows as marks on one time axis, each linking to its row."""
    marks = [charts.TimeMark(key=r["slug"], kind="event" if r["kind"] == "event" else "essay",  # a year's essays: an essay mark
                             year=r["date"].year, month=r["date"].month, day=r["date"].day,
                             label=r["short"], title=f'{r["title"]}, {r["date"].display}')
             for r in rows]
    return Markup(charts.timeline_svg(marks, "Chart: the events and the essays on one time axis"))


def map_views(ctx: Context) -> list[dict]:
    """Essay × theme: how many paragraphs of each essay each theme cites, with links to them, as a
    chart and a table: one view a page. A collection of up to MAP_PAGE essays shows them all, so
    the essays no theme cites stand out; a larger one shows those some theme cites, MAP_PAGE a page."""
    themes, coverage = ctx.site.themes, ctx.analysis.coverage
    if len(ctx.site.essays) <= MAP_PAGE:
        essays = [e.slug for e in ctx.site.essays]
    else:
        essays = sorted(set().union(*ctx.analysis.theme_essays.values()), key=ctx.order.__getitem__)
    most = max((len(v) for v in coverage.values()), default=1)
    pages = split([ctx.site.essay(slug) for slug in essays], MAP_PAGE)
    labels = [years_label(page) for page in pages]
    views = []
    for n, page in enumerate(pages, 1):
        rows = []
        for essay in page:
            cells = []
            for theme in themes:
                paras = coverage.get((essay.slug, theme.slug), ())
                cells.append({"theme": theme.title, "count": len(paras), "width": round(100 * len(paras) / most),
                              "links": [{"href": ctx.link(urls.paragraph(essay.slug, p)), "n": p} for p in paras]})
            rows.append({"essay": essay_card(ctx, essay), "cells": cells, "total": sum(c["count"] for c in cells)})
        chart = charts.matrix_svg(
            [charts.Label(t.short) for t in themes],
            [charts.Label(cite.cited_by(e).strip("“”"), str(e.date.year or "")) for e in page],
            [[len(coverage.get((e.slug, t.slug), ())) for e in page] for t in themes],
            "Chart: how many paragraphs of each essay each theme cites; the table below gives the numbers")
        views.append({"page": "map", "title": paged_title("Map of the collection", n, len(pages)),
                      "crumbs": [crumb(ctx, urls.map_page(), "Map of the collection")] if n > 1 else [],
                      "themes": [theme_card(ctx, t) for t in themes], "rows": rows, "chart": Markup(chart),
                      "uncited": len(ctx.site.essays) - len(essays), "all_essays": ctx.link(urls.essays()),
                      "pager": pager(ctx, urls.map_page(), labels, n)})
    return views


def search_view(ctx: Context) -> dict:
    """The search page, with the listings to browse instead when scripts are off."""
    site = ctx.site
    browse = [(urls.essays(), "essays", True), (urls.themes(), "themes", site.themes),
              (urls.glossary(), "glossary", site.entities), (urls.timeline(), "timeline", site.events)]
    return {"page": "search", "title": "Search", "crumbs": [], "ranking": ctx.link(urls.ranking()),
            "browse": [{"href": ctx.link(path), "label": label} for path, label, present in browse if present]}


def not_found_view(ctx: Context) -> dict:
    """The page for an address the site does not have."""
    return {"page": "404", "title": "Page not found"}
