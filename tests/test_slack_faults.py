"""Faults, end to end: the real app under uvicorn (2 workers, the SQLite store) against a fake Web API
that can fail, hang, rate-limit and lose answers, and clients that are hostile or slow.

The server runs with short clocks so that each fault plays out in seconds: a 1.5 s lease, a 4 s budget
per answer, 1.5 s per Web API call, 2 s to send a body. Every assertion is what a person would notice
(one message in the thread, the notice's words, a status code) or what must never happen (a second
answer, a traceback, a forged log line).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fake_slack import FakeSlack
from slackhttp import (
    Server,
    at_path,
    barrier,
    click,
    direct_message,
    event_body,
    http_request,
    in_channel,
    mention,
    new_response_url,
    new_ts,
    post_signed,
    rss_kb,
    send_command,
    send_event,
    slack_signature,
    start_server,
    stop_server,
    unique,
    wait_settled,
    wait_until,
    worker_pids,
)

from bot.slack.delivery import NOT_CONFIRMED, POST_ATTEMPTS, REPLY_NOT_CONFIRMED

FAST = {"PYFRAMEWORK_LEASE_SECONDS": "1.5", "PYFRAMEWORK_ANSWER_BUDGET": "4", "SLACK_API_TIMEOUT": "1.5",
        "PYFRAMEWORK_BODY_TIMEOUT": "2"}
SETTLE = 15.0  # seconds within which every fault below has played out (budget, lease and sweep included)
PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+ ")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.reset()  # releases any hold still waiting
    fake.stop()


@pytest.fixture(scope="module")
def server(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(fake, tmp_path_factory.mktemp("faults"), workers=2, **FAST)
    yield srv
    stop_server(srv)


def answers_in(fake: FakeSlack, channel: str, ts: str) -> list[str]:
    """What the person sees from the app in the thread, once things have settled."""
    return [m["text"] for m in fake.posts_in(channel, ts)]


def one_message_in(fake: FakeSlack, channel: str, ts: str, timeout: float = SETTLE,
                   server: Server | None = None) -> str:
    """Wait for the app's first message in the thread and, with `server`, until its store holds no
    pending answer (retries and sweeps played out); insist that it is the only message."""
    wait_until(lambda: answers_in(fake, channel, ts), timeout, f"a message in {channel}")
    if server is not None:
        wait_settled(server)
    return only_message(fake, channel, ts)


def only_message(fake: FakeSlack, channel: str, ts: str) -> str:
    messages = answers_in(fake, channel, ts)
    assert len(messages) == 1, [m[:60] for m in messages]
    return messages[0]


# --------------------------------------------------------------------------- exactly once


def test_six_copies_at_once_get_one_answer(server: Server, fake: FakeSlack) -> None:
    channel, ts, event_id = unique("C"), new_ts(), unique("EvDup")
    body = event_body(mention(channel, "flask vs bottle", ts=ts), event_id=event_id)
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda _: post_signed(server, body, "application/json")[0], range(6)))
    assert statuses == [200] * 6
    assert "Flask" in one_message_in(fake, channel, ts, server=server)


def test_a_retry_whose_original_never_arrived_is_answered_once(server: Server, fake: FakeSlack) -> None:
    """Slack retries because its first delivery failed: the retry is the only copy, so it is answered."""
    channel, ts, event_id = unique("C"), new_ts(), unique("EvRetry")
    event = mention(channel, "django vs pyramid", ts=ts)
    for number in ("1", "2", "3"):
        headers = {"X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": "http_timeout"}
        assert send_event(server, event, event_id=event_id, extra_headers=headers) == 200
    assert "Django" in one_message_in(fake, channel, ts, server=server)


# --------------------------------------------------------------------------- Web API manners


def test_a_rate_limited_answer_never_holds_up_another(server: Server, fake: FakeSlack) -> None:
    """Ten answers told to wait 15 s: an unrelated DM is answered at once; the ten get one notice each
    when their budget runs out, in plain words, and never a second message."""
    channels = [unique("CRL") for _ in range(10)]
    limited = set(channels)
    fake.fail_next("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "15"}, times=10,
                   where=lambda args: args.get("channel") in limited)
    stamps = [new_ts() for _ in channels]
    for channel, ts in zip(channels, stamps, strict=True):
        assert send_event(server, mention(channel, "flask vs django", ts=ts)) == 200
    wait_until(lambda: len(fake.calls_to("chat.postMessage", where=lambda a: a.get("channel") in limited)) == 10,
               SETTLE, "the ten rate-limited posts")
    started = time.monotonic()
    dm = unique("D")
    assert send_event(server, direct_message(dm, "bottle vs flask")) == 200
    fake.wait_for("chat.postMessage", where=in_channel(dm))
    assert time.monotonic() - started < 2.0, "an unrelated answer waited behind the rate limit"
    for channel, ts in zip(channels, stamps, strict=True):
        assert one_message_in(fake, channel, ts, server=server) == NOT_CONFIRMED


def test_a_retry_after_that_is_not_a_whole_number_is_honoured(server: Server, fake: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()
    fake.fail_next("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0.5"},
                   where=in_channel(channel))
    assert send_event(server, mention(channel, "flask vs bottle", ts=ts)) == 200
    assert "Flask" in one_message_in(fake, channel, ts)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 2


def test_a_502_then_a_504_are_retried_and_answered_once(server: Server, fake: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()
    fake.fail_next("chat.postMessage", 502, {"ok": False}, where=in_channel(channel))
    fake.fail_next("chat.postMessage", 504, {"ok": False}, where=in_channel(channel))
    assert send_event(server, mention(channel, "django vs flask", ts=ts)) == 200
    assert "Django" in one_message_in(fake, channel, ts)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 3


def test_a_504_after_the_post_went_through_is_not_posted_again(server: Server, fake: FakeSlack) -> None:
    """The gateway timed out but Slack had taken the post: the thread shows it, so no second post."""
    channel, ts = unique("C"), new_ts()
    fake.fail_next("chat.postMessage", 504, {"ok": False}, where=in_channel(channel), taken=True)
    assert send_event(server, mention(channel, "django vs flask", ts=ts)) == 200
    assert "Django" in one_message_in(fake, channel, ts, server=server)
    assert len(fake.calls_to("chat.postMessage", where=in_channel(channel))) == 1


HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>"


@pytest.mark.parametrize(("status", "expected"), [(502, "couldn't confirm"), (403, "wouldn't take it")])
def test_an_upstream_error_page_never_reaches_the_person(server: Server, fake: FakeSlack, status: int,
                                                        expected: str) -> None:
    """A proxy's HTML page: the person reads a plain sentence, which claims a lost answer only when
    Slack definitely refused (a 4xx), never after a 5xx that may have gone through."""
    channel, ts = unique("C"), new_ts()
    attempts = POST_ATTEMPTS if status >= 500 else 1  # a refusal is final: the next post is the notice
    fake.fail_next("chat.postMessage", status, HTML, {"Content-Type": "text/html"}, times=attempts,
                   where=in_channel(channel))
    assert send_event(server, mention(channel, "django vs flask", ts=ts)) == 200
    notice = one_message_in(fake, channel, ts)
    assert expected in notice and "try again" in notice
    assert "<" not in notice and "nginx" not in notice


def test_a_hung_web_api_gets_every_mention_its_answer(server: Server, fake: FakeSlack) -> None:
    """The first post of each of 20 mentions hangs (Slack never takes it): each is retried after the
    thread shows it missing, and each thread ends with exactly one answer."""
    channels = [unique("CH") for _ in range(20)]
    holds = [fake.hold("chat.postMessage", where=in_channel(channel), take=False) for channel in channels]
    stamps = [new_ts() for _ in channels]
    try:
        for channel, ts in zip(channels, stamps, strict=True):
            assert send_event(server, mention(channel, "flask vs django", ts=ts)) == 200
        for channel, ts in zip(channels, stamps, strict=True):
            assert "Flask" in one_message_in(fake, channel, ts)
    finally:
        for hold in holds:
            hold.release()


def test_an_answer_that_cannot_be_posted_in_its_budget_gets_one_plain_notice(server: Server,
                                                                             fake: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()

    def the_answer(args: dict) -> bool:  # every try of the answer hangs; the notice goes through
        kind = (args.get("metadata") or {}).get("event_payload", {}).get("kind")
        return in_channel(channel)(args) and kind == "answer"

    hold = fake.hold("chat.postMessage", where=the_answer, take=False, times=10**6)
    try:
        assert send_event(server, mention(channel, "flask vs django", ts=ts)) == 200
        assert one_message_in(fake, channel, ts) == NOT_CONFIRMED
    finally:
        hold.release()


def test_a_post_that_landed_but_whose_answer_was_lost_is_not_repeated(server: Server, fake: FakeSlack) -> None:
    channel, ts = unique("C"), new_ts()
    hold = fake.hold("chat.postMessage", where=in_channel(channel), take=True)
    try:
        assert send_event(server, mention(channel, "flask vs django", ts=ts)) == 200
        hold.wait_arrived()
        assert "Flask" in one_message_in(fake, channel, ts, server=server)  # settled: the job is done
        assert not fake.calls_to("chat.postMessage", where=lambda a: in_channel(channel)(a)
                                 and a.get("text") == NOT_CONFIRMED)
    finally:
        hold.release()


def test_a_button_reply_gives_up_in_seconds_and_says_so_plainly(server: Server, fake: FakeSlack) -> None:
    url, path = new_response_url(server)
    hold = fake.hold("response_url", where=at_path(path), take=False)
    try:
        started = time.monotonic()
        assert click(server, "details", "flask", url) == 200
        (notice,) = fake.wait_for("response_url", 1, timeout=10, where=at_path(path))
        assert time.monotonic() - started < 8, "the response_url client waited far too long"
        assert notice["text"] == REPLY_NOT_CONFIRMED and notice["response_type"] == "ephemeral"
    finally:
        hold.release()


# --------------------------------------------------------------------------- limits before parsing


def raw_exchange(port: int, head: bytes, body: bytes = b"", timeout: float = 5.0) -> bytes:
    """Send raw bytes and read whatever comes back until the server closes or stops talking."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
                if b"\r\n\r\n" in received:
                    break
        except TimeoutError:
            pass
        return received


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/1.1 ") else 0


