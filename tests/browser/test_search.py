"""Search in chromium, at the domain root and under /crosscut/: Pagefind's UI, results that land on
the paragraph, filters, the header field, and the page without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
import yaml

from conftest import ROOT

from htmltext import parse_file, read_essay_page

PHRASE = "Potemkin reforms"  # in one essay only (checked below)
SHARED, STEM = "sanctions", "sanction"  # in several essays; Pagefind also finds "sanctioned"
THEME_TITLE, THEME_PATH = "Sanctions and economic pressure", "themes/sanctions/"


def read_ids(path) -> set[str]:
    """The ids of a built page's headings."""
    return set(re.findall(r'<h[1-6] id="([^"]+)"', path.read_text(encoding="utf-8")))


def essays_text(folder) -> dict[str, dict]:
    """Title, authors and paragraph texts of every essay page of a built site, keyed by slug."""
    found = {}
    for page in sorted((folder / "essays").glob("*/index.html")):
        essay = read_essay_page(page)
        found[page.parent.name] = {"title": essay.title, "authors": essay.authors,
                                   "paragraphs": {pid: text for kind, pid, text in essay.body if kind == "p"}}
    return found


def containing(essays: dict, words: str) -> dict[str, list[str]]:
    """Essay slug -> ids of the paragraphs containing `words` (case-insensitive)."""
    hits = {slug: [pid for pid, text in e["paragraphs"].items() if words.lower() in text.lower()]
            for slug, e in essays.items()}
    return {slug: pids for slug, pids in hits.items() if pids}


def wait_for_results(page, count: int | None = None, everything: bool = False) -> list[dict]:
    """Wait until Pagefind has shown its first results (`count` in all if given); read them.

    With `everything`, press "Load more results" until every result is shown.
    """
    page.wait_for_function(
        """count => {
            const m = document.querySelector('.pagefind-ui__message');
            const n = m && m.textContent.match(/^(\\d+) results? for/);
            return n && (count === null || +n[1] === count)
              && document.querySelectorAll('.pagefind-ui__result').length > 0
              && !document.querySelector('.pagefind-ui__results .pagefind-ui__loading');
        }""", arg=count)
    more = page.locator(".pagefind-ui__button", has_text="Load more")
    while everything and more.count():
        more.click()
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__results .pagefind-ui__loading')")
    return page.evaluate("""() => [...document.querySelectorAll('.pagefind-ui__result')].map(r => {
        const meta = {};
        r.querySelectorAll('[data-pagefind-ui-meta]').forEach(t =>
            meta[t.dataset.pagefindUiMeta] = t.textContent.replace(/^[^:]*:/, '').trim());
        const a = r.querySelector('.pagefind-ui__result-link');
        return {title: a.textContent.trim(), href: a.getAttribute('href'), ...meta};
    })""")


def test_a_phrase_of_one_essay_lands_on_its_paragraph(open_page, served):
    essays = essays_text(served.folder)
    hits = containing(essays, PHRASE)
    assert len(hits) == 1 and len(next(iter(hits.values()))) == 1, f"'{PHRASE}' should be in one paragraph: {hits}"
    (slug, [pid]), = hits.items()
    page, _ = open_page()
    page.goto(served.url("search/?q=" + quote_plus(PHRASE)))
    results = wait_for_results(page)
    assert results[0]["title"] == essays[slug]["title"], results
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(served.url(f"essays/{slug}/#{pid}"))
    assert PHRASE.lower() in page.locator(f"#{pid}").inner_text().lower()
    assert page.evaluate("document.querySelector(':target').id") == pid


