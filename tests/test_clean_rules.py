"""The cleaner's rules for pages it was not written for, one by one on inline strings: chrome, bylines, titles,
headings, list items, overrides, and the doubts it raises when a pick could be wrong."""

from __future__ import annotations

import pytest

from crosscut.clean import Overrides, clean_text
from crosscut.header import parse_date

BODY = "The first paragraph of the body is long enough to count as prose rather than as a short header line."
MORE = "A second paragraph follows it, again long enough to be read as prose and never as a header line."


def texts(result) -> list[str]:
    return [b.text for b in result.blocks]


def doubts(result, field: str) -> list[str]:
    return [d.message for d in result.doubts if d.field == field]


def found(result, field: str) -> list[tuple[str, tuple[int, ...], str]]:
    return [(f.value, f.lines, f.rule) for f in result.found if f.field == field]


# ---------------------------------------------------------------- whole-line chrome


@pytest.mark.parametrize("line", [
    "More from The Moscow Times", "Follow us on Telegram", "Tags: sanctions, energy, diplomacy", "Language: English",
    "EconomyFeaturesEnergyPoliticsEuropeTradeWorld", "FacebookTwitterTelegram", "| U.S. Foreign Policy | Energy |",
    "Posted in Europe | 3 Comments", "341 views", "3,118", "2614", "4 min", "(Visited 212 times, 1 visits today)",
    "Get 30% off for 1 year", "Subscribe to our Youtube Channel :", "Printable PDF", "Loading Facebook Comments ...",
    "See this Amazon product in the original post", "Table of Contents", "Back to top button", "1/9",
    "Delegates leave the hall in Geneva after the second day of talks (HARBOUR PRESS)",
    "A dockworker checks a loading arm at the port. (Ivan Petrenko/Harbour Press)",
])
def test_whole_chrome_lines_are_dropped(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n\n{MORE}\n")
    assert texts(result) == [BODY, MORE]
    assert [r.line for r in result.removed] == [5]


@pytest.mark.parametrize("line", [
    "More from the east came the news that the talks had failed again, and nobody in the capital was surprised.",
    "Follow us, the minister told the delegates, and you will see how little the new rules change in practice.",
    "Tags: the word is used loosely in this debate, and nobody in either capital agrees on what it means.",
    "Language: the treaty text exists in two versions, and the lawyers still argue about which one is binding.",
    "2003",  # a year on its own line is text, not a counter
    "Subscribers to the old agreement were told in March that it would not be renewed after its third term.",
])
def test_a_line_that_only_starts_like_chrome_is_kept(line):
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n\n{MORE}\n")
    assert texts(result) == [BODY, line, MORE]


def test_a_comment_form_is_dropped_to_the_end_but_a_bio_after_it_stays_a_note():
    text = (f"Title\n\n{BODY}\n\nLeave a Reply\n\nYour email address will not be published.\n\n"
            "Jane Doe is a senior fellow at the Institute for Strategic Studies.\n")
    result = clean_text(text)
    assert texts(result) == [BODY]
    assert [(r.line, r.reason) for r in result.removed] == [(5, "chrome"), (7, "comments")]
    assert [n.kind for n in result.notes] == ["bio"]


def test_running_heads_repeated_through_a_pdf_are_dropped():
    head = "  • 8/14/2020 Beyond the Northern Reset"
    result = clean_text(f"Title\n\n{BODY}\n\n{head}\n\n{MORE}\n\n{head}\n\n{BODY} Again.\n")
    assert texts(result) == [BODY, MORE, f"{BODY} Again."]
    assert {r.reason for r in result.removed} == {"running head"}


def test_read_more_run_on_at_the_end_is_cut_and_recorded():
    result = clean_text(f"Title\n\n{BODY} Read more…\n")
    assert texts(result) == [BODY]
    assert [(r.line, r.text, r.reason) for r in result.removed] == [(3, "Read more…", "chrome")]


def test_a_caption_between_paragraphs_is_dropped_with_a_doubt():
    result = clean_text(f"Title\n\n{BODY}\n\nA fisherman repairs nets in the harbour of Constanța, Romania\n\n{MORE}\n")
    assert texts(result) == [BODY, MORE]
    assert [(r.line, r.reason) for r in result.removed] == [(5, "caption")]
    assert doubts(result, "body") and "caption" in doubts(result, "body")[0]


# ---------------------------------------------------------------- bylines and dates


@pytest.mark.parametrize("header, authors", [
    ("Author: Min-jae Park, Kestrel University", [("Min-jae Park", "Kestrel University")]),
    ("Essay by Ingrid Solberg, University of Nordvik", [("Ingrid Solberg", "University of Nordvik")]),
    ("By MARGARET ELLERY.", [("Margaret Ellery", "")]),
    ("Interviewer: Owen Hale, Campus Fellow", [("Owen Hale", "Campus Fellow")]),
    ("  • Hannah Whitfield 0", [("Hannah Whitfield", "")]),
    ("Hanna Virtanen, Professor at Lakeside University, Director of the Routes Institute\n"
     "Tomas Berg, Professor at Lakeside University, Director of the Logistics Centre",
     [("Hanna Virtanen", "Professor at Lakeside University, Director of the Routes Institute"),
      ("Tomas Berg", "Professor at Lakeside University, Director of the Logistics Centre")]),
])
def test_bylines_of_more_shapes(header, authors):
    result = clean_text(f"Arms Control After the Treaties\n\n{header}\n\n{BODY}\n")
    assert result.title == "Arms Control After the Treaties"
    assert [(a.name, a.affiliation) for a in result.authors] == authors
    assert texts(result) == [BODY]


def test_a_bare_name_under_the_title_is_the_author_with_a_doubt():
    result = clean_text(f"Finland's turn towards the Arctic\n\nKatja Rinne\n\n{BODY}\n")
    assert [a.name for a in result.authors] == ["Katja Rinne"]
    assert found(result, "author") == [("Katja Rinne", (3,), "name on a line of its own under the title")]
    assert "line holding only a name" in doubts(result, "authors")[0]


@pytest.mark.parametrize("byline, date", [
    ("By Chen Wenli  ·  2024-11-04  ·   Source: NO.45 NOVEMBER 7, 2024", "2024-11-04"),
    ("By Anna Smith, Senior Fellow, Example Institute, March 2024", "2024-03"),
    ("By Anna Smith, March 5, 2024", "2024-03-05"),
])
def test_a_date_in_the_byline_is_the_date(byline, date):
    result = clean_text(f"A pause, not a peace\n\n{byline}\n\n{BODY}\n")
    assert result.date == date
    assert result.authors[0].name == "Anna Smith" or result.authors[0].name == "Chen Wenli"
    assert all("Fellow" not in a.name and "2024" not in a.affiliation for a in result.authors)


@pytest.mark.parametrize("text, iso", [
    ("14.05.2007", "2007-05-14"), ("Saturday, March 9, 2013", "2013-03-09"), ("Jun 02, 2023 / 11:05 AM IST", "2023-06-02"),
    ("October 12, 2023 at 7:00 a.m. EDT", "2023-10-12"), ("0000-01-01", ""), ("31.02.2020", ""),
])
def test_more_date_shapes(text, iso):
    assert parse_date(text) == iso


def test_a_bio_above_the_body_gives_the_authors_with_a_doubt():
    text = (f"The grain deal still leaks\n\nMira Castell is chair of the Open Seas Initiative. Tomas Reyes is a senior "
            f"fellow at Halden University.\n\n{BODY}\n")
    result = clean_text(text)
    assert [(a.name, a.affiliation) for a in result.authors] == [("Mira Castell", "Open Seas Initiative"),
                                                                  ("Tomas Reyes", "Halden University")]
    assert [n.kind for n in result.notes] == ["bio"] and texts(result) == [BODY]
    assert len(doubts(result, "authors")) == 2


# ---------------------------------------------------------------- titles


def test_category_tags_above_the_title_are_not_the_title():
    result = clean_text(f"EconomyFeaturesEnergyPoliticsEuropeTradeWorld\n\nBerlin's Quiet Pipeline Bargain\n\n{BODY}\n")
    assert result.title == "Berlin’s Quiet Pipeline Bargain"


def test_a_newsletter_pitch_is_not_the_title_and_its_date_is_kept():
    text = (" date 2025-09-08 My newsletter is the most-read letter on Substack — recommended by over 140 other writers.\n\n"
            f"Get 30% off now to mark the new year!\n\n{BODY}\n")
    result = clean_text(text)
    assert result.title == "" and result.date == "2025-09-08"
    assert found(result, "date")[0][2] == "date in a banner line"
    assert texts(result) == [BODY]


def test_a_slogan_above_the_real_title_is_skipped_with_a_doubt():
    text = f"Truth Needs Daylight\n\nOpinion The grain deal still leaks. Here’s how to seal it.\n\nBy Jane Doe\n\n{BODY}\n"
    result = clean_text(text)
    assert result.title == "The grain deal still leaks. Here’s how to seal it."
    assert found(result, "title")[0][2].endswith("after the label 'Opinion'")
    assert any("after skipping 1 line" in m for m in doubts(result, "title"))
    assert (1, "preamble") in [(r.line, r.reason) for r in result.removed]


@pytest.mark.parametrize("title, why", [
    ("Arms control after the treaties | The Example Review", "separator"),
    ("Why sanctions fail, and how to sign up for our weekly briefing", "call to action"),
])
def test_a_doubtful_title_is_warned_about(title, why):
    result = clean_text(f"{title}\n\nBy Jane Doe\n\n{BODY}\n")
    assert result.title == title
    assert any(why in m for m in doubts(result, "title")), result.doubts


def test_a_section_label_that_is_not_a_known_word_gets_a_doubt():
    result = clean_text(f"Harbour Talk\nA pause, not a peace\nBy Chen Wenli\n\n{BODY}\n")
    assert result.title == "A pause, not a peace"
    assert any("section label" in m for m in doubts(result, "title"))
    known = clean_text(f"Opinion\nA pause, not a peace\nBy Chen Wenli\n\n{BODY}\n")
    assert known.title == "A pause, not a peace" and not doubts(known, "title")


def test_every_field_records_its_line_and_rule():
    result = clean_text(f"Arms Control After the Treaties\n\nBy Jane Doe\n\n5 March 2024\n\n{BODY}\n")
    assert found(result, "title") == [("Arms Control After the Treaties", (1,), "plain line nearest above the byline or date")
                                      ] or found(result, "title") == [("Arms Control After the Treaties", (1,), "first plain line")]
    assert found(result, "author") == [("Jane Doe", (3,), "byline 'By …'")]
    assert found(result, "date") == [("2024-03-05", (5,), "date line")]


# ---------------------------------------------------------------- the body's structure


@pytest.mark.parametrize("heading", ["Where the thaw stalled", "Deterrence by Denial", "1. Introduction", "RETURN TO REALISM"])
def test_a_short_line_between_paragraphs_is_a_heading(heading):
    result = clean_text(f"Title\n\n{BODY}\n\n{heading}\n\n{MORE}\n")
    assert [(b.kind, b.text) for b in result.blocks] == [("paragraph", BODY), ("heading", heading), ("paragraph", MORE)]
    assert not doubts(result, "body")


def test_an_unsure_heading_is_kept_with_a_doubt():
    result = clean_text(f"Title\n\n{BODY}\n\nShould archives be open to everyone?\n\n{MORE}\n")
    assert [b.kind for b in result.blocks] == ["paragraph", "heading", "paragraph"]
    assert "subheading" in doubts(result, "body")[0]
    assert [d.fix for d in result.doubts] == ["cleaning: {paragraph_lines: [5]}"]


def test_a_line_cut_by_a_page_break_is_not_a_heading():
    result = clean_text(f"Title\n\n{BODY}\n\nThe administration\n\nsought a great many things from its partners in the east.\n")
    assert [b.kind for b in result.blocks] == ["paragraph", "paragraph"]
    assert texts(result)[1] == "The administration sought a great many things from its partners in the east."


def test_numbered_and_bracketed_items_stay_list_items():
    text = f"Title\n\n{BODY}\n\n1. verification on site,\n\n2. an exchange of data, and\n\n[3] a fixed term.\n\n{MORE}\n"
    result = clean_text(text)
    assert [(b.kind, b.marker, b.text) for b in result.blocks] == [
        ("paragraph", "", BODY), ("item", "1.", "verification on site,"), ("item", "2.", "an exchange of data, and"),
        ("item", "[3]", "a fixed term."), ("paragraph", "", MORE)]


def test_a_sentence_running_through_a_list_keeps_every_word_and_is_never_joined_by_length():
    intro = "The agreement that the two governments signed in the spring of that year rests on three parts"
    text = (f"Title\n\n{BODY}\n\n{intro}\n\n1. verification on site by inspectors from both sides and from neutral states\n\n"
            "2. a fixed term\n\nwhich both sides accepted without a vote.\n")
    result = clean_text(text)
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("paragraph", BODY), ("paragraph", intro),
        ("item", "verification on site by inspectors from both sides and from neutral states"),
        ("item", "a fixed term which both sides accepted without a vote.")]


