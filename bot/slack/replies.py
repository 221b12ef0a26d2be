"""Everything Slack listeners send, built from the engine: answers, cards, comparisons, ADRs, errors.

Listeners stay thin: they pick what to say from here and hand it to bot/slack/delivery.py. This is the
boundary to the engine: plain, synchronous functions (an answer takes about a millisecond), called
directly from the async listeners. Every message goes through the
same presenter and Block Kit renderer as the console, so all surfaces agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from bot.advice import Answer
from bot.decision import decision_record
from bot.engine import Engine
from bot.present import present, present_details, present_record
from bot.question import Question
from bot.render_slack import MAX_BLOCKS, MAX_BUTTON_VALUE, button_dict, context_dict, render_message
from bot.slacktext import escape

MESSAGE_CACHE_SIZE = 2048
ACKS_PER_MESSAGE = 4  # one per token: the same question read from other words can name other frameworks
ASKED_SLOT = "\ue0ff"  # stands for the words asked in an acknowledgement's template; never in an answer
ASKED_CHARS = 300  # how much of the question a shared answer quotes: enough to recognise it

SORRY = "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment."


def message_for(engine: Engine, answer: Answer) -> dict[str, Any]:
    """`text`, `blocks` (and the table's `attachments`) for an answer."""
    return render_message(present(answer, engine.kb))


class CachedMessage:
    """An understood question's message, and its acknowledgements serialised (by token), kept together so
    that the bytes live exactly as long as the message they were made from.

    The message is kept as JSON bytes, not as the tree of small dicts and strings it is: a cache of 2,048
    answers held about 25 MB as trees, most of a worker's memory once distinct questions had filled it. The
    bytes are, when it can be, the first acknowledgement's template itself (`keep`): the message is that
    acknowledgement less its `response_type` and its "Share in channel" button, so a new question's answer is
    serialised once, not once for the cache and once for the acknowledgement, and the cache holds each answer
    once. Else (a mention asked first, a template that could not be made) its own compact JSON (`raw`).

    The tree just built is handed out once (`message`), or lent to the first acknowledgement's template
    (`peek`, which must not change it); later callers get a new tree decoded from the bytes, which they may
    change."""

    __slots__ = ("raw", "acks", "_fresh", "_source", "_share_at")

    def __init__(self, message: dict[str, Any]) -> None:
        self.raw: bytes | None = None
        self.acks: dict[str, AckTemplate] = {}
        self._fresh: dict[str, Any] | None = message
        self._source: AckTemplate | None = None  # the acknowledgement the message is kept as, when it is
        self._share_at = NO_SHARE  # where that acknowledgement's share button is (see `share_place`)

    @property
    def message(self) -> dict[str, Any]:
        fresh = self._fresh
        if fresh is None:
            return self._decoded()
        self.seal()
        return fresh

    def peek(self) -> dict[str, Any]:
        """The message, not to be changed: the tree just built while there is one, else a decoded copy."""
        return self._fresh if self._fresh is not None else self._decoded()

    def seal(self) -> None:
        """Keep the message as its own bytes, and let the tree go (to the caller, or to the collector)."""
        if self._fresh is not None:
            if self._source is None:
                self.raw = json.dumps(self._fresh, separators=(",", ":")).encode()  # ASCII: lone surrogates too
            self._fresh = None

    def keep(self, template: AckTemplate, share_at: int | None) -> None:
        """Keep the message as `template`, the acknowledgement made from it with its share button at `share_at`
        (NO_SHARE: none); None when the message cannot be told back from it (blocks were cut to fit)."""
        if self._source is not None:
            return
        if share_at is None or template.cut is not None and template.cut < 0:
            self.seal()
            return
        self._source, self._share_at, self.raw, self._fresh = template, share_at, None, None

    def _decoded(self) -> dict[str, Any]:
        source = self._source
        if source is None:
            return json.loads(self.raw)  # type: ignore[arg-type]
        message = json.loads(source.head + source.tail)  # the acknowledgement to nobody's words
        del message["response_type"]
        if self._share_at == APPENDED:
            message["blocks"].pop()
        elif self._share_at != NO_SHARE:
            del message["blocks"][self._share_at]["elements"][0]
        return message


NO_SHARE = -2  # the acknowledgement has no share button (help, unknown)
APPENDED = -1  # the share button is a block of its own, added at the end


@lru_cache(maxsize=MESSAGE_CACHE_SIZE)
def cached_message(engine: Engine, question: Question) -> CachedMessage:
    """The message for an understood question, kept for the next person who asks the same thing.

    Answers depend only on what was understood (the wording is not part of a Question's identity)
    and on the knowledge base, which is fixed for the life of the process, so this cache is never stale.
    """
    return CachedMessage(message_for(engine, engine.advise(question)))


def message_for_question(engine: Engine, question: Question) -> dict[str, Any]:
    """The message for an understood question, from the cache of `cached_message`: a tree of its own."""
    return cached_message(engine, question).message


def ephemeral_answer(engine: Engine, question: Question, asked: str = "") -> dict[str, Any]:
    """A slash-command answer: the message plus "Share in channel" (not for help or unknown)."""
    message = message_for_question(engine, question)
    if question.intent in ("help", "unknown"):
        return message
    return with_share_button(message, question, asked)


@dataclass(frozen=True)
class AckTemplate:
    """A slash command's acknowledgement as bytes, with one gap for the words asked (the share button quotes
    them): `head + asked + tail`, `asked` cut to `cut` characters and escaped twice, as JSON inside JSON."""

    head: bytes
    tail: bytes = b""
    cut: int | None = None  # None: nothing is quoted, `head` is the whole body; -1: no template


def ack_body(message: dict[str, Any]) -> bytes:
    """What Bolt writes for `ack({"response_type": "ephemeral", **message})`: json.dumps of that dict."""
    return json.dumps({"response_type": "ephemeral", **message}).encode()


def ack_template(engine: Engine, question: Question, token: str) -> AckTemplate:
    """The acknowledgement for an understood question, serialised once, so that the next person who asks the
    same thing, in any words, costs a lookup and the escaping of their words (see `ephemeral_ack`).

    Kept with the cached message, by token: the share button carries the token, which also says which names
    the words gave (`said`, not part of a Question's identity)."""
    cached = cached_message(engine, question)
    template = cached.acks.get(token)
    if template is None:
        if len(cached.acks) >= ACKS_PER_MESSAGE:
            cached.acks.clear()
        template = cached.acks[token] = _template(cached, question, token)
    return template


def _template(cached: CachedMessage, question: Question, token: str) -> AckTemplate:
    """The template of `ephemeral_ack`, made from the cached message, which then keeps it as its bytes."""
    message = cached.peek()
    told_back = "response_type" not in message  # always (render_message sets none); else keep its own bytes
    if question.intent in ("help", "unknown"):
        template = AckTemplate(ack_body(message))
        cached.keep(template, NO_SHARE if told_back else None)
        return template
    cut = max(0, min(ASKED_CHARS, MAX_BUTTON_VALUE - len(token) - 40))
    body = ack_body(with_share_button(message, question, ASKED_SLOT if cut else ""))
    slot = json.dumps(ASKED_SLOT)[1:-1].encode()
    if not cut:
        template = AckTemplate(body)  # the button has no room to quote anything
    elif body.count(slot) != 1:  # the slot's escape also stands elsewhere: no safe template
        template = AckTemplate(b"", cut=-1)
    else:
        head, _, tail = body.partition(slot)
        template = AckTemplate(head, tail, cut)
    cached.keep(template, share_place(message) if told_back else None)
    return template


def ephemeral_ack(engine: Engine, question: Question, asked: str = "") -> bytes:
    """`ack_body(ephemeral_answer(engine, question, asked))`, byte for byte, from the template kept with
    the cached message."""
    template = ack_template(engine, question, question.to_token())
    if template.cut is None:
        return template.head
    if template.cut < 0:
        return ack_body(ephemeral_answer(engine, question, asked))
    quoted = json.dumps(asked[: template.cut], ensure_ascii=False)[1:-1]  # as share_value writes it
    return template.head + json.dumps(quoted)[1:-1].encode() + template.tail  # as json.dumps then writes that


def share_value(question: Question, asked: str) -> str:
    """What "Share in channel" carries: the understood question and the words it was asked in, so the
    channel sees what the answer answers. Within a button value's 2,000 characters."""
    token = question.to_token()
    room = MAX_BUTTON_VALUE - len(token) - 40
    return json.dumps({"token": token, "asked": asked[: max(0, min(ASKED_CHARS, room))]}, ensure_ascii=False)


def read_share_value(value: str) -> tuple[str, str]:
    """(question token, asked) from a share button; a bare token (older buttons) asked nothing."""
    try:
        data = json.loads(value)
    except ValueError:
        return value, ""
    if isinstance(data, dict) and isinstance(data.get("token"), str):
        return data["token"], str(data.get("asked") or "")
    return value, ""


def share_place(message: dict[str, Any]) -> int | None:
    """Where `with_share_button` puts the button: first in the last actions block with room (its index), else
    in a block of its own at the end (APPENDED), which cuts the blocks to fit when they are full (None)."""
    blocks = message["blocks"]
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i]["type"] == "actions" and len(blocks[i]["elements"]) < 25:
            return i
    return APPENDED if len(blocks) < MAX_BLOCKS else None


