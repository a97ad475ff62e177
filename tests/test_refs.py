"""Passage references on inline strings: every form of the syntax, every syntax error, sentence selection, finding them."""

from __future__ import annotations

import pytest

from crosscut.markdown import make_markdown
from crosscut.refs import Ref, RefSyntaxError, find_refs, parse_ref, select_sentences, sentence_spans

# ---------------------------------------------------------------- parse_ref: each form of content/README.md


@pytest.mark.parametrize("inner, embed, expected", [
    ("wallander-2003#p12", False, Ref("essay", "wallander-2003", 12, 12)),
    ("wallander-2003#p12-14", False, Ref("essay", "wallander-2003", 12, 14)),
    ("wallander-2003#p12-p14", False, Ref("essay", "wallander-2003", 12, 14)),
    ("wallander-2003#p12|as Wallander puts it", False, Ref("essay", "wallander-2003", 12, 12, label="as Wallander puts it")),
    ("wallander-2003#p12\\|as Wallander puts it", False,  # inside a table cell
     Ref("essay", "wallander-2003", 12, 12, label="as Wallander puts it")),
    ("wallander-2003", False, Ref("essay", "wallander-2003")),
    ("wallander-2003#return-to-realism", False, Ref("essay", "wallander-2003", anchor="return-to-realism")),
    ("wallander-2003#p12", True, Ref("essay", "wallander-2003", 12, 12, embed=True)),
    ('wallander-2003#p12 "realism could prevail"', True,
     Ref("essay", "wallander-2003", 12, 12, embed=True, phrases=("realism could prevail",))),
    ('wallander-2003#p12 "first words" "last words"', True,
     Ref("essay", "wallander-2003", 12, 12, embed=True, phrases=("first words", "last words"))),
    ("wallander-2003#p12 “curly first” “curly last”", True,
     Ref("essay", "wallander-2003", 12, 12, embed=True, phrases=("curly first", "curly last"))),
    ('wallander-2003#p12-13 "from here" "to there"', True,
     Ref("essay", "wallander-2003", 12, 13, embed=True, phrases=("from here", "to there"))),
    ("g:new-start", False, Ref("glossary", "new-start")),
    ("g:new-start|the treaty", False, Ref("glossary", "new-start", label="the treaty")),
    ("t:sanctions", False, Ref("theme", "sanctions")),
    ("t:sanctions|pressure", False, Ref("theme", "sanctions", label="pressure")),
    (" wallander-2003#p3 | spaced ", False, Ref("essay", "wallander-2003", 3, 3, label="spaced")),
], ids=lambda v: v if isinstance(v, str) else None)
def test_parse_ref_reads_each_form(inner, embed, expected):
    assert parse_ref(inner, embed) == expected


def test_ref_keys_and_paragraph_ranges():
    assert parse_ref("yu-sui-2021#p4").key == "yu-sui-2021#p4"
    assert list(parse_ref("yu-sui-2021#p4").paragraphs) == [4]
    assert list(parse_ref("yu-sui-2021#p4-6").paragraphs) == [4, 5, 6]
    assert parse_ref("yu-sui-2021").key == "yu-sui-2021"
    assert list(parse_ref("yu-sui-2021").paragraphs) == []
    assert list(parse_ref("yu-sui-2021#intro").paragraphs) == []
    assert parse_ref("g:new-start").key == "new-start"


NOT_A_REF = "is not a reference; write [[essay-slug#p12]], [[g:entry]] or [[t:theme]]"


