"""A small fake of Slack's Web API on 127.0.0.1, for end-to-end tests (Slack itself is unreachable).

It records every call (Web API methods and response_url posts), answers the methods the app uses,
serves thread replies that a test sets up (and keeps every message the app posts in its thread, with its
metadata, as Slack does), can be told to fail the next calls of a method, or to hold calls unanswered
(having taken the message or not) until a test releases them: the hung Web API, and the post that went
through although its answer never came back. apps.connections.open returns `socket_url`.

Messages are held to Slack's Block Kit rules (tests/slack_rules.py) and refused as Slack refuses them:
`invalid_blocks` / `invalid_attachments`. With `refuse_newer_blocks`, it is a Slack that does not know
the blocks added since 2025 (tables, charts, markdown, feedback buttons).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from slack_rules import SURFACE_BLOCKS, problems

NEWER_BLOCKS = {"table", "data_visualization", "markdown", "context_actions"}
MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
SUMMARY = ("channel", "channel_id", "thread_ts", "text", "response_type", "delete_original", "_path")


class Hold:
    """Calls of one method held unanswered until `release()`; `arrived` counts them as they come."""

    def __init__(self, method: str, where: Callable[[dict[str, Any]], bool] | None, take: bool, times: int) -> None:
        self.method, self.where, self.take, self.left = method, where, take, times
        self.released = threading.Event()
        self.arrived = threading.Semaphore(0)
        self.count = 0

    def wait_arrived(self, timeout: float = 10.0) -> None:
        if not self.arrived.acquire(timeout=timeout):
            raise AssertionError(f"no {self.method} call arrived at the hold within {timeout}s")

    def release(self) -> None:
        self.released.set()


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.failures: dict[str, list[tuple[Any, ...]]] = {}
        self.holds: list[Hold] = []
        self.socket_url = ""
        self.refuse_newer_blocks = False
        self.refusals: list[list[str]] = []  # what was refused for its layout, and why
        self.users: dict[str, dict[str, Any]] = {}
        self.changed = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, method: str, status: int, body: dict[str, Any] | bytes | None = None,
                  headers: dict[str, str] | None = None, times: int = 1,
                  where: Callable[[dict[str, Any]], bool] | None = None, taken: bool = False) -> None:
        """Answer the next `times` calls of `method` (matching `where`, so stray calls of other tests
        cannot use the failure up) with `status` and `body` (bytes: sent as they are, e.g. a proxy's
        HTML page, with the Content-Type given in `headers`). taken=True: the post was made all the
        same (it is in the thread), as after a gateway timeout."""
        failure = (status, {"ok": False} if body is None else body, headers or {}, where, taken)
        self.failures.setdefault(method, []).extend([failure] * times)

    def hold(self, method: str, *, where: Callable[[dict[str, Any]], bool] | None = None, take: bool = True,
             times: int = 1) -> Hold:
        """Hold the next `times` calls of `method` (matching `where`) unanswered until released.

        take=True: Slack took the call (a post is in the thread) but its answer is late or lost;
        take=False: Slack never took it (nothing is recorded)."""
        hold = Hold(method, where, take, times)
        with self.changed:
            self.holds.append(hold)
        return hold

    def _take_hold(self, method: str, args: dict[str, Any]) -> Hold | None:
        with self.changed:
            for hold in self.holds:
                if (hold.method == method and hold.left > 0 and not hold.released.is_set()
                        and (hold.where is None or hold.where(args))):
                    hold.left -= 1
                    hold.count += 1
                    return hold
        return None

    def posts_in(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The app's messages in one thread, as a person in Slack would see them."""
        with self.changed:
            return [m for m in self.threads.get((channel, thread_ts), []) if m.get("bot_id") == BOT_ID]

    def _take_failure(self, method: str, args: dict[str, Any]) -> tuple[Any, ...] | None:
        pending = self.failures.get(method, [])
        for i, (status, body, headers, where, taken) in enumerate(pending):
            if where is None or where(args):
                del pending[i]
                return status, body, headers, taken
        return None

    def _layout_refusal(self, method: str, args: dict[str, Any]) -> tuple[Any, ...] | None:
        """Slack's answer to a message it cannot draw, or None."""
        if method not in MESSAGE_METHODS and method != "views.publish":
            return None
        def parsed(value: Any) -> Any:
            return json.loads(value) if isinstance(value, str) else value

        if method == "views.publish":
            view = parsed(args.get("view")) or {}
            found = problems({"text": "view", "blocks": view.get("blocks") or []}, limit=SURFACE_BLOCKS)
        else:
            message = {"text": args.get("text"), "blocks": parsed(args.get("blocks")) or [],
                       "attachments": parsed(args.get("attachments")) or []}
            found = problems(message)
            inner = [b for a in message["attachments"] for b in a.get("blocks") or ()]
            if self.refuse_newer_blocks and any(b.get("type") in NEWER_BLOCKS for b in message["blocks"] + inner):
                found.append("this Slack does not know the newer blocks")
        if not found:
            return None
        self.refusals.append(found)
        code = "invalid_attachments" if any("table" in f for f in found) else "invalid_blocks"
        if method == "response_url":
            return 400, code.encode(), {}, False
        return 200, {"ok": False, "error": code}, {}, False

    def reset(self) -> None:
        with self.changed:
            self.calls.clear()
            self.threads.clear()
            self.failures.clear()
            self.refusals.clear()
            self.refuse_newer_blocks = False
            for hold in self.holds:
                hold.release()
            self.holds.clear()

    def calls_to(self, method: str, where: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
        """Recorded arguments of `method` calls, oldest first, optionally only those matching `where`."""
        with self.changed:
            return [args for name, args in self.calls if name == method and (where is None or where(args))]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0,
                 where: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
        """Block until `count` calls of `method` (matching `where`) arrived: an event, not a sleep."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(found := self.calls_to(method, where)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    recent = [(name, {k: str(v)[:60] for k, v in args.items() if k in SUMMARY})
                              for name, args in self.calls[-15:]]
                    raise AssertionError(f"expected {count} call(s) to {method}; recent calls: {recent!r}")
                self.changed.wait(remaining)
            return found

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": "T1", "user": "pyframework"}
        if method == "conversations.replies":
            return {"ok": True, "messages": self.threads.get((args.get("channel"), args.get("ts")), []),
                    "has_more": False}
        if method == "chat.postMessage":
            return {"ok": True, "channel": args.get("channel"), "ts": args["_ts"], "message": {}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "users.info":
            user = str(args.get("user") or "")
            return {"ok": True, "user": {"id": user, "name": user.lower(), "is_admin": False, "is_owner": False,
                                         "is_primary_owner": False, **self.users.get(user, {})}}
        return {"ok": True}

    def _record(self, method: str, args: dict[str, Any]) -> tuple[Any, ...] | None:
        """Take a call as Slack would: log it, keep a posted message in its thread; the failure to
        answer with, if one was set up."""
        with self.changed:
            if method == "chat.postMessage":
                args["_ts"] = f"{time.time():.6f}"
                metadata = args.get("metadata")
                message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": args.get("text", ""),
                           "ts": args["_ts"], "thread_ts": args.get("thread_ts"),
                           "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata}
            failure = self._take_failure(method, args) or self._layout_refusal(method, args)
            if method == "chat.postMessage" and (failure is None or failure[3]):
                key = (args.get("channel"), args.get("thread_ts") or args["_ts"])
                self.threads.setdefault(key, []).append(message)
            self.calls.append((method, args))
            self.changed.notify_all()
            return failure

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Slack's API: clients reuse their connections
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (slack_sdk reads threads with GET and a query string)
                self.do_POST()

            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                path, _, query = self.path.partition("?")
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = dict(parse_qsl(raw))
                args.update(parse_qsl(query))
                if path.startswith("/response/"):
                    method = "response_url"
                    args["_path"] = path
                else:
                    method = path.rsplit("/", 1)[-1]
                args["_auth"] = self.headers.get("Authorization", "")
                hold = fake._take_hold(method, args)
                failure = fake._record(method, args) if hold is None or hold.take else None
                if hold is not None:
                    hold.arrived.release()
                    hold.released.wait(60)
                    if not hold.take:
                        self.close_connection = True
                        return  # Slack never took it; the connection just ends
                status, body, headers = failure[:3] if failure else (200, fake._answer(method, args), {})
                if isinstance(body, bytes):
                    payload = body
                elif method == "response_url" and not failure:
                    payload = b"ok"
                else:
                    payload = json.dumps(body if method != "response_url" else {"ok": True}).encode()
                self.send_response(status)
                headers = {"Content-Type": "application/json", **headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the app gave up on it
                    self.wfile.write(payload)

        return Handler
