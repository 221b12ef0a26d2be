"""Render a Document as plain text for the console and for Slack's notification fallback."""

from __future__ import annotations

from bot.present import Document, Part


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _part(part: Part) -> list[str]:
    if part.kind == "heading":
        return [part.text, "=" * min(len(part.text), 60)]
    if part.kind in ("text", "note"):
        return [part.text]
    if part.kind in ("bullets", "item"):
        head = [part.title] if part.title else []
        marked = part.kind == "item" or any(line[:2] in ("+ ", "- ") for line in part.lines)
        return head + [f"  {'' if marked else '- '}{line}" for line in part.lines]
    if part.kind == "table":
        return _table(part.rows)
    return []


def render_text(doc: Document) -> str:
    """The whole answer as readable plain text."""
    blocks = ["\n".join(_part(p)) for p in doc.parts]
    return "\n\n".join(b for b in blocks if b).strip()