def with_share_button(message: dict[str, Any], question: Question, asked: str = "") -> dict[str, Any]:
    """Add "Share in channel" to an ephemeral answer; the button carries the question, not state."""
    share = button_dict("Share in channel", "share_in_channel", share_value(question, asked), style="primary")
    blocks = list(message["blocks"])
    at = share_place(message)
    if at is not None and at >= 0:
        blocks[at] = {**blocks[at], "elements": [share, *blocks[at]["elements"]]}
    else:
        blocks = blocks[: MAX_BLOCKS - 1] + [{"type": "actions", "elements": [share]}]
    return {**message, "blocks": blocks}


def shared_by(message: dict[str, Any], user_id: str, asked: str = "") -> dict[str, Any]:
    """The message as posted for everyone: who asked what, first, so the channel knows what it answers."""
    said = f" asked: “{escape(' '.join(asked.split()))}”" if asked.strip() else " shared this"
    credit = context_dict(f"<@{user_id}>{said} (via /pyframework)")
    return {**message, "blocks": [credit, *message["blocks"][: MAX_BLOCKS - 1]]}


def answer_for_token(engine: Engine, token: str) -> Answer | None:
    """Re-answer a question carried by a button; None for a malformed or outdated token."""
    question = Question.from_token(token, engine.kb) if token.startswith("{") else None
    return engine.advise(question) if question is not None else None


