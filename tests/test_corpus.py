"""The corpus of real questions (corpus/*.jsonl): well formed, sourced, big enough, and the reader and the
advice stay above the floors set from the figures reached (corpus/floors.json), on both splits."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import evaluate  # noqa: E402

from bot.question import INTENTS  # noqa: E402

URL = re.compile(r"^https?://\S+$")


def rows(kind: str) -> list[dict]:
    return list(evaluate.cases(kind))


@pytest.fixture(scope="module")
def tallies(engine):
    return evaluate.evaluate(engine, ("dev", "held-out"))


def test_the_corpus_holds_at_least_300_questions_and_30_discussions():
    assert len(rows("questions")) + len(rows("threads")) >= 300
    assert len(rows("threads")) >= 30


@pytest.mark.parametrize("kind", ["questions", "threads"])
def test_every_case_is_sourced_split_and_labelled_with_known_ids(kb, kind):
    ids = set()
    for case in rows(kind):
        where = case.get("id")
        assert where not in ids, f"{where}: id used twice"
        ids.add(where)
        assert URL.match(case.get("source", "")), f"{where}: no source URL"
        assert case["split"] in ("dev", "held-out"), where
        assert case["text"].strip() or case.get("messages"), where
        assert case["intent"] and set(case["intent"]) <= set(INTENTS), where
        labelled = case.get("frameworks", [])
        options = labelled if labelled and isinstance(labelled[0], list) else [labelled]
        named = {f for option in options for f in option} | set(case.get("top1", ())) | set(
            case.get("top3_any", ())) | set(case.get("not_top3", ()))
        assert named <= set(kb.frameworks), f"{where}: unknown ids {named - set(kb.frameworks)}"
        if kind == "threads":
            assert 2 <= len(case["messages"]) <= 8, where


def test_the_held_out_split_is_about_thirty_percent():
    cases = rows("questions") + rows("threads")
    share = sum(c["split"] == "held-out" for c in cases) / len(cases)
    assert 0.25 <= share <= 0.35


def test_reading_and_advice_stay_above_their_floors(tallies):
    floors = json.loads((ROOT / "corpus" / "floors.json").read_text())
    short = []
    for (kind, split), tally in tallies.items():
        for measure, floor in floors.get(f"{kind}/{split}", {}).items():
            rate = tally.rate(measure)
            if rate is not None and rate < floor:
                short.append(f"{kind}/{split} {measure} {rate:.2f} < {floor}")
    assert not short, short
