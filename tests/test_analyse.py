"""The analytical layer end to end, on the real essays: references, mentions, backlinks, related essays, quotes, map,
timeline (the same on small inline models: tests/test_analysis.py).

Every relation the site shows is recomputed here independently (tests/independent.py: our own
reference scan of content/ and one regular expression per glossary name) and compared with
what the built pages show.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from crosscut.resolve import check_references, parse_references
from crosscut.problems import Problems

from conftest import ROOT, essay_metadata, run_build
from htmltext import Element, parse_file
from independent import (cited_paragraphs, glossary_names, load_model, page_refs, refs_in, regex_mentions, theme_refs,
                         timeline)

FAILED = "build failed; site/ was left as it was"


@cache
def model():
    site, problems = load_model(ROOT)
    assert problems.items == [], [str(p) for p in problems.items]
    return site


def paragraph_count(slug: str) -> int:
    return len(model().essay(slug).paragraphs)


# ---------------------------------------------------------------- every real reference resolves


def test_real_build_succeeds_with_strict(tmp_path):
    run = run_build(ROOT, "--strict", "--no-search", "--quiet", "--out", str(tmp_path / "site"))
    assert (run.code, run.stderr) == (0, "")


def test_every_real_reference_resolves():
    site = model()
    problems = Problems(ROOT)
    resolved, _ = check_references(site, parse_references(site, problems), problems)
    assert [str(p) for p in problems.items] == []
    by_kind = Counter()
    for source, refs in resolved.items():
        by_kind[(source.kind, source.slug)] += len(refs)
    # every reference our own scan finds in a theme file was resolved, none dropped
    for slug, refs in theme_refs(ROOT).items():
        assert by_kind[("theme", slug)] == len(refs), slug
    glossary_text = (ROOT / "content" / "glossary.yml").read_text(encoding="utf-8")
    assert sum(n for (kind, _), n in by_kind.items() if kind == "glossary") == len(refs_in(glossary_text))
    assert sum(n for (kind, _), n in by_kind.items() if kind == "timeline") == \
        sum(len(e["passages"]) for e in timeline(ROOT).values())
    assert sum(len(v) for v in theme_refs(ROOT).values()) > 300  # the check really covered the themes


# ---------------------------------------------------------------- broken references in the real content


def report(*problems: tuple[str, str, str]) -> str:
    lines = [f"{n}. {where}: error: {message}\n    fix: {fix}" for n, (where, message, fix) in enumerate(problems, 1)]
    return "\n".join(lines + [f"{len(problems)} error(s), 0 warning(s)", FAILED]) + "\n"


def append(path: Path, text: str) -> int:
    """Add a paragraph at the end of a Markdown file; return its line."""
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(body, encoding="utf-8")
    return body.count("\n")


def edit(path: Path, pattern: str, change) -> int:
    """Rewrite the first line matching `pattern` with change(line); return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if re.search(pattern, line))
    lines[n] = change(lines[n])
    path.write_text("\n".join(lines), encoding="utf-8")
    return n + 1


def theme(project: Path, slug: str = "sanctions") -> Path:
    return project / "content" / "themes" / f"{slug}.md"


def in_theme(text: str, message: str, fix: str):
    def break_it(project: Path):
        line = append(theme(project), text)
        return (f"content/themes/sanctions.md:{line}", message, fix)
    break_it.__name__ = text
    return break_it


def paragraphs_fix(slug: str) -> str:
    return f"number paragraphs as the essay page shows them: p1 to p{paragraph_count(slug)}"


def timeline_out_of_range(project: Path):
    path = project / "content" / "timeline.yml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    path.write_text(text + 'test-event-2000:\n  date: "2000"\n  title: An event\n'
                    "  passages: [wallander-2003#p18, wallander-2003#p340]\n", encoding="utf-8")
    return (f"content/timeline.yml:{line}",
            f"unknown paragraph 'wallander-2003#p340' (the essay has {paragraph_count('wallander-2003')} paragraphs)",
            paragraphs_fix("wallander-2003"))


def test_a_year_written_without_quotes_is_read_as_the_year(project):
    # YAML reads date: 1974 as a number; a maintainer should not have to know that
    edit(project / "content" / "timeline.yml", r'^  date: "1974"$', lambda _: "  date: 1974")
    run = run_build(project, "--no-search", "--quiet", "--out", str(project / "site"))
    assert run.code == 0, run.stderr
    page = parse_file(project / "site" / "timeline" / "index.html")
    entry = next(li for li in page.find("ol", "timeline").find_all("li") if li.attrs.get("id") == "jackson-vanik-1974")
    assert entry.find("time").attrs["datetime"] == "1974" and "year only" in entry.text()


