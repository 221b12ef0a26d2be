"""Benchmark HTTP mode: signed /pyframework slash commands through the real app and server, side by side
with a bare Bolt app that acks static text on the same server setup, same load, in the same run; plus, for
reference, the same bare app acking one real answer (a reply of the same size, computed once).

    .venv/bin/python bench/http_mode.py                  # readable report, exit 0
    .venv/bin/python bench/http_mode.py --json           # the figures as JSON
    .venv/bin/python bench/http_mode.py --check          # exit 1 if pyframework < 0.5x the bare app's throughput
    .venv/bin/python bench/http_mode.py --rate 1000      # also p99 at a fixed 1,000 req/s (target <= 50 ms)

In one run, on 127.0.0.1 only:
  1. a fake Slack Web API per server (tests/fake_slack.py; the apps call auth.test at start-up);
  2. `pyframework serve --http --workers 2` (the real app) and bench/bare_app.py, once acking static text
     (the target's baseline) and once acking one fixed real answer of about 5 KB (the price of the reply's
     size alone), all served by the same `serve_http` (uvicorn workers, uvloop and httptools), each waited
     for on GET /healthz;
  3. sanity checks: a sample of questions answered 200 (Block Kit answers that differ by question from
     pyframework, the static text from the bare app), a forged signature refused with 401 by both;
  4. a warm-up, then the measured load: a fixed number of signed, form-encoded `/pyframework` commands
     (compare, recommend, info, list; distinct texts, the same for both servers) per server over C
     keep-alive connections, interleaved in rounds, by `wrk` when installed (a generated Lua script with
     precomputed signed requests) or else a Python load generator (threads + http.client);
  5. requests/s, p50/p99 latency, errors (non-200 or socket errors), server CPU per request (/proc), the
     throughput ratio against the 0.5x target, and the same-size reference: pyframework against the bare
     app with the same-size reply, and that app against the static one (the ceiling for any app whose
     reply is that large); with --profile, then py-spy (--gil) on each server's
     workers under the same load: time per request by area (uvicorn, Bolt, logging, each listener call).
The load generator shares the CPU cores with both servers: absolute figures are machine-bound.
Options: --requests N (per server), --concurrency C, --rounds R, --warmup N, --workers N, --load wrk|python,
--max-seconds S, --profile [--profile-seconds S], --keep-logs.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
PATH = "/slack/events"
TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0  # at a sustained TARGET_RATE requests/s (--rate)
TARGET_RATE = 1000
STARTUP_SECONDS = 45.0
MAX_TRIES = 500  # draws of the templates for one new question before the pool counts as used up
PROFILE_QUESTIONS = 4000  # distinct questions of the --profile load; it cycles through them
PHASE_PAUSE = 0.3  # lets requests abandoned at the end of a phase drain before the next one

KINDS = ("compare", "recommend", "info", "list", "compare", "recommend", "info", "recommend", "compare", "list")
FRAMEWORKS = ("flask", "django", "fastapi", "bottle", "falcon", "tornado", "pyramid", "sanic", "starlette",
              "litestar", "quart", "aiohttp", "cherrypy", "dash", "streamlit", "django-ninja", "DRF", "hug")
FEATURES = ("templates", "an ORM", "websockets", "auth", "openapi docs", "an admin panel", "async", "forms",
            "validation", "dependency injection", "sessions", "caching", "background tasks", "graphql", "i18n")
NEEDS = ("a REST API with auth", "a dashboard for analysts", "an internal admin tool", "a small JSON API",
         "a real-time chat app with websockets", "a blog with templates and a database", "a webhook receiver",
         "an e-commerce site with user accounts", "microservices with typed validation", "a GraphQL backend",
         "an IoT ingestion API with thousands of connections", "a machine learning model serving endpoint")
TEAMS = ("team of 5", "solo developer", "a team of 40 engineers", "junior devs", "experienced team")
PRIORITIES = ("performance matters most", "stability above all", "easy to learn", "minimal dependencies",
              "must be async", "good docs")


SORTS = ("async", "micro", "full-stack", "lightweight", "ASGI", "WSGI", "batteries-included")


def question(rng: random.Random, kind: str) -> str:
    a, b, c = rng.sample(FRAMEWORKS, 3)
    f1, f2, f3 = rng.sample(FEATURES, 3)
    need, team, prio, sort = rng.choice(NEEDS), rng.choice(TEAMS), rng.choice(PRIORITIES), rng.choice(SORTS)
    return rng.choice({
        "compare": (f"{a} vs {b}", f"compare {a}, {b} and {c}", f"{a} or {b} for {need}?",
                    f"should we use {a} or {b} for {need}, {team}", f"{a} vs {b} with {f1}"),
        "recommend": (f"recommend a framework for {need}", f"we need {need}, {team}, {prio}",
                      f"what should we use for {need}?", f"something with {f1} and {f2}, {team}",
                      f"{need} with {f1} but no {f2}", f"we need {need} with {f1}, {team}, {prio}"),
        "info": (f"info {a}", f"what is {a}", f"does {a} support {f1}?", f"is {a} still maintained?",
                 f"license of {a}", f"does {a} support {f1} and {f2}?", f"does {a} have {f1}?"),
        "list": ("list", "list async", "list micro", f"list frameworks with {f1}", f"which frameworks have {f1}?",
                 f"list frameworks with {f1} and {f2}", f"which {sort} frameworks have {f1}?",
                 f"list {sort} frameworks with {f1} and {f2}", f"which frameworks have {f1}, {f2} and {f3}?"),
    }[kind])


class QuestionPool:
    """Every question of a run drawn from one pool, so no text is asked twice in a run (warm-up, rounds, the
    fixed rate and the profile included): a cache keyed on the text would otherwise serve the repeats and the
    figures would measure remembering, not answering. The same seed gives the same texts, for both servers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seen: set[str] = set()
        self.drawn = 0

    def take(self, count: int) -> list[str]:
        """`count` texts never drawn before (compare, recommend, info, list); RuntimeError when the templates
        cannot make that many distinct ones."""
        out = []
        for _ in range(count):
            kind = KINDS[self.drawn % len(KINDS)]
            for _ in range(MAX_TRIES):
                text = question(self.rng, kind)
                if text not in self.seen:
                    break
            else:
                raise RuntimeError(f"the templates ran out of distinct {kind} questions after {len(self.seen)}")
            self.seen.add(text)
            self.drawn += 1
            out.append(text)
        return out


