"""A small fake of Slack's Web API on 127.0.0.1, for end-to-end tests (Slack itself is unreachable).

It records every call (Web API methods and response_url posts), answers the methods the app uses,
serves thread replies that a test sets up, and can be told to fail the next calls of a method.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
SUMMARY = ("channel", "channel_id", "thread_ts", "text", "response_type", "delete_original", "_path")


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = {}
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

    def fail_next(self, method: str, status: int, body: dict[str, Any] | None = None,
                  headers: dict[str, str] | None = None, times: int = 1,
                  where: Callable[[dict[str, Any]], bool] | None = None) -> None:
        """Answer the next `times` calls of `method` (matching `where`, so stray calls of other tests
        cannot use the failure up) with `status` and `body`."""
        failure = (status, body or {"ok": False}, headers or {}, where)
        self.failures.setdefault(method, []).extend([failure] * times)

    def _take_failure(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]] | None:
        pending = self.failures.get(method, [])
        for i, (status, body, headers, where) in enumerate(pending):
            if where is None or where(args):
                del pending[i]
                return status, body, headers
        return None

    def reset(self) -> None:
        with self.changed:
            self.calls.clear()
            self.threads.clear()
            self.failures.clear()

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
            return {"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}", "message": {}}
        return {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = dict(parse_qsl(raw))
                if self.path.startswith("/response/"):
                    method = "response_url"
                    args["_path"] = self.path
                else:
                    method = self.path.rsplit("/", 1)[-1]
                args["_auth"] = self.headers.get("Authorization", "")
                with fake.changed:
                    fake.calls.append((method, args))
                    fake.changed.notify_all()
                    failure = fake._take_failure(method, args)
                status, body, headers = failure or (200, fake._answer(method, args), {})
                payload = json.dumps(body if method != "response_url" else {"ok": True}).encode() \
                    if method != "response_url" or failure else b"ok"
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler
