"""Unit tests of each Slack listener, the way Slack's bolt-python templates test theirs.

Listeners are registered on a recorder standing in for Bolt's AsyncApp and called directly with mocked
`ack` and a mocked Outbox; the jobs they accept are run through the handlers they registered. The
assistant and the middleware are exercised through the real Bolt app in process (signed requests, Web
API on a local fake, the store in a temp file). Configuration errors and the console fallback run the
real command line in a subprocess.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock
from urllib.parse import urlencode

import pytest
from commands import PYFRAMEWORK
from fake_slack import BOT_USER_ID, FakeSlack
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_rules import answered, table_of
from slack_sdk.errors import SlackApiError

from bot.config import DEFAULT_API_URL, ConfigError, Settings, load_settings, validate
from bot.engine import Engine, default_engine
from bot.slack import app as slack_app
from bot.slack.delivery import ANSWER_EVENT, Outbox
from bot.slack.jobs import Worker
from bot.slack.listeners import actions, assistant, commands, events, views
from bot.slack.listeners.actions import STALE_BUTTON
from bot.slack.listeners.events import THREAD_ANSWER, UNREAD_THREAD_NOTE, is_direct_question
from bot.slack.replies import SORRY, decision_message, details_message, message_for, with_share_button
from bot.slack.retries import CappedRateLimitRetry, ServerErrorRetry
from bot.slack.services import Services
from bot.store import Job, open_store

ROOT = Path(__file__).resolve().parent.parent
SECRET = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def engine_() -> Engine:
    return default_engine()


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coroutine)


# --------------------------------------------------------------------------- a recorder standing in for AsyncApp


@dataclass
class Registration:
    kind: str
    key: Any
    ack: Callable[..., Any] | None
    lazy: list[Callable[..., Any]] = field(default_factory=list)
    matchers: list[Callable[..., Any]] = field(default_factory=list)

    def matches(self, event: dict[str, Any]) -> bool:
        return all(run(matcher(event=event)) for matcher in self.matchers)


class Recorder:
    """Records what `register(app, services)` registers: `app.command(...)`, `app.action(...)`, `app.event(...)`."""

    def __init__(self) -> None:
        self.registrations: list[Registration] = []
        self.assistants: list[Any] = []

    def _listen(self, kind: str) -> Callable[..., Callable[..., Any]]:
        def listen(key: Any, matchers: list[Callable[..., Any]] | None = None, **_: Any) -> Callable[..., Any]:
            def register(function: Callable[..., Any] | None = None, *, ack: Callable[..., Any] | None = None,
                         lazy: list[Callable[..., Any]] | None = None) -> Callable[..., Any] | None:
                self.registrations.append(Registration(kind, key, ack or function, list(lazy or []),
                                                       list(matchers or [])))
                return function
            return register
        return listen

    def command(self, key: Any, **kwargs: Any) -> Callable[..., Any]:
        return self._listen("command")(key, **kwargs)

    def action(self, key: Any, **kwargs: Any) -> Callable[..., Any]:
        return self._listen("action")(key, **kwargs)

    def event(self, key: Any, **kwargs: Any) -> Callable[..., Any]:
        return self._listen("event")(key, **kwargs)

    def assistant(self, assistant_: Any) -> None:
        self.assistants.append(assistant_)

    def find(self, kind: str, key: Any, *, lazy: bool | None = None, event: dict | None = None) -> Registration:
        """The first listener for `key` (and, for events, the first whose matchers take `event`)."""
        def matches(registered: Any) -> bool:  # Bolt accepts a string or a compiled pattern
            return registered == key or (hasattr(registered, "fullmatch") and bool(registered.fullmatch(key)))

        found = [r for r in self.registrations if r.kind == kind and matches(r.key)
                 and (lazy is None or bool(r.lazy) == lazy) and (event is None or r.matches(event))]
        assert found, f"no {kind} listener for {key!r} in {self.registrations!r}"
        return found[0]


def fake_services(engine: Engine, client: Any = None) -> Services:
    """Services with a mocked Web API client and an Outbox whose button replies are recorded."""
    client = client or AsyncMock()
    outbox = Outbox(client, client, bot_user_id=BOT_USER_ID, budget=5.0)
    outbox.respond = AsyncMock(return_value=True)  # type: ignore[method-assign]
    worker = Worker(MagicMock(), lease=5.0)
    worker.accept = AsyncMock()  # type: ignore[method-assign]
    return Services(engine, worker, outbox)


def recorded(module: Any, services: Services) -> Recorder:
    recorder = Recorder()
    module.register(recorder, services)
    return recorder


def ok(data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"ok": True, **(data or {})}


def api_error(error: str) -> SlackApiError:
    response = MagicMock(status_code=200, data={"ok": False, "error": error})
    return SlackApiError(f"The request to the Slack API failed. ({error})", response)


def button_ids(message: dict[str, Any]) -> list[str]:
    ids = []
    for block in message["blocks"]:
        if block["type"] == "actions":
            ids += [e["action_id"] for e in block["elements"]]
        if block.get("accessory"):
            ids.append(block["accessory"]["action_id"])
    return ids


def run_job(services: Services, kind: str, payload: dict[str, Any], attempts: int = 1) -> None:
    run(services.worker.handlers[kind](Job("Ev1", kind, payload, time.time(), attempts)))


# --------------------------------------------------------------------------- commands


def acked(ack: AsyncMock) -> dict[str, Any]:
    """What a command acknowledged: the JSON text Bolt sends as it is (application/json)."""
    (body,) = ack.call_args.args
    assert isinstance(body, str) and body.startswith("{")
    return json.loads(body)


def test_command_acks_with_the_answer(engine_: Engine) -> None:
    listener = recorded(commands, fake_services(engine_)).find("command", "/pyframework")
    ack = AsyncMock()
    run(listener.ack(ack=ack, command={"text": "flask vs django", "user_id": "U1", "channel_id": "C1"}))
    ack.assert_awaited_once()
    kwargs = acked(ack)
    assert kwargs["response_type"] == "ephemeral" and kwargs["blocks"]
    assert "Flask" in kwargs["text"] and "Django" in kwargs["text"]
    assert table_of(kwargs)[0] == ["Feature", "Flask", "Django"]
    assert "share_in_channel" in button_ids(kwargs)
    assert not listener.lazy  # the answer travels with the acknowledgement: no Web API call


@pytest.mark.parametrize("text", ["", "help", "what's the weather in Lisbon?"])
def test_command_help_and_unknown_have_no_share_button(engine_: Engine, text: str) -> None:
    ack = AsyncMock()
    run(recorded(commands, fake_services(engine_)).find("command", "/pyframework").ack(ack=ack, command={"text": text}))
    kwargs = acked(ack)
    assert kwargs["response_type"] == "ephemeral" and kwargs["text"] and kwargs["blocks"]
    assert "share_in_channel" not in button_ids(kwargs)


# --------------------------------------------------------------------------- events: mentions and DMs

MENTION = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> what would you recommend?",
           "ts": "1.3", "thread_ts": "1.1", "channel": "C1"}


def test_a_mention_is_recorded_as_a_job_before_the_ack(engine_: Engine) -> None:
    services = fake_services(engine_)
    order: list[str] = []
    services.worker.accept.side_effect = lambda *a, **k: order.append("accept")  # type: ignore[attr-defined]
    ack = AsyncMock(side_effect=lambda *a, **k: order.append("ack"))
    listener = recorded(events, services).find("event", "app_mention", event=MENTION)
    run(listener.ack(ack=ack, body={"event_id": "EvM1"}, event=MENTION))
    assert order == ["accept", "ack"]  # the job is durable before Slack hears 200
    event_id, kind, payload = services.worker.accept.call_args.args  # type: ignore[attr-defined]
    assert (event_id, kind) == ("EvM1", THREAD_ANSWER)
    assert payload == {"what": "mention", "channel": "C1", "ts": "1.3", "thread_ts": "1.1", "text": MENTION["text"]}


@pytest.mark.parametrize("event", [
    {"type": "app_mention", "bot_id": "B2", "user": "U9", "text": "<@UBOT> flask vs django", "ts": "3.1"},
    {"type": "message", "channel_type": "channel", "user": "U1", "text": "chatter", "ts": "3.2"},
    {"type": "message", "channel_type": "im", "subtype": "message_changed", "ts": "3.3"},
])
def test_bots_chatter_and_edits_are_acknowledged_and_never_answered(engine_: Engine, event: dict) -> None:
    services = fake_services(engine_)
    event = {**event, "channel": "C1"}
    listener = recorded(events, services).find("event", event["type"], event=event)
    ack = AsyncMock()
    run(listener.ack(ack=ack))
    ack.assert_awaited_once_with()
    services.worker.accept.assert_not_awaited()  # type: ignore[attr-defined]


def thread_client(messages: list[dict[str, Any]] | Exception) -> AsyncMock:
    client = AsyncMock()
    if isinstance(messages, Exception):
        client.conversations_replies.side_effect = messages
    else:
        client.conversations_replies.return_value = ok({"messages": messages})
    return client


def test_mention_in_thread_posts_in_the_thread_with_its_needs_and_its_mark(engine_: Engine) -> None:
    client = thread_client([
        {"user": "U2", "text": "we need thousands of websocket connections", "ts": "1.1"},
        {"user": BOT_USER_ID, "text": "an earlier answer about django", "ts": "1.2", "thread_ts": "1.1"},
        {"user": "U1", "text": f"<@{BOT_USER_ID}> what would you recommend?", "ts": "1.3", "thread_ts": "1.1"},
    ])
    services = fake_services(engine_, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job(MENTION, "mention"))
    assert client.conversations_replies.call_args.kwargs["ts"] == "1.1"
    client.chat_postMessage.assert_awaited_once()
    post = client.chat_postMessage.call_args.kwargs
    assert post["channel"] == "C1" and post["thread_ts"] == "1.1"
    assert post["metadata"] == {"event_type": ANSWER_EVENT, "event_payload": {"event_id": "Ev1", "kind": "answer"}}
    assert "WebSockets" in post["text"]
    assert "websockets" in answered(post, engine_.kb).from_discussion  # the need came from the thread


def test_a_long_thread_is_read_to_its_latest_messages() -> None:
    """Slack pages a thread from its oldest message: the latest needs must not be the ones left out."""
    from bot.reading.thread import MAX_THREAD_MESSAGES
    from bot.slack.threads import read_discussion

    said = [{"user": "U1", "text": f"message {i}", "ts": f"1.{i:04d}"} for i in range(450)]
    pages = [ok({"messages": said[i:i + 200], "has_more": i + 200 < len(said),
                 "response_metadata": {"next_cursor": f"c{i}" if i + 200 < len(said) else ""}})
             for i in range(0, len(said), 200)]
    client = AsyncMock()
    client.conversations_replies.side_effect = pages
    texts = run(read_discussion(client, "C1", "1.0000", "1.0449", BOT_USER_ID))
    assert len(texts) == MAX_THREAD_MESSAGES
    assert texts[0] == "message 0" and texts[-1] == "message 448"  # the root, then the latest before the question
    assert [c.kwargs["cursor"] for c in client.conversations_replies.call_args_list] == [None, "c0", "c200"]


def test_top_level_mention_needs_no_thread_and_answers_under_itself(engine_: Engine) -> None:
    client = thread_client([])
    services = fake_services(engine_, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job({**MENTION, "ts": "2.1", "thread_ts": None}, "mention"))
    client.conversations_replies.assert_not_awaited()
    assert client.chat_postMessage.call_args.kwargs["thread_ts"] == "2.1"


def test_a_recovered_job_already_answered_is_not_posted_again(engine_: Engine) -> None:
    client = thread_client([{"user": BOT_USER_ID, "bot_id": "BBOT", "text": "Flask vs Django", "ts": "2.2",
                             "metadata": {"event_type": ANSWER_EVENT, "event_payload": {"event_id": "Ev1"}}}])
    services = fake_services(engine_, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job({**MENTION, "ts": "2.1", "thread_ts": None}, "mention"),
            attempts=2)
    client.chat_postMessage.assert_not_awaited()
    assert client.conversations_replies.call_args.kwargs["include_all_metadata"] is True


def test_unreadable_thread_still_answered_with_a_note(engine_: Engine) -> None:
    client = thread_client(api_error("not_in_channel"))
    services = fake_services(engine_, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job({**MENTION, "text": "<@UBOT> flask vs django"}, "mention"))
    post = client.chat_postMessage.call_args.kwargs
    assert post["thread_ts"] == "1.1"
    assert post["blocks"][0]["elements"][0]["text"] == UNREAD_THREAD_NOTE
    assert "Flask" in post["text"]


def test_a_refused_post_tells_the_user_in_plain_words(engine_: Engine) -> None:
    client = thread_client([])
    client.chat_postMessage.side_effect = [api_error("msg_too_long"), ok()]
    services = fake_services(engine_, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job({**MENTION, "ts": "5.1", "thread_ts": None}, "mention"))
    assert client.chat_postMessage.await_count == 2  # the answer, then one notice; never the answer twice
    notice = client.chat_postMessage.call_args.kwargs
    assert notice["thread_ts"] == "5.1" and "the message was too long" in notice["text"]
    assert "try again" in notice["text"] and notice["metadata"]["event_payload"]["kind"] == "notice"


@pytest.mark.parametrize(("event", "expected"), [
    ({"channel_type": "im", "user": "U1", "text": "hi", "ts": "1"}, True),
    ({"channel_type": "im", "user": "U1", "text": "more", "ts": "2", "thread_ts": "1"}, False),  # assistant's
    ({"channel_type": "channel", "user": "U1", "text": "<@UBOT> hi", "ts": "1"}, False),  # the mention's twin
    ({"channel_type": "im", "bot_id": "B1", "subtype": "bot_message", "text": "hi", "ts": "1"}, False),
    ({"channel_type": "im", "bot_id": "B1", "user": "U9", "text": "hi", "ts": "1"}, False),
    ({"channel_type": "im", "subtype": "message_changed", "message": {"user": "U1", "text": "hi"}}, False),
    ({"channel_type": "im", "subtype": "message_deleted", "deleted_ts": "1"}, False),
    ({"channel_type": "im", "subtype": "channel_join", "user": "U1", "ts": "1"}, False),
])
def test_which_messages_are_direct_questions(event: dict[str, Any], expected: bool) -> None:
    assert is_direct_question({"type": "message", "channel": "D1", **event}) is expected


def test_direct_message_answered_in_the_dm(engine_: Engine) -> None:
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "flask or bottle for a tiny app",
             "ts": "6.1", "channel": "D1"}
    services = fake_services(engine_, thread_client([]))
    listener = recorded(events, services).find("event", "message", event=event)
    run(listener.ack(ack=AsyncMock(), body={"event_id": "EvD1"}, event=event))
    _, kind, payload = services.worker.accept.call_args.args  # type: ignore[attr-defined]
    run_job(services, kind, payload)
    post = services.outbox.client.chat_postMessage.call_args.kwargs
    assert post["channel"] == "D1" and post["thread_ts"] == "6.1"
    assert "Flask" in post["text"] and "Bottle" in post["text"]


# --------------------------------------------------------------------------- actions


def click_body(value: str, user: str = "U1", action_id: str = "details") -> dict[str, Any]:
    return {"type": "block_actions", "user": {"id": user}, "trigger_id": "123.456.abc",
            "actions": [{"action_id": action_id, "value": value}], "response_url": "https://hooks.example/r1"}


@pytest.mark.parametrize("action_id", ["share_in_channel", "compare_top_two", "details", "details_2",
                                       "decision_record"])
def test_a_click_is_recorded_as_a_job_before_the_ack(engine_: Engine, action_id: str) -> None:
    services = fake_services(engine_)
    order: list[str] = []
    services.worker.accept.side_effect = lambda *a, **k: order.append("accept")  # type: ignore[attr-defined]
    ack = AsyncMock(side_effect=lambda *a, **k: order.append("ack"))
    run(recorded(actions, services).find("action", action_id).ack(ack=ack, body=click_body("x", action_id=action_id)))
    assert order == ["accept", "ack"]
    event_id, kind, payload = services.worker.accept.call_args.args  # type: ignore[attr-defined]
    assert (event_id, kind) == ("click:123.456.abc", actions.CLICK)
    assert payload == {"action_id": action_id, "value": "x", "user": "U1", "response_url": "https://hooks.example/r1"}


def test_a_docs_button_is_only_acknowledged(engine_: Engine) -> None:
    services = fake_services(engine_)
    ack = AsyncMock()
    run(recorded(actions, services).find("action", "open_docs").ack(ack=ack))
    ack.assert_awaited_once_with()
    services.worker.accept.assert_not_awaited()  # type: ignore[attr-defined]


def click(engine_: Engine, action_id: str, value: str, *, user: str = "U1",
          replies: list[bool] | None = None, attempts: int = 1) -> AsyncMock:
    """Run the job of a click; the recorded Outbox.respond calls."""
    services = fake_services(engine_)
    if replies is not None:
        services.outbox.respond.side_effect = replies  # type: ignore[attr-defined]
    recorded(actions, services)
    run_job(services, actions.CLICK, actions.click_job(click_body(value, user, action_id)), attempts=attempts)
    return services.outbox.respond  # type: ignore[return-value]


def test_details_responds_ephemeral(engine_: Engine) -> None:
    respond = click(engine_, "details", "django")
    url, message = respond.call_args.args
    kwargs = respond.call_args.kwargs
    assert url == "https://hooks.example/r1"
    assert kwargs["response_type"] == "ephemeral" and kwargs["replace_original"] is False
    assert message["blocks"][0]["text"]["text"].startswith("*Django* — ")
    assert "Strengths" in json.dumps(message["blocks"])  # the whole card


def test_compare_top_two_responds_with_a_table(engine_: Engine) -> None:
    respond = click(engine_, "compare_top_two", "fastapi,litestar")
    message = respond.call_args.args[1]
    assert respond.call_args.kwargs["response_type"] == "ephemeral"
    assert "FastAPI vs Litestar" in message["text"]
    assert table_of(message)[0] == ["Feature", "FastAPI", "Litestar"]


def test_decision_record_responds_with_markdown(engine_: Engine) -> None:
    token = engine_.answer("we need a REST API with auth and Swagger docs").question.to_token()
    respond = click(engine_, "decision_record", token)
    message = respond.call_args.args[1]
    assert respond.call_args.kwargs["response_type"] == "ephemeral"
    assert message["text"].startswith("Decision record: ADR: ")
    (record,) = [b for b in message["blocks"] if b["type"] == "markdown"]
    assert record["text"].startswith("# ADR: ") and "the decision is the team's" in record["text"]


def test_share_posts_in_channel_then_deletes_the_ephemeral(engine_: Engine) -> None:
    token = engine_.answer("flask vs django").question.to_token()
    respond = click(engine_, "share_in_channel", token, user="U5")
    first, second = respond.call_args_list
    assert first.kwargs["response_type"] == "in_channel" and first.kwargs["replace_original"] is False
    assert first.args[1]["blocks"][0]["elements"][0]["text"].startswith("<@U5> ")
    assert second.kwargs["delete_original"] is True


@pytest.mark.parametrize(("action_id", "value"), [
    ("share_in_channel", "not a token"), ("decision_record", '{"i":"recommend","f":["no-such-framework"]}'),
    ("details", "no-such-framework"), ("compare_top_two", "django"),
])
def test_stale_buttons_say_so_and_never_delete(engine_: Engine, action_id: str, value: str) -> None:
    respond = click(engine_, action_id, value)
    respond.assert_awaited_once()
    assert respond.call_args.args[1]["text"] == STALE_BUTTON
    assert respond.call_args.kwargs["response_type"] == "ephemeral"


def test_a_share_taken_over_from_a_dead_worker_asks_the_clicker_to_check(engine_: Engine) -> None:
    """It may already be in the channel (Slack can't be asked): never post it for everyone twice."""
    token = engine_.answer("flask vs django").question.to_token()
    respond = click(engine_, "share_in_channel", token, attempts=2)
    respond.assert_awaited_once()
    assert respond.call_args.args[1]["text"] == actions.SHARE_UNSURE
    assert respond.call_args.kwargs["response_type"] == "ephemeral"


def test_failed_share_keeps_the_ephemeral(engine_: Engine) -> None:
    """If the in-channel post fails (Outbox.respond told the clicker), the private copy stays."""
    token = engine_.answer("flask vs django").question.to_token()
    respond = click(engine_, "share_in_channel", token, replies=[False])
    assert respond.await_count == 1
    assert not respond.call_args.kwargs.get("delete_original")


# --------------------------------------------------------------------------- App Home


def test_app_home_is_a_job_that_publishes_the_catalog(engine_: Engine) -> None:
    services = fake_services(engine_)
    event = {"type": "app_home_opened", "user": "U1", "tab": "home"}
    listener = recorded(views, services).find("event", "app_home_opened", event=event)
    run(listener.ack(ack=AsyncMock(), body={"event_id": "EvH1"}, event=event))
    _, kind, payload = services.worker.accept.call_args.args  # type: ignore[attr-defined]
    run_job(services, kind, payload)
    client = services.outbox.client
    client.views_publish.assert_awaited_once()
    kwargs = client.views_publish.call_args.kwargs
    assert kwargs["user_id"] == "U1" and kwargs["view"]["type"] == "home"
    text = json.dumps(kwargs["view"])
    assert all(fw.name in text for fw in engine_.kb.frameworks.values())
    assert len(kwargs["view"]["blocks"]) <= 100


def test_app_home_messages_tab_publishes_nothing(engine_: Engine) -> None:
    services = fake_services(engine_)
    event = {"type": "app_home_opened", "user": "U1", "tab": "messages"}
    listener = recorded(views, services).find("event", "app_home_opened", event=event)
    run(listener.ack(ack=AsyncMock()))
    services.worker.accept.assert_not_awaited()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- Slack's limits on every message


@pytest.mark.parametrize("text", ["flask vs django", "list", "help", "info django", "compare " + " ".join(
    ["django", "flask", "fastapi", "litestar", "starlette", "sanic", "quart", "tornado"]),
    "we need a REST API with auth and Swagger docs, team of 5", "x" * 9000, "does bottle support templates?"])
def test_messages_respect_slack_limits(engine_: Engine, text: str) -> None:
    answer = engine_.answer(text)
    messages = [with_share_button(message_for(engine_, answer), answer.question),
                decision_message(engine_, answer.question.to_token())]
    messages += [details_message(engine_, fw) for fw in engine_.kb.frameworks]
    for message in filter(None, messages):
        assert message["text"] and len(message["blocks"]) <= 50
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= 150
            if block["type"] == "actions":
                assert len(block["elements"]) <= 25
                assert all(len(e.get("value", "")) <= 2000 for e in block["elements"])
            if block["type"] == "context":
                assert len(block["elements"]) <= 10


@pytest.mark.parametrize("text", ["flask vs django", "compare django flask fastapi litestar",
                                  "we need a REST API with auth and Swagger docs", "info django"])
def test_action_ids_are_unique_within_each_block(engine_: Engine, text: str) -> None:
    """Block Kit: an action_id "should be unique among all other action_ids in the containing block"."""
    answer = engine_.answer(text)
    message = with_share_button(message_for(engine_, answer), answer.question)
    for block in message["blocks"]:
        if block["type"] == "actions":
            ids = [element["action_id"] for element in block["elements"]]
            assert len(ids) == len(set(ids)), ids


# --------------------------------------------------------------------------- the Bolt app in process


class LoopThread:
    """An event loop in a thread, so the Runtime's job tasks keep running between the test's calls."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, Any], timeout: float = 15.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@dataclass
class InProcess:
    loop: LoopThread
    runtime: slack_app.Runtime

    def dispatch(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> BoltResponse:
        timestamp = str(int(time.time()))
        signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
        request = AsyncBoltRequest(body=body, headers={
            "content-type": content_type, "x-slack-signature": signature, "x-slack-request-timestamp": timestamp,
            **(headers or {})})
        return self.loop.run(self.runtime.app.async_dispatch(request))

    def event(self, event: dict[str, Any], headers: dict[str, str] | None = None, event_id: str | None = None,
              ) -> BoltResponse:
        body = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": event,
                "event_id": event_id or f"Ev{time.monotonic_ns()}", "event_time": int(time.time())}
        return self.dispatch(json.dumps(body), "application/json", headers)


@pytest.fixture(scope="module")
def bolt(fake: FakeSlack, engine_: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    settings = Settings("xoxb-unit", SECRET, "", fake.url + "/api/", lease_seconds=1.0)
    store = open_store(sqlite_path=tmp_path_factory.mktemp("bolt") / "state.db")
    loop = LoopThread()
    runtime = loop.run(slack_app.start_runtime(settings, engine_, store=store))
    yield InProcess(loop, runtime)
    loop.run(runtime.close())
    loop.stop()


def in_channel(channel: str) -> Callable[[dict[str, Any]], bool]:
    return lambda args: args.get("channel") == channel or args.get("channel_id") == channel


def test_app_command_acks_with_blocks(bolt: InProcess) -> None:
    body = urlencode({"command": "/pyframework", "text": "django vs flask", "user_id": "U1", "channel_id": "C1",
                      "team_id": "T1", "response_url": "https://example.invalid/r", "trigger_id": "t"})
    response = bolt.dispatch(body, "application/x-www-form-urlencoded")
    assert response.status == 200
    message = json.loads(response.body)
    assert message["response_type"] == "ephemeral" and table_of(message)[0] == ["Feature", "Django", "Flask"]


def test_app_refuses_a_bad_signature(bolt: InProcess) -> None:
    request = AsyncBoltRequest(body="command=%2Fpyframework&text=help", headers={
        "content-type": "application/x-www-form-urlencoded", "x-slack-signature": "v0=00",
        "x-slack-request-timestamp": str(int(time.time()))})
    assert bolt.loop.run(bolt.runtime.app.async_dispatch(request)).status == 401


def test_a_retry_whose_original_never_arrived_is_answered(bolt: InProcess, fake: FakeSlack) -> None:
    """Slack retries exactly when its first delivery failed: the retry must be answered, once."""
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> flask vs django", "ts": "7.1", "channel": "CR"}
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    assert bolt.event(event, retry, event_id="EvRetry1").status == 200
    fake.wait_for("chat.postMessage", where=in_channel("CR"))
    assert bolt.event(event, {"x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout"},
                      event_id="EvRetry1").status == 200
    bolt.event({**event, "channel": "CR2"})
    fake.wait_for("chat.postMessage", where=in_channel("CR2"))
    assert len(fake.calls_to("chat.postMessage", where=in_channel("CR"))) == 1


def test_a_job_whose_worker_died_is_taken_over_by_the_sweep(bolt: InProcess, fake: FakeSlack) -> None:
    """A job left pending by a dead worker (its lease long gone) is answered by this one's sweep."""
    payload = events.thread_job({"channel": "CDEAD", "ts": "8.8", "text": "<@UBOT> bottle vs flask"}, "mention")
    bolt.runtime.store.accept("EvDead1", THREAD_ANSWER, payload, owner="dead", now=time.time() - 60, lease=1)
    (post,) = fake.wait_for("chat.postMessage", where=in_channel("CDEAD"))
    assert post["thread_ts"] == "8.8" and "Bottle" in post["text"]
    deadline = time.monotonic() + 5
    while bolt.runtime.store.pending() and time.monotonic() < deadline:
        time.sleep(0.05)  # polling interval: the job is marked done just after the post
    assert bolt.runtime.store.pending() == []


def test_assistant_thread_started(bolt: InProcess, fake: FakeSlack) -> None:
    event = {"type": "assistant_thread_started", "event_ts": "8.2",
             "assistant_thread": {"user_id": "U1", "channel_id": "DA1", "thread_ts": "8.1",
                                  "context": {"channel_id": "C1", "team_id": "T1"}}}
    assert bolt.event(event).status == 200
    (greeting,) = fake.wait_for("chat.postMessage", where=in_channel("DA1"))
    assert greeting["thread_ts"] == "8.1" and greeting["text"] == assistant.GREETING
    (prompts,) = fake.wait_for("assistant.threads.setSuggestedPrompts", where=in_channel("DA1"))
    assert [p["message"] for p in prompts["prompts"]] == [p["message"] for p in assistant.PROMPTS]


def test_assistant_answers_in_the_thread_with_a_status(bolt: InProcess, fake: FakeSlack) -> None:
    fake.threads[("DA2", "9.1")] = [
        {"user": "U1", "text": "we are building a typed JSON API", "ts": "9.1"},
        {"user": "U1", "text": "and it needs websockets", "ts": "9.2", "thread_ts": "9.1"},
    ]
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "and it needs websockets",
             "ts": "9.2", "thread_ts": "9.1", "channel": "DA2"}
    assert bolt.event(event).status == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel("DA2"))
    assert post["thread_ts"] == "9.1"
    assert answered(post, default_engine().kb).from_discussion  # the thread's earlier needs were read
    assert fake.calls_to("assistant.threads.setStatus", where=in_channel("DA2"))


