"""Relations, computed once from keys: references, mentions, backlinks, related essays, theme coverage.

Order matters: references are resolved first (a broken one is an error with file:line), then
mentions are found, and only then are backlinks and relations derived from both.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from .mentions import Matcher
from .model import Essay, Event, Site
from .passages import Checked, Citing, Lock, check_passages, follow
from .problems import Problems, did_you_mean
from .refs import Ref, RefSyntaxError, parse_ref, select_sentences


@dataclass(frozen=True)
class Source:
    kind: str  # "theme", "timeline", "glossary", "page" or "essay"
    slug: str  # key of the source within its kind
    title: str  # how a backlink names it
    href: str  # site path of the place that makes the reference


@dataclass(frozen=True)
class Mention:
    entity: str  # glossary slug
    essay: str  # essay slug
    paragraph: int  # paragraph number
    start: int  # offset in the paragraph text
    end: int  # offset after the mention


@dataclass(frozen=True)
class Related:
    essay: str  # the other essay's slug
    themes: tuple[str, ...]  # theme slugs that cite both essays
    entities: tuple[str, ...]  # glossary slugs both essays mention, the rarest in the collection first
    weight: float  # what the two share, each theme and name weighted by its rarity (see relate_essays)


@dataclass(frozen=True)
class Analysis:
    refs: dict[Source, tuple[Ref, ...]]  # every resolved reference, by the place that makes it
    backlinks: dict[str, tuple[Source, ...]]  # "essay#pN" -> places that refer to the paragraph
    mentions: dict[str, tuple[Mention, ...]]  # essay slug -> its mentions in reading order
    by_entity: dict[str, tuple[Mention, ...]]  # glossary slug -> its mentions across the collection
    related: dict[str, tuple[Related, ...]]  # essay slug -> other essays, most related first
    coverage: dict[tuple[str, str], tuple[int, ...]]  # (essay, theme) -> paragraphs the theme cites
    theme_essays: dict[str, tuple[str, ...]]  # theme slug -> essays it cites, in date order
    terms: dict[str, tuple[str, ...]]  # theme slug -> glossary slugs it links
    # site path of a theme or page -> (essay, paragraph) -> id of the reference there that first cites it
    anchors: dict[str, dict[tuple[str, int], str]]
    moves: dict[tuple[str, int], int]  # (essay, ¶ as written) -> ¶ its cited text now stands under
    lock: Lock  # the passage lock to write after a successful build
    lock_changed: bool  # it differs from the one on disk


def analyse(site: Site, problems: Problems, lock: Lock = Lock(), accept: bool = False) -> Analysis:
    """Resolve every reference (following cited paragraphs that moved), find every mention, then derive the relations."""
    refs, checked = resolve_references(site, problems, lock, accept)
    mentions = find_mentions(site)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for essay in site.essays:
        for m in mentions[essay.slug]:
            by_entity[m.entity].append(m)
    for entity in site.entities:
        if entity.slug not in by_entity:
            problems.warn(entity.path, entity.line, f"glossary entry '{entity.slug}' is not mentioned in any essay",
                          "add the spelling the essays use to its aliases, or remove the entry")
    coverage = theme_coverage(site, refs)
    return Analysis(
        refs=refs,
        backlinks=collect_backlinks(refs),
        mentions=mentions,
        by_entity={k: tuple(v) for k, v in by_entity.items()},
        related=relate_essays(site, coverage, mentions),
        coverage=coverage,
        theme_essays={t.slug: tuple(e.slug for e in site.essays if (e.slug, t.slug) in coverage) for t in site.themes},
        terms={s.slug: tuple(dict.fromkeys(r.slug for r in rs if r.kind == "glossary"))
               for s, rs in refs.items() if s.kind == "theme"},
        anchors={s.href: cite_anchors(rs) for s, rs in refs.items() if s.kind in ("theme", "page")},
        moves=checked.moves,
        lock=checked.lock,
        lock_changed=checked.changed,
    )


# ---------------------------------------------------------------- references


def reference_sources(site: Site):
    """Every curated place that may hold references: (source, file, its located references)."""
    for theme in site.themes:
        yield Source("theme", theme.slug, theme.short, f"themes/{theme.slug}/"), theme.path, theme.refs
        # the one-line description shows on cards too: checked, but not where the theme cites a paragraph
        yield Source("description", theme.slug, theme.short, f"themes/{theme.slug}/"), theme.path, theme.description_refs
    for page in site.pages:
        yield Source("page", page.slug, page.title, f"{page.slug}/" if page.slug else ""), page.path, page.refs
    for entity in site.entities:
        yield Source("glossary", entity.slug, entity.name, f"glossary/{entity.slug}/"), entity.path, entity.refs
    for essay in site.essays:
        yield Source("essay", essay.slug, essay.title, f"essays/{essay.slug}/"), essay.meta_path, essay.refs


def event_source(event: Event) -> Source:
    """A timeline entry as a place that cites paragraphs (backlinks name it and its date)."""
    return Source("timeline", event.slug, f"{event.short} ({event.date.display})", f"timeline/#{event.slug}")


@dataclass(frozen=True)
class Written:
    """A parsed reference where it was written."""

    source: Source  # the place that makes it
    path: str  # its file
    line: int | None  # its line
    ref: Ref  # as written


def resolve_references(site: Site, problems: Problems, lock: Lock = Lock(),
                       accept: bool = False) -> tuple[dict[Source, tuple[Ref, ...]], Checked]:
    """Parse every reference, compare the cited paragraphs with the passage lock, then check each one
    as it now points; each broken one is reported with its file and line."""
    written = parse_references(site, problems)
    texts = {essay.slug: tuple(p.text for p in essay.paragraphs) for essay in site.essays}
    citing = [Citing(w.path, w.line, w.ref.slug, w.ref.first, w.ref.last) for w in written
              if w.ref.kind == "essay" and w.ref.first is not None and w.ref.first >= 1 and w.ref.last >= w.ref.first]
    checked = check_passages(lock, texts, citing, problems, accept)
    found: dict[Source, list[Ref]] = defaultdict(list)
    for w in written:
        ref = follow(w.ref, checked.moves)
        if check_ref(site, ref, w.path, w.line, problems):
            found[w.source].append(ref)
    for theme in site.themes:
        for slug in theme.related:
            if slug not in {t.slug for t in site.themes} and not problems.was_unread("theme", slug):
                problems.error(theme.path, theme.related_line, f"related theme '{slug}' does not exist{did_you_mean(slug, [t.slug for t in site.themes])}",
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
        for claim in ((essay.thesis,) if essay.thesis else ()) + essay.claims:
            written.append(Written(Source("essay", essay.slug, essay.title, f"essays/{essay.slug}/"), essay.meta_path,
                                   claim.line, parse_ref(f"{essay.slug}#{claim.at}")))
    return written


def check_ref(site: Site, ref: Ref, path: str, line: int | None, problems: Problems) -> bool:
    """Check that a reference points at something that exists; report it otherwise."""
    keys = {"essay": [e.slug for e in site.essays], "glossary": [e.slug for e in site.entities],
            "theme": [t.slug for t in site.themes]}[ref.kind]
    if ref.slug not in keys:
        if problems.was_unread(ref.kind, ref.slug):  # its own errors are reported; this would only repeat them
            return False
        folder = {"essay": "content/essays/", "glossary": "content/glossary.yml", "theme": "content/themes/"}[ref.kind]
        problems.error(path, line, f"unknown {ref.kind} '{ref.slug}'{did_you_mean(ref.slug, keys)}", f"use a slug defined in {folder}")
        return False
    if ref.kind != "essay":
        return True
    essay = site.essay(ref.slug)
    count = len(essay.paragraphs)
    if ref.first is not None and (ref.first < 1 or ref.last > count):
        bad = ref.first if ref.first < 1 or ref.first > count else ref.last
        problems.error(path, line, f"unknown paragraph '{ref.slug}#p{bad}' (the essay has {count} paragraphs)",
                       f"number paragraphs as the essay page shows them: p1 to p{count}")
        return False
    anchors = [h.anchor for h in essay.headings]
    if ref.anchor and ref.anchor not in anchors:
        problems.error(path, line, f"unknown section '{ref.slug}#{ref.anchor}'{did_you_mean(ref.anchor, anchors)}",
                       "sections: " + (", ".join(anchors) or "this essay has none"))
        return False
    if ref.embed and ref.phrases and quote_text(essay, ref) is None:
        phrases = " … ".join(f"'{p}'" for p in ref.phrases)
        problems.error(path, line, f"{phrases} not found in {ref.slug}#p{ref.first}",
                       "copy the words exactly from the paragraph (quotes and dashes may be straight or curly)")
        return False
    return True


def quote_text(essay: Essay, ref: Ref) -> str | None:
    """The words a quote shows: whole paragraphs, or the sentences its phrases choose (None if not found)."""
    paragraphs = [essay.paragraphs[n - 1].text for n in ref.paragraphs]
    if not ref.phrases:
        return "\n\n".join(paragraphs)
    return select_sentences(" ".join(paragraphs) if len(paragraphs) > 1 else paragraphs[0], ref.phrases)


# ---------------------------------------------------------------- mentions and relations


def find_mentions(site: Site) -> dict[str, tuple[Mention, ...]]:
    """Every glossary mention in every paragraph, with one matcher built once for all names."""
    matcher = Matcher([(name, e.slug, e.case_sensitive) for e in site.entities for name in e.aliases])
    return {essay.slug: tuple(Mention(m.key, essay.slug, p.number, m.start, m.end)
                              for p in essay.paragraphs for m in matcher.find(p.text))
            for essay in site.essays}


def anchor_id(ref: Ref) -> str:
    """The id a paragraph reference gets where it is a backlink's landing place: cites-<essay>-p3(-5)."""
    return f"cites-{ref.slug}-p{ref.first}" + (f"-{ref.last}" if ref.last != ref.first else "")


