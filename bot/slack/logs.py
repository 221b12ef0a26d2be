"""Logging for the served app: one record, one line, one prefix; plain text or JSON (LOG_FORMAT=json).

Control characters are escaped, so nothing a request carries can start a second, forged line, and a
record is cut at MAX_LINE characters. Lines go through a queue to one writer thread, so the event loop
never waits on a slow stderr. uvicorn's own loggers propagate here (it is started with log_config=None),
so its lines look like ours instead of carrying a second prefix.
"""

from __future__ import annotations

import atexit
import datetime
import json
import logging
import logging.handlers
import os
import queue

MAX_LINE = 4000
_CONTROL = {i: f"\\x{i:02x}" for i in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 127: "\\x7f"}
_installed: list[logging.handlers.QueueListener] = []


def one_line(text: str) -> str:
    """`text` with every control character escaped, cut to MAX_LINE characters."""
    text = text.translate(_CONTROL)
    return text if len(text) <= MAX_LINE else text[:MAX_LINE] + "…(cut)"


class TextFormatter(logging.Formatter):
    """`2026-12-01 20:00:00,123 INFO pyframework.slack message`, tracebacks folded into the line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and exception), for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage()[:MAX_LINE],
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)[-MAX_LINE:]
        return json.dumps(entry, ensure_ascii=False)


def configure(log_format: str = "text", level: str | None = None) -> None:
    """Send every logger's records to stderr through one formatter. Safe to call again (a uvicorn
    worker process calls it when it builds its app)."""
    stream = logging.StreamHandler()
    stream.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    for old in _installed:
        old.stop()
    _installed.clear()
    writer = logging.handlers.QueueListener(records, stream)
    writer.start()
    _installed.append(writer)
    atexit.register(writer.stop)
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(records)]
    name = (level or os.environ.get("LOG_LEVEL", "INFO")).upper()
    root.setLevel(getattr(logging, name, logging.INFO))
    for noisy in ("slack_bolt", "slack_sdk", "aiohttp", "asyncio", "psycopg", "psycopg.pool"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for own in ("uvicorn", "uvicorn.error"):
        logging.getLogger(own).handlers[:] = []
        logging.getLogger(own).propagate = True
    access = logging.getLogger("uvicorn.access")  # it would log the raw path a client sent; ours logs the route
    access.handlers[:] = []
    access.propagate = False
