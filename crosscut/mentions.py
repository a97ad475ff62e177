"""Finding glossary mentions: one Aho-Corasick pass over each paragraph for all names at once.

The automaton (pyahocorasick's, in C) runs over a lower-cased copy of the text (same length,
so offsets carry over); case-sensitive names are then checked against the original letters.
Matches must be whole words, and overlapping matches resolve leftmost-longest ("NATO-Russia
Founding Act" beats "NATO"). Cost: building is linear in the total length of the names,
scanning linear in the text plus the number of raw matches, so it grows linearly with essays
and entities.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Match:
    start: int  # offset of the first character in the text
    end: int  # offset after the last character
    key: str  # the entity slug the name belongs to


def fold(text: str) -> str:
    """Lower-case character by character, keeping the length (and so every offset) unchanged."""
    lower = text.lower()
    if len(lower) == len(text) and "\u03a3" not in text:  # no letter grew and no final-sigma rule applied:
        return lower  # the same as folding each letter alone, and far faster
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Matcher:
    """A multi-pattern whole-word matcher built once for every name of every entity."""

    def __init__(self, names: list[tuple[str, str, bool]]):
        """names: (name, key, case_sensitive) triples."""
        spellings: dict[str, list[tuple[str, str, bool]]] = {}
        for name, key, sensitive in names:
            if name:
                spellings.setdefault(fold(name), []).append((name, key, sensitive))
        self.automaton = ahocorasick.Automaton()
        for folded, found in spellings.items():
            self.automaton.add_word(folded, (len(folded), tuple(found)))
        if spellings:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """All whole-word, case-correct mentions in the text, leftmost-longest, not overlapping."""
        if self.automaton.kind != ahocorasick.AHOCORASICK or not text:
            return []
        found = []
        for last, (length, names) in self.automaton.iter(fold(text)):
            start, end = last + 1 - length, last + 1
            if not whole_word(text, start, end):
                continue
            for name, key, sensitive in names:
                if not sensitive or text.startswith(name, start):
                    found.append(Match(start, end, key))
        return leftmost_longest(found)


def whole_word(text: str, start: int, end: int) -> bool:
    """True when the match is not part of a longer word (letters or digits on either side)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def leftmost_longest(matches: list[Match]) -> list[Match]:
    chosen, reach = [], 0
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.key)):
        if m.start >= reach:
            chosen.append(m)
            reach = m.end
    return chosen
