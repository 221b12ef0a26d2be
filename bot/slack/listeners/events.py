"""Mentions in channels and direct messages: answered in the thread, with the thread's needs.

The listener only records the event and its job in the store (before Slack gets its 200) and returns;
the answer is a job (see bot/slack/jobs.py), run once by whichever worker holds it, however many
copies or retries of the event arrive. Bots, the app itself, edits and deletions are never answered.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.listeners.feedback import log_gaps
from bot.slack.replies import SORRY, message_for_question
from bot.slack.services import Services
from bot.slack.threads import read_discussion
from bot.store import Job

log = logging.getLogger("pyframework.slack")

THREAD_ANSWER = "thread_answer"
UNREAD_THREAD_NOTE = ("I couldn't read the rest of this thread (I may need to be invited to the channel), "
                      "so I answered from your message alone.")


def _from_a_person(event: dict) -> bool:
    return not event.get("bot_id") and not event.get("subtype") and bool(event.get("user"))


def is_direct_question(event: dict) -> bool:
    """A new top-level DM from a person (DM thread replies go through the assistant handler)."""
    return event.get("channel_type") == "im" and _from_a_person(event) and not event.get("thread_ts")


def is_mention_to_answer(event: dict) -> bool:
    """A person's mention, or one they broadcast from a thread; never a bot's."""
    return _from_a_person(event) or (event.get("subtype") == "thread_broadcast" and not event.get("bot_id"))


def thread_job(event: dict, what: str) -> dict[str, Any]:
    """What answering needs later, on any worker: where to answer and what was asked."""
    return {"what": what, "channel": event["channel"], "ts": event.get("ts"), "thread_ts": event.get("thread_ts"),
            "text": event.get("text") or ""}


async def answer_in_thread(services: Services, job: Job) -> None:
    """Read the thread, answer the message with the thread's needs, post the answer in the thread.

    Used for mentions, direct messages and the assistant pane alike. Even a bug of ours gets the person
    an answer ("something went wrong"), never silence. What the answer lacked goes to the gap log.
    """
    p = job.payload
    channel, thread_ts = p["channel"], p.get("thread_ts") or p["ts"]
    outbox, engine = services.outbox, services.engine

    async def compose() -> dict[str, Any]:
        try:
            discussion = await read_discussion(outbox.client, channel, p.get("thread_ts"), p.get("ts"),
                                               outbox.bot_user_id)
            question = engine.understand(p.get("text") or "", discussion or ())
            message = message_for_question(engine, question)
            log_gaps(services, job.event_id, question)  # in the background: the answer does not wait
            if discussion is None:
                note = {"type": "context", "elements": [{"type": "mrkdwn", "text": UNREAD_THREAD_NOTE}]}
                message = {**message, "blocks": [note, *message["blocks"][:49]]}
            return message
        except Exception:
            log.exception("could not answer a %s", p.get("what", "message"))
            return {"text": SORRY}

    await outbox.deliver(channel, thread_ts, job.event_id, compose, recovering=job.attempts > 1)


def register(app: AsyncApp, services: Services) -> None:
    services.worker.handle(THREAD_ANSWER, lambda job: answer_in_thread(services, job))

    async def mention_to_answer(event: dict) -> bool:
        return is_mention_to_answer(event)

    async def direct_question(event: dict) -> bool:
        return is_direct_question(event)

    @app.event("app_mention", matchers=[mention_to_answer])
    async def accept_mention(ack: AsyncAck, body: dict, event: dict) -> None:
        await services.worker.accept(body["event_id"], THREAD_ANSWER, thread_job(event, "mention"))
        await ack()

    @app.event("message", matchers=[direct_question])
    async def accept_direct_message(ack: AsyncAck, body: dict, event: dict) -> None:
        await services.worker.accept(body["event_id"], THREAD_ANSWER, thread_job(event, "direct message"))
        await ack()

    @app.event("app_mention")
    @app.event("message")
    async def ignore_the_rest(ack: AsyncAck) -> None:
        """Channel chatter, bots, edits and deletions: acknowledged so Slack does not retry, never answered."""
        await ack()