def questions(count: int, seed: int) -> list[str]:
    """`count` distinct questions (compare, recommend, info, list), deterministic for a seed."""
    return QuestionPool(seed).take(count)


# --------------------------------------------------------------------------------------------------
# Signed slash commands
# --------------------------------------------------------------------------------------------------

def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")."""
    base = b"v0:%d:" % timestamp + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def slash_body(text: str, i: int, response_url: str) -> bytes:
    return urlencode({
        "token": "legacy-verification-token", "team_id": "T1", "team_domain": "bench",
        "channel_id": "C0BENCH", "channel_name": "design", "user_id": f"U{1000 + i % 50}",
        "user_name": "bench", "command": "/pyframework", "text": text, "api_app_id": "A0BENCH",
        "is_enterprise_install": "false", "response_url": f"{response_url}/response/{i}",
        "trigger_id": f"{i}.1.bench",
    }).encode()


@dataclass(frozen=True)
class SignedRequest:
    text: str
    headers: dict[str, str]
    body: bytes

    def raw(self, port: int) -> bytes:
        head = f"POST {PATH} HTTP/1.1\r\nHost: {HOST}:{port}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in self.headers.items()) + "\r\n"
        return head.encode() + self.body


def signed_requests(secret: str, response_url: str, texts: list[str]) -> list[SignedRequest]:
    """One slash command per text, signed now: Slack's (and Bolt's) window is 5 minutes."""
    timestamp = int(time.time())
    out = []
    for i, text in enumerate(texts):
        body = slash_body(text, i, response_url)
        out.append(SignedRequest(text, {
            "Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(body)),
            "X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": sign(secret, timestamp, body),
        }, body))
    return out