@pytest.mark.parametrize("inner, embed, message", [
    ("Wallander 2003", False, f"'Wallander 2003' {NOT_A_REF}"),
    ("Wallander-2003#p3", False, f"'Wallander-2003#p3' {NOT_A_REF}"),
    ("x:new-start", False, f"'x:new-start' {NOT_A_REF}"),
    ("wallander-2003#", False, f"'wallander-2003#' {NOT_A_REF}"),
    ("wallander--2003", False, f"'wallander--2003' {NOT_A_REF}"),
    ("", False, f"'' {NOT_A_REF}"),
    ('wallander-2003#p3 "a phrase"', False, f"""'wallander-2003#p3 "a phrase"' {NOT_A_REF}"""),
    ("g:new-start#p3", False, "'g:new-start#p3': only essay references take a #paragraph"),
    ("t:sanctions#intro", False, "'t:sanctions#intro': only essay references take a #paragraph"),
    ("wallander-2003#p14-12", False, "'wallander-2003#p14-12': the range ends before it starts"),
    ("wallander-2003", True, "'wallander-2003': a quote needs a paragraph, e.g. ![[wallander-2003#p3]]"),
    ("wallander-2003#return-to-realism", True,
     "'wallander-2003#return-to-realism': a quote needs a paragraph, e.g. ![[wallander-2003#p3]]"),
    ('wallander-2003#p3 "one" "two" "three"', True,
     "a quote takes at most two phrases: the first and the last sentence"),
])
def test_parse_ref_syntax_errors(inner, embed, message):
    with pytest.raises(RefSyntaxError) as err:
        parse_ref(inner, embed)
    assert str(err.value) == message


# ---------------------------------------------------------------- find_refs


def test_find_refs_reports_lines_and_quotes():
    text = "Intro [[a-1#p2]] and [[g:b|B]].\n\n![[a-1#p3 \"x y\"]]\nlast [[t:c]]"
    assert find_refs(text) == [(1, "a-1#p2", False), (1, "g:b|B", False), (3, 'a-1#p3 "x y"', True), (4, "t:c", False)]


def test_find_refs_counts_lines_from_the_first_line_given():
    assert find_refs("one\ntwo [[a#p1]]", first_line=9) == [(10, "a#p1", False)]


def test_find_refs_keeps_escaped_pipes_for_parse_ref():
    [(line, inner, embed)] = find_refs("| cell [[a-1#p2\\|our words]] |")
    assert parse_ref(inner, embed).label == "our words"


def test_find_refs_skips_code_spans():
    assert find_refs("write `[[g:x]]` to link, like [[g:y]]") == [(1, "g:y", False)]


def test_find_refs_skips_double_backtick_code_spans():
    # CommonMark: ``…`` is a code span too (used when the code holds a backtick); Markdown shows it as code
    assert find_refs("write ``[[g:x]]`` or ``a ` [[g:z]]`` to link, like [[g:y]]") == [(1, "g:y", False)]


@pytest.mark.parametrize("fence", ["```", "~~~", "```markdown"])
def test_find_refs_skips_fenced_code_and_keeps_counting_lines(fence):
    text = f"[[a#p1]]\n{fence}\n[[b#p2]]\n![[c#p3]]\n{fence[:3]}\nafter [[d#p4]]"
    assert find_refs(text) == [(1, "a#p1", False), (6, "d#p4", False)]


def test_find_refs_does_not_cross_lines_or_brackets():
    assert find_refs("[[a#p1\n]] and [[b]c]]") == []


# ---------------------------------------------------------------- sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_sentence_spans_cover_the_text_in_order():
    text = "One. Two? Three! Four."
    spans = sentence_spans(text)
    assert sentences(text) == ["One.", "Two?", "Three!", "Four."]
    assert all(a < b for a, b in spans) and all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))


def test_us_in_mid_sentence_does_not_end_it():
    assert sentences("The U.S. Congress was slow. Russia waited.") == ["The U.S. Congress was slow.", "Russia waited."]
    assert sentences("Ties with the U.S. and Europe grew.") == ["Ties with the U.S. and Europe grew."]


def test_us_at_the_end_of_a_sentence_ends_it():
    assert sentences("Sanctions came from the U.S. The Kremlin answered.") == [
        "Sanctions came from the U.S.", "The Kremlin answered."]


def test_us_before_a_proper_name_is_read_as_one_sentence():
    """"the U.S. Russia policy" is one sentence; no rule can tell it from "…the U.S. Russia knows it" without
    understanding, and a quote that runs one sentence long loses nothing, while one cut short would."""
    assert sentences("It shaped the U.S. Russia policy. Moscow noticed.") == [
        "It shaped the U.S. Russia policy.", "Moscow noticed."]