def details_message(engine: Engine, framework_id: str) -> dict[str, Any] | None:
    """A framework's whole card (the Details button of a card or a comparison)."""
    if framework_id not in engine.kb.frameworks:
        return None
    question = Question(text=framework_id, intent="info", frameworks=(framework_id,))
    return render_message(present_details(engine.advise(question), engine.kb))


def answer_details_message(engine: Engine, token: str) -> dict[str, Any] | None:
    """What an answer's Details button opens: the full ranking, caveats, sources, what the thread added."""
    answer = answer_for_token(engine, token)
    return render_message(present_details(answer, engine.kb)) if answer is not None else None


def compare_message(engine: Engine, framework_ids: list[str]) -> dict[str, Any] | None:
    ids = tuple(dict.fromkeys(f for f in framework_ids if f in engine.kb.frameworks))
    if len(ids) < 2:
        return None
    return message_for_question(engine, Question(text=" vs ".join(ids), intent="compare", frameworks=ids[:5]))


def decision_message(engine: Engine, token: str) -> dict[str, Any] | None:
    """The ADR as one Markdown document, for a recommendation or a comparison."""
    answer = answer_for_token(engine, token)
    if answer is None:
        return None
    if answer.question.intent not in ("recommend", "compare"):
        answer = engine.advisor.advise(replace(answer.question, intent="recommend"))
    return render_message(present_record(decision_record(answer, engine.kb, engine.advisor)))
