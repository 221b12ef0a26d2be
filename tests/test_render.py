"""What a person sees: the answer first, short, within Slack's rules, escaped, and readable as plain text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from slack_rules import assert_slack_accepts
from slack_sdk.models.blocks import RawTextObject

from bot.decision import decision_record
from bot.present import Document, Part, present, present_details, present_record
from bot.question import Question
from bot.render_slack import NEWER_BLOCKS, classic, render_message, serialize
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
ANSWERED = ("list", "compare", "recommend", "info", "info-direct")


def render(engine, text: str, discussion: tuple[str, ...] = ()):
    answer = engine.answer(text, discussion=discussion)
    doc = present(answer, engine.kb)
    return answer, doc, render_message(doc), render_text(doc)


def all_blocks(message: dict[str, Any]) -> list[dict[str, Any]]:
    return list(message["blocks"]) + [b for a in message.get("attachments") or () for b in a["blocks"]]


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

    yield from walk(all_blocks(message))


def first_line(message: dict[str, Any]) -> str:
    return message["blocks"][0]["text"]["text"].splitlines()[0]


def assert_inert(message: dict[str, Any]) -> None:
    for text in rendered_strings(message):
        for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<http", "<!", "<@", "<#"):
            assert forbidden not in text, f"{forbidden!r} in {text!r}"
        live = MASS_MENTION.search(text)
        assert live is None, f"live mass mention {live.group()!r} in {text!r}"


def assert_notification(text: str) -> None:
    """A fallback that works as a notification: one short sentence, no console art."""
    assert 0 < len(text) <= 300, text
    assert "\n" not in text and "==" not in text and "--" not in text and "|" not in text, text


# --- every kind of answer, within Slack's rules ------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_answer_kind_is_accepted_by_slack_and_has_a_short_fallback(engine, kind):
    answer, _doc, message, plain = render(engine, KINDS[kind])
    assert answer.question.intent == kind.split("-")[0]
    assert_slack_accepts(message)
    assert_notification(message["text"])
    assert plain.strip()


@pytest.mark.parametrize("kind", ANSWERED)
def test_every_answer_ends_with_its_buttons_and_votes(engine, kind):
    answer, _doc, message, _plain = render(engine, KINDS[kind])
    *_, actions, votes = message["blocks"]
    assert actions["type"] == "actions" and votes["type"] == "context_actions"
    assert "not_what_i_asked" in [b["action_id"] for b in actions["elements"]]
    feedback = votes["elements"][0]
    assert feedback["type"] == "feedback_buttons" and feedback["action_id"] == "answer_feedback"
    up, down = feedback["positive_button"]["value"], feedback["negative_button"]["value"]
    assert up.startswith("up ") and down.startswith("down ")
    assert Question.from_token(up.split(" ", 1)[1], engine.kb) == answer.question  # the vote knows the question


@pytest.mark.parametrize("kind", ["help", "unknown", "unknown-other"])
def test_help_and_unknown_carry_no_votes(engine, kind):
    _answer, _doc, message, _plain = render(engine, KINDS[kind])
    assert not [b for b in message["blocks"] if b["type"] == "context_actions"]


# --- the answer first -----------------------------------------------------------------------------


def test_a_recommendation_leads_with_the_pick_and_its_deciding_reason(engine):
    answer, _doc, message, plain = render(engine, KINDS["recommend"])
    first = answer.recommendations[0]
    assert first_line(message).startswith(f"*My pick: {first.framework.name}* — ")
    assert plain.startswith(f"My pick: {first.framework.name} — ")
    assert message["text"].startswith(f"My pick: {first.framework.name}.")
    assert len(message["blocks"]) <= 5
    ranked = message["blocks"][1]["text"]["text"].splitlines()
    assert len(ranked) == 3 and ranked[0].startswith(f"1. *{first.framework.name}* (API, 100% fit): ")
    for line, rec in zip(ranked, answer.recommendations, strict=False):
        assert line.count(";") <= 1 + rec.standing.count(";")  # two reasons each
    assert "Picked up" not in plain and "Watch out" not in plain  # those wait behind Details


def test_what_the_thread_added_waits_behind_details(engine):
    answer, _doc, message, plain = render(engine, "what would you recommend?",
                                          discussion=("we are building a REST API with auth",))
    assert plain.startswith("My pick: ")
    assert "Picked up from the discussion" not in plain
    details = render_text(present_details(answer, engine.kb))
    assert "Picked up from the discussion: Authentication and users" in details


def test_options_that_cover_little_are_not_recommended(engine):
    answer = engine.answer("we need a REST API with auth and Swagger docs, team of 5")
    fits = [r.fit for r in answer.recommendations]
    assert all(f > 0 and f * 2 >= max(fits) for f in fits)


def test_a_lower_fit_above_a_higher_one_says_why(engine):
    answer = engine.answer("we're a flask shop but need automatic openapi docs, what fits?")
    recs = answer.recommendations
    for i, rec in enumerate(recs):
        if any(later.fit > rec.fit for later in recs[i + 1:]):
            assert rec.standing.startswith("Ranked above ") and " because " in rec.standing
    assert any(r.standing.startswith("Ranked above") for r in recs)  # this question has one
    assert "Why this order" in render_text(present_details(answer, engine.kb))


def test_a_fact_question_is_one_or_two_lines_with_its_date(engine, kb):
    answer, _doc, message, plain = render(engine, "what license does bottle use?")
    bottle = kb.frameworks["bottle"]
    assert first_line(message).startswith(f"{bottle.name} is licensed under {bottle.license}")
    assert message["text"] == answer.direct
    assert f"checked {bottle.checked}" in answer.direct
    assert [b["type"] for b in message["blocks"]] == ["section", "context", "actions", "context_actions"]
    assert len(plain.splitlines()) <= 3


def test_a_yes_no_question_is_answered_on_the_first_line(engine):
    _answer, _doc, message, _plain = render(engine, KINDS["info-direct"])
    assert first_line(message).startswith("Yes")


def test_a_card_is_short_and_details_open_the_whole_card(engine, kb):
    answer, _doc, message, plain = render(engine, KINDS["info"])
    django = kb.frameworks["django"]
    assert first_line(message).startswith(f"*{django.name}* — {django.summary[:40]}")
    assert len(plain.splitlines()) <= 6 and "Strengths" not in plain
    full = render_text(present_details(answer, engine.kb))
    for title in ("Strengths", "Weaknesses", "Best for", "Avoid when", "Sources (checked"):
        assert title in full
    assert django.sources[0] in full


def test_a_listing_uses_readable_category_titles(engine):
    _answer, _doc, message, plain = render(engine, "list")
    assert "Microframeworks: " in plain and "Data apps and dashboards: " in plain
    assert "data-app" not in json.dumps(message)


def test_help_lists_every_subcommand_with_an_example(engine):
    _answer, _doc, _message, plain = render(engine, "help")
    for command in ("help", "list", "info", "compare", "recommend"):
        assert f"/pyframework {command}" in plain


# --- tables, charts and the decision record: where Slack wants them ------------------------------


def test_a_comparison_holds_one_table_in_its_attachments_with_a_header_row(engine):
    answer, _doc, message, plain = render(engine, KINDS["compare"])
    assert not [b for b in message["blocks"] if b["type"] == "table"]
    (attachment,) = message["attachments"]
    (table,) = attachment["blocks"]
    rows = table["rows"]
    names = [fw.name for fw in answer.comparison.frameworks]
    assert [cell["text"] for cell in rows[0]] == ["Feature", *names]
    assert len(rows) == len(answer.comparison.rows) + 1 and all(len(row) == 6 for row in rows)
    assert [row[0]["text"] for row in rows[1:4]] == ["Authentication and users", "ORM / database layer", "WebSockets"]
    assert all(cell == RawTextObject(text=cell["text"]).to_dict() for row in rows for cell in row)
    assert first_line(message).startswith("*Django vs Flask vs FastAPI vs Bottle vs Pyramid*")


def test_a_ranking_details_table_and_chart_follow_slacks_rules(engine):
    answer = engine.answer(KINDS["recommend"])
    details = render_message(present_details(answer, engine.kb))
    assert_slack_accepts(details)
    (chart,) = [b for b in details["blocks"] if b["type"] == "data_visualization"]
    points = chart["chart"]["series"][0]["data"]
    assert [p["value"] for p in points] == [r.fit for r in answer.recommendations]
    (table,) = details["attachments"][0]["blocks"]
    assert [c["text"] for c in table["rows"][0]] == ["Framework", "Fit", "Why", "Watch out"]
    assert len(table["rows"]) == len(answer.recommendations) + 1


def test_the_decision_record_is_one_markdown_document(engine):
    answer = engine.answer("a marketplace with an admin, an ORM and auth, team of 8")
    markdown = decision_record(answer, engine.kb, engine.advisor)
    message = render_message(present_record(markdown))
    assert_slack_accepts(message)
    (block,) = [b for b in message["blocks"] if b["type"] == "markdown"]
    assert block["text"] == markdown and "```" not in markdown
    assert "the decision is the team's" in markdown


def test_a_tie_is_a_tie_in_the_decision_record(engine):
    answer = engine.answer("we need a REST API with auth and Swagger docs, team of 5")  # Django Ninja = Litestar
    markdown = decision_record(answer, engine.kb, engine.advisor)
    assert markdown.startswith("# ADR: Choose among ") or markdown.startswith("# ADR: Choose between ")
    assert "The options tied" in markdown and "We will use" not in markdown


def test_no_needs_means_no_verdict_in_the_decision_record(engine):
    markdown = decision_record(engine.answer("which framework should we use?"), engine.kb, engine.advisor)
    assert "general ranking" in markdown.splitlines()[0] and "No needs were stated" in markdown


@pytest.mark.parametrize("kind", ["compare", "recommend", "info"])
def test_a_layout_slack_refuses_is_sent_again_in_classic_blocks(engine, kind):
    answer = engine.answer(KINDS[kind])
    for doc in (present(answer, engine.kb), present_details(answer, engine.kb)):
        message = render_message(doc)
        plain = classic(message)
        if plain is None:  # nothing newer to fall back from
            assert not [b for b in all_blocks(message) if b["type"] in NEWER_BLOCKS]
            continue
        assert "attachments" not in plain
        assert not [b for b in plain["blocks"] if b["type"] in NEWER_BLOCKS]
        assert_slack_accepts(plain)
        assert plain["blocks"][0] == message["blocks"][0]  # the answer itself is kept
        for table in (message.get("attachments") or [{"blocks": []}])[0]["blocks"]:
            assert table["rows"][1][0]["text"] in json.dumps(plain)  # and the table's rows, as lines
    if not answer.recommendations:
        return
    record = render_message(present_record(decision_record(answer, engine.kb, engine.advisor)))
    lines = "\n".join(b["text"]["text"] for b in classic(record)["blocks"] if b["type"] == "section")
    for url in engine.kb.frameworks[answer.recommendations[0].framework.id].sources:
        assert url in lines  # never cut inside a URL


def test_classic_blocks_need_no_second_try():
    message = render_message(Document(parts=(Part("lead", title="Hello", text="there"),)))
    assert classic(message) is None


def test_model_objects_serialize_as_slack_sdk_does(engine):
    for text in KINDS.values():
        doc = present(engine.answer(text), engine.kb)
        from bot.render_slack import _blocks

        for part in doc.parts:
            for block in _blocks(part):
                if not isinstance(block, dict):
                    assert serialize(block) == block.to_dict()


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
    assert_slack_accepts(message)
    assert_inert(message)


def test_echoed_user_text_is_escaped_in_every_part(engine):
    evil = "<!channel> @channel @here @everyone <!here> <https://evil.example|click> *bold*"
    doc = Document(parts=(
        Part("lead", title="Lead " + evil, text=evil),
        Part("text", text=evil),
        Part("note", text=evil),
        Part("bullets", title=evil, lines=(evil, "+ " + evil, "- " + evil)),
        Part("ranked", rows=((evil, evil, evil),)),
        Part("table", rows=(("Feature", evil), (evil, evil))),
    ), summary=evil)
    message = render_message(doc)
    assert_inert(message)
    assert_slack_accepts(message)
    assert_inert(classic(message))


def test_escaping_keeps_the_text_readable():
    message = render_message(Document(parts=(Part("text", text="Flask & Django <- @channel"),)))
    text = message["blocks"][0]["text"]["text"]
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
    assert_slack_accepts(message)
    assert_notification(message["text"])
    assert plain.strip()


def test_very_long_message_is_read_and_says_so(engine):
    answer, _doc, _message, plain = render(engine, "flask vs django " * 2_500)
    assert answer.question.intent == "compare"
    assert answer.question.truncated
    assert "4,000" in plain


@pytest.mark.parametrize("text", list(KINDS.values()))
def test_plain_text_has_no_slack_markup(engine, text):
    _answer, _doc, _message, plain = render(engine, text)
    assert ":white_check_mark:" not in plain and ":warning:" not in plain
    assert "&lt;" not in plain and "&amp;" not in plain
    assert "\u200b" not in plain


@pytest.mark.parametrize("text", ["give me an ADR for choosing fastapi over flask",
                                  "draft a decision record: django vs flask for our CMS"])
def test_a_decision_record_asked_for_is_the_answer_itself(engine, text):
    """Asked for in words, the ADR comes at once, as one Markdown document Slack accepts; and a button's
    token carries the wish, so "Share in channel" shares the record too."""
    answer, doc, message, plain = render(engine, text)
    assert plain.startswith("Decision record"), plain[:200]
    assert "## Options considered" in plain and "## Decision" in plain
    assert_slack_accepts(message)
    again = Question.from_token(answer.question.to_token(), engine.kb)
    assert again is not None and again.record


def test_a_plain_comparison_is_not_a_decision_record(engine):
    assert not render(engine, "django vs flask for our CMS")[3].startswith("Decision record")


@pytest.mark.parametrize("token", ["{}", '{"i":"compare","f":["flask","django"]}', "x" * 2500, "é\u2019\"\\"])
def test_votes_serialize_as_slack_sdk_does(token):
    from bot.render_slack import feedback_block, feedback_dict

    assert feedback_dict(token) == feedback_block(token).to_dict()


def test_a_table_block_is_what_slack_sdk_makes_of_it(engine):
    from slack_sdk.models.blocks import TableBlock

    from bot.render_slack import table_block

    rows = (("Feature", "Flask", "Django"), ("ORM", "extension", ""), ("Admin", "<!here>", "built in"))
    block = table_block(rows)
    model = TableBlock(rows=block["rows"], column_settings=[{"is_wrapped": True}] * 3)
    assert block == model.to_dict() and list(block) == sorted(model.attributes - {"block_id"})


# Parts with empty and edge values, beside the answers' own: an empty string is left out as serialize leaves it out.
EDGE_PARTS = (
    Part("lead", title="", text=""), Part("text", text=""), Part("note", text="x" * 2500),
    Part("bullets", title="Why", lines=("+ good", "- bad", "plain")), Part("ranked", rows=(("A", "b", "c"),)),
    Part("markdown", text=""), Part("markdown", text="# ADR\n" * 3000),
    Part("actions", buttons=(("", "open_docs", ""), ("Docs", "open_docs", "https://x"), ("More", "more", ""),
                             ("L" * 90, "details", "v" * 2100))),
)


def test_block_dicts_are_what_serialize_makes_of_the_models(engine):
    """The dicts rendering builds directly equal serialize(model) of the same blocks, keys in the same order
    (the acknowledgement's bytes depend on it)."""
    from bot.render_slack import _block_dicts, _blocks

    parts = [p for text in KINDS.values() for p in present(engine.answer(text), engine.kb).parts]
    for text in KINDS.values():
        parts += present_details(engine.answer(text), engine.kb).parts
    for part in [*parts, *EDGE_PARTS]:
        expected = [serialize(b) for b in _blocks(part)]
        assert json.dumps(_block_dicts(part)) == json.dumps(expected), part


@pytest.mark.parametrize("value", ["", "v", '{"token":"{}","asked":"é"}'])
def test_button_and_context_dicts_are_what_serialize_makes_of_the_models(value):
    from slack_sdk.models.blocks import ButtonElement, ContextBlock, MarkdownTextObject

    from bot.render_slack import button_dict, context_dict

    model = ButtonElement(text="Share in channel", action_id="share_in_channel", style="primary", value=value or None)
    assert json.dumps(button_dict("Share in channel", "share_in_channel", value, style="primary")) == \
        json.dumps(serialize(model))
    context = ContextBlock(elements=[MarkdownTextObject(text=f"<@U1> asked: {value}")])
    assert json.dumps(context_dict(f"<@U1> asked: {value}")) == json.dumps(serialize(context))
