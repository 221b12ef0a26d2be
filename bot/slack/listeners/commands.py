"""`/pyframework [help | list | info X | compare A B | recommend NEEDS | any question]`.

The answer is computed in about a millisecond, so it travels with the acknowledgement itself: no Web API
call, nothing to retry or to store, and Slack's 3-second limit is never at risk. (Slack does not retry
slash commands; a lost acknowledgement shows the person Slack's own error, and they ask again.) What the
answer lacked is logged for the report in the background, never before the acknowledgement.

The acknowledgement is bytes from the cache of serialised answers (bot/slack/replies.py), keyed by the
understood question. Over HTTP, bot/slack/asgi.py hands a signed `/pyframework` command straight to
`acknowledgement`; Socket Mode, and any request that is not a plain command, goes through Bolt to
`answer_command`, which acks the same bytes.
"""

import json
import logging
import uuid
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.listeners.feedback import log_gaps
from bot.slack.replies import SORRY, ephemeral_ack
from bot.slack.services import Services
from bot.slacktext import COMMAND

log = logging.getLogger("pyframework.slack")

SORRY_BODY = json.dumps({"response_type": "ephemeral", "text": SORRY}).encode()


def _answer_id(command: Mapping[str, Any]) -> str:
    return f"command:{command.get('trigger_id') or uuid.uuid4().hex}"


def acknowledgement(services: Services, command: Mapping[str, Any]) -> bytes:
    """The body of the acknowledgement to a parsed `/pyframework` command: what `answer_command` acks."""
    engine = services.engine
    try:
        text = command.get("text") or ""
        question = engine.understand(text)
        body = ephemeral_ack(engine, question, text)
        log_gaps(services, _answer_id(command), question)
    except Exception:  # a bug of ours must still get a friendly reply, not Slack's "dispatch_failed"
        log.exception("could not answer a command")
        body = SORRY_BODY
    return body


def register(app: AsyncApp, services: Services) -> None:
    @app.command(COMMAND)
    async def answer_command(ack: AsyncAck, command: dict) -> None:
        # Bolt sends a text that starts with "{" as it is, as application/json (Socket Mode parses it back
        # into the envelope's payload): the same bytes as acking the dict, serialised once per answer.
        await ack(acknowledgement(services, command).decode())
