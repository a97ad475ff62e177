"""Text repair: a raw seed (a copied web page or print layout) -> body headings, paragraphs, list items, notes.

The cleaner works in this order, because each step needs the one before:
1. split the text into units (one per line, or one per hard-wrapped paragraph), leaving out lines
   a maintainer listed in `drop_lines`, and repair inline residue (link syntax, escapes,
   emphasis markers, spacing, quotes);
2. drop what is never text, a whole unit at a time: rules, site chrome, counters, captions with a
   credit, running heads repeated through the text, comment forms and "related" listings;
3. peel publisher notes and the author's bio off the end;
4. read the header (crosscut.header): title, byline, date, outlet, bios above the body;
5. drop pull quotes that repeat a body sentence;
6. shape the body: headings, list items, and paragraphs joined across page breaks.
Every line ends up somewhere a maintainer can see: in a block, a note, a metadata finding, or the
`removed` list with its reason; `python -m crosscut.inspect` prints that line by line.
Text from a seed is only ever matched, never used as a pattern or a replacement template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading" or "item" (a list item)
    text: str  # cleaned plain text, typographic quotes, single spaces; an item without its marker
    lines: tuple[int, ...]  # 1-based source lines it was made from
    level: int = 0  # heading level (2..6) for headings, 0 otherwise
    marker: str = ""  # a list item's marker as written ("1.", "[2]", "•"), "" otherwise
    rule: str = ""  # why the block is what it is, for inspect and doubts
    joined: tuple[int, ...] = ()  # first lines of the parts joined on across a break


@dataclass(frozen=True)
class Note:
    kind: str  # "bio", "series", "disclaimer", "note" (an editor's note) or "source"
    text: str  # the note as the source words it
    line: int  # source line it starts on
    lines: tuple[int, ...] = ()  # every source line it was made from


@dataclass(frozen=True)
class Removed:
    line: int  # source line
    text: str  # raw text of the line (or of the part of it that was cut)
    reason: str  # "rule", "chrome", "counter", "caption", "running head", "comments", "section label",
    # "pull quote", "repeated standfirst", "preamble", "override", "page number", …


@dataclass(frozen=True)
class FoundAuthor:
    name: str  # as stated, all-capital names put in title case
    affiliation: str  # "" when the byline gives none


@dataclass(frozen=True)
class Finding:
    field: str  # "title", "subtitle", "author", "affiliation", "date", "outlet", "series", "url", "bio", "label", …
    value: str  # what was read
    lines: tuple[int, ...]  # source lines it was read from
    rule: str  # the rule that read it, in words


@dataclass(frozen=True)
class Doubt:
    field: str  # "title", "authors", "date", "outlet" or "body"
    line: int  # source line the doubtful pick was made on
    message: str  # what was picked and why it could be wrong
    fix: str  # the metadata a maintainer writes to correct it ("title: \"…\"", "cleaning: {drop_lines: [4]}")


@dataclass(frozen=True)
class Cleaned:
    title: str  # "" when no title line was found
    subtitle: str  # standfirst under the title, "" when none
    authors: tuple[FoundAuthor, ...]  # empty when no byline or bio names one
    date: str  # ISO date "2013-12-05" / "2013-12" / "2013", "" when none stated
    outlet: str  # publication named by the text, "" when none
    series: str  # series or project the piece belongs to, "" when none
    url: str  # address of the original when the text gives it, else ""
    blocks: tuple[Block, ...]  # body: headings, paragraphs and list items in order
    notes: tuple[Note, ...]  # publisher notes and bio, in source order
    removed: tuple[Removed, ...]  # every dropped line with its reason
    found: tuple[Finding, ...] = ()  # how each metadata field was read: line and rule
    doubts: tuple[Doubt, ...] = ()  # picks that could be wrong, with the override that corrects them


@dataclass(frozen=True)
class Overrides:
    """Per-essay corrections for what no general rule can know (content/essays/*.yml: cleaning)."""

    drop_lines: frozenset[int] = frozenset()  # source lines to drop as chrome (any line, even inside a paragraph)
    keep_lines: frozenset[int] = frozenset()  # source lines that are body text whatever they look like
    join_after: frozenset[int] = frozenset()  # a paragraph ending on this line continues in the next
    no_join_after: frozenset[int] = frozenset()  # a paragraph ending on this line is complete
    heading_lines: frozenset[int] = frozenset()  # source lines that are section headings
    item_lines: frozenset[int] = frozenset()  # source lines that are list items
    paragraph_lines: frozenset[int] = frozenset()  # source lines that are plain paragraphs (not headings, items, notes)
    where: dict = field(default_factory=dict, compare=False)  # override key -> its line in the metadata file


# ---------------------------------------------------------------- patterns

NET = r"(?:twitter|facebook|linkedin|x|whatsapp|e-?mail|reddit|telegram|vk|weibo|wechat)"
# whole units that are site chrome, compared after lower-casing and stripping end punctuation
CHROME_LABELS = {
    "print", "email", "e-mail", "share", "share this", "share this article", "share this post", "share this page",
    "share this story", "share this post with your friends", "advertisement", "comments", "comment", "subscribe",
    "subscribe now", "back to top", "back to top button", "skip to content", "skip to main content", "read more",
    "related posts", "related articles", "related stories", "related content", "you might also like",
    "you may also like", "most read", "most popular", "recommended", "recommended for you", "printable pdf",
    "print article", "print this page", "order reprints", "leave a reply", "leave a comment", "post a comment",
    "no comments", "view original", "table of contents", "available downloads", "access options", "transcript",
    "category", "categories", "loading facebook comments", "loading comments", "sign in", "log in", "sign up",
    "connecting to %s", "wordpress.com logo", "google photo", "twitter picture", "facebook photo",
}
# a label and a short tail: the whole unit is chrome only when the tail is short and not a sentence
CHROME_PREFIX = re.compile(
    r"""^(?:language\s*:|tags?\s*:|topics?\s*:|filed\s+under\s*:|posted\s+in\b|categor(?:y|ies)\s*:|upload(?:ed)?(?:\s+by)?\s*:
      | more\s+from\b|read\s+(?:also|next|more)\s*:|see\s+also\s*:|related\s*:|follow\s+us\b|sign\s+up\b|share\s+(?:on|via)\s+{net}
      | (?:photo|image|picture|illustration)(?:\s+credits?)?\s*:|contents\s+lists\s+available\s+at\b|journal\s+homepage\s*:
      | you\s+can\s+also\s+search\s+for\s+this\s+author\b|you\s+are\s+commenting\s+(?:using|with)\b)""".replace("{net}", NET),
    re.IGNORECASE | re.VERBOSE)
SHARE_ROW = re.compile(rf"^share\s+(?:on|via)\s+{NET}(?:\s*[|·,/]\s*(?:share\s+(?:on|via)\s+)?{NET})*$", re.IGNORECASE)
COUNTER = re.compile(r"""^(?:\(?\d[\d,.]*\s*(?:views?|downloads?|comments?|shares?|likes?|reads?|responses?|min(?:ute)?s?(?:\s+read)?)\)?
                       | \(visited\s+\d[\d,]*\s+times?(?:,\s*\d+\s+visits?\s+today)?\)
                       | \d{1,3}(?:,\d{3})+ | \d{4,})$""", re.IGNORECASE | re.VERBOSE)
CALL_TO_ACTION = re.compile(r"^(?:get|subscribe|sign\s+up|join|start|try|download|support|donate|register|become)\b.*"
                            r"\b(?:free|trial|off|now|today|newsletter|subscri\w*|members?(?:hip)?|premium|gold|app|channel|"
                            r"journal|quotes|news)\b", re.IGNORECASE)
PITCH = re.compile(r"\b(?:my|our)\s+newsletter\b|\brecommended\s+by\s+(?:over\s+)?\d+|\d+%\s+off\b|\bget\s+live\b", re.IGNORECASE)
BANNER_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# a clock widget whose time may be lost: "10:45 in Kyiv (EET)", ": :inin Kyiv (EET)"
CLOCK = re.compile(r"^[\d\s:.]*(?:[ap]\.?m\.?\s*)?(?:in)+\s+[A-Z][\w.’' -]{1,30}?\s*\((?:UTC|GMT|MSK|[A-Z]{1,3}[SD]?T)\)$")
GLUED_WORDS = re.compile(r"^(?:[A-Z][a-z]+){3,}$")  # "FacebookTwitterTelegram", "EconomyFeaturesEnergyWorld"
BROWSER_NOTICE = re.compile(r"\b(?:you\s+are\s+using\s+a\s+browser|compatibility\s+mode|enable\s+javascript|"
                            r"we\s+use\s+cookies|accept\s+(?:all\s+)?cookies)\b", re.IGNORECASE)
EMBED = re.compile(r"^see\s+this\s+.{1,60}\s+in\s+the\s+original\s+(?:post|article)\.?$", re.IGNORECASE)
CREDIT = re.compile(r"\((?P<credit>[^()]{2,60})\)\.?$")
LISTING = re.compile(r"^(?:you\s+(?:might|may)\s+also\s+like|related\s+\w+|read\s+more|more\s+from\b.*|"
                     r"recommended(?:\s+\w+)?|most\s+(?:read|popular)|access\s+options)[.:]?$", re.IGNORECASE)
COMMENT_FORM = re.compile(r"^(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|\d+\s+comments?|no\s+comments:?|"
                          r"comments\s+\(\d+\)|join\s+the\s+(?:conversation|discussion))$", re.IGNORECASE)
# a sentence a teaser cut off after its first words, at the very end: "… gas supply and pricing. Oslo [...]"
TRUNCATED = re.compile(r"(?:(?<=[.!?][”’\"'])|(?<=[.!?]))\s+[^.!?\[\]]{1,60}?\s*\[(?:\.\.\.|…)\]$")
TRAILING_MORE = re.compile(r"\s*(?:…\s*read\s+more|read\s+more\s*…|continue\s+reading\s*[»…]?|read\s+more\s*»)$", re.IGNORECASE)
RULE = re.compile(r"^\s*([-*_•·])(?:\s*\1){2,}\s*$")
# a print page number on a line of its own: "12", "- 12 -", "Page 12 of 30", "1/9" (never four digits: a year)
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3}|\s*/\s*\d{1,3})?(?:\s*[-–—])?$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ITALIC_LINE = re.compile(r"^\s*([*_])(?!\1)(.+)\1\s*$")
BULLET = re.compile(r"^[•·▪‣●◦*\-–—]\s+")
ITEM = re.compile(r"^(?P<marker>[•·▪‣●◦*\-–—]|\(?\d{1,2}[.)]|\[\d{1,2}\]|\(?[a-z][.)])\s+(?P<text>\S.*)$")
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}\.|\d{1,2}(?:\.\d{1,2})+\.?)\s+[A-Z]")  # "1. Introduction", "2.3 Trade"
ORG_WORDS = re.compile(
    r"\b(?:University|Center|Centre|Institute|School|College|Council|Foundation|Program|Programme|"
    r"Academy|Club|Society|Association|Endowment|Fund|Commission|Ministry|Department|Professor|"
    r"Fellow|Director|Lecturer|Researcher|Editor|Correspondent|Studies)\b")
