"""`python -m crosscut`: the same command line as the `crosscut` command."""

import sys

from .cli import main

sys.exit(main())