def test_titles_and_initials_do_not_end_sentences():
    assert sentences("Celeste A. Wallander wrote it. Mr. Putin read it.") == [
        "Celeste A. Wallander wrote it.", "Mr. Putin read it."]
    assert sentences("It was signed in Dec. 2013 by both.") == ["It was signed in Dec. 2013 by both."]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert sentences("He said “no.” Then he left.") == ["He said “no.”", "Then he left."]
    assert sentences('He said "no." Then he left.') == ['He said "no."', "Then he left."]
    assert sentences("It failed (again). “Why?” they asked.") == ["It failed (again).", "“Why?” they asked."]


def test_lower_case_after_a_full_stop_continues_the_sentence():
    assert sentences("Prices rose 3.5 per cent. e.g. in Moscow.") == ["Prices rose 3.5 per cent. e.g. in Moscow."]


PARA = ("Relations soured after 2003. The U.S. Congress kept the amendment. "
        "Moscow called it “a relic.” Nothing changed.")


def test_select_one_phrase_gives_its_whole_sentence():
    assert select_sentences(PARA, ("kept the",)) == "The U.S. Congress kept the amendment."


def test_select_two_phrases_gives_the_sentences_between():
    assert select_sentences(PARA, ("Congress kept", "relic")) == \
        "The U.S. Congress kept the amendment. Moscow called it “a relic.”"


def test_select_ignores_straight_or_curly_quotes_and_dashes():
    text = "He called it “a relic” – nothing more. Then he left."
    assert select_sentences(text, ('"a relic" - nothing',)) == "He called it “a relic” – nothing more."
    assert select_sentences("It is a “relic”—truly. No.", ("relic\"--truly",)) is None  # two hyphens are not one dash
    assert select_sentences("It is a “relic”—truly. No.", ('relic"-truly',)) == "It is a “relic”—truly."


def test_select_without_phrases_gives_the_paragraph():
    assert select_sentences(PARA, ()) == PARA


def test_select_missing_phrase_gives_none():
    assert select_sentences(PARA, ("no such words",)) is None
    assert select_sentences(PARA, ("Congress kept", "no such words")) is None


def test_select_last_phrase_before_first_gives_none():
    assert select_sentences(PARA, ("Nothing changed", "soured after")) is None


def test_select_phrase_across_a_sentence_end_takes_both_sentences():
    assert select_sentences(PARA, ("2003. The U.S.",)) == "Relations soured after 2003. The U.S. Congress kept the amendment."


def test_selection_is_an_exact_slice_of_the_paragraph():
    for phrases in [("soured",), ("amendment", "Nothing"), ("relic",)]:
        assert select_sentences(PARA, phrases) in PARA


# ---------------------------------------------------------------- citations written side by side


def groups_in(markdown: str) -> list[tuple[list[str], bool]]:
    """Render Markdown and return what reached the reference renderer: (keys, in a table cell)."""
    seen = []

    def record(refs, meta, env):
        seen.append(([f"{r.key}" + (f"-{r.last}" if r.last != r.first else "") for r in refs], meta["cell"]))
        return ""

    make_markdown("/", record).render(markdown)
    return seen


def test_citations_side_by_side_reach_the_renderer_as_one_run():
    assert groups_in("Realism fails [[a#p1]] [[a#p2-3]] [[b#p4]].") == [(["a#p1", "a#p2-3", "b#p4"], False)]


def test_a_line_break_between_citations_keeps_the_run():
    assert groups_in("Realism fails [[a#p1]]\n[[b#p4]].") == [(["a#p1", "b#p4"], False)]


def test_words_between_citations_end_the_run():
    assert groups_in("First [[a#p1]] and then [[a#p2]].") == [(["a#p1"], False), (["a#p2"], False)]


def test_quotes_labels_and_links_to_entries_stand_alone():
    text = "As she says [[a#p1]] ![[a#p2]] [[a#p3|her words]] [[g:nato]] [[a#p4]]."
    assert [keys for keys, _ in groups_in(text)] == [["a#p1"], ["a#p2"], ["a#p3"], ["nato"], ["a#p4"]]


def test_a_run_in_a_table_cell_is_marked_as_one():
    table = "| Question | A |\n|---|---|\n| Purpose | Pressure [[a#p1]] [[a#p7]] |\n"
    assert groups_in(table) == [(["a#p1", "a#p7"], True)]
