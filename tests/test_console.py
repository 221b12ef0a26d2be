"""The console chat: what a person at a terminal sees.

Answers wrapped at spaces with hanging bullets (URLs and tables whole), follow-ups read with the earlier
questions until `new`, piped lines independent unless `--conversation`, `quit` and EOF, and a readline
history kept in a file that can never break the chat. The chat is driven with lists of lines and StringIO;
one test types into the real `python -m bot run` on a pseudo-terminal.
"""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from commands import PYFRAMEWORK

from bot import cli, console
from bot.advice import Answer
from bot.engine import Engine
from bot.reading.thread import MAX_THREAD_MESSAGES

REPO = Path(__file__).resolve().parent.parent
API_WITH_AUTH = "we need a REST API with auth"
ADMIN_TOO = "and it needs an admin"


class Recorder(io.StringIO):
    """An output stream that also keeps each write apart: the chat writes one answer per write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


class TTYInput(io.StringIO):
    """Typed lines, as from a terminal: input() reads them with readline() when they are not the real console."""

    def isatty(self) -> bool:
        return True


class Spy:
    """The engine, keeping every Answer it gives: tests check what was understood, not only its wording,
    which the renderers are free to change."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.kb = engine.kb
        self.answers: list[Answer] = []

    def answer(self, text: str | None, discussion: list[str] | tuple[str, ...] = ()) -> Answer:
        self.answers.append(self.engine.answer(text, discussion))
        return self.answers[-1]


def _answers(engine: Engine | Spy, lines: Iterable[str], **options) -> list[str]:
    out = Recorder()
    console.chat(engine, lines, out, width=options.pop("width", 100), **options)
    return out.writes