def slack_head(length: int | None, extra: bytes = b"") -> bytes:
    timestamp = str(int(time.time())).encode()
    head = (b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"X-Slack-Request-Timestamp: " + timestamp + b"\r\nX-Slack-Signature: v0=" + b"a" * 64 + b"\r\n")
    if length is not None:
        head += b"Content-Length: " + str(length).encode() + b"\r\n"
    return head + extra + b"\r\n"


def test_a_body_over_one_megabyte_is_refused_unread_and_memory_stays_flat(server: Server) -> None:
    pids = worker_pids(server)
    before = sum(rss_kb(pid) for pid in pids)
    started = time.monotonic()
    reply = raw_exchange(server.port, slack_head(10_000_000), b"x" * 1024)  # announced, never sent
    assert status_of(reply) == 413
    assert time.monotonic() - started < 2, "the server waited for a body it should never read"
    for _ in range(5):  # and sent in full
        reply = raw_exchange(server.port, slack_head(10_000_000), b"x" * 10_000_000, timeout=20)
        assert status_of(reply) == 413
    assert sum(rss_kb(pid) for pid in pids) - before < 30_000, "refused bodies were kept in memory"
    assert http_request(server.port, "GET", "/healthz")[0] == 200


def test_a_chunked_body_is_cut_off_at_one_megabyte(server: Server) -> None:
    chunk = b"x" * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(20)) + b"0\r\n\r\n"
    reply = raw_exchange(server.port, slack_head(None, b"Transfer-Encoding: chunked\r\n"), body)
    assert status_of(reply) == 413


