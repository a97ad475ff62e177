"""Adding a sixth essay with nothing but `source:` in its metadata: the cleaner's findings reach the page,
and the build says what it could not determine."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from crosscut.clean import clean_text

from conftest import FIXTURES, run_build, snapshot
from htmltext import parse_file, read_essay_page

FAILED = "build failed; site/ was left as it was"

# tests/fixtures/doe-roe-2024.txt, read by a person: chrome that none of the five seeds has
# (share line, tags, a related-posts block), a two-author byline, a day-month-year date,
# a bio at the end, and no outlet anywhere.
DOE_ROE = dict(
    title="Arms Control After the Treaties",
    authors=("Jane Doe", "John Roe"),
    date="5 March 2024", datetime="2024-03-05",
    body=[
        "When the last bilateral treaty between Washington and Moscow expires, the two capitals will for the first "
        "time in half a century have no agreed limits on their strategic forces. Nobody should pretend that this is "
        "a small change.",
        "The habit of counting each other’s warheads did more than cap numbers. It gave both militaries a reason to "
        "talk, a shared vocabulary and a record of inspections that neither side could easily dismiss as “propaganda.”",
        "Without it, each side will plan against the worst case it can imagine. The result is likely to be a slow "
        "build-up that neither government wants and neither can stop on its own.",
        "There is still time to agree on modest steps: an exchange of data, a joint statement that a nuclear war "
        "cannot be won, and a standing channel between the two general staffs.",
    ],
    notes=[("bio", "Jane Doe is a senior fellow at the Institute for Strategic Studies. "
                   "John Roe is a lecturer at the University of Leeds.")],
    chrome=["Share this article", "Tags: arms control, New START, diplomacy", "Related posts",
            "Why Inspections Matter", "The Long Shadow of the INF Treaty"],
)


def add_essay(project: Path, name: str) -> str:
    """Put a fixture seed into the project with a metadata file holding only `source:`; return the slug."""
    shutil.copy(FIXTURES / f"{name}.txt", project / "seeds" / f"{name}.txt")
    (project / "content" / "essays" / f"{name}.yml").write_text(f"source: {name}.txt\n", encoding="utf-8")
    return name


def warning(slug: str, what: str, key: str, example: str) -> str:
    return (f"content/essays/{slug}.yml: warning: no {what} found in seeds/{slug}.txt; shown as unknown\n"
            f"    fix: set '{key}: {example}' in content/essays/{slug}.yml (or '{key}: unknown' to accept it)")


def problems_about(stderr: str, slug: str) -> list[str]:
    """The numbered entries of the report that concern one essay, without their numbers."""
    entries, current = [], None
    for line in stderr.splitlines():
        if line.startswith("    fix: ") and current is not None:
            entries[-1] += "\n" + line
        elif line[:1].isdigit() and ". " in line and ": " in line:
            current = line.split(". ", 1)[1]
            entries.append(current)
    return [e for e in entries if f"content/essays/{slug}.yml" in e.splitlines()[0] or f"seeds/{slug}.txt" in e.splitlines()[0]]


@pytest.fixture(scope="module")
def doe_roe(tmp_path_factory):
    """The real project plus the Doe/Roe essay, built once (with search, as a real build would be)."""
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("sixth") / "project")
    slug = add_essay(project, "doe-roe-2024")
    run = run_build(project, "--base-url", "/")
    return project, slug, run


def test_build_succeeds(doe_roe):
    _, _, run = doe_roe
    assert run.code == 0, run.stderr
    assert ": error: " not in run.stderr


def test_build_says_what_it_could_not_determine(doe_roe):
    _, slug, run = doe_roe
    assert problems_about(run.stderr, slug) == [
        warning(slug, "outlet", "outlet", '"Name of the publication"')]


def test_cleaner_finds_the_header_body_and_bio():
    result = clean_text((FIXTURES / "doe-roe-2024.txt").read_text(encoding="utf-8"))
    assert result.title == DOE_ROE["title"]
    assert tuple(a.name for a in result.authors) == DOE_ROE["authors"]
    assert result.date == DOE_ROE["datetime"]
    assert result.outlet == ""
    assert [b.text for b in result.blocks] == DOE_ROE["body"]
    assert [(n.kind, n.text) for n in result.notes] == DOE_ROE["notes"]


def test_page_shows_what_the_cleaner_found(doe_roe):
    project, slug, _ = doe_roe
    result = clean_text((project / "seeds" / f"{slug}.txt").read_text(encoding="utf-8"))
    page = read_essay_page(project / "site" / "essays" / slug / "index.html")
    assert page.title == result.title
    assert page.authors == tuple(a.name for a in result.authors)
    assert page.time.attrs.get("datetime") == result.date
    assert [text for kind, _, text in page.body if kind == "p"] == [b.text for b in result.blocks]
    assert list(page.notes) == [(n.kind, n.text) for n in result.notes]


def test_page_renders_the_essay(doe_roe):
    project, slug, _ = doe_roe
    page = read_essay_page(project / "site" / "essays" / slug / "index.html")
    assert page.title == DOE_ROE["title"]
    assert page.authors == DOE_ROE["authors"]
    assert page.affiliations == ("Institute for Strategic Studies", "University of Leeds")  # read from the bio
    assert page.time.text() == DOE_ROE["date"]
    assert page.time.attrs.get("datetime") == DOE_ROE["datetime"]
    assert page.facts["Outlet"] == "unknown"
    assert page.facts["Original"] == "address unknown"
    assert list(page.notes) == DOE_ROE["notes"]
    assert [(kind, anchor) for kind, anchor, _ in page.body] == [("p", f"p{n}") for n in range(1, len(DOE_ROE["body"]) + 1)]
    assert [text for _, _, text in page.body] == DOE_ROE["body"]


def test_chrome_of_the_sixth_essay_is_not_on_its_page(doe_roe):
    project, slug, _ = doe_roe
    text = parse_file(project / "site" / "essays" / slug / "index.html").find("main").text()
    for line in DOE_ROE["chrome"]:
        assert line not in text, line


def test_sixth_essay_is_listed_in_date_order(doe_roe):
    project, slug, _ = doe_roe
    home = parse_file(project / "site" / "index.html")
    hrefs = [a.attrs["href"] for card in home.find_all("article", "essay-card") for a in card.find("h3").find_all("a")]
    assert f"/essays/{slug}/" in hrefs
    # 2024 is after every dated essay of the collection, and before the undated one
    assert hrefs.index(f"/essays/{slug}/") == hrefs.index("/essays/yu-sui-2021/") + 1
    assert hrefs[-1] == "/essays/mankoff/"
    table = parse_file(project / "site" / "essays" / "index.html")
    assert f"/essays/{slug}/" in [a.attrs["href"] for a in table.find("table").find_all("a")]


# ---------------------------------------------------------------- a print layout saved as text

def test_cleaner_reads_a_print_layout_it_has_not_seen():
    # tests/fixtures/smith-2020-print.txt: a byline with the author's title and institution, a labelled
    # date with a time, a photo credit, a page number inside a sentence, and share buttons
    result = clean_text((FIXTURES / "smith-2020-print.txt").read_text(encoding="utf-8"))
    assert result.title == "The Long Thaw: Why Détente Keeps Failing"
    assert [(a.name, a.affiliation) for a in result.authors] == [("Anna Smith", "Senior Fellow, Example Institute")]
    assert result.date == "2020-01-05" and result.subtitle == ""
    assert [b.text for b in result.blocks] == [
        "Détente between Washington and Moscow has been tried three times. Each time it collapsed within a decade, "
        "and each time both sides blamed the other for the collapse.",
        "The first attempt, in the 1970s, foundered on Soviet adventurism in Africa and on a Congress that would not "
        "grant trade concessions without freer emigration. The second attempt, after the Cold War, lasted until NATO "
        "enlargement and the war in Chechnya wore it down. The third, the reset of 2009, did not survive the return "
        "of Putin to the Kremlin.",
    ]
    assert {r.reason for r in result.removed} == {"chrome", "page number"}


# ---------------------------------------------------------------- no author, no date


@pytest.fixture
def anonymous(project):
    slug = add_essay(project, "anonymous-undated")
    return project, slug


def test_unknown_author_and_date_are_reported_and_the_build_succeeds(anonymous):
    project, slug = anonymous
    run = run_build(project, "--no-search")
    assert run.code == 0, run.stderr
    assert problems_about(run.stderr, slug) == [
        warning(slug, "author", "authors", "[{name: Jane Doe, affiliation: Some University}]"),
        warning(slug, "date", "date", '"2021-04"'),
        warning(slug, "outlet", "outlet", '"Name of the publication"'),
    ]
    page = read_essay_page(project / "site" / "essays" / slug / "index.html")
    assert page.title == "Notes on a Frozen Relationship"
    assert page.byline.startswith("Author unknown")
    assert page.time.text() == "date unknown" and "datetime" not in page.time.attrs
    assert [text for _, _, text in page.body] == [
        "Sanctions were meant to change behaviour, yet after a decade of them both governments seem more certain "
        "than ever that the other side alone is to blame for the impasse.",
        "What the two sides still share is an interest in not stumbling into a war neither of them wants, and that "
        "interest deserves a channel of its own.",
    ]


def test_strict_turns_the_warnings_into_a_failed_build(anonymous):
    project, slug = anonymous
    good = project / "content" / "essays" / f"{slug}.yml"
    good.write_text(good.read_text(encoding="utf-8") + "authors: unknown\ndate: unknown\noutlet: unknown\n", encoding="utf-8")
    assert run_build(project, "--no-search", "--strict").code == 0  # accepted unknowns are not warnings
    before = snapshot(project / "site")
    about = project / "content" / "pages" / "about.md"  # so that a build reaching site/ would show
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence added after the last good build.\n", encoding="utf-8")
    good.write_text(f"source: {slug}.txt\n", encoding="utf-8")
    run = run_build(project, "--no-search", "--strict")
    assert run.code == 1
    assert len(problems_about(run.stderr, slug)) == 3
    assert re.search(rf"\n0 error\(s\), [0-9]+ warning\(s\)\n{FAILED}\n$", run.stderr), run.stderr
    assert snapshot(project / "site") == before
