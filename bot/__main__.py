"""`python -m bot` runs the same command line as the `pyframework` console script.

Tests and tools start the app this way, with the interpreter that runs them, so they work in any
environment where the package is installed, not only in the Makefile's `.venv`.
"""

import sys

from bot.cli import main

sys.exit(main())
