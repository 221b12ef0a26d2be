"""Dump every answer the bot gives to a fixed set of questions, so an optimisation can prove it changed none.

    python tools/dump_answers.py > /tmp/before.jsonl
    ... change the code ...
    python tools/dump_answers.py > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

The questions: corpus/questions.jsonl, corpus/threads.jsonl (text and earlier messages, read as
tools/evaluate.py reads them), the dev halves of the blind sets (corpus/tryout*.jsonl, never a held-out
half), ../shared/eval/sample.jsonl when present, and bench/engine.py's seeded
generated mix. One JSON line per question, keys sorted:

- `text`: the plain-text render (the console's answer);
- `message`: the Slack message (text, blocks, attachments) as a mention or button reply posts it;
- `ack`: for a question without earlier messages, the exact HTTP response body `/pyframework` sends, taken
  through the real ASGI application, Bolt and the command listener (signed request, in process), so a cache
  of serialised responses at any layer is covered byte for byte;
- `answer_json`: what `pyframework ask --json` prints.

With --warm, the engine is the one bot/warm.py keeps on disk, so the dump proves it answers as a new one.

Every question is answered twice, the second time from whatever the process remembers, and both must agree
(a cache that answers differently from a fresh computation shows up as a `MISMATCH` line on stderr and exit 1).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]  # fake_slack imports slack_rules

from bot.cli import answer_json  # noqa: E402
from bot.engine import Engine, default_engine  # noqa: E402
from bot.present import present  # noqa: E402
from bot.render_slack import render_message  # noqa: E402
from bot.render_text import render_text  # noqa: E402

SHARED_SAMPLE = ROOT.parent / "shared" / "eval" / "sample.jsonl"
SECRET = "dump-answers-secret"


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def questions(generated: int, seed: int) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(source, text, earlier messages) for every question of the dump, in a fixed order."""
    for kind in ("questions", "threads"):
        for case in _jsonl(ROOT / "corpus" / f"{kind}.jsonl"):
            yield kind, case["text"], tuple(case.get("messages", ()))
    for path in sorted((ROOT / "corpus").glob("tryout*.jsonl")):  # the blind sets' dev halves (never held-out)
        if "holdout" not in path.name:
            for case in _jsonl(path):
                yield path.stem, case["text"], ()
    if SHARED_SAMPLE.exists():
        for case in _jsonl(SHARED_SAMPLE):
            yield "shared", case["text"], ()
    from engine import question_mix  # bench/engine.py

    for _category, text in question_mix(generated, seed):
        yield "generated", text, ()


class AckProbe:
    """The real HTTP application (bot/slack/asgi.py) around the real Bolt app, driven in process."""

    def __init__(self, engine: Engine) -> None:
        from fake_slack import FakeSlack

        from bot.config import Settings
        from bot.slack.app import build_app, web_client
        from bot.slack.asgi import SlackHttp
        from bot.slack.delivery import Outbox
        from bot.slack.jobs import Worker
        from bot.slack.services import Services
        from bot.store import open_store

        self.fake = FakeSlack().start()
        self.folder = tempfile.TemporaryDirectory()
        settings = Settings(bot_token="xoxb-dump", signing_secret=SECRET, app_token="",
                            api_url=self.fake.url + "/api/")
        self.store = open_store("", str(Path(self.folder.name) / "dump.sqlite"))
        client = web_client(settings)
        outbox = Outbox(client, client, bot_user_id="UBOT", budget=5.0)
        services = Services(engine, Worker(self.store, lease=5.0), outbox)
        self.http = SlackHttp(settings)
        app = build_app(settings, services, web_client(settings))
        self.http.runtime = type("Runtime", (), {"app": app, "services": services})()
        self.loop = asyncio.new_event_loop()

    def signed(self, text: str, number: int) -> tuple[bytes, dict[str, str]]:
        """A `/pyframework <text>` body and its headers, signed as Slack signs them."""
        body = urlencode({"command": "/pyframework", "text": text, "user_id": "U1", "channel_id": "C1",
                          "team_id": "T1", "trigger_id": f"dump.{number}",
                          "response_url": self.fake.url + "/response"}).encode()
        ts = str(int(time.time()))
        signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
        return body, {"content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts,
                      "x-slack-signature": signature, "content-length": str(len(body))}

    def ack(self, text: str, number: int) -> str:
        """The response body for `/pyframework <text>`, as uvicorn would write it."""
        body, headers = self.signed(text, number)
        scope = {"type": "http", "method": "POST", "path": "/slack/events", "query_string": b"",
                 "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        self.loop.run_until_complete(self.http.http(scope, receive, send))
        status = sent[0]["status"]
        return f"{status} " + b"".join(m.get("body", b"") for m in sent[1:]).decode("utf-8")

    def bolt_ack(self, text: str, number: int) -> str:
        """The same command dispatched by Bolt itself (as Socket Mode does), for comparison with `ack`."""
        from slack_bolt.request.async_request import AsyncBoltRequest

        body, headers = self.signed(text, number)
        request = AsyncBoltRequest(body=body.decode(), headers=headers)
        response = self.loop.run_until_complete(self.http.runtime.app.async_dispatch(request))
        return f"{response.status} {response.body}"

    def close(self) -> None:
        self.loop.close()
        self.store.close()
        self.fake.stop()
        self.folder.cleanup()


def record(engine: Engine, probe: AckProbe, source: str, text: str, messages: tuple[str, ...], n: int) -> str:
    answer = engine.answer(text, messages)
    doc = present(answer, engine.kb)
    out = {"source": source, "question": text, "messages": list(messages), "text": render_text(doc),
           "message": render_message(doc), "answer_json": answer_json(engine, answer)}
    if not messages:
        out["ack"] = probe.ack(text, n)
        if probe.bolt_ack(text, n) != out["ack"]:
            print(f"MISMATCH between the HTTP and Bolt acknowledgements of {text[:80]!r}", file=sys.stderr)
            out["bolt_ack_differs"] = True
    return json.dumps(out, sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=3000, help="generated questions (bench/engine.py's mix)")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the generated mix (bench's default)")
    parser.add_argument("--warm", action="store_true",
                        help="answer with the engine bot/warm.py stores on disk (stored first if need be)")
    args = parser.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)  # the bench's fake Web API and Bolt chatter are not answers
    if args.warm:
        from bot.warm import load_engine

        load_engine()
        engine, from_disk = load_engine()
        if not from_disk:
            print("no stored engine could be used (see bot/warm.py)", file=sys.stderr)
            return 1
    else:
        engine = default_engine()
    probe = AckProbe(engine)
    out = sys.stdout
    mismatches = count = 0
    try:
        for n, (source, text, messages) in enumerate(questions(args.generated, args.seed)):
            first = record(engine, probe, source, text, messages, n)
            again = record(engine, probe, source, text, messages, n)
            if again != first:
                mismatches += 1
                print(f"MISMATCH on a second answer to {text[:80]!r}", file=sys.stderr)
            out.write(first + "\n")
            count += 1
    finally:
        probe.close()
    print(f"{count} questions dumped, {mismatches} answered differently the second time", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