def test_typing_into_the_search_field(open_page, served):
    essays = essays_text(served.folder)
    (slug, _), = containing(essays, PHRASE).items()
    page, _ = open_page()
    page.goto(served.url("search/"))
    # without a query the field has the focus, so typing goes straight into it
    page.wait_for_function("() => document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type(PHRASE)
    results = wait_for_results(page)
    assert results[0]["title"] == essays[slug]["title"]
    assert results[0]["href"].startswith(served.base + f"essays/{slug}/#p")


def test_a_shared_term_finds_several_essays(open_page, served):
    essays = essays_text(served.folder)
    with_term = containing(essays, STEM)
    assert len(with_term) >= 2
    page, _ = open_page()
    page.goto(served.url("search/?q=" + SHARED))
    results = wait_for_results(page, everything=True)
    found = {r["title"] for r in results if r.get("type") == "Essay"}
    assert found == {essays[slug]["title"] for slug in with_term}
    assert all(r["href"].startswith(served.base) for r in results)


def test_the_author_filter_keeps_that_authors_essays(open_page, served):
    essays = essays_text(served.folder)
    slug = "yu-sui-2021"
    author = essays[slug]["authors"][0]
    assert slug in containing(essays, STEM) and len(containing(essays, STEM)) >= 2
    page, _ = open_page()
    page.goto(served.url("search/?q=" + SHARED))
    wait_for_results(page)  # several essays, as test_a_shared_term_finds_several_essays shows
    page.locator("summary.pagefind-ui__filter-name", has_text="Author").click()
    box = page.locator(f'input.pagefind-ui__filter-checkbox[name="author"][value="{author}"]')
    wanted = int(re.search(r"\((\d+)\)", page.locator(f'label[for="{box.get_attribute("id")}"]').inner_text())[1])
    assert wanted >= 1
    box.check()
    after = wait_for_results(page, count=wanted, everything=True)
    essays_after = [r for r in after if r.get("type") == "Essay"]
    assert essays_after and all(r["author"] == author for r in essays_after), after
    assert {r["title"] for r in essays_after} == {essays[slug]["title"]}


def test_a_theme_page_is_found_by_its_title(open_page, served):
    page, _ = open_page()
    page.goto(served.url("search/?q=" + quote_plus(THEME_TITLE)))
    results = wait_for_results(page)
    top = [r["href"].split("#")[0] for r in results[:3]]
    assert served.base + THEME_PATH in top, results[:3]


def test_glossary_lines_are_found_on_the_glossary_not_again_in_every_theme(open_page, served):
    # a theme page's "Key terms" repeats glossary entries; only the entries themselves are indexed
    page, _ = open_page()
    page.goto(served.url("search/?q=" + quote_plus("New START")))
    results = wait_for_results(page, everything=True)
    curated = [r for r in results if r["type"] != "Essay"]  # the essays that use the name come first
    assert curated[0]["href"] == served.base + "glossary/new-start/", curated[:2]
    assert any(r["type"] == "Theme" for r in results)
    subs = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link").all_inner_texts()
    assert subs and not [s for s in subs if "Key terms" in s], subs


def test_a_theme_result_lands_on_the_section_where_the_words_are(open_page, served):
    theme = read_ids(served.folder / THEME_PATH / "index.html")
    page, _ = open_page()
    page.goto(served.url("search/?q=" + SHARED))
    wait_for_results(page, everything=True)
    result = page.locator(".pagefind-ui__result", has=page.locator(".pagefind-ui__result-title", has_text=THEME_TITLE))
    links = result.locator(".pagefind-ui__result-nested .pagefind-ui__result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    sections = [h.split("#")[1] for h in hrefs if h.startswith(served.base + THEME_PATH + "#")]
    assert sections and set(sections) <= theme, hrefs
    assert "what-each-essay-argues" in sections or "where-the-essays-agree-and-disagree" in sections, sections


QUOTED = "choreography"  # in one essay, and on a theme page only inside a quote of it (checked below)


def unquoted(element) -> str:
    """An element's text without the essay passages it quotes (block quotes and inline <q>)."""
    return "".join(child if isinstance(child, str) else "" if child.tag == "q" or "quote" in child.classes
                   else unquoted(child) for child in element.children)


def test_words_a_theme_only_quotes_find_the_essay_they_come_from(open_page, served):
    essays = essays_text(served.folder)
    hits = containing(essays, QUOTED)
    assert len(hits) == 1
    quoting = []
    for path in sorted((served.folder / "themes").glob("*/index.html")):
        main = parse_file(path).find("main")
        if QUOTED in main.text().lower():
            assert QUOTED not in unquoted(main).lower(), f"{path.parent.name} uses '{QUOTED}' in its own words"
            quoting.append(path)
    assert quoting, f"no theme quotes '{QUOTED}': pick another word"
    page, _ = open_page()
    page.goto(served.url("search/?q=" + QUOTED))
    results = wait_for_results(page, everything=True)
    (slug, _), = hits.items()
    assert [r["title"] for r in results] == [essays[slug]["title"]], results


def test_the_header_field_searches_from_any_page(open_page, served):
    page, _ = open_page()
    page.goto(served.url("essays/wallander-2003/"))
    page.fill("#site-search-q", SHARED)
    page.press("#site-search-q", "Enter")
    page.wait_for_url(served.url("search/?q=" + SHARED))
    assert len(wait_for_results(page)) >= 2
    assert page.locator(".pagefind-ui__search-input").input_value() == SHARED


@pytest.mark.parametrize("path", ["search/", "search/?q=sanctions"])
def test_without_javascript_search_says_so(open_page, served, path):
    page, _ = open_page(java_script_enabled=False)
    page.goto(served.url(path))
    notice = page.locator(".notice")
    assert notice.is_visible()
    assert "Search needs JavaScript" in notice.inner_text()
    assert page.locator(".pagefind-ui__result").count() == 0


def test_without_javascript_an_essay_shows_its_full_text(open_page, served):
    essays = essays_text(served.folder)
    page, _ = open_page(java_script_enabled=False)
    for slug in ("wallander-2003", "where-to-now-2021"):  # with sections; without an author
        essay = essays[slug]
        page.goto(served.url(f"essays/{slug}/"))
        shown = [re.sub(r"\s+", " ", t).strip() for t in page.locator(".para .ptext").all_inner_texts()]
        assert shown == list(essay["paragraphs"].values())
        last = page.locator(".para").last
        last.scroll_into_view_if_needed()
        assert last.is_visible()


# ---------------------------------------------------------------- names, sources and ranking


def all_links(page) -> list[str]:
    """The href of every result link shown, the results' own and their paragraphs'."""
    return page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def page_text(served, href: str) -> str:
    """The text of the main element of a built page, from a result's link."""
    path = href.split("#")[0].removeprefix(served.base)
    return parse_file(served.folder / path / "index.html").find("main").text()


def glossary() -> dict:
    return yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))