def cite_anchors(refs: tuple[Ref, ...]) -> dict[tuple[str, int], str]:
    """Where a page first cites each paragraph: (essay, paragraph) -> the id of that reference.

    refs are in the order the page shows them (body, then questions). A reference gets an id when
    it is the first to cite one of its paragraphs; the renderer gives the id to the first reference
    with that key, which by this rule is the same one.
    """
    anchors: dict[tuple[str, int], str] = {}
    used: set[str] = set()
    for ref in refs:
        new = [n for n in ref.paragraphs if (ref.slug, n) not in anchors] if ref.kind == "essay" else []
        if new and anchor_id(ref) not in used:
            used.add(anchor_id(ref))
            anchors.update(((ref.slug, n), anchor_id(ref)) for n in new)
    return anchors


BACKLINK_KINDS = ("theme", "timeline", "page")  # the curated places a paragraph links back to


def collect_backlinks(refs: dict[Source, tuple[Ref, ...]]) -> dict[str, tuple[Source, ...]]:
    """For each cited paragraph, the themes, timeline entries and pages that cite it (each once):
    pages and themes by title, timeline entries in date order (the order refs holds them in)."""
    links: dict[str, dict[Source, None]] = defaultdict(dict)
    position = {source: i for i, source in enumerate(refs)}
    for source, found in refs.items():
        if source.kind not in BACKLINK_KINDS:
            continue
        for ref in found:
            for n in ref.paragraphs:
                links[f"{ref.slug}#p{n}"][source] = None

    def order(s: Source) -> tuple:
        return (s.kind, "", position[s]) if s.kind == "timeline" else (s.kind, s.title, 0)
    return {key: tuple(sorted(v, key=order)) for key, v in links.items()}


