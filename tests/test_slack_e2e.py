"""End to end: the real app (`pyframework serve --http`, uvicorn, 2 workers) on 127.0.0.1, Slack's Web API faked.

Requests are signed with the signing secret exactly as Slack signs them; every assertion is about what
a person in Slack would see (the ephemeral answer, the message in the thread, the App Home) or about
what must never happen (a second reply, a Web API call for a forged request, a live @channel).
Replies to events and button clicks arrive asynchronously, so tests wait on the fake's calls (an
event with a deadline), never on a clock.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fake_slack import BOT_ID, BOT_USER_ID, FakeSlack
from slack_rules import answered, assert_slack_accepts
from slackhttp import (
    BOT_TOKEN,
    KB,
    SIGNING_SECRET,
    Server,
    at_path,
    barrier,
    block_texts,
    blocks_of,
    buttons,
    calls_about,
    click,
    command_body,
    direct_message,
    event_body,
    http_request,
    in_channel,
    markdown_of,
    mention,
    new_response_url,
    new_ts,
    post_signed,
    send_command,
    send_event,
    start_server,
    stop_server,
    table_rows,
    top_pick,
    unique,
)

from bot.slack.delivery import NOT_CONFIRMED, POST_ATTEMPTS

# --------------------------------------------------------------------------- the server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    fake = FakeSlack().start()
    workdir = tmp_path_factory.mktemp("serve")  # no .env here: settings come from the environment
    srv = None
    try:
        srv = start_server(fake, workdir, workers=2)
        yield srv
    finally:
        if srv is not None:
            stop_server(srv)
        fake.stop()


@pytest.fixture
def fake(server: Server) -> FakeSlack:
    return server.fake


# --------------------------------------------------------------------------- slash command


def test_command_comparison_is_ephemeral_table_with_share_button(server: Server) -> None:
    status, answer = send_command(server, "flask vs django")
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert "table" not in [b["type"] for b in answer["blocks"]]  # Slack wants it in the attachments
    share = buttons(answer)["share_in_channel"]
    assert share["text"]["text"] == "Share in channel"
    assert "Flask" in answer["text"] and "Django" in answer["text"]  # plain-text fallback for notifications
    assert table_rows(answer)[0] == ["Feature", "Flask", "Django"]


def test_command_without_text_is_help(server: Server) -> None:
    status, answer = send_command(server, "")
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert "helps you choose a Python web framework" in block_texts(answer)
    assert answer["text"].startswith("How to use pyframework")
    assert "share_in_channel" not in buttons(answer)


def test_command_list_names_every_framework(server: Server) -> None:
    status, answer = send_command(server, "list")
    assert status == 200
    readable = answer["text"] + block_texts(answer)
    missing = [fw.name for fw in KB.frameworks.values() if fw.name not in readable]
    assert not missing


def test_command_nonsense_gets_a_friendly_answer(server: Server) -> None:
    status, answer = send_command(server, "what's the weather like in Lisbon tomorrow?")
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert "not sure that's a question about Python web frameworks" in answer["text"]
    assert "went wrong" not in answer["text"]


# --------------------------------------------------------------------------- mentions and DMs


def test_mention_in_thread_reads_the_discussion(server: Server, fake: FakeSlack) -> None:
    channel, root = unique("C"), new_ts()
    mention_ts = new_ts()
    fake.threads[(channel, root)] = [
        {"type": "message", "user": "U2", "text": "we need thousands of websocket connections", "ts": root},
        {"type": "message", "user": "U3", "text": "they stay open for hours, and users must log in", "ts": new_ts(),
         "thread_ts": root},
        {"type": "message", "bot_id": "B99", "subtype": "bot_message", "text": "deploy of flask app finished",
         "ts": new_ts(), "thread_ts": root},
        {"type": "message", "user": "U1", "text": f"<@{BOT_USER_ID}> what would you recommend?", "ts": mention_ts,
         "thread_ts": root},
    ]
    assert send_event(server, mention(channel, "what would you recommend?", ts=mention_ts, thread_ts=root)) == 200

    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == root
    question = answered(post, KB)
    assert "websockets" in question.from_discussion and "auth" in question.from_discussion
    assert top_pick(post["text"]).async_support == "native"
    replies = fake.calls_to("conversations.replies", where=in_channel(channel))
    assert replies and replies[0]["ts"] == root


def test_top_level_mention_answered_in_its_own_thread(server: Server, fake: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()
    assert send_event(server, mention(channel, "django vs fastapi", ts=ts)) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == ts
    assert "Django" in post["text"] and "FastAPI" in post["text"]
    assert table_rows(post)[0] == ["Feature", "Django", "FastAPI"]


@pytest.fixture
def old_slack(fake: FakeSlack) -> Iterator[FakeSlack]:
    """A Slack that refuses the blocks added since 2025 (tables, charts, markdown, feedback buttons)."""
    fake.refuse_newer_blocks = True
    try:
        yield fake
    finally:
        fake.refuse_newer_blocks = False


def test_a_mention_is_answered_in_classic_blocks_where_slack_refuses_the_newer_ones(
        server: Server, old_slack: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()
    assert send_event(server, mention(channel, "django vs fastapi", ts=ts)) == 200
    refused, answered_ = old_slack.wait_for("chat.postMessage", 2, where=in_channel(channel))
    assert json.loads(refused["attachments"]) if isinstance(refused["attachments"], str) else refused["attachments"]
    assert "attachments" not in answered_ and "context_actions" not in json.dumps(blocks_of(answered_))
    readable = block_texts(answered_)
    assert readable.startswith("*Django vs FastAPI*") and "Admin interface" in readable  # the table, as lines
    assert len(old_slack.posts_in(channel, ts)) == 1  # one answer in the thread, no notice


def test_a_details_reply_is_sent_in_classic_blocks_where_slack_refuses_the_newer_ones(
        server: Server, old_slack: FakeSlack) -> None:
    status, answer = send_command(server, "we need a REST API with auth and Swagger docs, team of 5")
    assert status == 200
    url, path = new_response_url(server)
    assert click(server, "answer_details", buttons(answer)["answer_details"]["value"], url) == 200
    refused, reply = old_slack.wait_for("response_url", 2, where=at_path(path))
    assert "data_visualization" in json.dumps(refused["blocks"])
    assert "How I ranked them" in block_texts(reply) and "data_visualization" not in json.dumps(reply["blocks"])


def test_a_ranking_details_reply_has_its_table_and_chart(server: Server, fake: FakeSlack) -> None:
    status, answer = send_command(server, "we need a REST API with auth and Swagger docs, team of 5")
    url, path = new_response_url(server)
    assert click(server, "answer_details", buttons(answer)["answer_details"]["value"], url) == 200
    (reply,) = fake.wait_for("response_url", where=at_path(path))
    assert table_rows(reply)[0] == ["Framework", "Fit", "Why", "Watch out"]
    assert [b["type"] for b in reply["blocks"]].count("data_visualization") == 1


def test_mention_and_its_message_event_answered_once(server: Server, fake: FakeSlack) -> None:
    """Slack delivers a mention both as app_mention and as a channel message event."""
    channel, ts = unique("C"), new_ts()
    text = f"<@{BOT_USER_ID}> flask vs bottle"
    assert send_event(server, mention(channel, "flask vs bottle", ts=ts)) == 200
    assert send_event(server, {"type": "message", "channel_type": "channel", "channel": channel, "user": "U1",
                               "text": text, "ts": ts, "event_ts": ts}) == 200
    fake.wait_for("chat.postMessage", where=in_channel(channel))
    barrier(server)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 1


def test_direct_message_answered_in_the_dm(server: Server, fake: FakeSlack) -> None:
    channel = unique("D")
    assert send_event(server, direct_message(channel, "a REST API with auth and swagger docs")) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["channel"] == channel
    assert "My pick:" in post["text"]


def test_dm_thread_follow_up_refines_with_the_thread(server: Server, fake: FakeSlack) -> None:
    channel, root, follow_ts = unique("D"), new_ts(), new_ts()
    fake.threads[(channel, root)] = [
        {"type": "message", "user": "U1", "text": "flask or bottle for a tiny app", "ts": root},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "Flask vs Bottle ...", "ts": new_ts(),
         "thread_ts": root},
        {"type": "message", "user": "U1", "text": "and it must have an admin", "ts": follow_ts, "thread_ts": root},
    ]
    event = direct_message(channel, "and it must have an admin", ts=follow_ts, thread_ts=root)
    assert send_event(server, event) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == root
    assert answered(post, KB).shortlist == ("flask", "bottle")  # the thread's question, refined
    assert "Flask" in post["text"] and "Bottle" in post["text"]
    assert "admin" in post["text"].lower()
    assert any(r["ts"] == root for r in fake.calls_to("conversations.replies", where=in_channel(channel)))


def test_mention_in_an_unreadable_thread_still_answered(server: Server, fake: FakeSlack) -> None:
    fake.fail_next("conversations.replies", 200, {"ok": False, "error": "not_in_channel"})
    channel, root = unique("C"), new_ts()
    assert send_event(server, mention(channel, "flask vs django", thread_ts=root)) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == root
    assert "couldn't read the rest of this thread" in block_texts(post)
    assert "Flask" in post["text"] and "Django" in post["text"]


# --------------------------------------------------------------------------- manners


def test_retried_delivery_is_not_answered_twice(server: Server, fake: FakeSlack) -> None:
    channel, ts, event_id = unique("C"), new_ts(), unique("EvRetry")
    event = mention(channel, "django vs pyramid", ts=ts)
    assert send_event(server, event, event_id=event_id) == 200
    fake.wait_for("chat.postMessage", where=in_channel(channel))
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert send_event(server, event, event_id=event_id, extra_headers=retry) == 200
    barrier(server)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 1


def test_forged_signature_is_refused_without_web_api_calls(server: Server, fake: FakeSlack) -> None:
    channel = unique("C")
    body = event_body(mention(channel, "django vs flask"))
    status, _, _ = post_signed(server, body, "application/json", secret="0" * 32)
    assert status == 401
    status, _, _ = post_signed(server, command_body("flask vs django", channel=channel),
                               "application/x-www-form-urlencoded", signature="v0=" + "ab" * 32)
    assert status == 401
    barrier(server)
    assert calls_about(fake, {channel}) == []


def test_stale_timestamp_is_refused_without_web_api_calls(server: Server, fake: FakeSlack) -> None:
    channel = unique("C")
    body = event_body(mention(channel, "django vs flask"))
    ten_minutes_ago = str(int(time.time()) - 600)
    status, _, _ = post_signed(server, body, "application/json", timestamp=ten_minutes_ago)
    assert status == 401
    barrier(server)
    assert calls_about(fake, {channel}) == []


def test_bots_edits_deletions_and_itself_are_never_answered(server: Server, fake: FakeSlack) -> None:
    channels = {name: unique("D") for name in ("bot", "bot_no_subtype", "changed", "deleted", "self", "bot_thread")}
    mention_channel = unique("C")
    question = "flask vs django"
    events = [
        direct_message(channels["bot"], question, user=None, bot_id="B42", subtype="bot_message"),
        direct_message(channels["bot_no_subtype"], question, user="U42", bot_id="B42"),
        {"type": "message", "subtype": "message_changed", "channel": channels["changed"], "channel_type": "im",
         "hidden": True, "ts": new_ts(), "event_ts": new_ts(),
         "message": {"type": "message", "user": "U1", "text": question, "ts": new_ts(), "edited": {"user": "U1"}},
         "previous_message": {"type": "message", "user": "U1", "text": "flask vs djnago", "ts": new_ts()}},
        {"type": "message", "subtype": "message_deleted", "channel": channels["deleted"], "channel_type": "im",
         "hidden": True, "ts": new_ts(), "event_ts": new_ts(), "deleted_ts": new_ts(),
         "previous_message": {"type": "message", "user": "U1", "text": question, "ts": new_ts()}},
        direct_message(channels["self"], question, user=BOT_USER_ID),
        direct_message(channels["bot_thread"], question, user="U42", bot_id="B42", thread_ts=new_ts()),
        mention(mention_channel, question, user="U42", bot_id="B42"),
    ]
    for event in events:
        if event.get("user") is None:
            event.pop("user", None)
        assert send_event(server, event) == 200
    barrier(server)
    assert calls_about(fake, {*channels.values(), mention_channel}) == []


# --------------------------------------------------------------------------- buttons


def test_details_button(server: Server, fake: FakeSlack) -> None:
    url, path = new_response_url(server)
    assert click(server, "details", "django", url) == 200
    (reply,) = fake.wait_for("response_url", where=at_path(path))
    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is False
    assert blocks_of(reply)[0]["text"]["text"].startswith("*Django* — ")
    assert "Strengths" in block_texts(reply)  # the whole card
    assert "Django" in reply["text"]


def test_compare_top_two_button(server: Server, fake: FakeSlack) -> None:
    url, path = new_response_url(server)
    assert click(server, "compare_top_two", "fastapi,litestar", url) == 200
    (reply,) = fake.wait_for("response_url", where=at_path(path))
    assert reply["response_type"] == "ephemeral"
    assert "FastAPI vs Litestar" in reply["text"]
    assert table_rows(reply)[0] == ["Feature", "FastAPI", "Litestar"]


def test_decision_record_button_from_a_real_answer(server: Server, fake: FakeSlack) -> None:
    status, answer = send_command(server, "we need a REST API with auth and Swagger docs, team of 5")
    assert status == 200
    chosen = top_pick(answer["text"])
    token = buttons(answer)["decision_record"]["value"]
    url, path = new_response_url(server)
    assert click(server, "decision_record", token, url) == 200
    (reply,) = fake.wait_for("response_url", where=at_path(path))
    assert reply["response_type"] == "ephemeral"
    record = markdown_of(reply)
    assert record.splitlines()[0].startswith("# ADR: ") and chosen.name in record.splitlines()[0]
    for section in ("## Context", "## Options considered", "## Decision", "## Consequences", "## Sources"):
        assert section in record
    assert "```" not in record and "the decision is the team's" in record


def test_share_in_channel_posts_for_everyone_then_deletes_the_ephemeral(server: Server, fake: FakeSlack) -> None:
    status, answer = send_command(server, "flask vs django")
    assert status == 200
    token = buttons(answer)["share_in_channel"]["value"]
    url, path = new_response_url(server)
    assert click(server, "share_in_channel", token, url, user="U777") == 200
    shared, deleted = fake.wait_for("response_url", 2, where=at_path(path))
    assert shared["response_type"] == "in_channel"
    assert shared.get("replace_original") is False
    assert "Flask" in shared["text"] and "Django" in shared["text"]
    assert blocks_of(shared)[0]["elements"][0]["text"] == "<@U777> asked: “flask vs django” (via /pyframework)"
    assert table_rows(shared)[0] == ["Feature", "Flask", "Django"]
    assert deleted.get("delete_original") is True


SHAREABLE = ["something like flask but async", "list micro", "does bottle support templates?",
             "we need a REST API with auth and Swagger docs, team of 5"]


@pytest.mark.parametrize("question", SHAREABLE)
def test_share_posts_the_answer_the_user_saw(server: Server, fake: FakeSlack, question: str) -> None:
    """Buttons carry the question, not state; re-answering it must give what was on screen."""
    status, answer = send_command(server, question)
    assert status == 200
    token = buttons(answer)["share_in_channel"]["value"]
    url, path = new_response_url(server)
    assert click(server, "share_in_channel", token, url) == 200
    shared = fake.wait_for("response_url", where=at_path(path))[0]
    assert shared["text"] == answer["text"], (
        f"saw: {answer['text'].splitlines()[0]!r}; shared: {shared['text'].splitlines()[0]!r}")


@pytest.mark.parametrize("question", ["something like flask but async", "alternatives to django for an API",
                                      "we need a REST API with auth and Swagger docs, team of 5"])
def test_decision_record_decides_for_the_answers_pick(server: Server, fake: FakeSlack, question: str) -> None:
    status, answer = send_command(server, question)
    assert status == 200
    chosen = top_pick(answer["text"])
    url, path = new_response_url(server)
    assert click(server, "decision_record", buttons(answer)["decision_record"]["value"], url) == 200
    (reply,) = fake.wait_for("response_url", where=at_path(path))
    first = markdown_of(reply).splitlines()[0]
    assert first == f"# ADR: Use {chosen.name} as our Python web framework" or re.match(
        rf"# ADR: Choose (?:between|among) {re.escape(chosen.name)}\b", first), first


def test_failed_share_never_deletes_the_ephemeral_copy(server: Server, fake: FakeSlack) -> None:
    """Slack refuses the in-channel post (5xx on the response_url): the person must not lose the answer."""
    status, answer = send_command(server, "flask vs django")
    assert status == 200
    url, path = new_response_url(server)
    fake.fail_next("response_url", 500, {"ok": False, "error": "internal_error"}, where=at_path(path))
    assert click(server, "share_in_channel", buttons(answer)["share_in_channel"]["value"], url) == 200
    refused, after = fake.wait_for("response_url", 2, where=at_path(path))[:2]
    assert refused["response_type"] == "in_channel"
    assert not after.get("delete_original"), "the ephemeral answer was deleted although sharing failed"


def test_button_reply_refused_once_is_retried_or_explained(server: Server, fake: FakeSlack) -> None:
    """A 5xx on the response_url: the reply is retried, or the person is told; never silently lost."""
    url, path = new_response_url(server)
    fake.fail_next("response_url", 500, {"ok": False, "error": "internal_error"}, where=at_path(path))
    assert click(server, "details", "flask", url) == 200
    try:
        replies = fake.wait_for("response_url", 2, timeout=6, where=at_path(path))
    finally:
        fake.failures.pop("response_url", None)
    assert "Flask" in replies[1]["text"] or "try again" in replies[1]["text"].lower()


# --------------------------------------------------------------------------- App Home and assistant


def test_app_home_lists_frameworks_by_category(server: Server, fake: FakeSlack) -> None:
    user = unique("UHOME")
    assert send_event(server, {"type": "app_home_opened", "user": user, "channel": unique("D"), "tab": "home",
                               "event_ts": str(time.time())}) == 200
    (publish,) = fake.wait_for("views.publish", where=lambda a: a.get("user_id") == user)
    view = publish["view"] if isinstance(publish["view"], dict) else json.loads(publish["view"])
    assert view["type"] == "home"
    readable = block_texts(view)
    for title in ("Full-stack frameworks", "Microframeworks", "Async frameworks", "API frameworks",
                  "Data apps and dashboards", "Python UIs", "Content management"):
        assert f"*{title}*" in readable
    assert not [fw.name for fw in KB.frameworks.values() if fw.name not in readable]
    sections = {b["text"]["text"].split("\n", 1)[0]: b["text"]["text"] for b in view["blocks"]
                if b["type"] == "section"}
    assert "Starlette" in sections["*Async frameworks*"] and "Django" in sections["*Full-stack frameworks*"]


def test_assistant_thread_started_greets_with_suggested_prompts(server: Server, fake: FakeSlack) -> None:
    channel, thread_ts = unique("D"), new_ts()
    event = {"type": "assistant_thread_started", "event_ts": str(time.time()),
             "assistant_thread": {"user_id": "U1", "channel_id": channel, "thread_ts": thread_ts,
                                  "context": {"channel_id": "C1", "team_id": "T1", "enterprise_id": None}}}
    assert send_event(server, event) == 200
    (greeting,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert greeting["thread_ts"] == thread_ts
    assert greeting["text"].startswith("Hi!")
    (prompts,) = fake.wait_for("assistant.threads.setSuggestedPrompts", where=in_channel(channel))
    assert prompts["thread_ts"] == thread_ts
    assert len(prompts["prompts"]) >= 2 and all(p["title"] and p["message"] for p in prompts["prompts"])


def test_assistant_thread_message_answered_in_the_thread(server: Server, fake: FakeSlack) -> None:
    channel, thread_ts, ts = unique("D"), new_ts(), new_ts()
    fake.threads[(channel, thread_ts)] = [
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "Hi! Tell me what you're building",
         "ts": thread_ts},
        {"type": "message", "user": "U1", "text": "django vs fastapi", "ts": ts, "thread_ts": thread_ts},
    ]
    assert send_event(server, direct_message(channel, "django vs fastapi", ts=ts, thread_ts=thread_ts)) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == thread_ts
    assert "Django" in post["text"] and "FastAPI" in post["text"]
    assert fake.calls_to("assistant.threads.setStatus", where=in_channel(channel))


# --------------------------------------------------------------------------- no live mass mention

MASS = "<!channel> @here <!everyone> which framework for a blog? also @channel and @everyone <!here|here>"
LIVE_MASS_MENTION = re.compile(r"<!(channel|here|everyone)\b|@(channel|here|everyone)\b", re.IGNORECASE)
NEVER_SHOWN = {"value", "action_id", "block_id", "url", "_path", "_auth"}  # Slack never renders these


def live_mass_mentions(message: Any) -> list[str]:
    """Strings in a posted message (text, blocks, attachments) that Slack would render as a mass mention."""
    found: list[str] = []

    def walk(node: Any, key: str | None = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in NEVER_SHOWN:
                    walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str):
            if key == "blocks" and node.startswith("["):
                walk(json.loads(node))
            elif LIVE_MASS_MENTION.search(node):
                found.append(node[:200])

    walk(message)
    return found


def test_no_live_mass_mention_anywhere(server: Server, fake: FakeSlack) -> None:
    status, answer = send_command(server, MASS)
    assert status == 200
    assert live_mass_mentions(answer) == []

    channel = unique("C")
    assert send_event(server, mention(channel, MASS)) == 200
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert live_mass_mentions(post) == []

    dm = unique("D")
    assert send_event(server, direct_message(dm, "@here @channel @everyone")) == 200
    (dm_post,) = fake.wait_for("chat.postMessage", where=in_channel(dm))
    assert live_mass_mentions(dm_post) == []

    # Sharing posts for everyone: the riskiest place for a live @channel.
    share = buttons(answer).get("share_in_channel")
    assert share is not None
    url, path = new_response_url(server)
    assert click(server, "share_in_channel", share["value"], url) == 200
    shared = fake.wait_for("response_url", 2, where=at_path(path))
    assert [live_mass_mentions(m) for m in shared] == [[], []]


# --------------------------------------------------------------------------- robustness


def test_url_verification_challenge(server: Server) -> None:
    """Slack checks a new request URL with a signed challenge before sending anything else."""
    body = json.dumps({"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    status, _, raw = post_signed(server, body, "application/json")
    assert status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in raw.decode()


def test_malformed_body_is_400_and_the_server_keeps_serving(server: Server) -> None:
    for body, content_type in [(b"{not json", "application/json"),
                               (b"\xff\xfe garbage", "application/json"),
                               (b"payload=%7Bbroken", "application/x-www-form-urlencoded")]:
        status, _, _ = post_signed(server, body, content_type)
        assert status == 400, body
    assert http_request(server.port, "GET", "/healthz")[0] == 200
    status, answer = send_command(server, "django vs flask")
    assert status == 200 and "Django" in answer["text"]


def test_rate_limited_post_is_retried_and_arrives(server: Server, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    channel, ts = unique("C"), new_ts()
    assert send_event(server, mention(channel, "flask vs bottle", ts=ts)) == 200
    refused, delivered = fake.wait_for("chat.postMessage", 2, where=in_channel(channel))
    assert delivered["thread_ts"] == ts
    assert "Flask" in delivered["text"] and "Bottle" in delivered["text"]
    barrier(server)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 2


def test_undeliverable_answer_tells_the_user_and_server_keeps_serving(server: Server, fake: FakeSlack) -> None:
    """Every post attempt gets a 500: the person gets one notice, which does not claim the answer was lost
    (after a 500 it may have been posted), and nothing else; the server keeps serving."""
    channel, ts = unique("C"), new_ts()
    fake.fail_next("chat.postMessage", 500, {"ok": False, "error": "internal_error"}, times=POST_ATTEMPTS,
                   where=in_channel(channel))
    assert send_event(server, mention(channel, "django vs flask", ts=ts)) == 200
    posts = fake.wait_for("chat.postMessage", POST_ATTEMPTS + 1, timeout=20, where=in_channel(channel))
    notice = posts[-1]
    assert notice["thread_ts"] == ts
    assert notice["text"] == NOT_CONFIRMED
    assert "try again" in notice["text"].lower() and "couldn't deliver" not in notice["text"]
    assert [m["text"] for m in fake.posts_in(channel, ts)] == [NOT_CONFIRMED]
    status, answer = send_command(server, "django vs flask")
    assert status == 200 and "Django" in answer["text"]
    barrier(server)


QUESTIONS = ["flask vs django", "", "list", "list async", "info fastapi", "compare litestar starlette sanic",
             "we need a REST API with auth and Swagger docs, team of 5", "a dashboard for analysts",
             "does bottle support templates?", "websockets with thousands of connections", "what is the weather"]


def test_burst_of_concurrent_commands(server: Server) -> None:
    def one(i: int) -> tuple[int, dict[str, Any]]:
        return send_command(server, QUESTIONS[i % len(QUESTIONS)], user=f"U{i}", channel=f"CB{i % 7}")

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(300)))
    statuses = [status for status, _ in results]
    assert statuses == [200] * 300
    for _, answer in results:
        assert_slack_accepts(answer)
        assert answer["response_type"] == "ephemeral"
        assert answer["blocks"] and answer["text"]
        assert "went wrong" not in answer["text"]


# --------------------------------------------------------------------------- logs (last: reads the whole run)


def test_logs_one_line_per_request_without_secrets(server: Server, fake: FakeSlack) -> None:
    before = server.settled_log_length()  # the burst before this test may still be reaching the file
    marker = "quokkasaurus"  # a word from a message: message text stays out of INFO logs
    for _ in range(2):
        assert send_command(server, f"flask vs django {marker}")[0] == 200
    channel = unique("C")
    assert send_event(server, mention(channel, f"django vs pyramid {marker}")) == 200
    fake.wait_for("chat.postMessage", where=in_channel(channel))
    event_line = r"event:app_mention status=200 latency_ms=\d+(\.\d+)?"
    command_line = r"command:/pyframework status=200 latency_ms=\d+(\.\d+)?"
    server.log_since(before, command_line, 2)  # two workers write their lines independently
    new = server.log_since(before, event_line, 1)
    assert len(re.findall(command_line, new)) == 2
    assert len(re.findall(event_line, new)) == 1
    whole = server.log()
    assert BOT_TOKEN not in whole
    assert SIGNING_SECRET not in whole
    assert marker not in whole
    assert "Traceback" not in whole
