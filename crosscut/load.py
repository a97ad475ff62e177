"""Load a project: read -> clean -> model -> analyse, the stages every use of the engine shares.

The build, `check`, the benchmarks and the tests all start here, so the stage list is written
once. Loading never stops at a problem: what could be read goes on, so one run reports every
problem (including the reference errors behind a broken file); the caller decides what stops.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .analyse import Analysis, analyse
from .cache import Cache
from .config import SiteConfig, read_config
from .curate import read_glossary, read_pages, read_themes, read_timeline
from .essays import make_essays
from .model import Site
from .passages import read_lock
from .problems import Problems
from .seeds import RawEssay, read_essays
from .sources import check_folder, check_project
from .static import read_static


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig  # the site's settings, with --url and --base-url applied
    site: Site  # the model: essays, pages, themes, glossary, timeline
    analysis: Analysis  # every reference resolved, every relation derived
    problems: Problems  # everything found wrong on the way, in the order found
    static: dict[str, bytes] = field(default_factory=dict)  # the files under content/ published as they are, by site path
    raws: tuple[RawEssay, ...] = ()  # the seeds and metadata the essays were made from (serve's quick look needs them)


def load(root: Path, base_url: str | None = None, url: str | None = None, accept_passages: bool = False,
         log: Callable[[str], None] = lambda stage: None, cache: Cache = Cache.off()) -> Loaded:
    """Read, clean, model and analyse the project in `root`; `log` hears the name of each stage as it begins.

    `cache` keeps the results of the per-essay stages between builds (see work.py)."""
    problems = Problems(root)
    log("reading seeds and content")
    config = read_config(root, problems, base_url, url)
    if not check_project(root, problems):  # not a project: anything more would only be noise
        return Loaded(config, Site((), ()), analyse(Site((), ()), problems), problems)
    raws = read_essays(root, problems)
    pages = read_pages(root, problems)
    themes, entities, events = read_themes(root, problems), read_glossary(root, problems), read_timeline(root, problems)
    check_folder(root / "templates", problems)
    static = read_static(root, problems)
    lock = read_lock(root, problems)
    incomplete = problems.failed()

    log(f"cleaning {len(raws)} essays")
    site = Site(essays=make_essays(raws, problems, root, cache), pages=pages, themes=themes, entities=entities, events=events)

    log("resolving references and finding mentions")
    before = len(problems.items)
    analysis = analyse(site, problems, lock, accept_passages, cache)
    if incomplete:  # warnings about the whole collection (an entry no essay mentions) wait until it is whole
        problems.drop_warnings(since=before)
    return Loaded(config, site, analysis, problems, static, tuple(raws))