def test_slow_clients_do_not_starve_health_checks_or_real_requests(server: Server, fake: FakeSlack) -> None:
    """48 clients announce a body and trickle it: /healthz and a slash command are answered at once,
    and each slow client is cut off with 408 once the body timeout (2 s) has passed."""
    slow = []
    try:
        for _ in range(48):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(slack_head(1000) + b"{")
            slow.append(sock)
        started = time.monotonic()
        assert http_request(server.port, "GET", "/healthz", timeout=3)[0] == 200
        status, answer = send_command(server, "flask vs django")
        assert status == 200 and "Flask" in answer["text"]
        assert time.monotonic() - started < 1.5
        cut_off = [status_of(sock.recv(4096)) for sock in slow]
        assert cut_off == [408] * 48
    finally:
        for sock in slow:
            sock.close()


def test_clients_that_never_finish_their_headers_are_cut_off_and_free_the_server(
        fake: FakeSlack, tmp_path: Path) -> None:
    """Slowloris: 40 connections that send nothing, or a request line and headers that never end, on a
    worker that takes 30 at most. uvicorn alone would keep them open for ever and answer everyone else 503;
    here each gets 408 and is closed once its header deadline (1.5 s) passes, and real requests are
    answered again."""
    srv = start_server(fake, tmp_path, workers=1, PYFRAMEWORK_MAX_CONNECTIONS="30",
                       PYFRAMEWORK_HEADER_TIMEOUT="1.5", **FAST)
    slow: list[socket.socket] = []
    try:
        for n in range(40):
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=8)
            if n % 2:
                sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Signature: v0=")
            slow.append(sock)
        started = time.monotonic()
        replies = [sock.recv(4096) for sock in slow]
        assert [status_of(r) for r in replies] == [408] * 40
        assert [sock.recv(4096) for sock in slow] == [b""] * 40, "a timed-out client must be disconnected"
        assert time.monotonic() - started < 6
        assert http_request(srv.port, "GET", "/healthz", timeout=3)[0] == 200
        status, answer = send_command(srv, "flask vs django")
        assert status == 200 and "Flask" in answer["text"]
        assert "Traceback" not in srv.log()
    finally:
        for sock in slow:
            sock.close()
        stop_server(srv)