NAME = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,4}"
# "Jane Doe is a professor …", "Jane Doe, managing partner at X, was …"
BIO = re.compile(rf"^(?P<name>{NAME})(?:,\s+(?P<role>.{{3,200}}?),)?\s+(?:is|was|has\s+been|serves\s+as)\s+(?P<rest>.*)$")
BIO_ROLE = re.compile(
    r"^(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:professor|fellow|director|researcher|lecturer|journalist|"
    r"editor|correspondent|analyst|scholar|author|writer|chair|president|head|member|ambassador|"
    r"diplomat|student|expert|graduate)\b", re.IGNORECASE)
SERIES = re.compile(r"^this\s+(?:post|article|essay|piece|commentary)\s+(?:is|was)\s+part\s+of\s+", re.IGNORECASE)
SERIES_NAME = re.compile(r"part\s+of\s+(?:the\s+)?(?P<series>.+?)\s+(?:project|series)\b", re.IGNORECASE)
DISCLAIMER = re.compile(r"^(?:the\s+)?(?:views|opinions)\s+expressed\b", re.IGNORECASE)
EDITOR_NOTE = re.compile(r"^(?:note|editor[’']?s\s+note)\s*:", re.IGNORECASE)
EDITOR_INTRO = re.compile(r"\bwe(?:['’]re|\s+are)\s+(?:pleased|proud|delighted|happy)\s+to\s+(?:present|publish|share)\b",
                          re.IGNORECASE)
