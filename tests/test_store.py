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

from bot.store import Arrival, Store, StoreError, default_sqlite_path, open_store
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


def test_schema_is_applied_once_and_versioned(make_store: Callable[..., Store]) -> None:
    store = make_store()
    assert store.migrate() == max(m.version for m in migrations(store.dialect))
    assert store.migrate() == 1  # again: nothing to do
    with store.transaction() as cur:
        cur.execute("SELECT version, name FROM schema_version")
        assert cur.fetchall() == [(1, "0001_initial.sql")]


def test_processes_starting_together_apply_the_schema_once(make_store: Callable[..., Store]) -> None:
    barrier = threading.Barrier(6)

    def start() -> int:
        barrier.wait()
        return make_store().migrate()

    with ThreadPoolExecutor(6) as pool:
        versions = list(pool.map(lambda _: start(), range(6)))
    assert versions == [1] * 6
    with make_store().transaction() as cur:
        cur.execute("SELECT count(*) FROM schema_version")
        assert cur.fetchone() == (1,)


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
            cur.execute("SELECT version FROM schema_version")
            assert cur.fetchall() == [(1,)]
    finally:
        store.close()
