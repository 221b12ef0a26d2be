"""A small fake of PyPI's JSON API (`/pypi/<name>/json`) on 127.0.0.1, for `kb refresh` tests.

The tests never reach the internet: the fake serves documents shaped like PyPI's (`info`, `releases`,
`urls`), built by default from the knowledge files themselves so that every file agrees, and a test
changes one project at a time: a newer release, a 404, a hang, malformed JSON. A hanging answer waits
on an event that `stop()` sets, so no test sleeps beyond a bounded deadline.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot import knowledge

HOLD = 10.0  # the longest a hanging answer waits, should stop() never be called


def normalize(name: str) -> str:
    """PEP 503: PyPI finds `Flask`, `flask` and `FLASK` alike."""
    return re.sub(r"[-_.]+", "-", name).lower()


def release_file(date: str, requires: str | None = None, yanked: bool = False) -> dict[str, Any]:
    """One distribution file of a release, as PyPI lists it. `date` is YYYY-MM-DD."""
    return {"filename": "pkg.whl", "packagetype": "bdist_wheel", "upload_time": f"{date}T12:00:00",
            "upload_time_iso_8601": f"{date}T12:00:00.000000Z", "requires_python": requires,
            "yanked": yanked, "yanked_reason": "broken" if yanked else None}


def project(name: str, version: str, date: str, requires: str | None, license_expression: str | None,
            older: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """A project document whose latest release is `version`, with `older` releases listed too."""
    files = [release_file(date, requires)]
    return {"info": {"name": name, "version": version, "requires_python": requires, "license": None,
                     "license_expression": license_expression, "yanked": False,
                     "release_url": f"https://pypi.org/project/{name}/{version}/"},
            "releases": {**(older or {}), version: files}, "urls": files}


@dataclass
class Behaviour:
    """A special answer: an HTTP status, raw bytes, a hang, or a body dripped out a byte at a time."""

    status: int = 200
    body: bytes = b""
    hang: bool = False
    drip: bool = False


class FakePypi:
    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any] | Behaviour] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.released = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/pypi"

    def start(self) -> FakePypi:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def agree_with(self, kb: knowledge.KnowledgeBase) -> FakePypi:
        """Serve, for every framework, what its file already says (a month-only date: the 15th)."""
        for fw in kb.frameworks.values():
            name = fw.release.source.rstrip("/").split("/")[-2]
            date = fw.release.date if len(fw.release.date) == 10 else f"{fw.release.date}-15"
            self.documents[normalize(fw.pypi_name)] = project(name, fw.release.version, date,
                                                               fw.release.python_requires or None, fw.license)
        return self

    def set(self, name: str, document: dict[str, Any] | Behaviour) -> None:
        self.documents[normalize(name)] = document

    def get(self, name: str) -> dict[str, Any]:
        document = self.documents[normalize(name)]
        assert isinstance(document, dict)
        return document

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                fake.requests.append((self.path, self.headers.get("User-Agent", "")))
                match = re.fullmatch(r"/pypi/([^/]+)/json", self.path)
                document = fake.documents.get(normalize(match.group(1))) if match else None
                if document is None:
                    self._send(404, b'{"message": "Not Found"}')
                elif isinstance(document, dict):
                    self._send(200, json.dumps(document).encode())
                elif document.hang:
                    fake.released.wait(HOLD)
                elif document.drip:
                    self._drip()
                else:
                    self._send(document.status, document.body)

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _drip(self) -> None:
                """Headers at once, then a byte every 50 ms: each read is quick, the whole answer is not."""
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                deadline = time.monotonic() + HOLD
                try:
                    while time.monotonic() < deadline and not fake.released.wait(0.05):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                except OSError:  # the client gave up
                    pass

        return Handler
