"""The analysis on small inline models: what it resolves, links and relates, and that rendering only looks it up.

Every model here is written out in the test; the real essays are the end-to-end fixture of
test_analyse.py.
"""

from __future__ import annotations

import math
import pickle
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from crosscut.analyse import Backlink, Mention, analyse, relate_essays
from crosscut.markdown import list_refs, make_markdown
from crosscut.model import Author, Claim, Entity, Essay, Event, Heading, Page, Paragraph, PartialDate, Site, Theme
from crosscut.passages import Lock, fingerprint
from crosscut.problems import Problems
from crosscut.refhtml import Mismatch, render_refs
from crosscut.refs import find_refs, parse_ref
from crosscut.resolve import cite_anchors
from crosscut.urls import Links

P = ("Arms control kept both capitals talking. The hotline was its oldest channel.",
     "Sanctions came later. Each round was answered within weeks.",
     "Neither side believed a promise made under pressure.",
     "By the end of the decade the treaties had lapsed.")


def essay(slug: str, paragraphs=P, authors=("Anna Petrova",), date="2019-03-12", heading_before: int = 0,
          thesis: Claim | None = None, claims: tuple[Claim, ...] = (), summary: str = "") -> Essay:
    body: list = []
    section = ""
    for n, text in enumerate(paragraphs, 1):
        if n == heading_before:
            section = "later"
            body.append(Heading("later", "Later", 2))
        body.append(Paragraph(n, text, section, (n,)))
    return Essay(slug=slug, title=f"Essay {slug.upper()}: On Channels", subtitle="",
                 authors=tuple(Author(a, "") for a in authors), date=PartialDate.parse(date), date_note="", outlet="",
                 series="", url="", summary=summary, body=tuple(body), notes=(), source=f"seeds/{slug}.txt",
                 meta_path=f"content/essays/{slug}.yml", thesis=thesis, claims=claims,
                 refs=tuple(find_refs(summary)))


def theme(slug: str, body: str, questions: tuple[str, ...] = (), title: str = "") -> Theme:
    title = title or slug.capitalize()
    refs = tuple(find_refs(body)) + tuple(r for q in questions for r in find_refs(q))
    return Theme(slug, title, title, "A theme.", (), questions, body, f"content/themes/{slug}.md", refs)


def entity(slug: str, name: str, *aliases: str, sensitive: bool = True) -> Entity:
    return Entity(slug, name, "concept", (name, *aliases), sensitive, "Our line.", "content/glossary.yml", 1)


def event(slug: str, date: str, *passages: str) -> Event:
    return Event(slug, PartialDate.parse(date), "", f"Event {slug}", slug, passages, "content/timeline.yml", 1)


def run(site: Site, lock: Lock = Lock()):
    problems = Problems(Path("/nowhere"))
    analysis = analyse(site, problems, lock)
    assert [str(p) for p in problems.items] == []
    return analysis


def cites(analysis, *key: str) -> list:
    return list(analysis.cites[key])


# ---------------------------------------------------------------- references, resolved once


def test_each_reference_is_resolved_with_every_word_its_page_shows():
    site = Site((essay("a"),), (), themes=(theme("t", 'See [[a#p2]], ![[a#p1 "hotline"]], [[a#p3-4|this]] and [[g:hot]].'),),
                entities=(entity("hot", "hotline", sensitive=False),))
    found = cites(run(site), "theme", "t", "body")
    assert [c.path for c in found] == ["essays/a/#p2", "essays/a/#p1", "essays/a/#p3", "glossary/hot/"]
    plain, quote, labelled, term = found
    assert (plain.citation, plain.short, plain.work, plain.by, plain.mark) == (
        "Petrova, “On Channels”, ¶ 2", "Petrova ¶ 2", "Petrova, “On Channels”", "Petrova", "¶ 2")
    assert quote.quote == "The hotline was its oldest channel."
    assert labelled.ref.label == "this" and labelled.mark == "¶¶ 3–4"
    assert (term.name, term.tooltip) == ("hotline", "hotline: Our line.")


def test_a_whole_paragraph_quote_keeps_its_paragraphs_apart():
    site = Site((essay("a"),), (), themes=(theme("t", "![[a#p1-2]]"),))
    [quote] = cites(run(site), "theme", "t", "body")
    assert quote.quote == P[0] + "\n\n" + P[1]


