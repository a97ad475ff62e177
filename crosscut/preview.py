"""`serve`'s quick look: the page of an essay whose seed was saved, on screen before the build.

A build of a large collection takes seconds even when only one paragraph changed, since what an
essay says feeds pages across the collection (glossary entries, related essays, search). While
serving, the page the maintainer is looking at should not wait for all that. So when the only
files saved are seeds of essays the last build knew, each such essay is cleaned again and its
page rendered against the last build's collection (its mentions found anew, everything else as
before) and written in place over the served page; then the full build runs as always and swaps
in the whole site, which is what a cold build of the same sources gives. Anything unusual (a
seed that cannot be read, a new or renamed essay, metadata or templates changed, a problem)
skips the quick look: the full build alone follows, as before.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from .analyse import make_matcher, read_essay
from .clean import clean_text
from .essays import make_essay
from .load import Loaded
from .problems import Problems
from .render import prepare
from .sources import read_source


def preview(loaded: Loaded, root: Path, out: Path, changed: set[Path]) -> list[str]:
    """Write the pages of the essays whose seeds are `changed` into the served site `out`, when
    every changed file is such a seed; return the site paths written (none when skipped)."""
    raws = {raw.seed_path.resolve(): raw for raw in loaded.raws}
    if not changed or not loaded.raws or not out.is_dir() or any(path.resolve() not in raws for path in changed):
        return []
    problems = Problems(root)
    site, analysis = loaded.site, loaded.analysis
    matcher, entities, essays = make_matcher(site), {e.slug: e for e in site.entities}, list(site.essays)
    mentions, spellings, slugs = dict(analysis.mentions), dict(analysis.spellings), []
    for path in sorted(changed):
        raw = raws[path.resolve()]
        text = read_source(path, problems)
        if text is None:
            return []
        raw = dataclasses.replace(raw, text=text)
        essay = make_essay(raw, clean_text(text, raw.meta.overrides), problems, root)
        place = next(i for i, e in enumerate(essays) if e.slug == essay.slug)
        if (essay.date, essay.title) != (essays[place].date, essays[place].title):
            return []  # its place among the essays changed: listings and neighbours wait for the build
        essays[place] = essay
        mentions[essay.slug], spellings[essay.slug] = read_essay(essay, matcher, entities)
        slugs.append(essay.slug)
    if problems.failed():
        return []
    site = dataclasses.replace(site, essays=tuple(essays))
    analysis = dataclasses.replace(analysis, mentions=mentions, spellings=spellings)
    pages = prepare(site, analysis, loaded.config, root / "templates").essay_pages(slugs)
    for path, data in pages.items():
        write_in_place(out / path, data)
    return sorted(pages)


def write_in_place(target: Path, data: bytes) -> None:
    """Replace one file of the served site in a single step: a reader sees the old page or the new."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".preview-")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)
