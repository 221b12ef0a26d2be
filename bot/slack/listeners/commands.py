"""`/pyframework [help | list | info X | compare A B | recommend NEEDS | any question]`.

The answer is computed in about a millisecond, so it travels with the acknowledgement itself: no Web API
call, nothing to retry or to store, and Slack's 3-second limit is never at risk. (Slack does not retry
slash commands; a lost acknowledgement shows the person Slack's own error, and they ask again.) What the
answer lacked is logged for the report in the background, never before the acknowledgement.
"""

import logging
import uuid

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.listeners.feedback import log_gaps
from bot.slack.replies import SORRY, ephemeral_answer
from bot.slack.services import Services

log = logging.getLogger("pyframework.slack")


def register(app: AsyncApp, services: Services) -> None:
    engine = services.engine

    @app.command("/pyframework")
    async def answer_command(ack: AsyncAck, command: dict) -> None:
        try:
            text = command.get("text") or ""
            question = engine.understand(text)
            message = ephemeral_answer(engine, question, text)
            log_gaps(services, f"command:{command.get('trigger_id') or uuid.uuid4().hex}", question)
        except Exception:  # a bug of ours must still get a friendly reply, not Slack's "dispatch_failed"
            log.exception("could not answer a command")
            message = {"text": SORRY}
        # The whole response as one dict: Bolt's keyword form sends `attachments` (where the table is) or
        # `blocks`, never both.
        await ack({"response_type": "ephemeral", **message})