def test_a_section_reference_and_an_essay_reference_lead_where_they_say():
    site = Site((essay("a", heading_before=3),), (), themes=(theme("t", "[[a#later]] and [[a]]"),))
    section, whole = cites(run(site), "theme", "t", "body")
    assert (section.path, section.citation) == ("essays/a/#later", "Petrova, “On Channels”, section “Later”")
    assert (whole.path, whole.citation, whole.mark) == ("essays/a/", "Petrova, “On Channels”", "")


def test_a_reference_to_a_moved_paragraph_points_where_its_text_now_stands():
    moved = ("A paragraph put in front.",) + P
    lock = Lock(cited={"a#p2": P[1]}, paragraphs={"a": tuple(fingerprint(p) for p in moved)})
    site = Site((essay("a", moved, thesis=Claim("p2", "Sanctions answered.", 3)),), (),
                themes=(theme("t", "[[a#p2]]"),), events=(event("e", "2014", "a#p2"),))
    problems = Problems(Path("/nowhere"))
    analysis = analyse(site, problems, lock)
    [c] = cites(analysis, "theme", "t", "body")
    assert (c.written.first, c.ref.first, c.path, c.mark) == (2, 3, "essays/a/#p3", "¶ 3")
    assert analysis.claims["a"][0].first == 3
    assert [x.path for x in analysis.cites[("timeline", "e", "passages")]] == ["essays/a/#p3"]
    assert analysis.coverage == {("a", "t"): (3,)} and ("a", 3) in analysis.backlinks
    assert [p.message.split(":")[0] for p in problems.items] == ["'a#p2' now cites ¶ 3", "'a#p2' now cites ¶ 3",
                                                                 "'a#p2' now cites ¶ 3"]


def test_the_first_citation_of_each_paragraph_on_a_page_carries_the_landing_id():
    body = "[[a#p1]] then [[a#p1]] again, [[a#p1-2]], and ![[a#p3]]."
    site = Site((essay("a"),), (), themes=(theme("t", body, questions=("Why [[a#p3]] and [[a#p4]]?",)),))
    analysis = run(site)
    assert [c.anchor for c in cites(analysis, "theme", "t", "body")] == ["cites-a-p1", "", "cites-a-p1-2", "cites-a-p3"]
    assert [c.anchor for c in cites(analysis, "theme", "t", "question 1")] == ["", "cites-a-p4"]
    assert analysis.backlinks[("a", 2)] == (Backlink("theme", "T", "themes/t/#cites-a-p1-2"),)
    assert analysis.backlinks[("a", 4)] == (Backlink("theme", "T", "themes/t/#cites-a-p4"),)


def test_cite_anchors_mark_the_first_citation_of_each_paragraph():
    refs = tuple(parse_ref(r) for r in ["a#p3", "b#p1", "a#p3-5", "a#p4", "a#p3", "g:x", "a#p7-8", "a#p8"])
    assert cite_anchors(refs) == {("a", 3): "cites-a-p3", ("b", 1): "cites-b-p1", ("a", 4): "cites-a-p3-5",
                                  ("a", 5): "cites-a-p3-5", ("a", 7): "cites-a-p7-8", ("a", 8): "cites-a-p7-8"}


def test_backlinks_name_themes_by_title_then_pages_then_events_by_date():
    site = Site((essay("a"),), (Page("about", "About", "[[a#p1]]", "content/pages/about.md", tuple(find_refs("[[a#p1]]"))),),
                themes=(theme("z", "[[a#p1]]", title="Zeal"), theme("b", "[[a#p1]]", title="Bonds")),
                events=(event("late", "2014", "a#p1"), event("early", "1963", "a#p1")))
    site = Site(site.essays, site.pages, tuple(sorted(site.themes, key=lambda t: t.title)), (),
                tuple(sorted(site.events, key=lambda e: e.date.sort_key)))
    links = run(site).backlinks[("a", 1)]
    assert [(b.kind, b.title, b.path) for b in links] == [
        ("page", "About", "about/#cites-a-p1"), ("theme", "Bonds", "themes/b/#cites-a-p1"),
        ("theme", "Zeal", "themes/z/#cites-a-p1"), ("timeline", "early (1963)", "timeline/#early"),
        ("timeline", "late (2014)", "timeline/#late")]


def test_coverage_theme_essays_and_terms_come_from_the_references():
    site = Site((essay("a", date="2003"), essay("b", date="2021")), (),
                themes=(theme("t", "[[b#p2]] [[a#p1-2]] [[g:hot]] [[a#p4]] [[g:hot]]"),),
                entities=(entity("hot", "hotline", sensitive=False),))
    analysis = run(site)
    assert analysis.coverage == {("a", "t"): (1, 2, 4), ("b", "t"): (2,)}
    assert analysis.theme_essays == {"t": ("a", "b")}
    assert analysis.terms == {"t": ("hot",)}