SOURCE = re.compile(r"^(?:original\s+url|source|originally\s+published(?:\s+at)?|url|doi)\s*:\s*<?(?P<url>https?://\S+?)>?$",
                    re.IGNORECASE)
# a line after the body that names where the piece first appeared, by name rather than address:
# "Source:: Eastbrook Institution", "Read Here – The Atlantic Ledger", "Originally published in The Ledger"
SOURCE_NAME = re.compile(r"^(?:source|via|read\s+(?:it\s+)?here|read\s+the\s+(?:full\s+|original\s+)?(?:article|story|piece)"
                         r"(?:\s+here)?|(?:originally|first)\s+(?:published|appeared)\s+(?:in|at|by)|reposted\s+from)"
                         r"(?:\s*[:–—-]+\s*|\s+)(?P<outlet>[^\s:–—-].{0,80}?)\.?$", re.IGNORECASE)
# a kiosk's or magazine's edition note: "This story is from the March 11, 2022 edition of The Northern Weekly."
EDITION = re.compile(r"^this\s+(?:story|article|essay|piece|review|interview|commentary)\s+(?:is|was)\s+(?:from|taken\s+from|"
                     r"(?:first\s+|originally\s+)?(?:published|printed)\s+in|appeared\s+in)\s+the\s+(?P<when>.{3,40}?)\s+"
                     r"(?:print\s+)?(?:edition|issue)\s+of\s+(?P<outlet>[A-Z].{1,80}?)\.?$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;)\]\"”’]$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
PROSE_WORDS = 15  # a unit this long (or longer) is text, not a header line
SENTENCE_WORDS = 12  # a complete sentence this long is text too ("… fisheries minister Kari Lunde told reporters.")
NAME_COMMA = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3},\s")  # "Hanna Virtanen, Professor at …"
WRAP_WIDTH = 100  # hard-wrapped text breaks its lines before this width; a longer line is a paragraph of its own


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
    glued: bool = False  # cut from a longer unit it was run into (a byline glued to the first sentence)
    rule_below: str = ""  # the rule (a line of dashes, a lone dash, "* * *") that stood right below it and was dropped


