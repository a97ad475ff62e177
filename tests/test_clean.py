"""The cleaner, rule by rule: first on small inline strings, then on the five real seeds."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from crosscut.clean import (Overrides, clean_inline, clean_text, join_text, plain_key,
                            smart_quotes)
from crosscut.essays import number_blocks
from crosscut.header import parse_date

from conftest import ROOT, copy_project, essay_metadata, seed_text

SLUGS = ("wallander-2003", "troitskiy-2013", "where-to-now-2021", "yu-sui-2021", "mankoff")
BODY = ("The first paragraph of the body is long enough to count as prose rather than as a short header line. ")


@lru_cache(maxsize=None)
def cleaned(slug: str):
    """clean_text on a real seed, with the overrides its metadata file sets."""
    sets = {k: frozenset(v) for k, v in (essay_metadata()[slug].get("cleaning") or {}).items()}
    return clean_text(seed_text(slug), Overrides(**sets))


def seed_lines(slug: str) -> list[str]:
    return seed_text(slug).splitlines()


def line_of(slug: str, fragment: str) -> int:
    """1-based number of the only seed line containing `fragment`."""
    found = [n for n, line in enumerate(seed_lines(slug), 1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found} of the {slug} seed"
    return found[0]


def paragraphs(slug: str) -> list[str]:
    return [b.text for b in cleaned(slug).blocks if b.kind == "paragraph"]


def body_key(slug: str) -> str:
    return " | ".join(plain_key(b.text) for b in cleaned(slug).blocks)


def typographic(text: str) -> str:
    return smart_quotes(text)


# ================================================================ inline rules


@pytest.mark.parametrize("raw, expected", [
    ("[Jeffrey Mankoff](#) is a Fellow", "Jeffrey Mankoff is a Fellow"),
    ("By [Mikhail Troitskiy](#)", "By Mikhail Troitskiy"),
    ("see [the report](https://example.org/r?a=1) now", "see the report now"),
    ("![A map of Europe](map.png)", "A map of Europe"),
    ("<https://www.example.org/a-b>", "https://www.example.org/a-b"),
    ("investment in Russia is only \\$6 billion.", "investment in Russia is only $6 billion."),
    ("the *Russia and Eurasia program* and **bold** and _under_", "the Russia and Eurasia program and bold and under"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("to establish\u00a0 a strategic  partnership", "to establish a strategic partnership"),
    ("  padded\u202fwith\u2007odd\u200bspaces\t ", "padded with odd spaces"),
    ("The  Moscow Times", "The Moscow Times"),
    ("well-known U.S.-Russia ties since 9-11—and after", "well-known U.S.-Russia ties since 9-11—and after"),
])
def test_clean_inline_repairs_residue_without_changing_words(raw, expected):
    assert clean_inline(raw) == expected


def test_escaped_emphasis_markers_stay_literal():
    """A backslash-escaped star is a star in the text, not the start of emphasis."""
    assert clean_inline("footnote\\* and a \\*literal\\* star, 5 \\- 3") == "footnote* and a *literal* star, 5 - 3"


@pytest.mark.parametrize("raw, expected", [
    ('was thus "forgiven."', "was thus “forgiven.”"),
    ("Russia's calls", "Russia’s calls"),
    ("a 'quoted' word", "a ‘quoted’ word"),
    ('("a") and —"b"', "(“a”) and —“b”"),
    ('"There are areas," she said.', "“There are areas,” she said."),
    ("already “typographic” and ’right’", "already “typographic” and ’right’"),
])
def test_smart_quotes(raw, expected):
    assert smart_quotes(raw) == expected


@pytest.mark.parametrize("text, iso", [
    ("December 05, 2013", "2013-12-05"),
    ("Apr 06, 2021", "2021-04-06"),
    ("5 March 2024", "2024-03-05"),
    ("Sept. 9, 2020", "2020-09-09"),
    ("March 2024", "2024-03"),
    ("2024-03-05", "2024-03-05"),
    ("  December 05, 2013  ", "2013-12-05"),
    ("Professor, China Center for Contemporary World Studies", ""),
    ("2013", ""),
    ("December 45, 2013", ""),
    ("2024-13-01", ""),
    ("31 February 2021", ""),  # no such day
    ("June 31, 2020", ""),  # no such day
    # labels and times that web pages set around the date
    ("Published: March 5, 2024", "2024-03-05"),
    ("Posted on 5 March 2024", "2024-03-05"),
    ("First published on 5 March 2024, 09:15 GMT", "2024-03-05"),
    ("March 5, 2024 | 10:30 AM", "2024-03-05"),
    ("Date: 2024-03-05", "2024-03-05"),
    ("Updated: 2024-03-05", ""),  # when it was changed, not when it came out
    ("Published in March 2024 by Foreign Affairs", ""),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_join_text_mends_a_word_hyphenated_across_a_break():
    assert join_text("stake in the relation-", "ship will grow", "no other spelling") == "stake in the relationship will grow"


def test_join_text_keeps_a_hyphen_the_text_spells_elsewhere():
    source = "a short-term view ... the short-\n\nterm view"
    assert join_text("the short-", "term view", source) == "the short-term view"


def test_join_text_joins_plain_halves_with_a_space():
    assert join_text("could support a diversification in", "energy resources", "") == \
        "could support a diversification in energy resources"


def test_page_break_join_and_hyphen_join_in_clean_text():
    text = (f"Title\n\n{BODY}As trade grows, US interests and stake in the relation-\n\n"
            "ship will grow as well, and so will the support at home for a partnership that is\n\n"
            "rooted in commerce as much as in security.\n")
    blocks = clean_text(text).blocks
    assert [b.text for b in blocks] == [
        BODY + "As trade grows, US interests and stake in the relationship will grow as well, and so will the "
               "support at home for a partnership that is rooted in commerce as much as in security."]
    assert blocks[0].lines == (3, 5, 7)


def test_complete_sentences_are_not_joined():
    text = f"Title\n\n{BODY}\n\nsecond paragraph starts in lower case but the first one ended with a full stop.\n"
    assert len(clean_text(text).blocks) == 2


@pytest.mark.parametrize("line", [
    "Language : English 简体 繁體", "You might also like", "Back to Top", "Share this article", "Share",
    "Tags: arms control, diplomacy", "Related posts", "Read more", "Subscribe now", "Skip to main content",
    "Share on Twitter | Share on Facebook", "Share via email", "Photo: Reuters/Maxim Shemetov",
    "Image credit: Kremlin press service",
])
def test_chrome_lines_are_dropped(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n\n{BODY}\n")
    assert [b.text for b in result.blocks] == [BODY.strip(), BODY.strip()]
    assert [(r.line, r.reason) for r in result.removed] == [(5, "chrome")]


@pytest.mark.parametrize("line", [
    "Print media in Russia remain under close watch of the state, and few editors dare to cross it.",
    "Share prices fell in Moscow the day the sanctions were announced, and the rouble fell with them.",
    "Share on the world market is what Gazprom fears losing most, and Washington knows it well.",
])
def test_sentences_that_start_like_chrome_are_kept(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n")
    assert [b.text for b in result.blocks] == [BODY.strip(), line]


@pytest.mark.parametrize("line", ["12", "- 12 -", "Page 7", "Page 7 of 30", "— 104 —"])
def test_print_page_numbers_are_dropped(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n\n{BODY}\n")
    assert [b.text for b in result.blocks] == [BODY.strip(), BODY.strip()]
    assert [(r.line, r.reason) for r in result.removed] == [(5, "page number")]


def test_a_sentence_cut_by_a_page_break_joins_across_its_page_number():
    text = ("Title\n\nThe two countries agreed long ago, after many years of talks, on a diversification in\n\n12\n\n"
            "energy resources that both of them wanted for their own reasons.\n")
    assert [b.text for b in clean_text(text).blocks] == [
        "The two countries agreed long ago, after many years of talks, on a diversification in energy resources "
        "that both of them wanted for their own reasons."]


@pytest.mark.parametrize("line", ["2003", "1991–2021", "12 years later, nothing had changed between them."])
def test_numbers_that_are_not_page_numbers_are_kept(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n")
    assert [b.text for b in result.blocks][-1] == line


def test_rules_are_dropped():
    result = clean_text(f"Title\n\n---\n\n{BODY}\n\n* * *\n\n{BODY}\n\n___\n")
    assert [b.text for b in result.blocks] == [BODY.strip(), BODY.strip()]
    assert {r.reason for r in result.removed} == {"rule"}


def test_related_posts_block_is_dropped_whole():
    """A 'Related posts' label and the list of titles under it are chrome, and the bio above stays a note."""
    text = (f"Arms Control After the Treaties\n\nBy Jane Doe\n\n{BODY}\n\n"
            "Jane Doe is a senior fellow at the Institute for Strategic Studies.\n\n"
            "Related posts\nWhy Inspections Matter\nThe Long Shadow of the INF Treaty\n")
    result = clean_text(text)
    assert [b.text for b in result.blocks] == [BODY.strip()]
    assert [(n.kind, n.text) for n in result.notes] == [
        ("bio", "Jane Doe is a senior fellow at the Institute for Strategic Studies.")]


@pytest.mark.parametrize("byline, expected", [
    # a title and an institution after a comma describe the author; they are not two more authors
    ("By Anna Smith, Senior Fellow, Example Institute", [("Anna Smith", "Senior Fellow, Example Institute")]),
    ("By Jane Doe, John Roe", [("Jane Doe", ""), ("John Roe", "")]),
    ("By Anna Smith, Example Institute and Bo Li", [("Anna Smith", "Example Institute"), ("Bo Li", "")]),
    ("By Jeffrey Mankoff, Center for Strategic and International Studies",
     [("Jeffrey Mankoff", "Center for Strategic and International Studies")]),
    ("By Jane Doe, Example University, and John Roe, Other College",
     [("Jane Doe", "Example University"), ("John Roe", "Other College")]),
])
def test_a_byline_tells_authors_from_their_affiliations(byline, expected):
    result = clean_text(f"Arms Control After the Treaties\n\n{byline}\n\n{BODY}\n")
    assert [(a.name, a.affiliation) for a in result.authors] == expected


def test_section_label_above_the_title_is_dropped():
    result = clean_text(f"Conflict and Leadership\nWhere to Now?\n\n{BODY}\n")
    assert result.title == "Where to Now?"
    assert [(r.line, r.reason) for r in result.removed] == [(1, "section label")]


def test_header_is_read():
    result = clean_text(f"Arms Control After the Treaties\n\nBy Jane Doe and John Roe\n\n5 March 2024\n\n{BODY}\n")
    assert result.title == "Arms Control After the Treaties"
    assert [(a.name, a.affiliation) for a in result.authors] == [("Jane Doe", ""), ("John Roe", "")]
    assert result.date == "2024-03-05"
    assert [b.text for b in result.blocks] == [BODY.strip()]


def test_tail_notes_are_peeled_off():
    text = (f"Title\n\n{BODY}\n\nJane Doe is a professor at the University of Leeds. "
            "This essay is part of the Future of Arms Control series.\n\n"
            "The views expressed are the author's own and do not reflect the position of Example Review.\n\n"
            "Original url: <https://example.org/essay>\n")
    result = clean_text(text)
    assert [b.text for b in result.blocks] == [BODY.strip()]
    assert [(n.kind, n.text) for n in result.notes] == [
        ("bio", "Jane Doe is a professor at the University of Leeds."),
        ("series", "This essay is part of the Future of Arms Control series."),
        ("disclaimer", "The views expressed are the author’s own and do not reflect the position of Example Review."),
    ]
    assert result.series == "Future of Arms Control"
    assert result.url == "https://example.org/essay"
    assert result.outlet == "Example Review"


def test_pull_quote_repeating_a_body_sentence_is_removed():
    quote = "Reality, however, just keeps getting in the way."
    text = f"Title\n\n{BODY}\n\n*{quote}*\n\nRealism might recommend a partnership. {quote} So it goes on.\n"
    result = clean_text(text)
    assert [b.text for b in result.blocks] == [BODY.strip(), f"Realism might recommend a partnership. {quote} So it goes on."]
    assert [(r.line, r.reason) for r in result.removed] == [(5, "pull quote")]


def test_italic_line_that_repeats_nothing_is_kept():
    text = f"Title\n\n{BODY}\n\n*An italic sentence that the body does not repeat anywhere else at all.*\n\n{BODY}\n"
    texts = [b.text for b in clean_text(text).blocks]
    assert "An italic sentence that the body does not repeat anywhere else at all." in texts


# ---------------------------------------------------------------- overrides

OVERRIDE_TEXT = (
    "Title\n\n"  # 1
    f"{BODY}\n\n"  # 3
    "Read more\n\n"  # 5: chrome by its look
    "The administration\n\n"  # 7: ends mid-sentence
    "sought Russian acceptance of its preferred policies on missile defense and a lot more besides.\n\n"  # 9
    "A complete paragraph that ends with a full stop and is long enough to be prose.\n\n"  # 11
    "And a second one that the maintainer says continues the paragraph above it.\n"  # 13
)


def texts_with(**overrides) -> list[str]:
    return [b.text for b in clean_text(OVERRIDE_TEXT, Overrides(**{k: frozenset(v) for k, v in overrides.items()})).blocks]


def test_overrides_default_behaviour():
    assert texts_with() == [
        BODY.strip(),
        "The administration sought Russian acceptance of its preferred policies on missile defense and a lot more besides.",
        "A complete paragraph that ends with a full stop and is long enough to be prose.",
        "And a second one that the maintainer says continues the paragraph above it.",
    ]


def test_override_drop_lines():
    result = clean_text(OVERRIDE_TEXT, Overrides(drop_lines=frozenset({11})))
    assert "A complete paragraph that ends with a full stop and is long enough to be prose." not in [b.text for b in result.blocks]
    assert (11, "override") in [(r.line, r.reason) for r in result.removed]


def test_override_keep_lines():
    assert texts_with(keep_lines=[5])[1] == "Read more"


def test_override_join_after():
    assert texts_with(join_after=[11])[-1] == (
        "A complete paragraph that ends with a full stop and is long enough to be prose. "
        "And a second one that the maintainer says continues the paragraph above it.")


def test_override_no_join_after():
    assert texts_with(no_join_after=[7])[1:3] == [
        "The administration",
        "sought Russian acceptance of its preferred policies on missile defense and a lot more besides."]


def test_overrides_in_metadata_reach_the_cleaner(tmp_path):
    from crosscut.problems import Problems
    from crosscut.seeds import read_essays
    root = copy_project(tmp_path / "project")
    meta = root / "content" / "essays" / "yu-sui-2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "cleaning:\n  drop_lines: [12]\n  no_join_after: [14]\n",
                    encoding="utf-8")
    problems = Problems(root)
    raw = next(r for r in read_essays(root, problems) if r.meta.slug == "yu-sui-2021")
    assert not problems.items
    assert raw.meta.overrides == Overrides(drop_lines=frozenset({12}), no_join_after=frozenset({14}))


# ================================================================ the real seeds


def test_language_switcher_and_trailing_chrome_dropped():
    slug = "yu-sui-2021"
    chrome = ["Language : English 简体 繁體", "You might also like", "Back to Top"]
    removed = {r.line: r.reason for r in cleaned(slug).removed}
    for text in chrome:
        assert removed.get(line_of(slug, text)) == "chrome", text
        assert plain_key(text) not in body_key(slug)
    assert paragraphs(slug)[-1].startswith("Third, confrontation only leads the United States and Russia to a dead end")


def test_section_label_dropped():
    slug = "where-to-now-2021"
    line = line_of(slug, "Conflict and Leadership")
    assert (line, "section label") in [(r.line, r.reason) for r in cleaned(slug).removed]
    assert cleaned(slug).title == "US-Russian Relations: Where to Now?"
    assert "conflict and leadership" not in body_key(slug)


@pytest.mark.parametrize("slug", SLUGS)
def test_stray_rules_dropped(slug):
    rules = [n for n, line in enumerate(seed_lines(slug), 1) if line.strip() == "---"]
    removed = {r.line: r.reason for r in cleaned(slug).removed}
    assert all(removed.get(n) == "rule" for n in rules)
    assert not any(re.fullmatch(r"[-*_\s]+", b.text) for b in cleaned(slug).blocks)


# what each seed says after its body, as it says it (typographic quotes, link syntax gone)
NOTES = {
    "wallander-2003": [
        ("bio", "CELESTE A. WALLANDER is the director of the Russia and Eurasia program and a senior fellow "
                "at the Center for Strategic and International Studies.")],
    "troitskiy-2013": [
        ("bio", "Mikhail Troitskiy is an associate professor at the Moscow State Institute of International Relations."),
        ("series", "This post is part of the Perspectives on Peace and Security: Rebuilding the U.S.-Russia "
                   "Relationship project produced by Carnegie Corporation of New York, in partnership with the "
                   "Carnegie Moscow Center."),
        ("disclaimer", "The views expressed in opinion pieces do not necessarily reflect the position of The Moscow Times."),
    ],
    "where-to-now-2021": [
        ("disclaimer", "Views expressed are of individual Members and Contributors, rather than the Club’s, unless "
                       "explicitly stated otherwise.")],
    "yu-sui-2021": [],
    "mankoff": [
        ("bio", "Jeffrey Mankoff is a Fellow and Deputy Director of the Russia and Eurasia Program at the Center "
                "for Strategic and International Studies."),
        ("series", "This post is part of the Perspectives on Peace and Security: Rebuilding the U.S.–Russia "
                   "Relationship project produced by Carnegie Corporation of New York."),
    ],
}


@pytest.mark.parametrize("slug", SLUGS)
def test_publisher_notes_and_bio_are_notes_not_body(slug):
    assert [(n.kind, n.text) for n in cleaned(slug).notes] == NOTES[slug]
    for _, text in NOTES[slug]:
        assert plain_key(text)[:40] not in body_key(slug)


def test_byline_glitch_repaired_in_bio():
    raw_bio = next(line for line in seed_lines("wallander-2003") if " is the director of " in line)
    assert raw_bio.startswith("CELESTEA. WALLANDER")  # the glitch is in the seed
    bio = next(n.text for n in cleaned("wallander-2003").notes if n.kind == "bio")
    assert bio.startswith("CELESTE A. WALLANDER is the director")
    assert "CELESTEA" not in bio


# Wallander's italic lines between rules, and its italic epigraph under the title
PULL_QUOTES = [
    "If only realism could prevail, one is tempted to hope, the United States and Russia could work together "
    "to meet their common interests in security, stability, and prosperity.",
    "Reality, however, just keeps getting in the way.",
    "The problem with a US–Russian strategic partnership is not at the strategic level, but within the "
    "competing domestic interests, divergent domestic views, and mismatched political and economic systems.",
    "The Bush administration came into office articulating a clear realist premise for its foreign policy, "
    "particularly toward Russia.",
]


def test_wallander_pull_quotes_are_in_the_seed_twice():
    text = plain_key(seed_text("wallander-2003"))
    for sentence in PULL_QUOTES:
        assert text.count(plain_key(sentence)) == 2, sentence


@pytest.mark.parametrize("sentence", PULL_QUOTES)
def test_pull_quotes_removed_so_each_sentence_is_once_in_the_body(sentence):
    assert body_key("wallander-2003").count(plain_key(sentence)) == 1
    assert plain_key(sentence) not in plain_key(cleaned("wallander-2003").subtitle)


def test_pull_quote_lines_recorded_as_removed():
    italic = [n for n, line in enumerate(seed_lines("wallander-2003"), 1) if re.fullmatch(r"\*.+\*", line.strip())]
    assert len(italic) == 3
    removed = {r.line: r.reason for r in cleaned("wallander-2003").removed}
    assert [removed.get(n) for n in italic] == ["pull quote"] * 3


# the last words before a page break and the first after it, as the seed has them
PAGE_BREAKS = [
    ("a diversification in", "energy resources that might reduce"),
    ("and wield", "one of Russia's few remaining great power instruments"),
    ("The administration", "sought Russian acceptance of its preferred policies"),
    ("has to embrace the realities of the", "twenty-first century. The sense that many observers"),
]


@pytest.mark.parametrize("before, after", PAGE_BREAKS)
def test_paragraphs_split_by_page_breaks_are_joined(before, after):
    slug = "wallander-2003"
    first, second = line_of(slug, before), line_of(slug, after)
    assert seed_lines(slug)[first - 1].endswith(before) and seed_lines(slug)[second - 1].startswith(after)
    joined = [b for b in cleaned(slug).blocks if typographic(f"{before} {after}") in b.text]
    assert len(joined) == 1
    assert joined[0].lines == (first, second)
    assert not any(b.text.startswith(typographic(after)) for b in cleaned(slug).blocks)


def test_hyphenated_word_across_a_page_break_is_mended():
    slug = "wallander-2003"
    first, second = line_of(slug, "stake in the relation-"), line_of(slug, "ship will grow as well")
    blocks = [b for b in cleaned(slug).blocks if "stake in the relationship will grow as well" in b.text]
    assert len(blocks) == 1 and blocks[0].lines == (first, second)
    assert "relation-" not in body_key(slug) and "relation ship" not in body_key(slug)


@pytest.mark.parametrize("slug", SLUGS)
def test_body_blocks_keep_the_words_of_their_source_lines(slug):
    """Each block is its source lines with only spacing, quotes, markup and the hyphen join changed."""
    lines = seed_lines(slug)
    for block in cleaned(slug).blocks:
        raw = " ".join(re.sub(r"^#+\s+", "", lines[n - 1].strip()) for n in block.lines)
        raw = re.sub(r"(\w)- (\w)", r"\1\2", raw) if len(block.lines) > 1 else raw
        assert plain_words(raw.replace("\\$", "$")) == plain_words(block.text)


def plain_words(text: str) -> list[str]:
    return text.translate(str.maketrans("‘’“”", "''\"\"")).split()


@pytest.mark.parametrize("slug", sorted(set(SLUGS) - {"wallander-2003"}))
def test_no_false_joins_where_there_are_no_page_breaks(slug):
    assert all(len(b.lines) == 1 for b in cleaned(slug).blocks)


def test_link_residue_becomes_plain_text():
    assert "[Jeffrey Mankoff](#)" in seed_text("mankoff") and "[Mikhail Troitskiy](#)" in seed_text("troitskiy-2013")
    assert [a.name for a in cleaned("troitskiy-2013").authors] == ["Mikhail Troitskiy"]
    for slug in SLUGS:
        result = cleaned(slug)
        for text in [b.text for b in result.blocks] + [n.text for n in result.notes] + [result.title]:
            assert not re.search(r"\[[^\]]*\]\(", text), text


def test_escaped_dollar_is_unescaped():
    assert "\\$6 billion" in seed_text("wallander-2003")
    assert any("Cumulative US foreign direct investment in Russia is only $6 billion." in p for p in paragraphs("wallander-2003"))
    assert not any("\\" in b.text for slug in SLUGS for b in cleaned(slug).blocks)


@pytest.mark.parametrize("slug", SLUGS)
def test_whitespace_is_normalised(slug):
    for block in cleaned(slug).blocks:
        assert block.text == block.text.strip()
        assert "  " not in block.text and not re.search(r"[\u00a0\u2007\u202f\u200b\t]", block.text), block.text[:60]


def test_non_breaking_spaces_in_yu_sui_become_spaces():
    assert "establish\u00a0 a strategic" in seed_text("yu-sui-2021")
    assert any("to establish a strategic partnership" in p for p in paragraphs("yu-sui-2021"))
    assert paragraphs("yu-sui-2021")[3] == "An examination of the relationship indicates that any resetting might be characterized by three features:"


def test_double_space_in_outlet_line_normalised():
    assert "The  Moscow Times" in seed_text("troitskiy-2013")
    assert cleaned("troitskiy-2013").outlet == "The Moscow Times"


@pytest.mark.parametrize("slug", SLUGS)
def test_quotes_are_typographic(slug):
    for block in cleaned(slug).blocks:
        assert "'" not in block.text and '"' not in block.text, block.text[:60]


def test_straight_quotes_in_seeds_become_typographic():
    assert any("was thus “forgiven.”" in p for p in paragraphs("wallander-2003"))
    assert any("Russia’s calls for “respecting mutual interests”" in p for p in paragraphs("troitskiy-2013"))


def test_wallander_sections_become_headings_with_anchors():
    slug = "wallander-2003"
    expected = [line[3:].strip() for line in seed_lines(slug) if line.startswith("## ")]
    blocks = cleaned(slug).blocks
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [(t, 2) for t in expected]
    body = number_blocks(blocks)
    anchors = [h.anchor for h in body if h.kind == "heading"]
    assert anchors == [re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for t in expected]
    assert [p.number for p in body if p.kind == "paragraph"] == list(range(1, len(paragraphs(slug)) + 1))


# what each text states about itself ("" where it does not state it)
FOUND = {
    "wallander-2003": dict(title="US-Russian Relations: Between Realism and Reality",
                           authors=[("Celeste A. Wallander", "Center for Strategic and International Studies")], date="", outlet=""),
    "troitskiy-2013": dict(title="Setting Expectations Right", authors=[("Mikhail Troitskiy", "Moscow State Institute of International Relations")],
                           date="2013-12-05", outlet="The Moscow Times"),
    "where-to-now-2021": dict(title="US-Russian Relations: Where to Now?", authors=[], date="", outlet=""),
    "yu-sui-2021": dict(title="Will U.S.-Russia Stalemate Ever End?",
                        authors=[("Yu Sui", "Professor, China Center for Contemporary World Studies")],
                        date="2021-04-06", outlet=""),
    "mankoff": dict(title="Stop having unrealistic expectations",
                    authors=[("Jeffrey Mankoff", "Center for Strategic and International Studies")], date="", outlet=""),
}


@pytest.mark.parametrize("slug", SLUGS)
def test_metadata_found_where_stated_and_unknown_where_not(slug):
    result, expected = cleaned(slug), FOUND[slug]
    assert result.title == expected["title"]
    assert [(a.name, a.affiliation) for a in result.authors] == expected["authors"]
    assert result.date == expected["date"]
    assert result.outlet == expected["outlet"]
    assert result.subtitle == ""


def test_troitskiy_series_and_url_found():
    result = cleaned("troitskiy-2013")
    url = re.search(r"<(https://[^>]+)>", seed_text("troitskiy-2013")).group(1)
    assert result.url == url
    assert result.series == "Perspectives on Peace and Security: Rebuilding the U.S.-Russia Relationship"


def test_every_slug_has_a_seed():
    assert set(SLUGS) <= set(essay_metadata())
    for slug in SLUGS:
        assert (ROOT / "seeds" / essay_metadata()[slug]["source"]).is_file()


def test_affiliation_is_read_from_the_bio_when_the_byline_has_none():
    text = (f"After the Treaties\n\nBy Jane Doe and John Roe\n\n{BODY}\n\n"
            "Jane Doe is a senior fellow at the Institute for Strategic Studies. "
            "John Roe is a lecturer at the University of Somewhere.\n")
    result = clean_text(text)
    assert [(a.name, a.affiliation) for a in result.authors] == [
        ("Jane Doe", "Institute for Strategic Studies"), ("John Roe", "University of Somewhere")]


def test_no_affiliation_is_invented_when_the_bio_names_no_place():
    result = clean_text(f"After the Treaties\n\nBy Jane Doe\n\n{BODY}\n\nJane Doe is a writer.\n")
    assert [(a.name, a.affiliation) for a in result.authors] == [("Jane Doe", "")]
