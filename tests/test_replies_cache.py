"""The cache of serialised answers (bot/slack/replies.py): a message kept as its first acknowledgement's bytes
decodes to the very message, whichever is asked for first, and what callers do to their trees stays theirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.engine import Engine
from bot.render_slack import MAX_BLOCKS
from bot.slack import replies
from bot.slack.replies import ack_body, cached_message, ephemeral_ack, message_for_question, with_share_button

QUESTIONS = ("flask vs django", "compare fastapi, litestar and sanic for a REST API", "info bottle", "help",
             "order a pizza", "we need a REST API with auth and swagger docs, team of 5", "list async",
             "what license does falcon use?", "give me an ADR for choosing fastapi over flask")
ASKED = ("", "flask vs django", 'quotes " and \\ and é and \ue0ff', "x" * 400)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cached_message.cache_clear()
    yield
    cached_message.cache_clear()


def expected_ack(engine: Engine, message: dict[str, Any], text: str, asked: str) -> bytes:
    question = engine.understand(text)
    if question.intent in ("help", "unknown"):
        return ack_body(message)
    return ack_body(with_share_button(message, question, asked))


def check(engine: Engine, text: str, expected: dict[str, Any], *, ack_first: bool) -> None:
    question = engine.understand(text)
    if ack_first:
        first_ack = ephemeral_ack(engine, question, ASKED[1])
    message = message_for_question(engine, question)
    if not ack_first:
        first_ack = ephemeral_ack(engine, question, ASKED[1])
    assert first_ack == expected_ack(engine, expected, text, ASKED[1])
    assert json.dumps(message) == json.dumps(expected)  # the same tree, key order included
    message["blocks"].append({"type": "divider"})  # the caller's tree is its own to change
    for asked in ASKED:
        assert json.dumps(message_for_question(engine, question)) == json.dumps(expected)
        assert ephemeral_ack(engine, question, asked) == expected_ack(engine, expected, text, asked)


@pytest.mark.parametrize("ack_first", [True, False])
@pytest.mark.parametrize("text", QUESTIONS)
def test_a_cached_answer_is_the_answer_whichever_is_asked_first(engine: Engine, text: str, ack_first: bool) -> None:
    question = engine.understand(text)
    check(engine, text, replies.message_for(engine, engine.advise(question)), ack_first=ack_first)


def test_an_acknowledged_answer_is_kept_once_as_its_acknowledgement(engine: Engine) -> None:
    question = engine.understand("flask vs django")
    ephemeral_ack(engine, question, "flask vs django")
    cached = cached_message(engine, question)
    assert cached.raw is None and cached.peek() == replies.message_for(engine, engine.advise(question))


def _blocks(count: int, actions: list[int]) -> list[dict[str, Any]]:
    """`count` sections, with actions blocks of the given sizes at the end."""
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": f"part {i}"}}
                                    for i in range(count - len(actions))]
    for size in actions:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "action_id": f"b{j}", "text": {"type": "plain_text", "text": "é"}, "value": f"{j}"}
            for j in range(size)]})
    return blocks


@pytest.mark.parametrize("ack_first", [True, False])
@pytest.mark.parametrize("blocks", [
    _blocks(3, []),  # no actions block: the share button gets one of its own
    _blocks(MAX_BLOCKS, []),  # full, no actions block: the blocks are cut for it, so the message keeps its own bytes
    _blocks(6, [3, 25]),  # the last actions block is full: the one before it gets the button
    _blocks(4, [25]),  # the only one is full: a block of its own
    _blocks(MAX_BLOCKS, [25]),  # and no room for one: cut
], ids=["none", "full-none", "last-full", "only-full", "full-only-full"])
def test_any_layout_is_told_back_from_its_acknowledgement(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                                            blocks: list[dict[str, Any]], ack_first: bool) -> None:
    message = {"text": "a made-up answer", "blocks": blocks, "attachments": [{"blocks": [{"type": "divider"}]}]}
    monkeypatch.setattr(replies, "message_for", lambda engine, answer: json.loads(json.dumps(message)))
    check(engine, "flask vs django", message, ack_first=ack_first)