def test_a_bulleted_item_broken_after_its_first_word_is_mended():
    text = f"Title\n\n{BODY}\n\n• On\n\nseveral questions there is no shared interest at all.\n\n• • •\n\n{MORE}\n"
    result = clean_text(text)
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("paragraph", BODY), ("item", "On several questions there is no shared interest at all."), ("paragraph", MORE)]


def test_one_paragraph_per_line_without_blank_lines_stays_one_paragraph_per_line():
    long = BODY + " It goes on for a while longer so that the line is well past the width of any wrapped text."
    result = clean_text(f"Title\n\n{long}\n{long} Twice.\n{long} Thrice.\n")
    assert texts(result) == [long, f"{long} Twice.", f"{long} Thrice."]


def test_a_pull_quote_between_ellipses_is_dropped():
    quote = "the alliance should be judged by how it is used, not by how old it is"
    result = clean_text(f"Title\n\n{BODY}\n\n…{quote}…\n\nFor now, {quote}. {MORE}\n")
    assert texts(result) == [BODY, f"For now, {quote}. {MORE}"]
    assert [r.reason for r in result.removed] == ["pull quote"]


# ---------------------------------------------------------------- text is text, never a pattern


@pytest.mark.parametrize("name", ["Mikhail \\Troitskiy", "Mikhail\\ Troitskiy"])
def test_a_backslash_in_a_byline_is_text_not_a_replacement_template(name):
    """The bio's glued name is mended from the byline; the byline's text was used as a regex template (re.error)."""
    text = (f"Setting Expectations Right\n\nBy [{name}](#)\n\n{BODY}\n\n"
            "Mikhail Troitskiy is an associate professor at the Example Institute.\n")
    result = clean_text(text)
    assert [a.name for a in result.authors] == [name]
    assert [n.text for n in result.notes] == [f"{name} is an associate professor at the Example Institute."]


def test_a_hyphen_join_with_pattern_characters_does_not_raise():
    result = clean_text(f"Title\n\n{BODY} a c++-\n\nfree build of (the) tools.\n")
    assert "c++" in texts(result)[0]


# ---------------------------------------------------------------- overrides on any line of a block

WRAPPED = ("Title\n\n"
           "This paragraph was hard-wrapped by the print layout and so spans several lines of\n"  # 3
           "RUNNING HEAD OF THE JOURNAL THAT THE COPY KEPT IN THE MIDDLE OF THE TEXT OK\n"  # 4
           "the raw text, which is exactly where a maintainer wants to drop a single line of it.\n")  # 5


def test_drop_lines_drops_a_line_inside_a_wrapped_paragraph():
    result = clean_text(WRAPPED, Overrides(drop_lines=frozenset({4})))
    assert texts(result) == ["This paragraph was hard-wrapped by the print layout and so spans several lines of the raw "
                             "text, which is exactly where a maintainer wants to drop a single line of it."]
    assert (4, "override") in [(r.line, r.reason) for r in result.removed]


def test_heading_lines_and_item_lines_mark_any_line():
    text = f"Title\n\n{BODY}\n\nA perfectly ordinary sentence that the maintainer knows is a heading.\n\n{MORE}\n\nAnd one more.\n"
    result = clean_text(text, Overrides(heading_lines=frozenset({5}), item_lines=frozenset({9})))
    assert [b.kind for b in result.blocks] == ["paragraph", "heading", "paragraph", "item"]
    assert result.blocks[1].rule == "marked a heading in the metadata (heading_lines)"


