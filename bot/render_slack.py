"""Render a Document as Slack Block Kit, built with slack_sdk's block models, within Slack's limits.

Every string that reaches mrkdwn is escaped, so nothing a user typed can become a link, a mention
or a live @channel/@here/@everyone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
    TableBlock,
)

from bot.present import Document, Part
from bot.render_text import render_text
from bot.slacktext import escape

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK = 3000
MAX_TABLE_CELL = 120
PART_CACHE_SIZE = 8192


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mrkdwn_line(line: str) -> str:
    """Reasons (+) and caveats (-) get a symbol; everything else is a bullet."""
    if line.startswith("+ "):
        return f":white_check_mark: {escape(line[2:])}"
    if line.startswith("- "):
        return f":warning: {escape(line[2:])}"
    return f"• {escape(line)}"


def _button(label: str, action_id: str, value: str) -> ButtonElement:
    if action_id == "open_docs":
        return ButtonElement(text=_cut(label, MAX_BUTTON_LABEL), action_id=action_id, url=value)
    return ButtonElement(text=_cut(label, MAX_BUTTON_LABEL), action_id=action_id,
                         value=_cut(value, MAX_BUTTON_VALUE))


def _blocks(part: Part) -> list[Block]:
    if part.kind == "heading":
        return [HeaderBlock(text=PlainTextObject(text=_cut(part.text, MAX_HEADER)))]
    if part.kind == "text":
        return [SectionBlock(text=MarkdownTextObject(text=_cut(escape(part.text), MAX_SECTION)))]
    if part.kind == "note":
        return [ContextBlock(elements=[MarkdownTextObject(text=_cut(escape(part.text), MAX_CONTEXT))])]
    if part.kind in ("bullets", "item"):
        title = f"*{escape(part.title)}*\n" if part.title else ""
        body = "\n".join(_mrkdwn_line(line) for line in part.lines)
        accessory = _button(*part.accessory) if part.accessory else None
        blocks: list[Block] = []
        if part.kind == "item":
            blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_cut(title + body, MAX_SECTION)), accessory=accessory))
        return blocks
    if part.kind == "table":
        # Cells as the raw_text dicts TableBlock accepts: a comparison has ~90 of them, and a model object
        # per cell would cost more than the whole answer. tests/test_render.py checks them against RawTextObject.
        rows = [[{"type": "raw_text", "text": _cut(cell, MAX_TABLE_CELL) or " "} for cell in row]
                for row in part.rows[:100]]
        return [TableBlock(rows=rows, column_settings=[{"is_wrapped": True}] * min(len(part.rows[0]), 20))]
    if part.kind == "actions" and part.buttons:
        return [ActionsBlock(elements=[_button(*b) for b in part.buttons[:25]])]
    return []


_EMPTY_ALLOWED = {(e["type"], e["property"]) for e in EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST}


def serialize(obj: Any) -> Any:
    """A block model as a dict, by the same rules as slack_sdk's `to_dict()`, minus its validation.

    `to_dict()` re-validates every nested object through `dir()` on each call, which costs about
    0.9 ms per answer, more than understanding and advising together. The models are still what
    builds every block; their validation runs in the tests (`serialize(b) == b.to_dict()` for every
    kind of answer), where a malformed block fails the build instead of each request paying for it.
    """
    kind = type(obj)
    if kind is str or obj is None or kind is int or kind is float or kind is bool:
        return obj
    if kind is list or kind is tuple:
        return [serialize(v) for v in obj]
    if kind is dict:
        return {k: serialize(v) for k, v in obj.items()}
    attributes = _ATTRIBUTES.get(kind)
    if attributes is None:
        if not isinstance(obj, JsonObject):
            return obj
        attributes = _ATTRIBUTES[kind] = tuple(sorted(obj.attributes))
    block_type = getattr(obj, "type", None)
    out = {}
    for key in attributes:
        value = getattr(obj, key, None)
        if value is None or (hasattr(value, "__len__") and not len(value) and (block_type, key) not in _EMPTY_ALLOWED):
            continue
        out[key] = serialize(value)
    return out


_ATTRIBUTES: dict[type, tuple[str, ...]] = {}
"""Each model class's attribute names, sorted as slack_sdk does; computed once per class."""


@lru_cache(maxsize=PART_CACHE_SIZE)
def _part_dicts(part: Part) -> tuple[dict[str, Any], ...]:
    """A part's blocks as dicts. Parts recur across answers (a framework's strengths, a heading, the help
    text), so their rendering is kept; callers never mutate the dicts (replies.py builds new ones)."""
    return tuple(serialize(b) for b in _blocks(part))


def forget() -> None:
    """Drop remembered renderings (benchmarks measure rendering, not remembering)."""
    _part_dicts.cache_clear()


def render_blocks(doc: Document) -> list[dict[str, Any]]:
    """Block Kit dicts for the document, at most MAX_BLOCKS (the action row is always kept)."""
    blocks = [b for part in doc.parts for b in _part_dicts(part)]
    if len(blocks) > MAX_BLOCKS:
        actions = [b for b in blocks if b["type"] == "actions"][-1:]
        blocks = blocks[: MAX_BLOCKS - len(actions)] + actions
    return blocks


def render_fallback(doc: Document) -> str:
    """The `text` Slack shows in notifications and to clients that cannot draw blocks."""
    return _cut(escape(render_text(doc)), MAX_FALLBACK)


def render_message(doc: Document) -> dict[str, Any]:
    """Keyword arguments for chat.postMessage / respond(): blocks plus a plain-text fallback."""
    return {"text": render_fallback(doc), "blocks": render_blocks(doc)}
