"""The `pyframework` command line: a thin shell over the engine and the Slack app.

    pyframework ask [--json] [QUESTION]   answer one question, or one per stdin line
    pyframework run [--conversation]      console chat, or the Slack app when tokens are configured
    pyframework serve [--http] ...        the Slack app (Socket Mode, or HTTP on a production server)
    pyframework kb check [DIR]            validate the knowledge base
    pyframework kb refresh [--write] [DIR]  compare release facts with PyPI (and update them)
    pyframework report [--since DAYS] [--json]  what to add to the knowledge next (gaps and votes down)

Slack libraries are imported only by the commands that talk to Slack, so `ask` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from bot import knowledge
from bot.advice import Answer
from bot.engine import Engine
from bot.present import present
from bot.render_text import render_text


def answer_json(engine: Engine, answer: Answer) -> dict[str, Any]:
    """The machine-readable answer: what was understood, the ranking, and the Slack message."""
    from bot.render_slack import render_message

    q = answer.question
    message = render_message(present(answer, engine.kb))
    return {
        "intent": q.intent,
        "frameworks": list(q.named),
        "excluded": list(q.excluded),
        "within": list(q.within),
        "needs": list(q.needs),
        "traits": [f"{t}:{v}" for t, v in q.traits],
        "negated": list(q.negated),
        "avoided": list(q.avoided),
        "libraries": list(q.libraries),
        "recommendations": [  # what the answer puts forward: the ranking, or where to go instead of a card's
            {"framework": r.framework.id, "score": r.score, "fit": r.fit, "reasons": list(r.reasons),
             "caveats": list(r.caveats), "standing": r.standing}
            for r in answer.recommendations or answer.alternatives
        ],
        "text": message["text"],
        "blocks": message["blocks"],
        "attachments": message.get("attachments", []),
    }


def _questions(argument: str | None, stream: TextIO) -> Iterator[str]:
    if argument is not None:
        yield argument
        return
    for line in stream:
        yield line.rstrip("\r\n")


def _load_engine() -> Engine | None:
    """The engine, from the copy bot/warm.py keeps on disk when there is one (a cold start is mostly building
    it); the knowledge's problems in one line otherwise."""
    from bot.warm import load_engine

    try:
        return load_engine()[0]
    except knowledge.KnowledgeError as exc:
        print(f"pyframework: {exc}", file=sys.stderr)
        return None


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _load_engine()
    if engine is None:
        return 1
    out = sys.stdout
    for text in _questions(args.question, sys.stdin):
        answer = engine.answer(text)
        if args.json:
            out.write(json.dumps(answer_json(engine, answer), ensure_ascii=False) + "\n")
        else:
            out.write(render_text(present(answer, engine.kb)) + "\n\n")
        out.flush()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot import config

    settings = config.load_settings()
    if settings.slack_configured:  # Socket Mode with an app token; otherwise HTTP mode with the signing secret
        http = not settings.socket_mode and bool(settings.signing_secret)
        return cmd_serve(argparse.Namespace(http=http, port=None, workers=None, host=None))
    engine = _load_engine()
    if engine is None:
        return 1
    from bot import console

    return console.run(engine, conversation=args.conversation)


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.slack import serve

    return serve.main(http=args.http, host=args.host, port=args.port, workers=args.workers)


def cmd_kb(args: argparse.Namespace) -> int:
    """Every problem as `file:line: message` and exit 1; warnings (stale checks) are printed but pass.

    Besides the files themselves, every example and counterexample of the language data is read."""
    from bot.reading.language import load_language
    from bot.reading.reader import Reader
    from bot.reading.selfcheck import check_examples, check_flags

    kb, problems = knowledge.check(args.dir)
    if kb is not None:
        language, language_problems = load_language(kb.source_dir)
        problems += language_problems
        if not language_problems:
            reader = Reader(kb, language)
            flag_problems = check_flags(reader)  # a flag naming no feature would stop the reader itself
            problems += flag_problems or check_examples(reader)
    if problems:
        print(knowledge.describe(problems))
    if kb is None or any(not p.warning for p in problems):
        return 1
    print(f"ok: {len(kb.frameworks)} frameworks, {len(kb.vocabulary.features)} features, "
          f"{len(language.examples)} language examples")
    return 0


def cmd_kb_refresh(args: argparse.Namespace) -> int:
    """Differences with PyPI, one per line; exit 0 when every file agrees, 1 when one differs or failed,
    2 for a bad option (said in one line, as everywhere else in this command line)."""
    from bot.knowledge import pypi, refresh

    try:
        index = pypi.index_url(args.index_url)
        timeout = _seconds(args.timeout)
        only = [name for value in args.only for name in value.split(",")]
        return refresh.refresh(args.dir, index, sys.stdout, write_files=args.write, only=only, timeout=timeout)
    except ValueError as exc:
        print(f"pyframework kb refresh: {exc}", file=sys.stderr)
        return 2


def cmd_report(args: argparse.Namespace) -> int:
    from bot.feedback import report_command

    return report_command(args.since, args.json, sys.stdout, sys.stderr)


def _seconds(text: str | None) -> float:
    from bot.knowledge.pypi import TIMEOUT

    if text is None:
        return TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 300:
        raise ValueError(f"--timeout must be a number of seconds between 0 and 300, got `{text[:40]}`")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pyframework", description="Choose a Python web framework.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or one per line of stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("question", nargs="?", help="the question (default: read stdin)")
    ask.set_defaults(func=cmd_ask)
    run = sub.add_parser("run", help="console chat, or the Slack app when tokens are set")
    run.add_argument("--conversation", action="store_true",
                     help="read piped lines as one conversation, as a terminal always is (default: each alone)")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="run the Slack app")
    serve.add_argument("--http", action="store_true", help="HTTP mode on a production server")
    serve.add_argument("--host", default=None, help="HTTP bind address (default 0.0.0.0)")
    serve.add_argument("--port", type=int, default=None, help="HTTP port (default $PORT or 3000)")
    serve.add_argument("--workers", type=int, default=None, help="HTTP worker processes (default 2)")
    serve.set_defaults(func=cmd_serve)
    kb = sub.add_parser("kb", help="knowledge base tools")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate the knowledge base")
    check.add_argument("dir", nargs="?", default=None, help="knowledge folder (default: the bundled one)")
    check.set_defaults(func=cmd_kb)
    refresh = kb_sub.add_parser("refresh", help="compare release facts with PyPI; --write updates them")
    refresh.add_argument("dir", nargs="?", default=None, help="knowledge folder (default: the bundled one)")
    refresh.add_argument("--write", action="store_true",
                         help="update release.version/date/python_requires/source, activity.last_release, checked")
    refresh.add_argument("--index-url", default=None,
                         help="the JSON API root (default $PYFRAMEWORK_PYPI_URL or https://pypi.org/pypi)")
    refresh.add_argument("--only", action="append", default=[], metavar="ID[,ID]",
                         help="refresh only these frameworks (repeatable)")
    refresh.add_argument("--timeout", default=None, metavar="SECONDS", help="per framework (default 10)")
    refresh.set_defaults(func=cmd_kb_refresh)
    report = sub.add_parser("report", help="what to add to the knowledge next: gaps and answers voted down")
    report.add_argument("--since", default=None, metavar="DAYS", help="the last DAYS days (default 30)")
    report.add_argument("--json", action="store_true", help="one JSON object")
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
