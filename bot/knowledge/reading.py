"""Read one knowledge file safely: people contribute these files, so a hostile one must get a short
`file:line` error, never a crash, a hang or gigabytes of memory.

What is refused before any value is built: anything but a regular file (a symlink to /dev/zero), files
over `MAX_BYTES`, invalid UTF-8 (reported at its own line), YAML anchors and aliases (nine levels of
aliases expand to gigabytes), nesting deeper than `MAX_DEPTH` (deep nesting overflows the stack), and
duplicate keys (PyYAML silently keeps the last one; both lines are named). Messages quote at most a few
dozen characters of any value.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.knowledge.model import Problem

if TYPE_CHECKING:
    import yaml

# PyYAML is imported by the functions that parse: a process whose engine comes built (bot/warm.py) never
# reads a knowledge file, and importing PyYAML was a tenth of its start.


@cache
def _safe_loader() -> type:
    """PyYAML's C parser and loader are the same safe loader, only faster; fall back to the pure-Python ones."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 256 * 1024  # the largest framework file is a few KiB
MAX_DEPTH = 12  # knowledge files nest five levels at most
QUOTE = 40  # characters of a value quoted in a message


def quote(value: object) -> str:
    """A value as it may appear in a message: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


@dataclass
class Doc:
    """A parsed YAML file that can tell the line of any key path, for error messages."""

    file: str
    data: Any
    node: yaml.Node | None

    def line(self, *path: str | int) -> int:
        import yaml

        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        line, node = k.start_mark.line + 1, v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def read_text(path: Path, label: str) -> tuple[str | None, Problem | None]:
    """The file's text, or the one problem that stops it from being read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, Problem(label, 1, f"cannot read file: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(label, 1, "not a regular file (devices, pipes and folders are never read)")
        if info.st_size > MAX_BYTES:
            return None, Problem(label, 1, f"file is {info.st_size:,} bytes; knowledge files are at most {MAX_BYTES:,}")
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, Problem(label, 1, f"cannot read file: {exc.strerror or exc}")
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BYTES:
        return None, Problem(label, 1, f"file is over {MAX_BYTES:,} bytes")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(label, line, f"not valid UTF-8 (byte {data[exc.start]:#04x} at column {column})")


def _structure_problem(text: str, label: str) -> Problem | None:
    """Aliases, anchors and deep nesting, found in the event stream before anything is built."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=_safe_loader()):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem(label, event.start_mark.line + 1,
                               "YAML anchors and aliases (&name, *name) are not allowed in knowledge files")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(label, event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        return _yaml_problem(exc, label)
    return None


def _yaml_problem(exc: yaml.YAMLError, label: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem(label, line, f"not valid YAML: {quote(reason)}")


def _duplicate_keys(node: yaml.Node | None, label: str) -> list[Problem]:
    """Every key said twice in one mapping, naming both lines (iterative: depth is already capped)."""
    import yaml

    problems = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        problems.append(Problem(label, line, f"duplicate key `{quote(key.value)}` "
                                                             f"(first at line {seen[key.value]})"))
                    else:
                        seen[key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems


def read_yaml(path: Path, label: str) -> tuple[Doc | None, list[Problem]]:
    """Parse one knowledge file, refusing what could hurt (see the module docstring)."""
    import yaml

    text, problem = read_text(path, label)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    problem = _structure_problem(text, label)
    if problem is not None:
        return None, [problem]
    loader = _safe_loader()(text)
    try:
        node = loader.get_single_node()
        duplicates = _duplicate_keys(node, label)
        if duplicates:
            return None, duplicates
        data = loader.construct_document(node) if node is not None else None
    except ValueError as exc:  # a well-formed but impossible value, e.g. the date 2026-02-30
        return None, [Problem(label, _line_of_bad_value(text), f"impossible value: {quote(exc)}")]
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, label)]
    finally:
        loader.dispose()
    return Doc(label, data, node), []


def _line_of_bad_value(text: str) -> int:
    """PyYAML does not say where a constructor failed; find the first date-like value that is not a date."""
    for number, line in enumerate(text.splitlines(), 1):
        match = re.search(r":\s*(\d{4}-\d{1,2}-\d{1,2})\s*$", line)
        if match:
            try:
                dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in match.group(1).split("-")))
            except ValueError:
                return number
    return 1


def label_of(path: Path, root: Path) -> str:
    """`knowledge/frameworks/flask.yaml`: the path people see in messages."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
