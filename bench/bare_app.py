"""A bare Bolt app for comparison: `/pyframework` acks a fixed reply, at Bolt's fastest.

Two replies (`--reply`, or BARE_REPLY):
  static  the issue's baseline: one line of static text (95 bytes on the wire);
  answer  one real pyframework answer (Block Kit, about 5 KB), computed once at start-up and acked for every
          request: what a reply of that size costs through Bolt with no work at all, so the bench can tell
          the price of the reply's size from the price of computing it.

An `AsyncApp(process_before_response=True)` behind Bolt's own ASGI adapter, served by the real app's
`bot.slack.serve.serve_http` (uvicorn, uvloop, httptools, the same workers and timeouts), so the server
setup cannot drift from `pyframework serve --http`. bench/http_mode.py runs it next to the real app:

    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=<hex> SLACK_API_URL=http://127.0.0.1:PORT/api/ \
        .venv/bin/python -m bench.bare_app --host 127.0.0.1 --port 3001 --workers 2 [--reply answer]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

STATIC_TEXT = "Flask or Django? It depends on what you are building."
REPLIES = ("static", "answer")
ANSWERED_QUESTION = "flask vs django"
HEALTH = json.dumps({"ok": True}).encode()


def fixed_reply(kind: str) -> dict[str, Any]:
    """The keyword arguments for ack(): static text, or a real answer built once by the engine."""
    if kind == "static":
        return {"response_type": "ephemeral", "text": STATIC_TEXT}
    from bot.engine import default_engine
    from bot.slack.replies import ephemeral_answer

    engine = default_engine()
    return {"response_type": "ephemeral", **ephemeral_answer(engine, engine.understand(ANSWERED_QUESTION))}


def build_bolt_app(signing_secret: str, token: str, api_url: str, reply: str = "static") -> AsyncApp:
    """process_before_response=True, as the real app: the ack is the response."""
    app = AsyncApp(signing_secret=signing_secret, client=AsyncWebClient(token=token, base_url=api_url),
                   process_before_response=True)
    fixed = fixed_reply(reply)

    @app.command("/pyframework")
    async def fixed_answer(ack: AsyncAck) -> None:
        await ack(**fixed)

    return app


def asgi_application(app: AsyncApp) -> Callable[..., Awaitable[None]]:
    """Bolt's ASGI adapter at /slack/events, plus GET /healthz so the bench can wait for it like the real app."""
    handler = AsyncSlackRequestHandler(app)

    async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path") == "/healthz":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", b"12")]})
            await send({"type": "http.response.body", "body": HEALTH})
            return
        await handler(scope, receive, send)

    return application


def create() -> Callable[..., Awaitable[None]]:
    """uvicorn's factory: the ASGI app from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and BARE_REPLY."""
    api_url = os.environ.get("SLACK_API_URL") or "https://slack.com/api/"
    reply = os.environ.get("BARE_REPLY") or "static"
    return asgi_application(build_bolt_app(os.environ["SLACK_SIGNING_SECRET"], os.environ["SLACK_BOT_TOKEN"],
                                           api_url if api_url.endswith("/") else api_url + "/", reply))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reply", choices=REPLIES, default="static", help="static text, or one real answer")
    args = parser.parse_args(argv)
    os.environ["BARE_REPLY"] = args.reply  # read again by each worker process's factory

    from bot.slack import serve

    return serve.serve_http(args.host, args.port, args.workers, app="bench.bare_app:create")


if __name__ == "__main__":
    sys.exit(main())
