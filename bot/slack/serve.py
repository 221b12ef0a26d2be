"""Start the Slack app (placeholder until the Slack layer lands)."""

import sys


def main(*, http: bool = False, host: str | None = None, port: int | None = None, workers: int | None = None) -> int:
    print("pyframework: Slack mode is not available yet; unset the Slack tokens to use the console.",
          file=sys.stderr)
    return 1
