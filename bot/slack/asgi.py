"""The ASGI application uvicorn serves: limits first, then Slack's signature, then Bolt.

    POST /slack/events   every Slack request (commands, events, interactivity)
    GET  /healthz        the process is up (for a load balancer's liveness check)
    GET  /readyz         the store answers too (for the balancer's readiness check; 503 when not)

Before any parsing: too many or too large headers get 431; a body announced or found larger than
MAX_BODY gets 413 without being read; a body not received within the body timeout gets 408 (a client
trickling its body holds one coroutine, never a thread the others need); a missing or malformed
signature or timestamp gets 401; a stale timestamp or a wrong signature gets 401 from slack_sdk's
SignatureVerifier. Only then does Bolt parse the body. Each request logs one line: the route (never
what the request claims to be, unless its signature proved it), status and latency.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote_plus

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from bot import knowledge
from bot.config import ConfigError, Settings, load_settings, validate
from bot.slack import logs
from bot.slacktext import COMMAND

log = logging.getLogger("pyframework.http")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

EVENTS_PATH = "/slack/events"
MAX_BODY = 1024 * 1024
MAX_HEADERS = 64
MAX_HEADER_BYTES = 16 * 1024
TIMESTAMP = re.compile(rb"[0-9]{1,12}")
SIGNATURE = re.compile(rb"v0=[0-9a-f]{64}")
STOP_GRACE = 3.0
JSON = {"content-type": ["application/json;charset=utf-8"]}  # what Bolt sends with a JSON acknowledgement


class Reject(Exception):
    """Answer the request with `status` and a short plain-text reason, at once."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_headers(headers: list[tuple[bytes, bytes]]) -> dict[bytes, bytes]:
    """The request's headers by lower-case name, if they are sane; Reject otherwise."""
    if len(headers) > MAX_HEADERS or sum(len(k) + len(v) for k, v in headers) > MAX_HEADER_BYTES:
        raise Reject(431, "Request Header Fields Too Large")
    found = {k.lower(): v for k, v in headers}
    length = found.get(b"content-length")
    if length is not None and (not length.isdigit() or len(length) > 12):
        raise Reject(400, "Bad Content-Length")
    if length is not None and int(length) > MAX_BODY:
        raise Reject(413, "Payload Too Large")
    if not TIMESTAMP.fullmatch(found.get(b"x-slack-request-timestamp", b"")):
        raise Reject(401, "Unauthorized")
    if not SIGNATURE.fullmatch(found.get(b"x-slack-signature", b"")):
        raise Reject(401, "Unauthorized")
    return found


async def read_body(receive: Receive, timeout: float, limit: int = MAX_BODY) -> bytes:
    """The whole body within `timeout` seconds and `limit` bytes; Reject (408, 413) otherwise."""
    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    raise Reject(400, "Bad Request")  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise Reject(413, "Payload Too Large")
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
    except TimeoutError:
        raise Reject(408, "Request Timeout") from None


COMMAND_FIELDS = ("command", "text", "trigger_id")  # what a command's acknowledgement reads


def command_fields(raw: str, content_type: str | None) -> dict[str, str] | None:
    """The fields of a form-encoded body that a command's acknowledgement reads, and `ssl_check`, as Bolt's
    parse_body would give them (`dict(parse_qsl(raw, keep_blank_values=True))`: the last value of a name wins),
    decoding only those values; None for any body this does not cover (JSON, a `payload`, an encoded name),
    which parse_body then reads. parse_qsl decodes all of a command's dozen fields: 15 against 7 us per command
    of bench/http_mode.py's, in process."""
    if not raw or content_type == "application/json" or raw.startswith("{") or "payload" in raw:
        return None
    fields: dict[str, str] = {}
    for field in raw.split("&"):
        if field:
            name, _, value = field.partition("=")
            if "%" in name or "+" in name:
                return None
            fields[name] = value
    return {name: unquote_plus(fields[name], errors="replace") for name in (*COMMAND_FIELDS, "ssl_check")
            if name in fields}


