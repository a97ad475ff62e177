"""Reading the header of a raw text: title, byline, affiliations, date, outlet, and bios set above the body.

The header is the run of units before the body: short lines, and any prose (a standfirst, a bio, a
lede) that a byline, a date or a bio still follows within a few units. It is read in two passes,
because a line's meaning depends on its neighbours: first each unit is classified on its own
(a date, a byline, a bio, a label, a plain candidate line), then the title is chosen among the
candidates by where they stand against the byline and date.

Every field records how it was found (a Finding: line and rule), and every pick that could be
wrong adds a Doubt that names the line and the override that corrects it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from .clean import (BIO, BIO_ROLE, BULLET, NAME, ORG_WORDS, SENTENCE_SPLIT, SENTENCE_WORDS, Doubt, Finding, FoundAuthor,
                    Note, Overrides, Removed, Unit, is_prose, plain_key, title_case_name)

# ---------------------------------------------------------------- dates

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATES = [
    re.compile(rf"^{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{MONTH}\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^{MONTH}\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
    re.compile(r"^(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})$"),  # 14.05.2007, as European sites write it
]
DATE_LABEL = re.compile(r"^(?:(?:first\s+)?published|posted|date)(?:\s+on)?\s*:?\s+", re.IGNORECASE)
DATE_TIME = re.compile(r"\s*(?:[|,·/–-]\s*)?(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$", re.IGNORECASE)
WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+", re.IGNORECASE)
# separators that set a date beside other facts on one line: "By X · 2024-11-04 · Source: …", "… | site.org"
FACT_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s{2,}·\s*")
WEB_ADDRESS = re.compile(r"\s(?:https?://|www\.)\S+$", re.IGNORECASE)


def parse_date(text: str) -> str:
    """Read a stated date ("December 05, 2013", "Published: Apr 06, 2021 | 10:30 AM") as ISO, or return ""."""
    text = text.strip().strip("|·•").strip()  # a separator left over from a row of facts: "|March 11, 2022"
    text = DATE_TIME.sub("", DATE_LABEL.sub("", WEEKDAY.sub("", text)))
    for pattern in DATES:
        m = pattern.match(text)
        if not m:
            continue
        month = m.group("month")
        month = int(month) if month.isdigit() else next(v for k, v in MONTHS.items() if k.startswith(month[:3].lower()))
        day = m.groupdict().get("day")
        year = int(m.group("year"))
        if not year or not 1 <= month <= 12 or (day and not 1 <= int(day) <= calendar.monthrange(year, month)[1]):
            return ""
        return f"{m.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return ""


def date_in_facts(text: str) -> tuple[str, list[str]]:
    """A date set among other facts on one line ("Published on 21 October 2022 | site.org"): the date and the rest.

    A web address run on after the date ("11.04.2016 www.example.org") is one more fact, not part of the date.
    """
    parts = [p.strip() for p in FACT_SEPARATOR.split(text) if p.strip()]
    for index, part in enumerate(parts):
        address = WEB_ADDRESS.search(part)
        bare = part[:address.start()].strip() if address and address.start() else part
        iso = parse_date(bare)
        if iso and len(parts) > 1:
            return iso, parts[:index] + ([address.group(0)] if bare != part else []) + parts[index + 1:]
    return "", parts


# ---------------------------------------------------------------- line shapes

BYLINE = re.compile(r"^(?:(?:written\s+|essay\s+|interview\s+|words\s+)?by|authors?\s*:|interviewer\s*:)\s*(?P<names>.*)$",
                    re.IGNORECASE)
# a byline run into the first words of the text: "By Ruth AlderSanctions will remain part of …"
LEAD_BYLINE = re.compile(r"^By\s+(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*?[a-z])(?P<rest>[A-Z][a-z]*\b.*)$")
# a digest's entry line: "JRL NEWSWATCH: “The wrong way to isolate Minsk” – Newswire/Harold Brennan"
DIGEST = re.compile(r"^(?:(?P<label>[A-Z][\w &'’.-]{1,40}):\s*)?[“\"](?P<title>[^”\"]{8,200})[”\"]"
                    r"\s+[–—-]\s+(?P<tail>\S.{1,80})$")
# a reference-style entry: "ANNA LUNDGREN. The Baltic grid is leaving the old ring (Nordic Policy Forum, 14 February 2025)"
REFERENCE = re.compile(r"^(?P<author>[A-Z][A-Z'’.\- ]{2,60}[A-Z])\.\s+(?P<title>[A-Z“\"‘].{5,200}?)\s+"
                       r"\((?P<outlet>[^(),]{2,80}),\s*(?P<date>[^()]{4,30})\)$")
SUBJECT = re.compile(r"^interviewee\s*:\s*(?P<names>.+)$", re.IGNORECASE)  # who is interviewed: not an author
GLUED_BYLINE = re.compile(rf"^(?P<title>.*?[a-z?!.’”])By\s+(?P<names>{NAME})\W*$")  # "Beyond the ResetBy Clara Voss %"
COUNT_AFTER_NAME = re.compile(r"\s+\d{1,3}$")  # "• Hannah Whitfield 0": a comment or article count after a bulleted name
SECTION_WORDS = {"opinion", "analysis", "commentary", "editorial", "op-ed", "interview", "review", "essay", "column",
                 "features", "feature", "news", "world", "politics", "blog", "perspective", "perspectives", "comment",
                 "career news", "news & views", "abstract"}
SECTION_PREFIX = re.compile(r"^(?P<label>opinion|analysis|commentary|editorial|op-ed|review|perspective)\s+(?=[A-Z0-9“\"‘'])",
                            re.IGNORECASE)
BODY_HEADINGS = re.compile(r"^(?:executive\s+summary|summary|introduction|key\s+(?:points|takeaways|findings)|"
                           r"background|overview|(?:\d{1,2}\.|\d{1,2}(?:\.\d{1,2})+\.?)\s+[A-Z].*)$", re.IGNORECASE)
CREDITS = re.compile(r"^(?:editors?|production\s+editor|edited\s+by|translated\s+by|translation|for\s+citation|cite\s+as|"
                     r"udc|doi|issn|isbn|jel(?:\s+codes?)?)\b\s*:?", re.IGNORECASE)
FRONT_MATTER = re.compile(r"^(?:keywords?|key\s+words)\s*:", re.IGNORECASE)
ISSUE = re.compile(r"^(?:no\.|vol\.|volume|issue|number)\s*\d+\b", re.IGNORECASE)
ISSUE_TAIL = re.compile(r"^(?P<org>\S.{2,80}?)\s+(?:no\.?|vol\.|volume|issue|number)\s*\d+$", re.IGNORECASE)
# a journal's running head or issue line: "Journal of X xxx (2015) 1–11", "Bulletin of X. 2020. Vol. 13. Issue 2"
JOURNAL_HEAD = re.compile(r"^(?P<journal>[A-Z][^()]{3,80}?)\s+(?:xxx|\d+)\s+\((?P<year>\d{4})\)\s+\d+\s*[–-]\s*\d+$")
JOURNAL_LINE = re.compile(r"^(?P<journal>[A-Z][^()]{3,80}?)\.\s+(?P<year>\d{4})\.\s+(?:vol|т)\.", re.IGNORECASE)
CALL_TO_ACTION = re.compile(r"\b(?:subscribe|sign\s+up|newsletter|free\s+trial|\d+%\s+off|click\s+here|read\s+more)\b",
                            re.IGNORECASE)
MEDIA_WORDS = re.compile(r"\b(?:Review|Times|Post|News|Press|Journal|Weekly|Daily|Herald|Ledger|Tribune|Gazette|Quarterly|"
                         r"Magazine|Monitor|Forum|Report|Observer|Chronicle|Wire|Newswire|Agency)\b")
ANCHORS = ("byline", "date", "author-org", "names", "names only", "bare name", "glued byline", "bio", "subject", "digest",
           "reference")
LOOKAHEAD = 6  # a prose unit belongs to the header when a byline, date or bio follows within this many units


@dataclass
class Header:
    end: int = 0  # index of the first unit after the header
    title: str = ""
    subtitle: list[str] = field(default_factory=list)  # lines under the title no rule explained, and standfirsts
    date: str = ""
    outlet: str = ""
    authors: list[FoundAuthor] = field(default_factory=list)
    raw_names: list[str] = field(default_factory=list)  # author names as written in the byline
    italic: list[Unit] = field(default_factory=list)  # italic lines: a standfirst, or a pull quote
    lede: list[Unit] = field(default_factory=list)  # prose inside the header that is body text after all
    bios: list[Note] = field(default_factory=list)  # bios set above the body
    removed: list[Removed] = field(default_factory=list)
    found: list[Finding] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)

    def find(self, name: str, value: str, unit: Unit, rule: str) -> None:
        self.found.append(Finding(name, value, tuple(unit.lines), rule))

    def doubt(self, name: str, unit: Unit, message: str, fix: str) -> None:
        self.doubts.append(Doubt(name, unit.line, message, fix))


def read_header(units: list[Unit], overrides: Overrides, notes: list[Note], banner_dates: list[Finding]) -> Header:
    """Read title, byline, affiliation, date and outlet from the units above the body."""
    header = Header()
    bio_names = [bio_name(n.text) for n in notes if n.kind == "bio"]
    header.end = header_end(units, overrides)
    zone = units[:header.end]
    kinds = [classify(u, zone[i - 1] if i else None, bio_names) for i, u in enumerate(zone)]
    for i, kind in enumerate(kinds):  # a question is a standfirst only above the byline; below it, it is text
        if kind == "question" and any(k in ANCHORS for k in kinds[:i]):
            kinds[i] = "prose" if is_prose(zone[i]) else "plain"
    if zone and kinds[0] == "prose" and lead_title(units, overrides):
        kinds[0] = "plain"
    kinds = settle_names(zone, kinds, bio_names)
    kinds = mark_navigation(zone, kinds)
    outlets = named_outlets(notes, zone, units)
    for i, kind in enumerate(kinds):  # a question is a standfirst only under a title; with none above, it is the title
        if kind == "question" and not any(k in ("plain", "h1") and not any(plain_key(zone[j].text) == plain_key(o)
                                                                           for o in outlets)
                                          for j, k in enumerate(kinds[:i])):
            kinds[i] = "plain"
    candidates: list[int] = []
    last_byline = -2
    for index, (unit, kind) in enumerate(zip(zone, kinds)):
        text = unit.text
        if kind == "h1":
            header.title = header.title or text
            header.find("title", text, unit, "markdown title (# …)")
        elif kind == "italic":
            header.italic.append(unit)
        elif kind == "date":
            iso, facts = date_in_facts(text)
            take_date(header, unit, parse_date(bullet_text(text)) or iso, "date line")
            for fact in facts if iso else []:  # a masthead: "Centre for Northern Studies NUMBER 57 | 11.04.2016"
                m = ISSUE_TAIL.match(fact)
                if m and (ORG_WORDS.search(m.group("org")) or MEDIA_WORDS.search(m.group("org"))):
                    take_outlet(header, unit, m.group("org"), "publisher and issue number beside the date")
        elif kind == "byline":
            read_byline_unit(header, unit)
            last_byline = index
            continue
        elif kind == "glued byline":
            m = GLUED_BYLINE.match(text)
            header.title = header.title or m.group("title").strip()
            header.find("title", m.group("title").strip(), unit, "title run into its byline")
            header.doubt("title", unit, f"line {unit.line} holds the title and the byline run together; the title was cut "
                         f"before 'By': '{m.group('title').strip()[:60]}'", "title: \"…\"")
            add_authors(header, unit, [(m.group("names"), "")], "byline run into the title")
            last_byline = index
            continue
        elif kind == "digest":
            read_digest(header, unit)
            last_byline = index
            continue
        elif kind == "reference":
            read_reference(header, unit)
            last_byline = index
            continue
        elif kind == "subject":
            header.removed.append(Removed(unit.line, unit.raw, "interviewee"))
            header.find("interviewee", SUBJECT.match(text).group("names"), unit, "'Interviewee:' line")
        elif kind == "names":
            add_authors(header, unit, [(n, "") for n in split_names(text)], "line of names that the bios confirm")
        elif kind == "names only":
            add_authors(header, unit, [(n, "") for n in split_names(text)], "line of names under the title")
            header.doubt("authors", unit, f"the authors were taken from line {unit.line}, which holds only names, not from "
                         f"a byline: '{text[:60]}'", "authors: [{name: …, affiliation: …}]")
            last_byline = index
            continue
        elif kind == "author-org":
            name, _, affiliation = text.partition(", ")
            add_authors(header, unit, [(name, affiliation)], "'Name, Institution' line")
        elif kind == "bare name":
            add_authors(header, unit, [(text.rstrip(". "), "")], "name on a line of its own under the title")
            header.doubt("authors", unit, f"the author '{text}' was taken from a line holding only a name (line {unit.line}), "
                         "not from a byline", "authors: [{name: …, affiliation: …}]")
            last_byline = index
            continue
        elif kind == "affiliation" and index == last_byline + 1 and header.authors and not header.authors[-1].affiliation:
            header.authors[-1] = FoundAuthor(header.authors[-1].name, text)
            header.find("affiliation", text, unit, "institution under the byline")
            last_byline = index  # an address may follow the institution
            continue
        elif kind == "bio":
            header.bios.append(Note("bio", text, unit.line, tuple(unit.lines)))
            header.find("bio", bio_name(text), unit, "bio above the body")
        elif kind == "journal":
            m = JOURNAL_HEAD.match(text) or JOURNAL_LINE.match(text)
            take_outlet(header, unit, m.group("journal").strip(), "journal's running head")
            take_date(header, unit, m.group("year"), "year in the journal's running head")
        elif kind in ("credits", "issue", "front matter", "label", "navigation"):
            header.removed.append(Removed(unit.line, unit.raw, kind))
            header.find(kind, text, unit, {"label": "section label", "issue": "issue or classification line",
                                           "credits": "editors or citation line", "front matter": "keywords",
                                           "navigation": "run of short bulleted lines (a site menu)"}[kind])
        elif kind == "question":
            header.subtitle.append(text)
            header.find("subtitle", text, unit, "question under the title")
        elif kind == "prose":
            later = [u for u in units[header.end:] if plain_key(u.text) == plain_key(text)]
            if later:
                header.removed.append(Removed(unit.line, unit.raw, "repeated standfirst"))
                header.find("standfirst", text[:60], unit, "standfirst repeated as the first paragraph")
            else:
                header.lede.append(unit)
        elif kind == "outlet" or any(plain_key(text) == plain_key(o) for o in outlets + [header.outlet] if o):
            take_outlet(header, unit, bullet_text(text), "outlet named in a note" if kind != "outlet" else outlet_rule(zone, index))
            if kind == "outlet":
                credit_doubt(header, unit)
        elif index == last_byline + 1 and BULLET.match(unit.text) and header.authors:
            take_outlet(header, unit, bullet_text(text), "bullet under the bulleted byline")
        else:
            candidates.append(index)
        last_byline = last_byline if kind in ("date",) and index == last_byline + 1 else last_byline
    place_title(header, zone, kinds, candidates)
    standfirst_above_rule(header, units, overrides)
    read = {n for f in header.found for n in f.lines} | {r.line for r in header.removed} | \
        {n for u in header.lede + header.italic for n in u.lines} | {n for b in header.bios for n in b.lines}
    for unit in zone:  # nothing in the header goes unrecorded, even a line no rule could read
        if not set(unit.lines) & read:
            header.find("unread", unit.text, unit, "header line that no rule explains")
    if not header.date:
        for found in banner_dates:
            header.date = found.value
            header.found.append(found)
            break
    return header


def split_lead_bylines(units: list[Unit], overrides: Overrides) -> list[Unit]:
    """Cut a byline run into the first sentence ("By Ruth AlderSanctions will …") into a byline and the text."""
    result: list[Unit] = []
    for index, unit in enumerate(units):
        m = LEAD_BYLINE.match(unit.text) if index < LOOKAHEAD else None
        if (m and person_name(m.group("name")) and len(m.group("rest").split()) >= SENTENCE_WORDS
                and not set(unit.lines) & (overrides.keep_lines | overrides.paragraph_lines)):
            byline = Unit(unit.line, unit.raw, f"By {m.group('name')}", words=len(m.group("name").split()) + 1,
                          lines=list(unit.lines), glued=True)
            rest = Unit(unit.line, unit.raw, m.group("rest"), words=len(m.group("rest").split()), lines=list(unit.lines),
                        rule_below=unit.rule_below)
            result += [byline, rest]
        else:
            result.append(unit)
    return result


def standfirst_above_rule(header: Header, units: list[Unit], overrides: Overrides) -> None:
    """A short paragraph under a header with a byline or date, set off from the body by a dash rule, is a standfirst.

    An asterism ("* * *") is a section break inside the body, so it never sets off a standfirst.
    """
    if not header.title or not (header.date or header.authors) or header.lede or header.end + 1 >= len(units):
        return
    unit = units[header.end]
    dash_rule = re.fullmatch(r"[-–—_]+", unit.rule_below.replace(" ", ""))
    if (not dash_rule or unit.words > 40 or len(SENTENCE_SPLIT.split(unit.text)) > 2 or unit.heading
            or set(unit.lines) & (overrides.keep_lines | overrides.paragraph_lines)):
        return
    header.subtitle.append(unit.text)
    header.find("subtitle", unit.text, unit, "standfirst set off from the body by a rule")
    header.doubts.append(Doubt("body", unit.line, f"line {unit.line}, a short paragraph set off by a rule under the header, "
                               f"was read as a standfirst: '{unit.text[:60]}'; if it is the body's first paragraph, say so",
                               f"cleaning: {{paragraph_lines: [{unit.line}]}}"))
    header.end += 1


def header_end(units: list[Unit], overrides: Overrides) -> int:
    """Index of the first body unit: the header goes on past prose only while a byline, date or bio follows soon."""
    seen_title = seen_anchor = False
    for index, unit in enumerate(units):
        if set(unit.lines) & overrides.keep_lines or (unit.heading >= 2 and index > 0):
            return index
        nxt = units[index + 1] if index + 1 < len(units) else None
        if index == 0 and lead_title(units, overrides) or DIGEST.match(unit.text) or REFERENCE.match(unit.text):
            seen_title = seen_anchor = True
            continue
        if seen_title and short_sentence(unit) and not any(is_anchor(u) for u in units[index:index + 1 + LOOKAHEAD]):
            return index  # "Good afternoon, all." under a title with no byline or date to come: the body's first line
        if unit.heading == 1 or not is_prose(unit):
            if seen_title and nxt is not None and is_prose(nxt) and not re.search(r"[.:;,]$", unit.text) \
                    and (BODY_HEADINGS.match(unit.text) or (seen_anchor and heading_like(unit) and not is_anchor(unit)
                                                             and index > 0 and is_prose(units[index - 1])
                                                             and not MEDIA_WORDS.search(unit.text)
                                                             and not ORG_WORDS.search(unit.text)
                                                             and not (CREDITS.match(unit.text) or ISSUE.match(unit.text)
                                                                      or FRONT_MATTER.match(unit.text)))):
                return index  # "Executive Summary", "1. Introduction": the body's first heading
            seen_title = seen_title or (unit.words >= 2 and not BULLET.match(unit.text))
            seen_anchor = seen_anchor or is_anchor(unit)
            continue
        if FRONT_MATTER.match(unit.text) or CREDITS.match(unit.text):
            continue  # keywords or a citation line: front matter, however long
        if BIO.match(unit.text) and bio_like(unit.text) or (not seen_anchor and question_standfirst(unit, units, index)):
            seen_anchor = seen_anchor or bool(BIO.match(unit.text))
            continue
        window = units[index + 1:index + 1 + LOOKAHEAD]
        if any(u.heading for u in window):
            window = window[:next(i for i, u in enumerate(window) if u.heading)]
        if not any(is_anchor(u) for u in window):
            return index
    return len(units)


def short_sentence(unit: Unit) -> bool:
    """A complete sentence too short to count as prose by length: "Welcome to the Port Authority."."""
    return (not is_prose(unit) and not unit.heading and not unit.italic and unit.words >= 3 and len(unit.lines) == 1
            and re.match(r"[A-Z“\"‘']", unit.text) is not None and re.search(r"[a-z][.!?][”’\"']?$", unit.text) is not None
            and not unit.text.endswith("?"))


def lead_title(units: list[Unit], overrides: Overrides) -> bool:
    """The text's first line is its title even when it is a long question: one line, no full stop, longer text below.

    ("Will Hungary Be the Real Loser in the New Energy Cold War?" reads as a sentence by its length alone.)
    """
    if len(units) < 2 or not is_prose(units[0]) or set(units[0].lines) & (overrides.keep_lines | overrides.paragraph_lines):
        return False
    first, second = units[0], units[1]
    return (len(first.lines) == 1 and first.words <= 20 and not re.search(r"[.,;:…]$", first.text)
            and re.match(r"[A-Z“\"‘']", first.text) is not None and is_prose(second) and second.words > first.words)


def heading_like(unit: Unit) -> bool:
    """Title case, a few words, no end punctuation: "Early Career: On Fieldwork in the Caucasus"."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", unit.text) if len(w) >= 4]
    return (unit.words <= 12 and bool(long_words) and not BULLET.match(unit.text) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
            and not re.search(r"[.!?]$", unit.text))