def test_url_unknown_is_shown_as_unknown_not_linked(project):
    path = project / "content" / "essays" / "where-to-now-2021.yml"
    path.write_text(path.read_text(encoding="utf-8") + "url: unknown\n", encoding="utf-8")
    run = run_build(project, "--no-search", "--quiet", "--out", str(project / "site"))
    assert run.code == 0, run.stderr
    page = parse_file(project / "site" / "essays" / "where-to-now-2021" / "index.html")
    original = next(d for d in page.find_all("div") if d.find("dt") and d.find("dt").text() == "Original").find("dd")
    assert original.text() == "address unknown" and original.find("a") is None


def test_all_broken_references_are_reported_in_one_run(project):
    """Each message on its own is in tests/test_messages.py; here they come together, in file order, from the real content."""
    problems = [in_theme("See [[wallander-2030#p2]].", "unknown essay 'wallander-2030' (did you mean 'wallander-2003'?)",
                         "use a slug defined in content/essays/")(project),
                in_theme("See [[wallander-2003#p99]].", "unknown paragraph 'wallander-2003#p99' (the essay has 33 paragraphs)",
                         paragraphs_fix("wallander-2003"))(project),
                in_theme("See [[t:sanction]].", "unknown theme 'sanction' (did you mean 'sanctions'?)",
                         "use a slug defined in content/themes/")(project),
                timeline_out_of_range(project)]
    run = run_build(project, "--no-search")
    assert run.stderr == report(*problems)
    assert run.code == 1


# ---------------------------------------------------------------- what the essay pages show


def essay_page(site, slug: str) -> Element:
    return parse_file(site.essay(slug))


def slugs() -> list[str]:
    return sorted(essay_metadata())


def read_body(page: Element) -> list[dict]:
    """Paragraphs of an essay page in order: number, section, raw text, glossary links, backlinks."""
    out, section = [], ""
    for element in page.find("div", "essay-body").children:
        if not isinstance(element, Element):
            continue
        if "section-heading" in element.classes:
            section = element.attrs["id"]
        elif "para" in element.classes:
            text, links = "", []
            for child in element.find("span", "ptext").children:
                if isinstance(child, str):
                    text += child
                elif "data-also" in child.attrs:  # a name's other spellings, for search only (see test_search_index)
                    continue
                else:
                    word = "".join(c for c in child.children if isinstance(c, str))
                    links.append((len(text), word, child.attrs.get("href")))
                    text += word
            out.append({"n": int(element.attrs["id"][1:]), "section": section, "text": text, "links": links,
                        "backlinks": None})
        elif "backlinks" in element.classes:
            assert out[-1]["backlinks"] is None, "two backlink lines after one paragraph"
            out[-1]["backlinks"] = [a.attrs["href"] for a in element.find_all("a")]
            out[-1]["labels"] = [a.text() for a in element.find_all("a")]
    return out


@pytest.fixture(scope="module")
def bodies(site) -> dict[str, list[dict]]:
    return {slug: read_body(essay_page(site, slug)) for slug in slugs()}


@pytest.fixture(scope="module")
def mentions(bodies) -> dict[str, list[tuple[int, int, int, str]]]:
    """Essay slug -> (paragraph, start, end, entity) of every mention, by our own regular expressions."""
    names = glossary_names(ROOT)
    return {slug: [(p["n"], s, e, entity) for p in body for s, e, entity in regex_mentions(p["text"], names)]
            for slug, body in bodies.items()}


def test_paragraph_texts_on_the_pages_are_the_cleaned_paragraphs(bodies):
    for slug, body in bodies.items():
        assert [p["text"] for p in body] == [p.text for p in model().essay(slug).paragraphs], slug


# ---------------------------------------------------------------- mentions


