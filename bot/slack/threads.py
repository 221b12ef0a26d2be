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


THREAD_PAGES = 5  # 1,000 messages read at most; a longer thread is answered from its start and its latest
PAGE_SIZE = 200


async def read_discussion(client: AsyncWebClient, channel: str, thread_ts: str | None, current_ts: str | None,
                          bot_user_id: str | None) -> list[str] | None:
    """Earlier human messages of the thread, oldest first; [] at top level; None if unreadable.

    conversations.replies pages from the oldest message, so a long thread is read to its end and what is
    kept is the first message (it usually says what is being built) and the latest ones, up to
    MAX_THREAD_MESSAGES: the needs stated most recently are the ones that count.
    """
    if not thread_ts:
        return []
    messages: list[dict] = []
    cursor = None
    try:
        for _ in range(THREAD_PAGES):
            page = await client.conversations_replies(channel=channel, ts=thread_ts, limit=PAGE_SIZE, cursor=cursor)
            messages += page.get("messages") or []
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not page.get("has_more") or not cursor:
                break
    except Exception as exc:  # Slack's refusal, or connection errors after slack_sdk's retries
        log.warning("could not read thread (%s)", error_code(exc))
        return None
    texts = [str(m.get("text") or "") for m in messages if _from_a_person(m, current_ts, bot_user_id)]
    return texts if len(texts) <= MAX_THREAD_MESSAGES else [texts[0], *texts[-(MAX_THREAD_MESSAGES - 1):]]


def _from_a_person(message: dict, current_ts: str | None, bot_user_id: str | None) -> bool:
    """A person's earlier message: not the question itself, not a bot's (ours included), not a join notice."""
    if message.get("ts") == current_ts or message.get("bot_id") or message.get("subtype"):
        return False
    return not (bot_user_id and message.get("user") == bot_user_id)