def theme_coverage(site: Site, refs: dict[Source, tuple[Ref, ...]]) -> dict[tuple[str, str], tuple[int, ...]]:
    """Which paragraphs of each essay each theme cites."""
    cover: dict[tuple[str, str], set[int]] = defaultdict(set)
    for source, found in refs.items():
        if source.kind == "theme":
            for ref in found:
                if ref.kind == "essay":
                    cover[(ref.slug, source.slug)].update(ref.paragraphs)
    return {key: tuple(sorted(v)) for key, v in cover.items() if v}


RELATED = 5  # related essays shown per essay
COMMON = 100  # a theme or name shared by more essays than this is too common to tell two of them apart


def relate_essays(site: Site, coverage, mentions) -> dict[str, tuple[Related, ...]]:
    """Rank the other essays by what they share, each shared theme or name weighted by its rarity.

    A theme or name that n of the N essays share weighs log(N / n): one that every essay shares
    says nothing about a pair, one that two essays alone share says most (inverse document
    frequency, as Hugo weights its related-content indices). The pairs come from an inverted
    index, from each theme and name to its essays, and names shared by more than COMMON essays
    are left out of it, so the work grows with the collection, not with its square.
    """
    themes_of: dict[str, set[str]] = {e.slug: set() for e in site.essays}
    for essay_slug, theme_slug in coverage:
        themes_of[essay_slug].add(theme_slug)
    entities_of = {e.slug: {m.entity for m in mentions[e.slug]} for e in site.essays}
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)  # ("theme" or "entity", slug) -> essays
    for essay in site.essays:  # in date order, so every list below is in a stable order
        for theme in sorted(themes_of[essay.slug]):
            holders[("theme", theme)].append(essay.slug)
        for entity in sorted(entities_of[essay.slug]):
            holders[("entity", entity)].append(essay.slug)
    total = len(site.essays)
    weight = {feature: math.log(total / len(essays)) for feature, essays in holders.items()}
    related = {}
    for essay in site.essays:
        scores: dict[str, float] = defaultdict(float)
        features = [("theme", t) for t in themes_of[essay.slug]] + [("entity", e) for e in entities_of[essay.slug]]
        for feature in features:
            if weight[feature] > 0 and len(holders[feature]) <= COMMON:
                for other in holders[feature]:
                    scores[other] += weight[feature]
        scores.pop(essay.slug, None)
        best = heapq.nsmallest(RELATED, scores, key=lambda o: (-round(scores[o], 9), o))
        related[essay.slug] = tuple(
            Related(o, tuple(sorted(themes_of[essay.slug] & themes_of[o], key=lambda t: (-weight[("theme", t)], t))),
                    tuple(sorted(entities_of[essay.slug] & entities_of[o], key=lambda e: (-weight[("entity", e)], e))),
                    round(scores[o], 6))
            for o in best)
    return related
