"""Buttons on answers: Share in channel, Compare top two, Details, Decision record, Docs.

Buttons carry the understood question (see Question.to_token), so any worker can act on a click
without remembering anything. Replies go through the click's response_url, after the click is
acknowledged (lazy listeners: asyncio tasks on this worker).
"""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.replies import (
    answer_for_token,
    compare_message,
    decision_message,
    details_message,
    message_for,
    shared_by,
)
from bot.slack.services import Services

STALE_BUTTON = "That button is from an older version of me and no longer works; please ask again."


def _value(body: dict) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def _response_url(body: dict) -> str:
    return str(body.get("response_url") or "")


def register(app: AsyncApp, services: Services) -> None:
    engine, outbox = services.engine, services.outbox

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def ephemeral(body: dict, message: dict | None, what: str) -> None:
        message = message or {"text": STALE_BUTTON}
        await outbox.respond(_response_url(body), message, what=what, response_type="ephemeral",
                             replace_original=False)

    async def share_in_channel(body: dict) -> None:
        answer = answer_for_token(engine, _value(body))
        if answer is None:
            await ephemeral(body, None, "share")
            return
        message = shared_by(message_for(engine, answer), body["user"]["id"])
        if await outbox.respond(_response_url(body), message, what="share", response_type="in_channel",
                                replace_original=False):
            await outbox.respond(_response_url(body), {}, what="remove the private copy", delete_original=True)

    async def compare_top_two(body: dict) -> None:
        await ephemeral(body, compare_message(engine, _value(body).split(",")), "compare top two")

    async def details(body: dict) -> None:
        await ephemeral(body, details_message(engine, _value(body)), "details")

    async def decision(body: dict) -> None:
        await ephemeral(body, decision_message(engine, _value(body)), "decision record")

    app.action("share_in_channel")(ack=acknowledge, lazy=[share_in_channel])
    app.action("compare_top_two")(ack=acknowledge, lazy=[compare_top_two])
    app.action(re.compile(r"^details(_\d+)?$"))(ack=acknowledge, lazy=[details])
    app.action("decision_record")(ack=acknowledge, lazy=[decision])

    @app.action("open_docs")
    async def open_docs(ack: AsyncAck) -> None:
        """A link button: Slack opens the URL itself, we only acknowledge."""
        await ack()
