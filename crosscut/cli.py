"""Command line: parse arguments, run the build, turn problems into an exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

# The engine is imported inside main(), where Ctrl-C is answered: importing it (Jinja, PyYAML,
# markdown-it) takes a noticeable moment, and a Ctrl-C then must not print a traceback either.
if TYPE_CHECKING:
    from .pipeline import Options


COMMANDS = {
    "build": "build the site into site/ (the default command)",
    "serve": "build, serve on 127.0.0.1 and rebuild on every change",
    "check": "read and check everything, report every problem, write nothing",
    "new": "lay out a new project in a folder: settings, an example essay, a theme, a glossary entry, a page",
    "inspect": "show what the cleaner made of each line of a seed, and why",
}


def parse_args(argv: list[str], prog: str = "crosscut") -> argparse.Namespace:
    """Read the command line; the command may follow options (build.py --no-search serve); with none, it is build."""
    valued = {"-C", "--out", "--url", "--base-url", "--port"}  # options that take the next word as their value
    named = [i for i, word in enumerate(argv) if word in COMMANDS and (i == 0 or argv[i - 1] not in valued)]
    if named:
        argv = [argv[named[0]], *argv[:named[0]], *argv[named[0] + 1:]]
    elif not {"-h", "--help"} & set(argv):
        argv = ["build", *argv]
    parser = argparse.ArgumentParser(prog=prog, description="crosscut: essays read side by side, as a static site.")
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("-C", dest="project", type=Path, metavar="DIR",
                         help="the project folder, holding seeds/ and content/ (default: the current folder)")
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--base-url", help="path the site is served under, e.g. /crosscut/ (default: from content/site.yml)")
    site.add_argument("--url", help="public address of the site, e.g. https://user.github.io/repo/ (default: from content/site.yml)")
    site.add_argument("--strict", action="store_true", help="treat warnings as errors")
    site.add_argument("--no-search", action="store_true", help="skip the Pagefind index (faster drafts)")
    site.add_argument("--accept-passages", action="store_true",
                      help="record the new text of changed cited paragraphs, and shifted ¶ numbers, in content/passages.lock")
    noise = site.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    noise.add_argument("--verbose", "-v", action="store_true", help="print every stage with its time")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, about in COMMANDS.items():
        parents = {"build": [project, site], "serve": [project, site], "check": [project, site],
                   "new": [], "inspect": [project]}[name]
        command = commands.add_parser(name, parents=parents, help=about, description=about)
        if name == "build":
            command.add_argument("--out", type=Path, help="output folder (default: site/ in the project)")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        if name == "new":
            command.add_argument("folder", type=Path, help="where the new project goes (a new or empty folder)")
        if name == "inspect":
            command.add_argument("essay", help="an essay's slug, or its seed's file name")
    args = parser.parse_args(argv)
    for name, default in (("out", None), ("port", 8000), ("project", None), ("quiet", False), ("verbose", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    return args


@dataclass
class Reporter:
    """What the terminal shows: problems always; progress on a TTY; every stage's time with --verbose."""

    stream: TextIO  # where everything goes (stderr)
    level: str = "normal"  # "quiet", "normal" or "verbose"
    live: bool = False  # stream is an interactive terminal, so progress can redraw one line
    stage: str = ""  # the stage under way, as the pipeline named it ("" once it is printed)
    stage_began: float = 0.0  # when that stage began
    build_began: float = 0.0  # when the build began
    last_stage: str = ""  # the latest stage the pipeline began, for a crash report

    def start(self) -> None:
        """Start the clock for a new build."""
        self.stage, self.last_stage, self.build_began = "", "", time.perf_counter()

    def log(self, message: str) -> None:
        """Take a stage message from the pipeline: time the stage before it, show the new one."""
        self.end_stage()
        self.stage, self.last_stage, self.stage_began = message, message, time.perf_counter()
        if self.live and self.level == "normal":
            self.stream.write(f"\r\x1b[K{message}…")
            self.stream.flush()

    def end_stage(self) -> None:
        """Print the finished stage with its time (verbose only)."""
        if self.stage and self.level == "verbose":
            print(f"· {self.stage} ({time.perf_counter() - self.stage_began:.2f}s)", file=self.stream)
        self.stage = ""

    def clear(self) -> None:
        """Wipe the progress line so the next message starts on a clean line."""
        self.end_stage()
        if self.live and self.level == "normal":
            self.stream.write("\r\x1b[K")

    def problems(self, text: str) -> None:
        """Print a problem report; it is shown whatever the verbosity."""
        self.clear()
        if text:
            print(text, file=self.stream)

    def say(self, text: str) -> None:
        """Print a status line unless --quiet."""
        self.clear()
        if self.level != "quiet":
            print(text, file=self.stream)

    def done(self, out: Path) -> None:
        """Report a finished build with its total time."""
        self.say(f"built {out} in {time.perf_counter() - self.build_began:.1f}s")


