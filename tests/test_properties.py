"""Property tests: any text in, a valid answer out, rendered within Slack's limits, never an exception."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from commands import PYFRAMEWORK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_rules import assert_slack_accepts
from slack_sdk.models.blocks import Block

from bot import knowledge
from bot.engine import Engine
from bot.present import present
from bot.question import INTENTS
from bot.render_slack import render_message
from bot.render_text import render_text

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "<@U1>", "<@U123|bob>", "<#C1|general>", "<!channel>", "<!here>", "@channel", "@here", "<https://x.example|x>",
    "<https://evil.example>", "&amp;", "&lt;", "&gt;", "&", "<", ">", "*", "_", "`", "```", "~", ":smile:", ":",
    "flask", "Django", "fastapi", "fastpai", "djangoo", "drf", "bottle", "tornado", "hug", "dash", "pyramid",
    "sanic", "starlite", "django rest framework", "Angular", "Rails", "vs", "or", "versus", "compare", "no",
    "not", "without", "don't need", "we need", "ORM", "admin", "auth", "swagger", "websockets", "live updates",
    "charts", "single file", "zero dependencies", "help", "list", "what is", "license of", "built on",
    "does", "support", "templates", "?", "!", ",", ".", "\n", "\t", "\x00", "\u200b", "\u202e", "é", "🙂",
    "a", "the", "team of 12", "beginners", "performance", "", " ",
]

slackish = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join) | st.lists(
    st.sampled_from(FRAGMENTS), max_size=25).map("".join)
anything = st.text() | st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | slackish


def check_answer(engine, answer) -> None:
    q = answer.question
    kb = engine.kb
    assert q.intent in INTENTS
    assert set(q.frameworks) <= set(kb.frameworks)
    assert set(q.needs) <= set(kb.vocabulary.features)
    assert set(q.negated) <= set(kb.vocabulary.features)
    assert not set(q.needs) & set(q.negated)
    if q.intent == "compare" and len(q.frameworks) >= 2:
        assert len(q.frameworks) <= 5
        assert answer.comparison is not None and len(answer.comparison.choose) == len(q.frameworks)
    elif q.intent == "compare":  # one framework set against something I don't know: its card
        assert answer.card is not None
    if q.intent == "info":
        assert answer.card is not None and answer.card.id == q.frameworks[0]
    if q.intent == "recommend":
        assert answer.recommendations
        assert not set(q.excluded) & {r.framework.id for r in answer.recommendations}
    if q.intent in ("help", "unknown"):
        assert q.frameworks == ()


def check_rendering(engine, answer) -> None:
    doc = present(answer, engine.kb)
    plain = render_text(doc)
    assert plain.strip()
    message = render_message(doc)
    assert message["text"].strip()
    blocks = message["blocks"]
    assert 1 <= len(blocks) <= 50
    assert not [b for b in blocks if b["type"] == "table"]  # a table goes in the attachments, one at most
    tables = [b for a in message.get("attachments") or () for b in a["blocks"]]
    assert len(tables) == (1 if answer.comparison is not None else 0)
    assert_slack_accepts(message)
    for block in blocks:
        Block.parse(block).validate_json()
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    shown = json.dumps([message["text"], [_shown(b) for b in [*blocks, *tables]]], ensure_ascii=False)
    for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<http"):
        assert forbidden not in shown
    assert not re.search(r"@(?:channel|here|everyone)\b", shown, re.IGNORECASE)


def _shown(node):
    """The block without the parts Slack does not display (button values, URLs)."""
    if isinstance(node, dict):
        return {k: _shown(v) for k, v in node.items() if k not in ("value", "url")}
    if isinstance(node, list):
        return [_shown(v) for v in node]
    return node


@SETTINGS
@given(text=anything)
def test_any_text_gets_a_valid_answer(engine, text):
    answer = engine.answer(text)
    check_answer(engine, answer)
    check_rendering(engine, answer)


@SETTINGS
@given(text=slackish, discussion=st.lists(slackish | st.text(max_size=80), max_size=3))
def test_any_discussion_gets_a_valid_answer(engine, text, discussion):
    answer = engine.answer(text, discussion=discussion)
    check_answer(engine, answer)
    check_rendering(engine, answer)


@pytest.fixture(scope="module")
def second_engine() -> Engine:
    """An engine built from its own load of the knowledge base: no cache or object shared with `engine`."""
    return Engine(knowledge.load(knowledge.DEFAULT_DIR))


def summary(engine: Engine, answer) -> tuple:
    """What a user sees of an answer, as plain values (never the same objects twice)."""
    return (answer.question, [(r.framework.id, r.score, tuple(r.reasons), tuple(r.caveats))
                              for r in answer.recommendations], render_text(present(answer, engine.kb)))


@settings(max_examples=60, deadline=None, database=None)
@given(text=slackish)
def test_answers_are_deterministic(engine, second_engine, text):
    """Two engines that share nothing give the same answer; the first one answers before and after a warm-up."""
    first = summary(engine, engine.answer(text))
    second_engine.forget()
    assert summary(second_engine, second_engine.answer(text)) == first


DETERMINISM_QUESTIONS = [
    "django vs fastapi", "compare bottle, flask and falcon", "a typed JSON API with validation and Swagger docs",
    "our Django monolith needs a REST API for the mobile app", "we need websockets and an admin, team of 3",
    "is flask good for a big marketplace with an admin?", "no async please, we need an API with websockets",
    "list", "help", "info litestar", "which async frameworks are there?", "a dashboard for the research team",
]


THREAD_SCRIPT = """
import json, sys
sys.path.insert(0, "tools")
import evaluate
from bot.cli import answer_json
from bot.engine import Engine
engine = Engine()
for case in evaluate.cases("threads"):
    print(json.dumps(answer_json(engine, engine.answer(case["text"], tuple(case["messages"]))), sort_keys=True))