def is_anchor(unit: Unit) -> bool:
    """A unit that only a header holds: a byline, a date line, a bio, an editors line."""
    text = unit.text
    if unit.words > 60:
        return False
    bulleted_name = BULLET.match(text) is not None and person_name(COUNT_AFTER_NAME.sub("", bullet_text(text)))
    return bool(byline_names(text) is not None or GLUED_BYLINE.match(text) or parse_date(text) or date_in_facts(text)[0]
                or bulleted_name
                or (BIO.match(text) and bio_like(text)) or CREDITS.match(text) or SUBJECT.match(text))


def question_standfirst(unit: Unit, units: list[Unit], index: int) -> bool:
    """A question set right under the title ("Must the old port really close?"): a standfirst, not the body."""
    return index > 0 and unit.words <= 30 and not is_prose(units[index - 1]) and question_after(units[index - 1], unit)


def classify(unit: Unit, previous: Unit | None, bio_names: list[str]) -> str:
    """Name what one header unit is, on its own shape (and the unit above it)."""
    text = unit.text
    if unit.heading == 1:
        return "h1"
    if unit.italic:
        return "italic"
    if byline_names(text) is not None:
        return "byline"
    if GLUED_BYLINE.match(text):
        return "glued byline"
    if SUBJECT.match(text):
        return "subject"
    if DIGEST.match(text):
        return "digest"
    if REFERENCE.match(text) and person_name(title_case_name(REFERENCE.match(text).group("author"))):
        return "reference"
    if parse_date(bullet_text(text)) or (date_in_facts(text)[0] and unit.words <= 20):
        return "date"
    if JOURNAL_HEAD.match(text) or JOURNAL_LINE.match(text):
        return "journal"
    if BIO.match(text) and bio_like(text) and (is_prose(unit) or unit.text.endswith(".")):
        return "bio"
    if FRONT_MATTER.match(text):
        return "front matter"
    if CREDITS.match(text):
        return "credits"
    if ISSUE.match(text):
        return "issue"
    if previous is not None and question_after(previous, unit) and unit.words <= 30:
        return "question"
    if is_prose(unit):
        return "prose"
    bullet = bullet_text(text)
    if BULLET.match(text) and person_name(COUNT_AFTER_NAME.sub("", bullet)):
        return "byline"
    if text.upper() == text and person_name(text.title().rstrip(".")):
        return "byline"
    name, _, affiliation = text.partition(", ")
    if affiliation and person_name(name) and (any(same_name(name, b) for b in bio_names) or ORG_WORDS.search(affiliation)):
        return "author-org"
    if ORG_WORDS.search(text) and not text.endswith((".", "?", "!")):
        return "affiliation"
    if text.lower().rstrip(" .:") in SECTION_WORDS:
        return "label"
    if previous is not None and not previous.heading and person_name(text.rstrip(". ")) and not MEDIA_WORDS.search(text):
        return "bare name"
    return "plain"


