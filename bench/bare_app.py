"""A bare Bolt app for comparison: `/pyframework` acks a fixed reply, at Bolt's fastest.

Two replies (`--reply`, or BARE_REPLY for the gunicorn form below):
  static  the issue's baseline: one line of static text (95 bytes on the wire);
  answer  one real pyframework answer (Block Kit, about 5 KB), computed once at start-up and acked for every
          request: what a reply of that size costs through Bolt with no work at all, so the bench can tell
          the price of the reply's size from the price of computing it.

It is served by the real app's own `bot.slack.serve.serve_http` (gunicorn, gthread workers, the same
threads, timeouts and preload), with only the WSGI application swapped, so the server setup cannot drift
from `pyframework serve --http`. bench/http_mode.py runs it next to the real app:

    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=<hex> SLACK_API_URL=http://127.0.0.1:PORT/api/ \
        .venv/bin/python -m bench.bare_app --host 127.0.0.1 --port 3001 --workers 2 [--reply answer]

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
REPLIES = ("static", "answer")
ANSWERED_QUESTION = "flask vs django"


def fixed_reply(kind: str) -> dict[str, Any]:
    """The keyword arguments for ack(): static text, or a real answer built once by the engine."""
    if kind == "static":
        return {"response_type": "ephemeral", "text": STATIC_TEXT}
    from bot.engine import default_engine
    from bot.slack.replies import ephemeral_answer

    engine = default_engine()
    return {"response_type": "ephemeral", **ephemeral_answer(engine, engine.understand(ANSWERED_QUESTION))}


def build_bolt_app(signing_secret: str, token: str, api_url: str, reply: str = "static") -> App:
    """process_before_response=True: Bolt's default runner polls for the ack every 10 ms."""
    app = App(signing_secret=signing_secret, client=WebClient(token=token, base_url=api_url),
              process_before_response=True)
    fixed = fixed_reply(reply)

    @app.command("/pyframework")
    def fixed_answer(ack: Ack) -> None:
        ack(**fixed)

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


def create(reply: str | None = None) -> Callable[..., Iterable[bytes]]:
    """The WSGI application from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and BARE_REPLY."""
    api_url = os.environ.get("SLACK_API_URL") or "https://slack.com/api/"
    reply = reply or os.environ.get("BARE_REPLY") or "static"
    return wsgi_application(build_bolt_app(os.environ["SLACK_SIGNING_SECRET"], os.environ["SLACK_BOT_TOKEN"],
                                           api_url if api_url.endswith("/") else api_url + "/", reply))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reply", choices=REPLIES, default="static", help="static text, or one real answer")
    args = parser.parse_args(argv)

    from bot.slack import serve

    application = create(args.reply)
    serve.wsgi_app = lambda _settings: application  # same server, same settings; only the app differs
    return serve.serve_http(None, args.host, args.port, args.workers)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