def test_app_home_through_bolt(bolt: InProcess, fake: FakeSlack) -> None:
    event = {"type": "app_home_opened", "user": "UH1", "tab": "home", "channel": "DH1"}
    assert bolt.event(event).status == 200
    (publish,) = fake.wait_for("views.publish", where=lambda a: a.get("user_id") == "UH1")
    view = publish["view"] if isinstance(publish["view"], dict) else json.loads(publish["view"])
    assert view["type"] == "home"


def test_request_kind_names_each_request_in_one_safe_word() -> None:
    assert slack_app.request_kind({"command": "/pyframework"}) == "command:/pyframework"
    assert slack_app.request_kind({"type": "event_callback", "event": {"type": "app_mention"}}) == "event:app_mention"
    assert slack_app.request_kind({"type": "block_actions", "actions": [{"action_id": "details"}]}) == "action:details"
    assert slack_app.request_kind({}) == "unknown"
    assert slack_app.request_kind({"command": "/x\n2026-01-01 ERROR forged " + "y" * 500}) == (
        "command:/x?2026-01-01?ERROR?forged?" + "y" * 25)


def test_web_clients_retry_rate_limits_and_server_errors_but_posts_only_rate_limits() -> None:
    settings = Settings("xoxb-1", SECRET, "", "http://127.0.0.1:9/api/")
    kinds = {type(h) for h in slack_app.web_client(settings).retry_handlers}
    assert {CappedRateLimitRetry, ServerErrorRetry} <= kinds
    assert {type(h) for h in slack_app.web_client(settings, idempotent=False).retry_handlers} == {CappedRateLimitRetry}
    assert slack_app.web_client(settings).base_url == "http://127.0.0.1:9/api/"


