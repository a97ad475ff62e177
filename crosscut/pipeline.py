"""The build, stage by stage: load (read -> clean -> model -> analyse) -> render (with the static files) -> stage -> index -> swap.

With Options.write False (`crosscut check`) the same stages run up to rendering and nothing is written.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from .cache import Cache
from .feeds import left_out
from .load import Loaded, load
from .passages import write_lock
from .problems import BuildFailed, Problems
from .render import render_site, report_template_error
from .search import index_site
from .static import add_static
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


def quiet(message: str) -> None:
    """A listener that ignores what it hears."""


def build(options: Options, log: Callable[[str], None] = quiet, notice: Callable[[str], None] = quiet,
          keep: Callable[[Loaded], None] | None = None) -> Problems:
    """Build the site into options.out, or raise BuildFailed (or OutputRefused) and leave it as it was.

    With options.write False, every stage up to rendering runs and nothing is written (not even
    the passage lock). `log` hears the name of each stage as it begins; `notice` hears what the
    user must be told (that the build waits for another one, what it leaves out). `keep` receives
    the loaded project once the site is in place (serve keeps it for its quick look)."""
    if options.write:
        check_output(options.out, options.root)  # before any work: a folder we may not replace is refused outright
    cache, warning = Cache.of_project(options.root, options.write)  # what earlier builds kept (see work.py)
    tell(notice, warning)
    loaded = load(options.root, options.base_url, options.url, options.accept_passages, log, cache)
    stop_if_failed(loaded.problems, options.strict)
    log("rendering pages")
    gc.freeze()  # the loaded project lives until the end: the collector need not walk it again and again
    try:
        files = add_static(render(loaded, options.root, cache), loaded.static, options.root, loaded.problems)
    finally:
        gc.unfreeze()
    stop_if_failed(loaded.problems, options.strict)  # a static file that would replace a page
    if options.write:
        with output_lock(options.out, notice):
            publish(files, options, log, cache)
        if loaded.analysis.lock_changed:  # only after the site is in place: a failed build records nothing
            write_lock(options.root, loaded.analysis.lock)
        log(f"wrote {len(files)} files to {options.out}")
        cache.sweep()
        if keep:
            keep(loaded)
    tell(notice, left_out(loaded.config, loaded.site))
    return loaded.problems


def check(options: Options, log: Callable[[str], None] = quiet, notice: Callable[[str], None] = quiet) -> Problems:
    """Every problem the build would find, whether or not it would stop; nothing is written."""
    try:
        return build(replace(options, write=False, strict=False), log, notice)
    except BuildFailed as failed:
        return failed.problems


def stop_if_failed(problems: Problems, strict: bool) -> None:
    """Stop the build when the problems so far make going on pointless."""
    if problems.failed(strict):
        raise BuildFailed(problems)


def render(loaded: Loaded, root: Path, cache: Cache) -> dict[str, bytes]:
    """Every output file in memory; a template error becomes a problem and stops the build."""
    try:
        return render_site(loaded.site, loaded.analysis, loaded.config, root / "templates", cache)
    except TemplateError as err:
        report_template_error(err, root / "templates", loaded.problems)
        raise BuildFailed(loaded.problems) from err


def publish(files: dict[str, bytes], options: Options, log: Callable[[str], None], cache: Cache) -> None:
    """Write the files beside the output folder, index them, then swap them in for it in one step."""
    remove_stale(options.out)
    check_output(options.out, options.root)  # again, now that no other build can be writing there
    stage = stage_files(files, options.out)
    try:
        if options.search:
            log("indexing for search")
            index_site(stage, cache)
        with held_interrupts():
            swap_in(stage, options.out)
    except BaseException:
        discard(stage)
        raise


def tell(notice: Callable[[str], None], text: str) -> None:
    """Pass a notice on, if there is one."""
    if text:
        notice(text)
