#!/usr/bin/env python3
"""Build the crosscut site: `python build.py [serve] [--base-url /repo/] [--strict]`."""

import sys
from pathlib import Path

from crosscut.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