def test_a_transliteration_finds_the_passages_that_name_the_person(open_page, served):
    entry = glossary()["gorbachev"]
    assert "Gorbachov" in entry["search_aliases"]
    essays = essays_text(served.folder)
    hits = containing(essays, "Gorbachev")
    assert hits and not containing(essays, "Gorbachov")  # the essays never spell it so
    page, _ = open_page()
    page.goto(served.url("search/?q=Gorbachov"))
    results = wait_for_results(page, everything=True)
    (slug, [pid]), = hits.items()
    assert results[0]["href"] == served.base + f"essays/{slug}/#{pid}", results
    assert served.base + "glossary/gorbachev/" in [r["href"] for r in results]
    # before, Pagefind fell back to "go" and found "going" on nine pages: every page found names him
    assert all("Gorbachev" in page_text(served, r["href"]) for r in results), results


def test_an_acronym_finds_the_paragraph_that_spells_it_out(open_page, served):
    essays = essays_text(served.folder)
    spelled = essays["wallander-2003"]["paragraphs"]["p6"]
    assert "Anti-Ballistic Missile" in spelled and "ABM" not in spelled
    page, _ = open_page()
    page.goto(served.url("search/?q=ABM"))
    wait_for_results(page, everything=True)
    assert served.base + "essays/wallander-2003/#p6" in all_links(page)


