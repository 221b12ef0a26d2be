"""The store's one interface, written once in SQL that SQLite and PostgreSQL share.

Why a store at all: workers are stateless and may die at any moment, and Slack delivers an event more
than once (duplicates, and retries when a first delivery failed). So the facts that must outlive a
request live here, not in a worker's memory: which events arrived (receipts), which answers were
accepted but not yet posted (pending jobs, each with a lease), what people thought of an answer
(votes), and which answers showed a gap in the knowledge (the gap log). Every method is one short
transaction; the dialects differ only in how they connect, lock and spell a placeholder.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger("pyframework.store")

MIGRATIONS = Path(__file__).with_name("migrations")
VOTES = ("up", "down", "not_what_i_asked")
GAP_KINDS = ("not_understood", "unknown_framework", "low_coverage")
WORDING_CHARS = 300  # a not-understood question's wording, as kept to group by: longer ones are cut here


class StoreError(Exception):
    """The store cannot be opened or migrated; the message is the one line to show an operator."""


class Arrival(enum.Enum):
    """What accepting an event found."""

    NEW = "new"  # first copy: the caller answers it
    RECOVERED = "recovered"  # seen before, but its worker's lease ran out: the caller takes it over
    DUPLICATE = "duplicate"  # answered already, or being answered by a live worker: nothing to do


@dataclass(frozen=True)
class Job:
    """An answer accepted but not yet posted. `attempts` > 1 means an earlier worker may have posted it."""

    event_id: str
    kind: str
    payload: dict[str, Any]
    created_at: float
    attempts: int = 1


@dataclass(frozen=True)
class VoteSummary:
    """Votes counted overall and per understood intent, e.g. {"compare": {"up": 3, "down": 1}}."""

    total: dict[str, int] = field(default_factory=dict)
    by_intent: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.total.values())


@dataclass(frozen=True)
class Gap:
    """One thing an answer lacked, as bot/feedback.py found it.

    `subject` is what the report groups by: the need left unmet, or the framework's name. For
    `not_understood` the store itself uses the question's wording, and only when the operator opted in to
    keeping it. `question` is the understood question (intent, frameworks, needs) with what the gap needs
    to be explained (the pick and its fit), never the wording.
    """

    kind: str
    subject: str
    question: dict[str, Any]


@dataclass(frozen=True)
class GapGroup:
    """Occurrences of one gap (kind and subject) in a period, with the latest one's question and wording."""

    kind: str
    subject: str
    count: int
    last_seen: float
    question: dict[str, Any]
    text: str | None = None


@dataclass(frozen=True)
class GapSummary:
    """Per kind, its most frequent gaps (`groups`, most frequent first), and how many there were in all:
    `totals` counts occurrences and `subjects` distinct subjects, both before the per-kind limit."""

    groups: list[GapGroup] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    subjects: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class VoteGroup:
    """Votes of one kind on answers to one understood question (intent, frameworks, needs) in a period."""

    vote: str
    intent: str
    question: dict[str, Any]
    count: int
    last_seen: float
    text: str | None = None


