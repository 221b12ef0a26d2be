"""Score the reader and the advice on the corpus of real questions (corpus/*.jsonl), split by split.

    python tools/evaluate.py                 # both splits of questions and threads, plus failures
    python tools/evaluate.py --split dev     # only the development split
    python tools/evaluate.py --check         # exit 1 when a figure is below its floor (corpus/floors.json)

The measures are those of ../shared/eval/score.py: the intent is one of the acceptable ones, the frameworks
named are exactly one of the acceptable sets, the first pick is acceptable, and the first three hold an
acceptable pick and no bad one. Threads are read with their earlier messages, as Slack would give them.
The held-out split is for finding *kinds* of mistake only; nothing is ever tuned to one of its sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli import answer_json  # noqa: E402
from bot.engine import Engine  # noqa: E402

CORPUS = ROOT / "corpus"
MEASURES = ("intent", "frameworks", "top1", "top3")


@dataclass
class Tally:
    counts: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in MEASURES})
    failures: list[tuple[dict, dict, dict[str, bool]]] = field(default_factory=list)

    def add(self, case: dict, answer: dict, checks: dict[str, bool]) -> None:
        for measure, ok in checks.items():
            self.counts[measure][0] += ok
            self.counts[measure][1] += 1
        if not all(checks.values()):
            self.failures.append((case, answer, checks))

    def rate(self, measure: str) -> float | None:
        ok, n = self.counts[measure]
        return ok / n if n else None

    def line(self) -> str:
        return "; ".join(f"{m} {ok}/{n}={ok / n:.2f}" for m, (ok, n) in self.counts.items() if n)


def checks_for(case: dict, answer: dict) -> dict[str, bool]:
    recs = [r["framework"] for r in answer.get("recommendations") or []]
    checks = {"intent": answer.get("intent") in case["intent"]}
    if "frameworks" in case:
        want = case["frameworks"]
        options = want if want and isinstance(want[0], list) else [want]
        checks["frameworks"] = any(set(answer.get("frameworks") or []) == set(o) for o in options)
    if "top1" in case:
        checks["top1"] = bool(recs) and recs[0] in case["top1"]
    if "top3_any" in case or "not_top3" in case:
        ok = not case.get("top3_any") or any(f in recs[:3] for f in case["top3_any"])
        checks["top3"] = ok and not any(f in recs[:3] for f in case.get("not_top3", ()))
    return checks


def cases(kind: str) -> Iterable[dict]:
    with open(CORPUS / f"{kind}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def evaluate(engine: Engine, splits: tuple[str, ...]) -> dict[tuple[str, str], Tally]:
    tallies: dict[tuple[str, str], Tally] = {}
    for kind in ("questions", "threads"):
        for case in cases(kind):
            if case["split"] not in splits:
                continue
            answer = answer_json(engine, engine.answer(case["text"], tuple(case.get("messages", ()))))
            tallies.setdefault((kind, case["split"]), Tally()).add(case, answer, checks_for(case, answer))
    return tallies


def show_failures(tally: Tally, out) -> None:
    for case, answer, checks in tally.failures:
        bad = ",".join(k for k, ok in checks.items() if not ok)
        recs = [r["framework"] for r in answer.get("recommendations") or []][:3]
        out.write(f"  {case['id']:>12} [{bad}] {case['text'][:90]!r}\n"
                  f"               -> {answer.get('intent')} {answer.get('frameworks')} {recs} | want "
                  f"{case['intent']} {case.get('frameworks', '')} {case.get('top1', '')}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out"), action="append")
    parser.add_argument("--failures", action="store_true", help="print every failing case")
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors of corpus/floors.json")
    args = parser.parse_args(argv)
    splits = tuple(args.split or ("dev", "held-out"))
    tallies = evaluate(Engine(), splits)
    floors = json.loads((CORPUS / "floors.json").read_text()) if (CORPUS / "floors.json").exists() else {}
    short = []
    for (kind, split), tally in sorted(tallies.items()):
        print(f"{kind:9} {split:8} {tally.line()}")
        if args.failures:
            show_failures(tally, sys.stdout)
        for measure, floor in floors.get(f"{kind}/{split}", {}).items():
            rate = tally.rate(measure)
            if rate is not None and rate < floor:
                short.append(f"{kind}/{split} {measure} {rate:.2f} < {floor:.2f}")
    for line in short:
        print(f"below the floor: {line}")
    return 1 if args.check and short else 0


if __name__ == "__main__":
    sys.exit(main())