# --------------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """A server supervisor we started (in its own process group), its log file, and its fake Slack."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, log_path: Path, fake: Any):
        self.name, self.port, self.log_path, self.fake = name, port, log_path, fake
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def log_tail(self, lines: int = 15) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def wait_healthy(self, deadline: float) -> None:
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before it was healthy:\n"
                                   f"{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                try:
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        return
                finally:
                    conn.close()
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} not healthy on {HOST}:{self.port} in time:\n{self.log_tail()}")
            time.sleep(0.1)

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the supervisor and its workers so far (Linux /proc), or None."""
        def times(pid: str) -> tuple[int, int, int] | None:  # (ppid, utime, stime) in clock ticks
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                return int(fields[1]), int(fields[11]), int(fields[12])
            return None

        if not Path("/proc/self/stat").exists():
            return None
        ticks = 0
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                t = times(pid)
                if t and (int(pid) == self.proc.pid or t[0] == self.proc.pid):
                    ticks += t[1] + t[2]
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.terminate()  # uvicorn: graceful shutdown of the supervisor and its workers
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # any worker left behind in the group we created
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        self.log.close()


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------

@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    non200: int = 0
    socket_errors: int = 0
    latency_us: Counter = field(default_factory=Counter)  # microseconds -> number of requests (wrk: weights)

    def add(self, other: Result) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.non200 += other.non200
        self.socket_errors += other.socket_errors
        self.latency_us.update(other.latency_us)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, p: float) -> float:
        total = sum(self.latency_us.values())
        if not total:
            return float("nan")
        rank, seen = total * p / 100 - 1e-9, 0.0  # nearest rank
        for value in sorted(self.latency_us):
            seen += self.latency_us[value]
            if seen >= rank:
                return value / 1000
        return max(self.latency_us) / 1000

    def figures(self) -> dict[str, Any]:
        return {"requests": self.requests, "seconds": round(self.seconds, 3), "rps": round(self.rps, 1),
                "p50_ms": round(self.percentile_ms(50), 2), "p99_ms": round(self.percentile_ms(99), 2),
                "errors": self.non200 + self.socket_errors, "non200": self.non200,
                "socket_errors": self.socket_errors}


# --------------------------------------------------------------------------------------------------
# Load generators: wrk (preferred) and Python threads with keep-alive connections
# --------------------------------------------------------------------------------------------------

def lua_string(data: bytes) -> str:
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:03d}" for b in data) + '"'


WRK_SCRIPT = """
-- generated by bench/http_mode.py: precomputed signed requests; stop after `limit` responses
local ffi = require("ffi")
ffi.cdef[[ int kill(int pid, int sig); int getpid(void); ]]
local reqs = { %(requests)s }
local limit = %(limit)d
local sent, done_count = 0, 0
non200 = 0
local threads = {}

function setup(thread) table.insert(threads, thread) end
%(pacing)s
function request()
  sent = sent + 1
  return reqs[(sent - 1) %% #reqs + 1]
end

function response(status, headers, body)
  done_count = done_count + 1
  if status ~= 200 then non200 = non200 + 1 end
  if done_count == limit then
    ffi.C.kill(ffi.C.getpid(), 2)  -- SIGINT wakes wrk's main thread, so the duration ends here
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non200") end
  local e = summary.errors
  io.write(string.format("BENCH requests=%%d duration_us=%%d non200=%%d socket_errors=%%d\\n", summary.requests,
    summary.duration, bad, e.connect + e.read + e.write + e.timeout))
  if summary.requests > 0 then  -- the distribution as 1000 evenly weighted quantiles, to merge rounds
    for k = 0, 999 do io.write(string.format("Q %%d\\n", latency:percentile((k + 0.5) / 10))) end
  end
end
"""


# Fixed rate (--rate): one schedule for every connection, a slot each 1/rate s; a connection waits for its slot
# (wrk's delay() hook, in whole milliseconds). Latency counts from the send, as wrk measures it.
PACING = """
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } timespec_t; int clock_gettime(int, timespec_t *); ]]
local ts = ffi.new("timespec_t[1]")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts[0].tv_sec) * 1000 + tonumber(ts[0].tv_nsec) / 1e6
end
local interval, slot = %(interval).6f, nil
function delay()
  local now = now_ms()
  slot = slot and math.max(slot + interval, now) or now
  return math.floor(slot - now + 0.5)
