"""Independent readings of content/ to check the engine against: references, mentions, the timeline.

Nothing here calls the engine's analysis: references are found with a regular expression of
our own, and mentions with one regular expression per name, resolved leftmost-longest.
`load_model` gives the engine's own model (crosscut.load), for tests that need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from crosscut.load import load
from crosscut.model import Site
from crosscut.problems import Problems

# ---------------------------------------------------------------- the model, as the engine loads it


def load_model(root: Path) -> tuple[Site, Problems]:
    """The engine's model of the project under `root`, and the problems loading it found."""
    loaded = load(root)
    return loaded.site, loaded.problems


# ---------------------------------------------------------------- references


@dataclass(frozen=True)
class Cited:
    line: int  # line in the file
    kind: str  # "essay", "glossary" or "theme"
    slug: str  # the essay, entry or theme
    first: int  # first paragraph, 0 for none
    last: int  # last paragraph, 0 for none
    quote: bool  # ![[…]]
    phrases: tuple[str, ...] = ()  # for quotes: the phrases choosing the sentences


RAW_REF = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")


def without_code(text: str) -> list[str]:
    """The lines of a Markdown text with fenced blocks emptied and code spans removed (line count kept)."""
    lines, fenced = [], False
    for line in text.split("\n"):
        if re.match(r"\s*(```|~~~)", line):
            fenced = not fenced
            lines.append("")
            continue
        lines.append("" if fenced else re.sub(r"(`+)(?:(?!\1).)+?\1", "", line))
    return lines


def refs_in(text: str) -> list[Cited]:
    """Every [[…]] in a Markdown file, with its line (1-based within `text`)."""
    found = []
    for number, line in enumerate(without_code(text), 1):
        for m in RAW_REF.finditer(line):
            target = m.group(2).replace("\\|", "|").split("|")[0]
            phrases = tuple(a or b for a, b in re.findall(r'"([^"]*)"|“([^”]*)”', target))
            target = re.sub(r'"[^"]*"|“[^”]*”', "", target).strip()
            if target.startswith(("g:", "t:")):
                found.append(Cited(number, {"g": "glossary", "t": "theme"}[target[0]], target[2:], 0, 0, bool(m.group(1))))
                continue
            slug, _, where = target.partition("#")
            para = re.fullmatch(r"p(\d+)(?:-p?(\d+))?", where)
            first = int(para.group(1)) if para else 0
            last = int(para.group(2) or first) if para else 0
            found.append(Cited(number, "essay", slug, first, last, bool(m.group(1)), phrases))
    return found


def theme_refs(root: Path) -> dict[str, list[Cited]]:
    """Theme slug -> every reference its file makes (front matter included)."""
    return {p.stem: refs_in(p.read_text(encoding="utf-8")) for p in sorted((root / "content" / "themes").glob("*.md"))}


def page_refs(root: Path) -> dict[str, list[Cited]]:
    """Page slug ("" for the home page) -> every reference its file makes."""
    return {("" if p.stem == "index" else p.stem): refs_in(p.read_text(encoding="utf-8"))
            for p in sorted((root / "content" / "pages").glob("*.md"))}


def cited_paragraphs(refs: list[Cited]) -> dict[str, set[int]]:
    """Essay slug -> the paragraphs these references cite."""
    out: dict[str, set[int]] = {}
    for r in refs:
        if r.kind == "essay" and r.first is not None:
            out.setdefault(r.slug, set()).update(range(r.first, r.last + 1))
    return out


def timeline(root: Path) -> dict[str, dict]:
    """content/timeline.yml as plain data."""
    return yaml.safe_load((root / "content" / "timeline.yml").read_text(encoding="utf-8")) or {}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Name:
    text: str  # the spelling
    entity: str  # glossary slug
    sensitive: bool  # exact case only


def glossary_names(root: Path) -> list[Name]:
    """Every spelling of every glossary entry, read straight from content/glossary.yml."""
    data = yaml.safe_load((root / "content" / "glossary.yml").read_text(encoding="utf-8"))
    names = []
    for slug, entry in data.items():
        sensitive = entry.get("case", "sensitive") == "sensitive"
        for spelling in dict.fromkeys([entry["name"], *(entry.get("aliases") or [])]):
            names.append(Name(spelling, slug, sensitive))
    return names


def regex_mentions(text: str, names: list[Name]) -> list[tuple[int, int, str]]:
    """(start, end, entity) of every whole-word mention; overlaps go to the leftmost, then the longest."""
    candidates = []
    for name in names:
        pattern = re.compile(r"(?<!\w)(?=(" + re.escape(name.text) + r")(?!\w))", 0 if name.sensitive else re.IGNORECASE)
        candidates += [(m.start(1), m.end(1), name.entity) for m in pattern.finditer(text)]
    chosen, reach = [], 0
    for start, end, entity in sorted(candidates, key=lambda c: (c[0], c[0] - c[1], c[2])):
        if start >= reach:
            chosen.append((start, end, entity))
            reach = end
    return chosen