def question_after(previous: Unit, unit: Unit) -> bool:
    """A question under a blank line below the title; stacked right under a line, it is the title itself."""
    return (unit.text.endswith("?") and unit.words >= 4 and not previous.text.endswith("?")
            and unit.line > previous.lines[-1] + 1)


def settle_names(zone: list[Unit], kinds: list[str], bio_names: list[str]) -> list[str]:
    """Second look with the neighbours known: a line of names the bios confirm; a name only counts under a title."""
    settled = list(kinds)
    for index, (unit, kind) in enumerate(zip(zone, kinds)):
        names = split_names(unit.text)
        known = bio_names + bios_in(zone)
        if kind in ("plain", "author-org") and len(names) > 1 and all(person_name(n) for n in names) \
                and all(any(same_name(n, b) for b in known) for n in names):
            settled[index] = "names"
        elif kind == "plain" and len(names) > 1 and all(person_name(n) for n in names) \
                and any(k in ("plain", "h1", "question") for k in settled[:index]):
            settled[index] = "names only"  # "Irena Kovac, Martin Hale, and Susan E. Drake" under a title, with no "By"
        elif kind == "plain" and 1 <= unit.words <= 3 and unit.text[:1].isupper() and index + 1 < len(zone) \
                and kinds[index + 1] == "date" and zone[index + 1].line == unit.lines[-1] + 1 \
                and any(k in ("plain", "h1") for k in settled[:index]):
            settled[index] = "outlet"  # a wire agency's credit set right above the date: "Newswire" / "Jun 02, 2023"
        elif kind == "bare name" and not any(k in ("plain", "h1", "question") for k in settled[:index]):
            settled[index] = "plain"  # a name-like line with no title above it is the title or a label
    return settled


