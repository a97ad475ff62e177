"""What goes into the search index, read from the index Pagefind wrote for the real site: other
spellings of a name at its mentions, no citation text, the timeline; the ranking file; and the
glossary's search_aliases field with its messages. (How search behaves in a browser: browser/test_search.py.)"""

from __future__ import annotations

import gzip
import json
import re

import pytest
import yaml

from conftest import ROOT, run_build
from htmltext import parse_file

FAILED = "build failed; site/ was left as it was"


def fragments(site) -> list[dict]:
    """Every page Pagefind indexed, in every bundle, as it stores it: url, content, filters, meta, anchors."""
    found = []
    for path in sorted((site.path / "pagefind").glob("**/fragment/*.pf_fragment")):
        page = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found.append(page | {"id": path.name.removesuffix(".pf_fragment")})
    return found


def indexed(site, url: str) -> dict:
    (page,) = [p for p in fragments(site) if p["url"] == url]
    return page


def test_a_mention_carries_the_spellings_its_paragraph_does_not_use(site):
    essay = parse_file(site.essay("wallander-2003"))
    also = {p.attrs["id"]: [s.attrs["data-also"] for s in p.find_all("span") if "data-also" in s.attrs]
            for p in essay.find_all("p", "para")}
    assert "ABM Treaty" in also["p6"]  # p6 says "Anti-Ballistic Missile Treaty"
    assert any("Gorbachov" in a for a in also["p1"])  # a search alias: no essay spells it so
    assert not [a for a in also["p1"] if a.startswith("Mikhail Gorbachev")]  # p1 says "Mikhail Gorbachev"
    page = indexed(site, "/essays/wallander-2003/")
    assert "Gorbachov" in page["content"] and "Anti-Ballistic Missile Treaty" in page["content"]


def test_a_spelling_stands_after_a_whole_word(site):
    for slug in ("wallander-2003", "yu-sui-2021", "where-to-now-2021"):
        html = site.essay(slug).read_text(encoding="utf-8")
        spans = list(re.finditer(r'(.)<span data-pagefind-index-attrs="data-also" data-also="[^"]*"></span>(.)', html))
        assert spans, slug
        for m in spans:  # between a word (or its punctuation, or a link around it) and a space or the paragraph's end
            assert not m.group(1).isspace() and (m.group(2).isspace() or m.group(2) == "<"), m.group(0)


def test_citations_are_left_out_of_the_index(site):
    title = "Between Realism and Reality"
    citing = [p for p in fragments(site) if p["filters"]["type"] != ["Essay"]]
    glossary = yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))
    assert sum("[[wallander-2003#" in e["description"] for e in glossary.values()) > 10
    assert [p["url"] for p in citing if title in p["content"]] == []
    theme = indexed(site, "/themes/sanctions/")
    assert "Draws on" not in theme["content"] and "(Wallander" not in theme["content"]
    assert "Sanctions run through the essays" in theme["content"]  # its own words are there


def test_the_timeline_is_indexed_by_its_events(site):
    page = indexed(site, "/timeline/")
    events = yaml.safe_load((ROOT / "content" / "timeline.yml").read_text(encoding="utf-8"))
    assert page["filters"]["type"] == ["Timeline"]
    assert all(e["title"] in page["content"] for e in events.values())
    assert {a["id"] for a in page["anchors"] if a["element"] == "li"} >= set(events)
    # the passages an event cites and the essays' own publication rows are citations, not its words
    assert "Discussed in" not in page["content"] and "Essay published" not in page["content"]


def test_the_ranking_file_names_the_essays_and_the_themes(site):
    ranking = json.loads((site.path / "pagefind" / "ranking.json").read_text(encoding="utf-8"))
    pages = fragments(site)
    assert ranking["essays"] == sorted(p["id"] for p in pages if p["filters"]["type"] == ["Essay"])
    assert len(ranking["essays"]) == len(list((ROOT / "content" / "essays").glob("*.yml")))
    themes = {p["id"]: p["meta"]["title"] for p in pages if p["filters"]["type"] == ["Theme"]}
    assert dict(ranking["themes"]) == themes and "Sanctions and economic pressure" in themes.values()


def edit_entry(project, slug: str, line: str) -> int:
    """Add a line to a glossary entry, before its description; return its line number."""
    path = project / "content" / "glossary.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f"{slug}:")
    at = next(i for i in range(at, len(lines)) if lines[i].startswith("  description:"))
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@pytest.mark.parametrize("written, message, fix", [
    ("Poutine", "'search_aliases' must be a list", "write search_aliases: [Gorbachov, Gorbatschow]"),
    ("[Poutine, Boris Yeltsin]", "the search alias 'Boris Yeltsin' is a name of entry 'yeltsin'",
     "a search alias finds the passages of its own entry only; remove it here"),
], ids=["not a list", "another entry's name"])
def test_search_aliases_must_be_spellings_of_the_entrys_own(project, written, message, fix):
    line = edit_entry(project, "putin", f"  search_aliases: {written}")
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    assert run.stderr == (f"1. content/glossary.yml:{line}: error: entry 'putin': {message}\n"
                          f"    fix: {fix}\n1 error(s), 0 warning(s)\n{FAILED}\n")
