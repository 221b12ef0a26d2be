"""Getting an answer into Slack exactly once, within a time budget, and telling the person when it can't.

Every answer is posted with Slack message metadata naming the event it answers. That mark is what makes
"exactly once" checkable after the fact: when a post's outcome is unknown (a 5xx, a timeout, a worker
that died between posting and recording it), the thread is read back and the mark looked for before
anything is posted again. A notice is only ever a plain sentence, never an upstream error page, and it
says "couldn't deliver" only when Slack definitely refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.render_slack import classic
from bot.slack.jobs import RetryLater
from bot.slack.retries import SERVER_ERRORS, retry_handlers
from bot.slacktext import escape

log = logging.getLogger("pyframework.slack")

ANSWER_EVENT = "pyframework_answer"
POST_ATTEMPTS = 3
RECHECK_PAUSE = 0.5  # a post that timed out may still be landing: look a moment later, not at once
THREAD_PAGES = 5
NOTICE_TIMEOUT = 5.0
RESPONSE_URL_TIMEOUT = 5

NOT_DELIVERED = ("I worked out an answer but Slack wouldn't take it ({reason}). Please try again; if it keeps "
                 "happening, tell whoever runs this app.")
NOT_CONFIRMED = ("Slack is answering slowly right now, so I couldn't confirm that my answer was posted. If you "
                 "don't see it in this thread, please try again in a moment.")
REPLY_NOT_CONFIRMED = ("Slack is answering slowly right now, so I couldn't confirm that my reply went through. If "
                       "you don't see it, please try again in a moment.")

REASONS = {  # Slack's error codes in plain words; anything else is named by its code
    "msg_too_long": "the message was too long",
    "invalid_blocks": "Slack couldn't show the message's layout",
    "channel_not_found": "I can't see this conversation",
    "not_in_channel": "I'm not a member of this channel",
    "is_archived": "the channel is archived",
    "ratelimited": "Slack asked me to slow down",
    "no_answer": "Slack didn't answer in time",
}
ERROR_CODE = re.compile(r"[a-z0-9_]{1,60}")
LAYOUT_REFUSED = frozenset({"invalid_blocks", "invalid_attachments", "invalid_blocks_format"})
"""Slack refused the message's layout: sent again in classic blocks (render_slack.classic), not lost."""