def split_names(text: str) -> list[str]:
    """The parts of a list of names: "A B, C D, and E F" or "A B & C D"."""
    return [n.strip() for n in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", text) if n.strip()]


def mark_navigation(zone: list[Unit], kinds: list[str]) -> list[str]:
    """A run of three or more short bulleted lines is a site's navigation menu; a date or label in it still counts."""
    marked, index = list(kinds), 0
    while index < len(zone):
        end = index
        while end < len(zone) and BULLET.match(zone[end].text) and zone[end].words <= 6 \
                and (end == index or zone[end].line == zone[end - 1].lines[-1] + 1):
            end += 1
        if end - index >= 3:
            for i in range(index, end):
                if marked[i] in ("plain", "label", "bare name", "byline", "affiliation"):
                    marked[i] = "navigation"
        index = max(end, index + 1)
    return marked


def bios_in(zone: list[Unit]) -> list[str]:
    return [bio_name(s) for u in zone for s in [u.text] + SENTENCE_SPLIT.split(u.text)[1:] if BIO.match(s)]


def byline_names(text: str) -> str | None:
    """The names of a byline ("By Jane Doe", "Author: Jane Doe", "Essay by …"), "" for an empty one, None if no byline."""
    m = BYLINE.match(text)
    if not m:
        return None
    names = m.group("names").strip()
    if names and not re.match(r"[A-Z\[]", names) and not names.upper() == names:
        return None  # "by the time the talks began …" is a sentence, not a byline
    return names


def read_byline_unit(header: Header, unit: Unit) -> None:
    """Authors, affiliations and a date from one byline unit."""
    text = unit.text
    names = byline_names(text)
    if names is None:  # a bulleted or capitalised name
        names = COUNT_AFTER_NAME.sub("", bullet_text(text)).rstrip(". ")
        rule = "bulleted name" if BULLET.match(text) else "name in capitals"
        header.doubt("authors", unit, f"the author '{title_case_name(names)}' was taken from a line holding only a "
                     f"{'bulleted' if BULLET.match(text) else 'capitalised'} name (line {unit.line}), not from a byline",
                     "authors: [{name: …, affiliation: …}]")
    else:
        rule = f"byline '{text.split()[0]} …'"
    if not names or names.lower() in ("and", "&"):
        header.removed.append(Removed(unit.line, unit.raw, "empty byline"))
        header.find("byline", text, unit, "byline that names no one")
        header.doubt("authors", unit, f"the byline on line {unit.line} names no one (its names were probably links "
                     "that the copy lost)", "authors: [{name: …, affiliation: …}]")
        return
    iso, parts = date_in_facts(names)
    if iso:
        take_date(header, unit, iso, "date in the byline")
        names = parts[0] if parts else ""
    names, trailing = split_trailing_date(names)
    if trailing:
        take_date(header, unit, trailing, "date at the end of the byline")
    if unit.glued:
        rule = "byline run into the first sentence"
        header.doubt("authors", unit, f"line {unit.line} runs the byline into the first sentence; the name was cut where "
                     f"a capital starts a new word: '{names}'", "authors: [{name: …, affiliation: …}]")
    add_authors(header, unit, read_byline(names), rule)


def read_digest(header: Header, unit: Unit) -> None:
    """A digest's entry line: the quoted title, then the outlet and author after a dash ("Outlet/Author")."""
    m = DIGEST.match(unit.text)
    title = m.group("title").strip()
    if not header.title:
        header.title = title
        header.find("title", title, unit, "quoted title in a digest's entry line")
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+[|·]\s+", m.group("tail")) if p.strip()]
    for part in parts:
        if person_name(part) and not header.authors:
            add_authors(header, unit, [(part, "")], "author after the quoted title in a digest's entry line")
        elif not header.outlet and not person_name(part):
            take_outlet(header, unit, part, "outlet after the quoted title in a digest's entry line")
    if m.group("label"):
        header.find("label", m.group("label"), unit, "digest's label before the quoted title")
    header.doubt("title", unit, f"line {unit.line} is a digest's entry: the title was read inside its quotation marks "
                 f"('{title[:60]}'), the outlet and author after the dash ('{m.group('tail')[:40]}')", "title: \"…\"")
    if header.authors:
        header.doubt("authors", unit, f"the author was read after the dash of the digest's entry on line {unit.line}: "
                     f"'{m.group('tail')[:40]}'", "authors: [{name: …, affiliation: …}]")


def read_reference(header: Header, unit: Unit) -> None:
    """A reference-style line: "AUTHOR. Title (Outlet, date)" gives all four fields."""
    m = REFERENCE.match(unit.text)
    if not header.title:
        header.title = m.group("title").strip()
        header.find("title", header.title, unit, "title in a reference-style line (AUTHOR. Title (Outlet, date))")
    add_authors(header, unit, [(m.group("author").strip(), "")], "author in capitals opening a reference-style line")
    take_outlet(header, unit, m.group("outlet").strip(), "outlet in the brackets of a reference-style line")
    take_date(header, unit, parse_date(m.group("date")), "date in the brackets of a reference-style line")
    header.doubt("title", unit, f"line {unit.line} reads like a reference (AUTHOR. Title (Outlet, date)); title, author, "
                 f"outlet and date were all read from it: '{unit.text[:60]}'", "title: \"…\"")
    header.doubt("authors", unit, f"the author was read from the capitals opening the reference-style line {unit.line}: "
                 f"'{m.group('author')[:40]}'", "authors: [{name: …, affiliation: …}]")


def split_trailing_date(text: str) -> tuple[str, str]:
    """ "Anna Smith, Senior Fellow, Example Institute, March 2024" -> the byline and "2024-03"."""
    parts = text.split(", ")
    for cut in range(1, min(3, len(parts))):
        iso = parse_date(", ".join(parts[-cut:]))
        if iso:
            return ", ".join(parts[:-cut]), iso
    return text, ""


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


def add_authors(header: Header, unit: Unit, found: list[tuple[str, str]], rule: str) -> None:
    for name, affiliation in found:
        name = name.strip().rstrip(".") if name.strip().endswith(".") and name.count(".") == 1 else name.strip()
        if not name:
            continue
        header.raw_names.append(name)
        header.authors.append(FoundAuthor(title_case_name(name), affiliation))
        header.find("author", title_case_name(name), unit, rule)


def take_date(header: Header, unit: Unit, iso: str, rule: str) -> None:
    if iso and not header.date:
        header.date = iso
        header.find("date", iso, unit, rule)
    elif iso:
        header.find("other date", iso, unit, rule)
        if not (iso.startswith(header.date) or header.date.startswith(iso)):
            first = next(f for f in header.found if f.field == "date")
            header.doubts.append(Doubt("date", first.lines[0], f"the date {header.date} was taken from line {first.lines[0]}, "
                                       f"but line {unit.line} gives another date, {iso}", "date: \"YYYY-MM-DD\""))


def take_outlet(header: Header, unit: Unit, name: str, rule: str) -> None:
    if not header.outlet:
        header.outlet = name
    header.find("outlet", name, unit, rule)


def outlet_rule(zone: list[Unit], index: int) -> str:
    return "agency credit above the date"


def credit_doubt(header: Header, unit: Unit) -> None:
    """An outlet read from a short line above the date is a guess by position unless it is named like a publication."""
    if not (MEDIA_WORDS.search(unit.text) or ORG_WORDS.search(unit.text)):
        header.doubt("outlet", unit, f"the outlet '{unit.text[:40]}' was read from the short line {unit.line} above the "
                     "date, by its position only", "outlet: \"…\"")


def named_outlets(notes: list[Note], zone: list[Unit], units: list[Unit]) -> list[str]:
    """Publications the text names: the disclaimer's "…the position of X", and a masthead that prose repeats."""
    named = [o for o in [outlet_from_notes(notes)] if o]
    texts = " ".join(plain_key(u.text) for u in units if is_prose(u)) + " " + " ".join(plain_key(n.text) for n in notes)
    for unit in zone[:3]:
        key = plain_key(unit.text)
        if unit.words <= 5 and MEDIA_WORDS.search(unit.text) and key and f" {key} " in f" {texts} ":
            named.append(unit.text)
    return named


def outlet_from_notes(notes: list[Note]) -> str:
    """Name the outlet a disclaimer speaks for ("…the position of The Moscow Times.")."""
    for note in notes:
        m = DISCLAIMER_OUTLET.search(note.text) if note.kind == "disclaimer" else None
        if m:
            return m.group("org")
    return ""


DISCLAIMER_OUTLET = re.compile(r"\b(?:position|views?|opinions?)\s+of\s+(?P<org>[A-Z][^.]*?)\.?$")


def place_title(header: Header, zone: list[Unit], kinds: list[str], candidates: list[int]) -> None:
    """Choose the title among the plain lines, drop labels and preambles, keep the rest as the subtitle."""
    units = [zone[i] for i in candidates]
    if header.title:
        header.subtitle += [u.text for u in units]
        for unit in units:
            header.find("subtitle", unit.text, unit, "line under the title")
        return
    anchors = [i for i, k in enumerate(kinds) if k in ("byline", "date", "author-org", "names", "names only", "bare name",
                                                       "glued byline", "digest", "reference")]
    first_anchor = anchors[0] if anchors else len(zone)
    before = [i for i in candidates if i < first_anchor]
    pool = list(before or candidates)
    if not pool:
        return
    # a short label stacked right above another line: "Conflict and Leadership" over the title
    while len(pool) > 1 and is_label(zone[pool[0]], zone[pool[1]]):
        label = zone[pool[0]]
        header.removed.append(Removed(label.line, label.raw, "section label"))
        header.find("label", label.text, label, "short line stacked above the title")
        if label.text.lower() not in SECTION_WORDS:
            header.doubt("title", label, f"line {label.line} '{label.text}' was read as a section label above the title "
                         f"'{zone[pool[1]].text[:60]}'; if it is the title, say so", "title: \"…\"")
        candidates.remove(pool[0])
        pool = pool[1:]
    chosen = choose_title(zone, pool, first_anchor)
    questions = [i for i, k in enumerate(kinds) if k == "question"]
    for index in questions:  # the title repeated inside a run-on page title line ("Series 14: <title>37 min read")
        key = plain_key(zone[index].text)
        if zone[index].words >= 3 and any(key in plain_key(zone[i].text) and weak_title(zone[i]) for i in pool if i < index):
            header.subtitle = [t for t in header.subtitle if t != zone[index].text]
            header.found = [f for f in header.found if not (f.field == "subtitle" and f.lines == tuple(zone[index].lines))]
            candidates.append(index)
            candidates.sort()
            chosen = index
            break
    title_unit = zone[chosen]
    prefix = SECTION_PREFIX.match(title_unit.text)
    header.title = title_unit.text[prefix.end():] if prefix else title_unit.text
    rule = ("first plain line" if chosen == pool[0] else "line repeated inside the page title line" if chosen in questions
            else "plain line nearest above the byline or date")
    header.find("title", header.title, title_unit, rule + (f" after the label '{prefix.group('label')}'" if prefix else ""))
    skipped = [i for i in candidates if i < chosen]
    for index in skipped:
        unit = zone[index]
        header.removed.append(Removed(unit.line, unit.raw, "preamble"))
        header.find("preamble", unit.text, unit, "line above the title")
    title_doubts(header, title_unit, [zone[i] for i in skipped])
    others = [zone[i] for i in pool if i != chosen and i < first_anchor and not weak_title(zone[i]) and zone[i].words >= 3]
    if others and first_anchor < len(zone) and not any(d.field == "title" for d in header.doubts):
        header.doubt("title", title_unit, f"the title was taken from line {title_unit.line}, but line {others[0].line} "
                     f"('{others[0].text[:40]}') also stands above the byline and could be the title", "title: \"…\"")
    for index in candidates:
        if index > chosen:
            header.subtitle.append(zone[index].text)
            header.find("subtitle", zone[index].text, zone[index], "line under the title")


def choose_title(zone: list[Unit], pool: list[int], first_anchor: int) -> int:
    """The first candidate, unless it is weak and a stronger one stands nearer the byline.

    A line stacked right under a weak one (a series name over its theme) is weak too.
    """
    weak = {i for i in pool if weak_title(zone[i])}
    for i in pool:
        if i - 1 in weak and zone[i].line == zone[i - 1].lines[-1] + 1:
            weak.add(i)
    strong = [i for i in pool if i not in weak]
    if not strong:
        return pool[0]
    first = strong[0]
    nearest = max(strong)
    if nearest != first and first_anchor < len(zone) and zone[first].words <= 3 < zone[nearest].words:
        return nearest  # a slogan or masthead above the real title
    return first


def weak_title(unit: Unit) -> bool:
    """A line that is rarely a title: a lower-case tagline, one word, a bar of facts, a run-on with a reading time."""
    text = unit.text
    return (text[:1].islower() or unit.words < 2 or " | " in text or re.search(r"\d+\s*min\s+read$", text) is not None
            or text.upper() == text)


def title_doubts(header: Header, unit: Unit, skipped: list[Unit]) -> None:
    """Warn about a title that could be wrong, naming the line and the override."""
    title, fix = header.title, "title: \"…\""
    if re.search(r"\s[|·•]\s|\s[–—-]\s[A-Z][\w.&/’'-]*(?:\s+(?:&|and|of|[A-Z][\w.&/’'-]*))*$", title):
        header.doubt("title", unit, f"the title on line {unit.line} holds a separator, as site names in page titles do: "
                     f"'{title[:60]}'", fix)
    if CALL_TO_ACTION.search(title):
        header.doubt("title", unit, f"the title on line {unit.line} reads like a call to action: '{title[:60]}'", fix)
    if skipped:
        header.doubt("title", unit, f"the title was taken from line {unit.line} after skipping {len(skipped)} line(s) above it "
                     f"(first: line {skipped[0].line} '{skipped[0].text[:40]}')", fix)


def title_position_doubts(header: Header, lines: list[str], removed: list[Removed]) -> list[Doubt]:
    """Warn about a title that nothing confirms: after a long preamble, or under a line that could have been the title
    with no byline or date under it, or shaped unlike a title (opening with punctuation or in lower case, or
    holding a clock time). A line dropped as known chrome ("Share this article") questions nothing on its own."""
    found = next((f for f in header.found if f.field == "title"), None)
    if found is None or found.rule.startswith("markdown title"):
        return []
    line, fix, doubts = found.lines[0], "title: \"…\"", []
    title = header.title
    if not re.match(r"[\w“\"‘'(\[¿¡]", title) or title[:1].islower():
        doubts.append(Doubt("title", line, f"the title on line {line} does not start as a title does: '{title[:60]}'", fix))
    if re.search(r"\b\d{1,2}:\d{2}\b", title):
        doubts.append(Doubt("title", line, f"the title on line {line} holds a clock time, as a page's widgets do: "
                            f"'{title[:60]}'", fix))
    if any(d.field == "title" for d in header.doubts):
        return doubts  # the pick is already questioned, with its reason
    facts = {n for f in header.found if f.field in ("date", "author", "outlet", "byline") for n in f.lines}
    above = [n for n in range(1, line) if lines[n - 1].strip() and n not in facts]
    confirmed = any(f.field in ("author", "date", "byline", "interviewee") and min(f.lines) > line for f in header.found)
    if len(above) >= 3:
        doubts.append(Doubt("title", line, f"the title was taken from line {line}, after {len(above)} lines above it that "
                            f"were read as chrome or labels (first: line {above[0]} '{lines[above[0] - 1].strip()[:40]}')",
                            fix))
    chrome = {r.line for r in removed if r.reason in ("chrome", "counter", "clock", "rule", "page number", "comments")}
    rivals = [n for n in above if n not in chrome] + [f.lines[0] for f in header.found
                                                       if f.field == "subtitle" and f.rule == "line under the title"]
    if len(above) < 3 and rivals and not confirmed:
        doubts.append(Doubt("title", line, f"the title on line {line} was chosen over line {rivals[0]} "
                            f"('{lines[rivals[0] - 1].strip()[:40]}'), with no byline or date to tell them apart", fix))
    return doubts


def is_label(unit: Unit, following: Unit) -> bool:
    """A section label ("Conflict and Leadership"): a few words, no punctuation, no blank line below."""
    return following.line == unit.lines[-1] + 1 and unit.words <= 4 and not re.search(r"[^\w\s]", unit.text)


# ---------------------------------------------------------------- names and bios

NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’\-]+(?:-[A-Z][a-z]+)?|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|Mc[A-Z][a-z]+)$")
NOT_NAMES = re.compile(r"\b(?:The|Of|And|For|In|On|At|To|Why|How|What|New|Old|Page|Print|Share|Email|Read|More|"
                       r"Series|Policy|Relations|Analysis|Opinion|Review|Documents|Transcript|Category)\b")