end
"""


def wrk_version(wrk: str) -> str:
    out = subprocess.run([wrk, "--version"], capture_output=True, text=True, timeout=10)
    return ((out.stdout + out.stderr).split("[")[0].strip() or "wrk").replace("\n", " ")


class WrkLoad:
    name = "wrk"

    def __init__(self, wrk: str, workdir: Path, children: list[subprocess.Popen]):
        self.wrk, self.workdir, self.children = wrk, workdir, children
        self.description = f"{wrk_version(wrk)}, 1 thread"

    def run(self, port: int, reqs: list[SignedRequest], count: int, concurrency: int, max_seconds: float,
            rate: float = 0.0) -> Result:
        script = self.workdir / f"load-{port}.lua"
        pacing = PACING % {"interval": 1000.0 / rate} if rate else ""
        script.write_text(WRK_SCRIPT % {"requests": ",\n  ".join(lua_string(r.raw(port)) for r in reqs),
                                        "limit": count, "pacing": pacing})
        argv = [self.wrk, "-t1", f"-c{concurrency}", f"-d{max(1, int(max_seconds))}s", "--timeout", "10s",
                "-s", str(script), f"http://{HOST}:{port}{PATH}"]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        self.children.append(proc)
        try:
            out, err = proc.communicate(timeout=max_seconds + 30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            self.children.remove(proc)
        result = Result()
        quantiles = []
        for line in out.splitlines():
            if line.startswith("BENCH "):
                fields = dict(kv.split("=") for kv in line.split()[1:])
                result.requests = int(fields["requests"])
                result.seconds = int(fields["duration_us"]) / 1e6
                result.non200 = int(fields["non200"])
                result.socket_errors = int(fields["socket_errors"])
            elif line.startswith("Q "):
                quantiles.append(int(line.split()[1]))
        if not result.seconds:
            raise RuntimeError(f"wrk gave no figures (exit {proc.returncode}): {err.strip() or out.strip()}")
        for value in quantiles:
            result.latency_us[value] += result.requests / len(quantiles)
        return result


class PythonLoad:
    name = "python"
    description = "Python threads + http.client keep-alive connections"

    def __init__(self, children: list[subprocess.Popen]):
        self.children = children  # starts no processes; the same interface as WrkLoad

    def run(self, port: int, reqs: list[SignedRequest], count: int, concurrency: int, max_seconds: float,
            rate: float = 0.0) -> Result:
        if rate:
            raise RuntimeError("--rate needs wrk (apt-get install -y wrk): Python threads cannot pace 1,000 req/s")
        lock = threading.Lock()
        next_index = iter(range(count))
        deadline = time.monotonic() + max_seconds
        latencies: list[list[int]] = []
        statuses: Counter = Counter()
        errors = [0]
        ends: list[float] = []
        start_gate = threading.Barrier(concurrency + 1)

        def worker() -> None:
            mine: list[int] = []
            latencies.append(mine)
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            start_gate.wait()
            while time.monotonic() < deadline:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    break
                req = reqs[i % len(reqs)]
                t0 = time.perf_counter()
                try:
                    conn.request("POST", PATH, body=req.body, headers=req.headers)
                    resp = conn.getresponse()
                    resp.read()
                    mine.append(int((time.perf_counter() - t0) * 1e6))
                    with lock:
                        statuses[resp.status] += 1
                except (OSError, http.client.HTTPException):
                    with lock:
                        errors[0] += 1
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=10)
            ends.append(time.perf_counter())
            conn.close()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
        for t in threads:
            t.start()
        start_gate.wait()
        started = time.perf_counter()
        for t in threads:
            t.join(max_seconds + 15)
        result = Result(requests=sum(statuses.values()), seconds=max(ends, default=started) - started,
                        non200=sum(n for s, n in statuses.items() if s != 200), socket_errors=errors[0])
        for mine in latencies:
            result.latency_us.update(mine)
        return result


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------

def post(port: int, req: SignedRequest, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("POST", PATH, body=req.body, headers=headers or req.headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def sanity_check(server: Server, reqs: list[SignedRequest], real: bool) -> dict[str, Any]:
    """Every request of a sample answered 200, with real answers (Block Kit, differing by question) from
    pyframework and the static text from the bare app; a forged signature refused with 401 by both."""
    bodies = []
    for req in reqs:
        status, body = post(server.port, req)
        if status != 200:
            raise RuntimeError(f"{server.name}: {req.text!r} answered {status}: {body[:200]!r}")
        payload = json.loads(body)
        if real and (not payload.get("blocks") or not payload.get("text")):
            raise RuntimeError(f"{server.name}: {req.text!r} got no Block Kit answer: {body[:200]!r}")
        bodies.append(body)
    if real and len(set(bodies)) < len(bodies) // 2:
        raise RuntimeError(f"{server.name}: {len(bodies)} questions got only {len(set(bodies))} distinct answers")
    forged = {**reqs[0].headers, "X-Slack-Signature": "v0=" + "0" * 64}
    status, _ = post(server.port, reqs[0], forged)
    if status != 401:
        raise RuntimeError(f"{server.name}: a forged signature got {status}, expected 401")
    return {"avg_response_bytes": round(sum(map(len, bodies)) / len(bodies)), "forged_signature_status": status}


# --------------------------------------------------------------------------------------------------
# --profile: where a worker's time goes (py-spy, sampling only the thread holding the GIL)
# --------------------------------------------------------------------------------------------------

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>.*):\d+\)$")


def _frame(frame: str) -> tuple[str, str]:
    match = FRAME.match(frame)
    return (match["func"], match["file"]) if match else (frame, "")


def area(stack: list[str]) -> str:
    """The part of the request path a sampled stack (root first) belongs to."""
    frames = [_frame(f) for f in stack]
    handling = [i for i, (func, _) in enumerate(frames)  # py-spy 0.4 names methods `Class.method`
                if func.rpartition(".")[2] in ("run_asgi", "__call__") and "uvicorn/" in frames[i][1]]
    if not handling:
        return "uvicorn: event loop, HTTP parsing"
    request = frames[handling[-1] + 1:]  # below uvicorn's call of the ASGI application
    files = [file for _, file in request]
    if any(f.startswith("logging/") for f in files):
        return "logging (pyframework: one line per request)"
    if any(func.rpartition(".")[2] == "send" and file.startswith("uvicorn/") for func, file in request):
        return "uvicorn: writing the response"  # called from the app (ours or Bolt's adapter)
    for i, (func, file) in enumerate(request):
        if file.startswith(("bot/slack/listeners/", "bench/bare_app")):
            if i + 1 < len(request):
                callee, callee_file = request[i + 1]
                return f"listener -> {callee} ({callee_file})"
            return f"listener {func} itself"
    if any(f.startswith("slack_bolt/app/") for f in files):
        return "Bolt dispatch: signature, parsing, middleware, matching"
    if any(f.startswith("slack_bolt/adapter/") for f in files):
        return "Bolt ASGI adapter"
    if any(f.startswith("bot/") for f in files):
        return "bot/ outside Bolt (limits, signature, ASGI app)"
    return "uvicorn: writing the response"


def find_py_spy() -> str | None:
    venv = VENV_BIN / "py-spy"
    return shutil.which("py-spy") or (str(venv) if venv.exists() else None)


def profile(server: Server, load: Any, reqs: list[SignedRequest], args: argparse.Namespace, workdir: Path,
            children: list[subprocess.Popen]) -> dict[str, Any]:
    """Load the server for --profile-seconds under py-spy; GIL-holding time per request, by area."""
    spy, rate, seconds = find_py_spy(), 200, max(3, int(args.profile_seconds))
    if not spy:
        return {"error": "py-spy not found (pip install py-spy, into .venv or anywhere on PATH)"}
    out = workdir / f"profile-{server.name}.txt"
    proc = subprocess.Popen([spy, "record", "--gil", "--subprocesses", "--pid", str(server.proc.pid),
                             "--rate", str(rate), "--duration", str(seconds + 2), "--format", "raw",
                             "--output", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    children.append(proc)
    try:
        time.sleep(1.0)  # attach
        result = load.run(server.port, reqs, 10**9, args.concurrency, seconds)
        _, err = proc.communicate(timeout=seconds + 30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        children.remove(proc)
    if not out.exists():
        return {"error": f"py-spy failed: {err.strip()[-300:]}"}
    samples: Counter = Counter()
    for line in out.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            samples[area(stack.split(";"))] += int(count)
    total = sum(samples.values())
    per_request = 1000 / rate / max(1, result.requests)  # ms of GIL time per sample per request
    return {"requests": result.requests, "rps": round(result.rps, 1), "samples": total, "rate_hz": rate,
            "gil_ms_per_request": round(total * per_request, 3),
            "areas": {name: {"ms_per_request": round(n * per_request, 3), "share": round(n / total, 3)}
                      for name, n in samples.most_common()} if total else {}}


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------

def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(args: argparse.Namespace, say: Any) -> dict[str, Any]:
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # fake_slack imports its sibling slack_rules
    from fake_slack import FakeSlack

    children: list[subprocess.Popen] = []
    servers: list[Server] = []
    fakes: list[Any] = []
    workdir = Path(tempfile.mkdtemp(prefix="pyframework-bench-http-"))
    wrk = shutil.which("wrk") if args.load in ("auto", "wrk") else None
    if args.load == "wrk" and not wrk:
        raise RuntimeError("--load wrk: wrk is not installed (apt-get install -y wrk)")
    load: WrkLoad | PythonLoad = WrkLoad(wrk, workdir, children) if wrk else PythonLoad(children)
    try:
        secret = secrets.token_hex(32)
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        base_env.update(SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=secret, PYTHONUNBUFFERED="1",
                        PYFRAMEWORK_DB=str(workdir / "state.db"))  # the store, never in the checkout
        specs = (
            ("pyframework", [str(VENV_BIN / "pyframework"), "serve", "--http", "--host", HOST]),
            ("bare", [str(VENV_BIN / "python"), "-m", "bench.bare_app", "--host", HOST]),
            ("bare_answer", [str(VENV_BIN / "python"), "-m", "bench.bare_app", "--host", HOST, "--reply", "answer"]),
        )
        for name, argv in specs:
            fake = FakeSlack().start()  # one each, so Web API calls can be told apart
            fakes.append(fake)
            port = free_port()
            env = {**base_env, "SLACK_API_URL": fake.url + "/api/"}
            servers.append(Server(name, [*argv, "--port", str(port), "--workers", str(args.workers)], env, port,
                                  workdir / f"{name}.log", fake))
        deadline = time.monotonic() + STARTUP_SECONDS
        for server in servers:
            server.wait_healthy(deadline)
        say(f"servers up: pyframework on :{server_port(servers, 'pyframework')}, bare Bolt on :"
            f"{server_port(servers, 'bare')} (static) and :{server_port(servers, 'bare_answer')} (one answer); "
            f"load: {load.description}, {args.concurrency} connections")

        def phase(server: Server, texts: list[str], count: int, seconds: float) -> Result:
            reqs = signed_requests(secret, server.fake.url, texts)  # signed now: valid for 5 minutes
            return load.run(server.port, reqs, count, args.concurrency, seconds)

        checks = {}
        pool = QuestionPool(seed=1_000)  # every text of the run from it: none is asked twice
        warm_texts = pool.take(max(args.warmup, 20))
        for server in servers:
            checks[server.name] = sanity_check(server, signed_requests(secret, server.fake.url, warm_texts[:20]),
                                               real=server.name == "pyframework")
            if args.warmup:
                warm = phase(server, warm_texts, args.warmup, args.max_seconds)
                if warm.non200 or warm.socket_errors:
                    raise RuntimeError(f"{server.name}: warm-up errors: {warm.figures()}")
            time.sleep(PHASE_PAUSE)

        totals = {s.name: Result() for s in servers}
        cpu = {s.name: 0.0 for s in servers}
        cpu_known = True
        rounds: list[dict[str, Any]] = []
        calls_before = {s.name: len(s.fake.calls) for s in servers}
        per_round = [args.requests // args.rounds + (1 if i < args.requests % args.rounds else 0)
                     for i in range(args.rounds)]
        for i, count in enumerate(per_round):
            texts = pool.take(1 if args.same_question else count)  # the same questions for every server
            this_round: dict[str, Any] = {}
            for server in servers if i % 2 == 0 else servers[::-1]:
                cpu_before = server.cpu_seconds()
                result = phase(server, texts, count, args.max_seconds)
                time.sleep(PHASE_PAUSE)  # requests in flight when the count was reached finish
                cpu_after = server.cpu_seconds()
                if cpu_before is None or cpu_after is None:
                    cpu_known = False
                else:
                    cpu[server.name] += cpu_after - cpu_before
                totals[server.name].add(result)
                this_round[server.name] = result.figures()
            this_round["ratio"] = rps_ratio(this_round["pyframework"], this_round["bare"])
            rounds.append(this_round)
            say(f"round {i + 1}/{args.rounds}: pyframework {this_round['pyframework']['rps']:.0f} req/s, "
                f"bare {this_round['bare']['rps']:.0f} req/s (same-size answer "
                f"{this_round['bare_answer']['rps']:.0f}), ratio {this_round['ratio']}")

        figures = {}
        for server in servers:
            total = totals[server.name]
            figures[server.name] = {
                **total.figures(), **checks[server.name],
                "server_cpu_ms_per_request": round(1000 * cpu[server.name] / total.requests, 3)
                if cpu_known and total.requests else None,
                "web_api_calls_during_load": len(server.fake.calls) - calls_before[server.name],
            }
        ratio = rps_ratio(figures["pyframework"], figures["bare"]) or 0.0
        cpu_ratio = cpu_ratio_of(figures["bare"], figures["pyframework"])
        errors = sum(f["errors"] for f in figures.values())

        paced: dict[str, Any] = {}
        if args.rate:
            count = int(args.rate * args.rate_seconds)
            texts = pool.take(count)
            for server in servers[:2]:  # pyframework, and the static bare app for reference
                reqs = signed_requests(secret, server.fake.url, texts)
                paced[server.name] = load.run(server.port, reqs, count, args.concurrency,
                                              args.rate_seconds * 3, rate=args.rate).figures()
                time.sleep(PHASE_PAUSE)
                say(f"fixed rate {args.rate:.0f} req/s, {server.name}: {paced[server.name]['rps']:.0f} req/s "
                    f"achieved, p99 {paced[server.name]['p99_ms']:.1f} ms")

        profiles = {}
        if args.profile:
            say(f"profiling each server for {args.profile_seconds:.0f} s under the same load (py-spy --gil)")
            texts = pool.take(PROFILE_QUESTIONS)
            for server in servers:
                reqs = signed_requests(secret, server.fake.url, texts)
                profiles[server.name] = profile(server, load, reqs, args, workdir, children)
        return {
            "setup": {
                "host": HOST, "path": PATH, "server": "uvicorn, uvloop, httptools (bot.slack.serve.serve_http)",
                "workers": args.workers,
                "load_generator": load.name, "load_generator_detail": load.description,
                "concurrency": args.concurrency, "requests_per_server": args.requests, "rounds": args.rounds,
                "same_question": args.same_question,
                "warmup_per_server": args.warmup, "cpus": cpu_count(), "python": platform.python_version(),
                "note": "the load generator, both servers and the fake Slack APIs share the same CPU cores",
            },
            "pyframework": figures["pyframework"],
            "bare": figures["bare"],
            "bare_answer": figures["bare_answer"],
            "rounds": rounds,
            "ratio": round(ratio, 3),
            "cpu_ratio": cpu_ratio,
            "target_ratio": TARGET_RATIO,
            "pass": ratio >= TARGET_RATIO and errors == 0 and not args.same_question,
            **({"fixed_rate": {"rate": args.rate, "seconds": args.rate_seconds, **paced}} if paced else {}),
            "targets": targets(ratio, errors, paced, args.rate, args.same_question),
            "same_size": {  # reference only: the target is against the static reply
                "ratio": rps_ratio(figures["pyframework"], figures["bare_answer"]),
                "cpu_ratio": cpu_ratio_of(figures["bare_answer"], figures["pyframework"]),
                "ceiling_ratio": rps_ratio(figures["bare_answer"], figures["bare"]),
                "ceiling_cpu_ratio": cpu_ratio_of(figures["bare"], figures["bare_answer"]),
            },
            **({"profile": profiles} if profiles else {}),
        }
    finally:
        for proc in list(children):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        for server in servers:
            server.stop()
        for fake in fakes:
            with contextlib.suppress(Exception):
                fake.stop()
        if args.keep_logs:
            say(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def targets(ratio: float, errors: int, paced: dict[str, Any], rate: float,
            same_question: bool = False) -> list[dict[str, Any]]:
    """The issue's targets measured by this run: throughput ratio, and p99 at a fixed rate when run. With
    one question repeated, the throughput is a reference (the target is for distinct questions)."""
    kind = "one question repeated (reference)" if same_question else "distinct real answers"
    out = [{"name": f"throughput pyframework/bare, {kind}", "target": f">= {TARGET_RATIO}x, no errors",
            "value": f"{ratio:.2f}x, {errors} errors", "pass": ratio >= TARGET_RATIO and errors == 0,
            "reference": same_question}]
    if paced:
        f = paced["pyframework"]
        sustained = f["rps"] >= 0.95 * rate and rate >= TARGET_RATE
        out.append({"name": f"p99 at a sustained {rate:.0f} req/s", "target": f"<= {TARGET_P99_MS:.0f} ms at "
                    f">= {TARGET_RATE} req/s", "value": f"{f['p99_ms']:.1f} ms at {f['rps']:.0f} req/s, "
                    f"{f['errors']} errors", "pass": sustained and f["p99_ms"] <= TARGET_P99_MS and not f["errors"]})
    return out


def server_port(servers: list[Server], name: str) -> int:
    return next(s.port for s in servers if s.name == name)


def rps_ratio(faster: dict[str, Any], baseline: dict[str, Any]) -> float | None:
    """Throughput of one server over another's (from their figures), or None without a baseline."""
    return round(faster["rps"] / baseline["rps"], 3) if baseline["rps"] else None


