"""How tests start the app: with the interpreter that runs them, never a virtualenv found by path.

Any environment with the package installed can then run `pytest`, and a test never starts another
checkout's code by accident.
"""

import sys

PYFRAMEWORK: list[str] = [sys.executable, "-m", "bot"]
