"""Finding glossary mentions: one Aho-Corasick pass over each paragraph for all names at once.

The automaton runs over a lower-cased copy of the text (same length, so offsets carry over);
case-sensitive names are then checked against the original letters. Matches must be whole
words, and overlapping matches resolve leftmost-longest ("NATO-Russia Founding Act" beats "NATO").
Cost: building is linear in the total length of the names, scanning linear in the text plus
the number of raw matches, so it grows linearly with essays and entities.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    start: int  # offset of the first character in the text
    end: int  # offset after the last character
    key: str  # the entity slug the name belongs to


def fold(text: str) -> str:
    """Lower-case character by character, keeping the length (and so every offset) unchanged."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Matcher:
    """A multi-pattern whole-word matcher built once for every name of every entity."""

    def __init__(self, names: list[tuple[str, str, bool]]):
        """names: (name, key, case_sensitive) triples."""
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.out: list[list[tuple[str, str, bool]]] = [[]]
        for name, key, sensitive in names:
            state = 0
            for char in fold(name):
                nxt = self.goto[state].get(char)
                if nxt is None:
                    nxt = len(self.goto)
                    self.goto[state][char] = nxt
                    self.goto.append({})
                    self.fail.append(0)
                    self.out.append([])
                state = nxt
            self.out[state].append((name, key, sensitive))
        self._link()

    def _link(self) -> None:
        """Breadth-first failure links, so the scan never steps back in the text."""
        queue = deque(self.goto[0].values())
        while queue:
            state = queue.popleft()
            for char, nxt in self.goto[state].items():
                queue.append(nxt)
                back = self.fail[state]
                while back and char not in self.goto[back]:
                    back = self.fail[back]
                self.fail[nxt] = self.goto[back].get(char, 0)
                self.out[nxt] = self.out[nxt] + self.out[self.fail[nxt]]

    def find(self, text: str) -> list[Match]:
        """All whole-word, case-correct mentions in the text, leftmost-longest, not overlapping."""
        folded, state, found = fold(text), 0, []
        for index, char in enumerate(folded):
            while state and char not in self.goto[state]:
                state = self.fail[state]
            state = self.goto[state].get(char, 0)
            for name, key, sensitive in self.out[state]:
                start = index + 1 - len(name)
                if (not sensitive or text.startswith(name, start)) and whole_word(text, start, index + 1):
                    found.append(Match(start, index + 1, key))
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