# --------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(("settings", "http", "names"), [
    (Settings("", SECRET, "", DEFAULT_API_URL), True, "SLACK_BOT_TOKEN"),
    (Settings("xoxp-user-token", SECRET, "", DEFAULT_API_URL), True, "SLACK_BOT_TOKEN"),
    (Settings("xoxb-1", "", "", DEFAULT_API_URL), True, "SLACK_SIGNING_SECRET"),
    (Settings("xoxb-1", "not hex at all!", "", DEFAULT_API_URL), True, "SLACK_SIGNING_SECRET"),
    (Settings("xoxb-1", "", "", DEFAULT_API_URL), False, "SLACK_APP_TOKEN"),
    (Settings("xoxb-1", "", "xoxb-wrong", DEFAULT_API_URL), False, "SLACK_APP_TOKEN"),
    (Settings("xoxb-1", SECRET, "", "ftp://slack.example/"), True, "SLACK_API_URL"),
])
def test_config_errors_are_one_clear_line(settings: Settings, http: bool, names: str) -> None:
    with pytest.raises(ConfigError) as error:
        validate(settings, http=http)
    message = str(error.value)
    assert names in message and "\n" not in message and len(message) < 200


def test_valid_settings_pass() -> None:
    validate(Settings("xoxb-1", SECRET, "", DEFAULT_API_URL), http=True)
    validate(Settings("xoxb-1", "", "xapp-1", DEFAULT_API_URL), http=False)


