"""Read seeds/ and content/essays/: one raw essay per metadata file, checked field by field."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .clean import Overrides
from .markdown import report_field
from .model import Author, Claim, Located, PartialDate
from .refs import find_refs
from .problems import Problems, did_you_mean
from .sources import CONTROL, control_characters, describe, read_source
from .yamlfile import YamlDoc, read_yaml

FIELDS = {
    "source": "file name of the raw text in seeds/ (required)",
    "slug": "address of the essay (default: the metadata file name)",
    "title": "title, when the seed states none or states it wrongly",
    "subtitle": "standfirst under the title",
    "authors": "list of {name, affiliation}, or 'unknown'",
    "date": "publication date: YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'",
    "date_note": "how the date is known when the seed does not state it",
    "outlet": "where the essay was published, or 'unknown'",
    "series": "series or project the essay belongs to",
    "url": "address of the original",
    "title_note": "how the title is known, when it is set here rather than read from the seed",
    "subtitle_note": "how the subtitle is known",
    "authors_note": "how the authors are known",
    "outlet_note": "how the outlet is known (e.g. the outlet's own listing page)",
    "series_note": "how the series is known",
    "url_note": "how the address of the original is known",
    "provenance": "web address(es) of the public pages that state the facts set here",
    "summary": "our own short summary (Markdown)",
    "thesis": "the essay's thesis in our words: {at: p4, text: ...}",
    "claims": "its main claims in our words: a list of {at: p4, text: ...}",
    "cleaning": "per-essay cleaning overrides",
}
CLEANING = ("drop_lines", "keep_lines", "join_after", "no_join_after", "heading_lines", "item_lines", "paragraph_lines")
EVIDENCE = ("title", "subtitle", "authors", "outlet", "series", "url")  # fields that may carry a <field>_note
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AT = re.compile(r"^p\d+(?:-p?\d+)?$")


@dataclass(frozen=True)
class EssayMeta:
    """What content/essays/<slug>.yml says; None means the field is not set (the cleaner decides)."""

    slug: str  # address key
    source: str  # seed file name
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[Author, ...] | None = None  # () means "known to be unknown"
    date: PartialDate | None = None  # PartialDate() means "known to be unknown"
    date_note: str = ""
    outlet: str | None = None  # "" means "known to be unknown"
    series: str | None = None
    url: str | None = None
    summary: str = ""
    thesis: Claim | None = None
    claims: tuple[Claim, ...] = ()
    refs: tuple[Located, ...] = ()  # references in summary, thesis and claims, with their lines
    overrides: Overrides = field(default_factory=Overrides)
    evidence: tuple[tuple[str, str], ...] = ()  # (field, how it is known) for facts set here, not read from the seed
    provenance: tuple[str, ...] = ()  # addresses of the public pages that state those facts


@dataclass(frozen=True)
class RawEssay:
    meta: EssayMeta  # the checked metadata
    meta_path: Path  # content/essays/<slug>.yml
    seed_path: Path  # seeds/<source>
    text: str  # the seed as read, unchanged


def read_essays(root: Path, problems: Problems) -> list[RawEssay]:
    """Read every metadata file and its seed; record every problem found, not only the first."""
    seeds_dir, meta_dir = root / "seeds", root / "content" / "essays"
    seed_names = sorted(p.name for p in seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    metas = sorted(meta_dir.glob("*.yml")) if meta_dir.is_dir() else []
    if not seeds_dir.is_dir():
        problems.error(seeds_dir, None, "no seeds/ folder: the raw texts of the essays go there",
                       "create seeds/ and put each essay's raw text in it as a .txt file")
    elif not seed_names and not metas:
        problems.error(seeds_dir, None, "no essays yet: seeds/ holds no raw text (.txt)",
                       "put an essay's raw text in seeds/<name>.txt and describe it in content/essays/<slug>.yml "
                       "with the line: source: <name>.txt")
    essays: list[RawEssay] = []
    used: dict[str, Path] = {}  # seed name -> metadata file that claims it
    slugs: dict[str, Path] = {}
    claimed: set[str] = set()  # seeds named by any metadata file, even one with errors
    unreadable = False  # a metadata file could not be parsed, so claims are incomplete
    for path in metas:
        doc = read_yaml(path, problems)
        source = str(doc.data.get("source") or "") if doc else ""
        unreadable |= doc is None
        claimed.update(likely_seeds(path, source, seed_names))
        meta = doc and read_meta(doc, seed_names if seeds_dir.is_dir() else None, problems)
        if not meta or not seeds_dir.is_dir():
            # references to the essay (by the slug it gives, or by its file name) would only repeat this file's errors
            problems.could_not_read("essay", path.stem)
            if doc:
                problems.could_not_read("essay", str(doc.data.get("slug", path.stem)))
            continue
        if meta.slug in slugs:
            problems.error(path, doc.line("slug"), f"duplicate slug '{meta.slug}', already used by {rel(root, slugs[meta.slug])}",
                           "give one of the essays another 'slug:' (or rename its metadata file)")
            problems.could_not_read("essay", path.stem)
            continue
        if meta.source in used:
            problems.error(path, doc.line("source"), f"seed '{meta.source}' is already described by {rel(root, used[meta.source])}",
                           "each seed has exactly one metadata file; delete or correct one of them")
            problems.could_not_read("essay", meta.slug)
            continue
        slugs[meta.slug], used[meta.source] = path, path
        seed = seeds_dir / meta.source
        text = read_seed(seed, problems)
        if text is None:
            problems.could_not_read("essay", meta.slug)
        else:
            essays.append(RawEssay(meta, path, seed, text))
    for name in seed_names:
        if name not in claimed and not unreadable:
            problems.error(seeds_dir / name, None, "this seed has no metadata file",
                           f"create content/essays/{Path(name).stem}.yml containing the line: source: {name}")
    return essays


def read_seed(path: Path, problems: Problems) -> str | None:
    """A seed's text as UTF-8 (a byte-order mark dropped, control characters removed); None, with a problem, when it is not text."""
    text = read_source(path, problems, "save the file as UTF-8; seeds are otherwise copied as they are")
    if text is None:
        return None
    found = control_characters(text)
    if found:
        chars = ", ".join(dict.fromkeys(describe(c) for _, c in found))
        problems.warn(path, found[0][0], f"{len(found)} invisible control character(s) ({chars}) removed, the first on this line",
                      "delete them from the seed: they are not text, and pages and feeds cannot carry them")
        text = CONTROL.sub("", text)
    if not text.strip():
        problems.error(path, None, "the seed is empty", "paste the essay's raw text into it")
        return None
    return text


