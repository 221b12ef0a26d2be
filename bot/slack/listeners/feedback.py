"""👍/👎 and "Not what I asked" on answers: each vote kept in the store, and a private word back.

Every answer (recommend, compare, info, list) carries Slack's feedback buttons, a `feedback_buttons` element
in a `context_actions` block (action_id `answer_feedback`, values `up <TOKEN>` and `down <TOKEN>`), and a
"Not what I asked" button (action_id `not_what_i_asked`, value `<TOKEN>`), where TOKEN is the understood
question (Question.to_token). So any worker can act on a click without remembering the answer.

A vote is one small insert, written before the ack (a person's vote on a message replaces their earlier
one); the reply is a job like any click's (bot/slack/listeners/actions.py), sent privately through the
click's response_url. A message is `<channel>:<ts>` of the message clicked, which Slack gives in the
payload's `container` for ephemeral slash-command answers as for messages in a thread.

Also here: logging what answers lacked (the gap log of bot/feedback.py), for the listeners that answer.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.feedback import INTENT_WORDS, need_labels, understood
from bot.knowledge import KnowledgeBase
from bot.question import Question
from bot.slack.delivery import error_code, notice
from bot.slack.listeners.actions import click_id
from bot.slack.services import Services
from bot.slacktext import clean, escape
from bot.store import Job

log = logging.getLogger("pyframework.slack")

VOTE_JOB = "answer_vote"
FEEDBACK_ACTIONS = ("answer_feedback", "not_what_i_asked")
THANKS_UP = "Thanks! Noted: it tells the people who keep my knowledge up to date what works."
THANKS_DOWN = ("Thanks for saying so: it's noted, so the people who keep my knowledge up to date can see which "
               "answers miss. If I misread the question, *Not what I asked* shows what I understood.")
STALE_VOTE = ("Thanks, but that answer is from an older version of me, so I couldn't note your vote. Please ask "
              "again and vote on the new answer.")
# One way to ask each kind of question clearly (tests check that each is read as its kind).
REPHRASE = {
    "recommend": "we need a REST API with auth and Swagger docs, team of 5",
    "compare": "django vs fastapi for a REST API with auth",
    "info": "does bottle support templates?",
    "list": "which async frameworks are there?",
}

_background: set[asyncio.Task[Any]] = set()


# --------------------------------------------------------------------------- reading a click


def parse_vote(action: dict[str, Any]) -> tuple[str, str] | None:
    """(vote, token) from a click: `up <TOKEN>` / `down <TOKEN>` of the feedback buttons, or the token of
    "Not what I asked"; None when the value has neither shape."""
    value = str(action.get("value") or "")
    if action.get("action_id") == "not_what_i_asked":
        return ("not_what_i_asked", value) if value else None
    word, _, token = value.partition(" ")
    return (word, token) if word in ("up", "down") and token else None


def message_id(body: dict[str, Any]) -> str | None:
    """`<channel>:<ts>` of the message clicked: the payload's container names it, ephemeral or not."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return f"{channel}:{ts}" if channel and ts else None


def question_of(token: str, kb: KnowledgeBase) -> Question | None:
    return Question.from_token(token, kb) if token.startswith("{") else None


def vote_job(body: dict[str, Any], vote: str, token: str, recorded: bool) -> dict[str, Any]:
    """What replying needs later, on any worker; where the answer is, to find its question's wording."""
    message, container = body.get("message") or {}, body.get("container") or {}
    return {"vote": vote, "token": token, "recorded": recorded, "message_id": message_id(body) or "",
            "response_url": str(body.get("response_url") or ""), "user": str((body.get("user") or {}).get("id") or ""),
            "channel": str(container.get("channel_id") or (body.get("channel") or {}).get("id") or ""),
            "answer_ts": str(container.get("message_ts") or message.get("ts") or ""),
            "thread_ts": str(message.get("thread_ts") or ""), "ephemeral": bool(container.get("is_ephemeral"))}


# --------------------------------------------------------------------------- what to say


def what_i_understood(question: Question, kb: KnowledgeBase) -> str:
    """Plain words for an understood question, and one way to ask it so that it is read as meant."""
    parts = [INTENT_WORDS.get(question.intent, question.intent)]
    names = [kb.frameworks[f].name for f in question.frameworks if f in kb.frameworks]
    if names:
        parts.append("about " + ", ".join(names))
    if question.needs:
        parts.append("needing " + need_labels(question.needs, kb))
    if question.negated:
        parts.append("without " + need_labels(question.negated, kb))
    if not names and not question.needs and question.intent in ("recommend", "compare"):
        parts.append("with no frameworks or needs named")
    example = REPHRASE.get(question.intent, REPHRASE["recommend"])
    return (f"Here's what I understood: you asked for {', '.join(parts)}.\nIf you meant something else, ask "
            f"again in one sentence that names the frameworks and says what you're building and what it needs, "
            f"for example `{escape(example)}`.")