def test_another_spelling_shows_beside_the_name_it_stands_for(open_page, served):
    page, _ = open_page()
    page.goto(served.url("search/?q=" + quote_plus("missile defence")))  # the essays write "defense"
    wait_for_results(page, everything=True)
    excerpts = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-excerpt").all_inner_texts()
    assert any(re.search(r"missile defense\W? \(missile defence\)", e) for e in excerpts), excerpts


@pytest.mark.parametrize("query", ["nonsensewordxyz", "Gorbachovski"])
def test_a_word_no_page_holds_finds_nothing(open_page, served, query):
    page, _ = open_page()
    page.goto(served.url("search/?q=" + query))
    page.wait_for_function("() => /^No results for/.test(document.querySelector('.pagefind-ui__message')?.textContent)")
    assert page.locator(".pagefind-ui__result").count() == 0


def test_a_word_being_typed_still_finds_what_it_starts(open_page, served):
    page, _ = open_page()
    page.goto(served.url("search/?q=Gorb"))
    results = wait_for_results(page, everything=True)
    assert served.base + "glossary/gorbachev/" in [r["href"] for r in results]


def test_citing_an_essay_does_not_make_a_page_match_its_title(open_page, served):
    entries = glossary()
    citing = [slug for slug, e in entries.items() if "[[wallander-2003" in e["description"]]
    assert len(citing) > 10  # "Between Realism and Reality" is cited all over the glossary
    own = {slug for slug, e in entries.items()
           if "realism" in (e["name"] + " " + re.sub(r"!?\[\[[^\]]*\]\]", "", e["description"])).lower()}
    page, _ = open_page()
    page.goto(served.url("search/?q=realism"))
    results = wait_for_results(page, everything=True)
    found = {r["href"].removeprefix(served.base + "glossary/").strip("/") for r in results if r["type"] == "Glossary"}
    assert found and found <= own, found - own


@pytest.mark.parametrize("query, first", [("Nord Stream", "essays/yu-sui-2021/"), ("ABM", None), ("sanctions", None)])
def test_the_essays_come_before_the_pages_that_discuss_them(open_page, served, query, first):
    page, _ = open_page()
    page.goto(served.url("search/?q=" + quote_plus(query)))
    results = wait_for_results(page, everything=True)
    kinds = [r["type"] for r in results]
    assert kinds == sorted(kinds, key=lambda k: k != "Essay"), kinds  # every essay first, then the rest
    assert set(kinds) - {"Essay"}, kinds
    if first:
        assert results[0]["href"].split("#")[0] == served.base + first


def test_the_newest_first_order_is_kept(open_page, served):
    page, _ = open_page()
    page.goto(served.url("search/?q=" + SHARED + "&sort=desc"))
    wait_for_results(page)
    page.wait_for_function("() => document.getElementById('search-sort').value == 'desc'")
    results = wait_for_results(page, everything=True)
    years = [int(r["date"][-4:]) for r in results if r["type"] == "Essay" and r.get("date", "")[-4:].isdigit()]
    assert len(years) >= 2 and years == sorted(years, reverse=True), results


def test_the_timeline_is_searched_and_a_result_lands_on_the_event(open_page, served):
    events = yaml.safe_load((ROOT / "content" / "timeline.yml").read_text(encoding="utf-8"))
    (slug, _), = [(k, e) for k, e in events.items() if "coup" in e["title"].lower()]
    page, _ = open_page()
    page.goto(served.url("search/?q=coup"))
    results = wait_for_results(page, everything=True)
    timeline = [r for r in results if r["type"] == "Timeline"]
    assert [r["href"] for r in timeline] == [served.base + f"timeline/#{slug}"], results
    assert results.index(timeline[0]) > [r["type"] for r in results].index("Essay")
    shown = page.locator(".pagefind-ui__result", has=page.locator(f'a[href$="#{slug}"]')).first.inner_text()
    assert events[slug]["title"] in shown
