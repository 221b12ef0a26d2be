"""Run the Slack app: Socket Mode, or HTTP on gunicorn (a production WSGI server).

HTTP mode serves every Slack request at POST /slack/events and a health check at GET /healthz.
Workers keep no state, so several machines can run behind a load balancer.
"""

from __future__ import annotations

import atexit
import json
import logging
import logging.handlers
import os
import queue
import sys
from collections.abc import Callable, Iterable
from typing import Any

from bot import knowledge
from bot.config import ConfigError, Settings, load_settings, validate

log = logging.getLogger("pyframework.slack")

DEFAULT_PORT = 3000
DEFAULT_WORKERS = 2
THREADS_PER_WORKER = 8


def _configure_logging() -> None:
    """Log lines go through a queue to one writer thread, so request threads never wait on stderr."""
    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    stream = logging.StreamHandler()
    stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()

    def start_writer() -> None:
        writer = logging.handlers.QueueListener(records, stream)
        writer.start()
        atexit.register(writer.stop)

    start_writer()
    os.register_at_fork(after_in_child=start_writer)  # threads do not survive gunicorn's fork
    logging.basicConfig(level=getattr(logging, level, logging.INFO), handlers=[logging.handlers.QueueHandler(records)])
    for noisy in ("slack_bolt", "slack_sdk", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _startup_check(http: bool) -> Settings:
    """Settings and knowledge base, or ConfigError with the one line to print."""
    settings = load_settings()
    validate(settings, http=http)
    try:
        from bot.engine import default_engine

        default_engine()
    except knowledge.KnowledgeError as exc:
        raise ConfigError(str(exc)) from exc
    return settings


def wsgi_app(settings: Settings) -> Callable[..., Iterable[bytes]]:
    """The WSGI application: Bolt at /slack/events, /healthz, and 400 for requests Bolt can't parse."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.slack.app import build_app

    handler = SlackRequestHandler(build_app(settings))

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            body = json.dumps({"ok": True}).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        try:
            return handler(environ, start_response)
        except Exception as exc:  # a body Bolt cannot parse must not take the worker down
            log.warning("bad request on %s (%s)", path, type(exc).__name__)
            body = b"Bad Request"
            start_response("400 Bad Request", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]

    return application


def serve_http(settings: Settings, host: str, port: int, workers: int) -> int:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", THREADS_PER_WORKER)
            self.cfg.set("timeout", 30)
            self.cfg.set("graceful_timeout", 5)
            self.cfg.set("preload_app", True)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")

        def load(self) -> Callable[..., Iterable[bytes]]:
            return wsgi_app(settings)

    log.info("HTTP mode on %s:%s with %s workers; Slack request URL path: /slack/events", host, port, workers)
    Server().run()
    return 0


def serve_socket_mode(settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack.app import build_app

    log.info("Socket Mode: connecting to Slack")
    SocketModeHandler(build_app(settings), settings.app_token).start()
    return 0


def main(*, http: bool = False, host: str | None = None, port: int | None = None, workers: int | None = None) -> int:
    _configure_logging()
    try:
        settings = _startup_check(http)
        if http:
            port = port if port is not None else int(os.environ.get("PORT", DEFAULT_PORT))
            return serve_http(settings, host or "0.0.0.0", port, workers or DEFAULT_WORKERS)
        return serve_socket_mode(settings)
    except ConfigError as exc:
        print(f"pyframework: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"pyframework: bad setting: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # e.g. auth.test refused the token at start-up
        print(f"pyframework: could not start the Slack app: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