def cpu_ratio_of(cheaper: dict[str, Any], dearer: dict[str, Any]) -> float | None:
    """Server CPU per request, `cheaper` over `dearer`: the throughput ratio a CPU-bound machine would give."""
    a, b = cheaper["server_cpu_ms_per_request"], dearer["server_cpu_ms_per_request"]
    return round(a / b, 3) if a is not None and b else None


def report(r: dict[str, Any]) -> str:
    s = r["setup"]
    lines = [
        f"HTTP bench: signed /pyframework slash commands at POST {s['path']} on {s['host']}",
        f"server: {s['server']}, {s['workers']} workers; one server per app",
        f"load: {s['load_generator_detail']}, {s['concurrency']} keep-alive connections, "
        f"{s['requests_per_server']} requests per server in {s['rounds']} interleaved rounds after "
        f"{s['warmup_per_server']} warm-up; distinct questions (compare, recommend, info, list)",
        f"note: the load generator shares the {s['cpus']} CPU core(s) with the servers (and whatever else runs); "
        "absolute figures are machine-bound, the ratio is the point",
        *(["note: the Python load generator needs CPU itself and compresses the ratio; wrk is preferred"]
          if s["load_generator"] == "python" else []),
        "",
        f"{'':22}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'CPU ms/req':>11}{'resp bytes':>11}"
        f"{'API calls':>10}",
    ]
    for name, label in (("pyframework", "pyframework (answers)"), ("bare", "bare Bolt (static)"),
                        ("bare_answer", "bare Bolt (one answer)")):
        f = r[name]
        cpu = f"{f['server_cpu_ms_per_request']:.3f}" if f["server_cpu_ms_per_request"] is not None else "n/a"
        lines.append(f"{label:22}{f['rps']:>8.1f}{f['p50_ms']:>8.2f}{f['p99_ms']:>8.2f}{f['errors']:>7}{cpu:>11}"
                     f"{f['avg_response_bytes']:>11}{f['web_api_calls_during_load']:>10}")
    per_round = ", ".join(f"{x['ratio']:.2f}" for x in r["rounds"] if x["ratio"] is not None)
    lines += [
        "",
        f"throughput pyframework/bare: {r['ratio']:.2f}x (per round: {per_round}); target >= {r['target_ratio']}x "
        f"with no errors: {'PASS' if r['pass'] else 'FAIL'}"
        + (" (one question repeated: a reference; the target is for distinct questions)" if s["same_question"] else ""),
    ]
    if r.get("cpu_ratio"):
        lines.append(f"server CPU per request, bare/pyframework: {r['cpu_ratio']:.2f}x (less sensitive to other load "
                     "on the machine; includes the <= C requests left in flight at the end of each phase)")
    same = r["same_size"]
    lines += [
        "reference, a bare app acking one fixed real answer (same reply size, no work per request):",
        f"  pyframework/that app: {fmt_ratio(same['ratio'])} throughput, "
        f"{fmt_ratio(same['cpu_ratio'])} CPU per request",
        f"  that app/the static one: {fmt_ratio(same['ceiling_ratio'])} throughput, "
        f"{fmt_ratio(same['ceiling_cpu_ratio'])} CPU per request: the best any app replying this much can reach",
    ]
    fixed = r.get("fixed_rate")
    if fixed:
        lines += ["", f"fixed rate {fixed['rate']:.0f} req/s for {fixed['seconds']:.0f} s (wrk delay() pacing, "
                  "latency from the send):"]
        for name in ("pyframework", "bare"):
            f = fixed[name]
            lines.append(f"  {name:20}{f['rps']:>8.1f} req/s achieved, p50 {f['p50_ms']:.2f} ms, "
                         f"p99 {f['p99_ms']:.2f} ms, {f['errors']} errors")
    lines += ["", "targets:"] + [f"  {'REF ' if t.get('reference') else 'PASS' if t['pass'] else 'FAIL'}  "
                                 f"{t['name']}: {t['value']} (target {t['target']})" for t in r["targets"]]
    for name, prof in r.get("profile", {}).items():
        lines += ["", f"profile of {name} (py-spy --gil, GIL-holding time per request):"]
        if "error" in prof:
            lines.append(f"  {prof['error']}")
            continue
        lines.append(f"  {prof['gil_ms_per_request']:.3f} ms per request at {prof['rps']:.0f} req/s "
                     f"({prof['samples']} samples at {prof['rate_hz']} Hz, {prof['requests']} requests)")
        for area_name, a in list(prof["areas"].items())[:12]:
            lines.append(f"  {a['ms_per_request']:7.3f} ms {100 * a['share']:5.1f}%  {area_name}")
    return "\n".join(lines)


