"""Everything Slack listeners send, built from the engine: answers, cards, comparisons, ADRs, errors.

Listeners stay thin: they pick what to say from here and hand it to bot/slack/delivery.py. This is the
boundary to the engine: plain, synchronous functions (an answer takes about a millisecond), called
directly from the async listeners. Every message goes through the
same presenter and Block Kit renderer as the console, so all surfaces agree.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from slack_sdk.models.blocks import (
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.advice import Answer
from bot.decision import decision_record
from bot.engine import Engine
from bot.present import present
from bot.question import Question
from bot.render_slack import MAX_BLOCKS, MAX_SECTION, render_message, serialize
from bot.slacktext import escape

MESSAGE_CACHE_SIZE = 2048

SORRY = "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment."


def message_for(engine: Engine, answer: Answer) -> dict[str, Any]:
    """`text` and `blocks` for an answer."""
    return render_message(present(answer, engine.kb))


@lru_cache(maxsize=MESSAGE_CACHE_SIZE)
def message_for_question(engine: Engine, question: Question) -> dict[str, Any]:
    """The message for an understood question, kept for the next person who asks the same thing.

    Answers depend only on what was understood (the wording is not part of a Question's identity)
    and on the knowledge base, which is fixed for the life of the process, so this cache is never stale.
    Callers must not mutate the returned message; the helpers below all build new dicts.
    """
    return message_for(engine, engine.advisor.advise(question))


@lru_cache(maxsize=MESSAGE_CACHE_SIZE)
def ephemeral_answer(engine: Engine, question: Question) -> dict[str, Any]:
    """A slash-command answer: the message plus "Share in channel" (not for help or unknown)."""
    message = message_for_question(engine, question)
    if question.intent in ("help", "unknown"):
        return message
    return with_share_button(message, question)


def with_share_button(message: dict[str, Any], question: Question) -> dict[str, Any]:
    """Add "Share in channel" to an ephemeral answer; the button carries the question, not state."""
    share = serialize(ButtonElement(text="Share in channel", action_id="share_in_channel", style="primary",
                                    value=question.to_token()))
    blocks = list(message["blocks"])
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i]["type"] == "actions" and len(blocks[i]["elements"]) < 25:
            blocks[i] = {**blocks[i], "elements": [share, *blocks[i]["elements"]]}
            break
    else:
        blocks = blocks[: MAX_BLOCKS - 1] + [{"type": "actions", "elements": [share]}]
    return {**message, "blocks": blocks}


def shared_by(message: dict[str, Any], user_id: str) -> dict[str, Any]:
    """The message as posted for everyone, crediting who shared it."""
    credit = serialize(ContextBlock(elements=[MarkdownTextObject(text=f"Shared by <@{user_id}> via /pyframework")]))
    return {**message, "blocks": [*message["blocks"][: MAX_BLOCKS - 1], credit]}


def answer_for_token(engine: Engine, token: str) -> Answer | None:
    """Re-answer a question carried by a button; None for a malformed or outdated token."""
    question = Question.from_token(token, engine.kb) if token.startswith("{") else None
    return engine.advisor.advise(question) if question is not None else None


def details_message(engine: Engine, framework_id: str) -> dict[str, Any] | None:
    if framework_id not in engine.kb.frameworks:
        return None
    return message_for_question(engine, Question(text=framework_id, intent="info", frameworks=(framework_id,)))


def compare_message(engine: Engine, framework_ids: list[str]) -> dict[str, Any] | None:
    ids = tuple(dict.fromkeys(f for f in framework_ids if f in engine.kb.frameworks))
    if len(ids) < 2:
        return None
    return message_for_question(engine, Question(text=" vs ".join(ids), intent="compare", frameworks=ids[:5]))


def decision_message(engine: Engine, token: str) -> dict[str, Any] | None:
    """The ADR as Markdown in code blocks (split to respect Slack's section limit)."""
    answer = answer_for_token(engine, token)
    if answer is None:
        return None
    if answer.question.intent not in ("recommend", "compare"):
        answer = engine.advisor.advise(replace(answer.question, intent="recommend"))
    markdown = decision_record(answer, engine.kb, engine.advisor)
    chunk = MAX_SECTION - 10
    pieces = [markdown[i:i + chunk] for i in range(0, len(markdown), chunk)]
    blocks = [SectionBlock(text=MarkdownTextObject(text="*Decision record* (Markdown, ready to commit as "
                                                        "`docs/adr/NNNN-web-framework.md`)")).to_dict()]
    blocks += [SectionBlock(text=MarkdownTextObject(text=f"```{escape(p)}```")).to_dict() for p in pieces]
    return {"text": escape(markdown[:3000]), "blocks": blocks[:MAX_BLOCKS]}
