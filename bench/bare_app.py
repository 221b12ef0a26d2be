"""A bare Bolt app for comparison: `/pyframework` acks static text, at Bolt's fastest.

It is served by the real app's own `bot.slack.serve.serve_http` (gunicorn, gthread workers, the same
threads, timeouts and preload), with only the WSGI application swapped, so the server setup cannot drift
from `pyframework serve --http`. bench/http_mode.py runs it next to the real app:

    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=<hex> SLACK_API_URL=http://127.0.0.1:PORT/api/ \
        .venv/bin/python -m bench.bare_app --host 127.0.0.1 --port 3001 --workers 2

`gunicorn -k gthread --threads 8 -w 2 'bench.bare_app:create()'` also works (same environment).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

STATIC_TEXT = "Flask or Django? It depends on what you are building."


def build_bolt_app(signing_secret: str, token: str, api_url: str) -> App:
    """process_before_response=True: Bolt's default runner polls for the ack every 10 ms."""
    app = App(signing_secret=signing_secret, client=WebClient(token=token, base_url=api_url),
              process_before_response=True)

    @app.command("/pyframework")
    def static_answer(ack: Ack) -> None:
        ack(response_type="ephemeral", text=STATIC_TEXT)

    return app


def wsgi_application(app: App) -> Callable[..., Iterable[bytes]]:
    """Bolt's WSGI adapter, plus GET /healthz so the bench can wait for it like the real app."""
    handler = SlackRequestHandler(app)
    health = json.dumps({"ok": True}).encode()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(health)))])
            return [health]
        return handler(environ, start_response)

    return application


def create() -> Callable[..., Iterable[bytes]]:
    """The WSGI application from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL."""
    api_url = os.environ.get("SLACK_API_URL") or "https://slack.com/api/"
    return wsgi_application(build_bolt_app(os.environ["SLACK_SIGNING_SECRET"], os.environ["SLACK_BOT_TOKEN"],
                                           api_url if api_url.endswith("/") else api_url + "/"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    from bot.slack import serve

    application = create()
    serve.wsgi_app = lambda _settings: application  # same server, same settings; only the app differs
    return serve.serve_http(None, args.host, args.port, args.workers)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
