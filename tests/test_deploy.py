"""The shipped process setups run: the Procfile's web command and the systemd unit's ExecStart, each
started as its file says (with only the install path and port swapped for this machine's), serving
/healthz, /readyz and a slash command, keeping the SQLite store where the setup says, and stopping
cleanly on SIGTERM. JSON logs (LOG_FORMAT=json) are one object per line.
"""

from __future__ import annotations

import configparser
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_slack import FakeSlack
from slackhttp import free_port, http_request, send_command, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # where this environment's `pyframework` script is installed


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def needs_script() -> None:
    if not (BIN / "pyframework").exists():
        pytest.skip(f"the pyframework script is not installed next to {sys.executable} (pip install -e .)")


def serve_and_stop(fake: FakeSlack, workdir: Path, argv: list[str], port: int, **env: str) -> str:
    """Start `argv` as the setup would, check it serves, SIGTERM it; its log."""
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}
    server = start_server(fake, workdir, port=port, argv=argv, **env)
    assert json.loads(http_request(port, "GET", "/readyz")[2]) == {"ok": True}
    status, answer = send_command(server, "flask vs django")
    assert status == 200 and "Flask" in answer["text"]
    assert stop_server(server) == 0, server.log()[-2000:]
    log = server.log()
    assert "Traceback" not in log
    return log


def test_the_procfile_web_process_serves_and_stops_cleanly(fake: FakeSlack, tmp_path: Path) -> None:
    needs_script()
    (line,) = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")]
    command = line.split(":", 1)[1].strip()
    assert command.startswith("exec pyframework serve --http")  # exec: SIGTERM reaches the app, not sh
    port = free_port()
    log = serve_and_stop(fake, tmp_path, ["sh", "-c", command], port, PORT=str(port), WEB_CONCURRENCY="2")
    assert "with 2 workers" in log


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(ROOT / "deploy" / "pyframework.service")
    return parser


def test_the_systemd_unit_says_what_production_needs() -> None:
    service = unit()["Service"]
    assert service["KillSignal"] == "SIGTERM" and service["Restart"] == "always"
    assert service["StateDirectory"] == "pyframework"  # the SQLite store's home without DATABASE_URL
    assert shlex.split(service["ExecStart"])[1:4] == ["serve", "--http", "--host"]
    assert int(service["TimeoutStopSec"]) >= 10  # longer than the app's own graceful stop
    if shutil.which("systemd-analyze"):
        result = subprocess.run(["systemd-analyze", "verify", str(ROOT / "deploy" / "pyframework.service")],
                                capture_output=True, text=True)
        assert "Unknown" not in result.stderr and "Invalid" not in result.stderr, result.stderr


def test_the_systemd_units_command_serves_and_keeps_its_store_in_the_state_directory(fake: FakeSlack,
                                                                                     tmp_path: Path) -> None:
    needs_script()
    argv = shlex.split(unit()["Service"]["ExecStart"])
    assert argv[0] == "/opt/pyframework/.venv/bin/pyframework"
    port = free_port()
    argv = [str(BIN / "pyframework"), *argv[1:]]
    argv[argv.index("--port") + 1] = str(port)
    argv[argv.index("--host") + 1] = "127.0.0.1"
    state = tmp_path / "state"
    state.mkdir()
    env = {"STATE_DIRECTORY": str(state), "PYFRAMEWORK_DB": ""}  # as systemd sets it for StateDirectory=
    serve_and_stop(fake, tmp_path, argv, port, **env)
    assert (state / "pyframework.db").exists()


def test_json_logs_are_one_object_per_line(fake: FakeSlack, tmp_path: Path) -> None:
    server = start_server(fake, tmp_path, workers=1, LOG_FORMAT="json")
    assert send_command(server, "flask vs django")[0] == 200
    # One worker runs in uvicorn's own process, which ends a graceful stop by re-raising the SIGTERM it
    # caught (systemd counts that as a clean stop); the supervisor of several workers exits 0.
    assert stop_server(server) in (0, -signal.SIGTERM)
    entries = [json.loads(line) for line in server.log().splitlines()]
    assert entries and all({"time", "level", "logger", "message"} <= set(e) for e in entries)
    assert any(e["message"].startswith("POST /slack/events kind=command:/pyframework status=200") for e in entries)
