"""The assistant pane (Bolt's AsyncAssistant) and follow-ups in DM threads.

Bolt routes every reply in a DM thread here, so a follow-up such as "and it must have an admin"
is answered with the needs of the whole thread, read back from Slack. Greetings and answers are jobs,
like mentions (see events.py): recorded before the ack, posted once.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncApp, AsyncAssistant
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.listeners.events import answer_in_thread, thread_job
from bot.slack.services import Services
from bot.store import Job

log = logging.getLogger("pyframework.slack")

GREETING_JOB = "assistant_greeting"
ANSWER_JOB = "assistant_answer"
STATUS = "is comparing frameworks…"
GREETING = ("Hi! Tell me what you're building and what matters (e.g. \"a REST API with auth for a team of 5\"), "
            "or name frameworks to compare.")
PROMPTS = [
    {"title": "Compare two frameworks", "message": "django vs fastapi"},
    {"title": "Recommend for an API", "message": "a typed JSON API with validation and Swagger docs"},
    {"title": "Real-time", "message": "a websocket server with many open connections"},
    {"title": "Dashboards", "message": "a dashboard with charts for analysts who only know Python"},
]


class EventsOnlyAssistant(AsyncAssistant):
    """Bolt's AsyncAssistant middleware, stepping aside at once for commands and button clicks.

    It runs for every request and matches each of its listeners against the body; only Events API
    requests can be assistant events, so the others skip that work on the busiest path (slash commands).
    """

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse | None:
        if req.body.get("type") != "event_callback":
            return await next()
        return await super().async_process(req=req, resp=resp, next=next)


async def greet(services: Services, job: Job) -> None:
    channel, thread_ts = job.payload["channel"], job.payload["thread_ts"]
    outbox = services.outbox

    async def compose() -> dict:
        return {"text": GREETING}

    posted = await outbox.deliver(channel, thread_ts, job.event_id, compose, recovering=job.attempts > 1)
    if posted.ok:
        await outbox.call("suggested prompts", lambda: outbox.client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, thread_ts=thread_ts, prompts=PROMPTS))


async def answer(services: Services, job: Job) -> None:
    client = services.outbox.client
    with contextlib.suppress(Exception):  # a plain DM thread has no assistant status: not worth failing
        await client.assistant_threads_setStatus(channel_id=job.payload["channel"],
                                                 thread_ts=job.payload["thread_ts"], status=STATUS)
    await answer_in_thread(services, job)


def build_assistant(services: Services) -> AsyncAssistant:
    assistant = EventsOnlyAssistant()
    worker = services.worker
    worker.handle(GREETING_JOB, lambda job: greet(services, job))
    worker.handle(ANSWER_JOB, lambda job: answer(services, job))

    @assistant.thread_started
    async def accept_thread_started(body: dict, payload: dict) -> None:
        thread = payload.get("assistant_thread") or {}
        await worker.accept(body["event_id"], GREETING_JOB,
                            {"channel": thread["channel_id"], "thread_ts": thread["thread_ts"]})

    @assistant.user_message
    async def accept_user_message(body: dict, payload: dict) -> None:
        await worker.accept(body["event_id"], ANSWER_JOB, thread_job(payload, "assistant"))

    return assistant


def register(app: AsyncApp, services: Services) -> None:
    app.assistant(build_assistant(services))
