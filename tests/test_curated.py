"""Writing the curated pages: footnotes, static files from content/ with the base path, references
in discussion questions, and glossary descriptions as plain text that keep their references' words."""

from __future__ import annotations

import os
from collections import Counter

import pytest
import yaml

from crosscut.markdown import check_markdown, make_markdown

from conftest import ROOT, run_build
from htmltext import parse_file, parse_html

FAILED = "build failed; site/ was left as it was"


def report(*problems: tuple[str, str, str]) -> str:
    lines = [f"{n}. {where}: error: {message}\n    fix: {fix}" for n, (where, message, fix) in enumerate(problems, 1)]
    return "\n".join(lines + [f"{len(problems)} error(s), 0 warning(s)", FAILED]) + "\n"


def add_to_theme(project, text: str, slug: str = "sanctions") -> int:
    """Append Markdown to a theme's body; return the line it starts on."""
    path = project / "content" / "themes" / f"{slug}.md"
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


# ---------------------------------------------------------------- footnotes


def test_a_footnote_is_a_numbered_link_to_a_note_with_a_way_back():
    html = make_markdown("/base/").render("Said once[^a] and twice[^a], and a second note.[^b]\n\n"
                                          "[^a]: The first note.\n[^b]: The second, with a [link](/themes/).\n")
    page = parse_html(html)
    refs = [sup.find("a") for sup in page.find_all("sup", "fnref")]
    assert [(a.attrs["href"], a.attrs["id"], a.attrs["aria-label"], a.text()) for a in refs] == [
        ("#fn_1", "fnref_1", "Note 1", "1"), ("#fn_1", "fnref_1_2", "Note 1", "1"), ("#fn_2", "fnref_2", "Note 2", "2")]
    notes = page.find("section", "footnotes")
    assert notes.attrs["aria-labelledby"] == notes.find("h2").attrs["id"] and notes.find("h2").text() == "Notes"
    items = notes.find_all("li")
    assert [li.attrs["id"] for li in items] == ["fn_1", "fn_2"]
    backs = [(a.attrs["href"], a.attrs["aria-label"]) for li in items for a in li.find_all("a", "fnback")]
    assert backs == [("#fnref_1", "Back to the text of note 1"), ("#fnref_1_2", "Back to the text of note 1 (2)"),
                     ("#fnref_2", "Back to the text of note 2")]
    assert items[1].find("a", href="/base/themes/")  # links in a note get the base path too


def test_footnote_ids_cannot_clash_with_heading_ids():
    page = parse_html(make_markdown("/").render("## Fn 1\n\n## Footnotes heading\n\nText.[^1]\n\n[^1]: Note.\n"))
    ids = [e.attrs["id"] for e in page.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids)) == 5, ids


def test_the_themes_use_footnotes_and_every_id_on_a_page_is_unique(site):
    with_notes = 0
    for path in sorted((site.path / "themes").glob("*/index.html")):
        page = parse_file(path)
        ids = Counter(e.attrs["id"] for e in page.iter() if "id" in e.attrs)
        assert [i for i, n in ids.items() if n > 1] == [], path
        refs = {a.attrs["href"][1:] for sup in page.find_all("sup", "fnref") for a in sup.find_all("a")}
        assert refs <= set(ids), path
        if refs:
            with_notes += 1
            assert page.find("nav", "toc").find("a", href="#footnotes_heading"), "the notes are in the page's contents"
    assert with_notes >= 2


def test_the_sanctions_note_holds_what_the_text_used_to_say_in_brackets(site):
    page = parse_file(site.file("themes/sanctions/index.html"))
    note = page.find("li", id="fn_1")
    assert "does not fit his essay's own date of 6 April 2021".replace("'", "’") in note.text()
    assert note.find("a", href="/timeline/#navalny-sanctions-2021")


@pytest.mark.parametrize("text, found", [
    ("A note[^1] without its text.\n", [(0, "footnote [^1] has no text")]),
    ("Text.\n\n[^x]: A note nothing refers to.\n", [(2, "footnote [^x] is never referred to, so it would not be shown")]),
    ("Text.[^1]\n\n[^1]: Its note.\n", []),
])
def test_footnote_problems(text, found):
    assert [(line, message) for line, _, message, _ in check_markdown(text)] == found


def test_a_footnote_without_its_note_fails_the_build_at_its_line(project):
    line = add_to_theme(project, "A closing remark.[^later]")
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    assert run.stderr == report((f"content/themes/sanctions.md:{line}", "footnote [^later] has no text",
                                 "add its note on a line of its own below the paragraph: [^later]: …"))


def test_a_footnote_in_a_one_line_field_fails_the_build(project):
    path = project / "content" / "themes" / "sanctions.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndescription: From the Jackson-Vanik", "\ndescription: From[^1] the Jackson-Vanik"), encoding="utf-8")
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("description:"))) + 1
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    assert run.stderr == report((f"content/themes/sanctions.md:{line}", "footnote [^1] in a one-line field",
                                 "footnotes belong in the body of a theme or page, which lists them at its end; "
                                 "write the note into the text"))