@pytest.fixture(autouse=True)
def _no_outside_state(monkeypatch, tmp_path):
    """No test reads the developer's history, .env or knowledge override."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("PYFRAMEWORK_KNOWLEDGE", raising=False)


# -- wrapping ----------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _flat(text: str) -> str:
    """`text` with its wrapping undone."""
    return " ".join(text.split())


def test_wrapping_at_40_cuts_no_word_and_hangs_bullets_under_their_first_word():
    text = "\n".join([
        "My pick: Django REST framework, the long-established toolkit for REST APIs on Django with serializers",
        "",
        "1. Django REST framework (api, 100% match) and a very long title that must wrap",
        "  + Authentication and users: built in, with pluggable backends and permissions",
        "  - In maintenance mode: fixes rather than new features (latest 3.18.3)",
        "  • a bullet drawn with a dot, long enough to need a second line",
        "    An indented paragraph without a marker keeps its indentation when it wraps",
    ])
    wrapped = console.wrap(text, 40)
    lines = wrapped.splitlines()
    assert _words(wrapped) == _words(text), "the same words in the same order: none cut, none lost"
    assert all(len(line) <= 40 for line in lines)
    assert lines[0] == "My pick: Django REST framework, the"
    assert lines[lines.index("1. Django REST framework (api, 100%") + 1].startswith("   match)")
    plus = lines.index("  + Authentication and users: built in,")
    assert lines[plus + 1].startswith("    with") and lines[plus + 1][4] != " "
    minus = next(i for i, line in enumerate(lines) if line.startswith("  - In maintenance"))
    assert lines[minus + 1].startswith("    ") and not lines[minus + 1].startswith("     ")
    dot = next(i for i, line in enumerate(lines) if line.startswith("  • a bullet"))
    assert lines[dot + 1].startswith("    ") and lines[dot + 1][4] != " "
    para = next(i for i, line in enumerate(lines) if line.startswith("    An indented"))
    assert lines[para + 1].startswith("    ") and lines[para + 1][4] != " "


def test_wrapping_keeps_urls_and_hyphenated_words_whole():
    url = "https://docs.djangoproject.com/en/stable/internals/release-process/"
    text = f"Sources: https://www.djangoproject.com/ · {url} · https://pypi.org/project/django/ full-stack"
    lines = console.wrap(text, 40).splitlines()
    assert url in lines, "a URL longer than the line gets a line of its own, unbroken"
    assert all(len(line) <= 40 for line in lines if line != url)
    assert any(line.endswith("full-stack") or " full-stack" in line for line in lines)


def test_wrapping_leaves_tables_alone_and_shortens_underlines():
    table = [
        "                          Django                   FastAPI",
        "------------------------  -----------------------  -------------",
        "OpenAPI / Swagger docs    django-ninja / drf-spec  built in",
        "Request validation        Django REST framework    built in",
    ]
    text = "\n".join(["Django vs FastAPI, compared feature by feature here", "=" * 50, "", *table, "",
                      "Category      full-stack      api (lined up by spaces, without a rule)"])
    lines = console.wrap(text, 40).splitlines()
    assert all(row in lines for row in table), "table rows are never wrapped"
    assert lines[2] == "=" * 40, "a heading's underline is cut to the width, not folded"
    assert lines[-1].startswith("Category      full-stack")


def test_a_real_answer_wrapped_at_40_keeps_every_word_and_every_url(engine: Engine):
    unwrapped = console.reply(engine, "info litestar", None)
    (answer,) = _answers(engine, ["info litestar"], width=40)
    assert _words(answer) == _words(unwrapped), "the same words as the unwrapped answer"
    assert all(len(line) <= 40 or " " not in line.strip() for line in answer.splitlines())
    urls = re.findall(r"https://\S+", unwrapped)
    assert all(url in answer.split() for url in urls), "every URL whole"


def test_the_width_follows_the_terminal_with_80_when_there_is_none(monkeypatch):
    monkeypatch.setenv("COLUMNS", "57")
    assert console.terminal_width() == 57
    monkeypatch.setenv("COLUMNS", "3")
    assert console.terminal_width() == console.MIN_WIDTH
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(os, "get_terminal_size", lambda *_: (_ for _ in ()).throw(OSError("not a terminal")))
    assert console.terminal_width() == 80


# -- the conversation --------------------------------------------------------------------------------


def test_a_follow_up_refines_the_question_before(engine: Engine):
    spy = Spy(engine)
    first, second = _answers(spy, [API_WITH_AUTH, ADMIN_TOO])
    assert spy.answers[0].question.needs == ("auth",)
    assert set(spy.answers[1].question.needs) == {"admin", "auth"}, "both needs in the answer"
    assert "auth" in spy.answers[1].question.from_discussion
    assert "Authentication and users" in second and "Admin interface" in second
    assert console.BUILT_ON in second and console.BUILT_ON not in first
    (alone,) = _answers(spy, [ADMIN_TOO])
    assert spy.answers[2].question.needs == ("admin",), "without the first question, only the admin counts"
    assert console.BUILT_ON not in alone


def test_new_and_reset_start_a_fresh_conversation(engine: Engine):
    (alone,) = _answers(engine, [ADMIN_TOO])
    for word in ("new", "reset", " NEW "):
        spy = Spy(engine)
        first, started_over, again = _answers(spy, [API_WITH_AUTH, word, ADMIN_TOO])
        assert started_over.strip() == console.STARTED_OVER and len(spy.answers) == 2, "`new` is not a question"
        assert spy.answers[1].question.needs == ("admin",) and spy.answers[1].question.from_discussion == ()
        assert again == alone, "after `new`, the earlier needs are gone"


def test_an_unrelated_question_after_a_recommendation_is_still_answered_for_itself(engine: Engine):
    """The thread logic is the DM thread's: stated needs carry over (and the answer says so), but a new
    kind of project replaces the old one, a question about one framework stays about it, and a comparison
    stays a comparison."""
    spy = Spy(engine)
    lines = [API_WITH_AUTH, "a dashboard with charts for analysts", "does bottle support templates?",
             "flask vs django"]
    _, dashboard, _, _ = _answers(spy, lines)
    pick = spy.answers[1]
    assert pick.recommendations[0].framework.category == "data-app" and "auth" in pick.question.needs
    assert console.BUILT_ON in dashboard, "the answer says it used the earlier question"
    assert (spy.answers[2].question.intent, spy.answers[2].question.frameworks) == ("info", ("bottle",))
    assert (spy.answers[3].question.intent, spy.answers[3].question.frameworks) == ("compare", ("flask", "django"))


def test_the_conversation_is_bounded_like_a_slack_thread():
    conversation = console.Conversation()
    for i in range(MAX_THREAD_MESSAGES + 5):
        conversation.add(f"question {i}")
    discussion = conversation.discussion
    assert len(discussion) == MAX_THREAD_MESSAGES - 1, "with the question being answered, one Slack page"
    assert discussion[-1] == f"question {MAX_THREAD_MESSAGES + 4}", "the oldest are dropped, the latest kept"
    conversation.reset()
    assert conversation.discussion == ()


def test_help_says_how_the_console_remembers(engine: Engine):
    (remembering,) = _answers(engine, ["help"])
    assert _flat(remembering).endswith(console.HELP_CONVERSATION), "after the normal help"
    (independent,) = _answers(engine, ["help"], remember=False)
    assert console.HELP_INDEPENDENT in _flat(independent) and "`new`" not in independent


# -- quitting, greeting, piped input -----------------------------------------------------------------


@pytest.mark.parametrize("word", ["quit", "exit", ":q", "  Quit  "])
def test_quit_ends_the_chat(engine: Engine, word: str):
    spy = Spy(engine)
    answers = _answers(spy, ["flask vs django", word, "tell me about falcon"])
    assert len(answers) == 1 and [a.question.intent for a in spy.answers] == ["compare"]


def test_eof_ends_the_chat_and_crlf_is_read_as_a_line_end(engine: Engine):
    spy = Spy(engine)
    answers = _answers(spy, iter(["flask vs django\r\n", "list micro"]))
    assert len(answers) == 2 and [a.question.intent for a in spy.answers] == ["compare", "list"]


def test_a_terminal_gets_a_greeting_and_an_empty_line_just_prompts_again(engine: Engine):
    greeting, *answers = _answers(engine, ["", "   ", "flask vs django"], interactive=True, width=200)
    assert _flat(greeting) == console.GREETING and "`new`" in greeting
    assert len(answers) == 1


def test_piped_lines_are_independent_unless_conversation_is_asked_for(engine: Engine):
    lines = f"{API_WITH_AUTH}\n{ADMIN_TOO}\n\n"
    spy, out = Spy(engine), io.StringIO()
    assert console.run(spy, stdin=io.StringIO(lines), stdout=out) == 0
    assert [a.question.intent for a in spy.answers] == ["recommend", "recommend", "help"], \
        "an empty piped line still gets its answer"
    assert spy.answers[1].question.needs == ("admin",) and console.BUILT_ON not in out.getvalue()
    spy, out = Spy(engine), io.StringIO()
    assert console.run(spy, conversation=True, stdin=io.StringIO(lines), stdout=out) == 0
    assert set(spy.answers[1].question.needs) == {"admin", "auth"} and console.BUILT_ON in out.getvalue()


def test_run_conversation_from_the_command_line(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)  # no .env with Slack tokens
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{API_WITH_AUTH}\n{ADMIN_TOO}\n"))
    assert cli.main(["run", "--conversation"]) == 0
    assert console.BUILT_ON in capsys.readouterr().out


# -- history ------------------------------------------------------------------------------------------


class FakeReadline:
    """The part of the readline module the console uses, over a list, writing plain lines to files."""

    def __init__(self, typed: list[str] | None = None, fail: bool = False) -> None:
        self.items: list[str] = []
        self.length = -1
        self.typed = list(typed or [])
        self.fail = fail

    def set_history_length(self, length: int) -> None:
        self.length = length

    def read_history_file(self, path: str) -> None:
        if self.fail:
            raise PermissionError(path)
        self.items += Path(path).read_text().splitlines()

    def get_current_history_length(self) -> int:
        return len(self.items)

    def get_history_item(self, index: int) -> str | None:
        return self.items[index - 1] if 1 <= index <= len(self.items) else None

    def remove_history_item(self, position: int) -> None:
        del self.items[position]

    def append_history_file(self, count: int, path: str) -> None:
        if self.fail:
            raise OSError(28, "No space left on device")
        lines = Path(path).read_text().splitlines() + (self.items[-count:] if count else [])
        Path(path).write_text("".join(f"{line}\n" for line in lines[-self.length:]))

    def input(self, prompt: str) -> str:
        """input() with readline: a typed line goes into the history."""
        if not self.typed:
            raise EOFError
        line = self.typed.pop(0)
        if line:
            self.items.append(line)
        return line


def _history_file() -> Path:
    path = console.history_path()
    assert path is not None
    return path


def test_history_is_read_at_start_and_the_new_lines_added_at_the_end(engine: Engine):
    path = _history_file()
    path.parent.mkdir(parents=True)
    path.write_text("list\nflask vs django\n")
    readline = FakeReadline(typed=["flask vs django", "info bottle", "info bottle", "", "quit"])
    with console.kept_history(readline, path) as history:
        assert readline.items == ["list", "flask vs django"] and readline.length == console.HISTORY_LENGTH
        lines = console.terminal_lines(read=readline.input, history=history)
        console.chat(engine, lines, Recorder(), interactive=True, width=80)
    assert path.read_text().splitlines() == ["list", "flask vs django", "info bottle", "quit"], \
        "repeats of the line before are dropped"


def test_a_new_history_file_is_private_and_trimmed(tmp_path):
    path = tmp_path / "deep" / "state" / "history"
    readline = FakeReadline(typed=[f"question {i}" for i in range(console.HISTORY_LENGTH + 3)])
    with console.kept_history(readline, path) as history:
        for _ in console.terminal_lines(read=readline.input, history=history):
            pass
    lines = path.read_text().splitlines()
    assert len(lines) == console.HISTORY_LENGTH and lines[-1] == f"question {console.HISTORY_LENGTH + 2}"
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o077 == 0


def test_the_real_readline_writes_and_reads_back_the_history(tmp_path):
    readline = pytest.importorskip("readline")
    if not hasattr(readline, "clear_history"):
        pytest.skip("this readline cannot clear its history")
    path = tmp_path / "history"
    readline.clear_history()
    try:
        with console.kept_history(readline, path):
            readline.add_history("django vs fastapi")
            readline.add_history("and it needs an admin")
        readline.clear_history()
        with console.kept_history(readline, path):
            assert readline.get_current_history_length() == 2
            assert readline.get_history_item(2) == "and it needs an admin"
    finally:
        readline.clear_history()


@pytest.mark.parametrize("where", ["a folder", "under a file", "unreadable"])
def test_history_that_cannot_be_read_or_written_never_breaks_the_chat(engine: Engine, tmp_path, where: str):
    if where == "a folder":
        path = tmp_path / "history"
        path.mkdir()
        readline = FakeReadline(typed=["flask vs django"])
    elif where == "under a file":
        (tmp_path / "file").write_text("")
        path = tmp_path / "file" / "history"
        readline = FakeReadline(typed=["flask vs django"])
    else:
        path = tmp_path / "history"
        path.write_text("list\n")
        readline = FakeReadline(typed=["flask vs django"], fail=True)
    out = Recorder()
    with console.kept_history(readline, path) as history:
        console.chat(engine, console.terminal_lines(read=readline.input, history=history), out, interactive=True)
    assert "Flask" in out.getvalue() and "Django" in out.getvalue()


def test_the_history_file_lives_in_the_state_folder(monkeypatch, tmp_path):
    assert console.history_path({"XDG_STATE_HOME": "/var/state"}) == Path("/var/state/pyframework/history")
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / ".local" / "state" / "pyframework" / "history"
    assert console.history_path({}) == expected
    assert console.history_path({"XDG_STATE_HOME": "relative/state"}) == expected, "the XDG spec ignores it"


def test_without_readline_the_terminal_chat_still_works(engine: Engine, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "readline", None)  # as on Windows: `import readline` fails
    assert console.load_readline() is None
    monkeypatch.setattr(sys, "stdin", TTYInput(f"{API_WITH_AUTH}\n\n{ADMIN_TOO}\n"))
    spy = Spy(engine)
    assert console.run(spy) == 0
    out = capsys.readouterr().out
    assert _flat(out).startswith(console.GREETING)
    assert out.count("you> ") == 4 and len(spy.answers) == 2 and console.BUILT_ON in out
    assert not _history_file().exists()


def test_a_terminal_session_saves_its_history(engine: Engine, monkeypatch, capsys):
    readline = FakeReadline()
    monkeypatch.setattr(console, "load_readline", lambda: readline)
    monkeypatch.setattr(sys, "stdin", TTYInput("flask vs django\nquit\n"))
    real_input = input

    def typed(prompt: str) -> str:
        line = real_input(prompt)
        readline.items.append(line)
        return line

    monkeypatch.setattr("builtins.input", typed)
    assert console.run(engine) == 0
    assert _history_file().read_text() == "flask vs django\nquit\n"
    assert "Django" in capsys.readouterr().out


def test_piped_input_never_loads_readline(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PYFRAMEWORK_", "COLUMNS"))}
    env.update(PYTHONPATH=str(REPO), XDG_STATE_HOME=str(tmp_path))
    code = "import sys; from bot import cli; cli.main(['run']); print('readline' in sys.modules, file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code], input="flask vs django\n", capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=60, check=False)
    assert "Django" in result.stdout and result.stderr.strip() == "False"
    assert not (tmp_path / "pyframework").exists()


# -- a real terminal -----------------------------------------------------------------------------------


class Terminal:
    """The other end of a pseudo-terminal, read until an expected text appears or a deadline passes."""

    def __init__(self, fd: int, seconds: float) -> None:
        self.fd = fd
        self.deadline = time.monotonic() + seconds
        self.raw = b""

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def until(self, expected: str, count: int = 1) -> None:
        while self.text.count(expected) < count:
            if not self._read(self.deadline - time.monotonic()):
                raise AssertionError(f"no {expected!r} (x{count}) on the terminal; it shows {self.text[-1500:]!r}")

    def drain(self) -> None:
        """Everything until the program closes the terminal."""
        while self._read(self.deadline - time.monotonic()):
            pass

    def _read(self, seconds: float) -> bool:
        if seconds <= 0 or not select.select([self.fd], [], [], seconds)[0]:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program ended and closed its side
            return False
        self.raw += chunk
        return bool(chunk)


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_the_real_console_on_a_terminal_has_history_editing_and_wraps_to_its_width(tmp_path):
    pytest.importorskip("readline")
    import fcntl
    import pty
    import struct
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "PYFRAMEWORK_")) and k not in ("COLUMNS", "LINES")}
    env.update(PYTHONPATH=str(REPO), HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"),
               INPUTRC=os.devnull, TERM="xterm")  # no personal key bindings (vi mode) in the way
    process = subprocess.Popen([*PYFRAMEWORK, "run"], stdin=child_fd, stdout=child_fd, stderr=child_fd,
                               cwd=tmp_path, env=env, start_new_session=True)
    os.close(child_fd)
    terminal = Terminal(main_fd, seconds=60)
    try:
        terminal.until("you> ")
        assert "pyframework console" in terminal.text and "`new`" in terminal.text
        os.write(main_fd, API_WITH_AUTH.encode() + b"\r")
        terminal.until("you> ", 2)
        assert "My pick: " in terminal.text, "an answer"
        os.write(main_fd, b"\x1b[A and an admin\r")  # the up arrow brings the question back, then it is added to
        terminal.until("you> ", 3)
        os.write(main_fd, b"quit\r")
        terminal.drain()
        assert process.wait(timeout=max(1.0, terminal.deadline - time.monotonic())) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_fd)
    shown = terminal.text
    assert "^[[A" not in shown, "the up arrow is read by readline, not echoed"
    answers = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]", "", shown).replace("\r", "").split("\n")
    assert max(len(line) for line in answers if "you> " not in line) <= 60
    history = (tmp_path / "state" / "pyframework" / "history").read_text().splitlines()
    assert history == [API_WITH_AUTH, f"{API_WITH_AUTH} and an admin", "quit"]