def test_paragraph_lines_undo_a_heading():
    result = clean_text(f"Title\n\n{BODY}\n\nWhere the thaw stalled\n\n{MORE}\n", Overrides(paragraph_lines=frozenset({5})))
    assert [b.kind for b in result.blocks] == ["paragraph", "paragraph", "paragraph"]


def test_keep_lines_keeps_chrome_looking_text_anywhere_in_a_block():
    result = clean_text(f"Title\n\n{BODY}\n\nPrint\n\n{MORE}\n", Overrides(keep_lines=frozenset({5})))
    assert texts(result) == [BODY, "Print", MORE]


# ---------------------------------------------------------------- second round: reposts, digests, editions, widgets


@pytest.mark.parametrize("line, outlet", [
    ("Source:: Eastbrook Institution", "Eastbrook Institution"),
    ("Read Here – The Atlantic Ledger", "The Atlantic Ledger"),
    ("Originally published in The Harbour Review.", "The Harbour Review"),
])
def test_a_source_line_after_the_body_names_the_outlet_and_is_not_a_paragraph(line, outlet):
    result = clean_text(f"Managing sanctions toward Belarus\n\n{BODY}\n\n{MORE}\n\n{line}\n\nShare This\n")
    assert result.outlet == outlet
    assert texts(result) == [BODY, MORE]
    assert found(result, "outlet") == [(outlet, (7,), "source line after the body")]
    assert (7, "source line") in [(r.line, r.reason) for r in result.removed]