def split_units(text: str, dropped: frozenset[int] = frozenset()) -> list[Unit]:
    """Cut the text into units: blank-line separated blocks, or single lines when a block holds short or long lines.

    A block is one hard-wrapped paragraph only when every line but the last is of wrapping width;
    web pages copied as text put one paragraph per line, with no blank line between them.
    Lines in `dropped` are left out, so a maintainer can drop any line, even inside a paragraph.
    """
    units: list[Unit] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        wrapped = (len(block) > 1 and all(50 < len(t.strip()) <= WRAP_WIDTH for _, t in block[:-1])
                   and not all(NAME_COMMA.match(t.strip()) for _, t in block))  # stacked bylines are not a paragraph
        groups = [block] if wrapped else [[item] for item in block]
        for group in groups:
            units.append(Unit(group[0][0], " ".join(t.strip() for _, t in group), lines=[n for n, _ in group]))
        block.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if number in dropped:
            continue
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


def is_prose(unit: Unit) -> bool:
    """Text rather than a header line: long, or a complete sentence of some length."""
    if unit.italic or unit.heading:
        return False
    return unit.words >= PROSE_WORDS or (unit.words >= SENTENCE_WORDS and bool(re.search(r"[.!?…][”’\"']?$", unit.text)))


# ---------------------------------------------------------------- the cleaner


def clean_text(text: str, overrides: Overrides = Overrides()) -> Cleaned:
    """Turn one raw seed into title, byline, body blocks and notes, recording how each was found."""
    lines = text.splitlines()
    removed = [Removed(n, lines[n - 1], "override") for n in sorted(overrides.drop_lines) if 0 < n <= len(lines)]
    doubts: list[Doubt] = []
    banner_dates: list[Finding] = []
    units, labels = [], []  # labels: where a "Related posts"-style label stood among the units
    for unit in split_units(text, overrides.drop_lines):
        reason = drop_reason(unit, overrides)
        if reason:
            removed.append(Removed(unit.line, unit.raw, reason))
            if reason == "rule" and units:
                units[-1].rule_below = unit.raw.strip()
            m = BANNER_DATE.match(unit.text)
            if m:
                banner_dates.append(Finding("date", m.group("date"), tuple(unit.lines), "date in a banner line"))
            if reason == "chrome" and (LISTING.match(unit.text) or COMMENT_FORM.match(unit.text)):
                labels.append((len(units), unit))
        else:
            units.append(unit)
    for start, label in reversed(labels):
        units, listed = (drop_comments if COMMENT_FORM.match(label.text) else drop_listing)(units, start)
        removed += listed
    units, repeated = drop_running_heads(units, overrides)
    removed += repeated
    units, cut = cut_trailing_more(units)
    removed += cut
    units = header.split_lead_bylines(units, overrides)

    tail_start, notes = read_tail(units, overrides)
    head = header.read_header(units[:tail_start], overrides, notes, banner_dates)
    removed += head.removed
    body_units = head.lede + units[head.end:tail_start]
    body_units, top_notes = peel_editor_note(body_units, overrides)

    body_units, pulled = drop_pull_quotes(body_units + head.italic, body_units, overrides)
    removed += pulled
    gone = {r.line for r in pulled}
    subtitle = " ".join([u.text for u in head.italic if u.line not in gone] + head.subtitle)
    for unit in head.italic:
        if unit.line not in gone:
            head.find("subtitle", unit.text, unit, "italic line under the title")
    body_units, front = drop_front_matter(body_units, overrides)
    removed += front
    body_units, captions = drop_body_captions(body_units, overrides)
    removed += captions
    doubts += [Doubt("body", r.line, f"line {r.line} was dropped as a photo caption inside the body: '{r.text.strip()[:60]}'",
                     f"cleaning: {{keep_lines: [{r.line}]}}") for r in captions]
    blocks, shape_doubts = shape_body(body_units, overrides, text)
    doubts += shape_doubts

    credits = [n for n in notes if n.kind in ("credit", "edition")]  # read as metadata below, never shown as notes
    notes = [n for n in notes if n not in credits]
    removed += [Removed(line, lines[line - 1], "source line" if n.kind == "credit" else "edition note")
                for n in credits for line in n.lines or (n.line,)]
    notes = repair_bio_names(head.bios + top_notes + notes, head.raw_names)
    authors, found = list(head.authors), list(head.found)
    bios = [n for n in notes if n.kind == "bio"]
    if not authors:
        for note in bios:
            for name in [header.bio_name(note.text)] + [header.bio_name(s) for s in SENTENCE_SPLIT.split(note.text)[1:]
                                                       if header.person_name(header.bio_name(s))]:
                if name:
                    authors.append(FoundAuthor(title_case_name(name), ""))
                    found.append(Finding("author", title_case_name(name), note.lines or (note.line,), "name that opens a bio"))
                    doubts.append(Doubt("authors", note.line, f"the author '{title_case_name(name)}' was taken from a bio "
                                        f"(line {note.line}), not from a byline", "authors: [{name: …, affiliation: …}]"))
    for index, author in enumerate(authors):
        if not author.affiliation:
            place = header.affiliation_from_bio(author.name, notes)
            if place:
                authors[index] = FoundAuthor(author.name, place)
                bio = next((n for n in bios if header.same_name(header.bio_name(n.text), author.name)), bios[0])
                found.append(Finding("affiliation", place, bio.lines or (bio.line,), "place named in the bio"))
    outlet = head.outlet or header.outlet_from_notes(notes)
    if outlet and not head.outlet:
        disclaimer = next((n for n in notes if n.kind == "disclaimer"), notes[0])
        found.append(Finding("outlet", outlet, disclaimer.lines or (disclaimer.line,), "disclaimer names the outlet"))
    outlet, date, credited = read_credits(credits, outlet, head.date)
    found += credited
    series = next((m.group("series") for n in notes if n.kind == "series" for m in [SERIES_NAME.search(n.text)] if m), "")
    url = next((n for n in notes if n.kind == "source"), None)
    for name, note in (("series", next((n for n in notes if n.kind == "series"), None)), ("url", url)):
        if note is not None and (name != "series" or series):
            found.append(Finding(name, series if name == "series" else note.text, note.lines or (note.line,),
                                 "series note" if name == "series" else "source line after the body"))
    doubts += head.doubts + header.title_position_doubts(head, lines, removed) + body_start_doubts(removed, blocks, head)

    return Cleaned(
        title=head.title,
        subtitle=subtitle,
        authors=tuple(authors),
        date=date,
        outlet=outlet,
        series=series,
        url=url.text if url else "",
        blocks=tuple(blocks),
        notes=tuple(n for n in notes if n.kind != "source"),
        removed=tuple(sorted(removed, key=lambda r: r.line)),
        found=tuple(found),
        doubts=tuple(sorted(doubts, key=lambda d: d.line)),
    )


