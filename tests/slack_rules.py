"""Slack's Block Kit rules as a checker, written from Slack's reference independently of the renderer.

The renderer (bot/render_slack.py) states the same rules where it builds blocks; this second copy is
what the tests and the fake Web API hold messages to, so a renderer that drifts from them fails here
the way Slack would refuse it: `invalid_blocks` for a bad block, `invalid_attachments` for a bad table.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block

MESSAGE_BLOCKS = 50
SURFACE_BLOCKS = 100  # modals and the Home tab
TABLE_ROWS, TABLE_CELLS = 100, 20
MARKDOWN_TOTAL = 12_000
CHART_TITLE, CHART_LABEL, CHART_SERIES, CHART_POINTS = 50, 20, 6, 20
KNOWN = {"section", "header", "context", "actions", "divider", "markdown", "context_actions", "data_visualization",
         "table", "image", "rich_text"}


def _block_problems(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind not in KNOWN:
        return [f"unknown block type {kind!r}"]
    if kind == "table":
        return ["a table block belongs in attachments, not in blocks"]
    if kind == "data_visualization":
        return _chart_problems(block)
    if kind == "markdown":
        return [] if isinstance(block.get("text"), str) and block["text"] else ["empty markdown block"]
    try:
        Block.parse(block).validate_json()  # slack_sdk's own checks of Slack's limits
    except Exception as exc:  # noqa: BLE001 (any validation error is a refusal)
        return [f"{kind}: {exc}"]
    if kind == "section" and not 0 < len(block["text"]["text"]) <= 3000:
        return ["section text must be 1-3000 characters"]
    if kind == "context_actions" and not 1 <= len(block.get("elements") or ()) <= 5:
        return ["context_actions holds 1-5 elements"]
    return []


def _chart_problems(block: dict[str, Any]) -> list[str]:
    problems = []
    if not 0 < len(block.get("title") or "") <= CHART_TITLE:
        problems.append("chart title must be 1-50 characters")
    chart = block.get("chart") or {}
    categories = (chart.get("axis_config") or {}).get("categories") or []
    if any(len(c) > CHART_LABEL for c in categories):
        problems.append("chart categories are at most 20 characters")
    series = chart.get("series") or []
    if not 1 <= len(series) <= CHART_SERIES:
        problems.append("a bar chart has 1-6 series")
    for one in series:
        points = one.get("data") or []
        if not 1 <= len(points) <= CHART_POINTS or len(one.get("name") or "") > CHART_LABEL:
            problems.append("a series has a name of at most 20 characters and 1-20 points")
        if any(p.get("label") not in categories or not isinstance(p.get("value"), int | float) for p in points):
            problems.append("each data point needs a numeric value and a label from the categories")
    return problems


def _table_problems(table: dict[str, Any]) -> list[str]:
    rows = table.get("rows") or []
    problems = []
    if not 1 <= len(rows) <= TABLE_ROWS or any(not 1 <= len(row) <= TABLE_CELLS for row in rows):
        problems.append("a table has 1-100 rows of 1-20 cells")
    for row in rows:
        for cell in row:
            if cell.get("type") not in ("raw_text", "rich_text") or (cell.get("type") == "raw_text"
                                                                     and not cell.get("text", "").strip()):
                problems.append("every table cell is non-empty raw_text or rich_text")
                return problems
    return problems


def problems(message: dict[str, Any], *, limit: int = MESSAGE_BLOCKS) -> list[str]:
    """What Slack would refuse in a message (chat.postMessage, a response_url reply, a command's ack)."""
    found = []
    text = message.get("text")
    blocks = message.get("blocks") or []
    if blocks and not (isinstance(text, str) and text.strip()):
        found.append("a message with blocks needs a fallback text")
    if len(blocks) > limit:
        found.append(f"{len(blocks)} blocks (at most {limit})")
    for block in blocks:
        found += _block_problems(block)
    markdown = sum(len(b.get("text") or "") for b in blocks if b.get("type") == "markdown")
    if markdown > MARKDOWN_TOTAL:
        found.append(f"{markdown} characters of markdown (at most {MARKDOWN_TOTAL} per message)")
    tables = [b for a in message.get("attachments") or () for b in a.get("blocks") or ()]
    if len([t for t in tables if t.get("type") == "table"]) > 1:
        found.append("a message holds one table")
    for table in tables:
        found += _table_problems(table) if table.get("type") == "table" else _block_problems(table)
    return found


def assert_slack_accepts(message: dict[str, Any], *, limit: int = MESSAGE_BLOCKS) -> None:
    found = problems(message, limit=limit)
    assert not found, found


def buttons(message: dict[str, Any]) -> dict[str, str]:
    """action_id -> value of every button in a message's actions blocks."""
    return {e["action_id"]: e.get("value", e.get("url", "")) for b in message.get("blocks") or ()
            if b.get("type") == "actions" for e in b["elements"]}


def answered(message: dict[str, Any], kb: Any) -> Any:
    """The understood question an answer carries (in its "Not what I asked" button): what was read."""
    from bot.question import Question

    token = buttons(message).get("not_what_i_asked")
    return Question.from_token(token, kb) if token else None


def table_of(message: dict[str, Any]) -> list[list[str]]:
    """The message's one table (in its attachments), as rows of cell texts; [] without one."""
    for attachment in message.get("attachments") or ():
        for block in attachment.get("blocks") or ():
            if block.get("type") == "table":
                return [[cell.get("text", "") for cell in row] for row in block["rows"]]
    return []
