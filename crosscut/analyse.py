"""Relations, computed once from keys: references, mentions, backlinks, related essays, theme coverage.

Order matters: references are resolved first (resolve.py: a broken one is an error with file:line),
then mentions are found, and only then are backlinks and relations derived from both. The
result holds every answer a page needs; rendering only looks them up.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache as cache_once
from functools import lru_cache, partial

from . import codec, work
from .cache import Cache, key
from .mentions import Matcher
from .model import Entity, Essay, Site
from .passages import Lock
from .problems import Problems
from .refs import Ref
from .resolve import Cite, Source, TextKey, resolve


@dataclass(frozen=True)
class Mention:
    entity: str  # glossary slug
    essay: str  # essay slug
    paragraph: int  # paragraph number
    start: int  # offset in the paragraph text
    end: int  # offset after the mention
    linked: bool = False  # the first mention of its entry in its section: the one that links to the entry


@dataclass(frozen=True)
class Spelling:
    paragraph: int  # paragraph number
    at: int  # offset in the paragraph text where the spellings go: the end of the word a mention ends in
    also: str  # its entry's other spellings that the paragraph does not use, for search only: "Gorbachov, Gorbatschow"


@dataclass(frozen=True)
class Related:
    essay: str  # the other essay's slug
    themes: tuple[str, ...]  # theme slugs that cite both essays
    entities: tuple[str, ...]  # glossary slugs both essays mention, the rarest in the collection first
    weight: float  # what the two share, each theme and name weighted by its rarity (see relate_essays)


@dataclass(frozen=True)
class Backlink:
    kind: str  # "theme", "page" or "timeline": the place that cites the paragraph
    title: str  # how the backlink names it
    path: str  # site path of the spot there that first cites the paragraph (the page's top if none)


@dataclass(frozen=True)
class Analysis:
    cites: dict[TextKey, tuple[Cite, ...]]  # each curated text's references, resolved, in the order its page shows them
    plain: dict[TextKey, str]  # descriptions and summaries as plain text, each reference as the words it shows
    claims: dict[str, tuple[Ref, ...]]  # essay slug -> where its thesis and claims now point, thesis first
    backlinks: dict[tuple[str, int], tuple[Backlink, ...]]  # (essay, ¶) -> the places that cite the paragraph
    mentions: dict[str, tuple[Mention, ...]]  # essay slug -> its mentions in reading order
    spellings: dict[str, tuple[Spelling, ...]]  # essay slug -> other spellings of the names it mentions, in reading order
    by_entity: dict[str, tuple[Mention, ...]]  # glossary slug -> its mentions across the collection
    related: dict[str, tuple[Related, ...]]  # essay slug -> other essays, most related first
    coverage: dict[tuple[str, str], tuple[int, ...]]  # (essay, theme) -> paragraphs the theme cites
    theme_essays: dict[str, tuple[str, ...]]  # theme slug -> essays it cites, in date order
    terms: dict[str, tuple[str, ...]]  # theme slug -> glossary slugs it links
    lock: Lock  # the passage lock to write after a successful build
    lock_changed: bool  # it differs from the one on disk


def analyse(site: Site, problems: Problems, lock: Lock = Lock(), accept: bool = False,
            cache: Cache = Cache.off()) -> Analysis:
    """Resolve every reference (following cited paragraphs that moved), find every mention, then derive the relations."""
    resolved = resolve(site, problems, lock, accept)
    refs = resolved.refs
    entities = {e.slug: e for e in site.entities}
    mentions, spellings = read_all(site, entities, cache)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for essay in site.essays:
        for m in mentions[essay.slug]:
            by_entity[m.entity].append(m)
    for entity in site.entities:
        if entity.slug not in by_entity:
            problems.warn(entity.path, entity.line, f"glossary entry '{entity.slug}' is not mentioned in any essay",
                          "add the spelling the essays use to its aliases, or remove the entry")
    coverage = theme_coverage(refs)
    theme_essays: dict[str, list[str]] = {t.slug: [] for t in site.themes}
    for essay in site.essays:
        for theme in site.themes:
            if (essay.slug, theme.slug) in coverage:
                theme_essays[theme.slug].append(essay.slug)
    return Analysis(
        cites=resolved.cites,
        plain=resolved.plain,
        claims=resolved.claims,
        backlinks=collect_backlinks(refs, resolved.anchors),
        mentions=mentions,
        spellings=spellings,
        by_entity={k: tuple(v) for k, v in by_entity.items()},
        related=relate_essays(site, coverage, mentions),
        coverage=coverage,
        theme_essays={slug: tuple(found) for slug, found in theme_essays.items()},
        terms={s.slug: tuple(dict.fromkeys(r.slug for r in rs if r.kind == "glossary"))
               for s, rs in refs.items() if s.kind == "theme"},
        lock=resolved.checked.lock,
        lock_changed=resolved.checked.changed,
    )


# ---------------------------------------------------------------- mentions and relations


Read = tuple[tuple[Mention, ...], tuple[Spelling, ...]]  # an essay's mentions and other spellings


def read_all(site: Site, entities: dict[str, Entity], cache: Cache) -> tuple[dict, dict]:
    """Each essay's glossary mentions and other spellings, by essay slug. They depend on the essay's
    paragraphs and the glossary's names alone, so each essay's are kept in the cache between builds."""
    names = [[e.slug, list(e.aliases), e.case_sensitive, list(e.search_aliases)] for e in site.entities]
    glossary = key("glossary", names)
    keys = [key("mentions", glossary, essay.slug, [[p.number, p.section, p.text] for p in essay.paragraphs])
            for essay in site.essays]
    matcher = cache_once(lambda: make_matcher(site))  # built only if some essay is not in the cache
    results = work.each(lambda essay: read_essay(essay, matcher(), entities), site.essays, keys, cache, "mentions",
                        codec.to_bytes, partial(codec.from_bytes, Read), parallel=False)
    return ({e.slug: found for e, (found, _) in zip(site.essays, results)},
            {e.slug: also for e, (_, also) in zip(site.essays, results)})


def read_essay(essay: Essay, matcher: Matcher, entities: dict[str, Entity]) -> Read:
    """One essay's glossary mentions, and the other spellings search should find beside them."""
    found = find_mentions(essay, matcher)
    return found, find_spellings(essay, found, entities)


