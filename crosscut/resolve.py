"""References, resolved once: each [[…]] parsed, checked where it is written, followed where its
paragraph moved, and turned into everything a page shows of it (link, citation, quote, landing id).

Two readings of the same content meet here. The references as found line by line in each file
(find_refs) are checked, so a broken one is reported with its file and line. The references of
each Markdown text as the renderer meets them, in its order (markdown.list_refs), are resolved
into Cites: the renderer takes the n-th Cite of a text for its n-th reference and only formats it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from . import cite, urls
from .markdown import list_refs
from .model import Claim, Essay, Event, Site
from .passages import Checked, Citing, Lock, check_passages, follow
from .problems import Problems, did_you_mean
from .refhtml import plain_text
from .refs import Ref, RefSyntaxError, parse_ref, select_sentences

# A curated text whose references are resolved: (kind of its source, the source's slug, which part).
# Parts: "body", "description", "question N", "summary", "thesis", "claim N" (N from 1), "passages".
TextKey = tuple[str, str, str]


@dataclass(frozen=True)
class Source:
    kind: str  # "theme", "description", "timeline", "glossary", "page" or "essay"
    slug: str  # key of the source within its kind
    title: str  # how a backlink names it
    path: str  # site path of the place that makes the reference


@dataclass(frozen=True)
class Cite:
    """One reference as a page shows it: where it leads and every word it shows."""

    written: Ref  # as written (the renderer checks that it meets the same reference)
    ref: Ref  # as it now points: cited paragraphs that moved are followed
    path: str  # site path it leads to, with the paragraph or section: "essays/x/#p12", "glossary/y/"
    name: str = ""  # the entry's name or the theme's title ("" for an essay)
    tooltip: str = ""  # an entry's name and glossary line, for its link's title
    citation: str = ""  # the full citation: 'Wallander, “…”, ¶ 12'
    short: str = ""  # compact, for a table cell: 'Wallander ¶ 12'
    work: str = ""  # the essay alone, named once before a run of citations: 'Wallander, “…”'
    by: str = ""  # the same in a table cell: 'Wallander'
    mark: str = ""  # the paragraphs alone: "¶ 12", "¶¶ 13–15"
    quote: str = ""  # the words a ![[…]] quote shows, paragraphs apart by a blank line
    anchor: str = ""  # id it carries where its page first cites its paragraphs (a backlink lands there)
    compact: bool = False  # in a sentence that names the essay (a discussion question): a citation shows its ¶ alone


@dataclass(frozen=True)
class Resolved:
    """What the references come to, by place and by text."""

    refs: dict[Source, tuple[Ref, ...]]  # every valid reference as found in its file, by the place that makes it
    cites: dict[TextKey, tuple[Cite, ...]]  # each curated text's references as its page shows them, in order
    plain: dict[TextKey, str]  # each description and summary as plain text, its references as the words they show
    claims: dict[str, tuple[Ref, ...]]  # essay slug -> where its thesis and claims point (thesis first)
    anchors: dict[Source, dict[tuple[str, int], str]]  # theme or page -> (essay, ¶) -> id of its first citation
    checked: Checked  # the passage lock's verdicts: moves, the lock to write


@dataclass(frozen=True)
class Written:
    """A parsed reference where it was written."""

    source: Source  # the place that makes it
    path: str  # its file
    line: int | None  # its line
    ref: Ref  # as written


def resolve(site: Site, problems: Problems, lock: Lock = Lock(), accept: bool = False) -> Resolved:
    """Check every reference where it is written (against the passage lock too), then resolve each text's references."""
    written = parse_references(site, problems)
    refs, checked = check_references(site, written, problems, lock, accept)
    cites = resolve_texts(site, refs, {(w.source.kind, w.source.slug, w.ref) for w in written}, checked, problems)
    # a glossary link's tooltip is its entry's description as plain text, which needs that description's own references
    plain = plain_texts(site, cites)
    cites, anchors = place_anchors(site, add_tooltips(cites, plain))
    claims = {essay.slug: tuple(follow(parse_ref(f"{essay.slug}#{c.at}"), checked.moves) for c in claims_of(essay))
              for essay in site.essays}
    return Resolved(refs, cites, plain, claims, anchors, checked)


# ---------------------------------------------------------------- where references are written


def theme_source(theme) -> Source:
    """A theme page as a place that cites paragraphs."""
    return Source("theme", theme.slug, theme.short, urls.theme(theme.slug))


def page_source(page) -> Source:
    """A free page as a place that cites paragraphs."""
    return Source("page", page.slug, page.title, urls.page(page.slug))


def entity_source(entity) -> Source:
    """A glossary entry's description as a place that makes references."""
    return Source("glossary", entity.slug, entity.name, urls.entry(entity.slug))