def likely_seeds(meta: Path, source: str, seed_names: list[str]) -> list[str]:
    """The seeds a metadata file means, even when its source is misspelt or missing.

    A seed it means is not reported again as having no metadata: one mistake, one message.
    """
    if source in seed_names:
        return [source]
    if source:
        return difflib.get_close_matches(source, seed_names, n=1, cutoff=0.6)
    words = set(meta.stem.split("-"))
    return [name for name in seed_names if words <= set(Path(name).stem.split("-"))]


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_meta(doc: YamlDoc, seed_names: list[str] | None, problems: Problems) -> EssayMeta | None:
    """Check one metadata file and turn it into EssayMeta; None when it has errors.

    seed_names is None when there is no seeds/ folder (reported once): its source is then not looked for."""
    data, path, before = doc.data, doc.path, len(problems.errors)
    for key in data:
        if key not in FIELDS:
            problems.error(path, doc.line(key), f"unknown field '{key}'{did_you_mean(str(key), FIELDS)}",
                           "known fields: " + ", ".join(FIELDS))
    source = data.get("source")
    if not source:
        problems.error(path, 1, "required field 'source' is missing",
                       "add a line 'source: <file name in seeds/>' naming the raw text of this essay")
    elif seed_names is not None and (not isinstance(source, str) or source not in seed_names):
        problems.error(path, doc.line("source"), f"source '{source}' is not a file in seeds/{did_you_mean(str(source), seed_names)}",
                       "put the raw text in seeds/ or correct the file name")
    slug = str(data.get("slug", path.stem))
    if not SLUG.match(slug):
        problems.error(path, doc.line("slug"), f"slug '{slug}' must be lower-case words joined by hyphens",
                       "use only a-z, 0-9 and single hyphens, e.g. 'smith-2024'")
    text = {k: read_text_field(doc, k, problems) for k in
            ("title", "subtitle", "date_note", "outlet", "series", "url", "summary")}
    url = text["url"]
    if url and url != "unknown" and not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
        problems.error(path, doc.line("url"), f"url '{url}' is not a web address",
                       "write the full address of the original, starting with https:// (or leave the field out)")
    authors = read_authors(doc, problems)
    date = read_date(doc, problems)
    overrides = read_overrides(doc, problems)
    thesis = read_claims(doc, "thesis", problems)
    claims = read_claims(doc, "claims", problems)
    evidence, provenance = read_evidence(doc, problems)
    failed = len(problems.errors) > before
    # what Markdown may not hold is an error, but not one that drops the essay: its paragraphs can still be cited
    report_field(doc, problems, "summary")
    report_field(doc, problems, "thesis", "text")
    for index in range(len(data["claims"]) if isinstance(data.get("claims"), list) else 0):
        report_field(doc, problems, "claims", index, "text")
    if failed:
        return None
    outlet = text["outlet"]
    return EssayMeta(
        slug=slug, source=source, title=text["title"], subtitle=text["subtitle"], authors=authors, date=date,
        date_note=text["date_note"] or "", outlet="" if outlet == "unknown" else outlet, series=text["series"],
        url="" if url == "unknown" else url, summary=(text["summary"] or "").strip(), overrides=overrides,
        thesis=thesis[0] if thesis else None, claims=claims, evidence=evidence, provenance=provenance,
        refs=tuple(ref for key in ("summary", "thesis", "claims") for ref in find_refs(*reversed(doc.excerpt(key)))),
    )


