"""The assistant pane (Bolt's Assistant) and follow-ups in DM threads.

Bolt routes every reply in a DM thread here, so a follow-up such as "and it must have an admin"
is answered with the needs of the whole thread, read back from Slack.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from slack_bolt import App, Assistant, BoltContext, BoltRequest, BoltResponse, Say, SetStatus, SetSuggestedPrompts
from slack_sdk import WebClient

from bot.engine import Engine
from bot.slack.listeners.events import answer_in_thread

log = logging.getLogger("pyframework.slack")

GREETING = ("Hi! Tell me what you're building and what matters (e.g. \"a REST API with auth for a team of 5\"), "
            "or name frameworks to compare.")
PROMPTS = [
    {"title": "Compare two frameworks", "message": "django vs fastapi"},
    {"title": "Recommend for an API", "message": "a typed JSON API with validation and Swagger docs"},
    {"title": "Real-time", "message": "a websocket server with many open connections"},
    {"title": "Dashboards", "message": "a dashboard with charts for analysts who only know Python"},
]


class EventsOnlyAssistant(Assistant):
    """Bolt's Assistant middleware, stepping aside at once for commands and button clicks.

    It runs for every request and matches each of its listeners against the body; only Events API
    requests can be assistant events, so the others skip that work on the busiest path (slash commands).
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]):
        if req.body.get("type") != "event_callback":
            return next()
        return super().process(req=req, resp=resp, next=next)


def build_assistant(engine: Engine) -> Assistant:
    assistant = EventsOnlyAssistant()

    @assistant.thread_started
    def start_thread(say: Say, set_suggested_prompts: SetSuggestedPrompts) -> None:
        say(GREETING)
        try:
            set_suggested_prompts(prompts=PROMPTS)
        except Exception as exc:
            log.warning("could not set suggested prompts (%s)", type(exc).__name__)

    def noop() -> None:
        """The reply runs lazily; the acknowledgement needs nothing."""

    def answer_message(payload: dict, client: WebClient, context: BoltContext, set_status: SetStatus) -> None:
        with contextlib.suppress(Exception):  # a plain DM thread has no assistant status: not worth failing
            set_status("is comparing frameworks…")
        answer_in_thread(engine, client, context, payload, "assistant")

    assistant.user_message(lazy=[answer_message])(noop)
    return assistant


def register(app: App, engine: Engine) -> None:
    app.assistant(build_assistant(engine))
