"""How calls to Slack are retried: rate limits (Retry-After, capped), 5xx answers, lost connections.

slack_sdk's async retry handlers do the work; this module only sets one policy and fixes two gaps:
502 and 504 count as server errors too, and Retry-After is capped (a header asking for an hour must not
park an answer for an hour) and read leniently ("1.5", "abc" or an HTTP date never raise). The waits
are asyncio sleeps, so one rate-limited answer never holds up another.

Calls that change nothing (reading a thread, publishing the App Home, setting a status) are retried
blindly. Posting an answer is not: after a 5xx or a lost connection the post may have gone through, so
bot/slack/delivery.py looks in the thread before trying again.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

MAX_RETRIES = 2
RETRY_AFTER_CAP = 30.0
RETRY_AFTER_DEFAULT = 1.0
SERVER_ERRORS = frozenset({500, 502, 503, 504})


def retry_after_seconds(headers: Mapping[str, Any] | None, cap: float = RETRY_AFTER_CAP) -> float:
    """Seconds to wait from a Retry-After header: a number (integer or not), else a default; capped."""
    for key, value in (headers or {}).items():
        if key.lower() != "retry-after":
            continue
        raw = value[0] if isinstance(value, Sequence) and not isinstance(value, str) and value else value
        try:
            seconds = float(str(raw).strip())
        except ValueError:
            return RETRY_AFTER_DEFAULT
        return min(max(seconds, 0.0), cap) if seconds == seconds else RETRY_AFTER_DEFAULT  # NaN
    return RETRY_AFTER_DEFAULT


class CappedRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, with a lenient and capped Retry-After (see retry_after_seconds)."""

    def __init__(self, max_retry_count: int = MAX_RETRIES, cap: float = RETRY_AFTER_CAP) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.cap = cap

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: HttpResponse | None = None,
                                             error: Exception | None = None) -> None:
        if response is None:
            raise error  # type: ignore[misc]  # as slack_sdk's own handler does
        state.next_attempt_requested = True
        await asyncio.sleep(retry_after_seconds(response.headers, self.cap) + random.random() / 4)
        state.increment_current_attempt()


class ServerErrorRetry(AsyncServerErrorRetryHandler):
    """slack_sdk's server-error handler also for 502 Bad Gateway and 504 Gateway Timeout."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        return response is not None and response.status_code in SERVER_ERRORS


def retry_handlers(*, idempotent: bool = True) -> list[AsyncRetryHandler]:
    """The handlers for one client. `idempotent=False` (posts): only a 429, which Slack guarantees was
    not acted on, is retried blindly."""
    handlers: list[AsyncRetryHandler] = [CappedRateLimitRetry()]
    if idempotent:
        handlers += [ServerErrorRetry(max_retry_count=MAX_RETRIES),
                     AsyncConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES)]
    return handlers
