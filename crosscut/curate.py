"""Curated content (content/pages, themes, glossary, timeline) -> model objects."""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import urls
from .markdown import report_field, report_markdown, split_front_matter
from .model import Entity, Event, Page, PartialDate, Theme
from .problems import Problems, did_you_mean
from .refs import find_refs
from .seeds import SLUG
from .sources import read_source, report_controls
from .yamlfile import YamlDoc, read_yaml


# addresses the site gives its own pages and folders: a page may not take one
BUILT_IN = urls.reserved()
PAGE_FIELDS = ("title",)


def read_pages(root: Path, problems: Problems) -> tuple[Page, ...]:
    """Read content/pages/*.md; index.md is the home page's introduction, every other name is an address."""
    pages = []
    for path in sorted((root / "content" / "pages").glob("*.md")):
        if not check_page_name(path, problems):
            continue
        read = read_markdown(path, problems)
        if read is None:
            continue
        doc, body, body_line = read
        for key in doc.data:
            if key not in PAGE_FIELDS:
                problems.error(path, doc.line(key), f"page has unknown field '{key}'{did_you_mean(str(key), PAGE_FIELDS)}",
                               f"known fields: {', '.join(PAGE_FIELDS)}")
        title = doc.data.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.error(path, 1, "page has no title", "start the file with front matter: ---, title: \"...\", ---")
            continue
        slug = "" if path.stem == "index" else path.stem
        pages.append(Page(slug, title.strip(), body, rel(root, path), tuple(find_refs(body, body_line))))
    return tuple(pages)


def check_page_name(path: Path, problems: Problems) -> bool:
    """A page's file name is its address: a slug, and not one the site uses for its own pages."""
    name = path.stem
    if not SLUG.match(name):
        problems.error(path, None, f"page name '{name}' cannot be an address",
                       "rename the file to lower-case words joined by hyphens, e.g. content/pages/reading-guide.md")
        return False
    if name in BUILT_IN:
        problems.error(path, None, f"page name '{name}' is taken: the site's own {name}/ would be replaced",
                       f"rename the file; these names are the site's own: {', '.join(BUILT_IN)}")
        return False
    return True


def read_markdown(path: Path, problems: Problems, fields: tuple[str, ...] = ()) -> tuple[YamlDoc, str, int] | None:
    """A Markdown file through the read boundary: its front matter, its body and the body's first line.

    What the body and the Markdown `fields` of the front matter may not hold (control characters,
    HTML, unsafe links) is reported here, in file order; the file is still returned, so later
    stages can check its references in the same run."""
    text = read_source(path, problems)
    if text is None:
        return None
    doc, body, body_line = split_front_matter(path, text, problems)
    if doc is None:
        return None
    for key in fields:
        value = doc.data.get(key)
        for at in [(key, i) for i in range(len(value))] if isinstance(value, list) else [(key,)]:
            report_field(doc, problems, *at)
    report_controls(path, body, problems, body_line)
    report_markdown(body, path, problems, body_line)
    return doc, body, body_line


ENTITY_KINDS = ("person", "treaty", "institution", "place", "event", "program", "concept")
ENTITY_FIELDS = ("name", "kind", "aliases", "search_aliases", "case", "sort", "description")
EVENT_FIELDS = ("date", "date_note", "title", "short", "passages")
THEME_FIELDS = ("title", "short", "description", "related", "questions")


