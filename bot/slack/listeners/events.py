"""Mentions in channels and direct messages: answered in the thread, with the thread's needs.

Slack events are acknowledged at once; the reply (which needs Web API calls) runs as a lazy
listener. Bots, the app itself, edits and deletions are never answered.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.engine import Engine
from bot.slack.replies import SORRY, deliver, message_for_question
from bot.slack.threads import read_discussion

log = logging.getLogger("pyframework.slack")

UNREAD_THREAD_NOTE = ("I couldn't read the rest of this thread (I may need to be invited to the channel), "
                      "so I answered from your message alone.")


def _from_a_person(event: dict) -> bool:
    return not event.get("bot_id") and not event.get("subtype") and bool(event.get("user"))


def is_direct_question(event: dict) -> bool:
    """A new top-level DM from a person (DM thread replies go through the assistant handler)."""
    return event.get("channel_type") == "im" and _from_a_person(event) and not event.get("thread_ts")


def answer_in_thread(engine: Engine, client: WebClient, context: BoltContext, event: dict, what: str) -> None:
    """Read the thread, answer the message with the thread's needs, post the answer in the thread.

    Used for mentions, direct messages and the assistant pane alike. Even a bug of ours gets the person
    an answer ("something went wrong"), never silence.
    """
    channel = event["channel"]
    thread_ts = event.get("thread_ts") or event["ts"]
    try:
        discussion = read_discussion(client, channel, event.get("thread_ts"), event.get("ts"), context.bot_user_id)
        message = message_for_question(engine, engine.understand(event.get("text") or "", discussion or ()))
        if discussion is None:
            note = {"type": "context", "elements": [{"type": "mrkdwn", "text": UNREAD_THREAD_NOTE}]}
            message = {**message, "blocks": [note, *message["blocks"][:49]]}
    except Exception:
        log.exception("could not answer a %s", what)
        message = {"text": SORRY}
    deliver(client.chat_postMessage, message, what=what, channel=channel, thread_ts=thread_ts)


def register(app: App, engine: Engine) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def answer_mention(client: WebClient, context: BoltContext, event: dict) -> None:
        if _from_a_person(event) or (event.get("subtype") == "thread_broadcast" and not event.get("bot_id")):
            answer_in_thread(engine, client, context, event, "mention")

    def answer_direct_message(client: WebClient, context: BoltContext, event: dict) -> None:
        answer_in_thread(engine, client, context, event, "direct message")

    app.event("app_mention")(ack=acknowledge, lazy=[answer_mention])
    app.event("message", matchers=[lambda event: is_direct_question(event)])(
        ack=acknowledge, lazy=[answer_direct_message])

    @app.event("message")
    def ignore_other_messages(ack: Ack) -> None:
        """Channel chatter, bots, edits and deletions: acknowledged so Slack does not retry, never answered."""
        ack()
