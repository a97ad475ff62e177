"""No word of an essay is lost: the raw seed's body words against the words of the rendered page.

For each seed the expectations below say, line by line, what is not body text: site chrome
(rules, switchers, labels), the header lines (title, byline, date, outlet), pull quotes that
repeat a body sentence, and the notes after the body. Every other non-blank line is body, and
its words must come out on the page, in order, as paragraphs and section headings; the notes
must come out as notes. The only change allowed inside the body is the mended hyphen join.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pytest

from conftest import seed_text
from htmltext import read_essay_page


@dataclass(frozen=True)
class Expect:
    chrome: tuple[int, ...] = ()  # lines dropped as site chrome or rules
    header: tuple[int, ...] = ()  # title, byline, affiliation, date, outlet lines
    pull_quotes: tuple[int, ...] = ()  # italic lines that repeat a body sentence
    notes: tuple[int, ...] = ()  # bio, series and disclaimer lines, shown as notes
    note_kinds: tuple[str, ...] = ()  # the kinds of note the page shows, in order
    source_url: int | None = None  # the line giving the original's address
    hyphen_joins: tuple[tuple[str, str], ...] = ()  # ("relation-", "ship"): one word split by a page break
    note_repairs: dict[str, str] = field(default_factory=dict)  # raw -> repaired text inside notes


EXPECT = {
    "wallander-2003": Expect(
        chrome=(3, 5, 25, 27, 31, 33, 63, 65, 69, 71, 119),
        header=(7, 11),
        pull_quotes=(9, 29, 67),
        notes=(121,), note_kinds=("bio",),
        hyphen_joins=(("relation-", "ship"),),
        note_repairs={"CELESTEA. WALLANDER": "CELESTE A. WALLANDER"},
    ),
    "troitskiy-2013": Expect(
        header=(3, 5, 7, 9),
        notes=(25, 27), note_kinds=("bio", "series", "disclaimer"),
        source_url=29,
    ),
    "where-to-now-2021": Expect(
        chrome=(1,),
        header=(2,),
        notes=(34,), note_kinds=("disclaimer",),
    ),
    "yu-sui-2021": Expect(
        chrome=(1, 58, 59),
        header=(3, 5, 6, 8),
    ),
    "mankoff": Expect(
        header=(3, 5),
        notes=(11, 13), note_kinds=("bio", "series"),
    ),
}
SLUGS = sorted(EXPECT)


def normalise(text: str) -> str:
    """Lower case, straight quotes, no Markdown link/emphasis/heading syntax, no backslash escapes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    text = re.sub(r"(?<![\w\\])[*_]{1,3}|(?<!\\)[*_]{1,3}(?!\w)", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return text.translate(str.maketrans("‘’“”", "''\"\"")).lower()


def words(text: str) -> list[str]:
    return normalise(text).split()


def raw_lines(slug: str) -> dict[int, str]:
    """Non-blank seed lines by number."""
    return {n: line for n, line in enumerate(seed_text(slug).splitlines(), 1) if line.strip()}


def apply_joins(tokens: list[str], joins) -> list[str]:
    for head, tail in joins:
        at = [i for i in range(len(tokens) - 1) if tokens[i] == head.lower() and tokens[i + 1].startswith(tail.lower())]
        assert len(at) == 1, f"expected the split word {head}{tail} once in the raw body, found it at {at}"
        i = at[0]
        tokens[i:i + 2] = [head[:-1].lower() + tokens[i + 1]]
    return tokens


def first_difference(expected: list[str], actual: list[str]) -> str:
    """Describe where two word lists part, with some context, for a readable failure."""
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=expected, b=actual, autojunk=False).get_opcodes():
        if op != "equal":
            before = " ".join(expected[max(0, a1 - 8):a1])
            return (f"{op} at raw word {a1}: after '…{before}'\n"
                    f"  raw body has:  {' '.join(expected[a1:a2])[:300]!r}\n"
                    f"  rendered has:  {' '.join(actual[b1:b2])[:300]!r}")
    return "no difference"


@pytest.fixture(scope="module")
def pages(site):
    return {slug: read_essay_page(site.essay(slug)) for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_body_word_is_on_the_page_in_order(slug, pages):
    e, lines = EXPECT[slug], raw_lines(slug)
    skip = set(e.chrome + e.header + e.pull_quotes + e.notes + ((e.source_url,) if e.source_url else ()))
    expected = apply_joins([w for n, line in lines.items() if n not in skip for w in words(line)], e.hyphen_joins)
    rendered = [w for _, _, text in pages[slug].body for w in words(text)]
    assert rendered == expected, first_difference(expected, rendered)


@pytest.mark.parametrize("slug", SLUGS)
def test_notes_are_on_the_page_as_notes(slug, pages):
    e, lines = EXPECT[slug], raw_lines(slug)
    raw = " ".join(lines[n] for n in e.notes)
    for glitch, repair in e.note_repairs.items():
        assert glitch in raw
        raw = raw.replace(glitch, repair)
    rendered = [w for _, text in pages[slug].notes for w in words(text)]
    assert rendered == words(raw), first_difference(words(raw), rendered)
    assert tuple(kind for kind, _ in pages[slug].notes) == e.note_kinds


@pytest.mark.parametrize("slug", SLUGS)
def test_chrome_is_not_on_the_page(slug, pages):
    page_text = normalise(pages[slug].tree.find("main").text())
    for n in EXPECT[slug].chrome:
        line = normalise(raw_lines(slug)[n]).strip()
        if re.search(r"\w", line):
            assert line not in page_text, f"line {n}: {line!r}"


@pytest.mark.parametrize("slug", [s for s in SLUGS if EXPECT[s].pull_quotes])
def test_pull_quote_sentences_are_in_the_body_exactly_once(slug, pages):
    # a pull quote is a copy: compare by words only, since it may set a dash or quote differently
    key = lambda text: " ".join(re.findall(r"\w+", normalise(text)))  # noqa: E731
    body = " | ".join(key(text) for _, _, text in pages[slug].body)
    for n in EXPECT[slug].pull_quotes:
        quote = raw_lines(slug)[n].strip().strip("*")
        for sentence in re.split(r"(?<=[.!?])\s+", quote):
            sentence = key(sentence)
            assert body.count(sentence) == 1, f"line {n}: {sentence!r} is in the body {body.count(sentence)} times"


def test_original_address_is_the_link_under_original(pages):
    line = raw_lines("troitskiy-2013")[EXPECT["troitskiy-2013"].source_url]
    url = re.search(r"https?://[^>\s]+", line).group(0)
    assert pages["troitskiy-2013"].original_href == url