# ---------------------------------------------------------------- chrome


def read_credits(credits: list[Note], outlet: str, date: str) -> tuple[str, str, list[Finding]]:
    """Outlet and date from the source lines and edition notes after the body, where the header named none."""
    found = []
    for note in credits:
        where = note.lines or (note.line,)
        m = EDITION.match(note.text)
        name = m.group("outlet") if m else note.text
        found.append(Finding("outlet" if not outlet else "other outlet", name, where,
                             "source line after the body" if note.kind == "credit" else "edition note after the body"))
        outlet = outlet or name
        iso = header.parse_date(m.group("when")) if m else ""
        if iso:
            found.append(Finding("date" if not date else "other date", iso, where, "date of the edition named after the body"))
            date = date or iso
    return outlet, date, found


def drop_reason(unit: Unit, overrides: Overrides) -> str:
    """Say why a whole unit is never text (rule, chrome, counter, page number, caption), or return ""."""
    if set(unit.lines) & (overrides.keep_lines | overrides.heading_lines | overrides.item_lines | overrides.paragraph_lines):
        return ""
    if RULE.match(unit.raw) or not re.search(r"\w", unit.text):
        return "rule"
    if unit.heading:
        return ""
    if is_chrome(unit.text):
        return "chrome"
    if CLOCK.match(unit.text):
        return "clock"
    if PAGE_NUMBER.match(unit.text):
        return "page number"
    if COUNTER.match(unit.text) and not (unit.text.isdigit() and len(unit.text) == 4 and 1000 <= int(unit.text) < 2100):
        return "counter"
    if is_credited_caption(unit.text):
        return "caption"
    return ""


def is_chrome(text: str) -> bool:
    """Tell whether a whole unit is site chrome. Its first words alone never decide: a sentence is kept."""
    words = len(text.split())
    if text.lower().rstrip(" .:!…") in CHROME_LABELS or SHARE_ROW.match(text) or GLUED_WORDS.match(text):
        return True
    if words <= 12 and CHROME_PREFIX.match(text) and not re.search(r"[.!?]$", text.rstrip(" )")):
        return True
    if words <= 25 and (CALL_TO_ACTION.match(text) or PITCH.search(text)):
        return True
    if words <= 60 and BROWSER_NOTICE.search(text) or EMBED.match(text):
        return True
    segments = [s.strip() for s in text.strip("| ").split("|")]
    if "|" in text and len(segments) >= 2 and all(len(s.split()) <= 4 and not re.search(r"[.!?]$", s) for s in segments):
        # a bar of categories ("| Foreign Policy | Energy |") or of facts with a counter ("Posted in Europe | 3 Comments")
        return text.startswith("|") or text.endswith("|") or any(COUNTER.match(s) or COMMENT_FORM.match(s) for s in segments)
    return False