def make_matcher(site: Site) -> Matcher:
    """One matcher for every name and alias of every glossary entry, built once."""
    return Matcher([(name, e.slug, e.case_sensitive) for e in site.entities for name in e.aliases])


def find_mentions(essay: Essay, matcher: Matcher) -> tuple[Mention, ...]:
    """Every glossary mention in an essay's paragraphs; the first of each entry in each section is linked."""
    seen: set[tuple[str, str]] = set()
    found = []
    for p in essay.paragraphs:
        for m in matcher.find(p.text):
            first = (p.section, m.key) not in seen
            seen.add((p.section, m.key))
            found.append(Mention(m.key, essay.slug, p.number, m.start, m.end, first))
    return tuple(found)


def find_spellings(essay: Essay, mentions: tuple[Mention, ...], entities: dict[str, Entity]) -> tuple[Spelling, ...]:
    """Where search should also find the other spellings of a name: after the first mention of each
    entry in a paragraph, the entry's spellings the paragraph does not use, placed at the end of the
    word the mention ends in ("Gorbachev’s"), so that no word is split for the index."""
    found = []
    by_paragraph: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_paragraph[m.paragraph].append(m)
    for p in essay.paragraphs:
        text, seen, here = p.text, set(), by_paragraph.get(p.number, [])
        said = None  # the paragraph's words, read once it has a mention
        for m in here:
            if m.entity in seen:
                continue
            seen.add(m.entity)
            said = word_set(text) if said is None else said  # (computed once a paragraph)
            also = other_spellings(entities[m.entity], said)
            if also:
                end = m.end
                while end < len(text) and not text[end].isspace():
                    end = next((n.end for n in here if n.start <= end < n.end), end + 1)
                found.append(Spelling(p.number, end, also))
    return tuple(found)


def other_spellings(entity: Entity, said: frozenset[str]) -> str:
    """The entry's names, aliases and search aliases that hold a word the paragraph (whose words are
    `said`) does not, joined for the search index: "Gorbachov, Gorbatschow" beside a paragraph that
    says "Mikhail Gorbachev". (A plural counts as its singular: search finds both.)"""
    return ", ".join(s for s in entity.aliases + entity.search_aliases if not spelling_words(s) <= said)


def word_set(text: str) -> frozenset[str]:
    """The words of `text`, case-folded, a plural as its singular."""
    return frozenset(w.removesuffix("s") for w in re.findall(r"\w+", text.casefold()))


spelling_words = lru_cache(maxsize=8192)(word_set)  # a glossary's spellings recur in every paragraph that names them


BACKLINK_KINDS = ("theme", "timeline", "page")  # the curated places a paragraph links back to


def collect_backlinks(refs: dict[Source, tuple[Ref, ...]],
                      anchors: dict[Source, dict[tuple[str, int], str]]) -> dict[tuple[str, int], tuple[Backlink, ...]]:
    """For each cited paragraph, the themes, timeline entries and pages that cite it (each once):
    pages and themes by title, timeline entries in date order (the order refs holds them in).
    A theme's or page's backlink lands on its first citation of the paragraph."""
    links: dict[tuple[str, int], dict[Source, None]] = defaultdict(dict)
    position = {source: i for i, source in enumerate(refs)}
    for source, found in refs.items():
        if source.kind not in BACKLINK_KINDS:
            continue
        for ref in found:
            for n in ref.paragraphs:
                links[(ref.slug, n)][source] = None

    def order(s: Source) -> tuple:
        return (s.kind, "", position[s]) if s.kind == "timeline" else (s.kind, s.title, 0)

    def backlink(s: Source, key: tuple[str, int]) -> Backlink:
        ident = anchors.get(s, {}).get(key)
        return Backlink(s.kind, s.title, s.path + (f"#{ident}" if ident else ""))
    return {key: tuple(backlink(s, key) for s in sorted(v, key=order)) for key, v in links.items()}


def theme_coverage(refs: dict[Source, tuple[Ref, ...]]) -> dict[tuple[str, str], tuple[int, ...]]:
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
