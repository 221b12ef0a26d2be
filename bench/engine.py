"""Benchmark the engine: time per answer (warm) and cold start of `pyframework ask`.

    .venv/bin/python bench/engine.py            # readable report, exit 0
    .venv/bin/python bench/engine.py --json     # the figures as JSON
    .venv/bin/python bench/engine.py --check    # exit 1 if a target is missed
    .venv/bin/python bench/engine.py --profile  # also cProfile the full path (bot/ hot spots)

Measures, in one run:
  1. per question, warm engine, over a seeded mix of a few thousand generated questions:
     (a) engine.answer(text)                                   understand + advise (question not seen before;
                                                               a repeated question is also shown)
     (b) engine.answer + present + render_slack.render_message  the full Slack path
     (c) engine.answer + present + render_text.render_text      the console path (for reference)
  2. cold start (the engine bot/warm.py keeps on disk made by the untimed first run, as the .pyc files are):
     `.venv/bin/pyframework ask "flask vs django"` against
     `.venv/bin/python -c "import slack_bolt"` (fresh processes, median of several interleaved runs).
  3. targets, PASS/FAIL.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VENV_BIN = ROOT / ".venv" / "bin"

TARGET_FULL_MEDIAN_MS = 0.5
TARGET_COLD_RATIO = 1.0
TARGET_LONG_MS = 2.0  # understanding a 4,000-character message, median
TARGET_RANKING_RATIO = 1.5  # advising with 200 framework cards over advising with the real ones ("flat")
MANY_FRAMEWORKS = 200
LONG_CHARS = 4000
COLD_QUESTION = "flask vs django"

# --------------------------------------------------------------------------------------------------
# The question mix
# --------------------------------------------------------------------------------------------------

FRAMEWORKS = ("flask", "django", "fastapi", "bottle", "falcon", "hug", "tornado", "pyramid", "sanic",
              "starlette", "litestar", "quart", "aiohttp", "cherrypy", "dash", "streamlit",
              "django rest framework", "django-ninja", "DRF", "Flask", "Django", "FastAPI")
TYPOS = ("fastpai", "djangoo", "flaks", "djnago", "fastapy", "starlete", "litstar", "tornadoo", "pyramd",
         "streamlt", "aiohtp", "cherypy", "bottel", "falkon")
FEATURES = ("templates", "an ORM", "websockets", "auth", "swagger docs", "an admin panel", "async",
            "forms", "request validation", "dependency injection", "openapi", "sessions", "caching",
            "background tasks", "file uploads", "graphql", "jinja", "migrations", "pydantic", "a database")
FIELD_QUESTIONS = ("license of {a}", "what license does {a} use?", "is {a} still maintained?",
                   "latest version of {a}", "when was {a} first released?", "is {a} wsgi or asgi?",
                   "who uses {a} in production?", "{a} docs", "where is the {a} github repo",
                   "what kind of framework is {a}", "what are the dependencies of {a}")
NEEDS = ("a REST API with auth and swagger docs", "a dashboard for analysts", "an internal admin tool",
         "a real-time chat app with websockets", "a small JSON API", "a blog with templates and a database",
         "a machine learning model serving endpoint", "a high-concurrency websocket server",
         "an e-commerce site with user accounts and payments", "a prototype over the weekend",
         "microservices with typed validation", "a CMS-style site with an admin",
         "a data app with charts for people who only know Python", "a GraphQL backend",
         "a webhook receiver", "an IoT ingestion API with thousands of connections")
TEAMS = ("team of 5", "solo developer", "a team of 40 engineers", "junior devs", "experienced team",
         "two people", "a large enterprise team", "beginners")
PRIORITIES = ("performance matters most", "stability above all", "we care about developer speed",
              "easy to learn", "no ORM needed", "without templates", "must be async", "minimal dependencies",
              "security is crucial", "good docs")
OFF_TOPIC = ("order a pizza", "what's the weather in Paris", "a tornado is coming to town",
             "recommend a movie", "tell me a joke", "how do I fix my bike", "I bought a flask for whisky",
             "book a meeting room", "what time is it", "translate hello into French", "react vs angular",
             "is rails better than spring?", "express or nestjs for a node api")
LISTS = ("list", "list micro", "list async", "ls", "which async frameworks are there?",
         "what frameworks do you know?", "show me all frameworks", "list frameworks with an admin",
         "which full-stack frameworks are there", "list data apps")
HELPS = ("help", "hi", "hello", "?", "what can you do", "how does this work", "", "   ", "usage")
MARKUP = ("<@U123ABC> {q}", "<@U0G9QF9C6> {q}", "{q} <@U123ABC>", "<!here> {q}", "<#C024BE7LR|general> {q}",
          "{q} &amp; thanks!", "*{q}*", "_{q}_", "`{q}`", "```{q}```", "{q} :thinking_face:", ":wave: {q}",
          "{q} see <https://fastapi.tiangolo.com/|the docs>", "{q} <https://www.djangoproject.com/start/>",
          "&gt; {q}", "{q} &lt;3", "<mailto:a@b.com|a@b.com> {q}", "{q}\u2019s \u201cbest\u201d option?")


def _pick(rng: random.Random, items: tuple[str, ...], k: int) -> list[str]:
    return rng.sample(items, k)


def _compare(rng: random.Random) -> str:
    a, b, c = _pick(rng, FRAMEWORKS, 3)
    return rng.choice((
        f"{a} vs {b}", f"{a} or {b}?", f"compare {a}, {b} and {c}", f"{a} versus {b} for {rng.choice(NEEDS)}",
        f"difference between {a} and {b}",
        f"should we use {a} or {b} for {rng.choice(NEEDS)}, {rng.choice(TEAMS)}",
        f"pros and cons of {a} vs {b}", f"{a} vs {b} vs {c}", f"{rng.choice(TYPOS)} vs {rng.choice(TYPOS)}",
        f"{a} or {rng.choice(TYPOS)} for {rng.choice(FEATURES)}?", f"{a} vs {b} with {rng.choice(FEATURES)}",
    ))


def _info(rng: random.Random) -> str:
    a, b = _pick(rng, FRAMEWORKS, 2)
    return rng.choice((
        f"what is {a}", f"tell me about {a}", f"does {a} support {rng.choice(FEATURES)}?",
        f"can {a} do {rng.choice(FEATURES)}", f"is {a} built on {b}?", f"{a}",
        rng.choice(FIELD_QUESTIONS).format(a=a), rng.choice(FIELD_QUESTIONS).format(a=a),
        f"what's {rng.choice(TYPOS)}?", f"is {a} good for {rng.choice(NEEDS)}?",
    ))


def _recommend(rng: random.Random) -> str:
    need, team, prio = rng.choice(NEEDS), rng.choice(TEAMS), rng.choice(PRIORITIES)
    f1, f2 = _pick(rng, FEATURES, 2)
    return rng.choice((
        f"{need}, {team}", f"we need {need}, {team}, {prio}", f"what should we use for {need}?",
        f"recommend a framework for {need}", f"looking for something with {f1} and {f2}, {team}",
        f"{need} with {f1} but no {f2}", f"alternatives to {rng.choice(FRAMEWORKS)} for {need}",
        f"recomend a framwork for {need} pls", f"I'm building {need}. {prio}.", "dashboard for analysts",
        f"which framework for {need}? {prio}", "what would you recommend?",
    ))


def _markup(rng: random.Random) -> str:
    inner = rng.choice((_compare, _info, _recommend, _other))(rng)
    return rng.choice(MARKUP).format(q=inner)


def _other(rng: random.Random) -> str:
    return rng.choice((rng.choice(LISTS), rng.choice(HELPS), rng.choice(OFF_TOPIC), rng.choice(OFF_TOPIC)))


def _long(rng: random.Random) -> str:
    sentences = [f"We are {rng.choice(TEAMS)} and we need {rng.choice(NEEDS)}.",
                 f"It must have {rng.choice(FEATURES)} and {rng.choice(FEATURES)}.",
                 f"Today we run {rng.choice(FRAMEWORKS)} but {rng.choice(PRIORITIES)}.",
                 "Our ops team prefers boring technology that has been around for years.",
                 f"Some people here like {rng.choice(FRAMEWORKS)}, others {rng.choice(FRAMEWORKS)}."]
    target = rng.choice((600, 1500, 3000, 5000))  # 5000 crosses the 4,000-character reading limit
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(rng.choice(sentences))
    parts.append(rng.choice(("What do you recommend?", "Thoughts?", f"{rng.choice(FRAMEWORKS)} vs django?")))
    return " ".join(parts)


MIX = (  # (category, generator, weight)
    ("compare", _compare, 22),
    ("info", _info, 22),
    ("recommend", _recommend, 26),
    ("slack markup", _markup, 14),
    ("list/help/unknown", _other, 12),
    ("long", _long, 4),
)


def question_mix(n: int, seed: int) -> list[tuple[str, str]]:
    """`n` (category, text) pairs, deterministic for a seed."""
    rng = random.Random(seed)
    names = [m[0] for m in MIX]
    gens = {m[0]: m[1] for m in MIX}
    cats = rng.choices(names, weights=[m[2] for m in MIX], k=n)
    return [(c, gens[c](rng)) for c in cats]


# --------------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def summarize_ns(values: list[int]) -> dict[str, float]:
    """Milliseconds: median, p90, p99, mean, max."""
    s = sorted(v / 1e6 for v in values)
    if not s:
        return {"n": 0}
    return {"n": len(s), "median_ms": statistics.median(s), "p90_ms": percentile(s, 90),
            "p99_ms": percentile(s, 99), "mean_ms": statistics.fmean(s), "max_ms": s[-1]}


def bench_questions(n: int, seed: int, warmup: int) -> dict[str, Any]:
    from bot.engine import Engine
    from bot.present import present
    from bot.render_slack import render_message
    from bot.render_text import render_text

    t0 = time.perf_counter_ns()
    engine = Engine()
    build_ms = (time.perf_counter_ns() - t0) / 1e6
    kb = engine.kb
    mix = question_mix(n, seed)
    texts = [t for _, t in mix]
    clock = time.perf_counter_ns

    errors: list[tuple[str, str]] = []
    ok = [True] * len(texts)
    intents: list[str] = [""] * len(texts)

    # Warm-up: every code path once or more (and find questions that fail, to leave them out of timing).
    for _ in range(max(1, warmup)):
        for i, text in enumerate(texts):
            if not ok[i]:
                continue
            try:
                answer = engine.answer(text)
                doc = present(answer, kb)
                render_message(doc)
                render_text(doc)
                intents[i] = answer.question.intent
            except Exception as exc:  # a broken question must not hide the figures for the rest
                ok[i] = False
                errors.append((text, f"{type(exc).__name__}: {exc}"))
    timed = [t for i, t in enumerate(texts) if ok[i]]
    timed_categories = [mix[i][0] for i in range(len(texts)) if ok[i]]

    # The understander remembers what it read and the advisor what it advised: repeated questions and re-read
    # threads cost less. Each timed pass starts from empty memories (as a freshly started worker) and lets them
    # fill as a server's would; the mix repeats about a third of its questions. A last pass clears them before
    # every question: the worst case.
    def forget() -> None:
        engine.forget()

    gc.collect()
    answer_ns = []
    forget()
    for text in timed:
        start = clock()
        engine.answer(text)
        answer_ns.append(clock() - start)

    repeat_ns = []
    for text in timed:
        engine.answer(text)
        start = clock()
        engine.answer(text)
        repeat_ns.append(clock() - start)

    gc.collect()
    full_ns, stage_answer, stage_present, stage_render = [], [], [], []
    forget()
    for text in timed:
        t_a = clock()
        answer = engine.answer(text)
        t_b = clock()
        doc = present(answer, kb)
        t_c = clock()
        render_message(doc)
        t_d = clock()
        full_ns.append(t_d - t_a)
        stage_answer.append(t_b - t_a)
        stage_present.append(t_c - t_b)
        stage_render.append(t_d - t_c)

    gc.collect()
    text_ns = []
    forget()
    for text in timed:
        start = clock()
        render_text(present(engine.answer(text), kb))
        text_ns.append(clock() - start)

    gc.collect()
    forgetful_ns = []
    for text in timed:
        forget()
        start = clock()
        render_message(present(engine.answer(text), kb))
        forgetful_ns.append(clock() - start)

    timed_intents = [intents[i] for i in range(len(texts)) if ok[i]]
    breakdown: dict[str, dict[str, dict[str, float]]] = {}
    for prefix, labels in (("category", timed_categories), ("intent", timed_intents)):
        groups: dict[str, tuple[list[int], list[int]]] = {}
        for label, a_ns, f_ns in zip(labels, answer_ns, full_ns, strict=True):
            a, f = groups.setdefault(label, ([], []))
            a.append(a_ns)
            f.append(f_ns)
        for label, (a, f) in sorted(groups.items()):
            breakdown[f"{prefix}: {label}"] = {"answer": summarize_ns(a), "full_slack": summarize_ns(f)}

    return {
        "questions": len(texts),
        "distinct": len(set(texts)),
        "timed": len(timed),
        "seed": seed,
        "engine_build_ms": build_ms,
        "categories": dict(Counter(c for c, _ in mix)),
        "intents": dict(Counter(timed_intents)),
        "answer": summarize_ns(answer_ns),
        "answer_repeated": summarize_ns(repeat_ns),
        "full_slack": summarize_ns(full_ns),
        "stages": {"answer": summarize_ns(stage_answer), "present": summarize_ns(stage_present),
                   "render_message": summarize_ns(stage_render)},
        "full_text": summarize_ns(text_ns),
        "full_slack_forgetful": summarize_ns(forgetful_ns),
        "breakdown": breakdown,
        "errors": [{"question": q[:200], "error": e[:300]} for q, e in errors],
    }


def bench_long(seed: int, runs: int = 40) -> dict[str, Any]:
    """Understanding one 4,000-character message (the reading limit), from empty memories each time, and
    the same at 1,000 and 2,000 characters: the time should grow in proportion to the length."""
    from bot.engine import Engine

    engine = Engine()
    rng = random.Random(seed)
    text = ""
    while len(text) < LONG_CHARS:
        text = _long(rng)
    out: dict[str, Any] = {}
    for chars in (1000, 2000, LONG_CHARS):
        piece = text[:chars]
        times = []
        for _ in range(runs):
            engine.forget()
            start = time.perf_counter_ns()
            engine.understand(piece)
            times.append(time.perf_counter_ns() - start)
        out[str(chars)] = summarize_ns(times)
    out["growth_4000_over_1000"] = out[str(LONG_CHARS)]["median_ms"] / out["1000"]["median_ms"]
    return out


def synthetic_kb(kb: Any, count: int) -> Any:
    """`kb` with `count` framework cards: the real ones, then copies of them under new ids and names (same
    features, traits and prose), built in memory only."""
    import dataclasses

    from bot.knowledge.base import KnowledgeBase

    real = list(kb.frameworks.values())
    frameworks = {fw.id: fw for fw in real}
    for i in range(count - len(real)):
        fw = real[i % len(real)]
        copy = dataclasses.replace(fw, id=f"{fw.id}-copy{i}", name=f"{fw.name} Copy {i}", aliases=())
        frameworks[copy.id] = copy
    return KnowledgeBase(vocabulary=kb.vocabulary, frameworks=frameworks, source_dir=kb.source_dir,
                         names=kb.names, words=kb.words)


def bench_ranking(n: int, seed: int, count: int = MANY_FRAMEWORKS, rounds: int = 3) -> dict[str, Any]:
    """Advising the recommendations and comparisons of the mix with the real cards and with `count` of them
    (synthetic_kb), interleaved, every memory cleared first: time per answer and the ratio."""
    import dataclasses

    from bot.advice import Advisor
    from bot.engine import Engine

    engine = Engine()
    # Without distinctive terms: with copies of every card, no term is distinctive any more.
    questions = [dataclasses.replace(q, terms=()) for q in (engine.understand(t) for _, t in question_mix(n, seed))
                 if q.intent in ("recommend", "compare")][:600]
    advisors = {"real": engine.advisor, "many": Advisor(synthetic_kb(engine.kb, count))}
    times: dict[str, list[int]] = {name: [] for name in advisors}
    for _ in range(rounds):
        for name, advisor in advisors.items():
            advisor.forget()
            for question in questions:
                start = time.perf_counter_ns()
                advisor.advise(question)
                times[name].append(time.perf_counter_ns() - start)
    out = {name: summarize_ns(values) for name, values in times.items()}
    out["frameworks"] = {"real": len(engine.kb.frameworks), "many": count}
    out["questions"] = len(questions)
    out["ratio"] = out["many"]["median_ms"] / out["real"]["median_ms"]
    return out


def _run_once(cmd: list[str]) -> tuple[int, int, str]:
    env = dict(os.environ)
    if cmd[0] == "env":  # ["env", "NAME=value", command...]: the command with one setting changed
        name, _, value = cmd[1].partition("=")
        env[name] = value
        cmd = cmd[2:]
    start = time.perf_counter_ns()
    proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
    return time.perf_counter_ns() - start, proc.returncode, proc.stderr


def compile_bot() -> None:
    """Write the `bot` package's bytecode, as pip does for slack_bolt when it installs it: the ratio compares a
    start from .pyc files with a start from .pyc files. An untimed run alone would not write them where
    PYTHONDONTWRITEBYTECODE is set (it is on the shared machine), and every timed `ask` then compiled ~10,000
    lines of source that `import slack_bolt` never compiles."""
    import compileall

    compileall.compile_dir(str(ROOT / "bot"), quiet=1)  # py_compile writes whatever that setting says


def bench_cold(runs: int) -> dict[str, Any]:
    commands = {
        "pyframework_ask": [str(VENV_BIN / "pyframework"), "ask", COLD_QUESTION],
        "pyframework_ask_json": [str(VENV_BIN / "pyframework"), "ask", "--json", COLD_QUESTION],
        "pyframework_ask_building": ["env", "PYFRAMEWORK_CACHE_DIR=off", str(VENV_BIN / "pyframework"), "ask",
                                     COLD_QUESTION],
        "import_slack_bolt": [str(VENV_BIN / "python"), "-c", "import slack_bolt"],
        "python_bare": [str(VENV_BIN / "python"), "-c", "pass"],
    }
    times: dict[str, list[int]] = {k: [] for k in commands}
    failures: dict[str, str] = {}
    compile_bot()
    for name, cmd in commands.items():  # one untimed run each: page cache, the stored engine
        _, rc, err = _run_once(cmd)
        if rc != 0:
            failures[name] = f"exit {rc}: {err.strip()[-500:]}"
    for _ in range(runs):  # interleaved, so drift in machine load hits every command alike
        for name, cmd in commands.items():
            ns, rc, err = _run_once(cmd)
            if rc != 0:
                failures.setdefault(name, f"exit {rc}: {err.strip()[-500:]}")
            times[name].append(ns)
    out: dict[str, Any] = {"runs": runs, "question": COLD_QUESTION}
    for name, values in times.items():
        s = sorted(v / 1e6 for v in values)
        out[name] = {"median_ms": statistics.median(s), "min_ms": s[0], "max_ms": s[-1]}
    out["ratio"] = out["pyframework_ask"]["median_ms"] / out["import_slack_bolt"]["median_ms"]
    out["ratio_json"] = out["pyframework_ask_json"]["median_ms"] / out["import_slack_bolt"]["median_ms"]
    out["ratio_building"] = out["pyframework_ask_building"]["median_ms"] / out["import_slack_bolt"]["median_ms"]
    out["failures"] = failures
    return out


def profile_full_path(n: int, seed: int, top: int) -> list[dict[str, Any]]:
    """cProfile the full Slack path over the mix; the top functions in bot/ by cumulative time."""
    import cProfile
    import pstats

    from bot.engine import Engine
    from bot.present import present
    from bot.render_slack import render_message

    engine = Engine()
    texts = [t for _, t in question_mix(n, seed)]
    for text in texts[:200]:
        render_message(present(engine.answer(text), engine.kb))
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        render_message(present(engine.answer(text), engine.kb))
    profiler.disable()
    stats = pstats.Stats(profiler)
    bot_dir = str(ROOT / "bot")
    total = stats.total_tt or 1.0
    rows = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():
        where = os.path.relpath(filename, ROOT) if filename.startswith(bot_dir) else None
        if where is None:
            continue
        rows.append({"function": f"{where}:{line}({func})", "calls": ncalls, "tottime_s": tottime,
                     "cumtime_s": cumtime, "cum_share": cumtime / total,
                     "per_question_us": cumtime / len(texts) * 1e6})
    rows.sort(key=lambda r: -r["cumtime_s"])
    return rows[:top]


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def targets(q: dict[str, Any] | None, cold: dict[str, Any] | None,
            long: dict[str, Any] | None = None, ranking: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    out = []
    if ranking is not None:
        out.append({"name": f"advising with {ranking['frameworks']['many']} framework cards over "
                            f"{ranking['frameworks']['real']}, median", "target": f"<= {TARGET_RANKING_RATIO}x",
                    "value": f"{ranking['ratio']:.2f}x ({ranking['many']['median_ms'] * 1000:.0f} µs vs "
                             f"{ranking['real']['median_ms'] * 1000:.0f} µs)",
                    "pass": ranking["ratio"] <= TARGET_RANKING_RATIO})
    if long is not None:
        value = long[str(LONG_CHARS)]["median_ms"]
        out.append({"name": f"understanding a {LONG_CHARS:,}-character message, median",
                    "target": f"<= {TARGET_LONG_MS} ms",
                    "value": f"{value:.2f} ms (x{long['growth_4000_over_1000']:.1f} the 1,000-character time)",
                    "pass": value <= TARGET_LONG_MS})
    if q is not None:
        value = q["full_slack"].get("median_ms", float("nan"))
        out.append({"name": "one answer, full Slack path, median", "target": f"<= {TARGET_FULL_MEDIAN_MS} ms",
                    "value": f"{value:.3f} ms", "pass": value <= TARGET_FULL_MEDIAN_MS and not q["errors"]})
    if cold is not None:
        ratio = cold["ratio"]
        out.append({"name": "cold start vs import slack_bolt", "target": f"<= {TARGET_COLD_RATIO}x",
                    "value": f"{ratio:.2f}x", "pass": ratio <= TARGET_COLD_RATIO
                    and not {"pyframework_ask", "import_slack_bolt"} & cold["failures"].keys()})
    return out


def _us(ms: float) -> str:
    return f"{ms * 1000:8.1f}"


def _row(label: str, s: dict[str, float]) -> str:
    if not s.get("n"):
        return f"  {label:<34} (no samples)"
    return (f"  {label:<34}{_us(s['median_ms'])}{_us(s['p90_ms'])}{_us(s['p99_ms'])}{_us(s['mean_ms'])}"
            f"{s['n']:>7}")


def print_report(result: dict[str, Any]) -> None:
    env = result["environment"]
    print(f"pyframework engine bench  (Python {env['python']}, {env['cpus']} CPUs, {env['elapsed_s']:.1f} s)")
    q = result.get("per_question")
    if q:
        print()
        print(f"Per question, warm engine: {q['timed']} timed of {q['questions']} generated "
              f"({q['distinct']} distinct, seed {q['seed']}); engine built in {q['engine_build_ms']:.0f} ms")
        print("  mix: " + ", ".join(f"{k} {v}" for k, v in q["categories"].items()))
        print("  understood as: " + ", ".join(f"{k} {v}" for k, v in sorted(q["intents"].items())))
        print(f"  {'µs':<34}{'median':>8}{'p90':>8}{'p99':>8}{'mean':>8}{'n':>7}")
        print(_row("(a) engine.answer", q["answer"]))
        print(_row("    same question again", q["answer_repeated"]))
        print(_row("(b) full path, Slack Block Kit", q["full_slack"]))
        for stage, s in q["stages"].items():
            print(_row(f"      of which {stage}", s))
        print(_row("(c) full path, plain text", q["full_text"]))
        print(_row("(d) as (b), every cache cleared", q["full_slack_forgetful"]))
        head = "by generator category / understood intent"
        print(f"  {head:<42}{'answer':>8}{'full':>8}{'full':>8}{'n':>7}")
        print(f"  {'(µs)':<42}{'median':>8}{'median':>8}{'p99':>8}")
        for label, b in q["breakdown"].items():
            a, f = b["answer"], b["full_slack"]
            print(f"    {label:<40}{_us(a['median_ms'])}{_us(f['median_ms'])}{_us(f['p99_ms'])}{f['n']:>7}")
        if q["errors"]:
            print(f"  ERRORS: {len(q['errors'])} questions raised (left out of timing); first:")
            for e in q["errors"][:3]:
                print(f"    {e['question'][:80]!r}: {e['error']}")
    long = result.get("long_message")
    if long:
        print()
        print("Understanding one long message, every memory cleared first (ms):")
        for chars in ("1000", "2000", str(LONG_CHARS)):
            s = long[chars]
            print(f"  {int(chars):>5,} characters   median {s['median_ms']:.2f}   p90 {s['p90_ms']:.2f}")
    ranking = result.get("ranking")
    if ranking:
        print()
        print(f"Advising {ranking['questions']} recommendations and comparisons, every memory cleared first (µs):")
        for name in ("real", "many"):
            s = ranking[name]
            print(f"  {ranking['frameworks'][name]:>4} framework cards   median {s['median_ms'] * 1000:7.1f}   "
                  f"p90 {s['p90_ms'] * 1000:7.1f}")
    cold = result.get("cold_start")
    if cold:
        print()
        print(f"Cold start, fresh process, median of {cold['runs']} interleaved runs (ms):")
        labels = {"pyframework_ask": f"pyframework ask {cold['question']!r}",
                  "pyframework_ask_json": f"pyframework ask --json {cold['question']!r}",
                  "pyframework_ask_building": "the same ask, building the engine (cache off)",
                  "import_slack_bolt": "python -c 'import slack_bolt'", "python_bare": "python -c 'pass'"}
        for key, label in labels.items():
            c = cold[key]
            print(f"  {label:<42}{c['median_ms']:8.1f}   (min {c['min_ms']:.1f}, max {c['max_ms']:.1f})")
        print(f"  ratio ask / import slack_bolt: {cold['ratio']:.2f}x"
              f"  (ask --json: {cold['ratio_json']:.2f}x, building the engine: {cold['ratio_building']:.2f}x,"
              " for reference)")
        for name, failure in cold["failures"].items():
            print(f"  FAILED {name}: {failure}")
    print()
    print("Targets:")
    for t in result["targets"]:
        print(f"  {'PASS' if t['pass'] else 'FAIL'}  {t['name']}: {t['value']} (target {t['target']})")
    prof = result.get("profile")
    if prof:
        print()
        print("cProfile, full Slack path, top bot/ functions by cumulative time (profiler inflates times):")
        print(f"  {'cum s':>7} {'share':>6} {'µs/q':>7} {'calls':>8}  function")
        for r in prof:
            print(f"  {r['cumtime_s']:7.3f} {r['cum_share']:6.1%} {r['per_question_us']:7.1f} "
                  f"{r['calls']:>8}  {r['function']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--questions", type=int, default=3000, help="questions in the mix (default 3000)")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the question mix")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up passes over the mix (default 1)")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs per cold-start command (default 7)")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start measurement")
    parser.add_argument("--skip-warm", action="store_true", help="skip the per-question measurement")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile the full path and list the bot/ hot spots")
    parser.add_argument("--top", type=int, default=20, help="rows of the profile (default 20)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    result: dict[str, Any] = {}
    per_question = None if args.skip_warm else bench_questions(args.questions, args.seed, args.warmup)
    cold = None if args.skip_cold else bench_cold(args.cold_runs)
    long = None if args.skip_warm else bench_long(args.seed)
    ranking = None if args.skip_warm else bench_ranking(args.questions, args.seed)
    if ranking:
        result["ranking"] = ranking
    if per_question:
        result["per_question"] = per_question
    if long:
        result["long_message"] = long
    if cold:
        result["cold_start"] = cold
    result["targets"] = targets(per_question, cold, long, ranking)
    if args.profile:
        result["profile"] = profile_full_path(args.questions, args.seed, args.top)
    result["environment"] = {"python": platform.python_version(), "platform": platform.platform(),
                             "cpus": os.cpu_count(), "elapsed_s": time.perf_counter() - started}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result)
    missed = any(not t["pass"] for t in result["targets"])
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
