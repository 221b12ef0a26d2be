"""Measure what one HTTP worker holds, for the README's scale-out figures, on 127.0.0.1 only:

  1. memory: RSS of each uvicorn worker idle, after slash commands (distinct real questions, from
     bench/http_mode.py's pool, so the answer caches fill as real traffic fills them: "flask vs django with
     {i}", as before, was one understood question and left them empty), and after mentions;
  2. mentions answered per second end to end (signed event -> store -> job -> chat.postMessage on the fake
     Web API), with the SQLite store, and with PostgreSQL when DATABASE_URL is given;
  3. recovery (2 workers or more): kill -9 the worker whose answer is in flight (Slack never took it) and
     time until another worker has posted it, with the default 5 s lease.

    .venv/bin/python bench/serving.py [--workers 2] [--mentions 600] [--database-url postgresql://...]

The fake Web API (tests/fake_slack.py, Python threads) shares the two cores with the server and is part
of what is measured; real Slack answers a post in tens of milliseconds, which the async workers overlap.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_slack import FakeSlack  # noqa: E402
from slackhttp import (  # noqa: E402
    event_body,
    in_channel,
    mention,
    new_ts,
    post_signed,
    rss_kb,
    send_command,
    start_server,
    stop_server,
    unique,
    wait_until,
    worker_pids,
)

from bench.http_mode import QuestionPool  # noqa: E402


def workers(server) -> list[int]:  # noqa: ANN001
    """The worker processes; with one worker, uvicorn serves in the process we started."""
    return worker_pids(server) or [server.process.pid]


def rss(server) -> list[int]:  # noqa: ANN001
    return sorted(rss_kb(pid) // 1024 for pid in workers(server) if rss_kb(pid) > 20_000)  # not the tracker


def cpu_seconds(server) -> float:  # noqa: ANN001
    total = 0
    for pid in workers(server):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def mentions_per_second(server, fake: FakeSlack, count: int) -> tuple[float, float]:  # noqa: ANN001
    """Mentions answered per second, and the workers' CPU milliseconds per mention."""
    channel = unique("CBENCH")
    cpu = cpu_seconds(server)
    bodies = [event_body(mention(channel, f"flask vs django {i % 50}", ts=new_ts())) for i in range(count)]
    started = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda body: post_signed(server, body, "application/json")[0], bodies))
    assert statuses == [200] * count, set(statuses)
    fake.wait_for("chat.postMessage", count, timeout=300, where=in_channel(channel))
    return count / (time.monotonic() - started), (cpu_seconds(server) - cpu) * 1000 / count


def recovery_seconds(server, fake: FakeSlack) -> float:  # noqa: ANN001
    channel, ts = unique("CKILL"), new_ts()
    hold = fake.hold("chat.postMessage", where=in_channel(channel), take=False)
    before = server.settled_log_length()  # the earlier mentions' lines, which each worker writes every 50 ms,
    # must be in before the mark: one of theirs read as this mention's would kill the wrong worker
    post_signed(server, event_body(mention(channel, "bottle vs flask", ts=ts)), "application/json")
    hold.wait_arrived()
    pid = int(wait_until(lambda: __import__("re").findall(r"new \(worker pid (\d+)\)", server.log()[before:]),
                         10, "the accepting worker")[-1])
    started = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: fake.posts_in(channel, ts), 60, "the recovered answer")
    hold.release()
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mentions", type=int, default=600)
    parser.add_argument("--commands", type=int, default=3000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    fake = FakeSlack().start()
    workdir = Path(tempfile.mkdtemp(prefix="pyframework-bench-serving-"))
    extra = {"DATABASE_URL": args.database_url} if args.database_url else {}
    server = start_server(fake, workdir, workers=args.workers, **extra)
    result: dict[str, object] = {"workers": args.workers, "store": "postgres" if args.database_url else "sqlite"}
    try:
        result["rss_mb_idle"] = rss(server)
        for text in QuestionPool(seed=4_000).take(args.commands):  # distinct questions fill the answer caches
            send_command(server, text)
        result["rss_mb_after_commands"] = rss(server)
        mentions_per_second(server, fake, 50)  # warm-up
        rate, cpu_ms = mentions_per_second(server, fake, args.mentions)
        result["mentions_per_s"], result["worker_cpu_ms_per_mention"] = round(rate, 1), round(cpu_ms, 2)
        result["rss_mb_after_mentions"] = rss(server)
        if args.workers > 1:  # one worker runs in uvicorn's own process: killing it ends the server
            result["recovery_s_after_kill_9"] = round(recovery_seconds(server, fake), 2)
    finally:
        stop_server(server)
        fake.reset()
        fake.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
