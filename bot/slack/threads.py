"""Read the discussion a question was asked in, from Slack itself (no state kept in memory).

Workers stay stateless: a follow-up in a DM thread or a mention in a channel thread reads the thread
with conversations.replies each time, so any worker on any machine can answer it.
"""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.reading.thread import MAX_THREAD_MESSAGES
from bot.slack.delivery import error_code

log = logging.getLogger("pyframework.slack")


async def read_discussion(client: AsyncWebClient, channel: str, thread_ts: str | None, current_ts: str | None,
                          bot_user_id: str | None) -> list[str] | None:
    """Earlier human messages of the thread, oldest first; [] at top level; None if unreadable."""
    if not thread_ts:
        return []
    try:
        response = await client.conversations_replies(channel=channel, ts=thread_ts, limit=MAX_THREAD_MESSAGES)
    except Exception as exc:  # Slack's refusal, or connection errors after slack_sdk's retries
        log.warning("could not read thread (%s)", error_code(exc))
        return None
    texts = []
    for message in response.get("messages") or []:
        if message.get("ts") == current_ts or message.get("bot_id") or message.get("subtype"):
            continue
        if bot_user_id and message.get("user") == bot_user_id:
            continue
        texts.append(str(message.get("text") or ""))
    return texts
