"""The repository holds source only: build output in git breaks every clone on another machine.

A tracked virtualenv carries the absolute paths of the machine that made it (shebangs, interpreter links,
an editable-install finder pointing at another checkout), so a clone either fails or runs foreign code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Anything a build, an install or a tool run produces; matched against every tracked path.
BUILD_OUTPUT = re.compile(
    r"(^|/)(\.?venv|env|__pycache__|[^/]+\.egg-info|build|dist|\.eggs|\.pytest_cache|\.hypothesis|\.ruff_cache"
    r"|\.mypy_cache|\.tox|\.nox|htmlcov)(/|$)|\.py[cod]$|(^|/)\.coverage$|(^|/)\.installed$"
)


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in result.stdout.decode().split("\0") if name]


def build_output(paths: list[str]) -> list[str]:
    return [path for path in paths if BUILD_OUTPUT.search(path)]


def test_git_tracks_no_build_output() -> None:
    found = build_output(tracked_files())
    assert not found, f"{len(found)} tracked build files, e.g. {found[:5]}; git rm -r --cached them"


@pytest.mark.parametrize("path", [
    ".venv/bin/python", "venv/lib/site.py", "pyframework.egg-info/PKG-INFO", "bot/__pycache__/cli.cpython-311.pyc",
    "build/lib/bot/cli.py", "dist/pyframework-0.1.0.tar.gz", ".pytest_cache/v/cache", ".hypothesis/examples/x",
    ".ruff_cache/CACHEDIR.TAG", "bot/cli.pyc", ".mypy_cache/3.11/x.json",
])
def test_the_check_recognises_build_output(path: str) -> None:
    assert build_output([path]) == [path]


@pytest.mark.parametrize("path", ["bot/cli.py", "bench/README.md", "knowledge/frameworks/flask.yaml",
                                  "tests/test_build.py", "docs/environment.md", "bot/slack/serve.py"])
def test_the_check_leaves_source_alone(path: str) -> None:
    assert build_output([path]) == []
