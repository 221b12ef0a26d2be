"""Trying patterns only at their leads (bot/reading/attempts.py) gives the matches `re.finditer` gives over each
cue's patterns merged into one alternation, tried everywhere a token begins: for every cue, role and `unless`
pattern, on the language's own examples and on long messages joined from the corpus."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from bot.reading import reader as reader_module
from bot.reading.attempts import Family
from bot.reading.patterns import ANY, FW_MARK, NUMBER, leads_of
from bot.reading.view import View

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "questions.jsonl"


def _views(engine, texts: list[str], monkeypatch) -> list[View]:
    """The view each text's reading builds."""
    views: list[View] = []
    build = reader_module.build_view

    def keep(*args):
        views.append(build(*args))
        return views[-1]

    monkeypatch.setattr(reader_module, "build_view", keep)
    for text in texts:
        engine.reader.reading(text)
    return views


def _found(match: re.Match[str]) -> tuple[int, int, dict[str, str]]:
    return match.start(), match.end(), {name: value for name, value in match.groupdict().items() if value}


def _merged(view: View, family: Family, first: list[bool]) -> list[tuple[str, list[tuple]]]:
    """What the alternation of each cue's patterns finds, from every token's start."""
    found = []
    for number, cue in enumerate(family.cues):
        regex = re.compile("|".join(f"(?<![^ ]){part}" for part in cue.parts))
        matches = list(map(_found, regex.finditer(view.text)))
        if matches:
            found.append((cue.name, matches[:1] if first[number] else matches))
    return found


def _texts(engine) -> list[str]:
    questions = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    long = []
    for seed in range(3):
        random.Random(seed).shuffle(questions)
        joined = ""
        for question in questions:
            if len(joined) + len(question) >= 4000:
                break
            joined = f"{joined} {question}".strip()
        long.append(joined)
    return [example.text for example in engine.reader.language.examples] + long


@pytest.mark.parametrize("family", ["cues", "roles", "vetoes"])
def test_tries_at_the_leads_find_what_the_merged_alternation_finds(engine, monkeypatch, family):
    language = engine.reader.language
    cues = getattr(language, family)
    built = Family(cues)
    first = [family != "roles" and number % 2 == 0 for number in range(len(cues))]  # both ways
    for view in _views(engine, _texts(engine), monkeypatch):
        got = [(cue.name, list(map(_found, found)))
               for cue, found in built.matches(view, first)]
        assert got == _merged(view, built, first), view.text


@pytest.mark.parametrize(("pattern", "leads"), [
    ("what (can|do) you do", ((("what", "can"), ("what", "do")), ())),
    ("(our|my)? {FW} app", ((("my", FW_MARK), ("our", FW_MARK), (FW_MARK, "&"), (FW_MARK, ","), (FW_MARK, "/"),
                             (FW_MARK, "and"), (FW_MARK, "app"), (FW_MARK, "nor"), (FW_MARK, "or")), ())),
    ("{NUM} workers", (((NUMBER, "workers"),), ())),
    ("on {NUM}", ((("on", NUMBER),), ())),
    ("migrat* to", ((), ("migrat",))),
    ("is ..3 slow", ((("is",),), ())),
    ("_ vs", (((ANY,),), ())),
])
def test_leads(pattern, leads):
    assert leads_of(pattern) == leads
