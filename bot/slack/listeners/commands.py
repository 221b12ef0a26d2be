"""`/pyframework [help | list | info X | compare A B | recommend NEEDS | any question]`.

The answer is computed in well under a millisecond, so it travels with the acknowledgement itself:
no Web API call, nothing to retry, and Slack's 3-second limit is never at risk.
"""

import logging

from slack_bolt import Ack, App

from bot.engine import Engine
from bot.slack.replies import SORRY, ephemeral_answer

log = logging.getLogger("pyframework.slack")


def register(app: App, engine: Engine) -> None:
    @app.command("/pyframework")
    def answer_command(ack: Ack, command: dict) -> None:
        try:
            message = ephemeral_answer(engine, engine.understand(command.get("text") or ""))
        except Exception:  # a bug of ours must still get a friendly reply, not Slack's "dispatch_failed"
            log.exception("could not answer a command")
            message = {"text": SORRY}
        ack(response_type="ephemeral", **message)
