"""How the tests talk to the real app over HTTP: start it as a subprocess, sign requests as Slack does,
build the payloads Slack sends, and read what a person would see. Shared by the end-to-end, fault,
PostgreSQL and deployment tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import itertools
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from commands import PYFRAMEWORK
from fake_slack import BOT_USER_ID, FakeSlack

from bot.engine import default_engine

ROOT = Path(__file__).resolve().parent.parent
BOT_TOKEN = "xoxb-test"
SIGNING_SECRET = secrets.token_hex(16)
START_TIMEOUT = 30.0
REPLY_TIMEOUT = 10.0

_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    """A fresh id (channel, user, event) so that tests never see each other's calls."""
    return f"{prefix}{next(_numbers):05d}"


def new_ts() -> str:
    return f"{1700000000 + next(_numbers)}.{next(_numbers):06d}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    fake: FakeSlack
    process: subprocess.Popen
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def settled_log_length(self, quiet: float = 0.5, timeout: float = 20.0) -> int:
        """The log's length once nothing was added for `quiet` seconds: the lines of earlier requests
        reach the file through each worker's queue, later under load. Polls with a deadline."""
        deadline = time.monotonic() + timeout
        length, since = len(self.log()), time.monotonic()
        while time.monotonic() - since < quiet and time.monotonic() < deadline:
            time.sleep(0.05)  # polling interval, bounded by the deadline above
            if (now := len(self.log())) != length:
                length, since = now, time.monotonic()
        return length

    def log_since(self, start: int, pattern: str, count: int, timeout: float = 10.0) -> str:
        """The log after `start`, once `pattern` appears `count` times: lines reach the file through the
        server's log queue, a moment after the response. Polls with a deadline; fails with the log."""
        deadline = time.monotonic() + timeout
        while True:
            new = self.log()[start:]
            if len(re.findall(pattern, new)) >= count or time.monotonic() > deadline:
                return new
            time.sleep(0.02)  # polling interval, bounded by the deadline above


# --------------------------------------------------------------------------- HTTP and signing helpers