"""


def test_thread_answers_do_not_depend_on_the_hash_seed():
    """Threads weigh several messages (sets of rejected options, needs said twice): the same in every process."""
    root = Path(__file__).resolve().parent.parent
    outputs = set()
    for seed in ("0", "7", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("PYFRAMEWORK_KNOWLEDGE", None)
        result = subprocess.run([sys.executable, "-c", THREAD_SCRIPT], capture_output=True, text=True, env=env,
                                cwd=root, timeout=120, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_answers_do_not_depend_on_the_hash_seed():
    """Separate processes with different PYTHONHASHSEED print byte-identical JSON for the same questions."""
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("PYFRAMEWORK_KNOWLEDGE", None)
        result = subprocess.run([*PYFRAMEWORK, "ask", "--json"], input="\n".join(DETERMINISM_QUESTIONS) + "\n",
                                capture_output=True, text=True, env=env, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == len(DETERMINISM_QUESTIONS)
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_letters_whose_lower_case_is_longer_do_not_break_reading(engine):
    """"İ".lower() is two characters: positions must still line up."""
    answer = engine.answer("KasdtY vs node.js <@U1> İ İ ß websockets drf python fast api &lt; XP")
    assert answer.question.intent in INTENTS


def test_a_button_carries_everything_the_answer_depended_on(engine):
    """For every question of the corpus, the answer rebuilt from the button's token is the one shown."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import evaluate

    from bot.question import Question
    from bot.slack.replies import message_for

    checked = 0
    for kind in ("questions", "threads"):
        for case in evaluate.cases(kind):
            question = engine.understand(case["text"], tuple(case.get("messages", ())))
            rebuilt = Question.from_token(question.to_token(), engine.kb)
            assert rebuilt == question and rebuilt.said == question.said, case["id"]
            shown = message_for(engine, engine.advisor.advise(question))
            shared = message_for(engine, engine.advisor.advise(rebuilt))
            assert shared == shown, case["id"]
            checked += 1
    assert checked >= 300


def _clean_by_every_pass(text: str) -> str:
    """slacktext.clean as it was before its shortcuts: every expression run over every message."""
    import html
    import unicodedata

    from bot import slacktext

    text = str(text)[: slacktext.MAX_QUESTION_CHARS * 2]
    text = unicodedata.normalize("NFKC", text)
    text = slacktext._SPECIAL.sub(slacktext._special, text)
    text = slacktext._MARKDOWN_LINK.sub(lambda m: f" {m.group(1)} ", text)
    text = html.unescape(text)
    for expression in (slacktext._EMOJI, slacktext._CODE_FENCE, slacktext._MARKERS, slacktext._CONTROL):
        text = expression.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()[: slacktext.MAX_QUESTION_CHARS]


MESSY = [*"ab Z_*~`:<>|&;\t\n\r\x0b\x0c\x1c\x1f\x00\x85\xa0\u200b\u2028\u2060\ufeff\u3000\u2019",
         "fastapi", "&amp;", "<@U1>", ":+1:", "```"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MESSY), max_size=60).map("".join))
def test_clean_gives_what_every_pass_gives(text):
    """The shortcuts of slacktext.clean (markers and control characters only looked for where they can be,
    spaces collapsed by str.split) change nothing it returns."""
    from bot.slacktext import clean

    assert clean(text) == (_clean_by_every_pass(text) if text else "")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_~`ab 1.é-\n!", max_size=30))
def test_markers_are_dropped_as_the_expression_everywhere_drops_them(text):
    from bot import slacktext

    assert slacktext._drop_markers(text) == slacktext._MARKERS.sub(" ", text)


FORM_PIECES = ["command=%2Fpyframework", "command=/pyframework", "command=%2Fother", "text=flask+vs+django",
               "text=%E2%9C%93+caf%C3%A9", "text=%ZZ%", "text=", "text", "trigger_id=1.2.3", "ssl_check=1",
               "payload=%7B%7D", "comm%61nd=%2Fpyframework", "a+b=c", "=x", "", "&", "=", "%", "+", "é=ü"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FORM_PIECES), max_size=8).map("&".join),
       st.sampled_from(["application/x-www-form-urlencoded", None, "application/json", "text/plain"]))
def test_a_command_form_is_read_as_bolt_reads_it(raw, content_type):
    """bot/slack/asgi.py reads a command's form itself: the fields it reads are what Bolt's parse_body gives,
    and a body it does not cover (JSON, a payload, an encoded name) is left to parse_body."""
    from slack_bolt.request.internals import parse_body

    from bot.slack.asgi import COMMAND_FIELDS, command_fields

    fields = command_fields(raw, content_type)
    if fields is None:
        return
    parsed = parse_body(raw, content_type)
    assert fields == {name: parsed[name] for name in (*COMMAND_FIELDS, "ssl_check") if name in parsed}
