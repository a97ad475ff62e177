"""Command line: parse arguments, run the build, turn problems into an exit code."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .pipeline import Options, build
from .problems import BuildFailed
from .search import IndexFailed


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the crosscut site into site/.")
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build",
                        help="build once (default), or serve on 127.0.0.1 and rebuild on changes")
    parser.add_argument("--base-url", help="path the site is served under, e.g. /crosscut/ (default: from content/site.yml)")
    parser.add_argument("--url", help="public address of the site, e.g. https://user.github.io/repo/ (default: from content/site.yml)")
    parser.add_argument("--out", type=Path, help="output folder (default: site/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind index (faster drafts)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    noise.add_argument("--verbose", "-v", action="store_true", help="print every stage with its time")
    return parser.parse_args(argv)


@dataclass
class Reporter:
    """What the terminal shows: problems always; progress on a TTY; every stage's time with --verbose."""

    stream: TextIO  # where everything goes (stderr)
    level: str = "normal"  # "quiet", "normal" or "verbose"
    live: bool = False  # stream is an interactive terminal, so progress can redraw one line
    stage: str = ""  # the stage under way, as the pipeline named it
    stage_began: float = 0.0  # when that stage began
    build_began: float = 0.0  # when the build began

    def start(self) -> None:
        """Start the clock for a new build."""
        self.stage, self.build_began = "", time.perf_counter()

    def log(self, message: str) -> None:
        """Take a stage message from the pipeline: time the stage before it, show the new one."""
        self.end_stage()
        self.stage, self.stage_began = message, time.perf_counter()
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


def attempt(options: Options, reporter: Reporter) -> str:
    """Build once and report; return the failure text when the build failed, else ""."""
    reporter.start()
    try:
        problems = build(options, reporter.log)
    except BuildFailed as failed:
        reporter.problems(failed.problems.report())
        return failed.problems.report()
    except IndexFailed as failed:
        reporter.problems(f"error: {failed}")
        return f"error: {failed}"
    except BaseException:
        reporter.clear()  # a crash or Ctrl-C: let its message start on a clean line
        raise
    reporter.problems(problems.report())
    reporter.done(options.out)
    return ""


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command; return 0 on success, 1 when the build failed."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    root = (root or Path.cwd()).resolve()
    options = Options(root=root, out=(args.out or root / "site").resolve(), base_url=args.base_url, url=args.url,
                      strict=args.strict, search=not args.no_search)
    reporter = make_reporter(args, sys.stderr)
    if args.command == "serve":
        from .serve import serve  # only serve needs watchfiles and http.server
        return serve(options, args.port, lambda: attempt(options, reporter), reporter.say)
    if attempt(options, reporter):
        print("build failed; site/ was left as it was", file=sys.stderr)
        return 1
    return 0