def test_settings_from_env_and_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_API_URL=http://127.0.0.1:1234/api\n")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-env")
    settings = load_settings(str(env_file))
    assert settings.bot_token == "xoxb-from-env"  # the environment wins over .env
    assert settings.api_url == "http://127.0.0.1:1234/api/"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(extra)
    return env


@pytest.mark.parametrize(("env", "mentions"), [
    ({}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "not-a-token"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "zz"}, "SLACK_SIGNING_SECRET"),
])
def test_serve_http_with_bad_settings_prints_one_line(tmp_path: Path, env: dict[str, str], mentions: str) -> None:
    result = subprocess.run([*PYFRAMEWORK, "serve", "--http", "--port", "1"], cwd=tmp_path, env=clean_env(**env),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pyframework:") and mentions in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("name, value, said", [
    ("PYFRAMEWORK_LEASE_SECONDS", "soon", "must be a number of seconds between 0 and 3600, got 'soon'"),
    ("PYFRAMEWORK_HEADER_TIMEOUT", "0", "must be a number of seconds between 0 and 3600, got '0'"),
    ("PYFRAMEWORK_MAX_CONNECTIONS", "-5", "must be a whole number between 1 and 1000000, got '-5'"),
])
def test_a_malformed_number_setting_is_one_clear_line(tmp_path: Path, name: str, value: str, said: str) -> None:
    env = clean_env(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SECRET, **{name: value})
    result = subprocess.run([*PYFRAMEWORK, "serve", "--http", "--port", "1"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.strip()] == [f"pyframework: {name} {said}"]


def test_serve_http_with_a_refused_token_prints_one_line(tmp_path: Path, fake: FakeSlack) -> None:
    fake.fail_next("auth.test", 200, {"ok": False, "error": "invalid_auth"})
    env = clean_env(SLACK_BOT_TOKEN="xoxb-revoked", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url + "/api/")
    try:
        result = subprocess.run([*PYFRAMEWORK, "serve", "--http", "--host", "127.0.0.1", "--port", "1"],
                                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30)
    finally:
        fake.failures.pop("auth.test", None)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("pyframework:")]
    assert len(errors) == 1 and "invalid_auth" in errors[0]
    assert "xoxb-revoked" not in result.stderr


