"""A built engine kept on disk between processes, so that `pyframework ask` does not parse the knowledge,
check it and build the reader and the advisor every time it starts (most of a cold start).

The file's name is a digest of everything the engine is built from: the knowledge folder in use
($PYFRAMEWORK_KNOWLEDGE or the bundled one) and every file in it, every file of the `bot` package (each by
name, size and modification time, as Python checks its own bytecode), the Python version and the date (the
knowledge's checks compare dates with today).
Any edit gives another name, so a stored engine is never stale; the others are removed when a new one is
written. A file that cannot be read, written or trusted (not ours, or writable by others) is not used: the
engine is built as without it. Nothing here is needed for correctness, only for speed.

Where: $PYFRAMEWORK_CACHE_DIR, else $XDG_CACHE_HOME/pyframework, else ~/.cache/pyframework;
PYFRAMEWORK_CACHE_DIR=off builds the engine every time.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import knowledge
from bot.engine import Engine

if TYPE_CHECKING:
    from typing import BinaryIO

try:  # the built-in SHA-256: hashlib would load OpenSSL first, a few milliseconds of every start
    from _sha256 import sha256
except ImportError:  # Python 3.12 and later call it _sha2; a build without either has hashlib's
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_SUFFIXES = (".py", ".sql")


def cache_dir() -> Path | None:
    """Where stored engines go, or None when turned off."""
    configured = os.environ.get("PYFRAMEWORK_CACHE_DIR", "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "pyframework"


def source_key(knowledge_dir: Path | None = None) -> str:
    """A digest of what an engine is built from (see the module's docstring): the knowledge folder Engine()
    reads (by default, the one $PYFRAMEWORK_KNOWLEDGE names, else the bundled one), each file by name, size and
    modification time: what Python itself trusts to tell a stale .pyc (reading and hashing ~1.5 MB of sources
    instead cost 6-7 ms of every start, a twentieth of a cold `ask`)."""
    folder = knowledge.knowledge_dir(knowledge_dir).resolve()
    digest = sha256(f"{sys.version}\n{dt.date.today().isoformat()}\n{folder}\n".encode())
    files = [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]
    files += [os.path.join(top, name) for top, dirs, names in os.walk(PACKAGE_DIR) if "__pycache__" not in top
              for name in names if name.endswith(SOURCE_SUFFIXES)]
    for path in sorted(files):  # os.walk, not Path.rglob: it needs no fnmatch, a few ms of every start
        info = os.stat(path)
        digest.update(f"{path}\n{info.st_size}\n{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _trusted(path: Path) -> bool:
    """Ours and writable only by us: a stored engine is code to this process (pickle)."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load_engine(folder: Path | None = None) -> tuple[Engine, bool]:
    """The engine for the default knowledge base, and whether it came from disk. Builds it (and stores it)
    when there is no usable stored one; KnowledgeError as Engine() raises it."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return Engine(), False
    try:
        path = folder / f"engine-{source_key()}.pickle"
    except OSError:  # a source file that cannot be read: Engine() says what is wrong
        return Engine(), False
    try:
        if path.exists() and _trusted(folder) and _trusted(path):
            with open(path, "rb") as handle:
                engine = _unpickled(handle)
            if isinstance(engine, Engine):
                return engine, True
    except Exception:  # unreadable, truncated, from other code: build it and store it again
        pass
    engine = Engine()
    _store(engine, folder, path)
    return engine, False


def _unpickled(handle: BinaryIO) -> object:
    """The stored engine, read with the cyclic garbage collector paused: its ~26,000 new containers would
    otherwise start some ninety collections, each walking young objects that all survive (a fifth of the
    load's time: 18 ms instead of 23). Nothing made while loading is garbage, so pausing loses nothing."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if paused:
            gc.enable()


def _store(engine: Engine, folder: Path, path: Path) -> None:
    """Write atomically (a reader never sees half a file), then remove the engines of older sources."""
    import tempfile  # only when storing

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(folder):
            return
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".engine-", delete=False) as handle:
            try:
                pickle.dump(engine, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(handle.name)
                raise
        os.replace(handle.name, path)
        for old in folder.glob("engine-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        for left in folder.glob(".engine-*"):  # a process killed while writing leaves its temporary file
            if left.stat().st_mtime < path.stat().st_mtime - 600:
                left.unlink(missing_ok=True)
    except Exception:  # a full disk or a read-only home: the next start builds the engine again
        return
