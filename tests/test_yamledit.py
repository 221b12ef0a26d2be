"""Editing YAML values in place: comments, order, quoting and every other byte stay as they were."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.yamledit import EditError, render, set_values

TEXT = """\
# a comment at the top
id: demo
release:
  version: "1.0"   # quoted, with a comment
  date: 2026-02
  quoted: 'it''s'
  source: https://example.org/demo/1.0/
  flow: {a: 1, b: two}
summary: >-
  A folded
  paragraph.
checked: 2026-01-02
"""


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    return [(old, new) for old, new in pairs if old != new]


def test_values_change_in_their_own_style_and_nothing_else_moves():
    after = set_values(TEXT, {
        ("release", "version"): "1.1",
        ("release", "date"): dt.date(2026, 3, 4),
        ("release", "quoted"): "o'k",
        ("release", "source"): "https://example.org/demo/1.1/",
        ("release", "flow", "b"): "three",
        ("checked",): dt.date(2026, 5, 6),
    })
    assert _changed_lines(TEXT, after) == [
        ('  version: "1.0"   # quoted, with a comment', '  version: "1.1"   # quoted, with a comment'),
        ("  date: 2026-02", "  date: 2026-03-04"),
        ("  quoted: 'it''s'", "  quoted: 'o''k'"),
        ("  source: https://example.org/demo/1.0/", "  source: https://example.org/demo/1.1/"),
        ("  flow: {a: 1, b: two}", "  flow: {a: 1, b: three}"),
        ("checked: 2026-01-02", "checked: 2026-05-06"),
    ]


def test_a_missing_key_is_added_after_its_sibling_with_the_same_indent():
    after = set_values(TEXT, {("release", "python_requires"): ">=3.10"}, {("release", "python_requires"): "date"})
    lines = after.splitlines()
    assert lines[lines.index("  date: 2026-02") + 1] == '  python_requires: ">=3.10"'
    assert len(lines) == len(TEXT.splitlines()) + 1


def test_crlf_files_keep_their_line_endings():
    text = TEXT.replace("\n", "\r\n")
    after = set_values(text, {("release", "python_requires"): ">=3.10", ("checked",): dt.date(2026, 5, 6)},
                       {("release", "python_requires"): "date"})
    assert after.count("\r\n") == after.count("\n") == text.count("\n") + 1


def test_a_plain_value_that_would_read_back_differently_is_quoted():
    after = set_values("a: x\nb: y\n", {("a",): "1.10", ("b",): "k: v # not a comment"})
    assert after == 'a: "1.10"\nb: "k: v # not a comment"\n'


@pytest.mark.parametrize(("changes", "insert_after", "message"), [
    ({("summary",): "x"}, None, "not a one-line value"),
    ({("release", "missing"): "x"}, None, "add it by hand"),
    ({("release", "missing"): "x"}, {("release", "missing"): "nothing-like-it"}, "add it by hand"),
    ({("release", "missing"): "x"}, {("release", "missing"): "flow"}, "add it by hand"),
    ({("id", "deeper"): "x"}, None, "`id` is not a mapping"),
    ({("checked",): "tab\there"}, None, "control characters"),
])
def test_what_cannot_be_changed_safely_is_refused_in_one_line(changes, insert_after, message):
    with pytest.raises(EditError, match=message) as info:
        set_values(TEXT, changes, insert_after)
    assert "\n" not in str(info.value)


def test_render_escapes_double_quotes():
    assert render('say "hi" \\o/', '"') == '"say \\"hi\\" \\\\o/"'
    assert render(dt.date(2026, 1, 2), None) == "2026-01-02"
