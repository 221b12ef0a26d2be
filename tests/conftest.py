"""Shared fixtures: one engine over the bundled knowledge base, built once per test session."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(knowledge.load(knowledge.DEFAULT_DIR))


@pytest.fixture(scope="session")
def kb(engine: Engine) -> knowledge.KnowledgeBase:
    return engine.kb