def person_name(text: str) -> bool:
    """Two to four capitalised words that could be a person's name ("P. Kallio Niemi", "Min-jae Park")."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(NAME_WORD.match(w) or re.match(r"^[A-Z][a-z]+-[a-z]+$", w) for w in words)
            and not NOT_NAMES.search(text) and not ORG_WORDS.search(text) and not MEDIA_WORDS.search(text))


def bullet_text(text: str) -> str:
    return BULLET.sub("", text).strip()


def bio_name(text: str) -> str:
    m = BIO.match(text)
    return m.group("name") if m else ""


def bio_like(text: str) -> bool:
    """A bio sentence: a name, then is/was and a role or an institution."""
    m = BIO.match(text)
    return bool(m) and bool(BIO_ROLE.match(m.group("rest")) or ORG_WORDS.search(m.group("rest")) or m.group("role"))


def same_name(a: str, b: str) -> bool:
    """Compare names ignoring case, spaces and punctuation ("CELESTEA. WALLANDER" ~ "Celeste A. Wallander")."""
    squash = lambda s: re.sub(r"[\W_]+", "", s).lower()  # noqa: E731
    return bool(a) and squash(a) == squash(b)


def affiliation_from_bio(name: str, notes: list[Note]) -> str:
    """The institution a bio sentence places the author at ("… is an associate professor at the X." -> "X")."""
    for note in notes:
        if note.kind != "bio":
            continue
        # the whole note first: a name with initials ("CELESTE A. WALLANDER") must not be cut as a sentence
        for sentence in [note.text] + SENTENCE_SPLIT.split(note.text)[1:]:
            m = BIO.match(sentence)
            if not m or not same_name(m.group("name"), name):
                continue
            role, rest = m.group("role") or "", SENTENCE_SPLIT.split(m.group("rest"))[0]
            if " at " in role:  # "managing partner at X, Inc., was …": the appositive names the post
                return re.sub(r"^the\s+", "", re.split(r"\s+and\s+(?=[A-Z])", role.split(" at ", 1)[1])[0]).rstrip(".")
            if " at " in rest:
                place = re.split(r",\s|\s+and\s+(?:a|an|the)\s", rest.rsplit(" at ", 1)[1])[0].rstrip(".")
                return re.sub(r"^the\s+", "", place)
            head = HEAD_OF.search(role + " " + rest)
            if head:
                return head.group("org").rstrip(".")
    return ""


HEAD_OF = re.compile(r"\b(?:director|chair|president|head|dean|founder|editor)\s+of\s+(?:the\s+)?(?P<org>[A-Z][^,;]*?)"
                     r"(?=,|;|\.$|\s+and\s+(?:a|an|the)\b|$)")


def repair_bio_names(notes: list[Note], names: list[str]) -> list[Note]:
    """Mend a byline name the copy glued together in the bio ("CELESTEA. WALLANDER" -> "CELESTE A. WALLANDER").

    The name is maintainer-visible text, so it is escaped when used as a pattern and never used as a
    replacement template: a backslash in it stays a backslash.
    """
    repaired = []
    for note in notes:
        text = note.text
        if note.kind == "bio":
            for name in names:
                tokens = re.findall(r"[\w'’]+\.?", name)
                pattern = r"\s*".join(re.escape(t) for t in tokens)
                m = re.match(pattern + r"\b", text, re.IGNORECASE) if tokens else None
                if m:
                    text = name + text[m.end():]
                    break
        repaired.append(Note(note.kind, text, note.line, note.lines))
    return repaired
