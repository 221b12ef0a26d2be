"""Socket Mode end to end: `pyframework serve` (no --http) against a local WebSocket server that speaks
Slack's Socket Mode envelope protocol, found through apps.connections.open on the fake Web API.

The server says hello, sends envelopes (events_api, slash_commands) and records the app's
acknowledgements by envelope_id; it then asks the app to reconnect (a `disconnect` envelope, as Slack
sends before it refreshes a connection) and drops it, and the app must open a new connection and go on
answering. Answers are what a person sees: one message in the thread, the ephemeral command reply.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from commands import PYFRAMEWORK
from fake_slack import FakeSlack
from slackhttp import BOT_TOKEN, in_channel, mention, new_ts, server_env, unique, wait_until
from websockets.asyncio.server import ServerConnection, serve
from websockets.protocol import State

START_TIMEOUT = 30.0
_envelopes = itertools.count(1)


class FakeSocketMode:
    """Slack's Socket Mode side: one WebSocket endpoint in a thread, speaking the envelope protocol."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.connections: list[ServerConnection] = []
        self.acks: dict[str, dict[str, Any]] = {}
        self.changed = threading.Condition()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=test"

    def _run(self, ready: threading.Event) -> None:
        async def main() -> None:
            self._stopped = asyncio.get_running_loop().create_future()
            async with serve(self._connection, "127.0.0.1", 0) as server:
                self.port = server.sockets[0].getsockname()[1]
                ready.set()
                await self._stopped

        self.loop.run_until_complete(main())
        self.loop.close()

    async def _connection(self, connection: ServerConnection) -> None:
        with self.changed:
            self.connections.append(connection)
            self.changed.notify_all()
        await connection.send(json.dumps({
            "type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
            "debug_info": {"host": "fake-socket-mode", "build_number": 1, "approximate_connection_time": 18060}}))
        async for raw in connection:
            message = json.loads(raw)
            with self.changed:
                if message.get("envelope_id"):
                    self.acks[message["envelope_id"]] = message
                self.changed.notify_all()

    def wait_connections(self, count: int, timeout: float = START_TIMEOUT) -> ServerConnection:
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(self.connections) < count:
                if not self.changed.wait(max(deadline - time.monotonic(), 0)) and time.monotonic() > deadline:
                    raise AssertionError(f"the app opened {len(self.connections)} of {count} connections")
            return self.connections[count - 1]

    def send(self, envelope_type: str, payload: dict[str, Any], *, retry_attempt: int = 0,
             response_payload: bool = False) -> str:
        """Send one envelope on the newest connection; its envelope_id."""
        envelope_id = f"env-{next(_envelopes)}"
        message = {"envelope_id": envelope_id, "type": envelope_type, "payload": payload,
                   "accepts_response_payload": response_payload, "retry_attempt": retry_attempt,
                   "retry_reason": "timeout" if retry_attempt else ""}
        connection = [c for c in self.connections if c.state is State.OPEN][-1]
        asyncio.run_coroutine_threadsafe(connection.send(json.dumps(message)), self.loop).result(5)
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while envelope_id not in self.acks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no ack for {envelope_id}; acks so far: {sorted(self.acks)}")
                self.changed.wait(remaining)
            return self.acks[envelope_id]

    def refresh(self) -> None:
        """What Slack does before it retires a connection: a `disconnect` envelope (the app is to open a
        new connection and leave this one)."""
        message = json.dumps({"type": "disconnect", "reason": "refresh_requested",
                              "debug_info": {"host": "fake-socket-mode"}})
        asyncio.run_coroutine_threadsafe(self.connections[-1].send(message), self.loop).result(5)

    def drop(self) -> None:
        """The connection breaks without a word (a network failure, a restarted Slack server)."""
        asyncio.run_coroutine_threadsafe(self.connections[-1].close(), self.loop).result(5)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self._stopped.set_result, None)
        self.thread.join(10)


@pytest.fixture(scope="module")
def slack() -> Iterator[tuple[FakeSlack, FakeSocketMode]]:
    fake, sockets = FakeSlack().start(), FakeSocketMode()
    fake.socket_url = sockets.url
    yield fake, sockets
    sockets.stop()
    fake.stop()


