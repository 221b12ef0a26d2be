"""Render a Document as a Slack message, built with slack_sdk's block models, within Slack's rules.

Where each block goes and how big it may be, from Slack's Block Kit reference (docs.slack.dev,
reference/block-kit/blocks and each block's page; checked 2026-12-01):

- A message holds at most 50 blocks (a modal or the Home tab 100). `text` is the fallback Slack shows
  in notifications, search and screen readers: one short plain sentence, never a copy of the blocks.
- section: mrkdwn text up to 3,000 characters. header: plain text up to 150. context: up to 10
  elements. actions: up to 25 elements; a button's label up to 75 characters, its value up to 2,000,
  each action_id unique within its block.
- table (reference/block-kit/blocks/table-block): up to 100 rows of up to 20 cells, each cell
  `raw_text` or `rich_text`. It goes in a message's `attachments` (as `attachments[0].blocks`), not in
  `blocks`, and a message holds one table: a second one is refused. The first row is the header row,
  so it names the columns, and no cell may be empty (an empty raw_text is invalid), the top-left
  header cell included.
- markdown (reference/block-kit/blocks/markdown-block): standard Markdown up to 12,000 characters, the
  total for all markdown blocks of one message. The decision record is one markdown block.
- context_actions (reference/block-kit/blocks/context-actions-block): up to 5 elements, feedback_buttons
  or icon_button; a feedback button's text up to 75 characters and its value up to 2,000.
- data_visualization (reference/block-kit/blocks/data-visualization-block, changelog 2026-06-16): a
  `title` up to 50 characters and a `chart`; a bar chart has 1-6 series of up to 20 data points, each
  point's label one of `axis_config.categories` (each up to 20 characters). The reference does not
  say which surfaces draw it, so only follow-ups sent through the Web API carry one, and a message
  Slack refuses for its layout is sent again in classic blocks (see `classic`), never lost.

Every string that reaches mrkdwn is escaped, so nothing a user typed becomes a link, a mention or a
live @channel/@here/@everyone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextActionsBlock,
    ContextBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    MarkdownBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.present import Document, Part
from bot.slacktext import escape, inert_plain

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_CONTEXT = 2000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS = 25
MAX_TABLE_ROWS = 100
MAX_TABLE_CELLS = 20
MAX_TABLE_CELL = 500
MAX_MARKDOWN = 12000
MAX_CHART_TITLE = 50
MAX_CHART_LABEL = 20
MAX_CHART_POINTS = 20
MAX_FALLBACK = 300

FEEDBACK_ACTION = "answer_feedback"
VOTE_UP, VOTE_DOWN = "up", "down"
NEWER_BLOCKS = frozenset({"table", "data_visualization", "markdown", "context_actions"})
"""Blocks Slack added since 2025: a workspace or client that refuses one gets the message in classic blocks."""


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


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=_cut(text, MAX_SECTION)))


def _lead(part: Part) -> str:
    title = f"*{escape(part.title)}*" if part.title else ""
    return " — ".join(t for t in (title, escape(part.text)) if t)


def _ranked(part: Part) -> str:
    return "\n".join(f"{i}. *{escape(name)}* ({escape(what)}): {escape(why)}"
                     for i, (name, what, why) in enumerate(part.rows, 1))


def _bullets(part: Part) -> str:
    title = f"*{escape(part.title)}*\n" if part.title else ""
    return title + "\n".join(_mrkdwn_line(line) for line in part.lines)


def table_block(rows: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """A table as Slack draws it: the header row first, no empty cell, within the row and cell limits.

    Cells are the raw_text dicts TableBlock accepts: a comparison has ~45 of them, and a model object
    per cell would cost more than the whole answer; tests/test_render.py checks them against RawTextObject.
    """
    cells = [[{"type": "raw_text", "text": _cut(inert_plain(cell), MAX_TABLE_CELL) or "-"}
              for cell in row[:MAX_TABLE_CELLS]] for row in rows[:MAX_TABLE_ROWS]]
    columns = min(len(rows[0]), MAX_TABLE_CELLS)
    # serialize(TableBlock(rows=cells, column_settings=...)) without walking ~45 cells (tests/test_render.py
    # checks the two agree): its attributes in slack_sdk's sorted order.
    return {"column_settings": [{"is_wrapped": True} for _ in range(columns)], "rows": cells, "type": "table"}


def chart_block(title: str, rows: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """A bar chart of percentages (slack_sdk has no model for it yet: the dict follows the reference)."""
    points = [(_cut(inert_plain(label), MAX_CHART_LABEL), int(value)) for label, value in rows[:MAX_CHART_POINTS]]
    return {"type": "data_visualization", "title": _cut(inert_plain(title), MAX_CHART_TITLE),
            "chart": {"type": "bar", "series": [{"name": "Fit", "data": [{"label": label, "value": value}
                                                                         for label, value in points]}],
                      "axis_config": {"categories": [label for label, _ in points], "y_label": "% fit"}}}


def feedback_block(token: str) -> ContextActionsBlock:
    """👍/👎 under an answer; each vote carries the understood question (bot/slack/listeners/feedback.py)."""
    def vote(text: str, label: str, value: str) -> FeedbackButtonObject:
        return FeedbackButtonObject(text=text, accessibility_label=label, value=_cut(f"{value} {token}", 2000))

    return ContextActionsBlock(elements=[FeedbackButtonsElement(
        action_id=FEEDBACK_ACTION, positive_button=vote("👍", "This answer helped", VOTE_UP),
        negative_button=vote("👎", "This answer did not help", VOTE_DOWN))])


_TOKEN_SLOT = "\ue0ff"  # stands for the question's token in the votes' template; never in a token


@lru_cache(maxsize=1)
def _feedback_template() -> dict[str, Any]:
    return serialize(feedback_block(_TOKEN_SLOT))


def _filled(node: Any, values: dict[str, str]) -> Any:
    if type(node) is dict:
        return {k: _filled(v, values) for k, v in node.items()}
    if type(node) is list:
        return [_filled(v, values) for v in node]
    return values.get(node, node) if type(node) is str else node


def feedback_dict(token: str) -> dict[str, Any]:
    """`feedback_block(token)` as slack_sdk's to_dict() gives it (a FeedbackButtonObject builds its own dict,
    validating every field, which cost more than the rest of the answer's blocks together): the model is
    serialised once with a slot for the token, and each answer's votes fill it in."""
    return _filled(_feedback_template(), {f"{vote} {_TOKEN_SLOT}": _cut(f"{vote} {token}", MAX_BUTTON_VALUE)
                                          for vote in (VOTE_UP, VOTE_DOWN)})


