"""Render a Document as plain text for the console, JSON output and anything that cannot draw blocks.

No markup and no ASCII art: the first line is the answer, as in Slack. Buttons and votes have no
plain-text form; a chart's numbers are already in its table.
"""

from __future__ import annotations

from bot.present import Document, Part

BULLET = "- "


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """Each row as `first — header: value; header: value`, readable at any width (no aligned columns);
    "WebSockets: Django Django Channels" would hide where the name ends and the value begins."""
    header, *body = rows
    return [f"{row[0]} — " + "; ".join(f"{name}: {cell}" for name, cell in zip(header[1:], row[1:], strict=False))
            if len(header) > 2 else f"{row[0]}: {row[1]}" for row in body]


def _lines(part: Part) -> list[str]:
    """A bulleted list; reasons (+) and caveats (-) keep their own marks."""
    head = [part.title] if part.title else []
    return head + [f"  {line}" if line[:2] in ("+ ", "- ") else f"  {BULLET}{line}" for line in part.lines]


def _part(part: Part) -> list[str]:
    if part.kind == "lead":
        return [" — ".join(t for t in (part.title, part.text) if t)]
    if part.kind in ("text", "note", "markdown"):
        return [part.text]
    if part.kind == "bullets":
        return _lines(part)
    if part.kind == "ranked":
        return [f"{i}. {name} ({what}): {why}" for i, (name, what, why) in enumerate(part.rows, 1)]
    if part.kind == "table":
        return _table(part.rows)
    return []


def render_text(doc: Document) -> str:
    """The whole document as readable plain text, one blank line between parts."""
    blocks = ["\n".join(_part(p)) for p in doc.parts]
    return "\n\n".join(b for b in blocks if b).strip()