@dataclass
class App:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="module")
def app(slack: tuple[FakeSlack, FakeSocketMode], tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    fake, sockets = slack
    workdir: Path = tmp_path_factory.mktemp("socket")
    env = server_env(fake, workdir, SLACK_APP_TOKEN="xapp-test")
    env.pop("SLACK_SIGNING_SECRET")  # Socket Mode needs none
    with open(workdir / "app.log", "wb") as log:
        process = subprocess.Popen([*PYFRAMEWORK, "serve"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        sockets.wait_connections(1)
        yield App(process, workdir / "app.log")
    finally:
        process.terminate()
        process.wait(15)


def event_envelope(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event": event,
            "event_id": event_id, "event_time": int(time.time()),
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]}


def test_the_app_finds_the_socket_through_apps_connections_open(app: App, slack: Any) -> None:
    fake, _ = slack
    (call,) = fake.calls_to("apps.connections.open")[:1]
    assert call["_auth"] == "Bearer xapp-test"  # the app-level token, never the bot token
    assert BOT_TOKEN not in call["_auth"]


def test_an_event_envelope_is_acked_by_its_id_and_answered_once(app: App, slack: Any) -> None:
    fake, sockets = slack
    channel, ts, event_id = unique("CS"), new_ts(), unique("EvSock")
    payload = event_envelope(mention(channel, "flask vs django", ts=ts), event_id)
    envelope_id = sockets.send("events_api", payload)
    assert sockets.wait_ack(envelope_id) == {"envelope_id": envelope_id}
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == ts and "Flask" in post["text"]
    again = sockets.send("events_api", payload, retry_attempt=1)  # Slack redelivers an unacked envelope
    sockets.wait_ack(again)
    wait_until(lambda: "event thread_answer: duplicate" in app.log(), 10, "the redelivery to be recognised")
    barrier_channel = unique("CS")
    barrier_id = sockets.send("events_api", event_envelope(mention(barrier_channel, "bottle vs flask"),
                                                           unique("EvSock")))
    sockets.wait_ack(barrier_id)
    fake.wait_for("chat.postMessage", where=in_channel(barrier_channel))
    assert len(fake.posts_in(channel, ts)) == 1


def test_a_slash_command_envelope_is_answered_in_its_ack(app: Any, slack: Any) -> None:
    _, sockets = slack
    command = {"command": "/pyframework", "text": "django vs fastapi", "user_id": "U1", "channel_id": "C1",
               "team_id": "T1", "response_url": "https://example.invalid/r", "trigger_id": "t"}
    envelope_id = sockets.send("slash_commands", command, response_payload=True)
    ack = sockets.wait_ack(envelope_id)
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "Django" in ack["payload"]["text"] and "FastAPI" in ack["payload"]["text"]


@pytest.mark.parametrize("how", ["disconnect-envelope", "dropped-connection"])
def test_the_app_reconnects_and_goes_on_answering(app: App, slack: Any, how: str) -> None:
    fake, sockets = slack
    before = len(fake.calls_to("apps.connections.open"))
    count = len(sockets.connections)
    sockets.refresh() if how == "disconnect-envelope" else sockets.drop()
    sockets.wait_connections(count + 1)
    wait_until(lambda: [c for c in sockets.connections if c.state is State.OPEN] == sockets.connections[-1:], 10,
               "the app to leave its old connection")
    assert len(fake.calls_to("apps.connections.open")) > before  # a fresh URL for the new connection
    channel, ts = unique("CS"), new_ts()
    envelope_id = sockets.send("events_api", event_envelope(mention(channel, "bottle vs flask", ts=ts),
                                                            unique("EvSock")))
    assert sockets.wait_ack(envelope_id) == {"envelope_id": envelope_id}
    (post,) = fake.wait_for("chat.postMessage", where=in_channel(channel))
    assert post["thread_ts"] == ts and "Bottle" in post["text"]


def test_sigterm_stops_socket_mode_cleanly(slack: Any, tmp_path: Path) -> None:
    fake, sockets = slack
    env = server_env(fake, tmp_path, SLACK_APP_TOKEN="xapp-test")
    count = len(sockets.connections)
    process = subprocess.Popen([*PYFRAMEWORK, "serve"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    sockets.wait_connections(count + 1)
    process.terminate()
    output = process.communicate(timeout=15)[0].decode(errors="replace")
    assert process.returncode == 0, output[-2000:]
    assert "Traceback" not in output