def _blocks(part: Part) -> list[Block | dict[str, Any]]:
    kind = part.kind
    if kind == "lead":
        return [_section(_lead(part))]
    if kind == "text":
        return [_section(escape(part.text))]
    if kind == "note":
        return [ContextBlock(elements=[MarkdownTextObject(text=_cut(escape(part.text), MAX_CONTEXT))])]
    if kind == "bullets" and part.lines:
        return [_section(_bullets(part))]
    if kind == "ranked":
        return [_section(_ranked(part))]
    if kind == "table":
        return [table_block(part.rows)]
    if kind == "chart":
        return [chart_block(part.title, part.rows)]
    if kind == "markdown":
        return [MarkdownBlock(text=_cut(part.text, MAX_MARKDOWN))]
    if kind == "actions" and part.buttons:
        return [ActionsBlock(elements=[_button(*b) for b in part.buttons[:MAX_ACTIONS]])]
    if kind == "feedback":
        return [feedback_dict(part.text)]
    return []


# The same blocks as `_blocks` builds, as the dicts `serialize` makes of them, without a model object per block:
# building the models and walking them cost more than the rest of rendering an answer. The keys are in the
# order `serialize` writes them (each model's attributes, sorted); an empty string is left out as it leaves it
# out. tests/test_render.py checks these against `serialize(_blocks(part))`, key order included, for every
# kind of part; the models stay what defines a block, and slack_sdk validates them there.


def mrkdwn_dict(text: str) -> dict[str, Any]:
    """`serialize(MarkdownTextObject(text=text))`."""
    return {"text": text, "type": "mrkdwn"} if text else {"type": "mrkdwn"}


def section_dict(text: str) -> dict[str, Any]:
    """`serialize(_section(text))`."""
    return {"text": mrkdwn_dict(_cut(text, MAX_SECTION)), "type": "section"}


def context_dict(text: str) -> dict[str, Any]:
    """`serialize(ContextBlock(elements=[MarkdownTextObject(text=text)]))`."""
    return {"elements": [mrkdwn_dict(text)], "type": "context"}


def button_dict(label: str, action_id: str, value: str | None = None, *, url: str | None = None,
                style: str | None = None) -> dict[str, Any]:
    """`serialize(ButtonElement(text=label, action_id=action_id, value=value, url=url, style=style))`."""
    out: dict[str, Any] = {"action_id": action_id} if action_id else {}
    if style:
        out["style"] = style
    if label:  # a button leaves an empty label out altogether
        out["text"] = {"emoji": True, "text": label, "type": "plain_text"}
    out["type"] = "button"
    if url:
        out["url"] = url
    if value:
        out["value"] = value
    return out


def _button_dict(label: str, action_id: str, value: str) -> dict[str, Any]:
    """`serialize(_button(label, action_id, value))`."""
    if action_id == "open_docs":
        return button_dict(_cut(label, MAX_BUTTON_LABEL), action_id, url=value)
    return button_dict(_cut(label, MAX_BUTTON_LABEL), action_id, _cut(value, MAX_BUTTON_VALUE))