def is_credited_caption(text: str) -> bool:
    """A photo caption ending in its credit: "… in Geneva on October 30 (HARBOUR PRESS)", "(Photo: AAP)."."""
    m = CREDIT.search(text)
    if not m or len(text.split()) > 45 or m.start() == 0:
        return False
    credit = m.group("credit")
    return ("/" in credit or re.match(r"(?:photo|image|picture|credit)", credit, re.IGNORECASE) is not None
            or (credit.upper() == credit and len(credit.split()) >= 2))


def drop_listing(units: list[Unit], start: int) -> tuple[list[Unit], list[Removed]]:
    """Drop the headlines listed under a "Related posts" label, when only notes or nothing follow them."""
    end = start
    while end < len(units) and units[end].words < PROSE_WORDS and not re.search(r"[.!:;]$", units[end].text):
        end += 1
    if end == start or (end < len(units) and not split_notes(units[end])):
        return units, []
    return units[:start] + units[end:], [Removed(u.line, u.raw, "chrome") for u in units[start:end]]


def drop_comments(units: list[Unit], start: int) -> tuple[list[Unit], list[Removed]]:
    """Drop a comment section (its label was "Leave a Reply", "3 Comments" …) to the end, except notes."""
    kept = [u for u in units[start:] if split_notes(u)]
    return units[:start] + kept, [Removed(u.line, u.raw, "comments") for u in units[start:] if u not in kept]


def drop_running_heads(units: list[Unit], overrides: Overrides) -> tuple[list[Unit], list[Removed]]:
    """Drop short lines repeated through the text (a PDF's running heads), and a line repeated right below itself."""
    counts: dict[str, int] = {}
    for unit in units:
        counts[plain_key(unit.text)] = counts.get(plain_key(unit.text), 0) + 1
    kept, removed = [], []
    for index, unit in enumerate(units):
        key = plain_key(unit.text)
        if set(unit.lines) & overrides.keep_lines or unit.italic or unit.heading or unit.words > 12 or not key:
            kept.append(unit)
        elif index and plain_key(units[index - 1].text) == key:
            removed.append(Removed(unit.line, unit.raw, "repeated line"))
        elif counts[key] > 1 and not any(plain_key(u.text) == key for u in units[index + 1:index + 2] + units[index - 1:index]) \
                and not re.search(r"[.!?]$", unit.text):
            removed.append(Removed(unit.line, unit.raw, "running head"))
        else:
            kept.append(unit)
    return kept, removed


def cut_trailing_more(units: list[Unit]) -> tuple[list[Unit], list[Removed]]:
    """Cut "Read more…" or "Continue reading »" run on at the end of a paragraph, and the first words of a sentence
    a teaser cut off with "[...]" at the very end of the text ("… gas supply and pricing. Oslo [...]")."""
    removed = []
    for index, unit in enumerate(units):
        m = TRAILING_MORE.search(unit.text)
        if m and m.start() > 0:
            removed.append(Removed(unit.lines[-1], m.group(0).strip(), "chrome"))
            unit.text = unit.text[:m.start()].rstrip()
            unit.words = len(unit.text.split())
        m = TRUNCATED.search(unit.text) if index == len(units) - 1 else None
        if m:
            removed.append(Removed(unit.lines[-1], m.group(0).strip(), "truncated sentence"))
            unit.text = unit.text[:m.start()].rstrip()
            unit.words = len(unit.text.split())
    return units, removed


KEYWORDS = re.compile(r"^(?:keywords?|key\s+words|jel(?:\s+(?:codes?|classification))?)\s*:\s*(?P<list>.+)$", re.IGNORECASE)


def drop_front_matter(units: list[Unit], overrides: Overrides) -> tuple[list[Unit], list[Removed]]:
    """Drop a keywords or JEL line set after the abstract: a label and a list of short terms is never body text."""
    kept, removed = [], []
    for unit in units:
        m = KEYWORDS.match(unit.text)
        terms = re.split(r"[,;]\s*", m.group("list").rstrip(". ")) if m else []
        if m and not set(unit.lines) & overrides.keep_lines and all(len(t.split()) <= 5 for t in terms):
            removed.append(Removed(unit.line, unit.raw, "keywords"))
        else:
            kept.append(unit)
    return kept, removed


def drop_body_captions(units: list[Unit], overrides: Overrides) -> tuple[list[Unit], list[Removed]]:
    """Drop a caption between paragraphs: a short descriptive line, no end punctuation, ending in a place name."""
    kept, removed = [], []
    for index, unit in enumerate(units):
        before = units[index - 1] if index else None
        if (before is not None and not set(unit.lines) & overrides.keep_lines and 6 <= unit.words <= 30
                and re.search(r",\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?$", unit.text) and unit.text[:1].isupper()
                and re.search(r"[.!?]$", before.text) and not unit.heading and not ITEM.match(unit.text)):
            removed.append(Removed(unit.line, unit.raw, "caption"))
        else:
            kept.append(unit)
    return kept, removed


