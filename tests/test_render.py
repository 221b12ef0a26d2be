"""Rendering: Slack Block Kit within Slack's limits, escaped user text, and a readable plain text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot.present import Document, Part, present
from bot.render_slack import render_blocks, render_message
from bot.render_text import render_text

NOT_RENDERED = {"value", "url", "action_id", "block_id", "type", "style"}
MASS_MENTION = re.compile(r"[@!](?:channel|here|everyone)\b", re.IGNORECASE)

KINDS = {
    "help": "help",
    "list": "list",
    "compare": "compare django, flask, fastapi, bottle and pyramid for auth, an orm and websockets",
    "recommend": "we need a REST API with auth and Swagger docs, team of 5",
    "info": "tell me about django",
    "info-direct": "does bottle support templates?",
    "unknown": "order a pizza",
    "unknown-other": "Angular vs Svelte",
}


def render(engine, text: str, discussion: tuple[str, ...] = ()):
    answer = engine.answer(text, discussion=discussion)
    doc = present(answer, engine.kb)
    return answer, doc, render_message(doc), render_text(doc)


def rendered_strings(message: dict[str, Any]) -> Iterator[str]:
    """Every string Slack shows: the fallback and each `text` in the blocks (not button values or URLs)."""
    yield message["text"]

    def walk(node: Any, key: str = "") -> Iterator[str]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in NOT_RENDERED:
                    yield from walk(v, k)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, key)
        elif isinstance(node, str) and key == "text":
            yield node

    yield from walk(message["blocks"])


def assert_within_limits(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert isinstance(message["text"], str) and message["text"].strip(), "empty fallback text"
    assert 1 <= len(blocks) <= 50
    for block in blocks:
        Block.parse(block).validate_json()  # slack_sdk's own checks of Slack's limits
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
        elif block["type"] == "header":
            assert 0 < len(block["text"]["text"]) <= 150
        elif block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10
            assert all(len(e["text"]) <= 3000 for e in block["elements"])
        elif block["type"] == "actions":
            assert 1 <= len(block["elements"]) <= 25
            for button in block["elements"]:
                assert len(button["text"]["text"]) <= 75
                assert len(button.get("value", "")) <= 2000
        elif block["type"] == "table":
            assert len(block["rows"]) <= 100
            assert all(len(row) <= 20 for row in block["rows"])
    json.dumps(message)


def assert_inert(message: dict[str, Any]) -> None:
    for text in rendered_strings(message):
        for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<http", "<!", "<@", "<#"):
            assert forbidden not in text, f"{forbidden!r} in {text!r}"
        live = MASS_MENTION.search(text)
        assert live is None, f"live mass mention {live.group()!r} in {text!r}"


# --- every kind of answer renders within Slack's limits ----------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_answer_kind_renders_within_limits(engine, kind):
    answer, _doc, message, plain = render(engine, KINDS[kind])
    assert answer.question.intent == kind.split("-")[0]
    assert_within_limits(message)
    assert plain.strip()


def test_compare_renders_exactly_one_table(engine):
    answer, _doc, message, plain = render(engine, KINDS["compare"])
    tables = [b for b in message["blocks"] if b["type"] == "table"]
    assert len(tables) == 1
    rows = tables[0]["rows"]
    names = [fw.name for fw in answer.comparison.frameworks]
    assert len(names) == 5
    assert [cell["text"] for cell in rows[0][1:]] == names
    assert len(rows) == len(answer.comparison.rows) + 1
    assert all(len(row) == 6 for row in rows)
    assert [row[0]["text"] for row in rows[1:4]] == ["Authentication and users", "ORM / database layer", "WebSockets"]
    # one "Choose X" line per framework, in a section
    sections = " ".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    for name in names:
        assert f"Choose {name} " in sections
        assert f"Choose {name} " in plain


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "compare"])
def test_only_compare_has_a_table(engine, kind):
    _answer, _doc, message, _plain = render(engine, KINDS[kind])
    assert not [b for b in message["blocks"] if b["type"] == "table"]


def test_recommendation_shows_the_ranking_with_reasons(engine):
    answer, _doc, message, plain = render(engine, KINDS["recommend"])
    first = answer.recommendations[0].framework
    headers = [b["text"]["text"] for b in message["blocks"] if b["type"] == "header"]
    assert headers and first.name in headers[0]
    body = "\n".join(rendered_strings(message))
    assert "1. " + first.name in body
    assert ":white_check_mark:" in body  # reasons are marked
    assert answer.recommendations[0].reasons[0] in plain
    assert first.name in message["text"]


def test_info_card_has_summary_facts_and_sources(engine, kb):
    _answer, _doc, message, plain = render(engine, KINDS["info"])
    django = kb.frameworks["django"]
    assert django.summary in plain
    assert django.license in plain
    assert "Sources" in plain and django.sources[0] in plain
    for title in ("Strengths", "Weaknesses", "Best for"):
        assert title in plain


def test_direct_answer_comes_first(engine):
    answer, doc, message, _plain = render(engine, KINDS["info-direct"])
    sections = [b for b in message["blocks"] if b["type"] == "section"]
    assert sections[0]["text"]["text"].startswith("Yes")


def test_unknown_reply_says_what_it_knows(engine, kb):
    _answer, _doc, message, plain = render(engine, "Angular vs Svelte")
    assert "Angular" in plain and "TypeScript" in plain
    assert "Svelte" in plain
    assert all(fw.name in plain for fw in kb.frameworks.values())


def test_discussion_note_is_rendered(engine):
    _answer, _doc, message, plain = render(engine, "what would you recommend?",
                                           discussion=("we are building a REST API with auth",))
    assert "Picked up from the discussion" in plain
    assert "Picked up from the discussion" in json.dumps(message["blocks"])


# --- escaping ------------------------------------------------------------------------------------

EVIL = [
    "<!channel> which framework for a REST API?",
    "@channel flask vs django",
    "@here @everyone tell me about flask",
    "<!everyone> <!here|here> list",
    "<https://evil.example|click> django vs fastapi",
    "&lt;!channel&gt; &lt;https://evil.example|click&gt; we need websockets",
    "&lt;!here&gt; @Channel hello",
    "help <!subteam^S1|@team> <@U1> <#C1|general>",
    "does bottle support templates? <https://evil.example>",
]


@pytest.mark.parametrize("text", EVIL)
def test_user_text_never_becomes_a_mention_or_link(engine, text):
    _answer, _doc, message, _plain = render(engine, text)
    assert_within_limits(message)
    assert_inert(message)


def test_echoed_user_text_is_escaped_in_every_part(engine):
    evil = "<!channel> @channel @here @everyone <!here> <https://evil.example|click> *bold*"
    doc = Document(parts=(
        Part("heading", text="Heading " + evil),
        Part("text", text=evil),
        Part("note", text=evil),
        Part("bullets", title=evil, lines=(evil, "+ " + evil, "- " + evil)),
        Part("item", title=evil, lines=(evil,)),
    ))
    message = render_message(doc)
    # headings are plain_text (never parsed); everything Slack parses as mrkdwn must be inert
    mrkdwn = {"blocks": [b for b in message["blocks"] if b["type"] != "header"], "text": message["text"]}
    assert_inert(mrkdwn)
    assert_within_limits(message)


def test_escaping_keeps_the_text_readable(engine):
    blocks = render_blocks(Document(parts=(Part("text", text="Flask & Django <- @channel"),)))
    text = blocks[0]["text"]["text"]
    assert text.startswith("Flask &amp; Django &lt;- @")
    assert "channel" in text


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x" * 40_000,
        "flask vs django " * 2_500,
        "we need websockets " + "a" * 39_990,
        "\x00\x01\x02\x1b[31mflask\x7f vs \u202edjango\u200b\ufeff\x9f",
        "\x00" * 1000,
        "<" * 5000 + ">" * 5000,
        "&amp;" * 8000,
        ":smile:" * 6000,
        "\U0001F600" * 10_000,
    ],
)
def test_bad_input_gets_a_valid_answer(engine, text):
    answer, _doc, message, plain = render(engine, text)
    assert answer.question.intent in ("recommend", "compare", "info", "list", "help", "unknown")
    assert_within_limits(message)
    assert plain.strip()


def test_very_long_message_is_read_and_says_so(engine):
    answer, _doc, message, plain = render(engine, "flask vs django " * 2_500)
    assert answer.question.intent == "compare"
    assert answer.question.truncated
    assert "4,000" in plain


@pytest.mark.parametrize("text", list(KINDS.values()))
def test_plain_text_has_no_slack_markup(engine, text):
    _answer, _doc, _message, plain = render(engine, text)
    assert ":white_check_mark:" not in plain and ":warning:" not in plain
    assert "&lt;" not in plain and "&amp;" not in plain
    assert "\u200b" not in plain