def _block_dicts(part: Part) -> list[dict[str, Any]]:
    """`[serialize(b) for b in _blocks(part)]`, built as dicts (see above)."""
    kind = part.kind
    if kind == "lead":
        return [section_dict(_lead(part))]
    if kind == "text":
        return [section_dict(escape(part.text))]
    if kind == "note":
        return [context_dict(_cut(escape(part.text), MAX_CONTEXT))]
    if kind == "bullets" and part.lines:
        return [section_dict(_bullets(part))]
    if kind == "ranked":
        return [section_dict(_ranked(part))]
    if kind == "markdown":
        text = _cut(part.text, MAX_MARKDOWN)
        return [{"text": text, "type": "markdown"} if text else {"type": "markdown"}]
    if kind == "actions" and part.buttons:
        return [{"elements": [_button_dict(*b) for b in part.buttons[:MAX_ACTIONS]], "type": "actions"}]
    return [serialize(b) for b in _blocks(part)]  # tables, charts and votes are dicts already


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
    if not attributes:  # objects that build their own dict (FeedbackButtonObject keeps private fields)
        return obj.to_dict()
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


def _fit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most MAX_BLOCKS, keeping the buttons and votes (the last blocks) when something must go."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    tail = [b for b in blocks[-2:] if b["type"] in ("actions", "context_actions")]
    return blocks[: MAX_BLOCKS - len(tail)] + tail


def render_message(doc: Document) -> dict[str, Any]:
    """Keyword arguments for chat.postMessage / respond(): a short fallback, the blocks, and the one table
    a message may hold in its attachments (a second table is shown as a section instead)."""
    blocks: list[dict[str, Any]] = []
    tables: list[dict[str, Any]] = []
    # Parts are not remembered: built as dicts, a part costs less than hashing it for a cache did, and a worker's
    # cache of 8,192 parts held about 17 MB of small objects once distinct questions had filled it.
    for part in doc.parts:
        for block in _block_dicts(part):
            if block["type"] != "table":
                blocks.append(block)
            elif not tables:
                tables.append(block)
            else:
                blocks.append(section_dict(_table_text(part.rows)))
    message: dict[str, Any] = {"text": render_fallback(doc), "blocks": _fit(blocks)}
    if tables:
        message["attachments"] = [{"blocks": tables}]
    return message


def render_fallback(doc: Document) -> str:
    """The notification sentence: the document's summary, escaped, short."""
    return _cut(escape(doc.summary), MAX_FALLBACK) or "pyframework"


def _table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    """A table as mrkdwn lines, for where a table block cannot go."""
    header, *body = rows
    return "\n".join(f"*{escape(row[0])}*: " + " · ".join(f"{escape(h)} {escape(c)}" for h, c in
                                                         zip(header[1:], row[1:], strict=False)) for row in body)


def _cells_text(table: dict[str, Any]) -> str:
    rows = tuple(tuple(cell.get("text", "") for cell in row) for row in table.get("rows") or ())
    return _table_text(rows) if len(rows) > 1 else ""


def _markdown_sections(text: str) -> list[dict[str, Any]]:
    """A Markdown document as sections cut at line ends (never inside a line, so never inside a URL)."""
    pieces, current = [], ""
    for line in text.splitlines():
        if current and len(current) + len(line) + 1 > MAX_SECTION - 10:
            pieces.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line[: MAX_SECTION - 10]
    pieces.append(current)
    return [section_dict(escape(piece)) for piece in pieces if piece.strip()]


def classic(message: dict[str, Any]) -> dict[str, Any] | None:
    """The message in blocks every Slack client has drawn for years, or None if it already is.

    Sent when Slack refuses a message for its layout (`invalid_blocks`, `invalid_attachments`): the
    table becomes lines of a section, the decision record sections cut at line ends, and the chart
    and the votes (which have no classic form) are left out. The answer itself is never lost.
    """
    blocks = list(message.get("blocks") or ())
    tables = [b for a in message.get("attachments") or () for b in a.get("blocks") or () if b.get("type") == "table"]
    if not tables and not any(b.get("type") in NEWER_BLOCKS for b in blocks):
        return None
    plain: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("type") == "markdown":
            plain += _markdown_sections(block.get("text", ""))
        elif block.get("type") not in NEWER_BLOCKS:
            plain.append(block)
    at = next((i for i, b in enumerate(plain) if b.get("type") == "actions"), len(plain))  # above the buttons
    plain[at:at] = [section_dict(text) for text in map(_cells_text, tables) if text]
    return {**{k: v for k, v in message.items() if k != "attachments"}, "blocks": _fit(plain)}
