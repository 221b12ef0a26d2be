"""Unit tests of each Slack listener, the way Slack's bolt-python templates test theirs.

Listeners are registered on a recorder standing in for Bolt's App and called directly with mocked
`ack`, `respond` and `client`; the assistant and the middleware are exercised through the real Bolt
app in process (signed BoltRequests, Web API on a local fake). Configuration errors and the console
fallback run the real command line in a subprocess.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock
from urllib.error import URLError
from urllib.parse import urlencode

import pytest
from commands import PYFRAMEWORK
from fake_slack import BOT_USER_ID, FakeSlack
from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

from bot.config import DEFAULT_API_URL, ConfigError, Settings, load_settings, validate
from bot.engine import Engine, default_engine
from bot.slack import app as slack_app
from bot.slack.listeners import actions, assistant, commands, events, views
from bot.slack.listeners.actions import STALE_BUTTON
from bot.slack.listeners.events import UNREAD_THREAD_NOTE, is_direct_question
from bot.slack.replies import decision_message, details_message, message_for, with_share_button

ROOT = Path(__file__).resolve().parent.parent
SECRET = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def engine_() -> Engine:
    return default_engine()


# --------------------------------------------------------------------------- a recorder standing in for App


@dataclass
class Registration:
    kind: str
    key: Any
    ack: Callable[..., Any] | None
    lazy: list[Callable[..., Any]] = field(default_factory=list)
    matchers: list[Callable[..., Any]] = field(default_factory=list)


class Recorder:
    """Records what `register(app, engine)` registers: `app.command(...)`, `app.action(...)`, `app.event(...)`."""

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

    def find(self, kind: str, key: Any, *, lazy: bool | None = None) -> Registration:
        def matches(registered: Any) -> bool:  # Bolt accepts a string or a compiled pattern
            return registered == key or (hasattr(registered, "fullmatch") and bool(registered.fullmatch(key)))

        found = [r for r in self.registrations if r.kind == kind and matches(r.key)
                 and (lazy is None or bool(r.lazy) == lazy)]
        assert found, f"no {kind} listener for {key!r} in {self.registrations!r}"
        return found[0]


def recorded(module: Any, engine: Engine) -> Recorder:
    recorder = Recorder()
    module.register(recorder, engine)
    return recorder


def ok(data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"ok": True, **(data or {})}


def api_error(error: str) -> SlackApiError:
    return SlackApiError(f"The request to the Slack API failed. ({error})", {"ok": False, "error": error})


def context() -> BoltContext:
    return BoltContext({"bot_user_id": BOT_USER_ID, "channel_id": "C1", "user_id": "U1"})


def button_ids(message: dict[str, Any]) -> list[str]:
    ids = []
    for block in message["blocks"]:
        if block["type"] == "actions":
            ids += [e["action_id"] for e in block["elements"]]
        if block.get("accessory"):
            ids.append(block["accessory"]["action_id"])
    return ids


# --------------------------------------------------------------------------- commands


def test_command_acks_with_the_answer(engine_: Engine) -> None:
    listener = recorded(commands, engine_).find("command", "/pyframework")
    ack = MagicMock()
    listener.ack(ack=ack, command={"text": "flask vs django", "user_id": "U1", "channel_id": "C1"})
    ack.assert_called_once()
    kwargs = ack.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral"
    assert "Flask" in kwargs["text"] and "Django" in kwargs["text"]
    assert any(b["type"] == "table" for b in kwargs["blocks"])
    assert "share_in_channel" in button_ids(kwargs)
    assert not listener.lazy  # the answer travels with the acknowledgement: no Web API call


@pytest.mark.parametrize("text", ["", "help", "what's the weather in Lisbon?"])
def test_command_help_and_unknown_have_no_share_button(engine_: Engine, text: str) -> None:
    ack = MagicMock()
    recorded(commands, engine_).find("command", "/pyframework").ack(ack=ack, command={"text": text})
    kwargs = ack.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral" and kwargs["text"] and kwargs["blocks"]
    assert "share_in_channel" not in button_ids(kwargs)


# --------------------------------------------------------------------------- events: mentions and DMs


def test_event_listeners_acknowledge_at_once(engine_: Engine) -> None:
    recorder = recorded(events, engine_)
    for registration in recorder.registrations:
        ack = MagicMock()
        registration.ack(ack=ack)
        ack.assert_called_once_with()
    assert recorder.find("event", "app_mention").lazy
    assert recorder.find("event", "message", lazy=True).lazy


def test_mention_in_thread_posts_lazily_in_the_thread_with_its_needs(engine_: Engine) -> None:
    answer_mention = recorded(events, engine_).find("event", "app_mention").lazy[0]
    client = MagicMock()
    client.conversations_replies.return_value = ok({"messages": [
        {"user": "U2", "text": "we need thousands of websocket connections", "ts": "1.1"},
        {"user": BOT_USER_ID, "text": "an earlier answer about django", "ts": "1.2", "thread_ts": "1.1"},
        {"user": "U1", "text": f"<@{BOT_USER_ID}> what would you recommend?", "ts": "1.3", "thread_ts": "1.1"},
    ]})
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> what would you recommend?",
             "ts": "1.3", "thread_ts": "1.1", "channel": "C1"}
    answer_mention(client=client, context=context(), event=event)
    client.conversations_replies.assert_called_once()
    assert client.conversations_replies.call_args.kwargs["ts"] == "1.1"
    client.chat_postMessage.assert_called_once()
    post = client.chat_postMessage.call_args.kwargs
    assert post["channel"] == "C1" and post["thread_ts"] == "1.1"
    assert "Picked up from the discussion" in post["text"] and "WebSockets" in post["text"]


def test_top_level_mention_needs_no_thread_and_answers_under_itself(engine_: Engine) -> None:
    answer_mention = recorded(events, engine_).find("event", "app_mention").lazy[0]
    client = MagicMock()
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> django vs flask", "ts": "2.1",
             "channel": "C1"}
    answer_mention(client=client, context=context(), event=event)
    client.conversations_replies.assert_not_called()
    assert client.chat_postMessage.call_args.kwargs["thread_ts"] == "2.1"


def test_mention_from_a_bot_is_not_answered(engine_: Engine) -> None:
    answer_mention = recorded(events, engine_).find("event", "app_mention").lazy[0]
    client = MagicMock()
    answer_mention(client=client, context=context(),
                   event={"type": "app_mention", "bot_id": "B2", "user": "U9", "text": "<@UBOT> flask vs django",
                          "ts": "3.1", "channel": "C1"})
    client.chat_postMessage.assert_not_called()


def test_unreadable_thread_still_answered_with_a_note(engine_: Engine) -> None:
    answer_mention = recorded(events, engine_).find("event", "app_mention").lazy[0]
    client = MagicMock()
    client.conversations_replies.side_effect = api_error("not_in_channel")
    answer_mention(client=client, context=context(),
                   event={"type": "app_mention", "user": "U1", "text": "<@UBOT> flask vs django", "ts": "4.2",
                          "thread_ts": "4.1", "channel": "C1"})
    post = client.chat_postMessage.call_args.kwargs
    assert post["thread_ts"] == "4.1"
    assert post["blocks"][0]["elements"][0]["text"] == UNREAD_THREAD_NOTE
    assert "Flask" in post["text"]


def test_failed_delivery_tells_the_user(engine_: Engine) -> None:
    answer_mention = recorded(events, engine_).find("event", "app_mention").lazy[0]
    client = MagicMock()
    client.chat_postMessage.side_effect = [api_error("msg_too_long"), ok()]
    answer_mention(client=client, context=context(),
                   event={"type": "app_mention", "user": "U1", "text": "<@UBOT> flask vs django", "ts": "5.1",
                          "channel": "C1"})
    assert client.chat_postMessage.call_count == 2
    notice = client.chat_postMessage.call_args.kwargs
    assert notice["thread_ts"] == "5.1" and "msg_too_long" in notice["text"] and "try again" in notice["text"]


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
    registration = recorded(events, engine_).find("event", "message", lazy=True)
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "flask or bottle for a tiny app",
             "ts": "6.1", "channel": "D1"}
    assert all(matcher(event) for matcher in registration.matchers)
    client = MagicMock()
    registration.lazy[0](client=client, context=context(), event=event)
    post = client.chat_postMessage.call_args.kwargs
    assert post["channel"] == "D1"
    assert "Flask" in post["text"] and "Bottle" in post["text"]


# --------------------------------------------------------------------------- actions


def click_body(value: str, user: str = "U1") -> dict[str, Any]:
    return {"type": "block_actions", "user": {"id": user}, "actions": [{"value": value}]}


@pytest.mark.parametrize("action_id",
                         ["share_in_channel", "compare_top_two", "details", "decision_record", "open_docs"])
def test_buttons_are_acknowledged(engine_: Engine, action_id: str) -> None:
    ack = MagicMock()
    recorded(actions, engine_).find("action", action_id).ack(ack=ack)
    ack.assert_called_once_with()


def test_details_responds_ephemeral(engine_: Engine) -> None:
    details = recorded(actions, engine_).find("action", "details").lazy[0]
    respond = MagicMock()
    details(body=click_body("django"), respond=respond)
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral" and kwargs["replace_original"] is False
    assert kwargs["blocks"][0]["type"] == "header" and kwargs["blocks"][0]["text"]["text"] == "Django"


def test_compare_top_two_responds_with_a_table(engine_: Engine) -> None:
    compare = recorded(actions, engine_).find("action", "compare_top_two").lazy[0]
    respond = MagicMock()
    compare(body=click_body("fastapi,litestar"), respond=respond)
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral"
    assert "FastAPI vs Litestar" in kwargs["text"]
    assert any(b["type"] == "table" for b in kwargs["blocks"])


def test_decision_record_responds_with_markdown(engine_: Engine) -> None:
    token = engine_.answer("we need a REST API with auth and Swagger docs").question.to_token()
    decision = recorded(actions, engine_).find("action", "decision_record").lazy[0]
    respond = MagicMock()
    decision(body=click_body(token), respond=respond)
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral"
    assert kwargs["text"].startswith("# ADR: Use ")
    assert all(len(b["text"]["text"]) <= 3000 for b in kwargs["blocks"])


def test_share_posts_in_channel_then_deletes_the_ephemeral(engine_: Engine) -> None:
    token = engine_.answer("flask vs django").question.to_token()
    share = recorded(actions, engine_).find("action", "share_in_channel").lazy[0]
    respond = MagicMock()
    share(body=click_body(token, user="U5"), respond=respond)
    first, second = respond.call_args_list
    assert first.kwargs["response_type"] == "in_channel" and first.kwargs["replace_original"] is False
    assert "Shared by <@U5>" in json.dumps(first.kwargs["blocks"])
    assert second.kwargs == {"delete_original": True}


@pytest.mark.parametrize(("action_id", "value"), [
    ("share_in_channel", "not a token"), ("decision_record", '{"i":"recommend","f":["no-such-framework"]}'),
    ("details", "no-such-framework"), ("compare_top_two", "django"),
])
def test_stale_buttons_say_so_and_never_delete(engine_: Engine, action_id: str, value: str) -> None:
    listener = recorded(actions, engine_).find("action", action_id).lazy[0]
    respond = MagicMock()
    listener(body=click_body(value), respond=respond)
    respond.assert_called_once()
    assert respond.call_args.kwargs["text"] == STALE_BUTTON
    assert respond.call_args.kwargs["response_type"] == "ephemeral"


def test_failed_share_keeps_the_ephemeral_and_tells_only_the_clicker(engine_: Engine) -> None:
    """If the in-channel post fails, the person who clicked is told privately and keeps their copy."""
    token = engine_.answer("flask vs django").question.to_token()
    share = recorded(actions, engine_).find("action", "share_in_channel").lazy[0]
    respond = MagicMock(side_effect=[URLError("timed out"), None, None])  # after the client's retries
    share(body=click_body(token), respond=respond)
    later = respond.call_args_list[1:]
    assert not [c for c in later if c.kwargs.get("delete_original")]
    assert later and all(c.kwargs.get("response_type") == "ephemeral" for c in later), \
        [c.kwargs.get("response_type") for c in later]


# --------------------------------------------------------------------------- App Home


def test_app_home_publishes_the_catalog(engine_: Engine) -> None:
    publish_home = recorded(views, engine_).find("event", "app_home_opened").lazy[0]
    client = MagicMock()
    publish_home(client=client, event={"type": "app_home_opened", "user": "U1", "tab": "home"})
    client.views_publish.assert_called_once()
    kwargs = client.views_publish.call_args.kwargs
    assert kwargs["user_id"] == "U1" and kwargs["view"]["type"] == "home"
    text = json.dumps(kwargs["view"])
    assert all(fw.name in text for fw in engine_.kb.frameworks.values())
    assert len(kwargs["view"]["blocks"]) <= 100


def test_app_home_messages_tab_publishes_nothing(engine_: Engine) -> None:
    publish_home = recorded(views, engine_).find("event", "app_home_opened").lazy[0]
    client = MagicMock()
    publish_home(client=client, event={"type": "app_home_opened", "user": "U1", "tab": "messages"})
    client.views_publish.assert_not_called()


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


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def bolt(fake: FakeSlack, engine_: Engine) -> App:
    settings = Settings("xoxb-unit", SECRET, "", fake.url + "/api/")
    client = WebClient(token=settings.bot_token, base_url=settings.api_url)
    return slack_app.build_app(settings, engine_, client=client, token_verification=False)


def dispatch(app: App, body: str, content_type: str, headers: dict[str, str] | None = None) -> BoltResponse:
    timestamp = str(int(time.time()))
    signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return app.dispatch(BoltRequest(body=body, headers={
        "content-type": content_type, "x-slack-signature": signature, "x-slack-request-timestamp": timestamp,
        **(headers or {})}))


def dispatch_event(app: App, event: dict[str, Any], headers: dict[str, str] | None = None) -> BoltResponse:
    body = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": event,
            "event_id": f"Ev{time.monotonic_ns()}", "event_time": int(time.time())}
    return dispatch(app, json.dumps(body), "application/json", headers)


def in_channel(channel: str) -> Callable[[dict[str, Any]], bool]:
    return lambda args: args.get("channel") == channel or args.get("channel_id") == channel


def test_app_command_acks_with_blocks(bolt: App) -> None:
    body = urlencode({"command": "/pyframework", "text": "django vs flask", "user_id": "U1", "channel_id": "C1",
                      "team_id": "T1", "response_url": "https://example.invalid/r", "trigger_id": "t"})
    response = dispatch(bolt, body, "application/x-www-form-urlencoded")
    assert response.status == 200
    message = json.loads(response.body)
    assert message["response_type"] == "ephemeral" and any(b["type"] == "table" for b in message["blocks"])


def test_app_refuses_a_bad_signature(bolt: App) -> None:
    response = bolt.dispatch(BoltRequest(body="command=%2Fpyframework&text=help", headers={
        "content-type": "application/x-www-form-urlencoded", "x-slack-signature": "v0=00",
        "x-slack-request-timestamp": str(int(time.time()))}))
    assert response.status == 401


def test_app_skips_retried_deliveries(bolt: App, fake: FakeSlack) -> None:
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> flask vs django", "ts": "7.1", "channel": "CR"}
    response = dispatch_event(bolt, event, {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"})
    assert response.status == 200
    dispatch_event(bolt, {**event, "channel": "CR2"})
    fake.wait_for("chat.postMessage", where=in_channel("CR2"))
    assert fake.calls_to("chat.postMessage", where=in_channel("CR")) == []


def test_assistant_thread_started(bolt: App, fake: FakeSlack) -> None:
    event = {"type": "assistant_thread_started", "event_ts": "8.2",
             "assistant_thread": {"user_id": "U1", "channel_id": "DA1", "thread_ts": "8.1",
                                  "context": {"channel_id": "C1", "team_id": "T1"}}}
    assert dispatch_event(bolt, event).status == 200
    (greeting,) = fake.wait_for("chat.postMessage", where=in_channel("DA1"))
    assert greeting["thread_ts"] == "8.1" and greeting["text"] == assistant.GREETING
    (prompts,) = fake.wait_for("assistant.threads.setSuggestedPrompts", where=in_channel("DA1"))
    assert [p["message"] for p in prompts["prompts"]] == [p["message"] for p in assistant.PROMPTS]


def test_assistant_answers_in_the_thread_with_a_status(bolt: App, fake: FakeSlack) -> None:
    fake.threads[("DA2", "9.1")] = [
        {"user": "U1", "text": "we are building a typed JSON API", "ts": "9.1"},
        {"user": "U1", "text": "and it needs websockets", "ts": "9.2", "thread_ts": "9.1"},
    ]
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "and it needs websockets",
             "ts": "9.2", "thread_ts": "9.1", "channel": "DA2"}
    assert dispatch_event(bolt, event).status == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel("DA2"))
    assert post["thread_ts"] == "9.1"
    assert "Picked up from the discussion" in post["text"]
    assert fake.calls_to("assistant.threads.setStatus", where=in_channel("DA2"))


def test_app_home_through_bolt(bolt: App, fake: FakeSlack) -> None:
    event = {"type": "app_home_opened", "user": "UH1", "tab": "home", "channel": "DH1"}
    assert dispatch_event(bolt, event).status == 200
    (publish,) = fake.wait_for("views.publish", where=lambda a: a.get("user_id") == "UH1")
    assert publish["view"]["type"] == "home"


def test_request_kind_names_each_request() -> None:
    assert slack_app.request_kind({"command": "/pyframework"}) == "command:/pyframework"
    assert slack_app.request_kind({"type": "event_callback", "event": {"type": "app_mention"}}) == "event:app_mention"
    assert slack_app.request_kind({"type": "block_actions", "actions": [{"action_id": "details"}]}) == "action:details"
    assert slack_app.request_kind({}) == "unknown"


def test_web_client_retries_rate_limits_and_server_errors() -> None:
    client = slack_app.web_client(Settings("xoxb-1", SECRET, "", "http://127.0.0.1:9/api/"))
    kinds = {type(h) for h in client.retry_handlers}
    assert {RateLimitErrorRetryHandler, ServerErrorRetryHandler} <= kinds
    assert client.base_url == "http://127.0.0.1:9/api/"


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
    from bot.slack.listeners import commands
    from bot.slack.replies import SORRY

    recorder = Recorder()
    engine = MagicMock()
    engine.understand.side_effect = RuntimeError("boom")
    commands.register(recorder, engine)
    ack = MagicMock()
    recorder.find("command", "/pyframework").ack(ack=ack, command={"text": "flask vs django"})
    ack.assert_called_once_with(response_type="ephemeral", text=SORRY)


def test_a_mention_that_breaks_still_gets_a_reply_in_its_thread() -> None:
    from bot.slack.listeners.events import answer_in_thread
    from bot.slack.replies import SORRY

    engine = MagicMock()
    engine.understand.side_effect = RuntimeError("boom")
    client = MagicMock()
    client.conversations_replies.return_value = {"messages": []}
    context = MagicMock(bot_user_id="UBOT")
    answer_in_thread(engine, client, context, {"channel": "C1", "ts": "2.2", "thread_ts": "1.1", "text": "x"},
                     "mention")
    client.chat_postMessage.assert_called_once_with(text=SORRY, channel="C1", thread_ts="1.1")
