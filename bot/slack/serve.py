"""Run the Slack app: Socket Mode, or HTTP on uvicorn (ASGI, uvloop and httptools).

HTTP mode serves every Slack request at POST /slack/events, with GET /healthz and GET /readyz for a load
balancer (bot/slack/asgi.py). Workers keep no state of their own: what must outlive a request is in the
store, so several processes and machines can serve one app (PostgreSQL through DATABASE_URL).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

from slack_sdk import WebClient

from bot import knowledge
from bot.config import ConfigError, Settings, load_settings, validate
from bot.slack import logs

log = logging.getLogger("pyframework.slack")

DEFAULT_PORT = 3000
DEFAULT_WORKERS = 2
GRACEFUL_SECONDS = 5
KEEP_ALIVE_SECONDS = 5


def _startup_check(http: bool) -> Settings:
    """Settings, knowledge base, token and store, checked once before any worker starts, so that a
    mistake is one clear line and exit 1 rather than workers dying one after another."""
    settings = load_settings()
    validate(settings, http=http)
    try:
        from bot.engine import default_engine

        default_engine()
    except knowledge.KnowledgeError as exc:
        raise ConfigError(str(exc)) from exc
    from slack_sdk.errors import SlackApiError

    try:
        WebClient(token=settings.bot_token, base_url=settings.api_url, timeout=10).auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        raise ConfigError(f"Slack refused the bot token at start-up: {error or 'no answer'}") from exc
    except Exception as exc:
        raise ConfigError(f"could not reach Slack's Web API at start-up ({type(exc).__name__})") from exc
    from bot.slack.app import open_configured_store
    from bot.store import StoreError

    try:
        open_configured_store(settings).close()  # applies the schema once, before the workers race to
    except StoreError as exc:
        raise ConfigError(str(exc)) from exc
    return settings


def serve_http(host: str, port: int, workers: int, app: str = "bot.slack.asgi:create_app") -> int:
    """uvicorn with `workers` processes; its supervisor restarts a worker that dies."""
    import uvicorn

    from bot.slack.protocol import HeaderDeadlineProtocol

    log.info("HTTP mode on %s:%s with %s workers; Slack request URL path: /slack/events", host, port, workers)
    uvicorn.run(app, factory=True, host=host, port=port, workers=workers, loop="uvloop", http=HeaderDeadlineProtocol,
                ws="none", lifespan="on", log_config=None, access_log=False, server_header=False,
                timeout_keep_alive=KEEP_ALIVE_SECONDS, timeout_graceful_shutdown=GRACEFUL_SECONDS,
                limit_concurrency=load_settings().max_connections)
    return 0


async def run_socket_mode(settings: Settings) -> None:
    """Bolt's async Socket Mode handler on the same Runtime as HTTP mode, until SIGINT or SIGTERM."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot.engine import settle
    from bot.slack.app import start_runtime

    runtime = await start_runtime(settings)
    settle()
    handler = AsyncSocketModeHandler(runtime.app, settings.app_token, web_client=runtime.services.outbox.client)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await handler.connect_async()
        log.info("Socket Mode: connected")
        await stop.wait()
    finally:
        await handler.close_async()
        await runtime.close()


def serve_socket_mode(settings: Settings) -> int:
    log.info("Socket Mode: connecting to Slack")
    import uvloop

    uvloop.run(run_socket_mode(settings))
    return 0


def main(*, http: bool = False, host: str | None = None, port: int | None = None, workers: int | None = None) -> int:
    settings = load_settings()
    logs.configure(settings.log_format if settings.log_format in ("text", "json") else "text")
    try:
        settings = _startup_check(http)
        if http:
            port = port if port is not None else int(os.environ.get("PORT", DEFAULT_PORT))
            return serve_http(host or "0.0.0.0", port, workers or DEFAULT_WORKERS)
        return serve_socket_mode(settings)
    except ConfigError as exc:
        print(f"pyframework: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"pyframework: bad setting: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        print(f"pyframework: could not start the Slack app: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