def read_glossary(root: Path, problems: Problems) -> tuple[Entity, ...]:
    """Read content/glossary.yml: one entry per slug, sorted by name."""
    path = root / "content" / "glossary.yml"
    doc = read_yaml(path, problems) if os.path.lexists(path) else None
    if doc is None and os.path.lexists(path):
        problems.could_not_read("glossary")
    entities = []
    owner: dict[str, str] = {}  # every name and alias (case folded) -> the entry that gives it
    for slug, entry in (doc.data.items() if doc else ()):
        line = doc.line(slug)
        if not check_entry(path, line, str(slug), entry, ENTITY_FIELDS, ("name", "kind", "description"), problems,
                           doc=doc, at=(slug,)):
            problems.could_not_read("glossary", str(slug))
            continue
        kind = entry["kind"]
        if kind not in ENTITY_KINDS:
            problems.error(path, line, f"entry '{slug}' has unknown kind '{kind}'{did_you_mean(str(kind), ENTITY_KINDS)}",
                           f"use one of: {', '.join(ENTITY_KINDS)}")
            problems.could_not_read("glossary", str(slug))
            continue
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.error(path, line, f"entry '{slug}': aliases must be a list of names", "write aliases: [Name One, Name Two]")
            problems.could_not_read("glossary", str(slug))
            continue
        searched = entry.get("search_aliases") or []
        if not all(isinstance(a, str) and a.strip() for a in searched):
            problems.error(path, doc.line(slug, "search_aliases"), f"entry '{slug}': search_aliases must be a list of spellings",
                           "write search_aliases: [Gorbachov, Gorbatschow]")
            problems.could_not_read("glossary", str(slug))
            continue
        case = entry.get("case", "sensitive")
        if case not in ("sensitive", "insensitive"):
            problems.error(path, line, f"entry '{slug}': case must be 'sensitive' or 'insensitive', not '{case}'",
                           "write case: insensitive for terms that may start a sentence")
            problems.could_not_read("glossary", str(slug))
            continue
        report_field(doc, problems, slug, "description")
        name = str(entry["name"])
        names = tuple(dict.fromkeys([name, *aliases]))
        clash = next((n for n in names if n.casefold() in owner), None)
        if clash:
            problems.error(path, doc.line(slug, "aliases") if clash in aliases else doc.line(slug, "name"),
                           f"entry '{slug}': the name '{clash}' is already given by entry '{owner[clash.casefold()]}'",
                           "keep each name in one entry only: a mention can link to one entry")
            problems.could_not_read("glossary", str(slug))
            continue
        owner.update((n.casefold(), str(slug)) for n in names)
        # people file under their family name, taken as the last word unless 'sort' says otherwise
        sort = str(entry.get("sort") or (name.split()[-1] if kind == "person" else name))
        entities.append(Entity(str(slug), name, kind, names, case == "sensitive", str(entry["description"]),
                               rel(root, path), line, tuple(find_refs(*reversed(doc.excerpt(slug, "description")))), sort,
                               tuple(dict.fromkeys(a.strip() for a in searched if a.strip().casefold() not in {n.casefold() for n in names}))))
    check_search_aliases(path, doc, entities, owner, problems)
    return tuple(sorted(entities, key=lambda e: (e.sort.lower(), e.name.lower(), e.slug)))


def check_search_aliases(path: Path, doc: YamlDoc | None, entities: list[Entity], owner: dict[str, str],
                         problems: Problems) -> None:
    """A search-only spelling finds its entry's passages; one that is another entry's name would find both."""
    for entity in entities:
        for spelling in entity.search_aliases:
            other = owner.get(spelling.casefold())
            if other and other != entity.slug:
                problems.error(path, doc.line(entity.slug, "search_aliases"),
                               f"entry '{entity.slug}': the search alias '{spelling}' is a name of entry '{other}'",
                               "a search alias finds the passages of its own entry only; remove it here")


def read_timeline(root: Path, problems: Problems) -> tuple[Event, ...]:
    """Read content/timeline.yml: one event per slug, in date order."""
    path = root / "content" / "timeline.yml"
    doc = read_yaml(path, problems) if os.path.lexists(path) else None
    events = []
    for slug, entry in (doc.data.items() if doc else ()):
        line = doc.line(slug)
        if not check_entry(path, line, str(slug), entry, EVENT_FIELDS, ("date", "title", "passages"), problems,
                           doc=doc, at=(slug,)):
            continue
        try:
            date = PartialDate.parse(str(entry["date"]))
        except ValueError:
            problems.error(path, line, f"event '{slug}': date '{entry['date']}' is not a date",
                           "write YYYY-MM-DD, YYYY-MM or YYYY, in quotes")
            continue
        passages = entry["passages"]
        title = str(entry["title"])
        short = str(entry.get("short") or re.split(r"[;:]", title)[0])
        events.append(Event(str(slug), date, str(entry.get("date_note") or ""), title, short,
                            tuple(str(p) for p in passages), rel(root, path), line))
    return tuple(sorted(events, key=lambda e: (e.date.sort_key, e.slug)))


