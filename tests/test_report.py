"""`pyframework report` and the admins' App Home: what to add to the knowledge next.

The store is filled the way serving fills it (Feedback.note on real questions, record_vote with the
understood question), then read back as the report: its content and order, the command line's text and
--json against an SQLite file, the same on PostgreSQL, and the Home tab published against the fake Slack
Web API, with the report only for admins and owners.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from commands import PYFRAMEWORK
from fake_slack import BOT_USER_ID, FakeSlack

from bot import cli
from bot.config import Settings
from bot.engine import Engine
from bot.feedback import Feedback, build_report, report_text, understood
from bot.slack.app import web_client
from bot.slack.delivery import Outbox
from bot.slack.jobs import Worker
from bot.slack.listeners import views
from bot.slack.services import Services
from bot.store import Job, Store, open_store

NOW = 1_796_083_200.0  # 2026-12-01 00:00 UTC
DAY = 86400.0

ASKED = [  # (days ago, question), each asked once: as the gap log records them
    (1, "masonite vs django"), (2, "flask vs masonite"), (3, "is masonite or django better for a shop"),
    (5, "tell me about web2py"),
    (1, "a CMS with websockets and zero dependencies and GraphQL"),
    (4, "it must have websockets and graphql with zero dependencies and a cms"),
    (2, "we need websockets, an admin, an ORM and zero dependencies"),
    (1, "what's the weather in Lisbon tomorrow?"), (6, "what's the weather in Lisbon tomorrow?"),
    (2, "asdf qwer zxcv"),
    (40, "emmett vs django"),  # before the default 30 days
    (1, "flask vs django"), (1, "a typed JSON API with validation and Swagger docs"),  # no gap
]


def fill(store: Store, engine: Engine) -> None:
    for i, (days, text) in enumerate(ASKED):
        feedback = Feedback(engine, store, clock=lambda d=days: NOW - d * DAY)
        feedback.note(f"Ev{i}", engine.understand(text))
    dashboard = understood(engine.understand("a dashboard for analysts with auth"))
    compare = understood(engine.understand("flask vs django"))
    for user in ("U1", "U2", "U3"):
        store.record_vote(message_id="C1:1.1", user_id=user, vote="down", question=dashboard, now=NOW - 2 * DAY)
    store.record_vote(message_id="C1:2.2", user_id="U1", vote="not_what_i_asked", question=compare, now=NOW - DAY)
    store.record_vote(message_id="C1:2.2", user_id="U2", vote="up", question=compare, now=NOW - DAY)
    store.record_vote(message_id="C1:3.3", user_id="U1", vote="up", question=compare, now=NOW - DAY)


@pytest.fixture(params=["sqlite", "postgres"])
def filled(request: pytest.FixtureRequest, tmp_path: Path, engine: Engine) -> Iterator[Store]:
    if request.param == "postgres":
        store = open_store(request.getfixturevalue("postgres_url"))
    else:
        store = open_store(sqlite_path=tmp_path / "state.db")
    fill(store, engine)
    yield store
    store.close()


def sections(report: Any) -> dict[str, Any]:
    return {s.kind: s for s in report.sections}


def test_the_report_groups_by_kind_most_frequent_first(filled: Store, engine: Engine) -> None:
    report = build_report(filled, engine.kb, now=NOW)
    assert [s.kind for s in report.sections] == ["not_understood", "low_coverage", "unknown_framework", "voted_down"]
    by = sections(report)
    unknown = by["unknown_framework"]
    assert [(e.label, e.count) for e in unknown.entries] == [("Masonite", 3), ("Web2py", 1)]  # Emmett: too old
    assert unknown.total == 4 and "not in my knowledge base" in unknown.entries[0].detail
    assert unknown.entries[0].last_seen == NOW - DAY
    low = by["low_coverage"]
    assert [(e.label, e.count) for e in low.entries] == [
        ("Content management", 2), ("GraphQL", 2), ("Zero dependencies (standard library only)", 1)]
    assert low.entries[0].detail.startswith("best pick ")
    assert "asked for Content management" in low.entries[0].detail
    not_understood = by["not_understood"]
    assert [(e.label, e.count) for e in not_understood.entries] == [
        ("(wording not kept: PYFRAMEWORK_STORE_TEXT=1 keeps it)", 3)]
    down = by["voted_down"]
    assert down.total == 4
    assert [(e.label, e.count) for e in down.entries] == [
        ("👎 on a recommendation · needs Dashboards and charts, Authentication and users", 3),
        ("not what I asked on a comparison · about Flask, Django", 1)]
    assert report.votes == {"down": 3, "not_what_i_asked": 1, "up": 2}


def test_the_report_looks_back_as_far_as_asked(filled: Store, engine: Engine) -> None:
    week = sections(build_report(filled, engine.kb, days=3.5, now=NOW))
    assert [(e.label, e.count) for e in week["unknown_framework"].entries] == [("Masonite", 3)]
    year = sections(build_report(filled, engine.kb, days=365, now=NOW))
    assert "Emmett" in [e.label for e in year["unknown_framework"].entries]
    limited = sections(build_report(filled, engine.kb, limit=1, now=NOW))
    assert len(limited["low_coverage"].entries) == 1 and limited["low_coverage"].more == 2


def test_the_questions_not_understood_are_listed_when_their_wording_is_kept(tmp_path: Path, engine: Engine) -> None:
    store = open_store(sqlite_path=tmp_path / "kept.db", store_text=True)
    try:
        fill(store, engine)
        entries = sections(build_report(store, engine.kb, now=NOW))["not_understood"].entries
    finally:
        store.close()
    assert [(e.label, e.count) for e in entries] == [("what's the weather in Lisbon tomorrow?", 2),
                                                      ("asdf qwer zxcv", 1)]


def test_the_report_as_text(filled: Store, engine: Engine) -> None:
    text = report_text(build_report(filled, engine.kb, now=NOW))
    lines = text.splitlines()
    assert lines[0] == "pyframework report: the last 30 days, 2026-11-01 to 2026-12-01 (UTC)"
    assert lines[1] == "Votes: 2 👍, 3 👎, 1 not what I asked"
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings[2:] == ["Questions not understood: 3", "Answers with low coverage, by need: 5",
                            "Python frameworks asked about that have no file: 4", "Answers voted down: 4"]
    assert "     3×  last 2026-11-30  Masonite" in lines
    assert text.index("Masonite") < text.index("Web2py")
    assert "  → add knowledge/frameworks/<pypi-name>.yaml (README: Adding a framework)" in lines


def test_an_empty_report_says_there_is_nothing_to_add(tmp_path: Path, engine: Engine) -> None:
    store = open_store(sqlite_path=tmp_path / "empty.db")
    try:
        text = report_text(build_report(store, engine.kb, now=NOW))
    finally:
        store.close()
    assert text.count("  none") == 4 and text.endswith("Nothing to add: no gaps or votes down in this period.")


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def db_file(tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "pyframework.db"
    store = open_store(sqlite_path=path)
    fill(store, engine)
    store.close()
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PYFRAMEWORK_DB", str(path))
    return path


def test_cli_report_text(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--since", "3650"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pyframework report: the last 3650 days")
    assert "Masonite" in out and "Emmett" in out and "Answers voted down: 4" in out


def test_cli_report_json(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--json", "--since", "3650"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert data["days"] == 3650 and data["votes"] == {"down": 3, "not_what_i_asked": 1, "up": 2}
    kinds = {s["kind"]: s for s in data["sections"]}
    masonite = kinds["unknown_framework"]["entries"][0]
    assert (masonite["subject"], masonite["count"]) == ("masonite", 3)
    assert masonite["question"] == {"intent": "compare", "frameworks": ["django"], "needs": []}
    down = kinds["voted_down"]["entries"][0]
    assert down["question"]["needs"] == ["dashboards", "auth"] and down["subject"] == "down recommend"
    counts = [e["count"] for e in kinds["low_coverage"]["entries"]]
    assert counts == sorted(counts, reverse=True)


def test_cli_report_refuses_a_bad_period_in_one_line(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--since", "soon"]) == 2
    assert capsys.readouterr().err.strip() == ("pyframework report: --since must be a number of days between "
                                               "0 and 3650, got `soon`")


def test_cli_report_never_creates_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PYFRAMEWORK_DB", raising=False)
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    assert cli.main(["report"]) == 1
    assert "no store at pyframework.db" in capsys.readouterr().err
    assert not (tmp_path / "pyframework.db").exists()


def test_the_installed_command_reports_from_postgres(postgres_url: str, engine: Engine, tmp_path: Path) -> None:
    store = open_store(postgres_url)
    try:
        fill(store, engine)
    finally:
        store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYFRAMEWORK_")} | {"DATABASE_URL": postgres_url}
    done = subprocess.run([*PYFRAMEWORK, "report", "--since", "3650", "--json"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    kinds = {s["kind"]: s for s in json.loads(done.stdout)["sections"]}
    assert kinds["unknown_framework"]["total"] == 5  # Emmett too: ten years back


# --------------------------------------------------------------------------- App Home against the fake Web API


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def publish(fake: FakeSlack, engine: Engine, store: Store, user: str) -> dict[str, Any]:
    """Run the App Home job for `user` with a real Web API client on the fake; the view published."""
    async def go() -> None:
        settings = Settings("xoxb-unit", "", "", fake.url + "/api/", api_timeout=5.0)
        client = web_client(settings)
        services = Services(engine, Worker(store, lease=5.0), Outbox(client, client, bot_user_id=BOT_USER_ID,
                                                                     budget=10.0), Feedback(engine, store))
        await views.publish_home(services, Job("EvH", views.HOME, {"user": user}, 0.0))

    asyncio.run(go())
    (call,) = fake.calls_to("views.publish", where=lambda a: a.get("user_id") == user)
    view = call["view"]
    return json.loads(view) if isinstance(view, str) else view


def texts(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


@pytest.mark.parametrize(("user", "flags"), [("UADMIN1", {"is_admin": True}), ("UOWNER1", {"is_owner": True}),
                                             ("UPRIMARY1", {"is_primary_owner": True, "is_owner": True})])
def test_admins_and_owners_see_the_report_at_the_bottom_of_home(fake: FakeSlack, engine: Engine, tmp_path: Path,
                                                                user: str, flags: dict[str, bool]) -> None:
    store = open_store(sqlite_path=tmp_path / "home.db")
    try:
        Feedback(engine, store).note("Ev1", engine.understand("masonite vs django"))
        fake.users[user] = flags
        view = publish(fake, engine, store, user)
    finally:
        store.close()
    assert fake.calls_to("users.info", where=lambda a: a.get("user") == user)
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers == ["Choose a Python web framework", "What to add to the knowledge next"]  # at the bottom
    assert "1× Masonite" in texts(view) and "Shown to workspace admins and owners only" in texts(view)
    assert len(view["blocks"]) <= 100


def test_members_see_no_report(fake: FakeSlack, engine: Engine, tmp_path: Path) -> None:
    store = open_store(sqlite_path=tmp_path / "home.db")
    try:
        Feedback(engine, store).note("Ev1", engine.understand("masonite vs django"))
        view = publish(fake, engine, store, "UMEMBER1")
    finally:
        store.close()
    assert "What to add to the knowledge next" not in texts(view) and "Masonite" not in texts(view)
    assert "Choose a Python web framework" in texts(view)


def test_home_is_published_without_the_report_when_users_info_fails(fake: FakeSlack, engine: Engine,
                                                                     tmp_path: Path) -> None:
    fake.users["UADMIN2"] = {"is_admin": True}
    fake.fail_next("users.info", 200, {"ok": False, "error": "missing_scope"},
                   where=lambda a: a.get("user") == "UADMIN2")
    store = open_store(sqlite_path=tmp_path / "home.db")
    try:
        view = publish(fake, engine, store, "UADMIN2")
    finally:
        store.close()
    assert "Choose a Python web framework" in texts(view)
    assert "What to add to the knowledge next" not in texts(view)


def test_home_is_published_without_the_report_when_the_store_fails(fake: FakeSlack, engine: Engine,
                                                                    tmp_path: Path) -> None:
    fake.users["UADMIN3"] = {"is_admin": True}
    store = open_store(sqlite_path=tmp_path / "home.db")
    store.close()  # the report can't be read
    view = publish(fake, engine, store, "UADMIN3")
    assert "Choose a Python web framework" in texts(view)
    assert "What to add to the knowledge next" not in texts(view)


def test_wording_on_home_is_escaped(fake: FakeSlack, engine: Engine, tmp_path: Path) -> None:
    store = open_store(sqlite_path=tmp_path / "home.db", store_text=True)
    try:
        Feedback(engine, store).note("Ev1", engine.understand("ping <!channel> and <https://evil.example|click>"),
                                     "ping <!channel> and <https://evil.example|click>")
        fake.users["UADMIN4"] = {"is_admin": True}
        view = publish(fake, engine, store, "UADMIN4")
    finally:
        store.close()
    shown = texts(view)
    assert "ping &lt;!\u200bchannel&gt; and &lt;https://evil.example|click&gt;" in shown  # no ping, no link
    assert "<!channel>" not in shown and "<https://evil" not in shown