def test_run_without_tokens_answers_in_the_console(tmp_path: Path) -> None:
    result = subprocess.run([*PYFRAMEWORK, "run"], cwd=tmp_path, env=clean_env(), input="flask vs django\nquit\n",
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Flask" in result.stdout and "Django" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_command_that_breaks_gets_a_friendly_reply() -> None:
    """Even a bug in the engine answers the person, never Slack's bare 'dispatch_failed'."""
    engine = MagicMock()
    engine.understand.side_effect = RuntimeError("boom")
    ack = AsyncMock()
    run(recorded(commands, fake_services(engine)).find("command", "/pyframework").ack(
        ack=ack, command={"text": "flask vs django"}))
    ack.assert_awaited_once()
    assert acked(ack) == {"response_type": "ephemeral", "text": SORRY}


def test_a_mention_that_breaks_still_gets_a_reply_in_its_thread() -> None:
    engine = MagicMock()
    engine.understand.side_effect = RuntimeError("boom")
    client = thread_client([])
    services = fake_services(engine, client)
    recorded(events, services)
    run_job(services, THREAD_ANSWER, events.thread_job({**MENTION, "ts": "2.2", "thread_ts": "1.1"}, "mention"))
    client.chat_postMessage.assert_awaited_once()
    post = client.chat_postMessage.call_args.kwargs
    assert (post["text"], post["channel"], post["thread_ts"]) == (SORRY, "C1", "1.1")