# ---------------------------------------------------------------- notes


def classify_sentence(sentence: str) -> str:
    """Name the kind of note a sentence starts, or return ""."""
    if SOURCE.match(sentence):
        return "source"
    m = SOURCE_NAME.match(sentence)
    if m and len(m.group("outlet").split()) <= 8 and not re.search(r"[.!?]\s", m.group("outlet")):
        return "credit"
    if EDITION.match(sentence):
        return "edition"
    if SERIES.match(sentence):
        return "series"
    if DISCLAIMER.match(sentence):
        return "disclaimer"
    if EDITOR_NOTE.match(sentence):
        return "note"
    return ""


def read_tail(units: list[Unit], overrides: Overrides) -> tuple[int, list[Note]]:
    """Peel notes off the end: bio, series, disclaimer and source lines; return where the body ends."""
    notes: list[Note] = []
    index = len(units)
    while index > 0:
        unit = units[index - 1]
        if unit.heading or set(unit.lines) & (overrides.keep_lines | overrides.paragraph_lines):
            break
        found = split_notes(unit)
        if not found:
            break
        notes = found + notes
        index -= 1
    return index, notes


def split_notes(unit: Unit) -> list[Note]:
    """Read one unit as a run of notes (a bio may carry a series sentence), or return [] for body text."""
    text, notes, lines = unit.text, [], tuple(unit.lines)
    bio = BIO.match(text)
    if bio and (BIO_ROLE.match(bio.group("rest")) or ORG_WORDS.search(bio.group("rest"))):
        # the name may hold initials ("CELESTEA. WALLANDER"): split sentences only after it
        name = bio.group("name")
        sentences = SENTENCE_SPLIT.split(text[len(name):])
        sentences[0] = name + sentences[0]
        notes.append(Note("bio", sentences.pop(0), unit.line, lines))
    else:
        sentences = SENTENCE_SPLIT.split(text)
    for sentence in sentences:
        kind = classify_sentence(sentence)
        if kind:
            body = (SOURCE.match(sentence).group("url") if kind == "source" else
                    SOURCE_NAME.match(sentence).group("outlet").strip() if kind == "credit" else sentence)
            notes.append(Note(kind, body, unit.line, lines))
        elif notes:  # a further sentence of the same note
            notes[-1] = Note(notes[-1].kind, f"{notes[-1].text} {sentence}", notes[-1].line, lines)
        else:
            return []
    return notes


def peel_editor_note(units: list[Unit], overrides: Overrides) -> tuple[list[Unit], list[Note]]:
    """An editor's note above the body ("… we're pleased to present the second-place essay.") is a note."""
    if units and not set(units[0].lines) & (overrides.keep_lines | overrides.paragraph_lines) and units[0].words <= 60 \
            and (EDITOR_INTRO.search(units[0].text) or EDITOR_NOTE.match(units[0].text)) and len(units) > 1:
        return units[1:], [Note("note", units[0].text, units[0].line, tuple(units[0].lines))]
    return units, []


# ---------------------------------------------------------------- the body


def drop_pull_quotes(candidates: list[Unit], body: list[Unit], overrides: Overrides) -> tuple[list[Unit], list[Removed]]:
    """Remove pull quotes: italic lines, or short lines set apart, whose words stand again inside a longer paragraph."""
    texts = [(u, plain_key(u.text)) for u in body if not u.italic and not u.heading]
    removed: list[Removed] = []
    for unit in candidates:
        if set(unit.lines) & (overrides.keep_lines | overrides.paragraph_lines) or unit.heading:
            continue
        if not unit.italic and not (6 <= unit.words <= 40 and unit.text[:1] in "…“\"‘'" + "…"):
            continue
        key = plain_key(unit.text)
        if key and any(key in other for other_unit, other in texts if other_unit is not unit and len(other) > len(key)):
            removed.append(Removed(unit.line, unit.raw, "pull quote"))
    gone = {r.line for r in removed}
    return [u for u in body if u.line not in gone], removed


def shape_body(units: list[Unit], overrides: Overrides, source: str) -> tuple[list[Block], list[Doubt]]:
    """Make blocks: headings, list items, and paragraphs joined across page breaks (and hyphenated words)."""
    blocks: list[Block] = []
    doubts: list[Doubt] = []
    for index, unit in enumerate(units):
        before = units[index - 1] if index else None
        after = units[index + 1] if index + 1 < len(units) else None
        kind, rule, doubt = body_shape(unit, before, after, overrides)
        if doubt:
            doubts.append(Doubt("body", unit.line, doubt, f"cleaning: {{paragraph_lines: [{unit.line}]}}"))
        prev = blocks[-1] if blocks else None
        if kind == "heading":
            blocks.append(Block("heading", unit.text, tuple(unit.lines), max(2, unit.heading or 2), rule=rule))
        elif kind == "item":
            m = ITEM.match(unit.text)
            marker, text = (m.group("marker"), m.group("text")) if m else ("", unit.text)
            blocks.append(Block("item", text, tuple(unit.lines), marker=marker, rule=rule))
        elif prev and prev.kind in ("paragraph", "item") and continues(prev, unit, overrides):
            blocks[-1] = Block(prev.kind, join_text(prev.text, unit.text, source), prev.lines + tuple(unit.lines),
                               marker=prev.marker, rule=prev.rule, joined=prev.joined + (unit.line,))
        else:
            blocks.append(Block("paragraph", unit.text, tuple(unit.lines), rule=rule))
    return blocks, doubts


