"""Raw essay + metadata -> Essay: curated metadata wins, the cleaner fills the rest, gaps are reported."""

from __future__ import annotations

from functools import partial

from slugify import slugify

from . import codec, work
from .cache import Cache, key
from .clean import Block, Cleaned, Overrides, clean_text
from .model import Author, Essay, Heading, Paragraph, PartialDate
from .problems import Problems
from .seeds import RawEssay


FIELD_OF = {"title": "title", "authors": "authors", "date": "date", "outlet": "outlet"}  # doubt field -> metadata key


def make_essays(raws: list[RawEssay], problems: Problems, root, cache: Cache = Cache.off()) -> tuple[Essay, ...]:
    """Clean every seed and build the essays, in date order (undated last, then by slug).

    Cleaning, the costly part, depends on a seed's text and its overrides alone: it runs over
    the cores and is kept in the cache between builds."""
    jobs = [(raw.seed_path.relative_to(root).as_posix(), raw.text, raw.meta.overrides) for raw in raws]
    keys = [key("clean", text, codec.dump(overrides)) for _, text, overrides in jobs]
    cleaned = work.each(clean_job, jobs, keys, cache, "clean", codec.to_bytes, partial(codec.from_bytes, Cleaned))
    essays = []
    for raw, result in zip(raws, cleaned):
        check_overrides(raw, problems, root)
        essays.append(make_essay(raw, result, problems, root))
    return tuple(sorted(essays, key=lambda e: (e.date.sort_key, e.slug)))


def clean_job(job: tuple[str, str, Overrides]) -> Cleaned:
    seed, text, overrides = job  # (`seed` names the file in the one-line report of a crash here)
    return clean_text(text, overrides)


def check_overrides(raw: RawEssay, problems: Problems, root) -> None:
    """Every line an override names must be a line of the seed that holds text."""
    lines = raw.text.splitlines()
    seed = raw.seed_path.relative_to(root).as_posix()
    overrides = raw.meta.overrides
    for key, where in sorted(overrides.where.items()):
        for number in sorted(getattr(overrides, key)):
            if number > len(lines):
                problems.error(raw.meta_path, where, f"cleaning: {key} names line {number}, but {seed} has {len(lines)} lines",
                               f"use the line numbers that 'python -m crosscut.inspect {raw.meta.slug}' prints")
            elif not lines[number - 1].strip():
                problems.error(raw.meta_path, where, f"cleaning: {key} names line {number} of {seed}, which is blank and "
                               "belongs to no block", f"use the number of a line with text; 'python -m crosscut.inspect "
                               f"{raw.meta.slug}' prints them")


def report_doubts(raw: RawEssay, cleaned: Cleaned, problems: Problems, root) -> None:
    """Warn about each pick the cleaner was unsure of, unless the metadata already settles that field."""
    meta_file = raw.meta_path.relative_to(root).as_posix()
    for doubt in cleaned.doubts:
        key = FIELD_OF.get(doubt.field)
        if key and getattr(raw.meta, key) is not None:
            continue
        problems.warn(raw.seed_path, doubt.line, doubt.message,
                      f"see 'python -m crosscut.inspect {raw.meta.slug}'; to correct it, set '{doubt.fix}' in {meta_file}")


def make_essay(raw: RawEssay, cleaned: Cleaned, problems: Problems, root) -> Essay:
    """Merge what the metadata states with what the cleaner found; say what neither knows."""
    meta = raw.meta
    seed = raw.seed_path.relative_to(root).as_posix()
    meta_file = raw.meta_path.relative_to(root).as_posix()
    report_doubts(raw, cleaned, problems, root)

    def missing(what: str, key: str, example: str) -> None:
        problems.warn(raw.meta_path, None, f"no {what} found in {seed}; shown as unknown",
                      f"set '{key}: {example}' in {meta_file} (or '{key}: unknown' to accept it)")

    title = meta.title or cleaned.title
    if not title:
        problems.warn(raw.meta_path, None, f"no title found in {seed}; using the file name",
                      f"set 'title: \"...\"' in {meta_file}")
        title = meta.slug.replace("-", " ").capitalize()
    authors = meta.authors if meta.authors is not None else tuple(Author(a.name, a.affiliation) for a in cleaned.authors)
    if meta.authors is None and not authors:
        missing("author", "authors", "[{name: Jane Doe, affiliation: Some University}]")
    date = meta.date
    if date is None:
        date = PartialDate.parse(cleaned.date)
        if not cleaned.date:
            missing("date", "date", "\"2021-04\"")
    outlet = meta.outlet if meta.outlet is not None else cleaned.outlet
    if meta.outlet is None and not outlet:
        missing("outlet", "outlet", "\"Name of the publication\"")
    if cleaned.subtitle and meta.subtitle is None:
        problems.warn(raw.meta_path, None, f"lines under the title of {seed} were read as a subtitle: '{cleaned.subtitle[:60]}'",
                      f"check them; set 'subtitle:' in {meta_file}, or drop them with 'cleaning: {{drop_lines: [...]}}'")
    return Essay(
        slug=meta.slug, title=title, subtitle=meta.subtitle if meta.subtitle is not None else cleaned.subtitle,
        authors=authors, date=date, date_note=meta.date_note, outlet=outlet,
        series=meta.series if meta.series is not None else cleaned.series,
        url=meta.url if meta.url is not None else cleaned.url, summary=meta.summary,
        body=number_blocks(cleaned.blocks), notes=cleaned.notes, source=seed, meta_path=meta_file,
        thesis=meta.thesis, claims=meta.claims, refs=meta.refs, evidence=meta.evidence, provenance=meta.provenance,
    )


def number_blocks(blocks: tuple[Block, ...]) -> tuple[Heading | Paragraph, ...]:
    """Number paragraphs ¶ 1.. and give headings unique anchors that cannot clash with p<n>."""
    body: list[Heading | Paragraph] = []
    anchors: set[str] = set()
    section, number = "", 0
    for block in blocks:
        if block.kind == "heading":
            base = slugify(block.text) or "section"
            base = f"s-{base}" if base[:1] == "p" and base[1:].isdigit() else base
            anchor, n = base, 2
            while anchor in anchors:
                anchor, n = f"{base}-{n}", n + 1
            anchors.add(anchor)
            section = anchor
            body.append(Heading(anchor, block.text, block.level))
        else:
            number += 1
            body.append(Paragraph(number, block.text, section, block.lines, marker=block.marker))
    return tuple(body)
