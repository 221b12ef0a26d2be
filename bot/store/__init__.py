"""Where state that must outlive a request lives, behind one small interface (see base.SqlStore).

SQLite (a file, no setup) by default; PostgreSQL when DATABASE_URL is set, for several machines.
The schema is applied at start-up from the numbered SQL files in migrations/.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.store.base import (
    GAP_KINDS,
    VOTES,
    Arrival,
    Gap,
    GapGroup,
    GapSummary,
    Job,
    SqlStore,
    StoreError,
    VoteGroup,
    VoteSummary,
)

Store = SqlStore

__all__ = ["GAP_KINDS", "VOTES", "Arrival", "Gap", "GapGroup", "GapSummary", "Job", "Store", "StoreError",
           "VoteGroup", "VoteSummary", "default_sqlite_path", "open_store"]

DB_FILE = "pyframework.db"


def default_sqlite_path() -> Path:
    """PYFRAMEWORK_DB, else systemd's StateDirectory, else pyframework.db in the working directory."""
    if os.environ.get("PYFRAMEWORK_DB", "").strip():
        return Path(os.environ["PYFRAMEWORK_DB"].strip())
    state = os.environ.get("STATE_DIRECTORY", "").split(":")[0].strip()
    return Path(state) / DB_FILE if state else Path(DB_FILE)


def open_store(database_url: str = "", sqlite_path: str | Path | None = None, *, store_text: bool = False,
               migrate: bool = True) -> Store:
    """The configured store, migrated to the current schema; StoreError with one line if it can't be."""
    if database_url.startswith(("postgres://", "postgresql://")):
        from bot.store.postgres import PostgresStore

        store: Store = PostgresStore(database_url, store_text=store_text)
    elif database_url:
        raise StoreError("DATABASE_URL must start with postgresql:// (or be unset for the SQLite file)")
    else:
        from bot.store.sqlite import SqliteStore

        store = SqliteStore(sqlite_path or default_sqlite_path(), store_text=store_text)
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
        except Exception as exc:
            store.close()
            raise StoreError(f"cannot apply the store's schema: {type(exc).__name__}: {exc}") from exc
    return store