def essay_source(essay: Essay) -> Source:
    """An essay's summary, thesis and claims as a place that makes references."""
    return Source("essay", essay.slug, essay.title, urls.essay(essay.slug))


def event_source(event: Event) -> Source:
    """A timeline entry as a place that cites paragraphs (backlinks name it and its date)."""
    return Source("timeline", event.slug, f"{event.short} ({event.date.display})", urls.event(event.slug))


def reference_sources(site: Site):
    """Every curated place that may hold references: (source, file, its located references)."""
    for theme in site.themes:
        yield theme_source(theme), theme.path, theme.refs
        # the one-line description shows on cards too: checked, but not where the theme cites a paragraph
        yield replace(theme_source(theme), kind="description"), theme.path, theme.description_refs
    for page in site.pages:
        yield page_source(page), page.path, page.refs
    for entity in site.entities:
        yield entity_source(entity), entity.path, entity.refs
    for essay in site.essays:
        yield essay_source(essay), essay.meta_path, essay.refs


def claims_of(essay: Essay) -> tuple:
    """The essay's thesis (if any) and its claims, in the order its page shows them."""
    return ((essay.thesis,) if essay.thesis else ()) + essay.claims


def question_texts(theme) -> dict[TextKey, str]:
    """A theme's questions, each by the key its references are resolved under."""
    return {("theme", theme.slug, f"question {n}"): question for n, question in enumerate(theme.questions, 1)}


def claim_texts(essay: Essay) -> dict[TextKey, Claim]:
    """An essay's thesis and claims, each by the key the references in its text are resolved under."""
    thesis = {("essay", essay.slug, "thesis"): essay.thesis} if essay.thesis else {}
    return thesis | {("essay", essay.slug, f"claim {n}"): claim for n, claim in enumerate(essay.claims, 1)}


def curated_texts(site: Site):
    """Every Markdown text of the curated content: (its key, its source, its file, the text)."""
    for theme in site.themes:
        yield ("theme", theme.slug, "body"), theme_source(theme), theme.path, theme.body
        for key, question in question_texts(theme).items():
            yield key, theme_source(theme), theme.path, question
        yield ("theme", theme.slug, "description"), replace(theme_source(theme), kind="description"), theme.path, theme.description
    for page in site.pages:
        yield ("page", page.slug, "body"), page_source(page), page.path, page.body
    for entity in site.entities:
        yield ("glossary", entity.slug, "description"), entity_source(entity), entity.path, entity.description
    for essay in site.essays:
        yield ("essay", essay.slug, "summary"), essay_source(essay), essay.meta_path, essay.summary
        for key, claim in claim_texts(essay).items():
            yield key, essay_source(essay), essay.meta_path, claim.text


# ---------------------------------------------------------------- checking, where written


def check_references(site: Site, written: list[Written], problems: Problems, lock: Lock = Lock(),
                     accept: bool = False) -> tuple[dict[Source, tuple[Ref, ...]], Checked]:
    """Compare the cited paragraphs with the passage lock, then check each reference as it now points;
    each broken one is reported with its file and line. Returns the valid ones by place, as they now point."""
    texts = {essay.slug: tuple(p.text for p in essay.paragraphs) for essay in site.essays}
    citing = [Citing(w.path, w.line, w.ref.slug, w.ref.first, w.ref.last) for w in written
              if w.ref.kind == "essay" and w.ref.first is not None and w.ref.first >= 1 and w.ref.last >= w.ref.first]
    checked = check_passages(lock, texts, citing, problems, accept)
    index = Index(site)
    found: dict[Source, list[Ref]] = defaultdict(list)
    for w in written:
        ref = follow(w.ref, checked.moves)
        if check_ref(index, ref, w.path, w.line, problems):
            found[w.source].append(ref)
    for theme in site.themes:
        for slug in theme.related:
            if slug not in index.themes and not problems.was_unread("theme", slug):
                problems.error(theme.path, theme.related_line, f"related theme '{slug}' does not exist{did_you_mean(slug, list(index.themes))}",
                               "use the file name of a page in content/themes/ without .md")
    return {source: tuple(refs) for source, refs in found.items()}, checked


def parse_references(site: Site, problems: Problems) -> list[Written]:
    """Every reference in the curated content, the timeline and the essays' claims, parsed, in file order."""
    written = []
    for source, path, located in reference_sources(site):
        for where, inner, embed in located:
            try:
                written.append(Written(source, path, where, parse_ref(inner, embed)))
            except RefSyntaxError as err:
                problems.error(path, where, str(err), "see content/README.md for the reference syntax")
    for event in site.events:
        for key in event.passages:
            try:
                written.append(Written(event_source(event), event.path, event.line, parse_ref(key)))
            except RefSyntaxError as err:
                problems.error(event.path, event.line, str(err), "write passages as essay-slug#p12")
    for essay in site.essays:
        for claim in claims_of(essay):
            written.append(Written(essay_source(essay), essay.meta_path, claim.line, parse_ref(f"{essay.slug}#{claim.at}")))
    return written