def http_request(port: int, method: str, path: str, body: bytes = b"",
                 headers: dict[str, str] | None = None, timeout: float = 15) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def slack_signature(body: bytes, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    """Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post_signed(server: Server, body: bytes, content_type: str, *, timestamp: str | None = None,
                secret: str = SIGNING_SECRET, extra_headers: dict[str, str] | None = None,
                signature: str | None = None) -> tuple[int, dict[str, str], bytes]:
    timestamp = timestamp or str(int(time.time()))
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature or slack_signature(body, timestamp, secret),
        **(extra_headers or {}),
    }
    return http_request(server.port, "POST", "/slack/events", body, headers)


def command_body(text: str, *, user: str = "U1", channel: str = "C1", response_url: str = "") -> bytes:
    return urlencode({
        "token": "legacy-verification-token", "team_id": "T1", "team_domain": "acme", "channel_id": channel,
        "channel_name": "design", "user_id": user, "user_name": "ada", "command": "/pyframework", "text": text,
        "api_app_id": "A1", "is_enterprise_install": "false", "response_url": response_url or "https://example.invalid/r",
        "trigger_id": "1.2.3",
    }).encode()


def send_command(server: Server, text: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    status, _, raw = post_signed(server, command_body(text, **kwargs), "application/x-www-form-urlencoded")
    return status, (json.loads(raw) if raw.strip() else {})


def event_body(event: dict[str, Any], *, event_id: str | None = None) -> bytes:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event": event, "event_id": event_id or unique("Ev"), "event_time": int(time.time()),
        "authorizations": [{"team_id": "T1", "user_id": BOT_USER_ID, "is_bot": True}],
    }).encode()


def send_event(server: Server, event: dict[str, Any], *, event_id: str | None = None,
               extra_headers: dict[str, str] | None = None, **kwargs: Any) -> int:
    body = event_body(event, event_id=event_id)
    status, _, _ = post_signed(server, body, "application/json", extra_headers=extra_headers, **kwargs)
    return status


def click(server: Server, action_id: str, value: str, response_url: str, *, user: str = "U1",
          channel: str = "C1") -> int:
    payload = {
        "type": "block_actions", "user": {"id": user, "username": "ada", "team_id": "T1"},
        "api_app_id": "A1", "token": "legacy-verification-token", "container": {"type": "message"},
        "trigger_id": unique("1.2."), "team": {"id": "T1", "domain": "acme"},
        "channel": {"id": channel, "name": "design"},
        "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "b1", "type": "button", "value": value,
                     "text": {"type": "plain_text", "text": action_id}, "action_ts": str(time.time())}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    status, _, _ = post_signed(server, body, "application/x-www-form-urlencoded")
    return status


def mention(channel: str, text: str, *, ts: str | None = None, thread_ts: str | None = None,
            user: str = "U1", **extra: Any) -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts or new_ts(),
             "channel": channel, "event_ts": str(time.time()), **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(channel: str, text: str, *, ts: str | None = None, thread_ts: str | None = None,
                   user: str = "U1", **extra: Any) -> dict[str, Any]:
    event = {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts or new_ts(),
             "channel": channel, "event_ts": str(time.time()), **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def in_channel(channel: str) -> Callable[[dict[str, Any]], bool]:
    return lambda args: args.get("channel") == channel or args.get("channel_id") == channel


def at_path(path: str) -> Callable[[dict[str, Any]], bool]:
    return lambda args: args.get("_path") == path


def new_response_url(server: Server) -> tuple[str, str]:
    path = f"/response/{unique('R')}"
    return server.fake.url + path, path


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Buttons of a message by action_id (the first of each), from action rows and section accessories."""
    found: dict[str, dict[str, Any]] = {}
    for block in blocks_of(message):
        elements = list(block.get("elements") or []) if block["type"] == "actions" else []
        if block.get("accessory"):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button":
                found.setdefault(element["action_id"], element)
    return found


def block_texts(message: dict[str, Any]) -> str:
    """Everything a person can read in the blocks, joined."""
    out: list[str] = []

    def walk(node: Any, key: str | None = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key == "text":
            out.append(node)

    walk(blocks_of(message))
    return "\n".join(out)


def barrier(server: Server, timeout: float = REPLY_TIMEOUT) -> None:
    """A fresh DM that must be answered: once it is, the app has processed everything sent before it."""
    channel = unique("DBAR")
    assert send_event(server, direct_message(channel, "flask vs django")) == 200
    server.fake.wait_for("chat.postMessage", where=in_channel(channel), timeout=timeout)


def calls_about(fake: FakeSlack, channels: set[str]) -> list[tuple[str, dict[str, Any]]]:
    with fake.changed:
        return [(name, args) for name, args in fake.calls
                if args.get("channel") in channels or args.get("channel_id") in channels]


KB = default_engine().kb
ANSWER_HEADING = re.compile(r"^(?:My pick: |Instead of [^:]+: |Of [^:]+: |For your [^:]+ project: (?:stay on )?)"
                            r"(.+?)\. ")


def top_pick(text: str):
    """The framework an answer puts first, as its first sentence says ("My pick: X. …", "Instead of Y: X. …")."""
    match = ANSWER_HEADING.search(text)
    assert match, f"no pick in {text[:300]!r}"
    names = {fw.name: fw for fw in KB.frameworks.values()}
    return names[match.group(1).strip()]


def table_rows(message: dict[str, Any]) -> list[list[str]]:
    """The message's table (Slack wants it in the attachments), as rows of cell texts."""
    for attachment in message.get("attachments") or ():
        for block in attachment.get("blocks") or ():
            if block.get("type") == "table":
                return [[cell["text"] for cell in row] for row in block["rows"]]
    return []


def markdown_of(message: dict[str, Any]) -> str:
    """The text of the message's markdown block (the decision record)."""
    return next(b["text"] for b in blocks_of(message) if b["type"] == "markdown")


# --------------------------------------------------------------------------- starting the app


def server_env(fake: FakeSlack, workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a served app: this process's, less any Slack or store settings, plus ours."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "PYFRAMEWORK_")) and k not in ("LOG_LEVEL", "LOG_FORMAT", "DATABASE_URL")}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.url + "/api/",
               PYTHONUNBUFFERED="1", PYFRAMEWORK_DB=str(workdir / "state.db"))
    env.update(extra)
    return env


def start_server(fake: FakeSlack, workdir: Path, *, workers: int = 2, port: int | None = None,
                 argv: list[str] | None = None, log_name: str = "server.log", **env: str) -> Server:
    """`pyframework serve --http` on 127.0.0.1 (in its own process group), once /healthz answers."""
    port = port or free_port()
    log_path = workdir / log_name
    full_env = server_env(fake, workdir, **env)
    command = argv or [*PYFRAMEWORK, "serve", "--http", "--host", "127.0.0.1", "--port", str(port),
                       "--workers", str(workers)]
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(command, cwd=workdir, env=full_env, stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(port=port, fake=fake, process=process, log_path=log_path, env=full_env)
    wait_healthy(server)
    return server


def wait_healthy(server: Server, path: str = "/healthz", timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise AssertionError(f"server exited with {server.process.returncode}:\n{server.log()[-3000:]}")
        try:
            if http_request(server.port, "GET", path, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"server did not answer {path} within {timeout}s:\n{server.log()[-3000:]}")
        time.sleep(0.05)  # polling interval of the readiness loop, bounded by the deadline above


def stop_server(server: Server, *, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
    """Signal the server's supervisor (SIGTERM: graceful) and wait; SIGKILL the whole group if needed."""
    if server.process.poll() is None:
        server.process.send_signal(sig)
    try:
        return server.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(server)
        return server.process.wait()


def kill_group(server: Server) -> None:
    """kill -9 the supervisor and every worker at once: a machine or container dying."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait()


def worker_pids(server: Server) -> list[int]:
    """The worker processes of the server's supervisor (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == server.process.pid:
                found.append(int(entry.name))
    return found


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `condition` until it is truthy, with a deadline; fail saying `what` was awaited."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)  # polling interval, bounded by the deadline above
    return value


def pending_jobs(server: Server) -> list[Any]:
    """The answers the server's store still holds as pending (the SQLite file the test gave it)."""
    from bot.store import open_store

    store = open_store(sqlite_path=server.env["PYFRAMEWORK_DB"], migrate=False)
    try:
        return store.pending()
    finally:
        store.close()


def wait_settled(server: Server, timeout: float = 20.0) -> None:
    """Until no answer is pending in the server's store: every job was posted, noticed or given up."""
    wait_until(lambda: not pending_jobs(server), timeout, "every pending answer to settle")
