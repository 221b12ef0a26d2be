"""Change a few scalar values of a YAML document in its text, leaving every other byte as it was.

`kb refresh --write` updates dated facts in files that people write and comment. Loading and dumping
the YAML again would drop the comments, reorder keys and reflow long lines, so each value is replaced
at the exact span the parser reports for it, in the quoting style it had. A missing key is added on a
line of its own after a named sibling. The new text is then parsed again and must be the old data
with only the intended values changed; anything else is an `EditError`, and nothing is written.

Only files that passed the hardened reader (`bot.knowledge.reading`) are edited, so aliases, deep
nesting and bad encodings never reach this module.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

import yaml

Path = tuple[str, ...]
Value = str | dt.date
DOUBLE_QUOTED = '"'  # a scalar node's style


class EditError(Exception):
    """The change cannot be made in place safely; the message is one line and says what to do."""


def set_values(text: str, changes: Mapping[Path, Value], insert_after: Mapping[Path, str] | None = None) -> str:
    """`text` with the value at each path replaced (or, where the key is missing and `insert_after`
    names a sibling for it, added after that sibling)."""
    # The pure-Python loader: its marks count characters of the text, which the spans below need.
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise EditError("the document is not a mapping")
    newline = "\r\n" if "\r\n" in text else "\n"
    spans = sorted((_span(root, text, path, value, (insert_after or {}).get(path), newline)
                    for path, value in changes.items()), reverse=True)
    for (_start, end, _new), (next_start, _end, _next) in zip(spans[1:], spans, strict=False):
        if end > next_start:  # spans run from the end of the text backwards
            raise EditError("two changes overlap")
    edited = text
    for start, end, new in spans:
        edited = edited[:start] + new + edited[end:]
    _verify(text, edited, changes)
    return edited


def _span(root: yaml.MappingNode, text: str, path: Path, value: Value, after: str | None,
          newline: str) -> tuple[int, int, str]:
    """(start, end, replacement) of one change in `text`."""
    parent = root
    for depth, key in enumerate(path[:-1]):
        child = _child(parent, key)
        if not isinstance(child, yaml.MappingNode):
            raise EditError(f"`{'.'.join(path[:depth + 1])}` is not a mapping")
        parent = child
    node = _child(parent, path[-1])
    if node is None:
        return _insertion(parent, text, path, value, after, newline)
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, '"', "'") \
            or node.start_mark.line != node.end_mark.line:
        raise EditError(f"`{'.'.join(path)}` is not a one-line value: change it by hand")
    return node.start_mark.index, node.end_mark.index, render(value, node.style)


def _child(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _insertion(parent: yaml.MappingNode, text: str, path: Path, value: Value, after: str | None,
               newline: str) -> tuple[int, int, str]:
    """A new `key: value` line after the sibling `after`, indented like it (block mappings only)."""
    sibling = next(((k, v) for k, v in parent.value if isinstance(k, yaml.ScalarNode) and k.value == after), None)
    if after is None or sibling is None or parent.flow_style or not isinstance(sibling[1], yaml.ScalarNode) \
            or sibling[1].start_mark.line != sibling[1].end_mark.line:
        raise EditError(f"`{'.'.join(path)}` is missing and cannot be added in place: add it by hand")
    line_end = text.find("\n", sibling[1].end_mark.index)
    position = len(text) if line_end < 0 else line_end + 1
    lead = newline if line_end < 0 else ""
    indent = " " * sibling[0].start_mark.column
    return position, position, f"{lead}{indent}{path[-1]}: {render(value, DOUBLE_QUOTED)}{newline}"


def render(value: Value, style: str | None) -> str:
    """The value as YAML text in `style` (None: plain where that reads back as the same value)."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not text.isprintable():
        raise EditError(f"the new value {text[:40]!r} has control characters")
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if style is None and (isinstance(value, dt.date) or _reads_back_plain(text)):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_back_plain(text: str) -> bool:
    try:
        return yaml.safe_load(f"k: {text}\n") == {"k": text}
    except yaml.YAMLError:
        return False


def _verify(before_text: str, after_text: str, changes: Mapping[Path, Value]) -> None:
    """The edited text must hold the old data with exactly the changed values, or nothing is written."""
    try:
        after = yaml.safe_load(after_text)
    except yaml.YAMLError as exc:
        raise EditError(f"the edit would break the YAML ({str(exc).splitlines()[0]})") from None
    expected = copy.deepcopy(yaml.safe_load(before_text))
    for path, value in changes.items():
        got = _get(after, path)
        if str(got) != (value.isoformat() if isinstance(value, dt.date) else str(value)):
            raise EditError(f"`{'.'.join(path)}` would read back as {str(got)[:40]!r}")
        _set(expected, path, got)
    if after != expected:
        raise EditError("the edit would change other values too")


def _get(data: Any, path: Path) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value
