"""Buttons on answers: Share in channel, Details, Compare top two, Decision record, Docs.

Buttons carry the understood question (see Question.to_token), so any worker can act on a click
without remembering anything. A click is a job like a mention (recorded before the ack, keyed by its
trigger_id, taken over if its worker dies); the reply goes through the click's response_url.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.replies import (
    answer_details_message,
    answer_for_token,
    compare_message,
    decision_message,
    details_message,
    message_for,
    read_share_value,
    shared_by,
)
from bot.slack.services import Services
from bot.store import Job

log = logging.getLogger("pyframework.slack")

CLICK = "button_click"
DETAILS = re.compile(r"^details(_\d+)?$")
STALE_BUTTON = "That button is from an older version of me and no longer works; please ask again."
SHARE_UNSURE = ("I may not have shared that: I was interrupted while posting it. If you don't see it in the "
                "channel, press Share in channel again.")


def click_job(body: dict) -> dict[str, Any]:
    """What replying to a click needs later, on any worker."""
    action = (body.get("actions") or [{}])[0]
    return {"action_id": str(action.get("action_id") or ""), "value": str(action.get("value") or ""),
            "user": str((body.get("user") or {}).get("id") or ""), "response_url": str(body.get("response_url") or "")}


def click_id(body: dict) -> str:
    """One id per click: Slack's trigger_id (it does not retry clicks, but a worker may die on one)."""
    action = (body.get("actions") or [{}])[0]
    return "click:" + str(body.get("trigger_id") or f"{(body.get('user') or {}).get('id')}:{action.get('action_ts')}")


async def reply(services: Services, job: Job) -> None:
    """Answer a click through its response_url: what the button asks for, privately, or the share."""
    p, engine, outbox = job.payload, services.engine, services.outbox
    url, action_id, value = p["response_url"], p["action_id"], p["value"]
    if action_id == "share_in_channel":
        await share(services, job)
        return
    if action_id == "compare_top_two":
        message = compare_message(engine, value.split(","))
    elif action_id == "decision_record":
        message = decision_message(engine, value)
    elif action_id == "answer_details":
        message = answer_details_message(engine, value)
    elif DETAILS.match(action_id):
        message = details_message(engine, value)
    else:
        message = None
    await outbox.respond(url, message or {"text": STALE_BUTTON}, what=action_id, response_type="ephemeral",
                         replace_original=False)


async def share(services: Services, job: Job) -> None:
    """Post the answer for everyone, then remove the private copy (only once the post went through).

    A share taken over from a dead worker may already be in the channel and cannot be looked up there,
    so the clicker is asked to check instead: their private copy, with its button, is still there.
    """
    p, outbox = job.payload, services.outbox
    token, asked = read_share_value(p["value"])
    answer = answer_for_token(services.engine, token)
    if answer is None or job.attempts > 1:
        message = {"text": STALE_BUTTON if answer is None else SHARE_UNSURE}
        await outbox.respond(p["response_url"], message, what="share", response_type="ephemeral",
                             replace_original=False)
        return
    message = shared_by(message_for(services.engine, answer), p["user"], asked)
    if await outbox.respond(p["response_url"], message, what="share", response_type="in_channel",
                            replace_original=False):
        await outbox.respond(p["response_url"], {}, what="remove the private copy", delete_original=True)


def register(app: AsyncApp, services: Services) -> None:
    services.worker.handle(CLICK, lambda job: reply(services, job))

    async def accept_click(ack: AsyncAck, body: dict) -> None:
        await services.worker.accept(click_id(body), CLICK, click_job(body))
        await ack()

    for action in ("share_in_channel", "compare_top_two", DETAILS, "answer_details", "decision_record"):
        app.action(action)(accept_click)

    @app.action("open_docs")
    async def open_docs(ack: AsyncAck) -> None:
        """A link button: Slack opens the URL itself, we only acknowledge."""
        await ack()