# ---------------------------------------------------------------- static files


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_static_files_are_published_and_their_links_get_the_base_path(project, tmp_path):
    (project / "content" / "images").mkdir()
    (project / "content" / "images" / "map.png").write_bytes(PNG)
    (project / "content" / "files").mkdir()
    (project / "content" / "files" / "handout.pdf").write_bytes(b"%PDF-1.4 a hand-out\n")
    add_to_theme(project, "![A map of the pipelines](/images/map.png)\n\nThe [hand-out](/files/handout.pdf).")
    out = tmp_path / "site"
    run = run_build(project, "--no-search", "--base-url", "/crosscut/", "--out", str(out))
    assert run.code == 0, run.stderr
    assert (out / "images" / "map.png").read_bytes() == PNG
    assert (out / "files" / "handout.pdf").read_bytes() == b"%PDF-1.4 a hand-out\n"
    page = parse_file(out / "themes" / "sanctions" / "index.html")
    assert page.find("img", src="/crosscut/images/map.png").attrs["alt"] == "A map of the pipelines"
    assert page.find("a", href="/crosscut/files/handout.pdf")
    # what the build reads itself is not published
    published = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert not [p for p in published if p.endswith((".md", ".yml", ".lock"))], published


@pytest.mark.parametrize("name, taken", [("essays/index.html.png", None), ("sitemap.xml/logo.png", "sitemap.xml"),
                                         ("search.png/x.png", None), ("pagefind/logo.png", "pagefind/"),
                                         ("cards/index.png", "cards/"), ("robots.txt", "robots.txt"),
                                         ("feed.xml/x.png", "feed.xml")])
def test_a_static_file_may_not_replace_a_page_of_the_site(project, name, taken):
    (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "content" / name).write_bytes(PNG)
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    if taken is None:  # beside the site's own files, not in their place
        assert run.code == 0, run.stderr
        assert (project / "site" / name).read_bytes() == PNG
    else:
        assert run.stderr == report((f"content/{name}", f"would replace the site's own {taken}",
                                     "rename the file, or move it into a folder of its own such as content/images/"))


@pytest.mark.parametrize("name", ["images/map.svg", "handout.html", "files/tool.js", "notes.XHTML"])
def test_a_file_that_could_run_code_in_the_browser_is_not_published(project, name):
    (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "content" / name).write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    assert run.stderr == report((
        f"content/{name}", f"{name.split('/')[-1]}: a file of this kind is not published: opened in a browser it could run "
        "code on the site's address (a web page, an SVG image or a script can)",
        "publish images as .png, .jpg, .jpeg, .gif, .webp, .avif; documents as .pdf, .txt, .csv, .json; "
        "audio and video as .mp3, .m4a, .ogg, .mp4, .webm; or move it out of content/"))


def test_a_static_file_must_be_a_regular_file_inside_the_project(project, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    (project / "content" / "images").mkdir()
    os.symlink(outside, project / "content" / "images" / "map.png")
    os.symlink(tmp_path, project / "content" / "linked")
    run = run_build(project, "--no-search", "--out", str(project / "site"))
    assert run.stderr == report(  # folder by folder, from the top
        ("content/linked", f"linked is a link to a folder ({tmp_path.resolve()})",
         "static files must be regular files inside content/; move the folder here instead"),
        ("content/images/map.png", f"map.png leads outside the project (to {outside.resolve()})",
         "static files must be regular files inside the project; replace it with the file itself"))
    assert not (project / "site").exists()


# ---------------------------------------------------------------- questions and plain descriptions


def test_discussion_questions_cite_with_references_that_render_compactly(site):
    themes = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
              for p in (ROOT / "content" / "themes").glob("*.md")}
    assert all("¶" not in q for t in themes.values() for q in t.get("questions", [])), "a ¶ written as plain text"
    page = parse_file(site.file("themes/sanctions/index.html"))
    first = page.find("section", "questions").find("li")
    assert first.text().startswith("According to Wallander (¶\u00a023), what was the Jackson-Vanik Amendment")
    link = first.find("a", "cite")
    assert link.attrs["href"] == "/essays/wallander-2003/#p23"
    assert link.attrs["aria-label"] == "Wallander, “Between Realism and Reality”, ¶ 23"
    reading = parse_file(site.file("themes/sanctions/reading/index.html"))
    assert "According to Wallander (¶\u00a023)" in reading.find("main").text()


@pytest.mark.parametrize("slug, ending", [("crimea", "are mentioned in (“Where to Now?”, ¶ 7)."),
                                           ("treaty-of-moscow", "compare the “deep cuts” agreement of "
                                                                "(Wallander, “Between Realism and Reality”, ¶ 9).")])
def test_a_description_shown_as_plain_text_keeps_its_references(site, slug, ending):
    description = yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))[slug]["description"]
    assert description.rstrip().endswith("]].")  # it ends on a reference, which used to be dropped
    tips, terms = set(), set()
    for path in sorted(site.path.glob("**/index.html")):
        page = parse_file(path)
        tips |= {a.attrs["title"] for a in page.find_all("a", "term", href=f"/glossary/{slug}/") if "title" in a.attrs}
        for dt in page.find_all("dt"):
            if dt.find("a", href=f"/glossary/{slug}/") and dt.parent.find("dd"):
                terms.add(dt.parent.find("dd").text())
    assert tips and all(t.endswith(ending) for t in tips), tips
    assert terms and all(t.endswith(ending) for t in terms), terms


def test_the_feed_summaries_keep_the_words_their_references_show(project, tmp_path):
    path = project / "content" / "essays" / "yu-sui-2021.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("extension of New START agreed", "extension of [[g:new-start]] agreed", 1), encoding="utf-8")
    run = run_build(project, "--no-search", "--url", "https://example.org/", "--out", str(tmp_path / "site"))
    assert run.code == 0, run.stderr
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "Starting from the five-year extension of New START agreed on 26 January" in feed
