"""The cleaner on any text: it never raises, and every line it is given ends up where a maintainer can see it.

Property-based (hypothesis), on made-up texts and on mutated real seeds. Every non-blank line must be
accounted for: in a paragraph, heading or list item, in a note, in a metadata finding, or in the
`removed` list (which `python -m crosscut.inspect` prints line by line). For lines that went into a
block, a note or the removed list, the line's own words must be there too. The examples are drawn
with a fixed seed, so a CI run is the same every time and takes a few seconds.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscut.clean import Overrides, clean_inline, clean_text

from conftest import essay_metadata, seed_text

SLUGS = sorted(essay_metadata())
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# lines that look like what pages are made of, so the rules are exercised and not just bypassed
SHAPES = [
    "By Jane Doe", "By", "and", "Author: Min-jae Park, Kestrel University", "  • Hannah Whitfield 0", "5 March 2024",
    "Published on 21 October 2022 | site.org", "14.05.2007", "Opinion", "Share this article", "Tags: a, b",
    "More from the east came news.", "Leave a Reply", "3,118", "2614", "2003", "• • •", "* * *", "---", "<<", "12",
    "1. Introduction", "[2] an item", "• On", "Keywords: x, y", "Editor: A | Production Editor: B", "Read more…",
    "Jane Doe is a senior fellow at the Institute for Strategic Studies.", "The views expressed are the author's own.",
    "Original url: <https://example.org/a>", "# A title", "## A heading", "*An italic line that repeats nothing.*",
    "Mikhail \\Troitskiy", "[Mikhail \\Troitskiy](#)", "Where the thaw stalled", "Should archives be open to everyone?",
    "A fisherman repairs nets in the harbour of Constanța, Romania", "EconomyFeaturesWorldNews", "| A | B |",
    "The first paragraph of the body is long enough to count as prose rather than as a short header line.",
    "the second half of a sentence that a page break cut in two, with no capital letter at its start.",
]
WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F), min_size=1, max_size=9)
PLAIN_LINE = st.lists(st.one_of(WORDS, st.sampled_from([",", ".", ":", "?", "—", "-", "’", "\"", "(", ")"])),
                      max_size=30).map(" ".join)
LINE = st.one_of(st.sampled_from(SHAPES), PLAIN_LINE, st.text(max_size=80))
TEXT = st.lists(st.one_of(LINE, st.just("")), max_size=40).map("\n".join)


def squash(text: str) -> str:
    return "".join(re.findall(r"\w+", text.lower()))


def unaccounted(text: str, result) -> list[str]:
    """Lines that went nowhere, or whose words are not where they went."""
    where: dict[int, list[str | None]] = {}
    for block in result.blocks:
        for line in block.lines:
            where.setdefault(line, []).append(f"{block.marker} {block.text}")
    for note in result.notes:
        for line in note.lines or (note.line,):
            where.setdefault(line, []).append(note.text)
    for removed in result.removed:
        where.setdefault(removed.line, []).append(removed.text)
    for found in result.found:  # read as metadata: the line is reported, its words became a value
        for line in found.lines:
            where.setdefault(line, []).append(None)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not re.search(r"\w", clean_inline(line)):
            continue
        places = where.get(number)
        if not places:
            problems.append(f"line {number} went nowhere: {line!r}")
        elif None not in places and squash(clean_inline(line)) not in squash(" ".join(places)):
            problems.append(f"line {number}'s words are not where it went: {line!r} -> {places}")
    return problems


@FUZZ
@given(TEXT)
def test_any_text_is_cleaned_without_error_and_every_line_is_accounted_for(text):
    result = clean_text(text)
    assert unaccounted(text, result) == []


@FUZZ
@given(st.sampled_from(SLUGS), st.data())
def test_mutated_real_seeds_lose_no_line(slug, data):
    lines = seed_text(slug).splitlines()
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(lines)))
        action = data.draw(st.sampled_from(["insert", "delete", "prefix", "join", "duplicate"]))
        if action == "insert":
            lines.insert(at, data.draw(LINE))
        elif lines and at < len(lines):
            if action == "delete":
                del lines[at]
            elif action == "prefix":  # a body line that happens to begin like chrome
                lines[at] = data.draw(st.sampled_from(["More from ", "Follow us ", "Tags: ", "Language: ", "By ", "1. "])) + lines[at]
            elif action == "join" and at + 1 < len(lines):
                lines[at:at + 2] = [lines[at] + " " + lines[at + 1]]
            elif action == "duplicate":
                lines.insert(at, lines[at])
    text = "\n".join(lines)
    meta = essay_metadata()[slug].get("cleaning") or {}
    result = clean_text(text, Overrides(**{k: frozenset(v) for k, v in meta.items()}))
    assert unaccounted(text, result) == []


@FUZZ
@given(st.sampled_from(SLUGS), st.data(), st.sampled_from(["More from ", "Follow us ", "Tags: ", "Language: "]))
def test_a_body_paragraph_beginning_like_chrome_keeps_its_words(slug, data, prefix):
    lines = seed_text(slug).splitlines()
    long = [n for n, line in enumerate(lines) if len(line.split()) >= 25]
    at = data.draw(st.sampled_from(long))
    lines[at] = prefix + lines[at]
    result = clean_text("\n".join(lines))
    body = squash(" ".join(b.text for b in result.blocks) + " " + " ".join(n.text for n in result.notes))
    assert squash(clean_inline(lines[at])) in body