def vote_reply(payload: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    question = question_of(payload["token"], kb) if payload.get("recorded") else None
    if question is None:
        return notice(STALE_VOTE)
    if payload["vote"] == "not_what_i_asked":
        return notice(escape(what_i_understood(question, kb)))
    return notice(THANKS_UP if payload["vote"] == "up" else THANKS_DOWN)


async def reply_to_vote(services: Services, job: Job) -> None:
    """Tell the voter privately, then, when the operator opted in, keep the wording of the question."""
    p = job.payload
    await services.outbox.respond(p["response_url"], vote_reply(p, services.engine.kb), what="feedback",
                                  response_type="ephemeral", replace_original=False)
    if p.get("recorded") and services.worker.store.store_text:
        await keep_wording(services, p)


async def keep_wording(services: Services, p: dict[str, Any]) -> None:
    """The question an answer in a thread was for: the newest message from a person before it.

    A click carries the answer, not the question, and an ephemeral slash-command answer has no thread to
    read, so its wording is never known. Failing to read the thread only means no wording is kept.
    """
    if p.get("ephemeral") or not p.get("thread_ts") or not p.get("answer_ts"):
        return
    outbox = services.outbox
    try:
        page = await outbox.client.conversations_replies(channel=p["channel"], ts=p["thread_ts"], limit=200)
        earlier = [m for m in page.get("messages") or [] if _from_a_person(m, outbox.bot_user_id)
                   and float(m.get("ts") or 0) < float(p["answer_ts"])]
        if earlier:
            text = clean(max(earlier, key=lambda m: float(m["ts"])).get("text"))
            await asyncio.to_thread(services.worker.store.add_vote_text, p["message_id"], text)
    except Exception as exc:
        log.warning("could not keep the wording of a voted answer's question (%s)", error_code(exc))


def _from_a_person(message: dict[str, Any], bot_user_id: str | None) -> bool:
    return (not message.get("bot_id") and not message.get("subtype") and bool(message.get("user"))
            and message.get("user") != bot_user_id)


# --------------------------------------------------------------------------- the gap log


def log_gaps(services: Services, answer_id: str, question: Question) -> asyncio.Task[Any] | None:
    """Log what the answer to `question` lacked, in a thread, without waiting: the answer goes out first
    and a store that fails is logged and forgotten (Feedback.note never raises).

    Notes wait in a list for the one task that writes them all in one trip to a thread, so a busy worker
    hands work to a thread once per batch, not once per answer. The task returned finishes once this note
    is written; None when there is nothing to note (no gap can show, no purge is due: most answers)."""
    if services.feedback is None or not services.feedback.has_work(question):
        return None
    global _writer
    _pending.append((services.feedback, answer_id, question))
    loop = asyncio.get_running_loop()
    if _writer is None or _writer.done() or _writer.get_loop() is not loop:
        _writer = loop.create_task(_write_pending(), name="log gaps")
        _background.add(_writer)
        _writer.add_done_callback(_background.discard)
    return _writer


_pending: list[tuple[Any, str, Question]] = []
_writer: asyncio.Task[Any] | None = None


async def _write_pending() -> None:
    while _pending:
        batch = _pending[:]
        del _pending[:len(batch)]
        await asyncio.to_thread(_note_all, batch)


def _note_all(batch: list[tuple[Any, str, Question]]) -> None:
    for feedback, answer_id, question in batch:
        feedback.note(answer_id, question)


async def drain(timeout: float = 2.0) -> None:
    """Let gap logging still running finish (a worker stopping), for at most `timeout` seconds."""
    if _background:
        await asyncio.wait(set(_background), timeout=timeout)


# --------------------------------------------------------------------------- listeners


def register(app: AsyncApp, services: Services) -> None:
    services.worker.handle(VOTE_JOB, lambda job: reply_to_vote(services, job))
    kb, store = services.engine.kb, services.worker.store

    async def accept_vote(ack: AsyncAck, body: dict) -> None:
        """Record the vote, then the reply's job, then ack: a click Slack saw answered is a vote kept."""
        parsed = parse_vote((body.get("actions") or [{}])[0])
        vote, token = parsed or ("", "")
        question = question_of(token, kb) if parsed else None
        where, user = message_id(body), str((body.get("user") or {}).get("id") or "")
        recorded = question is not None and bool(where) and bool(user)
        if recorded:
            await asyncio.to_thread(store.record_vote, message_id=where, user_id=user, vote=vote,
                                    question=understood(question))
        await services.worker.accept(click_id(body), VOTE_JOB, vote_job(body, vote, token, recorded))
        await ack()

    for action in FEEDBACK_ACTIONS:
        app.action(action)(accept_vote)