def entity_page(site, slug: str) -> tuple[int, Counter]:
    """The count an entry's page states, and its keyword-in-context lines as (essay, paragraph) counts."""
    page = parse_file(site.file(f"glossary/{slug}/index.html"))
    heading = page.find("h2", id="mentions-heading").text()
    m = re.fullmatch(r"(\d+) mentions? in the essays", heading)
    assert m, heading
    lines = Counter()
    for ul in page.find_all("ul", "kwic"):
        for li in ul.find_all("li"):
            href = li.find("a").attrs["href"]
            essay, para = re.fullmatch(r"/essays/([a-z0-9-]+)/#p(\d+)", href).groups()
            lines[(essay, int(para))] += 1
    return int(m.group(1)), lines


def test_mention_counts_equal_an_independent_search_and_the_entry_pages(site, mentions):
    expected = Counter()
    where = Counter()
    for slug, found in mentions.items():
        for n, _, _, entity in found:
            expected[entity] += 1
            where[(entity, slug, n)] += 1
    entities = sorted({name.entity for name in glossary_names(ROOT)})
    for entity in entities:
        count, lines = entity_page(site, entity)
        assert count == expected[entity], entity
        assert lines == Counter({(s, n): k for (e, s, n), k in where.items() if e == entity}), entity
    # the entities the brief names, with counts the search really found
    for entity in ("putin", "nato", "new-start", "jackson-vanik", "sanctions"):
        assert expected[entity] > 0, entity


def test_glossary_index_shows_the_same_counts(site, mentions):
    expected = Counter(entity for found in mentions.values() for *_, entity in found)
    index = parse_file(site.file("glossary/index.html"))
    shown = {}
    for dt in index.find_all("dt"):
        link, count = dt.find("a"), dt.find("span", "count")
        if link and count:
            shown[link.attrs["href"].split("/")[-2]] = int(count.text().split()[0])
    assert shown == {e: expected[e] for e in shown} and len(shown) == len({n.entity for n in glossary_names(ROOT)})


def test_longer_names_win_where_they_overlap(bodies, mentions):
    """"NATO-Russia Founding Act" is one mention of the act, not also one of NATO."""
    texts = {(slug, p["n"]): p["text"] for slug, body in bodies.items() for p in body}
    act = [(s, n) for (s, n), text in texts.items() if "NATO-Russia Founding Act" in text]
    assert act, "the essays name the NATO-Russia Founding Act"
    for s, n in act:
        spans = {(a, b): e for (p, a, b, e) in mentions[s] if p == n}
        start = texts[(s, n)].index("NATO-Russia Founding Act")
        assert spans.get((start, start + len("NATO-Russia Founding Act"))) == "nato-russia-founding-act"
        assert (start, start + 4) not in spans
    naive = sum(len(re.findall(r"(?<!\w)NATO(?!\w)", t)) for t in texts.values())
    assert sum(1 for found in mentions.values() for *_, e in found if e == "nato") < naive


def test_case_insensitive_entries_count_every_case(site, bodies, mentions):
    texts = [p["text"] for body in bodies.values() for p in body]
    words = [re.findall(r"(?<!\w)sanctions?(?!\w)", t, re.IGNORECASE) for t in texts]
    assert sum(1 for found in mentions.values() for *_, e in found if e == "sanctions") == sum(map(len, words)) > 0
    for entity, forms in {"cold-war": {"Cold War", "cold war"}, "realism": {"realism", "Realism"}}.items():
        page = parse_file(site.file(f"glossary/{entity}/index.html"))
        assert forms <= {mark.text() for mark in page.find_all("mark")}, entity


def test_first_mention_in_each_section_is_linked_and_later_ones_are_not(bodies, mentions):
    repeated = 0
    for slug, body in bodies.items():
        section = {p["n"]: p["section"] for p in body}
        text = {p["n"]: p["text"] for p in body}
        seen, expected = Counter(), []
        for n, start, end, entity in mentions[slug]:
            key = (section[n], entity)
            if not seen[key]:
                expected.append((n, start, text[n][start:end], f"/glossary/{entity}/"))
            seen[key] += 1
        repeated += sum(1 for k in seen.values() if k > 1)
        linked = [(p["n"], start, word, href) for p in body for start, word, href in p["links"]]
        assert linked == expected, slug
    assert repeated > 20, "the essays repeat names within a section, so unlinked mentions were checked"


# ---------------------------------------------------------------- backlinks


