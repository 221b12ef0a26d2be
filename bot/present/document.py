"""The small document every answer is laid out as, before any surface draws it.

Both renderers (plain text for the console and Slack's fallback, Block Kit for Slack) draw the same
parts, so every surface says the same thing in the same order. Text in parts is plain: renderers add
their own markup and escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

Button = tuple[str, str, str]  # (label, action_id, value)


@dataclass(frozen=True)
class Part:
    """One piece of a document, by `kind`:

    - `lead`: the answer's first line, `title` (the pick or the fact) then `text` (the reason).
    - `text`: a paragraph. `note`: small print under the answer.
    - `bullets`: `title`, then `lines`; a line starting "+ " is a reason, "- " a caveat.
    - `ranked`: numbered options, `rows` of (name, what it is, why).
    - `table`: `rows`, the first one the header.
    - `chart`: `title` and `rows` of (label, percent): fit scores, drawn as bars where a surface can.
    - `actions`: `buttons`. `feedback`: `text` is the question token the votes carry.
    - `markdown`: `text` is a whole Markdown document (a decision record).
    """

    kind: str
    text: str = ""
    title: str = ""
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Document:
    """`parts` in reading order; `summary` is one short sentence for notifications and screen readers."""

    parts: tuple[Part, ...]
    summary: str = ""