def read_text_field(doc: YamlDoc, key: str, problems: Problems) -> str | None:
    value = doc.data.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.error(doc.path, doc.line(key), f"field '{key}' must be text, not {type(value).__name__}",
                   f"write it as {key}: \"...\"")
    return None


def read_authors(doc: YamlDoc, problems: Problems) -> tuple[Author, ...] | None:
    value = doc.data.get("authors")
    if value is None:
        return None
    if value == "unknown" or value == []:
        return ()
    hint = "write authors as a list of entries like '- {name: Jane Doe, affiliation: Some University}', or 'unknown'"
    if not isinstance(value, list):
        problems.error(doc.path, doc.line("authors"), "field 'authors' must be a list", hint)
        return None
    authors = []
    for entry in value:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or set(entry) - {"name", "affiliation", "surname"}:
            problems.error(doc.path, doc.line("authors"), f"author entry {entry!r} is not of the form {{name, affiliation}}", hint)
            continue
        authors.append(Author(entry["name"], str(entry.get("affiliation") or ""), str(entry.get("surname") or "")))
    return tuple(authors)


def read_date(doc: YamlDoc, problems: Problems) -> PartialDate | None:
    value = doc.data.get("date")
    if value is None:
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        problems.error(doc.path, doc.line("date"), f"date '{value}' is not a date",
                       "write YYYY-MM-DD, YYYY-MM or YYYY (quote it), or 'unknown'")
        return None


def read_claims(doc: YamlDoc, key: str, problems: Problems) -> tuple[Claim, ...]:
    """Read 'thesis' (one {at, text}) or 'claims' (a list of them)."""
    value = doc.data.get(key)
    if value is None:
        return ()
    entries = [value] if key == "thesis" else value
    hint = f"write {key} as " + ("'{at: p4, text: \"...\"}'" if key == "thesis" else "a list of '- {at: p4, text: \"...\"}'")
    if not isinstance(entries, list):
        problems.error(doc.path, doc.line(key), f"field '{key}' must be a list", hint)
        return ()
    claims = []
    for index, entry in enumerate(entries):
        if not (isinstance(entry, dict) and set(entry) == {"at", "text"} and isinstance(entry["text"], str)
                and AT.match(str(entry["at"]))):
            problems.error(doc.path, doc.line(key), f"{key} entry {entry!r} is not of the form {{at: p4, text: ...}}", hint)
            continue
        where = doc.line(key, "at") if key == "thesis" else doc.line(key, index, "at")
        claims.append(Claim(str(entry["at"]), entry["text"].strip(), where))
    return tuple(claims)


def read_overrides(doc: YamlDoc, problems: Problems) -> Overrides:
    """The 'cleaning' mapping: lists of seed line numbers per override; each key remembers its line here."""
    value = doc.data.get("cleaning") or {}
    line = doc.line("cleaning")
    if not isinstance(value, dict):
        problems.error(doc.path, line, "field 'cleaning' must be a mapping", f"use keys among: {', '.join(CLEANING)}")
        return Overrides()
    sets, where = {}, {}
    for key, lines in value.items():
        at = doc.line("cleaning", key) or line
        if key not in CLEANING:
            problems.error(doc.path, at, f"unknown cleaning override '{key}'{did_you_mean(str(key), CLEANING)}",
                           f"use keys among: {', '.join(CLEANING)}")
        elif not isinstance(lines, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in lines):
            problems.error(doc.path, at, f"cleaning override '{key}' must be a list of line numbers",
                           f"write it as {key}: [12, 40]")
        else:
            sets[key], where[key] = frozenset(lines), at
    return Overrides(**sets, where=where)


def read_evidence(doc: YamlDoc, problems: Problems) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """How facts set here are known: '<field>_note' texts, and 'provenance' addresses of public pages."""
    evidence = []
    for name in EVIDENCE:
        key = f"{name}_note"
        note = read_text_field(doc, key, problems)
        if note is None:
            continue
        if doc.data.get(name) in (None, "unknown"):
            problems.error(doc.path, doc.line(key), f"'{key}' explains a field that is not set here",
                           f"set '{name}:' in this file, or remove '{key}'")
        evidence.append((name, note.strip()))
    value = doc.data.get("provenance")
    addresses = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if value is not None and not (addresses and all(isinstance(a, str) and re.match(r"https?://[^\s/]+\.\S+$", a)
                                                    for a in addresses)):
        problems.error(doc.path, doc.line("provenance"), "'provenance' must be a web address or a list of them",
                       "write provenance: https://… (the public page that states the facts)")
        addresses = []
    return tuple(evidence), tuple(addresses)
