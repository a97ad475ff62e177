"""Passage references: the [[…]] syntax, parsed into Ref keys, and sentence selection for quotes.

    [[wallander-2003#p12]]           link with citation      [[wallander-2003#p12-14]]  range
    [[wallander-2003#p12|words]]     link with our words      [[wallander-2003#section]] heading
    ![[wallander-2003#p12]]          quote the paragraph      [[wallander-2003]]         the essay
    ![[wallander-2003#p12 "a" "b"]]  quote the sentences from the one holding "a" to the one holding "b"
    [[g:new-start]]  glossary entry                           [[t:sanctions]]            theme page
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

REF = re.compile(r"(!?)\[\[((?:[^\[\]\n\\]|\\.)+?)\]\]")
TARGET = re.compile(r"^(?:(?P<prefix>[gt]):)?(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)"
                    r"(?:#(?:p(?P<first>\d+)(?:-p?(?P<last>\d+))?|(?P<anchor>[a-z0-9][\w-]*)))?$")
PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”')
KINDS = {None: "essay", "g": "glossary", "t": "theme"}


class RefSyntaxError(ValueError):
    """The text between [[ and ]] is not a reference; the message says why."""


@dataclass(frozen=True)
class Ref:
    kind: str  # "essay", "glossary" or "theme"
    slug: str  # key of the essay, entry or theme
    first: int | None = None  # first paragraph referred to (¶ 0 parses, to be reported as out of range)
    last: int | None = None  # last paragraph of a range (= first for one paragraph)
    anchor: str = ""  # section anchor within the essay, "" for none
    label: str = ""  # our link text, "" for the citation
    embed: bool = False  # quote the passage in place
    phrases: tuple[str, ...] = ()  # for quotes: phrases choosing the first and last sentence

    @property
    def key(self) -> str:
        """The paragraph key "slug#pN" (first paragraph), or the bare slug."""
        return f"{self.slug}#p{self.first}" if self.first is not None else self.slug

    @property
    def paragraphs(self) -> range:
        return range(self.first, self.last + 1) if self.first is not None else range(0)


def parse_ref(inner: str, embed: bool = False) -> Ref:
    """Read what stands between [[ and ]]."""
    inner = inner.replace("\\|", "|")
    target, _, label = inner.partition("|")
    target = target.strip()
    phrases: tuple[str, ...] = ()
    if embed:
        phrases = tuple(a or b for a, b in PHRASE.findall(target))
        target = PHRASE.sub("", target).strip()
        if len(phrases) > 2:
            raise RefSyntaxError("a quote takes at most two phrases: the first and the last sentence")
    m = TARGET.match(target)
    if not m:
        raise RefSyntaxError(f"'{target}' is not a reference; write [[essay-slug#p12]], [[g:entry]] or [[t:theme]]")
    kind = KINDS[m.group("prefix")]
    first = int(m.group("first")) if m.group("first") else None
    last = int(m.group("last")) if m.group("last") else first
    if kind != "essay" and (first is not None or m.group("anchor")):
        raise RefSyntaxError(f"'{target}': only essay references take a #paragraph")
    if first is not None and last < first:
        raise RefSyntaxError(f"'{target}': the range ends before it starts")
    if embed and first is None:
        raise RefSyntaxError(f"'{target}': a quote needs a paragraph, e.g. ![[{m.group('slug')}#p3]]")
    return Ref(kind, m.group("slug"), first, last, m.group("anchor") or "", label.strip(), embed, phrases)


def find_refs(text: str, first_line: int = 1) -> list[tuple[int, str, bool]]:
    """Every [[…]] in a Markdown text as (line, inner text, is-quote), skipping code."""
    found = []
    fenced = False
    for number, line in enumerate(text.splitlines(), first_line):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        line = re.sub(r"(`+).*?\1", "", line)  # code spans, however many backticks open them
        found += [(number, m.group(2), bool(m.group(1))) for m in REF.finditer(line)]
    return found


# ---------------------------------------------------------------- sentences

FOLD = str.maketrans("“”‘’–—", "\"\"''--")
# pysbd's rule-based segmenter knows abbreviations, initials and quotes far better than a list of ours
SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cut a paragraph into sentences: (start, end) offsets, without the spaces between them.

    A piece that starts in lower case continues the sentence before it ("3.5 per cent. e.g. in
    Moscow"): a quote that runs one sentence long loses nothing, one cut short would. Kept per
    text: checking a quote and showing it cut the same paragraph once."""
    spans: list[tuple[int, int]] = []
    for sentence in SEGMENTER.segment(text):
        start = sentence.start + len(sentence.sent) - len(sentence.sent.lstrip())
        end = sentence.start + len(sentence.sent.rstrip())
        if end <= start:
            continue
        if spans and text[start].islower():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return tuple(spans) or ((0, len(text)),)


def find_phrase(text: str, phrase: str) -> int:
    """Position of a phrase in a paragraph, ignoring the difference between straight and curly quotes and dashes."""
    return text.translate(FOLD).find(phrase.translate(FOLD))


def select_sentences(text: str, phrases: tuple[str, ...]) -> str | None:
    """The sentences from the one holding the first phrase to the one holding the last; None if a phrase is missing."""
    if not phrases:
        return text
    positions = [find_phrase(text, p) for p in phrases]
    if min(positions) < 0:
        return None
    spans = sentence_spans(text)
    first = next(s for s in spans if s[0] <= positions[0] < s[1] or positions[0] < s[0])
    end = positions[-1] + len(phrases[-1])
    last = next((s for s in spans if s[0] <= end - 1 < s[1]), spans[-1])
    if last[1] < first[0]:
        return None
    return text[first[0]:last[1]]