def error_code(exc: BaseException) -> str:
    """A short, safe name for what went wrong: Slack's error code, `http_502`, or the exception's kind.

    Never the response body: behind a proxy a 5xx carries an HTML page, and that is nobody's business.
    """
    response = getattr(exc, "response", None)
    data = getattr(response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    if isinstance(code, str) and ERROR_CODE.fullmatch(code):
        return code
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    if isinstance(status, int):
        return f"http_{status}"
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return "no_answer"
    return type(exc).__name__


def reason_in_words(code: str) -> str:
    if code in REASONS:
        return REASONS[code]
    if code.startswith("http_"):
        return f"Slack's servers had a problem, HTTP {code[5:]}"
    return f"Slack said {code}"


def notice(text: str) -> dict[str, Any]:
    return {"text": text, "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]}


def refused_notice(code: str) -> dict[str, Any]:
    return notice(NOT_DELIVERED.format(reason=escape(reason_in_words(code))))


def answer_metadata(event_id: str, *, kind: str = "answer") -> dict[str, Any]:
    return {"event_type": ANSWER_EVENT, "event_payload": {"event_id": event_id, "kind": kind}}


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return status if isinstance(status, int) else None


def _outcome_unknown(exc: BaseException) -> bool:
    """Did the post perhaps go through? Yes after a 5xx, a timeout or a connection lost mid-request;
    no when Slack answered with an error of its own (a 4xx, or 200 with ok=false) or a 429."""
    if isinstance(exc, SlackApiError):
        return _status(exc) in SERVER_ERRORS
    return isinstance(exc, asyncio.TimeoutError | TimeoutError | aiohttp.ClientError)


def _layout_refused(status: int, body: str | None) -> bool:
    """A response_url answers a layout it cannot draw with a 4xx naming the error in its body."""
    return 400 <= status < 500 and any(code in (body or "") for code in LAYOUT_REFUSED)


def _stop_if_cancelled() -> None:
    """Re-raise a cancellation that a library turned into an ordinary error.

    aiohttp reports a request cancelled mid-flight (a worker stopping) as a timeout; treated as one, the
    answer would go on retrying and noticing instead of stopping and staying pending for another worker.
    """
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


@dataclass(frozen=True)
class Posted:
    """How a post ended: `ok`, or refused with a code, or `unknown` (it may or may not be in Slack)."""

    ok: bool
    code: str = ""
    unknown: bool = False


class Outbox:
    """Posts to Slack for one worker: answers with their mark, notices, thread checks, button replies."""

    def __init__(self, client: AsyncWebClient, poster: AsyncWebClient, *, bot_user_id: str | None,
                 budget: float, reply_timeout: float = RESPONSE_URL_TIMEOUT) -> None:
        self.client = client  # retries everything: reading threads, statuses, App Home
        self.poster = poster  # retries only 429s: posts are retried here, after looking in the thread
        self.bot_user_id = bot_user_id
        self.budget = budget
        self.reply_timeout = reply_timeout

    async def already_posted(self, channel: str, thread_ts: str, event_id: str) -> bool:
        """Is a message of ours marked with `event_id` in the thread? False when it can't be read."""
        cursor = None
        for _ in range(THREAD_PAGES):
            try:
                page = await self.client.conversations_replies(channel=channel, ts=thread_ts, limit=200,
                                                               include_all_metadata=True, cursor=cursor)
            except Exception as exc:
                _stop_if_cancelled()
                log.warning("could not look for an earlier answer in the thread (%s)", error_code(exc))
                return False
            for message in page.get("messages") or []:
                metadata = message.get("metadata") or {}
                if (metadata.get("event_type") == ANSWER_EVENT
                        and (metadata.get("event_payload") or {}).get("event_id") == event_id):
                    return True
            cursor = ((page.get("response_metadata") or {}).get("next_cursor")) or None
            if not page.get("has_more") or not cursor:
                return False
        return False

    async def post_once(self, channel: str, thread_ts: str, event_id: str, message: dict[str, Any]) -> Posted:
        """Post `message` in the thread, marked with `event_id`; retry only once the thread shows that
        the earlier try did not land."""
        code, recheck = "no_answer", False
        for attempt in range(POST_ATTEMPTS):
            if recheck:  # the last try may have landed: look before posting again
                await asyncio.sleep(RECHECK_PAUSE * attempt)
                if await self.already_posted(channel, thread_ts, event_id):
                    return Posted(True)
            try:
                await self.poster.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                                   metadata=answer_metadata(event_id), **message)
                return Posted(True)
            except Exception as exc:
                _stop_if_cancelled()
                code = error_code(exc)
                plain = classic(message) if code in LAYOUT_REFUSED else None
                if plain is not None:  # a client or workspace without the newer blocks: the same answer, classic
                    log.warning("Slack refused a post's layout (%s); sending it in classic blocks", code)
                    message, recheck = plain, False  # a refusal: nothing landed, no need to look
                    continue
                if not _outcome_unknown(exc):
                    log.warning("Slack refused a post (%s)", code)
                    return Posted(False, code)
                log.warning("a post's outcome is unknown (%s), attempt %d", code, attempt + 1)
                recheck = True
        return Posted(False, code, unknown=True)

    async def deliver(self, channel: str, thread_ts: str, event_id: str,
                      compose: Callable[[], Awaitable[dict[str, Any]]], *, recovering: bool = False) -> Posted:
        """Compose and post one answer within the budget; if it can't be posted, post one notice.

        `recovering`: an earlier worker took this job and may have posted it before dying, so the
        thread is checked first and nothing is posted if the answer is there.
        """
        if recovering and await self.already_posted(channel, thread_ts, event_id):
            log.info("recovered job was already answered; not posting again")
            return Posted(True)
        try:
            async with asyncio.timeout(self.budget):
                posted = await self.post_once(channel, thread_ts, event_id, await compose())
        except TimeoutError:
            log.warning("an answer ran out of its %.0f s budget", self.budget)
            posted = Posted(False, "no_answer", unknown=True)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(NOTICE_TIMEOUT):
                    if await self.already_posted(channel, thread_ts, event_id):
                        posted = Posted(True)
        if not posted.ok and not await self._notify(channel, thread_ts, event_id, posted) and posted.unknown:
            raise RetryLater(posted.code)  # nothing reached Slack: the job stays pending, to be tried again
        return posted

    async def _notify(self, channel: str, thread_ts: str, event_id: str, posted: Posted) -> bool:
        """One notice, marked with the event like an answer (so a recovering worker won't answer again)."""
        message = notice(NOT_CONFIRMED) if posted.unknown else refused_notice(posted.code)
        try:
            async with asyncio.timeout(NOTICE_TIMEOUT):
                await self.poster.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                                   metadata=answer_metadata(event_id, kind="notice"), **message)
            return True
        except Exception as exc:
            _stop_if_cancelled()
            log.error("could not tell the person about an answer that was not posted (%s)", error_code(exc))
            return False

    async def call(self, what: str, send: Callable[[], Awaitable[Any]]) -> bool:
        """An idempotent call (App Home, statuses, prompts), within the budget; failures are logged."""
        try:
            async with asyncio.timeout(self.budget):
                await send()
            return True
        except Exception as exc:
            log.warning("%s failed (%s)", what, error_code(exc))
            return False

    async def respond(self, response_url: str, message: dict[str, Any], *, what: str, **kwargs: Any) -> bool:
        """Reply to a button click through its response_url; on failure, tell the clicker privately.

        Only 429s are retried blindly (an in-channel share retried after a 5xx could appear twice); the
        client gives up after `reply_timeout` seconds (at most RESPONSE_URL_TIMEOUT) instead of slack_sdk's 30.
        """
        client = AsyncWebhookClient(url=response_url, timeout=self.reply_timeout,  # type: ignore[arg-type]
                                    retry_handlers=retry_handlers(idempotent=False))
        try:
            async with asyncio.timeout(self.budget):
                result = await client.send_dict({**kwargs, **message})
                plain = classic(message) if _layout_refused(result.status_code, result.body) else None
                if plain is not None:
                    log.warning("Slack refused a reply's layout; sending it in classic blocks")
                    result = await client.send_dict({**kwargs, **plain})
            if result.status_code < 300:
                return True
            code, unknown = f"http_{result.status_code}", result.status_code in SERVER_ERRORS
        except Exception as exc:
            code, unknown = error_code(exc), _outcome_unknown(exc)
        log.warning("reply to a click failed: %s (%s)", what, code)
        private = {k: v for k, v in kwargs.items() if k != "response_type"} | {"response_type": "ephemeral"}
        told = notice(REPLY_NOT_CONFIRMED) if unknown else refused_notice(code)
        with contextlib.suppress(Exception):
            async with asyncio.timeout(NOTICE_TIMEOUT):
                await client.send_dict({**private, **told})
        return False