def test_insane_headers_are_refused(server: Server) -> None:
    many = b"".join(b"X-Filler-%d: 1\r\n" % i for i in range(100))
    assert status_of(raw_exchange(server.port, slack_head(2, many), b"{}")) == 431
    huge = b"X-Filler: " + b"y" * 20_000 + b"\r\n"
    assert status_of(raw_exchange(server.port, slack_head(2, huge), b"{}")) in (400, 431)
    assert status_of(raw_exchange(server.port, slack_head(None, b"Content-Length: 12abc\r\n"), b"{}")) == 400


@pytest.mark.parametrize("timestamp", ["abc", "1.5", "9" * 5000, "-1", " ", "1e9", "0x1F"])
def test_a_malformed_timestamp_is_401_never_500(server: Server, fake: FakeSlack, timestamp: str) -> None:
    body = event_body(mention(unique("C"), "flask vs django"))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": slack_signature(body, str(int(time.time())))}
    assert http_request(server.port, "POST", "/slack/events", body, headers)[0] == 401
    assert "Traceback" not in server.log()


# --------------------------------------------------------------------------- logs


def test_nothing_unverified_reaches_the_log(server: Server) -> None:
    before = len(server.log())
    forged = "/pyframework\n2026-12-01 20:00:00,000 ERROR pyframework.slack forged-line"
    for command in (forged, "/x" + "z" * 200_000):
        body = f"command={command}&text=hi".encode()
        status, _, _ = post_signed(server, body, "application/x-www-form-urlencoded", signature="v0=" + "0" * 64)
        assert status == 401
    barrier(server)
    new = server.log_since(before, "POST /slack/events status=401", 2)  # lines reach the file a moment later
    assert "forged-line" not in new and "zzzz" not in new
    assert "POST /slack/events status=401" in new


def test_every_log_line_has_one_prefix_and_no_secrets(server: Server) -> None:
    barrier(server)
    lines = server.log().splitlines()
    assert lines
    for line in lines:
        assert PREFIX.match(line), line[:200]
        assert not PREFIX.match(PREFIX.sub("", line, count=1)), f"prefix twice: {line[:200]}"
        assert len(line) < 4100
    whole = "\n".join(lines)
    assert server.env["SLACK_SIGNING_SECRET"] not in whole and server.env["SLACK_BOT_TOKEN"] not in whole


