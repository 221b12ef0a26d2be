"""The `pyframework` command line: `ask` with and without --json, one question or one per stdin line."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from commands import PYFRAMEWORK

from bot import cli

REPO = Path(__file__).resolve().parent.parent
KEYS = {"intent", "frameworks", "recommendations", "text", "blocks"}


@pytest.fixture(autouse=True)
def _bundled_knowledge(monkeypatch):
    monkeypatch.delenv("PYFRAMEWORK_KNOWLEDGE", raising=False)


def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_ask_json_one_question(capsys):
    assert cli.main(["ask", "--json", "flask vs django"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1, "one question, one JSON line"
    (obj,) = _json_lines(out)
    assert set(obj) >= KEYS
    assert obj["intent"] == "compare"
    assert obj["frameworks"] == ["flask", "django"]
    assert {r["framework"] for r in obj["recommendations"]} == {"flask", "django"}
    for rec in obj["recommendations"]:
        assert isinstance(rec["score"], int | float)
        assert isinstance(rec["reasons"], list)
    assert "Flask" in obj["text"] and "Django" in obj["text"]
    assert [b["type"] for b in obj["blocks"]].count("table") == 0  # Slack wants the table in attachments
    assert [b["type"] for a in obj["attachments"] for b in a["blocks"]] == ["table"]


def test_ask_json_recommendation(capsys):
    assert cli.main(["ask", "--json", "we need a big CMS-style site with user management and an ORM"]) == 0
    (obj,) = _json_lines(capsys.readouterr().out)
    assert obj["intent"] == "recommend"
    assert obj["frameworks"] == []
    assert obj["recommendations"][0]["framework"] == "django"
    assert obj["recommendations"][0]["reasons"]
    scores = [r["score"] for r in obj["recommendations"]]
    assert scores[1:] == sorted(scores[1:], reverse=True)


def test_ask_json_from_stdin_one_line_per_question(capsys, monkeypatch):
    questions = ["flask vs django", "", "tell me about falcon", "list", "order a pizza"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    assert cli.main(["ask", "--json"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == len(questions)
    objs = [json.loads(line) for line in lines]
    assert [o["intent"] for o in objs] == ["compare", "help", "info", "list", "unknown"]
    assert objs[2]["frameworks"] == ["falcon"]
    assert all(set(o) >= KEYS for o in objs)


def test_ask_stdin_handles_crlf_and_a_last_line_without_newline(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("help\r\nbottle vs flask"))
    assert cli.main(["ask", "--json"]) == 0
    objs = _json_lines(capsys.readouterr().out)
    assert [o["intent"] for o in objs] == ["help", "compare"]
    assert objs[1]["frameworks"] == ["bottle", "flask"]


def test_ask_plain_text(capsys):
    assert cli.main(["ask", "flask vs django"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Flask vs Django")
    assert "Choose Flask " in out and "Choose Django " in out
    assert not out.lstrip().startswith("{")
    assert ":white_check_mark:" not in out and "&lt;" not in out


def test_ask_plain_text_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("help\ntell me about bottle\n"))
    assert cli.main(["ask"]) == 0
    out = capsys.readouterr().out
    assert out.index("pyframework helps you") < out.index("Bottle")


def test_ask_json_survives_hostile_input(capsys):
    text = "<!channel> \x00\x1b " + "x" * 40_000
    assert cli.main(["ask", "--json", text]) == 0
    (obj,) = _json_lines(capsys.readouterr().out)
    assert obj["intent"] in {"recommend", "compare", "info", "list", "help", "unknown"}
    assert obj["text"]


def test_kb_check_default(capsys):
    assert cli.main(["kb", "check"]) == 0
    assert re.match(r"ok: \d+ frameworks, \d+ features", capsys.readouterr().out)


def test_ask_subprocess_json():
    env = {k: v for k, v in os.environ.items() if k != "PYFRAMEWORK_KNOWLEDGE"}
    result = subprocess.run([*PYFRAMEWORK, "ask", "--json", "flask vs django"], capture_output=True, text=True, env=env,
                            timeout=60, check=False, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) >= KEYS
    assert obj["intent"] == "compare" and obj["frameworks"] == ["flask", "django"]


def test_ask_subprocess_stdin_with_an_empty_line():
    env = {k: v for k, v in os.environ.items() if k != "PYFRAMEWORK_KNOWLEDGE"}
    result = subprocess.run([*PYFRAMEWORK, "ask", "--json"], input="django vs fastapi\n\nlist\n", capture_output=True,
                            text=True, env=env, timeout=60, check=False, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["intent"] for line in result.stdout.splitlines()] == ["compare", "help", "list"]


def test_ask_json_names_ruled_out_frameworks_and_keeps_them_out_of_the_answer(capsys):
    """"not Django" names Django: it is reported among the frameworks, as excluded, and never recommended."""
    assert cli.main(["ask", "--json", "a REST API with auth, anything but Django"]) == 0
    (obj,) = _json_lines(capsys.readouterr().out)
    assert obj["intent"] == "recommend"
    assert obj["frameworks"] == ["django"] and obj["excluded"] == ["django"]
    assert "django" not in [r["framework"] for r in obj["recommendations"]]


def test_ask_json_names_the_framework_in_use_but_not_one_only_implied(capsys):
    assert cli.main(["ask", "--json", "DRF or Django Ninja for a new API in our Django app?"]) == 0
    (obj,) = _json_lines(capsys.readouterr().out)
    assert obj["intent"] == "compare" and set(obj["frameworks"]) == {"djangorestframework", "django-ninja", "django"}
    assert cli.main(["ask", "--json", "We're a DRF shop, anything quicker for typed APIs?"]) == 0
    (obj,) = _json_lines(capsys.readouterr().out)
    assert obj["frameworks"] == ["djangorestframework"] and obj["within"] == ["django"]
