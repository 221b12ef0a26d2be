"""Build the Bolt app: Web API client with retries, manners middleware, and the listeners.

`process_before_response=True`: answers are computed in well under a millisecond, so listeners reply
inside the request instead of in a thread that Bolt polls every 10 ms; slow Web API work runs in
lazy listeners. Signature and timestamp verification stay on (Bolt's default).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from bot.config import Settings
from bot.engine import Engine, default_engine
from bot.slack.listeners import register_listeners
from bot.slack.retries import retry_handlers

log = logging.getLogger("pyframework.slack")

WEB_API_TIMEOUT = 10


def web_client(settings: Settings) -> WebClient:
    """A WebClient on SLACK_API_URL that retries 429 (honouring Retry-After), 5xx and connection errors."""
    return WebClient(
        token=settings.bot_token, base_url=settings.api_url, timeout=WEB_API_TIMEOUT,
        retry_handlers=retry_handlers(),
    )


def request_kind(body: dict) -> str:
    """`command:/pyframework`, `event:app_mention`, `action:details`... for one-line logs."""
    if body.get("command"):
        return f"command:{body['command']}"
    if body.get("type") == "event_callback":
        return f"event:{(body.get('event') or {}).get('type', '?')}"
    if body.get("type") == "block_actions":
        return f"action:{((body.get('actions') or [{}])[0]).get('action_id', '?')}"
    return str(body.get("type") or "unknown")


class SkipRetries(Middleware):
    """Slack retries a delivery it thinks failed; the first one was answered, so never answer twice.

    A Middleware class rather than a function: Bolt calls it without building keyword arguments,
    which matters on every request. It runs after Bolt's signature check, so forged retries still get 401.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        retry = req.headers.get("x-slack-retry-num")
        if retry:
            log.info("%s retry=%s outcome=skipped", request_kind(req.body), retry[0])
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        return next()


class LoggedApp(App):
    """Bolt's App, logging one line per request: kind, latency, outcome. Never tokens or message text."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        response = super().dispatch(req)
        log.info("%s status=%s latency_ms=%.1f", request_kind(req.body), response.status,
                 (time.perf_counter() - started) * 1000)
        return response


class _ClientTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it is unused when a client is given, as here
    (the client carries the same token plus SLACK_API_URL and retry handlers): not worth an operator's time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def build_app(settings: Settings, engine: Engine | None = None, *, client: WebClient | None = None,
              token_verification: bool = True) -> App:
    """The configured Bolt app; `engine` defaults to the bundled knowledge base."""
    engine = engine or default_engine()
    bolt_logger = logging.getLogger("pyframework.bolt")
    if not any(isinstance(f, _ClientTokenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ClientTokenNotice())
    app = LoggedApp(
        name="pyframework",
        signing_secret=settings.signing_secret or None,
        client=client or web_client(settings),
        process_before_response=True,
        token_verification_enabled=token_verification,
        logger=bolt_logger,
    )
    app.use(SkipRetries())
    register_listeners(app, engine)
    return app