def test_readyz_says_ready_when_the_store_answers(server: Server) -> None:
    status, _, body = http_request(server.port, "GET", "/readyz")
    assert status == 200 and json.loads(body) == {"ok": True}


# --------------------------------------------------------------------------- workers dying


def worker_holding(server: Server, event_marker_before: int, kind: str = "thread_answer") -> int:
    """The pid of the worker that accepted the newest event (it logs its pid)."""
    found = wait_until(lambda: re.findall(rf"event {kind}: new \(worker pid (\d+)\)",
                                          server.log()[event_marker_before:]), 10, "the accepting worker")
    return int(found[-1])


@pytest.mark.parametrize("taken", [False, True], ids=["post-lost", "post-landed"])
def test_a_killed_workers_pending_answer_is_delivered_once(server: Server, fake: FakeSlack, taken: bool) -> None:
    """kill -9 the worker while its post is in flight. post-lost: Slack never took it, so the job, whose
    lease runs out, is answered by another or the restarted worker. post-landed: Slack took it, so the
    worker that takes the job over finds it in the thread and posts nothing."""
    channel, ts = unique("CK"), new_ts()
    hold = fake.hold("chat.postMessage", where=in_channel(channel), take=taken)
    before = server.settled_log_length()  # no earlier test's late line can name the wrong worker
    try:
        assert send_event(server, mention(channel, "django vs flask", ts=ts)) == 200
        hold.wait_arrived()
        pid = worker_holding(server, before)
        started = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        assert "Django" in one_message_in(fake, channel, ts, timeout=20)
        recovered = time.monotonic() - started
        wait_until(lambda: "taking over a thread_answer job" in server.log()[before:], 20, "the take-over")
        wait_settled(server)
        only_message(fake, channel, ts)
        assert recovered < 10, f"recovery took {recovered:.1f}s"
    finally:
        hold.release()


def test_a_killed_workers_button_reply_is_delivered(server: Server, fake: FakeSlack) -> None:
    """kill -9 the worker while its reply to a click hangs: another worker replies, once."""
    url, path = new_response_url(server)
    hold = fake.hold("response_url", where=at_path(path), take=False)
    before = server.settled_log_length()  # no earlier test's late line can name the wrong worker
    try:
        assert click(server, "details", "django", url) == 200
        hold.wait_arrived()
        os.kill(worker_holding(server, before, "button_click"), signal.SIGKILL)
        (reply,) = fake.wait_for("response_url", 1, timeout=20, where=at_path(path))
        assert reply["response_type"] == "ephemeral" and "Django" in reply["text"]
        wait_settled(server)
        assert len(fake.calls_to("response_url", where=at_path(path))) == 1
    finally:
        hold.release()


def test_sigterm_with_answers_pending_loses_none(fake: FakeSlack, tmp_path: Path) -> None:
    """SIGTERM the whole server while ten answers hang in Slack; a new server on the same store posts
    each of them, once. (A budget longer than the stop's grace: the answers are still trying when the
    server stops, as they would be in production with its 30 s budget.)"""
    slow = {**FAST, "PYFRAMEWORK_ANSWER_BUDGET": "20"}
    first = start_server(fake, tmp_path, workers=2, **slow)
    channels = [unique("CT") for _ in range(10)]
    stuck = set(channels)
    hold = fake.hold("chat.postMessage", where=lambda args: args.get("channel") in stuck, take=False, times=10**6)
    stamps = [new_ts() for _ in channels]
    try:
        for channel, ts in zip(channels, stamps, strict=True):
            assert send_event(first, mention(channel, "flask vs bottle", ts=ts)) == 200
        wait_until(lambda: hold.count >= 10, SETTLE, "ten posts in flight")
        assert stop_server(first) == 0
        assert all(answers_in(fake, c, ts) == [] for c, ts in zip(channels, stamps, strict=True))
    finally:
        hold.release()
    second = start_server(fake, tmp_path, workers=2, log_name="second.log", **slow)
    try:
        for channel, ts in zip(channels, stamps, strict=True):
            assert "Flask" in one_message_in(fake, channel, ts)
    finally:
        stop_server(second)