# ---------------------------------------------------------------- mentions


def test_the_first_mention_of_an_entry_in_each_section_is_the_linked_one():
    text = ("The hotline rang. The Hotline rang again.", "Nothing here.", "The hotline, later.", "hotline once more.")
    site = Site((essay("a", text, heading_before=3),), (), entities=(entity("hot", "Hotline", "hotline", sensitive=False),))
    analysis = run(site)
    found = [(m.paragraph, m.start, m.linked) for m in analysis.mentions["a"]]
    assert found == [(1, 4, True), (1, 22, False), (3, 4, True), (4, 0, False)]
    assert analysis.by_entity["hot"] == analysis.mentions["a"]


def test_a_case_sensitive_name_is_not_found_in_other_letters():
    site = Site((essay("a", ("NATO met. nato did not.", "Nato again.")),), (), entities=(entity("nato", "NATO"),))
    assert [(m.paragraph, m.start) for m in run(site).mentions["a"]] == [(1, 0)]


def test_other_spellings_of_a_name_stand_after_its_first_mention_in_each_paragraph():
    text = ("Gorbachev’s reforms, and Gorbachev again.", "Mikhail Gorbachev resigned.", "Nothing here.")
    gorbachev = Entity("gorbachev", "Mikhail Gorbachev", "person", ("Mikhail Gorbachev", "Gorbachev"), True, "Our line.",
                       "content/glossary.yml", 1, search_aliases=("Gorbachov",))
    found = run(Site((essay("a", text),), (), entities=(gorbachev,))).spellings["a"]
    # after the whole word "Gorbachev’s", not inside it; a paragraph that says "Mikhail Gorbachev" is not told it again
    assert [(s.paragraph, s.at, s.also) for s in found] == [(1, 11, "Mikhail Gorbachev, Gorbachov"), (2, 17, "Gorbachov")]


def test_descriptions_and_summaries_as_plain_text_keep_the_words_of_their_references():
    hot = Entity("hot", "Hotline", "concept", ("Hotline",), False, "A line *of ours*, as in [[a#p1]].", "content/glossary.yml", 1,
                 refs=tuple(find_refs("A line *of ours*, as in [[a#p1]].")))
    site = Site((essay("a", summary="Petrova on the [[g:hot]]."),), (), themes=(theme("t", "The [[g:hot]] matters."),),
                entities=(hot,))
    analysis = run(site)
    assert analysis.plain[("glossary", "hot", "description")] == "A line of ours, as in (Petrova, “On Channels”, ¶ 1)."
    assert analysis.plain[("essay", "a", "summary")] == "Petrova on the Hotline."
    (tip,) = [c.tooltip for c in cites(analysis, "theme", "t", "body")]
    assert tip == "Hotline: A line of ours, as in (Petrova, “On Channels”, ¶ 1)."


def test_a_question_cites_compactly_and_the_body_does_not():
    site = Site((essay("a"),), (), themes=(theme("t", "See [[a#p2]].", ("Does Petrova ([[a#p1]] [[a#p3]]) agree?",)),))
    analysis = run(site)
    assert [c.compact for c in cites(analysis, "theme", "t", "question 1")] == [True, True]
    assert [c.compact for c in cites(analysis, "theme", "t", "body")] == [False]
    html = MD.renderInline("Does Petrova ([[a#p1]] [[a#p3]]) agree?", {"cites": analysis.cites[("theme", "t", "question 1")]})
    assert html.startswith('Does Petrova (<a class="cite" href="/essays/a/#p1" title="Petrova, “On Channels”, ¶ 1" '
                           'aria-label="Petrova, “On Channels”, ¶ 1">¶\u00a01</a>, <a class="cite"')
    assert 'class="citation"' not in html and html.endswith(">¶\u00a03</a>) agree?")


# ---------------------------------------------------------------- related essays


