"""Measure each framework's memory footprint: the resident memory of one process serving one JSON route
after 200 requests, the median of three runs. Prints the `footprint:` line for each card.

Needs a Python with the frameworks and servers installed, outside the project's virtualenv, e.g.:

    python3 -m venv /tmp/fw && /tmp/fw/bin/pip install microdot bottle flask falcon pyramid django cherrypy \\
        tornado aiohttp sanic starlette fastapi litestar blacksheep quart hypercorn robyn waitress uvicorn
    python3 tools/measure_footprint.py --python /tmp/fw/bin/python [framework ...]

The figures in knowledge/frameworks/*.yaml (2026-12-04) came from CPython 3.11 on x86-64 Linux.
"""

from __future__ import annotations

import argparse
import datetime as dt
import runpy
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

APPS = Path(__file__).with_name("footprint_apps.py")
REQUESTS = 200
RUNS = 3


def resident_mb(pid: int) -> float:
    """VmRSS of the process and its children (a server that forks a worker counts whole)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total_kb = 0
    for process in [pid, *map(int, children)]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def wait_until_serving(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def one_run(python: str, framework: str, port: int) -> float | None:
    server = subprocess.Popen([python, str(APPS), framework, str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        if not wait_until_serving(url, time.monotonic() + 30):
            return None
        for _ in range(REQUESTS):
            urllib.request.urlopen(url, timeout=2).read()
        return resident_mb(server.pid)
    finally:
        server.kill()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, help="a Python with the frameworks installed")
    parser.add_argument("--port", type=int, default=18100)
    parser.add_argument("frameworks", nargs="*", help="ids (default: every app footprint_apps.py defines)")
    args = parser.parse_args()
    names = args.frameworks or list(runpy.run_path(str(APPS))["APPS"])  # it imports a framework only when run
    port = args.port
    for name in names:
        figures = []
        for _ in range(RUNS):
            port += 1
            figure = one_run(args.python, name, port)
            if figure is not None:
                figures.append(figure)
        if not figures:
            print(f"{name}: did not serve", file=sys.stderr)
            continue
        print(f"{name}: footprint: {{rss_mb: {statistics.median(figures):.1f}, served_by: ..., "
              f"measured: {dt.date.today().isoformat()}}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