def test_a_sentence_that_starts_like_a_source_line_is_text():
    line = "Source: the ministry said the figures were preliminary and would be revised in the spring, after the audit."
    result = clean_text(f"Title\n\n{BODY}\n\n{line}\n")
    assert texts(result) == [BODY, line] and result.outlet == ""


def test_an_edition_note_gives_outlet_and_date_and_is_dropped_each_time():
    note = "This story is from the March 11, 2022 edition of The Northern Weekly."
    result = clean_text(f"Europe's grain corridor\n\n{BODY}\n\n{MORE}\n\n{note}\n\nSign In\n\n{note}\n")
    assert (result.outlet, result.date) == ("The Northern Weekly", "2022-03-11")
    assert texts(result) == [BODY, MORE]
    assert [(r.line, r.reason) for r in result.removed if r.reason == "edition note"] == [(7, "edition note"), (11, "edition note")]


def test_a_date_after_a_leftover_separator_is_read():
    assert parse_date("|March 11, 2022") == "2022-03-11"


def test_a_masthead_with_issue_number_date_and_address_gives_date_and_outlet():
    text = f"Centre for Northern Studies NUMBER 57 | 11.04.2016 www.cns.example.org\n\nFinland's turn north\n\n{BODY}\n"
    result = clean_text(text)
    assert (result.date, result.outlet, result.title) == ("2016-04-11", "Centre for Northern Studies", "Finland’s turn north")
    assert found(result, "outlet") == [("Centre for Northern Studies", (1,), "publisher and issue number beside the date")]


def test_a_short_paragraph_set_off_by_a_dash_under_a_dated_header_is_a_standfirst_with_a_doubt():
    lede = "The quiet roar of loaded trucks at the border crossings carries across the plain."
    result = clean_text(f"Europe's grain corridor\nThe Northern Weekly\n|March 11, 2022\n{lede}\n-\n{BODY}\n{MORE}\n")
    assert result.subtitle == lede and texts(result) == [BODY, MORE]
    assert [d.fix for d in result.doubts if d.field == "body"] == ["cleaning: {paragraph_lines: [4]}"]
    kept = clean_text(f"Europe's grain corridor\nThe Northern Weekly\n|March 11, 2022\n{lede}\n-\n{BODY}\n",
                      Overrides(paragraph_lines=frozenset({4})))
    assert texts(kept) == [lede, BODY]