class SlackHttp:
    """The ASGI app: lifespan starts and stops one worker's Runtime; HTTP requests as described above."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.verifier = SignatureVerifier(settings.signing_secret)
        self.runtime: Any = None
        self.stopping = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        elif scope["type"] == "http":
            await self.http(scope, receive, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    self.runtime = await self._start()
                except Exception as exc:
                    log.error("could not start: %s: %s", type(exc).__name__, exc)
                    await send({"type": "lifespan.startup.failed", "message": type(exc).__name__})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.stopping = True
                if self.runtime is not None:
                    await self.runtime.close(STOP_GRACE)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _start(self) -> Any:
        from bot.slack.app import start_runtime

        return await start_runtime(self.settings)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        method, path = scope.get("method", ""), scope.get("path", "")
        route, kind = "other", ""
        try:
            if path == EVENTS_PATH and method == "POST":
                route = f"POST {EVENTS_PATH}"
                status, headers, body, kind = await self.slack_request(scope, receive)
            elif path in ("/healthz", "/readyz") and method in ("GET", "HEAD"):
                route = f"GET {path}"
                status, headers, body = await (self.health() if path == "/healthz" else self.ready())
            else:
                status, headers, body = 404, {"content-type": "text/plain"}, b"Not Found"
        except Reject as reject:
            status, headers, body = reject.status, {"content-type": "text/plain"}, reject.reason.encode()
        except Exception as exc:  # a bug of ours: a 500, a log line, and the server keeps serving
            log.exception("error on %s (%s)", route, type(exc).__name__)
            status, headers, body = 500, {"content-type": "text/plain"}, b"Internal Server Error"
        await respond(send, status, headers, body)
        log.info("%s%s status=%s latency_ms=%.1f", route, f" kind={kind}" if kind else "", status,
                 (time.perf_counter() - started) * 1000)

    async def slack_request(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, Any], bytes, str]:
        """Limits, signature, then Bolt; returns status, headers, body and the verified kind."""
        found = check_headers(scope.get("headers") or [])
        try:
            raw = (await read_body(receive, self.settings.body_timeout)).decode("utf-8")
        except UnicodeDecodeError:
            raise Reject(400, "Bad Request") from None  # Slack sends UTF-8; nothing else is worth a look
        timestamp = found[b"x-slack-request-timestamp"].decode()
        if not self.verifier.is_valid(raw, timestamp, found[b"x-slack-signature"].decode()):
            raise Reject(401, "Unauthorized")
        if self.runtime is None or self.stopping:
            raise Reject(503, "Service Unavailable")  # Slack retries; another worker will take it
        answer = self.command_answer(raw, found.get(b"content-type", b"").decode("latin-1"))
        if answer is not None:
            return 200, JSON, answer, f"command:{COMMAND}"
        try:
            request = AsyncBoltRequest(body=raw, query=scope.get("query_string", b"").decode("latin-1"),
                                       headers={k.decode("latin-1"): v.decode("latin-1") for k, v in found.items()})
        except Exception:  # a signed body Bolt cannot parse
            raise Reject(400, "Bad Request") from None
        response = await self.runtime.app.async_dispatch(request)
        body = response.body.encode() if isinstance(response.body, str) else (response.body or b"")
        return response.status, response.headers, body, str(request.context.get("pyframework_kind") or "")

    def command_answer(self, raw: str, content_type: str) -> bytes | None:
        """The acknowledgement of a signed, plain `/pyframework` command, without Bolt's dispatch; None for
        anything else (events, clicks, Slack's ssl_check), which Bolt handles.

        Bolt would parse the body as here (its own parse_body), find no middleware with anything to say (the
        signature is checked above, the token at start-up), and ack what the listener of
        bot/slack/listeners/commands.py returns: the same bytes, without the dispatch that costs as much as
        the answer itself."""
        media_type = content_type.split(";")[0] or None
        body = command_fields(raw, media_type)
        if body is None:
            try:
                body = parse_body(raw, media_type)
            except Exception:
                return None  # a body Bolt cannot parse either: it is Bolt's to refuse (400 below)
        if not isinstance(body, dict) or body.get("command") != COMMAND or "ssl_check" in body:
            return None
        from bot.slack.listeners.commands import acknowledgement

        return acknowledgement(self.runtime.services, body)

    async def health(self) -> tuple[int, dict[str, Any], bytes]:
        return 200, {"content-type": "application/json"}, json.dumps({"ok": True}).encode()

    async def ready(self) -> tuple[int, dict[str, Any], bytes]:
        """Ready when started, not stopping, and the store answers within two seconds."""
        problem = "starting" if self.runtime is None else "stopping" if self.stopping else ""
        if not problem:
            try:
                async with asyncio.timeout(2.0):
                    await asyncio.to_thread(self.runtime.store.ping)
            except Exception as exc:
                log.warning("readiness: the store is unreachable (%s)", type(exc).__name__)
                problem = "store unreachable"
        body = json.dumps({"ok": not problem, **({"problem": problem} if problem else {})}).encode()
        return (503 if problem else 200), {"content-type": "application/json"}, body


async def respond(send: Send, status: int, headers: dict[str, Any], body: bytes) -> None:
    """Send one complete response; Bolt's headers map a name to a list of values."""
    raw: list[tuple[bytes, bytes]] = []
    for name, values in headers.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            if name.lower() != "content-length":
                raw.append((name.lower().encode("latin-1"), str(value).encode("latin-1")))
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def create_app() -> SlackHttp:
    """uvicorn's factory, called in each worker process: settings from the environment, logging set
    up for this process, the knowledge base checked; the Runtime starts in the lifespan."""
    settings = load_settings()
    logs.configure(settings.log_format)
    try:
        validate(settings, http=True)
        from bot.engine import default_engine, settle

        default_engine()
        settle()
    except (ConfigError, knowledge.KnowledgeError) as exc:
        log.error("cannot start: %s", exc)
        raise SystemExit(3) from exc
    return SlackHttp(settings)
