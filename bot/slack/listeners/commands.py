"""`/pyframework [help | list | info X | compare A B | recommend NEEDS | any question]`.

The answer is computed in well under a millisecond, so it travels with the acknowledgement itself:
no Web API call, nothing to retry, and Slack's 3-second limit is never at risk.
"""

from slack_bolt import Ack, App

from bot.engine import Engine
from bot.slack.replies import ephemeral_answer


def register(app: App, engine: Engine) -> None:
    @app.command("/pyframework")
    def answer_command(ack: Ack, command: dict) -> None:
        question = engine.understand(command.get("text") or "")
        ack(response_type="ephemeral", **ephemeral_answer(engine, question))
