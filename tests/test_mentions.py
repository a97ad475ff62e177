"""The mention matcher on inline strings: whole words, case rules, overlaps, possessives, offsets, linear cost."""

from __future__ import annotations

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscut.mentions import Match, Matcher, fold, leftmost_longest, whole_word

NAMES = [
    ("NATO", "nato", True),
    ("NATO-Russia Founding Act", "founding-act", True),
    ("New START", "new-start", True),
    ("New START Treaty", "new-start", True),
    ("START Treaty", "start-treaty", True),
    ("Putin", "putin", True),
    ("President Putin", "putin", True),
    ("sanctions", "sanctions", False),
    ("sanction", "sanctions", False),
    ("U.S.", "us", True),
    ("Congress", "congress", True),
]


def found(text: str, names=NAMES) -> list[tuple[str, str]]:
    """(matched text, key) for every mention, in order."""
    return [(text[m.start:m.end], m.key) for m in Matcher(names).find(text)]


def test_matches_carry_offsets_into_the_original_text():
    text = "Then NATO met."
    assert Matcher(NAMES).find(text) == [Match(5, 9, "nato")]


@pytest.mark.parametrize("text", ["NATOs", "SNATO", "NATO2", "NATO_x", "éNATO", "NATOé", "Putinism", "sanctioned"])
def test_only_whole_words_match(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("(NATO)", [("NATO", "nato")]),
    ("NATO.", [("NATO", "nato")]),
    ("anti-NATO", [("NATO", "nato")]),
    ("“NATO”", [("NATO", "nato")]),
    ("NATO", [("NATO", "nato")]),
])
def test_punctuation_and_text_edges_bound_words(text, expected):
    assert found(text) == expected


def test_case_sensitive_names_need_their_exact_case():
    assert found("nato and Nato and NATO") == [("NATO", "nato")]
    assert found("putin, PUTIN, Putin") == [("Putin", "putin")]


def test_case_insensitive_names_match_any_case_and_keep_the_original_letters():
    assert found("Sanctions, SANCTIONS and sanctions; one sanction") == [
        ("Sanctions", "sanctions"), ("SANCTIONS", "sanctions"), ("sanctions", "sanctions"), ("sanction", "sanctions")]


def test_longest_match_wins_over_a_name_it_contains():
    assert found("the NATO-Russia Founding Act of 1997") == [("NATO-Russia Founding Act", "founding-act")]
    assert found("President Putin said") == [("President Putin", "putin")]
    assert found("the New START Treaty") == [("New START Treaty", "new-start")]


def test_a_longer_name_that_is_not_all_there_leaves_the_shorter_one():
    assert found("the NATO-Russia Council") == [("NATO", "nato")]
    assert found("the NATO-Russia Founding") == [("NATO", "nato")]


def test_overlapping_names_resolve_leftmost_first():
    # "New START" starts first, so "START Treaty" (which overlaps it) is not counted
    assert found("New START Treaty talks", [("New START", "a", True), ("START Treaty", "b", True)]) == [
        ("New START", "a")]
    assert found("START Treaty talks", [("New START", "a", True), ("START Treaty", "b", True)]) == [
        ("START Treaty", "b")]


def test_adjacent_and_repeated_mentions_are_all_found():
    assert found("Putin Putin, NATO NATO") == [("Putin", "putin")] * 2 + [("NATO", "nato")] * 2


@pytest.mark.parametrize("text", ["Putin’s war", "Putin's war", "(Putin’s)"])
def test_possessives_count_as_mentions(text):
    assert found(text) == [("Putin", "putin")]


def test_names_ending_in_punctuation():
    assert found("the U.S. and the U.S.S.R.") == [("U.S.", "us")]
    assert found("U.S.-Russia ties") == [("U.S.", "us")]


def test_a_name_inside_a_longer_word_after_a_failed_longer_name():
    # the automaton follows a failure link from "NATO-R…" back to a state inside a word
    assert found("xNATO-Russia Founding Act") == []
    assert found("NATO-Russia Founding Actor") == [("NATO", "nato")]


def test_fold_keeps_every_offset():
    for text in ["İstanbul", "ẞtraße", "ǅemal", "Ωmega", "ﬁnal", "ΣΑΣ", "\u0130NATO"]:
        folded = fold(text)
        assert len(folded) == len(text), text
        assert all(len(a) == len(b) == 1 for a, b in zip(text, folded))
    assert fold("NATO Sanctions") == "nato sanctions"


def test_offsets_stay_right_after_characters_whose_lower_case_is_longer():
    text = "İİİ met Putin and İ sanctions"
    matches = Matcher(NAMES).find(text)
    assert [(text[m.start:m.end], m.key) for m in matches] == [("Putin", "putin"), ("sanctions", "sanctions")]


def test_no_names_no_matches():
    assert Matcher([]).find("anything at all") == []
    assert Matcher(NAMES).find("") == []


# ---------------------------------------------------------------- against a matcher simple enough to trust


def reference(names, text: str) -> list[Match]:
    """Every occurrence of every name found by plain string search, then the same rules: whole
    words, case where a name asks for it, leftmost-longest. Slow (names × text), obviously right."""
    folded, found = fold(text), []
    for name, key, sensitive in names:
        target, start = fold(name), fold(text).find(fold(name))
        while name and start != -1:
            end = start + len(target)
            if (not sensitive or text.startswith(name, start)) and whole_word(text, start, end):
                found.append(Match(start, end, key))
            start = folded.find(target, start + 1)
    return leftmost_longest(found)


# Names that overlap, contain each other and differ only in case, and texts made of their pieces
ADVERSARIAL = [("a" * k + "b", f"k{k}", False) for k in range(1, 12)] + [
    ("ab ab ab", "x", True), ("AB", "upper", True), ("b ab", "y", False), ("Ab-Ab", "z", True)]
PIECES = ["a", "b", "A", "B", " ", "-", "ab", "aab", "AB", "ab ab", "é", "İ", ".", "_"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_finds_exactly_what_a_plain_search_finds(text):
    assert Matcher(ADVERSARIAL).find(text) == reference(ADVERSARIAL, text)


def test_finds_what_a_plain_search_finds_in_the_seeds_own_words():
    text = ("President Putin said the New START Treaty and the NATO-Russia Founding Act matter; "
            "the U.S. Congress debated sanctions, and NATO-Russia talks went on. İ Putin.")
    assert Matcher(NAMES).find(text) == reference(NAMES, text)
