"""The store, against both of its databases: an SQLite file and a real PostgreSQL server.

What the app relies on: the schema is applied once however many processes start together; an event
is accepted once however many copies arrive at once; a job whose worker died is taken over by exactly
one other worker; votes are kept without the wording unless the operator opted in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.store import Arrival, Gap, Store, StoreError, default_sqlite_path, open_store
from bot.store.base import migrations, statements


@pytest.fixture(params=["sqlite", "postgres"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Store]]:
    """A factory of stores on one fresh database: several stores stand for several worker processes."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        target = {"database_url": url}
    else:
        target = {"sqlite_path": tmp_path / "state.db"}
    opened: list[Store] = []

    def make(**kwargs: object) -> Store:
        store = open_store(**target, **kwargs)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


LATEST = max(m.version for m in migrations("sqlite"))


def test_schema_is_applied_once_and_versioned(make_store: Callable[..., Store]) -> None:
    store = make_store()
    assert store.migrate() == LATEST == 2
    assert store.migrate() == LATEST  # again: nothing to do
    with store.transaction() as cur:
        cur.execute("SELECT version, name FROM schema_version ORDER BY version")
        assert cur.fetchall() == [(1, "0001_initial.sql"), (2, "0002_answer_gaps.sql")]


def test_a_store_of_the_first_schema_gets_the_gap_log(make_store: Callable[..., Store], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A database that a release before the gap log created is brought up to date on start, its votes kept."""
    import bot.store.base as base

    first = tmp_path / "first"
    first.mkdir()
    (first / "0001_initial.sql").write_text((base.MIGRATIONS / "0001_initial.sql").read_text())
    monkeypatch.setattr(base, "MIGRATIONS", first)
    old = make_store()
    old.record_vote(message_id="C1:1.1", user_id="U1", vote="down", question=QUESTION)
    monkeypatch.setattr(base, "MIGRATIONS", Path(base.__file__).with_name("migrations"))
    assert old.migrate() == LATEST
    assert [v["vote"] for v in old.votes_for("C1:1.1")] == ["down"]
    assert old.gap_summary().groups == []


def test_processes_starting_together_apply_the_schema_once(make_store: Callable[..., Store]) -> None:
    barrier = threading.Barrier(6)

    def start() -> int:
        barrier.wait()
        return make_store().migrate()

    with ThreadPoolExecutor(6) as pool:
        versions = list(pool.map(lambda _: start(), range(6)))
    assert versions == [LATEST] * 6
    with make_store().transaction() as cur:
        cur.execute("SELECT count(*) FROM schema_version")
        assert cur.fetchone() == (LATEST,)


def test_first_copy_is_new_and_later_copies_are_duplicates(make_store: Callable[..., Store]) -> None:
    store = make_store()
    arrival, job = store.accept("Ev1", "thread_answer", {"channel": "C1"}, owner="w1", now=100.0, lease=5)
    assert arrival is Arrival.NEW and job is not None and job.payload == {"channel": "C1"} and job.attempts == 1
    assert store.accept("Ev1", "thread_answer", {}, owner="w2", now=101.0, lease=5) == (Arrival.DUPLICATE, None)
    store.finish("Ev1")
    assert store.accept("Ev1", "thread_answer", {}, owner="w2", now=200.0, lease=5) == (Arrival.DUPLICATE, None)
    assert store.pending() == []


def test_many_copies_at_once_on_many_workers_are_accepted_once(make_store: Callable[..., Store]) -> None:
    stores = [make_store() for _ in range(4)]
    barrier = threading.Barrier(12)

    def deliver(i: int) -> Arrival:
        barrier.wait()
        return stores[i % 4].accept("EvSame", "thread_answer", {}, owner=f"w{i}", now=100.0, lease=5)[0]

    with ThreadPoolExecutor(12) as pool:
        arrivals = list(pool.map(deliver, range(12)))
    assert arrivals.count(Arrival.NEW) == 1 and arrivals.count(Arrival.DUPLICATE) == 11


def test_a_retry_after_the_lease_ran_out_takes_the_job_over(make_store: Callable[..., Store]) -> None:
    store = make_store()
    store.accept("Ev2", "thread_answer", {"text": "flask vs django"}, owner="dead", now=100.0, lease=5)
    arrival, job = store.accept("Ev2", "thread_answer", {}, owner="w2", now=106.0, lease=5)
    assert arrival is Arrival.RECOVERED and job is not None
    assert job.attempts == 2 and job.payload == {"text": "flask vs django"}  # the original's payload
    assert store.accept("Ev2", "thread_answer", {}, owner="w3", now=107.0, lease=5)[0] is Arrival.DUPLICATE


def test_expired_jobs_are_claimed_by_exactly_one_worker(make_store: Callable[..., Store]) -> None:
    stores = [make_store() for _ in range(3)]
    for i in range(20):
        stores[0].accept(f"Ev{i:02d}", "thread_answer", {}, owner="dead", now=100.0 + i / 100, lease=5)
    stores[0].accept("EvLive", "thread_answer", {}, owner="alive", now=200.0, lease=5)
    barrier = threading.Barrier(3)

    def sweep(i: int) -> list[str]:
        barrier.wait()
        claimed: list[str] = []
        while batch := stores[i].claim_expired(owner=f"w{i}", now=201.0, lease=5, limit=3):
            claimed += [job.event_id for job in batch]
        return claimed

    with ThreadPoolExecutor(3) as pool:
        claims = list(pool.map(sweep, range(3)))
    every = [event_id for claim in claims for event_id in claim]
    assert sorted(every) == [f"Ev{i:02d}" for i in range(20)]  # each once; the live lease untouched
    assert all(job.attempts == 2 for job in stores[0].pending() if job.event_id != "EvLive")


def test_renewing_keeps_a_job_and_releasing_hands_it_on(make_store: Callable[..., Store]) -> None:
    store = make_store()
    store.accept("Ev3", "thread_answer", {}, owner="w1", now=100.0, lease=5)
    assert store.renew(owner="w1", until=120.0) == 1
    assert store.claim_expired(owner="w2", now=110.0, lease=5) == []
    store.release(owner="w1")
    assert [job.event_id for job in store.claim_expired(owner="w2", now=110.0, lease=5)] == ["Ev3"]


def test_old_receipts_are_purged_but_pending_work_is_kept(make_store: Callable[..., Store]) -> None:
    store = make_store()
    store.accept("EvOld", "thread_answer", {}, owner="w1", now=100.0, lease=5)
    store.finish("EvOld")
    store.accept("EvPending", "thread_answer", {}, owner="w1", now=100.0, lease=5)
    store.accept("EvNew", "thread_answer", {}, owner="w1", now=500.0, lease=5)
    assert store.purge(before=400.0) == 1
    assert store.accept("EvOld", "thread_answer", {}, owner="w1", now=600.0, lease=5)[0] is Arrival.NEW
    assert {job.event_id for job in store.pending()} == {"EvPending", "EvNew", "EvOld"}


QUESTION = {"intent": "compare", "frameworks": ["flask", "django"], "needs": ["orm"], "text": "ignored"}


def test_votes_are_recorded_replaced_and_summarised(make_store: Callable[..., Store]) -> None:
    store = make_store()
    store.record_vote(message_id="C1:1.1", user_id="U1", vote="up", question=QUESTION, text="flask vs django")
    store.record_vote(message_id="C1:1.1", user_id="U2", vote="down", question=QUESTION)
    store.record_vote(message_id="C1:1.1", user_id="U2", vote="not_what_i_asked", question=QUESTION)  # changed
    store.record_vote(message_id="C1:2.2", user_id="U1", vote="up", question={"intent": "recommend"})
    votes = store.votes_for("C1:1.1")
    assert [(v["user_id"], v["vote"]) for v in votes] == [("U1", "up"), ("U2", "not_what_i_asked")]
    assert votes[0]["question"] == {"intent": "compare", "frameworks": ["flask", "django"], "needs": ["orm"]}
    assert all(v["text"] is None for v in votes)  # the wording is not kept unless opted in
    summary = store.vote_summary()
    assert summary.total == {"up": 2, "not_what_i_asked": 1} and summary.count == 3
    assert summary.by_intent == {"compare": {"up": 1, "not_what_i_asked": 1}, "recommend": {"up": 1}}
    assert store.vote_summary(since=votes[1]["created_at"] + 3600).count == 0


def test_the_wording_is_kept_only_when_opted_in(make_store: Callable[..., Store]) -> None:
    store = make_store(store_text=True)
    store.record_vote(message_id="C1:3.3", user_id="U1", vote="down", question=QUESTION, text="flask vs django")
    assert store.votes_for("C1:3.3")[0]["text"] == "flask vs django"


def test_an_unknown_vote_is_refused(make_store: Callable[..., Store]) -> None:
    with pytest.raises(ValueError, match="up, down, not_what_i_asked"):
        make_store().record_vote(message_id="m", user_id="u", vote="meh", question={})


def test_the_wording_is_added_to_votes_later_only_when_opted_in(make_store: Callable[..., Store]) -> None:
    """A click does not carry the question's wording: it is looked up after the vote and added then."""
    kept, plain = make_store(store_text=True), make_store()
    kept.record_vote(message_id="C1:4.4", user_id="U1", vote="down", question=QUESTION)
    kept.record_vote(message_id="C1:4.4", user_id="U2", vote="up", question=QUESTION)
    assert plain.add_vote_text("C1:4.4", "flask vs django") == 0
    assert all(v["text"] is None for v in kept.votes_for("C1:4.4"))
    assert kept.add_vote_text("C1:4.4", "  flask vs django ") == 2
    assert [v["text"] for v in kept.votes_for("C1:4.4")] == ["flask vs django"] * 2


def test_votes_down_are_grouped_by_understood_question(make_store: Callable[..., Store]) -> None:
    store = make_store()
    admin = {"intent": "recommend", "frameworks": [], "needs": ["admin", "orm"]}
    for user in ("U1", "U2", "U3"):
        store.record_vote(message_id=f"C1:{user}", user_id=user, vote="down", question=admin, now=100.0)
    store.record_vote(message_id="C1:5.5", user_id="U1", vote="down", question=QUESTION, now=300.0)
    store.record_vote(message_id="C1:5.5", user_id="U2", vote="not_what_i_asked", question=QUESTION, now=200.0)
    store.record_vote(message_id="C1:5.5", user_id="U3", vote="up", question=QUESTION, now=200.0)
    groups = store.voted_down()
    assert [(g.vote, g.intent, g.count) for g in groups] == [
        ("down", "recommend", 3), ("down", "compare", 1), ("not_what_i_asked", "compare", 1)]
    assert groups[0].question == admin and groups[0].last_seen == 100.0
    assert [g.count for g in store.voted_down(since=150.0)] == [1, 1]
    assert [(g.vote, g.count) for g in store.voted_down(limit=1)] == [("down", 3), ("not_what_i_asked", 1)]


def gap(kind: str, subject: str, **question: object) -> Gap:
    return Gap(kind, subject, {"intent": "recommend", "frameworks": [], "needs": [], **question})


def test_gaps_are_logged_once_per_answer_and_summarised(make_store: Callable[..., Store]) -> None:
    store = make_store()
    graphql = gap("low_coverage", "graphql", needs=["graphql"], pick="fastapi", fit=41)
    assert store.record_gaps("Ev1", [graphql, gap("unknown_framework", "masonite")], intent="recommend",
                             now=100.0) == 2
    assert store.record_gaps("Ev1", [graphql], intent="recommend", now=101.0) == 0  # a job taken over
    store.record_gaps("Ev2", [gap("low_coverage", "graphql", fit=30)], intent="recommend", now=200.0)
    store.record_gaps("Ev3", [gap("low_coverage", "htmx")], intent="recommend", now=300.0)
    store.record_gaps("Ev4", [gap("unknown_framework", "masonite")], intent="unknown", now=150.0)
    store.record_gaps("Ev5", [gap("unknown_framework", "web2py")], intent="unknown", now=160.0)
    summary = store.gap_summary()
    assert [(g.kind, g.subject, g.count) for g in summary.groups] == [
        ("low_coverage", "graphql", 2), ("unknown_framework", "masonite", 2), ("low_coverage", "htmx", 1),
        ("unknown_framework", "web2py", 1)]
    assert summary.groups[0].last_seen == 200.0 and summary.groups[0].question["fit"] == 30  # the latest
    assert summary.totals == {"low_coverage": 3, "unknown_framework": 3}
    assert summary.subjects == {"low_coverage": 2, "unknown_framework": 2}
    limited = store.gap_summary(limit=1, since=120.0)
    assert [(g.subject, g.count) for g in limited.groups] == [("htmx", 1), ("web2py", 1)]  # a tie: the latest
    assert limited.totals == {"low_coverage": 2, "unknown_framework": 2}
    with pytest.raises(ValueError, match="not_understood"):
        store.record_gaps("Ev6", [gap("odd", "x")], intent="unknown")


def test_questions_not_understood_are_grouped_by_wording_only_when_opted_in(make_store: Callable[..., Store]) -> None:
    plain, kept = make_store(), make_store(store_text=True)
    plain.record_gaps("Ev1", [gap("not_understood", "ignored")], intent="unknown", text="What's the weather?")
    (group,) = plain.gap_summary().groups
    assert (group.subject, group.text) == ("", None)  # counted, never worded
    kept.record_gaps("Ev2", [gap("not_understood", "")], intent="unknown", text="What's   the weather?")
    kept.record_gaps("Ev3", [gap("not_understood", "")], intent="unknown", text="what's the weather?")
    by_subject = {g.subject: g for g in kept.gap_summary().groups}
    assert by_subject["what's the weather?"].count == 2 and by_subject[""].count == 1
    assert by_subject["what's the weather?"].text == "what's the weather?"  # the latest wording as said


def test_old_gaps_and_votes_are_purged(make_store: Callable[..., Store]) -> None:
    store = make_store()
    store.record_gaps("EvOld", [gap("low_coverage", "graphql")], intent="recommend", now=100.0)
    store.record_gaps("EvNew", [gap("low_coverage", "graphql")], intent="recommend", now=500.0)
    store.record_vote(message_id="C1:old", user_id="U1", vote="down", question=QUESTION, now=100.0)
    store.record_vote(message_id="C1:new", user_id="U1", vote="down", question=QUESTION, now=500.0)
    assert store.purge_feedback(before=400.0) == 2
    assert [g.count for g in store.gap_summary().groups] == [1]
    assert store.votes_for("C1:old") == [] and len(store.votes_for("C1:new")) == 1


def test_the_store_answers_a_ping(make_store: Callable[..., Store]) -> None:
    make_store().ping()


# --------------------------------------------------------------------------- migrations files and settings


def test_a_dialect_file_wins_over_the_plain_one(tmp_path: Path) -> None:
    (tmp_path / "0001_a.sql").write_text("CREATE TABLE a (x INTEGER);")
    (tmp_path / "0002_b.sql").write_text("CREATE TABLE b (x INTEGER);")
    (tmp_path / "0002_b.postgres.sql").write_text("CREATE TABLE b (x BIGINT);")
    (tmp_path / "0003_c.sqlite.sql").write_text("CREATE TABLE c (x INTEGER);")
    assert [m.name for m in migrations("postgres", tmp_path)] == ["0001_a.sql", "0002_b.postgres.sql"]
    assert [m.name for m in migrations("sqlite", tmp_path)] == ["0001_a.sql", "0002_b.sql", "0003_c.sqlite.sql"]


def test_statements_split_where_sql_ends_them() -> None:
    sql = "-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT 'a;b');\n\nINSERT INTO t VALUES ('c');\n"
    assert statements(sql) == ["CREATE TABLE t (x TEXT DEFAULT 'a;b');", "INSERT INTO t VALUES ('c');"]
    with pytest.raises(StoreError):
        statements("CREATE TABLE t (x TEXT)")


def test_default_sqlite_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PYFRAMEWORK_DB", raising=False)
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    assert default_sqlite_path() == Path("pyframework.db")
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    assert default_sqlite_path() == tmp_path / "pyframework.db"
    monkeypatch.setenv("PYFRAMEWORK_DB", str(tmp_path / "x.db"))
    assert default_sqlite_path() == tmp_path / "x.db"


@pytest.mark.parametrize("url", ["mysql://db/x", "sqlite:///x.db"])
def test_an_unsupported_database_url_is_one_clear_line(url: str) -> None:
    with pytest.raises(StoreError, match="postgresql://"):
        open_store(url)


def test_an_unreachable_postgres_is_one_clear_line() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once the socket is closed
    with pytest.raises(StoreError) as error:
        open_store(f"postgresql://u:secret-password@127.0.0.1:{port}/db")
    assert "\n" not in str(error.value) and "secret-password" not in str(error.value)


def test_an_unwritable_sqlite_path_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError, match="SQLite"):
        open_store(sqlite_path=tmp_path / "file" / "db.sqlite")


MIGRATE = "import sys; from bot.store import open_store; open_store(*sys.argv[1:2], *sys.argv[2:3] or [None]).close()"


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
def test_processes_migrating_at_the_same_moment_apply_each_file_once(dialect: str, tmp_path: Path,
                                                                    request: pytest.FixtureRequest) -> None:
    """Six real processes open the same fresh store at once (machines starting together)."""
    import subprocess
    import sys

    target = [request.getfixturevalue("postgres_url")] if dialect == "postgres" else ["", str(tmp_path / "s.db")]
    processes = [subprocess.Popen([sys.executable, "-c", MIGRATE, *target], stderr=subprocess.PIPE)
                 for _ in range(6)]
    errors = [p.communicate(timeout=60)[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, errors
    store = open_store(target[0], target[1] if len(target) > 1 else None, migrate=False)
    try:
        with store.transaction() as cur:
            cur.execute("SELECT version FROM schema_version ORDER BY version")
            assert cur.fetchall() == [(v,) for v in range(1, LATEST + 1)]
    finally:
        store.close()