class Index:
    """The site's essays, entries and themes by slug, looked up once each."""

    def __init__(self, site: Site):
        self.essays = {e.slug: e for e in site.essays}
        self.entities = {e.slug: e for e in site.entities}
        self.themes = {t.slug: t for t in site.themes}

    def keys(self, kind: str) -> dict:
        """The targets of one kind of reference, by slug."""
        return {"essay": self.essays, "glossary": self.entities, "theme": self.themes}[kind]


def check_ref(index: Index, ref: Ref, path: str, line: int | None, problems: Problems) -> bool:
    """Check that a reference points at something that exists; report it otherwise."""
    wrong = ref_problem(index, ref)
    if wrong and not (wrong[0] == "unknown" and problems.was_unread(ref.kind, ref.slug)):
        problems.error(path, line, *wrong[1:])  # an unreadable target's own errors are reported; this would repeat them
    return not wrong


def ref_problem(index: Index, ref: Ref) -> tuple[str, str, str] | None:
    """What is wrong with a reference: (what, message, fix), or None when it points at something that exists."""
    keys = index.keys(ref.kind)
    if ref.slug not in keys:
        folder = {"essay": "content/essays/", "glossary": "content/glossary.yml", "theme": "content/themes/"}[ref.kind]
        return ("unknown", f"unknown {ref.kind} '{ref.slug}'{did_you_mean(ref.slug, list(keys))}", f"use a slug defined in {folder}")
    if ref.kind != "essay":
        return None
    essay = index.essays[ref.slug]
    count = len(essay.paragraphs)
    if ref.first is not None and (ref.first < 1 or ref.last > count):
        bad = ref.first if ref.first < 1 or ref.first > count else ref.last
        return ("paragraph", f"unknown paragraph '{ref.slug}#p{bad}' (the essay has {count} paragraphs)",
                f"number paragraphs as the essay page shows them: p1 to p{count}")
    anchors = [h.anchor for h in essay.headings]
    if ref.anchor and ref.anchor not in anchors:
        return ("section", f"unknown section '{ref.slug}#{ref.anchor}'{did_you_mean(ref.anchor, anchors)}",
                "sections: " + (", ".join(anchors) or "this essay has none"))
    if ref.embed and ref.phrases and quote_text(essay, ref) is None:
        phrases = " … ".join(f"'{p}'" for p in ref.phrases)
        return ("phrase", f"{phrases} not found in {ref.slug}#p{ref.first}",
                "copy the words exactly from the paragraph (quotes and dashes may be straight or curly)")
    return None


def quote_text(essay: Essay, ref: Ref) -> str | None:
    """The words a quote shows: whole paragraphs, or the sentences its phrases choose (None if not found)."""
    paragraphs = [essay.paragraphs[n - 1].text for n in ref.paragraphs]
    if not ref.phrases:
        return "\n\n".join(paragraphs)
    return select_sentences(" ".join(paragraphs) if len(paragraphs) > 1 else paragraphs[0], ref.phrases)


# ---------------------------------------------------------------- resolving, as pages show them


def resolve_texts(site: Site, refs: dict[Source, tuple[Ref, ...]], written: set[tuple[str, str, Ref]], checked: Checked,
                  problems: Problems) -> dict[TextKey, tuple[Cite, ...]]:
    """Each curated text's references in the renderer's order, and each event's passages, as Cites.

    `written` holds (source kind, slug, reference) of every reference already checked where it is
    written. One the line-by-line reading did not see (the two readings differ only in corners of
    Markdown) is checked here, so that nothing reaches a page unchecked."""
    index = Index(site)
    valid = {(source.kind, source.slug): set(found) for source, found in refs.items()}
    cites: dict[TextKey, tuple[Cite, ...]] = {}
    for key, source, path, text in curated_texts(site):
        resolved = []
        compact = key[2].startswith("question")  # a question's sentence names the essay it cites
        for as_written in list_refs(text):
            ref = follow(as_written, checked.moves)
            if ref in valid.get((source.kind, source.slug), ()):
                resolved.append(make_cite(index, as_written, ref, compact))
            elif (source.kind, source.slug, as_written) not in written and check_ref(index, ref, path, None, problems):
                resolved.append(make_cite(index, as_written, ref, compact))
        cites[key] = tuple(resolved)
    for event in site.events:
        found = refs.get(event_source(event), ())
        cites[("timeline", event.slug, "passages")] = tuple(make_cite(index, ref, ref) for ref in found)
    return cites