def citing_places() -> dict[tuple[str, int], set[str]]:
    """(essay, paragraph) -> site paths of the theme pages, pages and timeline entries that cite it."""
    places: dict[tuple[str, int], set[str]] = {}
    for slug, refs in theme_refs(ROOT).items():
        for essay, numbers in cited_paragraphs(refs).items():
            for n in numbers:
                places.setdefault((essay, n), set()).add(f"/themes/{slug}/")
    for slug, refs in page_refs(ROOT).items():
        for essay, numbers in cited_paragraphs(refs).items():
            for n in numbers:
                places.setdefault((essay, n), set()).add(f"/{slug}/" if slug else "/")
    for slug, event in timeline(ROOT).items():
        for key in event["passages"]:
            essay, first, last = re.fullmatch(r"([a-z0-9-]+)#p(\d+)(?:-p?(\d+))?", key).groups()
            for n in range(int(first), int(last or first) + 1):
                places.setdefault((essay, n), set()).add(f"/timeline/#{slug}")
    return places


def test_backlinks_sit_beside_exactly_the_cited_paragraphs(bodies):
    places = citing_places()
    cited = uncited = 0
    for slug, body in bodies.items():
        for p in body:
            expected = places.get((slug, p["n"]))
            if expected:
                cited += 1
                assert p["backlinks"] is not None, f"{slug}#p{p['n']} is cited but shows no backlinks"
                pages = [h if h.startswith("/timeline/") else h.split("#")[0] for h in p["backlinks"]]
                assert set(pages) == expected, f"{slug}#p{p['n']}"
                assert len(pages) == len(expected), f"{slug}#p{p['n']}: a place listed twice"
            else:
                uncited += 1
                assert p["backlinks"] is None, f"{slug}#p{p['n']} is cited nowhere but shows backlinks"
    assert cited > 20 and uncited > 0


def test_a_theme_backlink_names_the_theme(bodies):
    p2 = next(p for p in bodies["wallander-2003"] if p["n"] == 2)
    assert "/themes/sanctions/" in [h.split("#")[0] for h in p2["backlinks"]]


def test_citations_side_by_side_read_as_one_parenthesis(site):
    # "(Wallander, “…”, ¶ 17) (Wallander, “…”, ¶ 20)" named the essay again for every paragraph
    pages = sorted(site.path.glob("themes/*/index.html")) + [site.file("glossary/index.html")]
    for path in pages:
        text = parse_file(path).find("main").text()
        assert not re.search(r"¶ \d+(–\d+)?\) \(", text), (path, re.search(r".{60}¶ \d+(–\d+)?\) \(.{60}", text))
    realism = parse_file(site.file("themes/realism-vs-bargaining/index.html")).find("main").text()
    assert "(Wallander, “Between Realism and Reality”, ¶¶ 14–15, ¶ 17, ¶ 20, ¶ 25)" in realism


def covers(link) -> range:
    """The paragraphs a citation link names: "¶ 7" or "¶¶ 13–15" in its title or text."""
    m = re.search(r"¶¶ (\d+)–(\d+)|¶ (\d+)", link.attrs.get("title") or link.text())
    return range(int(m[1]), int(m[2]) + 1) if m[1] else range(int(m[3]), int(m[3]) + 1)


def test_a_backlink_lands_where_the_page_first_cites_the_paragraph(site, bodies):
    # not the top of a long theme page: the first quote or citation there of this very paragraph
    pages: dict[str, list] = {}
    landed = 0
    for slug, body in bodies.items():
        for p in body:
            for href in p["backlinks"] or ():
                if href.startswith("/timeline/"):
                    continue
                path, _, ident = href.partition("#")
                assert ident, f"{slug}#p{p['n']}: {href} lands on the top of the page"
                if path not in pages:
                    page = parse_file(site.file(path.lstrip("/") + "index.html"))
                    pages[path] = [e for e in page.iter() if e.tag in ("a", "q", "figure", "blockquote", "span")]
                elements = pages[path]
                target = next(e for e in elements if e.attrs.get("id") == ident)
                first, last = re.fullmatch(rf"cites-{slug}-p(\d+)(?:-(\d+))?", ident).groups()
                assert int(first) <= p["n"] <= int(last or first), (href, p["n"])
                # the target is the page's earliest citation of this paragraph (a quote holds its citation)
                earliest = next(e for e in elements if e.tag == "a" and "cite" in e.classes
                                and re.fullmatch(rf"/essays/{slug}/#p\d+", e.attrs["href"]) and p["n"] in covers(e))
                at = elements.index(target)
                assert target.tag != "a", "a link as a target takes the focus when the page opens"
                assert earliest in elements[at:at + 4], (href, target.attrs, earliest.attrs)
                landed += 1
    assert landed > 50