def make_reporter(args: argparse.Namespace, stream: TextIO) -> Reporter:
    """Choose the verbosity from the flags and whether stderr is a terminal."""
    level = "quiet" if args.quiet else "verbose" if args.verbose else "normal"
    return Reporter(stream, level, live=stream.isatty())


def attempt(options: Options, reporter: Reporter, keep=None) -> str:
    """Build once and report; return the failure text when the build failed, else "".

    Whatever goes wrong ends here as a message: the problems of the input, a folder that may not
    be replaced, Pagefind's error, or, for a bug in crosscut, one line naming the stage and the
    file (the traceback with --verbose or CROSSCUT_DEBUG=1). Ctrl-C is left to the caller."""
    from .pipeline import build
    from .problems import BuildFailed
    from .search import IndexFailed
    from .write import OutputRefused

    reporter.start()
    try:
        problems = build(options, reporter.log, reporter.say, keep)
    except BuildFailed as failed:
        text = failed.problems.report()
    except OutputRefused as refused:
        text = f"error: {refused}\n    fix: {refused.fix}"
    except IndexFailed as failed:
        text = f"error: {failed}"
    except Exception as crash:  # a bug: the site is untouched (the pipeline discards its staging folder)
        reporter.clear()
        if reporter.level == "verbose" or os.environ.get("CROSSCUT_DEBUG"):
            traceback.print_exception(crash, file=reporter.stream)
        text = crash_report(crash, reporter.last_stage, options.root)
    except BaseException:
        reporter.clear()  # Ctrl-C: let its message start on a clean line
        raise
    else:
        reporter.problems(problems.report())
        if options.write:
            reporter.done(options.out)
        else:
            reporter.say(f"checked {options.root}: " + ("no problems" if not problems.items else "no errors"))
        return ""
    reporter.problems(text)
    return text


def crash_report(crash: Exception, stage: str, root: Path) -> str:
    """One line for an unexpected exception: the stage, the file, the error, and that it is our bug."""
    where = file_in_progress(crash.__traceback__, root)
    doing = (stage or "starting") + (f", at {where}" if where else "")
    return (f"error: crosscut failed while {doing}: {type(crash).__name__}: {crash}. This is a bug in crosscut, "
            "not in your files; please report it with this line (run with --verbose for the details)")


def file_in_progress(tb, root: Path) -> str:
    """The source or page the innermost frame that had one was working on, relative to the root."""
    frames = [frame.f_locals for frame, _ in traceback.walk_tb(tb)]
    for names in reversed(frames):
        for name in ("raw", "essay", "theme", "page", "entity", "event", "seed", "path", "template"):
            value = names.get(name)
            for attr in ("seed_path", "source", "path"):  # a raw essay, an essay, a curated item
                value = getattr(value, attr, value) if not isinstance(value, (str, Path)) else value
            if isinstance(value, Path):
                return value.relative_to(root).as_posix() if value.is_relative_to(root) else value.as_posix()
            if isinstance(value, str) and value.endswith((".txt", ".yml", ".md", ".html", ".xml")):
                return value
    return ""


def main(argv: list[str] | None = None, root: Path | None = None, prog: str = "crosscut") -> int:
    """Run one command; return 0 on success, 1 when it failed, 2 for a usage error, 130 when interrupted.

    `root` is the project folder when no -C is given (build.py passes its own folder)."""
    args = parse_args(sys.argv[1:] if argv is None else argv, prog)
    root = (args.project or root or Path.cwd()).resolve()
    reporter = make_reporter(args, sys.stderr)
    try:
        if args.command == "new":
            return new(args.folder)
        if args.command == "inspect":
            from .inspect import main as inspect
            return inspect(["-C", str(root), args.essay])
        from .pipeline import Options
        options = Options(root=root, out=(args.out or root / "site").resolve(), base_url=args.base_url, url=args.url,
                          strict=args.strict, search=not args.no_search, accept_passages=args.accept_passages,
                          write=args.command != "check")
        if args.command == "serve":
            from .serve import serve  # only serve needs watchfiles and http.server
            return serve(options, args.port, lambda keep: attempt(options, reporter, keep), reporter.say)
        if attempt(options, reporter):
            print(FAILED if options.write else "check failed", file=sys.stderr)
            return 1
        return 0
    except KeyboardInterrupt:
        reporter.clear()
        print("interrupted; site/ was left as it was", file=sys.stderr)
        return 130


def new(folder: Path) -> int:
    """Lay out a new project and say what to do next."""
    from .scaffold import NotEmpty, new_project
    try:
        written = new_project(folder)
    except NotEmpty as refused:
        print(f"error: {refused}; nothing was written\n    fix: name a new folder, e.g. crosscut new my-collection",
              file=sys.stderr)
        return 1
    print(f"created {folder} with {len(written)} files: settings in content/site.yml, an example essay "
          f"(seeds/ and content/essays/), a theme, a glossary entry and an about page.\n"
          f"next: crosscut serve -C {folder}   (build, open http://127.0.0.1:8000/, rebuild on every save)",
          file=sys.stderr)
    return 0


FAILED = "build failed; site/ was left as it was"
