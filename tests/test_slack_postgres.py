"""Two app processes on two ports sharing one real PostgreSQL (DATABASE_URL), as two machines behind a
load balancer would: a copy or a retry of an event that lands on the other process is not answered
again, and the answer a killed process had accepted is delivered by the other one, once.

The PostgreSQL server is started by the tests (tests/pgserver.py); these tests skip only where no
PostgreSQL binaries exist at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from fake_slack import FakeSlack
from pgserver import PostgresServer
from slackhttp import (
    Server,
    event_body,
    in_channel,
    kill_group,
    mention,
    new_ts,
    post_signed,
    send_event,
    start_server,
    stop_server,
    unique,
    wait_until,
)

from bot.store.base import migrations

FAST = {"PYFRAMEWORK_LEASE_SECONDS": "1.5", "PYFRAMEWORK_ANSWER_BUDGET": "4", "SLACK_API_TIMEOUT": "1.5"}


@dataclass
class Pair:
    """Process A and process B, each `pyframework serve --http` on its own port, one database."""

    fake: FakeSlack
    url: str
    root: Path
    a: Server | None = None
    b: Server | None = None

    def start(self, name: str) -> Server:
        workdir = self.root / name
        workdir.mkdir(exist_ok=True)
        server = start_server(self.fake, workdir, workers=1, DATABASE_URL=self.url, **FAST)
        setattr(self, name, server)
        return server

    def running(self) -> tuple[Server, Server]:
        for name in ("a", "b"):
            server = getattr(self, name)
            if server is None or server.process.poll() is not None:
                self.start(name)
        assert self.a is not None and self.b is not None
        return self.a, self.b

    def lease_gone(self, event_id: str) -> bool:
        """The job's first lease ran out (or another worker took it over, or it is done)."""
        with psycopg.connect(self.url) as conn:
            row = conn.execute("SELECT lease_until < extract(epoch FROM now()) OR attempts > 1 FROM pending_jobs "
                               "WHERE event_id = %s", (event_id,)).fetchone()
        return row is None or bool(row[0])

    def pending(self) -> int:
        with psycopg.connect(self.url) as conn:
            row = conn.execute("SELECT count(*) FROM pending_jobs").fetchone()
        return int(row[0]) if row else 0


@pytest.fixture(scope="module")
def pair(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    fake = FakeSlack().start()
    pair = Pair(fake, postgres.new_database("twoprocesses"), tmp_path_factory.mktemp("pg"))
    try:
        yield pair
    finally:
        for server in (pair.a, pair.b):
            if server is not None:
                stop_server(server)
        fake.reset()
        fake.stop()


def one_answer(pair: Pair, channel: str, ts: str, timeout: float = 20.0) -> str:
    """The one message the app posts in the thread, once nothing is pending in the shared store."""
    wait_until(lambda: pair.fake.posts_in(channel, ts), timeout, f"an answer in {channel}")
    wait_until(lambda: pair.pending() == 0, timeout, "no pending answer in PostgreSQL")
    posts = [m["text"] for m in pair.fake.posts_in(channel, ts)]
    assert len(posts) == 1, [p[:60] for p in posts]
    return posts[0]


def test_both_processes_share_one_migrated_schema(pair: Pair) -> None:
    pair.running()
    with psycopg.connect(pair.url) as conn:
        applied = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert applied == [(m.version,) for m in migrations("postgres")]  # each file once, by one of the two


def test_copies_spread_over_both_processes_get_one_answer(pair: Pair) -> None:
    a, b = pair.running()
    channel, ts = unique("C"), new_ts()
    body = event_body(mention(channel, "flask vs bottle", ts=ts), event_id=unique("EvPgDup"))
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda i: post_signed((a, b)[i % 2], body, "application/json")[0], range(6)))
    assert statuses == [200] * 6
    assert "Flask" in one_answer(pair, channel, ts)


def test_a_retry_sent_to_the_other_process_is_not_answered_again(pair: Pair) -> None:
    a, b = pair.running()
    channel, ts, event_id = unique("C"), new_ts(), unique("EvPgRetry")
    event = mention(channel, "django vs pyramid", ts=ts)
    assert send_event(a, event, event_id=event_id) == 200
    pair.fake.wait_for("chat.postMessage", where=in_channel(channel))
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert send_event(b, event, event_id=event_id, extra_headers=retry) == 200
    assert "Django" in one_answer(pair, channel, ts)


@pytest.mark.parametrize("taken", [False, True], ids=["post-lost", "post-landed"])
def test_a_killed_process_answer_is_delivered_by_the_other_once(pair: Pair, taken: bool) -> None:
    """kill -9 process A while its post is in flight: B takes the job over once A's lease has run out,
    posts it if Slack never took A's post, and finds it in the thread (posting nothing) if Slack did."""
    a, b = pair.running()
    channel, ts = unique("CK"), new_ts()
    hold = pair.fake.hold("chat.postMessage", where=in_channel(channel), take=taken)
    try:
        assert send_event(a, mention(channel, "django vs flask", ts=ts)) == 200
        hold.wait_arrived()
        started = time.monotonic()
        kill_group(a)
        assert "Django" in one_answer(pair, channel, ts)
        assert time.monotonic() - started < 10
        wait_until(lambda: "taking over a thread_answer job" in b.log(), 10, "B taking the job over")
    finally:
        hold.release()


def test_a_retry_of_an_event_whose_process_died_is_answered_by_the_other(pair: Pair) -> None:
    """A accepted the event and died before answering; Slack's retry reaches B: answered, once."""
    a, b = pair.running()
    channel, ts, event_id = unique("CR"), new_ts(), unique("EvPgDead")
    event = mention(channel, "bottle vs flask", ts=ts)
    hold = pair.fake.hold("chat.postMessage", where=in_channel(channel), take=False)
    try:
        assert send_event(a, event, event_id=event_id) == 200
        hold.wait_arrived()
        kill_group(a)
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
        assert send_event(b, event, event_id=event_id, extra_headers=retry) == 200  # A's lease still holds
        wait_until(lambda: pair.lease_gone(event_id), 10, "A's lease to run out")
        retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}
        assert send_event(b, event, event_id=event_id, extra_headers=retry) == 200
        assert "Bottle" in one_answer(pair, channel, ts)
    finally:
        hold.release()