def test_timeline_backlinks_are_in_date_order(site, bodies):
    page = parse_file(site.file("timeline/index.html"))
    order = [li.attrs["id"] for li in page.find("ol", "timeline").find_all("li")]
    several = 0
    for slug, body in bodies.items():
        for p in body:
            events = [h.split("#")[1] for h in p["backlinks"] or () if h.startswith("/timeline/")]
            assert events == sorted(events, key=order.index), f"{slug}#p{p['n']}: {events}"
            several += len(events) > 1
    assert several >= 5


def test_backlinks_beside_one_paragraph_are_told_apart_by_their_labels(bodies):
    # two events of the same year once both read "2021"; each event is named with its date
    events = timeline(ROOT)
    checked = 0
    for slug, body in bodies.items():
        for p in body:
            if p["backlinks"] is None:
                continue
            assert len(set(p["labels"])) == len(p["labels"]), f"{slug}#p{p['n']}: {p['labels']}"
            for href, label in zip(p["backlinks"], p["labels"]):
                if href.startswith("/timeline/#"):
                    event = events[href.split("#")[1]]
                    assert label.startswith(event["short"] + " (") and label.endswith(")"), (label, event)
                    checked += 1
    assert checked > 20


# ---------------------------------------------------------------- related essays


def shared_relations(mentions) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    themes_of: dict[str, set[str]] = {s: set() for s in slugs()}
    for theme_slug, refs in theme_refs(ROOT).items():
        for essay in cited_paragraphs(refs):
            themes_of[essay].add(theme_slug)
    entities_of = {s: {e for *_, e in found} for s, found in mentions.items()}
    return themes_of, entities_of


def read_related(page: Element) -> list[dict]:
    ul = page.find("ul", "related")
    if ul is None:
        return []
    rows = []
    for li in ul.find_all("li"):
        links = li.find_all("a")
        text = li.text()
        count = re.search(r": (\d+) themes?", text)
        more = re.search(r"and (\d+) more\b", text)
        names = [re.fullmatch(r"/glossary/([a-z0-9-]+)/", a.attrs["href"]) for a in links[1:]]
        rows.append({"essay": re.fullmatch(r"/essays/([a-z0-9-]+)/", links[0].attrs["href"]).group(1),
                     "themes": int(count.group(1)) if count else None,
                     "entities": [name.group(1) for name in names if name],  # (the reason's theme and ¶ links follow)
                     "more": int(more.group(1)) if more else 0})
    return rows


def rarity_weights(themes_of, entities_of) -> dict[str, dict[str, float]]:
    """Our own reckoning of what each pair shares: every shared theme and name weighs log(N / essays that have it)."""
    n = len(themes_of)
    spread = Counter([("t", t) for ts in themes_of.values() for t in ts] + [("e", e) for es in entities_of.values() for e in es])
    return {a: {b: sum(math.log(n / spread[("t", t)]) for t in themes_of[a] & themes_of[b])
                + sum(math.log(n / spread[("e", e)]) for e in entities_of[a] & entities_of[b])
                for b in themes_of if b != a} for a in themes_of}


def test_related_essays_rank_by_how_rare_what_they_share_is(site, mentions):
    themes_of, entities_of = shared_relations(mentions)
    weights = rarity_weights(themes_of, entities_of)
    for slug in slugs():
        rows = read_related(essay_page(site, slug))
        expected = sorted((o for o, w in weights[slug].items() if w > 1e-9), key=lambda o: (-round(weights[slug][o], 9), o))
        assert rows, f"{slug} shows no related essays"
        assert [r["essay"] for r in rows] == expected[:5], slug
        for r in rows:
            themes = themes_of[slug] & themes_of[r["essay"]]
            entities = entities_of[slug] & entities_of[r["essay"]]
            assert r["themes"] == len(themes), (slug, r)
            assert set(r["entities"]) <= entities, (slug, r, "named as shared but not mentioned by both")
            assert len(r["entities"]) == min(3, len(entities)) and r["more"] == len(entities) - len(r["entities"]), (slug, r)
            # the names given as the reason are the rarest the two share
            spread = {e: sum(e in es for es in entities_of.values()) for e in entities}
            assert sorted(spread[e] for e in r["entities"]) == sorted(spread.values())[:len(r["entities"])], (slug, r)