class Cursor(Protocol):
    rowcount: int

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...
    def fetchone(self) -> tuple[Any, ...] | None: ...


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(dialect: str, folder: Path = MIGRATIONS) -> list[Migration]:
    """Numbered SQL files, oldest first: `0001_name.sql`, or `0001_name.<dialect>.sql` where one dialect
    needs its own spelling (that file then wins over the plain one for that dialect)."""
    chosen: dict[int, tuple[bool, Path]] = {}
    for path in sorted(folder.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        parts = path.name[:-len(".sql")].split(".")
        if len(parts) > 2 or (len(parts) == 2 and parts[1] != dialect):
            continue
        version, specific = int(path.name[:4]), len(parts) == 2
        if version not in chosen or specific:
            chosen[version] = (specific, path)
    return [Migration(v, path.name, path.read_text()) for v, (_, path) in sorted(chosen.items())]


def statements(sql: str) -> list[str]:
    """A migration file split into its statements (sqlite3.complete_statement knows where one ends,
    including semicolons inside strings and comments); both drivers then run them one by one."""
    import sqlite3

    found, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            text = "\n".join(x for x in current.splitlines() if not x.strip().startswith("--")).strip()
            if text.rstrip(";").strip():
                found.append(text)
            current = ""
    if current.strip() and "\n".join(x for x in current.splitlines() if not x.strip().startswith("--")).strip():
        raise StoreError("a migration ends with an unfinished statement (missing ';')")
    return found


class SqlStore:
    """The store's logic, for any DB-API connection that takes `%s` placeholders (subclasses adapt)."""

    dialect = "sql"
    skip_locked = ""  # PostgreSQL: rows another worker is claiming are skipped, not waited for

    def __init__(self, *, store_text: bool = False) -> None:
        self.store_text = store_text

    # --------------------------------------------------------------------------- the dialect's part

    def transaction(self) -> contextlib.AbstractContextManager[Cursor]:
        """A cursor inside one transaction: committed on success, rolled back on an exception."""
        raise NotImplementedError

    def migration_lock(self) -> contextlib.AbstractContextManager[Cursor]:
        """A transaction that only one process at a time can hold, for applying the schema."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --------------------------------------------------------------------------- schema

    def migrate(self) -> int:
        """Apply the numbered migrations not applied yet; return the schema version.

        Safe when several processes start at once: the migration lock serialises them, and each reads
        the applied versions only once it holds the lock.
        """
        with self.migration_lock() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)")
            cur.execute("SELECT version FROM schema_version")
            applied = {row[0] for row in cur.fetchall()}
            for migration in migrations(self.dialect):
                if migration.version in applied:
                    continue
                for statement in statements(migration.sql):
                    cur.execute(statement)
                cur.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)",
                            (migration.version, migration.name, _now()))
                log.info("store: applied migration %s", migration.name)
            cur.execute("SELECT max(version) FROM schema_version")
            row = cur.fetchone()
        return int(row[0] or 0) if row else 0

    def ping(self) -> None:
        """Raise unless the store answers a query (GET /readyz)."""
        with self.transaction() as cur:
            cur.execute("SELECT 1 FROM schema_version LIMIT 1")
            cur.fetchall()

    # --------------------------------------------------------------------------- receipts and jobs

    def accept(self, event_id: str, kind: str, payload: dict[str, Any], *, owner: str, now: float,
               lease: float) -> tuple[Arrival, Job | None]:
        """Record an event's arrival and its pending job in one transaction.

        The first copy inserts both (NEW). A later copy or retry finds the receipt: if the job is still
        pending and its lease ran out, the caller takes the job over (RECOVERED, attempts > 1); otherwise
        the event was answered or is being answered (DUPLICATE).
        """
        with self.transaction() as cur:
            cur.execute("INSERT INTO event_receipts (event_id, received_at) VALUES (%s, %s) "
                        "ON CONFLICT DO NOTHING RETURNING event_id", (event_id, now))
            if cur.fetchone() is not None:
                cur.execute("INSERT INTO pending_jobs (event_id, kind, payload, created_at, lease_owner, lease_until, "
                            "attempts) VALUES (%s, %s, %s, %s, %s, %s, 1)",
                            (event_id, kind, json.dumps(payload), now, owner, now + lease))
                return Arrival.NEW, Job(event_id, kind, payload, now, 1)
            cur.execute("UPDATE pending_jobs SET lease_owner = %s, lease_until = %s, attempts = attempts + 1 "
                        "WHERE event_id = %s AND lease_until < %s "
                        "RETURNING event_id, kind, payload, created_at, attempts", (owner, now + lease, event_id, now))
            row = cur.fetchone()
        return (Arrival.RECOVERED, _job(row)) if row else (Arrival.DUPLICATE, None)

    def claim_expired(self, *, owner: str, now: float, lease: float, limit: int = 10) -> list[Job]:
        """Take over pending jobs whose lease ran out (their worker died or was stopped), oldest first."""
        with self.transaction() as cur:
            cur.execute("UPDATE pending_jobs SET lease_owner = %s, lease_until = %s, attempts = attempts + 1 "
                        "WHERE event_id IN (SELECT event_id FROM pending_jobs WHERE lease_until < %s "
                        f"ORDER BY created_at LIMIT %s{self.skip_locked}) "
                        "RETURNING event_id, kind, payload, created_at, attempts", (owner, now + lease, now, limit))
            rows = cur.fetchall()
        return sorted((_job(row) for row in rows), key=lambda job: job.created_at)

    def renew(self, *, owner: str, until: float) -> int:
        """Extend the leases of every job this worker holds (it is alive and still working on them)."""
        with self.transaction() as cur:
            cur.execute("UPDATE pending_jobs SET lease_until = %s WHERE lease_owner = %s", (until, owner))
            return max(int(cur.rowcount), 0)

    def finish(self, event_id: str) -> None:
        """The answer is in Slack (or was given up on): the job is done; the receipt stays."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM pending_jobs WHERE event_id = %s", (event_id,))

    def postpone(self, event_id: str, *, until: float) -> None:
        """Nobody holds the job until `until`; then any worker's sweep takes it (Slack was unreachable)."""
        with self.transaction() as cur:
            cur.execute("UPDATE pending_jobs SET lease_owner = '', lease_until = %s WHERE event_id = %s",
                        (until, event_id))

    def release(self, *, owner: str) -> None:
        """A worker stopping gracefully hands its unfinished jobs on at once instead of at lease expiry."""
        with self.transaction() as cur:
            cur.execute("UPDATE pending_jobs SET lease_until = 0 WHERE lease_owner = %s", (owner,))

    def pending(self) -> list[Job]:
        """Every pending job, oldest first (for tests and operators)."""
        with self.transaction() as cur:
            cur.execute("SELECT event_id, kind, payload, created_at, attempts FROM pending_jobs ORDER BY created_at")
            return [_job(row) for row in cur.fetchall()]

    def purge(self, *, before: float) -> int:
        """Forget receipts older than `before` (Slack retries for minutes, not days); pending jobs stay."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM event_receipts WHERE received_at < %s "
                        "AND event_id NOT IN (SELECT event_id FROM pending_jobs)", (before,))
            return max(int(cur.rowcount), 0)

    # --------------------------------------------------------------------------- feedback

    def record_vote(self, *, message_id: str, user_id: str, vote: str, question: dict[str, Any],
                    text: str | None = None, now: float | None = None) -> None:
        """One person's vote on one answer; voting again replaces the earlier vote.

        `question` is the understood question (intent, frameworks, needs), never the wording; `text` is
        kept only when the operator opted in (PYFRAMEWORK_STORE_TEXT=1).
        """
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {', '.join(VOTES)}")
        understood = {"intent": str(question.get("intent") or "unknown"),
                      "frameworks": list(question.get("frameworks") or ()), "needs": list(question.get("needs") or ())}
        with self.transaction() as cur:
            cur.execute("INSERT INTO answer_votes (message_id, user_id, vote, intent, question, text, created_at) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (message_id, user_id) DO UPDATE SET "
                        "vote = excluded.vote, intent = excluded.intent, question = excluded.question, "
                        "text = excluded.text, created_at = excluded.created_at",
                        (message_id, user_id, vote, understood["intent"], json.dumps(understood),
                         text if self.store_text else None, _now() if now is None else now))

    def vote_summary(self, *, since: float = 0.0) -> VoteSummary:
        """Votes since `since`, counted overall and per intent: which kinds of question disappoint."""
        with self.transaction() as cur:
            cur.execute("SELECT intent, vote, count(*) FROM answer_votes WHERE created_at >= %s "
                        "GROUP BY intent, vote ORDER BY intent, vote", (since,))
            rows = cur.fetchall()
        summary = VoteSummary()
        for intent, vote, count in rows:
            summary.total[vote] = summary.total.get(vote, 0) + int(count)
            summary.by_intent.setdefault(intent, {})[vote] = int(count)
        return summary

    def votes_for(self, message_id: str) -> list[dict[str, Any]]:
        """The votes on one answer (what the feedback buttons will show and tests read)."""
        with self.transaction() as cur:
            cur.execute("SELECT user_id, vote, question, text, created_at FROM answer_votes WHERE message_id = %s "
                        "ORDER BY user_id", (message_id,))
            return [{"user_id": u, "vote": v, "question": json.loads(q), "text": t, "created_at": c}
                    for u, v, q, t, c in cur.fetchall()]


    def add_vote_text(self, message_id: str, text: str) -> int:
        """Keep the wording of the question an answer was for, on the votes about it that lack it.

        A click does not carry the question's wording, so it is looked up after the vote is recorded, and
        only when the operator opted in (PYFRAMEWORK_STORE_TEXT=1); otherwise nothing is written.
        """
        if not self.store_text or not text.strip():
            return 0
        with self.transaction() as cur:
            cur.execute("UPDATE answer_votes SET text = %s WHERE message_id = %s AND text IS NULL",
                        (text.strip()[:4000], message_id))
            return max(int(cur.rowcount), 0)

    def voted_down(self, *, since: float = 0.0, limit: int = 10) -> list[VoteGroup]:
        """👎 and "not what I asked" since `since`, grouped by vote and understood question, most frequent
        first (then the most recent): which answers to look at first. Each vote kind keeps its `limit` first."""
        with self.transaction() as cur:
            cur.execute("SELECT vote, intent, question, count(*) AS n, max(created_at) AS last, max(text) "
                        "FROM answer_votes WHERE created_at >= %s AND vote <> 'up' "
                        "GROUP BY vote, intent, question ORDER BY n DESC, last DESC, question", (since,))
            rows = cur.fetchall()
        groups: list[VoteGroup] = []
        for vote, intent, question, count, last, text in rows:
            if sum(g.vote == vote for g in groups) < limit:
                groups.append(VoteGroup(vote, intent, json.loads(question), int(count), float(last), text))
        return groups

    # --------------------------------------------------------------------------- the gap log

    def record_gaps(self, answer_id: str, gaps: Sequence[Gap], *, intent: str, text: str | None = None,
                    now: float | None = None) -> int:
        """Log what one answer lacked; the same answer logged again (a job taken over) adds nothing.

        The wording is kept, and used to group questions not understood, only when the operator opted in
        (PYFRAMEWORK_STORE_TEXT=1); otherwise those all share one empty subject and are only counted.
        """
        wording = " ".join((text or "").split())[:WORDING_CHARS] if self.store_text else ""
        added = 0
        with self.transaction() as cur:
            for gap in gaps:
                if gap.kind not in GAP_KINDS:
                    raise ValueError(f"gap kind must be one of {', '.join(GAP_KINDS)}")
                subject = wording.lower() if gap.kind == "not_understood" else gap.subject
                cur.execute("INSERT INTO answer_gaps (answer_id, kind, subject, intent, question, text, created_at) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING answer_id",
                            (answer_id, gap.kind, subject, intent, json.dumps(gap.question), wording or None,
                             _now() if now is None else now))
                added += cur.fetchone() is not None
        return added

    def gap_summary(self, *, since: float = 0.0, limit: int = 10) -> GapSummary:
        """The gaps since `since`: per kind, the `limit` most frequent subjects (then the most recent), each
        with its latest occurrence's question and wording, and the totals before that limit."""
        summary = GapSummary()
        with self.transaction() as cur:
            cur.execute("SELECT kind, subject, count(*) AS n, max(created_at) AS last FROM answer_gaps "
                        "WHERE created_at >= %s GROUP BY kind, subject ORDER BY n DESC, last DESC, subject",
                        (since,))
            counted = cur.fetchall()
            for kind, subject, count, last in counted:
                summary.totals[kind] = summary.totals.get(kind, 0) + int(count)
                summary.subjects[kind] = summary.subjects.get(kind, 0) + 1
                if sum(g.kind == kind for g in summary.groups) >= limit:
                    continue
                cur.execute("SELECT question, text FROM answer_gaps WHERE kind = %s AND subject = %s "
                            "AND created_at >= %s ORDER BY created_at DESC LIMIT 1", (kind, subject, since))
                question, text = cur.fetchone() or ("{}", None)
                summary.groups.append(GapGroup(kind, subject, int(count), float(last), json.loads(question), text))
        return summary

    def purge_feedback(self, *, before: float) -> int:
        """Forget gaps and votes older than `before` (the retention of bot/feedback.py): the report is about
        what the knowledge lacks now, and wording kept by opting in should not be kept for ever."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM answer_gaps WHERE created_at < %s", (before,))
            gaps = max(int(cur.rowcount), 0)
            cur.execute("DELETE FROM answer_votes WHERE created_at < %s", (before,))
            return gaps + max(int(cur.rowcount), 0)


def _job(row: Sequence[Any]) -> Job:
    event_id, kind, payload, created_at, attempts = row
    return Job(event_id, kind, json.loads(payload), float(created_at), int(attempts))


def _now() -> float:
    return time.time()