def make_cite(index: Index, written: Ref, ref: Ref, compact: bool = False) -> Cite:
    """Everything a page shows of one checked reference (a glossary link's tooltip comes later: add_tooltips)."""
    if ref.kind == "glossary":
        return Cite(written, ref, urls.entry(ref.slug), name=index.entities[ref.slug].name)
    if ref.kind == "theme":
        return Cite(written, ref, urls.theme(ref.slug), name=index.themes[ref.slug].title)
    essay = index.essays[ref.slug]
    path = (urls.paragraph(ref.slug, ref.first) if ref.first is not None
            else urls.section(ref.slug, ref.anchor) if ref.anchor else urls.essay(ref.slug))
    return Cite(written, ref, path, citation=cite.citation(essay, ref.first, ref.last, ref.anchor),
                short=cite.short_citation(essay, ref.first, ref.last), work=cite.citation(essay), by=cite.cited_by(essay),
                mark=cite.pilcrow(ref.first, ref.last) if ref.first is not None else "",
                quote=(quote_text(essay, ref) or "") if ref.embed else "", compact=compact)


PLAIN = ("description", "summary")  # the texts also shown as plain text: in tooltips, key terms and the feed


def plain_texts(site: Site, cites: dict[TextKey, tuple[Cite, ...]]) -> dict[TextKey, str]:
    """Each description and summary as plain text, keeping the words its references show
    ("…are mentioned in (“Where to Now?”, ¶ 7).", not "…are mentioned in."). A text with a broken
    reference (reported, so the build stops before any page) is left as written."""
    return {key: plain_text(text, cites[key]) if len(cites[key]) == len(list_refs(text)) else text
            for key, _, _, text in curated_texts(site) if key[2] in PLAIN}


def add_tooltips(cites: dict[TextKey, tuple[Cite, ...]], plain: dict[TextKey, str]) -> dict[TextKey, tuple[Cite, ...]]:
    """Give each glossary link its tooltip: the entry's name and its description as plain text."""
    def tip(c: Cite) -> Cite:
        return replace(c, tooltip=f"{c.name}: {plain[('glossary', c.ref.slug, 'description')]}") if c.ref.kind == "glossary" else c
    return {key: tuple(tip(c) for c in found) for key, found in cites.items()}


# ---------------------------------------------------------------- where backlinks land


ANCHORED = ("theme", "page")  # the pages whose first citation of a paragraph is where a backlink lands


def place_anchors(site: Site, cites: dict[TextKey, tuple[Cite, ...]]):
    """Give each theme and page's first citation of a paragraph its id; return the cites and, by source, the ids."""
    anchors: dict[Source, dict[tuple[str, int], str]] = {}
    placed = dict(cites)
    for source, keys in anchored_texts(site):
        found = [c for key in keys for c in cites[key]]  # in page order: the body, then the questions
        chosen = cite_anchors(tuple(c.ref for c in found))
        anchors[source] = chosen
        ids = set(chosen.values())
        for key in keys:
            out = []
            for c in cites[key]:
                ident = anchor_id(c.ref) if c.ref.kind == "essay" and c.ref.first is not None else ""
                if ident in ids:
                    ids.discard(ident)  # the first reference with this id is the one the rule chose
                    c = replace(c, anchor=ident)
                out.append(c)
            placed[key] = tuple(out)
    return placed, anchors


def anchored_texts(site: Site):
    """Each theme and page with the keys of its texts, in the order its page shows them."""
    for theme in site.themes:
        yield theme_source(theme), [("theme", theme.slug, "body"), *question_texts(theme)]
    for page in site.pages:
        yield page_source(page), [("page", page.slug, "body")]


def anchor_id(ref: Ref) -> str:
    """The id a paragraph reference gets where it is a backlink's landing place: cites-<essay>-p3(-5)."""
    return f"cites-{ref.slug}-p{ref.first}" + (f"-{ref.last}" if ref.last != ref.first else "")


def cite_anchors(refs: tuple[Ref, ...]) -> dict[tuple[str, int], str]:
    """Where a page first cites each paragraph: (essay, paragraph) -> the id of that reference.

    refs are in the order the page shows them (body, then questions). A reference gets an id when
    it is the first to cite one of its paragraphs, and no earlier reference has the same id.
    """
    anchors: dict[tuple[str, int], str] = {}
    used: set[str] = set()
    for ref in refs:
        new = [n for n in ref.paragraphs if (ref.slug, n) not in anchors] if ref.kind == "essay" else []
        if new and anchor_id(ref) not in used:
            used.add(anchor_id(ref))
            anchors.update(((ref.slug, n), anchor_id(ref)) for n in new)
    return anchors
