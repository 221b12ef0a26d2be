"""PostgreSQL, for several machines behind a load balancer sharing one database (DATABASE_URL).

psycopg 3 with a small connection pool per worker. Claiming pending jobs uses `FOR UPDATE SKIP LOCKED`,
so workers on different machines never wait for one another's rows; migrations run under a
transaction-scoped advisory lock, so machines starting together apply each one exactly once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from bot.store.base import SqlStore, StoreError

MIGRATION_LOCK = 0x7079_6672  # "pyfr": any constant shared by every process of this app
POOL_MAX = 4
CONNECT_TIMEOUT = 5


class PostgresStore(SqlStore):
    dialect = "postgres"
    skip_locked = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, *, store_text: bool = False, pool_max: int = POOL_MAX) -> None:
        super().__init__(store_text=store_text)
        import psycopg
        from psycopg_pool import ConnectionPool

        self._errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        try:
            # One plain connection first: a refused or misconfigured server fails now, in one line,
            # instead of after the pool's whole timeout of retries.
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
            self._pool = ConnectionPool(url, min_size=1, max_size=pool_max, timeout=CONNECT_TIMEOUT, open=False,
                                        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT})
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except Exception as exc:  # a bad URL, a refused connection, a wrong password
            raise StoreError(f"cannot connect to PostgreSQL (DATABASE_URL): {type(exc).__name__}: "
                             f"{_first_line(exc)}") from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            yield cursor

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[Any]:
        with self.transaction() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            yield cursor

    def close(self) -> None:
        self._pool.close()


def _first_line(exc: BaseException) -> str:
    """Drivers' messages run over several lines; an operator needs the first (never the password:
    psycopg does not echo the URL)."""
    return (str(exc).strip().splitlines() or [""])[0][:200]