def fmt_ratio(value: float | None) -> str:
    return f"{value:.2f}x" if value is not None else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="HTTP-mode benchmark: pyframework vs a bare Bolt app.")
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per server (default 3000)")
    parser.add_argument("--concurrency", type=int, default=32, help="keep-alive connections (default 32)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds the requests are split into")
    parser.add_argument("--warmup", type=int, default=300, help="warm-up requests per server (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (default 2)")
    parser.add_argument("--load", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk when installed (auto), or Python threads")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="time bound of each load phase")
    parser.add_argument("--profile", action="store_true",
                        help="afterwards, sample each server's workers with py-spy under the same load")
    parser.add_argument("--profile-seconds", type=float, default=6.0, help="length of each profile phase")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--rate", type=float, default=0.0,
                        help=f"then a fixed-rate phase at this many req/s (the p99 target is at {TARGET_RATE})")
    parser.add_argument("--rate-seconds", type=float, default=6.0, help="length of the fixed-rate phase (default 6)")
    parser.add_argument("--same-question", action="store_true",
                        help="measure with one question asked again and again (what is left besides answering)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the servers' logs (path printed)")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.rounds < 1 or args.warmup < 0 or args.workers < 1:
        parser.error("--requests, --concurrency, --rounds and --workers must be >= 1, --warmup >= 0")
    args.rounds = min(args.rounds, args.requests)

    def on_sigterm(*_: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)

    def say(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    try:
        result = run(args, say)
    except KeyboardInterrupt:
        print("bench/http_mode.py: interrupted; servers stopped", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"bench/http_mode.py: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else "\n" + report(result))
    return 1 if args.check and not all(t["pass"] for t in result["targets"] if not t.get("reference")) else 0


if __name__ == "__main__":
    sys.exit(main())
