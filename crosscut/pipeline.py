"""The build, stage by stage: read -> clean and model -> analyse -> render -> stage -> index -> swap."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from .config import read_config
from .analyse import analyse
from .curate import read_glossary, read_pages, read_themes, read_timeline
from .essays import make_essays
from .model import Site
from .passages import read_lock, write_lock
from .problems import BuildFailed, Problems
from .render import render_site, report_template_error
from .search import index_site
from .seeds import read_essays
from .sources import check_folder
from .static import add_static, read_static
from .write import check_output, discard, held_interrupts, output_lock, remove_stale, stage_files, swap_in


@dataclass(frozen=True)
class Options:
    root: Path  # project folder holding seeds/, content/, templates/
    out: Path  # where the site goes (normally <root>/site)
    base_url: str | None = None  # overrides the path of the configured url
    url: str | None = None  # overrides the configured public address
    strict: bool = False  # warnings fail the build
    search: bool = True  # build the Pagefind index
    accept_passages: bool = False  # record cited paragraphs' new text and renumberings in the passage lock
    write: bool = True  # False: run every check and render, but write nothing (crosscut check)


def build(options: Options, log: Callable[[str], None] = lambda message: None,
          notice: Callable[[str], None] = lambda message: None) -> Problems:
    """Build the site into options.out, or raise BuildFailed (or OutputRefused) and leave it as it was.

    `log` hears the name of each stage as it begins; `notice` hears what the user must be told
    at once (that the build waits for another one)."""
    root, problems = options.root, Problems(options.root)
    if options.write:
        check_output(options.out, root)  # before any work: a folder we may not replace is refused outright
    log("reading seeds and content")
    config = read_config(root, problems, options.base_url, options.url)
    raws = read_essays(root, problems)
    pages = read_pages(root, problems)
    themes, entities, events = read_themes(root, problems), read_glossary(root, problems), read_timeline(root, problems)
    check_folder(root / "templates", problems)
    static = read_static(root, problems)
    lock = read_lock(root, problems)
    # A reading error does not stop the build here: what could be read goes on, so one run reports
    # every problem, including the reference errors behind a broken file.
    incomplete = problems.failed()

    log(f"cleaning {len(raws)} essays")
    site = Site(essays=make_essays(raws, problems, root), pages=pages, themes=themes, entities=entities, events=events)

    log("resolving references and finding mentions")
    before = len(problems.items)
    analysis = analyse(site, problems, lock, options.accept_passages)
    if incomplete:  # warnings about the whole collection (an entry no essay mentions) wait until it is whole
        problems.drop_warnings(since=before)
    check(problems, options.strict)

    log("rendering pages")
    try:
        files = render_site(site, analysis, config, root / "templates")
    except TemplateError as err:
        report_template_error(err, root / "templates", problems)
        raise BuildFailed(problems) from err
    files = add_static(files, static, root, problems)
    check(problems, options.strict)
    if not options.write:
        return problems
    with output_lock(options.out, notice):
        remove_stale(options.out)
        check_output(options.out, root)  # again, now that no other build can be writing there
        stage = stage_files(files, options.out)
        try:
            if options.search:
                log("indexing for search")
                index_site(stage)
            with held_interrupts():
                swap_in(stage, options.out)
        except BaseException:
            discard(stage)
            raise
    if analysis.lock_changed:  # only after the site is in place: a failed build records nothing
        write_lock(root, analysis.lock)
    log(f"wrote {len(files)} files to {options.out}")
    return problems


def check(problems: Problems, strict: bool) -> None:
    """Stop the build when the problems so far make going on pointless."""
    if problems.failed(strict):
        raise BuildFailed(problems)