def test_an_asterism_after_the_first_paragraph_is_a_section_break_not_a_standfirst():
    lede = "The quiet roar of loaded trucks at the border crossings carries across the plain."
    result = clean_text(f"Europe's grain corridor\n\nMarch 11, 2022\n\n{lede}\n\n* * *\n\n{BODY}\n")
    assert texts(result) == [lede, BODY] and result.subtitle == ""


def test_a_long_question_on_the_first_line_is_the_title():
    title = "Will Hungary Be the Real Loser in the New Energy Cold War?"
    result = clean_text(f"{title}\n\n{BODY} {MORE}\n")
    assert result.title == title and texts(result) == [f"{BODY} {MORE}"]


def test_a_byline_run_into_the_first_sentence_is_cut_off_with_a_doubt():
    result = clean_text(f"Managing sanctions toward Belarus\n\nBy Ruth Alder{BODY}\n\n{MORE}\n")
    assert [a.name for a in result.authors] == ["Ruth Alder"]
    assert texts(result) == [BODY, MORE]
    assert "runs the byline into the first sentence" in doubts(result, "authors")[0]


@pytest.mark.parametrize("clock", [": :inin Kyiv (EET)", "10:45 in Kyiv (EET)", "9:05 pm in London (GMT)"])
def test_a_clock_widget_is_dropped_and_never_the_title(clock):
    result = clean_text(f"{clock}\n\nManaging sanctions toward Belarus\n\nBy Ruth Alder\n\n{BODY}\n")
    assert result.title == "Managing sanctions toward Belarus"
    assert (1, "clock") in [(r.line, r.reason) for r in result.removed]


def test_a_digest_entry_gives_the_quoted_title_outlet_and_author_with_a_doubt():
    line = "JRL NEWSWATCH: “The wrong way to isolate Minsk” – Newswire/Harold Brennan"
    result = clean_text(f"{line}\n\nFile Photo of Two Leaders\n\n{BODY}\n")
    assert (result.title, result.outlet, [a.name for a in result.authors]) == (
        "The wrong way to isolate Minsk", "Newswire", ["Harold Brennan"])
    assert "digest's entry" in doubts(result, "title")[0]


def test_a_reference_style_line_gives_author_title_outlet_and_date_with_a_doubt():
    line = "ANNA LUNDGREN. The Baltic grid is finally leaving the old ring (Nordic Policy Forum, 14 February 2025)"
    result = clean_text(f"{line}\n\n{BODY}\n")
    assert (result.title, result.outlet, result.date) == (
        "The Baltic grid is finally leaving the old ring", "Nordic Policy Forum", "2025-02-14")
    assert [a.name for a in result.authors] == ["Anna Lundgren"] and texts(result) == [BODY]
    assert "reads like a reference" in doubts(result, "title")[0]


def test_a_line_of_names_under_the_title_gives_the_authors_with_a_doubt():
    result = clean_text(f"The Alliance Needs a Long Strategy\n\nIrena Kovac, Martin Hale, and Susan E. Drake\n\n{BODY}\n")
    assert [a.name for a in result.authors] == ["Irena Kovac", "Martin Hale", "Susan E. Drake"]
    assert "holds only names" in doubts(result, "authors")[0]


def test_a_keywords_line_after_the_abstract_is_not_a_paragraph():
    result = clean_text(f"Title\n\n{BODY}\n\nKeywords: Nordic defence cooperation, Baltic states, small states\n\n{MORE}\n")
    assert texts(result) == [BODY, MORE]
    assert (5, "keywords") in [(r.line, r.reason) for r in result.removed]


@pytest.mark.parametrize("preamble, why", [
    ("Skip to main content\n\nShare this article\n\nPrint\n\nEmail\n\n", "after 4 lines above it"),
    ("", "no byline or date to tell them apart"),
])
def test_a_title_nothing_confirms_gets_a_doubt(preamble, why):
    result = clean_text(f"{preamble}The Grain Corridor Is a Test\n\nNorthern Press\n\n{BODY}\n")
    assert result.title == "The Grain Corridor Is a Test"
    assert any(why in m for m in doubts(result, "title")), result.doubts


