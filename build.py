#!/usr/bin/env python3
"""Build this repository's site: `python build.py [build|serve|check] [--base-url /repo/] [--strict]`.

The same command line as `crosscut`, with this folder as the project."""

import sys
from pathlib import Path

try:
    from crosscut.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading: nothing has been built or touched
    print("interrupted; site/ was left as it was", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent, prog="build.py"))
