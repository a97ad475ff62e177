"""The site model: essays and their parts, addressed by slug and paragraph number."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cached_property

from .clean import Note

# A reference where it was written: (line in its file, text between [[ and ]], is it a ![[quote]]).
Located = tuple[int, str, bool]

MONTH_NAMES = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None  # None when the date is unknown
    month: int | None = None  # None when only the year is known
    day: int | None = None  # None when only the month is known

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "2013-12-05", "2013-12", "2013" or "" (unknown); raise ValueError on anything else."""
        text = str(text).strip()
        if text in ("", "unknown"):
            return cls()
        parts = text.split("-")
        if len(parts) > 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(text)
        year, month, day = (list(map(int, parts)) + [None, None])[:3]
        if month is not None and not 1 <= month <= 12:
            raise ValueError(text)
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(text)
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """How much of the date is known: "day", "month", "year" or "unknown"."""
        if self.year is None:
            return "unknown"
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """ISO 8601 with only the known parts ("2013-12-05", "2021", "")."""
        if self.year is None:
            return ""
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])

    @property
    def display(self) -> str:
        """Human form: "5 December 2013", "December 2013", "2013" or "date unknown"."""
        if self.year is None:
            return "date unknown"
        month = MONTH_NAMES[self.month - 1] if self.month else ""
        return " ".join(str(x) for x in (self.day, month, self.year) if x)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Order by date, undated last."""
        return (self.year or 9999, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Author:
    name: str  # full name as the source gives it
    affiliation: str  # institution or role, "" when not known
    surname: str = ""  # family name for citations when it is not the last word of the name

    @property
    def family(self) -> str:
        return self.surname or self.name.split()[-1]


@dataclass(frozen=True)
class Heading:
    anchor: str  # fragment id, unique within the essay
    text: str  # heading text as the source gives it
    level: int  # 2..6
    kind: str = "heading"  # lets templates tell body items apart


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based position among the essay's paragraphs: ¶ n
    text: str  # cleaned plain text
    section: str  # anchor of the heading above it, "" before the first heading
    lines: tuple[int, ...]  # source lines in the seed
    kind: str = "paragraph"
    marker: str = ""  # a list item's marker as the source writes it ("1.", "[2]", "•"); "" for a paragraph


@dataclass(frozen=True)
class Essay:
    slug: str  # address key (urls.essay); references cite it as <slug>#p12
    title: str  # from metadata, else as found in the seed
    subtitle: str  # standfirst, "" when none
    authors: tuple[Author, ...]  # empty when the source names no author
    date: PartialDate  # publication date with its precision
    date_note: str  # how the date is known when the seed does not state it, or ""
    outlet: str  # where it was published, "" when unknown
    series: str  # series or project, "" when none
    url: str  # original address, "" when unknown
    summary: str  # our own short summary (Markdown), "" when none yet
    body: tuple[Heading | Paragraph, ...]  # headings and numbered paragraphs in order
    notes: tuple[Note, ...]  # publisher notes and author bio from the seed
    source: str  # seed path relative to the project root
    meta_path: str  # metadata path relative to the project root
    thesis: Claim | None = None  # the essay's thesis in our words, tied to a paragraph
    claims: tuple[Claim, ...] = ()  # its main claims in our words, each tied to a paragraph
    refs: tuple[Located, ...] = ()  # references in our summary, thesis and claims, in the metadata file
    evidence: tuple[tuple[str, str], ...] = ()  # (field, how we know it) for facts the metadata sets, not the seed
    provenance: tuple[str, ...] = ()  # addresses of the public pages that state those facts

    # Derived once per essay (an essay is frozen): pages of a large collection ask for these thousands of times.
    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(item for item in self.body if isinstance(item, Paragraph))

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(item for item in self.body if isinstance(item, Heading))

    @cached_property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    @property
    def author_names(self) -> str:
        """Names joined for a byline, or "" when no author is known."""
        names = [a.name for a in self.authors]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)

    @property
    def short_title(self) -> str:
        """Title without a leading "US-Russian Relations:"-style prefix, for citations."""
        head, sep, tail = self.title.partition(": ")
        return tail if sep and len(tail) > 8 else self.title


@dataclass(frozen=True)
class Page:
    slug: str  # address key (urls.page); "" for the home page's introduction
    title: str  # page title
    body: str  # Markdown source
    path: str  # source file relative to the project root
    refs: tuple[Located, ...] = ()  # references in the body




@dataclass(frozen=True)
class Entity:
    slug: str  # address key (urls.entry); references [[g:<slug>]]
    name: str  # display name
    kind: str  # person, treaty, institution, place, event, program or concept
    aliases: tuple[str, ...]  # other spellings matched in the essays (name included)
    case_sensitive: bool  # match exact case (names) or any case (concepts)
    description: str  # our one line, Markdown with references
    path: str  # glossary file relative to the project root
    line: int  # line of the entry in that file
    refs: tuple[Located, ...] = ()  # references in the description
    sort: str = ""  # what the glossary files it under: a person's family name, otherwise the name
    search_aliases: tuple[str, ...] = ()  # spellings readers may search for that the essays do not use


@dataclass(frozen=True)
class Event:
    slug: str  # address key: its row on the timeline page (urls.event)
    date: PartialDate  # as precise as the essays allow
    date_note: str  # how the date follows from the essays, or ""
    title: str  # what happened, in our words
    short: str  # a few words naming it in backlinks beside a paragraph
    passages: tuple[str, ...]  # "essay#pN" keys of the paragraphs that discuss it
    path: str  # timeline file relative to the project root
    line: int  # line of the entry in that file


@dataclass(frozen=True)
class Theme:
    slug: str  # address key (urls.theme); references [[t:<slug>]]
    title: str  # page title
    short: str  # a few words naming it where space is short (backlinks, the map)
    description: str  # one line for the themes index
    related: tuple[str, ...]  # slugs of related themes
    questions: tuple[str, ...]  # discussion questions (Markdown)
    body: str  # Markdown with passage references
    path: str  # source file relative to the project root
    refs: tuple[Located, ...] = ()  # references in the body and the questions
    related_line: int = 1  # line of 'related:' in the front matter
    description_refs: tuple[Located, ...] = ()  # references in the description (checked, not counted as citing)


@dataclass(frozen=True)
class Claim:
    at: str  # paragraph or range in the essay: "p4" or "p4-6"
    text: str  # the claim in our words (Markdown)
    line: int = 0  # line of its 'at:' in the metadata file


@dataclass(frozen=True)
class Site:
    essays: tuple[Essay, ...]  # in date order, undated last
    pages: tuple[Page, ...]  # free pages from content/pages/
    themes: tuple[Theme, ...] = ()  # curated theme pages, in title order
    entities: tuple[Entity, ...] = ()  # glossary entries, in name order
    events: tuple[Event, ...] = ()  # timeline entries, in date order

    def essay(self, slug: str) -> Essay:
        return self.by_slug[slug]

    @cached_property
    def by_slug(self) -> dict[str, Essay]:
        """Each essay under its slug."""
        return {e.slug: e for e in self.essays}