def test_a_title_under_known_chrome_or_over_a_byline_is_not_questioned():
    assert not doubts(clean_text(f"Share this article\n\nThe Grain Corridor Is a Test\n\n{BODY}\n"), "title")
    assert not doubts(clean_text(f"The Grain Corridor Is a Test\n\nNorthern Press\n\nBy Jane Doe\n\n{BODY}\n"), "title")


@pytest.mark.parametrize("title, why", [(": Kyiv Time", "does not start as a title does"),
                                        ("Updated 10:45 Kyiv Time", "clock time")])
def test_a_title_shaped_like_a_widget_gets_a_doubt(title, why):
    result = clean_text(f"{title}\n\nBy Jane Doe\n\n{BODY}\n")
    assert any(why in m for m in doubts(result, "title")), result.doubts


def test_two_different_dates_in_the_header_give_a_doubt():
    result = clean_text(f"21 March 2019\n\nThe Volga Reader\n\nBy Anna Lind\n\nPosted 5 May 2011\n\n{BODY}\n")
    assert result.date == "2019-03-21"
    assert "line 7 gives another date, 2011-05-05" in doubts(result, "date")[0]


def test_an_outlet_read_from_a_short_line_above_the_date_gets_a_doubt_unless_named_like_one():
    guessed = clean_text(f"Norway stalls on quotas\n\nHarbourline\nJun 02, 2023\n\n{BODY}\n")
    assert guessed.outlet == "Harbourline" and doubts(guessed, "outlet")
    named = clean_text(f"Norway stalls on quotas\n\nNewswire\nJun 02, 2023\n\n{BODY}\n")
    assert named.outlet == "Newswire" and not doubts(named, "outlet")


def test_a_separator_before_an_outlet_and_author_is_a_doubt():
    result = clean_text(f"Why the port bans matter – Mei Tanaka & Jonas Weber\n\nMarch 5, 2024\n\n{BODY}\n")
    assert any("separator" in m for m in doubts(result, "title")), result.doubts


def test_a_short_sentence_under_a_title_with_no_byline_to_come_is_the_first_paragraph():
    result = clean_text(f"Remarks at the harbour\n\nGood afternoon, all.\n\n{BODY}\n")
    assert texts(result) == ["Good afternoon, all.", BODY] and result.subtitle == ""
    standfirst = clean_text(f"Remarks at the harbour\n\nA short standfirst sentence.\n\nBy Jane Doe\n\n{BODY}\n")
    assert standfirst.subtitle == "A short standfirst sentence." and texts(standfirst) == [BODY]


def test_two_lines_that_could_be_the_title_above_the_byline_give_a_doubt():
    result = clean_text(f"Harbour Board in the News\n\nPress council to hear a complaint\n\nBy Jane Doe\n\n{BODY}\n")
    assert result.title == "Harbour Board in the News"
    assert "line 3 ('Press council to hear a complaint') also stands above the byline" in doubts(result, "title")[0]


@pytest.mark.parametrize("line, shape", [("BALTIC SEA", "capitalised"), ("• Hannah Whitfield", "bulleted")])
def test_an_author_from_a_capitalised_or_bulleted_name_gets_a_doubt(line, shape):
    result = clean_text(f"The Grain Corridor Is a Test\n\n{line}\n\n{BODY}\n")
    assert f"a line holding only a {shape} name (line 3)" in doubts(result, "authors")[0]


def test_a_teaser_cut_off_mid_sentence_at_the_end_loses_only_the_fragment():
    result = clean_text(f"Fear of losing out?\n\n{BODY} {MORE} Oslo [...]\n")
    assert texts(result) == [f"{BODY} {MORE}"]
    assert [(r.text, r.reason) for r in result.removed] == [("Oslo [...]", "truncated sentence")]
    quoted = clean_text(f"Title\n\n{BODY}\n\nHe said the talks [...] would go on. {MORE}\n")
    assert texts(quoted)[1].startswith("He said the talks [...] would go on.")
