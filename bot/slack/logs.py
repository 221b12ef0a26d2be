"""Logging for the served app: one record, one line, one prefix; plain text or JSON (LOG_FORMAT=json).

Control characters are escaped, so nothing a request carries can start a second, forged line, and a
record is cut at MAX_LINE characters. Records are appended to a buffer that one writer thread empties
every FLUSH_SECONDS, so the event loop never waits on a slow stderr, and a request's log line costs an
append, not a hand-off to another thread (waking a writer for each line cost more than the line). uvicorn's
own loggers propagate here (it is started with log_config=None), so its lines look like ours instead of
carrying a second prefix.
"""

from __future__ import annotations

import atexit
import datetime
import json
import logging
import os
import threading
import time
from collections import deque

MAX_LINE = 4000
FLUSH_SECONDS = 0.05
_CONTROL = {i: f"\\x{i:02x}" for i in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 127: "\\x7f"}


def one_line(text: str) -> str:
    """`text` with every control character escaped, cut to MAX_LINE characters."""
    text = text.translate(_CONTROL)
    return text if len(text) <= MAX_LINE else text[:MAX_LINE] + "…(cut)"


class TextFormatter(logging.Formatter):
    """`2026-12-01 20:00:00,123 INFO pyframework.slack message`, tracebacks folded into the line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self._stamp: tuple[int, str] = (-1, "")  # the last second written, as logging.Formatter writes it

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 (logging's name)
        """logging.Formatter's, with the date and time worked out once per second, not once per line."""
        if datefmt:
            return super().formatTime(record, datefmt)
        second, stamp = self._stamp
        if int(record.created) != second:
            second = int(record.created)
            stamp = time.strftime(self.default_time_format, self.converter(record.created))
            self._stamp = (second, stamp)
        return self.default_msec_format % (stamp, record.msecs)


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


class BufferedHandler(logging.Handler):
    """Keeps records in a buffer (a deque: appending is safe from any thread and wakes nobody); a writer
    thread formats and writes them through `target` every FLUSH_SECONDS, and once more when stopped."""

    def __init__(self, target: logging.Handler, interval: float = FLUSH_SECONDS) -> None:
        super().__init__()
        self.target = target
        self.interval = interval
        self.records: deque[logging.LogRecord] = deque()
        self.stopped = threading.Event()
        self.writer = threading.Thread(target=self._write_now_and_then, name="log writer", daemon=True)
        self.writer.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if record.args:  # the values as they are now, not when the line is written
                record.msg, record.args = record.getMessage(), None
        except Exception:
            self.handleError(record)
            return
        self.records.append(record)

    def flush(self) -> None:
        while True:
            try:
                record = self.records.popleft()
            except IndexError:  # empty (the writer and a closing thread may both be flushing)
                break
            self.target.handle(record)
        self.target.flush()

    def _write_now_and_then(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.flush()
            except Exception:  # a stream that failed once (said on stderr by its handler) must not stop the rest
                continue

    def close(self) -> None:
        """Stop the writer and write what is left."""
        self.stopped.set()
        if self.writer.is_alive() and self.writer is not threading.current_thread():
            self.writer.join(timeout=1.0)
        self.flush()
        super().close()


_installed: list[BufferedHandler] = []


def configure(log_format: str = "text", level: str | None = None) -> None:
    """Send every logger's records to stderr through one formatter. Safe to call again (a uvicorn
    worker process calls it when it builds its app)."""
    stream = logging.StreamHandler()
    stream.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    for old in _installed:
        old.close()
    _installed.clear()
    buffered = BufferedHandler(stream)
    _installed.append(buffered)
    atexit.register(buffered.close)
    # What no line of ours writes, no record need find out: the caller's frame (sys._getframe and a walk up the
    # stack), the thread's and the process's names. About half of what a request's line cost the event loop.
    logging._srcfile = None  # the way the logging HOWTO's "Optimization" gives
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    root = logging.getLogger()
    root.handlers[:] = [buffered]
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
