"""The console chat behind `pyframework run` when no Slack tokens are set.

It talks like a DM thread: each question is read with the ones asked before it (the `discussion` that
Engine.answer takes), so "and it needs an admin" refines "we need a REST API with auth", until `new`
starts over. On a terminal it offers readline's line editing and a history kept between sessions. Answers
are wrapped to the terminal's width at spaces only: words, URLs and table rows stay whole, because a cut
URL no longer opens and a cut table row no longer lines up.

Piped input is a batch of independent questions (scripts and tests feed it), one answer per line, unless
`--conversation` asks for them to be read as one conversation.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import TextIO

from bot.advice import Answer
from bot.engine import Engine
from bot.present import present
from bot.reading.thread import MAX_THREAD_MESSAGES
from bot.render_text import render_text

PROMPT = "you> "
QUIT = frozenset({"quit", "exit", ":q"})
RESET = frozenset({"new", "reset"})
HISTORY_LENGTH = 1000  # lines kept in the history file; readline trims the file to this on every save
FALLBACK_WIDTH = 80  # when the output is not a terminal (shutil.get_terminal_size's fallback)
MIN_WIDTH = 20  # narrower than this, wrapping would only make a column of single words

GREETING = ("pyframework console: ask about Python web frameworks. Follow-ups build on your earlier "
            "questions (`new` starts over); `help` shows examples, `quit` leaves.")
STARTED_OVER = "New conversation: your earlier questions are forgotten."
HELP_CONVERSATION = ("In this console, follow-ups build on your earlier questions (\"and it needs an admin\"); "
                     "`new` or `reset` starts a fresh conversation, `quit` leaves.")
HELP_INDEPENDENT = ("In this console, each piped line is answered on its own; `pyframework run --conversation` "
                    "reads them as one conversation.")
BUILT_ON = "(Read with your earlier questions; `new` starts over.)"

# A bullet or numbered item: its text continues under its first word, not under the marker.
_ITEM = re.compile(r"( *)((?:[-+*•]|\d{1,3}[.)]) +)?")
# The rule under a table's header row (render_text draws `-----  -----`): its whole block is a table.
_TABLE_RULE = re.compile(r" *-{2,}(?: {2,}-{2,})+ *")
# Columns lined up with runs of spaces, even without a rule: a table row that wrapping would scramble.
_COLUMN_GAP = re.compile(r"\S {2,}\S")
# A heading's underline (`=====`): shortened to the width instead of spilling onto a second line.
_UNDERLINE = re.compile(r"([=~-])\1*")


class Conversation:
    """The questions asked since the last `new`, oldest first: the console's equivalent of a DM thread.

    Bounded like the thread that Slack reads (MAX_THREAD_MESSAGES with the question being answered), so a
    long session costs no more per answer than a long thread; the oldest questions are dropped first."""

    def __init__(self, limit: int = MAX_THREAD_MESSAGES - 1) -> None:
        self._questions: deque[str] = deque(maxlen=limit)

    @property
    def discussion(self) -> tuple[str, ...]:
        return tuple(self._questions)

    def add(self, text: str) -> None:
        self._questions.append(text)

    def reset(self) -> None:
        self._questions.clear()


# -- wrapping ----------------------------------------------------------------------------------------


def terminal_width() -> int:
    """The terminal's width now (asked per answer, so a resized window is followed), at least MIN_WIDTH."""
    return max(MIN_WIDTH, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def wrap(text: str, width: int) -> str:
    """`text` folded to `width` columns at spaces, line by line.

    Each line keeps its indentation, and a bullet (`- `, `+ `, `• `, `1. `) hangs: its continuation lines
    start under its first word. Tables (a block with a column rule, or columns lined up by spaces) are
    left as they are, and nothing is cut inside a word: a word or URL longer than the width gets a line of
    its own and overflows it."""
    width = max(MIN_WIDTH, width)
    lines = text.split("\n")
    tables = _table_lines(lines)
    return "\n".join(line if i in tables else _wrap_line(line, width) for i, line in enumerate(lines))


def _table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of every block (lines between blank ones) that holds a table rule."""
    tables: set[int] = set()
    block: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            block.append(i)
            continue
        if any(_TABLE_RULE.fullmatch(lines[j]) for j in block):
            tables.update(block)
        block = []
    return tables


def _wrap_line(line: str, width: int) -> str:
    if len(line) <= width or _COLUMN_GAP.search(line.lstrip(" ")):
        return line
    if _UNDERLINE.fullmatch(line):
        return line[:width]
    item = _ITEM.match(line)  # always matches (everything in it is optional)
    first, indent = (item.group(0), item.group(1)) if item else ("", "")
    hang = " " * len(first) if len(first) <= width // 2 else indent[: width // 2]
    wrapper = textwrap.TextWrapper(width=width, initial_indent=first, subsequent_indent=hang,
                                   break_long_words=False, break_on_hyphens=False)
    return "\n".join(wrapper.wrap(line[len(first):])) or line


# -- the chat ----------------------------------------------------------------------------------------


def reply(engine: Engine, text: str, conversation: Conversation | None) -> str:
    """The answer to `text` as console text, read with the conversation so far, which then includes it.

    `conversation` is None when every question stands alone. Help ends with how this console remembers;
    an answer that used earlier questions says so, because the text may not show what it picked up."""
    discussion = conversation.discussion if conversation is not None else ()
    answer = engine.answer(text, discussion)
    parts = [render_text(present(answer, engine.kb))]
    parts.extend(_notes(answer, conversation))
    if conversation is not None and text.strip():
        conversation.add(text)
    return "\n\n".join(parts)


def _notes(answer: Answer, conversation: Conversation | None) -> list[str]:
    if answer.question.intent == "help":
        return [HELP_CONVERSATION if conversation is not None else HELP_INDEPENDENT]
    if conversation is not None and answer.question.from_discussion:
        return [BUILT_ON]
    return []


def chat(engine: Engine, lines: Iterable[str], out: TextIO, *, interactive: bool = False,
         remember: bool = True, width: int | None = None) -> None:
    """One answer per line until EOF or `quit`; `new` (or `reset`) forgets the earlier questions.

    `remember` makes the lines one conversation; `interactive` adds the greeting and lets an empty line
    just prompt again (piped, an empty line still gets its answer, so answers and lines stay paired).
    `width` None follows the terminal."""
    conversation = Conversation() if remember else None
    measure: Callable[[], int] = terminal_width if width is None else (lambda: width)
    if interactive:
        out.write(wrap(GREETING, measure()) + "\n")
    for line in lines:
        text = line.rstrip("\r\n")
        command = text.strip().lower()
        if command in QUIT:
            break
        if interactive and not command:
            continue
        if command in RESET:
            if conversation is not None:
                conversation.reset()
            out.write(STARTED_OVER + "\n\n")
        else:
            out.write(wrap(reply(engine, text, conversation), measure()) + "\n\n")
        out.flush()


# -- the terminal ------------------------------------------------------------------------------------


def load_readline() -> ModuleType | None:
    """The readline module (GNU readline or libedit), or None where Python has none (Windows).

    Importing it is what gives input() line editing and history, so it is imported only for a terminal:
    piped input never needs it, and some builds print escape codes when it loads."""
    try:
        import readline
    except ImportError:
        return None
    return readline


def history_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """$XDG_STATE_HOME/pyframework/history, by default ~/.local/state/pyframework/history.

    None when there is no home to put it in: the console then keeps history for the session only."""
    state = environ.get("XDG_STATE_HOME", "")
    if os.path.isabs(state):  # the XDG spec says a relative value is to be ignored
        return Path(state) / "pyframework" / "history"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None
    return home / ".local" / "state" / "pyframework" / "history" if home.is_absolute() else None


class History:
    """readline's history, read from a file when the console starts and added to it when it ends.

    History is a convenience: a file that cannot be read or written (permissions, a full disk, a folder
    in its place) is skipped without a word rather than ending the chat. Only the lines typed in this
    session are appended, so two consoles open at once both keep theirs."""

    def __init__(self, readline: ModuleType, path: Path | None) -> None:
        self.readline = readline
        self.path = path
        self._loaded = 0

    def load(self) -> None:
        self.readline.set_history_length(HISTORY_LENGTH)
        if self.path is not None:
            with suppress(OSError, ValueError):  # ValueError: a path readline cannot take (a NUL in it)
                self.readline.read_history_file(str(self.path))
        self._loaded = self.readline.get_current_history_length()

    def drop_repeat(self) -> None:
        """Forget the line just typed if it repeats the one before, so the up arrow never shows it twice."""
        count = self.readline.get_current_history_length()
        if count > max(1, self._loaded) and \
                self.readline.get_history_item(count) == self.readline.get_history_item(count - 1):
            self.readline.remove_history_item(count - 1)  # get_history_item counts from 1, remove from 0

    def save(self) -> None:
        if self.path is None:
            return
        new = self.readline.get_current_history_length() - self._loaded
        with suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():  # the questions are nobody else's business
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            append = getattr(self.readline, "append_history_file", None)  # missing from some libedit builds
            if append is not None and new >= 0:
                append(new, str(self.path))  # trims the file to HISTORY_LENGTH lines, too
            else:
                self.readline.write_history_file(str(self.path))


def terminal_lines(read: Callable[[str], str] | None = None, history: History | None = None) -> Iterator[str]:
    """Lines typed at the prompt until Ctrl-D or Ctrl-C, which end the chat on a fresh line.

    `read` is input() by default, looked up on each call: with readline loaded, that is what edits lines."""
    read = read or input
    while True:
        try:
            line = read(PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if history is not None:
            history.drop_repeat()
        yield line


@contextmanager
def kept_history(readline: ModuleType | None, path: Path | None) -> Iterator[History | None]:
    """The session's History, loaded on entry and saved on the way out, however the chat ends."""
    if readline is None:
        yield None
        return
    history = History(readline, path)
    history.load()
    try:
        yield history
    finally:
        history.save()


def run(engine: Engine, *, conversation: bool = False, stdin: TextIO | None = None,
        stdout: TextIO | None = None) -> int:
    """The console: a chat with editing and history on a terminal, one answer per line otherwise.

    A terminal is always one conversation; piped lines are one only with `conversation`."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if not stdin.isatty():
        chat(engine, stdin, stdout, remember=conversation)
        return 0
    with kept_history(load_readline(), history_path()) as history:
        chat(engine, terminal_lines(history=history), stdout, interactive=True)
    return 0
