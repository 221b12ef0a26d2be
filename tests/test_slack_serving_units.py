"""Unit tests of the serving parts: retry policy, error naming, one-line logs, HTTP limits, readiness,
and the job worker against a real SQLite store (leases, take-over, graceful stop)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import MagicMock

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.config import Settings
from bot.slack import asgi, logs
from bot.slack.delivery import error_code, reason_in_words, refused_notice
from bot.slack.jobs import Worker
from bot.slack.retries import RETRY_AFTER_CAP, CappedRateLimitRetry, ServerErrorRetry, retry_after_seconds
from bot.store import Arrival, Job, open_store

# --------------------------------------------------------------------------- retries


@pytest.mark.parametrize(("value", "seconds"), [
    ("2", 2.0), ("0.5", 0.5), ("3600", RETRY_AFTER_CAP), ("abc", 1.0), ("Wed, 21 Oct 2026 07:28:00 GMT", 1.0),
    ("-5", 0.0), ("nan", 1.0), (["7"], 7.0), ("", 1.0),
])
def test_retry_after_is_read_leniently_and_capped(value: Any, seconds: float) -> None:
    assert retry_after_seconds({"Retry-After": value}) == seconds


def test_no_retry_after_header_waits_a_second() -> None:
    assert retry_after_seconds({}) == 1.0 and retry_after_seconds(None) == 1.0


def test_the_rate_limit_handler_sleeps_the_capped_time(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    handler, state = CappedRateLimitRetry(), RetryState()
    response = HttpResponse(status_code=429, headers={"Retry-After": ["86400"]})
    asyncio.run(handler.prepare_for_next_attempt_async(state=state, request=MagicMock(spec=HttpRequest),
                                                       response=response))
    assert RETRY_AFTER_CAP <= slept[0] < RETRY_AFTER_CAP + 0.3 and state.current_attempt == 1


@pytest.mark.parametrize(("status", "retried"), [(500, True), (502, True), (503, True), (504, True), (400, False),
                                                 (429, False), (200, False)])
def test_server_errors_include_502_and_504(status: int, retried: bool) -> None:
    handler = ServerErrorRetry(max_retry_count=2)
    response = HttpResponse(status_code=status, headers={})
    assert asyncio.run(handler.can_retry_async(state=RetryState(), request=MagicMock(spec=HttpRequest),
                                               response=response)) is retried


# --------------------------------------------------------------------------- naming errors for people


def slack_error(status: int, data: Any) -> SlackApiError:
    return SlackApiError("failed", SimpleNamespace(status_code=status, data=data))


@pytest.mark.parametrize(("exc", "code"), [
    (slack_error(200, {"ok": False, "error": "msg_too_long"}), "msg_too_long"),
    (slack_error(502, {}), "http_502"),
    (slack_error(502, "<html><body>Bad Gateway</body></html>"), "http_502"),
    (slack_error(200, {"ok": False, "error": "<script>alert(1)</script>"}), "http_200"),
    (TimeoutError(), "no_answer"),
    (ConnectionResetError(), "ConnectionResetError"),
])
def test_error_codes_are_short_and_never_a_response_body(exc: BaseException, code: str) -> None:
    assert error_code(exc) == code


def test_reasons_are_plain_words() -> None:
    assert reason_in_words("msg_too_long") == "the message was too long"
    assert reason_in_words("http_504") == "Slack's servers had a problem, HTTP 504"
    assert reason_in_words("team_access_not_granted") == "Slack said team_access_not_granted"
    assert "<" not in refused_notice("http_403")["text"]


# --------------------------------------------------------------------------- logs


def record(message: str, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError("bad\nvalue")
        except ValueError:
            import sys

            exc_info = sys.exc_info()
    return logging.LogRecord("pyframework.test", logging.WARNING, __file__, 1, message, None, exc_info)


def test_text_logs_are_one_line_whatever_the_message_holds() -> None:
    line = logs.TextFormatter().format(record("hello\n2026-01-01 00:00:00,000 ERROR forged\r\x1b[31m", exc=True))
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "\\n2026-01-01" in line and "Traceback" in line
    assert line.count(" WARNING pyframework.test ") == 1


def test_text_logs_are_cut() -> None:
    assert len(logs.TextFormatter().format(record("x" * 100_000))) < logs.MAX_LINE + 100


def test_text_logs_are_stamped_as_logging_stamps_them() -> None:
    """The date and time, worked out once per second, are what logging.Formatter writes for every line."""
    ours, theirs = logs.TextFormatter(), logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    for step in range(3000):
        line = record(f"line {step}")
        line.created = 1_790_000_000.5 + step * 0.0137
        line.msecs = int((line.created - int(line.created)) * 1000) + 0.0
        assert ours.format(line) == theirs.format(line)


def test_json_logs_are_one_object() -> None:
    line = logs.JsonFormatter().format(record("a\nb", exc=True))
    entry = json.loads(line)
    assert "\n" not in line and entry["message"] == "a\nb" and entry["level"] == "WARNING"
    assert "ValueError" in entry["exception"]


# --------------------------------------------------------------------------- HTTP limits


SIGNED = [(b"x-slack-request-timestamp", b"1700000000"), (b"x-slack-signature", b"v0=" + b"a" * 64)]


@pytest.mark.parametrize(("headers", "status"), [
    ([(b"x-%d" % i, b"1") for i in range(70)] + SIGNED, 431),
    ([(b"x-big", b"y" * 20_000)] + SIGNED, 431),
    ([(b"content-length", b"2000000")] + SIGNED, 413),
    ([(b"content-length", b"12abc")] + SIGNED, 400),
    ([(b"content-length", b"9" * 20)] + SIGNED, 400),
    ([(b"x-slack-request-timestamp", b"1.5"), SIGNED[1]], 401),
    ([(b"x-slack-request-timestamp", b"9" * 5000), SIGNED[1]], 401),
    ([SIGNED[0], (b"x-slack-signature", b"v0=zz")], 401),
    ([SIGNED[0]], 401),
])
def test_headers_are_checked_before_the_body_is_read(headers: list[tuple[bytes, bytes]], status: int) -> None:
    with pytest.raises(asgi.Reject) as reject:
        asgi.check_headers(headers)
    assert reject.value.status == status


def test_sane_headers_pass() -> None:
    assert asgi.check_headers([(b"Content-Length", b"10"), *SIGNED])[b"content-length"] == b"10"


def receiver(chunks: list[bytes], delay: float = 0.0) -> Any:
    queue = list(chunks)

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(delay)
        body = queue.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(queue)}

    return receive


def test_a_body_is_read_whole_within_its_limits() -> None:
    assert asyncio.run(asgi.read_body(receiver([b"ab", b"cd"]), 1.0)) == b"abcd"
    with pytest.raises(asgi.Reject) as too_big:
        asyncio.run(asgi.read_body(receiver([b"x" * 600, b"x" * 600]), 1.0, limit=1000))
    assert too_big.value.status == 413
    with pytest.raises(asgi.Reject) as too_slow:
        asyncio.run(asgi.read_body(receiver([b"a", b"b", b"c"], delay=0.2), 0.3))
    assert too_slow.value.status == 408


def test_readyz_is_503_when_the_store_does_not_answer() -> None:
    app = asgi.SlackHttp(Settings("xoxb-1", "0" * 32, "", "http://127.0.0.1:9/api/"))
    assert asyncio.run(app.ready())[0] == 503  # not started
    store = MagicMock()
    store.ping.side_effect = OSError("database is gone")
    app.runtime = SimpleNamespace(store=store)
    status, _, body = asyncio.run(app.ready())
    assert status == 503 and json.loads(body) == {"ok": False, "problem": "store unreachable"}
    store.ping.side_effect = None
    assert asyncio.run(app.ready())[0] == 200
    app.stopping = True
    assert asyncio.run(app.ready())[0] == 503  # draining: the balancer sends no more


# --------------------------------------------------------------------------- the job worker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_worker_runs_a_new_job_once_and_marks_it_done(tmp_path: Path) -> None:
    store = open_store(sqlite_path=tmp_path / "s.db")
    ran: list[Job] = []

    async def scenario() -> list[Arrival]:
        worker = Worker(store, lease=5)

        async def handler(job: Job) -> None:
            ran.append(job)

        worker.handle("k", handler)
        arrivals = [await worker.accept("Ev1", "k", {"x": 1}), await worker.accept("Ev1", "k", {"x": 1})]
        await asyncio.gather(*worker.running.values())
        return arrivals

    assert asyncio.run(scenario()) == [Arrival.NEW, Arrival.DUPLICATE]
    assert [job.payload for job in ran] == [{"x": 1}] and store.pending() == []


def test_a_dead_workers_job_is_taken_over_after_its_lease(tmp_path: Path) -> None:
    store = open_store(sqlite_path=tmp_path / "s.db")
    clock = Clock()
    store.accept("EvOrphan", "k", {}, owner="dead", now=clock.now, lease=5)
    ran: list[int] = []

    async def scenario() -> None:
        worker = Worker(store, lease=5, clock=clock)

        async def handler(job: Job) -> None:
            ran.append(job.attempts)

        worker.handle("k", handler)
        assert await worker.sweep() == []  # the lease still holds
        clock.now += 6
        assert [job.event_id for job in await worker.sweep()] == ["EvOrphan"]
        await asyncio.gather(*worker.running.values())

    asyncio.run(scenario())
    assert ran == [2] and store.pending() == []


def test_stopping_hands_unfinished_jobs_on_at_once(tmp_path: Path) -> None:
    store = open_store(sqlite_path=tmp_path / "s.db")

    async def scenario() -> None:
        worker = Worker(store, lease=60)

        async def forever(job: Job) -> None:
            await asyncio.Event().wait()

        worker.handle("k", forever)
        await worker.accept("EvStuck", "k", {})
        await worker.stop(grace=0.1)

    asyncio.run(scenario())
    (job,) = store.pending()  # still pending, and claimable now rather than in 60 s
    assert store.claim_expired(owner="other", now=time.time(), lease=5)[0].event_id == job.event_id


def test_a_job_that_keeps_failing_is_dropped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(sqlite_path=tmp_path / "s.db")
    clock = Clock()
    for _ in range(6):
        store.accept("EvPoison", "k", {}, owner="dead", now=clock.now, lease=1)
        clock.now += 2
        store.claim_expired(owner="dead", now=clock.now, lease=1)
    called: list[Job] = []

    async def scenario() -> None:
        worker = Worker(store, lease=1, clock=clock)

        async def handler(job: Job) -> None:
            called.append(job)

        worker.handle("k", handler)
        clock.now += 2
        await worker.sweep()
        await asyncio.gather(*worker.running.values())

    with caplog.at_level(logging.ERROR, logger="pyframework.jobs"):
        asyncio.run(scenario())
    assert called == [] and store.pending() == [] and "dropping a k job" in caplog.text


def test_a_job_that_reached_nobody_is_tried_again_later_by_any_worker(tmp_path: Path) -> None:
    """Slack took neither the answer nor the notice: the job stays pending, held by nobody, until a
    sweep after RETRY_LATER_SECONDS takes it (and looks in the thread first)."""
    from bot.slack.jobs import RETRY_LATER_SECONDS, RetryLater

    store = open_store(sqlite_path=tmp_path / "s.db")
    clock = Clock()
    attempts: list[int] = []

    async def scenario() -> None:
        worker = Worker(store, lease=5, clock=clock)

        async def handler(job: Job) -> None:
            attempts.append(job.attempts)
            if job.attempts == 1:
                raise RetryLater("no_answer")

        worker.handle("k", handler)
        await worker.accept("EvDown", "k", {})
        await asyncio.gather(*worker.running.values())
        assert [j.event_id for j in store.pending()] == ["EvDown"]
        await worker._renew()  # a live worker's renewals do not keep a postponed job
        clock.now += RETRY_LATER_SECONDS - 1
        assert await worker.sweep() == []
        clock.now += 2
        assert [j.attempts for j in await worker.sweep()] == [2]
        await asyncio.gather(*worker.running.values())

    asyncio.run(scenario())
    assert attempts == [1, 2] and store.pending() == []


def test_an_answer_that_reaches_nobody_asks_to_be_tried_again() -> None:
    from unittest.mock import AsyncMock

    from bot.slack.delivery import Outbox
    from bot.slack.jobs import RetryLater

    client = AsyncMock()
    client.conversations_replies.return_value = {"ok": True, "messages": [], "has_more": False}
    client.chat_postMessage.side_effect = TimeoutError()
    outbox = Outbox(client, client, bot_user_id="UBOT", budget=5)

    async def compose() -> dict:
        return {"text": "Flask vs Django"}

    with pytest.raises(RetryLater):
        asyncio.run(outbox.deliver("C1", "1.1", "Ev1", compose))
    texts = [c.kwargs["text"] for c in client.chat_postMessage.call_args_list]
    assert texts.count("Flask vs Django") == 3 and len(texts) == 4  # three tries, then the notice


def test_only_a_plain_slash_command_skips_bolt_and_gets_what_the_listener_acks(engine) -> None:
    from urllib.parse import urlencode

    from bot.slack.replies import ack_body, ephemeral_answer

    app = asgi.SlackHttp(Settings("xoxb-1", "0" * 32, "", "http://127.0.0.1:9/api/"))
    app.runtime = SimpleNamespace(services=SimpleNamespace(engine=engine, feedback=None))
    form = "application/x-www-form-urlencoded"
    body = app.command_answer(urlencode({"command": "/pyframework", "text": "flask vs django"}), form)
    assert body == ack_body(ephemeral_answer(engine, engine.understand("flask vs django"), "flask vs django"))
    assert json.loads(body)["response_type"] == "ephemeral"
    for raw, content_type in ((urlencode({"command": "/other", "text": "x"}), form),
                              (urlencode({"command": "/pyframework", "ssl_check": "1"}), form),
                              ("payload=" + json.dumps({"type": "block_actions"}), form),
                              (json.dumps({"type": "event_callback", "event": {}}), "application/json"),
                              ("{not json", "application/json")):
        assert app.command_answer(raw, content_type) is None  # Bolt's to dispatch (or refuse)


def test_a_decision_record_asked_for_by_slash_command_is_acked_as_one_markdown_block(engine) -> None:
    """The ADR asked for in words comes back through Slack too, not only in the console: the command's
    acknowledgement holds the record as one `markdown` block."""
    from urllib.parse import urlencode

    app = asgi.SlackHttp(Settings("xoxb-1", "0" * 32, "", "http://127.0.0.1:9/api/"))
    app.runtime = SimpleNamespace(services=SimpleNamespace(engine=engine, feedback=None))
    text = "give me an ADR for choosing fastapi over flask"
    body = json.loads(app.command_answer(urlencode({"command": "/pyframework", "text": text}),
                                         "application/x-www-form-urlencoded"))
    markdown = [b for b in body["blocks"] if b["type"] == "markdown"]
    assert len(markdown) == 1 and "## Options considered" in markdown[0]["text"], body["blocks"]
