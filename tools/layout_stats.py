"""How long answers are in Slack: blocks and visible characters per answer over the question corpus.

A thread answer has to fit a busy discussion, so its size is measured, not guessed: this renders
every corpus question as Slack would get it and prints the median and 90th percentile of the
number of blocks and of the characters a reader sees (all text in blocks and table cells, not JSON).

    python tools/layout_stats.py [corpus/questions.jsonl]
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.slack.replies import message_for  # noqa: E402


def visible_text(node: Any) -> int:
    """Characters a reader sees: every `text` string in the blocks, however deeply nested."""
    if isinstance(node, dict):
        own = len(node["text"]) if isinstance(node.get("text"), str) else 0
        return own + sum(visible_text(v) for k, v in node.items() if k != "text" or not isinstance(v, str))
    if isinstance(node, list):
        return sum(visible_text(v) for v in node)
    return 0


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The message's blocks, those inside attachments included."""
    inner = [b for a in message.get("attachments") or () for b in a.get("blocks") or ()]
    return list(message.get("blocks") or ()) + inner


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "corpus" / "questions.jsonl"
    engine = Engine()
    by_intent: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        answer = engine.answer(text)
        message = message_for(engine, answer)
        blocks = blocks_of(message)
        by_intent[answer.question.intent].append((len(blocks), visible_text(blocks), len(message["text"])))
    rows = [("all", [s for stats in by_intent.values() for s in stats])] + sorted(by_intent.items())
    print(f"{'intent':<10} {'n':>4}  {'blocks p50/p90':>14}  {'chars p50/p90':>14}  {'fallback p50':>12}")
    for name, stats in rows:
        blocks, chars, fallback = ([s[i] for s in stats] for i in range(3))
        print(f"{name:<10} {len(stats):>4}  {int(statistics.median(blocks)):>6}/{percentile(blocks, .9):<7} "
              f"{int(statistics.median(chars)):>6}/{percentile(chars, .9):<7} {int(statistics.median(fallback)):>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
