"""The embedded default: one SQLite file, no setup, shared safely by the worker processes of one machine.

WAL mode lets readers and the one writer proceed together; `BEGIN IMMEDIATE` takes the write lock at the
start of each transaction, so two workers can never both claim the same job; busy_timeout makes a
worker wait for that lock instead of failing. synchronous=NORMAL is durable against a crashed process
(what the store must survive) and skips an fsync per commit.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bot.store.base import SqlStore, StoreError

BUSY_TIMEOUT_MS = 10_000
WAL_RETRY_SECONDS = 0.01


class _Cursor:
    """An sqlite3 cursor that takes the `%s` placeholders the shared SQL is written with."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        self._cursor.execute(sql.replace("%s", "?"), tuple(params))
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall()

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cursor.fetchone()

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting for other processes as busy_timeout would. Changing the journal mode
    needs the file to itself, and SQLite answers "database is locked" at once, without its busy handler,
    while another process that opened it at the same moment holds a lock (workers starting together)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(WAL_RETRY_SECONDS)  # a poll with the deadline above: SQLite offers nothing to wait on


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, store_text: bool = False) -> None:
        super().__init__(store_text=store_text)
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection per store, used under a lock: the app calls the store from a few threads.
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                       timeout=BUSY_TIMEOUT_MS / 1000)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(self._db)
            self._db.execute("PRAGMA synchronous = NORMAL")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[_Cursor]:
        with self._lock:
            cursor = self._db.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield _Cursor(cursor)
            except BaseException:
                self._db.rollback()
                raise
            else:
                self._db.commit()
            finally:
                cursor.close()

    def migration_lock(self) -> contextlib.AbstractContextManager[_Cursor]:
        """BEGIN IMMEDIATE already admits one writer per database file: the lock other processes wait on."""
        return self.transaction()

    def close(self) -> None:
        with self._lock:
            self._db.close()
