"""Shared fixtures: one engine over the bundled knowledge base, built once per test session, and one
throwaway PostgreSQL server for the tests that need a real one (started on first use)."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator

import pytest
from pgserver import PostgresServer, bin_dir

from bot import knowledge
from bot.engine import Engine

_databases = itertools.count(1)

# Engines stored by bot/warm.py (`pyframework ask` in a subprocess stores one) go to a folder of this session,
# never to the user's ~/.cache.
os.environ.setdefault("PYFRAMEWORK_CACHE_DIR", tempfile.mkdtemp(prefix="pyframework-test-cache-"))


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(knowledge.load(knowledge.DEFAULT_DIR))


@pytest.fixture(scope="session")
def kb(engine: Engine) -> knowledge.KnowledgeBase:
    return engine.kb


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bindir = bin_dir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine: apt-get install -y postgresql")
    server = PostgresServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    """A fresh database per test, so that every test starts from an unmigrated schema."""
    return postgres.new_database(f"t{next(_databases)}")
