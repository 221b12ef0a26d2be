"""Buttons on answers: Share in channel, Compare top two, Details, Decision record, Docs.

Buttons carry the understood question (see Question.to_token), so any worker can act on a click
without remembering anything. Replies go through the click's response_url.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk.webhook import WebhookClient

from bot.engine import Engine
from bot.slack.replies import (
    answer_for_token,
    compare_message,
    decision_message,
    deliver,
    details_message,
    message_for,
    shared_by,
)
from bot.slack.retries import retry_handlers

STALE_BUTTON = "That button is from an older version of me and no longer works; please ask again."


def with_retries(respond: Respond) -> Callable[..., Any]:
    """Bolt's `respond` posts to the response_url with a WebhookClient that retries only connection
    errors; this one also retries rate limits (honouring Retry-After) and Slack's 5xx answers."""
    if not isinstance(respond, Respond) or not respond.response_url:
        return respond
    client = WebhookClient(url=respond.response_url, proxy=respond.proxy, ssl=respond.ssl,
                           retry_handlers=retry_handlers())
    return client.send


def _value(body: dict) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def register(app: App, engine: Engine) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def ephemeral(respond: Respond, message: dict | None, what: str) -> None:
        message = message or {"text": STALE_BUTTON}
        deliver(with_retries(respond), message, what=what, response_type="ephemeral", replace_original=False)

    def share_in_channel(body: dict, respond: Respond) -> None:
        answer = answer_for_token(engine, _value(body))
        if answer is None:
            ephemeral(respond, None, "share")
            return
        message = shared_by(message_for(engine, answer), body["user"]["id"])
        reply = with_retries(respond)
        if deliver(reply, message, what="share", response_type="in_channel", replace_original=False):
            reply(delete_original=True)

    def compare_top_two(body: dict, respond: Respond) -> None:
        ids = _value(body).split(",")
        ephemeral(respond, compare_message(engine, ids), "compare top two")

    def details(body: dict, respond: Respond) -> None:
        ephemeral(respond, details_message(engine, _value(body)), "details")

    def decision(body: dict, respond: Respond) -> None:
        ephemeral(respond, decision_message(engine, _value(body)), "decision record")

    app.action("share_in_channel")(ack=acknowledge, lazy=[share_in_channel])
    app.action("compare_top_two")(ack=acknowledge, lazy=[compare_top_two])
    app.action(re.compile(r"^details(_\d+)?$"))(ack=acknowledge, lazy=[details])
    app.action("decision_record")(ack=acknowledge, lazy=[decision])

    @app.action("open_docs")
    def open_docs(ack: Ack) -> None:
        """A link button: Slack opens the URL itself, we only acknowledge."""
        ack()