# ---------------------------------------------------------------- quotes on theme pages


def quote_elements(page: Element) -> list[tuple[str, list[str], str, str]]:
    """(kind, texts, cite href, citation) of every quote, block or inline, in document order."""
    found = []
    for element in page.find("article", "theme").iter():
        if element.tag == "figure" and "quote" in element.classes:
            link = element.find("figcaption").find("a", "cite")
            texts = [p.text() for p in element.find("blockquote").find_all("p")]
            assert element.find("blockquote").attrs["cite"] == link.attrs["href"]
            found.append(("block", texts, link.attrs["href"], link.text()))
        elif element.tag == "q":
            link = next(e for e in element.parent.children[element.parent.children.index(element):]
                        if isinstance(e, Element) and e.tag == "a")
            assert element.attrs["cite"] == link.attrs["href"]
            found.append(("inline", [element.text()], link.attrs["href"], link.text()))
    return found


@pytest.mark.parametrize("theme_slug", sorted(theme_refs(ROOT)))
def test_quotes_on_theme_pages_are_the_essay_text(theme_slug, site, bodies):
    texts = {(slug, p["n"]): re.sub(r"\s+", " ", p["text"]).strip() for slug, body in bodies.items() for p in body}
    quotes = [r for r in theme_refs(ROOT)[theme_slug] if r.quote]
    shown = quote_elements(parse_file(site.file(f"themes/{theme_slug}/index.html")))
    assert len(shown) == len(quotes) > 0
    for ref, (kind, parts, href, citation) in zip(quotes, shown):
        assert href == f"/essays/{ref.slug}/#p{ref.first}", (ref, href)
        assert (ref.slug, ref.first) in texts, f"quote cites {href}, which is no paragraph"
        marker = f"¶ {ref.first}" if ref.last == ref.first else f"¶¶ {ref.first}–{ref.last}"
        assert citation.endswith(marker), (citation, marker)
        cited = [texts[(ref.slug, n)] for n in range(ref.first, ref.last + 1)]
        if not ref.phrases:
            assert parts == cited, ref
            continue
        [quote] = parts
        assert quote and quote in " ".join(cited), (ref, quote)
        fold = str.maketrans("“”‘’–—", "\"\"''--")
        for phrase in ref.phrases:
            assert phrase.translate(fold) in quote.translate(fold), (ref, phrase)


# ---------------------------------------------------------------- the map


def test_map_cells_count_the_distinct_paragraphs_each_theme_cites(site):
    table = parse_file(site.file("map/index.html")).find("table", "map")
    columns = [re.fullmatch(r"/themes/([a-z0-9-]+)/", a.attrs["href"]).group(1)
               for a in table.find("thead").find_all("a")]
    refs = {t: cited_paragraphs(r) for t, r in theme_refs(ROOT).items()}
    assert sorted(columns) == sorted(refs)
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(slugs())
    for row in rows:
        essay = re.fullmatch(r"/essays/([a-z0-9-]+)/", row.find("th").find("a").attrs["href"]).group(1)
        cells = row.find_all("td")
        assert len(cells) == len(columns)
        for theme_slug, cell in zip(columns, cells):
            expected = sorted(refs[theme_slug].get(essay, ()))
            n = cell.find("span", "n")
            assert (int(n.text().split()[0]) if n else 0) == len(expected), (essay, theme_slug)
            assert [a.attrs["href"] for a in cell.find_all("a")] == [f"/essays/{essay}/#p{k}" for k in expected]
            assert ("empty" in cell.classes) == (not expected)


# ---------------------------------------------------------------- the timeline