def read_themes(root: Path, problems: Problems) -> tuple[Theme, ...]:
    """Read content/themes/*.md: front matter plus a Markdown body, sorted by title."""
    themes = []
    for path in sorted((root / "content" / "themes").glob("*.md")):
        read = read_markdown(path, problems, fields=("description", "questions"))
        if read is None or not check_entry(path, 1, path.stem, read[0].data, THEME_FIELDS, ("title", "description"),
                                           problems, what="theme", doc=read[0]):
            problems.could_not_read("theme", path.stem)
            continue
        doc, body, body_line = read
        related, questions = doc.data.get("related") or [], doc.data.get("questions") or []
        title = str(doc.data["title"])
        short = str(doc.data.get("short") or re.split(r"[:,]", title)[0])
        themes.append(Theme(path.stem, title, short, str(doc.data["description"]), tuple(map(str, related)),
                            tuple(map(str, questions)), body, rel(root, path),
                            tuple(find_refs(body, body_line) + find_refs(*reversed(doc.excerpt("questions")))),
                            doc.line("related"), tuple(find_refs(*reversed(doc.excerpt("description"))))))
    return tuple(sorted(themes, key=lambda t: t.title.lower()))


# the fields that hold a list, each with an example for the fix; every other field holds text
LIST_FIELDS = {"passages": "[wallander-2003#p3, yu-sui-2021#p7]", "aliases": "[Name One, Name Two]",
               "search_aliases": "[Gorbachov, Gorbatschow]",
               "related": "[trade-energy, two-track-policy]", "questions": '["A first question?", "A second one?"]'}


def check_entry(path: Path, line: int, slug: str, entry, fields: tuple, required: tuple, problems: Problems,
                what: str = "entry", doc: YamlDoc | None = None, at: tuple = ()) -> bool:
    """Check one mapping of a curated file: known fields, required fields present, slug well formed.

    With its YamlDoc and the entry's key path (`at`), a problem with a field names the field's line."""
    def field_line(key: str) -> int:
        return doc.line(*at, key) if doc else line

    if not isinstance(entry, dict):
        problems.error(path, line, f"{what} '{slug}' must be a mapping of fields", f"give it the fields: {', '.join(fields)}")
        return False
    ok = True
    if not SLUG.match(slug):
        problems.error(path, line, f"slug '{slug}' must be lower-case words joined by hyphens", "use only a-z, 0-9 and hyphens")
        ok = False
    for key in entry:
        if key not in fields:
            problems.error(path, field_line(str(key)), f"{what} '{slug}' has unknown field '{key}'{did_you_mean(str(key), fields)}",
                           f"known fields: {', '.join(fields)}")
            ok = False
    for key in fields:
        value = entry.get(key)
        if key in required and (value is None or value == "" or value == []):
            problems.error(path, line, f"{what} '{slug}' is missing the required field '{key}'", f"add '{key}: …'")
            ok = False
        elif value is None:
            continue
        elif key in LIST_FIELDS and not isinstance(value, list):
            problems.error(path, field_line(key), f"{what} '{slug}': '{key}' must be a list", f"write {key}: {LIST_FIELDS[key]}")
            ok = False
        elif key not in LIST_FIELDS and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            # numbers are fine (date: 1974 reads as the text "1974"); lists and mappings are not
            problems.error(path, field_line(key), f"{what} '{slug}': '{key}' must be text, not a {type(value).__name__}",
                           f"write {key}: \"…\" on one line, in quotes")
            ok = False
    return ok


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
