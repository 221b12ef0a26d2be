"""Knowledge files are contributed by people: a hostile one gets a short `file:line` error, never a crash,
a hang or gigabytes of memory. Each case runs `pyframework kb check` in a process capped at 1 GiB of
address space and 20 seconds, as the knowledge issue asks."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
from pathlib import Path

import pytest
from commands import PYFRAMEWORK

from bot import knowledge

MEMORY_CAP = 1 << 30
TIME_CAP = 20
LINE = re.compile(r"^knowledge/frameworks/flask\.yaml:(\d+): (.+)$")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, root)
    return root


def _kb_check(root: Path) -> list[tuple[int, str]]:
    """Run `kb check` under the caps; the flask.yaml problems it printed, as (line, message)."""
    result = subprocess.run([*PYFRAMEWORK, "kb", "check", str(root)], capture_output=True, text=True,
                            timeout=TIME_CAP, preexec_fn=_limit_memory, cwd=root.parent, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    found = []
    for line in result.stdout.splitlines():
        assert len(line) < 300, f"a problem message must stay short: {line[:120]}..."
        match = LINE.match(line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    assert found, result.stdout
    return found


def _hostile_flask(root: Path, text: str | bytes) -> Path:
    path = root / "frameworks" / "flask.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_an_alias_bomb_is_refused_at_its_line(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    root = _copy(tmp_path)
    _hostile_flask(root, "id: flask\n" + "\n".join(levels) + "\nsummary: *a9\n")
    (line, message), *_ = _kb_check(root)
    assert line == 2 and "aliases" in message


@pytest.mark.parametrize("depth", [1_000, 30_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    root = _copy(tmp_path)
    _hostile_flask(root, "id: flask\nsummary: " + "[" * depth + "]" * depth + "\n")
    (line, message), *_ = _kb_check(root)
    assert line == 2 and "nested more than" in message


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "frameworks" / "flask.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines().index("license: BSD-3-Clause") + 1
    path.write_text(text + "license: MIT\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    problems = _kb_check(root)
    assert (last, f"duplicate key `license` (first at line {first})") in problems


def test_invalid_utf8_is_reported_at_its_own_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "frameworks" / "flask.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[6] = lines[6] + b" \xff\xfe broken"
    path.write_bytes(b"\n".join(lines))
    (line, message), *_ = _kb_check(root)
    assert line == 7 and "UTF-8" in message


def test_a_symlink_to_an_endless_device_is_not_read(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "frameworks" / "flask.yaml"
    path.unlink()
    path.symlink_to("/dev/zero")
    (line, message), *_ = _kb_check(root)
    assert line == 1 and "regular file" in message


def test_a_named_pipe_does_not_hang_the_check(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "frameworks" / "flask.yaml"
    path.unlink()
    os.mkfifo(path)
    (line, message), *_ = _kb_check(root)
    assert line == 1 and "regular file" in message


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _hostile_flask(root, "id: flask\nsummary: >-\n" + ("  filler words for a huge file\n" * 20_000))
    (line, message), *_ = _kb_check(root)
    assert line == 1 and "bytes" in message


def test_a_huge_value_is_quoted_briefly(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "frameworks" / "flask.yaml"
    text = path.read_text(encoding="utf-8").replace("category: micro", "category: " + "nano" * 10_000)
    path.write_text(text, encoding="utf-8")
    problems = _kb_check(root)
    assert any("category" in message and "…" in message for _, message in problems)