def date_key(iso: str) -> tuple[int, int, int]:
    parts = [int(x) for x in iso.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def test_timeline_is_in_date_order_and_links_to_existing_paragraphs(site):
    page = parse_file(site.file("timeline/index.html"))
    entries = page.find("ol", "timeline").find_all("li")
    events = timeline(ROOT)
    keys = [date_key(li.find("time").attrs["datetime"]) for li in entries]
    assert keys == sorted(keys)
    ids = {}
    shown_events = [li for li in entries if "tl-event" in li.classes]
    assert sorted(li.attrs["id"] for li in shown_events) == sorted(events)
    for li in shown_events:
        event = events[li.attrs["id"]]
        assert li.find("time").attrs["datetime"] == str(event["date"])
        hrefs = [a.attrs["href"] for a in li.find("p", "tl-passages").find_all("a")]
        assert sorted(hrefs) == sorted(f"/essays/{k.replace('#', '/#')}" for k in event["passages"])
        for href in hrefs:
            essay, anchor = re.fullmatch(r"/essays/([a-z0-9-]+)/#(p\d+)", href).groups()
            if essay not in ids:
                ids[essay] = {e.attrs["id"] for e in essay_page(site, essay).iter() if "id" in e.attrs}
            assert anchor in ids[essay], href


def test_the_themes_index_counts_what_each_theme_cites_and_links_its_reading_list(site):
    page = parse_file(site.file("themes/index.html"))
    cards = {c.find("h2").find("a").attrs["href"]: c for c in page.find_all("li", "theme-card")}
    total = len(essay_metadata())
    for slug, refs in theme_refs(ROOT).items():
        cited = cited_paragraphs(refs)
        card = cards[f"/themes/{slug}/"]
        n = sum(len(ps) for ps in cited.values())
        scope = f"across all {total}" if len(cited) == total else f"in {len(cited)} of the {total}"
        assert f"Cites {n} paragraph{'s' if n != 1 else ''} {scope} essays" in card.text(), (slug, card.text())
        assert f"/themes/{slug}/reading/" in [a.attrs["href"] for a in card.find_all("a")]


def test_the_glossary_lists_people_by_family_name(site):
    entries = yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))
    people = {e["name"]: e.get("sort") or e["name"].split()[-1] for e in entries.values() if e["kind"] == "person"}
    page = parse_file(site.file("glossary/index.html"))
    group = next(sec for sec in page.find_all("section") if sec.find("h2") and sec.find("h2").attrs.get("id") == "person")
    shown = [dt.find("a").text() for dt in group.find_all("dt")]
    assert sorted(shown) == sorted(people)
    assert shown == sorted(shown, key=lambda name: (people[name].lower(), name.lower())), shown
    assert shown.index("Xi Jinping") < shown.index("Boris Yeltsin")  # "sort: Xi": the family name comes first


def test_a_timeline_event_names_each_essay_once_with_its_paragraphs_in_order(site):
    page = parse_file(site.file("timeline/index.html"))
    titles = {slug: m["title"] for slug, m in essay_metadata().items()}
    grouped = 0
    for li in page.find("ol", "timeline").find_all("li"):
        if "tl-event" not in li.classes:
            continue
        line = li.find("p", "tl-passages")
        numbers: dict[str, list[int]] = {}
        for a in line.find_all("a"):
            essay, n = re.fullmatch(r"/essays/([a-z0-9-]+)/#p(\d+)", a.attrs["href"]).groups()
            numbers.setdefault(essay, []).append(int(n))
            assert a.text().startswith("¶"), a.text()
        for essay, ns in numbers.items():
            assert ns == sorted(ns), (li.attrs["id"], ns)
            short = titles[essay].split(": ")[-1]
            assert line.text().count(short) == 1, (li.attrs["id"], short, line.text())
        grouped += any(len(ns) > 1 for ns in numbers.values())
    assert grouped >= 3


def test_essays_are_on_the_timeline_by_publication_date_undated_apart(site):
    page = parse_file(site.file("timeline/index.html"))
    meta = essay_metadata()
    dated = {slug: str(m["date"]) for slug, m in meta.items() if str(m.get("date", "unknown")) != "unknown"}
    undated = sorted(set(meta) - set(dated))
    assert dated and undated
    rows = [li for li in page.find("ol", "timeline").find_all("li") if "tl-essay" in li.classes]
    shown = {re.fullmatch(r"/essays/([a-z0-9-]+)/", li.find("p", "tl-title").find("a").attrs["href"]).group(1): li
             for li in rows}
    assert len(shown) == len(rows) and sorted(shown) == sorted(dated)
    for slug, li in shown.items():
        assert li.find("time").attrs["datetime"] == dated[slug]
    heading = next(h for h in page.find_all("h2") if h.text() == "Undated essays")
    listed = heading.parent.children[heading.parent.children.index(heading) + 1:]
    ul = next(e for e in listed if isinstance(e, Element) and e.tag == "ul")
    assert sorted(a.attrs["href"] for a in ul.find_all("a")) == [f"/essays/{s}/" for s in undated]
