"""Pure text repair: a raw seed (a copied web page or print layout) -> headings, paragraphs, notes.

The cleaner works in this order, because each step needs the one before:
1. split the text into units (one per line, or one per hard-wrapped paragraph) and repair
   inline residue (link syntax, escapes, emphasis markers, spacing, quotes);
2. drop what is never text: rules, site chrome, lines a maintainer listed in `drop_lines`;
3. peel publisher notes and the author's bio off the end, and metadata lines off the top;
4. drop pull quotes that repeat a body sentence;
5. join paragraphs split by page breaks, and words hyphenated across them.
Every dropped line is kept in `removed` with its reason, so nothing disappears unaccounted.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "heading"
    text: str  # cleaned plain text, typographic quotes, single spaces
    lines: tuple[int, ...]  # 1-based source lines it was made from
    level: int = 0  # heading level (2..6) for headings, 0 for paragraphs


@dataclass(frozen=True)
class Note:
    kind: str  # "bio", "series", "disclaimer" or "source"
    text: str  # the note as the source words it
    line: int  # source line it starts on


@dataclass(frozen=True)
class Removed:
    line: int  # source line
    text: str  # raw text of the line
    reason: str  # "rule", "chrome", "section label", "pull quote", "override", "metadata"


@dataclass(frozen=True)
class FoundAuthor:
    name: str  # as stated, all-capital names put in title case
    affiliation: str  # "" when the byline gives none


@dataclass(frozen=True)
class Cleaned:
    title: str  # "" when no title line was found
    subtitle: str  # standfirst under the title, "" when none
    authors: tuple[FoundAuthor, ...]  # empty when no byline or bio names one
    date: str  # ISO date "2013-12-05" / "2013-12" / "2013", "" when none stated
    outlet: str  # publication named by the text, "" when none
    series: str  # series or project the piece belongs to, "" when none
    url: str  # address of the original when the text gives it, else ""
    blocks: tuple[Block, ...]  # body: headings and paragraphs in order
    notes: tuple[Note, ...]  # publisher notes and bio, in source order
    removed: tuple[Removed, ...]  # every dropped line with its reason


@dataclass(frozen=True)
class Overrides:
    """Per-essay corrections for what no general rule can know (content/essays/*.yml: cleaning)."""

    drop_lines: frozenset[int] = frozenset()  # source lines to drop as chrome
    keep_lines: frozenset[int] = frozenset()  # source lines that are body text whatever they look like
    join_after: frozenset[int] = frozenset()  # a paragraph ending on this line continues in the next
    no_join_after: frozenset[int] = frozenset()  # a paragraph ending on this line is complete


# ---------------------------------------------------------------- patterns

CHROME = re.compile(
    r"""^(?:
        language\s*:.*                                   # language switchers
      | (?:you\s+(?:might|may)\s+also\s+like|related\s+(?:articles|posts|stories|content)
         |read\s+more|more\s+from\s+.*|recommended(?:\s+\w+)?|most\s+(?:read|popular)|back\s+to\s+top|share(?:\s+this)?(?:\s+(?:article|post))?
         |share\s+(?:on|via)\s+{net}(?:\s*[|·,/]\s*(?:share\s+(?:on|via)\s+)?{net})*   # "Share on Twitter | Share on Facebook"
         |print|email|advertisement|subscribe(?:\s+now)?|sign\s+up.*|follow\s+us.*
         |tags?\s*:.*|comments?|skip\s+to\s+(?:main\s+)?content
         |(?:photo|image|picture|illustration)(?:\s+credits?)?\s*:.*)[.:]?     # "Photo: Reuters"
    )$""".replace("{net}", r"(?:twitter|facebook|linkedin|x|whatsapp|e-?mail|reddit|telegram|vk|weibo|wechat)"),
    re.IGNORECASE | re.VERBOSE,
)
LISTING = re.compile(r"^(?:you\s+(?:might|may)\s+also\s+like|related\s+\w+|read\s+more|more\s+from\b.*|"
                     r"recommended(?:\s+\w+)?|most\s+(?:read|popular))[.:]?$", re.IGNORECASE)
RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
# a print page number on a line of its own: "12", "- 12 -", "Page 12 of 30" (never four digits: a year)
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*[-–—])?$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ITALIC_LINE = re.compile(r"^\s*([*_])(?!\1)(.+)\1\s*$")
BULLET = re.compile(r"^[•·▪‣*\-–—]\s+")
BYLINE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATES = [
    re.compile(rf"^{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{MONTH}\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^{MONTH}\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
]
ORG_WORDS = re.compile(
    r"\b(?:University|Center|Centre|Institute|School|College|Council|Foundation|Program|Programme|"
    r"Academy|Club|Society|Association|Endowment|Fund|Commission|Ministry|Department|Professor|"
    r"Fellow|Director|Lecturer|Researcher|Editor|Correspondent|Studies)\b")
NAME = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,4}"
BIO = re.compile(rf"^(?P<name>{NAME})\s+(?:is|was|has\s+been|serves\s+as)\s+(?P<rest>.*)$")
BIO_ROLE = re.compile(
    r"^(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:professor|fellow|director|researcher|lecturer|journalist|"
    r"editor|correspondent|analyst|scholar|author|writer|chair|president|head|member|ambassador|"
    r"diplomat|student|expert)\b", re.IGNORECASE)
SERIES = re.compile(r"^this\s+(?:post|article|essay|piece|commentary)\s+(?:is|was)\s+part\s+of\s+", re.IGNORECASE)
SERIES_NAME = re.compile(r"part\s+of\s+(?:the\s+)?(?P<series>.+?)\s+(?:project|series)\b", re.IGNORECASE)
DISCLAIMER = re.compile(r"^(?:the\s+)?(?:views|opinions)\s+expressed\b", re.IGNORECASE)
DISCLAIMER_OUTLET = re.compile(r"\b(?:position|views?|opinions?)\s+of\s+(?P<org>[A-Z][^.]*?)\.?$")
SOURCE = re.compile(r"^(?:original\s+url|source|originally\s+published(?:\s+at)?|url)\s*:\s*<?(?P<url>https?://\S+?)>?$",
                    re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;)\]\"”’]$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
PROSE_WORDS = 15  # a unit this long (or longer) is text, not a header line


# ---------------------------------------------------------------- inline repair


def clean_inline(text: str) -> str:
    """Repair one unit of text without changing its words: markup residue, escapes, spaces, quotes."""
    # escaped characters are set aside first, so "\\*" can never open or close emphasis
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$&<>|~\"'])", lambda m: f"\x00{ord(m.group(1))}\x00", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images keep their alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # [words](#) -> words
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)  # <https://...> -> https://...
    text = re.sub(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)  # emphasis markers
    text = re.sub(r"\x00(\d+)\x00", lambda m: chr(int(m.group(1))), text)  # \$6 -> $6
    text = re.sub(r"[\s\u00a0\u2007\u202f\u200b]+", " ", text).strip()
    return smart_quotes(text)


def smart_quotes(text: str) -> str:
    """Turn straight quotes into typographic ones, by what stands on either side."""
    text = re.sub(r'(^|[\s(\[{—–-])"', "\\1“", text)
    text = text.replace('"', "”")
    text = re.sub(r"(^|[\s(\[{—–-])'", "\\1‘", text)
    return text.replace("'", "’")


def plain_key(text: str) -> str:
    """Reduce text to lower-case words for comparing passages whatever their punctuation."""
    return " ".join(re.findall(r"\w+", text.lower()))


def title_case_name(name: str) -> str:
    """Put an all-capital name in title case ("CELESTE A. WALLANDER" -> "Celeste A. Wallander")."""
    if name.upper() != name:
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


DATE_LABEL = re.compile(r"^(?:(?:first\s+)?published|posted|date)(?:\s+on)?\s*:?\s+", re.IGNORECASE)
DATE_TIME = re.compile(r"\s*(?:[|,·–-]\s*)?(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$", re.IGNORECASE)


def parse_date(text: str) -> str:
    """Read a stated date ("December 05, 2013", "Published: Apr 06, 2021 | 10:30 AM") as ISO, or return ""."""
    text = DATE_TIME.sub("", DATE_LABEL.sub("", text.strip()))
    for pattern in DATES:
        m = pattern.match(text)
        if not m:
            continue
        month = m.group("month")
        month = int(month) if month.isdigit() else next(v for k, v in MONTHS.items() if k.startswith(month[:3].lower()))
        day = m.groupdict().get("day")
        year = int(m.group("year"))
        if not 1 <= month <= 12 or (day and not 1 <= int(day) <= calendar.monthrange(year, month)[1]):
            return ""
        return f"{m.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return ""


# ---------------------------------------------------------------- units


@dataclass
class Unit:
    line: int  # first source line
    raw: str  # raw text (lines joined with spaces)
    text: str = ""  # repaired text
    italic: bool = False  # the whole unit was set in italics (pull quotes, standfirsts)
    heading: int = 0  # markdown heading level, 0 for text
    words: int = 0  # number of words
    lines: list[int] = field(default_factory=list)  # every source line of the unit


def split_units(text: str) -> list[Unit]:
    """Cut the text into units: blank-line separated blocks, or single lines when a block holds short lines."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        wrapped = len(block) > 1 and all(len(t.strip()) > 50 for _, t in block[:-1])
        groups = [block] if wrapped else [[item] for item in block]
        for group in groups:
            units.append(Unit(group[0][0], " ".join(t.strip() for _, t in group), lines=[n for n, _ in group]))
        block.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            block.append((number, line))
        elif block:
            flush()
    if block:
        flush()
    for unit in units:
        m = HEADING.match(unit.raw)
        unit.heading = len(m.group(1)) if m else 0
        body = m.group(2) if m else unit.raw
        unit.italic = bool(ITALIC_LINE.match(body))
        unit.text = clean_inline(body)
        unit.words = len(unit.text.split())
    return units


# ---------------------------------------------------------------- the cleaner


def clean_text(text: str, overrides: Overrides = Overrides()) -> Cleaned:
    """Turn one raw seed into title, byline, body blocks and notes."""
    removed: list[Removed] = []
    units, labels = [], []  # labels: where a "Related posts"-style label stood among the units
    for unit in split_units(text):
        reason = drop_reason(unit, overrides)
        if reason:
            removed.append(Removed(unit.line, unit.raw, reason))
            if reason == "chrome" and LISTING.match(unit.text):
                labels.append(len(units))
        else:
            units.append(unit)
    for start in reversed(labels):
        units, listed = drop_listing(units, start)
        removed += listed

    tail_start, notes = read_tail(units, overrides)
    bios = [n.text for n in notes if n.kind == "bio"]
    header = read_header(units[:tail_start], overrides, [bio_name(b) for b in bios], notes)
    body_units = units[header.end:tail_start]
    removed += header.removed

    body_units, pulled = drop_pull_quotes(body_units + header.italic, body_units)
    removed += pulled
    gone = {r.line for r in pulled}
    subtitle = " ".join([u.text for u in header.italic if u.line not in gone] + header.extra)
    blocks = join_broken(body_units, overrides, text)
    authors = header.authors or tuple(FoundAuthor(title_case_name(bio_name(b)), "") for b in bios)
    notes = repair_bio_names(notes, header.raw_names)
    authors = [a if a.affiliation else FoundAuthor(a.name, affiliation_from_bio(a.name, notes)) for a in authors]

    return Cleaned(
        title=header.title,
        subtitle=subtitle,
        authors=tuple(authors),
        date=header.date,
        outlet=header.outlet or outlet_from_notes(notes),
        series=next((m.group("series") for n in notes if n.kind == "series"
                     for m in [SERIES_NAME.search(n.text)] if m), ""),
        url=next((n.text for n in notes if n.kind == "source"), ""),
        blocks=tuple(blocks),
        notes=tuple(n for n in notes if n.kind != "source"),
        removed=tuple(sorted(removed, key=lambda r: r.line)),
    )


def drop_listing(units: list[Unit], start: int) -> tuple[list[Unit], list[Removed]]:
    """Drop the headlines listed under a "Related posts" label, when only notes or nothing follow them."""
    end = start
    while end < len(units) and units[end].words < PROSE_WORDS and not re.search(r"[.!:;]$", units[end].text):
        end += 1
    if end == start or (end < len(units) and not split_notes(units[end])):
        return units, []
    return units[:start] + units[end:], [Removed(u.line, u.raw, "chrome") for u in units[start:end]]


def drop_reason(unit: Unit, overrides: Overrides) -> str:
    """Say why a unit is never text (rule, chrome, override), or return ""."""
    if unit.line in overrides.keep_lines:
        return ""
    if unit.line in overrides.drop_lines:
        return "override"
    if RULE.match(unit.raw):
        return "rule"
    if not unit.heading and CHROME.match(unit.text):
        return "chrome"
    if PAGE_NUMBER.match(unit.text):
        return "page number"
    return ""


def bio_name(text: str) -> str:
    m = BIO.match(text)
    return m.group("name") if m else ""


def classify_sentence(sentence: str) -> str:
    """Name the kind of note a sentence starts, or return ""."""
    if SOURCE.match(sentence):
        return "source"
    if SERIES.match(sentence):
        return "series"
    if DISCLAIMER.match(sentence):
        return "disclaimer"
    return ""


def read_tail(units: list[Unit], overrides: Overrides) -> tuple[int, list[Note]]:
    """Peel notes off the end: bio, series, disclaimer and source lines; return where the body ends."""
    notes: list[Note] = []
    index = len(units)
    while index > 0:
        unit = units[index - 1]
        if unit.heading or unit.line in overrides.keep_lines:
            break
        found = split_notes(unit)
        if not found:
            break
        notes = found + notes
        index -= 1
    return index, notes


def split_notes(unit: Unit) -> list[Note]:
    """Read one unit as a run of notes (a bio may carry a series sentence), or return [] for body text."""
    text, notes = unit.text, []
    bio = BIO.match(text)
    if bio and (BIO_ROLE.match(bio.group("rest")) or ORG_WORDS.search(bio.group("rest"))):
        # the name may hold initials ("CELESTEA. WALLANDER"): split sentences only after it
        name = bio.group("name")
        sentences = SENTENCE_SPLIT.split(text[len(name):])
        sentences[0] = name + sentences[0]
        notes.append(Note("bio", sentences.pop(0), unit.line))
    else:
        sentences = SENTENCE_SPLIT.split(text)
    for sentence in sentences:
        kind = classify_sentence(sentence)
        if kind:
            body = SOURCE.match(sentence).group("url") if kind == "source" else sentence
            notes.append(Note(kind, body, unit.line))
        elif notes:  # a further sentence of the same note
            notes[-1] = Note(notes[-1].kind, f"{notes[-1].text} {sentence}", notes[-1].line)
        else:
            return []
    return notes


@dataclass
class Header:
    end: int = 0  # index of the first body unit
    title: str = ""
    date: str = ""
    outlet: str = ""
    authors: list[FoundAuthor] = field(default_factory=list)
    raw_names: list[str] = field(default_factory=list)  # author names as written in the byline
    italic: list[Unit] = field(default_factory=list)  # italic lines: a standfirst, or a pull quote
    extra: list[str] = field(default_factory=list)  # unexplained short lines after the title
    removed: list[Removed] = field(default_factory=list)


def same_name(a: str, b: str) -> bool:
    """Compare names ignoring case, spaces and punctuation ("CELESTEA. WALLANDER" ~ "Celeste A. Wallander")."""
    squash = lambda s: re.sub(r"[\W_]+", "", s).lower()  # noqa: E731
    return bool(a) and squash(a) == squash(b)


def read_header(units: list[Unit], overrides: Overrides, bio_names: list[str], notes: list[Note]) -> Header:
    """Read title, byline, affiliation, date and outlet from the lines above the body."""
    header = Header()
    outlet_hint = outlet_from_notes(notes)
    plain: list[Unit] = []  # short lines no rule explained, in order
    after_byline = False
    for index, unit in enumerate(units):
        if unit.line in overrides.keep_lines or (unit.heading >= 2 and index > 0) or (
                unit.words >= PROSE_WORDS and not unit.italic and not unit.heading):
            header.end = index
            break
        header.end = index + 1
        text = unit.text
        byline = BYLINE.match(text)
        bullet = BULLET.sub("", text) if BULLET.match(text) else ""
        name, _, affiliation = text.partition(", ")
        if unit.heading == 1 and not header.title:
            header.title = text
        elif unit.italic:
            header.italic.append(unit)
        elif parse_date(text) and not header.date:
            header.date = parse_date(text)
        elif byline or (bullet and re.fullmatch(NAME, bullet)) or (
                text.upper() == text and re.fullmatch(NAME, text.title())):
            found = read_byline(byline.group(1) if byline else bullet or text)
            header.raw_names += [name for name, _ in found]
            header.authors += [FoundAuthor(title_case_name(name), affiliation) for name, affiliation in found]
            after_byline = True
            continue
        elif affiliation and re.fullmatch(NAME, name) and (
                any(same_name(name, b) for b in bio_names) or ORG_WORDS.search(affiliation)):
            header.raw_names.append(name)
            header.authors.append(FoundAuthor(name, affiliation))
        elif after_byline and header.authors and ORG_WORDS.search(text) and not header.authors[-1].affiliation:
            header.authors[-1] = FoundAuthor(header.authors[-1].name, text)
        elif outlet_hint and plain_key(text) == plain_key(outlet_hint):
            header.outlet = text
        else:
            plain.append(unit)
        after_byline = False
    else:
        header.end = len(units)
    place_title(header, plain)
    return header


def read_byline(text: str) -> list[tuple[str, str]]:
    """Names and affiliations of a byline: "Anna Smith, Senior Fellow, Example Institute and Bo Li"
    gives Anna Smith (Senior Fellow, Example Institute) and Bo Li. A comma-separated part with
    a word like Fellow or Institute belongs to the name before it; it is not another author."""
    found: list[tuple[str, str]] = []
    for part in re.split(r",\s+", text):
        pieces: list[str] = []
        for piece in re.split(r"\s+and\s+|\s*&\s*", re.sub(r"^(?:and|&)\s+", "", part)):
            if pieces and ORG_WORDS.search(piece):  # "Center for Strategic and International Studies"
                pieces[-1] += " and " + piece
            elif piece:
                pieces.append(piece)
        for piece in pieces:
            if found and ORG_WORDS.search(piece):
                name, affiliation = found[-1]
                found[-1] = (name, f"{affiliation}, {piece}" if affiliation else piece)
            else:
                found.append((piece, ""))
    return found


def place_title(header: Header, plain: list[Unit]) -> None:
    """Make the first unexplained line the title, unless it is a short label set right above another line."""
    if not header.title:
        while len(plain) > 1 and is_label(plain[0], plain[1]):
            header.removed.append(Removed(plain[0].line, plain[0].raw, "section label"))
            plain = plain[1:]
        if plain:
            header.title, plain = plain[0].text, plain[1:]
    header.extra = [u.text for u in plain]


def is_label(unit: Unit, following: Unit) -> bool:
    """A section label ("Conflict and Leadership"): a few words, no punctuation, no blank line below."""
    return following.line == unit.lines[-1] + 1 and unit.words <= 4 and not re.search(r"[^\w\s]", unit.text)


def outlet_from_notes(notes: list[Note]) -> str:
    """Name the outlet a disclaimer speaks for ("…the position of The Moscow Times.")."""
    for note in notes:
        m = DISCLAIMER_OUTLET.search(note.text) if note.kind == "disclaimer" else None
        if m:
            return m.group("org")
    return ""


def drop_pull_quotes(candidates: list[Unit], body: list[Unit]) -> tuple[list[Unit], list[Removed]]:
    """Remove italic lines whose words stand again inside a longer body paragraph."""
    texts = [(u, plain_key(u.text)) for u in body if not u.italic and not u.heading]
    removed: list[Removed] = []
    for unit in candidates:
        if not unit.italic:
            continue
        key = plain_key(unit.text)
        if key and any(key in other for other_unit, other in texts if other_unit is not unit and len(other) > len(key)):
            removed.append(Removed(unit.line, unit.raw, "pull quote"))
    gone = {r.line for r in removed}
    return [u for u in body if u.line not in gone], removed


def join_broken(units: list[Unit], overrides: Overrides, source: str) -> list[Block]:
    """Make blocks, joining paragraphs a page break cut mid-sentence (and words hyphenated across it)."""
    blocks: list[Block] = []
    for unit in units:
        if unit.heading:
            blocks.append(Block("heading", unit.text, tuple(unit.lines), max(2, unit.heading)))
            continue
        prev = blocks[-1] if blocks else None
        if prev and prev.kind == "paragraph" and continues(prev, unit, overrides):
            blocks[-1] = Block("paragraph", join_text(prev.text, unit.text, source), prev.lines + tuple(unit.lines))
        else:
            blocks.append(Block("paragraph", unit.text, tuple(unit.lines)))
    return blocks


def continues(prev: Block, unit: Unit, overrides: Overrides) -> bool:
    """Tell whether a unit carries on the sentence the previous paragraph broke off."""
    last = prev.lines[-1]
    if last in overrides.no_join_after:
        return False
    if last in overrides.join_after:
        return True
    if SENTENCE_END.search(prev.text):
        return False
    return unit.text[:1].islower() or (len(prev.text.split()) >= 12 and unit.words >= PROSE_WORDS)


def join_text(first: str, second: str, source: str) -> str:
    """Join two halves of a sentence; mend a word hyphenated across the break when the text spells it whole."""
    m = re.search(r"(\w+)-$", first)
    if m and second[:1].islower():
        head = m.group(1)
        tail = re.match(r"\w+", second).group(0)
        whole = head + tail
        spelled_whole = re.search(rf"\b{whole}\b", source, re.IGNORECASE)
        spelled_split = re.search(rf"\b{head}-{tail}\b", source, re.IGNORECASE)
        if spelled_whole or not spelled_split:
            return first[:-1] + second
        return first + second
    return f"{first} {second}"


def affiliation_from_bio(name: str, notes: list[Note]) -> str:
    """The institution a bio sentence places the author at ("… is an associate professor at the X." -> "X")."""
    for note in notes:
        if note.kind != "bio":
            continue
        # the whole note first: a name with initials ("CELESTE A. WALLANDER") must not be cut as a sentence
        for sentence in [note.text] + SENTENCE_SPLIT.split(note.text)[1:]:
            m = BIO.match(sentence)
            rest = m and SENTENCE_SPLIT.split(m.group("rest"))[0]
            if m and same_name(m.group("name"), name) and " at " in rest:
                place = rest.rsplit(" at ", 1)[1].rstrip(".")
                return re.sub(r"^the\s+", "", place)
    return ""


def repair_bio_names(notes: list[Note], names: list[str]) -> list[Note]:
    """Mend a byline name the copy glued together in the bio ("CELESTEA. WALLANDER" -> "CELESTE A. WALLANDER")."""
    repaired = []
    for note in notes:
        text = note.text
        if note.kind == "bio":
            for name in names:
                tokens = re.findall(r"[\w'’]+\.?", name)
                pattern = r"\s*".join(re.escape(t) for t in tokens)
                if tokens and re.match(pattern + r"\b", text, re.IGNORECASE):
                    text = re.sub("^" + pattern, name, text, count=1, flags=re.IGNORECASE)
                    break
        repaired.append(Note(note.kind, text, note.line))
    return repaired
