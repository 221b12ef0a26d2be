"""`pyframework kb refresh` against a fake PyPI on 127.0.0.1: reports, --write, and every kind of failure.

Every test works on a copy of knowledge/ in tmp_path, and a guard refuses any connection that is not to
127.0.0.1, so the suite can never reach the internet.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from commands import PYFRAMEWORK
from fake_pypi import Behaviour, FakePypi, project, release_file

from bot import cli, knowledge

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@pytest.fixture(autouse=True)
def _local_only(monkeypatch):
    """No proxy, no configured index, no bundled-knowledge override; only 127.0.0.1 may be dialled."""
    for name in (*PROXY_VARIABLES, "PYFRAMEWORK_PYPI_URL", "PYFRAMEWORK_KNOWLEDGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    connect = socket.create_connection

    def guarded(address, *args, **kwargs):
        if address[0] != "127.0.0.1":
            raise OSError(f"tests must not reach {address[0]}")
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, copy)
    return copy


@pytest.fixture
def index(root: Path):
    fake = FakePypi().agree_with(knowledge.load(root)).start()
    yield fake
    fake.stop()


def _refresh(capsys, root: Path, index: FakePypi | None, *options: str) -> tuple[int, list[str], str]:
    args = ["kb", "refresh", str(root), *(["--index-url", index.url] if index else []), *options]
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "frameworks").glob("*"))}


def _line(path: Path, start: str) -> int:
    """The number of the one line of `path` that starts with `start`."""
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)]
    assert len(numbers) == 1, (start, numbers)
    return numbers[0]


def _newer_flask(index: FakePypi) -> None:
    older = {"3.1.3": [release_file("2026-02-18", ">=3.9")], "3.0.0": [release_file("2023-09-30", ">=3.8")]}
    index.set("flask", project("Flask", "3.2.0", "2026-11-20", ">=3.10", "BSD-3-Clause", older))


FLASK = "frameworks/flask.yaml"
N = len(list((knowledge.DEFAULT_DIR / "frameworks").glob("*.yaml")))


def test_files_that_agree_with_the_index_exit_0_and_stay_as_they_are(capsys, root, index):
    before = _snapshot(root)
    code, out, err = _refresh(capsys, root, index, "--write")
    assert (code, out, err) == (0, [f"refresh: {N} frameworks agree with {index.url}"], "")
    assert _snapshot(root) == before
    assert len(index.requests) == N
    assert all(agent.startswith("pyframework/") and "kb refresh" in agent for _path, agent in index.requests)


def test_a_newer_release_is_one_line_per_difference_and_nothing_is_written(capsys, root, index):
    _newer_flask(index)
    before = _snapshot(root)
    code, out, _err = _refresh(capsys, root, index)
    flask, label = root / FLASK, f"knowledge/{FLASK}"
    assert code == 1
    assert out == [
        f"{label}:{_line(flask, '  version:')}: release.version: file has 3.1.3, PyPI has 3.2.0",
        f"{label}:{_line(flask, '  date:')}: release.date: file has 2026-02, PyPI has 2026-11-20",
        f"{label}:{_line(flask, '  python_requires:')}: release.python_requires: file has >=3.9, PyPI has >=3.10",
        f"{label}:{_line(flask, '  source: https://pypi.org/project/Flask/3')}: release.source: file has "
        "https://pypi.org/project/Flask/3.1.3/, PyPI has https://pypi.org/project/Flask/3.2.0/",
        f"{label}:{_line(flask, '  last_release:')}: activity.last_release: file has 2026-02, PyPI has 2026-11-20",
        f"refresh: {N} frameworks against {index.url}: {N - 1} agree, 1 differ, 0 failed",
    ]
    assert _snapshot(root) == before


def test_write_changes_only_the_intended_lines_and_kb_check_still_passes(capsys, root, index):
    flask = root / FLASK
    flask.write_text(flask.read_text(encoding="utf-8").replace("checked: 2026-12-01", "checked: 2026-06-01"),
                     encoding="utf-8")
    others = {name: data for name, data in _snapshot(root).items() if name != "flask.yaml"}
    before = flask.read_text(encoding="utf-8").splitlines()
    _newer_flask(index)
    code, out, _err = _refresh(capsys, root, index, "--write")
    assert code == 1  # the files were behind: a scheduled job hears it even when --write fixed them
    assert f"wrote knowledge/{FLASK}: release.version, release.date, release.python_requires, release.source, " \
           "activity.last_release, checked" in out
    assert out[-1].endswith("1 differ, 0 failed; 1 file written")
    after = flask.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    today = dt.date.today().isoformat()
    assert changed == [
        ('  version: "3.1.3"', '  version: "3.2.0"'),
        ("  date: 2026-02", "  date: 2026-11-20"),
        ('  python_requires: ">=3.9"', '  python_requires: ">=3.10"'),
        ("  source: https://pypi.org/project/Flask/3.1.3/", "  source: https://pypi.org/project/Flask/3.2.0/"),
        ("  last_release: 2026-02", "  last_release: 2026-11-20"),
        ("checked: 2026-06-01", f"checked: {today}"),
    ]
    assert {name: data for name, data in _snapshot(root).items() if name != "flask.yaml"} == others
    assert cli.main(["kb", "check", str(root)]) == 0
    assert knowledge.load(root).frameworks["flask"].release.version == "3.2.0"
    capsys.readouterr()
    assert _refresh(capsys, root, index)[0] == 0  # written once, the files agree


def test_write_adds_a_python_requirement_the_file_lacks_and_keeps_comments(capsys, root, index):
    bottle = root / "frameworks" / "bottle.yaml"
    index.set("bottle", project("bottle", "0.13.5", "2026-11-28", ">=3.9", "MIT"))
    code, out, _err = _refresh(capsys, root, index, "--only", "bottle")
    assert code == 1
    assert out[0] == f"knowledge/frameworks/bottle.yaml:{_line(bottle, 'release:')}: release.python_requires: " \
                     "file has nothing, PyPI has >=3.9"
    litestar = root / "frameworks" / "litestar.yaml"
    comment = litestar.read_text(encoding="utf-8").splitlines()[_line(litestar, "  python_requires:") - 1]
    index.set("litestar", project("litestar", "2.26.0", "2026-11-02", ">=3.9,<4.0", "MIT"))
    assert _refresh(capsys, root, index, "--write", "--only", "bottle,litestar")[0] == 1
    lines = bottle.read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("  date: 2026-11-28") + 1] == '  python_requires: ">=3.9"'
    written = litestar.read_text(encoding="utf-8").splitlines()[_line(litestar, "  python_requires:") - 1]
    assert written == comment.replace('">=3.8,<4.0"', '">=3.9,<4.0"') and "# pyproject.toml" in written
    assert cli.main(["kb", "check", str(root)]) == 0


def test_a_missing_project_is_reported_and_the_others_are_still_compared(capsys, root, index):
    del index.documents["hug"]
    _newer_flask(index)
    code, out, _err = _refresh(capsys, root, index)
    assert code == 1
    assert f"knowledge/frameworks/hug.yaml:1: cannot refresh from the index: HTTP 404 from {index.url}/hug/json " \
           "(no such project on the index)" in out
    assert sum("flask.yaml" in line for line in out) == 5
    assert out[-1] == f"refresh: {N} frameworks against {index.url}: {N - 2} agree, 1 differ, 1 failed"


def test_the_pypi_name_of_the_file_is_asked_for_and_named_in_errors(capsys, root, index):
    flask = root / FLASK
    flask.write_text(flask.read_text(encoding="utf-8").replace("name: Flask\n", "name: Flask\npypi: Flask-Gone\n"),
                     encoding="utf-8")
    code, out, _err = _refresh(capsys, root, index, "--only", "flask")
    assert code == 1
    assert ("/pypi/Flask-Gone/json", index.requests[0][1]) == index.requests[0]
    assert out[0].startswith(f"knowledge/{FLASK}:{_line(flask, 'pypi:')}: cannot refresh from the index: HTTP 404")


@pytest.mark.parametrize(("behaviour", "message"), [
    (Behaviour(hang=True), "no answer from {url}/flask/json within 0.5 s"),
    (Behaviour(drip=True), "no answer from {url}/flask/json within 0.5 s"),  # every read is quick, the whole is not
    (Behaviour(body=b'{"info": {"version": "3.2.0"'), "{url}/flask/json did not answer with valid JSON"),
    (Behaviour(body=b"\xff\xfe\x00garbage"), "{url}/flask/json did not answer with"),
    (Behaviour(body=b"[]"), "{url}/flask/json is not shaped like PyPI's JSON API"),
    (Behaviour(body=b'{"info": {"version": "3.2.0"}, "urls": []}'), "release 3.2.0 has no file with an upload time"),
    (Behaviour(status=500, body=b"oops"), "HTTP 500 from {url}/flask/json"),
])
def test_a_failing_project_is_one_line_within_the_deadline_and_the_others_go_on(capsys, root, index, behaviour,
                                                                               message):
    index.set("flask", behaviour)
    started = time.monotonic()
    code, out, err = _refresh(capsys, root, index, "--timeout", "0.5")
    assert time.monotonic() - started < 5
    assert code == 1 and err == ""
    assert out[0].startswith(f"knowledge/{FLASK}:1: cannot refresh from the index: ")
    assert message.format(url=index.url) in out[0]
    assert out[1:] == [f"refresh: {N} frameworks against {index.url}: {N - 1} agree, 0 differ, 1 failed"]


def test_a_yanked_latest_release_is_not_the_latest(capsys, root, index):
    files = [release_file("2026-11-20", ">=3.10", yanked=True)]
    document = project("Flask", "3.2.0", "2026-11-20", ">=3.10", "BSD-3-Clause",
                       {"3.1.3": [release_file("2026-02-18", ">=3.9")]})
    document["releases"]["3.2.0"] = document["urls"] = files
    index.set("flask", document)  # an index that still names the yanked release as its latest
    assert _refresh(capsys, root, index)[:2] == (0, [f"refresh: {N} frameworks agree with {index.url}"])


def test_pre_releases_are_not_the_latest(capsys, root, index):
    document = index.get("flask")
    document["releases"].update({"4.0.0rc1": [release_file("2026-11-25", ">=3.11")],
                                 "4.0.0.dev3": [release_file("2026-11-26", ">=3.11")]})
    assert _refresh(capsys, root, index)[0] == 0
    document["info"]["version"] = "4.0.0rc1"  # even where the index itself calls the pre-release the latest
    assert _refresh(capsys, root, index)[0] == 0


def test_a_license_difference_is_reported_and_never_written(capsys, root, index):
    index.get("aiohttp")["info"]["license_expression"] = "Apache-2.0"
    aiohttp = root / "frameworks" / "aiohttp.yaml"
    before = aiohttp.read_bytes()
    code, out, _err = _refresh(capsys, root, index, "--write")
    assert code == 1
    assert out == [
        f"knowledge/frameworks/aiohttp.yaml:{_line(aiohttp, 'license:')}: license: file has Apache-2.0 AND MIT, "
        "PyPI has Apache-2.0",
        f"refresh: {N} frameworks against {index.url}: {N - 1} agree, 1 differ, 0 failed; "
        "1 license difference to decide by hand (never written)",
    ]
    assert aiohttp.read_bytes() == before


def test_spellings_of_the_same_facts_agree(capsys, root, index):
    index.get("chainlit")["info"]["requires_python"] = "<3.14.0, >=3.10"  # the same clauses, in another order
    for file in index.get("chainlit")["urls"]:
        file["requires_python"] = "<3.14.0, >=3.10"
    index.get("flask")["info"]["license_expression"] = "bsd-3-clause"  # SPDX ids are not case-sensitive
    assert _refresh(capsys, root, index)[0] == 0


def test_a_write_that_would_not_pass_kb_check_is_refused(capsys, root, index):
    index.set("flask", project("Flask", "3.2.0", "2099-01-01", ">=3.10", "BSD-3-Clause"))
    before = _snapshot(root)
    code, out, _err = _refresh(capsys, root, index, "--write", "--only", "flask")
    assert code == 1
    assert any(line.startswith(f"knowledge/{FLASK}:") and "not written: the result would not pass `kb check`"
               in line and "must be a past date" in line for line in out), out
    assert _snapshot(root) == before
    assert not list((root / "frameworks").glob(".*"))  # no scratch file left behind


def test_the_index_can_be_set_in_the_environment(capsys, monkeypatch, root, index):
    monkeypatch.setenv("PYFRAMEWORK_PYPI_URL", index.url)
    assert _refresh(capsys, root, None)[:2] == (0, [f"refresh: {N} frameworks agree with {index.url}"])


def test_a_knowledge_base_that_does_not_load_is_not_refreshed(capsys, root, index):
    flask = root / FLASK
    flask.write_text(flask.read_text(encoding="utf-8").replace("category: micro", "category: nano"), encoding="utf-8")
    code, out, _err = _refresh(capsys, root, index)
    assert code == 1 and index.requests == []
    assert any("flask.yaml" in line and "category `nano`" in line for line in out)


@pytest.mark.parametrize(("options", "message"), [
    (["--index-url", "ftp://mirror.example/pypi"], "the index URL must be http(s)"),
    (["--index-url", "not a url"], "the index URL must be http(s)"),
    (["--timeout", "soon"], "--timeout must be a number of seconds"),
    (["--timeout", "0"], "--timeout must be a number of seconds"),
    (["--only", "flask,nosuchframework"], "no framework `nosuchframework`"),
])
def test_bad_options_get_one_line_and_exit_2(capsys, root, index, options, message):
    code, out, err = _refresh(capsys, root, None, *options)
    assert code == 2 and out == []
    assert err.count("\n") == 1 and message in err and err.startswith("pyframework kb refresh: ")
    assert index.requests == []


def test_the_command_runs_as_a_process_without_a_traceback(root, index):
    del index.documents["flask"]
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
    result = subprocess.run([*PYFRAMEWORK, "kb", "refresh", str(root), "--index-url", index.url, "--timeout", "5"],
                            capture_output=True, text=True, timeout=60, check=False, env={**env, "no_proxy": "*"})
    assert result.returncode == 1 and result.stderr == ""
    assert "Traceback" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith(f"{N - 1} agree, 0 differ, 1 failed")


def test_by_default_it_asks_pypi_which_the_tests_refuse_to_dial(capsys, root):
    code, out, _err = _refresh(capsys, root, None, "--only", "flask")
    assert code == 1
    assert out[0] == f"knowledge/{FLASK}:1: cannot refresh from the index: cannot reach " \
                     "https://pypi.org/pypi/flask/json: tests must not reach pypi.org"


def test_checked_is_named_as_written_only_when_it_changes(capsys, root, index):
    flask = root / FLASK
    text = flask.read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    flask.write_text(text.replace("checked: 2026-12-01", f"checked: {today}"), encoding="utf-8")
    index.set("flask", project("Flask", "3.1.3", "2026-02-18", ">=3.10", "BSD-3-Clause"))
    _code, out, _err = _refresh(capsys, root, index, "--write", "--only", "flask")
    assert f"wrote knowledge/{FLASK}: release.python_requires" in out
