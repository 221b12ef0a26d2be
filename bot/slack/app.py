"""Build the Bolt app (AsyncApp) and what it runs on in one worker: store, Web API clients, job worker.

`process_before_response=True`: a slash command's answer is computed in about a millisecond, so it
travels in the acknowledgement; an event's listener records the event and its job before the 200 goes
out. Signature and timestamp verification stay on (Bolt's default), behind the HTTP layer's own limits.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.engine import Engine, default_engine
from bot.feedback import Feedback
from bot.slack.delivery import RESPONSE_URL_TIMEOUT, Outbox
from bot.slack.jobs import Worker
from bot.slack.listeners import register_listeners
from bot.slack.listeners.feedback import drain as drain_gap_log
from bot.slack.retries import retry_handlers
from bot.slack.services import Services
from bot.store import Store, open_store

log = logging.getLogger("pyframework.slack")

SAFE_KIND = re.compile(r"[^A-Za-z0-9_:/.-]")


def request_kind(body: dict) -> str:
    """`command:/pyframework`, `event:app_mention`, `action:details`... for one-line logs.

    Only ever called on a verified request (see VerifiedKind), and cleaned even then: a log line is
    one line, whatever a payload holds.
    """
    if body.get("command"):
        kind = f"command:{body['command']}"
    elif body.get("type") == "event_callback":
        kind = f"event:{(body.get('event') or {}).get('type', '?')}"
    elif body.get("type") == "block_actions":
        kind = f"action:{((body.get('actions') or [{}])[0]).get('action_id', '?')}"
    else:
        kind = str(body.get("type") or "unknown")
    return SAFE_KIND.sub("?", kind)[:60]


class VerifiedKind(AsyncMiddleware):
    """Notes what a request is, for the request's log line. It runs after Bolt's signature check, so
    an unsigned request never gets to name itself in the logs."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        req.context["pyframework_kind"] = request_kind(req.body)
        return await next()


class _ClientTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it is unused when a client is given, as here
    (the client carries the same token plus SLACK_API_URL and retry handlers): not worth an operator's time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def web_client(settings: Settings, session: aiohttp.ClientSession | None = None, *,
               idempotent: bool = True) -> AsyncWebClient:
    """An AsyncWebClient on SLACK_API_URL with the retry policy of bot/slack/retries.py."""
    return AsyncWebClient(token=settings.bot_token, base_url=settings.api_url, timeout=settings.api_timeout,
                          retry_handlers=retry_handlers(idempotent=idempotent), session=session)


def build_app(settings: Settings, services: Services, client: AsyncWebClient) -> AsyncApp:
    """The configured Bolt app with every listener registered.

    `client` must not hold a shared aiohttp session: Bolt deep-copies the request, client included,
    for each lazy listener, and a session bound to the event loop cannot be copied.
    """
    bolt_logger = logging.getLogger("pyframework.bolt")
    if not any(isinstance(f, _ClientTokenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ClientTokenNotice())
    app = AsyncApp(
        name="pyframework",
        signing_secret=settings.signing_secret or None,
        client=client,
        process_before_response=True,
        request_verification_enabled=bool(settings.signing_secret),  # Socket Mode needs no signature
        logger=bolt_logger,
    )
    app.use(VerifiedKind())
    register_listeners(app, services)
    return app


@dataclass
class Runtime:
    """One worker's running parts; `close()` hands unfinished jobs on and releases everything."""

    app: AsyncApp
    services: Services
    store: Store
    session: aiohttp.ClientSession

    async def close(self, grace: float = 3.0) -> None:
        try:
            await self.services.worker.stop(grace)
            await drain_gap_log()
        finally:
            await self.session.close()
            await asyncio.to_thread(self.store.close)


def open_configured_store(settings: Settings) -> Store:
    return open_store(settings.database_url, settings.db_path or None, store_text=settings.store_text)


async def start_runtime(settings: Settings, engine: Engine | None = None, *, store: Store | None = None) -> Runtime:
    """Open the store (migrating it), learn the bot's user id, build the app and start the job worker.

    The worker sweeps at once, so a restarted process picks up what its predecessor left pending.
    """
    store = store or await asyncio.to_thread(open_configured_store, settings)
    # The session's timeout is the one that counts: slack_sdk ignores a client's own with a shared session.
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=settings.api_timeout))
    try:
        client = web_client(settings, session)
        auth = await client.auth_test()
        outbox = Outbox(client, web_client(settings, session, idempotent=False), bot_user_id=auth.get("user_id"),
                        budget=settings.answer_budget, reply_timeout=min(RESPONSE_URL_TIMEOUT, settings.api_timeout))
        engine = engine or default_engine()
        services = Services(engine, Worker(store, lease=settings.lease_seconds), outbox, Feedback(engine, store))
        app = build_app(settings, services, web_client(settings))  # Bolt's own, without the shared session
        await services.worker.start()
    except BaseException:
        await session.close()
        raise
    return Runtime(app, services, store, session)
