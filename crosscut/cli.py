"""Command line: parse arguments, run the build, turn problems into an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    noise.add_argument("--verbose", "-v", action="store_true", help="print every stage")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command; return 0 on success, 1 when the build failed."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    root = (root or Path.cwd()).resolve()
    options = Options(root=root, out=(args.out or root / "site").resolve(), base_url=args.base_url, url=args.url,
                      strict=args.strict, search=not args.no_search)
    log = (lambda m: print(f"· {m}", file=sys.stderr)) if args.verbose else (lambda m: None)
    try:
        problems = build(options, log)
    except BuildFailed as failed:
        print(failed.problems.report(), file=sys.stderr)
        print("build failed; site/ was left as it was", file=sys.stderr)
        return 1
    except IndexFailed as failed:
        print(f"error: {failed}\nbuild failed; site/ was left as it was", file=sys.stderr)
        return 1
    if problems.items:
        print(problems.report(), file=sys.stderr)
    if not args.quiet:
        print(f"built {options.out}", file=sys.stderr)
    return 0