def test_a_rare_shared_name_outweighs_many_themes_every_essay_shares():
    essays = SimpleNamespace(essays=[SimpleNamespace(slug=s) for s in ("a", "b", "c", "d")])
    coverage = {(e, t): (1,) for e in "abcd" for t in ("t1", "t2", "t3")} | {("a", "t4"): (1,), ("c", "t4"): (1,),
                                                                            ("d", "t4"): (1,)}
    mention = lambda essay, entity: Mention(entity, essay, 1, 0, 1)  # noqa: E731
    mentions = {"a": [mention("a", "rare")], "b": [mention("b", "rare")], "c": [], "d": []}
    related = relate_essays(essays, coverage, mentions)
    assert [r.essay for r in related["a"]] == ["b", "c", "d"]
    assert related["a"][0].entities == ("rare",) and related["a"][0].weight == round(math.log(2), 6)
    assert related["b"][0].essay == "a" and [r.essay for r in related["b"]] == ["a"], \
        "b shares with c and d only what every essay has, which tells nothing"


def test_related_essays_come_from_an_index_not_from_every_pair():
    """A name every essay mentions is too common to relate two of them: 400 essays sharing only it relate to none."""
    essays = SimpleNamespace(essays=[SimpleNamespace(slug=f"e{i:03d}") for i in range(400)])
    mentions = {e.slug: [Mention("common" if i % 2 else "half", e.slug, 1, 0, 1)] for i, e in enumerate(essays.essays)}
    related = relate_essays(essays, {}, mentions)
    assert all(r == () for r in related.values()), "names shared by more than COMMON essays are left out"


# ---------------------------------------------------------------- rendering only looks up


MD = make_markdown("/", partial(render_refs, Links("/", "")))


def render(analysis, key, text: str, ids: bool = True) -> str:
    return MD.render(text, {"cites": analysis.cites[key], "ids": ids})


def test_the_renderer_meets_references_in_the_order_the_analysis_lists_them():
    text = ("| [[a#p1]] | b |\n|---|---|\n| [[a#p2]] [[a#p3]] | [[g:hot]] |\n\n"
            "![[a#p4]]\n\nText [[a#p1]]\n[[a#p2]] and `[[not#p1]]`.\n")
    seen = []
    make_markdown("/", lambda refs, meta, env: seen.extend(zip(meta["at"], refs)) or "").render(text)
    assert [n for n, _ in seen] == list(range(len(seen)))
    assert [ref for _, ref in seen] == list_refs(text)
    assert [r.key for r in list_refs(text)] == ["a#p1", "a#p2", "a#p3", "hot", "a#p4", "a#p1", "a#p2"]


def test_rendering_twice_gives_the_same_page():
    """Rendering writes nothing into its env: a second rendering of a page, even with the same env, keeps its landing ids."""
    body = "First [[a#p1]] [[a#p2]], then [[a#p1]]."
    analysis = run(Site((essay("a"),), (), themes=(theme("t", body),)))
    env = {"cites": analysis.cites[("theme", "t", "body")], "ids": True}
    once = MD.render(body, env)
    assert MD.render(body, env) == once and env == {"cites": analysis.cites[("theme", "t", "body")], "ids": True}
    assert once.count('id="cites-a-p1"') == 1 and once.count('id="cites-a-p2"') == 1
    assert once == ('<p>First <span class="citation">(Petrova, “On Channels”, <span class="cited" id="cites-a-p1"><a class="cite" '
                    'href="/essays/a/#p1" title="Petrova, “On Channels”, ¶ 1" aria-label="Petrova, “On Channels”, ¶ 1">¶ 1</a></span>, '
                    '<span class="cited" id="cites-a-p2"><a class="cite" href="/essays/a/#p2" title="Petrova, “On Channels”, ¶ 2" '
                    'aria-label="Petrova, “On Channels”, ¶ 2">¶ 2</a></span>)</span>, then <span class="citation">(<a class="cite" '
                    'href="/essays/a/#p1">Petrova, “On Channels”, ¶ 1</a>)</span>.</p>\n')
    assert 'id="' not in render(analysis, ("theme", "t", "body"), body, ids=False)


def test_the_renderer_refuses_references_the_analysis_did_not_list_there():
    analysis = run(Site((essay("a"),), (), themes=(theme("t", "[[a#p1]]"),)))
    with pytest.raises(Mismatch):
        render(analysis, ("theme", "t", "body"), "[[a#p2]]")


def test_the_model_and_its_analysis_travel_as_plain_data():
    """What rendering needs can be handed to another process (a cache key, a worker) and comes back the same."""
    site = Site((essay("a"), essay("b", date="2021")), (), themes=(theme("t", '![[a#p1 "hotline"]] [[b#p2]] [[g:hot]]'),),
                entities=(entity("hot", "hotline", sensitive=False),), events=(event("e", "1963", "a#p1"),))
    analysis = run(site)
    assert pickle.loads(pickle.dumps((site, analysis))) == (site, analysis)