def body_shape(unit: Unit, before: Unit | None, after: Unit | None, overrides: Overrides) -> tuple[str, str, str]:
    """Say what a body unit is: ("heading" | "item" | "paragraph", the rule, a doubt or "")."""
    lines = set(unit.lines)
    if lines & overrides.heading_lines:
        return "heading", "marked a heading in the metadata (heading_lines)", ""
    if lines & overrides.item_lines:
        return "item", "marked a list item in the metadata (item_lines)", ""
    if lines & overrides.paragraph_lines:
        return "paragraph", "marked a paragraph in the metadata (paragraph_lines)", ""
    if unit.heading:
        return "heading", "markdown heading (## …)", ""
    text = unit.text
    follows_text = (after is not None and (is_prose(after) or after.words >= 8) and not ITEM.match(after.text)
                    and not after.text[:1].islower())  # a lower-case start carries on the line above: not a heading
    after_break = before is None or bool(re.search(r"[.!?…:”’\"]$", before.text))
    letter = re.search(r"[^\W\d_]", text)
    short = unit.words <= 12 and not re.search(r"[.,;:]$", text) and bool(letter) and letter.group(0).isupper() \
        and not unit.italic
    if NUMBERED_HEADING.match(text) and short and follows_text and after_break:
        return "heading", "numbered line between paragraphs (1. Introduction)", ""
    if ITEM.match(text):
        return "item", "line opening with a list marker", ""
    if short and follows_text and after_break and not re.match(r"[“\"‘'(\[]", text) and not re.match(r"\w+:\s", text):
        long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
        title_case = long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
        if (title_case or text.isupper() or unit.words <= 5) and not text.endswith("?"):
            return "heading", "short line between paragraphs", ""
        return "heading", "short line between paragraphs", (
            f"line {unit.line} was read as a subheading (a short line between paragraphs): '{text[:60]}'; "
            "if it is text or a caption, say so")
    return "paragraph", "", ""


def continues(prev: Block, unit: Unit, overrides: Overrides) -> bool:
    """Tell whether a unit carries on the sentence the previous paragraph or item broke off."""
    last = prev.lines[-1]
    if last in overrides.no_join_after:
        return False
    if last in overrides.join_after:
        return True
    if SENTENCE_END.search(prev.text) or set(unit.lines) & (overrides.paragraph_lines | overrides.item_lines):
        return False
    if prev.kind == "item":
        return unit.text[:1].islower()  # "• On" / "several questions …"; never the length rule for a list
    return unit.text[:1].islower() or (len(prev.text.split()) >= 12 and unit.words >= PROSE_WORDS)


def join_text(first: str, second: str, source: str) -> str:
    """Join two halves of a sentence; mend a word hyphenated across the break when the text spells it whole."""
    m = re.search(r"(\w+)-$", first)
    if m and second[:1].islower():
        head = m.group(1)
        tail = re.match(r"\w+", second).group(0)
        whole = head + tail
        spelled_whole = re.search(rf"\b{re.escape(whole)}\b", source, re.IGNORECASE)
        spelled_split = re.search(rf"\b{re.escape(head)}-{re.escape(tail)}\b", source, re.IGNORECASE)
        if spelled_whole or not spelled_split:
            return first[:-1] + second
        return first + second
    return f"{first} {second}"


def body_start_doubts(removed: list[Removed], blocks: list[Block], head) -> list[Doubt]:
    """Warn when the body starts only after several skipped lines: text may have been taken for chrome."""
    if not blocks:
        return []
    start = min(blocks[0].lines)
    skipped = [r for r in removed if r.line < start and re.search(r"\w", r.text)
               and r.reason in ("chrome", "counter", "caption", "preamble", "running head", "repeated line", "comments")]
    if len(skipped) < 4:
        return []
    return [Doubt("body", start, f"the body starts on line {start}, after {len(skipped)} lines dropped as chrome or "
                  f"preamble (lines {', '.join(str(r.line) for r in skipped[:6])}{'…' if len(skipped) > 6 else ''})",
                  f"cleaning: {{keep_lines: [{skipped[-1].line}]}}")]


def repair_bio_names(notes: list[Note], names: list[str]) -> list[Note]:
    return header.repair_bio_names(notes, names)


# The header reader builds on the units and patterns above, so it is imported last.
from . import header  # noqa: E402
